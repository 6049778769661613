package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// bornEarly is a store with Mia, born 8 weeks before her due date: a
// corrected age of 3 weeks (the newborn routine's ages) on the harness's
// day. goAhead is when her doctor or nurse said yes (zero: not yet).
func bornEarly(goAhead time.Time) *memStore {
	now := t0
	st := newMemStore()
	st.babies = []store.Baby{{ID: 1, Name: "Mia", Birth: now.AddDate(0, 0, -77), Due: now.AddDate(0, 0, -21), GoAhead: goAhead}}
	st.last = 1
	return st
}

// A baby born early is asked for the doctor's or nurse's go-ahead before
// any routine, on every path: the home screen marks no routine as
// suiting her until then, and a "no" stops kindly with no other routine
// offered instead. Nothing is saved.
func TestBornEarlyAsksForTheGoAheadFirst(t *testing.T) {
	hs := newHarness(t, 80, 24, bornEarly(time.Time{}))
	hs.want("Ask your baby's doctor or nurse first")
	if v := hs.view(); strings.Contains(v, "✓") {
		t.Fatalf("a routine is marked as suiting a baby born early without the go-ahead:\n%s", v)
	}
	hs.want("Mia was born early: ask your baby's doctor or nurse")
	hs.press("enter") // the newborn routine, which suits her corrected age
	hs.want("cradle · Newborn first touch")
	hs.want("Has your baby's doctor or nurse said massage is right for your")
	hs.want("1 of 9")
	hs.press("n")
	hs.want("Not just now")
	hs.want("Your baby was born early: please ask your baby's doctor or nurse")
	hs.want("Until then, you can hold your")
	hs.want("rest a still, warm hand on")
	if v := hs.view(); strings.Contains(v, "another routine") || strings.Contains(v, "begin") {
		t.Fatalf("the stop offers something else to do than ask:\n%s", v)
	}
	hs.press("enter")
	hs.want("Choose a massage")
	if n := len(hs.st.order); n != 0 || !hs.st.babies[0].GoAhead.IsZero() {
		t.Fatalf("%d sessions and a go-ahead of %v after a no", n, hs.st.babies[0].GoAhead)
	}

	// cradle run and a routine a clinician clears ask it too, each first.
	for _, id := range []string{"bedtime", "stroking-movement"} {
		hs = run(t, 80, 24, bornEarly(time.Time{}), id)
		hs.want("Has your baby's doctor or nurse said massage is right for your")
	}
}

// A yes is remembered with its date: the home screen and the check say
// it, the next check does not ask it, and c on the babies screen
// withdraws it with one key, after which cradle asks again.
func TestTheGoAheadIsRememberedAndCanBeWithdrawn(t *testing.T) {
	hs := newHarness(t, 80, 24, bornEarly(time.Time{}))
	hs.press("enter")
	hs.press("y") // the doctor or nurse said yes
	hs.answerEach(func(q routines.Question) string {
		if q.About == routines.ReadinessCold {
			return "y"
		}
		return "n"
	})
	hs.session()
	said := hs.st.babies[0].GoAhead
	if said.IsZero() || said.After(hs.clock.Now()) {
		t.Fatalf("the go-ahead saved is %v at %v", said, hs.clock.Now())
	}
	day := said.Format("2 Jan")
	hs.press("e", "y", "enter") // end, and home
	hs.want("Your doctor or nurse said yes to massage on " + day + ".")
	hs.want("✓ suits Mia's age")

	hs.press("enter")
	hs.want("Same as this morning?") // nothing was in the way: the go-ahead is not asked
	hs.want("Your doctor or nurse said yes to massage on " + day + ".")
	hs.press("n") // something changed: every question, but not the go-ahead
	hs.want("Before you start")
	hs.want("Your doctor or nurse said yes to massage on " + day + ".")
	if v := hs.view(); strings.Contains(v, "said massage is right") {
		t.Fatalf("the go-ahead is asked again:\n%s", v)
	}
	hs.press("esc")

	hs.press("b")
	hs.want("Born early: the doctor or nurse said yes to massage on " + said.Format("2 Jan 2006") + ".")
	hs.want("withdraws it.")
	hs.press("c")
	if got := hs.st.babies[0].GoAhead; !got.IsZero() {
		t.Fatalf("after c the go-ahead is still %v", got)
	}
	hs.want("Born early: cradle asks whether the doctor or nurse has said yes")
	hs.press("esc")
	hs.want("Ask your baby's doctor or nurse first")
	hs.press("enter")
	hs.want("Has your baby's doctor or nurse said massage is right for your")
}

// A baby born 3 weeks early or less is counted by corrected age, but not
// asked for a go-ahead.
func TestBornAFewWeeksEarlyIsNotAsked(t *testing.T) {
	st := bornEarly(time.Time{})
	st.babies[0].Due = st.babies[0].Birth.AddDate(0, 0, 21)
	hs := newHarness(t, 80, 24, st)
	hs.want("✓ suits Mia's age")
	hs.press("enter")
	hs.want("Before you start")
	if v := hs.view(); strings.Contains(v, "said massage is right") {
		t.Fatalf("a baby born 3 weeks early is asked for the go-ahead:\n%s", v)
	}
}

// Under a doctor's care: the check stops and says to ask the doctor.
func TestDoctorsCareStops(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("enter")
	hs.answer(routines.ReadinessCare)
	hs.want("Not just now")
	hs.want("please ask your baby's doctor first")
	hs.want("jaundice")
	hs.press("enter")
	hs.want("Choose a massage")
	if n := len(hs.st.order); n != 0 {
		t.Fatalf("%d sessions begun under a doctor's care", n)
	}
}

// A routine with tummy strokes asks about a feed in the last 45 minutes;
// only a yes asks whether it was in the last 30. 30 to 45 minutes leaves
// the tummy out; within 30 the massage waits. Most parents answer one
// question, as before.
func TestFedWithin45MinutesLeavesTheTummyOut(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("enter")
	hs.want("Has your baby fed in the last 45 minutes?")
	hs.press("n")
	hs.want("Is your baby asleep, hungry, tired or upset right now?")
	hs.want("2 of 10")

	hs = newHarness(t, 80, 24, withBaby())
	hs.press("enter", "y")
	hs.want("Was the feed in the last 30 minutes?")
	hs.want("2 of 11")
	hs.press("y")
	hs.want("Not just now")
	hs.want("about half an hour after a feed")

	hs = newHarness(t, 80, 24, withBaby())
	hs.press("enter", "y", "n")
	hs.answerEach(func(q routines.Question) string {
		if q.About == routines.ReadinessCold {
			return "y"
		}
		return "n"
	})
	hs.want("Tummy: left out until 45 minutes after a feed.")
	hs.want("begin without tummy")

	// Going back to the first question and saying no forgets the second.
	hs = newHarness(t, 80, 24, withBaby())
	hs.press("enter", "y", "y")
	hs.want("Not just now")
	hs.press("b")      // change the answers
	hs.press("n", "n") // not fed in the last 45 minutes; calm
	hs.want("Does your baby have a fever or seem unwell?")
	if rs := hs.m.screen.(*readyScreen); rs.ans.Fed {
		t.Fatal("a feed in the last 30 minutes is kept after answering no to 45")
	}
}

// The screens of the go-ahead: the question, its stop, and the home
// screen before and after, at a roomy and a small window.
func TestGoAheadGoldens(t *testing.T) {
	yes := t0.AddDate(0, 0, -3)
	for _, sz := range []struct{ w, h int }{{80, 24}, {60, 20}} {
		name := func(s string) string { return fmt.Sprintf("goahead-%s-%dx%d", s, sz.w, sz.h) }
		hs := newHarness(t, sz.w, sz.h, bornEarly(time.Time{}))
		hs.want("Newborn first touch")
		golden.Check(t, name("home"), hs.view())
		hs.press("enter")
		hs.want("Before you start")
		golden.Check(t, name("question"), hs.view())
		hs.press("n")
		hs.want("Not just now")
		golden.Check(t, name("stop"), hs.view())

		hs = newHarness(t, sz.w, sz.h, bornEarly(yes))
		hs.want("Newborn first touch")
		golden.Check(t, name("home-yes"), hs.view())
	}
}

// A hip harness or brace leaves out the moves that bend or roll the hips,
// says which, and says to ask the doctor before any leg movement; the
// session started from it never shows one.
func TestHipHarnessLeavesOutTheHipMoves(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {60, 20}} {
		hs := run(t, sz.w, sz.h, babyAged(60), "colic")
		hs.answer(routines.ReadinessHarness)
		hs.want("Knees to tummy: left out while your baby wears a hip")
		hs.want("ask your baby's doctor")
		golden.Check(t, fmt.Sprintf("ready-harness-%dx%d", sz.w, sz.h), hs.view())
	}

	hs := run(t, 80, 24, babyAged(60), "full-body")
	hs.answer(routines.ReadinessHarness)
	hs.want("Rolling (Legs and feet): left out while your baby wears a hip")
	hs.press("enter")
	hs.session()
	rolled := false
	for n := 0; n < 400; n++ {
		ss, ok := hs.m.screen.(*sessionScreen)
		if !ok {
			break
		}
		st := ss.sess.State()
		if st.Phase == routines.PhaseEnded {
			break
		}
		if routines.LoadsHips(st.Region, st.Step) {
			t.Fatalf("a move that loads the hips is shown:\n%s", hs.view())
		}
		rolled = rolled || st.Region.ID == "arms" && st.Step.Name == "Rolling"
		if st.Phase == routines.PhaseCheckIn {
			hs.press("1")
			continue
		}
		if st.Phase == routines.PhaseWaiting && !st.TimeUp {
			hs.press("space") // the baby's yes
			continue
		}
		hs.press("right")
	}
	if !rolled {
		t.Fatal("the session never reached the arms' rolling: the walk did not go through the routine")
	}
}
