package routines

import "time"

// RegionSummary is how one region went.
type RegionSummary struct {
	ID, Name     string
	LeftOut      bool // by the readiness check
	Skipped      bool // during the session
	StepsDone    int
	StepsSkipped int
	Cues         []Cue // check-in answers about this region, in order
	EndedHere    bool  // the session ended during this region
}

// Reached is true when at least one step of the region was started.
func (r RegionSummary) Reached() bool { return r.StepsDone+r.StepsSkipped > 0 }

// Summary is a finished (or stopped) session in a few numbers.
type Summary struct {
	Started, Ended time.Time
	Active         time.Duration // time spent, pauses and interruptions left out
	Reason         EndReason
	Regions        []RegionSummary
}

// Summarize reads a session's events. The routine supplies region names and
// order; regions the events name but the routine lacks are added at the end
// (a routine file may have changed since).
func Summarize(r *Routine, events []Event) Summary {
	var sum Summary
	idx := map[string]int{}
	add := func(id, name string) int {
		if i, ok := idx[id]; ok {
			return i
		}
		idx[id] = len(sum.Regions)
		sum.Regions = append(sum.Regions, RegionSummary{ID: id, Name: name})
		return idx[id]
	}
	if r != nil {
		for _, rg := range r.Regions {
			add(rg.ID, rg.Name)
		}
	}
	region := func(id string) *RegionSummary {
		if id == "" || id == "opening" {
			return nil
		}
		return &sum.Regions[add(id, id)]
	}
	var active ActiveTime
	for _, ev := range events {
		active.Add(ev)
		switch ev.Kind {
		case EvStart, EvReopen:
			if ev.Kind == EvStart {
				sum.Started = ev.At
			}
			for _, id := range ev.LeftOut {
				if rg := region(id); rg != nil {
					rg.LeftOut = true
				}
			}
		case EvStepDone, EvStepSkipped:
			if rg := region(ev.Region); rg != nil {
				if ev.Kind == EvStepDone {
					rg.StepsDone++
				} else {
					rg.StepsSkipped++
				}
			}
		case EvRegionSkipped:
			if rg := region(ev.Region); rg != nil {
				rg.Skipped = true
			}
		case EvCheckIn:
			if rg := region(ev.Region); rg != nil {
				rg.Cues = append(rg.Cues, ev.Cue)
			}
		case EvEnd:
			sum.Ended, sum.Reason = ev.At, ev.Reason
			if rg := region(ev.Region); rg != nil {
				rg.EndedHere = true
			}
		}
	}
	sum.Active = active.Length()
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
