package recording

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
)

// mpLandmarks returns 33 landmark objects in the given style, with x = base
// + i/100 and visibility 0.5 when vis.
func mpLandmarks(style string, base float64, vis bool) string {
	parts := make([]string, 33)
	for i := range parts {
		x, y := base+float64(i)/100, 0.5
		switch style {
		case "object":
			if vis {
				parts[i] = fmt.Sprintf(`{"x":%g,"y":%g,"z":-0.1,"visibility":0.5,"presence":0.9}`, x, y)
			} else {
				parts[i] = fmt.Sprintf(`{"x":%g,"y":%g,"z":-0.1}`, x, y)
			}
		case "tfjs":
			parts[i] = fmt.Sprintf(`{"x":%g,"y":%g,"z":-10,"score":0.5,"name":"n%d"}`, x*100, y*100, i)
		case "array":
			if vis {
				parts[i] = fmt.Sprintf(`[%g,%g,-0.1,0.5]`, x, y)
			} else {
				parts[i] = fmt.Sprintf(`[%g,%g,-0.1]`, x, y)
			}
		}
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func TestImportMediaPipeJSONLayouts(t *testing.T) {
	obj, arr, arrNoV := mpLandmarks("object", 0.1, true), mpLandmarks("array", 0.1, true), mpLandmarks("array", 0.1, false)
	small := mpLandmarks("object", 0.7, true) // a second person, further right
	tests := []struct {
		name      string
		in        string
		opt       ImportOptions
		wantT1    float64
		wantX0    float64 // x of landmark 0 of the chosen person in frame 0
		wantV     float64
		wantWorld bool
		wantNone  int // index of a frame without a person, or -1
	}{
		{"python list of objects", "[" + obj + "," + obj + "]", ImportOptions{FPS: 10}, 0.1, 0.1, 0.5, false, -1},
		{"arrays without visibility", "[" + arrNoV + "," + arr + "]", ImportOptions{FPS: 10}, 0.1, 0.1, 1, false, -1},
		{"frames object with times", `{"fps":30,"frames":[{"t":0,"pose_landmarks":{"landmark":` + obj + `}},{"t":0.25,"pose_landmarks":null}]}`, ImportOptions{}, 0.25, 0.1, 0.5, false, 1},
		{"tasks api with world", `[{"timestampMs":0,"landmarks":[` + obj + `],"worldLandmarks":[` + arrNoV + `]},{"timestampMs":40,"landmarks":[],"worldLandmarks":[]}]`, ImportOptions{}, 0.04, 0.1, 0.5, true, 1},
		{"tfjs poses in pixels", `[[{"score":0.9,"keypoints":` + mpLandmarks("tfjs", 0.1, true) + `}],[]]`, ImportOptions{FPS: 2}, 0.5, 0.1, 0.5, false, 1},
		{"two people: largest, then tracked", `[{"landmarks":[` + obj + `,` + small + `]},{"landmarks":[` + small + `,` + obj + `]}]`, ImportOptions{FPS: 1}, 1, 0.1, 0.5, false, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opt.Width, tt.opt.Height = 100, 100
			rec, err := ImportMediaPipeJSON(strings.NewReader(tt.in), nil, tt.opt)
			if err != nil {
				t.Fatalf("ImportMediaPipeJSON: %v", err)
			}
			const tol = 1e-12
			if len(rec.Frames) != 2 || math.Abs(rec.Frames[1].T-tt.wantT1) > tol {
				t.Fatalf("got %d frames, frame 1 at %v; want 2, frame 1 at %v", len(rec.Frames), rec.Frames[len(rec.Frames)-1].T, tt.wantT1)
			}
			f := rec.Frames[0]
			if l := f.Image[0]; math.Abs(l.X-tt.wantX0) > tol || math.Abs(l.Visibility-tt.wantV) > tol {
				t.Errorf("frame 0 landmark 0 = %+v, want x=%v visibility=%v", l, tt.wantX0, tt.wantV)
			}
			if f.HasWorld != tt.wantWorld {
				t.Errorf("HasWorld = %v, want %v", f.HasWorld, tt.wantWorld)
			}
			if tt.wantWorld && f.World[5].Visibility != f.Image[5].Visibility {
				t.Errorf("world visibility %v, want the image landmark's %v", f.World[5].Visibility, f.Image[5].Visibility)
			}
			for i, fr := range rec.Frames {
				if fr.Detected == (i == tt.wantNone) {
					t.Errorf("frame %d detected = %v, want %v", i, fr.Detected, i != tt.wantNone)
				}
			}
			if tt.wantNone < 0 {
				if l := rec.Frames[1].Image[0]; math.Abs(l.X-tt.wantX0) > tol {
					t.Errorf("frame 1 landmark 0 x = %v, want %v (the same person)", l.X, tt.wantX0)
				}
			}
		})
	}
}

func TestImportMediaPipeJSONRejects(t *testing.T) {
	obj := mpLandmarks("object", 0.1, true)
	opt := ImportOptions{Width: 100, Height: 100, FPS: 10}
	tests := []struct {
		name, in, want string
		world          string
		opt            ImportOptions
		code           string
	}{
		{"empty", "", "invalid JSON: the file ends early", "", opt, stretchwise.EINVALID},
		{"no frames", "[]", "no frames", "", opt, stretchwise.EINVALID},
		{"scalar", "42", "not MediaPipe-style JSON", "", opt, stretchwise.EINVALID},
		{"object without frames", `{"a":1}`, `without a "frames" array`, "", opt, stretchwise.EINVALID},
		{"17 keypoints", "[" + strings.Replace(obj, `{"x":0.1,`, `{"x":0.1,`, 1)[:strings.LastIndex(obj, ",{")] + "]]", "frame 0: landmarks: want 33 landmarks (BlazePose), got 32", "", opt, stretchwise.EINVALID},
		{"string number", `[` + strings.Replace(obj, `{"x":0.1,`, `{"x":"0.1",`, 1) + `]`, "frame 0: [0].x: not a number", "", opt, stretchwise.EINVALID},
		{"missing y", `[` + strings.Replace(obj, `"y":0.5,"z":-0.1,"visibility":0.5,"presence":0.9},{"x":0.16`, `"z":-0.1},{"x":0.16`, 1) + `]`, "frame 0: [5].y: missing", "", opt, stretchwise.EINVALID},
		{"visibility range", `[` + strings.Replace(obj, `"visibility":0.5`, `"visibility":1.5`, 1) + `]`, "frame 0: [0]: visibility 1.5 outside 0..1", "", opt, stretchwise.EINVALID},
		{"truncated", "[" + obj[:200], "the file ends early", "", opt, stretchwise.EINVALID},
		{"garbage", "\x00\x01", "invalid JSON", "", opt, stretchwise.EINVALID},
		{"no fps", "[" + obj + "]", "frame rate (fps) is needed", "", ImportOptions{Width: 1, Height: 1}, stretchwise.EINVALID},
		{"mixed times", `[{"t":0,"landmarks":` + obj + `},{"landmarks":` + obj + `}]`, "frame 1: has a time while frame 0 has one", "", opt, stretchwise.EINVALID},
		{"time backwards", `[{"t":1,"landmarks":` + obj + `},{"t":0.5,"landmarks":` + obj + `}]`, "frame 1: t: 0.5 is not after", "", opt, stretchwise.EINVALID},
		{"frame without landmarks", `[{"foo":1}]`, "frame 0: no landmarks", "", opt, stretchwise.EINVALID},
		{"world count", "[" + obj + "," + obj + "]", "world file: 1 frames, but the landmark file has 2", "[" + obj + "]", opt, stretchwise.EINVALID},
		{"too many frames", "[" + obj + "," + obj + "]", "more than 1 frames", "", ImportOptions{Width: 1, Height: 1, FPS: 1, Limits: Limits{MaxFrames: 1}}, stretchwise.ETOOLARGE},
		{"too many bytes", "[" + obj + "]", "larger than 100 bytes", "", ImportOptions{Width: 1, Height: 1, FPS: 1, Limits: Limits{MaxBytes: 100}}, stretchwise.ETOOLARGE},
		{"trailing data", "[" + obj + "] x", "invalid JSON", "", opt, stretchwise.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var world *strings.Reader
			var err error
			if tt.world != "" {
				world = strings.NewReader(tt.world)
				_, err = ImportMediaPipeJSON(strings.NewReader(tt.in), world, tt.opt)
			} else {
				_, err = ImportMediaPipeJSON(strings.NewReader(tt.in), nil, tt.opt)
			}
			if stretchwise.ErrorCode(err) != tt.code || !strings.Contains(stretchwise.ErrorMessage(err), tt.want) {
				t.Fatalf("err = %v, want %s containing %q", err, tt.code, tt.want)
			}
		})
	}
}

func TestImportKERAALRejects(t *testing.T) {
	opt := ImportOptions{Width: 100, Height: 100, FPS: 30}
	tests := []struct{ name, in, want string }{
		{"not object", "[1]", "not a KERAAL file"},
		{"no positions", `{"a":1}`, `no "positions"`},
		{"bad frame key", `{"positions":{"x":{"Nose":[0.1,0.2]}}}`, `positions["x"]: the key is not a frame number`},
		{"unknown joint", `{"positions":{"1.0":{"Tail":[0.1,0.2]}}}`, `positions["1.0"].Tail: unknown joint name`},
		{"string coordinate", `{"positions":{"1.0":{"Nose":["a",0.2]}}}`, `positions["1.0"].Nose[0]: not a number`},
		{"mixed", `{"positions":{"1.0":{"Neck":[0.1,0.2],"Left_eye":[0.1,0.2,0]}}}`, "mixes OpenPose COCO and BlazePose"},
		{"duplicate frame", `{"positions":{"1.0":{"Nose":[0.1,0.2]},"1":{"Nose":[0.1,0.2]}}}`, "given twice"},
		{"truncated", `{"positions":{"1.0":{"Nose":[0.1,`, "ends early"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ImportKERAAL(strings.NewReader(tt.in), opt)
			if stretchwise.ErrorCode(err) != stretchwise.EINVALID || !strings.Contains(stretchwise.ErrorMessage(err), tt.want) {
				t.Fatalf("err = %v, want EINVALID containing %q", err, tt.want)
			}
		})
	}
}
