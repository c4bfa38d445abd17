package stretchwise

import (
	"context"
	"encoding/json"
	"time"
)

// RecordingKind says why a recording was made.
type RecordingKind string

// Recording kinds.
const (
	RecordingScreening RecordingKind = "screening" // a screening test (bird dog, Thomas test)
	RecordingSession   RecordingKind = "session"   // a set of an exercise session
)

// Valid reports whether k is a known kind.
func (k RecordingKind) Valid() bool { return k == RecordingScreening || k == RecordingSession }

// StoredRecording is a recording as the server keeps it: who it belongs to,
// the exact bytes the client sent (compressed at rest by the store) and the
// report the server computed from them. The stored report is always the
// server's, never one a client sent.
type StoredRecording struct {
	ID        int64         `json:"id"`
	PatientID int64         `json:"patient_id"`
	Kind      RecordingKind `json:"kind"`
	Exercise  Exercise      `json:"exercise"`
	View      View          `json:"view"`
	Frames    int           `json:"frames"`
	DurationS float64       `json:"duration_s"`
	Size      int64         `json:"size"`   // bytes of the uncompressed recording
	SHA256    string        `json:"sha256"` // hex digest of the uncompressed recording
	CreatedAt time.Time     `json:"created_at"`
	Report    *Report       `json:"report,omitempty"`
}

// RecordingService stores recordings with their reports.
type RecordingService interface {
	// CreateRecording stores r and its raw recording text in one
	// transaction, and sets r.ID and r.CreatedAt. Either both are stored
	// or nothing is.
	CreateRecording(ctx context.Context, r *StoredRecording, raw []byte) error
	// FindRecording returns a recording's metadata and report, or ENOTFOUND.
	FindRecording(ctx context.Context, id int64) (*StoredRecording, error)
	// RecordingReport returns the owner of a recording and its report as
	// the JSON text stored, without decoding it (the hot path of report
	// reads), or ENOTFOUND.
	RecordingReport(ctx context.Context, id int64) (patientID int64, report json.RawMessage, err error)
	// RecordingData returns the exact bytes that were stored, or ENOTFOUND.
	RecordingData(ctx context.Context, id int64) ([]byte, error)
	// ListRecordings lists a patient's recordings, oldest first, with
	// their reports.
	ListRecordings(ctx context.Context, patientID int64) ([]*StoredRecording, error)
}

// DocumentKind names the kind of a stored JSON document.
type DocumentKind string

// Document kinds.
const (
	DocIntake  DocumentKind = "intake"  // intake answers (red flags, STarT Back, ODI, NPRS)
	DocPlan    DocumentKind = "plan"    // an explained plan the server computed
	DocSession DocumentKind = "session" // an exercise session with its sets
	DocCheckIn DocumentKind = "checkin" // a next-morning check-in
	// DocClearance is a Clearance: the person's statement that a
	// clinician has cleared them to exercise despite a refer red flag.
	DocClearance DocumentKind = "clearance"
)

// Document is a patient's JSON document of one kind. The columns the server
// queries by (patient, kind, time) are typed; the body is JSON the API
// validated before storing.
type Document struct {
	ID        int64           `json:"id"`
	PatientID int64           `json:"patient_id"`
	Kind      DocumentKind    `json:"kind"`
	CreatedAt time.Time       `json:"created_at"`
	Body      json.RawMessage `json:"body"`
}

// DocumentService stores documents.
type DocumentService interface {
	// CreateDocument stores d and sets d.ID and d.CreatedAt.
	CreateDocument(ctx context.Context, d *Document) error
	// FindDocument returns a document of the given kind, or ENOTFOUND.
	FindDocument(ctx context.Context, kind DocumentKind, id int64) (*Document, error)
	// ListDocuments lists a patient's documents of one kind, oldest first.
	ListDocuments(ctx context.Context, patientID int64, kind DocumentKind) ([]*Document, error)
}

// Store is everything the server keeps, implemented by the sqlite and
// postgres packages.
type Store interface {
	UserService
	AuthService
	LinkService
	RecordingService
	DocumentService
	IssueReportService
	AuditService
	// Ping checks that the database answers, for the health endpoint.
	Ping(ctx context.Context) error
	// Close releases the database.
	Close() error
}

// EMEDIATYPE is the error code for a request body of the wrong content
// type (HTTP 415). The other codes are in error.go.
const EMEDIATYPE = "unsupported_media_type"

// EUNAVAILABLE is the error code for a request the server is too busy to
// take now (HTTP 503, with Retry-After); ETIMEOUT for a request body that
// came too slowly (HTTP 408).
const (
	EUNAVAILABLE = "unavailable"
	ETIMEOUT     = "timeout"
)

// ELENGTH is the error code for a large body sent without its length
// (HTTP 411 Length Required): only bodies of at most a small size may come
// without a Content-Length (http package, bodyStep).
const ELENGTH = "length_required"

// EFULL is the error code for a write refused because the storage is full
// (HTTP 507): nothing was stored, reads still work.
const EFULL = "storage_full"

// EMETHOD is the error code for a known API path asked with a method it
// does not take (HTTP 405, with Allow).
const EMETHOD = "method_not_allowed"
