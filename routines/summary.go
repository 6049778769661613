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

// ActiveTime adds up the time spent massaging, event by event: the
// steps of massage as they ran (each step's event says how long it ran,
// and so does the event that cut one short: back, a region skipped,
// quitting, the end; one moved on from within AtOnce was passed by, and
// is not counted, but one the session stopped in counts what it ran,
// however short), and nothing else. Getting ready, the opening
// ritual and the baby's yes, a check-in's wait, resting hands after an
// answer, the choice after fussing, pauses and the time a session was cut
// off are not massage, as the routine's own length leaves them out. The
// summary screen, the timeline, the history and the store's per-session
// numbers all count with it, so they always agree.
type ActiveTime struct {
	// Active is the time spent massaging so far.
	Active time.Duration `json:"active,omitempty"`
	// Running, Since and Last are kept in the numbers of sessions saved by
	// an earlier cradle, which counted every stretch between a start and
	// a pause or the end: an open stretch is closed at its last event.
	Running bool      `json:"running,omitempty"`
	Since   time.Time `json:"since,omitzero"`
	Last    time.Time `json:"last,omitzero"`
}

// Add counts one event.
func (a *ActiveTime) Add(ev Event) {
	if a.Running {
		a.Active += max(a.Last.Sub(a.Since), 0)
		a.Running, a.Since, a.Last = false, time.Time{}, time.Time{}
	}
	switch ev.Kind {
	case EvStepDone, EvStepSkipped, EvBack, EvRegionSkipped, EvQuit, EvEnd:
		// A step moved on from within AtOnce was passed by, not massaged;
		// a step done, or one the session stopped in (quit, or the end:
		// the baby's answer, the parent's e), was massaged for as long as
		// it ran.
		if body(ev.Region) && (ev.Kind == EvStepDone || ev.Kind == EvQuit || ev.Kind == EvEnd || ev.Elapsed >= AtOnce) {
			a.Active += max(ev.Elapsed, 0)
		}
	}
}

// Length is the time spent massaging.
func (a ActiveTime) Length() time.Duration {
	if a.Running {
		return a.Active + max(a.Last.Sub(a.Since), 0)
	}
	return a.Active
}
