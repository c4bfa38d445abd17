package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/intake"
	"github.com/stretchwise/stretchwise/library"
	"github.com/stretchwise/stretchwise/plan"
)

// planCommand builds the explained plan from an intake file and screening
// reports (docs/plan.md).
type planCommand struct{ Env }

func newPlanCommand(env Env) Command { return &planCommand{env} }

const planUsage = `Usage: stretchwise plan [--json] --intake FILE [--screen REPORT.json ...]
`

func (c *planCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("plan", c.Stderr, planUsage)
	asJSON := fs.Bool("json", false, "print the plan as JSON (the contract of docs/plan.md)")
	intakeFile := fs.String("intake", "", "intake JSON `FILE` (required)")
	var screens repeated
	fs.Var(&screens, "screen", "screening report `REPORT.json` from 'stretchwise analyze --json'; repeat it, or list more files after it")
	// Files after a --screen flag are screens too, and flags may follow them.
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	screens = append(screens, pos...)
	if *intakeFile == "" {
		return usageError("--intake FILE is required")
	}

	data, err := os.ReadFile(*intakeFile)
	if err != nil {
		return fmt.Errorf("read intake: %w", err)
	}
	in, err := intake.Decode(data)
	if err != nil {
		return fmt.Errorf("%s: %s", *intakeFile, stretchwise.ErrorMessage(err))
	}
	var reports []stretchwise.Report
	for _, name := range screens {
		data, err := os.ReadFile(name)
		if err != nil {
			return fmt.Errorf("read screen: %w", err)
		}
		rep, err := plan.DecodeScreen(data)
		if err != nil {
			return fmt.Errorf("%s: %s", name, stretchwise.ErrorMessage(err))
		}
		reports = append(reports, rep)
	}
	p, err := plan.Build(in, reports, library.Default(), plan.DefaultConfig())
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(c.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(p)
	}
	return writePlanText(c.Stdout, p)
}

// writePlanText prints the plan for a person to read.
func writePlanText(w io.Writer, p stretchwise.Plan) error {
	var b strings.Builder
	switch p.Action {
	case stretchwise.ActionEmergency:
		b.WriteString("STOP. Seek emergency care now (an emergency department, today). Do no exercise.\n")
	case stretchwise.ActionRefer:
		b.WriteString("See a clinician before you start. This app will not give you exercises until then.\n")
	default:
		b.WriteString("Your plan: exercise, gently.\n")
	}
	if p.NPRS == nil { // an emergency intake may leave out the questionnaires
		b.WriteString("\nQuestionnaires and pain now: not filled in.\n")
	} else {
		fmt.Fprintf(&b, "\nSTarT Back: %d of 9, distress %d of 5, %s risk.  Oswestry: %.1f%% (%s).  Pain now: %d/10.\n",
			p.StartBack.Score, p.StartBack.Distress, p.StartBack.Risk, p.ODI.Percent, p.ODI.Band, *p.NPRS)
	}
	b.WriteString("\nWhy:\n")
	for _, r := range p.Why {
		fmt.Fprintf(&b, "  - %s: %s.\n      Source: %s.\n", capitalize(r.Finding), r.Rule, r.Source)
	}
	if len(p.Do) > 0 {
		b.WriteString("\nDo:\n")
		for _, it := range p.Do {
			fmt.Fprintf(&b, "  %s (%s): %s\n", it.Name, it.Exercise, doseText(it.Dose))
			for _, r := range it.Why {
				fmt.Fprintf(&b, "      because %s: %s.\n", r.Finding, r.Rule)
			}
		}
	}
	if p.Action != stretchwise.ActionExercise {
		fmt.Fprintf(&b, "\nAvoid: every exercise (%d in the library) until then.\n", len(p.Avoid))
	} else if len(p.Avoid) > 0 {
		b.WriteString("\nAvoid:\n")
		for _, it := range p.Avoid {
			fmt.Fprintf(&b, "  %s (%s)\n", it.Name, it.Exercise)
			for _, r := range it.Why {
				fmt.Fprintf(&b, "      because %s: %s.\n", r.Finding, r.Rule)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func doseText(d stretchwise.Dose) string {
	var s string
	if d.HoldS > 0 {
		s = fmt.Sprintf("%d x %d s hold", d.Reps, d.HoldS)
	} else {
		s = fmt.Sprintf("%d slow cycles", d.Reps)
	}
	if d.PerSide {
		if len(d.Sides) > 0 {
			var ss []string
			for _, side := range d.Sides {
				ss = append(ss, string(side))
			}
			s += ", " + strings.Join(ss, " and ") + " side only"
		} else {
			s += " per side"
		}
	}
	return fmt.Sprintf("level %d: %s, %d set a day, %d days a week, %s (at most %d/10)",
		d.Level, s, d.SetsPerDay, d.DaysPerWeek, d.Intensity, d.MaxIntensity)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
