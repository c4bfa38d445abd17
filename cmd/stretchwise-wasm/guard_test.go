package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/guard"
	"github.com/stretchwise/stretchwise/library"
)

func TestGuardTextReplaysEvents(t *testing.T) {
	in := `{"back_pain":2,"leg_pain":0,"limit":{"code":"no_history"},"events":[
		{"kind":"set_started","t":0,"exercise":"half-kneeling-hip-flexor"},
		{"kind":"set_ended","t":30},
		{"kind":"intensity","t":31,"value":6},
		{"kind":"pain","t":32,"value":5,"location":"back"}]}`
	var out guard.ReplayResult
	if err := json.Unmarshal([]byte(guardText(in)), &out); err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, d := range out.Decisions {
		codes = append(codes, d.Code)
	}
	want := "set_started set_ended intensity_above_mild back_pain_rise"
	if got := strings.Join(codes, " "); got != want {
		t.Errorf("codes = %q, want %q", got, want)
	}
	if out.State != "stopped" || out.MaxPain != 5 || out.Limit.Code != "no_history" {
		t.Errorf("state %q max pain %g limit %q, want stopped 5 no_history", out.State, out.MaxPain, out.Limit.Code)
	}
	if got := guardText(`{"events":[{"kind":"pain","value":3,"location":"knee"}]}`); !strings.HasPrefix(got, `{"error":{"code":"invalid"`) {
		t.Errorf("bad location: %s, want an invalid error", got)
	}
}

func TestExerciseText(t *testing.T) {
	var e struct {
		Name  string
		Steps []string
		Doses []struct {
			Level int
			HoldS int `json:"hold_s"`
		}
	}
	if err := json.Unmarshal([]byte(exerciseText("half-kneeling-hip-flexor")), &e); err != nil || e.Name == "" || len(e.Steps) == 0 || len(e.Doses) < 2 {
		t.Fatalf("exerciseText = %+v, %v", e, err)
	}
	if !strings.Contains(exerciseText("nope"), "not_found") {
		t.Error("unknown exercise is not not_found")
	}
}

func TestScreeningsText(t *testing.T) {
	var got []struct {
		ID    string `json:"id"`
		Parts []struct {
			Name      string `json:"name"`
			Landmarks [2]int `json:"landmarks"`
		} `json:"parts"`
	}
	if err := json.Unmarshal([]byte(screeningsText()), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(library.Default().Screenings) {
		t.Fatalf("screeningsText = %+v", got)
	}
	bd := got[0]
	if bd.ID != "bird-dog" || bd.Parts[0].Name != "Shoulders" || bd.Parts[0].Landmarks != [2]int{stretchwise.LeftShoulder, stretchwise.RightShoulder} {
		t.Errorf("bird dog = %+v, want its shoulders at landmarks 11 and 12", bd)
	}
}
