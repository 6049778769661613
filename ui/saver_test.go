package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/store"
)

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
