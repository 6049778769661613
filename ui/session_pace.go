package ui

import (
	"fmt"
	"math"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/cradle-coach/cradle/routines"
)

// The pace guide shows the tempo of a repeated stroke: a marker that
// travels out along a short track and back once per repetition, as slowly
// as the routine sets (about 5 s one way, 10 s out and back;
// docs/SOURCES.md, "Pace"), so the parent strokes slowly without counting.
//
// It moves only with the countdown: the screen is redrawn once a second
// anyway, and the marker takes the place that second gives it. A stroke
// of 8 s then moves four steps out and four back, which is calm and costs
// no wake-up of its own (see frames.go for why wake-ups are the cost).

// paceAt is where the hands are in the current repetition.
type paceAt struct {
	rep, reps int     // the repetition, from 1
	pos       float64 // 0 at the start of the stroke, 1 at its far end
	out       bool    // going out (else coming back)
}

// pace is the guide's state for a running, repeated stroke; ok is false
// when there is nothing to pace (a hold, a pause for permission, a check-in).
func pace(st routines.State) (paceAt, bool) {
	reps, each := st.Step.Reps, st.Each
	if st.Phase != routines.PhaseRunning || reps <= 0 || st.Length <= 0 {
		return paceAt{}, false
	}
	// The session's tempo, as the words say it: after a subtle cue the
	// stroke is slower, and the rest of one cut by the question too.
	if each < time.Second {
		return paceAt{}, false
	}
	elapsed := min(max(st.Length-st.Remaining, 0), st.Length)
	rep := min(int(elapsed/each), reps-1)
	f := float64(elapsed-time.Duration(rep)*each) / float64(each)
	p := paceAt{rep: rep + 1, reps: reps, out: f < 0.5}
	if p.out {
		p.pos = 2 * f
	} else {
		p.pos = 2 - 2*f
	}
	return p, true
}

// paceTrack draws the track, w cells wide, with the marker at pos.
func (a *app) paceTrack(w int, pos float64) string {
	s := a.styles
	if w < 3 {
		return ""
	}
	at := int(math.Round(pos * float64(w-1)))
	return s.Rule.Render(strings.Repeat("─", at)) + s.Calm.Render("●") + s.Rule.Render(strings.Repeat("─", w-1-at))
}

// paceLine is the pace guide, w cells wide, its track at most long:
// "Pace  ───●──────  out            stroke 2 of 3". A short track keeps
// the marker's steps small: calm to watch, and few cells to redraw.
func (ss *sessionScreen) paceLine(st routines.State, w, long int) string {
	p, ok := pace(st)
	if !ok {
		return ""
	}
	s := ss.a.styles
	dir := "out "
	if !p.out {
		dir = "back"
	}
	count := s.Dim.Render(fmt.Sprintf("stroke %d of %d", p.rep, p.reps))
	track := min(w-lipgloss.Width(count)-18, long)
	if track < 5 {
		return count
	}
	left := s.Dim.Render("Pace  ") + ss.a.paceTrack(track, p.pos) + s.Dim.Render("  "+dir)
	return headerLine(w, left, count)
}
