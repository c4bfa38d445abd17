package recording

import (
	"bufio"
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchwise/stretchwise"
)

// TestFrameLineIsWhatWriterWrites: every frame line Writer writes (with
// and without a person, with world landmarks) decodes into FrameLine with
// no key left over, and FrameLine writes the same JSON back.
func TestFrameLineIsWhatWriterWrites(t *testing.T) {
	rec := &stretchwise.Recording{Header: stretchwise.Header{Format: Format, Version: Version, Topology: stretchwise.TopologyBlazePose33, Width: 640, Height: 480}}
	for i := range 3 {
		f := stretchwise.Frame{T: float64(i) / 30, Detected: i != 1, HasWorld: i == 2}
		for j := range f.Image {
			f.Image[j] = stretchwise.Landmark{X: 0.5, Y: 0.25 + float64(j)/100, Z: -0.1, Visibility: 0.9}
			f.World[j] = stretchwise.Landmark{X: 0.1, Y: -0.2, Z: 0.3, Visibility: 0.9}
		}
		rec.Frames = append(rec.Frames, f)
	}
	var buf bytes.Buffer
	if err := Write(&buf, rec); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<20)
	sc.Scan() // the header
	n := 0
	for sc.Scan() {
		var fl FrameLine
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&fl); err != nil {
			t.Fatalf("frame %d: %v", n, err)
		}
		back, err := json.Marshal(fl)
		if err != nil {
			t.Fatal(err)
		}
		var a, b any
		if json.Unmarshal(sc.Bytes(), &a) != nil || json.Unmarshal(back, &b) != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("frame %d: written %s, FrameLine writes %s", n, sc.Bytes(), back)
		}
		if (fl.LM != nil) != rec.Frames[n].Detected || (fl.World != nil) != rec.Frames[n].HasWorld {
			t.Errorf("frame %d: lm %v world %v", n, fl.LM != nil, fl.World != nil)
		}
		n++
	}
	if n != 3 {
		t.Fatalf("%d frame lines, want 3", n)
	}
}
