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
	"github.com/stretchwise/stretchwise/intake"
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
//   - The result of each recording (its verdict) is an Observation coded
//     with the exercise in SystemScreening whose members are the
//     recording's measures. An inconclusive result has no value but a
//     dataAbsentReason "unknown" with the reasons as text, and it and its
//     measures carry the interpretation IND (indeterminate) from HL7's
//     ObservationInterpretation and a note saying the screening was
//     inconclusive: their numbers are kept, but they do not stand alone.
//   - Red flags: one Observation per question and intake, coded in
//     SystemRedFlag with the question as text, valueBoolean the answer.
//   - STarT Back: the total score (0-9) as valueInteger coded
//     start_back_total in SystemScore, the distress subscore (items 5-9) as
//     a component, the risk group as the interpretation's text (Hill et
//     al. 2008). LOINC codes for the tool's scores are not used: we could
//     not confirm them.
//   - Intake answers: one QuestionnaireResponse per intake against the
//     project's intake questionnaire (QuestionnaireIntake), every red-flag
//     question with its answer.
//
// Every exported bundle is validated against the FHIR R4 JSON schema in
// the tests (testdata/fhir).
const (
	SystemLOINC          = "http://loinc.org"
	SystemUCUM           = "http://unitsofmeasure.org"
	SystemMeasure        = "https://github.com/stretchwise/stretchwise/fhir/CodeSystem/measure"
	SystemScreening      = "https://github.com/stretchwise/stretchwise/fhir/CodeSystem/screening"
	SystemVerdict        = "https://github.com/stretchwise/stretchwise/fhir/CodeSystem/verdict"
	SystemRedFlag        = "https://github.com/stretchwise/stretchwise/fhir/CodeSystem/red-flag"
	SystemScore          = "https://github.com/stretchwise/stretchwise/fhir/CodeSystem/score"
	SystemPatientID      = "https://github.com/stretchwise/stretchwise/fhir/patient-id"
	QuestionnaireIntake  = "https://github.com/stretchwise/stretchwise/fhir/Questionnaire/intake"
	systemObsCategory    = "http://terminology.hl7.org/CodeSystem/observation-category"
	systemInterpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
	systemDataAbsent     = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
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

// survey is a final Observation of category survey about subject at a
// time, coded with one coding and a text, with the fields of more set on
// it (the value and whatever else the observation says).
func survey(subject string, at time.Time, c obj, text string, more obj) obj {
	o := obj{
		"resourceType":      "Observation",
		"status":            "final",
		"category":          category("survey", "Survey"),
		"code":              obj{"coding": []obj{c}, "text": text},
		"subject":           obj{"reference": subject},
		"effectiveDateTime": at.UTC().Format(time.RFC3339),
	}
	for k, v := range more {
		o[k] = v
	}
	return o
}

func painObservation(subject, fullURL string, at time.Time, value int, site string) obj {
	return obj{"fullUrl": fullURL, "resource": survey(subject, at, coding(SystemLOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"), "Pain (NPRS 0-10)",
		obj{"valueQuantity": ucum(float64(value), "{score}"), "bodySite": obj{"text": site}})}
}

// indeterminate is the interpretation of a result that could not be
// determined.
func indeterminate() []obj {
	return []obj{{"coding": []obj{coding(systemInterpretation, "IND", "Indeterminate")}, "text": "Inconclusive"}}
}

// inconclusiveReasons returns why the report's result for side (none for
// the whole test) was inconclusive, or nil when it was not.
func inconclusiveReasons(rep *stretchwise.Report, side stretchwise.Side) []string {
	if rep.Verdict == stretchwise.VerdictInconclusive {
		return append([]string{}, rep.Reasons...)
	}
	for _, sv := range rep.Sides {
		if side != stretchwise.SideNone && sv.Side == side && sv.Verdict == stretchwise.VerdictInconclusive {
			return append([]string{}, sv.Reasons...)
		}
	}
	return nil
}

// recordingEntries are a recording's result and its measures: the result
// names the measures as members; an inconclusive result has no value but a
// data-absent reason, and its measures say it was inconclusive.
func recordingEntries(subject string, rec *stretchwise.StoredRecording) []obj {
	rep := rec.Report
	var entries, members []obj
	for i, m := range rep.Measures {
		url := fhirUUID("recording", rec.ID, strconv.Itoa(i))
		entries = append(entries, measureObservation(subject, url, rec.CreatedAt, string(rec.Exercise), m, cameraMethod, inconclusiveReasons(rep, m.Side)))
		members = append(members, obj{"reference": url})
	}
	o := obj{
		"resourceType":      "Observation",
		"status":            "final",
		"category":          category("exam", "Exam"),
		"code":              obj{"coding": []obj{coding(SystemScreening, string(rec.Exercise), "")}, "text": "Result of the " + string(rec.Exercise) + " " + string(rec.Kind)},
		"subject":           obj{"reference": subject},
		"effectiveDateTime": rec.CreatedAt.UTC().Format(time.RFC3339),
		"method":            obj{"text": cameraMethod},
	}
	if len(members) > 0 {
		o["hasMember"] = members
	}
	if rep.Verdict == stretchwise.VerdictInconclusive {
		o["dataAbsentReason"] = obj{"coding": []obj{coding(systemDataAbsent, "unknown", "Unknown")}, "text": "Inconclusive: " + strings.Join(rep.Reasons, " ")}
		o["interpretation"] = indeterminate()
	} else {
		o["valueCodeableConcept"] = obj{"coding": []obj{coding(SystemVerdict, rep.Verdict, "")}, "text": rep.Verdict}
		if len(rep.Reasons) > 0 {
			o["note"] = []obj{{"text": strings.Join(rep.Reasons, " ")}}
		}
	}
	return append([]obj{{"fullUrl": fhirUUID("recording", rec.ID, "result"), "resource": o}}, entries...)
}

// measureObservation is one camera measure; inconclusive holds the reasons
// when the screening it comes from was inconclusive (nil otherwise).
func measureObservation(subject, fullURL string, at time.Time, exercise string, m stretchwise.Measure, method string, inconclusive []string) obj {
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
	if inconclusive != nil {
		o["interpretation"] = indeterminate()
		notes = append(notes, obj{"text": strings.TrimSpace("The screening was inconclusive; do not read this value on its own. " + strings.Join(inconclusive, " "))})
	}
	if len(notes) > 0 {
		o["note"] = notes
	}
	return obj{"fullUrl": fullURL, "resource": o}
}

func intakeResponse(subject, fullURL string, d *stretchwise.Document, in stretchwise.Intake) obj {
	intAnswer := func(v int) []obj { return []obj{{"valueInteger": v}} }
	var items []obj
	if in.Age != 0 {
		items = append(items, obj{"linkId": "age", "text": "Age in years", "answer": intAnswer(in.Age)})
	}
	if in.NPRS != nil {
		items = append(items, obj{"linkId": "nprs", "text": "Pain now (0-10)", "answer": intAnswer(*in.NPRS)})
	}
	for _, a := range redFlagAnswersOf(in) {
		items = append(items, obj{"linkId": "red_flag." + a.Code, "text": a.Question, "answer": []obj{{"valueBoolean": a.Answer == "yes"}}})
	}
	sb := []obj{}
	for i, v := range in.StartBack {
		sb = append(sb, obj{"linkId": fmt.Sprintf("start_back.%d", i+1), "answer": intAnswer(v)})
	}
	if len(sb) > 0 { // an emergency intake may leave out the questionnaires
		items = append(items, obj{"linkId": "start_back", "text": "STarT Back Tool", "item": sb})
	}
	odi := []obj{}
	for i, v := range in.ODI {
		it := obj{"linkId": fmt.Sprintf("odi.%d", i+1)}
		if v != nil {
			it["answer"] = intAnswer(*v)
		}
		odi = append(odi, it)
	}
	if len(odi) > 0 {
		items = append(items, obj{"linkId": "odi", "text": "Oswestry Disability Index", "item": odi})
	}
	return obj{"fullUrl": fullURL, "resource": obj{
		"resourceType":  "QuestionnaireResponse",
		"questionnaire": QuestionnaireIntake,
		"status":        "completed",
		"subject":       obj{"reference": subject},
		"authored":      d.CreatedAt.UTC().Format(time.RFC3339),
		"item":          items,
	}}
}

// intakeObservations are an intake's red-flag answers and its STarT Back
// score as Observations derived from its QuestionnaireResponse.
func intakeObservations(subject string, d *stretchwise.Document, in stretchwise.Intake) []obj {
	from := []obj{{"reference": fhirUUID("intake", d.ID)}}
	var out []obj
	for _, a := range redFlagAnswersOf(in) {
		out = append(out, obj{"fullUrl": fhirUUID("intake", d.ID, "red-flag", a.Code), "resource": survey(subject, d.CreatedAt, coding(SystemRedFlag, a.Code, ""), a.Question,
			obj{"valueBoolean": a.Answer == "yes", "derivedFrom": from})})
	}
	if sb, err := intake.ScoreStartBack(in.StartBack); err == nil {
		out = append(out, obj{"fullUrl": fhirUUID("intake", d.ID, "start-back"), "resource": survey(subject, d.CreatedAt, coding(SystemScore, "start_back_total", "STarT Back Tool total score"), "STarT Back Tool total score (0-9)", obj{
			"valueInteger": sb.Score,
			"component": []obj{{
				"code":         obj{"coding": []obj{coding(SystemScore, "start_back_distress", "STarT Back Tool distress subscore")}, "text": "Distress subscore, items 5-9 (0-5)"},
				"valueInteger": sb.Distress,
			}},
			"interpretation": []obj{{"text": sb.Risk + " risk"}},
			"note":           []obj{{"text": "Scored as Hill et al. 2008: total 0-3 low risk; otherwise distress 4-5 high, else medium."}},
			"derivedFrom":    from,
		})})
	}
	return out
}

// cameraMethod describes how camera measures were taken, for Observation.method.
const cameraMethod = "Markerless camera pose estimation (MediaPipe BlazePose landmarks), angles in the image plane, computed by stretchwise"

// handleExportFHIR writes a FHIR R4 Bundle of type collection with the
// patient, their pain, ODI and measure Observations and their intake
// QuestionnaireResponses.
func (s *Server) handleExportFHIR(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	p, err := s.loadPatient(r, u)
	if err != nil {
		return err
	}
	patientURL := fhirUUID("patient", p.Patient.ID)
	entries := []obj{{"fullUrl": patientURL, "resource": obj{
		"resourceType": "Patient",
		"identifier":   []obj{{"system": SystemPatientID, "value": strconv.FormatInt(p.Patient.ID, 10)}},
		"telecom":      []obj{{"system": "email", "value": p.Patient.Email}},
	}}}
	for _, rec := range p.Recordings {
		entries = append(entries, recordingEntries(patientURL, rec)...)
	}
	for _, d := range p.Intakes {
		in, err := stretchwise.ReadIntake(d.Body)
		if err != nil {
			return fmt.Errorf("intake %d: %w", d.ID, err)
		}
		entries = append(entries, intakeResponse(patientURL, fhirUUID("intake", d.ID), d, in))
		entries = append(entries, intakeObservations(patientURL, d, in)...)
		if in.NPRS != nil {
			entries = append(entries, painObservation(patientURL, fhirUUID("intake", d.ID, "pain"), d.CreatedAt, *in.NPRS, "lower back"))
		}
		if pct, ok := odiPercent(in.ODI); ok {
			entries = append(entries, obj{"fullUrl": fhirUUID("intake", d.ID, "odi"), "resource": survey(patientURL, d.CreatedAt,
				coding(SystemLOINC, "97909-6", "Oswestry disability index score ODI"), "Oswestry Disability Index",
				obj{"valueQuantity": ucum(pct, "%"), "derivedFrom": []obj{{"reference": fhirUUID("intake", d.ID)}}})})
		}
	}
	for _, d := range p.Sessions {
		var in stretchwise.Session
		if err := json.Unmarshal(d.Body, &in); err != nil {
			return fmt.Errorf("session %d: %w", d.ID, err)
		}
		for i, set := range in.Sets {
			if set.Pain != nil { // none for a hold stopped before the pain was asked
				entries = append(entries, painObservation(patientURL, fhirUUID("session", d.ID, strconv.Itoa(i), "pain"), in.StartedAt, *set.Pain, "lower back"))
			}
			if set.LegPain != nil {
				entries = append(entries, painObservation(patientURL, fhirUUID("session", d.ID, strconv.Itoa(i), "leg"), in.StartedAt, *set.LegPain, "leg"))
			}
			for j, m := range set.Measures {
				entries = append(entries, measureObservation(patientURL, fhirUUID("session", d.ID, strconv.Itoa(i), strconv.Itoa(j)), in.StartedAt, set.Exercise, m, cameraMethod, nil))
			}
		}
	}
	for _, d := range p.CheckIns {
		var in stretchwise.CheckIn
		if err := json.Unmarshal(d.Body, &in); err != nil || in.Pain == nil {
			return fmt.Errorf("check-in %d: unreadable", d.ID)
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
		return err
	}
	download(w, "application/fhir+json", fmt.Sprintf("patient-%d-fhir.json", p.Patient.ID))
	w.Write(b)
	return nil
}
