//go:build unix

package e2e

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// babyBorn saves a baby born days ago as the one chosen last, said not
// to be born early.
func babyBorn(t *testing.T, db string, days int) {
	t.Helper()
	binary(t)
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Now()
	b, err := s.SaveBaby(store.Baby{Name: "Mia", Birth: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local).AddDate(0, 0, -days), Early: routines.EarlyNo})
	if err == nil {
		err = s.SetLastBaby(b.ID)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// cradle run full-body for a 10-day-old asks first, naming the routine
// that suits; chosen anyway, the readiness check follows, and a yes to
// vaccinations in the last 48 hours ends it kindly: no session is saved.
func TestRunAsksAboutAgeThenStopsAfterAVaccination(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cradle.db")
	babyBorn(t, db, 10)
	a := start(t, db, 100, 30, "run", "full-body")
	a.waitFor("Made for older babies")
	a.waitFor("and Mia is 10 days old")
	a.waitFor("Newborn first touch suits Mia's age (birth to 6 weeks).")
	a.waitFor("y      Full-body massage anyway")
	a.press("y")
	a.waitFor("Before you start")
	for _, q := range []string{"Has your baby fed in the last 45 minutes?", "Is your baby asleep, hungry, tired or upset right now?",
		"Does your baby have a fever or seem unwell?", "Is your baby under a doctor's care for anything right now?"} {
		a.waitFor("┃ " + q)
		a.press("n")
	}
	a.waitFor("┃ Vaccinations in the last 48 hours?")
	a.press("y")
	a.waitFor("Not just now")
	a.waitFor("check with your clinician")
	if s := a.screen(); strings.Contains(s, "leave out") || strings.Contains(s, "GETTING READY") {
		t.Fatalf("after a vaccination the check offers to go on:\n%s", s)
	}
	a.press(enter)
	a.waitFor("Choose a massage")
	a.press("q")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", code, a.stderr.String())
	}
	readDB(t, db, func(db *store.Store) {
		if ss := mustSessions(t, db); len(ss) != 0 {
			t.Fatalf("%d sessions saved after the readiness check stopped: %+v", len(ss), ss)
		}
	})
}

// Answers typed quickly, without waiting for the screen, each answer the
// question they were typed at: four no's and a yes are a vaccination in
// the last 48 hours, never a feed.
func TestQuickAnswersLandInOrder(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cradle.db")
	babyBorn(t, db, 60)
	a := start(t, db, 100, 30, "run", "full-body")
	a.waitFor("┃ Has your baby fed in the last 45 minutes?")
	a.press("n", "n", "n", "n", "y")
	a.waitFor("Not just now")
	a.waitFor("Your baby had vaccinations in the last 48 hours.")
	if s := a.screen(); strings.Contains(s, "after a feed") {
		t.Fatalf("a quick answer landed on another question:\n%s", s)
	}
}

// cradle run for a baby saved without dates asks first whether the baby
// was born early, with the notice that cradle is not medical advice (no
// form said it in this run); the no is kept, and the next run goes
// straight to the readiness questions.
func TestRunAsksBornEarlyOnce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cradle.db")
	binary(t)
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.SaveBaby(store.Baby{Name: "Ada"})
	if err == nil {
		err = s.SetLastBaby(b.ID)
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}

	a := start(t, db, 80, 24, "run", "newborn")
	a.waitFor("Born early?")
	a.waitFor("It is not medical advice")
	a.waitFor(routines.EarlyQuestion("Ada"))
	a.press("n")
	a.waitFor("Before you start")
	a.press("\x03") // ctrl+c
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\n%s", code, a.screen())
	}
	readDB(t, db, func(db *store.Store) {
		babies, err := db.Babies()
		if err != nil {
			t.Fatal(err)
		}
		if len(babies) != 1 || babies[0].Early != routines.EarlyNo {
			t.Fatalf("babies saved: %+v; want Ada, said not born early", babies)
		}
	})

	a = start(t, db, 80, 24, "run", "newborn")
	a.waitFor("Before you start")
	if s := a.screen(); strings.Contains(s, "Born early?") {
		t.Fatalf("asked again after a no:\n%s", s)
	}
	a.press("\x03")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\n%s", code, a.screen())
	}
}
