package analysis

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/geom"
)

// AngleRow is one frame of the angle table: the filtered anatomical angles
// of docs/angles.md (degrees, NaN when not measured) with the frame's
// recognised posture and view.
type AngleRow struct {
	Frame   int // index from 0
	T       float64
	Posture stretchwise.Posture
	View    stretchwise.View
	Angles  geom.Angles
}

// AngleTable is the per-frame angle table of an analysis (the CLI's
// --angles).
type AngleTable []AngleRow

// AngleTable returns the per-frame table of the cleaned recording.
func (a *Analysis) AngleTable() AngleTable {
	t := make(AngleTable, len(a.Angles))
	for i := range t {
		t[i] = AngleRow{Frame: i, T: a.Input.Clean.Frames[i].T, Posture: a.Labels[i].Posture, View: a.Labels[i].View, Angles: a.Angles[i]}
	}
	return t
}

// AngleColumns are the CSV columns of an angle table, in order.
var AngleColumns = []string{
	"frame", "t", "posture", "view",
	"knee_flexion_left", "knee_flexion_right", "hip_flexion_left", "hip_flexion_right",
	"thigh_elevation_left", "thigh_elevation_right", "arm_elevation_left", "arm_elevation_right",
	"leg_elevation_left", "leg_elevation_right", "elbow_flexion_left", "elbow_flexion_right",
	"trunk_from_vertical", "pelvic_roll", "shoulder_roll", "facing", "valid",
}

// WriteCSV writes the table as CSV with a header row of AngleColumns.
// Angles are degrees with three decimals; an angle not measured is an empty
// cell; valid is geom.Angles.Valid, the bit set of measured angles.
func (t AngleTable) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for i, c := range AngleColumns {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString(c)
	}
	bw.WriteByte('\n')
	var b []byte
	for _, r := range t {
		a := &r.Angles
		b = strconv.AppendInt(b[:0], int64(r.Frame), 10)
		b = append(b, ',')
		b = strconv.AppendFloat(b, r.T, 'f', 4, 64)
		b = append(b, ',')
		b = append(b, r.Posture...)
		b = append(b, ',')
		b = append(b, r.View...)
		for _, v := range [...]float64{
			a.KneeFlexion[0], a.KneeFlexion[1], a.HipFlexion[0], a.HipFlexion[1],
			a.ThighElevation[0], a.ThighElevation[1], a.ArmElevation[0], a.ArmElevation[1],
			a.LegElevation[0], a.LegElevation[1], a.ElbowFlexion[0], a.ElbowFlexion[1],
			a.TrunkFromVertical, a.PelvicRoll, a.ShoulderRoll, a.Facing,
		} {
			b = append(b, ',')
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				b = strconv.AppendFloat(b, v, 'f', 3, 64)
			}
		}
		b = append(b, ',')
		b = strconv.AppendUint(b, uint64(a.Valid), 10)
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return fmt.Errorf("write angle table: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write angle table: %w", err)
	}
	return nil
}
