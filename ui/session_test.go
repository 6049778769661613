package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// The first start asks for the baby (both fields can be skipped), then the
// readiness check, then the session; the events reach the store in order.
func TestFirstStartAndWalk(t *testing.T) {
	hs := newHarness(t, 80, 24, nil)
	hs.want("Choose a massage")
	hs.press("4", "enter")
	hs.want("Your baby's name")
	hs.want("It is not medical")
	for _, r := range "Noor" {
		hs.press(string(r))
	}
	hs.press("enter", "enter", "enter", "enter") // name, no birth date, no due date, not said whether born early
	if hs.st.babies[0].Name != "Noor" || hs.st.last != 1 {
		t.Fatalf("baby not saved: %+v last=%d", hs.st.babies, hs.st.last)
	}
	hs.answerReady()
	hs.want("A few slow breaths")
	// Let the timed ritual run out on its own, then say yes.
	hs.tick(20 * time.Second)
	hs.want("Rub your hands")
	hs.tick(8 * time.Second)
	hs.tick(5 * time.Second)
	hs.want("Ask, and wait for a yes")
	hs.press("space")
	st := hs.session().sess.State()
	if st.RegionNum != 1 {
		t.Fatalf("after yes: region %d, want 1", st.RegionNum)
	}
	hs.press("n", "n")
	hs.press("e", "y")
	hs.want("Ended early")
	rec, evs := hs.st.only(t)
	if rec.BabyName != "Noor" || rec.RoutineID != "newborn" || rec.Status != store.StatusDone || rec.Reason != routines.EndEarly {
		t.Fatalf("session record: %+v", rec)
	}
	want := []string{"start", "step_done", "step_done", "step_done", "step_done", "step_skipped", "step_skipped", "end"}
	if got := kinds(evs); !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	// The timed steps ended at their deadlines, not when a tick arrived.
	if d := evs[1].At.Sub(evs[0].At); d != 20*time.Second {
		t.Fatalf("breathing step took %v, want 20s", d)
	}
	hs.press("enter")
	hs.want("Choose a massage")
}

func TestCheckInAnswers(t *testing.T) {
	for _, tc := range []struct {
		digit  string
		cue    routines.Cue
		screen string // what shows next
	}{
		{"1", routines.CueRelaxed, "2 of 6"},
		{"2", routines.CueContent, "2 of 6"},
		{"3", routines.CueSubtle, "RESTING HANDS"},
		{"4", routines.CueFussing, "RESTING HANDS"},
		{"5", routines.CueCrying, "Ended gently"},
		{"6", routines.CueAsleep, "Sweet dreams"},
	} {
		t.Run(string(tc.cue), func(t *testing.T) {
			hs := newHarness(t, 80, 24, withBaby())
			hs.press("enter")
			hs.answerReady()
			hs.press("s", "space") // straight to asking; the baby says yes
			for hs.session().sess.State().Phase != routines.PhaseCheckIn {
				hs.press("n")
			}
			hs.want("How is your baby?")
			hs.press(tc.digit)
			hs.want(tc.screen)
			_, evs := hs.st.only(t)
			var got routines.Cue
			for _, ev := range evs {
				if ev.Kind == routines.EvCheckIn {
					got = ev.Cue
				}
			}
			if got != tc.cue {
				t.Fatalf("saved cue %q, want %q", got, tc.cue)
			}
		})
	}
}

// A check-in nobody answers is saved as unanswered and the routine goes
// on: the parent's hands are busy.
func TestUnansweredCheckIn(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("enter")
	hs.answerReady()
	hs.press("s", "space")
	for hs.session().sess.State().Phase != routines.PhaseCheckIn {
		hs.press("n")
	}
	hs.tick(29 * time.Second)
	hs.want("going on in 0:01")
	hs.tick(time.Second)
	if st := hs.session().sess.State(); st.Phase != routines.PhaseRunning || st.RegionNum != 2 {
		t.Fatalf("after the wait: phase %v region %d", st.Phase, st.RegionNum)
	}
	_, evs := hs.st.only(t)
	last := evs[len(evs)-1]
	if last.Kind != routines.EvCheckIn || last.Cue != routines.CueUnanswered {
		t.Fatalf("last event %+v, want an unanswered check-in", last)
	}
}

// ctrl+c saves and quits, leaving the session open to resume; the next
// start offers it, and resuming goes on after the last step done.
func TestQuitAndResume(t *testing.T) {
	st := withBaby()
	hs := newHarness(t, 80, 24, st)
	hs.press("enter")
	hs.answerReady()
	hs.press("s", "space", "n") // to asking, yes, then past the resting hands
	hs.tick(2 * time.Second)
	stroke := hs.session().sess.State().Step.Title()
	hs.press("ctrl+c")
	if !hs.quit {
		t.Fatal("ctrl+c did not quit")
	}
	rec, evs := st.only(t)
	if last := evs[len(evs)-1]; rec.Status != store.StatusInProgress || last.Kind != routines.EvQuit || last.By != "ctrl+c" {
		t.Fatalf("after ctrl+c: %+v, events %v", rec, kinds(evs))
	}
	// Back in the shell, cradle says the session is kept.
	if got := hs.m.Farewell(); got != "Saved. Open cradle (its home screen) to pick this up again." {
		t.Errorf("said in the shell: %q", got)
	}

	hs = newHarness(t, 80, 24, st)
	hs.want("Pick up where you stopped?")
	// Where it goes on, with the time left from there: the stroke cut off
	// in full, and the rest of the routine.
	hs.want("It goes on in Legs and feet at " + stroke + ", step 2 of 16, with")
	hs.want("19:02 left.")
	hs.want("So far: Legs and feet part done · 0 of 16 steps.") // the resting hands passed at once
	hs.press("r")
	hs.want("Ask, and wait for a yes") // time has passed: ask again
	hs.want("picks up at Legs and feet · 19:02 left")
	hs.want("Then  Legs and feet · " + stroke + ", step 2 of 16")
	if strings.Contains(hs.view(), "6 regions") {
		t.Errorf("the ask again shows the whole routine:\n%s", hs.view())
	}
	hs.press("space")
	if got := hs.session().sess.State().Step.Title(); got != stroke {
		t.Fatalf("resumed at %q, want %q", got, stroke)
	}
	hs.press("e", "y")
	_, evs = st.only(t)
	if k := kinds(evs); !slices.Contains(k, "reopen") || k[len(k)-1] != "end" {
		t.Fatalf("events after resume: %v", k)
	}
	// The summary leaves the time away out.
	hs.want("Time massaging")
}

// A signal (a shutdown's SIGTERM, a closed terminal's SIGHUP) does what
// ctrl+c does: the session stops where it is, saved, with the signal
// named in its timeline, and the shell hears that it is kept.
func TestSignalSavesAsCtrlC(t *testing.T) {
	for _, sig := range []string{"SIGTERM", "SIGHUP"} {
		st := withBaby()
		hs := newHarness(t, 80, 24, st)
		hs.press("enter")
		hs.answerReady()
		hs.press("s", "space")
		hs.tick(4 * time.Second)
		hs.send(StopMsg{By: sig})
		if !hs.quit {
			t.Fatalf("%s did not quit", sig)
		}
		rec, evs := st.only(t)
		last := evs[len(evs)-1]
		if rec.Status != store.StatusInProgress || last.Kind != routines.EvQuit || last.By != sig || last.Elapsed != 4*time.Second {
			t.Fatalf("after %s: %v, last event %+v", sig, rec.Status, last)
		}
		if got := hs.m.Farewell(); got != "Saved. Open cradle (its home screen) to pick this up again." {
			t.Errorf("after %s, said in the shell: %q", sig, got)
		}
		hs = newHarness(t, 100, 30, st)
		hs.press("esc", "h", "enter")
		hs.want(quitWords(sig))
	}
	if quitWords("SIGTERM") == quitWords("ctrl+c") || quitWords("ctrl+c") != "cut off here: cradle was quit (ctrl+c)" {
		t.Errorf("the timeline's words: %q, %q", quitWords("SIGTERM"), quitWords("ctrl+c"))
	}
}

// a turns auto-advance off: a step whose time is up waits for →; a again
// turns it back on and moves on.
func TestAutoAdvanceToggle(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("enter")
	hs.answerReady()
	hs.press("s", "space") // to the first body step
	first := hs.session().sess.State().Step.Title()
	hs.press("a")
	hs.want("auto-advance off (a)")
	hs.tick(time.Minute)
	hs.want("Time is up for this one")
	if got := hs.session().sess.State().Step.Title(); got != first {
		t.Fatalf("moved on to %q with auto-advance off", got)
	}
	hs.press("a")
	if got := hs.session().sess.State().Step.Title(); got == first {
		t.Fatal("turning auto-advance back on did not move on")
	}
}

// The auto-advance setting off starts every session with auto-advance
// off: a step whose time is up waits, as after the a key.
func TestAutoAdvanceSettingOff(t *testing.T) {
	hs := newHarnessWith(t, 80, 24, Config{Store: withBaby(), Manual: true})
	hs.press("enter")
	hs.answerReady()
	hs.press("s", "space") // to the first body step
	first := hs.session().sess.State().Step.Title()
	hs.want("auto-advance off (a)")
	hs.tick(time.Minute)
	hs.want("Time is up for this one")
	if got := hs.session().sess.State().Step.Title(); got != first {
		t.Fatalf("moved on to %q with auto-advance off", got)
	}
}

// cradle stopped for a while (kill -STOP, a suspended job) finds its
// tick long overdue: it does not run through the steps nobody saw, but
// pauses where it was and says why; space goes on from there. A key
// pressed first only shows that.
func TestStoppedProcessPausesWhereItWas(t *testing.T) {
	for _, first := range []string{"tick", "key"} {
		hs := startRoutine(t, "1")
		hs.press("n") // a stroke
		hs.tick(2 * time.Second)
		st := hs.session().sess.State()
		hs.clock.Add(20 * time.Second)
		if first == "tick" {
			hs.jump(0)
		} else {
			hs.press("n")
		}
		now := hs.session().sess.State()
		if !now.Paused || now.Step.Title() != st.Step.Title() || now.Remaining < st.Remaining-time.Second {
			t.Fatalf("after a stop (%s first): %q paused %v with %s left; want %q paused with about %s",
				first, now.Step.Title(), now.Paused, now.Remaining, st.Step.Title(), st.Remaining)
		}
		hs.wantSaid("Paused: cradle was stopped for 19 s, so nothing moved on meanwhile.") // from the tick that was due, a second on
		_, evs := hs.st.only(t)
		if last := evs[len(evs)-1]; last.Kind != routines.EvPause {
			t.Fatalf("events end %v; want a pause, no step done unseen", kinds(evs))
		}
		hs.press("space")
		hs.wantNot("cradle was stopped")
		if st := hs.session().sess.State(); st.Paused {
			t.Fatal("space did not go on")
		}
	}
}
