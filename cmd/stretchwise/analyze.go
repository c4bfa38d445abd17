package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
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

// videoExts are file extensions taken for videos, which analyze cannot
// read directly.
var videoExts = map[string]bool{".mp4": true, ".webm": true, ".mov": true, ".mkv": true, ".avi": true}

func (c *analyzeCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	asJSON := fs.Bool("json", false, "print the JSON report of RECORDING.md instead of text")
	anglesOut := fs.String("angles", "", "write the filtered per-frame angle table to `FILE.csv` (one input only)")
	exercise := fs.String("exercise", "", "analyse as this exercise (bird-dog, thomas-test, half-kneeling-hip-flexor), whatever the header says")
	view := fs.String("view", "", "take this camera view ("+viewNames()+"), whatever the header says")
	gate := fs.Float64("gate", analysis.DefaultOptions.Gate, "landmark visibility (0..1) below which a landmark is not used")
	fs.Usage = func() {
		fmt.Fprintln(c.Stderr, "Usage: stretchwise analyze [flags] FILE...")
		fmt.Fprintln(c.Stderr, "\nAnalyses landmark recordings (RECORDING.md's JSON Lines) and prints a report: the")
		fmt.Fprintln(c.Stderr, "exercise, the camera view, the verdict, measures, findings, reasons and frame quality.")
		fmt.Fprintln(c.Stderr, "With several files each is analysed; the exit status is non-zero if any failed.")
		fmt.Fprintln(c.Stderr, "With --json and several files, each line is {\"file\":...,\"report\":{...}} or {\"file\":...,\"error\":...}.")
		fmt.Fprintln(c.Stderr, "Videos need 'stretchwise extract VIDEO -o REC.jsonl' first.")
		fmt.Fprintln(c.Stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError("%v", err)
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
		a, err := c.analyzeFile(name, opt)
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
func (c *analyzeCommand) analyzeFile(name string, opt analysis.Options) (*analysis.Analysis, error) {
	if videoExts[strings.ToLower(filepath.Ext(name))] {
		return nil, fmt.Errorf("%s: this is a video; video analysis needs 'stretchwise extract' first: stretchwise extract %s -o REC.jsonl, then stretchwise analyze REC.jsonl", name, name)
	}
	var r io.Reader = c.Stdin
	if name != "-" {
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
