package apinizer

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// rawServer is a loopback TCP server that speaks HTTP/1.1 by hand, so a
// test can break the protocol anywhere: reset before the status line or
// mid-body, lie in Content-Length, dribble bytes, or never answer.
type rawServer struct {
	ln       net.Listener
	answer   func(conn net.Conn, req *http.Request) (keepOpen bool)
	requests atomic.Int32
	conns    atomic.Int32 // connections accepted
	open     atomic.Int32 // connections open now
	maxOpen  atomic.Int32 // most connections open at once
	done     chan struct{}
	wg       sync.WaitGroup
	mu       sync.Mutex
	live     map[net.Conn]struct{}
	stop     sync.Once
}

// newRawServer starts a server that calls answer for each request read.
// answer writes whatever it likes to conn and says whether the connection
// may carry another request. The server stops at the end of the test.
func newRawServer(t testing.TB, answer func(conn net.Conn, req *http.Request) bool) *rawServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &rawServer{ln: ln, answer: answer, done: make(chan struct{}), live: map[net.Conn]struct{}{}}
	s.wg.Add(1)
	go s.serve()
	t.Cleanup(s.close)
	return s
}

func (s *rawServer) url() string { return "http://" + s.ln.Addr().String() }

func (s *rawServer) serve() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.conns.Add(1)
		if n := s.open.Add(1); n > s.maxOpen.Load() {
			s.maxOpen.Store(n) // approximate under races; a bound, not a count
		}
		s.mu.Lock()
		s.live[conn] = struct{}{}
		s.mu.Unlock()
		s.wg.Add(1)
		go s.handle(conn)
	}
}

func (s *rawServer) handle(conn net.Conn) {
	defer s.wg.Done()
	defer func() {
		conn.Close()
		s.open.Add(-1)
		s.mu.Lock()
		delete(s.live, conn)
		s.mu.Unlock()
	}()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		_, _ = io.Copy(io.Discard, req.Body)
		s.requests.Add(1)
		if !s.answer(conn, req) {
			return
		}
	}
}

// close stops accepting, closes every connection and waits for handlers.
func (s *rawServer) close() {
	s.stop.Do(func() {
		close(s.done)
		s.ln.Close()
		s.mu.Lock()
		for c := range s.live {
			c.Close()
		}
		s.mu.Unlock()
		s.wg.Wait()
	})
}

// Fault behaviours for rawServer. Each returns whether the connection may
// be reused.

// reset closes the connection with a TCP RST.
func reset(conn net.Conn) bool {
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	conn.Close()
	return false
}

// writeResponse writes a whole response with the given status line,
// content type and body, and a correct Content-Length.
func writeResponse(conn net.Conn, status int, contentType string, extra string, body []byte) bool {
	head := "HTTP/1.1 " + strconv.Itoa(status) + " " + http.StatusText(status) + "\r\n" +
		"Content-Type: " + contentType + "\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n" + extra + "\r\n"
	if _, err := io.WriteString(conn, head); err != nil {
		return false
	}
	_, err := conn.Write(body)
	return err == nil
}

// writeHead writes a 200 status line and headers announcing length bytes.
func writeHead(conn net.Conn, length int) error {
	_, err := io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "+
		strconv.Itoa(length)+"\r\n\r\n")
	return err
}

// dribble writes body one byte at a time, pausing between bytes, and stops
// early if the server is closing.
func (s *rawServer) dribble(conn net.Conn, body []byte, pause time.Duration) bool {
	if writeHead(conn, len(body)) != nil {
		return false
	}
	for i := range body {
		select {
		case <-s.done:
			return false
		case <-time.After(pause):
		}
		if _, err := conn.Write(body[i : i+1]); err != nil {
			return false
		}
	}
	return true
}

// silence reads until the client gives up (or the server closes) and
// never answers.
func silence(conn net.Conn) bool {
	_, _ = io.Copy(io.Discard, conn)
	return false
}

// isTransport reports whether err is a wrapped transport failure (a
// *url.Error), not an answer of the API.
func isTransport(err error) bool {
	var e *Error
	var ue *url.Error
	return !errors.As(err, &e) && errors.As(err, &ue)
}
