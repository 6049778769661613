package ui

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// squeezed is the screen with runs of white space as one space, so a
// sentence wrapped over lines still matches.
func (h *harness) squeezed() string { return strings.Join(strings.Fields(h.view()), " ") }

func (h *harness) wantSaid(text string) {
	h.t.Helper()
	if !strings.Contains(h.squeezed(), text) {
		h.t.Fatalf("screen does not say %q:\n%s", text, h.view())
	}
}

func (h *harness) wantNot(text string) {
	h.t.Helper()
	if strings.Contains(h.squeezed(), text) {
		h.t.Fatalf("screen says %q:\n%s", text, h.view())
	}
}

// startRoutine starts the n-th routine of the home screen for Mia and
// says yes at the ask, past the opening ritual.
func startRoutine(t *testing.T, n string) *harness {
	t.Helper()
	hs := newHarness(t, 100, 30, withBaby())
	hs.press(n, "enter")
	hs.answerReady()
	hs.press("s", "space")
	return hs
}

// untilPhase presses next until the session is in phase p.
func (h *harness) untilPhase(p routines.Phase) {
	h.t.Helper()
	for range 100 {
		if h.session().sess.State().Phase == p {
			return
		}
		h.press("n")
	}
	h.t.Fatalf("never reached phase %d", p)
}

// The summary says what happened to each region: skipping to the arms
// and ending after its resting hands is not "arms and hands done".
func TestSummaryTellsWhatWasDone(t *testing.T) {
	hs := startRoutine(t, "1")
	hs.press("s", "s", "s") // legs, tummy and chest skipped
	st := hs.session().sess.State()
	if st.Region.ID != "arms" {
		t.Fatalf("at %q, want the arms", st.Region.ID)
	}
	for st.Step.Kind == routines.StepPrepare { // getting ready for the arms first
		hs.tick(st.Remaining)
		st = hs.session().sess.State()
	}
	hs.tick(st.Remaining) // resting hands run out
	hs.press("e", "y")
	hs.wantSaid("Ended early.")
	hs.wantSaid(fmt.Sprintf("Arms and hands ended here · 1 of %d steps", st.StepsInRegion))
	hs.wantSaid("Legs and feet skipped")
	hs.wantSaid("Face not reached")
	hs.wantNot("Arms and hands done")
	// The words are explained where they show.
	hs.wantSaid("Skipped: skipped with s, by a choice after an answer, or by moving on from its steps at once.")
	hs.wantSaid("Ended here: the session ended during it.")

	// Skipping every region is no "All done".
	hs = startRoutine(t, "1")
	for range 6 {
		hs.press("s")
	}
	hs.wantSaid("Every region was skipped, and that is fine.")
	hs.wantNot("All done")
}

// How a session ends decides its message: stopping while getting ready is
// no "not now" from the baby; a "not now" at the ask is.
func TestEndingMessageFitsHowItEnded(t *testing.T) {
	hs := newHarness(t, 100, 30, withBaby())
	hs.press("1", "enter")
	hs.answerReady()
	hs.press("e")
	hs.wantSaid("Stop before you begin?")
	hs.press("y")
	hs.wantSaid("Stopped before the massage began.")
	hs.wantNot("respecting")

	hs = newHarness(t, 100, 30, withBaby())
	hs.press("1", "enter")
	hs.answerReady()
	hs.press("s", "e")
	hs.wantSaid("Not now for your baby?")
	hs.press("y")
	hs.wantSaid("Not today, and that is fine.")
	hs.wantSaid("Asking, and respecting a \"no\", is part of the massage")
}

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

// Going on after fussing is slower: the offer says what that adds to the
// time left the header shows (one time left, not a second), and the steps
// say how much longer the rest takes. The choice is in the timeline.
func TestSlowerSaysWhatItDidToTheTime(t *testing.T) {
	hs := toTheOffer(t)
	before := hs.session().sess.State()
	hs.wantSaid("One more stroke, slower and lighter (Tummy, Resting hands), then")
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
	hs.wantSaid("Slower from here, as your baby asked: the rest takes " + routines.FormatLength(st.SlowBy) + " longer.")
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

// History keeps the learning plan's week in a narrow column.
func TestHistoryKeepsThePlanWeek(t *testing.T) {
	st := withPlanSessions(24*time.Hour, 3)
	hs := newHarness(t, 80, 24, st)
	hs.press("h")
	hs.want("Plan · week 3")
	hs.wantNot("Learning plan · wee…")
}

// A twin's own routine is offered for that twin only.
func TestTwinsRoutineOnlyForThatTwin(t *testing.T) {
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ada := *lib[0]
	ada.ID, ada.Title, ada.Builtin = "full-body-ada", "Full-body massage for Ada", false
	st := twins() // Bea chosen last
	hs := newHarnessWith(t, 100, 30, Config{Store: st})
	hs.m.app.cfg.Routines = append(hs.m.app.cfg.Routines, &ada)
	hs.send(sizeMsg(100, 30))
	hs.wantNot("Full-body massage for Ada")
	hs.wantSaid("The routine shaped for Ada shows when it is Ada's massage (b chooses).")
	hs.press("b", "up", "enter", "esc")
	hs.wantSaid("Full-body massage for Ada")
}

// A routine shaped for one baby names that baby by number: renamed, she
// keeps it, and her twin never gets it. On a database where no baby has
// that number it is offered to nobody, and the home screen says why.
func TestShapedRoutineByTheBabysNumber(t *testing.T) {
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ada := *lib[0]
	ada.ID, ada.Title, ada.Builtin, ada.Base = "full-body-ada", "Full-body massage for Ada", false, "full-body"
	ada.For = routines.ForBaby{ID: 1, Name: "Ada"}
	st := twins()                // Bea chosen last
	st.babies[0].Name = "Ada B." // renamed since: her id ends the routine's id no more
	hs := newHarnessWith(t, 100, 30, Config{Store: st})
	hs.m.app.cfg.Routines = append(hs.m.app.cfg.Routines, &ada)
	hs.send(sizeMsg(100, 30))
	offered := func() bool { return slices.Contains(hs.m.app.homeRoutines(), &ada) }
	if offered() {
		t.Fatal("Ada's routine is offered to Bea")
	}
	hs.wantSaid("The routine shaped for Ada B. shows when it is Ada B.'s massage (b chooses).")
	hs.press("b", "up", "enter", "esc")
	hs.wantSaid("Full-body massage for Ada")
	if !offered() {
		t.Fatal("Ada's routine is not offered to her, renamed")
	}

	// Another database: Mia is baby 1 there, and not Ada's twin.
	other := withBaby()
	other.babies = append(other.babies, store.Baby{ID: 2, Name: "Leo"})
	ada.For.ID = 3
	hs = newHarnessWith(t, 100, 30, Config{Store: other})
	hs.m.app.cfg.Routines = append(hs.m.app.cfg.Routines, &ada)
	hs.send(sizeMsg(100, 30))
	if offered() {
		t.Fatal("a routine shaped for a baby not in this database is offered")
	}
	hs.wantSaid("Full-body massage for Ada was shaped for a baby who is not in this database, so it is not offered.")
	// A shaped routine of an earlier cradle names its baby only by its id.
	ada.For = routines.ForBaby{}
	hs.send(sizeMsg(100, 30))
	if offered() {
		t.Fatal("a shaped routine of an earlier cradle, for nobody here, is offered")
	}
}

// Help lists u only when there is something cut off to pick up.
func TestHelpListsOnlyKeysThatWork(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("?")
	if strings.Contains(hs.view(), "unfinished") {
		t.Errorf("help offers u with nothing unfinished:\n%s", hs.view())
	}
	st := withBaby()
	cutOff(st, store.Baby{ID: 1, Name: "Mia"}, time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC))
	hs = newHarness(t, 80, 24, st)
	hs.press("esc", "?")
	hs.want("unfinished")
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

// A footer too narrow for every key keeps the ones a parent needs most:
// e to end and ? for help always, then pause, next and checking in;
// skipping a region gives way first. The presentation view too.
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
			if sz.w >= 60 && (!strings.Contains(foot, "space pause") || !strings.Contains(foot, "c check in")) {
				t.Errorf("%dx%d, big letters %v: the footer lacks pause or check in: %q", sz.w, sz.h, present, foot)
			}
		}
	}
}

// Words are not cut with "…" where the window has room for them: a
// summary's regions and answers at 100x30, the signs of each answer at
// a check-in at 60x20, the answers in the history at 100x30.
func TestNothingCutWhereThereIsRoom(t *testing.T) {
	// The stroking and movement routine has long region names.
	hs := newHarness(t, 100, 30, withBaby())
	hs.press("6", "enter")
	hs.answerReady()
	hs.press("s", "space", "c", "3") // subtle cues, asked in its first region
	hs.press("n", "e", "y")
	hs.want("Time massaging")
	if v := hs.view(); strings.Contains(v, "…") {
		t.Errorf("the summary cuts words at 100x30:\n%s", v)
	}
	hs.press("h")
	if v := hs.view(); strings.Contains(v, "…") {
		t.Errorf("the history cuts words at 100x30:\n%s", v)
	}

	hs = startRoutine(t, "1")
	hs.send(sizeMsg(60, 20))
	hs.press("c")
	hs.want("How is your baby?")
	for _, c := range routines.Cues {
		if hint := c.Info().Hint; hint != "" {
			hs.wantSaid(hint)
		}
	}
}
