package routines

import (
	"testing"
	"time"
)

// A length shown before a start counts the opening ritual and the
// check-ins' waits, from the routine itself.
func TestSpan(t *testing.T) {
	lib, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var newborn *Routine
	for _, r := range lib {
		if r.ID == "newborn" {
			newborn = r
		}
	}
	// 4 min 56 s of steps; getting ready: the ritual's 33 s, and turning
	// the baby and letting the arms relax at the time each goes on by
	// itself after; three check-ins of 30 s.
	var prep time.Duration
	for _, steps := range Preparations(newborn) {
		for _, st := range steps {
			prep += st.Length()
		}
	}
	for _, rg := range newborn.Regions {
		for _, st := range rg.Steps {
			if st.Kind == StepPrepare {
				prep += st.Length()
			}
		}
	}
	sp := newborn.Span()
	if sp.Steps != 296*sec || sp.Opening != 33*sec+prep || prep == 0 || sp.CheckIns != 3 || sp.Total() != 296*sec+33*sec+prep+90*sec {
		t.Errorf("newborn: %+v, total %s; getting ready besides the ritual %s", sp, sp.Total(), prep)
	}
	if got, want := sp.Words(), "4 min 56 s of massage, about 8 min with getting ready and 3 check-ins"; got != want {
		t.Errorf("words %q, want %q", got, want)
	}
	// sessRoutine: a check-in at the end of each region, and one after a
	// step (the water wheel); two-sided steps ask once, after both sides.
	for _, c := range []struct {
		r     *Routine
		total time.Duration
		words string
	}{
		{sessRoutine(false), 150*sec + 4*30*sec, "2 min 30 s of massage, about 5 min with 4 check-ins"},
		{sessRoutine(true), 183*sec + 4*30*sec, "2 min 30 s of massage, about 5 min with getting ready and 4 check-ins"},
		{&Routine{NoOpening: true, Regions: []Region{{ID: "a", Steps: []Step{{Kind: StepHold, Duration: 75 * sec}}}}}, 75 * sec, "1 min 15 s of massage"},
		{&Routine{NoOpening: true, Regions: []Region{{ID: "a", CheckIn: true, Steps: []Step{{Kind: StepHold, Duration: 45 * sec}}}}}, 75 * sec, "45 s of massage, about 1 min 20 s with the check-in"},
	} {
		sp := c.r.Span()
		if sp.Total() != c.total || sp.Words() != c.words {
			t.Errorf("%+v: total %s, %q; want %s, %q", sp, sp.Total(), sp.Words(), c.total, c.words)
		}
	}
}

// spanOfPlan is Span worked out on the session's own plan, as it was
// before Span stopped building one: the two must never disagree.
func spanOfPlan(r *Routine) (opening time.Duration, checkIns int) {
	regions, plan := expand(r)
	for i, p := range plan {
		rg := regions[p.region]
		if rg.Opening || p.step.Kind == StepPrepare {
			opening += p.step.Length()
		}
		if rg.Opening {
			continue
		}
		ends := i+1 == len(plan) || plan[i+1].region != p.region
		if p.step.CheckIn || ends && rg.CheckIn {
			checkIns++
		}
	}
	return opening, checkIns
}

// Span counts the steps and check-ins the session will walk, for every
// built-in routine, every week of the learning plan, and the odd shapes a
// routine file can have: a two-sided step that asks, a region with no
// steps, a step that turns the baby.
func TestSpanMatchesPlan(t *testing.T) {
	lib, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	rs := append([]*Routine{sessRoutine(false), sessRoutine(true)}, lib...)
	for _, full := range lib {
		for week := 1; week <= 6; week++ {
			if r, err := LearningPlan(full, week); err == nil {
				rs = append(rs, r)
			}
		}
	}
	rs = append(rs, &Routine{ID: "odd", Regions: []Region{
		{ID: "a", CheckIn: true, Steps: []Step{{Kind: StepStroke, Side: SideBoth, Reps: 2, Each: 5 * sec, CheckIn: true}}},
		{ID: "empty", CheckIn: true},
		{ID: "b", Steps: []Step{{Kind: StepPrepare, Side: SideBoth, Duration: 7 * sec}, {Kind: StepStroke, Side: SideBoth, Duration: 9 * sec}}},
	}})
	for _, r := range rs {
		prep := time.Duration(0)
		for _, steps := range Preparations(r) {
			for _, st := range steps {
				prep += st.Length()
			}
		}
		opening, checkIns := spanOfPlan(r)
		if sp := r.Span(); sp.Opening != prep+opening || sp.CheckIns != checkIns {
			t.Errorf("%s: span %+v, the plan says getting ready %s and %d check-ins", r.ID, sp, prep+opening, checkIns)
		}
	}
}

// The home screen asks for every routine's span each time it is drawn.
func BenchmarkSpan(b *testing.B) {
	lib, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range lib {
			_ = r.Span()
		}
	}
}
