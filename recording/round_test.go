package recording

import (
	"math"
	"testing"

	"github.com/stretchwise/stretchwise"
)

func TestRoundAsWeb(t *testing.T) {
	rec := &stretchwise.Recording{Frames: []stretchwise.Frame{{T: 1.23456789, Detected: true, HasWorld: true}}}
	f := &rec.Frames[0]
	f.Image[0] = stretchwise.Landmark{X: 0.123456789, Y: -0.000001, Z: 0.5000049, Visibility: 0.987654}
	f.World[0] = stretchwise.Landmark{X: -0.123456789, Y: 1.00005, Z: -0.00001, Visibility: 0.99995}
	RoundAsWeb(rec)
	want := []struct {
		name      string
		got, want float64
	}{
		{"t", f.T, 1.234568},
		{"image x", f.Image[0].X, 0.12346},
		{"image y (-0)", f.Image[0].Y, 0},
		{"image z", f.Image[0].Z, 0.5},
		{"image visibility", f.Image[0].Visibility, 0.9877},
		{"world x", f.World[0].X, -0.1235},
		{"world y", f.World[0].Y, 1.0001},
		{"world z (-0)", f.World[0].Z, 0},
		{"world visibility", f.World[0].Visibility, 1},
	}
	for _, w := range want {
		if w.got != w.want || math.Signbit(w.got) != math.Signbit(w.want) {
			t.Errorf("%s: %v, want %v", w.name, w.got, w.want)
		}
	}
}
