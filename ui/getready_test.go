package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui/layout"
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
		for w := layout.MinWidth; w <= 130; w += 7 {
			for h := layout.MinHeight; h <= 45; h += 2 {
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
	hs.expect("its time is up", func() { hs.tick(30 * time.Second) }, heard{[]SoundKind{SoundSoon, SoundStroke}, []string{"Three, two, one.", "Resting hands, fifteen seconds."}})
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
	hs.want("Take care  A baby who cannot yet hold up their head")
	hs.press("space")
	if st := hs.session().sess.State(); st.Step.Name != "Resting hands" {
		t.Fatalf("space went on to %q", st.Step.Name)
	}
}
