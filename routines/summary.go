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
	var running bool
	var since, last time.Time
	stop := func(at time.Time) {
		if running {
			sum.Active += max(at.Sub(since), 0)
			running = false
		}
	}
	for _, ev := range events {
		switch ev.Kind {
		case EvStart:
			sum.Started, since, running = ev.At, ev.At, true
			for _, id := range ev.LeftOut {
				if rg := region(id); rg != nil {
					rg.LeftOut = true
				}
			}
		case EvReopen:
			stop(last) // the time between the last saved event and now was not massage
			since, running = ev.At, true
		case EvPause:
			stop(ev.At)
		case EvResume:
			if !running {
				since, running = ev.At, true
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
			if ev.Reason == Interrupted {
				stop(last) // closed later: the time since the last event was not massage
			} else {
				stop(ev.At)
			}
			sum.Ended, sum.Reason = ev.At, ev.Reason
			if rg := region(ev.Region); rg != nil {
				rg.EndedHere = true
			}
		}
		last = ev.At
	}
	if running {
		stop(last)
	}
	return sum
}
