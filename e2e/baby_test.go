//go:build unix

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cradle-coach/cradle/store"
)

// twins saves Leo and Mia, Leo chosen last.
func twins(t *testing.T, db string) {
	t.Helper()
	binary(t)
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	leo, err := s.SaveBaby(store.Baby{Name: "Leo"})
	if err == nil {
		_, err = s.SaveBaby(store.Baby{Name: "Mia"})
	}
	if err == nil {
		err = s.SetLastBaby(leo.ID)
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
}

// A --baby that names none of the babies stops before anything, in the
// full screen and in plain mode alike, with the names there are: a
// massage for the baby chosen last would be saved under the wrong twin.
// A name in another case is the baby.
func TestUnknownBabyStops(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cradle.db")
	twins(t, db)
	const want = `cradle run: there is no baby called "Noa": the babies are Leo, Mia.`

	a := start(t, db, 100, 30, "run", "full-body", "--baby", "Noa")
	if code := a.waitExit(); code != 2 || !strings.Contains(a.stderr.String(), want) {
		t.Errorf("full screen: exit status %d, want 2 and %q\nstderr:\n%s\nscreen:\n%s", code, want, a.stderr.String(), a.screen())
	}
	if s := a.screen(); strings.Contains(s, "Leo") {
		t.Errorf("full screen: Leo's massage began:\n%s", s)
	}

	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	out, code, _ := runPlain(t, db, null, "--plain", "run", "full-body", "--baby", "Noa")
	if code != 2 || !strings.Contains(out, want) || strings.Contains(out, "Leo is") || strings.Contains(out, "Saved") {
		t.Errorf("plain: exit status %d, want 2 and only %q:\n%s", code, want, out)
	}
	readDB(t, db, func(db *store.Store) {
		if s := mustSessions(t, db); len(s) != 0 {
			t.Errorf("sessions saved: %+v", s)
		}
	})

	a = start(t, db, 100, 30, "run", "colic", "--baby", "mia")
	a.waitFor("Was Mia born more than 3 weeks before the due date?")
	a.waitFor("for Mia")
	a.press("\x03")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("--baby mia: exit status %d\nstderr:\n%s", code, a.stderr.String())
	}
}

// With no baby yet, a name asked for (a config.yaml written before the
// first start) does not stop cradle: the first start's form asks for the
// baby, as without the name, so the baby can be added at all.
func TestBabyNameBeforeAnyBaby(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cradle.db")
	a := start(t, db, 100, 30, "run", "colic", "--baby", "Leo")
	a.waitFor("Your baby's name")
	a.press("\x03")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", code, a.stderr.String())
	}
}
