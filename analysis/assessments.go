package analysis

// The assessments the analysis runs. Each package registers its assessment
// with package assess from an init function; adding an exercise adds its
// package here (docs/adding-an-exercise.md).
import (
	_ "github.com/stretchwise/stretchwise/assess/birddog"
	_ "github.com/stretchwise/stretchwise/assess/kneel"
	_ "github.com/stretchwise/stretchwise/assess/thomas"
)
