package routines

import (
	"fmt"
	"time"
)

// Span is how long a session of a routine takes, worked out from the
// routine, and what that includes: a length shown before a start says
// what it counts, never a guess.
type Span struct {
	Steps time.Duration // every step of massage at the usual pace (Routine.Length)
	// Opening is getting ready: the opening ritual's timed steps (asking
	// then waits for the baby's yes), and the steps that turn the baby or
	// wipe the hands, at the length they go on by themselves after.
	Opening  time.Duration
	CheckIns int           // check-ins on the way
	Wait     time.Duration // how long a check-in waits when nobody answers
}

// Span is the routine's span with check-ins that wait CheckInWait.
func (r *Routine) Span() Span {
	sp := Span{Steps: r.Length(), Wait: CheckInWait}
	for _, steps := range Preparations(r) {
		for _, st := range steps {
			sp.Opening += st.Length()
		}
	}
	// Walked as the session's plan would be (expand), without building it:
	// the home screen asks for every routine's span on each drawing. A
	// two-sided step runs once a side and asks once, after both; the last
	// step of a region with steps ends it.
	count := func(rg Region) {
		for j, st := range rg.Steps {
			times := time.Duration(1)
			if st.Side == SideBoth {
				times = 2
			}
			if rg.Opening || st.Kind == StepPrepare {
				sp.Opening += times * st.Length()
			}
			if !rg.Opening && (st.CheckIn || j == len(rg.Steps)-1 && rg.CheckIn) {
				sp.CheckIns++
			}
		}
	}
	if !r.NoOpening {
		count(Opening())
	}
	for _, rg := range r.Regions {
		count(rg)
	}
	return sp
}

// Total is the steps, the opening ritual and every check-in's wait.
func (s Span) Total() time.Duration {
	return s.Steps + s.Opening + time.Duration(s.CheckIns)*s.Wait
}

// About is the total as a parent reads it before a start: "about 7 min".
// Answering a check-in at once, or waiting for a yes, moves it a little,
// so it is rounded: to the minute, or under two minutes to 10 s.
func (s Span) About() string {
	t := s.Total()
	if t < time.Minute {
		return "about " + FormatLength(t)
	}
	if t < 2*time.Minute {
		return "about " + FormatLength(t.Round(10*time.Second))
	}
	return "about " + FormatLength(t.Round(time.Minute))
}

// Includes says what the total holds besides the steps: "getting ready
// and 3 check-ins"; "" when nothing.
func (s Span) Includes() string {
	var parts []string
	if s.Opening > 0 {
		parts = append(parts, "getting ready")
	}
	switch {
	case s.CheckIns == 1:
		parts = append(parts, "the check-in")
	case s.CheckIns > 1:
		parts = append(parts, fmt.Sprintf("%d check-ins", s.CheckIns))
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return parts[0] + " and " + parts[1]
}

// Words are the length with what it includes: "4 min 56 s of massage,
// about 8 min with getting ready and 3 check-ins".
func (s Span) Words() string {
	w := FormatLength(s.Steps) + " of massage"
	if inc := s.Includes(); inc != "" {
		w += ", " + s.About() + " with " + inc
	}
	return w
}
