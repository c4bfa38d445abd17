package http

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/stretchwise/stretchwise"
)

// codes maps each domain error code to its HTTP status: the one table.
var codes = map[string]int{
	stretchwise.EINVALID:        http.StatusBadRequest,
	stretchwise.EUNAUTHORIZED:   http.StatusUnauthorized,
	stretchwise.EFORBIDDEN:      http.StatusForbidden,
	stretchwise.ENOTFOUND:       http.StatusNotFound,
	stretchwise.ECONFLICT:       http.StatusConflict,
	stretchwise.ETOOLARGE:       http.StatusRequestEntityTooLarge,
	stretchwise.EMEDIATYPE:      http.StatusUnsupportedMediaType,
	stretchwise.ERATELIMITED:    http.StatusTooManyRequests,
	stretchwise.EINTERNAL:       http.StatusInternalServerError,
	stretchwise.ENOTIMPLEMENTED: http.StatusNotImplemented,
	stretchwise.EFULL:           http.StatusInsufficientStorage,
	stretchwise.EUNAVAILABLE:    http.StatusServiceUnavailable,
	stretchwise.ETIMEOUT:        http.StatusRequestTimeout,
	stretchwise.ELENGTH:         http.StatusLengthRequired,
	stretchwise.EMETHOD:         http.StatusMethodNotAllowed,
}

// statusClientClosed is the status logged for a request whose client went
// away before the answer: nginx's 499, which no client ever sees.
const statusClientClosed = 499

// ErrorStatus returns the HTTP status of a domain error code; unknown codes
// are internal errors.
func ErrorStatus(code string) int {
	if s, ok := codes[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// errorBody is the JSON shape of every error response.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// Error writes err as a JSON error response. Only the domain error's safe
// message reaches the client; any other error is logged with the request
// and answered with a generic message.
func (s *Server) Error(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		// The client closed the connection (request contexts are not
		// canceled otherwise: serve's BaseContext never is): nobody reads
		// the answer and nothing failed on our side, so this is no
		// internal error. Logged with nginx's 499 for "client closed
		// request".
		s.logger.InfoContext(r.Context(), "request canceled", "method", r.Method, "path", r.URL.Path, "err", err)
		w.WriteHeader(statusClientClosed)
		return
	}
	code, msg := stretchwise.ErrorCode(err), stretchwise.ErrorMessage(err)
	if code == stretchwise.EINTERNAL && s.storageFull(err) {
		s.logger.ErrorContext(r.Context(), "storage full", "method", r.Method, "path", r.URL.Path, "err", err)
		code, msg = stretchwise.EFULL, "The server's storage is full, so nothing was saved. Try again later."
		w.Header().Set("Retry-After", "60")
	} else if code == stretchwise.EINTERNAL {
		s.logger.ErrorContext(r.Context(), "internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	var body errorBody
	body.Error.Code, body.Error.Message = code, msg
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if code == stretchwise.ERATELIMITED && w.Header().Get("Retry-After") == "" {
		w.Header().Set("Retry-After", "60")
	}
	switch code {
	case stretchwise.ETOOLARGE, stretchwise.ELENGTH, stretchwise.ETIMEOUT:
		// What the client still sends of its body is not read: close the
		// connection after the answer rather than read it to reuse it.
		w.Header().Set("Connection", "close")
	}
	if code == stretchwise.EUNAVAILABLE && w.Header().Get("Retry-After") == "" {
		w.Header().Set("Retry-After", "5")
	}
	w.WriteHeader(ErrorStatus(code))
	if err := json.NewEncoder(w).Encode(body); err != nil {
		s.logger.Debug("write error response", "err", err)
	}
}

// handle adapts a handler that returns its error: Error answers it, the
// one place a handler's error is written. A handler returns an error only
// before it has written anything.
func (s *Server) handle(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.Error(w, r, err)
		}
	})
}

// answer adapts a handler whose answer is a value: 200 with it as JSON.
func answer[T any](s *Server, h func(*http.Request, *stretchwise.User) (T, error)) func(http.ResponseWriter, *http.Request, *stretchwise.User) error {
	return func(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
		v, err := h(r, u)
		if err != nil {
			return err
		}
		return s.JSON(w, r, http.StatusOK, v)
	}
}

// JSON writes v with the given status. It returns the error of encoding
// v, having written nothing, for the caller to answer.
func (s *Server) JSON(w http.ResponseWriter, r *http.Request, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	b = append(b, '\n')
	if _, err := w.Write(b); err != nil {
		s.logger.Debug("write response", "err", err, slog.String("path", r.URL.Path))
	}
	return nil
}

// download sets the headers of a file the client saves: its type, that
// nobody keeps a copy (private, no-store), and the name it is saved as.
func download(w http.ResponseWriter, contentType, filename string) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, filename))
}

// sendFile answers data as a download of its length (to HEAD, the headers
// only).
func (s *Server) sendFile(w http.ResponseWriter, r *http.Request, contentType, filename string, data []byte) {
	download(w, contentType, filename)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	if r.Method == http.MethodHead {
		return
	}
	if _, err := w.Write(data); err != nil {
		s.logger.DebugContext(r.Context(), "send file", "file", filename, "err", err)
	}
}

// sendCSV answers rows, the first the header, as a CSV download; every
// cell goes through safeCells.
func (s *Server) sendCSV(w http.ResponseWriter, r *http.Request, filename string, rows [][]string) {
	download(w, "text/csv; charset=utf-8", filename)
	cw := csv.NewWriter(w)
	for _, row := range rows {
		cw.Write(safeCells(row...))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		s.logger.DebugContext(r.Context(), "write csv", "err", err)
	}
}
