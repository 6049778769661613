package ui

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// The home list can shrink under its cursor: a shaped routine deleted
// while the cursor was on the last entry leaves it on the new last one.
func TestHomeCursorAfterARoutineIsDeleted(t *testing.T) {
	st := twins()
	for i := range 4 {
		addSession(t, st, st.babies[1], time.Date(2026, 11, 26-i, 18, 0, 0, 0, time.UTC), "back:relaxed", "face:crying")
	}
	dir := filepath.Join(t.TempDir(), "cradle", "routines")
	hs := newHarnessWith(t, 100, 40, Config{Store: st, RoutinesDir: dir})
	hs.press("i", "s", "y", "esc", "esc")
	n := len(hs.m.app.homeRoutines())
	hs.press("up") // from the first to the last entry
	if h := hs.m.screen.(*homeScreen); h.cursor != n-1 {
		t.Fatalf("cursor %d; want the last of %d", h.cursor, n)
	}
	hs.press("i", "s", "d", "esc", "esc")
	rs := hs.m.app.homeRoutines()
	if len(rs) != n-1 {
		t.Fatalf("%d routines after the delete; want %d", len(rs), n-1)
	}
	hs.press("enter") // must not reach past the end of the list
	b, ok := hs.m.screen.(*babyListScreen)
	if !ok {
		t.Fatalf("enter on the last entry went to %T; want whose-massage", hs.m.screen)
	}
	if last := rs[len(rs)-1]; b.next.ID != last.ID {
		t.Fatalf("starting %q; want the last entry, %q", b.next.Title, last.Title)
	}
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
	hs.m.app.data.routines = append(hs.m.app.data.routines, &ada)
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
	hs.m.app.data.routines = append(hs.m.app.data.routines, &ada)
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
	hs.m.app.data.routines = append(hs.m.app.data.routines, &ada)
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

// esc goes back on every other screen, so on the home screen it stays:
// pressed once too often on the way back it must not leave cradle. q
// quits.
func TestEscOnHomeStays(t *testing.T) {
	hs := newHarness(t, 100, 30, withBaby())
	hs.wantSaid("Choose a massage")
	hs.press("esc", "esc")
	if hs.quit {
		t.Fatal("esc on the home screen quit cradle")
	}
	hs.wantSaid("Choose a massage")
	hs.press("q")
	if !hs.quit {
		t.Fatal("q on the home screen did not quit")
	}
}
