package analysis_test

import (
	"compress/gzip"
	"fmt"
	"log"
	"os"

	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/recording"
)

// Analyze a recording whose header names no exercise and the wrong view:
// the pipeline infers the exercise from the posture and reports the view
// the landmarks show next to the header's.
func ExampleAnalyze() {
	f, err := os.Open("testdata/thomas-left-header-rear-left.jsonl.gz")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		log.Fatal(err)
	}
	rec, err := recording.Read(zr, recording.DefaultLimits)
	if err != nil {
		log.Fatal(err)
	}
	r, err := analysis.Analyze(rec, analysis.DefaultOptions)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("exercise:", r.Exercise, "header:", r.HeaderExercise == "")
	fmt.Println("view:", r.View, "inferred:", r.InferredView)
	for _, p := range r.Postures {
		fmt.Printf("%s from %.1f s to %.1f s\n", p.Posture, p.StartS, p.EndS)
	}
	fmt.Printf("%d frames, %d usable\n", r.Quality.Frames, r.Quality.Usable)
	// Output:
	// exercise: thomas-test header: true
	// view: rear-left inferred: left
	// supine from 0.0 s to 9.0 s
	// 181 frames, 181 usable
}
