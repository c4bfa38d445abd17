package main

import (
	"context"

	"github.com/stretchwise/stretchwise"
)

// unavailableAnalyzer stands in for the analysis engine until package
// analysis is part of the build: every upload is stored with an
// inconclusive report that says why. It never guesses a verdict.
type unavailableAnalyzer struct{}

func (unavailableAnalyzer) Analyze(ctx context.Context, rec *stretchwise.Recording) (*stretchwise.Report, error) {
	ex, view := rec.Header.Exercise, rec.Header.View
	if ex == "" {
		ex = stretchwise.ExerciseUnknown
	}
	if view == "" {
		view = stretchwise.ViewUnknown
	}
	return &stretchwise.Report{
		Exercise: ex, View: view, Verdict: stretchwise.VerdictInconclusive,
		Measures: []stretchwise.Measure{}, Findings: []stretchwise.Finding{},
		Reasons: []string{"analysis engine not available in this build"},
	}, nil
}

// newAnalyzer returns the analyzer the server re-scores uploads with, and
// its name for the log.
func newAnalyzer() (stretchwise.Analyzer, string) {
	return unavailableAnalyzer{}, "unavailable (package analysis not in this build)"
}

// newPlanner returns the plan engine, or nil while package plan is not in
// the build (the plans endpoint then answers 501).
func newPlanner() stretchwise.Planner { return nil }
