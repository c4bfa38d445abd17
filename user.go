package stretchwise

import (
	"context"
	"time"
)

// Role is what an account is: a patient (the person who exercises) or a
// clinician who follows linked patients.
type Role string

// Account roles.
const (
	RolePatient   Role = "patient"
	RoleClinician Role = "clinician"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RolePatient || r == RoleClinician }

// User is an account. The password hash is never part of it; only the
// storage and the login code see hashes.
type User struct {
	ID        int64     `json:"id"`
	Email     string    `json:"email"`
	Role      Role      `json:"role"`
	CreatedAt time.Time `json:"created_at"`
}

// Link is a patient's consent that a clinician sees their data.
type Link struct {
	PatientID   int64     `json:"patient_id"`
	ClinicianID int64     `json:"clinician_id"`
	Email       string    `json:"email"` // the other party's email, for lists
	CreatedAt   time.Time `json:"created_at"`
}

// UserService stores accounts. Emails are unique (compared after the caller
// has normalized them).
type UserService interface {
	// CreateUser stores u with its password hash and sets u.ID and
	// u.CreatedAt. It returns ECONFLICT when the email is taken.
	CreateUser(ctx context.Context, u *User, passwordHash string) error
	// FindUserByID returns ENOTFOUND for an unknown id.
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// FindUserByEmail returns the user and their password hash, or ENOTFOUND.
	FindUserByEmail(ctx context.Context, email string) (*User, string, error)
	// SetPassword replaces the password hash of a user and, in the same
	// transaction, ends every session of that user except the one stored
	// under keepSession (nil: ends them all). ENOTFOUND for an unknown id.
	SetPassword(ctx context.Context, userID int64, passwordHash string, keepSession []byte) error
	// SetRecoveryCode replaces the hash of a user's one-time recovery code
	// (a code made earlier stops working). ENOTFOUND for an unknown id.
	SetRecoveryCode(ctx context.Context, userID int64, codeHash []byte) error
	// ResetPassword uses up the recovery code of the account with this
	// email: when codeHash is its current code, the password hash becomes
	// passwordHash, the recovery code becomes newCodeHash and every session
	// of the account ends, all in one transaction, so a code works once
	// even when two resets race. Any other email or code is EUNAUTHORIZED,
	// with nothing changed.
	ResetPassword(ctx context.Context, email string, codeHash []byte, passwordHash string, newCodeHash []byte) (*User, error)
	// DeleteUser removes an account and everything stored about it: its
	// sessions, invites, links (on either side), recordings, documents,
	// issue reports, the accesses to its data in the audit log, and the
	// rate-limit counters named after it (keys ending in ":user:ID" or
	// ":email:EMAIL"). One transaction; ENOTFOUND for an unknown id.
	DeleteUser(ctx context.Context, userID int64) error
}

// AuthService stores login sessions and counts attempts for rate limits.
// Everything lives in the database so that several server processes can
// share one PostgreSQL: no session or counter is held in process memory.
// Tokens are stored only as hashes.
type AuthService interface {
	// CreateAuthSession stores a session for userID under tokenHash.
	CreateAuthSession(ctx context.Context, tokenHash []byte, userID int64, expires time.Time) error
	// FindAuthSession returns the user of an unexpired session, or
	// EUNAUTHORIZED when there is none.
	FindAuthSession(ctx context.Context, tokenHash []byte, now time.Time) (*User, error)
	// DeleteAuthSession removes a session; removing a missing one is not an error.
	DeleteAuthSession(ctx context.Context, tokenHash []byte) error
	// DeleteUserSessions ends every session of a user except the one
	// stored under keep (nil: all of them) and returns how many ended.
	DeleteUserSessions(ctx context.Context, userID int64, keep []byte) (int64, error)
	// DeleteExpired removes sessions, invites and rate-limit windows that
	// ended before now and returns how many rows went.
	DeleteExpired(ctx context.Context, now time.Time) (int64, error)
	// Hit counts one event for key in the fixed window of length window
	// that contains now, and returns the count in that window including
	// this one. It is atomic across processes.
	Hit(ctx context.Context, key string, window time.Duration, now time.Time) (int, error)
}

// LinkService stores invite codes and the links between patients and
// clinicians.
type LinkService interface {
	// CreateInvite stores a single-use invite of a clinician under codeHash.
	CreateInvite(ctx context.Context, clinicianID int64, codeHash []byte, expires time.Time) error
	// RedeemInvite links patientID to the clinician who made the invite and
	// uses the invite up. It returns ENOTFOUND for an unknown, used or
	// expired code and ECONFLICT when the two are already linked.
	RedeemInvite(ctx context.Context, patientID int64, codeHash []byte, now time.Time) (*Link, error)
	// DeleteLink unlinks; it returns ENOTFOUND when there was no link.
	DeleteLink(ctx context.Context, patientID, clinicianID int64) error
	// IsLinked reports whether the clinician may see the patient's data.
	IsLinked(ctx context.Context, clinicianID, patientID int64) (bool, error)
	// ListLinks lists the links of a user: a patient's clinicians or a
	// clinician's patients, with the other party's email.
	ListLinks(ctx context.Context, userID int64, role Role) ([]*Link, error)
}
