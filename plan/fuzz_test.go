package plan_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/intake"
	"github.com/stretchwise/stretchwise/library"
	"github.com/stretchwise/stretchwise/plan"
)

// FuzzDecodeScreen checks that no report makes DecodeScreen or Build panic,
// that every error is a safe-to-show EINVALID, and that an accepted screen
// always yields a plan whose lumbar exercises are locked unless a bird dog
// was judged stable or caution.
func FuzzDecodeScreen(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	lib := library.Default()
	in, err := intake.Decode([]byte(`{"age":40,"red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":2}`))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := plan.DecodeScreen(data)
		if err != nil {
			if stretchwise.ErrorCode(err) != stretchwise.EINVALID {
				t.Fatalf("error %v has code %q", err, stretchwise.ErrorCode(err))
			}
			return
		}
		p, err := plan.Build(in, []stretchwise.Report{rep}, lib, plan.DefaultConfig())
		if err != nil {
			t.Fatalf("Build after DecodeScreen accepted the report: %v", err)
		}
		judged := rep.Exercise == stretchwise.ExerciseBirdDog && (rep.Verdict == stretchwise.VerdictStable || rep.Verdict == stretchwise.VerdictCaution)
		for _, it := range p.Do {
			if e, _ := lib.Exercise(it.Exercise); e.MovesLumbarSpine && !judged {
				t.Fatalf("%s prescribed without a stable or caution bird dog (report %s/%s)", it.Exercise, rep.Exercise, rep.Verdict)
			}
		}
	})
}
