package apinizer

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"path"
	"strings"
	"unicode"
)

// File is one file to upload: Name is sent as the part's file name, and
// Content is read for the bytes. An io.ReadSeeker (an *os.File, a
// *bytes.Reader) is streamed from where it stands and rewound there for
// each attempt, so a retry sends the identical bytes without a copy in
// memory and without a size cap. Any other io.Reader is read once into
// memory, at most WithMaxUploadSize bytes (default 64 MiB).
type File struct {
	Name    string
	Content io.Reader
}

// defaultMaxUploadSize is WithMaxUploadSize's default.
const defaultMaxUploadSize = 64 << 20

// form is a multipart/form-data body: text fields in order, then one file.
type form struct {
	fields    []formField
	fileField string // the file part's name, e.g. "specFile"
	file      File
}

// formField is one text part; a JSON text is sent as a plain field, as
// the vendor's examples send "metadata".
type formField struct{ name, value string }

// checkFile refuses a file the API cannot take: no content, no name, or a
// name that would break the part's header. what names it in the error.
func checkFile(what string, f File) error {
	switch {
	case f.Content == nil:
		return invalidArgument(what+".Content", "is nil")
	case f.Name == "":
		return invalidArgument(what+".Name", "is empty")
	}
	for _, r := range f.Name {
		if unicode.IsControl(r) {
			return invalidArgument(what+".Name", fmt.Sprintf("holds control character %U", r))
		}
	}
	return nil
}

// checkZip refuses an archive whose name does not end in ".zip" (any
// case): the import endpoints answer 400 for one.
func checkZip(what string, f File) error {
	if err := checkFile(what, f); err != nil {
		return err
	}
	if !strings.EqualFold(path.Ext(f.Name), ".zip") {
		return invalidArgument(what+".Name", fmt.Sprintf("%q does not end in .zip, which the API requires", f.Name))
	}
	return nil
}

// multipartBody is a form ready to be sent once per attempt with the same
// bytes: the encoded fields and file header (head), the file's content,
// and the closing boundary (tail).
type multipartBody struct {
	contentType string
	head, tail  []byte
	seeker      io.ReadSeeker // a streamed file, from start for size bytes
	start, size int64
	data        []byte // a file read into memory
}

// newMultipart encodes a form. A seekable file is measured, not read; any
// other is read whole, at most max bytes.
func newMultipart(f *form, max int64) (*multipartBody, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, field := range f.fields {
		if err := w.WriteField(field.name, field.value); err != nil {
			return nil, err
		}
	}
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%s`, f.fileField, quoteFilename(f.file.Name)))
	h.Set("Content-Type", fileType(f.file.Name))
	if _, err := w.CreatePart(h); err != nil {
		return nil, err
	}
	m := &multipartBody{contentType: w.FormDataContentType()}
	m.head = bytes.Clone(buf.Bytes())
	buf.Reset()
	if err := w.Close(); err != nil {
		return nil, err
	}
	m.tail = bytes.Clone(buf.Bytes())
	if s, ok := f.file.Content.(io.ReadSeeker); ok {
		start, err := s.Seek(0, io.SeekCurrent)
		if err == nil {
			var end int64
			if end, err = s.Seek(0, io.SeekEnd); err == nil {
				_, err = s.Seek(start, io.SeekStart)
			}
			m.seeker, m.start, m.size = s, start, end-start
		}
		if err != nil {
			return nil, fmt.Errorf("apinizer: measuring %s: %w", f.file.Name, err)
		}
		return m, nil
	}
	data, err := io.ReadAll(io.LimitReader(f.file.Content, max+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("apinizer: reading %s: %w", f.file.Name, err)
	case int64(len(data)) > max:
		return nil, invalidArgument("File.Content", fmt.Sprintf("%s holds more than %d bytes (WithMaxUploadSize); give an io.ReadSeeker to stream it", f.file.Name, max))
	}
	m.data = data
	return m, nil
}

// reader returns the whole body from its start, for one attempt.
func (m *multipartBody) reader() (io.Reader, error) {
	file := io.Reader(bytes.NewReader(m.data))
	if m.seeker != nil {
		if _, err := m.seeker.Seek(m.start, io.SeekStart); err != nil {
			return nil, err
		}
		file = io.LimitReader(m.seeker, m.size)
	}
	return &lenReader{Reader: io.MultiReader(bytes.NewReader(m.head), file, bytes.NewReader(m.tail)),
		n: len(m.head) + len(m.data) + int(m.size) + len(m.tail)}, nil
}

// lenReader tells go-retryablehttp the body's length, so it is sent with
// a Content-Length rather than chunked.
type lenReader struct {
	io.Reader
	n int
}

// Len returns the body's length.
func (l *lenReader) Len() int { return l.n }

// quoteFilename quotes a file name for a Content-Disposition header: the
// backslash and the double quote are escaped (control characters were
// refused by checkFile).
func quoteFilename(name string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(name) + `"`
}

// fileType is the file part's Content-Type, by the name's extension.
// Whether the API reads it is not documented.
func fileType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".json":
		return "application/json"
	case ".yaml", ".yml":
		return "application/yaml"
	case ".wsdl", ".xml", ".xsd":
		return "text/xml"
	case ".zip":
		return "application/zip"
	}
	return "application/octet-stream"
}
