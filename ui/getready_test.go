package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// answerReadyOil is answerReady, saying yes to oil, then starting from the
// verdict (the oil tip shows one).
func (h *harness) answerReadyOil() {
	h.t.Helper()
	h.want("Before you start")
	h.answerEach(func(q routines.Question) string {
		if q.About == routines.ReadinessCold || q.About == routines.ReadinessOil || routines.GoAheadFirst(q) {
			return "y"
		}
		return "n"
	})
	h.want("sunflower oil")
	h.press("enter")
	h.session()
}

// toRegion starts full-body and goes on until the session is in region
// id: past the opening ritual (the baby says yes), each region before it
// skipped with s.
func toRegion(t *testing.T, hs *harness, id string, oil bool) {
	t.Helper()
	hs.press("enter") // full-body
	if oil {
		hs.answerReadyOil()
	} else {
		hs.answerReady()
	}
	hs.press("s", "space") // past the ritual; the baby says yes
	for i := 0; hs.session().sess.State().Region.ID != id; i++ {
		if i > 10 {
			t.Fatalf("never reached %s:\n%s", id, hs.view())
		}
		hs.press("s")
	}
}

// stepTo presses next until the step on screen is called name.
func stepTo(t *testing.T, hs *harness, name string) {
	t.Helper()
	for i := 0; hs.session().sess.State().Step.Name != name; i++ {
		if i > 20 {
			t.Fatalf("never reached %s:\n%s", name, hs.view())
		}
		hs.press("n")
	}
}

// safetySizes are the short windows safety words must survive.
var safetySizes = []struct{ w, h int }{{80, 18}, {60, 20}, {40, 12}}

// The water wheel, the turn onto the front and the back circles on short
// windows: the step's name, its countdown and its caution stay; the
// next-step line and the decoration go first.
func TestSafetyWordsStayGolden(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	toRegion(t, hs, "tummy", false)
	stepTo(t, hs, "Water wheel")
	hs.tick(3 * time.Second)
	shots := map[string]string{}
	shoot := func(name string) {
		for _, sz := range safetySizes {
			hs.send(sizeMsg(sz.w, sz.h))
			v := hs.view()
			shots[name] = v
			golden.Check(t, fmt.Sprintf("%s-%dx%d", name, sz.w, sz.h), v)
		}
		hs.send(sizeMsg(80, 24))
	}
	shoot("water-wheel")
	for hs.session().sess.State().Region.ID != "back" {
		hs.press("s")
	}
	if st := hs.session().sess.State(); st.Step.Name != "Turn your baby onto their front" {
		t.Fatalf("the back starts with %q, want turning the baby over", st.Step.Name)
	}
	shoot("turn-front")
	hs.send(sizeMsg(100, 30))
	golden.Check(t, "turn-front-100x30", hs.view())
	hs.send(sizeMsg(80, 24))
	hs.press("space") // ready
	stepTo(t, hs, "Back circles")
	hs.tick(2 * time.Second)
	shoot("back-circles")
}

// From 40x12 up, a step with a caution shows its name, its countdown and
// every word of its caution; on the smallest windows, what comes next is
// the first to go.
func TestCautionAtEverySize(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	toRegion(t, hs, "tummy", false)
	stepTo(t, hs, "Water wheel")
	check := func() {
		t.Helper()
		st := hs.session().sess.State()
		for w := minWidth; w <= 130; w += 7 {
			for h := minHeight; h <= 45; h += 2 {
				hs.send(sizeMsg(w, h))
				v := hs.view()
				flat := strings.Join(strings.Fields(v), " ")
				if !strings.Contains(v, st.Step.Title()) || !timerEndsLine(v, FormatCountdown(st.Remaining)) {
					t.Fatalf("%dx%d: no name or countdown:\n%s", w, h, v)
				}
				if !strings.Contains(flat, strings.Join(strings.Fields(st.Step.Caution), " ")) {
					t.Fatalf("%dx%d: the caution %q is cut:\n%s", w, h, st.Step.Caution, v)
				}
				if h < 16 && strings.Contains(v, "Next ") {
					t.Fatalf("%dx%d: the next step shows on a short window:\n%s", w, h, v)
				}
			}
		}
		hs.send(sizeMsg(80, 24))
	}
	check()
	for hs.session().sess.State().Region.ID != "back" {
		hs.press("s")
	}
	check() // turning the baby over: the cheek to rest
	stepTo(t, hs, "Back circles")
	check()
}

// Turning the baby over is a step: rung as a new region, spoken whole,
// waiting for space, and going on by itself after its time; it is saved
// as ready, never as a stroke done.
func TestTurningTheBabyIsAStep(t *testing.T) {
	hs := newHarness(t, 100, 30, withBaby())
	toRegion(t, hs, "face", false)
	hs.expect("the back", func() { hs.press("s") }, heard{[]SoundKind{SoundRegion}, []string{
		"Back. Turn your baby onto their front. Lay your baby face-down across your thighs or on the mat beside you. " +
			"Your baby cannot see your face now, so keep talking. A baby who cannot yet hold up their head needs room to rest a cheek."}})
	hs.want("getting ready")
	hs.want("When you are ready, press space.")
	hs.want("Goes on by itself in")
	hs.want("space ready, go on")
	hs.expect("its time is up", func() { hs.tick(30 * time.Second) }, heard{[]SoundKind{SoundStroke}, []string{"Resting hands, fifteen seconds."}})
	if st := hs.session().sess.State(); st.Position != routines.PositionFront {
		t.Errorf("after turning, the baby lies %q", st.Position)
	}
	// Back to the face: turned over again first, and space is ready, not
	// pause.
	hs.press("b")
	hs.want("Turn your baby onto their back")
	hs.press("space")
	hs.want("Ears, neck and chins")
	hs.press("e", "y")
	_, evs := hs.st.only(t)
	var ready []string
	for _, ev := range evs {
		if ev.Kind == routines.EvReady {
			ready = append(ready, ev.Step)
		}
		if ev.Kind == routines.EvStepDone && strings.HasPrefix(ev.Step, "Turn your baby") {
			t.Errorf("turning the baby saved as a step done: %+v", ev)
		}
	}
	if want := []string{"Turn your baby onto their front", "Turn your baby onto their back"}; !slices.Equal(ready, want) {
		t.Errorf("ready events %q, want %q", ready, want)
	}
}

// With oil, the hands are wiped before the face and oiled again before
// the back; the golden shows the wiping.
func TestWipeTheHandsGolden(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	toRegion(t, hs, "face", true)
	if st := hs.session().sess.State(); st.Step.Name != "Wipe the oil off your hands" {
		t.Fatalf("the face starts with %q", st.Step.Name)
	}
	golden.Check(t, "wipe-hands-80x24", hs.view())
	hs.press("space")
	hs.want("Resting hands")
	hs.want("none on the face")
	hs.press("s")
	hs.want("Turn your baby onto their front")
	hs.press("space")
	hs.want("Oil your hands again")
}

// The presentation view shows turning the baby over too, with its
// caution, and space goes on.
func TestPresentTurnGolden(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	toRegion(t, hs, "face", false)
	hs.press("s", "p")
	golden.Check(t, "present-turn-80x24", hs.view())
	hs.want("Take care: A baby who cannot yet hold up their head")
	hs.press("space")
	if st := hs.session().sess.State(); st.Step.Name != "Resting hands" {
		t.Fatalf("space went on to %q", st.Step.Name)
	}
}

// The choice about Indian milking is asked once, before the first session
// that has it; a stray enter does not answer it; the answer is saved and
// holds in every routine.
func TestMilkingAskedOnce(t *testing.T) {
	st := withBaby()
	st.settings = store.Settings{}
	hs := newHarness(t, 80, 24, st)
	hs.want("Indian milking: cradle asks you once before you start")
	hs.press("enter")
	hs.want("Before you start")
	hs.answerEach(func(q routines.Question) string {
		if q.About == routines.ReadinessCold {
			return "y"
		}
		return "n"
	})
	hs.want("One choice before you start: Indian milking")
	golden.Check(t, "milking-80x24", hs.view())
	hs.send(sizeMsg(minWidth, minHeight))
	golden.Check(t, "milking-40x12", hs.view())
	hs.send(sizeMsg(80, 24))
	hs.press("enter", "space")
	hs.want("One choice before you start")
	hs.press("2")
	if got := st.settings.Milking; got != store.MilkingSwedishOnly {
		t.Fatalf("saved %q", got)
	}
	hs.press("s", "space", "n") // the ritual, the yes, the resting hands
	if st := hs.session().sess.State(); st.Step.Title() != "Swedish milking (left)" || !strings.Contains(st.Step.Direction, "towards the heart") {
		t.Fatalf("the first stroke is %q, %q", st.Step.Title(), st.Step.Direction)
	}
	hs.want("Swedish milking (left)")
	hs.press("e", "y", "enter")
	hs.want("Swedish milking only (m keeps Indian milking too)")
	// The next session does not ask again.
	hs.press("enter")
	hs.answerReady()
	hs.session()
}

// m on the home screen changes the choice; pressed twice before the first
// save answers, the last press is what is saved.
func TestMilkingKey(t *testing.T) {
	st := withBaby()
	hs := newHarness(t, 80, 24, st)
	hs.want("Indian milking kept, with a light touch (m for Swedish milking only)")
	hs.hold()
	hs.press("m", "m", "m")
	hs.want("Swedish milking only (m keeps Indian milking too)")
	hs.release()
	if got := st.settings.Milking; got != store.MilkingSwedishOnly || st.calls["SaveSettings"] != 2 {
		t.Fatalf("saved %q in %d saves, want swedish-only in 2", got, st.calls["SaveSettings"])
	}
	hs.press("down") // colic has no Indian milking: m does nothing there
	hs.press("m")
	if st.calls["SaveSettings"] != 2 {
		t.Fatal("m changed the choice under a routine without Indian milking")
	}
}

// The demonstration on a doll asks nothing and keeps the routine as
// written.
func TestMilkingNotAskedInADemo(t *testing.T) {
	hs := newHarnessWith(t, 80, 24, Config{Store: DemoStore(), Present: true})
	hs.press("enter")
	if _, ok := hs.m.screen.(*milkingScreen); ok {
		t.Fatal("a demonstration asked about Indian milking")
	}
}

// "Why massage?" from the home screen: every finding with how sure it is,
// scrolled on a small window, and back with esc.
func TestWhyPage(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("w")
	hs.want("Why massage?")
	golden.Check(t, "why-80x24", hs.view())
	all := ""
	for range 80 {
		all += hs.view()
		hs.press("down")
	}
	flat := strings.Join(strings.Fields(all), " ")
	for _, f := range routines.WhyMassage {
		if !strings.Contains(flat, f.Title) || !strings.Contains(flat, "How sure: "+f.Sure) {
			t.Errorf("the page lacks %q or how sure it is", f.Title)
		}
	}
	if !strings.Contains(flat, strings.Join(strings.Fields(routines.WhyNotATreatment), " ")) {
		t.Error("the page does not say massage is no treatment")
	}
	hs.send(sizeMsg(minWidth, minHeight))
	for range 20 {
		hs.press("pgup")
	}
	golden.Check(t, "why-40x12", hs.view())
	hs.press("esc")
	hs.want("enter start")
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
