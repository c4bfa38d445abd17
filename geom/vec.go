package geom

import "math"

// Vec2 is a point or direction in the isotropic image plane: U = x*aspect
// and V = y, both in units of the image height, V pointing down.
type Vec2 struct{ U, V float64 }

// Add returns a+b.
func (a Vec2) Add(b Vec2) Vec2 { return Vec2{a.U + b.U, a.V + b.V} }

// Sub returns a-b.
func (a Vec2) Sub(b Vec2) Vec2 { return Vec2{a.U - b.U, a.V - b.V} }

// Scale returns s*a.
func (a Vec2) Scale(s float64) Vec2 { return Vec2{s * a.U, s * a.V} }

// Dot returns the dot product a·b.
func (a Vec2) Dot(b Vec2) float64 { return a.U*b.U + a.V*b.V }

// Cross returns the z component of a×b in (u, v) coordinates. Because v
// points down, a positive value means b is clockwise from a as seen on the
// screen.
func (a Vec2) Cross(b Vec2) float64 { return a.U*b.V - a.V*b.U }

// Norm returns the length of a.
func (a Vec2) Norm() float64 { return math.Sqrt(a.U*a.U + a.V*a.V) }

// long reports whether a is at least MinSegment long (false for NaN).
func (a Vec2) long() bool { return a.U*a.U+a.V*a.V >= MinSegment*MinSegment }

// Mid returns the midpoint of a and b.
func (a Vec2) Mid(b Vec2) Vec2 { return Vec2{(a.U + b.U) / 2, (a.V + b.V) / 2} }

// Vec3 is a point or direction in world coordinates: metres, y down.
type Vec3 struct{ X, Y, Z float64 }

// Add returns a+b.
func (a Vec3) Add(b Vec3) Vec3 { return Vec3{a.X + b.X, a.Y + b.Y, a.Z + b.Z} }

// Sub returns a-b.
func (a Vec3) Sub(b Vec3) Vec3 { return Vec3{a.X - b.X, a.Y - b.Y, a.Z - b.Z} }

// Scale returns s*a.
func (a Vec3) Scale(s float64) Vec3 { return Vec3{s * a.X, s * a.Y, s * a.Z} }

// Dot returns the dot product a·b.
func (a Vec3) Dot(b Vec3) float64 { return a.X*b.X + a.Y*b.Y + a.Z*b.Z }

// Cross returns the cross product a×b (right-handed).
func (a Vec3) Cross(b Vec3) Vec3 {
	return Vec3{a.Y*b.Z - a.Z*b.Y, a.Z*b.X - a.X*b.Z, a.X*b.Y - a.Y*b.X}
}

// Norm returns the length of a.
func (a Vec3) Norm() float64 { return math.Sqrt(a.Dot(a)) }

// Mid returns the midpoint of a and b.
func (a Vec3) Mid(b Vec3) Vec3 { return Vec3{(a.X + b.X) / 2, (a.Y + b.Y) / 2, (a.Z + b.Z) / 2} }

// Unit returns a scaled to length 1 and false when a is shorter than
// MinSegment3D (or not finite), in which case the zero vector is returned.
func (a Vec3) Unit() (Vec3, bool) {
	n := a.Norm()
	if !(n >= MinSegment3D) || math.IsInf(n, 0) {
		return Vec3{}, false
	}
	return a.Scale(1 / n), true
}

// angle2 returns the unsigned angle between a and b in radians (0..pi),
// computed with atan2 so it stays accurate near 0 and pi. It returns NaN
// when either vector is shorter than MinSegment.
func angle2(a, b Vec2) float64 {
	if !a.long() || !b.long() {
		return math.NaN()
	}
	return math.Atan2(math.Abs(a.Cross(b)), a.Dot(b))
}

// angle3 is angle2 for world vectors.
func angle3(a, b Vec3) float64 {
	if !(a.Norm() >= MinSegment3D) || !(b.Norm() >= MinSegment3D) {
		return math.NaN()
	}
	return math.Atan2(a.Cross(b).Norm(), a.Dot(b))
}
