package posture_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/filter"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/posture"
	"github.com/stretchwise/stretchwise/synth"
)

// The accuracy of the recognition on the synthetic bodies: every exercise
// motion, from every view, at every noise preset, on several bodies. The
// recordings are cleaned by filter.Clean first, as in the analysis.

var allViews = []stretchwise.View{
	stretchwise.ViewFront, stretchwise.ViewFrontLeft, stretchwise.ViewLeft, stretchwise.ViewRearLeft,
	stretchwise.ViewRear, stretchwise.ViewRearRight, stretchwise.ViewRight, stretchwise.ViewFrontRight,
}

// motions are short versions of the three exercise motions.
func motions() []*synth.Motion {
	return []*synth.Motion{
		synth.BirdDog(synth.BirdDogParams{Arms: []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight}, BaselineS: 2, HoldS: 3}),
		synth.ThomasTest(synth.ThomasParams{HoldS: 4}),
		synth.HalfKneeling(synth.KneelParams{HoldS: 6}),
	}
}

// confusion counts (truth, got) pairs.
type confusion map[[2]string]int

func (c confusion) add(truth, got string) { c[[2]string{truth, got}]++ }

// rate returns the share of truth's cases labelled truth.
func (c confusion) rate(truth string) (float64, int) {
	n, ok := 0, 0
	for k, v := range c {
		if k[0] == truth {
			n += v
			if k[1] == truth {
				ok += v
			}
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(ok) / float64(n), n
}

func (c confusion) String() string {
	var truths, gots []string
	seenT, seenG := map[string]bool{}, map[string]bool{}
	for k := range c {
		if !seenT[k[0]] {
			seenT[k[0]] = true
			truths = append(truths, k[0])
		}
		if !seenG[k[1]] {
			seenG[k[1]] = true
			gots = append(gots, k[1])
		}
	}
	sort.Strings(truths)
	sort.Strings(gots)
	var b strings.Builder
	fmt.Fprintf(&b, "| truth \\ got |")
	for _, g := range gots {
		fmt.Fprintf(&b, " %s |", g)
	}
	b.WriteString("\n|---|")
	for range gots {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, t := range truths {
		fmt.Fprintf(&b, "| %s |", t)
		for _, g := range gots {
			fmt.Fprintf(&b, " %d |", c[[2]string{t, g}])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// minPostureRate and minViewRate are the accuracy docs/analysis.md states
// per noise preset: the least share of frames of each exercise posture
// recognised as that posture, and the least share of recordings whose view
// is recognised.
var minPostureRate = map[string]float64{"none": 0.99, "low": 0.99, "mediapipe": 0.99, "high": 0.85}
var minViewRate = map[string]float64{"none": 1, "low": 1, "mediapipe": 1, "high": 0.85}

// TestSynthAccuracy measures per-frame posture accuracy and recording-view
// accuracy over the battery and checks them against the figures stated in
// docs/analysis.md. Run with -v to print the confusion tables.
func TestSynthAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("the synthetic battery takes about half a minute")
	}
	noises := []synth.Noise{synth.NoiseNone, synth.NoiseLow, synth.NoiseMediaPipe, synth.NoiseHigh}
	bodies := []synth.Body{synth.BodyOfHeight(1.55), synth.BodyOfHeight(1.95)}
	for i, n := range noises {
		t.Run(n.Name, func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(2, uint64(i)))
			postureConf, viewConf, frameViewConf := confusion{}, confusion{}, confusion{}
			for _, m := range motions() {
				for _, v := range allViews {
					for _, b := range bodies {
						rec, truth := synth.Generate(m, b, synth.CameraFor(v), n, 30, rng)
						clean, _, err := filter.Clean(rec, filter.DefaultConfig)
						if err != nil {
							t.Fatalf("clean: %v", err)
						}
						labels := posture.Recognize(clean, posture.DefaultConfig)
						for i := range labels {
							postureConf.add(string(truth.Posture), string(labels[i].Posture))
							frameViewConf.add(string(v), string(labels[i].View))
						}
						// As the analysis does: the view over the frames in
						// the exercise's posture, else over all frames.
						got, agree := posture.RecordingView(labels, truth.Posture)
						if got == stretchwise.ViewUnknown && agree == 0 {
							got, _ = posture.RecordingView(labels, stretchwise.PostureUnknown)
						}
						viewConf.add(string(v), string(got))
					}
				}
			}
			t.Logf("noise %s: per-frame posture (rows truth, columns recognised)\n%s", n.Name, postureConf)
			t.Logf("noise %s: recording view\n%s", n.Name, viewConf)
			if os.Getenv("POSTURE_SYNTH_VERBOSE") != "" {
				t.Logf("noise %s: per-frame view\n%s", n.Name, frameViewConf)
			}
			for _, p := range []stretchwise.Posture{stretchwise.PostureQuadruped, stretchwise.PostureSupine, stretchwise.PostureHalfKneeling} {
				if got, frames := postureConf.rate(string(p)); got < minPostureRate[n.Name] || frames == 0 {
					t.Errorf("%s frames recognised: %.3f of %d, want at least %.2f", p, got, frames, minPostureRate[n.Name])
				}
			}
			ok, all := 0, 0
			for k, c := range viewConf {
				all += c
				if k[0] == k[1] {
					ok += c
				}
			}
			if rate := float64(ok) / float64(all); rate < minViewRate[n.Name] {
				t.Errorf("recording views recognised: %d of %d, want at least %.2f", ok, all, minViewRate[n.Name])
			}
		})
	}
}

// TestSynthMirror checks that a mirrored recording (every landmark swapped
// with its counterpart, x flipped) gets the same posture in every frame
// and the mirrored view.
func TestSynthMirror(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for _, m := range motions() {
		for _, v := range []stretchwise.View{stretchwise.ViewLeft, stretchwise.ViewRearRight} {
			rec, _ := synth.Generate(m, synth.AverageBody(), synth.CameraFor(v), synth.NoiseMediaPipe, 30, rng)
			mir := &stretchwise.Recording{Header: rec.Header, Frames: make([]stretchwise.Frame, len(rec.Frames))}
			for i, f := range rec.Frames {
				mir.Frames[i] = stretchwise.Frame{T: f.T, Detected: f.Detected}
				if f.Detected {
					geom.MirrorPose(&mir.Frames[i].Image, &f.Image)
				}
			}
			a := posture.Recognize(rec, posture.DefaultConfig)
			b := posture.Recognize(mir, posture.DefaultConfig)
			bad := 0
			for i := range a {
				if a[i].Posture != b[i].Posture || a[i].View.Mirrored() != b[i].View {
					bad++
					if bad <= 3 {
						t.Errorf("%s from %s, frame %d: %s %s, mirrored %s %s", m.Exercise, v, i, a[i].Posture, a[i].View, b[i].Posture, b[i].View)
					}
				}
			}
			if bad > 0 {
				t.Errorf("%s from %s: %d of %d frames differ when mirrored", m.Exercise, v, bad, len(a))
			}
		}
	}
}

// TestSynthNoDepth measures the view without MediaPipe's z (as from an
// OpenPose import): the obliquity from the image width, the near side from
// the visibility of the two sides. docs/analysis.md states the figure.
func TestSynthNoDepth(t *testing.T) {
	if testing.Short() {
		t.Skip("the synthetic battery takes several seconds")
	}
	const minRate = 0.9 // measured 23 of 24 (one front taken for front-right)
	rng := rand.New(rand.NewPCG(3, 3))
	conf := confusion{}
	ok, all := 0, 0
	for _, m := range motions() {
		for _, v := range allViews {
			rec, truth := synth.Generate(m, synth.AverageBody(), synth.CameraFor(v), synth.NoiseMediaPipe, 30, rng)
			for i := range rec.Frames {
				for k := range rec.Frames[i].Image {
					rec.Frames[i].Image[k].Z = 0
				}
			}
			clean, _, err := filter.Clean(rec, filter.DefaultConfig)
			if err != nil {
				t.Fatal(err)
			}
			labels := posture.Recognize(clean, posture.DefaultConfig)
			got, agree := posture.RecordingView(labels, truth.Posture)
			if got == stretchwise.ViewUnknown && agree == 0 {
				got, _ = posture.RecordingView(labels, stretchwise.PostureUnknown)
			}
			conf.add(string(v), string(got))
			all++
			if got == v {
				ok++
			}
		}
	}
	t.Logf("recording view without depth, mediapipe noise\n%s", conf)
	if rate := float64(ok) / float64(all); rate < minRate {
		t.Errorf("views recognised without depth: %d of %d, want at least %.2f", ok, all, minRate)
	}
}

// TestSynthElevated measures quadruped recognition with the camera above
// the body, as in the bird-dog battery (5-20 deg): a 2-rep bird dog from
// every view at 5, 12.5 and 20 deg of elevation, on bodies of 1.55 and
// 1.95 m, at no noise and MediaPipe-like noise. Before the end-on rule a
// camera 20 deg above and behind saw the quadruped as "other" or
// "standing" in most frames. docs/validation-birddog.md states the figures.
func TestSynthElevated(t *testing.T) {
	// The least share of the frames recognised as quadruped per recording
	// (missed detections count against it): measured 1.000 (none) and
	// 0.971 (mediapipe) with these seeds; before the end-on rule 0.229
	// (none, rear, 20 deg) and 0.894 (mediapipe, rear, 20 deg).
	minRate := map[string]float64{"none": 0.99, "mediapipe": 0.95}
	quadrupedBattery(t, 5, func(m *synth.Motion, n synth.Noise, rng *rand.Rand) {
		worst := 1.0
		for _, v := range allViews {
			for _, elev := range []float64{5, 12.5, 20} {
				for _, b := range []synth.Body{synth.BodyOfHeight(1.55), synth.BodyOfHeight(1.95)} {
					cam := synth.CameraFor(v)
					cam.ElevationDeg = elev
					ok, total := quadrupedFrames(t, m, b, cam, n, rng)
					rate := float64(ok) / float64(total)
					worst = math.Min(worst, rate)
					if rate < minRate[n.Name] {
						t.Errorf("noise %s, %s, camera %g deg up, %.2f m: quadruped in %d of %d frames, want at least %.2f",
							n.Name, v, elev, b.HeightM, ok, total, minRate[n.Name])
					}
				}
			}
		}
		t.Logf("noise %s: at least %.3f of the frames quadruped in every recording", n.Name, worst)
	})
}

// quadrupedBattery runs battery on a two-rep bird dog at no noise and at
// MediaPipe-like noise, each with a random source seeded (seed, its index);
// it skips under -short.
func quadrupedBattery(t *testing.T, seed uint64, battery func(m *synth.Motion, n synth.Noise, rng *rand.Rand)) {
	if testing.Short() {
		t.Skip("the synthetic battery takes several seconds")
	}
	m := synth.BirdDog(synth.BirdDogParams{Arms: []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight}, BaselineS: 2, HoldS: 3})
	for i, n := range []synth.Noise{synth.NoiseNone, synth.NoiseMediaPipe} {
		battery(m, n, rand.New(rand.NewPCG(seed, uint64(i))))
	}
}

// BenchmarkRecognizeBirdDog60s is posture.Recognize on a cleaned 60 s
// synthetic bird dog from a rear-left view with MediaPipe-like noise, as
// the analysis of an upload runs it; one op is the whole recording.
func BenchmarkRecognizeBirdDog60s(b *testing.B) {
	m := synth.BirdDog(synth.BirdDogParams{
		Arms:      []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight, stretchwise.SideLeft, stretchwise.SideRight},
		BaselineS: 3, ReachS: 1.5, HoldS: 10, ReturnS: 1.5, RestS: 1.25,
	})
	rec, _ := synth.Generate(m, synth.AverageBody(), synth.CameraFor(stretchwise.ViewRearLeft), synth.NoiseMediaPipe, 30, rand.New(rand.NewPCG(1, 2)))
	clean, _, err := filter.Clean(rec, filter.DefaultConfig)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		posture.Recognize(clean, posture.DefaultConfig)
	}
}

// TestSynthHighCamera: a home camera on a shelf or in a room corner, 30-50
// deg above the body (50 in front reported, not asserted), wide-angle with
// barrel distortion. From 50 deg straight behind the quadruped was
// recognised in 0 of 511 frames until the camera's elevation told from the
// thighs set Rules.HighCamera. Before
// the end-on rule took the camera's elevation into account (the rise of a
// horizontal trunk up to 2.2 times its depth), a supporting thigh could be
// shortened by the elevation (SupportDrop) and a shank on the floor
// pointing toward the camera was no longer taken for a standing person's,
// a quadruped filmed from 40 deg above and behind-right came out "other",
// "supine" or "standing" in most frames.
func TestSynthHighCamera(t *testing.T) {
	minRate := map[string]float64{"none": 0.95, "mediapipe": 0.9}
	quadrupedBattery(t, 7, func(m *synth.Motion, n synth.Noise, rng *rand.Rand) {
		worst, worstAt := 1.0, "none below 1"
		for _, v := range allViews {
			for _, elev := range []float64{30, 40, 50} {
				cam := synth.CameraFor(v)
				cam.ElevationDeg = elev
				cam.HFOVDeg, cam.DistortionK1 = 100, -0.2
				ok, total := quadrupedFrames(t, m, synth.RandomBody(rng), cam, n, rng)
				rate := float64(ok) / float64(total)
				if elev > 40 && !behind(v) {
					// Reported, not asserted: from 50 deg in front or
					// front-left the trunk points toward the camera and the
					// high-camera rule (Rules.HighCamera) does not apply;
					// the app asks for a camera behind.
					t.Logf("noise %s, %s, camera %g deg up, wide-angle: quadruped in %d of %d frames", n.Name, v, elev, ok, total)
					continue
				}
				if rate < worst {
					worst, worstAt = rate, fmt.Sprintf("%s at %g deg", v, elev)
				}
				if rate < minRate[n.Name] {
					t.Errorf("noise %s, %s, camera %g deg up, wide-angle: quadruped in %d of %d frames, want at least %.2f",
						n.Name, v, elev, ok, total, minRate[n.Name])
				}
			}
		}
		t.Logf("noise %s, 30-40 deg, and 50 deg from behind: at least %.3f of the frames quadruped in every recording (worst %s)", n.Name, worst, worstAt)
	})
}

// behind reports whether v looks at the person from behind.
func behind(v stretchwise.View) bool {
	return v == stretchwise.ViewRear || v == stretchwise.ViewRearLeft || v == stretchwise.ViewRearRight
}

// quadrupedFrames renders m, cleans it as the analysis does and returns how
// many of its frames posture.Recognize labels quadruped, of how many.
func quadrupedFrames(t *testing.T, m *synth.Motion, b synth.Body, cam synth.Camera, n synth.Noise, rng *rand.Rand) (ok, total int) {
	t.Helper()
	rec, _ := synth.Generate(m, b, cam, n, 30, rng)
	clean, _, err := filter.Clean(rec, filter.DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	labels := posture.Recognize(clean, posture.DefaultConfig)
	for i := range labels {
		if labels[i].Posture == stretchwise.PostureQuadruped {
			ok++
		}
	}
	return ok, len(labels)
}
