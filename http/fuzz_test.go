package http

import (
	"bytes"
	"testing"
	"time"
)

// FuzzDocumentValidators feeds arbitrary bodies to the intake and check-in
// validators: they must never panic, and what they accept must validate
// again to the same bytes (what is stored is what was checked).
//
//	go test -run '^$' -fuzz FuzzDocumentValidators -fuzztime 30s ./http
func FuzzDocumentValidators(f *testing.F) {
	for _, seed := range []string{
		`{"age":45,"red_flags":["night_pain"],"start_back":[0,1,0,0,0,0,0,0,0],"odi":[1,2,0,null,1,0,0,0,1,0],"nprs":4}`,
		`{"age":45,"red_flag_answers":[{"flag":"fever","answer":"no"}],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,null,null],"nprs":0,"new_pain":true}`,
		`{"red_flag_answers":[{"flag":"bladder_bowel","answer":"yes","answered_at":"2026-12-07T10:00:00Z"}]}`,
		`{"date":"2026-11-21","pain":3,"leg_pain":0,"stiffness":2,"notes":"ok"}`,
		`{"pain":11}`, `{"age":1e400}`, `[]`, `null`, `{"age":45,`, "\xff",
	} {
		f.Add([]byte(seed))
	}
	s := &Server{now: func() time.Time { return time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC) }}
	validators := map[string]validator{"intake": s.validateIntake, "checkin": validateCheckInBody}
	f.Fuzz(func(t *testing.T, body []byte) {
		for name, v := range validators {
			out, err := v(nil, nil, body)
			if err != nil {
				continue
			}
			again, err := v(nil, nil, out)
			if err != nil {
				t.Fatalf("%s: accepted %q but not its stored form %q: %v", name, body, out, err)
			}
			if !bytes.Equal(again, out) {
				t.Fatalf("%s: stored form changes on re-validation: %q then %q", name, out, again)
			}
		}
	})
}
