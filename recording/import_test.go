package recording

import (
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchwise/stretchwise"
)

// importOpenPose imports the OpenPose folder dir of fsys and checks the
// model it detected (the header's source); it fails t when the import
// fails.
func importOpenPose(t *testing.T, fsys fs.FS, dir string, opt ImportOptions, wantSource string) *stretchwise.Recording {
	t.Helper()
	rec, err := ImportOpenPose(fsys, dir, opt)
	if err != nil {
		t.Fatalf("ImportOpenPose %s: %v", dir, err)
	}
	if rec.Header.Source != wantSource {
		t.Errorf("source = %q, want %q (the detected model)", rec.Header.Source, wantSource)
	}
	return rec
}

func TestImportOpenPosePose2Sim(t *testing.T) {
	fsys := os.DirFS(mediaDir)
	opt := ImportOptions{Width: 1080, Height: 1920, FPS: 60}
	rec := importOpenPose(t, fsys, "pose2sim_balancing_cam01_openpose_json", opt, "openpose body25b")
	if len(rec.Frames) != 100 {
		t.Fatalf("got %d frames, want 100", len(rec.Frames))
	}
	const tol = 1e-9
	if d := rec.Frames[99].T - 99.0/60; math.Abs(d) > tol {
		t.Errorf("frame 99 t = %v, want %v", rec.Frames[99].T, 99.0/60)
	}
	// cam01.0000.json: the balancing person's nose is keypoint 0 at
	// (505.232, 431.63) with confidence 0.664216; the bystander's nose is at
	// (79.3784, 331.803). The tracked person must be the balancing one in
	// every frame: their landmarks stay right of x = 0.3 on average (the
	// bystander's are near x = 0.06).
	nose := rec.Frames[0].Image[stretchwise.Nose]
	want := stretchwise.Landmark{X: 505.232 / 1080, Y: 431.63 / 1920, Visibility: 0.664216}
	if math.Abs(nose.X-want.X) > tol || math.Abs(nose.Y-want.Y) > tol || math.Abs(nose.Visibility-want.Visibility) > tol {
		t.Errorf("frame 0 nose = %+v, want %+v", nose, want)
	}
	for i, f := range rec.Frames {
		if !f.Detected {
			t.Fatalf("frame %d: no person", i)
		}
		sum, n := 0.0, 0
		for _, l := range f.Image {
			if l.Visibility > 0 {
				sum += l.X
				n++
			}
		}
		if mean := sum / float64(n); mean < 0.3 {
			t.Fatalf("frame %d: landmarks at mean x = %v: the bystander was chosen", i, mean)
		}
		// BODY_25B has no mouth, pinky, index, thumb or inner/outer eyes.
		for _, j := range []int{stretchwise.MouthLeft, stretchwise.LeftPinky, stretchwise.RightThumb, stretchwise.LeftEyeInner} {
			if f.Image[j].Visibility != 0 {
				t.Fatalf("frame %d: %s has visibility %v, want 0", i, stretchwise.LandmarkNames[j], f.Image[j].Visibility)
			}
		}
	}
	// Forcing the wrong model by count is an error; forcing BODY_25 is
	// accepted (the user knows better) and maps keypoint 1 nowhere.
	opt.OpenPoseModel = OpenPoseCOCO18
	if _, err := ImportOpenPose(fsys, "pose2sim_balancing_cam01_openpose_json", opt); stretchwise.ErrorCode(err) != stretchwise.EINVALID {
		t.Errorf("COCO-18 for 25 keypoints: err = %v, want EINVALID", err)
	}
}

// openPoseJSON returns an OpenPose file with the given people.
func openPoseJSON(people ...[]float64) string {
	var b strings.Builder
	b.WriteString(`{"version":1.3,"people":[`)
	for i, p := range people {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"person_id":[-1],"pose_keypoints_2d":[`)
		for j, v := range p {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		}
		b.WriteString(`],"face_keypoints_2d":[]}`)
	}
	b.WriteString("]}")
	return b.String()
}

// body25Person returns a BODY_25 person standing at horizontal offset dx
// pixels, scaled by s.
func body25Person(dx, s float64) []float64 {
	// x, y of the 25 BODY_25 keypoints of an upright person facing the camera.
	pts := [25][2]float64{
		{50, 10}, {50, 25}, {40, 25}, {36, 40}, {34, 55}, {60, 25}, {64, 40}, {66, 55}, {50, 55},
		{45, 55}, {45, 75}, {45, 95}, {55, 55}, {55, 75}, {55, 95}, {48, 8}, {52, 8}, {46, 9}, {54, 9},
		{57, 99}, {58, 98}, {54, 96}, {43, 99}, {42, 98}, {46, 96},
	}
	kp := make([]float64, 0, 75)
	for _, p := range pts {
		kp = append(kp, dx+p[0]*s, p[1]*s, 0.8)
	}
	return kp
}

func TestImportOpenPoseSynthetic(t *testing.T) {
	big, small := body25Person(300, 5), body25Person(20, 2)
	coco := make([]float64, 0, 54)
	for _, k := range []int{0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18} {
		coco = append(coco, big[3*k:3*k+3]...)
	}
	fsys := fstest.MapFS{
		"b25/run_000000000000_keypoints.json": {Data: []byte(openPoseJSON(small, big))},
		"b25/run_000000000001_keypoints.json": {Data: []byte(openPoseJSON())},
		"b25/run_000000000003_keypoints.json": {Data: []byte(openPoseJSON(big, small))},
		"b25/notes.txt":                       {Data: []byte("not json")},
		"coco/a_0_keypoints.json":             {Data: []byte(openPoseJSON(coco))},
		"coco/a_1_keypoints.json":             {Data: []byte(openPoseJSON(coco))},
		"bad/x_0_keypoints.json":              {Data: []byte(`{"people":[{"pose_keypoints_2d":[1,2,"3"]}]}`)},
		"nopeople/x_0_keypoints.json":         {Data: []byte(`{"version":1.3}`)},
		"count/x_0_keypoints.json":            {Data: []byte(openPoseJSON(make([]float64, 30)))},
		"empty/readme.md":                     {Data: []byte("x")},
	}
	opt := ImportOptions{Width: 1000, Height: 500, FPS: 10}
	rec := importOpenPose(t, fsys, "b25", opt, "openpose body25")
	const tol = 1e-12
	wantT := []float64{0, 0.1, 0.3} // file numbers 0, 1, 3 at 10 fps
	wantDetected := []bool{true, false, true}
	for i, f := range rec.Frames {
		if math.Abs(f.T-wantT[i]) > tol || f.Detected != wantDetected[i] {
			t.Errorf("frame %d: t=%v detected=%v, want t=%v detected=%v", i, f.T, f.Detected, wantT[i], wantDetected[i])
		}
		if f.Detected {
			// The big person: right shoulder is keypoint 2 at (300+40*5, 25*5).
			got := f.Image[stretchwise.RightShoulder]
			if math.Abs(got.X-0.5) > tol || math.Abs(got.Y-0.25) > tol || got.Visibility != 0.8 {
				t.Errorf("frame %d: right shoulder = %+v, want the big person's (0.5, 0.25, 0.8)", i, got)
			}
			if got := f.Image[stretchwise.LeftFootIndex]; math.Abs(got.X-(300+57*5)/1000.0) > tol {
				t.Errorf("frame %d: left foot index x = %v, want the left big toe's %v", i, got.X, (300+57*5)/1000.0)
			}
		}
	}
	rec, err := ImportOpenPose(fsys, "coco", opt)
	if err != nil {
		t.Fatalf("COCO-18: %v", err)
	}
	if got := rec.Frames[0].Image[stretchwise.LeftAnkle]; math.Abs(got.X-(300+55*5)/1000.0) > tol || math.Abs(got.Y-95*5/500.0) > tol {
		t.Errorf("COCO left ankle = %+v, want (%v, %v)", got, (300+55*5)/1000.0, 95*5/500.0)
	}
	for _, tt := range []struct {
		dir, want string
		opt       ImportOptions
	}{
		{"bad", `file x_0_keypoints.json: people[0].pose_keypoints_2d[2]: not a number`, opt},
		{"nopeople", `file x_0_keypoints.json: people: missing`, opt},
		{"count", "10 keypoints per person", opt},
		{"empty", "no .json files", opt},
		{"b25", "frame rate (fps) is needed", ImportOptions{Width: 1, Height: 1}},
		{"b25", "width and height", ImportOptions{FPS: 1}},
		{"b25", `model: got "body99"`, ImportOptions{Width: 1, Height: 1, FPS: 1, OpenPoseModel: "body99"}},
	} {
		_, err := ImportOpenPose(fsys, tt.dir, tt.opt)
		if stretchwise.ErrorCode(err) != stretchwise.EINVALID || !strings.Contains(stretchwise.ErrorMessage(err), tt.want) {
			t.Errorf("%s: err = %v, want EINVALID containing %q", tt.dir, err, tt.want)
		}
	}
}

func TestImportTFJSGolden(t *testing.T) {
	img := openMedia(t, "tfjs_squats_banded_front_view.blazepose_full_2d_golden.json")
	world := openMedia(t, "tfjs_squats_banded_front_view.blazepose_full_3d_golden.json")
	rec, err := ImportMediaPipeJSON(img, world, ImportOptions{Width: 720, Height: 1280, FPS: 5})
	if err != nil {
		t.Fatalf("ImportMediaPipeJSON: %v", err)
	}
	if len(rec.Frames) != 65 {
		t.Fatalf("got %d frames, want 65", len(rec.Frames))
	}
	const tol = 1e-9
	// The first point of the 2D file is [360.10016441345215, 238.05194854736328,
	// -152.42850065231323] pixels of the 720x1280 video; of the 3D file
	// [0.06238831952214241, -0.6472232341766357, -0.1238834336400032] metres.
	f := rec.Frames[0]
	wantImg := stretchwise.Landmark{X: 360.10016441345215 / 720, Y: 238.05194854736328 / 1280, Z: -152.42850065231323 / 720, Visibility: 1}
	wantWorld := stretchwise.Landmark{X: 0.06238831952214241, Y: -0.6472232341766357, Z: -0.1238834336400032, Visibility: 1}
	if d := poseDiff(&stretchwise.Pose{f.Image[0]}, &stretchwise.Pose{wantImg}); d > tol {
		t.Errorf("nose = %+v, want %+v", f.Image[0], wantImg)
	}
	if d := poseDiff(&stretchwise.Pose{f.World[0]}, &stretchwise.Pose{wantWorld}); !f.HasWorld || d > tol {
		t.Errorf("world nose = %+v (HasWorld %v), want %+v", f.World[0], f.HasWorld, wantWorld)
	}
	if math.Abs(rec.Frames[64].T-64.0/5) > tol {
		t.Errorf("frame 64 t = %v, want %v", rec.Frames[64].T, 64.0/5)
	}
}

func TestImportKERAAL(t *testing.T) {
	tests := []struct {
		file       string
		wantFrames int
		wantSource string
		absent     int // a landmark the source lacks
		present    int
	}{
		{"G3-BP-CTK-P1T1-Unknown-C-0.json", 196, "keraal blazepose", -1, stretchwise.LeftFootIndex},
		{"G3-BP-ELK-P1T1-Unknown-C-0.json", 193, "keraal blazepose", -1, stretchwise.RightHeel},
		{"G3-BP-RTK-P1T1-Unknown-C-0.json", 194, "keraal blazepose", -1, stretchwise.Nose},
		{"G3-OP-CTK-P1T1-Unknown-C-0.json", 197, "keraal openpose coco18", stretchwise.LeftHeel, stretchwise.LeftKnee},
		{"G3-OP-ELK-P1T1-Unknown-C-0.json", 194, "keraal openpose coco18", stretchwise.MouthLeft, stretchwise.RightHip},
		{"G3-OP-RTK-P1T1-Unknown-C-0.json", 195, "keraal openpose coco18", stretchwise.LeftPinky, stretchwise.Nose},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rec := importMedia(t, ImportKERAAL, "keraal_lowbackpain_sample/"+tt.file, ImportOptions{Width: 960, Height: 540, FPS: 30}, tt.wantFrames)
			if rec.Header.Source != tt.wantSource {
				t.Errorf("source = %q, want %q", rec.Header.Source, tt.wantSource)
			}
			if rec.Frames[0].T != 0 {
				t.Errorf("frame 0 t = %v, want 0", rec.Frames[0].T)
			}
			fr := rec.Frames[0]
			if tt.absent >= 0 && fr.Image[tt.absent].Visibility != 0 {
				t.Errorf("%s has visibility %v, want 0 (the source lacks it)", stretchwise.LandmarkNames[tt.absent], fr.Image[tt.absent].Visibility)
			}
			if fr.Image[tt.present].Visibility != 1 {
				t.Errorf("%s has visibility %v, want 1", stretchwise.LandmarkNames[tt.present], fr.Image[tt.present].Visibility)
			}
		})
	}
}

func TestLastNumber(t *testing.T) {
	for _, tt := range []struct {
		name string
		want int
	}{
		{"run_000000000012_keypoints.json", 12},
		{"cam01.0099.json", 99},
		{"cam01.json", 1},
		{"frame.json", -1},
		{"0000.json", 0},
		{"x_12345678901_keypoints.json", -1},
	} {
		if got := lastNumber(tt.name); got != tt.want {
			t.Errorf("lastNumber(%q) = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// body25BToBody25 rewrites BODY_25B keypoints in the BODY_25 layout, with
// the neck and mid hip as the midpoints of the shoulders and hips (as
// OpenPose's BODY_25 places them, near enough for the model detection).
func body25BToBody25(b []float64) []float64 {
	// BODY_25 index -> BODY_25B index; -2 neck, -3 mid hip.
	from := []int{0, -2, 6, 8, 10, 5, 7, 9, -3, 12, 14, 16, 11, 13, 15, 2, 1, 4, 3, 19, 20, 21, 22, 23, 24}
	out := make([]float64, 75)
	mid := func(i, j int) (float64, float64, float64) {
		if b[3*i+2] == 0 || b[3*j+2] == 0 {
			return 0, 0, 0
		}
		return (b[3*i] + b[3*j]) / 2, (b[3*i+1] + b[3*j+1]) / 2, math.Min(b[3*i+2], b[3*j+2])
	}
	for k, f := range from {
		switch f {
		case -2:
			out[3*k], out[3*k+1], out[3*k+2] = mid(5, 6)
		case -3:
			out[3*k], out[3*k+1], out[3*k+2] = mid(11, 12)
		default:
			copy(out[3*k:3*k+3], b[3*f:3*f+3])
		}
	}
	return out
}

func TestDetectBody25OnRealData(t *testing.T) {
	dir := filepath.Join(mediaDir, "pose2sim_balancing_cam01_openpose_json")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("test media: %v", err)
	}
	fsys := fstest.MapFS{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		people, err := parseOpenPose(data)
		if err != nil {
			t.Fatal(err)
		}
		conv := make([][]float64, len(people))
		for i, p := range people {
			conv[i] = body25BToBody25(p)
		}
		fsys["b25/"+e.Name()] = &fstest.MapFile{Data: []byte(openPoseJSON(conv...))}
	}
	opt := ImportOptions{Width: 1080, Height: 1920, FPS: 60}
	orig, err := ImportOpenPose(os.DirFS(mediaDir), "pose2sim_balancing_cam01_openpose_json", opt)
	if err != nil {
		t.Fatal(err)
	}
	rec := importOpenPose(t, fsys, "b25", opt, "openpose body25")
	// Both layouts map to the same blazepose33 landmarks.
	const tol = 1e-9
	compareFrames(t, rec.Frames, orig.Frames, tol)
}

func TestImportOpenPoseLimits(t *testing.T) {
	file := []byte(openPoseJSON(body25Person(300, 5)))
	fsys := fstest.MapFS{
		"d/a_0_keypoints.json": {Data: file},
		"d/a_1_keypoints.json": {Data: file},
		"d/a_2_keypoints.json": {Data: file},
	}
	tests := []struct {
		name string
		lim  Limits
		want string
	}{
		{"file over the line limit", Limits{MaxLineBytes: len(file) - 1}, "file a_0_keypoints.json: input larger than"},
		{"files over the size limit", Limits{MaxBytes: int64(2*len(file) + 10)}, "files larger than"},
		{"too many files", Limits{MaxFrames: 2}, "3 files, more than the frame limit of 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ImportOpenPose(fsys, "d", ImportOptions{Width: 1000, Height: 500, FPS: 30, Limits: tt.lim})
			if stretchwise.ErrorCode(err) != stretchwise.ETOOLARGE || !strings.Contains(stretchwise.ErrorMessage(err), tt.want) {
				t.Fatalf("err = %v, want ETOOLARGE containing %q", err, tt.want)
			}
		})
	}
}
