package recording

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/stretchwise/stretchwise"
)

// keraalCOCO maps the joint names of KERAAL's OpenPose COCO-18 files
// (lower-cased) to blazepose33 indices; the neck has none (-1).
var keraalCOCO = map[string]int{
	"nose": stretchwise.Nose, "neck": -1,
	"rshoulder": stretchwise.RightShoulder, "relbow": stretchwise.RightElbow, "rwrist": stretchwise.RightWrist,
	"lshoulder": stretchwise.LeftShoulder, "lelbow": stretchwise.LeftElbow, "lwrist": stretchwise.LeftWrist,
	"rhip": stretchwise.RightHip, "rknee": stretchwise.RightKnee, "rankle": stretchwise.RightAnkle,
	"lhip": stretchwise.LeftHip, "lknee": stretchwise.LeftKnee, "lankle": stretchwise.LeftAnkle,
	"reye": stretchwise.RightEye, "leye": stretchwise.LeftEye, "rear": stretchwise.RightEar, "lear": stretchwise.LeftEar,
}

// keraalFrame is one decoded KERAAL frame.
type keraalFrame struct {
	n    float64 // video frame number
	key  string
	pose stretchwise.Pose
	any  bool // some joint was present
}

// ImportKERAAL reads a KERAAL dataset JSON file
// ({"positions": {"FRAME": {"JOINT": [x, y(, z)]}}}), either its BlazePose
// files (joint names as MediaPipe's, capitalised; x, y normalized, z depth)
// or its OpenPose COCO-18 files (joint names Nose, Neck, rShoulder, ...;
// x, y normalized). Joints present get visibility 1 (the files carry no
// score), joints absent visibility 0, and a frame without joints has no
// person. Frames are ordered by number and frame n is at
// t = (n - first)/FPS, so FPS is required.
func ImportKERAAL(r io.Reader, opt ImportOptions) (*stretchwise.Recording, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	if opt.FPS <= 0 {
		return nil, invalidf("keraal: the frame rate (fps) is needed: the files carry frame numbers, not times")
	}
	lim := opt.Limits.orDefault()
	s := newJSONStream(r, lim)
	if t, err := s.token(); err != nil {
		return nil, err
	} else if t != json.Delim('{') {
		return nil, invalidf("not a KERAAL file: want an object with \"positions\"")
	}
	var frames []keraalFrame
	found, coco, blaze := false, false, false
	for {
		if ok, err := s.seekKey("positions"); err != nil {
			return nil, err
		} else if !ok {
			break
		}
		if found {
			return nil, invalidf("positions: given twice")
		}
		found = true
		if t, err := s.token(); err != nil {
			return nil, err
		} else if t != json.Delim('{') {
			return nil, invalidf("positions: not an object")
		}
		for s.dec.More() {
			kt, err := s.token()
			if err != nil {
				return nil, err
			}
			key := kt.(string) // object keys are strings
			path := fmt.Sprintf("positions[%q]", clip(key))
			n, err := strconv.ParseFloat(key, 64)
			if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || n < 0 {
				return nil, invalidf("%s: the key is not a frame number", path)
			}
			if len(frames) >= lim.MaxFrames {
				return nil, tooLargef("%s: more than %d frames (the frame limit)", path, lim.MaxFrames)
			}
			v, err := s.value()
			if err != nil {
				return nil, err
			}
			joints, ok := v.(map[string]any)
			if !ok {
				return nil, invalidf("%s: not an object of joints", path)
			}
			f := keraalFrame{n: n, key: key}
			for name, jv := range joints {
				jp := path + "." + clip(name)
				lower := strings.ToLower(name)
				idx, isBlaze := landmarkIndex[lower]
				ci, isCOCO := keraalCOCO[lower]
				switch {
				case isBlaze && isCOCO: // the nose
				case isBlaze:
					blaze = true
				case isCOCO:
					coco, idx = true, ci
				default:
					return nil, invalidf("%s: unknown joint name", jp)
				}
				l, _, err := parseMPLandmark(jv, jp)
				if err != nil {
					return nil, err
				}
				if list, _ := jv.([]any); len(list) == 4 {
					return nil, invalidf("%s: 4 numbers, want x, y and optionally z", jp)
				}
				if idx < 0 {
					continue
				}
				l.Visibility = 1
				f.pose[idx], f.any = l, true
			}
			frames = append(frames, f)
		}
		if _, err := s.token(); err != nil {
			return nil, err
		}
	}
	if _, err := s.token(); err != nil {
		return nil, err
	}
	if err := s.end(); err != nil {
		return nil, err
	}
	if !found {
		return nil, invalidf("not a KERAAL file: no \"positions\" object")
	}
	if coco && blaze {
		return nil, invalidf("positions: mixes OpenPose COCO and BlazePose joint names")
	}
	if len(frames) == 0 {
		return nil, invalidf("positions: no frames")
	}
	sort.SliceStable(frames, func(i, j int) bool { return frames[i].n < frames[j].n })
	src := "keraal blazepose"
	if coco {
		src = "keraal openpose coco18"
	}
	pixels := opt.Units == UnitsPixels
	if opt.Units == "" {
		for _, f := range frames {
			for _, l := range f.pose {
				pixels = pixels || math.Abs(l.X) > pixelThreshold || math.Abs(l.Y) > pixelThreshold
			}
		}
	}
	w, h := float64(opt.Width), float64(opt.Height)
	rec := &stretchwise.Recording{Header: opt.header(src)}
	for i, f := range frames {
		if i > 0 && f.n == frames[i-1].n {
			return nil, invalidf("positions[%q]: frame number %v given twice", clip(f.key), f.n)
		}
		fr := stretchwise.Frame{T: (f.n - frames[0].n) / opt.FPS, Detected: f.any, Image: f.pose}
		if pixels && f.any {
			for j := range fr.Image {
				fr.Image[j].X, fr.Image[j].Y, fr.Image[j].Z = fr.Image[j].X/w, fr.Image[j].Y/h, fr.Image[j].Z/w
			}
		}
		rec.Frames = append(rec.Frames, fr)
	}
	return finish(rec, opt.Limits)
}
