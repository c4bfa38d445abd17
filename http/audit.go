package http

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/stretchwise/stretchwise"
)

// auditActions names what a route reads of a patient's data, by the
// pattern the mux matched (Request.Pattern). A read by a route missing
// here is still logged, as AuditViewData.
var auditActions = map[string]string{
	"GET /api/v1/patients/{patient}":            stretchwise.AuditViewPatient,
	"GET /api/v1/patients/{patient}/export.csv": stretchwise.AuditExportCSV,
	"GET /api/v1/patients/{patient}/fhir":       stretchwise.AuditExportFHIR,
	"GET /api/v1/recordings":                    stretchwise.AuditViewRecordings,
	"GET /api/v1/recordings/{id}":               stretchwise.AuditViewRecording,
	"GET /api/v1/recordings/{id}/report":        stretchwise.AuditViewReport,
	"GET /api/v1/intakes":                       stretchwise.AuditViewIntakes,
	"GET /api/v1/intakes/{id}":                  stretchwise.AuditViewIntakes,
	"GET /api/v1/plans":                         stretchwise.AuditViewPlans,
	"GET /api/v1/plans/{id}":                    stretchwise.AuditViewPlans,
	"GET /api/v1/sessions":                      stretchwise.AuditViewSessions,
	"GET /api/v1/sessions/{id}":                 stretchwise.AuditViewSessions,
	"GET /api/v1/checkins":                      stretchwise.AuditViewCheckIns,
	"GET /api/v1/checkins/{id}":                 stretchwise.AuditViewCheckIns,
	"GET /api/v1/issue-reports":                 stretchwise.AuditViewIssueReports,
	"GET /api/v1/issue-reports/{id}":            stretchwise.AuditViewIssueReports,
	"GET /api/v1/issue-reports/{id}/screenshot": stretchwise.AuditViewIssueReports,
	"GET /api/v1/issue-reports/{id}/recording":  stretchwise.AuditViewIssueReports,
}

// maxAuditPath bounds the request path kept in an entry.
const maxAuditPath = 200

// audit appends an entry to patientID's audit log when u, who may read
// the patient's data, is someone else. The read must not go ahead when
// the entry could not be written: no unlogged access.
func (s *Server) audit(r *http.Request, u *stretchwise.User, patientID int64) error {
	if u.ID == patientID {
		return nil
	}
	action, ok := auditActions[r.Pattern]
	if !ok {
		action = stretchwise.AuditViewData
	}
	path := r.URL.Path
	if len(path) > maxAuditPath {
		path = path[:maxAuditPath]
	}
	e := &stretchwise.AuditEntry{PatientID: patientID, ActorID: u.ID, ActorEmail: u.Email, ActorRole: u.Role, Action: action, Path: path}
	if err := s.store.CreateAuditEntry(r.Context(), e); err != nil {
		return fmt.Errorf("audit %s of patient %d by user %d: %w", action, patientID, u.ID, err)
	}
	return nil
}

// auditEntry is an entry as the patient reads it: with what was done in
// plain words.
type auditEntry struct {
	*stretchwise.AuditEntry
	What string `json:"what"`
}

// auditLog returns the entries about patient u, who must be a patient: a
// clinician's or anyone else's accesses are not theirs to read.
func (s *Server) auditLog(r *http.Request, u *stretchwise.User) ([]auditEntry, error) {
	if u.Role != stretchwise.RolePatient {
		return nil, stretchwise.Errorf(stretchwise.EFORBIDDEN, "Only a patient has a record of who looked at their data.")
	}
	list, err := s.store.ListAuditEntries(r.Context(), u.ID)
	if err != nil {
		return nil, err
	}
	out := make([]auditEntry, len(list))
	for i, e := range list {
		what, ok := stretchwise.AuditActionText[e.Action]
		if !ok {
			what = stretchwise.AuditActionText[stretchwise.AuditViewData]
		}
		out[i] = auditEntry{e, what}
	}
	return out, nil
}

// handleAuditLog lists who accessed the signed-in patient's data, oldest
// first.
func (s *Server) handleAuditLog(r *http.Request, u *stretchwise.User) ([]auditEntry, error) {
	return s.auditLog(r, u)
}

// handleAuditLogCSV writes the same list as CSV, with spreadsheet
// formulas neutralised.
func (s *Server) handleAuditLogCSV(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	list, err := s.auditLog(r, u)
	if err != nil {
		return err
	}
	rows := [][]string{{"time", "who", "role", "action", "what", "path"}}
	for _, e := range list {
		rows = append(rows, []string{e.CreatedAt.UTC().Format(time.RFC3339Nano), e.ActorEmail, string(e.ActorRole), e.Action, e.What, e.Path})
	}
	s.sendCSV(w, r, "access-log.csv", rows)
	return nil
}

// safeCells neutralises spreadsheet formula injection (OWASP, "CSV
// Injection"): a cell starting with = + - @, a tab or a carriage return
// gets a leading apostrophe, so a spreadsheet shows it as text instead of
// running it. A cell that is a plain number (a negative angle) is left
// alone: it cannot be a formula, and a clinician's sums need it as a
// number.
func safeCells(cells ...string) []string {
	for i, c := range cells {
		if c == "" {
			continue
		}
		switch c[0] {
		case '=', '+', '-', '@', '\t', '\r':
			if _, err := strconv.ParseFloat(c, 64); err != nil {
				cells[i] = "'" + c
			}
		}
	}
	return cells
}
