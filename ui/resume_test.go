package ui

import (
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

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

// Several unfinished sessions are listed; each can be closed or resumed.
func TestResumeList(t *testing.T) {
	st := twins()
	var ids []string
	for i, b := range st.babies {
		rec := cutOff(st, b, time.Date(2026, 11, 26, 18, 10*i, 0, 0, time.UTC))
		ids = append(ids, rec.ID)
	}
	hs := newHarness(t, 80, 24, st)
	hs.want("2 massages were cut off")
	hs.press("down", "x") // Ada's is the older, listed second
	if st.sessions[ids[0]].Status != store.StatusDone {
		t.Fatal("Ada's session was not closed")
	}
	hs.want("Pick up where you stopped?")
	hs.want("with Bea")
	hs.press("r") // cut off hours ago: the readiness questions first, for Bea
	hs.want("for Bea")
	hs.answerReady()
	if ss := hs.session(); hs.m.app.data.baby.ID != 2 || ss == nil {
		t.Fatal("not resumed for Bea")
	}
}

// While closing a cut-off session is being saved, r does not resume it.
func TestNoResumeWhileClosing(t *testing.T) {
	st := withBaby()
	rec := cutOff(st, store.Baby{ID: 1, Name: "Mia"}, time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC))
	hs := newHarness(t, 80, 24, st)
	hs.want("Pick up where you stopped?")
	m, closing := hs.m.Update(keyMsg("x")) // the close is on its way, not done
	if closing == nil {
		t.Fatal("x asked for no close")
	}
	m, _ = m.(Model).Update(keyMsg("r"))
	if _, ok := m.(Model).screen.(*sessionScreen); ok {
		t.Fatal("r resumed a session that is being closed")
	}
	hs.m = m.(Model)
	hs.run(closing)
	if st.sessions[rec.ID].Status != store.StatusDone {
		t.Fatalf("not closed: %+v", st.sessions[rec.ID])
	}
}
