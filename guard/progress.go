package guard

import (
	"fmt"
	"sort"
	"time"

	"github.com/stretchwise/stretchwise"
)

// SessionRecord is one past session's held angle: the mean hold angle of its
// sets, in degrees, larger = further into the stretch.
type SessionRecord struct {
	Date     time.Time `json:"date"`
	AngleDeg float64   `json:"angle_deg"`
}

const week = 7 * 24 * time.Hour

// ProgressionLimit returns today's hold-angle cap from past sessions: the
// recent average (last RecentSessions sessions) plus SessionCapDeg, and no
// more than the average of the sessions 7 to 14 days ago plus WeeklyCapDeg
// per week since them. The cap never falls below the recent average: the
// guard holds progress, it does not take back range already reached.
func ProgressionLimit(history []SessionRecord, today time.Time, cfg Config) (stretchwise.GuardLimit, error) {
	if cfg.RecentSessions < 1 {
		return stretchwise.GuardLimit{}, stretchwise.Errorf(stretchwise.EINVALID, "guard: config RecentSessions: %d, want 1 or more", cfg.RecentSessions)
	}
	for i, r := range history {
		if r.Date.After(today) {
			return stretchwise.GuardLimit{}, stretchwise.Errorf(stretchwise.EINVALID, "guard: history[%d].date: %s is after today", i, r.Date.Format(time.DateOnly))
		}
	}
	if len(history) == 0 {
		return stretchwise.GuardLimit{Code: "no_history",
			Message: "first session: no range cap yet; mild tension is the only limit",
			Source:  srcSession}, nil
	}
	h := append([]SessionRecord(nil), history...)
	sort.SliceStable(h, func(i, j int) bool { return h[i].Date.Before(h[j].Date) })
	recent := h[max(0, len(h)-cfg.RecentSessions):]
	var sum float64
	for _, r := range recent {
		sum += r.AngleDeg
	}
	l := stretchwise.GuardLimit{RecentAverage: sum / float64(len(recent))}
	l.SessionCap = l.RecentAverage + cfg.SessionCapDeg
	l.MaxAngleDeg, l.Code, l.Source = l.SessionCap, "session_cap", srcSession
	l.Message = fmt.Sprintf("your recent average %.0f deg + %.0f deg", l.RecentAverage, cfg.SessionCapDeg)

	// Weekly trend against the sessions 7-14 days ago.
	var ref, refDays float64
	n := 0
	for _, r := range h {
		age := today.Sub(r.Date)
		if age >= week && age < 2*week {
			ref += r.AngleDeg
			refDays += age.Hours() / 24
			n++
		}
	}
	if n > 0 {
		ref /= float64(n)
		weeks := refDays / float64(n) / 7
		l.WeeklyCap = ref + cfg.WeeklyCapDeg*weeks
		if l.WeeklyCap < l.MaxAngleDeg {
			l.MaxAngleDeg, l.Code, l.Source = l.WeeklyCap, "weekly_cap", srcWeekly
			l.Message = fmt.Sprintf("%.0f deg a week on top of your %.0f deg average a week or two ago", cfg.WeeklyCapDeg, ref)
		}
	}
	if l.MaxAngleDeg < l.RecentAverage {
		l.MaxAngleDeg, l.Code, l.Source = l.RecentAverage, "hold_progress", srcWeekly
		l.Message = fmt.Sprintf("you gained faster than %.0f deg a week, so today holds at your recent average", cfg.WeeklyCapDeg)
	}
	return l, nil
}
