package recording

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/stretchwise/stretchwise"
)

// TRC coordinate spaces for TRCOptions.Space.
const (
	SpaceAuto  = ""      // world when every detected frame has world landmarks, else image
	SpaceWorld = "world" // MediaPipe world landmarks, metres
	SpaceImage = "image" // image landmarks scaled to metres (see TRCOptions.ImageHeightM)
)

// DefaultImageHeightM is the height in metres the image is scaled to when
// image landmarks are exported to TRC. Our choice, because a standing adult
// filling the frame then comes out about life size; the value is arbitrary
// and TRC files from image landmarks only carry shape, not true lengths.
const DefaultImageHeightM = 2.0

// TRCOptions choose what WriteTRC writes.
type TRCOptions struct {
	// Space is SpaceAuto, SpaceWorld or SpaceImage.
	Space string
	// Units is "m" (default) or "mm".
	Units string
	// MinVisibility: a marker whose visibility is below it, or 0, is written
	// as blank (missing) cells. Default 0: only landmarks the source lacks
	// are blank.
	MinVisibility float64
	// ImageHeightM is the image height in metres for SpaceImage; 0 means
	// DefaultImageHeightM.
	ImageHeightM float64
	// FileName goes into the first line of the file, as TRC files do.
	FileName string
}

// WriteTRC writes rec as an OpenSim TRC marker file (PathFileType 4, X/Y/Z),
// one marker per blazepose33 landmark named as MediaPipe names it. OpenSim
// expects Y up in a right-handed frame; MediaPipe has y down and z smaller
// toward the camera, so a point (x, y, z) becomes (x, -y, -z): a rotation by
// 180 degrees about x that keeps the handedness. World landmarks are metres as they are; image landmarks are
// scaled so the image is ImageHeightM high: (x*aspect*H, (1-y)*H,
// -z*aspect*H) with MediaPipe's z on the scale of x. Frames without a
// person and markers below MinVisibility are blank cells, which OpenSim
// reads as missing. DataRate is the header fps, or else the mean rate of
// the timestamps; the Time column is each frame's t.
func WriteTRC(w io.Writer, rec *stretchwise.Recording, opt TRCOptions) error {
	if err := Validate(rec); err != nil {
		return err
	}
	allWorld := true
	for i := range rec.Frames {
		if f := &rec.Frames[i]; f.Detected && !f.HasWorld {
			allWorld = false
		}
	}
	space := opt.Space
	switch space {
	case SpaceAuto:
		space = SpaceImage
		if allWorld {
			space = SpaceWorld
		}
	case SpaceWorld:
		if !allWorld {
			return invalidf("trc: world landmarks requested but some frames with a person have none")
		}
	case SpaceImage:
	default:
		return invalidf("trc: space: got %q, want %q or %q", clip(opt.Space), SpaceWorld, SpaceImage)
	}
	scale := 1.0 // metres to output units
	units := opt.Units
	switch units {
	case "", "m":
		units = "m"
	case "mm":
		scale = 1000
	default:
		return invalidf("trc: units: got %q, want m or mm", clip(opt.Units))
	}
	if opt.MinVisibility < 0 || opt.MinVisibility > 1 {
		return invalidf("trc: minimum visibility %v outside 0..1", opt.MinVisibility)
	}
	hm := opt.ImageHeightM
	if hm == 0 {
		hm = DefaultImageHeightM
	}
	if !(hm > 0) || math.IsInf(hm, 0) {
		return invalidf("trc: image height %v m is not a positive length", hm)
	}
	name := opt.FileName
	if name == "" {
		name = "recording.trc"
	}
	name = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, name)

	n := len(rec.Frames)
	rate := rec.Header.FPS
	if rate == 0 && n > 1 {
		rate = float64(n-1) / rec.Duration()
	}
	if rate == 0 {
		rate = 1 // one frame: any rate describes it
	}
	bw := bufio.NewWriter(w)
	rs := strconv.FormatFloat(rate, 'g', -1, 64)
	fmt.Fprintf(bw, "PathFileType\t4\t(X/Y/Z)\t%s\n", name)
	fmt.Fprintf(bw, "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\tOrigNumFrames\n")
	fmt.Fprintf(bw, "%s\t%s\t%d\t%d\t%s\t%s\t1\t%d\n", rs, rs, n, stretchwise.NumLandmarks, units, rs, n)
	bw.WriteString("Frame#\tTime")
	for _, m := range stretchwise.LandmarkNames {
		bw.WriteString("\t" + m + "\t\t")
	}
	bw.WriteString("\n\t")
	for i := 1; i <= stretchwise.NumLandmarks; i++ {
		fmt.Fprintf(bw, "\tX%d\tY%d\tZ%d", i, i, i)
	}
	bw.WriteString("\n\n")

	aspect := rec.Header.Aspect()
	var b []byte
	for fi := range rec.Frames {
		f := &rec.Frames[fi]
		b = strconv.AppendInt(b[:0], int64(fi+1), 10)
		b = append(b, '\t')
		b = strconv.AppendFloat(b, f.T, 'g', -1, 64)
		p := &f.Image
		if space == SpaceWorld {
			p = &f.World
		}
		for i := range p {
			l := &p[i]
			if !f.Detected || l.Visibility == 0 || l.Visibility < opt.MinVisibility {
				b = append(b, "\t\t\t"...)
				continue
			}
			var x, y, z float64
			if space == SpaceWorld {
				x, y, z = l.X, -l.Y, -l.Z
			} else {
				x, y, z = l.X*aspect*hm, (1-l.Y)*hm, -l.Z*aspect*hm
			}
			for _, v := range [3]float64{x * scale, y * scale, z * scale} {
				if v == 0 {
					v = 0 // no "-0" from negating a zero depth
				}
				b = append(b, '\t')
				b = strconv.AppendFloat(b, v, 'g', -1, 64)
			}
		}
		// A trailing tab, as OpenSim's own writer puts: OpenSim 4's reader
		// drops the empty cell after the last tab, so without it a row whose
		// last marker is missing would be one cell short.
		b = append(b, "\t\n"...)
		bw.Write(b)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write trc: %w", err)
	}
	return nil
}

// maxTRCMarkers bounds the markers ParseTRC accepts. Our choice, because
// marker sets have tens to a few hundred markers, and the bound keeps the
// memory of a parsed row proportional to its text.
const maxTRCMarkers = 1000

// TRC is the content of a TRC marker file.
type TRC struct {
	DataRate float64 // frames per second
	Units    string  // "m" or "mm"
	Markers  []string
	Frames   []TRCFrame
}

// TRCFrame is one row of a TRC file. Pos has one entry per marker; missing
// markers are NaN in all three coordinates.
type TRCFrame struct {
	Frame int
	T     float64 // seconds
	Pos   [][3]float64
}

// ParseTRC reads a TRC marker file (PathFileType 4, the layout WriteTRC
// writes and OpenSim reads). Blank lines after the column rows are skipped;
// blank cells are missing markers.
func ParseTRC(r io.Reader, lim Limits) (*TRC, error) {
	lim = lim.orDefault()
	sc := bufio.NewScanner(newLineLimitReader(r, lim))
	sc.Buffer(make([]byte, 64<<10), lim.MaxLineBytes+2)
	line := 0
	next := func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		line++
		return strings.TrimRight(strings.TrimPrefix(sc.Text(), "\uFEFF"), "\r"), true
	}
	var hdr [5]string
	for i := range hdr {
		s, ok := next()
		if !ok {
			if err := scanError(sc.Err()); err != nil {
				return nil, err
			}
			return nil, invalidf("line %d: trc: the file ends inside the header (5 lines expected)", line+1)
		}
		hdr[i] = s
	}
	if !strings.HasPrefix(hdr[0], "PathFileType") {
		return nil, invalidf("line 1: trc: does not start with PathFileType")
	}
	keys, vals := strings.Split(hdr[1], "\t"), strings.Split(hdr[2], "\t")
	if len(keys) != len(vals) {
		return nil, invalidf("line 3: trc: %d values for %d header keys", len(vals), len(keys))
	}
	t := &TRC{}
	numMarkers, numFrames := -1, -1
	for i, k := range keys {
		v := strings.TrimSpace(vals[i])
		switch strings.TrimSpace(k) {
		case "DataRate":
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || !(f > 0) || math.IsInf(f, 0) {
				return nil, invalidf("line 3: trc: DataRate: %q is not a positive number", clip(v))
			}
			t.DataRate = f
		case "Units":
			t.Units = v
		case "NumMarkers", "NumFrames":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return nil, invalidf("line 3: trc: %s: %q is not a count", k, clip(v))
			}
			if k == "NumMarkers" {
				numMarkers = n
			} else {
				numFrames = n
			}
		}
	}
	if numMarkers < 0 || numFrames < 0 {
		return nil, invalidf("line 2: trc: NumMarkers or NumFrames missing")
	}
	if numMarkers > maxTRCMarkers {
		return nil, tooLargef("line 3: trc: %d markers, more than the limit of %d", numMarkers, maxTRCMarkers)
	}
	if numFrames > lim.MaxFrames {
		return nil, tooLargef("line 3: trc: %d frames, more than the limit of %d", numFrames, lim.MaxFrames)
	}
	names := strings.Split(hdr[3], "\t")
	if len(names) < 2 || names[0] != "Frame#" || names[1] != "Time" {
		return nil, invalidf("line 4: trc: want the columns Frame# and Time first")
	}
	for _, n := range names[2:] {
		if n = strings.TrimSpace(n); n != "" {
			t.Markers = append(t.Markers, n)
		}
	}
	if len(t.Markers) != numMarkers {
		return nil, invalidf("line 4: trc: %d marker names, NumMarkers says %d", len(t.Markers), numMarkers)
	}
	want := 2 + 3*numMarkers
	for {
		s, ok := next()
		if !ok {
			break
		}
		if strings.TrimSpace(s) == "" {
			continue
		}
		cells := strings.Split(s, "\t")
		if len(cells) < 2 || len(cells) > want+1 { // some writers end rows with a tab
			return nil, invalidf("line %d: trc: %d cells, want %d", line, len(cells), want)
		}
		if len(t.Frames) >= numFrames {
			return nil, invalidf("line %d: trc: more frames than NumFrames (%d)", line, numFrames)
		}
		fn, err := strconv.Atoi(strings.TrimSpace(cells[0]))
		if err != nil {
			return nil, invalidf("line %d: trc: Frame#: %q is not a frame number", line, clip(cells[0]))
		}
		ft, err := strconv.ParseFloat(strings.TrimSpace(cells[1]), 64)
		if err != nil || math.IsNaN(ft) || math.IsInf(ft, 0) {
			return nil, invalidf("line %d: trc: Time: %q is not a finite number", line, clip(cells[1]))
		}
		fr := TRCFrame{Frame: fn, T: ft, Pos: make([][3]float64, numMarkers)}
		for m := range fr.Pos {
			for k := range 3 {
				c := 2 + 3*m + k
				v := math.NaN()
				if c < len(cells) && strings.TrimSpace(cells[c]) != "" {
					v, err = strconv.ParseFloat(strings.TrimSpace(cells[c]), 64)
					if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
						return nil, invalidf("line %d: trc: %s %c: %q is not a finite number", line, t.Markers[m], "XYZ"[k], clip(cells[c]))
					}
				}
				fr.Pos[m][k] = v
			}
		}
		t.Frames = append(t.Frames, fr)
	}
	if err := scanError(sc.Err()); err != nil {
		return nil, err
	}
	if len(t.Frames) != numFrames {
		return nil, invalidf("line %d: trc: %d frames, NumFrames says %d (truncated?)", line, len(t.Frames), numFrames)
	}
	return t, nil
}

// scanError returns the domain error inside a scanner error, or wraps it.
func scanError(err error) error {
	if err == nil {
		return nil
	}
	if de, ok := err.(*stretchwise.Error); ok {
		return de
	}
	if err == bufio.ErrTooLong {
		return tooLargef("trc: a line is longer than the line limit")
	}
	return fmt.Errorf("read trc: %w", err)
}
