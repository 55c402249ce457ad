package apinizer

// Ptr returns a pointer to v. The settings types use pointers for their
// booleans and numbers so that false and 0 are sent while nil is not:
// apinizer.Ptr(false), apinizer.Ptr(30).
func Ptr[T any](v T) *T { return &v }
