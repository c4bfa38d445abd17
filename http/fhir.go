package http

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/stretchwise/stretchwise"
)

// FHIR R4 export. Codes and units:
//   - Pain: LOINC 72514-3 "Pain severity - 0-10 verbal numeric rating
//     [Score] - Reported", value in UCUM {score}; leg pain uses the same
//     code with bodySite text "leg".
//   - ODI: LOINC 97909-6 "Oswestry disability index score ODI", in UCUM %
//     (the score is a percent, Fairbank & Pynsent 2000).
//   - Camera measures (range of motion and control angles): LOINC has
//     range-of-motion codes per joint and direction but none for these
//     camera-derived angles (pelvic roll in a bird dog, thigh angle in a
//     Thomas test), so they carry a code from the project's own code system
//     (SystemMeasure) with the measure name, category exam, and UCUM units
//     (deg, s).
//   - Intake answers: one QuestionnaireResponse per intake against the
//     project's intake questionnaire (QuestionnaireIntake).
const (
	SystemLOINC         = "http://loinc.org"
	SystemUCUM          = "http://unitsofmeasure.org"
	SystemMeasure       = "https://github.com/stretchwise/stretchwise/fhir/CodeSystem/measure"
	SystemPatientID     = "https://github.com/stretchwise/stretchwise/fhir/patient-id"
	QuestionnaireIntake = "https://github.com/stretchwise/stretchwise/fhir/Questionnaire/intake"
	systemObsCategory   = "http://terminology.hl7.org/CodeSystem/observation-category"
)

// FHIR resources as plain maps keep the export readable next to the spec.
type obj = map[string]any

// fhirUUID derives a stable urn:uuid for a resource from its kind and id,
// so re-exports give the same references (name-based, as UUID version 5).
func fhirUUID(kind string, id int64, extra ...string) string {
	h := sha1.Sum([]byte("stretchwise/" + kind + "/" + strconv.FormatInt(id, 10) + "/" + strings.Join(extra, "/")))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

func coding(system, code, display string) obj {
	c := obj{"system": system, "code": code}
	if display != "" {
		c["display"] = display
	}
	return c
}

func category(code, display string) []obj {
	return []obj{{"coding": []obj{coding(systemObsCategory, code, display)}}}
}

// ucumCodes maps the units of reports and documents to UCUM codes. A unit
// missing here is exported as text only, without a system and code.
var ucumCodes = map[string]string{
	"deg": "deg", "s": "s", "%": "%", "{score}": "{score}", "m": "m", "cm": "cm",
	"count": "{count}", // repetitions: a UCUM annotation of the unity
}

// ucum returns the FHIR Quantity for a value in one of our units.
func ucum(v float64, unit string) obj {
	q := obj{"value": v, "unit": unit}
	if code, ok := ucumCodes[unit]; ok {
		q["system"], q["code"] = SystemUCUM, code
	}
	return q
}

func painObservation(subject, fullURL string, at time.Time, value int, site string) obj {
	o := obj{
		"resourceType":      "Observation",
		"status":            "final",
		"category":          category("survey", "Survey"),
		"code":              obj{"coding": []obj{coding(SystemLOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")}, "text": "Pain (NPRS 0-10)"},
		"subject":           obj{"reference": subject},
		"effectiveDateTime": at.UTC().Format(time.RFC3339),
		"valueQuantity":     ucum(float64(value), "{score}"),
		"bodySite":          obj{"text": site},
	}
	return obj{"fullUrl": fullURL, "resource": o}
}

func measureObservation(subject, fullURL string, at time.Time, exercise string, m stretchwise.Measure, method string) obj {
	text := m.Name
	if m.Side != stretchwise.SideNone {
		text += " (" + string(m.Side) + ")"
	}
	o := obj{
		"resourceType":      "Observation",
		"status":            "final",
		"category":          category("exam", "Exam"),
		"code":              obj{"coding": []obj{coding(SystemMeasure, m.Name, "")}, "text": text},
		"subject":           obj{"reference": subject},
		"effectiveDateTime": at.UTC().Format(time.RFC3339),
		"valueQuantity":     ucum(m.Value, m.Unit),
		"method":            obj{"text": method},
	}
	if m.Side != stretchwise.SideNone {
		o["bodySite"] = obj{"text": string(m.Side)}
	}
	notes := []obj{}
	if exercise != "" {
		notes = append(notes, obj{"text": "Exercise: " + exercise})
	}
	if m.Uncertainty > 0 {
		notes = append(notes, obj{"text": fmt.Sprintf("Uncertainty about one standard deviation: %g %s", m.Uncertainty, m.Unit)})
	}
	if len(notes) > 0 {
		o["note"] = notes
	}
	return obj{"fullUrl": fullURL, "resource": o}
}

func intakeResponse(subject, fullURL string, d *stretchwise.Document, in IntakeBody) obj {
	intAnswer := func(v int) []obj { return []obj{{"valueInteger": v}} }
	items := []obj{
		{"linkId": "age", "text": "Age in years", "answer": intAnswer(in.Age)},
		{"linkId": "nprs", "text": "Pain now (0-10)", "answer": intAnswer(in.NPRS)},
	}
	flags := []obj{}
	for _, f := range in.RedFlags {
		flags = append(flags, obj{"valueCoding": obj{"system": QuestionnaireIntake + "/red-flag", "code": f}})
	}
	rf := obj{"linkId": "red_flags", "text": "Red flags answered yes"}
	if len(flags) > 0 {
		rf["answer"] = flags
	}
	items = append(items, rf)
	sb := []obj{}
	for i, v := range in.StartBack {
		sb = append(sb, obj{"linkId": fmt.Sprintf("start_back.%d", i+1), "answer": intAnswer(v)})
	}
	items = append(items, obj{"linkId": "start_back", "text": "STarT Back Tool", "item": sb})
	odi := []obj{}
	for i, v := range in.ODI {
		it := obj{"linkId": fmt.Sprintf("odi.%d", i+1)}
		if v != nil {
			it["answer"] = intAnswer(*v)
		}
		odi = append(odi, it)
	}
	items = append(items, obj{"linkId": "odi", "text": "Oswestry Disability Index", "item": odi})
	return obj{"fullUrl": fullURL, "resource": obj{
		"resourceType":  "QuestionnaireResponse",
		"questionnaire": QuestionnaireIntake,
		"status":        "completed",
		"subject":       obj{"reference": subject},
		"authored":      d.CreatedAt.UTC().Format(time.RFC3339),
		"item":          items,
	}}
}

// cameraMethod describes how camera measures were taken, for Observation.method.
const cameraMethod = "Markerless camera pose estimation (MediaPipe BlazePose landmarks), angles in the image plane, computed by stretchwise"

// handleExportFHIR writes a FHIR R4 Bundle of type collection with the
// patient, their pain, ODI and measure Observations and their intake
// QuestionnaireResponses.
func (s *Server) handleExportFHIR(w http.ResponseWriter, r *http.Request, u *stretchwise.User) {
	p, err := s.loadPatient(r, u)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	patientURL := fhirUUID("patient", p.Patient.ID)
	entries := []obj{{"fullUrl": patientURL, "resource": obj{
		"resourceType": "Patient",
		"identifier":   []obj{{"system": SystemPatientID, "value": strconv.FormatInt(p.Patient.ID, 10)}},
		"telecom":      []obj{{"system": "email", "value": p.Patient.Email}},
	}}}
	for _, rec := range p.Recordings {
		for i, m := range rec.Report.Measures {
			entries = append(entries, measureObservation(patientURL, fhirUUID("recording", rec.ID, strconv.Itoa(i)), rec.CreatedAt, string(rec.Exercise), m, cameraMethod))
		}
	}
	for _, d := range p.Intakes {
		var in IntakeBody
		if err := json.Unmarshal(d.Body, &in); err != nil {
			s.Error(w, r, fmt.Errorf("intake %d: %w", d.ID, err))
			return
		}
		entries = append(entries, intakeResponse(patientURL, fhirUUID("intake", d.ID), d, in))
		entries = append(entries, painObservation(patientURL, fhirUUID("intake", d.ID, "pain"), d.CreatedAt, in.NPRS, "lower back"))
		if pct, ok := odiPercent(in.ODI); ok {
			entries = append(entries, obj{"fullUrl": fhirUUID("intake", d.ID, "odi"), "resource": obj{
				"resourceType":      "Observation",
				"status":            "final",
				"category":          category("survey", "Survey"),
				"code":              obj{"coding": []obj{coding(SystemLOINC, "97909-6", "Oswestry disability index score ODI")}, "text": "Oswestry Disability Index"},
				"subject":           obj{"reference": patientURL},
				"effectiveDateTime": d.CreatedAt.UTC().Format(time.RFC3339),
				"valueQuantity":     ucum(pct, "%"),
				"derivedFrom":       []obj{{"reference": fhirUUID("intake", d.ID)}},
			}})
		}
	}
	for _, d := range p.Sessions {
		var in SessionBody
		if err := json.Unmarshal(d.Body, &in); err != nil {
			s.Error(w, r, fmt.Errorf("session %d: %w", d.ID, err))
			return
		}
		for i, set := range in.Sets {
			entries = append(entries, painObservation(patientURL, fhirUUID("session", d.ID, strconv.Itoa(i), "pain"), in.StartedAt, *set.Pain, "lower back"))
			if set.LegPain != nil {
				entries = append(entries, painObservation(patientURL, fhirUUID("session", d.ID, strconv.Itoa(i), "leg"), in.StartedAt, *set.LegPain, "leg"))
			}
			for j, m := range set.Measures {
				entries = append(entries, measureObservation(patientURL, fhirUUID("session", d.ID, strconv.Itoa(i), strconv.Itoa(j)), in.StartedAt, set.Exercise, m, cameraMethod))
			}
		}
	}
	for _, d := range p.CheckIns {
		var in CheckInBody
		if err := json.Unmarshal(d.Body, &in); err != nil || in.Pain == nil {
			s.Error(w, r, fmt.Errorf("check-in %d: unreadable", d.ID))
			return
		}
		entries = append(entries, painObservation(patientURL, fhirUUID("checkin", d.ID), d.CreatedAt, *in.Pain, "lower back"))
		if in.LegPain != nil {
			entries = append(entries, painObservation(patientURL, fhirUUID("checkin", d.ID, "leg"), d.CreatedAt, *in.LegPain, "leg"))
		}
	}
	bundle := obj{
		"resourceType": "Bundle",
		"type":         "collection",
		"timestamp":    s.now().UTC().Format(time.RFC3339),
		"entry":        entries,
	}
	b, err := json.MarshalIndent(bundle, "", " ")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/fhir+json")
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="patient-%d-fhir.json"`, p.Patient.ID))
	w.Write(b)
}
