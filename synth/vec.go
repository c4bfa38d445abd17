package synth

import (
	"encoding/json"
	"fmt"
	"math"
)

const (
	deg2rad = math.Pi / 180
	rad2deg = 180 / math.Pi
)

// Vec3 is a point or direction in lab coordinates: metres, Y up.
type Vec3 struct{ X, Y, Z float64 }

func (a Vec3) add(b Vec3) Vec3             { return Vec3{a.X + b.X, a.Y + b.Y, a.Z + b.Z} }
func (a Vec3) sub(b Vec3) Vec3             { return Vec3{a.X - b.X, a.Y - b.Y, a.Z - b.Z} }
func (a Vec3) scale(s float64) Vec3        { return Vec3{s * a.X, s * a.Y, s * a.Z} }
func (a Vec3) dot(b Vec3) float64          { return a.X*b.X + a.Y*b.Y + a.Z*b.Z }
func (a Vec3) norm() float64               { return math.Sqrt(a.dot(a)) }
func (a Vec3) mid(b Vec3) Vec3             { return a.add(b).scale(0.5) }
func (a Vec3) dist(b Vec3) float64         { return a.sub(b).norm() }
func (a Vec3) neg() Vec3                   { return Vec3{-a.X, -a.Y, -a.Z} }
func (a Vec3) lerp(b Vec3, s float64) Vec3 { return a.add(b.sub(a).scale(s)) }
func (a Vec3) cross(b Vec3) Vec3 {
	return Vec3{a.Y*b.Z - a.Z*b.Y, a.Z*b.X - a.X*b.Z, a.X*b.Y - a.Y*b.X}
}

// unit returns a scaled to length 1; the zero vector stays zero.
func (a Vec3) unit() Vec3 {
	n := a.norm()
	if n == 0 {
		return a
	}
	return a.scale(1 / n)
}

// rotate turns v about the unit axis u by deg degrees, right-handed
// (Rodrigues' formula).
func rotate(v, u Vec3, deg float64) Vec3 {
	s, c := math.Sincos(deg * deg2rad)
	return v.scale(c).add(u.cross(v).scale(s)).add(u.scale(u.dot(v) * (1 - c)))
}

// signedAngle returns the angle in degrees that turns a onto b about axis
// (right-handed), in -180..180, using only the components of a and b
// perpendicular to axis.
func signedAngle(a, b, axis Vec3) float64 {
	axis = axis.unit()
	return math.Atan2(a.cross(b).dot(axis), a.dot(b)-a.dot(axis)*b.dot(axis)) * rad2deg
}

// angleBetween returns the unsigned angle between a and b in degrees.
func angleBetween(a, b Vec3) float64 {
	return math.Atan2(a.cross(b).norm(), a.dot(b)) * rad2deg
}

// Frame is the orientation of a body segment in the lab: three orthonormal
// axes, right-handed (A x S = R). In anatomical position A points anterior,
// S superior and R to the person's right. A limb segment points along -S
// from its proximal joint.
type Frame struct{ A, S, R Vec3 }

// standing is the frame of a person standing upright and facing +X.
var standing = Frame{A: Vec3{1, 0, 0}, S: Vec3{0, 1, 0}, R: Vec3{0, 0, 1}}

// turn rotates the frame about the lab axis u (unit) by deg degrees.
func (f Frame) turn(u Vec3, deg float64) Frame {
	return Frame{rotate(f.A, u, deg), rotate(f.S, u, deg), rotate(f.R, u, deg)}
}

// local returns the lab vector with coordinates (a, s, r) in frame f.
func (f Frame) local(a, s, r float64) Vec3 {
	return f.A.scale(a).add(f.S.scale(s)).add(f.R.scale(r))
}

// down returns the direction a limb segment with this frame points along.
func (f Frame) down() Vec3 { return f.S.neg() }

// smoothstep eases 0..1 to 0..1 with zero slope at both ends; values
// outside 0..1 are clamped.
func smoothstep(x float64) float64 {
	if x <= 0 {
		return 0
	}
	if x >= 1 {
		return 1
	}
	return x * x * (3 - 2*x)
}

// clamp limits x to lo..hi (NaN stays NaN).
func clamp(x, lo, hi float64) float64 {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// MarshalJSON writes a Vec3 as [x, y, z] rounded to 0.01 mm.
func (a Vec3) MarshalJSON() ([]byte, error) {
	r := func(x float64) float64 { return math.Round(x*1e5) / 1e5 }
	return json.Marshal([3]float64{r(a.X), r(a.Y), r(a.Z)})
}

// UnmarshalJSON reads [x, y, z].
func (a *Vec3) UnmarshalJSON(b []byte) error {
	var v [3]float64
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("synth vector: %w", err)
	}
	*a = Vec3{v[0], v[1], v[2]}
	return nil
}
