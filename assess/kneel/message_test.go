package kneel

import (
	"strings"
	"testing"
)

// TestMessagePlain: a knee finding says the range in plain numbers ("75 to
// 105 deg"), not our "+/-" shorthand, and a moment as one time.
func TestMessagePlain(t *testing.T) {
	for _, c := range []Check{CheckFrontKnee, CheckBackKnee} {
		got := message(c, 60, 3.2, 3.2, DefaultRules)
		if strings.Contains(got, "+/-") || strings.Contains(got, "3.2-3.2") || !strings.Contains(got, " to ") {
			t.Errorf("message(%v) = %q", c, got)
		}
	}
}
