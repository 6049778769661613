package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/routines"
)

// Subtle cues mid-stroke slow the rest, which grows the time left at the
// top by almost half: the still hands say by how much and the new figure,
// the one the header shows.
func TestSubtleCuesSayTheNewTimeLeft(t *testing.T) {
	hs := newHarness(t, 100, 30, withBaby())
	hs.press("enter")
	hs.answerReady()
	hs.press("s", "space", "n") // the first stroke
	before := hs.session().sess.State().Left
	hs.press("c", "3") // subtle cues: still hands, then slower
	st := hs.session().sess.State()
	if st.SlowBy <= 0 || st.Left <= before {
		t.Fatalf("not slower: %s left before, %s now, slower by %s", FormatCountdown(before), FormatCountdown(st.Left), st.SlowBy)
	}
	hs.wantSaid("the rest takes " + routines.FormatLength(st.SlowBy) + " longer (" + FormatCountdown(st.Left) + " left in all).")
	hs.want(FormatCountdown(st.Left) + " left")
}

// Subtle cues at the resting hands (a step that keeps its pace): what the
// slower pace adds is said once, in the still hands' "Then" line, not
// again in the note above it.
func TestSubtleCuesSayTheTimeOnce(t *testing.T) {
	hs := newHarness(t, 100, 30, withBaby())
	hs.press("enter")
	hs.answerReady()
	hs.press("s", "space") // the resting hands
	hs.press("c", "3")
	if n := strings.Count(strings.Join(strings.Fields(hs.view()), " "), "left in all"); n != 1 {
		t.Fatalf("what the slower pace adds is said %d times, want once:\n%s", n, hs.view())
	}
}

// Going on after fussing is slower: the offer says what that adds to the
// time left the header shows (one time left, not a second), and the steps
// say how much longer the rest takes. The choice is in the timeline.
func TestSlowerSaysWhatItDidToTheTime(t *testing.T) {
	hs := toTheOffer(t)
	before := hs.session().sess.State()
	hs.wantSaid("Go on to Tummy, Resting hands, then") // still hands: nothing to slow
	hs.wantSaid("cradle asks again. The rest takes " + routines.FormatLength(before.GoOnSlowBy) + " longer")
	hs.wantSaid(FormatCountdown(before.Left) + " left")
	if strings.Count(hs.view(), " left") != 1 {
		t.Errorf("the offer shows a second time left:\n%s", hs.view())
	}
	hs.press("1")
	st := hs.session().sess.State()
	if st.Left != before.Left+before.GoOnSlowBy || st.SlowBy <= 0 {
		t.Fatalf("after going on: %s left, slower by %s; the offer said %s and %s longer", FormatCountdown(st.Left), st.SlowBy, FormatCountdown(before.Left), before.GoOnSlowBy)
	}
	// Resting hands keep their pace, but the change is said at once.
	hs.wantSaid("Slower from here, as your baby asked: the rest takes " + routines.FormatLength(st.SlowBy) + " longer (" + FormatCountdown(st.Left) + " left in all).")
	// One more stroke, then cradle asks again; relaxed again: back to the
	// usual pace, and what that takes off.
	hs.press("n")
	hs.wantSaid("How is your baby?")
	hs.press("1")
	hs.wantSaid("✓ Noted: relaxed. Lovely. Carry on")
	hs.wantSaid("Back to the usual pace: the rest takes")
	hs.press("e", "y", "enter", "h", "enter")
	hs.view()
	hs.press("space")
	hs.wantSaid("after the still hands, you chose to go on, slower and lighter")
}

// Every screen that waits for the parent says so, with a countdown or in
// words, and what happens if nobody answers. A golden holds each.
func TestWaitingScreens(t *testing.T) {
	counts := regexp.MustCompile(`\d+:\d\d\b`)
	check := func(name string, hs *harness, says string) {
		t.Helper()
		v := hs.view()
		golden.Check(t, "wait-"+name+"-80x24", v)
		if !strings.Contains(hs.squeezed(), says) {
			t.Errorf("%s does not say %q:\n%s", name, says, v)
		}
		if !counts.MatchString(strings.Join(strings.Split(v, "\n")[2:], "\n")) && !strings.Contains(v, "waits") {
			t.Errorf("%s neither counts down nor says it waits:\n%s", name, v)
		}
	}
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("1", "enter")
	hs.answerReady()
	hs.press("s")
	check("ask", hs, "cradle waits for you: nothing starts until you do.")
	hs.press("e")
	check("confirm", hs, "any other key keep going")
	hs.press("n", "space", "a")
	hs.tick(15 * time.Second)
	check("time-up", hs, "cradle waits for you: press → when you are ready.")
	hs.press("a", "c", "space")
	check("checkin-paused", hs, "Paused: cradle waits for your answer.")
	hs.press("4")
	hs.tick(20 * time.Second)
	check("offer", hs, "Nobody choosing? cradle ends gently in 0:30")
	hs.press("space")
	check("offer-paused", hs, "Paused: cradle waits for your choice.")
	hs.press("ctrl+c")

	// Picked up again: the ask names where the session goes on.
	hs = newHarness(t, 80, 24, hs.st)
	hs.press("r")
	check("ask-again", hs, "cradle waits for you")
}

// A step's caution stays with its step: the note of an answer, and what
// the pace does, come after it, not between the step and its caution.
func TestCautionStaysWithItsStep(t *testing.T) {
	hs := startRoutine(t, "1")
	hs.press("s", "s") // to the chest
	hs.untilPhase(routines.PhaseCheckIn)
	hs.press("2") // alert and content: on to the arms
	st := hs.session().sess.State()
	if st.Step.Caution == "" {
		t.Fatalf("the step after the chest has no caution: %q", st.Step.Title())
	}
	v := hs.view()
	title, caution, noted := strings.Index(v, st.Step.Title()), strings.Index(v, cautionLabel), strings.Index(v, "✓ Noted")
	if title < 0 || caution < 0 || noted < 0 || !(title < caution && caution < noted) {
		t.Fatalf("want the step, its caution, then the note:\n%s", v)
	}
}

// A footer too narrow for every key keeps the ones a parent needs most:
// e to end and ? for help always, then pause, next and checking in;
// skipping a region gives way first. The presentation view too, where
// the way back (p) comes before checking in.
func TestFootersKeepEndAndHelp(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{40, 12}, {60, 20}, {80, 24}, {100, 30}} {
		hs := startRoutine(t, "1")
		hs.press("n") // a stroke
		hs.send(sizeMsg(sz.w, sz.h))
		for _, present := range []bool{false, true} {
			if present {
				hs.press("p")
			}
			lines := strings.Split(hs.view(), "\\n")
			foot := lines[len(lines)-1]
			if !strings.Contains(foot, "e end") || !strings.Contains(foot, "? help") {
				t.Errorf("%dx%d, big letters %v: the footer lacks e or ?: %q", sz.w, sz.h, present, foot)
			}
			// In the big letters, the way back to the words (p) comes
			// before checking in; at 80 columns both views keep it.
			if sz.w >= 60 && (!strings.Contains(foot, "space pause") || !present && !strings.Contains(foot, "c check in")) {
				t.Errorf("%dx%d, big letters %v: the footer lacks pause or check in: %q", sz.w, sz.h, present, foot)
			}
			if sz.w >= 80 && !strings.Contains(foot, "p ") {
				t.Errorf("%dx%d, big letters %v: the footer lacks p: %q", sz.w, sz.h, present, foot)
			}
		}
	}
}
