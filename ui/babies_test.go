package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/store"
)

// With twins, the baby is asked before the readiness check, the one used
// last already chosen; the session and the next default are for the baby
// chosen.
func TestPickBabyBeforeReadiness(t *testing.T) {
	st := twins()
	hs := newHarness(t, 80, 24, st)
	hs.want("for Bea")
	hs.press("4", "enter")
	hs.want("Whose massage is this?")
	if v := hs.view(); !strings.Contains(v, "▌ Bea") {
		t.Fatalf("Bea, used last, is not chosen:\n%s", v)
	}
	hs.press("up", "enter")
	hs.want("for Ada") // the readiness check is hers
	if st.last != 1 {
		t.Errorf("last baby %d, want Ada (1)", st.last)
	}
	hs.answerReady()
	hs.press("e", "y")
	rec, _ := hs.st.only(t)
	if rec.BabyID != 1 || rec.BabyName != "Ada" {
		t.Errorf("the session is for %d %s, want Ada", rec.BabyID, rec.BabyName)
	}
	// Next time, Ada is the default.
	hs.press("enter", "4", "enter")
	if v := hs.view(); !strings.Contains(v, "▌ Ada") {
		t.Fatalf("Ada, used last, is not chosen:\n%s", v)
	}
	// One baby: no question.
	one := withBaby()
	hs = newHarness(t, 80, 24, one)
	hs.press("1", "enter") // the full routine suits Mia: no question about age either
	hs.want("Before you start")
}

func TestBabiesAddEditRemove(t *testing.T) {
	st := twins()
	for i := range 3 {
		addSession(t, st, st.babies[0], time.Date(2026, 11, 20+i, 18, 0, 0, 0, time.UTC))
	}
	addSession(t, st, st.babies[1], time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC))
	hs := newHarness(t, 80, 24, st)
	hs.press("b")
	hs.want("Babies")

	// Add a third: name, birth date, due date.
	hs.press("a")
	hs.want("Due date, if your baby was born early")
	for _, k := range []string{"C", "y", "enter", "2", "0", "2", "6", "-", "1", "0", "-", "0", "1", "enter", "2", "0", "2", "6", "-", "1", "1", "-", "0", "1", "enter", "enter"} {
		hs.press(k)
	}
	hs.want("Babies")
	if len(st.babies) != 3 || st.babies[2].Name != "Cy" || st.babies[2].Due.Format(dateLayout) != "2026-11-01" || st.last != 3 {
		t.Fatalf("after adding: %+v, last %d", st.babies, st.last)
	}
	hs.want("corrected age")

	// Rename Ada (the first) without making her the next baby.
	hs.press("1", "e")
	hs.want("Your baby's name")
	for range 3 {
		hs.press("backspace")
	}
	for _, k := range []string{"A", "d", "a", " ", "R", "o", "s", "e", "enter", "enter", "enter", "enter"} {
		hs.press(k)
	}
	hs.want("Ada Rose")
	if st.babies[0].Name != "Ada Rose" || st.last != 3 {
		t.Fatalf("after renaming: %+v, last %d", st.babies, st.last)
	}

	// Remove her: it says what goes with her, and asks.
	hs.press("x")
	hs.want("Remove Ada Rose? 3 sessions go with them: this cannot be undone.")
	hs.press("n")
	if len(st.babies) != 3 {
		t.Fatal("n removed the baby")
	}
	hs.press("x", "y")
	if len(st.babies) != 2 || len(st.order) != 1 {
		t.Fatalf("after removing: %d babies, %d sessions", len(st.babies), len(st.order))
	}
	if v := hs.view(); strings.Contains(v, "Ada") {
		t.Errorf("Ada is still listed:\n%s", v)
	}
}

// The confirmation agrees with the number of sessions that go.
func TestRemoveSaysHowManySessionsGo(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{
		{0, "Remove Ada? No sessions go with them."},
		{1, "Remove Ada? 1 session goes with them: this cannot be undone."},
		{3, "Remove Ada? 3 sessions go with them: this cannot be undone."},
	} {
		st := twins()
		for i := range c.n {
			addSession(t, st, st.babies[0], time.Date(2026, 11, 20+i, 18, 0, 0, 0, time.UTC))
		}
		hs := newHarness(t, 100, 30, st)
		hs.press("b", "1", "x")
		hs.want(c.want)
		if c.n > 0 { // and how to keep them, without quitting: backup works while cradle runs
			if v := strings.Join(strings.Fields(hs.view()), " "); !strings.Contains(v, keepACopy) || strings.Contains(v, "quit") {
				t.Errorf("%d sessions: the screen does not say how to keep a copy while cradle runs:\n%s", c.n, hs.view())
			}
		}
	}
}

// A baby just added and never massaged is the one chosen last, not the
// one massaged last time: the picker says only what is true of both.
func TestPickerSaysChosenLast(t *testing.T) {
	st := twins()
	hs := newHarness(t, 80, 24, st)
	hs.press("b", "a", "C", "y", "enter", "enter", "enter", "enter")
	hs.want("Cy  · next massage")
	hs.press("esc", "4", "enter")
	hs.want("Whose massage is this?")
	hs.want("Cy  · chosen last")
	if v := hs.view(); strings.Contains(v, "last time") {
		t.Errorf("a baby never massaged is labelled as massaged last time:\n%s", v)
	}
}

// Removing a baby removes their cut-off session from the offer to resume.
func TestRemovingABabyDropsTheirUnfinished(t *testing.T) {
	st := twins()
	cutOff(st, store.Baby{ID: 2, Name: "Bea"}, time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC))
	hs := newHarness(t, 80, 24, st)
	hs.press("esc") // decide later
	hs.want("press u")
	hs.press("b", "x") // Bea, the baby used last, is chosen
	hs.want("Remove Bea")
	hs.press("y")
	if len(hs.m.app.data.babies) != 1 || hs.m.app.data.babies[0].Name != "Ada" {
		t.Fatalf("babies after the remove: %+v", hs.m.app.data.babies)
	}
	if len(hs.m.app.data.unfinished) != 0 {
		t.Fatalf("the removed baby's session is still offered: %+v", hs.m.app.data.unfinished)
	}
	hs.press("esc")
	if strings.Contains(hs.view(), "cut off") {
		t.Fatalf("home still offers it:\n%s", hs.view())
	}
}
