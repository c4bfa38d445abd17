package http

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/stretchwise/stretchwise"
)

// safety returns a patient's safety state: their latest intake (read in
// either format, so intakes stored before red_flag_answers count too) and
// the clearance stated for it, if any.
func (s *Server) safety(ctx context.Context, patient int64) (stretchwise.Safety, error) {
	intakes, err := s.store.ListDocuments(ctx, patient, stretchwise.DocIntake)
	if err != nil {
		return stretchwise.Safety{}, err
	}
	if len(intakes) == 0 {
		return stretchwise.SafetyOf(nil, 0, time.Time{}, nil), nil
	}
	d := intakes[len(intakes)-1]
	in, err := stretchwise.ReadIntake(d.Body)
	if err != nil {
		return stretchwise.Safety{}, fmt.Errorf("read intake %d: %w", d.ID, err)
	}
	c, err := s.clearance(ctx, patient, d.ID)
	if err != nil {
		return stretchwise.Safety{}, err
	}
	return stretchwise.SafetyOf(&in, d.ID, d.CreatedAt, c), nil
}

// clearance returns the latest clearance a patient stated for an intake,
// or nil.
func (s *Server) clearance(ctx context.Context, patient, intakeID int64) (*stretchwise.Clearance, error) {
	list, err := s.store.ListDocuments(ctx, patient, stretchwise.DocClearance)
	if err != nil {
		return nil, err
	}
	for i := len(list) - 1; i >= 0; i-- {
		var c stretchwise.Clearance
		if err := json.Unmarshal(list[i].Body, &c); err != nil {
			return nil, fmt.Errorf("read clearance %d: %w", list[i].ID, err)
		}
		if c.IntakeID == intakeID {
			return &c, nil
		}
	}
	return nil, nil
}

// refuseUnsafe returns the plain-words refusal of what (e.g. "Camera
// tests") while an emergency or refer state stands for the patient, nil
// otherwise.
func (s *Server) refuseUnsafe(ctx context.Context, patient int64, what string) error {
	st, err := s.safety(ctx, patient)
	if err != nil {
		return err
	}
	return st.Refuse(what)
}

// handleGetSafety answers the safety state of the signed-in patient, or of
// ?patient=ID for a linked clinician.
func (s *Server) handleGetSafety(r *http.Request, u *stretchwise.User) (stretchwise.Safety, error) {
	patient, err := s.listPatient(r, u)
	if err != nil {
		return stretchwise.Safety{}, err
	}
	return s.safety(r.Context(), patient)
}

// handleCreateClearance records the patient's own statement that a
// clinician has cleared them to exercise despite the refer red flags of
// their latest intake. An emergency is never cleared this way.
func (s *Server) handleCreateClearance(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	var req struct {
		Statement string `json:"statement"`
		Clinician string `json:"clinician,omitempty"`
	}
	if err := s.decodePatientJSON(w, r, u, &req); err != nil {
		return err
	}
	ctx := r.Context()
	st, err := s.safety(ctx, u.ID)
	if err != nil {
		return err
	}
	switch st.State {
	case stretchwise.SafetyEmergency:
		return stretchwise.Errorf(stretchwise.ECONFLICT, "A sign that needs emergency care is not cleared by a statement. Once a doctor has seen you, answer the safety questions again.")
	case stretchwise.SafetyClear:
		return stretchwise.Errorf(stretchwise.ECONFLICT, "There is no warning sign to clear: your latest answers do not ask you to see a clinician first.")
	}
	c := stretchwise.Clearance{IntakeID: st.IntakeID, Statement: req.Statement, Clinician: req.Clinician, StatedBy: u.ID, StatedAt: s.now().UTC()}
	if err := c.Validate(); err != nil {
		return err
	}
	return s.storeDocument(w, r, u.ID, stretchwise.DocClearance, c)
}

// handleRedFlags lists the red-flag questions with the words a person sees
// (the web app's intake and banners take them from here).
func (s *Server) handleRedFlags(w http.ResponseWriter, r *http.Request) error {
	return s.JSON(w, r, http.StatusOK, stretchwise.RedFlags)
}
