package ui

import (
	"strings"
	"testing"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui/layout"
)

// The swedish-milking-only setting answers the choice about Indian
// milking for the run: it is not asked, and every routine follows it.
func TestMilkingSetting(t *testing.T) {
	st := withBaby()
	st.settings = store.Settings{} // never chosen in cradle
	hs := newHarnessWith(t, 80, 24, Config{Store: st, Milking: store.MilkingSwedishOnly})
	hs.want("Swedish milking only (m keeps Indian milking too)")
	hs.press("enter")
	hs.answerReady()
	if _, ok := hs.m.screen.(*milkingScreen); ok {
		t.Fatal("asked about Indian milking though the setting answers it")
	}
	hs.session()
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
	hs.send(sizeMsg(layout.MinWidth, layout.MinHeight))
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
