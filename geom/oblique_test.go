package geom

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchwise/stretchwise"
)

// tolObliqueDeg: the rise method is exact for an orthographic camera, so
// only rounding remains.
const tolObliqueDeg = 1e-9

// tiltedImage returns the orthographic image of b seen by a camera raised
// elevDeg above the horizontal and looking down at the body (the world is
// turned about the image's horizontal axis before projecting).
func tiltedImage(b body, elevDeg float64) stretchwise.Pose {
	w := b.world()
	s, c := math.Sincos(elevDeg * math.Pi / 180)
	var p stretchwise.Pose
	for i, l := range w {
		y := l.Y*c - l.Z*s
		p[i] = stretchwise.Landmark{X: (b.cu + l.X*b.scale) / b.aspect, Y: b.cv + y*b.scale, Visibility: 1}
	}
	return p
}

// rolled returns the standing body rolled by roll degrees, turned so its hip
// line makes yaw degrees with the image plane, seen from behind (rear) or
// from the front.
func rolled(roll, yaw float64, rear bool) body {
	b := standing()
	b.roll = roll
	b.yaw = 90 - yaw // 90 faces the camera: hip line in the image plane
	if rear {
		b.yaw = -90 + yaw
	}
	return b
}

func sinDeg(d float64) float64  { return math.Sin(d * math.Pi / 180) }
func cosDeg(d float64) float64  { return math.Cos(d * math.Pi / 180) }
func asinDeg(x float64) float64 { return math.Asin(x) * 180 / math.Pi }

// trueWidth is the baseline width over the foreshortening, as the callers
// of RiseChange take it.
func trueWidth(w, yaw float64) float64 { return w / cosDeg(yaw) }

func TestViewYaw(t *testing.T) {
	tests := []struct {
		v    stretchwise.View
		want float64
		ok   bool
	}{
		{stretchwise.ViewRear, 0, true},
		{stretchwise.ViewFront, 0, true},
		{stretchwise.ViewRearLeft, 45, true},
		{stretchwise.ViewRearRight, 45, true},
		{stretchwise.ViewFrontLeft, 45, true},
		{stretchwise.ViewFrontRight, 45, true},
		{stretchwise.ViewLeft, 90, true},
		{stretchwise.ViewRight, 90, true},
		{stretchwise.ViewUnknown, math.NaN(), false},
		{"", math.NaN(), false},
		{"upside-down", math.NaN(), false},
	}
	for _, tt := range tests {
		got, ok := ViewYaw(tt.v)
		if ok != tt.ok || (tt.ok && got != tt.want) || (!tt.ok && !math.IsNaN(got)) {
			t.Errorf("ViewYaw(%q) = %v, %v; want %v, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
	// Every valid view but unknown has a yaw.
	for _, v := range stretchwise.Views {
		if _, ok := ViewYaw(v); ok != (v != stretchwise.ViewUnknown) {
			t.Errorf("ViewYaw(%q): ok %v", v, ok)
		}
	}
}

// TestLineRiseIsTheRoll: the rise and width are the legs of the image roll
// (PelvicRoll2D, ShoulderRoll2D), measured exactly when it is, and a hip
// line rolled by r and turned by yaw from the image plane, seen by a level
// camera, rises by sin(r) of its true width (the unrolled width over
// cos yaw) while its image tilt is atan(tan(r)/cos(yaw)).
func TestLineRiseIsTheRoll(t *testing.T) {
	aspect := standing().aspect
	for _, rear := range []bool{false, true} {
		for _, yaw := range []float64{0, 15, 30, 45, 60, 75} {
			p0 := rolled(0, yaw, rear).image()
			_, w0, ok := PelvicRise2D(&p0, aspect, DefaultGate)
			if !ok {
				t.Fatalf("rear %v yaw %v: baseline not measured", rear, yaw)
			}
			for _, r := range []float64{-25, -8, -1, 0, 2, 8, 15, 30} {
				name := fmt.Sprintf("rear %v yaw %v roll %v", rear, yaw, r)
				p := rolled(r, yaw, rear).image()
				for _, c := range []struct {
					what       string
					roll       func(*stretchwise.Pose, float64, float64) (float64, bool)
					rise       func(*stretchwise.Pose, float64, float64) (float64, float64, bool)
					left, righ int
				}{
					{"pelvis", PelvicRoll2D, PelvicRise2D, stretchwise.LeftHip, stretchwise.RightHip},
					{"shoulders", ShoulderRoll2D, ShoulderRise2D, stretchwise.LeftShoulder, stretchwise.RightShoulder},
				} {
					img, okA := c.roll(&p, aspect, DefaultGate)
					rise, w, okR := c.rise(&p, aspect, DefaultGate)
					r2, w2, ok2 := LineRise(&p, c.left, c.righ, aspect, DefaultGate)
					if !okA || !okR || !ok2 || r2 != rise || w2 != w {
						t.Fatalf("%s %s: roll ok %v, rise ok %v (%v, %v) vs LineRise %v (%v, %v)", name, c.what, okA, okR, rise, w, ok2, r2, w2)
					}
					if a := math.Atan2(rise, w) * 180 / math.Pi; math.Abs(a-img) > tolObliqueDeg {
						t.Errorf("%s %s: atan2(rise, width) %.12f, image roll %.12f", name, c.what, a, img)
					}
				}
				img, _ := PelvicRoll2D(&p, aspect, DefaultGate)
				if want := math.Atan(math.Tan(r*math.Pi/180)/cosDeg(yaw)) * 180 / math.Pi; math.Abs(img-want) > tolObliqueDeg {
					t.Errorf("%s: image roll %.12f, want %.12f", name, img, want)
				}
				rise, _, _ := PelvicRise2D(&p, aspect, DefaultGate)
				if got := rise / trueWidth(w0, yaw); math.Abs(got-sinDeg(r)) > 1e-12 {
					t.Errorf("%s: rise over true width %.12f, want sin(roll) %.12f", name, got, sinDeg(r))
				}
			}
		}
	}
}

// TestRiseChange: with a level camera the roll change from the rise is
// asin((sin r1 - sin r0) / cos r0) (the true width is the baseline's,
// L cos r0, over which the baseline rises by tan r0), the roll itself from a level baseline, whatever the yaw. A
// camera e above the body gives an oblique hip line an apparent rise k of
// its width (k = +-sin(yaw) sin(e), its depth seen from above); the
// change from a level baseline cancels it up to a second-order term:
// asin(sin r1 cos e + k (cos r1 - 1)), within 0.4 deg of asin(sin r1 cos e)
// for rolls up to 12 deg, yaws up to 60 and cameras up to 20 deg above.
// Mirrored images give the negated change.
func TestRiseChange(t *testing.T) {
	aspect := standing().aspect
	for _, rear := range []bool{false, true} {
		for _, yaw := range []float64{0, 30, 45, 60} {
			for _, elev := range []float64{0, 10, 20} {
				for _, rr := range [][2]float64{{0, 8}, {0, -6}, {0, 12}, {2, 10}, {-3, 12}, {5, 5}, {-1, -20}} {
					if elev != 0 && rr[0] != 0 {
						continue
					}
					name := fmt.Sprintf("rear %v yaw %v elevation %v roll %v -> %v", rear, yaw, elev, rr[0], rr[1])
					p0 := tiltedImage(rolled(rr[0], yaw, rear), elev)
					p1 := tiltedImage(rolled(rr[1], yaw, rear), elev)
					b, w0, ok0 := PelvicRise2D(&p0, aspect, DefaultGate)
					r, _, ok1 := PelvicRise2D(&p1, aspect, DefaultGate)
					if !ok0 || !ok1 {
						t.Fatalf("%s: not measured", name)
					}
					W := trueWidth(w0, yaw)
					got, _ := RiseChange((r-b)/W, 0)
					var want float64
					if elev == 0 {
						want = asinDeg((sinDeg(rr[1]) - sinDeg(rr[0])) / cosDeg(rr[0]))
						if want := math.Tan(rr[0] * math.Pi / 180); math.Abs(b/W-want) > 1e-12 {
							t.Errorf("%s: level camera, baseline rise %.12f of the true width, want tan(r0) %.12f", name, b/W, want)
						}
					} else {
						k := b / W
						if math.Abs(math.Abs(k)-sinDeg(yaw)*sinDeg(elev)) > 1e-12 {
							t.Errorf("%s: apparent rise of a level line %.12f of its width, want +-%.12f", name, k, sinDeg(yaw)*sinDeg(elev))
						}
						want = asinDeg(sinDeg(rr[1])*cosDeg(elev) + k*(cosDeg(rr[1])-1))
						if first := asinDeg(sinDeg(rr[1]) * cosDeg(elev)); math.Abs(rr[1]) <= 12 && math.Abs(got-first) > 0.4 {
							t.Errorf("%s: change %.4f, %.4f from asin(sin r1 cos e) %.4f", name, got, got-first, first)
						}
					}
					if math.Abs(got-want) > tolObliqueDeg {
						t.Errorf("%s: RiseChange %.12f, want %.12f", name, got, want)
					}
					if elev == 0 && rr[0] == 0 && math.Abs(got-rr[1]) > tolObliqueDeg {
						t.Errorf("%s: RiseChange %.12f, want the roll %v", name, got, rr[1])
					}
					// Mirrored image: negated rises, same width, negated change.
					var m0, m1 stretchwise.Pose
					MirrorPose(&m0, &p0)
					MirrorPose(&m1, &p1)
					mb, mw0, _ := PelvicRise2D(&m0, aspect, DefaultGate)
					mr, _, _ := PelvicRise2D(&m1, aspect, DefaultGate)
					if math.Abs(mb+b) > 1e-12 || math.Abs(mw0-w0) > 1e-12 {
						t.Errorf("%s: mirrored baseline rise %v width %v, want %v, %v", name, mb, mw0, -b, w0)
					}
					if m, _ := RiseChange((mr-mb)/trueWidth(mw0, yaw), 0); math.Abs(m+got) > tolObliqueDeg {
						t.Errorf("%s: mirrored change %.12f, want %.12f", name, m, -got)
					}
				}
			}
		}
	}
}

// TestRiseChangeNeedsTheTrueWidth checks that the tests above can fail: at
// 45 deg, rises over the foreshortened image width overstate an 8 deg roll
// by more than 3 deg, and the image tilt of a level hip line seen from
// 20 deg above is several degrees (the difference of rises removes it).
func TestRiseChangeNeedsTheTrueWidth(t *testing.T) {
	aspect := standing().aspect
	p0 := tiltedImage(rolled(0, 45, true), 0)
	p1 := tiltedImage(rolled(8, 45, true), 0)
	b, w0, _ := PelvicRise2D(&p0, aspect, DefaultGate)
	r, _, _ := PelvicRise2D(&p1, aspect, DefaultGate)
	if d, _ := RiseChange((r-b)/w0, 0); d-8 < 3 {
		t.Errorf("change over the image width %.2f deg, want more than 11 (the image width is cos 45 of the true one)", d)
	}
	if d, _ := RiseChange((r-b)/trueWidth(w0, 45), 0); math.Abs(d-8) > tolObliqueDeg {
		t.Errorf("change over the true width %.12f deg, want 8", d)
	}
	q0 := tiltedImage(rolled(0, 45, true), 20)
	if a, _ := PelvicRoll2D(&q0, aspect, DefaultGate); math.Abs(a) < 5 {
		t.Errorf("a level hip line seen from 20 deg above at yaw 45 tilts %.2f deg, want several", a)
	}
}

// TestRiseChangeUncertainty: the uncertainty is 0 for u = 0, the linear
// propagation u/cos(roll) for a small u, and at most 90 deg however large
// u is; d beyond +-1 reads +-90.
func TestRiseChangeUncertainty(t *testing.T) {
	for _, d := range []float64{-0.5, -0.1, 0, 0.05, 0.3, 0.8} {
		if _, u := RiseChange(d, 0); u != 0 {
			t.Errorf("RiseChange(%v, 0): uncertainty %v, want 0", d, u)
		}
		const small = 1e-6
		_, u := RiseChange(d, small)
		if want := small / math.Sqrt(1-d*d) * 180 / math.Pi; math.Abs(u-want) > 1e-6*want {
			t.Errorf("RiseChange(%v, %v): uncertainty %v, want the linear %v", d, small, u, want)
		}
		for _, big := range []float64{0.5, 1, 5, 1e6, math.Inf(1)} {
			if _, u := RiseChange(d, big); !(u > 0 && u <= 90) {
				t.Errorf("RiseChange(%v, %v): uncertainty %v, want in (0, 90]", d, big, u)
			}
		}
	}
	for _, tt := range []struct{ d, want float64 }{{1, 90}, {1.5, 90}, {-2, -90}, {math.Inf(1), 90}} {
		if got, _ := RiseChange(tt.d, 0); got != tt.want {
			t.Errorf("RiseChange(%v) = %v, want %v", tt.d, got, tt.want)
		}
	}
}

func TestRiseDegenerate(t *testing.T) {
	nan := math.NaN()
	aspect := standing().aspect
	base := rolled(5, 45, true).image()
	for _, tt := range []struct {
		name string
		mod  func(p *stretchwise.Pose)
	}{
		{"left hip below the gate", func(p *stretchwise.Pose) { p[stretchwise.LeftHip].Visibility = DefaultGate / 2 }},
		{"right hip invisible", func(p *stretchwise.Pose) { p[stretchwise.RightHip].Visibility = 0 }},
		{"NaN visibility", func(p *stretchwise.Pose) { p[stretchwise.RightHip].Visibility = nan }},
		{"NaN x", func(p *stretchwise.Pose) { p[stretchwise.LeftHip].X = nan }},
		{"infinite y", func(p *stretchwise.Pose) { p[stretchwise.RightHip].Y = math.Inf(-1) }},
		{"hips at one point", func(p *stretchwise.Pose) { p[stretchwise.LeftHip] = p[stretchwise.RightHip] }},
	} {
		p := base
		tt.mod(&p)
		rise, w, ok := PelvicRise2D(&p, aspect, DefaultGate)
		if ok || !math.IsNaN(rise) || !math.IsNaN(w) {
			t.Errorf("%s: PelvicRise2D = %v, %v, %v; want NaN, NaN, false", tt.name, rise, w, ok)
		}
		if _, okRoll := PelvicRoll2D(&p, aspect, DefaultGate); okRoll {
			t.Errorf("%s: PelvicRoll2D measured where the rise is not", tt.name)
		}
	}
	var zero stretchwise.Pose
	if _, _, ok := ShoulderRise2D(&zero, aspect, DefaultGate); ok {
		t.Error("ShoulderRise2D of the zero pose: ok")
	}
	for _, d := range [][2]float64{{nan, 0.01}, {0.1, nan}, {nan, nan}} {
		deg, u := RiseChange(d[0], d[1])
		if !math.IsNaN(u) || (math.IsNaN(d[0]) && !math.IsNaN(deg)) {
			t.Errorf("RiseChange(%v, %v) = %v, %v; want NaN", d[0], d[1], deg, u)
		}
	}
}

func TestRiseAllocs(t *testing.T) {
	p := rolled(5, 45, true).image()
	aspect := standing().aspect
	var sink float64
	n := testing.AllocsPerRun(100, func() {
		r, w, _ := PelvicRise2D(&p, aspect, DefaultGate)
		d, u := RiseChange(r/w, 0.01)
		sink += d + u
	})
	if n != 0 {
		t.Errorf("PelvicRise2D + RiseChange allocate %v times", n)
	}
	_ = sink
}
