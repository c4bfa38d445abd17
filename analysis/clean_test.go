package analysis_test

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/filter"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/synth"
)

// TestCleanLandmarksSameReport checks that cleaning only the landmarks the
// analysis reads (its default) gives the same analysis as cleaning every
// image and world landmark: the same report, per-frame labels and angles
// (bit for bit), on recordings of every exercise from several views, with
// MediaPipe-like noise and the committed golden recordings.
func TestCleanLandmarksSameReport(t *testing.T) {
	all := filter.DefaultConfig // Landmarks 0: every landmark, world too
	recs := map[string]*stretchwise.Recording{}
	for _, name := range []string{"birddog-rear-left", "thomas-left-header-rear-left", "kneel-right-no-view"} {
		recs[name] = readRecording(t, name)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, v := range []stretchwise.View{stretchwise.ViewLeft, stretchwise.ViewRear, stretchwise.ViewFrontRight} {
		m := synth.BirdDog(synth.BirdDogParams{Arms: []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight},
			BaselineS: 2, ReachS: 1, HoldS: 4, ReturnS: 1, RestS: 1})
		recs["birddog-"+string(v)], _ = synth.Generate(m, synth.AverageBody(), synth.CameraFor(v), synth.NoiseMediaPipe, 30, rng)
	}
	m := synth.ThomasTest(synth.ThomasParams{Sides: []stretchwise.Side{stretchwise.SideRight}, SetupS: 1, MoveS: 1.5, HoldS: 4, RestS: 1})
	recs["thomas-right"], _ = synth.Generate(m, synth.AverageBody(), synth.CameraFor(stretchwise.ViewRight), synth.NoiseMediaPipe, 30, rng)
	k := synth.HalfKneeling(synth.KneelParams{Side: stretchwise.SideLeft, SetupS: 1, ShiftS: 1, HoldS: 4, ReleaseS: 1})
	recs["kneel-left"], _ = synth.Generate(k, synth.AverageBody(), synth.CameraFor(stretchwise.ViewLeft), synth.NoiseMediaPipe, 30, rng)
	for name, rec := range recs {
		t.Run(name, func(t *testing.T) {
			got, err := analysis.Run(rec, analysis.DefaultOptions)
			if err != nil {
				t.Fatal(err)
			}
			opt := analysis.DefaultOptions
			opt.Filter = &all
			want, err := analysis.Run(rec, opt)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Report, want.Report) {
				t.Errorf("reports differ:\n got %+v\nwant %+v", got.Report, want.Report)
			}
			for i := range got.Labels {
				g, w := got.Labels[i], want.Labels[i]
				if g.Posture != w.Posture || g.View != w.View || g.Raw != w.Raw || !sameFloat(g.YawDeg, w.YawDeg) ||
					!sameFloat(g.PostureSince, w.PostureSince) || !sameFloat(g.ViewSince, w.ViewSince) {
					t.Fatalf("frame %d: label %+v, want %+v", i, g, w)
				}
			}
			for i := range got.Angles {
				if !sameAngles(&got.Angles[i], &want.Angles[i]) {
					t.Fatalf("frame %d: angles %+v, want %+v", i, got.Angles[i], want.Angles[i])
				}
				for lm := 0; lm < stretchwise.NumLandmarks; lm++ {
					if geom.AngleLandmarks&(1<<lm) != 0 && got.Input.Clean.Frames[i].Image[lm] != want.Input.Clean.Frames[i].Image[lm] {
						t.Fatalf("frame %d: cleaned landmark %d differs", i, lm)
					}
				}
			}
		})
	}
}

// sameFloat compares bit for bit (NaN equals NaN).
func sameFloat(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

// sameAngles compares every field bit for bit (NaN equals NaN).
func sameAngles(a, b *geom.Angles) bool {
	fa, fb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	var same func(x, y reflect.Value) bool
	same = func(x, y reflect.Value) bool {
		switch x.Kind() {
		case reflect.Float64:
			return math.Float64bits(x.Float()) == math.Float64bits(y.Float())
		case reflect.Array, reflect.Struct:
			n := x.Len
			if x.Kind() == reflect.Struct {
				n = x.NumField
			}
			for i := 0; i < n(); i++ {
				if x.Kind() == reflect.Struct {
					if !same(x.Field(i), y.Field(i)) {
						return false
					}
				} else if !same(x.Index(i), y.Index(i)) {
					return false
				}
			}
			return true
		}
		return x.Interface() == y.Interface()
	}
	return same(fa, fb)
}
