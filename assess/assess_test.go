package assess

import (
	"math"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/geom"
)

func TestMedian(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, nan, 1, 3, 2}, 2.5},
		{[]float64{nan, 5}, 5},
	} {
		if got := Median(c.in); got != c.want {
			t.Errorf("Median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
	if got := Median([]float64{nan}); !math.IsNaN(got) {
		t.Errorf("Median(NaN only) = %v, want NaN", got)
	}
	in := []float64{3, 1, 2}
	Median(in)
	if in[0] != 3 || in[1] != 1 {
		t.Errorf("Median sorted its input: %v", in)
	}
}

func TestRound2(t *testing.T) {
	if got := Round2(1.23456); got != 1.23 {
		t.Errorf("Round2(1.23456) = %v", got)
	}
	if got := Round2(-0.001); got != 0 || math.Signbit(got) {
		t.Errorf("Round2(-0.001) = %v, want +0", got)
	}
}

func TestSettings(t *testing.T) {
	own := geom.Noise{Sigma: 0.01}
	if g, n := Settings(&Input{Gate: 0.6}, 0.3, own); g != 0.3 || n != own {
		t.Errorf("own settings: %v %v", g, n)
	}
	if g, n := Settings(&Input{Gate: 0.6}, 0, geom.Noise{}); g != 0.6 || n != geom.DefaultNoise {
		t.Errorf("input's gate, default noise: %v %v", g, n)
	}
	if g, _ := Settings(&Input{}, 0, geom.Noise{}); g != geom.DefaultGate {
		t.Errorf("default gate: %v", g)
	}
	if SideOf(geom.Right) != stretchwise.SideRight || SideOf(geom.Left) != stretchwise.SideLeft {
		t.Error("SideOf maps the sides wrong")
	}
}
