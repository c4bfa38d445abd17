package stretchwise

import (
	"errors"
	"fmt"
)

// Error codes. The http package maps each to one status.
const (
	ECONFLICT       = "conflict"
	EINTERNAL       = "internal"
	EINVALID        = "invalid"
	ENOTFOUND       = "not_found"
	EUNAUTHORIZED   = "unauthorized"
	EFORBIDDEN      = "forbidden"
	ETOOLARGE       = "too_large"
	ERATELIMITED    = "rate_limited"
	ENOTIMPLEMENTED = "not_implemented"
)

// Error is the domain error: a code and a message safe to show to a user.
// Errors of any other type are internal and their text is never shown.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("stretchwise error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the *Error in err's chain, EINTERNAL for any
// other error, and "" for nil.
func ErrorCode(err error) string { return safeError(err).Code }

// ErrorMessage returns the safe message of the *Error in err's chain, and a
// generic text for any other error.
func ErrorMessage(err error) string { return safeError(err).Message }

// safeError is the *Error in err's chain, an internal error with a generic
// message for any other error, and the zero Error for nil.
func safeError(err error) Error {
	var e *Error
	if err == nil {
		return Error{}
	} else if errors.As(err, &e) {
		return *e
	}
	return Error{Code: EINTERNAL, Message: "Internal error."}
}
