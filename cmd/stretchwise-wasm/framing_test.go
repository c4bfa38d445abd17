package main

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis/analysistest"
	"github.com/stretchwise/stretchwise/framing"
	"github.com/stretchwise/stretchwise/recording"
	"github.com/stretchwise/stretchwise/synth"
)

// feedFraming runs rec through the page's framing binding and returns the
// notes of each frame.
func feedFraming(t *testing.T, rec *stretchwise.Recording) [][]framingNote {
	t.Helper()
	var all [][]framingNote
	replay(t, newLiveFraming(rec.Header.Width, rec.Header.Height), rec, func(i int, out framingOutput) {
		all = append(all, out.Notes)
	})
	return all
}

// replay steps l through every frame of rec as the page does (the image
// landmarks as poseValues numbers, nil where no person was found) and
// gives each answer, decoded from JSON, to each.
func replay[T any](t *testing.T, l interface {
	step(t float64, pose []float64) (string, error)
}, rec *stretchwise.Recording, each func(i int, out T)) {
	t.Helper()
	v := make([]float64, poseValues)
	for i := range rec.Frames {
		f := &rec.Frames[i]
		var pose []float64
		if f.Detected {
			for j, p := range f.Image {
				v[4*j], v[4*j+1], v[4*j+2], v[4*j+3] = p.X, p.Y, p.Z, p.Visibility
			}
			pose = v
		}
		o, err := l.step(f.T, pose)
		if err != nil {
			t.Fatalf("frame %d: %v", i, err)
		}
		var out T
		if err := json.Unmarshal([]byte(o), &out); err != nil {
			t.Fatalf("frame %d: output is not JSON: %v", i, err)
		}
		each(i, out)
	}
}

// TestLiveFramingRealBirdDog: on the real bird dog filmed from the side
// (validation/testdata/real), whose lifted right leg leaves the picture at
// the right edge from 1.2 to 5.3 s, the page's framing check says so while
// it happens, in the words of package framing.
func TestLiveFramingRealBirdDog(t *testing.T) {
	rec := analysistest.ReadGzip(t, "../../validation/testdata/real/birddog.full.jsonl.gz", recording.Limits{})
	notes := feedFraming(t, rec)
	said, during := 0, 0
	for i, ns := range notes {
		if ts := rec.Frames[i].T; ts < 2.5 || ts > 4.5 {
			continue
		}
		during++
		for _, n := range ns {
			if n.Problem == framing.OutOfPicture && n.Part == "right foot" {
				said++
				if n.Message != "Your right foot is out of the picture: "+framing.MoveBackNow+"." {
					t.Errorf("message %q", n.Message)
				}
				// The page's checklist marks the parts of these landmarks not in view.
				if !slices.Equal(n.Landmarks, []int{stretchwise.RightAnkle}) {
					t.Errorf("landmarks %v, want the right ankle's", n.Landmarks)
				}
				break
			}
		}
	}
	if during == 0 || said != during {
		t.Errorf("the right foot out of the picture was said in %d of the %d frames of 2.5-4.5 s, want all", said, during)
	}
}

// TestLiveFramingCamera: a synthetic bird dog filmed from straight behind
// 50 deg above the body is told the camera is too high; from 10 deg above,
// framed as the placement picture asks, nothing is said once the check has
// a window of frames; at 30 and at 10 analysed frames a second.
func TestLiveFramingCamera(t *testing.T) {
	m := synth.BirdDog(synth.BirdDogParams{Arms: []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight}, BaselineS: 2, HoldS: 3})
	for _, tc := range []struct{ elev, fps float64 }{{10, 30}, {50, 30}, {10, 10}, {50, 10}} {
		elev := tc.elev
		cam := synth.CameraFor(stretchwise.ViewRear)
		cam.ElevationDeg = elev
		rec, _ := synth.Generate(m, synth.AverageBody(), cam, synth.NoiseMediaPipe, tc.fps, rand.New(rand.NewPCG(14, 2)))
		high, other, after := 0, 0, 0
		for i, ns := range feedFraming(t, rec) {
			if rec.Frames[i].T < framing.LiveWindowS {
				continue
			}
			after++
			for _, n := range ns {
				if n.Problem == framing.TooHigh {
					high++
					if n.Message != "The camera is too high: lower it to about the height of your hips." {
						t.Errorf("message %q", n.Message)
					}
				} else {
					other++
					t.Logf("camera %g deg up, %.2f s: %s", elev, rec.Frames[i].T, n.Message)
				}
			}
		}
		t.Logf("camera %g deg up, %g fps: too high in %d of %d frames, %d other notes", elev, tc.fps, high, after, other)
		if elev >= 50 && float64(high) < 0.9*float64(after) {
			t.Errorf("camera %g deg up: too high said in %d of %d frames, want at least 90 %%", elev, high, after)
		}
		if elev < 50 && high+other > 0 {
			t.Errorf("camera %g deg up, framed well: %d notes", elev, high+other)
		}
	}
}
