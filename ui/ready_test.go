package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// babyAged is a store with one baby, Mia, born days before the harness's
// clock starts.
func babyAged(days int) *memStore {
	st := newMemStore()
	st.babies = []store.Baby{{ID: 1, Name: "Mia", Birth: t0.AddDate(0, 0, -days), Early: routines.EarlyNo}}
	st.last = 1
	return st
}

// run is a harness for cradle run ID: the routine starts without the
// home screen.
func run(t *testing.T, w, h int, st *memStore, id string) *harness {
	t.Helper()
	return newHarnessWith(t, w, h, Config{Store: st, Start: builtin(t, id)})
}

// answer presses the readiness answers in order: y for the questions
// named in yes (by what they are about), n for the others, y for a warm
// room; it stops at the verdict or the session.
func (h *harness) answer(yes ...routines.Readiness) {
	h.t.Helper()
	rs, ok := h.m.screen.(*readyScreen)
	if !ok || rs.stage != formStage {
		h.t.Fatalf("not at the readiness questions; screen %T:\n%s", h.m.screen, h.view())
	}
	h.answerEach(func(q routines.Question) string {
		fedNow := q.About == routines.ReadinessFedLately && containsR(yes, routines.ReadinessFed) // "in the last 30?" follows a yes to 45
		if routines.GoAheadFirst(q) || q.About == routines.ReadinessCold || containsR(yes, q.About) || fedNow {
			return "y"
		}
		return "n"
	})
}

func containsR(xs []routines.Readiness, x routines.Readiness) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// The screens that ask first, at a roomy and a small window: the stop
// after a vaccination, the age confirmation, today's all-clear, and the
// clearance of the research protocol.
func TestAskFirstGoldens(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {60, 20}} {
		name := func(s string) string { return fmt.Sprintf("ready-%s-%dx%d", s, sz.w, sz.h) }

		hs := newHarness(t, sz.w, sz.h, withBaby())
		hs.press("enter")
		hs.answer(routines.ReadinessVaccine)
		hs.want("Not just now")
		golden.Check(t, name("vaccine"), hs.view())

		hs = run(t, sz.w, sz.h, babyAged(10), "full-body")
		hs.want("Made for older babies")
		golden.Check(t, name("age"), hs.view())

		hs = newHarness(t, sz.w, sz.h, withBaby())
		hs.press("enter")
		hs.answerReady()
		hs.press("e", "y", "enter") // end, and home
		hs.clock.Add(5 * time.Hour)
		hs.press("enter")
		hs.want("Same as this morning?")
		golden.Check(t, name("same"), hs.view())

		hs = run(t, sz.w, sz.h, withBaby(), "stroking-movement")
		hs.want("Has your baby's doctor or nurse said this routine is")
		golden.Check(t, name("clearance"), hs.view())
	}
}

// A yes to "vaccinations in the last 48 hours?" ends the check kindly,
// with the reason and "check with your clinician"; no session is begun,
// and no area is offered to leave out instead.
func TestVaccinationStops(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("enter")
	hs.answer(routines.ReadinessVaccine)
	hs.want("Not just now")
	hs.want("check with your clinician")
	if v := hs.view(); strings.Contains(v, "leave out") || strings.Contains(v, "begin") {
		t.Fatalf("the stop offers to go on:\n%s", v)
	}
	hs.press("enter")
	hs.want("Choose a massage")
	if n := len(hs.st.order); n != 0 {
		t.Fatalf("%d sessions begun after a vaccination", n)
	}
}

// cradle run asks what the home screen asks: a 10-day-old and the full
// routine is asked about first, naming the newborn routine, which enter
// starts instead; y keeps the full routine, then the readiness questions.
func TestRunAsksFirst(t *testing.T) {
	hs := run(t, 80, 24, babyAged(10), "full-body")
	hs.want("Full-body massage is made for babies from 6 weeks to 6 months, and Mia is")
	hs.want("10 days old. In the first weeks, massage is best kept short and")
	hs.want("feather-light.")
	hs.want("Newborn first touch suits Mia's age")
	hs.press("enter")
	hs.want("Before you start")
	hs.want("cradle · Newborn first touch")
	hs.answerReady()
	if id := hs.session().r.ID; id != "newborn" {
		t.Fatalf("started %s, want the newborn routine", id)
	}

	hs = run(t, 80, 24, babyAged(10), "full-body")
	hs.press("y")
	hs.want("Before you start")
	hs.answerReady()
	if id := hs.session().r.ID; id != "full-body" {
		t.Fatalf("started %s, want the full routine, chosen anyway", id)
	}

	hs = run(t, 80, 24, babyAged(10), "full-body")
	hs.press("esc")
	hs.want("Choose a massage") // back: cradle run leaves the parent on the home screen
	if n := len(hs.st.order); n != 0 {
		t.Fatalf("%d sessions begun", n)
	}

	// A baby whose age suits the routine: straight to the questions.
	hs = run(t, 80, 24, babyAged(60), "full-body")
	hs.want("Before you start")
}

// A baby born early is counted by corrected age: born 10 weeks ago, due
// 6 weeks ago, the full routine is for older babies.
func TestCorrectedAge(t *testing.T) {
	st := babyAged(70)
	st.babies[0].Due = t0.AddDate(0, 0, -28)
	hs := run(t, 80, 24, st, "full-body")
	hs.want("corrected age is 4 weeks, counted from the due date")
	hs.want("Newborn first touch suits")
}

// The research protocol asks for the clinician's go-ahead on cradle run,
// whatever the age; a no stops there.
func TestRunAsksForClearance(t *testing.T) {
	hs := run(t, 80, 24, babyAged(10), "stroking-movement")
	hs.want("Has your baby's doctor or nurse said this routine is")
	hs.press("n")
	hs.want("Not just now")
	hs.want("Please ask your baby's doctor or nurse first")
}

// A demonstration on a doll skips the checks, also on cradle run.
func TestRunPresentSkipsTheChecks(t *testing.T) {
	lib, _ := routines.Builtin()
	hs := newHarnessWith(t, 80, 24, Config{Store: DemoStore(), Present: true, Start: lib[0]})
	if _, ok := hs.m.screen.(*sessionScreen); !ok {
		t.Fatalf("--present run opens on %T, want the session", hs.m.screen)
	}
}

// A session cut off less than 30 minutes ago goes straight on; one cut
// off longer ago asks the readiness questions first. A stop keeps it cut
// off; a rash left out at the resume is left out, and saved so.
func TestResumeAsksAfterHalfAnHour(t *testing.T) {
	cut := func(ago time.Duration) *memStore {
		st := withBaby()
		at := t0.Add(-ago - time.Minute)
		rec, _ := st.StartSession(store.Session{BabyID: 1, BabyName: "Mia", RoutineID: "full-body", RoutineTitle: "Full-body massage", Started: at})
		_ = st.Append(rec.ID, routines.Event{Kind: routines.EvStart, At: at},
			routines.Event{Kind: routines.EvStepDone, At: at.Add(time.Minute), Region: "legs", Step: "Resting hands", Index: 4})
		return st
	}
	hs := newHarness(t, 80, 24, cut(20*time.Minute))
	hs.want("resume: ask your baby again")
	hs.press("r")
	hs.session()

	hs = newHarness(t, 80, 24, cut(40*time.Minute))
	hs.want("resume: the readiness questions again")
	hs.press("r")
	hs.want("Before you start")
	hs.answer(routines.ReadinessUnwell)
	hs.want("Not just now")
	hs.want("stop here (it stays cut off)")
	hs.press("enter")
	hs.want("Pick up where you stopped?")
	if u, _ := hs.st.Unfinished(); len(u) != 1 {
		t.Fatalf("%d unfinished sessions after a stop at the resume, want the one still cut off", len(u))
	}

	hs.press("r")
	hs.want("Before you start")
	hs.answerEach(func(q routines.Question) string {
		if q.About == routines.ReadinessSkin || q.About == routines.ReadinessCold {
			return "y"
		}
		return "n"
	})
	hs.want("Which areas should we leave out today?")
	hs.press("down", "space", "enter") // the tummy
	hs.want("begin without tummy")
	hs.press("enter")
	ss := hs.session()
	var reopen routines.Event
	for _, ev := range ss.log {
		if ev.Kind == routines.EvReopen {
			reopen = ev
		}
	}
	if strings.Join(reopen.LeftOut, ",") != "tummy" {
		t.Fatalf("the reopen event leaves out %v, want the tummy", reopen.LeftOut)
	}
}

// An all-clear is offered again the same day with one key, and saved so
// a restart keeps it; "something changed" asks again; an answer that
// stops forgets it, in the store too; the next day asks again.
func TestSameAsThisMorning(t *testing.T) {
	st := withBaby()
	hs := newHarness(t, 80, 24, st)
	hs.press("enter")
	hs.answerReady()
	first := st.clears[1]
	if !first.At.Equal(hs.clock.Now()) {
		t.Fatalf("the all-clear was not saved: %+v", st.clears)
	}
	hs.press("e", "y", "enter")

	// Later the same day, after a restart.
	hs = newHarness(t, 80, 24, st)
	hs.clock.Add(2 * time.Hour)
	hs.press("enter")
	hs.want("Same as this morning?")
	hs.want("At 10:00 nothing was in the way: not fed in the last 45 minutes,")
	hs.press("y")
	hs.session()
	hs.press("e", "y", "enter")

	// Something changed: the questions, and a fever forgets the all-clear.
	hs.press("enter")
	hs.want("Same as")
	hs.press("n")
	hs.want("Before you start")
	hs.answer(routines.ReadinessUnwell)
	hs.want("Not just now")
	if c := st.clears[1]; !c.At.IsZero() {
		t.Fatalf("an all-clear is kept after a fever: %+v", c)
	}
	hs.press("enter", "enter")
	hs.want("Before you start")

	// The next day: the questions again.
	st.clears[1] = first
	hs = newHarness(t, 80, 24, st)
	hs.clock.Add(24 * time.Hour)
	hs.press("enter")
	hs.want("Before you start")
}

// The home screen marks what suits the baby's age, starts on the first
// routine that does, and says of a routine that does not that it asks
// first. The research protocol says whose call it is.
func TestHomeMarksWhatSuits(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {60, 20}} {
		hs := newHarness(t, sz.w, sz.h, babyAged(10))
		hs.want("✓ suits Mia's age")
		hs.want("▌ Newborn first touch ✓")
		golden.Check(t, fmt.Sprintf("home-10-days-%dx%d", sz.w, sz.h), hs.view())
	}
	hs := newHarness(t, 80, 24, babyAged(10))
	hs.press("1")
	hs.want("Suits 6 weeks to 6 months · Mia is younger: asks first")
	hs.press("6")
	hs.want("Only with your clinician's go-ahead")
	if strings.Contains(hs.view(), "any age") {
		t.Fatalf("the research protocol says any age:\n%s", hs.view())
	}
	hs.press("4", "enter")
	hs.want("Before you start") // the newborn routine suits: no question about age

	// No birth date: nothing is marked, nothing preselected.
	st := babyAged(10)
	st.babies[0].Birth = time.Time{}
	hs = newHarness(t, 80, 24, st)
	if v := hs.view(); strings.Contains(v, "✓") || !strings.Contains(v, "▌ Full-body massage") {
		t.Fatalf("an unknown age is marked:\n%s", v)
	}
}

// A baby who falls asleep: the summary and the voice say to turn a baby
// lying face-down onto their back and lay them down on their back, on a
// firm, flat surface of their own, with its source; never "let them
// sleep". The same in the bedtime routine, whose words are its own.
func TestAsleepEndsSafely(t *testing.T) {
	for _, digit := range []string{"1", "3"} { // the full routine, bedtime
		hs := newHarness(t, 100, 30, withBaby())
		hs.press(digit, "enter")
		hs.answerReady()
		hs.press("s", "space", "c")
		hs.press("6")
		v := hs.view()
		for _, want := range []string{"Sweet dreams.", "face-down, gently turn them onto their back", "firm, flat surface of their own", "American Academy of Pediatrics"} {
			if !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
				t.Errorf("routine %s: the summary lacks %q:\n%s", digit, want, v)
			}
		}
		said := strings.Join(hs.voice.said, " ")
		if !strings.Contains(said, routines.SafeSleep) || strings.Contains(strings.ToLower(said+v), "let them sleep") {
			t.Errorf("routine %s: said %q", digit, said)
		}
	}
}

// In the research protocol (moderate pressure), slowing down for the baby
// never lightens the touch: the screen and the voice say the same words.
// In the full routine they say slower and lighter.
func TestSlowerKeepsAModerateTouch(t *testing.T) {
	for _, c := range []struct {
		digit string
		want  string
	}{
		{"6", "Slower now, as your baby asked, with the same steady touch."},
		{"1", "Slower and lighter now, as your baby asked."},
	} {
		hs := newHarness(t, 100, 30, withBaby())
		hs.press(c.digit, "enter")
		hs.answerReady()
		hs.press("s", "space", "c", "3") // subtle cues: rest the hands, then slower
		hs.press("right")                // the hold ends
		for ss := hs.session(); !routines.Slowed(ss.sess.State().Step); {
			hs.press("n") // past resting hands: they stay still, and say nothing of pace
		}
		hs.voice.said = nil
		hs.press("n") // the next stroke is announced
		hs.want(c.want)
		if said := strings.Join(hs.voice.said, " "); !strings.Contains(said, c.want) {
			t.Errorf("routine %s: the voice said %q, want %q", c.digit, said, c.want)
		}
		if c.digit == "6" && strings.Contains(strings.ToLower(hs.view()+strings.Join(hs.voice.said, " ")), "lighter") {
			t.Errorf("the research protocol is told to go lighter:\n%s\n%q", hs.view(), hs.voice.said)
		}
	}
}

// Enter pressed again and again (a second press, a key held down) answers
// no readiness question: each needs its own y or n, so the check is never
// passed unread.
func TestRepeatedEnterAnswersNothing(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	for range 12 {
		hs.press("enter")
	}
	rs, ok := hs.m.screen.(*readyScreen)
	if !ok || rs.stage != formStage || rs.at != 0 {
		t.Fatalf("after 12 enters: %T at question %d:\n%s", hs.m.screen, rs.at, hs.view())
	}
	hs.press("right", "left", "down", "tab")
	if rs.at != 0 {
		t.Fatalf("an arrow or tab answered a question:\n%s", hs.view())
	}
	hs.press("n")
	if rs.at == 0 {
		t.Fatalf("n did not answer:\n%s", hs.view())
	}
}

// A parent who said no oil is never asked to wipe oil off their hands,
// whichever way the massage is picked up again: from the offer at
// start, from the history, or after a long break through the questions
// again. A "yes" to oil at that later check is heard.
func TestResumeKeepsNoOil(t *testing.T) {
	// cutAtFace runs full-body with no oil to its face region, then quits.
	cutAtFace := func() *memStore {
		st := withBaby()
		hs := newHarness(t, 80, 24, st)
		hs.press("enter")
		hs.answerReady() // no oil
		hs.press("s", "space")
		for n := 0; hs.session().sess.State().Region.ID != "face"; n++ {
			if n > 10 {
				t.Fatalf("never reached the face:\n%s", hs.view())
			}
			hs.press("s")
		}
		hs.press("ctrl+c")
		return st
	}
	// firstAfterYes is the step after the baby's yes at the ask again.
	firstAfterYes := func(hs *harness) routines.Step {
		t.Helper()
		hs.want("Ask, and wait for a yes")
		hs.press("space")
		return hs.session().sess.State().Step
	}

	hs := newHarness(t, 80, 24, cutAtFace())
	hs.press("r")
	if st := firstAfterYes(hs); st.Kind == routines.StepPrepare {
		t.Errorf("picked up at once: %q, though no oil was used", st.Title())
	}

	hs = newHarness(t, 80, 24, cutAtFace())
	hs.press("esc", "h", "enter")
	hs.want("Cut off: r resumes it")
	hs.press("r")
	if st := firstAfterYes(hs); st.Kind == routines.StepPrepare {
		t.Errorf("picked up from the history: %q, though no oil was used", st.Title())
	}

	hs = newHarness(t, 80, 24, cutAtFace())
	hs.clock.Add(40 * time.Minute)
	hs.press("r")
	if hs.m.screen.(*readyScreen).stage == sameStage {
		hs.press("n") // something changed: oil now
	}
	hs.answer(routines.ReadinessOil)
	if hs.m.screen.(*readyScreen).stage == verdictStage {
		hs.press("enter") // the tips about oil
	}
	if st := firstAfterYes(hs); st.ID != "wipe-hands" {
		t.Errorf("oil said at the check of a late resume, then %q, want the hands wiped first", st.Title())
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

	// Mia is 8 weeks old: the cord stump has long healed, and no question
	// asks about it. A baby whose age cradle does not know is asked.
	hs.press("enter")
	if q := asked(hs); strings.Contains(q, "stump") {
		t.Fatalf("an 8-week-old is asked about the cord stump: %s", q)
	}
	st := withBaby()
	st.babies[0].Birth = time.Time{}
	hs = newHarness(t, 80, 24, st)
	hs.press("enter")
	if q := asked(hs); !strings.Contains(q, "stump") {
		t.Fatalf("a baby of an age not known is not asked about the cord stump: %s", q)
	}
	hs.answerEach(func(q routines.Question) string {
		if q.About == routines.ReadinessStump || q.About == routines.ReadinessCold {
			return "y"
		}
		return "n"
	})
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

// asked is the readiness questions of the check on screen, by what they
// are about.
func asked(hs *harness) string {
	hs.t.Helper()
	rs, ok := hs.m.screen.(*readyScreen)
	if !ok {
		hs.t.Fatalf("not at the readiness check; screen is %T", hs.m.screen)
	}
	var out []string
	for _, q := range rs.qs {
		out = append(out, string(q.About))
	}
	return strings.Join(out, " ")
}

// A baby is asked about a healing cord stump only while it may still
// heal: under 6 weeks, or of an age cradle does not know. A 3-month-old
// answers one question fewer.
func TestStumpAskedOnlyOfAYoungBaby(t *testing.T) {
	for _, c := range []struct {
		days  int
		stump bool
		count string
	}{{90, false, "1 of 10"}, {41, true, "1 of 11"}, {42, false, "1 of 10"}} {
		hs := run(t, 80, 24, babyAged(c.days), "full-body")
		if hs.m.screen.(*readyScreen).stage == ageStage {
			hs.press("y") // a routine for older babies: follow it anyway
		}
		hs.want(c.count)
		if got := strings.Contains(asked(hs), "stump"); got != c.stump {
			t.Errorf("a baby of %d days asked about the cord stump: %v, want %v", c.days, got, c.stump)
		}
		if got := strings.Contains(hs.view(), "cord stump"); got && !c.stump {
			t.Errorf("a baby of %d days: the screen names the cord stump", c.days)
		}
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
