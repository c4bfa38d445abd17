package http

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/stretchwise/stretchwise"
)

// validator checks a document body posted by patient u and returns the
// document to store.
type validator func(r *http.Request, u *stretchwise.User, body []byte) (any, error)

// createDocument handles POST of a patient's own document of one kind.
func (s *Server) createDocument(kind stretchwise.DocumentKind, validate validator) func(http.ResponseWriter, *http.Request, *stretchwise.User) error {
	return func(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
		var raw json.RawMessage
		if err := s.decodePatientJSON(w, r, u, &raw); err != nil {
			return err
		}
		doc, err := validate(r, u, raw)
		if err != nil {
			return err
		}
		return s.storeDocument(w, r, u.ID, kind, doc)
	}
}

func (s *Server) listDocuments(kind stretchwise.DocumentKind) func(*http.Request, *stretchwise.User) ([]*stretchwise.Document, error) {
	return func(r *http.Request, u *stretchwise.User) ([]*stretchwise.Document, error) {
		patient, err := s.listPatient(r, u)
		if err != nil {
			return nil, err
		}
		return s.store.ListDocuments(r.Context(), patient, kind)
	}
}

func (s *Server) getDocument(kind stretchwise.DocumentKind) func(*http.Request, *stretchwise.User) (*stretchwise.Document, error) {
	return func(r *http.Request, u *stretchwise.User) (*stretchwise.Document, error) {
		notFound := stretchwise.Errorf(stretchwise.ENOTFOUND, "No such %s.", kind)
		id, err := pathID(r, "id")
		if err != nil {
			return nil, err
		}
		d, err := s.store.FindDocument(r.Context(), kind, id)
		if err != nil {
			return nil, err
		}
		if err := s.authorizePatient(r, u, d.PatientID); err != nil {
			return nil, notFound
		}
		return d, nil
	}
}

func invalid(format string, args ...any) error {
	return stretchwise.Errorf(stretchwise.EINVALID, format, args...)
}

// validateIntake checks an intake with the domain's one validation
// (stretchwise.ParseIntake: every red-flag question answered yes or no,
// every required questionnaire item answered) and dates the answers that
// carry no date with the time the server received them.
func (s *Server) validateIntake(r *http.Request, u *stretchwise.User, body []byte) (any, error) {
	in, err := stretchwise.ParseIntake(body)
	if err != nil {
		return nil, err
	}
	// A warning sign in force is not cleared silently by answering no.
	st, err := s.safety(r.Context(), u.ID)
	if err != nil {
		return nil, err
	}
	if err := st.CheckWithdrawals(&in); err != nil {
		return nil, err
	}
	now := s.now().UTC()
	for i := range in.RedFlagAnswers {
		if in.RedFlagAnswers[i].AnsweredAt.IsZero() {
			in.RedFlagAnswers[i].AnsweredAt = now
		}
	}
	return in, nil
}

// handleCreatePlan computes a plan on the server from the patient's intake
// (the given one or the latest) and their latest screening report of each
// exercise, and stores it.
func (s *Server) handleCreatePlan(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	var req struct {
		IntakeID int64 `json:"intake_id,omitempty"`
	}
	if err := s.decodePatientJSON(w, r, u, &req); err != nil {
		return err
	}
	if s.planner == nil {
		return stretchwise.Errorf(stretchwise.ENOTIMPLEMENTED, "The plan engine is not available in this build.")
	}
	ctx := r.Context()
	var intake *stretchwise.Document
	if req.IntakeID != 0 {
		d, err := s.store.FindDocument(ctx, stretchwise.DocIntake, req.IntakeID)
		if err != nil || d.PatientID != u.ID {
			return invalid("intake_id is not one of your intakes.")
		}
		intake = d
	} else {
		list, err := s.store.ListDocuments(ctx, u.ID, stretchwise.DocIntake)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return invalid("Fill in the intake first.")
		}
		intake = list[len(list)-1]
	}
	recs, err := s.store.ListRecordings(ctx, u.ID)
	if err != nil {
		return err
	}
	latest := map[stretchwise.Exercise]*stretchwise.StoredRecording{}
	var order []stretchwise.Exercise
	for _, rec := range recs {
		if rec.Kind != stretchwise.RecordingScreening {
			continue
		}
		if _, ok := latest[rec.Exercise]; !ok {
			order = append(order, rec.Exercise)
		}
		latest[rec.Exercise] = rec
	}
	answers, err := stretchwise.ReadIntake(intake.Body)
	if err != nil {
		return err
	}
	body := stretchwise.PlanDocument{IntakeID: intake.ID, ScreeningIDs: []int64{}}
	var reports []*stretchwise.Report
	for _, ex := range order {
		body.ScreeningIDs = append(body.ScreeningIDs, latest[ex].ID)
		reports = append(reports, latest[ex].Report)
	}
	cleared, err := s.clearance(ctx, u.ID, intake.ID)
	if err != nil {
		return err
	}
	plan, err := s.planner.Plan(ctx, answers, cleared, reports)
	if err != nil {
		return err
	}
	// A plan that says to stop or to see a clinician is stored; one with
	// exercises is refused while an emergency or refer stands (e.g. one
	// made from an older intake).
	if len(plan.Do) > 0 {
		if err := s.refuseUnsafe(ctx, u.ID, "Plans with exercises"); err != nil {
			return err
		}
	}
	body.Plan = plan
	if err := body.Validate(); err != nil {
		return fmt.Errorf("plan engine: %w", err)
	}
	return s.storeDocument(w, r, u.ID, stretchwise.DocPlan, body)
}

// decodePatientJSON decodes a request body into v and checks that u is a
// patient, for the endpoints a patient posts to.
func (s *Server) decodePatientJSON(w http.ResponseWriter, r *http.Request, u *stretchwise.User, v any) error {
	if err := s.decodeJSON(w, r, v); err != nil {
		return err
	}
	return requirePatient(u)
}

// storeDocument stores v, checked or made by the server, as a patient's
// document of one kind and answers it with 201.
func (s *Server) storeDocument(w http.ResponseWriter, r *http.Request, patient int64, kind stretchwise.DocumentKind, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	d := &stretchwise.Document{PatientID: patient, Kind: kind, Body: raw}
	if err := s.store.CreateDocument(r.Context(), d); err != nil {
		return err
	}
	return s.JSON(w, r, http.StatusCreated, d)
}
