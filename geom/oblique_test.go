package geom

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchwise/stretchwise"
)

// tolObliqueDeg: the obliquity correction is exact for an orthographic
// camera, so only rounding remains.
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

// TestRollSlopeUndoesForeshortening: a hip line rolled by r and turned by
// yaw from the image plane, seen by a level camera, has the slope tan(r)
// once corrected, while its image tilt is atan(tan(r)/cos(yaw)).
func TestRollSlopeUndoesForeshortening(t *testing.T) {
	for _, rear := range []bool{false, true} {
		for _, yaw := range []float64{0, 15, 30, 45, 60, 75} {
			for _, r := range []float64{-25, -8, -1, 0, 2, 8, 15, 30} {
				p := rolled(r, yaw, rear).image()
				img, ok := PelvicRoll2D(&p, standing().aspect, DefaultGate)
				if !ok {
					t.Fatalf("rear %v yaw %v roll %v: pelvic roll not measured", rear, yaw, r)
				}
				tr := math.Tan(r * math.Pi / 180)
				wantImg := math.Atan(tr/math.Cos(yaw*math.Pi/180)) * 180 / math.Pi
				if math.Abs(img-wantImg) > tolObliqueDeg {
					t.Errorf("rear %v yaw %v roll %v: image roll %.12f, want %.12f", rear, yaw, r, img, wantImg)
				}
				if got := RollSlope(img, yaw); math.Abs(got-tr) > 1e-12 {
					t.Errorf("rear %v yaw %v roll %v: RollSlope %.12f, want tan(roll) %.12f", rear, yaw, r, got, tr)
				}
			}
		}
	}
}

// TestRollChangeWithCameraAbove: a camera above the body gives an oblique
// hip line a constant apparent tilt; the roll change cancels it and leaves
// atan(cos(e) (tan r1 - tan r0)), and for a level camera the true change.
func TestRollChangeWithCameraAbove(t *testing.T) {
	aspect := standing().aspect
	for _, rear := range []bool{false, true} {
		for _, yaw := range []float64{0, 30, 45, 60} {
			for _, elev := range []float64{0, 10, 20} {
				for _, rr := range [][2]float64{{0, 8}, {0, -6}, {2, 10}, {-3, 12}, {5, 5}, {-1, -20}} {
					name := fmt.Sprintf("rear %v yaw %v elevation %v roll %v -> %v", rear, yaw, elev, rr[0], rr[1])
					p0 := tiltedImage(rolled(rr[0], yaw, rear), elev)
					p1 := tiltedImage(rolled(rr[1], yaw, rear), elev)
					b, ok0 := PelvicRoll2D(&p0, aspect, DefaultGate)
					r, ok1 := PelvicRoll2D(&p1, aspect, DefaultGate)
					if !ok0 || !ok1 {
						t.Fatalf("%s: not measured", name)
					}
					tan := func(d float64) float64 { return math.Tan(d * math.Pi / 180) }
					ce := math.Cos(elev * math.Pi / 180)
					want := math.Atan(ce*(tan(rr[1])-tan(rr[0]))) * 180 / math.Pi
					got := RollChange(r, b, yaw)
					if math.Abs(got-want) > tolObliqueDeg {
						t.Errorf("%s: RollChange %.12f, want %.12f", name, got, want)
					}
					if elev == 0 && rr[0] == 0 && math.Abs(got-rr[1]) > tolObliqueDeg {
						t.Errorf("%s: RollChange %.12f, want the roll %v", name, got, rr[1])
					}
					// Mirrored image: the same change with its sign reversed.
					var m0, m1 stretchwise.Pose
					MirrorPose(&m0, &p0)
					MirrorPose(&m1, &p1)
					mb, _ := PelvicRoll2D(&m0, aspect, DefaultGate)
					mr, _ := PelvicRoll2D(&m1, aspect, DefaultGate)
					if m := RollChange(mr, mb, yaw); math.Abs(m+got) > tolObliqueDeg {
						t.Errorf("%s: mirrored RollChange %.12f, want %.12f", name, m, -got)
					}
				}
			}
		}
	}
}

// TestRollChangeNeedsTheCorrection checks that the test above can fail: at
// 45 deg the uncorrected image tilt overstates an 8 deg roll by more than
// 3 deg, and a camera 20 deg above adds a tilt of several degrees.
func TestRollChangeNeedsTheCorrection(t *testing.T) {
	aspect := standing().aspect
	p0 := tiltedImage(rolled(0, 45, true), 0)
	p1 := tiltedImage(rolled(8, 45, true), 0)
	b, _ := PelvicRoll2D(&p0, aspect, DefaultGate)
	r, _ := PelvicRoll2D(&p1, aspect, DefaultGate)
	if d := (r - b) - 8; d < 3 {
		t.Errorf("uncorrected change %.2f deg, want more than 11 (the image exaggerates by 1/cos 45)", r-b)
	}
	q0 := tiltedImage(rolled(0, 45, true), 20)
	if a, _ := PelvicRoll2D(&q0, aspect, DefaultGate); math.Abs(a) < 5 {
		t.Errorf("a level hip line seen from 20 deg above at yaw 45 tilts %.2f deg, want several", a)
	}
}

func TestRollSlopeDegenerate(t *testing.T) {
	nan := math.NaN()
	for _, tt := range []struct{ roll, base, yaw float64 }{
		{nan, 0, 45}, {0, nan, 45}, {3, 0, nan},
	} {
		if got := RollChange(tt.roll, tt.base, tt.yaw); !math.IsNaN(got) {
			t.Errorf("RollChange(%v, %v, %v) = %v, want NaN", tt.roll, tt.base, tt.yaw, got)
		}
	}
	// A side view shows no roll: every image tilt is slope 0 there.
	if got := RollSlope(30, 90); math.Abs(got) > 1e-12 {
		t.Errorf("RollSlope(30, 90) = %v, want 0", got)
	}
	// No change gives 0, whatever the yaw.
	for _, yaw := range []float64{0, 45, 80} {
		if got := RollChange(12, 12, yaw); got != 0 {
			t.Errorf("RollChange(12, 12, %v) = %v, want 0", yaw, got)
		}
	}
}

// TestSlopeChangeDerivative: perSlope is the derivative of the angle.
func TestSlopeChangeDerivative(t *testing.T) {
	const h, tol = 1e-6, 1e-6
	for _, d := range []float64{-1, -0.2, 0, 0.05, 0.3, 2} {
		deg, per := SlopeChange(d)
		if want := math.Atan(d) * 180 / math.Pi; math.Abs(deg-want) > tolObliqueDeg {
			t.Errorf("SlopeChange(%v) = %v deg, want %v", d, deg, want)
		}
		hi, _ := SlopeChange(d + h)
		lo, _ := SlopeChange(d - h)
		if num := (hi - lo) / (2 * h); math.Abs(num-per) > tol*math.Abs(per) {
			t.Errorf("SlopeChange(%v): perSlope %v, numerical %v", d, per, num)
		}
	}
}

func TestRollChangeAllocs(t *testing.T) {
	var sink float64
	if n := testing.AllocsPerRun(100, func() { sink += RollChange(5, 1, 45) }); n != 0 {
		t.Errorf("RollChange allocates %v times", n)
	}
	_ = sink
}
