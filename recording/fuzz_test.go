package recording

import (
	"bytes"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/stretchwise/stretchwise"
)

// checkDomainError fails t unless err is nil or a domain error with code
// EINVALID or ETOOLARGE: every problem with the bytes of a file must be
// reported as bad input, never as an internal error.
func checkDomainError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	switch stretchwise.ErrorCode(err) {
	case stretchwise.EINVALID, stretchwise.ETOOLARGE:
	default:
		t.Fatalf("error is not a domain error: %v", err)
	}
}

// fuzzLimits are small limits so the fuzzer exercises them.
var fuzzLimits = Limits{MaxLineBytes: 16 << 10, MaxFrames: 50, MaxBytes: 1 << 20}

func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	if err := Write(&buf, randomRecording(20, 3)); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(header + "\n" + frameLine("0", "null") + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := Read(bytes.NewReader(data), fuzzLimits)
		checkDomainError(t, err)
		// ReadBytes gives exactly what Read gives.
		recB, errB := ReadBytes(data, fuzzLimits)
		if (err == nil) != (errB == nil) || err != nil && err.Error() != errB.Error() || err == nil && !reflect.DeepEqual(rec, recB) {
			t.Fatalf("Read: %v; ReadBytes: %v (or other frames)", err, errB)
		}
		if err != nil {
			return
		}
		if err := Validate(rec); err != nil {
			t.Fatalf("Read accepted a recording Validate rejects: %v", err)
		}
		var out bytes.Buffer
		if err := Write(&out, rec); err != nil {
			t.Fatalf("Write of a read recording: %v", err)
		}
		back, err := Read(&out, Limits{})
		if err != nil {
			t.Fatalf("Read of a written recording: %v", err)
		}
		compareFrames(t, back.Frames, rec.Frames, 0)
	})
}

func FuzzFrameLine(f *testing.F) {
	f.Add([]byte(frameLine("0.5", lm33)))
	f.Add([]byte(`{"t":0,"lm":null,"world":null}`))
	f.Add([]byte(`{"t":1e-3,"lm":` + lm33 + `,"world":` + lm33 + `}`))
	f.Add([]byte(`{"t":0,"x":{"a":[true,false,null,"\u00e9\n",-1.5e3,{}],"b":[]},"lm":null}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		var fast, slow stretchwise.Frame
		okFast := parseFrameFast(line, &fast)
		errSlow := parseFrameSlow(line, &slow)
		checkDomainError(t, errSlow)
		if okFast && errSlow != nil {
			t.Fatalf("the fast path accepted a line the slow path rejects: %v", errSlow)
		}
		if okFast && fast != slow {
			t.Fatalf("fast and slow paths decode differently")
		}
	})
}

func FuzzImportCSV(f *testing.F) {
	f.Add([]byte("frame,t,landmark,x,y,world_x,world_y\n0,0,nose,0.5,0.5,0.1,0.2\n1,0.1,,,,,\n"))
	f.Add([]byte("label,nose_x,nose_y,nose_z,nose_v\nC,0.1,0.2,0.3,0.4\n"))
	f.Add([]byte("frame,landmark,x,y\n0,0,0.5,0.5\n2,left_hip,0.5,0.5\n"))
	opt := ImportOptions{Width: 640, Height: 480, FPS: 30, Limits: fuzzLimits}
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := ImportCSV(bytes.NewReader(data), opt)
		checkDomainError(t, err)
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := WriteCSV(&out, rec); err != nil {
			t.Fatalf("WriteCSV of an imported recording: %v", err)
		}
		back, err := ImportCSV(&out, opt)
		if err != nil {
			t.Fatalf("ImportCSV of a written CSV: %v", err)
		}
		compareFrames(t, back.Frames, rec.Frames, 0)
	})
}

func FuzzParseTRC(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteTRC(&buf, randomRecording(22, 2), TRCOptions{}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		trc, err := ParseTRC(bytes.NewReader(data), fuzzLimits)
		checkDomainError(t, err)
		if err == nil {
			for i, fr := range trc.Frames {
				if len(fr.Pos) != len(trc.Markers) {
					t.Fatalf("frame %d has %d positions for %d markers", i, len(fr.Pos), len(trc.Markers))
				}
			}
		}
	})
}

func FuzzImportMediaPipeJSON(f *testing.F) {
	obj := mpLandmarks("object", 0.1, true)
	f.Add([]byte("[" + obj + "]"))
	f.Add([]byte(`{"frames":[{"t":0,"pose_landmarks":{"landmark":` + obj + `}}]}`))
	f.Add([]byte(`[{"timestampMs":0,"landmarks":[` + obj + `],"worldLandmarks":[` + mpLandmarks("array", 0, false) + `]}]`))
	f.Add([]byte(`[[{"score":0.9,"keypoints":` + mpLandmarks("tfjs", 0.1, true) + `}]]`))
	opt := ImportOptions{Width: 640, Height: 480, FPS: 30, Limits: fuzzLimits}
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := ImportMediaPipeJSON(bytes.NewReader(data), nil, opt)
		checkDomainError(t, err)
		if err == nil {
			if err := Validate(rec); err != nil {
				t.Fatalf("imported recording fails Validate: %v", err)
			}
		}
	})
}

func FuzzImportKERAAL(f *testing.F) {
	f.Add([]byte(`{"positions":{"1.0":{"Nose":[0.5,0.5,-0.1],"Left_hip":[0.4,0.6,0]},"2.0":{}}}`))
	f.Add([]byte(`{"positions":{"1.0":{"Nose":[0.4,0.5],"Neck":[0.4,0.55],"rShoulder":[0.39,0.55]}}}`))
	opt := ImportOptions{Width: 640, Height: 480, FPS: 30, Limits: fuzzLimits}
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := ImportKERAAL(bytes.NewReader(data), opt)
		checkDomainError(t, err)
		if err == nil {
			if err := Validate(rec); err != nil {
				t.Fatalf("imported recording fails Validate: %v", err)
			}
		}
	})
}

func FuzzImportOpenPose(f *testing.F) {
	f.Add([]byte(openPoseJSON(body25Person(300, 5), body25Person(20, 2))))
	f.Add([]byte(`{"version":1.3,"people":[]}`))
	opt := ImportOptions{Width: 1000, Height: 500, FPS: 30, Limits: fuzzLimits}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"d/x_000000000000_keypoints.json": {Data: data},
			"d/x_000000000001_keypoints.json": {Data: []byte(openPoseJSON(body25Person(300, 5)))},
		}
		rec, err := ImportOpenPose(fsys, "d", opt)
		checkDomainError(t, err)
		if err == nil {
			if err := Validate(rec); err != nil {
				t.Fatalf("imported recording fails Validate: %v", err)
			}
		}
	})
}
