package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
)

// The guide follows one repetition: out to the far end in the first half,
// back in the second, then the next repetition; the length of the step
// sets the tempo, so a slowed stroke paces slower.
func TestPace(t *testing.T) {
	stroke := routines.Step{Name: "Water wheel", Kind: routines.StepStroke, Reps: 3, Each: 8 * time.Second}
	at := func(length, elapsed time.Duration) paceAt {
		t.Helper()
		p, ok := pace(routines.State{Phase: routines.PhaseRunning, Step: stroke, Length: length, Remaining: length - elapsed, Each: length / 3})
		if !ok {
			t.Fatalf("no pace at %v of %v", elapsed, length)
		}
		return p
	}
	for _, tc := range []struct {
		length, elapsed time.Duration
		want            paceAt
	}{
		{24 * time.Second, 0, paceAt{1, 3, 0, true}},
		{24 * time.Second, 2 * time.Second, paceAt{1, 3, 0.5, true}},
		{24 * time.Second, 4 * time.Second, paceAt{1, 3, 1, false}},
		{24 * time.Second, 6 * time.Second, paceAt{1, 3, 0.5, false}},
		{24 * time.Second, 8 * time.Second, paceAt{2, 3, 0, true}},
		{24 * time.Second, 23 * time.Second, paceAt{3, 3, 0.25, false}},
		{24 * time.Second, 24 * time.Second, paceAt{3, 3, 0, false}}, // the end: back where it began
		{36 * time.Second, 6 * time.Second, paceAt{1, 3, 1, false}},  // slower: 12 s a repetition
	} {
		got := at(tc.length, tc.elapsed)
		if got != tc.want {
			t.Errorf("%v of %v: %+v, want %+v", tc.elapsed, tc.length, got, tc.want)
		}
	}
	for _, st := range []routines.State{
		{Phase: routines.PhaseRunning, Step: routines.Step{Kind: routines.StepResting, Duration: 15 * time.Second}, Length: 15 * time.Second},
		{Phase: routines.PhaseCheckIn, Step: stroke, Length: 24 * time.Second, Each: 8 * time.Second},
		{Phase: routines.PhaseWaiting, Step: stroke},
	} {
		if _, ok := pace(st); ok {
			t.Errorf("a pace guide for %+v", st)
		}
	}
}

// On the session screen the marker travels with the seconds: out along
// the track, back, and the next stroke; a pause holds it still.
func TestPaceOnScreen(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("enter")
	hs.answerReady()
	hs.press("s", "space", "n") // the first stroke: Indian milking, 3 × 8 s
	marker := func() (int, string) {
		t.Helper()
		for _, l := range strings.Split(hs.view(), "\n") {
			if strings.Contains(l, "Pace") {
				return strings.Index(l, "●"), l
			}
		}
		t.Fatalf("no pace guide:\n%s", hs.view())
		return 0, ""
	}
	var places []int
	var lines []string
	for range 9 {
		p, l := marker()
		places, lines = append(places, p), append(lines, l)
		hs.tick(time.Second)
	}
	for i := 1; i <= 4; i++ {
		if places[i] <= places[i-1] {
			t.Fatalf("not moving out in the first 4 s: %v\n%s", places, strings.Join(lines, "\n"))
		}
	}
	for i := 5; i <= 8; i++ {
		if places[i] >= places[i-1] {
			t.Fatalf("not coming back in the next 4 s: %v\n%s", places, strings.Join(lines, "\n"))
		}
	}
	if places[8] != places[0] || !strings.Contains(lines[8], "stroke 2 of 3") || !strings.Contains(lines[0], "stroke 1 of 3") {
		t.Fatalf("the second stroke does not start where the first did:\n%s", strings.Join(lines, "\n"))
	}
	if !strings.Contains(lines[1], "out") || !strings.Contains(lines[6], "back") {
		t.Fatalf("the direction is not shown:\n%s", strings.Join(lines, "\n"))
	}
	hs.press("space")
	held, _ := marker()
	hs.tick(3 * time.Second)
	if now, _ := marker(); now != held {
		t.Fatal("the marker moved during a pause")
	}
}

// After subtle cues asked for in the middle of a stroke, the rest of it
// goes at the slower tempo its words give: the guide goes on from where
// it was, a repetition takes what "about 12 s each" says, and the step
// ends when the slower strokes are done.
func TestPaceAfterSubtleCuesMidStroke(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("enter")
	hs.answerReady()
	hs.press("s", "space", "n") // the first stroke: Indian milking, 3 × 8 s
	hs.want("3 times · about 8 s each")
	first := hs.session().sess.State().Step.Title()
	hs.tick(4 * time.Second) // at the far end of the first stroke
	hs.press("c", "3")       // subtle cues: still hands, then slower
	hold := hs.session().sess.State().Remaining
	hs.tick(hold)
	hs.want("3 times · about 12 s each")
	pace := func() string {
		t.Helper()
		for _, l := range strings.Split(hs.view(), "\n") {
			if strings.Contains(l, "Pace") {
				return l
			}
		}
		t.Fatalf("no pace guide:\n%s", hs.view())
		return ""
	}
	if l := pace(); !strings.Contains(l, "stroke 1 of 3") || !strings.Contains(l, "back") {
		t.Fatalf("picked up elsewhere than the far end of the first stroke: %q", l)
	}
	hs.tick(5 * time.Second) // 6 s of the 12 s on the way back
	if l := pace(); !strings.Contains(l, "stroke 1 of 3") {
		t.Fatalf("the first stroke ended at the old tempo: %q", l)
	}
	hs.tick(time.Second)
	if l := pace(); !strings.Contains(l, "stroke 2 of 3") {
		t.Fatalf("the second stroke did not start after 12 s: %q", l)
	}
	hs.tick(23 * time.Second)
	if got := hs.session().sess.State().Step.Title(); got != first {
		t.Fatalf("the step ended at the old tempo: now %q", got)
	}
	hs.tick(time.Second)
	if got := hs.session().sess.State().Step.Title(); got == first {
		t.Fatalf("the step did not end after its slower strokes: still %q", got)
	}
}
