package recording

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/stretchwise/stretchwise"
)

// WriteCSV writes rec in the long CSV layout, one row per landmark:
//
//	frame,t,landmark,x,y,z,visibility[,world_x,world_y,world_z,world_visibility]
//
// frame counts from 0, t is in seconds and landmark is the MediaPipe name.
// The world columns are present when any frame has world landmarks; they are
// empty in frames without. A frame without a person is one row with an
// empty landmark and empty coordinates. The header fields (image size, fps,
// view, exercise) are not in the CSV; ImportCSV takes them as options.
func WriteCSV(w io.Writer, rec *stretchwise.Recording) error {
	if err := Validate(rec); err != nil {
		return err
	}
	world := false
	for i := range rec.Frames {
		world = world || rec.Frames[i].HasWorld
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("frame,t,landmark,x,y,z,visibility")
	if world {
		bw.WriteString(",world_x,world_y,world_z,world_visibility")
	}
	bw.WriteString("\n")
	var b []byte
	for fi := range rec.Frames {
		f := &rec.Frames[fi]
		prefix := strconv.AppendInt(b[:0], int64(fi), 10)
		prefix = append(prefix, ',')
		prefix = strconv.AppendFloat(prefix, f.T, 'g', -1, 64)
		prefix = append(prefix, ',')
		if !f.Detected {
			b = append(prefix, ",,,,"...)
			if world {
				b = append(b, ",,,,"...)
			}
			b = append(b, '\n')
			bw.Write(b)
			continue
		}
		for i := range f.Image {
			b = append(prefix, stretchwise.LandmarkNames[i]...)
			b = appendCSVLandmark(b, &f.Image[i])
			if f.HasWorld {
				b = appendCSVLandmark(b, &f.World[i])
			} else if world {
				b = append(b, ",,,,"...)
			}
			b = append(b, '\n')
			bw.Write(b)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// appendCSVLandmark appends ",x,y,z,v".
func appendCSVLandmark(b []byte, l *stretchwise.Landmark) []byte {
	for _, v := range [4]float64{l.X, l.Y, l.Z, l.Visibility} {
		b = append(b, ',')
		b = strconv.AppendFloat(b, v, 'g', -1, 64)
	}
	return b
}

// csvColumns locates the columns ImportCSV understands; -1 means absent.
type csvColumns struct {
	frame, t, landmark, x, y, z, vis, wx, wy, wz, wvis int
}

// ImportCSV reads landmarks from CSV with a header row. Two layouts are
// understood (see docs/recording-format.md):
//
//   - long, one row per landmark: columns landmark, x, y and t or frame;
//     optional z, visibility and world_x, world_y, world_z,
//     world_visibility. landmark is an index 0..32 or a MediaPipe name;
//     rows of one frame are consecutive; an empty landmark means no person.
//   - wide, one row per frame: columns NAME_x and NAME_y for MediaPipe
//     landmark names, optional NAME_z and NAME_v (or NAME_visibility), and
//     t (or time) or else frame n at t = n/FPS.
//
// Other columns are ignored. Coordinates are normalized image coordinates.
// A missing visibility column means visibility 1; landmarks a frame lacks get
// visibility 0.
func ImportCSV(r io.Reader, opt ImportOptions) (*stretchwise.Recording, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	lr := newLineLimitReader(r, opt.Limits)
	cr := csv.NewReader(lr)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	names, err := cr.Read()
	if err == io.EOF {
		return nil, invalidf("line 1: empty CSV: the header row is missing")
	} else if err != nil {
		return nil, csvError(err)
	}
	cols := make(map[string]int, len(names))
	for i, n := range names {
		n = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(n, "\uFEFF")))
		if _, dup := cols[n]; !dup {
			cols[n] = i
		}
	}
	col := func(names ...string) int {
		for _, n := range names {
			if i, ok := cols[n]; ok {
				return i
			}
		}
		return -1
	}
	rec := &stretchwise.Recording{Header: opt.header("csv")}
	if col("landmark") >= 0 {
		c := csvColumns{
			frame: col("frame"), t: col("t", "time", "timestamp"), landmark: col("landmark"),
			x: col("x"), y: col("y"), z: col("z"), vis: col("visibility", "v", "score"),
			wx: col("world_x"), wy: col("world_y"), wz: col("world_z"), wvis: col("world_visibility"),
		}
		err = importLongCSV(cr, c, opt, rec)
	} else {
		err = importWideCSV(cr, cols, col("t", "time", "timestamp"), opt, rec)
	}
	if err != nil {
		return nil, err
	}
	return finish(rec, opt.Limits)
}

// csvError turns a csv or limit error into a domain error naming the line.
func csvError(err error) error {
	var de *stretchwise.Error
	if errors.As(err, &de) {
		return de
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return invalidf("line %d: column %d: %v", pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("read csv: %w", err)
}

// nextRow returns the next row that is not blank and its line number; at
// the end, io.EOF.
func nextRow(cr *csv.Reader) (row []string, line int, err error) {
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return nil, 0, err
		} else if err != nil {
			return nil, 0, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if len(row) != 1 || strings.TrimSpace(row[0]) != "" {
			return row, line, nil
		}
	}
}

// csvFloat parses field i of row as a finite number; empty gives def.
func csvFloat(row []string, i int, name string, line int, def float64) (float64, error) {
	if i < 0 || i >= len(row) || strings.TrimSpace(row[i]) == "" {
		return def, nil
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(row[i]), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, invalidf("line %d: %s: %q is not a finite number", line, name, clip(row[i]))
	}
	return v, nil
}

// frameTime returns t from the t column, or frame/FPS.
func frameTime(row []string, tCol, frameCol int, opt *ImportOptions, line int) (float64, error) {
	if tCol >= 0 {
		if tCol >= len(row) || strings.TrimSpace(row[tCol]) == "" {
			return 0, invalidf("line %d: t: missing", line)
		}
		return csvFloat(row, tCol, "t", line, 0)
	}
	if opt.FPS <= 0 {
		return 0, invalidf("line %d: the CSV has no t column, so the frame rate (fps) is needed", line)
	}
	n, err := csvFloat(row, frameCol, "frame", line, math.NaN())
	if err != nil {
		return 0, err
	}
	if math.IsNaN(n) {
		return 0, invalidf("line %d: frame: missing", line)
	}
	return n / opt.FPS, nil
}

// importLongCSV reads the one-row-per-landmark layout.
func importLongCSV(cr *csv.Reader, c csvColumns, opt ImportOptions, rec *stretchwise.Recording) error {
	for _, req := range []struct {
		i    int
		name string
	}{{c.x, "x"}, {c.y, "y"}} {
		if req.i < 0 {
			return invalidf("line 1: column %s: missing", req.name)
		}
	}
	if c.t < 0 && c.frame < 0 {
		return invalidf("line 1: column t (or frame): missing")
	}
	maxFrames := opt.Limits.orDefault().MaxFrames
	var cur *stretchwise.Frame
	var curKey string
	seen := [stretchwise.NumLandmarks]bool{}
	for {
		row, line, err := nextRow(cr)
		if err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		keyCol := c.frame
		if keyCol < 0 {
			keyCol = c.t
		}
		if keyCol >= len(row) {
			return invalidf("line %d: has %d fields, too few", line, len(row))
		}
		if key := strings.TrimSpace(row[keyCol]); cur == nil || key != curKey {
			t, err := frameTime(row, c.t, c.frame, &opt, line)
			if err != nil {
				return err
			}
			if len(rec.Frames) >= maxFrames {
				return tooLargef("line %d: more than %d frames (the frame limit)", line, maxFrames)
			}
			rec.Frames = append(rec.Frames, stretchwise.Frame{T: t})
			cur, curKey = &rec.Frames[len(rec.Frames)-1], key
			seen = [stretchwise.NumLandmarks]bool{}
		}
		name := ""
		if c.landmark < len(row) {
			name = strings.TrimSpace(row[c.landmark])
		}
		if name == "" {
			continue // a frame without a person
		}
		idx, ok := lookupLandmark(name)
		if !ok {
			n, err := strconv.Atoi(name)
			if err != nil || n < 0 || n >= stretchwise.NumLandmarks {
				return invalidf("line %d: landmark: %q is neither an index 0..32 nor a MediaPipe landmark name", line, clip(name))
			}
			idx = n
		}
		if seen[idx] {
			return invalidf("line %d: landmark: %s appears twice in one frame", line, stretchwise.LandmarkNames[idx])
		}
		seen[idx] = true
		l, err := csvLandmark(row, c.x, c.y, c.z, c.vis, "", line)
		if err != nil {
			return err
		}
		cur.Detected = true
		cur.Image[idx] = l
		if c.wx >= 0 && c.wx < len(row) && strings.TrimSpace(row[c.wx]) != "" {
			w, err := csvLandmark(row, c.wx, c.wy, c.wz, c.wvis, "world_", line)
			if err != nil {
				return err
			}
			cur.HasWorld = true
			cur.World[idx] = w
		}
	}
}

// csvLandmark reads one landmark from the given columns; x and y are
// required, z defaults to 0 and visibility to 1.
func csvLandmark(row []string, xi, yi, zi, vi int, prefix string, line int) (stretchwise.Landmark, error) {
	var l stretchwise.Landmark
	var err error
	for _, f := range []struct {
		i    int
		name string
		dst  *float64
		def  float64
	}{{xi, "x", &l.X, math.NaN()}, {yi, "y", &l.Y, math.NaN()}, {zi, "z", &l.Z, 0}, {vi, "visibility", &l.Visibility, 1}} {
		if *f.dst, err = csvFloat(row, f.i, prefix+f.name, line, f.def); err != nil {
			return l, err
		}
		if math.IsNaN(*f.dst) {
			return l, invalidf("line %d: %s%s: missing", line, prefix, f.name)
		}
	}
	if l.Visibility < 0 || l.Visibility > 1 {
		return l, invalidf("line %d: %svisibility: %v outside 0..1", line, prefix, l.Visibility)
	}
	return l, nil
}

// importWideCSV reads the one-row-per-frame layout (NAME_x, NAME_y, ...).
func importWideCSV(cr *csv.Reader, cols map[string]int, tCol int, opt ImportOptions, rec *stretchwise.Recording) error {
	type lmCols struct{ x, y, z, v int }
	var lc [stretchwise.NumLandmarks]lmCols
	found := 0
	for i, n := range stretchwise.LandmarkNames {
		get := func(suffixes ...string) int {
			for _, s := range suffixes {
				if c, ok := cols[n+s]; ok {
					return c
				}
			}
			return -1
		}
		lc[i] = lmCols{get("_x"), get("_y"), get("_z"), get("_v", "_visibility")}
		if lc[i].x >= 0 && lc[i].y >= 0 {
			found++
		} else if lc[i].x >= 0 || lc[i].y >= 0 {
			return invalidf("line 1: landmark %s has only one of the columns %s_x and %s_y", n, n, n)
		}
	}
	if found == 0 {
		return invalidf("line 1: not a landmark CSV: no landmark column (want a landmark column, or NAME_x and NAME_y columns for MediaPipe landmark names)")
	}
	if tCol < 0 && opt.FPS <= 0 {
		return invalidf("line 1: the CSV has no t column, so the frame rate (fps) is needed")
	}
	maxFrames := opt.Limits.orDefault().MaxFrames
	for n := 0; ; n++ {
		row, line, err := nextRow(cr)
		if err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		if len(rec.Frames) >= maxFrames {
			return tooLargef("line %d: more than %d frames (the frame limit)", line, maxFrames)
		}
		f := stretchwise.Frame{T: float64(n) / opt.FPS, Detected: true}
		if tCol >= 0 {
			if f.T, err = frameTime(row, tCol, -1, &opt, line); err != nil {
				return err
			}
		}
		for i, c := range lc {
			if c.x < 0 {
				continue
			}
			name := stretchwise.LandmarkNames[i] + "_"
			if f.Image[i], err = csvLandmark(row, c.x, c.y, c.z, c.v, name, line); err != nil {
				return err
			}
		}
		rec.Frames = append(rec.Frames, f)
	}
}
