package recording

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
)

// mediaDir holds the real landmark files of the repository's testdata/media
// (origins and licences in its README), or $STRETCHWISE_MEDIA.
var mediaDir = func() string {
	if d := os.Getenv("STRETCHWISE_MEDIA"); d != "" {
		return d
	}
	return filepath.Join("..", "testdata", "media")
}()

// openMedia opens a file of mediaDir.
func openMedia(t *testing.T, rel string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(mediaDir, rel))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestCSVRoundTrip(t *testing.T) {
	const tol = 0 // shortest float formatting reads back exactly
	for _, tt := range []struct {
		name string
		rec  *stretchwise.Recording
	}{
		{"with world", randomRecording(11, 60)},
		{"image only", func() *stretchwise.Recording {
			r := randomRecording(12, 20)
			for i := range r.Frames {
				r.Frames[i].HasWorld, r.Frames[i].World = false, stretchwise.Pose{}
			}
			return r
		}()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCSV(&buf, tt.rec); err != nil {
				t.Fatalf("WriteCSV: %v", err)
			}
			h := tt.rec.Header
			got, err := ImportCSV(&buf, ImportOptions{Width: h.Width, Height: h.Height, FPS: h.FPS})
			if err != nil {
				t.Fatalf("ImportCSV: %v", err)
			}
			compareFrames(t, got.Frames, tt.rec.Frames, tol)
		})
	}
}

func TestImportCSV(t *testing.T) {
	opt := ImportOptions{Width: 640, Height: 480, FPS: 10}
	tests := []struct {
		name      string
		in        string
		opt       ImportOptions
		wantN     int
		wantT1    float64
		check     int // landmark index to check in frame 0
		wantLm    stretchwise.Landmark
		wantEmpty int // a landmark index that must have visibility 0
	}{
		{"long by name and index, no visibility column", "frame,t,landmark,x,y,z\n0,0,nose,0.5,0.25,0\n0,0,23,0.4,0.6,0.1\n1,0.1,LEFT_HIP,0.4,0.6,0\n", opt, 2, 0.1, stretchwise.LeftHip, stretchwise.Landmark{X: 0.4, Y: 0.6, Z: 0.1, Visibility: 1}, stretchwise.RightHip},
		{"long without t uses fps", "frame,landmark,x,y,visibility\n0,nose,0.5,0.5,0.9\n3,nose,0.5,0.5,0.8\n", opt, 2, 0.3, stretchwise.Nose, stretchwise.Landmark{X: 0.5, Y: 0.5, Visibility: 0.9}, stretchwise.LeftEye},
		{"wide with label column", "label,nose_x,nose_y,nose_z,nose_v,left_hip_x,left_hip_y,left_hip_z,left_hip_v\nC,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8\nH,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8\n", opt, 2, 0.1, stretchwise.LeftHip, stretchwise.Landmark{X: 0.5, Y: 0.6, Z: 0.7, Visibility: 0.8}, stretchwise.RightHip},
		{"CRLF and BOM", "\uFEFFframe,t,landmark,x,y,z,visibility\r\n0,0,nose,0.5,0.25,0,1\r\n1,0.5,nose,0.5,0.25,0,1\r\n", opt, 2, 0.5, stretchwise.Nose, stretchwise.Landmark{X: 0.5, Y: 0.25, Visibility: 1}, stretchwise.LeftEar},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := ImportCSV(strings.NewReader(tt.in), tt.opt)
			if err != nil {
				t.Fatalf("ImportCSV: %v", err)
			}
			if len(rec.Frames) != tt.wantN {
				t.Fatalf("got %d frames, want %d", len(rec.Frames), tt.wantN)
			}
			const tol = 1e-12
			if d := rec.Frames[1].T - tt.wantT1; d > tol || d < -tol {
				t.Errorf("frame 1 t = %v, want %v", rec.Frames[1].T, tt.wantT1)
			}
			if got := rec.Frames[0].Image[tt.check]; got != tt.wantLm {
				t.Errorf("frame 0 %s = %+v, want %+v", stretchwise.LandmarkNames[tt.check], got, tt.wantLm)
			}
			if v := rec.Frames[0].Image[tt.wantEmpty].Visibility; v != 0 {
				t.Errorf("absent landmark %s has visibility %v, want 0", stretchwise.LandmarkNames[tt.wantEmpty], v)
			}
		})
	}
}

func TestImportCSVRejects(t *testing.T) {
	opt := ImportOptions{Width: 640, Height: 480}
	tests := []struct {
		name, in, wantMsg string
		opt               ImportOptions
		wantCode          string
	}{
		{"empty", "", "line 1: empty CSV", opt, stretchwise.EINVALID},
		{"no size", "frame,t,landmark,x,y\n", "width and height", ImportOptions{}, stretchwise.EINVALID},
		{"not landmarks", "a,b,c\n1,2,3\n", "line 1: not a landmark CSV", opt, stretchwise.EINVALID},
		{"no x", "frame,t,landmark,y\n0,0,nose,1\n", "line 1: column x: missing", opt, stretchwise.EINVALID},
		{"no t no fps", "frame,landmark,x,y\n0,nose,1,1\n", "line 2: the CSV has no t column", opt, stretchwise.EINVALID},
		{"bad number", "frame,t,landmark,x,y\n0,0,nose,abc,1\n", `line 2: x: "abc" is not a finite number`, opt, stretchwise.EINVALID},
		{"NaN", "frame,t,landmark,x,y\n0,0,nose,NaN,1\n", `line 2: x: "NaN" is not a finite number`, opt, stretchwise.EINVALID},
		{"Inf", "frame,t,landmark,x,y\n0,0,nose,1,+Inf\n", `line 2: y: "+Inf" is not a finite number`, opt, stretchwise.EINVALID},
		{"unknown landmark", "frame,t,landmark,x,y\n0,0,tail,1,1\n", `line 2: landmark: "tail" is neither`, opt, stretchwise.EINVALID},
		{"index out of range", "frame,t,landmark,x,y\n0,0,33,1,1\n", `line 2: landmark: "33" is neither`, opt, stretchwise.EINVALID},
		{"duplicate landmark", "frame,t,landmark,x,y\n0,0,nose,1,1\n0,0,0,1,1\n", "line 3: landmark: nose appears twice", opt, stretchwise.EINVALID},
		{"visibility range", "frame,t,landmark,x,y,visibility\n0,0,nose,1,1,2\n", "line 2: visibility: 2 outside 0..1", opt, stretchwise.EINVALID},
		{"t backwards", "frame,t,landmark,x,y\n0,1,nose,1,1\n1,0.5,nose,1,1\n", "frame 1: t: 0.5 is not after", opt, stretchwise.EINVALID},
		{"t negative", "frame,t,landmark,x,y\n0,-1,nose,1,1\n", "frame 0: t: -1 is negative", opt, stretchwise.EINVALID},
		{"bare quote", "frame,t,landmark,x,y\n0,0,no\"se,1,1\n", "line 2: column", opt, stretchwise.EINVALID},
		{"wide half landmark", "nose_x,t\n0.1,0\n", "line 1: landmark nose has only one", opt, stretchwise.EINVALID},
		{"line over limit", "frame,t,landmark,x,y\n0,0,nose," + strings.Repeat("1", 300) + ",1\n", "line 2: longer than 100 bytes", ImportOptions{Width: 1, Height: 1, Limits: Limits{MaxLineBytes: 100}}, stretchwise.ETOOLARGE},
		{"too many frames", "frame,t,landmark,x,y\n0,0,nose,1,1\n1,1,nose,1,1\n", "line 3: more than 1 frames", ImportOptions{Width: 1, Height: 1, Limits: Limits{MaxFrames: 1}}, stretchwise.ETOOLARGE},
		{"no frames", "frame,t,landmark,x,y\n", "no frames", opt, stretchwise.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ImportCSV(strings.NewReader(tt.in), tt.opt)
			if got := stretchwise.ErrorCode(err); got != tt.wantCode {
				t.Fatalf("ErrorCode = %q, want %q (err: %v)", got, tt.wantCode, err)
			}
			if got := stretchwise.ErrorMessage(err); !strings.Contains(got, tt.wantMsg) {
				t.Errorf("message = %q, want it to contain %q", got, tt.wantMsg)
			}
		})
	}
}

// importMedia imports the file rel of the test media with imp and checks
// that it has wantFrames frames; it fails t when the import fails.
func importMedia(t *testing.T, imp func(io.Reader, ImportOptions) (*stretchwise.Recording, error), rel string, opt ImportOptions, wantFrames int) *stretchwise.Recording {
	t.Helper()
	rec, err := imp(openMedia(t, rel), opt)
	if err != nil {
		t.Fatalf("import %s: %v", rel, err)
	}
	if len(rec.Frames) != wantFrames {
		t.Errorf("got %d frames, want %d", len(rec.Frames), wantFrames)
	}
	return rec
}

func TestImportExerciseCorrectionCSV(t *testing.T) {
	tests := []struct {
		file       string
		wantFrames int
		wantLms    int // landmarks present in every frame
	}{
		{"lunge_knee_over_toe_error_test.csv", 1107, 13},
		{"lunge_stage_test.csv", 1205, 13},
		{"plank_form_test.csv", 710, 17},
		{"squat_stage_test.csv", 853, 9},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rec := importMedia(t, ImportCSV, "exercise_correction_mediapipe_csv/"+tt.file, ImportOptions{Width: 1280, Height: 720, FPS: 30}, tt.wantFrames)
			present := 0
			for _, l := range rec.Frames[0].Image {
				if l.Visibility > 0 {
					present++
				}
			}
			if present != tt.wantLms {
				t.Errorf("frame 0 has %d landmarks with visibility > 0, want %d", present, tt.wantLms)
			}
			if v := rec.Frames[0].Image[stretchwise.LeftEyeInner].Visibility; v != 0 {
				t.Errorf("left_eye_inner (absent from the file) has visibility %v, want 0", v)
			}
		})
	}
}
