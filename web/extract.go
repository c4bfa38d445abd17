package web

// ExtractStep is where the extraction page is.
type ExtractStep string

// The extraction page's steps.
const (
	ExtractLoading ExtractStep = "loading" // the video and the pose model are loading
	ExtractRunning ExtractStep = "running" // frames are being read
	ExtractDone    ExtractStep = "done"    // the recording is ready in Text
	ExtractError   ExtractStep = "error"   // stopped; Error says why
)

// ExtractSteps lists every ExtractStep.
var ExtractSteps = []ExtractStep{ExtractLoading, ExtractRunning, ExtractDone, ExtractError}

// ExtractState is what the extraction page (web/src/pages/extract.ts)
// exposes on window.stretchwiseExtract and `stretchwise extract` polls;
// the page's TypeScript type of it is generated from this one
// (docs/web.md, "Types from Go").
type ExtractState struct {
	State       ExtractStep `json:"state"`
	Done        int         `json:"done"`  // frames read
	Total       int         `json:"total"` // frames planned
	Detected    int         `json:"detected"`
	FPS         float64     `json:"fps"`
	PoseSeconds float64     `json:"poseSeconds"` // time spent in the pose model, summed over frames
	Seeks       int         `json:"seeks"`       // frames reached by seeking (the rest by playing on)
	Error       string      `json:"error"`
	Text        string      `json:"text"` // the recording as JSON Lines once done
}
