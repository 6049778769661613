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
		{Kind: EvStepDone, At: at(10), Region: "legs", Index: 0, Elapsed: 10 * time.Second},
		{Kind: EvPause, At: at(15)},
		{Kind: EvResume, At: at(75)}, // a minute paused: not time spent
		{Kind: EvStepSkipped, At: at(80), Region: "legs", Index: 1, Elapsed: 10 * time.Second},
		{Kind: EvCheckIn, At: at(80), Region: "legs", Cue: CueSubtle},
		{Kind: EvHold, At: at(80), Region: "legs"},
		{Kind: EvCheckIn, At: at(90), Region: "legs", Cue: CueRelaxed, Manual: true},
		// the terminal went away here; picked up an hour later
		{Kind: EvReopen, At: at(3690), Region: "tummy", Index: 3},
		{Kind: EvRegionSkipped, At: at(3700), Region: "tummy", Index: 3, Elapsed: 10 * time.Second},
		{Kind: EvEnd, At: at(3705), Region: "tummy", Reason: EndEarly},
	}
	sum := Summarize(r, evs)
	// The three steps as they ran: the pause, the check-ins, the hold
	// and the hour away are not massage.
	if want := 30 * time.Second; sum.Active != want {
		t.Errorf("active %v, want %v", sum.Active, want)
	}
	if sum.Reason != EndEarly || !sum.Started.Equal(at(0)) || !sum.Ended.Equal(at(3705)) {
		t.Errorf("reason %q, %v to %v", sum.Reason, sum.Started, sum.Ended)
	}
	if len(sum.Regions) != 3 {
		t.Fatalf("%d regions, want 3 in routine order", len(sum.Regions))
	}
	legs, tummy, back := sum.Regions[0], sum.Regions[1], sum.Regions[2]
	if legs.ID != "legs" || legs.Name != "Legs" || legs.Done != 2 || legs.Of() != 3 || !legs.Early ||
		!slices.Equal(legs.Cues, []Cue{CueSubtle, CueRelaxed}) || legs.Status() != StatusPart {
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
		{Kind: EvStepDone, At: sessT0.Add(time.Second), Region: "feet", Elapsed: 2 * time.Second},
		{Kind: EvEnd, At: sessT0.Add(2 * time.Second), Reason: EndFinished},
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

// The time spent massaging is the steps of massage as they ran, and
// nothing else: what each rule leaves out or counts, event by event.
func TestActiveTime(t *testing.T) {
	at := func(s int) time.Time { return sessT0.Add(time.Duration(s) * time.Second) }
	sec := time.Second
	start := Event{Kind: EvStart, At: at(0)}
	for _, c := range []struct {
		name string
		evs  []Event
		want time.Duration
	}{
		{"the steps of massage, as long as each ran", []Event{start,
			{Kind: EvStepDone, At: at(40), Region: "legs", Elapsed: 40 * sec},
			{Kind: EvStepSkipped, At: at(45), Region: "legs", Elapsed: 5 * sec}}, 45 * sec},
		{"the opening ritual, the baby's yes and getting ready are not massage", []Event{start,
			{Kind: EvStepDone, At: at(10), Region: "opening", Elapsed: 10 * sec},
			{Kind: EvStepDone, At: at(300), Region: "opening"},
			{Kind: EvReady, At: at(330), Region: "back", Elapsed: 30 * sec},
			{Kind: EvStepDone, At: at(340), Region: "back", Elapsed: 10 * sec}}, 10 * sec},
		{"a check-in's wait, still hands and the choice after them are not massage", []Event{start,
			{Kind: EvStepDone, At: at(10), Region: "legs", Elapsed: 10 * sec},
			{Kind: EvCheckIn, At: at(40), Region: "legs", Cue: CueFussing},
			{Kind: EvHold, At: at(40), Region: "legs", Hold: 20 * sec},
			{Kind: EvChose, At: at(90), Region: "legs", Choice: ActionEnd, Waited: true},
			{Kind: EvEnd, At: at(90), Region: "legs", Reason: EndFussing}}, 10 * sec},
		{"a step cut short counts what it ran: back, a region skipped, quit, the end", []Event{start,
			{Kind: EvBack, At: at(3), Region: "legs", Elapsed: 3 * sec},
			{Kind: EvRegionSkipped, At: at(10), Region: "legs", Elapsed: 7 * sec},
			{Kind: EvQuit, At: at(14), Region: "tummy", Elapsed: 4 * sec, By: "ctrl+c"},
			{Kind: EvReopen, At: at(4000), Region: "tummy"},
			{Kind: EvEnd, At: at(4009), Region: "tummy", Elapsed: 9 * sec, Reason: EndEarly}}, 23 * sec},
		{"a step moved on from at once was passed by, not massaged", []Event{start,
			{Kind: EvStepSkipped, At: at(1), Region: "legs", Elapsed: sec},
			{Kind: EvStepSkipped, At: at(3), Region: "legs", Elapsed: 2 * sec},
			{Kind: EvStepDone, At: at(5), Region: "legs", Elapsed: 2 * sec}, // a step that ran its time counts
			{Kind: EvRegionSkipped, At: at(6), Region: "legs", Elapsed: sec}}, 2 * sec},
		{"a step the session stopped in counts what it ran, however short: the end, or a quit", []Event{start,
			{Kind: EvQuit, At: at(2), Region: "legs", Elapsed: 2 * sec, By: "ctrl+c"},
			{Kind: EvReopen, At: at(4000), Region: "legs"},
			{Kind: EvEnd, At: at(4001), Region: "legs", Elapsed: sec, Reason: EndCrying}}, 3 * sec},
		{"a pause, and a night cut off before closing it, are not massage", []Event{start,
			{Kind: EvPause, At: at(5), Region: "legs"},
			{Kind: EvResume, At: at(600), Region: "legs"},
			{Kind: EvStepDone, At: at(640), Region: "legs", Elapsed: 40 * sec},
			{Kind: EvEnd, At: at(72000), Reason: EndInterrupted}}, 40 * sec},
		{"a massage never begun, or a \"not now\", is none", []Event{start,
			{Kind: EvStepDone, At: at(33), Region: "opening", Elapsed: 33 * sec},
			{Kind: EvEnd, At: at(400), Region: "opening", Reason: EndNotNow}}, 0},
	} {
		var a ActiveTime
		for _, ev := range c.evs {
			a.Add(ev)
		}
		if a.Length() != c.want {
			t.Errorf("%s: %v, want %v", c.name, a.Length(), c.want)
		}
		if got := Summarize(nil, c.evs).Active; got != c.want {
			t.Errorf("%s: the summary says %v, want %v", c.name, got, c.want)
		}
	}
	// The numbers of a session saved by an earlier cradle, which counted
	// the stretch from its start, close that stretch at its last event.
	old := ActiveTime{Active: 20 * sec, Running: true, Since: at(100), Last: at(130)}
	old.Add(Event{Kind: EvStepDone, At: at(5000), Region: "legs", Elapsed: 12 * sec})
	if old.Length() != 62*sec {
		t.Errorf("an earlier cradle's numbers: %v, want 1m2s", old.Length())
	}
}
