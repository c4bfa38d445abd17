package framing

import (
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
)

// body returns a frame with the landmarks on a grid from (x, y), half the
// picture wide and high, at visibility vis.
func body(t, x, y, vis float64) stretchwise.Frame { return bodyOfSize(t, x, y, 0.5, vis) }

// bodyOfSize is body spanning size of the picture's width and height.
func bodyOfSize(t, x, y, size, vis float64) stretchwise.Frame {
	f := stretchwise.Frame{T: t, Detected: true}
	for i := range f.Image {
		f.Image[i] = stretchwise.Landmark{X: x + size/4*float64(i%5), Y: y + size/6*float64(i/5), Visibility: vis}
	}
	return f
}

// recording returns n frames at 30 fps made by f.
func recording(n int, f func(i int, t float64) stretchwise.Frame) *stretchwise.Recording {
	rec := &stretchwise.Recording{Header: stretchwise.Header{Width: 1080, Height: 1920, FPS: 30}}
	for i := 0; i < n; i++ {
		rec.Frames = append(rec.Frames, f(i, float64(i)/30))
	}
	return rec
}

func TestInside(t *testing.T) {
	tests := []struct {
		x, y float64
		want bool
	}{
		{0.5, 0.5, true}, {0.021, 0.5, true}, {0.015, 0.5, false}, {0.99, 0.5, false}, {1.06, 0.5, false},
		{0.5, -0.1, false}, {0.5, 0.995, false}, {nan(), 0.5, false},
	}
	for _, tc := range tests {
		if got := Inside(stretchwise.Landmark{X: tc.x, Y: tc.y}, EdgeMargin); got != tc.want {
			t.Errorf("Inside(%v, %v) = %v, want %v", tc.x, tc.y, got, tc.want)
		}
	}
}

// footOut returns n frames at 30 fps of a body whose right foot is out of
// the picture from 1 to 2 s.
func footOut(n int) *stretchwise.Recording {
	return recording(n, func(i int, ts float64) stretchwise.Frame {
		f := body(ts, 0.3, 0.3, 0.95)
		if i >= 30 && i < 60 {
			f.Image[stretchwise.RightAnkle].X = 1.06
		}
		return f
	})
}

// TestMaskAndNotes: a right foot that leaves the picture for one second is
// masked (visibility 0, so no measure uses it) and named in plain words
// with when it happened and what to do.
func TestMaskAndNotes(t *testing.T) {
	rec := footOut(90)
	notes := Check(rec, DefaultConfig)
	if len(notes) != 1 || notes[0].Problem != OutOfPicture || notes[0].Part != "right foot" {
		t.Fatalf("notes = %+v, want one: the right foot out of the picture", notes)
	}
	if msg := notes[0].Message; !strings.Contains(msg, "your right foot was out of the picture at 1.0-2.0 s") || !strings.Contains(msg, "move the camera further back") {
		t.Errorf("message %q does not say which part, when and what to do", msg)
	}
	Mask(rec, EdgeMargin)
	for i, f := range rec.Frames {
		out := i >= 30 && i < 60
		if got := f.Image[stretchwise.RightAnkle].Visibility; (got == 0) != out {
			t.Errorf("frame %d: right ankle visibility %v after Mask, out of the picture %v", i, got, out)
		}
		if f.Image[stretchwise.LeftAnkle].Visibility != 0.95 {
			t.Fatalf("frame %d: Mask changed a landmark inside the picture", i)
		}
	}
}

func TestTooCloseFarAndPoor(t *testing.T) {
	close := recording(60, func(i int, ts float64) stretchwise.Frame {
		f := body(ts, 0.3, 0.3, 0.95)
		f.Image[stretchwise.Nose].X = -0.05
		f.Image[stretchwise.LeftAnkle].X = 1.05
		return f
	})
	far := recording(60, func(i int, ts float64) stretchwise.Frame { return bodyOfSize(ts, 0.45, 0.45, 0.1, 0.95) })
	dark := recording(60, func(i int, ts float64) stretchwise.Frame { return body(ts, 0.2, 0.2, 0.3) })
	lost := recording(60, func(i int, ts float64) stretchwise.Frame {
		f := body(ts, 0.2, 0.2, 0.95)
		f.Detected = i%3 == 0
		return f
	})
	tests := []struct {
		name string
		rec  *stretchwise.Recording
		want Problem
		says string
	}{
		{"too close", close, TooClose, "too close to the camera"},
		{"too far", far, TooFar, "move the camera closer"},
		{"faint", dark, PoorPicture, "add light"},
		{"lost", lost, PoorPicture, "a person was found in only 20 of 60 frames"},
	}
	for _, tc := range tests {
		found := false
		for _, n := range Check(tc.rec, DefaultConfig) {
			if n.Problem == tc.want && strings.Contains(n.Message, tc.says) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no %s note saying %q in %+v", tc.name, tc.want, tc.says, Check(tc.rec, DefaultConfig))
		}
	}
	good := recording(60, func(i int, ts float64) stretchwise.Frame {
		f := body(ts, 0.1, 0.3, 0.95)
		f.Image[stretchwise.RightAnkle] = stretchwise.Landmark{X: 0.9, Y: 0.7, Visibility: 0.9}
		return f
	})
	if notes := Check(good, DefaultConfig); len(notes) != 0 {
		t.Errorf("a well framed recording got notes: %+v", notes)
	}
}

func nan() float64 {
	var z float64
	return z / z
}

// TestLiveNotesComeAndGo: live, a right foot that leaves the picture for
// one second is named within half a second of leaving, in the present
// tense and without times, and the note goes once the foot has been back
// for LiveWindowS.
func TestLiveNotesComeAndGo(t *testing.T) {
	rec := footOut(150)
	l := NewLive(DefaultConfig, rec.Header.Width, rec.Header.Height)
	first, last := -1.0, -1.0
	for i := range rec.Frames {
		notes := l.Update(&rec.Frames[i])
		if len(notes) == 0 {
			continue
		}
		if len(notes) != 1 || notes[0].Part != "right foot" || notes[0].Message != "Your right foot is out of the picture: "+MoveBackNow+"." {
			t.Fatalf("at %.2f s: notes %+v, want the right foot out of the picture", rec.Frames[i].T, notes)
		}
		if first < 0 {
			first = rec.Frames[i].T
		}
		last = rec.Frames[i].T
	}
	if first < 1 || first > 1.5 {
		t.Errorf("the note came at %.2f s, want within 0.5 s of the foot leaving at 1 s", first)
	}
	if last < 2 || last > 2+LiveWindowS {
		t.Errorf("the note was last shown at %.2f s, want until at most %.1f s after the foot came back at 2 s", last, LiveWindowS)
	}
}
