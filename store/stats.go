package store

import (
	"time"

	"cradle/routines"
)

// Stats is a session in a few numbers, kept in the session's record and
// brought up to date with every event saved, so that history and insights
// read one record per session and never its events.
type Stats struct {
	// Active is the massage time of the stretches already closed: pauses
	// and interruptions are left out. Length adds the open stretch.
	Active time.Duration `json:"active,omitempty"`
	// Done and Skipped count body-region steps (not the opening ritual)
	// done in full and moved on from early.
	Done    int `json:"done,omitempty"`
	Skipped int `json:"skipped,omitempty"`
	// Answers are the check-ins answered about a body region, in order;
	// unanswered ones are left out.
	Answers []Answer `json:"answers,omitempty"`

	// The clock's state, so the next event can be added on: Running is
	// true while a stretch is open since Since; Last is the time of the
	// last event.
	Running bool      `json:"running,omitempty"`
	Since   time.Time `json:"since,omitzero"`
	Last    time.Time `json:"last,omitzero"`
}

// Answer is one answered check-in.
type Answer struct {
	Region string `json:"region"`
	// Step is the stroke the answer was about (its title, side included),
	// or "" when it was about the whole region.
	Step string       `json:"step,omitempty"`
	Cue  routines.Cue `json:"cue"`
}

// Length is the time spent massaging, as the summary screen counts it.
func (st Stats) Length() time.Duration {
	if st.Running {
		return st.Active + max(st.Last.Sub(st.Since), 0)
	}
	return st.Active
}

// Massaged is true once a step of a body region was begun: a short or
// stopped session counts, a "not now" at the start does not.
func (st Stats) Massaged() bool { return st.Done+st.Skipped > 0 }

// add counts one event. It follows routines.Summarize, which the summary
// screen uses, so both give the same time.
func (st *Stats) add(ev routines.Event) {
	stop := func(at time.Time) {
		if st.Running {
			st.Active += max(at.Sub(st.Since), 0)
			st.Running, st.Since = false, time.Time{}
		}
	}
	body := ev.Region != "" && ev.Region != "opening"
	switch ev.Kind {
	case routines.EvStart:
		st.Running, st.Since = true, ev.At
	case routines.EvReopen:
		stop(st.Last) // from the last saved event to now was no massage
		st.Running, st.Since = true, ev.At
	case routines.EvPause:
		stop(ev.At)
	case routines.EvEnd:
		if ev.Reason == routines.Interrupted {
			stop(st.Last) // closed later: the time since the last event was not massage
		} else {
			stop(ev.At)
		}
	case routines.EvResume:
		if !st.Running {
			st.Running, st.Since = true, ev.At
		}
	case routines.EvStepDone:
		if body {
			st.Done++
		}
	case routines.EvStepSkipped:
		if body {
			st.Skipped++
		}
	case routines.EvCheckIn:
		if body && ev.Cue != routines.Unanswered && ev.Cue != "" {
			st.Answers = append(st.Answers, Answer{Region: ev.Region, Step: ev.Step, Cue: ev.Cue})
		}
	}
	st.Last = ev.At
}

// StatsOf counts a whole session's events. A check-in asked during a
// stroke before check-ins named their step (schema 1) is given the step
// from the step event of the same place in the plan.
func StatsOf(evs []routines.Event) Stats {
	steps := map[int]string{}
	for _, ev := range evs {
		if ev.Kind == routines.EvStepDone || ev.Kind == routines.EvStepSkipped {
			steps[ev.Index] = ev.Step
		}
	}
	var st Stats
	for _, ev := range evs {
		if ev.Kind == routines.EvCheckIn && ev.Manual && ev.Step == "" {
			ev.Step = steps[ev.Index]
		}
		st.add(ev)
	}
	return st
}
