package stretchwise

import "context"

// Analyzer scores a recording. The server re-scores every uploaded
// recording with the one main injects, so the stored report is always the
// server's.
type Analyzer interface {
	Analyze(ctx context.Context, rec *Recording) (*Report, error)
}

// Planner builds the explained plan from a validated intake, the person's
// clearance of that intake's refer red flags (nil when none) and screening
// reports. main wires the plan package behind it.
type Planner interface {
	Plan(ctx context.Context, intake Intake, cleared *Clearance, screenings []*Report) (*Plan, error)
}
