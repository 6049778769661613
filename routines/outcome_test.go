package routines

import (
	"strings"
	"testing"
	"time"
)

// The status words, from hand-written event lists. The plan is
// sessRoutine's: legs #0 #1 #2, tummy #3 #4, back #5.
func TestStatusWords(t *testing.T) {
	r := sessRoutine(false)
	plan := PlanOf(r)
	start := Event{Kind: EvStart, Plan: plan}
	done := func(i int, region string) Event { return Event{Kind: EvStepDone, Index: i, Region: region} }
	moved := func(i int, region string, secs int) Event {
		return Event{Kind: EvStepSkipped, Index: i, Region: region, Elapsed: time.Duration(secs) * time.Second}
	}
	skip := func(i int, region string) Event { return Event{Kind: EvRegionSkipped, Index: i, Region: region} }
	end := func(reason EndReason, region, step string) Event {
		return Event{Kind: EvEnd, Reason: reason, Region: region, Step: step}
	}
	for _, c := range []struct {
		name    string
		routine *Routine // for a session saved without its plan
		evs     []Event
		regions string // "id: words | ..."
		ending  Ending
	}{
		{"every step done", nil,
			[]Event{start, done(0, "legs"), done(1, "legs"), done(2, "legs"), done(3, "tummy"), done(4, "tummy"), done(5, "back"), end(EndFinished, "", "")},
			"legs: done | tummy: done | back: done", EndingFinished},
		{"skip to a region, one step, then end", nil,
			[]Event{start, skip(0, "legs"), done(3, "tummy"), end(EndEarly, "tummy", "Sun and moon")},
			"legs: skipped | tummy: ended here · 1 of 2 steps | back: not reached", EndingEarly},
		{"every region skipped", nil,
			[]Event{start, skip(0, "legs"), skip(3, "tummy"), skip(5, "back"), end(EndFinished, "", "")},
			"legs: skipped | tummy: skipped | back: skipped", EndingAllSkipped},
		{"to the end with a region skipped part way", nil,
			[]Event{start, done(0, "legs"), done(1, "legs"), done(2, "legs"), done(3, "tummy"), skip(4, "tummy"), done(5, "back"), end(EndFinished, "", "")},
			"legs: done | tummy: skipped · 1 of 2 steps | back: done", EndingPartDone},
		{"moved on early through a region", nil,
			[]Event{start, moved(0, "legs", 5), moved(1, "legs", 3), moved(2, "legs", 20), end(EndEarly, "tummy", "Water wheel")},
			"legs: done, some steps moved on early | tummy: ended here | back: not reached", EndingEarly},
		// A step moved on from at once (under AtOnce) was passed by, not
		// practised: a toddler on the arrow key is no massage.
		{"moved on at once through a region", nil,
			[]Event{start, moved(0, "legs", 1), moved(1, "legs", 0), moved(2, "legs", 2), end(EndEarly, "tummy", "Water wheel")},
			"legs: skipped | tummy: ended here | back: not reached", EndingEarly},
		{"every step moved on at once, to the end", nil,
			[]Event{start, moved(0, "legs", 0), moved(1, "legs", 0), moved(2, "legs", 0), moved(3, "tummy", 1), moved(4, "tummy", 0), moved(5, "back", 2), end(EndFinished, "", "")},
			"legs: skipped | tummy: skipped | back: skipped", EndingAllSkipped},
		{"cut off after passing a step at once: begun, nothing done", nil,
			[]Event{start, moved(0, "legs", 0)},
			"legs: part done · 0 of 3 steps | tummy: not reached | back: not reached", EndingUnfinished},
		{"a step passed by at once leaves its region part done", nil,
			[]Event{start, done(0, "legs"), moved(1, "legs", 1), done(2, "legs"), done(3, "tummy"), done(4, "tummy"), done(5, "back"), end(EndFinished, "", "")},
			"legs: part done · 2 of 3 steps | tummy: done | back: done", EndingPartDone},
		{"a step passed by, then gone back to and done", nil,
			[]Event{start, done(0, "legs"), moved(1, "legs", 0), {Kind: EvBack, Index: 2, Region: "legs"}, done(1, "legs"), done(2, "legs"), end(EndEarly, "tummy", "Water wheel")},
			"legs: done | tummy: ended here | back: not reached", EndingEarly},
		{"back and again counts a step once", nil,
			[]Event{start, done(0, "legs"), done(1, "legs"), {Kind: EvBack, Index: 2, Region: "legs"}, done(1, "legs"), end(EndEarly, "legs", "Milking (right)")},
			"legs: ended here · 2 of 3 steps | tummy: not reached | back: not reached", EndingEarly},
		{"a region left out by the readiness check", nil,
			[]Event{{Kind: EvStart, Plan: plan, LeftOut: []string{"tummy"}}, done(0, "legs"), done(1, "legs"), done(2, "legs"), done(5, "back"), end(EndFinished, "", "")},
			"legs: done | tummy: left out | back: done", EndingFinished},
		{"crying at the end of a region ends after it, not in it", nil,
			[]Event{start, done(0, "legs"), done(1, "legs"), done(2, "legs"), {Kind: EvCheckIn, Index: 2, Region: "legs", Cue: CueCrying}, end(EndCrying, "legs", "Milking (right)")},
			"legs: done | tummy: not reached | back: not reached", EndingGently},
		{"nobody chose after fussing's still hands", nil,
			[]Event{start, done(0, "legs"), {Kind: EvCheckIn, Index: 0, Region: "legs", Cue: CueFussing}, {Kind: EvChose, Index: 0, Region: "legs", Choice: ActionEnd, Waited: true}, end(EndFussing, "legs", "Resting hands")},
			"legs: ended here · 1 of 3 steps | tummy: not reached | back: not reached", EndingGently},
		{"a no at the ask", nil,
			[]Event{start, done(0, "opening"), end(EndNotNow, "opening", askTitle())},
			"legs: not reached | tummy: not reached | back: not reached", EndingNotNow},
		{"ended while breathing, before the ask", nil,
			[]Event{start, end(EndEarly, "opening", "A few slow breaths")},
			"legs: not reached | tummy: not reached | back: not reached", EndingNotBegun},
		{"an older record: not now while breathing", nil,
			[]Event{{Kind: EvStart}, end(EndNotNow, "opening", "A few slow breaths")},
			"", EndingNotBegun},
		{"cut off, not closed", nil,
			[]Event{start, done(0, "legs")},
			"legs: part done · 1 of 3 steps | tummy: not reached | back: not reached", EndingUnfinished},
		{"cut off and closed", nil,
			[]Event{start, done(0, "legs"), {Kind: EvEnd, Reason: EndInterrupted}},
			"legs: part done · 1 of 3 steps | tummy: not reached | back: not reached", EndingInterrupted},
		{"saved before the plan was recorded, routine known", r,
			[]Event{{Kind: EvStart}, done(0, "legs"), end(EndEarly, "legs", "Milking (left)")},
			"legs: ended here · 1 of 3 steps | tummy: not reached | back: not reached", EndingEarly},
		{"saved before the plan was recorded, routine gone", nil,
			[]Event{{Kind: EvStart}, done(0, "legs"), done(1, "legs"), done(3, "tummy"), end(EndFinished, "", "")},
			"legs: done | tummy: done", EndingFinished},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := ProgressOf(c.routine, c.evs)
			var got []string
			for _, rg := range p.Regions {
				got = append(got, rg.ID+": "+rg.Words())
			}
			if g := strings.Join(got, " | "); g != c.regions {
				t.Errorf("regions\n got: %s\nwant: %s", g, c.regions)
			}
			if e := p.Ending(); e != c.ending {
				t.Errorf("ending %q, want %q", e, c.ending)
			}
			// Counted one event at a time, as the store does, it is the same.
			var inc Progress
			for i, ev := range c.evs {
				if i == 0 && c.routine != nil {
					ev.Plan = PlanOf(c.routine)
				}
				inc.Add(ev)
			}
			if inc.Ending() != p.Ending() || len(inc.Regions) != len(p.Regions) {
				t.Errorf("counted one by one: %+v; all at once: %+v", inc, p)
			}
		})
	}
}

func TestCheckInPlace(t *testing.T) {
	for _, c := range []struct {
		manual       bool
		step, region string
		want         string
	}{
		{true, "Combing", "Back", "during Combing"},
		{true, "", "Back", "during back"},
		{false, "Swooping to the bottom", "Back", "after Swooping to the bottom"},
		{false, "", "Legs and feet", "after legs and feet"},
		{false, "", "I Love You", "after I Love You"},
		{true, "", "Ada's arms", "during Ada's arms"},
		{false, "", "+cmd|' /C calc'!A0", "after +cmd|' /C calc'!A0"},
		{false, "", "Back, sitting up", "after back, sitting up"},
		{false, "", "Tummy MIA", "after Tummy MIA"},
		{false, "", "Épaules", "after épaules"},
	} {
		if got := CheckInPlace(c.manual, c.step, c.region); got != c.want {
			t.Errorf("CheckInPlace(%v, %q, %q) = %q, want %q", c.manual, c.step, c.region, got, c.want)
		}
	}
}

// A region counted by an earlier cradle kept only how far it got; its
// next step done counts on from there.
func TestStatusWordsGoOnFromAnEarlierCount(t *testing.T) {
	p := Progress{Started: true, Planned: true, Regions: []RegionProgress{{ID: "legs", Steps: []int{0, 1, 2}, Done: 2}}}
	p.Add(Event{Kind: EvStepDone, Index: 2, Region: "legs"})
	if got := p.Regions[0].Words(); got != "done" {
		t.Errorf("after the last step: %q, want done", got)
	}
}
