package apinizertest

// group is one API proxy group's state.
type group struct {
	name string
}

func newGroup(name string) *group { return &group{name: name} }

// AddAPIProxyGroup adds an API proxy group that GrantAccess can name with
// type API_PROXY_GROUP. It panics if the project was not added.
func (s *Server) AddAPIProxyGroup(project, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.mustProject("AddAPIProxyGroup", project)
	if p.groups[name] == nil {
		p.groups[name] = newGroup(name)
	}
}
