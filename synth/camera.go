package synth

import (
	"fmt"
	"math"

	sw "github.com/stretchwise/stretchwise"
)

// Camera is a pinhole camera placed around the body. The azimuth is
// measured from the body's front toward its left side, so it follows the
// body, not the lab: "left" (90 deg) always sees the person's left side.
type Camera struct {
	View         sw.View `json:"view"`
	AzimuthDeg   float64 `json:"azimuth_deg"`   // 0 front, 90 left, 180 rear, 270 right
	ElevationDeg float64 `json:"elevation_deg"` // above the aim point, looking down
	// DistanceM from the aim point; 0 frames the whole motion so that the
	// person fills FillFraction of the image (Generate resolves it). Too
	// short a distance leaves parts of the person off the image, with
	// OffImageVisibility.
	DistanceM    float64 `json:"distance_m"`
	FillFraction float64 `json:"fill_fraction"`
	Width        int     `json:"width"`  // pixels
	Height       int     `json:"height"` // pixels
	// FocalPx is the focal length in pixels; 0 means a 60 deg horizontal
	// field of view, a typical phone or laptop camera (our choice).
	FocalPx float64 `json:"focal_px"`
	// Target is the aim point in lab metres; the zero vector means the
	// centre of the motion's bounding box (Generate fills it in).
	Target Vec3 `json:"target"`
	// HFOVDeg is the horizontal field of view when FocalPx is 0; 0 means
	// DefaultHFOVDeg. A home camera in a room corner is often wide-angle
	// (90-120 deg).
	HFOVDeg float64 `json:"hfov_deg,omitempty"`
	// DistortionK1 is the radial lens distortion (Brown's model, on the
	// image coordinates divided by the focal length: r' = r (1 + K1 r^2)).
	// Negative is the barrel distortion of wide-angle lenses (about -0.1
	// to -0.3 before a phone's correction); 0 is a perfect pinhole.
	DistortionK1 float64 `json:"distortion_k1,omitempty"`
	// Occluders are furniture between the camera and the person: image
	// rectangles (normalized) in which a landmark is hidden, as a table
	// leg or a sofa's arm hides it (visibility OccludedVisibility, and the
	// noise model's jitter for hidden landmarks).
	Occluders []Rect `json:"occluders,omitempty"`
}

// Rect is a rectangle of the image in normalized coordinates (0..1, y
// down).
type Rect struct {
	X0, Y0, X1, Y1 float64
}

// contains reports whether the point (x, y) lies in r.
func (r Rect) contains(x, y float64) bool {
	return x >= r.X0 && x <= r.X1 && y >= r.Y0 && y <= r.Y1
}

// viewAzimuth maps docs/contract.md's views to azimuths in degrees.
var viewAzimuth = map[sw.View]float64{
	sw.ViewFront: 0, sw.ViewFrontLeft: 45, sw.ViewLeft: 90, sw.ViewRearLeft: 135,
	sw.ViewRear: 180, sw.ViewRearRight: 225, sw.ViewRight: 270, sw.ViewFrontRight: 315,
}

// ViewAzimuth returns the azimuth of a named view and false for unknown or
// invalid views.
func ViewAzimuth(v sw.View) (float64, bool) {
	a, ok := viewAzimuth[v]
	return a, ok
}

// Default camera settings (our choice): a 1280x720 landscape image, the
// camera 10 deg above the aim point as on a low shelf or tripod, the person
// filling 80 % of the frame.
const (
	DefaultWidth        = 1280
	DefaultHeight       = 720
	DefaultElevationDeg = 10
	DefaultFill         = 0.8
	DefaultHFOVDeg      = 60
)

// CameraFor returns the default camera of a view, framed automatically.
// It panics on ViewUnknown or an invalid view: there is no place to put a
// camera for them (check with ViewAzimuth first).
func CameraFor(view sw.View) Camera {
	az, ok := viewAzimuth[view]
	if !ok {
		panic(fmt.Sprintf("synth.CameraFor: no camera position for view %q", view))
	}
	return Camera{View: view, AzimuthDeg: az, ElevationDeg: DefaultElevationDeg,
		FillFraction: DefaultFill, Width: DefaultWidth, Height: DefaultHeight}
}

// Validate reports whether the camera can take pictures.
func (c Camera) Validate() error {
	switch {
	case c.Width <= 0 || c.Height <= 0:
		return fmt.Errorf("camera: image size %dx%d", c.Width, c.Height)
	case !(c.ElevationDeg > -80 && c.ElevationDeg < 80):
		return fmt.Errorf("camera: elevation %g deg outside -80..80", c.ElevationDeg)
	case c.DistanceM < 0 || math.IsNaN(c.DistanceM):
		return fmt.Errorf("camera: distance %g m", c.DistanceM)
	case c.FocalPx < 0 || math.IsNaN(c.FocalPx):
		return fmt.Errorf("camera: focal length %g px", c.FocalPx)
	case c.DistanceM == 0 && !(c.FillFraction > 0 && c.FillFraction <= 2):
		return fmt.Errorf("camera: fill fraction %g outside 0..2", c.FillFraction)
	case !(c.HFOVDeg >= 0 && c.HFOVDeg < 170):
		return fmt.Errorf("camera: field of view %g deg outside 0..170", c.HFOVDeg)
	case !(c.DistortionK1 >= -0.5 && c.DistortionK1 <= 0.5):
		return fmt.Errorf("camera: distortion %g outside -0.5..0.5", c.DistortionK1)
	case math.IsNaN(c.AzimuthDeg) || math.IsInf(c.AzimuthDeg, 0):
		return fmt.Errorf("camera: azimuth %g", c.AzimuthDeg)
	}
	return nil
}

// focal returns the focal length in pixels.
func (c Camera) focal() float64 {
	if c.FocalPx > 0 {
		return c.FocalPx
	}
	fov := c.HFOVDeg
	if fov == 0 {
		fov = DefaultHFOVDeg
	}
	return float64(c.Width) / 2 / math.Tan(fov/2*deg2rad)
}

// lens is a camera resolved for one motion: position and axes in the lab.
type lens struct {
	pos     Vec3
	r, d, f Vec3 // image right, image down, viewing direction (unit)
	fpx     float64
	w, h    float64
	cx, cy  float64
	aspect  float64
	k1      float64
	occ     []Rect
}

// axes returns the viewing direction and image axes for a camera looking
// at the body from azimuth and elevation, with front and left the body's
// horizontal front and left directions.
func (c Camera) axes(front, left Vec3) (r, d, f Vec3) {
	s, co := math.Sincos(c.AzimuthDeg * deg2rad)
	out := front.scale(co).add(left.scale(s)) // from the body toward the camera
	se, ce := math.Sincos(c.ElevationDeg * deg2rad)
	toCam := out.scale(ce).add(Vec3{0, se, 0})
	f = toCam.neg().unit()
	r = f.cross(Vec3{0, 1, 0}).unit()
	d = f.cross(r)
	return r, d, f
}

// frame resolves the camera for a motion whose landmarks over time are
// pts: without a Target it aims at the centre of their bounding box, and
// when DistanceM is 0 it backs off until every point fits FillFraction of
// the image.
func (c Camera) frame(front, left Vec3, pts []Vec3) (Camera, lens) {
	r, d, f := c.axes(front, left)
	fpx := c.focal()
	w, h := float64(c.Width), float64(c.Height)
	if c.Target == (Vec3{}) && len(pts) > 0 {
		lo, hi := pts[0], pts[0]
		for _, p := range pts {
			lo = Vec3{math.Min(lo.X, p.X), math.Min(lo.Y, p.Y), math.Min(lo.Z, p.Z)}
			hi = Vec3{math.Max(hi.X, p.X), math.Max(hi.Y, p.Y), math.Max(hi.Z, p.Z)}
		}
		c.Target = lo.mid(hi)
	}
	if c.DistanceM == 0 {
		dist := 0.5
		for _, p := range pts {
			q := p.sub(c.Target)
			x, y, z := math.Abs(q.dot(r)), math.Abs(q.dot(d)), q.dot(f)
			dist = math.Max(dist, fpx*x/(c.FillFraction*w/2)-z)
			dist = math.Max(dist, fpx*y/(c.FillFraction*h/2)-z)
		}
		c.DistanceM = dist
	}
	l := lens{pos: c.Target.sub(f.scale(c.DistanceM)), r: r, d: d, f: f, fpx: fpx,
		w: w, h: h, cx: w / 2, cy: h / 2, aspect: w / h, k1: c.DistortionK1, occ: c.Occluders}
	return c, l
}

// project returns a lab point's normalized image position and its depth
// along the viewing direction in metres.
func (l *lens) project(p Vec3) (x, y, depth float64) {
	q := p.sub(l.pos)
	depth = q.dot(l.f)
	xn, yn := q.dot(l.r)/depth, q.dot(l.d)/depth
	if l.k1 != 0 {
		k := 1 + l.k1*(xn*xn+yn*yn)
		xn, yn = xn*k, yn*k
	}
	x = (l.cx + l.fpx*xn) / l.w
	y = (l.cy + l.fpx*yn) / l.h
	return x, y, depth
}

// Visibility values of the noise-free landmarks (our choice, no published
// figure exists): near 1 for clear points; for points hidden behind the
// body, above the 0.5 gate of docs/clinical.md for the shoulders and hips (pose
// models keep placing the far shoulder and hip of a side view, where the
// trunk shows them, and an analysis must not rely on visibility to know
// that a side view cannot show pelvic roll) and well under it for the rest;
// near 0 off the image.
const (
	VisibleVisibility       = 0.98
	OccludedTrunkVisibility = 0.6
	OccludedVisibility      = 0.3
	OffImageVisibility      = 0.05
)

// trunkJoint reports whether landmark i is a shoulder or a hip.
func trunkJoint(i int) bool {
	return i == sw.LeftShoulder || i == sw.RightShoulder || i == sw.LeftHip || i == sw.RightHip
}

// capsule is a body part that can hide landmarks behind it.
type capsule struct {
	a, b   Vec3
	radius float64
	skip   [8]int // landmarks it never hides (its own), -1 padded
}

func (c *capsule) skips(i int) bool {
	for _, s := range c.skip {
		if s == i {
			return true
		}
	}
	return false
}

// occluders returns the body parts of a pose: torso, head and the limb
// segments, with radii as fractions of the hip width and head width (our
// choice: thin enough that the near-side joint centres, which lie inside
// the body, still count as visible as MediaPipe reports them).
func occluders(b Body, pt *Points) []capsule {
	hipMid := pt[sw.LeftHip].mid(pt[sw.RightHip])
	shMid := pt[sw.LeftShoulder].mid(pt[sw.RightShoulder])
	earMid := pt[sw.LeftEar].mid(pt[sw.RightEar])
	// The skull's centre sits a little in front of the ears.
	skull := earMid.add(pt[sw.Nose].sub(earMid).unit().scale(0.15 * b.HeadWidthM))
	none := [8]int{-1, -1, -1, -1, -1, -1, -1, -1}
	caps := []capsule{
		{a: hipMid, b: shMid, radius: 0.4 * b.HipWidthM, skip: none},
		{a: skull, b: skull, radius: 0.45 * b.HeadWidthM, skip: none},
	}
	limb := 0.25 * b.HipWidthM
	for i := 0; i < 2; i++ {
		caps = append(caps,
			capsule{a: pt[sw.LeftHip+i], b: pt[sw.LeftKnee+i], radius: limb,
				skip: [8]int{sw.LeftHip + i, sw.LeftKnee + i, -1, -1, -1, -1, -1, -1}},
			capsule{a: pt[sw.LeftKnee+i], b: pt[sw.LeftAnkle+i], radius: 0.8 * limb,
				skip: [8]int{sw.LeftKnee + i, sw.LeftAnkle + i, sw.LeftHeel + i, sw.LeftFootIndex + i, -1, -1, -1, -1}},
			capsule{a: pt[sw.LeftShoulder+i], b: pt[sw.LeftElbow+i], radius: 0.8 * limb,
				skip: [8]int{sw.LeftShoulder + i, sw.LeftElbow + i, -1, -1, -1, -1, -1, -1}},
			capsule{a: pt[sw.LeftElbow+i], b: pt[sw.LeftWrist+i], radius: 0.6 * limb,
				skip: [8]int{sw.LeftElbow + i, sw.LeftWrist + i, sw.LeftPinky + i, sw.LeftIndex + i, sw.LeftThumb + i, -1, -1, -1}},
		)
	}
	return caps
}

// segDist returns the shortest distance between segments p0p1 and q0q1.
func segDist(p0, p1, q0, q1 Vec3) float64 {
	u, v, w := p1.sub(p0), q1.sub(q0), p0.sub(q0)
	a, b, c, d, e := u.dot(u), u.dot(v), v.dot(v), u.dot(w), v.dot(w)
	den := a*c - b*b
	var s, t float64
	if den > 1e-12 {
		s = clamp((b*e-c*d)/den, 0, 1)
	}
	if c > 1e-12 {
		t = clamp((b*s+e)/c, 0, 1)
	} else {
		t = 0
	}
	if a > 1e-12 {
		s = clamp((b*t-d)/a, 0, 1)
	}
	return p0.add(u.scale(s)).dist(q0.add(v.scale(t)))
}

// sightMarginM is how far short of a landmark its sight line stops (our
// choice: about a skin and clothing thickness).
const sightMarginM = 0.02

// hidden reports whether landmark i at p is behind a body part as seen
// from the camera at eye.
func hidden(i int, p, eye Vec3, caps []capsule) bool {
	for k := range caps {
		c := &caps[k]
		if c.skips(i) {
			continue
		}
		// Stop the sight line just short of the point, so a part that
		// touches the point from behind does not hide it.
		end := p.add(eye.sub(p).unit().scale(sightMarginM))
		if segDist(eye, end, c.a, c.b) < c.radius {
			return true
		}
	}
	return false
}

// image fills img and world with the noise-free landmarks of pt as the
// camera sees them: image x, y normalized, z relative depth (MediaPipe's
// convention: origin at the hip midpoint, smaller is nearer, roughly the
// scale of x), visibility from self-occlusion; world in metres with the
// origin between the hips and the camera's axes (x right, y down, z away).
func (l *lens) image(b Body, pt *Points, img, world *sw.Pose) {
	hipMid := pt[sw.LeftHip].mid(pt[sw.RightHip])
	_, _, hipDepth := l.project(hipMid)
	caps := occluders(b, pt)
	for i := range pt {
		x, y, depth := l.project(pt[i])
		z := (depth - hipDepth) * l.fpx / hipDepth / l.w
		v := VisibleVisibility
		switch {
		case x < 0 || x > 1 || y < 0 || y > 1 || depth <= 0:
			v = OffImageVisibility
		case l.behindFurniture(x, y):
			v = OccludedVisibility
		case !hidden(i, pt[i], l.pos, caps):
		case trunkJoint(i):
			v = OccludedTrunkVisibility
		default:
			v = OccludedVisibility
		}
		img[i] = sw.Landmark{X: x, Y: y, Z: z, Visibility: v}
		q := pt[i].sub(hipMid)
		world[i] = sw.Landmark{X: q.dot(l.r), Y: q.dot(l.d), Z: q.dot(l.f), Visibility: v}
	}
}

// behindFurniture reports whether an image point lies behind one of the
// camera's occluders.
func (l *lens) behindFurniture(x, y float64) bool {
	for _, r := range l.occ {
		if r.contains(x, y) {
			return true
		}
	}
	return false
}

// facing returns the perfect camera's facing sign of docs/angles.md: +1
// when the body's front (the thorax's anterior axis) points to the right of
// the upward trunk axis on screen, -1 to the left, 0 when the view is
// within 30 deg of front or rear and shows no side (our choice, matching
// geom's rule that the front offset must clearly exceed the left-right
// spread).
func (l *lens) facing(pt *Points, front, lateral Vec3) float64 {
	hipMid := pt[sw.LeftHip].mid(pt[sw.RightHip])
	shMid := pt[sw.LeftShoulder].mid(pt[sw.RightShoulder])
	p2 := func(p Vec3) vec2 {
		x, y, _ := l.project(p)
		return vec2{x * l.aspect, y}
	}
	axis := p2(shMid).sub(p2(hipMid))
	if axis.norm() < 1e-9 {
		axis = vec2{0, -1}
	}
	axis = vec2{axis.u / axis.norm(), axis.v / axis.norm()}
	fr := axis.cross(p2(shMid.add(front.scale(0.1))).sub(p2(shMid)))
	lat := axis.cross(p2(shMid.add(lateral.scale(0.1))).sub(p2(shMid)))
	if math.Abs(fr) <= math.Tan(30*deg2rad)*math.Abs(lat) || math.Abs(fr) < 1e-9 {
		return 0
	}
	return math.Copysign(1, fr)
}
