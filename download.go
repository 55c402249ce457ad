package apinizer

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"unicode"
)

// Download is what a streamed download wrote.
type Download struct {
	Filename string // from Content-Disposition, the base name only; "" when absent
	Size     int64  // bytes written to the caller's io.Writer
}

// isDownload reports whether a 2xx answer to a download is the file: any
// Content-Type but JSON. An answer labelled JSON, or unlabelled and
// starting with "{", is a failure envelope where a file was expected (or
// an answer the SDK does not know): it is decoded as usual and nothing is
// written. It may wrap resp.Body to look at its start.
func isDownload(resp *http.Response) bool {
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		return !isJSON(ct)
	}
	br := bufio.NewReaderSize(resp.Body, 512)
	resp.Body = struct {
		io.Reader
		io.Closer
	}{br, resp.Body}
	start, _ := br.Peek(512)
	trimmed := bytes.TrimLeft(start, " \t\r\n")
	return len(trimmed) == 0 || trimmed[0] != '{'
}

// streamDownload copies a 2xx body into w, without a size cap or a copy
// in memory. A body that breaks off, or is shorter than its
// Content-Length, is an *Error (ErrUnexpectedResponse) that says how many
// bytes were written; the Download says it too.
func streamDownload(ctx context.Context, resp *http.Response, st *callState, w io.Writer) (*Download, error) {
	defer resp.Body.Close()
	dl := &Download{Filename: attachmentName(resp.Header.Get("Content-Disposition"))}
	src := &limitedReader{r: resp.Body, n: 1<<63 - 1}
	n, err := io.Copy(w, src)
	dl.Size = n
	env := envelope{resp: resp, st: st}
	switch {
	case src.readErr != nil:
		return dl, env.unexpected(fmt.Errorf("download broke off after %d bytes written: %w", n, brokeOff(ctx, st, resp.StatusCode, src.readErr)), nil)
	case err != nil: // the caller's writer
		return dl, fmt.Errorf("apinizer: %s %s: writing the download after %d bytes: %w", st.method, st.path, n, err)
	case resp.ContentLength >= 0 && n != resp.ContentLength:
		return dl, env.unexpected(fmt.Errorf("download broke off after %d bytes written, of %d announced", n, resp.ContentLength), nil)
	}
	return dl, nil
}

// attachmentName is the file name a Content-Disposition header gives, cut
// to its base name: a server's name never climbs out of the caller's
// folder ("../x" gives "x"), and control characters are dropped.
func attachmentName(cd string) string {
	if cd == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(cd)
	if err != nil {
		return ""
	}
	name := path.Base(strings.ReplaceAll(params["filename"], `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	if name == "." || name == "/" || name == ".." {
		return ""
	}
	return name
}
