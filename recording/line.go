package recording

import "github.com/stretchwise/stretchwise"

// FrameLine is a frame line of the format as JSON (docs/recording-format.md):
// the time, the image landmarks ([x, y, z, visibility] each, null when no
// person was found) and the world landmarks when given. Writer writes it
// by hand for speed and the reader parses it by hand; this type says the
// same for the web app's recorder, whose TypeScript type is generated from
// it (TestFrameLineIsWhatWriterWrites holds it to Writer).
type FrameLine struct {
	T     float64                               `json:"t"`
	LM    *[stretchwise.NumLandmarks][4]float64 `json:"lm"`
	World *[stretchwise.NumLandmarks][4]float64 `json:"world,omitempty"`
}
