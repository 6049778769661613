package ui

import (
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// withPlanBegun saves a learning-plan session for Mia started ago.
func withPlanBegun(ago time.Duration) *memStore {
	st := withBaby()
	start := newClock().t.Add(-ago)
	rec, _ := st.Begin(store.Session{BabyID: 1, BabyName: "Mia", RoutineID: routines.PlanID(1), Started: start})
	_ = st.Append(rec.ID, routines.Event{Kind: routines.EvEnd, At: start.Add(5 * time.Minute), Reason: routines.Finished})
	return st
}

// The home screen offers the learning plan last, at the family's week:
// week 1 until the first plan session, then a week more every seven days
// from it, up to the full routine in week 6; after six weeks without a plan
// session, week 1 again.
func TestLearningPlanWeekOnHome(t *testing.T) {
	for _, tc := range []struct {
		ago  time.Duration
		want string
	}{
		{0, "Learning plan · week 1"},
		{6 * 24 * time.Hour, "Learning plan · week 1"},
		{9 * 24 * time.Hour, "Learning plan · week 2"},
		{15 * 24 * time.Hour, "Learning plan · week 3"},
		{38 * 24 * time.Hour, "Learning plan · week 6"},
		// no plan session for six weeks: the family starts again
		{200 * 24 * time.Hour, "Learning plan · week 1"},
	} {
		st := withBaby()
		if tc.ago > 0 {
			st = withPlanBegun(tc.ago)
		}
		hs := newHarness(t, 80, 24, st)
		hs.want(tc.want)
		hs.press("7") // the plan is the seventh entry
		if tc.want == "Learning plan · week 2" {
			hs.want("Week 2 of 6: tummy first, then legs and feet.")
		}
	}
}

// Starting the plan from home runs this week's derived routine, newest
// region first, and saves it under the week's id; the next start of the
// app counts from that first session.
func TestStartTheLearningPlan(t *testing.T) {
	st := withPlanBegun(8 * 24 * time.Hour)
	hs := newHarness(t, 80, 24, st)
	hs.press("7", "enter")
	hs.answerReady()
	hs.press("s", "space") // past the ritual; the baby says yes
	if got := hs.session().sess.State().Region.ID; got != "tummy" {
		t.Fatalf("week 2 starts with %q, want the tummy", got)
	}
	hs.press("e", "y")
	if rec := st.sessions[st.order[1]]; rec.RoutineID != "learning-plan-week-2" || rec.RoutineTitle != "Learning plan · week 2" {
		t.Fatalf("saved as %q (%q)", rec.RoutineID, rec.RoutineTitle)
	}
}

// A family that starts the plan for the first time is in week 1 from then
// on, without reading the store again.
func TestFirstPlanSessionStartsWeekOne(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("7", "enter")
	hs.answerReady()
	hs.press("e", "y", "enter")
	hs.clock.Add(8 * 24 * time.Hour)
	hs.send(sizeMsg(80, 24))
	hs.want("Learning plan · week 2")
}

// A plan session cut off is picked up again with the same week's steps.
func TestResumeALearningPlanSession(t *testing.T) {
	st := withBaby()
	hs := newHarness(t, 80, 24, st)
	hs.press("7", "enter")
	hs.answerReady()
	hs.press("s", "space", "n")
	step := hs.session().sess.State().Step.Title()
	hs.press("ctrl+c")
	hs = newHarness(t, 80, 24, st)
	hs.want("Pick up where you stopped?")
	hs.press("r", "space")
	if got := hs.session().sess.State().Step.Title(); got != step {
		t.Fatalf("resumed at %q, want %q", got, step)
	}
}
