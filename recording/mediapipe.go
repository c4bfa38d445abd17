package recording

import (
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/stretchwise/stretchwise"
)

// mpPose is one person's 33 landmarks as a JSON source gave them.
type mpPose struct {
	lm   stretchwise.Pose
	hasV bool // the source gave visibility (or score)
}

// mpFrame is one frame of a MediaPipe-style JSON source.
type mpFrame struct {
	people, world []mpPose
	t             float64
	hasT          bool
}

// Keys of a frame object, as MediaPipe's Python and JS APIs and tfjs
// pose-detection name them.
var (
	mpImageKeys = []string{"landmarks", "pose_landmarks", "poseLandmarks", "keypoints", "lm", "poses"}
	mpWorldKeys = []string{"worldLandmarks", "world_landmarks", "pose_world_landmarks", "poseWorldLandmarks", "keypoints3D", "world"}
)

// ImportMediaPipeJSON reads MediaPipe-style JSON landmarks (the layouts are
// listed in docs/recording-format.md): a top-level array of frames, or an
// object whose "frames" key holds one. A frame is a list of 33 landmarks, a
// list of people, or an object with image landmarks under one of
// mpImageKeys, world landmarks under one of mpWorldKeys and optionally a
// time ("t" or "time" in seconds, "timestamp_ms" or "timestampMs"). A
// landmark is {"x","y","z","visibility"} (or "score") or an array
// [x, y, z, visibility] with z and visibility optional.
//
// world, when not nil, is a second document of the same layout holding the
// world landmarks (metres) frame by frame, like the tfjs *_3d_golden.json
// files. A landmark without visibility gets 1, a world landmark without one
// the visibility of its image landmark. Image coordinates are normalized
// unless Units says pixels or, with Units "", some |x| or |y| exceeds 2;
// pixels are divided by Width (x and z) and Height (y). Without times in the
// frames, frame n is at n/FPS. With several people one is tracked.
func ImportMediaPipeJSON(image, world io.Reader, opt ImportOptions) (*stretchwise.Recording, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	frames, err := readMPFrames(image, opt.Limits)
	if err != nil {
		return nil, err
	}
	if world != nil {
		wframes, err := readMPFrames(world, opt.Limits)
		if err != nil {
			return nil, at("world file", err)
		}
		if len(wframes) != len(frames) {
			return nil, invalidf("world file: %d frames, but the landmark file has %d", len(wframes), len(frames))
		}
		for i := range frames {
			if len(frames[i].world) > 0 {
				return nil, invalidf("frame %d: world landmarks both in the landmark file and in the world file", i)
			}
			frames[i].world = wframes[i].people
		}
	}
	pixels := opt.Units == UnitsPixels
	if opt.Units == "" {
		for _, f := range frames {
			for _, p := range f.people {
				for _, l := range p.lm {
					pixels = pixels || math.Abs(l.X) > pixelThreshold || math.Abs(l.Y) > pixelThreshold
				}
			}
		}
	}
	src := "mediapipe json"
	if pixels {
		src += " (pixels)"
	}
	rec := &stretchwise.Recording{Header: opt.header(src)}
	withT := len(frames) > 0 && frames[0].hasT
	if !withT && opt.FPS <= 0 {
		return nil, invalidf("the frames carry no time, so the frame rate (fps) is needed")
	}
	w, h := float64(opt.Width), float64(opt.Height)
	tr := tracker{aspect: w / h}
	cands := make([]stretchwise.Pose, 0, 4)
	for i := range frames {
		f := &frames[i]
		if f.hasT != withT {
			return nil, invalidf("frame %d: has a time while frame 0 has %s", i, map[bool]string{true: "one", false: "none"}[withT])
		}
		fr := stretchwise.Frame{T: float64(i) / opt.FPS}
		if withT {
			fr.T = f.t
		}
		cands = cands[:0]
		for _, p := range f.people {
			pose := p.lm
			if pixels {
				for j := range pose {
					pose[j].X, pose[j].Y, pose[j].Z = pose[j].X/w, pose[j].Y/h, pose[j].Z/w
				}
			}
			cands = append(cands, pose)
		}
		if c := tr.choose(cands); c >= 0 {
			fr.Detected, fr.Image = true, cands[c]
			var wp *mpPose
			switch {
			case len(f.world) == len(f.people):
				wp = &f.world[c]
			case len(f.world) == 1:
				wp = &f.world[0]
			case len(f.world) > 1:
				return nil, invalidf("frame %d: %d world poses for %d people", i, len(f.world), len(f.people))
			}
			if wp != nil {
				fr.HasWorld, fr.World = true, wp.lm
				if !wp.hasV {
					for j := range fr.World {
						fr.World[j].Visibility = fr.Image[j].Visibility
					}
				}
			}
		}
		rec.Frames = append(rec.Frames, fr)
	}
	return finish(rec, opt.Limits)
}

// readMPFrames streams the frames of a MediaPipe-style JSON document.
func readMPFrames(r io.Reader, lim Limits) ([]mpFrame, error) {
	lim = lim.orDefault()
	s := newJSONStream(r, lim)
	var frames []mpFrame
	each := func(i int, v any) error {
		if i >= lim.MaxFrames {
			return tooLargef("frame %d: more than %d frames (the frame limit)", i, lim.MaxFrames)
		}
		f, err := parseMPFrame(v)
		if err != nil {
			return at(fmt.Sprintf("frame %d", i), err)
		}
		frames = append(frames, f)
		return nil
	}
	t, err := s.token()
	if err != nil {
		return nil, err
	}
	switch t {
	case json.Delim('['):
		if err := s.array(each); err != nil {
			return nil, err
		}
	case json.Delim('{'):
		found := false
		for {
			if ok, err := s.seekKey("frames"); err != nil {
				return nil, err
			} else if !ok {
				break
			}
			if t, err := s.token(); err != nil {
				return nil, err
			} else if t != json.Delim('[') {
				return nil, invalidf("frames: not an array")
			}
			if found {
				return nil, invalidf("frames: given twice")
			}
			found = true
			if err := s.array(each); err != nil {
				return nil, err
			}
		}
		if _, err := s.token(); err != nil {
			return nil, err
		}
		if !found {
			return nil, invalidf("not MediaPipe-style JSON: an object without a \"frames\" array")
		}
	default:
		return nil, invalidf("not MediaPipe-style JSON: want an array of frames or an object with \"frames\"")
	}
	if err := s.end(); err != nil {
		return nil, err
	}
	if len(frames) == 0 {
		return nil, invalidf("no frames")
	}
	return frames, nil
}

// parseMPFrame interprets one frame value.
func parseMPFrame(v any) (mpFrame, error) {
	var f mpFrame
	obj, ok := v.(map[string]any)
	if !ok {
		people, err := parsePeople(v, "")
		f.people = people
		return f, err
	}
	var err error
	for _, k := range [...]struct {
		key   string
		scale float64
	}{{"t", 1}, {"time", 1}, {"timestamp_ms", 1e-3}, {"timestampMs", 1e-3}} {
		if raw, ok := obj[k.key]; ok {
			x, err := num(raw)
			if err != nil {
				return f, at(k.key, err)
			}
			f.t, f.hasT = x*k.scale, true
			break
		}
	}
	image, world := "", ""
	for _, k := range mpImageKeys {
		if _, ok := obj[k]; ok && image == "" {
			image = k
		}
	}
	for _, k := range mpWorldKeys {
		if _, ok := obj[k]; ok && world == "" {
			world = k
		}
	}
	if image == "" {
		// A single tfjs pose object ({"keypoints": ...} is handled above);
		// anything else is not a frame.
		return f, invalidf("no landmarks (want one of the keys %v)", mpImageKeys)
	}
	if f.people, err = parsePeople(obj[image], image); err != nil {
		return f, err
	}
	if world != "" {
		if f.world, err = parsePeople(obj[world], world); err != nil {
			return f, err
		}
	}
	return f, nil
}

// parsePeople interprets v as no one (null or []), one person (a list of
// landmarks, or {"landmark": [...]} as protobuf's MessageToDict writes it)
// or several (a list of those, or of tfjs poses {"keypoints": [...]}).
func parsePeople(v any, path string) ([]mpPose, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		if lm, ok := x["landmark"]; ok {
			p, err := parseMPPose(lm, field(path, "landmark"))
			return []mpPose{p}, err
		}
		if kp, ok := x["keypoints"]; ok {
			p, err := parseMPPose(kp, field(path, "keypoints"))
			return []mpPose{p}, err
		}
		return nil, invalidf("%s: an object without landmark or keypoints", orTop(path))
	case []any:
		if len(x) == 0 {
			return nil, nil
		}
		if isLandmark(x[0]) {
			p, err := parseMPPose(x, path)
			return []mpPose{p}, err
		}
		var people []mpPose
		for i, e := range x {
			ep := field(path, fmt.Sprintf("[%d]", i))
			if obj, ok := e.(map[string]any); ok {
				if _, ok := obj["keypoints"]; !ok {
					if _, ok := obj["landmark"]; !ok {
						return nil, invalidf("%s: neither a landmark nor a person", ep)
					}
				}
			}
			ps, err := parsePeople(e, ep)
			if err != nil {
				return nil, err
			}
			if len(ps) > 1 {
				return nil, invalidf("%s: people nested in a person", ep)
			}
			people = append(people, ps...)
		}
		return people, nil
	}
	return nil, invalidf("%s: not a list of landmarks", orTop(path))
}

// orTop names the top of a frame in messages.
func orTop(path string) string {
	if path == "" {
		return "landmarks"
	}
	return path
}

// isLandmark reports whether v looks like one landmark: an array of numbers
// or an object with "x".
func isLandmark(v any) bool {
	switch x := v.(type) {
	case []any:
		if len(x) == 0 {
			return false
		}
		_, ok := x[0].(json.Number)
		return ok
	case map[string]any:
		_, ok := x["x"]
		return ok
	}
	return false
}

// parseMPPose reads a list of exactly 33 landmarks.
func parseMPPose(v any, path string) (mpPose, error) {
	var p mpPose
	list, ok := v.([]any)
	if !ok {
		return p, invalidf("%s: not a list of landmarks", orTop(path))
	}
	if len(list) != stretchwise.NumLandmarks {
		return p, invalidf("%s: want %d landmarks (BlazePose), got %d", orTop(path), stretchwise.NumLandmarks, len(list))
	}
	p.hasV = true
	for i, e := range list {
		lp := field(path, fmt.Sprintf("[%d]", i))
		l, hasV, err := parseMPLandmark(e, lp)
		if err != nil {
			return p, err
		}
		p.lm[i] = l
		p.hasV = p.hasV && hasV
	}
	if !p.hasV {
		for i := range p.lm {
			p.lm[i].Visibility = 1
		}
	}
	return p, nil
}

// parseMPLandmark reads {"x","y","z","visibility"|"score"} or [x,y,z,v].
func parseMPLandmark(v any, path string) (stretchwise.Landmark, bool, error) {
	var l stretchwise.Landmark
	var err error
	switch x := v.(type) {
	case []any:
		if len(x) < 2 || len(x) > 4 {
			return l, false, invalidf("%s: want 2 to 4 numbers (x, y, z, visibility), got %d", path, len(x))
		}
		dst := [4]*float64{&l.X, &l.Y, &l.Z, &l.Visibility}
		for i, e := range x {
			if *dst[i], err = num(e); err != nil {
				return l, false, at(fmt.Sprintf("%s[%d]", path, i), err)
			}
		}
		return l, len(x) == 4, checkVis(l, path)
	case map[string]any:
		for _, k := range [...]struct {
			key      string
			dst      *float64
			required bool
		}{{"x", &l.X, true}, {"y", &l.Y, true}, {"z", &l.Z, false}} {
			raw, ok := x[k.key]
			if !ok {
				if k.required {
					return l, false, invalidf("%s.%s: missing", path, k.key)
				}
				continue
			}
			if *k.dst, err = num(raw); err != nil {
				return l, false, at(path+"."+k.key, err)
			}
		}
		hasV := false
		for _, k := range []string{"visibility", "score"} {
			if raw, ok := x[k]; ok {
				if l.Visibility, err = num(raw); err != nil {
					return l, false, at(path+"."+k, err)
				}
				hasV = true
				break
			}
		}
		return l, hasV, checkVis(l, path)
	}
	return l, false, invalidf("%s: not a landmark (want {x, y, z, visibility} or [x, y, z, visibility])", path)
}

// checkVis checks a visibility range.
func checkVis(l stretchwise.Landmark, path string) error {
	if l.Visibility < 0 || l.Visibility > 1 {
		return invalidf("%s: visibility %v outside 0..1", path, l.Visibility)
	}
	return nil
}
