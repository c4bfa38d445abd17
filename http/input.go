package http

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/stretchwise/stretchwise"
)

// errNUL is the answer to text holding a NUL character: PostgreSQL cannot
// store one in a text column, and no person types one, so it is refused
// everywhere, on both stores alike.
var errNUL = stretchwise.Errorf(stretchwise.EINVALID, "Text may not contain the NUL character (\\u0000).")

// rejectNUL refuses a request whose path or query holds a NUL character
// (%00) before any handler sees it. Header values cannot hold one: net/http
// refuses them. Bodies are checked where they are decoded (unmarshalStrict,
// and package recording for recordings).
func rejectNUL(next http.Handler, fail func(http.ResponseWriter, *http.Request, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.IndexByte(r.URL.Path, 0) >= 0 || strings.Contains(r.URL.RawQuery, "%00") || strings.IndexByte(r.URL.RawQuery, 0) >= 0 {
			fail(w, r, errNUL)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// jsonHasNUL reports whether a JSON text holds a NUL character in a
// string: a raw NUL byte is not valid JSON anyway, so only the escape
// \u0000 counts, and only when its backslash is not itself escaped.
func jsonHasNUL(raw []byte) bool {
	for i := 0; ; {
		j := bytes.Index(raw[i:], []byte(`\u0000`))
		if j < 0 {
			return false
		}
		j += i
		k := j
		for k > 0 && raw[k-1] == '\\' {
			k--
		}
		if (j-k)%2 == 0 {
			return true
		}
		i = j + 1
	}
}

// bodyStep is the largest body received straight into memory, and the
// size of each read: a larger body, or one of unknown length, is written to
// disk while it arrives (spoolBody). Our choice: a few reads' worth, small
// beside the budget, larger than any document the app sends.
const bodyStep = 256 << 10

// workKey is whom the limiter counts a request against: the signed-in
// account, else the client address.
func (s *Server) workKey(r *http.Request) string {
	if holder, ok := r.Context().Value(userKey).(*int64); ok && *holder != 0 {
		return "user:" + strconv.FormatInt(*holder, 10)
	}
	return "ip:" + s.clientIP(r)
}

// errBusy is the answer when the limiter has no room within WorkWait.
var errBusy = stretchwise.Errorf(stretchwise.EUNAVAILABLE, "The server is busy; try again in a few seconds.")

// Classes of expensive work: the limiter serves first the class (and the
// key) that used the fewest slot-seconds lately, so that a flood of one
// kind waits behind the others (limiter).
const (
	classSignIn = "sign-in" // password checks and hashes before sign-in: login, sign-up, reset
	// classKnownDevice is a login from a browser that signed in to that
	// account before (DeviceCookieName), keyed by the account.
	classKnownDevice = "sign-in, known device"
	classPassword    = "password" // a signed-in person's new password
	classUpload      = "upload"
	classIssue       = "issue report"
	classExport      = "export"
)

// acquireWork waits up to WorkWait for bytes of the computations' memory
// and slots of their slots under key for work of class, and marks the
// request as one doing expensive work (cheapRequests). The caller calls
// release once done.
func (s *Server) acquireWork(ctx context.Context, key, class string, bytes int64, slots int) (release func(), err error) {
	if mark, ok := ctx.Value(expensiveKey).(*atomic.Bool); ok {
		mark.Store(true)
	}
	if err := s.acquire(ctx, s.work, key, class, bytes, slots); err != nil {
		return nil, err
	}
	start := time.Now()
	return func() { s.work.releaseUsed(key, class, bytes, slots, time.Since(start)) }, nil
}

// acquire waits up to WorkWait for room in l.
func (s *Server) acquire(ctx context.Context, l *limiter, key, class string, bytes int64, slots int) error {
	wctx, cancel := context.WithTimeout(ctx, s.cfg.WorkWait)
	defer cancel()
	if err := l.acquire(wctx, key, class, bytes, slots); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("wait for the limiter: %w", ctx.Err())
		}
		return errBusy
	}
	return nil
}

// receive reads a request body of at most limit bytes into buf and
// returns the bodies' memory it holds, which the caller releases under the
// same key with s.bodies.release when done with the body (also on error).
//
// No request holds memory while its client is still sending: a body of at
// most bodyStep declared bytes takes that much before it is read (one of
// unknown length bodyStep, and past it is refused with 411), and a larger
// one is first written to disk within the spool's budget and takes its
// memory only once it has all arrived. A declared length over limit is
// refused (413) before anything is read.
// So clients that trickle (three accounts each declaring 60 MB at 1 KB/s)
// hold disk, not the memory that others' uploads need, and a request that
// holds memory never waits on a client. A client sending slower than
// MinBodyRate once BodyGrace has passed is cut off with 408.
func (s *Server) receive(w http.ResponseWriter, r *http.Request, key string, buf *bytes.Buffer, limit int64) (held int64, err error) {
	if err := checkLength(r, limit); err != nil {
		return 0, err
	}
	if r.ContentLength < 0 || r.ContentLength <= bodyStep {
		want := min(limit, bodyStep)
		if r.ContentLength >= 0 {
			want = min(r.ContentLength, limit)
		}
		if err := s.acquire(r.Context(), s.bodies, key, "", want, 0); err != nil {
			return 0, err
		}
		_, err := s.copyBody(w, r, buf, want)
		if stretchwise.ErrorCode(err) == stretchwise.ETOOLARGE && r.ContentLength < 0 && want < limit {
			err = errLengthRequired
		} else if stretchwise.ErrorCode(err) == stretchwise.ETOOLARGE {
			err = stretchwise.Errorf(stretchwise.ETOOLARGE, "The body is larger than %d bytes.", limit)
		}
		return want, err
	}
	f, n, release, err := s.spoolBody(w, r, key, limit)
	if err != nil {
		return 0, err
	}
	defer release()
	if err := s.acquire(r.Context(), s.bodies, key, "", n, 0); err != nil {
		return 0, err
	}
	buf.Grow(int(n))
	if _, err := buf.ReadFrom(f); err != nil {
		return n, fmt.Errorf("read the spooled body back: %w", err)
	}
	return n, nil
}

// errLengthRequired answers a body of unknown length (chunked) larger than
// bodyStep: it would have to be read to its cap (64 MiB for a recording)
// before it could be refused, and no client of ours sends one.
var errLengthRequired = stretchwise.Errorf(stretchwise.ELENGTH, "A body larger than %d KiB must be sent with its length (Content-Length).", bodyStep>>10)

// checkLength refuses at once a body whose declared length is over limit,
// before any of it is read (the answer closes the connection, s.Error).
func checkLength(r *http.Request, limit int64) error {
	if r.ContentLength > limit {
		return stretchwise.Errorf(stretchwise.ETOOLARGE, "The body is larger than %d bytes.", limit)
	}
	return nil
}

// spoolBody writes a request body of declared length (at most limit) to an
// unlinked file in SpoolDir, within the spool's disk budget (its declared
// length, taken before any of it is read). It returns
// the file, rewound, the body's length, and release, which closes the
// file and gives the disk back.
func (s *Server) spoolBody(w http.ResponseWriter, r *http.Request, key string, limit int64) (f *os.File, n int64, release func(), err error) {
	want := r.ContentLength // declared, at most limit (checkLength)
	if err := s.acquire(r.Context(), s.spool, key, "", want, 0); err != nil {
		return nil, 0, nil, err
	}
	f, err = os.CreateTemp(s.cfg.SpoolDir, "stretchwise-body-*")
	if err != nil {
		s.spool.release(key, want, 0)
		return nil, 0, nil, s.spoolError(err)
	}
	os.Remove(f.Name()) // the open file lives on; a crash leaves nothing
	release = func() {
		f.Close()
		s.spool.release(key, want, 0)
	}
	n, err = s.copyBody(w, r, f, limit)
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		release()
		return nil, 0, nil, s.spoolError(err)
	}
	return f, n, release, nil
}

// spoolError keeps the answers of copyBody and says that a spool that
// cannot be written is full storage (507), whatever the store.
func (s *Server) spoolError(err error) error {
	if stretchwise.ErrorCode(err) != stretchwise.EINTERNAL {
		return err
	}
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		s.fullAt.Store(s.now().UnixNano())
		return stretchwise.Errorf(stretchwise.EFULL, "The server's storage is full, so nothing was saved. Try again later.")
	}
	return fmt.Errorf("spool a request body: %w", err)
}

// copyBody copies a request body of at most limit bytes to dst, a step at
// a time, with a read deadline that grows with what has arrived: the body
// must come at MinBodyRate or faster after BodyGrace.
func (s *Server) copyBody(w http.ResponseWriter, r *http.Request, dst io.Writer, limit int64) (int64, error) {
	rc := http.NewResponseController(w)
	defer rc.SetReadDeadline(time.Time{})
	start := time.Now()
	body := http.MaxBytesReader(w, r.Body, limit)
	out := &writeErr{w: dst}
	var total int64
	for {
		due := time.Duration(float64(total+bodyStep) / float64(s.cfg.MinBodyRate) * float64(time.Second))
		rc.SetReadDeadline(start.Add(s.cfg.BodyGrace + due)) // not supported: no deadline
		n, err := io.Copy(out, io.LimitReader(body, bodyStep))
		total += n
		var mbe *http.MaxBytesError
		var ne net.Error
		switch {
		case errors.As(err, &mbe):
			return total, stretchwise.Errorf(stretchwise.ETOOLARGE, "The body is larger than %d bytes.", limit)
		case errors.As(err, &ne) && ne.Timeout():
			return total, stretchwise.Errorf(stretchwise.ETIMEOUT, "The body came slower than %d KiB/s and was cut off.", s.cfg.MinBodyRate>>10)
		case out.err != nil:
			return total, out.err
		case err != nil:
			return total, stretchwise.Errorf(stretchwise.EINVALID, "The body was cut short.")
		case n < bodyStep: // the end
			return total, nil
		}
	}
}

// readBody reads a whole request body of at most limit bytes through
// receive and releases the limiter's memory once done() is called.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request, limit int64) (body []byte, done func(), err error) {
	key := s.workKey(r)
	buf := new(bytes.Buffer)
	held, err := s.receive(w, r, key, buf, limit)
	done = func() { s.bodies.release(key, held, 0) }
	if err != nil {
		done()
		return nil, func() {}, err
	}
	return buf.Bytes(), done, nil
}

// writeErr remembers the error of its writer, to tell a body that could
// not be written from one that could not be read.
type writeErr struct {
	w   io.Writer
	err error
}

func (e *writeErr) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

// unmarshalStrict decodes one JSON value into v: no unknown fields, nothing
// after the value, no NUL character in any string. Every JSON body of the
// API goes through it.
func unmarshalStrict(raw []byte, v any) error {
	if jsonHasNUL(raw) {
		return errNUL
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return stretchwise.Errorf(stretchwise.EINVALID, "The body must hold exactly one JSON value.")
	}
	return nil
}
