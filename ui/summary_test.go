package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
)

// A "not now" at the start is no massage: the summary says nothing of
// what babies do after one.
func TestNotNowSummary(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.startNewborn()
	hs.press("s", "e", "y") // to the ask; the baby says no
	if _, ok := hs.m.screen.(*summaryScreen); !ok {
		t.Fatalf("screen %T; want the summary", hs.m.screen)
	}
	hs.want("Saved.")
	if v := hs.view(); strings.Contains(v, "After a massage") {
		t.Fatalf("a not-now summary talks of after a massage:\n%s", v)
	}
}

// The summary says what happened to each region: skipping to the arms
// and ending after its resting hands is not "arms and hands done".
func TestSummaryTellsWhatWasDone(t *testing.T) {
	hs := startRoutine(t, "1")
	hs.press("s", "s", "s") // legs, tummy and chest skipped
	st := hs.session().sess.State()
	if st.Region.ID != "arms" {
		t.Fatalf("at %q, want the arms", st.Region.ID)
	}
	for st.Step.Kind == routines.StepPrepare { // getting ready for the arms first
		hs.tick(st.Remaining)
		st = hs.session().sess.State()
	}
	hs.tick(st.Remaining) // resting hands run out
	hs.press("e", "y")
	hs.wantSaid("Ended early.")
	hs.wantSaid(fmt.Sprintf("Arms and hands ended here · 1 of %d steps", st.StepsInRegion))
	hs.wantSaid("Legs and feet skipped")
	hs.wantSaid("Face not reached")
	hs.wantNot("Arms and hands done")
	// The words are explained where they show.
	hs.wantSaid("Skipped: skipped with s, by a choice after an answer, or by moving on from its steps at once.")
	hs.wantSaid("Ended here: the session ended during it.")

	// Skipping every region is no "All done".
	hs = startRoutine(t, "1")
	for range 6 {
		hs.press("s")
	}
	hs.wantSaid("Every region was skipped, and that is fine.")
	hs.wantNot("All done")
}

// How a session ends decides its message: stopping while getting ready is
// no "not now" from the baby; a "not now" at the ask is.
func TestEndingMessageFitsHowItEnded(t *testing.T) {
	hs := newHarness(t, 100, 30, withBaby())
	hs.press("1", "enter")
	hs.answerReady()
	hs.press("e")
	hs.wantSaid("Stop before you begin?")
	hs.press("y")
	hs.wantSaid("Stopped before the massage began.")
	hs.wantNot("respecting")

	hs = newHarness(t, 100, 30, withBaby())
	hs.press("1", "enter")
	hs.answerReady()
	hs.press("s", "e")
	hs.wantSaid("Not now for your baby?")
	hs.press("y")
	hs.wantSaid("Not today, and that is fine.")
	hs.wantSaid("Asking, and respecting a \"no\", is part of the massage")
}

// A baby who fell asleep has the safe-sleep words once, in the answer's
// own, not again as "if your baby drifts off" under "has drifted off".
func TestAsleepSaysSafeSleepOnce(t *testing.T) {
	hs := startRoutine(t, "1")
	hs.tick(15 * time.Second) // the resting hands, held: a massage, not passed by
	hs.press("c", "6")
	hs.wantSaid("firm, flat surface of their own")
	hs.wantNot(routines.SleepAfter)
	if n := strings.Count(hs.view(), "firm, flat surface"); n != 1 {
		t.Fatalf("the safe-sleep words %d times:\n%s", n, hs.view())
	}
}

// A session that stops a second or two into a step counts the seconds
// that ran: the step was massaged, not passed by. Pauses are left out.
func TestTimeMassagingCountsAStepStoppedIn(t *testing.T) {
	for _, c := range []struct {
		name string
		keys []string
		want string
	}{
		{"crying a second in", []string{"c", "5"}, "Time massaging  1 s"},
		{"asleep after 2 s, a pause and 1 s more", []string{"space", "+wait", "space", "+run", "c", "6"}, "Time massaging  2 s"},
	} {
		hs := startRoutine(t, "1")
		for st := hs.session().sess.State(); st.Step.Kind == routines.StepPrepare; st = hs.session().sess.State() {
			hs.tick(st.Remaining) // the baby turned, the hands ready
		}
		if k := hs.session().sess.State().Step.Kind; k == routines.StepPrepare || k == routines.StepPermission {
			t.Fatalf("%s: not at a step of massage", c.name)
		}
		hs.tick(time.Second)
		for _, k := range c.keys {
			switch k {
			case "+wait":
				hs.jump(30 * time.Second) // paused: not massage
			case "+run":
				hs.tick(time.Second)
			default:
				hs.press(k)
			}
		}
		if _, ok := hs.m.screen.(*summaryScreen); !ok {
			t.Fatalf("%s: screen %T; want the summary:\n%s", c.name, hs.m.screen, hs.view())
		}
		hs.want(c.want)
	}
}

// The heading of a session that went to the end says what its region
// lines say: steps passed by leave a region part done, not skipped.
func TestPartDoneHeadingFitsTheRegions(t *testing.T) {
	for _, c := range []struct {
		name, keys string
		want, not  string
	}{
		{"a step passed by", "n", "To the end, with some steps passed by.", "skipped"},
		{"a region skipped", "s", "To the end, with some regions skipped.", "passed by"},
	} {
		hs := startRoutine(t, "1")
		for st := hs.session().sess.State(); st.Step.Kind == routines.StepPrepare; st = hs.session().sess.State() {
			hs.tick(st.Remaining)
		}
		hs.press(c.keys) // at once: under 3 s
		hs.tick(2 * time.Hour)
		if _, ok := hs.m.screen.(*summaryScreen); !ok {
			t.Fatalf("%s: screen %T; want the summary:\n%s", c.name, hs.m.screen, hs.view())
		}
		title := hs.m.screen.(*summaryScreen).title()
		if !strings.HasPrefix(title, c.want) || strings.Contains(title, c.not) {
			t.Errorf("%s: heading %q, want %q", c.name, title, c.want)
		}
		hs.want(c.want)
	}
}
