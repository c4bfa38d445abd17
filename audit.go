package stretchwise

import (
	"context"
	"time"
)

// AuditEntry records one access to a patient's data by someone other than
// the patient (a linked clinician): who, what and when. Entries are only
// ever appended; nothing in the API changes or removes one. The actor's
// email and role are copied at the time of access, so the entry still says
// who it was after that account changes or is gone.
type AuditEntry struct {
	ID         int64     `json:"id"`
	PatientID  int64     `json:"patient_id"`  // whose data was accessed
	ActorID    int64     `json:"actor_id"`    // the account that accessed it
	ActorEmail string    `json:"actor_email"` // the actor's email at the time
	ActorRole  Role      `json:"actor_role"`  // the actor's role at the time
	Action     string    `json:"action"`      // what was accessed: one of the Audit* actions
	Path       string    `json:"path"`        // the request path, e.g. /api/v1/recordings/12
	CreatedAt  time.Time `json:"created_at"`
}

// Audit actions: what someone other than the patient accessed.
const (
	AuditViewPatient      = "view_patient"       // the patient page (red flags, scores, plan, check-ins, guard decisions)
	AuditViewRecordings   = "view_recordings"    // the list of recordings with their results
	AuditViewRecording    = "view_recording"     // a recording's landmarks (a skeleton replay)
	AuditViewReport       = "view_report"        // a recording's results
	AuditViewIntakes      = "view_intakes"       // questionnaire answers
	AuditViewPlans        = "view_plans"         // plans
	AuditViewSessions     = "view_sessions"      // exercise sessions
	AuditViewCheckIns     = "view_checkins"      // morning check-ins
	AuditExportCSV        = "export_csv"         // the CSV export
	AuditExportFHIR       = "export_fhir"        // the FHIR export
	AuditViewIssueReports = "view_issue_reports" // the patient's issue reports and their attachments
	AuditViewData         = "view_data"          // any other read of the patient's data
)

// AuditActionText says each audit action in plain words, completing
// "<who> ...", as the patient reads it in their access log.
var AuditActionText = map[string]string{
	AuditViewPatient:      "looked at your summary: safety answers, questionnaire scores, plan, check-ins and safety checks",
	AuditViewRecordings:   "looked at the list of your recordings and their results",
	AuditViewRecording:    "replayed one of your recordings (the stick figure; no video is ever stored)",
	AuditViewReport:       "looked at the results of one of your recordings",
	AuditViewIntakes:      "looked at your questionnaire answers",
	AuditViewPlans:        "looked at your exercise plan",
	AuditViewSessions:     "looked at your exercise sessions",
	AuditViewCheckIns:     "looked at your morning check-ins",
	AuditExportCSV:        "downloaded your measurements and pain ratings as a spreadsheet file",
	AuditExportFHIR:       "downloaded your health record in the standard format used by clinics (FHIR)",
	AuditViewIssueReports: "looked at the problems you reported in the app",
	AuditViewData:         "looked at your data",
}

// AuditService keeps the audit log. It has no way to change or delete an
// entry; entries go only when the patient's account is deleted.
type AuditService interface {
	// CreateAuditEntry appends e and sets e.ID and e.CreatedAt.
	CreateAuditEntry(ctx context.Context, e *AuditEntry) error
	// ListAuditEntries lists the accesses to one patient's data, oldest
	// first.
	ListAuditEntries(ctx context.Context, patientID int64) ([]*AuditEntry, error)
}
