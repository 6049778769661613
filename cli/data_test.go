package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// Two babies whose names differ only in case (saved before cradle refused
// that): export --baby says so and exports nothing, rather than guess.
func TestExportRefusesABabyNameTwoShare(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cradle.db")
	st, err := store.Open(db, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC)
	for _, name := range []string{"Ada", "ADA", "Bea"} {
		b, err := st.SaveBaby(store.Baby{Name: name, Added: at})
		if err != nil {
			t.Fatal(err)
		}
		rec, err := st.Begin(store.Session{BabyID: b.ID, BabyName: b.Name, RoutineID: "newborn", RoutineTitle: "Newborn first touch", Started: at})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Append(rec.ID, routines.Event{Kind: routines.EvStart, At: at},
			routines.Event{Kind: routines.EvEnd, At: at.Add(time.Minute), Reason: routines.Finished}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "ada.csv")
	for _, args := range [][]string{
		{"--format", "csv", "--baby", "ada"},
		{"--format", "csv", "--baby", " Ada ", "--out", file},
	} {
		code, out, errOut := cradle(t, append([]string{"export", "--db", db}, args...)...)
		if code == 0 || out != "" || !strings.Contains(errOut, "(Ada, ADA)") ||
			!strings.Contains(errOut, "Nothing was exported") {
			t.Errorf("export %v: code %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Errorf("a file was written: %v", err)
	}
	// A name only one baby has still exports.
	if code, out, errOut := cradle(t, "export", "--format", "csv", "--baby", "bea", "--db", db); code != 0 || !strings.Contains(out, "Bea") || strings.Contains(out, "Ada") {
		t.Errorf("export bea: code %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
}

// A database file that is missing or empty is named, and told apart.
func TestExportNeedsADatabase(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ db, want string }{
		{filepath.Join(dir, "gone.db"), "there is no cradle database at " + filepath.Join(dir, "gone.db") + " yet"},
		{empty, empty + " is empty: it holds no cradle data yet"},
	} {
		if code, out, errOut := cradle(t, "export", "--format", "csv", "--db", c.db); code == OK || !strings.Contains(errOut, c.want) || out != "" {
			t.Errorf("export of %s: exit %d, stdout %q, stderr %q; want %q", c.db, code, out, errOut, c.want)
		}
	}
}
