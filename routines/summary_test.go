package routines

import (
	"slices"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	at := func(s int) time.Time { return sessT0.Add(time.Duration(s) * time.Second) }
	r := sessRoutine(false)
	evs := []Event{
		{Kind: EvStart, At: at(0), LeftOut: []string{"back"}},
		{Kind: EvStepDone, At: at(10), Region: "legs", Index: 0},
		{Kind: EvPause, At: at(15)},
		{Kind: EvResume, At: at(75)}, // a minute paused: not time spent
		{Kind: EvStepSkipped, At: at(80), Region: "legs", Index: 1},
		{Kind: EvCheckIn, At: at(80), Region: "legs", Cue: Subtle},
		{Kind: EvHold, At: at(80), Region: "legs"},
		{Kind: EvCheckIn, At: at(90), Region: "legs", Cue: Relaxed, Manual: true},
		// the terminal went away here; picked up an hour later
		{Kind: EvReopen, At: at(3690), Region: "tummy", Index: 3},
		{Kind: EvRegionSkipped, At: at(3700), Region: "tummy", Index: 3},
		{Kind: EvEnd, At: at(3705), Region: "tummy", Reason: EndedEarly},
	}
	sum := Summarize(r, evs)
	// 0-15 s, 75-90 s (the last event before the gap), 3690-3705 s.
	if want := 45 * time.Second; sum.Active != want {
		t.Errorf("active %v, want %v", sum.Active, want)
	}
	if sum.Reason != EndedEarly || !sum.Started.Equal(at(0)) || !sum.Ended.Equal(at(3705)) {
		t.Errorf("reason %q, %v to %v", sum.Reason, sum.Started, sum.Ended)
	}
	if len(sum.Regions) != 3 {
		t.Fatalf("%d regions, want 3 in routine order", len(sum.Regions))
	}
	legs, tummy, back := sum.Regions[0], sum.Regions[1], sum.Regions[2]
	if legs.ID != "legs" || legs.Name != "Legs" || legs.Done != 2 || legs.Of() != 3 || !legs.Early ||
		!slices.Equal(legs.Cues, []Cue{Subtle, Relaxed}) || legs.Status() != StatusPart {
		t.Errorf("legs: %+v", legs)
	}
	if tummy.ID != "tummy" || tummy.Status() != StatusSkipped || tummy.Done != 0 || !tummy.EndedHere {
		t.Errorf("tummy: %+v", tummy)
	}
	if back.ID != "back" || back.Status() != StatusLeftOut || back.Done != 0 {
		t.Errorf("back: %+v", back)
	}
	if sum.Ending != EndingEarly {
		t.Errorf("ending %q", sum.Ending)
	}
}

// A region the routine no longer has (the file changed since) still shows,
// under its id, after the routine's own regions.
func TestSummarizeUnknownRegion(t *testing.T) {
	evs := []Event{
		{Kind: EvStart, At: sessT0},
		{Kind: EvStepDone, At: sessT0.Add(time.Second), Region: "feet"},
		{Kind: EvEnd, At: sessT0.Add(2 * time.Second), Reason: Finished},
	}
	sum := Summarize(sessRoutine(false), evs)
	last := sum.Regions[len(sum.Regions)-1]
	if len(sum.Regions) != 4 || last.ID != "feet" || last.Name != "feet" || last.Done != 1 {
		t.Fatalf("regions %+v", sum.Regions)
	}
	if sum.Active != 2*time.Second {
		t.Errorf("active %v", sum.Active)
	}
	if got := Summarize(nil, evs); len(got.Regions) != 1 {
		t.Errorf("without a routine: %+v", got.Regions)
	}
}

// A session cut off while its clock ran (the terminal closed, cradle was
// killed) and closed as interrupted the next day counts only up to its
// last saved event: the night between was not massage.
func TestSummarizeInterrupted(t *testing.T) {
	evs := []Event{
		{Kind: EvStart, At: sessT0},
		{Kind: EvStepDone, At: sessT0.Add(40 * time.Second), Region: "legs"},
		{Kind: EvEnd, At: sessT0.Add(20 * time.Hour), Reason: Interrupted},
	}
	if got := Summarize(nil, evs).Active; got != 40*time.Second {
		t.Errorf("active %v, want 40s", got)
	}
}
