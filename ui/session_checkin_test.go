package ui

import (
	"fmt"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
)

// A check-in says where it was asked: after the step that asks (bedtime's
// swooping, with the rest of the back still to come), during a step, or
// after a region.
func TestCheckInSaysWhereItWasAsked(t *testing.T) {
	hs := startRoutine(t, "3") // bedtime: one region, the back
	hs.wantSaid("Region 1 of 1")
	hs.untilPhase(routines.PhaseCheckIn)
	hs.wantSaid("After Swooping to the bottom")
	hs.wantNot("After back")
	hs.press("1")
	hs.press("c")
	hs.wantSaid("During Hand on the head, circles on the back")
}

// toTheOffer starts the full routine and answers "fussing" at the legs'
// check-in; the still hands run out and the choice is on screen.
func toTheOffer(t *testing.T) *harness {
	t.Helper()
	hs := startRoutine(t, "1")
	hs.untilPhase(routines.PhaseCheckIn)
	hs.press("4")
	hs.wantSaid("Then you choose: go on, skip or end")
	hs.tick(20 * time.Second)
	return hs
}

// After fussing's still hands the choice counts down, and nobody choosing
// ends the session gently, saved as such.
func TestOfferCountsDownToAGentleEnd(t *testing.T) {
	hs := toTheOffer(t)
	hs.wantSaid("How would you like to go on?")
	hs.wantSaid("Nobody choosing? cradle ends gently in 0:30")
	hs.press("space") // paused, it waits
	hs.wantSaid("Paused: cradle waits for your choice.")
	hs.tick(time.Hour)
	hs.wantSaid("How would you like to go on?")
	hs.press("space")
	hs.tick(29 * time.Second)
	hs.wantSaid("cradle ends gently in 0:01")
	hs.tick(time.Second)
	hs.wantSaid("Ended gently.")
	hs.wantSaid("Nobody chose after the still hands, so cradle stopped here")
	rec, evs := hs.st.only(t)
	n := len(evs)
	if rec.Reason != routines.EndFussing || evs[n-2].Kind != routines.EvChose || !evs[n-2].Waited || evs[n-2].Choice != routines.ActionEnd {
		t.Fatalf("saved as %q, events %v", rec.Reason, kinds(evs))
	}
	// The timeline says so.
	hs.press("enter", "h", "enter")
	hs.view()         // drawn, as the program does after each key
	hs.press("space") // the timeline's second page
	hs.wantSaid("after the still hands, nobody chose: end gently")
	hs.wantSaid("ended gently, after fussing")
}

// An answer is acknowledged on the step that follows, until the next.
func TestAnswerIsAcknowledged(t *testing.T) {
	hs := startRoutine(t, "1")
	hs.press("c", "2")
	hs.wantSaid("✓ Noted: alert and content. Your baby is enjoying this. Carry on.")
	hs.press("n")
	hs.wantNot("Noted")
	// Unanswered is not "noted".
	hs.press("c")
	hs.tick(30 * time.Second)
	hs.wantNot("Noted")
}

// During a resting hold, "Then" names the region that comes, not just
// "Resting hands".
func TestHoldNamesTheRegionThatComes(t *testing.T) {
	hs := startRoutine(t, "1")
	hs.untilPhase(routines.PhaseCheckIn) // end of the legs
	hs.press("3")                        // subtle cues: a hold, then on
	hs.wantSaid("RESTING HANDS")
	hs.wantSaid("Then Tummy · Resting hands")
}

// The last check-in does not say "0:00 left" as if all were over: the
// time left is the massage, which its wait is not, so the header leaves
// it out, and the check-in counts its own wait.
func TestLastCheckInCountsItsWait(t *testing.T) {
	hs := startRoutine(t, "3")
	for {
		hs.untilPhase(routines.PhaseCheckIn)
		if hs.session().sess.State().Next == nil {
			break
		}
		hs.press("1")
	}
	hs.tick(4 * time.Second)
	hs.wantSaid("Region 1 of 1")
	hs.wantSaid("going on in 0:26")
	hs.wantNot("0:00 left")
}

// e pressed by mistake at a check-in, then an answer's digit: the digit
// dismisses the question and answers, so a parent with a crying baby
// need not press it twice. During a step, a key after e only keeps
// going: n there would move on, which nobody asked.
func TestAnswerAfterEndQuestion(t *testing.T) {
	hs := startRoutine(t, "1")
	hs.press("c", "e")
	hs.wantSaid("End the massage now?")
	hs.press("2")
	if st := hs.session().sess.State(); st.Phase != routines.PhaseRunning || st.Cue != routines.CueContent {
		t.Fatalf("after e, 2 at a check-in: phase %v, answer %q; want answered, going on", st.Phase, st.Cue)
	}
	step := hs.session().sess.State().Step.Title()
	hs.press("e", "n")
	if st := hs.session().sess.State(); st.Step.Title() != step || hs.session().confirmEnd {
		t.Fatalf("after e, n during a step: at %q, want %q and the question gone", st.Step.Title(), step)
	}
	hs.press("c", "e", "5") // crying ends gently
	hs.wantSaid("Ended gently.")
}

// An answer's digit during a stroke is an answer about now, as at a
// check-in: a parent whose baby starts crying presses 5, and cradle ends
// gently; 2 is noted and the massage goes on. After e, the digit both
// dismisses the question and answers.
func TestDigitDuringAStrokeAnswers(t *testing.T) {
	hs := startRoutine(t, "1")
	hs.press("n") // past the resting hands, to the first stroke
	if st := hs.session().sess.State(); st.Phase != routines.PhaseRunning || st.Step.Kind != routines.StepStroke {
		t.Fatalf("not at a stroke: phase %v, %q", st.Phase, st.Step.Title())
	}
	hs.press("2")
	hs.wantSaid("✓ Noted: alert and content")
	if st := hs.session().sess.State(); st.Phase != routines.PhaseRunning || st.Cue != routines.CueContent {
		t.Fatalf("after 2 during a stroke: phase %v, answer %q; want answered, going on", st.Phase, st.Cue)
	}
	hs.press("e", "5")
	hs.wantSaid("Ended gently.")
	rec, _ := hs.st.only(t)
	if rec.Reason != routines.EndCrying {
		t.Fatalf("saved as %q, want ended for crying", rec.Reason)
	}
}

// "One more stroke" after fussing in a step of repeated strokes is one
// stroke, as the choice says, not the rest of the step: the guide shows
// the step's last stroke, what the slower pace adds is what the offer
// said, and after that one stroke cradle asks again.
func TestOneMoreStrokeIsOneStroke(t *testing.T) {
	hs := startRoutine(t, "1")
	for st := hs.session().sess.State(); st.Step.Kind == routines.StepPrepare || st.Step.Reps < 3; st = hs.session().sess.State() {
		hs.press("n")
	}
	step := hs.session().sess.State().Step
	hs.tick(5 * time.Second) // the first stroke under way
	hs.press("c", "4")       // fussing
	hs.tick(20 * time.Second)
	before := hs.session().sess.State()
	hs.wantSaid("One more stroke, " + hs.m.screen.(*sessionScreen).r.Slower(step) + " (" + step.Title() + "), then cradle asks again")
	hs.press("1")
	st := hs.session().sess.State()
	if st.Step.Title() != step.Title() || st.SlowBy != before.GoOnSlowBy || st.Left >= before.Left+before.GoOnSlowBy {
		t.Fatalf("after going on: %s, %s left, %s longer; the offer said %s and %s longer", st.Step.Title(), FormatCountdown(st.Left), st.SlowBy, FormatCountdown(before.Left), before.GoOnSlowBy)
	}
	hs.wantSaid("The rest takes " + routines.FormatLength(before.GoOnSlowBy) + " longer")
	hs.wantSaid(fmt.Sprintf("stroke %d of %d", step.Reps, step.Reps))
	if st.Remaining != st.Each {
		t.Fatalf("%s to run, a stroke %s: more than one stroke", st.Remaining, st.Each)
	}
	hs.tick(st.Each - time.Second)
	if ph := hs.session().sess.State().Phase; ph != routines.PhaseRunning {
		t.Fatalf("asked before the stroke was over: phase %v", ph)
	}
	hs.tick(time.Second)
	hs.wantSaid("How is your baby?")
	hs.wantSaid("After " + step.Title())
}
