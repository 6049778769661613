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
