package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/internal/testclock"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

func sizeMsg(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

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
	hs.press("enter", "enter", "enter") // name, no birth date, no due date
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

// Each new stroke, region, check-in and the end ask for a sound.
func TestSounds(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("enter")
	hs.answerReady()
	if !slices.Equal(hs.sound.played, []SoundKind{SoundRegion}) {
		t.Fatalf("at start: %v", hs.sound.played)
	}
	hs.tick(20 * time.Second) // next ritual step
	hs.press("n", "n", "space")
	hs.sound.played = nil
	hs.press("n")
	if !slices.Equal(hs.sound.played, []SoundKind{SoundStroke}) {
		t.Fatalf("next stroke: %v", hs.sound.played)
	}
	for hs.session().sess.State().Phase != routines.PhaseCheckIn {
		hs.press("n")
	}
	if got := hs.sound.played[len(hs.sound.played)-1]; got != SoundCheckIn {
		t.Fatalf("check-in sound %v", got)
	}
	hs.press("1")
	if got := hs.sound.played[len(hs.sound.played)-1]; got != SoundRegion {
		t.Fatalf("new region sound %v", got)
	}
	hs.press("e", "y")
	if got := hs.sound.played[len(hs.sound.played)-1]; got != SoundEnd {
		t.Fatalf("end sound %v", got)
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
	if got := hs.m.Farewell(); got != "Saved. cradle offers to pick this up again." {
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
		if got := hs.m.Farewell(); got != "Saved. cradle offers to pick this up again." {
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

func TestCloseAsInterrupted(t *testing.T) {
	st := withBaby()
	hs := newHarness(t, 80, 24, st)
	hs.press("enter")
	hs.answerReady()
	hs.press("ctrl+c")
	hs = newHarness(t, 80, 24, st)
	hs.press("x")
	hs.want("Choose a massage")
	rec, _ := st.only(t)
	if rec.Status != store.StatusDone || rec.Reason != routines.EndInterrupted {
		t.Fatalf("closed session: %+v", rec)
	}
}

// massageOnAFullDisk starts a massage past the ask, on a store whose
// writes now fail as on a full disk.
func massageOnAFullDisk(t *testing.T) (*harness, *memStore) {
	t.Helper()
	st := withBaby()
	hs := newHarness(t, 80, 24, st)
	hs.press("enter")
	hs.answerReady()
	hs.press("s", "space")
	st.mu.Lock()
	st.fail = errors.New("no space left on device")
	st.mu.Unlock()
	return hs, st
}

// A failing disk never loses events: they stay queued, the screen says
// what is wrong, and they are written once the disk has room again.
func TestSaveFailureKeepsEvents(t *testing.T) {
	hs, st := massageOnAFullDisk(t)
	hs.press("n", "n")
	hs.want("Could not save to /data/cradle.db: no space left on device")
	st.mu.Lock()
	st.fail = nil
	st.mu.Unlock()
	hs.send(retrySaveMsg{})
	_, evs := st.only(t)
	if got := kinds(evs); got[len(got)-1] != "step_skipped" || len(got) != 5 {
		t.Fatalf("after retry: %v", got)
	}
	if strings.Contains(hs.view(), "Could not save") {
		t.Fatal("the warning stayed after saving worked again")
	}
}

// ctrl+c while saving fails: cradle keeps trying, and says that a second
// ctrl+c quits at once and what that would lose; the second one quits.
func TestQuitWhileSavingFails(t *testing.T) {
	hs, _ := massageOnAFullDisk(t)
	hs.press("n", "n")
	hs.press("ctrl+c")
	if hs.quit {
		t.Fatal("quit at the first ctrl+c with events not saved")
	}
	n, first, _ := hs.m.app.saver.pending()
	hs.want("Saving…")
	hs.want("Could not save to /data/cradle.db: no space left on device.")
	hs.want(fmt.Sprintf("Press ctrl+c again to quit now: the last %d events, since %s,", n, first.At.Format("15:04:05")))
	hs.want("would be lost. What was saved before stays")
	if n < 3 {
		t.Errorf("%d events waiting; the steps, the pause: want 3 or more", n)
	}
	golden.Check(t, "quit-while-saving-fails", hs.view())
	hs.press("ctrl+c")
	if !hs.quit {
		t.Fatal("the second ctrl+c did not quit")
	}

	// A disk full before the massage's record was written: all of it.
	st := withBaby()
	st.fail = errors.New("no space left on device")
	hs = newHarness(t, 80, 24, st)
	hs.press("enter")
	hs.answerReady()
	hs.press("s", "space", "ctrl+c")
	hs.want("Press ctrl+c again to quit now: this massage, not saved at all yet,")
	if hs.quit {
		t.Fatal("quit at the first ctrl+c with a massage not saved")
	}
}

// A massage begun while an earlier one's events still wait (the disk was
// full) queues behind them: the earlier session is written to its end,
// then the new one, and the summary never says "Saved." too soon.
func TestSaveFailureThenANewSession(t *testing.T) {
	hs, st := massageOnAFullDisk(t)
	hs.press("n", "n", "e", "y") // two steps on, then end
	hs.want("Not saved yet")
	if strings.Contains(hs.view(), "Saved.") {
		t.Fatalf("the summary says saved while the disk is full:\n%s", hs.view())
	}
	hs.press("enter") // home
	st.mu.Lock()
	st.fail = nil
	st.mu.Unlock()
	hs.press("enter")
	hs.answerReady()
	hs.send(retrySaveMsg{})

	st.mu.Lock()
	defer st.mu.Unlock()
	if len(st.order) != 2 {
		t.Fatalf("%d sessions saved; want 2", len(st.order))
	}
	first, second := kinds(st.events[st.order[0]]), kinds(st.events[st.order[1]])
	want := []string{"start", "region_skipped", "step_done", "step_skipped", "step_skipped", "end"}
	if strings.Join(first, " ") != strings.Join(want, " ") {
		t.Fatalf("first session: %v; want %v", first, want)
	}
	if len(second) == 0 || second[0] != "start" {
		t.Fatalf("second session: %v; want it to begin with start", second)
	}
	if st.sessions[st.order[0]].Status != store.StatusDone {
		t.Fatalf("first session is %s; want done", st.sessions[st.order[0]].Status)
	}
}

// The readiness check stops kindly on an answer that rules massage out,
// and leaves the tummy out while the cord heals.
func TestReadiness(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("enter", "n", "n", "y") // fever
	hs.want("Not just now")
	hs.want("fever")
	hs.press("enter")
	hs.want("Choose a massage")

	hs.press("enter", "n", "n", "n", "n", "n", "n", "y", "n", "n", "y", "n") // cord stump
	hs.want("Tummy: left out until the cord stump has healed")
	hs.press("enter")
	hs.press("s", "space")
	for hs.session().sess.State().Phase != routines.PhaseCheckIn {
		hs.press("n")
	}
	hs.press("1")
	if got := hs.session().sess.State().Region.ID; got != "chest" {
		t.Fatalf("after legs came %q, want chest (tummy left out)", got)
	}
}

func TestTooSmall(t *testing.T) {
	hs := newHarness(t, 30, 8, nil)
	hs.want("Make the window larger")
	hs.send(sizeMsg(1, 1))
	if v := hs.view(); strings.Count(v, "\n") > 0 || len([]rune(v)) > 1 {
		t.Fatalf("1x1 view %q", v)
	}
	hs.send(sizeMsg(80, 24))
	hs.want("Choose a massage")
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

// brokenStore fails every read, as a damaged database might.
type brokenStore struct{ *memStore }

func (brokenStore) Babies() ([]store.Baby, error) { return nil, errors.New("page 7 is damaged") }

// A store that cannot be read at start is said plainly on the home screen.
func TestLoadErrorShown(t *testing.T) {
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	hs := &harness{t: t, st: newMemStore(), clock: testclock.New(t0), sound: &soundLog{}}
	hs.m = New(Config{Store: brokenStore{hs.st}, Routines: lib, Clock: hs.clock, Sound: hs.sound})
	hs.send(sizeMsg(100, 30))
	hs.run(hs.m.Init())
	hs.want("Could not read your data (page 7 is damaged)")
	hs.want("Choose a massage")
}

// The home screen's help names the digits that choose a routine by its
// place in the list, as the guide says, and a digit does just that.
func TestHomeHelpNamesTheDigits(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("?")
	hs.want("1-9     choose the routine at that place in the list")
	hs.press("esc", "3", "enter")
	hs.answerReady()
	if got := hs.session().r.ID; got != hs.m.app.homeRoutines()[2].ID {
		t.Errorf("3 started %q", got)
	}
}

// Help shows the keys of the moment: the yes at the start, the three
// choices after resting hands; and those keys do what help says.
func TestHelpForTheMoment(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.startNewborn()
	hs.press("s") // the ritual: straight to asking
	hs.want("space yes, begin · e not now")
	hs.press("?")
	hs.want("space   yes, begin")
	hs.press("esc") // closes help
	hs.press("enter")
	if st := hs.session().sess.State(); st.Region.Opening {
		t.Fatalf("enter at the ask did not begin: %q", st.Step.Name)
	}
	for hs.session().sess.State().Phase != routines.PhaseCheckIn {
		hs.press("n")
	}
	hs.press("4", "right") // fussing; the hold cut short: the offer
	hs.press("?")
	hs.want("1       go on")
	hs.want("2       skip the region it names")
	if strings.Contains(hs.view(), "During a stroke") {
		t.Fatalf("help at the offer lists keys that do nothing there:\n%s", hs.view())
	}
	hs.want("3       end")
	hs.press("esc")
	next := hs.session().sess.State().NextRegion
	if next == nil {
		t.Fatal("the offer names no next region")
	}
	hs.press("2")
	log := hs.session().log
	if last := log[len(log)-1]; last.Kind != routines.EvRegionSkipped || last.Region != next.ID {
		t.Fatalf("2 at the offer logged %s of %q; want %s skipped", last.Kind, last.Region, next.ID)
	}
}

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

// The areas to leave out are picked with space, as the question says, and
// the keys fit under the list at 80x24.
func TestAreasQuestionKeys(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("enter", "n", "n", "n", "n", "n", "y", "n", "n", "n", "y", "n") // a rash: which areas?
	hs.want("Which areas should we leave out today?")
	hs.want("space pick")
	if v := hs.view(); strings.Contains(v, "x toggle") || strings.Contains(v, "y or n") {
		t.Fatalf("the areas question offers other keys:\n%s", v)
	}
	hs.press("down", "space", "enter") // the tummy
	hs.want("begin without tummy")
}

// A narrow help bar keeps "? help" and the way out; the others give way.
func TestHelpBarKeepsHelpAndTheWayOut(t *testing.T) {
	hs := newHarness(t, 40, 12, withBaby())
	a, k := hs.m.app, hs.m.app.keys
	bar := ansi.Strip(a.helpBar(38, k.Start, k.History, k.Insights, k.Babies, k.Baby, k.Help, k.Quit))
	if !strings.Contains(bar, "? help") || !strings.Contains(bar, "q quit") || !strings.HasPrefix(bar, "enter start") {
		t.Fatalf("bar at 38 columns: %q", bar)
	}
	if w := ansi.StringWidth(bar); w > 38 {
		t.Fatalf("bar is %d wide: %q", w, bar)
	}
	if bar := ansi.Strip(a.helpBar(200, k.Start, k.History, k.Help)); bar != "enter start · h history · ? help" {
		t.Fatalf("bar with room: %q", bar)
	}
}

// Events whose session is gone (removed with its baby while they waited)
// are let go, so the next massage is saved, not held up behind them.
func TestSaverLetsGoOfAGoneSession(t *testing.T) {
	hs, st := massageOnAFullDisk(t)
	st.mu.Lock()
	gone := st.order[0]
	st.mu.Unlock()
	hs.press("n", "e", "y", "enter") // events wait; home
	st.mu.Lock()
	st.fail = nil
	delete(st.sessions, gone)
	st.mu.Unlock()
	hs.press("enter")
	hs.answerReady()
	hs.send(retrySaveMsg{})
	if !hs.m.app.saver.idle() || hs.m.app.saver.err != nil {
		t.Fatalf("the saver is stuck: idle %v, err %v", hs.m.app.saver.idle(), hs.m.app.saver.err)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if len(st.order) != 2 || len(st.events[st.order[1]]) == 0 {
		t.Fatalf("the second session was not saved: %d sessions, events %v", len(st.order), st.events)
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

// The baby setting chooses the baby at start, by name in any case; a
// name no baby has is said once, and the baby chosen last stays.
func TestBabySetting(t *testing.T) {
	twins := func() *memStore {
		st := withBaby()
		st.babies = append(st.babies, store.Baby{ID: 2, Name: "Bea", Birth: time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)})
		return st
	}
	hs := newHarnessWith(t, 80, 24, Config{Store: twins(), Baby: "bea"})
	if got := hs.m.app.baby.Name; got != "Bea" {
		t.Errorf("baby setting bea: the baby is %q", got)
	}
	hs = newHarnessWith(t, 80, 24, Config{Store: twins(), Baby: "Zed"})
	if got := hs.m.app.baby.Name; got != "Mia" {
		t.Errorf("baby setting Zed: the baby is %q, want Mia, chosen last", got)
	}
	hs.want(`No baby is called "Zed": this is Mia, the baby chosen last.`)
}

// The swedish-milking-only setting answers the choice about Indian
// milking for the run: it is not asked, and every routine follows it.
func TestMilkingSetting(t *testing.T) {
	st := withBaby()
	st.settings = store.Settings{} // never chosen in cradle
	hs := newHarnessWith(t, 80, 24, Config{Store: st, Milking: store.MilkingSwedishOnly})
	hs.want("Swedish milking only (m keeps Indian milking too)")
	hs.press("enter")
	hs.answerReady()
	if _, ok := hs.m.screen.(*milkingScreen); ok {
		t.Fatal("asked about Indian milking though the setting answers it")
	}
	hs.session()
}
