package filter

import (
	"math"
	"math/rand"
	"reflect"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/internal/cpuclock"
)

// trajectory is the true position of landmark lm, coordinate c, at time t:
// sinusoids of 0.1-1 Hz and 0.1 amplitude (peak speed 0.63 image heights
// per second) like a person moving briskly into and out of a stretch, in
// image heights (or metres for world). Faster movement is outside what
// Clean is tuned for: see the limits in Hampel's documentation.
func trajectory(lm, c int, t float64) float64 {
	f := 0.1 + 0.9*float64((lm*7+c*3)%11)/10
	return 0.5 + 0.1*math.Sin(2*math.Pi*f*t+float64(lm+c)) + 0.03*math.Sin(2*math.Pi*0.07*t*float64(c+1))
}

// noisyRecording returns a recording of dur seconds at about fps with the
// true trajectories, and a noisy copy: Gaussian noise of sd sigma on every
// coordinate, a fraction of outliers (jumps of 0.05-0.2), visibility
// dropouts of 1-4 frames, frames without a person, and timestamp jitter of
// +-3 ms. World landmarks follow the same trajectories in metres.
func noisyRecording(seed int64, dur, fps, sigma, outlierFrac, dropFrac float64) (truth, noisy *stretchwise.Recording, injected int) {
	r := rand.New(rand.NewSource(seed))
	n := int(dur * fps)
	truth = &stretchwise.Recording{Header: stretchwise.Header{Format: "stretchwise-recording", Version: 1,
		Topology: stretchwise.TopologyBlazePose33, FPS: fps, Width: 1280, Height: 720,
		Extra: map[string]any{"note": "test"}}}
	noisy = &stretchwise.Recording{Header: truth.Header}
	drop := [stretchwise.NumLandmarks]int{} // frames of dropout left
	for i := 0; i < n; i++ {
		ts := float64(i)/fps + (r.Float64()-0.5)*0.006
		var tf, nf stretchwise.Frame
		tf.T, nf.T = ts, ts
		tf.Detected, tf.HasWorld = true, true
		nf.Detected, nf.HasWorld = r.Float64() > 0.01, true
		for lm := 0; lm < stretchwise.NumLandmarks; lm++ {
			for _, world := range []bool{false, true} {
				tp, np := &tf.Image[lm], &nf.Image[lm]
				if world {
					tp, np = &tf.World[lm], &nf.World[lm]
				}
				tp.X, tp.Y, tp.Z = trajectory(lm, 0, ts), trajectory(lm, 1, ts), trajectory(lm, 2, ts)
				tp.Visibility = 0.95
				*np = *tp
				np.X += sigma * r.NormFloat64()
				np.Y += sigma * r.NormFloat64()
				np.Z += sigma * r.NormFloat64()
				if nf.Detected && r.Float64() < outlierFrac {
					np.X += math.Copysign(0.05+0.15*r.Float64(), r.NormFloat64())
					injected++
				}
			}
			if drop[lm] == 0 && r.Float64() < dropFrac/2.5 {
				drop[lm] = 1 + r.Intn(4)
			}
			if drop[lm] > 0 {
				nf.Image[lm].Visibility = 0.2
				drop[lm]--
			}
		}
		if !nf.Detected {
			nf.Image, nf.World, nf.HasWorld = stretchwise.Pose{}, stretchwise.Pose{}, false
		}
		truth.Frames = append(truth.Frames, tf)
		noisy.Frames = append(noisy.Frames, nf)
	}
	return truth, noisy, injected
}

// errorRMS returns the RMS coordinate error of the landmarks of rec that
// pass the gate, against truth, image and world together, and how many.
func errorRMS(rec, truth *stretchwise.Recording, gate float64) (float64, int) {
	var s float64
	var n int
	for i, f := range rec.Frames {
		if !f.Detected {
			continue
		}
		for lm := range f.Image {
			for _, pair := range [][2]stretchwise.Landmark{{f.Image[lm], truth.Frames[i].Image[lm]}, {f.World[lm], truth.Frames[i].World[lm]}} {
				got, want := pair[0], pair[1]
				if !(got.Visibility >= gate) {
					continue
				}
				for _, d := range []float64{got.X - want.X, got.Y - want.Y, got.Z - want.Z} {
					s += d * d
					n++
				}
			}
		}
	}
	return math.Sqrt(s / float64(n)), n
}

func TestCleanReducesError(t *testing.T) {
	// Four seeds. The reference is the noise-only case: a 6 Hz zero-phase
	// low-pass at 30 fps passes a bit under half of white noise's power,
	// and timestamp jitter of +-3 ms on limbs moving up to 0.63 image
	// heights per second adds up to 0.001 that no filter can remove: the
	// RMS should fall to about 0.6 of the raw; want at most 0.7. With
	// outliers and dropouts the cleaned RMS must come within 20 % of the
	// noise-only result of the same seed (up to 14 % seen), i.e. the
	// outliers must be gone and the gaps bridged closely.
	const sigma = 0.004 // image heights (or metres for world landmarks)
	const noiseRatio = 0.7
	const worseTol = 1.2
	// Clean data is kept: false alarms on at most 1.5 % of landmark samples
	// (image and world; 0.8 % seen), and those are mostly filled again.
	const maxFalse = 0.015
	tests := []struct {
		name     string
		outliers float64 // fraction of samples
		drops    float64 // fraction of samples below the gate
	}{
		{"noise and outliers", 0.01, 0},
		{"noise, outliers and dropouts", 0.01, 0.05},
		{"noise, many outliers and dropouts", 0.03, 0.10},
	}
	for seed := int64(1); seed <= 4; seed++ {
		truth, noisy, _ := noisyRecording(seed, 20, 30, sigma, 0, 0)
		clean, st, err := Clean(noisy, DefaultConfig)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := errorRMS(noisy, truth, DefaultConfig.Gate)
		ref, _ := errorRMS(clean, truth, DefaultConfig.Gate)
		samples := 2 * stretchwise.NumLandmarks * st.Frames
		t.Logf("seed %d noise only: RMS %.5f -> %.5f (ratio %.2f), %d of %d landmark samples rejected", seed, raw, ref, ref/raw, st.Outliers, samples)
		if ref > noiseRatio*raw {
			t.Errorf("seed %d noise only: cleaned RMS %.5f, raw %.5f: ratio %.2f, want <= %.2f", seed, ref, raw, ref/raw, noiseRatio)
		}
		if f := float64(st.Outliers) / float64(samples); f > maxFalse {
			t.Errorf("seed %d noise only: %.1f %% of landmark samples rejected, want <= %.1f %%", seed, 100*f, 100*maxFalse)
		}
		for _, tt := range tests {
			truth, noisy, injected := noisyRecording(seed, 20, 30, sigma, tt.outliers, tt.drops)
			orig := cloneRecording(noisy)
			clean, st, err := Clean(noisy, DefaultConfig)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(noisy, orig) {
				t.Fatal("Clean changed its input")
			}
			raw, nRaw := errorRMS(noisy, truth, DefaultConfig.Gate)
			got, nGot := errorRMS(clean, truth, DefaultConfig.Gate)
			t.Logf("seed %d %s: RMS %.5f -> %.5f (%.2f x noise-only), usable coordinates %d -> %d, %d outliers injected, stats %+v",
				seed, tt.name, raw, got, got/ref, nRaw, nGot, injected, st)
			if got > worseTol*ref {
				t.Errorf("seed %d %s: cleaned RMS %.5f, want <= %.2f x the noise-only %.5f", seed, tt.name, got, worseTol, ref)
			}
			// Rejected samples at the ends of runs cannot be filled and are
			// lost; filled gaps add samples. The net loss must stay small.
			if nGot < nRaw*99/100 {
				t.Errorf("seed %d %s: usable coordinates fell from %d to %d", seed, tt.name, nRaw, nGot)
			}
			if st.Outliers < injected {
				t.Errorf("seed %d %s: %d samples rejected, %d outliers injected", seed, tt.name, st.Outliers, injected)
			}
			if tt.drops > 0 && st.Filled == 0 {
				t.Errorf("seed %d %s: no gaps filled: %+v", seed, tt.name, st)
			}
			if math.Abs(st.SampleHz-30) > 0.1 {
				t.Errorf("seed %d %s: sample rate %v Hz, want about 30", seed, tt.name, st.SampleHz)
			}
		}
	}
}

func cloneRecording(r *stretchwise.Recording) *stretchwise.Recording {
	c := *r
	c.Frames = append([]stretchwise.Frame(nil), r.Frames...)
	return &c
}

func TestCleanKeepsUndetectedFramesAndHeader(t *testing.T) {
	_, noisy, _ := noisyRecording(2, 5, 30, 0.003, 0, 0)
	noisy.Frames[10].Detected = false
	noisy.Frames[10].Image = stretchwise.Pose{}
	clean, st, err := Clean(noisy, DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	if clean.Frames[10].Detected || clean.Frames[10].Image != (stretchwise.Pose{}) {
		t.Errorf("a frame without a person was changed: %+v", clean.Frames[10].Image[0])
	}
	if st.Undetected < 1 || st.Frames != len(noisy.Frames) {
		t.Errorf("stats %+v", st)
	}
	if !reflect.DeepEqual(clean.Header, noisy.Header) {
		t.Errorf("header changed: %+v", clean.Header)
	}
	clean.Header.Extra["note"] = "changed"
	if noisy.Header.Extra["note"] != "test" {
		t.Error("the copy shares the header's Extra map")
	}
}

func TestCleanGapsAndOutlierVisibility(t *testing.T) {
	// One landmark with a short gap (filled, visibility raised to the
	// gate), a long gap (kept, visibility kept) and an isolated outlier
	// (rejected and filled).
	const n = 120
	rec := &stretchwise.Recording{Header: stretchwise.Header{Width: 640, Height: 480}}
	for i := 0; i < n; i++ {
		f := stretchwise.Frame{T: float64(i) / 30, Detected: true}
		for lm := range f.Image {
			f.Image[lm] = stretchwise.Landmark{X: 0.5 + 0.001*float64(i), Y: 0.5, Visibility: 0.9}
		}
		rec.Frames = append(rec.Frames, f)
	}
	k := stretchwise.LeftKnee
	for i := 20; i < 23; i++ { // 3 frames: the gap spans 0.13 s
		rec.Frames[i].Image[k].Visibility = 0.1
	}
	for i := 60; i < 75; i++ { // 15 frames: 0.53 s
		rec.Frames[i].Image[k].Visibility = 0.1
	}
	rec.Frames[100].Image[k].X += 0.2
	clean, st, err := Clean(rec, DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-6 // image heights; a ramp passes the low-pass almost exactly
	for i, f := range clean.Frames {
		l := f.Image[k]
		want := 0.5 + 0.001*float64(i)
		switch {
		case i >= 20 && i < 23:
			if l.Visibility != DefaultConfig.Gate || math.Abs(l.X-want) > tol {
				t.Errorf("frame %d (short gap): %+v, want filled x %v at the gate", i, l, want)
			}
		case i >= 60 && i < 75:
			if l.Visibility != 0.1 {
				t.Errorf("frame %d (long gap): visibility %v, want 0.1 kept", i, l.Visibility)
			}
		default:
			if math.Abs(l.X-want) > tol || l.Visibility != 0.9 {
				t.Errorf("frame %d: %+v, want x %v, visibility 0.9", i, l, want)
			}
		}
	}
	if st.Outliers != 1 || st.Filled != 4 || st.Gated != 18 {
		t.Errorf("stats %+v, want 1 outlier, 4 filled, 18 gated", st)
	}
}

func TestCleanIrregularTimestamps(t *testing.T) {
	// A hole in time (frames dropped by the camera) splits the low-pass
	// runs and does not lower the assumed rate.
	rec := &stretchwise.Recording{}
	ts := 0.0
	for i := 0; i < 200; i++ {
		ts += 1.0 / 30
		if i == 100 {
			ts += 0.5
		}
		f := stretchwise.Frame{T: ts, Detected: true}
		for lm := range f.Image {
			f.Image[lm] = stretchwise.Landmark{X: 0.5, Y: 0.5, Visibility: 1}
		}
		rec.Frames = append(rec.Frames, f)
	}
	_, st, err := Clean(rec, DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	if st.Breaks != 1 || math.Abs(st.SampleHz-30) > 1e-6 {
		t.Errorf("stats %+v, want 1 break at 30 Hz", st)
	}
}

func TestCleanErrors(t *testing.T) {
	good := &stretchwise.Recording{Frames: []stretchwise.Frame{{T: 0}, {T: 0.1}}}
	back := &stretchwise.Recording{Frames: []stretchwise.Frame{{T: 0}, {T: 0.1}, {T: 0.1}}}
	bad := DefaultConfig
	bad.Butterworth.CutoffHz = -1
	badOrder := DefaultConfig
	badOrder.Butterworth.Order = 0
	tests := []struct {
		name string
		rec  *stretchwise.Recording
		cfg  Config
	}{
		{"nil", nil, DefaultConfig},
		{"time not increasing", back, DefaultConfig},
		{"negative cutoff", good, bad},
		{"order 0", good, badOrder},
		{"bad hampel window", good, Config{HampelHalfWindow: 0, HampelNSigma: 3, Butterworth: DefaultButterworth}},
	}
	for _, tt := range tests {
		if _, _, err := Clean(tt.rec, tt.cfg); stretchwise.ErrorCode(err) != stretchwise.EINVALID {
			t.Errorf("%s: err = %v, want an invalid error", tt.name, err)
		}
	}
	for _, rec := range []*stretchwise.Recording{{}, {Frames: []stretchwise.Frame{{T: 1, Detected: true}}}} {
		if _, _, err := Clean(rec, DefaultConfig); err != nil {
			t.Errorf("%d frames: %v", len(rec.Frames), err)
		}
	}
}

// BenchmarkClean cleans a 60 s recording at 30 fps with image and world
// landmarks, noise, outliers and dropouts.
func BenchmarkClean(b *testing.B) { benchClean(b, DefaultConfig) }

// benchClean cleans the recording of BenchmarkClean with cfg.
func benchClean(b *testing.B, cfg Config) {
	_, noisy, _ := noisyRecording(3, 60, 30, 0.004, 0.01, 0.05)
	b.ReportAllocs()
	stop := cpuclock.PerOp(b)
	for b.Loop() {
		if _, _, err := Clean(noisy, cfg); err != nil {
			b.Fatal(err)
		}
	}
	stop()
}

func TestCleanLowFrameRate(t *testing.T) {
	// 10 fps: Nyquist is 5 Hz, so the 6 Hz default is lowered to 4 Hz and
	// the recording is still cleaned.
	const tol = 1e-9
	truth, noisy, _ := noisyRecording(5, 20, 10, 0.004, 0, 0)
	clean, st, err := Clean(noisy, DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(st.CutoffHz-4) > 0.01 || math.Abs(st.SampleHz-10) > 0.01 {
		t.Errorf("cutoff %v Hz at %v Hz, want 4 Hz at 10 Hz", st.CutoffHz, st.SampleHz)
	}
	raw, _ := errorRMS(noisy, truth, DefaultConfig.Gate)
	got, _ := errorRMS(clean, truth, DefaultConfig.Gate)
	if !(got < raw) {
		t.Errorf("RMS %v after cleaning, %v before", got, raw)
	}
	_, st30, _ := Clean(&stretchwise.Recording{Frames: []stretchwise.Frame{{T: 0}, {T: 1.0 / 30}}}, DefaultConfig)
	if math.Abs(st30.CutoffHz-DefaultButterworth.CutoffHz) > tol {
		t.Errorf("at 30 fps the cutoff is %v, want the configured %v", st30.CutoffHz, DefaultButterworth.CutoffHz)
	}
}

// TestCleanLandmarks checks that Config.Landmarks and Config.SkipWorld clean
// the selected landmarks exactly as a full Clean does and copy the rest.
func TestCleanLandmarks(t *testing.T) {
	_, noisy, _ := noisyRecording(7, 10, 30, 0.004, 0.01, 0.05)
	full, _, err := Clean(noisy, DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig
	cfg.Landmarks = 1<<stretchwise.LeftHip | 1<<stretchwise.RightKnee | 1<<stretchwise.Nose
	cfg.SkipWorld = true
	part, st, err := Clean(noisy, cfg)
	if err != nil {
		t.Fatal(err)
	}
	cleaned := 0
	for i := range noisy.Frames {
		for lm := 0; lm < stretchwise.NumLandmarks; lm++ {
			want := noisy.Frames[i].Image[lm]
			if cfg.Landmarks&(1<<lm) != 0 {
				want = full.Frames[i].Image[lm]
				if want != noisy.Frames[i].Image[lm] {
					cleaned++
				}
			}
			if got := part.Frames[i].Image[lm]; got != want {
				t.Fatalf("frame %d, image landmark %d: got %+v, want %+v", i, lm, got, want)
			}
			if got, want := part.Frames[i].World[lm], noisy.Frames[i].World[lm]; got != want {
				t.Fatalf("frame %d, world landmark %d changed: got %+v, want %+v", i, lm, got, want)
			}
		}
	}
	if cleaned == 0 || st.Outliers == 0 {
		t.Errorf("nothing was cleaned (%d samples changed, stats %+v)", cleaned, st)
	}
}

// BenchmarkCleanAngleLandmarks is BenchmarkClean restricted to what the
// analysis cleans: the 19 image landmarks of geom.AngleLandmarks, no world
// landmarks (the mask is spelled out here, as filter does not import geom).
func BenchmarkCleanAngleLandmarks(b *testing.B) {
	cfg := DefaultConfig
	cfg.Landmarks = 1<<stretchwise.Nose | 1<<stretchwise.LeftEar | 1<<stretchwise.RightEar |
		1<<stretchwise.LeftShoulder | 1<<stretchwise.RightShoulder | 1<<stretchwise.LeftElbow | 1<<stretchwise.RightElbow |
		1<<stretchwise.LeftWrist | 1<<stretchwise.RightWrist | 1<<stretchwise.LeftHip | 1<<stretchwise.RightHip |
		1<<stretchwise.LeftKnee | 1<<stretchwise.RightKnee | 1<<stretchwise.LeftAnkle | 1<<stretchwise.RightAnkle |
		1<<stretchwise.LeftHeel | 1<<stretchwise.RightHeel | 1<<stretchwise.LeftFootIndex | 1<<stretchwise.RightFootIndex
	cfg.SkipWorld = true
	benchClean(b, cfg)
}
