package apinizertest

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"slices"
	"strings"
)

// wsdlDefinitions is what is read of a WSDL 1.1 definitions element.
type wsdlDefinitions struct {
	Name          string   `xml:"name,attr"`
	Documentation wsdlText `xml:"http://schemas.xmlsoap.org/wsdl/ documentation"`
	PortTypes     []struct {
		Operations []struct {
			Name          string   `xml:"name,attr"`
			Documentation wsdlText `xml:"http://schemas.xmlsoap.org/wsdl/ documentation"`
		} `xml:"http://schemas.xmlsoap.org/wsdl/ operation"`
	} `xml:"http://schemas.xmlsoap.org/wsdl/ portType"`
	Services []struct {
		Name  string `xml:"name,attr"`
		Ports []struct {
			SOAP   []wsdlAddress `xml:"http://schemas.xmlsoap.org/wsdl/soap/ address"`
			SOAP12 []wsdlAddress `xml:"http://schemas.xmlsoap.org/wsdl/soap12/ address"`
		} `xml:"http://schemas.xmlsoap.org/wsdl/ port"`
	} `xml:"http://schemas.xmlsoap.org/wsdl/ service"`
}

// wsdlAddress is a soap:address or soap12:address element.
type wsdlAddress struct {
	Location string `xml:"location,attr"`
}

// wsdlText is a documentation element's text, that of nested elements
// included, each run of white space made one space.
type wsdlText string

// UnmarshalXML gathers the character data up to the element's end.
func (t *wsdlText) UnmarshalXML(d *xml.Decoder, _ xml.StartElement) error {
	var b strings.Builder
	for depth := 1; depth > 0; {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			b.Write(tok)
		}
	}
	*t = wsdlText(strings.Join(strings.Fields(b.String()), " "))
	return nil
}

// parseWSDL reads a WSDL 1.1 document, in UTF-8.
func parseWSDL(data []byte) (*parsedSpec, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "us-ascii") {
			return r, nil
		}
		return nil, specErrorf("spec: XML encoding %s is not supported; want UTF-8", quoteClip(label))
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil, specErrorf("spec: XML has no root element")
		} else if err != nil {
			return nil, xmlError(err)
		}
		if text, ok := tok.(xml.CharData); ok && len(bytes.TrimSpace(text)) > 0 {
			return nil, specErrorf("spec: text before the XML root element")
		}
		root, ok := tok.(xml.StartElement)
		switch {
		case !ok:
			continue
		case root.Name.Space == nsWSDL20:
			return nil, specErrorf("spec: WSDL 2.0 (<description>) is not supported; want WSDL 1.1 <definitions>")
		case root.Name.Local != "definitions":
			return nil, specErrorf("spec: XML root is <%s>; want WSDL 1.1 <definitions>", clip(root.Name.Local, maxEcho))
		case root.Name.Space != nsWSDL11:
			return nil, specErrorf("spec: <definitions> is in namespace %s; want %s", quoteClip(root.Name.Space), nsWSDL11)
		}
		var defs wsdlDefinitions
		if err := dec.DecodeElement(&defs, &root); err != nil {
			return nil, xmlError(err)
		}
		return defs.spec()
	}
}

// xmlError words an error of encoding/xml as one line.
func xmlError(err error) error {
	var se *specError
	var syn *xml.SyntaxError
	switch {
	case errors.As(err, &se):
		return se
	case errors.As(err, &syn):
		return specErrorf("spec: not well-formed XML: line %d: %s", syn.Line, clip(syn.Msg, 52))
	}
	return specErrorf("spec: bad XML: %s", clip(strings.TrimPrefix(err.Error(), "xml: "), 52))
}

// spec makes the definitions' parsedSpec: each operation name of every
// portType once, as a POST endpoint.
func (d *wsdlDefinitions) spec() (*parsedSpec, error) {
	ps := &parsedSpec{Kind: "WSDL", Title: strings.TrimSpace(d.Name), Description: string(d.Documentation)}
	index := map[string]int{} // operation name → its endpoint's index
	for _, pt := range d.PortTypes {
		for _, op := range pt.Operations {
			name := strings.TrimSpace(op.Name)
			if i, ok := index[name]; ok {
				ps.Endpoints[i].Description = cmp.Or(ps.Endpoints[i].Description, string(op.Documentation))
				continue
			}
			if name == "" {
				continue
			}
			if len(index) == maxSpecItems {
				return nil, specErrorf("spec: more than %d operations", maxSpecItems)
			}
			index[name] = len(ps.Endpoints)
			ps.Endpoints = append(ps.Endpoints, specEndpoint{Path: "/" + name, Method: "POST", Description: string(op.Documentation)})
		}
	}
	if len(ps.Endpoints) == 0 {
		return nil, specErrorf("spec: WSDL declares no operations")
	}
	slices.SortFunc(ps.Endpoints, func(a, b specEndpoint) int { return strings.Compare(a.Path, b.Path) })
	for _, s := range d.Services {
		ps.Title = cmp.Or(ps.Title, strings.TrimSpace(s.Name))
		for _, p := range s.Ports {
			for _, a := range slices.Concat(p.SOAP, p.SOAP12) {
				ps.Servers = appendNew(ps.Servers, strings.TrimSpace(a.Location))
			}
		}
	}
	return ps, nil
}

// parseSpecZip reads a ZIP holding one .wsdl file and the XSDs it
// imports, which are not read. Entries under __MACOSX/ and "._" files,
// which macOS adds, are not counted as .wsdl files.
func parseSpecZip(data []byte) (*parsedSpec, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, specErrorf("spec: not a readable zip: %s", clip(strings.TrimPrefix(err.Error(), "zip: "), 56))
	}
	if len(zr.File) > maxZipEntries {
		return nil, specErrorf("spec: zip holds %d entries; at most %d", len(zr.File), maxZipEntries)
	}
	var wsdls []*zip.File
	for _, f := range zr.File {
		if f.UncompressedSize64 > maxSpecBytes {
			return nil, specErrorf("spec: zip entry %s is over 16 MiB uncompressed", quoteClip(f.Name))
		}
		name := strings.ReplaceAll(f.Name, `\`, "/")
		if base := path.Base(name); !strings.HasSuffix(name, "/") && strings.EqualFold(path.Ext(base), ".wsdl") &&
			!strings.HasPrefix(name, "__MACOSX/") && !strings.HasPrefix(base, "._") {
			wsdls = append(wsdls, f)
		}
	}
	switch len(wsdls) {
	case 0:
		return nil, specErrorf("spec: zip holds no .wsdl file")
	case 1:
	default:
		return nil, specErrorf("spec: zip holds %d .wsdl files", len(wsdls))
	}
	b, err := readZipEntry(wsdls[0])
	if err == nil {
		var ps *parsedSpec
		if ps, err = parseWSDLEntry(b); err == nil {
			return ps, nil
		}
	}
	return nil, specErrorf("spec: the zip's .wsdl file: %s", strings.TrimPrefix(err.Error(), "spec: "))
}

// readZipEntry reads one entry, at most maxSpecBytes of it.
func readZipEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, errors.New(clip(strings.TrimPrefix(err.Error(), "zip: "), 56))
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxSpecBytes+1))
	switch {
	case err != nil:
		return nil, errors.New(clip(strings.TrimPrefix(err.Error(), "zip: "), 56))
	case len(b) > maxSpecBytes:
		return nil, errors.New("over 16 MiB uncompressed")
	}
	return b, nil
}

// parseWSDLEntry reads a ZIP's .wsdl file, which must be XML.
func parseWSDLEntry(b []byte) (*parsedSpec, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if t := bytes.TrimLeft(b, " \t\r\n"); len(t) == 0 || t[0] != '<' {
		return nil, errors.New("not XML")
	}
	return parseWSDL(b)
}
