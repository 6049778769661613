package routines

import "time"

// RegionSummary is how one region went, with the answers about it.
type RegionSummary struct {
	RegionProgress
	Cues []Cue // check-in answers about this region, in order
}

// Summary is a finished (or stopped) session in a few numbers and words.
type Summary struct {
	Started, Ended time.Time
	Active         time.Duration // time spent, pauses and interruptions left out
	Reason         EndReason
	Ending         Ending
	Progress       Progress
	Regions        []RegionSummary // in the session's order
}

// Summarize reads a session's events. Regions come in the order of the
// session's plan (or, for a session saved before the plan was recorded,
// the routine's), named as they were; a region only the events name is
// added at the end under its id.
func Summarize(r *Routine, events []Event) Summary {
	var sum Summary
	p := ProgressOf(r, events)
	var active ActiveTime
	cues := map[string][]Cue{}
	for _, ev := range events {
		active.Add(ev)
		switch ev.Kind {
		case EvStart:
			sum.Started = ev.At
		case EvCheckIn:
			if body(ev.Region) {
				p.region(ev.Region) // listed even when nothing else happened there
				cues[ev.Region] = append(cues[ev.Region], ev.Cue)
			}
		case EvEnd:
			sum.Ended = ev.At
		}
	}
	for _, rg := range p.Regions {
		if rg.Name == "" {
			rg.Name = rg.ID
			if r != nil {
				if x, ok := r.Region(rg.ID); ok {
					rg.Name = x.Name
				}
			}
		}
		sum.Regions = append(sum.Regions, RegionSummary{RegionProgress: rg, Cues: cues[rg.ID]})
	}
	sum.Active, sum.Reason, sum.Ending, sum.Progress = active.Length(), p.Reason, p.Ending(), p
	return sum
}

// ActiveTime adds up the time spent massaging, event by event: pauses,
// and the gaps of a session cut off and picked up (or closed) later, are
// left out. The summary screen and the store's per-session numbers both
// count with it, so they always agree.
type ActiveTime struct {
	// Active is the time of the stretches already closed.
	Active time.Duration `json:"active,omitempty"`
	// Running is true while a stretch is open since Since; Last is the
	// time of the last event.
	Running bool      `json:"running,omitempty"`
	Since   time.Time `json:"since,omitzero"`
	Last    time.Time `json:"last,omitzero"`
}

// Add counts one event.
func (a *ActiveTime) Add(ev Event) {
	stop := func(at time.Time) {
		if a.Running {
			a.Active += max(at.Sub(a.Since), 0)
			a.Running, a.Since = false, time.Time{}
		}
	}
	switch ev.Kind {
	case EvStart:
		a.Running, a.Since = true, ev.At
	case EvReopen:
		stop(a.Last) // from the last saved event to now was no massage
		a.Running, a.Since = true, ev.At
	case EvPause:
		stop(ev.At)
	case EvResume:
		if !a.Running {
			a.Running, a.Since = true, ev.At
		}
	case EvEnd:
		if ev.Reason == Interrupted {
			stop(a.Last) // closed later: the time since the last event was not massage
		} else {
			stop(ev.At)
		}
	}
	a.Last = ev.At
}

// Length is the time spent so far, the open stretch up to the last event
// included.
func (a ActiveTime) Length() time.Duration {
	if a.Running {
		return a.Active + max(a.Last.Sub(a.Since), 0)
	}
	return a.Active
}
