package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/recording"
)

// convertCommand converts landmark files between formats: OpenPose JSON
// folders, MediaPipe-style JSON, KERAAL JSON and CSV in; recordings, CSV and
// OpenSim TRC out.
type convertCommand struct{ Env }

func newConvertCommand(env Env) Command { return &convertCommand{env} }

// Input and output format names of the --from and --to flags.
const (
	fmtAuto      = "auto"
	fmtRecording = "recording"
	fmtOpenPose  = "openpose"
	fmtMediaPipe = "mediapipe-json"
	fmtKERAAL    = "keraal"
	fmtCSV       = "csv"
	fmtTRC       = "trc"
)

// sniffBytes is how much of a file convert reads to guess its format.
const sniffBytes = 4096

const convertUsage = `Usage: stretchwise convert [flags] INPUT [-o OUTPUT]

Converts landmarks between formats (docs/recording-format.md). INPUT is a file, - for
standard input, or a folder of OpenPose JSON files. Examples:
  stretchwise convert --from openpose --width 1280 --height 720 --fps 30 DIR -o out.jsonl
  stretchwise convert --width 720 --height 1280 --fps 5 pose.json --world pose3d.json -o out.jsonl
  stretchwise convert rec.jsonl -o rec.trc

Flags:
`

func (c *convertCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("convert", c.Stderr, convertUsage)
	from := fs.String("from", fmtAuto, "input `FORMAT`: auto, recording, openpose (a folder), mediapipe-json, keraal or csv")
	to := fs.String("to", "", "output `FORMAT`: recording, csv or trc (default: from the -o extension, else recording)")
	out := fs.String("o", "-", "output `FILE` (- for standard output)")
	width := fs.Int("width", 0, "image width in `PIXELS` (required unless the input is a recording)")
	height := fs.Int("height", 0, "image height in `PIXELS` (required unless the input is a recording)")
	fps := fs.Float64("fps", 0, "frame rate in frames per second, for inputs without timestamps")
	view := fs.String("view", "", "camera view for the header: front, rear, left, right, front-left, front-right, rear-left, rear-right or unknown")
	exercise := fs.String("exercise", "", "exercise `NAME` for the header (bird-dog, thomas-test, half-kneeling-hip-flexor, ...)")
	source := fs.String("source", "", "source `TEXT` for the header (default: the importer's name)")
	subject := fs.String("subject", "", "subject `TEXT` for the header")
	world := fs.String("world", "", "mediapipe-json: a second `FILE` with the world landmarks (metres), frame by frame")
	units := fs.String("units", "auto", "image coordinates of mediapipe-json, openpose and keraal: auto, normalized or pixels")
	model := fs.String("openpose-model", "auto", "openpose body model: auto, body25, body25b or coco18")
	trcSpace := fs.String("trc-space", "auto", "trc: landmarks to export: auto (world when every frame has them), world or image")
	trcUnits := fs.String("trc-units", "m", "trc: length units, m or mm")
	trcMinVis := fs.Float64("trc-min-visibility", 0, "trc: leave markers below this visibility blank (0..1)")
	trcHeight := fs.Float64("trc-image-height", recording.DefaultImageHeightM, "trc: image height in `METRES` when exporting image landmarks")
	// Flags may follow the input, as in "convert DIR -o out.jsonl".
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(inputs) != 1 {
		return usageError("want one INPUT, got %d (see stretchwise convert -h)", len(inputs))
	}
	input := inputs[0]

	outFormat := *to
	if outFormat == "" {
		switch strings.ToLower(filepath.Ext(*out)) {
		case ".csv":
			outFormat = fmtCSV
		case ".trc":
			outFormat = fmtTRC
		default:
			outFormat = fmtRecording
		}
	}
	switch outFormat {
	case fmtRecording, fmtCSV, fmtTRC:
	default:
		return usageError("--to %q: want recording, csv or trc", outFormat)
	}
	opt := recording.ImportOptions{
		Width: *width, Height: *height, FPS: *fps,
		View: stretchwise.View(*view), Exercise: stretchwise.Exercise(*exercise),
		Source: *source, Subject: *subject,
	}
	if *view != "" && !opt.View.Valid() {
		return usageError("--view %q: want one of %v", *view, stretchwise.Views)
	}
	switch *units {
	case "auto":
	case recording.UnitsNormalized, recording.UnitsPixels:
		opt.Units = *units
	default:
		return usageError("--units %q: want auto, normalized or pixels", *units)
	}
	if *model != "auto" {
		opt.OpenPoseModel = *model
	}

	format := *from
	if format == fmtAuto {
		var err error
		if format, err = c.detect(input); err != nil {
			return err
		}
	}
	if *world != "" && format != fmtMediaPipe {
		return usageError("--world goes with mediapipe-json input, not %s", format)
	}
	rec, err := c.read(input, format, *world, opt)
	if err != nil {
		return userError(input, err)
	}

	space := *trcSpace
	if space == "auto" {
		space = recording.SpaceAuto
	}
	encode := func(w io.Writer) error {
		switch outFormat {
		case fmtCSV:
			return recording.WriteCSV(w, rec)
		case fmtTRC:
			name := filepath.Base(*out)
			if *out == "-" {
				name = "recording.trc"
			}
			return recording.WriteTRC(w, rec, recording.TRCOptions{
				Space: space, Units: *trcUnits, MinVisibility: *trcMinVis, ImageHeightM: *trcHeight, FileName: name,
			})
		}
		return recording.Write(w, rec)
	}
	if err := writeAtomic(*out, c.Stdout, encode); err != nil {
		if stretchwise.ErrorCode(err) == stretchwise.EINTERNAL {
			return fmt.Errorf("write %s: %w", *out, err)
		}
		return userError(*out, err)
	}
	detected := 0
	for i := range rec.Frames {
		if rec.Frames[i].Detected {
			detected++
		}
	}
	fmt.Fprintf(c.Stderr, "%s -> %s (%s): %d frames, %d with a person, %.2f s, %dx%d, source %q\n",
		input, *out, outFormat, len(rec.Frames), detected, rec.Duration(), rec.Header.Width, rec.Header.Height, rec.Header.Source)
	return nil
}

// detect guesses the input format from the path and the first bytes.
func (c *convertCommand) detect(input string) (string, error) {
	if input != "-" {
		st, err := os.Stat(input)
		if err != nil {
			return "", fmt.Errorf("input: %w", err)
		}
		if st.IsDir() {
			return fmtOpenPose, nil
		}
		switch strings.ToLower(filepath.Ext(input)) {
		case ".jsonl", ".ndjson":
			return fmtRecording, nil
		case ".csv":
			return fmtCSV, nil
		case ".trc":
			return "", usageError("%s: TRC is an export format; convert reads recordings, OpenPose, MediaPipe JSON, KERAAL and CSV", input)
		}
	}
	head, err := c.peek(input)
	if err != nil {
		return "", err
	}
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	switch {
	case bytes.Contains(head, []byte(`"stretchwise-recording"`)):
		return fmtRecording, nil
	case bytes.HasPrefix(head, []byte("{")) && bytes.Contains(head, []byte(`"positions"`)):
		return fmtKERAAL, nil
	case bytes.HasPrefix(head, []byte("{")) && bytes.Contains(head, []byte(`"people"`)):
		return "", usageError("%s looks like one OpenPose file: give the folder of per-frame files", input)
	case bytes.HasPrefix(head, []byte("[")) || bytes.HasPrefix(head, []byte("{")):
		return fmtMediaPipe, nil
	case bytes.Contains(head, []byte("landmark")) || bytes.Contains(head, []byte("_x,")):
		return fmtCSV, nil
	}
	return "", usageError("cannot tell the format of %s; give --from", input)
}

// peek returns the first bytes of a file. Standard input cannot be peeked
// and read again, so it needs --from.
func (c *convertCommand) peek(input string) ([]byte, error) {
	if input == "-" {
		return nil, usageError("give --from when reading standard input")
	}
	f, err := os.Open(input)
	if err != nil {
		return nil, fmt.Errorf("input: %w", err)
	}
	defer f.Close()
	buf := make([]byte, sniffBytes)
	n, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, fmt.Errorf("input: %w", err)
	}
	return buf[:n], nil
}

// read imports input in the given format.
func (c *convertCommand) read(input, format, world string, opt recording.ImportOptions) (*stretchwise.Recording, error) {
	if format == fmtOpenPose {
		if input == "-" {
			return nil, usageError("openpose input is a folder, not standard input")
		}
		return recording.ImportOpenPose(os.DirFS(input), ".", opt)
	}
	var r io.Reader = c.Stdin
	if input != "-" {
		f, err := os.Open(input)
		if err != nil {
			return nil, fmt.Errorf("input: %w", err)
		}
		defer f.Close()
		r = f
	}
	r = bufio.NewReaderSize(r, 64<<10)
	switch format {
	case fmtRecording:
		rec, err := recording.Read(r, opt.Limits)
		if err != nil {
			return nil, err
		}
		return overrideHeader(rec, opt)
	case fmtCSV:
		return recording.ImportCSV(r, opt)
	case fmtKERAAL:
		return recording.ImportKERAAL(r, opt)
	case fmtMediaPipe:
		var w io.Reader
		if world != "" {
			f, err := os.Open(world)
			if err != nil {
				return nil, fmt.Errorf("world file: %w", err)
			}
			defer f.Close()
			w = bufio.NewReaderSize(f, 64<<10)
		}
		return recording.ImportMediaPipeJSON(r, w, opt)
	}
	return nil, usageError("--from %q: want auto, recording, openpose, mediapipe-json, keraal or csv", format)
}

// overrideHeader applies the header flags given for a recording input.
func overrideHeader(rec *stretchwise.Recording, opt recording.ImportOptions) (*stretchwise.Recording, error) {
	h := &rec.Header
	if opt.Width != 0 || opt.Height != 0 {
		return nil, usageError("--width and --height come from the recording's header; they cannot be changed")
	}
	if opt.FPS != 0 {
		h.FPS = opt.FPS
	}
	if opt.View != "" {
		h.View = opt.View
	}
	if opt.Exercise != "" {
		h.Exercise = opt.Exercise
	}
	if opt.Source != "" {
		h.Source = opt.Source
	}
	if opt.Subject != "" {
		h.Subject = opt.Subject
	}
	return rec, recording.Validate(rec)
}

// convertError is an error shown as a short message (the safe message of a
// domain error, with the file it is about) that keeps the original error
// in its chain.
type convertError struct {
	msg string
	err error
}

func (e *convertError) Error() string { return e.msg }
func (e *convertError) Unwrap() error { return e.err }

// userError names the file in a domain error's safe message; other errors
// (usage, I/O) pass through.
func userError(name string, err error) error {
	var de *stretchwise.Error
	if !errors.As(err, &de) {
		return err
	}
	if name == "-" {
		name = "standard input"
	}
	return &convertError{msg: fmt.Sprintf("%s: %s", name, de.Message), err: err}
}

// writeAtomic runs encode into a temporary file in the folder of path and
// renames it to path only when encode succeeded, so that an error never
// leaves a half-written file; "-" encodes to stdout. The encoders validate
// the whole recording before writing a byte.
func writeAtomic(path string, stdout io.Writer, encode func(io.Writer) error) error {
	if path == "-" {
		return encode(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	bw := bufio.NewWriterSize(tmp, 64<<10)
	werr := encode(bw)
	if werr == nil {
		werr = bw.Flush()
	}
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return werr
	}
	return nil
}
