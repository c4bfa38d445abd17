package birddog

import (
	"path/filepath"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/internal/golden"
)

// TestGoldenReports pins the whole JSON report of a few hand-built
// recordings: any change to measures, findings, reasons or advice shows up
// as a diff. Run with -update to accept a deliberate change.
func TestGoldenReports(t *testing.T) {
	tests := []struct {
		name string
		in   func() stretchwise.Report
	}{
		{"rear_stable", func() stretchwise.Report {
			ts, ss := script(2, twoSides([2]float64{1, -1}, [2]float64{0, 0})...)
			return Assess(input(stretchwise.ViewRear, rearPose, ts, ss, 0.002, 11), DefaultConfig)
		}},
		{"rear_unstable_left", func() stretchwise.Report {
			ts, ss := script(2, twoSides([2]float64{13, 0}, [2]float64{-6, 0})...)
			return Assess(input(stretchwise.ViewRear, rearPose, ts, ss, 0.002, 12), DefaultConfig)
		}},
		{"left_view_leg_high", func() stretchwise.Report {
			ps := twoSides([2]float64{}, [2]float64{})
			for i := range ps {
				ps[i].legHigh = 18
				ps[i].hold = 3
			}
			ts, ss := script(2, ps...)
			return Assess(input(stretchwise.ViewLeft, leftPose, ts, ss, 0.002, 13), DefaultConfig)
		}},
		{"rear_no_reach", func() stretchwise.Report {
			ts, ss := script(10)
			return Assess(input(stretchwise.ViewRear, rearPose, ts, ss, 0.002, 14), DefaultConfig)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			golden.JSON(t, filepath.Join("testdata", tc.name+".golden.json"), tc.in())
		})
	}
}
