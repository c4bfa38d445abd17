package filter

import (
	"math"
	"math/rand"
	"testing"

	"github.com/stretchwise/stretchwise"
)

const fps = 30.0

// rmsAfter returns the RMS of got-want from sample skip on.
func rmsAfter(got, want []float64, skip int) float64 {
	var s float64
	for i := skip; i < len(got); i++ {
		d := got[i] - want[i]
		s += d * d
	}
	return math.Sqrt(s / float64(len(got)-skip))
}

func TestOneEuroReducesJitterAtRest(t *testing.T) {
	// A still landmark with MediaPipe-like jitter (sd 0.003 image heights):
	// the default filter must cut the jitter at least in half. An
	// exponential filter at 1 Hz would cut it to 0.31 of its sd at 30 fps;
	// the speed term raises the cutoff a little on noise alone.
	const sigma = 0.003
	const wantRatio = 0.5
	r := rand.New(rand.NewSource(1))
	f := DefaultOneEuro
	n := 3000
	got, truth := make([]float64, n), make([]float64, n)
	raw := make([]float64, n)
	for i := range got {
		truth[i] = 0.4
		raw[i] = 0.4 + sigma*r.NormFloat64()
		got[i] = f.Filter(float64(i)/fps, raw[i])
	}
	in, out := rmsAfter(raw, truth, 30), rmsAfter(got, truth, 30)
	t.Logf("jitter sd %.5f -> %.5f image heights (ratio %.2f)", in, out, out/in)
	if out > wantRatio*in {
		t.Errorf("jitter %.5f after filtering, %.5f before: ratio %.2f, want <= %.2f", out, in, out/in, wantRatio)
	}
}

func TestOneEuroLagsLittleWhenMoving(t *testing.T) {
	// A landmark moving steadily at 0.5 image heights per second: the
	// steady-state lag must stay under 40 ms and under a third of the lag
	// of a fixed 1 Hz exponential filter (the one-euro filter at rest),
	// which is about 160 ms at 30 fps.
	const speed = 0.5 // image heights per second
	const maxLagS = 0.04
	fixed := OneEuro{MinCutoff: 1, Beta: 0, DCutoff: 1}
	f := DefaultOneEuro
	var lag, lagFixed float64
	const n = 90
	for i := 0; i < n; i++ {
		ts := float64(i) / fps
		x := 0.1 + speed*ts
		y := f.Filter(ts, x)
		yf := fixed.Filter(ts, x)
		if i == n-1 {
			lag, lagFixed = (x-y)/speed, (x-yf)/speed
		}
	}
	t.Logf("lag at %.1f heights/s: one-euro %.4f s, fixed 1 Hz %.4f s", speed, lag, lagFixed)
	if lag > maxLagS || lag > lagFixed/3 || lag < 0 {
		t.Errorf("lag %.4f s (fixed 1 Hz filter %.4f s), want <= %.3f s and <= a third", lag, lagFixed, maxLagS)
	}
}

func TestOneEuroTimeAndReset(t *testing.T) {
	f := DefaultOneEuro
	if got := f.Filter(0, 1); got != 1 {
		t.Errorf("first sample = %v, want it unchanged", got)
	}
	y := f.Filter(1.0/fps, 2)
	if got := f.Filter(1.0/fps, 5); got != y {
		t.Errorf("repeated time gave %v, want the last value %v", got, y)
	}
	if got := f.Filter(0.5/fps, 5); got != y {
		t.Errorf("earlier time gave %v, want the last value %v", got, y)
	}
	f.Reset()
	if got := f.Filter(10, 7); got != 7 {
		t.Errorf("after Reset = %v, want 7", got)
	}
}

func TestPoseFilterMatchesOneEuro(t *testing.T) {
	// Every coordinate of PoseFilter follows its own one-euro filter, with
	// x speeds counted in image heights (times the aspect).
	const tol = 1e-12
	const aspect = 16.0 / 9
	r := rand.New(rand.NewSource(2))
	pf := NewPoseFilter(0.5, aspect)
	var fx, fy, fz OneEuro = DefaultOneEuro, DefaultOneEuro, DefaultOneEuro
	var src, dst stretchwise.Pose
	for i := 0; i < 200; i++ {
		ts := float64(i) / fps
		for j := range src {
			src[j] = stretchwise.Landmark{X: 0.5 + 0.1*math.Sin(ts*3+float64(j)) + 0.003*r.NormFloat64(),
				Y: 0.5 + 0.01*r.NormFloat64(), Z: r.NormFloat64() * 0.01, Visibility: 0.9}
		}
		pf.Filter(&dst, &src, ts)
		l := src[stretchwise.LeftKnee]
		wx := fx.filter(ts, l.X, aspect)
		wy := fy.Filter(ts, l.Y)
		wz := fz.Filter(ts, l.Z)
		got := dst[stretchwise.LeftKnee]
		if math.Abs(got.X-wx) > tol || math.Abs(got.Y-wy) > tol || math.Abs(got.Z-wz) > tol || got.Visibility != l.Visibility {
			t.Fatalf("frame %d: %+v, want x %v y %v z %v", i, got, wx, wy, wz)
		}
	}
}

func TestPoseFilterGateAndMask(t *testing.T) {
	pf := NewPoseFilter(0.5, 1)
	pf.Mask = 1<<stretchwise.LeftKnee | 1<<stretchwise.LeftHip
	var src, dst stretchwise.Pose
	set := func(x, vis float64) {
		for j := range src {
			src[j] = stretchwise.Landmark{X: x, Y: x, Visibility: vis}
		}
	}
	set(0.2, 0.9)
	pf.Filter(&dst, &src, 0)
	set(0.3, 0.9)
	pf.Filter(&dst, &src, 1/fps)
	held := dst[stretchwise.LeftKnee]
	if held.X == 0.3 || held.X == 0.2 {
		t.Fatalf("filtered knee x = %v, want between 0.2 and 0.3", held.X)
	}
	if dst[stretchwise.Nose].X != 0.3 {
		t.Errorf("unmasked nose x = %v, want 0.3 copied", dst[stretchwise.Nose].X)
	}
	// Below the gate: held, with the low visibility passed on.
	set(0.9, 0.1)
	pf.Filter(&dst, &src, 2/fps)
	if got := dst[stretchwise.LeftKnee]; got.X != held.X || got.Visibility != 0.1 {
		t.Errorf("gated knee = %+v, want x held at %v with visibility 0.1", got, held.X)
	}
	// Back within HoldS: the filter continues from where it was.
	set(0.3, 0.9)
	pf.Filter(&dst, &src, 3/fps)
	if got := dst[stretchwise.LeftKnee].X; got == 0.3 || got < held.X {
		t.Errorf("knee after a short gap = %v, want it to keep filtering from %v", got, held.X)
	}
	// Gated longer than HoldS: the filter restarts at the new sample.
	set(0.9, 0.1)
	pf.Filter(&dst, &src, 4/fps)
	pf.Filter(&dst, &src, 4/fps+DefaultHoldS+0.1)
	set(0.7, 0.9)
	pf.Filter(&dst, &src, 4/fps+DefaultHoldS+0.2)
	if got := dst[stretchwise.LeftKnee].X; got != 0.7 {
		t.Errorf("knee after a long gap = %v, want a restart at 0.7", got)
	}
}

func TestPoseFilterAllocatesNothing(t *testing.T) {
	pf := NewPoseFilter(0.5, 16.0/9)
	var src, dst stretchwise.Pose
	ts := 0.0
	if n := testing.AllocsPerRun(100, func() { ts += 1 / fps; pf.Filter(&dst, &src, ts) }); n != 0 {
		t.Errorf("Filter allocates %v per frame", n)
	}
}

func TestPoseFilterZeroParamsMeanDefault(t *testing.T) {
	zero := &PoseFilter{Gate: 0.5, Aspect: 1, HoldS: DefaultHoldS}
	def := NewPoseFilter(0.5, 1)
	var src, a, b stretchwise.Pose
	for i := 0; i < 10; i++ {
		src[stretchwise.LeftKnee] = stretchwise.Landmark{X: 0.5 + 0.01*float64(i), Y: 0.5, Visibility: 1}
		zero.Filter(&a, &src, float64(i)/fps)
		def.Filter(&b, &src, float64(i)/fps)
	}
	if a != b || a[stretchwise.LeftKnee].X == 0.5 {
		t.Errorf("zero Params: knee %+v, default: %+v", a[stretchwise.LeftKnee], b[stretchwise.LeftKnee])
	}
}
