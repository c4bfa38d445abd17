package recording

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/stats"
)

// OpenPose body models.
const (
	OpenPoseBody25  = "body25"
	OpenPoseBody25B = "body25b"
	OpenPoseCOCO18  = "coco18"
)

// openPoseMaps map each OpenPose keypoint index to its blazepose33 index, or
// -1 for keypoints blazepose33 lacks (neck, mid hip, small toes, head top).
// The big toe stands in for MediaPipe's foot index (the tip of the foot).
// See docs/recording-format.md for the table with names.
var openPoseMaps = map[string][]int{
	// Nose Neck RSho RElb RWri LSho LElb LWri MidHip RHip RKnee RAnk LHip LKnee LAnk
	// REye LEye REar LEar LBigToe LSmallToe LHeel RBigToe RSmallToe RHeel
	OpenPoseBody25: {
		stretchwise.Nose, -1, stretchwise.RightShoulder, stretchwise.RightElbow, stretchwise.RightWrist,
		stretchwise.LeftShoulder, stretchwise.LeftElbow, stretchwise.LeftWrist, -1,
		stretchwise.RightHip, stretchwise.RightKnee, stretchwise.RightAnkle,
		stretchwise.LeftHip, stretchwise.LeftKnee, stretchwise.LeftAnkle,
		stretchwise.RightEye, stretchwise.LeftEye, stretchwise.RightEar, stretchwise.LeftEar,
		stretchwise.LeftFootIndex, -1, stretchwise.LeftHeel, stretchwise.RightFootIndex, -1, stretchwise.RightHeel,
	},
	// Nose LEye REye LEar REar LSho RSho LElb RElb LWri RWri LHip RHip LKnee RKnee
	// LAnk RAnk UpperNeck HeadTop LBigToe LSmallToe LHeel RBigToe RSmallToe RHeel
	OpenPoseBody25B: {
		stretchwise.Nose, stretchwise.LeftEye, stretchwise.RightEye, stretchwise.LeftEar, stretchwise.RightEar,
		stretchwise.LeftShoulder, stretchwise.RightShoulder, stretchwise.LeftElbow, stretchwise.RightElbow,
		stretchwise.LeftWrist, stretchwise.RightWrist, stretchwise.LeftHip, stretchwise.RightHip,
		stretchwise.LeftKnee, stretchwise.RightKnee, stretchwise.LeftAnkle, stretchwise.RightAnkle, -1, -1,
		stretchwise.LeftFootIndex, -1, stretchwise.LeftHeel, stretchwise.RightFootIndex, -1, stretchwise.RightHeel,
	},
	// Nose Neck RSho RElb RWri LSho LElb LWri RHip RKnee RAnk LHip LKnee LAnk
	// REye LEye REar LEar
	OpenPoseCOCO18: {
		stretchwise.Nose, -1, stretchwise.RightShoulder, stretchwise.RightElbow, stretchwise.RightWrist,
		stretchwise.LeftShoulder, stretchwise.LeftElbow, stretchwise.LeftWrist,
		stretchwise.RightHip, stretchwise.RightKnee, stretchwise.RightAnkle,
		stretchwise.LeftHip, stretchwise.LeftKnee, stretchwise.LeftAnkle,
		stretchwise.RightEye, stretchwise.LeftEye, stretchwise.RightEar, stretchwise.LeftEar,
	},
}

// pixelThreshold decides "auto" units: coordinates are taken as pixels when
// any absolute value exceeds it. Our choice, because normalized image
// coordinates stay within a small margin of 0..1, while pixel coordinates of
// a person in any real image exceed 2.
const pixelThreshold = 2.0

// Body-model detection for 25-keypoint OpenPose data, which BODY_25 and
// BODY_25B share. In BODY_25 keypoint 1 (neck) lies near the midpoint of
// keypoints 2 and 5 (the shoulders); in BODY_25B keypoint 1 is the left eye
// and 2 and 5 are the right eye and left shoulder, so keypoint 1 lies about
// half their distance from their midpoint. The median of that distance over
// all people, in units of the 2-5 distance, decides: below body25Max it is
// BODY_25, above body25BMin BODY_25B, in between the user must say. Our
// choice: the median was 0.42 over the 200 people of the Pose2Sim BODY_25B
// sample (shared media), and BODY_25 puts the neck at about the shoulder
// midpoint (ratio near 0), so the 0.25..0.35 gap sits between the two.
const (
	body25Max  = 0.25
	body25BMin = 0.35
)

// openPoseFile is one decoded per-frame file: its people as raw keypoints.
type openPoseFile struct {
	name   string
	num    int // frame number from the name, or -1
	people [][]float64
}

// ImportOpenPose reads a folder dir of fsys holding one OpenPose JSON file
// per frame (OpenPose's *_keypoints.json, or any *.json such as Pose2Sim's
// cam01.0000.json). Frames are ordered by the last number in each file name
// (by name when some have none) and frame n is at t = (n - first)/FPS, so
// FPS is required. Keypoints are BODY_25, BODY_25B (both 25 keypoints: set
// OpenPoseModel or let the geometry decide) or COCO-18 (18 keypoints);
// pose_keypoints_2d is pixels unless Units says normalized (or "auto" finds
// no value beyond 2). The confidence becomes the visibility (clamped to
// 0..1); a keypoint with confidence 0 and the landmarks OpenPose lacks get
// visibility 0. With several people, one is tracked (see people.go). Each
// file is at most Limits.MaxLineBytes and all together Limits.MaxBytes.
func ImportOpenPose(fsys fs.FS, dir string, opt ImportOptions) (*stretchwise.Recording, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	if opt.FPS <= 0 {
		return nil, invalidf("openpose: the frame rate (fps) is needed: OpenPose files carry no timestamps")
	}
	switch opt.OpenPoseModel {
	case "", OpenPoseBody25, OpenPoseBody25B, OpenPoseCOCO18:
	default:
		return nil, invalidf("openpose: model: got %q, want %s, %s or %s", clip(opt.OpenPoseModel), OpenPoseBody25, OpenPoseBody25B, OpenPoseCOCO18)
	}
	lim := opt.Limits.orDefault()
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("openpose: read folder: %w", err)
	}
	var files []openPoseFile
	for _, e := range entries {
		if e.Type().IsRegular() && strings.EqualFold(path.Ext(e.Name()), ".json") {
			files = append(files, openPoseFile{name: e.Name(), num: lastNumber(e.Name())})
		}
	}
	if len(files) == 0 {
		return nil, invalidf("openpose: no .json files in the folder")
	}
	if len(files) > lim.MaxFrames {
		return nil, tooLargef("openpose: %d files, more than the frame limit of %d", len(files), lim.MaxFrames)
	}
	numbered := true
	seen := make(map[int]bool, len(files))
	for _, f := range files {
		if f.num < 0 || seen[f.num] {
			numbered = false
			break
		}
		seen[f.num] = true
	}
	sort.Slice(files, func(i, j int) bool {
		if numbered {
			return files[i].num < files[j].num
		}
		return files[i].name < files[j].name
	})
	var total int64
	nkp := 0
	maxAbs := 0.0
	for i := range files {
		f := &files[i]
		data, err := readFileLimited(fsys, path.Join(dir, f.name), int64(lim.MaxLineBytes))
		if err != nil {
			return nil, at("file "+f.name, err)
		}
		if total += int64(len(data)); total > lim.MaxBytes {
			return nil, tooLargef("openpose: files larger than %d bytes together (the size limit)", lim.MaxBytes)
		}
		if f.people, err = parseOpenPose(data); err != nil {
			return nil, at("file "+f.name, err)
		}
		for pi, kp := range f.people {
			if len(kp) == 0 {
				continue
			}
			n := len(kp) / 3
			if nkp == 0 {
				nkp = n
			} else if n != nkp {
				return nil, invalidf("file %s: people[%d].pose_keypoints_2d: %d keypoints, but earlier files have %d", f.name, pi, n, nkp)
			}
			for k := 0; k < len(kp); k += 3 {
				maxAbs = math.Max(maxAbs, math.Max(math.Abs(kp[k]), math.Abs(kp[k+1])))
			}
		}
	}
	model := opt.OpenPoseModel
	switch {
	case nkp == 0:
		return nil, invalidf("openpose: no file has a person with body keypoints")
	case model != "" && len(openPoseMaps[model]) != nkp:
		return nil, invalidf("openpose: model %s has %d keypoints, but the files have %d", model, len(openPoseMaps[model]), nkp)
	case model == "" && nkp == 18:
		model = OpenPoseCOCO18
	case model == "" && nkp == 25:
		if model, err = detectBody25(files); err != nil {
			return nil, err
		}
	case model == "":
		return nil, invalidf("openpose: %d keypoints per person; want 25 (BODY_25, BODY_25B) or 18 (COCO)", nkp)
	}
	pixels := opt.Units == UnitsPixels || opt.Units == "" && maxAbs > pixelThreshold
	sx, sy := 1.0, 1.0
	if pixels {
		sx, sy = 1/float64(opt.Width), 1/float64(opt.Height)
	}
	mapping := openPoseMaps[model]
	rec := &stretchwise.Recording{Header: opt.header("openpose " + model)}
	tr := tracker{aspect: float64(opt.Width) / float64(opt.Height)}
	var cands []stretchwise.Pose
	for i, f := range files {
		n := i
		if numbered {
			n = f.num - files[0].num
		}
		cands = cands[:0]
		for _, kp := range f.people {
			if len(kp) == 0 {
				continue
			}
			var p stretchwise.Pose
			for k, bi := range mapping {
				c := kp[3*k+2]
				if bi < 0 || c <= 0 {
					continue
				}
				p[bi] = stretchwise.Landmark{X: kp[3*k] * sx, Y: kp[3*k+1] * sy, Visibility: math.Min(c, 1)}
			}
			cands = append(cands, p)
		}
		fr := stretchwise.Frame{T: float64(n) / opt.FPS}
		if c := tr.choose(cands); c >= 0 {
			fr.Detected, fr.Image = true, cands[c]
		}
		rec.Frames = append(rec.Frames, fr)
	}
	return finish(rec, opt.Limits)
}

// detectBody25 tells BODY_25 from BODY_25B by the geometry of keypoints 1, 2
// and 5 (see body25Max).
func detectBody25(files []openPoseFile) (string, error) {
	var ratios []float64
	for _, f := range files {
		for _, kp := range f.people {
			if len(kp) < 18 || kp[5] <= 0 || kp[8] <= 0 || kp[17] <= 0 {
				continue
			}
			mx, my := (kp[6]+kp[15])/2, (kp[7]+kp[16])/2
			span := math.Hypot(kp[6]-kp[15], kp[7]-kp[16])
			if span > 0 {
				ratios = append(ratios, math.Hypot(kp[3]-mx, kp[4]-my)/span)
			}
		}
	}
	if len(ratios) == 0 {
		return "", invalidf("openpose: cannot tell BODY_25 from BODY_25B (keypoints 1, 2 and 5 never seen together); give the model")
	}
	med := stats.UpperMedian(ratios)
	switch {
	case med < body25Max:
		return OpenPoseBody25, nil
	case med > body25BMin:
		return OpenPoseBody25B, nil
	}
	return "", invalidf("openpose: cannot tell BODY_25 from BODY_25B (keypoint geometry ambiguous: %.2f); give the model", med)
}

// parseOpenPose decodes one OpenPose file into each person's
// pose_keypoints_2d (x, y, confidence triples).
func parseOpenPose(data []byte) ([][]float64, error) {
	var doc struct {
		People *[]map[string]json.RawMessage `json:"people"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, invalidf("%s", jsonProblem(err, data))
	}
	if doc.People == nil {
		return nil, invalidf("people: missing (not an OpenPose file?)")
	}
	people := make([][]float64, 0, len(*doc.People))
	for i, p := range *doc.People {
		field := fmt.Sprintf("people[%d].pose_keypoints_2d", i)
		raw, ok := p["pose_keypoints_2d"]
		if !ok {
			return nil, invalidf("%s: missing", field)
		}
		var nums []json.RawMessage
		if err := json.Unmarshal(raw, &nums); err != nil || bytes.TrimSpace(raw)[0] != '[' {
			return nil, invalidf("%s: not an array of numbers", field)
		}
		if len(nums)%3 != 0 {
			return nil, invalidf("%s: %d numbers, not a multiple of 3 (x, y, confidence)", field, len(nums))
		}
		kp := make([]float64, len(nums))
		for k, rn := range nums {
			v, err := jsonNumber(rn)
			if err != nil {
				return nil, at(fmt.Sprintf("%s[%d]", field, k), err)
			}
			kp[k] = v
		}
		for k := 2; k < len(kp); k += 3 {
			if kp[k] < 0 {
				return nil, invalidf("%s[%d]: confidence %v is negative", field, k, kp[k])
			}
		}
		people = append(people, kp)
	}
	return people, nil
}

// readFileLimited reads a file of fsys, failing beyond max bytes.
func readFileLimited(fsys fs.FS, name string, max int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	defer f.Close()
	data, err := readAllLimited(f, max)
	if err != nil {
		return nil, err
	}
	return data, nil
}

// lastNumber returns the last run of decimal digits in name (OpenPose
// writes 12 digits with leading zeros), or -1 when there is none or it is
// beyond 10^9 frames.
func lastNumber(name string) int {
	end := -1
	start := 0
	for i := len(name) - 1; i >= 0; i-- {
		isDigit := name[i] >= '0' && name[i] <= '9'
		if isDigit && end < 0 {
			end = i + 1
		}
		if !isDigit && end >= 0 {
			start = i + 1
			break
		}
	}
	if end < 0 {
		return -1
	}
	digits := strings.TrimLeft(name[start:end], "0")
	if digits == "" {
		return 0
	}
	if len(digits) > 9 {
		return -1
	}
	n, err := strconv.Atoi(digits)
	if err != nil {
		return -1
	}
	return n
}
