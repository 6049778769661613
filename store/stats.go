package store

import "github.com/cradle-coach/cradle/routines"

// Stats is a session in a few numbers, kept in the session's record and
// brought up to date with every event saved, so that history and insights
// read one record per session and never its events.
type Stats struct {
	// The time spent massaging (its fields are stored inline: active,
	// running, since, last). Length adds the open stretch.
	routines.ActiveTime
	// Done and Skipped count body-region steps (not the opening ritual)
	// done in full and moved on from early; a step moved on from at once
	// (routines.Practised) is neither, as the status words say.
	Done    int `json:"done,omitempty"`
	Skipped int `json:"skipped,omitempty"`
	// Answers are the check-ins answered about a body region, in order;
	// unanswered ones are left out.
	Answers []Answer `json:"answers,omitempty"`
	// Progress is how far the session got in each region and how it
	// ended, for the words the history shows. Sessions saved before it was
	// kept have none (Started is false).
	Progress routines.Progress `json:"progress,omitzero"`
}

// Answer is one answered check-in.
type Answer struct {
	Region string `json:"region"`
	// Step is the stroke the answer was about (its title, side included),
	// or "" when it was about the whole region.
	Step string       `json:"step,omitempty"`
	Cue  routines.Cue `json:"cue"`
}

// Massaged is true once a step of a body region was gone through: a
// short or stopped session counts; a "not now" at the start, or a session
// skipped through in seconds, does not.
func (st Stats) Massaged() bool { return st.Done+st.Skipped > 0 }

// Ending is how the session went, in the words of routines.Progress: from
// its numbers, or for a session saved before they kept it, from its end
// reason.
func (s Session) Ending() routines.Ending {
	switch {
	case s.Status == StatusInProgress:
		return routines.EndingUnfinished
	case s.Stats.Progress.Started:
		return s.Stats.Progress.Ending()
	}
	return routines.EndingOf(s.Reason)
}

// add counts one event.
func (st *Stats) add(ev routines.Event) {
	st.ActiveTime.Add(ev)
	st.Progress.Add(ev)
	body := ev.Region != "" && ev.Region != routines.OpeningID
	switch ev.Kind {
	case routines.EvStepDone:
		if body {
			st.Done++
		}
	case routines.EvStepSkipped:
		if body && routines.Practised(ev) {
			st.Skipped++
		}
	case routines.EvCheckIn:
		if body && ev.Cue != routines.CueUnanswered && ev.Cue != "" {
			st.Answers = append(st.Answers, Answer{Region: ev.Region, Step: ev.Step, Cue: ev.Cue})
		}
	}
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
