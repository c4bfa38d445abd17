package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/stretchwise/stretchwise"
	swhttp "github.com/stretchwise/stretchwise/http"
	"github.com/stretchwise/stretchwise/storetest"
)

// fhirSchema compiles the vendored FHIR R4 JSON schema (testdata/fhir).
func fhirSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	const name = "testdata/fhir/fhir-r4-subset.schema.json"
	s, err := jsonschema.NewCompiler().Compile(name)
	if err != nil {
		t.Fatalf("compile %s: %v", name, err)
	}
	return s
}

// fhirInvalid returns why the schema refuses body, or nil.
func fhirInvalid(t *testing.T, schema *jsonschema.Schema, body []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return schema.Validate(inst)
}

// shortAnalyzer calls a recording of fewer than 100 frames inconclusive
// (as the analysis does when too few frames show the body), a longer one
// as echoAnalyzer does.
type shortAnalyzer struct{}

func (shortAnalyzer) Analyze(ctx context.Context, rec *stretchwise.Recording) (*stretchwise.Report, error) {
	r, err := echoAnalyzer{}.Analyze(ctx, rec)
	if err == nil && len(rec.Frames) < 100 {
		r.Verdict, r.Reasons = stretchwise.VerdictInconclusive, []string{"The hips were out of view for most of the recording."}
	}
	return r, err
}

type fhirCoding struct{ System, Code, Display string }
type fhirConcept struct {
	Coding []fhirCoding
	Text   string
}

// fhirResource holds the fields of the exported resources the test reads.
type fhirResource struct {
	ResourceType      string
	Status            string
	Code              fhirConcept
	Subject           struct{ Reference string }
	EffectiveDateTime string
	ValueQuantity     *struct{ Value float64 }
	ValueBoolean      *bool
	ValueInteger      *int
	ValueConcept      *fhirConcept `json:"valueCodeableConcept"`
	DataAbsentReason  *fhirConcept
	Interpretation    []fhirConcept
	Note              []struct{ Text string }
	HasMember         []struct{ Reference string }
	Component         []struct {
		Code         fhirConcept
		ValueInteger *int
	}
	Item []struct {
		LinkID string `json:"linkId"`
		Text   string
		Answer []struct{ ValueBoolean *bool }
	}
}

func (r fhirResource) interpreted(code string) bool {
	for _, c := range r.Interpretation {
		for _, cc := range c.Coding {
			if cc.System == "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation" && cc.Code == code {
				return true
			}
		}
	}
	return false
}

// TestFHIRExport: the bundle validates against the FHIR R4 schema; the
// measures of an inconclusive screening say so (interpretation
// indeterminate and the reasons) and its result has no value but a
// data-absent reason; red flags (every question, yes or no, dated) and the
// STarT Back score are exported next to pain and ODI.
func TestFHIRExport(t *testing.T) {
	f := fixtureOn(newEnv(t, func(o *swhttp.Options) { o.Analyzer = shortAnalyzer{} }))
	f.upload(f.a, storetest.RecordingText(3, 120)) // conclusive; the fixture's recA (60 frames) is not
	second := f.post(f.a, "/api/v1/intakes", intakeFrom(`{"age":45,"red_flags":["night_pain","fever"],"start_back":[1,1,1,0,1,1,1,1,1],"odi":[3,3,2,2,3,2,2,2,3,2],"nprs":7}`))
	r := f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/patients/%d/fhir", f.a.user.ID), token: f.c.token})
	if r.status != 200 {
		t.Fatalf("fhir: %d %s", r.status, r.body)
	}

	schema := fhirSchema(t)
	if err := fhirInvalid(t, schema, r.body); err != nil {
		t.Errorf("the bundle does not validate against the FHIR R4 schema: %v", err)
	}
	// The schema can fail: a wrong status, an unknown field, a resource
	// type the export does not write.
	for _, bad := range []struct{ from, to string }{
		{`"status": "final"`, `"status": "done"`},
		{`"effectiveDateTime"`, `"effectiveTime"`},
		{`"resourceType": "Patient"`, `"resourceType": "Flag"`},
	} {
		if !bytes.Contains(r.body, []byte(bad.from)) {
			t.Fatalf("the bundle has no %s", bad.from)
		}
		if fhirInvalid(t, schema, bytes.Replace(r.body, []byte(bad.from), []byte(bad.to), 1)) == nil {
			t.Errorf("the schema accepts a bundle with %s", bad.to)
		}
	}

	var bundle struct {
		Entry []struct {
			FullURL  string `json:"fullUrl"`
			Resource fhirResource
		}
	}
	if err := json.Unmarshal(r.body, &bundle); err != nil {
		t.Fatal(err)
	}
	byURL := map[string]fhirResource{}
	var verdicts, redFlags, startBack []fhirResource
	var qrs []fhirResource
	for _, e := range bundle.Entry {
		res := e.Resource
		byURL[e.FullURL] = res
		if res.ResourceType == "QuestionnaireResponse" {
			qrs = append(qrs, res)
		}
		if len(res.Code.Coding) == 0 {
			continue
		}
		switch res.Code.Coding[0].System {
		case swhttp.SystemScreening:
			verdicts = append(verdicts, res)
		case swhttp.SystemRedFlag:
			redFlags = append(redFlags, res)
		case swhttp.SystemScore:
			if res.Code.Coding[0].Code == "start_back_total" {
				startBack = append(startBack, res)
			}
		}
	}

	// One result per recording: the inconclusive one without a value, with
	// a data-absent reason and the reasons; its measures marked
	// indeterminate; the conclusive one with its verdict and plain measures.
	if len(verdicts) != 2 {
		t.Fatalf("%d recording results, want one for each of A's 2 recordings: %+v", len(verdicts), verdicts)
	}
	seen := map[string]bool{}
	for _, v := range verdicts {
		inconclusive := v.DataAbsentReason != nil
		seen[fmt.Sprint(inconclusive)] = true
		if inconclusive {
			if v.ValueConcept != nil || !v.interpreted("IND") || !strings.Contains(v.DataAbsentReason.Text, "hips were out of view") {
				t.Errorf("inconclusive result %+v: want no value, interpretation IND and the reasons", v)
			}
		} else if v.ValueConcept == nil || v.ValueConcept.Coding[0].Code != stretchwise.VerdictCaution || v.interpreted("IND") {
			t.Errorf("conclusive result %+v: want the verdict caution", v)
		}
		if len(v.HasMember) != 2 {
			t.Errorf("result %+v: want its 2 measures as members", v)
		}
		for _, m := range v.HasMember {
			obs, ok := byURL[m.Reference]
			if !ok || obs.Code.Coding[0].System != swhttp.SystemMeasure || obs.ValueQuantity == nil {
				t.Fatalf("member %s: %+v, want a measure in the bundle", m.Reference, obs)
			}
			said := obs.interpreted("IND") && slices.ContainsFunc(obs.Note, func(n struct{ Text string }) bool { return strings.Contains(n.Text, "inconclusive") })
			if inconclusive && !said {
				t.Errorf("measure %+v of an inconclusive screening: status %s with nothing saying it was inconclusive", obs.Code, obs.Status)
			}
			if !inconclusive && obs.interpreted("IND") {
				t.Errorf("measure %+v of a conclusive screening marked indeterminate", obs.Code)
			}
		}
	}
	if !seen["true"] || !seen["false"] {
		t.Errorf("want both an inconclusive and a conclusive result, got %v", seen)
	}

	// Red flags: every question of both intakes, answered yes or no, dated.
	if len(redFlags) != 28 {
		t.Fatalf("%d red-flag observations, want 14 per intake", len(redFlags))
	}
	yes := map[string]bool{}
	for _, o := range redFlags[14:] {
		if o.ValueBoolean == nil || o.EffectiveDateTime == "" || o.Code.Text == "" {
			t.Errorf("red flag %+v: want a yes or no, the date and the question", o)
			continue
		}
		if *o.ValueBoolean {
			yes[o.Code.Coding[0].Code] = true
		}
	}
	if len(yes) != 2 || !yes["night_pain"] || !yes["fever"] {
		t.Errorf("the second intake's red flags answered yes: %v, want night_pain and fever", yes)
	}
	// STarT Back per intake, with the distress subscore and the risk.
	if len(startBack) != 2 || startBack[1].ValueInteger == nil || *startBack[1].ValueInteger != 8 ||
		len(startBack[1].Component) != 1 || *startBack[1].Component[0].ValueInteger != 5 || startBack[1].Interpretation[0].Text != "high risk" {
		t.Errorf("STarT Back observations %+v, want the second one 8, distress 5, high risk", startBack)
	}
	// The questionnaire response answers each red-flag question.
	if len(qrs) != 2 {
		t.Fatalf("%d questionnaire responses, want 2", len(qrs))
	}
	answers := 0
	for _, it := range qrs[1].Item {
		if strings.HasPrefix(it.LinkID, "red_flag.") && len(it.Answer) == 1 && it.Answer[0].ValueBoolean != nil && it.Text != "" {
			answers++
		}
	}
	if answers != 14 {
		t.Errorf("intake %d's questionnaire response answers %d red-flag questions, want 14", second, answers)
	}
}
