package eval

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
)

// TestBirdDogBatteryCI runs a CI-sized bird-dog battery through the real
// analysis path and checks the claims docs/validation-birddog.md makes for
// it: never "stable" from a view that cannot see roll; where the screen
// gives a verdict in a roll view, pelvic roll within 2 deg mean absolute
// error, sensitivity and specificity at least 95 %; and it does give
// verdicts at low noise in every roll view.
func TestBirdDogBatteryCI(t *testing.T) {
	if testing.Short() {
		t.Skip("the battery takes about 10 s of CPU")
	}
	const (
		n        = 36 // two recordings per view and noise level
		maxMAE   = 2.0
		minSens  = 0.95
		minSpec  = 0.95
		seed     = 1
		maxIncLo = 0.75 // at low noise at most this share of roll-view sides may be inconclusive
	)
	res, err := runAll(context.Background(), birdDogCases(n, seed), 2, runBirdDogCase)
	if err != nil {
		t.Fatal(err)
	}
	sides := slices.Concat(res...)
	if got := len(sides); got != 2*n {
		t.Fatalf("%d sides, want %d", got, 2*n)
	}
	side := summarise(sides, func(v stretchwise.View) bool { return !rollVisible(v) })
	if side.stableNoRoll != 0 || side.stableOverallSideViews != 0 {
		t.Errorf("side views: %d sides and %d reports said stable, want 0", side.stableNoRoll, side.stableOverallSideViews)
	}
	roll := summarise(sides, rollVisible)
	if roll.maeCN == 0 || roll.maeC > maxMAE {
		t.Errorf("roll views: pelvic roll MAE over conclusive sides = %.2f deg (n=%d), want <= %v", roll.maeC, roll.maeCN, maxMAE)
	}
	if roll.posConclusive == 0 || float64(roll.posFlagged) < minSens*float64(roll.posConclusive) {
		t.Errorf("roll views: sensitivity %d of %d conclusive, want >= %v", roll.posFlagged, roll.posConclusive, minSens)
	}
	if roll.negConclusive == 0 || float64(roll.negStable) < minSpec*float64(roll.negConclusive) {
		t.Errorf("roll views: specificity %d of %d conclusive, want >= %v", roll.negStable, roll.negConclusive, minSpec)
	}
	for _, v := range birdDogViews {
		if !rollVisible(v) {
			continue
		}
		var low []birdDogSide
		for _, s := range sides {
			if s.c.view == v && s.c.noise == "low" {
				low = append(low, s)
			}
		}
		st := summarise(low, rollVisible)
		if st.sides == 0 || float64(st.inconclusive) > maxIncLo*float64(st.sides) {
			t.Errorf("%s, low noise: %d of %d sides inconclusive, want at most %v", v, st.inconclusive, st.sides, maxIncLo)
		}
	}
	var buf bytes.Buffer
	printBirdDog(&buf, sides)
	if !strings.Contains(buf.String(), "| rear |") {
		t.Errorf("printed tables lack the rear row:\n%s", buf.String())
	}
}
