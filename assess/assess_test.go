package assess

import (
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/geom"
)

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

func TestCode(t *testing.T) {
	codes := []string{"a", "b"}
	for c, want := range map[int]string{-1: "unknown", 0: "a", 1: "b", 2: "unknown"} {
		if got := Code(codes, c); got != want {
			t.Errorf("Code(%d) = %q, want %q", c, got, want)
		}
	}
}

func TestWorse(t *testing.T) {
	order := []string{stretchwise.VerdictStable, stretchwise.VerdictCaution, stretchwise.VerdictUnstable}
	for _, tt := range []struct{ a, b, want string }{
		{stretchwise.VerdictStable, stretchwise.VerdictCaution, stretchwise.VerdictCaution},
		{stretchwise.VerdictUnstable, stretchwise.VerdictCaution, stretchwise.VerdictUnstable},
		{stretchwise.VerdictInconclusive, stretchwise.VerdictStable, stretchwise.VerdictStable},
		{stretchwise.VerdictStable, stretchwise.VerdictInconclusive, stretchwise.VerdictStable},
	} {
		if got := Worse(tt.a, tt.b, order); got != tt.want {
			t.Errorf("Worse(%s, %s) = %s, want %s", tt.a, tt.b, got, tt.want)
		}
	}
}
