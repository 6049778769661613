package ui

import (
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// An unfinished session in the history can be closed from its timeline.
func TestTimelineClosesUnfinished(t *testing.T) {
	st := twins()
	done := addSession(t, st, st.babies[1], time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC), "back:relaxed")
	open := cutOff(st, store.Baby{ID: 2, Name: "Bea"}, time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC))
	hs := newHarness(t, 100, 30, st)
	hs.press("esc") // decide later
	hs.want("press u")
	hs.press("h")
	hs.want("unfinished")
	hs.press("enter")
	hs.want("Cut off: r resumes it, x closes it as interrupted.")
	hs.press("x")
	if st.sessions[open.ID].Status != store.StatusDone || st.sessions[open.ID].Reason != routines.EndInterrupted {
		t.Fatalf("not closed: %+v", st.sessions[open.ID])
	}
	hs.want("interrupted")
	if len(hs.m.app.data.unfinished) != 0 {
		t.Error("still listed as unfinished")
	}
	// A finished one shows its timeline, with times.
	hs.press("down", "enter")
	hs.want("18:02:00  ? how is your baby after back: relaxed")
	_ = done
}

// The timeline tells getting ready from a stroke done: ready, and after
// how long.
func TestTimelineSaysReady(t *testing.T) {
	mark, text := eventLine(nil, func(id string) string { return id }, routines.Event{Kind: routines.EvReady, Region: "back",
		Step: "Turn your baby onto their front", Elapsed: 12 * time.Second})
	if mark == "✓" || text != "Turn your baby onto their front  ready after 12 s" {
		t.Errorf("timeline line %q %q", mark, text)
	}
}
