package http

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/intake"
)

// series is one exported data point: a measure or a pain rating at a time.
type series struct {
	Time        time.Time
	Source      string // screening, session, checkin, intake
	SourceID    int64
	Exercise    string
	Name        string // measure name, or pain_nprs, leg_pain_nprs, odi_percent
	Side        stretchwise.Side
	Value       float64
	Unit        string
	Uncertainty float64
}

// patientData is everything an export holds about one patient.
type patientData struct {
	Patient    *stretchwise.User
	Recordings []*stretchwise.StoredRecording
	Intakes    []*stretchwise.Document
	Sessions   []*stretchwise.Document
	CheckIns   []*stretchwise.Document
}

func (s *Server) loadPatient(r *http.Request, u *stretchwise.User) (*patientData, error) {
	id, err := pathID(r, "patient")
	if err != nil {
		return nil, err
	}
	if err := s.authorizePatient(r, u, id); err != nil {
		return nil, err
	}
	ctx := r.Context()
	p := &patientData{}
	if p.Patient, err = s.store.FindUserByID(ctx, id); err != nil {
		return nil, err
	}
	if p.Recordings, err = s.store.ListRecordings(ctx, id); err != nil {
		return nil, err
	}
	if p.Intakes, err = s.store.ListDocuments(ctx, id, stretchwise.DocIntake); err != nil {
		return nil, err
	}
	if p.Sessions, err = s.store.ListDocuments(ctx, id, stretchwise.DocSession); err != nil {
		return nil, err
	}
	if p.CheckIns, err = s.store.ListDocuments(ctx, id, stretchwise.DocCheckIn); err != nil {
		return nil, err
	}
	return p, nil
}

// odiPercent is the intake's Oswestry Disability Index, unrounded
// (intake.ODIPercent); false when no section was answered (an intake stored
// before 8 were needed is exported as it was scored then).
func odiPercent(odi []*int) (float64, bool) {
	pct, n := intake.ODIPercent(odi)
	return pct, n > 0
}

// points flattens a patient's data into time-ordered points.
func (p *patientData) points() []series {
	var out []series
	for _, rec := range p.Recordings {
		for _, m := range rec.Report.Measures {
			out = append(out, series{rec.CreatedAt, string(rec.Kind), rec.ID, string(rec.Exercise), m.Name, m.Side, m.Value, m.Unit, m.Uncertainty})
		}
	}
	for _, d := range p.Intakes {
		in, err := stretchwise.ReadIntake(d.Body)
		if err != nil {
			continue
		}
		if in.NPRS != nil {
			out = append(out, series{Time: d.CreatedAt, Source: "intake", SourceID: d.ID, Name: "pain_nprs", Value: float64(*in.NPRS), Unit: "{score}"})
		}
		if pct, ok := odiPercent(in.ODI); ok {
			out = append(out, series{Time: d.CreatedAt, Source: "intake", SourceID: d.ID, Name: "odi_percent", Value: pct, Unit: "%"})
		}
	}
	for _, d := range p.Sessions {
		var in stretchwise.Session
		if json.Unmarshal(d.Body, &in) != nil {
			continue
		}
		for _, set := range in.Sets {
			t := in.StartedAt
			// A hold stopped before the pain was asked (aborted) has none.
			if set.Pain != nil {
				out = append(out, series{Time: t, Source: "session", SourceID: d.ID, Exercise: set.Exercise, Name: "pain_nprs", Side: set.Side, Value: float64(*set.Pain), Unit: "{score}"})
			}
			if set.Intensity != nil {
				out = append(out, series{Time: t, Source: "session", SourceID: d.ID, Exercise: set.Exercise, Name: "intensity", Side: set.Side, Value: float64(*set.Intensity), Unit: "{score}"})
			}
			if set.LegPain != nil {
				out = append(out, series{Time: t, Source: "session", SourceID: d.ID, Exercise: set.Exercise, Name: "leg_pain_nprs", Side: set.Side, Value: float64(*set.LegPain), Unit: "{score}"})
			}
			for _, m := range set.Measures {
				out = append(out, series{t, "session", d.ID, set.Exercise, m.Name, m.Side, m.Value, m.Unit, m.Uncertainty})
			}
		}
	}
	for _, d := range p.CheckIns {
		var in stretchwise.CheckIn
		if json.Unmarshal(d.Body, &in) != nil || in.Pain == nil {
			continue
		}
		out = append(out, series{Time: d.CreatedAt, Source: "checkin", SourceID: d.ID, Name: "pain_nprs", Value: float64(*in.Pain), Unit: "{score}"})
		if in.LegPain != nil {
			out = append(out, series{Time: d.CreatedAt, Source: "checkin", SourceID: d.ID, Name: "leg_pain_nprs", Value: float64(*in.LegPain), Unit: "{score}"})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.Before(out[j].Time) })
	return out
}

// handleExportCSV writes the patient's measures and pain over time, one
// row per value, in the columns of docs/api.md. Text a patient typed or a
// client sent (measure names, units) cannot run as a spreadsheet formula
// (safeCells).
func (s *Server) handleExportCSV(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	p, err := s.loadPatient(r, u)
	if err != nil {
		return err
	}
	rows := [][]string{{"time", "source", "source_id", "exercise", "measure", "side", "value", "unit", "uncertainty"}}
	for _, pt := range p.points() {
		rows = append(rows, []string{
			pt.Time.UTC().Format(time.RFC3339), pt.Source, strconv.FormatInt(pt.SourceID, 10), pt.Exercise,
			pt.Name, string(pt.Side), strconv.FormatFloat(pt.Value, 'f', -1, 64), pt.Unit,
			strconv.FormatFloat(pt.Uncertainty, 'f', -1, 64),
		})
	}
	s.sendCSV(w, r, fmt.Sprintf("patient-%d.csv", p.Patient.ID), rows)
	return nil
}
