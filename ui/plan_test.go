package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// withPlanSessions saves, for Mia, a learning-plan session of each week
// given, a day apart, the last ago before now; each was practice (five
// minutes of massage).
func withPlanSessions(ago time.Duration, weeks ...int) *memStore {
	st := withBaby()
	for i, week := range weeks {
		start := t0.Add(-ago - time.Duration(len(weeks)-1-i)*24*time.Hour)
		rec, _ := st.StartSession(store.Session{BabyID: 1, BabyName: "Mia", RoutineID: routines.PlanID(week), RoutineTitle: fmt.Sprintf("Learning plan · week %d", week), Started: start})
		_ = st.Append(rec.ID,
			routines.Event{Kind: routines.EvStart, At: start},
			routines.Event{Kind: routines.EvStepDone, At: start.Add(6 * time.Minute), Region: "legs", Step: "Resting hands", Index: 4, Elapsed: 5 * time.Minute},
			routines.Event{Kind: routines.EvEnd, At: start.Add(7 * time.Minute), Reason: routines.EndEarly})
	}
	return st
}

// The home screen offers the learning plan last, at the week the family
// has practised to: three sessions of a week move it on, whatever the
// calendar says, so a missed week never skips a region.
func TestLearningPlanWeekOnHome(t *testing.T) {
	const day = 24 * time.Hour
	for _, tc := range []struct {
		name  string
		st    *memStore
		want  string
		where string
	}{
		{"no plan session yet", withBaby(), "Learning plan · week 1", "No session of week 1 yet. After 3, week 2 adds the tummy."},
		{"two sessions of week 1", withPlanSessions(day, 1, 1), "Learning plan · week 1", "2 of 3 sessions of week 1 done. After 3, week 2 adds the tummy."},
		// Three weeks without a session: the calendar would be in week 4,
		// past the tummy and the chest never taught.
		{"a missed week", withPlanSessions(21*day, 1, 1, 1), "Learning plan · week 2", "No session of week 2 yet. After 3, week 3 adds the chest."},
		{"two weeks practised", withPlanSessions(day, 1, 1, 1, 2, 2, 2), "Learning plan · week 3", "After 3, week 4 adds the back."},
		{"the arms get a week", withPlanSessions(day, 5, 5, 5), "Learning plan · week 6", "week 7 is the full routine"},
		{"every region learnt", withPlanSessions(day, 7), "Learning plan · week 7", "You have learnt every region"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hs := newHarness(t, 100, 30, tc.st)
			hs.want(tc.want)
			hs.press("7") // the plan is the seventh entry
			if v := strings.Join(strings.Fields(hs.view()), " "); !strings.Contains(v, tc.where) {
				t.Errorf("the plan does not say %q:\n%s", tc.where, hs.view())
			}
		})
	}
}

// On the plan, ←/→ choose another week: to repeat one, or to move on
// sooner. A repeat leaves the plan where it was.
func TestChooseAnotherPlanWeek(t *testing.T) {
	st := withPlanSessions(24*time.Hour, 1, 1, 1, 2)
	hs := newHarness(t, 100, 30, st)
	hs.press("7")
	hs.want("Learning plan · week 2")
	hs.want("←/→ another week")
	hs.press("right")
	hs.want("Learning plan · week 3")
	hs.want("Moving on sooner: your plan is at week 2.")
	hs.press("left", "left")
	hs.want("Learning plan · week 1")
	hs.want("A repeat of week 1: your plan is at week 2, and stays there.")
	// A session of the repeated week, then home: the plan is at week 2.
	hs.press("enter")
	hs.answerReady()
	hs.press("s", "space", "n", "e", "y", "enter")
	if rec := st.sessions[st.order[len(st.order)-1]]; rec.RoutineID != routines.PlanID(1) {
		t.Fatalf("the repeat was saved as %q", rec.RoutineID)
	}
	hs.want("Learning plan · week 2")
	// ←/→ do nothing on another routine.
	hs.press("1", "right", "7")
	hs.want("Learning plan · week 2")
}

// Starting the plan from home runs this week's derived routine, newest
// region first, and saves it under the week's id.
func TestStartTheLearningPlan(t *testing.T) {
	st := withPlanSessions(8*24*time.Hour, 1, 1, 1)
	hs := newHarness(t, 80, 24, st)
	hs.press("7", "enter")
	hs.answerReady()
	hs.press("s", "space") // past the ritual; the baby says yes
	if got := hs.session().sess.State().Region.ID; got != "tummy" {
		t.Fatalf("week 2 starts with %q, want the tummy", got)
	}
	hs.press("e", "y")
	if rec := st.sessions[st.order[3]]; rec.RoutineID != "learning-plan-week-2" || rec.RoutineTitle != "Learning plan · week 2" {
		t.Fatalf("saved as %q (%q)", rec.RoutineID, rec.RoutineTitle)
	}
}

// A session of practice counts at once, without reading the store again;
// a "not now", and a session skipped through in seconds, do not: they
// are no practice, and no "well done".
func TestPlanSessionsCountAtOnce(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("7", "enter")
	hs.answerReady()
	hs.press("s", "e", "y", "enter") // not now
	hs.press("7", "enter")
	hs.answerReady()
	hs.press("s", "space")
	for hs.session().sess.State().Phase != routines.PhaseEnded {
		hs.press("right") // every step moved on from at once
		if hs.session().sess.State().Phase == routines.PhaseCheckIn {
			hs.press("1")
		}
		if _, ok := hs.m.screen.(*summaryScreen); ok {
			break
		}
	}
	hs.want("Every region was skipped, and that is fine.")
	hs.press("enter", "7")
	hs.want("No session of week 1 yet")
	for range 3 {
		hs.press("7", "enter")
		hs.answerReady()
		hs.press("s", "space")
		hs.tick(5 * time.Minute) // five minutes of massage
		hs.press("e", "y", "enter")
	}
	hs.want("Learning plan · week 2")
	hs.press("7")
	hs.want("No session of week 2 yet")
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
