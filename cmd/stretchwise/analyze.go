package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/recording"
)

// analyzeCommand analyses recordings and prints their reports.
type analyzeCommand struct{ Env }

func newAnalyzeCommand(env Env) Command { return &analyzeCommand{env} }

// videoExts are file extensions taken for videos: analyze runs them through
// the same extraction as `stretchwise extract` first.
var videoExts = map[string]bool{".mp4": true, ".webm": true, ".mov": true, ".mkv": true, ".avi": true}

const analyzeUsage = `Usage: stretchwise analyze [flags] FILE...

Analyses landmark recordings (stretchwise recordings, JSON Lines) and prints a report: the
exercise, the camera view, the verdict, measures, findings, reasons and frame quality.
With several files each is analysed; the exit status is non-zero if any failed.
With --json and several files, each line is {"file":...,"report":{...}} or {"file":...,"error":...}.
A video file (.mp4, .webm, .mov, .mkv, .avi) is first turned into landmarks with MediaPipe
in headless Chromium, as 'stretchwise extract' does; the video stays on this machine.

Flags:
`

func (c *analyzeCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("analyze", c.Stderr, analyzeUsage)
	asJSON := fs.Bool("json", false, "print the JSON report (docs/contract.md) instead of text")
	anglesOut := fs.String("angles", "", "write the filtered per-frame angle table to `FILE.csv` (one input only)")
	exercise := fs.String("exercise", "", "analyse as this exercise (bird-dog, thomas-test, half-kneeling-hip-flexor), whatever the header says")
	view := fs.String("view", "", "take this camera view ("+viewNames()+"), whatever the header says")
	gate := fs.Float64("gate", analysis.DefaultOptions.Gate, "landmark visibility (0..1) below which a landmark is not used")
	model := fs.String("model", stretchwise.DefaultPoseModel, "pose model for video files: lite or full")
	webDir := fs.String("web", "", "`dir`ectory of the built web app, for video files (default: embedded, else web/dist)")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(files) == 0:
		return usageError("want at least one FILE; see stretchwise analyze -h")
	case *anglesOut != "" && len(files) > 1:
		return usageError("--angles takes one input FILE, got %d", len(files))
	case *view != "" && !stretchwise.View(*view).Valid():
		return usageError("--view %q is not one of %s", *view, viewNames())
	case !(*gate > 0 && *gate <= 1):
		return usageError("--gate must be in (0, 1], got %g", *gate)
	case *model != "lite" && *model != "full":
		return usageError("--model must be lite or full, got %q", *model)
	}
	opt := analysis.DefaultOptions
	opt.Gate = *gate
	opt.Exercise = stretchwise.Exercise(*exercise)
	opt.View = stretchwise.View(*view)

	var failed []string
	for i, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		a, err := c.analyzeFile(ctx, name, opt, videoSettings{model: *model, webDir: *webDir})
		if err == nil && *anglesOut != "" {
			err = writeAngles(*anglesOut, a)
		}
		if err != nil && len(files) == 1 {
			return err
		}
		if err != nil {
			failed = append(failed, name)
			if *asJSON && len(files) > 1 {
				if werr := writeJSONLine(c.Stdout, map[string]any{"file": name, "error": err.Error()}); werr != nil {
					return werr
				}
			}
			fmt.Fprintf(c.Stderr, "stretchwise analyze: %s\n", err)
			continue
		}
		switch {
		case *asJSON && len(files) > 1:
			err = writeJSONLine(c.Stdout, struct {
				File   string              `json:"file"`
				Report *stretchwise.Report `json:"report"`
			}{name, a.Report})
		case *asJSON:
			err = writeJSON(c.Stdout, a.Report)
		default:
			if len(files) > 1 {
				if i > 0 {
					fmt.Fprintln(c.Stdout)
				}
				fmt.Fprintf(c.Stdout, "== %s ==\n", name)
			}
			err = analysis.WriteText(c.Stdout, a.Report)
		}
		if err != nil {
			return fmt.Errorf("write report of %s: %w", name, err)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d files failed: %s", len(failed), len(files), strings.Join(failed, ", "))
	}
	return nil
}

// analyzeFile reads and analyses one recording. Errors name the file and,
// for bad input, the line and field.
func (c *analyzeCommand) analyzeFile(ctx context.Context, name string, opt analysis.Options, vs videoSettings) (*analysis.Analysis, error) {
	var r io.Reader = c.Stdin
	if videoExts[strings.ToLower(filepath.Ext(name))] {
		text, err := c.extract(ctx, name, opt, vs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		r = bytes.NewReader(text)
	} else if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err // the *PathError names the file
		}
		defer f.Close()
		r = f
	}
	rec, err := recording.Read(r, recording.DefaultLimits)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", name, message(err))
	}
	a, err := analysis.Run(rec, opt)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", name, message(err))
	}
	return a, nil
}

// message is the text of err for the user: the safe message of a domain
// error (which names line and field), else the error itself.
func message(err error) string {
	if code := stretchwise.ErrorCode(err); code != stretchwise.EINTERNAL {
		return stretchwise.ErrorMessage(err)
	}
	return err.Error()
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// writeJSONLine writes v as one line of JSON.
func writeJSONLine(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// writeAngles writes the angle table to name atomically: a reader never
// sees a half-written file, and a failure leaves any old file in place.
func writeAngles(name string, a *analysis.Analysis) error {
	var buf bytes.Buffer
	if err := a.AngleTable().WriteCSV(&buf); err != nil {
		return err
	}
	if err := writeFileAtomic(name, buf.Bytes()); err != nil {
		return fmt.Errorf("--angles: %w", err)
	}
	return nil
}

// videoSettings are the flags that matter only for video files.
type videoSettings struct {
	model  string // "lite" or "full"
	webDir string // built web app; "" means embedded or web/dist
}

// extract turns a video into a recording with the extraction of
// `stretchwise extract`, with a progress bar on stderr. The header gets the
// --view and --exercise flags when given.
func (c *analyzeCommand) extract(ctx context.Context, name string, opt analysis.Options, vs videoSettings) ([]byte, error) {
	o := extractOptions{
		Video: name, Model: vs.model, View: stretchwise.ViewUnknown, Exercise: stretchwise.ExerciseUnknown,
		WebDir: vs.webDir, Log: c.Stderr,
	}
	if opt.View != "" {
		o.View = opt.View
	}
	if opt.Exercise != "" {
		o.Exercise = opt.Exercise
	}
	bar := newProgressBar(c.Stderr, "extract "+filepath.Base(name))
	o.Progress = bar.Update
	res, err := extractVideo(ctx, o)
	bar.Finish()
	if err != nil {
		return nil, err
	}
	return res.Recording, nil
}
