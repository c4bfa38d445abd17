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
	"strconv"
	"strings"
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

// bodyStep is how much of the limiter's memory a body being received
// takes at a time: a slow client holds at most this much more than it has
// sent. Our choice: a few reads' worth, small beside the budget.
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

// acquireWork waits up to WorkWait for bytes of the computations' memory
// and slots of their slots under key; the caller releases them with
// s.work.release.
func (s *Server) acquireWork(ctx context.Context, key string, bytes int64, slots int) error {
	return s.acquire(ctx, s.work, key, bytes, slots)
}

// acquire waits up to WorkWait for room in l.
func (s *Server) acquire(ctx context.Context, l *limiter, key string, bytes int64, slots int) error {
	wctx, cancel := context.WithTimeout(ctx, s.cfg.WorkWait)
	defer cancel()
	if err := l.acquire(wctx, key, bytes, slots); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("wait for the limiter: %w", ctx.Err())
		}
		return errBusy
	}
	return nil
}

// receive reads a request body of at most limit bytes into buf. It holds
// the bodies' memory for the whole body when its length is known, else for
// what has arrived, taken in bodySteps, and
// returns what it holds, which the caller releases under the same key
// with s.bodies.release when done with the body (also on error). A client sending slower than
// MinBodyRate once BodyGrace has passed is cut off with 408, so a trickle
// holds no slot, and its memory only until then.
func (s *Server) receive(w http.ResponseWriter, r *http.Request, key string, buf *bytes.Buffer, limit int64) (held int64, err error) {
	rc := http.NewResponseController(w)
	defer rc.SetReadDeadline(time.Time{})
	start, waited := time.Now(), time.Duration(0)
	body := http.MaxBytesReader(w, r.Body, limit)
	// A body of known length has its memory taken at once, before any of
	// it is read: a request then waits holding nothing, so requests that
	// each hold part of their body cannot wait on one another for the rest
	// (twelve large reports from one account did, until WorkWait ran out).
	// A body of unknown length takes it a step at a time.
	if r.ContentLength > 0 {
		want := min(r.ContentLength, limit)
		t := time.Now()
		if err := s.acquire(r.Context(), s.bodies, key, want, 0); err != nil {
			return held, err
		}
		held = want
		waited += time.Since(t)
	}
	for {
		if r.ContentLength <= 0 && int64(buf.Len())+bodyStep > held {
			t := time.Now()
			if err := s.acquire(r.Context(), s.bodies, key, bodyStep, 0); err != nil {
				return held, err
			}
			held += bodyStep
			waited += time.Since(t)
		}
		due := time.Duration(float64(int64(buf.Len())+bodyStep) / float64(s.cfg.MinBodyRate) * float64(time.Second))
		rc.SetReadDeadline(start.Add(waited + s.cfg.BodyGrace + due)) // not supported: no deadline
		n, err := buf.ReadFrom(io.LimitReader(body, bodyStep))
		var mbe *http.MaxBytesError
		var ne net.Error
		switch {
		case errors.As(err, &mbe):
			return held, stretchwise.Errorf(stretchwise.ETOOLARGE, "The body is larger than %d bytes.", limit)
		case errors.As(err, &ne) && ne.Timeout():
			return held, stretchwise.Errorf(stretchwise.ETIMEOUT, "The body came slower than %d KiB/s and was cut off.", s.cfg.MinBodyRate>>10)
		case err != nil:
			return held, stretchwise.Errorf(stretchwise.EINVALID, "The body was cut short.")
		case n < bodyStep: // the end
			if extra := held - int64(buf.Len()); extra > 0 {
				s.bodies.release(key, extra, 0)
				held -= extra
			}
			return held, nil
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
