package recording

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
)

func TestTRCRoundTrip(t *testing.T) {
	allWorld := randomRecording(13, 40)
	for i := range allWorld.Frames {
		if f := &allWorld.Frames[i]; f.Detected && !f.HasWorld {
			f.HasWorld, f.World = true, f.Image
		}
	}
	allWorld.Frames[5].World[3].Visibility = 0 // a landmark the source lacks
	const tol = 1e-9                           // metres; the writer is exact up to the unit scaling
	tests := []struct {
		name  string
		rec   *stretchwise.Recording
		opt   TRCOptions
		scale float64
		// want maps a landmark to its expected TRC position.
		want func(f *stretchwise.Frame, i int, aspect float64) (x, y, z float64, ok bool)
	}{
		{"world auto metres", allWorld, TRCOptions{}, 1, func(f *stretchwise.Frame, i int, _ float64) (float64, float64, float64, bool) {
			l := f.World[i]
			return l.X, -l.Y, -l.Z, f.Detected && l.Visibility > 0
		}},
		{"world mm", allWorld, TRCOptions{Space: SpaceWorld, Units: "mm"}, 1000, func(f *stretchwise.Frame, i int, _ float64) (float64, float64, float64, bool) {
			l := f.World[i]
			return l.X, -l.Y, -l.Z, f.Detected && l.Visibility > 0
		}},
		{"image with visibility gate", randomRecording(14, 30), TRCOptions{MinVisibility: 0.5, ImageHeightM: 1.5}, 1, func(f *stretchwise.Frame, i int, a float64) (float64, float64, float64, bool) {
			l := f.Image[i]
			return l.X * a * 1.5, (1 - l.Y) * 1.5, -l.Z * a * 1.5, f.Detected && l.Visibility >= 0.5
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteTRC(&buf, tt.rec, tt.opt); err != nil {
				t.Fatalf("WriteTRC: %v", err)
			}
			got, err := ParseTRC(&buf, Limits{})
			if err != nil {
				t.Fatalf("ParseTRC: %v", err)
			}
			if len(got.Frames) != len(tt.rec.Frames) || len(got.Markers) != stretchwise.NumLandmarks {
				t.Fatalf("got %d frames and %d markers, want %d and %d", len(got.Frames), len(got.Markers), len(tt.rec.Frames), stretchwise.NumLandmarks)
			}
			if got.DataRate != tt.rec.Header.FPS {
				t.Errorf("DataRate = %v, want %v", got.DataRate, tt.rec.Header.FPS)
			}
			if got.Markers[stretchwise.LeftHip] != "left_hip" {
				t.Errorf("marker %d = %q, want left_hip", stretchwise.LeftHip, got.Markers[stretchwise.LeftHip])
			}
			aspect := tt.rec.Header.Aspect()
			for fi := range tt.rec.Frames {
				f := &tt.rec.Frames[fi]
				g := got.Frames[fi]
				if g.Frame != fi+1 || math.Abs(g.T-f.T) > tol {
					t.Fatalf("frame %d: Frame#=%d Time=%v, want %d and %v", fi, g.Frame, g.T, fi+1, f.T)
				}
				for i := range stretchwise.NumLandmarks {
					x, y, z, ok := tt.want(f, i, aspect)
					p := g.Pos[i]
					if !ok {
						if !math.IsNaN(p[0]) || !math.IsNaN(p[1]) || !math.IsNaN(p[2]) {
							t.Fatalf("frame %d marker %d = %v, want missing", fi, i, p)
						}
						continue
					}
					for k, w := range [3]float64{x, y, z} {
						if d := math.Abs(p[k] - w*tt.scale); d > tol*tt.scale {
							t.Fatalf("frame %d marker %d coordinate %d = %v, want %v", fi, i, k, p[k], w*tt.scale)
						}
					}
				}
			}
		})
	}
}

func TestWriteTRCRejects(t *testing.T) {
	rec := randomRecording(15, 10) // some frames lack world landmarks
	for _, tt := range []struct {
		name string
		opt  TRCOptions
		want string
	}{
		{"world missing", TRCOptions{Space: SpaceWorld}, "world landmarks requested"},
		{"bad space", TRCOptions{Space: "camera"}, "trc: space"},
		{"bad units", TRCOptions{Units: "ft"}, "trc: units"},
		{"bad visibility", TRCOptions{MinVisibility: 2}, "trc: minimum visibility"},
		{"bad height", TRCOptions{ImageHeightM: -1}, "trc: image height"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteTRC(&buf, rec, tt.opt)
			if stretchwise.ErrorCode(err) != stretchwise.EINVALID || !strings.Contains(stretchwise.ErrorMessage(err), tt.want) {
				t.Fatalf("err = %v, want EINVALID containing %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes on error, want 0", buf.Len())
			}
		})
	}
}

func TestParseTRCRejects(t *testing.T) {
	var good bytes.Buffer
	if err := WriteTRC(&good, randomRecording(16, 3), TRCOptions{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(good.String(), "\n")
	tests := []struct{ name, in, want string }{
		{"empty", "", "line 1: trc: the file ends inside the header"},
		{"not trc", "hello\n1\n2\n3\n4\n", "line 1: trc: does not start with PathFileType"},
		{"truncated", strings.Join(lines[:len(lines)-2], ""), "NumFrames says 3 (truncated?)"},
		{"bad number", strings.Replace(good.String(), "\n1\t", "\n1\tabc", 1), `Time: "abc`},
		{"NaN cell", strings.Join(lines[:6], "") + "1\t0\tNaN\n", `nose X: "NaN" is not a finite number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseTRC(strings.NewReader(tt.in), Limits{})
			if stretchwise.ErrorCode(err) != stretchwise.EINVALID || !strings.Contains(stretchwise.ErrorMessage(err), tt.want) {
				t.Fatalf("err = %v, want EINVALID containing %q", err, tt.want)
			}
		})
	}
}

// openSimTokens splits a TRC line the way OpenSim 4's FileAdapter::tokenize
// does: empty cells between tabs count, the one after a final tab does not.
func openSimTokens(line string) []string {
	cells := strings.Split(line, "\t")
	if len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

func TestTRCRowsHaveOpenSimCellCount(t *testing.T) {
	rec := randomRecording(17, 8) // frame 3 has no person: every marker blank
	rec.Frames[0].Image[stretchwise.RightFootIndex].Visibility = 0
	var buf bytes.Buffer
	if err := WriteTRC(&buf, rec, TRCOptions{Space: SpaceImage}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	want := 2 + 3*stretchwise.NumLandmarks
	for i, line := range lines[6:] {
		if got := len(openSimTokens(line)); got != want {
			t.Errorf("data row %d: OpenSim would see %d cells, want %d", i+1, got, want)
		}
	}
}
