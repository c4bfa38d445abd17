package main

import (
	"context"
	"fmt"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/intake"
	"github.com/stretchwise/stretchwise/library"
	"github.com/stretchwise/stretchwise/plan"
)

// newAnalyzer returns the analyzer the server re-scores uploads with, and
// its name for the log: package analysis with the options the CLI uses, so
// the server's report equals `stretchwise analyze --json` of the same file.
func newAnalyzer() (stretchwise.Analyzer, string) {
	return &analysis.Analyzer{Options: analysis.DefaultOptions}, "analysis " + stretchwise.Version
}

// planner builds plans on the server with package plan, the same code as
// `stretchwise plan`.
type planner struct{ lib *library.Library }

func (p planner) Plan(ctx context.Context, answers stretchwise.Intake, cleared *stretchwise.Clearance, screenings []*stretchwise.Report) (*stretchwise.Plan, error) {
	in, err := intake.Score(answers)
	if err != nil {
		return nil, err
	}
	in.Cleared = cleared
	reports := make([]stretchwise.Report, 0, len(screenings))
	for _, r := range screenings {
		// Only reports the plan can use: an inconclusive or unknown
		// screen is left out rather than failing the plan.
		if plan.CheckScreen(*r) == nil {
			reports = append(reports, *r)
		}
	}
	pl, err := plan.Build(in, reports, p.lib, plan.DefaultConfig())
	if err != nil {
		return nil, fmt.Errorf("build plan: %w", err)
	}
	return &pl, nil
}

// newPlanner returns the plan engine the plans endpoint uses.
func newPlanner() stretchwise.Planner { return planner{lib: library.Default()} }
