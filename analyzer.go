package stretchwise

import (
	"context"
	"encoding/json"
)

// Analyzer scores a recording. The server re-scores every uploaded
// recording with the one main injects, so the stored report is always the
// server's.
type Analyzer interface {
	Analyze(ctx context.Context, rec *Recording) (*Report, error)
}

// Planner builds the explained plan from intake answers (the JSON of the
// plan CLI contract), the person's clearance of that intake's refer red
// flags (nil when none) and screening reports, and returns it as JSON.
// main wires the plan package behind it.
type Planner interface {
	Plan(ctx context.Context, intake json.RawMessage, cleared *Clearance, screenings []*Report) (json.RawMessage, error)
}
