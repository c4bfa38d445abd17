package recording

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateSeeds = flag.Bool("update-seeds", false, "rewrite the fuzz seed corpora in testdata/fuzz")

// seedInputs returns the seed inputs of each fuzz target: the valid and
// malformed cases of the unit tests, so fuzzing starts from every shape of
// input the tests know.
func seedInputs(t *testing.T) map[string][][]byte {
	seeds := map[string][][]byte{}
	add := func(target string, in ...string) {
		for _, s := range in {
			seeds[target] = append(seeds[target], []byte(s))
		}
	}
	for _, c := range readAcceptCases() {
		add("FuzzRead", c.in)
	}
	for _, c := range readRejectCases() {
		if len(c.in) < 64<<10 {
			add("FuzzRead", c.in)
		}
	}
	for _, c := range readAcceptCases() {
		if lines := strings.Split(c.in, "\n"); len(lines) > 1 {
			add("FuzzFrameLine", lines[1])
		}
	}
	add("FuzzFrameLine", `{"t":0,"lm":`+withLandmark(3, "[0,NaN,0,1]")+`}`, `{"t":-0,"lm":null}`, `{"t":1E+2,"lm":null,"x":[{}]}`)

	// Short CSV seeds: a whole written recording (10 KB) makes the fuzzer
	// spend its time minimizing instead of exploring.
	add("FuzzImportCSV", "frame,t,landmark,x,y,z,visibility,world_x,world_y,world_z,world_visibility\n"+
		"0,0,nose,0.5,0.25,-0.1,0.9,0.01,-0.6,-0.2,0.9\n0,0,left_hip,0.45,0.6,0,0.8,0.1,0,0,0.8\n"+
		"1,0.033,,,,,,,,,\n2,0.067,23,0.45,0.6,0,0.8,,,,\n",
		"label,nose_x,nose_y,nose_z,nose_v,left_hip_x,left_hip_y,left_hip_z,left_hip_v\nC,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8\n",
		"\uFEFFframe,t,landmark,x,y,z,visibility\r\n0,0,nose,0.5,0.25,0,1\r\n1,0.5,,,,,\r\n",
		"frame,t,landmark,x,y\n0,0,no\"se,1,1\n", "frame,t,landmark,x,y\n0,1,nose,1,1\n1,0.5,nose,1,1\n")

	var trcBuf bytes.Buffer
	if err := WriteTRC(&trcBuf, randomRecording(31, 2), TRCOptions{}); err != nil {
		t.Fatal(err)
	}
	add("FuzzParseTRC", trcBuf.String(), strings.Replace(trcBuf.String(), "\t33\t", "\t2\t", 1))

	obj := mpLandmarks("object", 0.1, true)
	add("FuzzImportMediaPipeJSON", "["+obj+","+obj+"]", "["+mpLandmarks("array", 0.1, false)+"]",
		`{"fps":30,"frames":[{"t":0,"pose_landmarks":{"landmark":`+obj+`}},{"t":0.25,"pose_landmarks":null}]}`,
		`[{"timestampMs":0,"landmarks":[`+obj+`],"worldLandmarks":[`+mpLandmarks("array", 0, false)+`]},{"timestampMs":40,"landmarks":[],"worldLandmarks":[]}]`,
		`[[{"score":0.9,"keypoints":`+mpLandmarks("tfjs", 0.1, true)+`}],[]]`, "["+obj[:200])
	add("FuzzImportKERAAL", `{"positions":{"1.0":{"Nose":[0.5,0.5,-0.1],"Left_hip":[0.4,0.6,0]},"2.0":{}}}`,
		`{"positions":{"1.0":{"Nose":[0.4,0.5],"Neck":[0.4,0.55],"rShoulder":[0.39,0.55]},"3.0":{"lAnkle":[0.4,0.9]}}}`)
	coco := body25Person(300, 5)[:54]
	add("FuzzImportOpenPose", openPoseJSON(body25Person(300, 5), body25Person(20, 2)), openPoseJSON(coco), `{"version":1.3,"people":[]}`,
		`{"people":[{"pose_keypoints_2d":[1,2,"3"]}]}`)
	return seeds
}

// TestUpdateFuzzSeeds rewrites testdata/fuzz/FuzzX/ from seedInputs when
// run with -update-seeds, in the corpus format go test -fuzz reads.
func TestUpdateFuzzSeeds(t *testing.T) {
	if !*updateSeeds {
		t.Skip("run with -update-seeds to rewrite testdata/fuzz")
	}
	for target, inputs := range seedInputs(t) {
		dir := filepath.Join("testdata", "fuzz", target)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, in := range inputs {
			sum := sha256.Sum256(in)
			name := filepath.Join(dir, fmt.Sprintf("seed-%x", sum[:8]))
			data := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", in)
			if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
