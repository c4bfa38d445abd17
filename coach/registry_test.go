package coach

import (
	"regexp"
	"testing"
)

// TestRegisteredCoaches: the half-kneeling stretch and the bird dog
// register their coaches, each with the words the page and the replay
// show, in plain language (no code names).
func TestRegisteredCoaches(t *testing.T) {
	code := regexp.MustCompile(`[_{}<>]|\.go\b`)
	var names []string
	for _, r := range Registered() {
		names = append(names, string(r.Exercise))
		for _, s := range []string{r.Name, r.SideName, r.TimerNote} {
			if s == "" || code.MatchString(s) {
				t.Errorf("%s: words %q empty or not plain", r.Exercise, s)
			}
		}
		if _, ok := For(r.Exercise); !ok {
			t.Errorf("%s: listed but not found", r.Exercise)
		}
	}
	if len(names) != 2 {
		t.Errorf("registered coaches %v, want the half-kneeling stretch and the bird dog", names)
	}
	if r, _ := For("half-kneeling-hip-flexor"); r.HoldAngle != "hip_extension_deg" {
		t.Errorf("half-kneeling hold angle %q, want the hip extension the guard keeps", r.HoldAngle)
	}
}
