package recording

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
)

const header = `{"format":"stretchwise-recording","version":1,"topology":"blazepose33","fps":30,"width":1280,"height":720,"view":"rear-left"}`

// poseJSON returns a landmark array of n entries, each v.
func poseJSON(n int, v string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = v
	}
	return "[" + strings.Join(parts, ",") + "]"
}

var lm33 = poseJSON(33, "[0.5,0.25,-0.1,0.9]")

// frameLine returns a frame line at time t with the given lm JSON.
func frameLine(t, lm string) string { return `{"t":` + t + `,"lm":` + lm + `}` }

// withLandmark returns lm33 with entry i replaced by v.
func withLandmark(i int, v string) string {
	parts := make([]string, 33)
	for j := range parts {
		parts[j] = "[0.5,0.25,-0.1,0.9]"
	}
	parts[i] = v
	return "[" + strings.Join(parts, ",") + "]"
}

func TestReadRoundTrip(t *testing.T) {
	const tol = 0 // the writer's shortest form reads back exactly
	tests := []struct {
		name string
		rec  *stretchwise.Recording
	}{
		{"random", randomRecording(1, 200)},
		{"one frame", randomRecording(2, 1)},
		{"extra header keys", func() *stretchwise.Recording {
			r := randomRecording(3, 5)
			r.Header.Extra = map[string]any{"camera": "pixel 7", "calib": []any{1.5, "x"}}
			return r
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.rec); err != nil {
				t.Fatalf("Write: %v", err)
			}
			if err := Check(bytes.NewReader(buf.Bytes()), Limits{}); err != nil {
				t.Errorf("Check: %v", err)
			}
			got, err := Read(&buf, Limits{})
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			compareFrames(t, got.Frames, tt.rec.Frames, tol)
			wantH := tt.rec.Header
			gotH := got.Header
			if len(wantH.Extra) > 0 {
				// Numbers in Extra come back as json.Number: compare JSON text.
				if fmt.Sprint(gotH.Extra) != "map[calib:[1.5 x] camera:pixel 7]" {
					t.Errorf("Extra = %v, want the written keys", gotH.Extra)
				}
			}
			gotH.Extra, wantH.Extra = nil, nil
			if !reflect.DeepEqual(gotH, wantH) {
				t.Errorf("header = %+v, want %+v", gotH, wantH)
			}
		})
	}
}

// readAcceptCases are valid recordings in every accepted variant.
func readAcceptCases() []readAcceptCase {
	f1 := frameLine("0", lm33)
	f2 := frameLine("0.033", "null")
	return []readAcceptCase{
		{"plain", header + "\n" + f1 + "\n" + f2 + "\n", 2, false},
		{"no final newline", header + "\n" + f1 + "\n" + f2, 2, false},
		{"CRLF", header + "\r\n" + f1 + "\r\n" + f2 + "\r\n", 2, false},
		{"BOM", "\xEF\xBB\xBF" + header + "\n" + f1 + "\n", 1, false},
		{"blank trailing lines", header + "\n" + f1 + "\n\n  \n", 1, false},
		{"world", header + "\n" + `{"t":0,"lm":` + lm33 + `,"world":` + lm33 + `}` + "\n", 1, true},
		{"world null", header + "\n" + `{"t":0,"lm":` + lm33 + `,"world":null}` + "\n", 1, false},
		{"unknown frame key ignored", header + "\n" + `{"t":0,"note":{"a":[1,2]},"lm":` + lm33 + `}` + "\n", 1, false},
		{"spaces and key order", header + "\n" + `{ "lm" : ` + strings.ReplaceAll(lm33, ",", " , ") + ` , "t" : 0 }` + "\n", 1, false},
		{"exponents", header + "\n" + frameLine("1e-3", withLandmark(0, "[5E-1,2.5e-1,-1e0,9e-1]")) + "\n", 1, false},
		{"unknown header keys", `{"format":"stretchwise-recording","version":1,"topology":"blazepose33","width":2,"height":2,"lens":{"f":3}}` + "\n" + f1 + "\n", 1, false},
	}
}

// readAcceptCase is a valid recording and what it holds.
type readAcceptCase struct {
	name       string
	in         string
	wantFrames int
	wantWorld  bool
}

func TestReadAccepts(t *testing.T) {
	tests := readAcceptCases()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Read(strings.NewReader(tt.in), Limits{})
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if got := len(rec.Frames); got != tt.wantFrames {
				t.Fatalf("got %d frames, want %d", got, tt.wantFrames)
			}
			if got := rec.Frames[0].HasWorld; got != tt.wantWorld {
				t.Errorf("HasWorld = %v, want %v", got, tt.wantWorld)
			}
			if !rec.Frames[0].Detected {
				t.Errorf("frame 0 not detected, want detected")
			}
			if tt.wantFrames > 1 && rec.Frames[1].Detected {
				t.Errorf("frame 1 with lm null is detected, want not detected")
			}
		})
	}
}

// readRejectCases are malformed recordings and the error each must give.
func readRejectCases() []readRejectCase {
	ok := frameLine("0", lm33)
	hdr := func(kv string) string {
		return `{"format":"stretchwise-recording","version":1,"topology":"blazepose33",` + kv + `}`
	}
	return []readRejectCase{
		{"empty file", "", Limits{}, stretchwise.EINVALID, "line 1: empty recording"},
		{"only blank", "\n", Limits{}, stretchwise.EINVALID, "line 1: header: invalid JSON"},
		{"header only", header + "\n", Limits{}, stretchwise.EINVALID, "no frames"},
		{"header missing", ok + "\n" + ok + "\n", Limits{}, stretchwise.EINVALID, "line 1: header: format: missing"},
		{"wrong format", strings.Replace(header, "stretchwise-recording", "other", 1) + "\n" + ok, Limits{}, stretchwise.EINVALID, `line 1: header: format: got "other"`},
		{"wrong version", strings.Replace(header, `"version":1`, `"version":2`, 1) + "\n" + ok, Limits{}, stretchwise.EINVALID, "line 1: header: version: got 2, want 1"},
		{"version string", strings.Replace(header, `"version":1`, `"version":"1"`, 1) + "\n" + ok, Limits{}, stretchwise.EINVALID, "line 1: header: version: not a number"},
		{"version missing", strings.Replace(header, `"version":1,`, ``, 1) + "\n" + ok, Limits{}, stretchwise.EINVALID, "line 1: header: version: missing"},
		{"wrong topology", strings.Replace(header, "blazepose33", "coco18", 1) + "\n" + ok, Limits{}, stretchwise.EINVALID, `line 1: header: topology: got "coco18"`},
		{"missing width", hdr(`"height":720`) + "\n" + ok, Limits{}, stretchwise.EINVALID, "line 1: header: width: missing"},
		{"missing height", hdr(`"width":720`) + "\n" + ok, Limits{}, stretchwise.EINVALID, "line 1: header: height: missing"},
		{"zero width", hdr(`"width":0,"height":720`) + "\n" + ok, Limits{}, stretchwise.EINVALID, "line 1: header: width: got 0"},
		{"fractional width", hdr(`"width":1.5,"height":720`) + "\n" + ok, Limits{}, stretchwise.EINVALID, "line 1: header: width: 1.5 is not an integer"},
		{"bad view", hdr(`"width":1,"height":1,"view":"sideways"`) + "\n" + ok, Limits{}, stretchwise.EINVALID, `line 1: header: view: got "sideways"`},
		{"negative fps", hdr(`"width":1,"height":1,"fps":-3`) + "\n" + ok, Limits{}, stretchwise.EINVALID, "line 1: header: fps: got -3"},
		{"header not object", "[1,2]\n" + ok, Limits{}, stretchwise.EINVALID, "line 1: header: not a JSON object"},
		{"truncated last line", header + "\n" + ok + "\n" + ok[:len(ok)/2], Limits{}, stretchwise.EINVALID, "line 3: lm[16][0]: invalid JSON: the line ends early"},
		{"32 landmarks", header + "\n" + frameLine("0", poseJSON(32, "[0,0,0,1]")), Limits{}, stretchwise.EINVALID, "line 2: lm: want 33 landmarks, got 32"},
		{"34 landmarks", header + "\n" + frameLine("0", poseJSON(34, "[0,0,0,1]")), Limits{}, stretchwise.EINVALID, "line 2: lm: want 33 landmarks, got 34"},
		{"3 numbers", header + "\n" + frameLine("0", withLandmark(3, "[0,0,0]")), Limits{}, stretchwise.EINVALID, "line 2: lm[3]: want 4 numbers (x, y, z, visibility), got 3"},
		{"NaN", header + "\n" + frameLine("0", withLandmark(3, "[0,NaN,0,1]")), Limits{}, stretchwise.EINVALID, "line 2: lm[3][1]: not a finite number (NaN"},
		{"NaN string", header + "\n" + frameLine("0", withLandmark(3, `[0,"NaN",0,1]`)), Limits{}, stretchwise.EINVALID, "line 2: lm[3][1]: not a number"},
		{"Infinity", header + "\n" + frameLine("0", withLandmark(3, "[0,Infinity,0,1]")), Limits{}, stretchwise.EINVALID, "line 2: lm[3][1]: not a finite number (Infinity"},
		{"overflow to Inf", header + "\n" + frameLine("0", withLandmark(3, "[0,1e400,0,1]")), Limits{}, stretchwise.EINVALID, "line 2: lm[3][1]: not a finite number"},
		{"string number", header + "\n" + frameLine("0", withLandmark(5, `[0,0,"0.3",1]`)), Limits{}, stretchwise.EINVALID, "line 2: lm[5][2]: not a number"},
		{"landmark not array", header + "\n" + frameLine("0", withLandmark(5, `{"x":1}`)), Limits{}, stretchwise.EINVALID, "line 2: lm[5]: not an array"},
		{"lm not array", header + "\n" + frameLine("0", `{}`), Limits{}, stretchwise.EINVALID, "line 2: lm: not an array"},
		{"visibility above 1", header + "\n" + frameLine("0", withLandmark(7, "[0,0,0,1.5]")), Limits{}, stretchwise.EINVALID, "line 2: lm[7][3]: visibility 1.5 outside 0..1"},
		{"visibility negative", header + "\n" + frameLine("0", withLandmark(7, "[0,0,0,-0.1]")), Limits{}, stretchwise.EINVALID, "line 2: lm[7][3]: visibility -0.1 outside 0..1"},
		{"t backwards", header + "\n" + frameLine("1", lm33) + "\n" + frameLine("0.5", lm33), Limits{}, stretchwise.EINVALID, "line 3: t: 0.5 is not after the previous frame's 1"},
		{"t repeated", header + "\n" + frameLine("1", lm33) + "\n" + frameLine("1", lm33), Limits{}, stretchwise.EINVALID, "line 3: t: 1 is not after"},
		{"t negative", header + "\n" + frameLine("-0.1", lm33), Limits{}, stretchwise.EINVALID, "line 2: t: -0.1 is negative"},
		{"t 1e308", header + "\n" + frameLine("0", lm33) + "\n" + frameLine("1e308", lm33), Limits{}, stretchwise.EINVALID, "line 3: t: 1e+308 is after 86400 s"},
		{"t 1e300", header + "\n" + frameLine("1e300", lm33), Limits{}, stretchwise.EINVALID, "line 2: t: 1e+300 is after 86400 s"},
		{"t gap below a microsecond", header + "\n" + frameLine("1", lm33) + "\n" + frameLine("1.0000000001", lm33), Limits{}, stretchwise.EINVALID, "line 3: t: 1.0000000001 is less than 1e-06 s after the previous frame's 1"},
		{"t subnormal gap", header + "\n" + frameLine("0", lm33) + "\n" + frameLine("5e-324", lm33), Limits{}, stretchwise.EINVALID, "line 3: t: 5e-324 is less than 1e-06 s after"},
		{"NUL in exercise", hdr(`"width":1,"height":1,"exercise":"bird\u0000dog"`) + "\n" + ok, Limits{}, stretchwise.EINVALID, "line 1: header: exercise: contains the NUL character"},
		{"NUL in subject", hdr(`"width":1,"height":1,"subject":"\u0000"`) + "\n" + ok, Limits{}, stretchwise.EINVALID, "line 1: header: subject: contains the NUL character"},
		{"zero fps", hdr(`"width":1,"height":1,"fps":0`) + "\n" + ok, Limits{}, stretchwise.EINVALID, "line 1: header: fps: got 0"},
		{"huge coordinate", header + "\n" + frameLine("0", withLandmark(3, "[0,1e300,0,1]")), Limits{}, stretchwise.EINVALID, "line 2: lm[3][1]: 1e+300 is outside -1e+06..1e+06"},
		{"huge world coordinate", header + "\n" + `{"t":0,"lm":` + lm33 + `,"world":` + withLandmark(0, "[-2e6,0,0,1]") + `}`, Limits{}, stretchwise.EINVALID, "line 2: world[0][0]: -2e+06 is outside -1e+06..1e+06"},
		{"t missing", header + "\n" + `{"lm":` + lm33 + `}`, Limits{}, stretchwise.EINVALID, "line 2: t: missing"},
		{"t string", header + "\n" + frameLine(`"0"`, lm33), Limits{}, stretchwise.EINVALID, "line 2: t: not a number"},
		{"lm missing", header + "\n" + `{"t":0}`, Limits{}, stretchwise.EINVALID, "line 2: lm: missing"},
		{"world without person", header + "\n" + `{"t":0,"lm":null,"world":` + lm33 + `}`, Limits{}, stretchwise.EINVALID, "line 2: world: given although lm is null"},
		{"world 3 numbers", header + "\n" + `{"t":0,"lm":` + lm33 + `,"world":` + withLandmark(0, "[1,2,3]") + `}`, Limits{}, stretchwise.EINVALID, "line 2: world[0]: want 4 numbers (x, y, z, visibility), got 3"},
		{"frame not object", header + "\n" + "[1,2,3]", Limits{}, stretchwise.EINVALID, "line 2: not a JSON object"},
		{"frame null", header + "\n" + "null", Limits{}, stretchwise.EINVALID, "line 2: not a JSON object"},
		{"trailing garbage", header + "\n" + ok + "x", Limits{}, stretchwise.EINVALID, "line 2: invalid JSON"},
		{"binary garbage", "\x00\x01\x02\xff\xfe{{{\n\x89PNG", Limits{}, stretchwise.EINVALID, "line 1: header: invalid JSON"},
		{"line over limit", header + "\n" + ok, Limits{MaxLineBytes: 200}, stretchwise.ETOOLARGE, "line 2: longer than 200 bytes"},
		{"too many frames", header + "\n" + ok + "\n" + frameLine("1", lm33) + "\n" + frameLine("2", lm33), Limits{MaxFrames: 2}, stretchwise.ETOOLARGE, "line 4: more than 2 frames"},
		{"too many bytes", header + "\n" + ok + "\n" + frameLine("1", lm33), Limits{MaxBytes: 1000}, stretchwise.ETOOLARGE, "larger than 1000 bytes"},
	}
}

// readRejectCase is a malformed recording and its expected error.
type readRejectCase struct {
	name     string
	in       string
	lim      Limits
	wantCode string
	wantMsg  string // a substring of the safe message
}

func TestReadRejects(t *testing.T) {
	tests := readRejectCases()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if cerr := Check(strings.NewReader(tt.in), tt.lim); cerr == nil {
				t.Errorf("Check succeeded, want an error like Read's")
			}
			rec, err := Read(strings.NewReader(tt.in), tt.lim)
			if err == nil {
				t.Fatalf("Read succeeded with %d frames, want an error", len(rec.Frames))
			}
			if got := stretchwise.ErrorCode(err); got != tt.wantCode {
				t.Errorf("ErrorCode = %q, want %q (err: %v)", got, tt.wantCode, err)
			}
			if got := stretchwise.ErrorMessage(err); !strings.Contains(got, tt.wantMsg) {
				t.Errorf("message = %q, want it to contain %q", got, tt.wantMsg)
			}
		})
	}
}

// endless is an io.Reader of an endless line of 'a' after a prefix; it
// counts the bytes it gives out.
type endless struct {
	prefix string
	n      int64
}

func (e *endless) Read(p []byte) (int, error) {
	k := 0
	for k < len(p) && int(e.n) < len(e.prefix) {
		p[k] = e.prefix[e.n]
		k++
		e.n++
	}
	for ; k < len(p); k++ {
		p[k] = 'a'
		e.n++
	}
	return k, nil
}

func TestReadHugeLineStopsAtLimit(t *testing.T) {
	// A 1 GB line must not be read into memory: the reader must stop soon
	// after the line limit.
	src := &endless{prefix: header + "\n"}
	_, err := Read(src, Limits{})
	if got := stretchwise.ErrorCode(err); got != stretchwise.ETOOLARGE {
		t.Fatalf("ErrorCode = %q, want %q (err: %v)", got, stretchwise.ETOOLARGE, err)
	}
	maxRead := int64(DefaultLimits.MaxLineBytes + 2*readBufferBytes + len(header))
	if src.n > maxRead {
		t.Errorf("read %d bytes of an endless line, want at most %d", src.n, maxRead)
	}
	// The same for a header line.
	src = &endless{}
	_, err = Read(src, Limits{})
	if got := stretchwise.ErrorCode(err); got != stretchwise.ETOOLARGE {
		t.Fatalf("header: ErrorCode = %q, want %q (err: %v)", got, stretchwise.ETOOLARGE, err)
	}
}

// failing is an io.Reader that fails after a prefix.
type failing struct{ r io.Reader }

var errDisk = errors.New("disk on fire")

func (f failing) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, errDisk
	}
	return n, err
}

func TestReadIOErrorIsInternal(t *testing.T) {
	_, err := Read(failing{strings.NewReader(header + "\n" + frameLine("0", lm33) + "\n")}, Limits{})
	if !errors.Is(err, errDisk) {
		t.Fatalf("err = %v, want it to wrap %v", err, errDisk)
	}
	if got := stretchwise.ErrorCode(err); got != stretchwise.EINTERNAL {
		t.Errorf("ErrorCode = %q, want %q", got, stretchwise.EINTERNAL)
	}
}

func TestReaderStreams(t *testing.T) {
	rec := randomRecording(4, 50)
	var buf bytes.Buffer
	if err := Write(&buf, rec); err != nil {
		t.Fatal(err)
	}
	r := NewReader(&buf, Limits{})
	var f stretchwise.Frame
	var got []stretchwise.Frame
	for {
		err := r.Next(&f)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		got = append(got, f)
	}
	compareFrames(t, got, rec.Frames, 0)
	if err := r.Next(&f); err != io.EOF {
		t.Errorf("Next after the end = %v, want io.EOF", err)
	}
}

func TestFastPathAgreesWithSlowPath(t *testing.T) {
	rec := randomRecording(5, 30)
	var buf bytes.Buffer
	if err := Write(&buf, rec); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")[1:]
	for i, line := range lines {
		var fast, slow stretchwise.Frame
		if !parseFrameFast([]byte(line), &fast) {
			t.Fatalf("line %d: fast path refused a canonical line", i+2)
		}
		if err := parseFrameSlow([]byte(line), &slow); err != nil {
			t.Fatalf("line %d: slow path: %v", i+2, err)
		}
		if fast != slow {
			t.Fatalf("line %d: fast and slow paths differ", i+2)
		}
	}
}

func TestNextAllocatesNothing(t *testing.T) {
	rec := randomRecording(6, 400)
	var buf bytes.Buffer
	if err := Write(&buf, rec); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	r := NewReader(bytes.NewReader(data), Limits{})
	var f stretchwise.Frame
	if _, err := r.Header(); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(300, func() {
		if err := r.Next(&f); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Next allocates %v times per frame, want 0", allocs)
	}
}

func TestFastPathSkipsUnknownKeys(t *testing.T) {
	lm := `"lm":` + lm33
	tests := []struct {
		name     string
		line     string
		wantFast bool // the fast path decodes it
		wantOK   bool // the line is valid
	}{
		{"nested unknown", `{"t":0,"note":{"a":[1,-2.5e-3,true,false,null],"b":{}},` + lm + `}`, true, true},
		{"escaped string", `{"t":0,"s":"a\"b\\c\u00e9\n",` + lm + `}`, true, true},
		{"empty containers", `{"t":0,"a":[],"o":{},` + lm + `}`, true, true},
		{"overflowing number in unknown key", `{"t":0,"n":1e400,` + lm + `}`, false, true},
		{"escaped known key", `{"\u0074":0,` + lm + `}`, false, true},
		{"bad escape", `{"t":0,"s":"\x",` + lm + `}`, false, false},
		{"control character", "{\"t\":0,\"s\":\"a\tb\"," + lm + `}`, false, false},
		{"unclosed array", `{"t":0,"a":[1,2,` + lm + `}`, false, false},
		{"bare word", `{"t":0,"a":nope,` + lm + `}`, false, false},
		{"trailing comma", `{"t":0,"a":[1,],` + lm + `}`, false, false},
		{"too deep", `{"t":0,"a":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `,` + lm + `}`, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fast, slow stretchwise.Frame
			if got := parseFrameFast([]byte(tt.line), &fast); got != tt.wantFast {
				t.Errorf("fast path = %v, want %v", got, tt.wantFast)
			}
			err := parseFrameSlow([]byte(tt.line), &slow)
			if (err == nil) != tt.wantOK {
				t.Fatalf("slow path err = %v, want valid = %v", err, tt.wantOK)
			}
			if tt.wantFast && fast != slow {
				t.Errorf("fast and slow paths decode differently")
			}
		})
	}
}

// TestReadBytesSameAsRead: ReadBytes, which makes room for the frames up
// front, returns what Read returns, recordings and errors alike.
func TestReadBytesSameAsRead(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, randomRecording(31, 400)); err != nil {
		t.Fatal(err)
	}
	valid := buf.String()
	inputs := []string{
		valid,
		strings.ReplaceAll(valid, "\n", "\r\n"),
		strings.Replace(valid, "\n", "\n\n\n", 5),
		strings.TrimSuffix(valid, "\n"),
		"",
		header + "\n",
		header + "\n" + strings.Repeat("\n", 5000),
		header + "\n" + frameLine("0", "null") + "\n" + frameLine("0", "null") + "\n",
		header + "\n" + frameLine("0", "null") + "\n" + `{"t":1,"lm":[[1,2]]}` + "\n",
		valid[:len(valid)/2],
	}
	for _, lim := range []Limits{{}, {MaxFrames: 10}, {MaxBytes: 1 << 16}, {MaxLineBytes: 500}} {
		for k, in := range inputs {
			rec, err := Read(strings.NewReader(in), lim)
			recB, errB := ReadBytes([]byte(in), lim)
			if (err == nil) != (errB == nil) || err != nil && err.Error() != errB.Error() {
				t.Fatalf("input %d, limits %+v: Read: %v; ReadBytes: %v", k, lim, err, errB)
			}
			if err == nil && !reflect.DeepEqual(rec, recB) {
				t.Fatalf("input %d, limits %+v: ReadBytes read other frames than Read", k, lim)
			}
		}
	}
}
