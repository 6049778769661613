package ui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/store"
)

func TestInsightsGoalAndRest(t *testing.T) {
	st := twins()
	for i := range 4 {
		addSession(t, st, st.babies[1], time.Date(2026, 11, 26-i, 18, 0, 0, 0, time.UTC), "back:relaxed", "face:crying")
	}
	hs := newHarness(t, 100, 40, st)
	hs.press("i")
	hs.want("goal 3 a week")
	hs.want("4 sessions this week: goal of 3 reached. Lovely.")
	hs.want("Back is the favourite: relaxed in 4 of 4 sessions.")
	hs.want("Face often brings crying (4 of 4 sessions)")
	hs.press("+", "+")
	if st.babies[1].Goal != 5 {
		t.Fatalf("goal %d, want 5", st.babies[1].Goal)
	}
	hs.want("1 more reaches your goal of 5")
	hs.press("r")
	if !reflect.DeepEqual(st.babies[1].Rest, []string{"2026-11-23"}) {
		t.Fatalf("rest weeks %v", st.babies[1].Rest)
	}
	hs.want("A rest week.")
	hs.press("r")
	if len(st.babies[1].Rest) != 0 {
		t.Fatalf("rest weeks %v", st.babies[1].Rest)
	}
	for range 6 {
		hs.press("-")
	}
	if st.babies[1].Goal != store.NoGoal {
		t.Fatalf("goal %d, want none", st.babies[1].Goal)
	}
	hs.want("no weekly goal")
	hs.press("tab")
	hs.want("Ada")
	hs.want("Readings start once an area has answers from 3 sessions")
}

// The answers say what they count in plain words: the sessions and those
// with answers, each row's sessions, and why a row or a stroke has no
// reading yet.
func TestInsightsSayWhatTheyCount(t *testing.T) {
	st := twins()
	bea := st.babies[1]
	for i := range 3 {
		addSession(t, st, bea, time.Date(2026, 11, 26-i, 18, 0, 0, 0, time.UTC), "back:relaxed", "legs/Toe roll:relaxed")
	}
	addSession(t, st, bea, time.Date(2026, 11, 22, 18, 0, 0, 0, time.UTC), "chest:fussing", "face/Open book:content")
	addSession(t, st, bea, time.Date(2026, 11, 21, 18, 0, 0, 0, time.UTC)) // no answers
	hs := newHarness(t, 100, 40, st)
	hs.press("i")
	hs.want("last 12 weeks · 5 sessions, 4 with answers")
	v := hs.view()
	for _, want := range []string{"3 sessions", "1 session", "Answers from fewer than 3 sessions are too few for a reading yet.",
		"A stroke is shown here once it has answers from 3 sessions."} {
		if !strings.Contains(v, want) {
			t.Errorf("the insights lack %q:\n%s", want, v)
		}
	}
	for _, line := range strings.Split(v, "\n") {
		if strings.Contains(line, "Chest") && !strings.HasSuffix(line, " 1 session") {
			t.Errorf("the chest row does not say its one session: %q", line)
		}
		if strings.HasSuffix(line, " few") || strings.Contains(line, "Open book") {
			t.Errorf("a row says too little, or a stroke from one session is drawn: %q", line)
		}
	}
	// With every row from enough sessions, neither note shows.
	st = twins()
	for i := range 3 {
		addSession(t, st, st.babies[1], time.Date(2026, 11, 26-i, 18, 0, 0, 0, time.UTC), "back:relaxed")
	}
	hs = newHarness(t, 100, 40, st)
	hs.press("i")
	hs.want("last 12 weeks · 3 sessions, 3 with answers")
	if v := hs.view(); strings.Contains(v, "too few") || strings.Contains(v, "A stroke is shown") {
		t.Errorf("a note with nothing to explain:\n%s", v)
	}
}
