package cli

import (
	"bytes"
	"io"
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
		rec, err := st.StartSession(store.Session{BabyID: b.ID, BabyName: b.Name, RoutineID: "newborn", RoutineTitle: "Newborn first touch", Started: at})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Append(rec.ID, routines.Event{Kind: routines.EvStart, At: at},
			routines.Event{Kind: routines.EvEnd, At: at.Add(time.Minute), Reason: routines.EndFinished}); err != nil {
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
			!strings.Contains(errOut, "Nothing was done") {
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

// seedDB is a database with one baby and one finished session.
func seedDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "cradle.db")
	st, err := store.Open(db, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC)
	b, _ := st.SaveBaby(store.Baby{Name: "Ada", Added: at})
	rec, err := st.StartSession(store.Session{BabyID: b.ID, BabyName: b.Name, RoutineID: "newborn", RoutineTitle: "Newborn first touch", Started: at})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Append(rec.ID, routines.Event{Kind: routines.EvStart, At: at},
		routines.Event{Kind: routines.EvEnd, At: at.Add(time.Minute), Reason: routines.EndFinished}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return db
}

// import reads a file, or standard input with -: a JSON export or a
// backup. A folder, a pipe, a device and the database itself are refused
// at once (a pipe would block for ever), each in its own words.
func TestImportWhatItReads(t *testing.T) {
	src := seedDB(t)
	var export bytes.Buffer
	if code := Run([]string{"export", "--format", "json", "--db", src}, Stdio{In: strings.NewReader(""), Out: &export, Err: io.Discard}); code != OK {
		t.Fatalf("export: %d", code)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if code, _, errOut := cradle(t, "backup", "--db", src, backup); code != OK {
		t.Fatalf("backup: %s", errOut)
	}
	data, _ := os.ReadFile(backup)
	for _, c := range []struct {
		name string
		in   []byte
	}{{"a JSON export", export.Bytes()}, {"a backup", data}} {
		db := filepath.Join(t.TempDir(), "new.db")
		var out, errOut bytes.Buffer
		code := Run([]string{"import", "--db", db, "-"}, Stdio{In: bytes.NewReader(c.in), Out: &out, Err: &errOut})
		if code != OK || out.Len() != 0 || !strings.Contains(errOut.String(), "Imported 1 session (2 events) into "+db+". 1 new baby added.") {
			t.Errorf("%s on standard input: %d %q %q", c.name, code, out.String(), errOut.String())
		}
	}

	fifo := filepath.Join(t.TempDir(), "pipe")
	mkfifo(t, fifo)
	for _, c := range []struct{ file, want string }{
		{fifo, fifo + " cannot be imported: it is not a regular file (a pipe, a device or a socket). To import from a pipe, use - for standard input: cradle import - < FILE. Nothing was imported."},
		{t.TempDir(), "it is a folder. Give a file: a backup made by cradle backup, or an export made by cradle export --format json."},
		{src, "it is the database being imported into: importing a database into itself adds nothing."},
	} {
		code, out, errOut := cradle(t, "import", "--db", src, c.file)
		if code != Problem || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("import %s: %d %q %q; want %q", c.file, code, out, errOut, c.want)
		}
		if c.file == src {
			continue
		}
		// Refused before a database is made for it.
		fresh := filepath.Join(t.TempDir(), "fresh.db")
		if code, _, _ := cradle(t, "import", "--db", fresh, c.file); code != Problem {
			t.Errorf("import %s into a new database: %d", c.file, code)
		}
		if _, err := os.Stat(fresh); !os.IsNotExist(err) {
			t.Errorf("import %s made a database: %v", c.file, err)
		}
	}
	if code, _, errOut := cradle(t, "import", "--db", src, "-"); code != Problem || !strings.Contains(errOut, "standard input cannot be imported: the file is empty") {
		t.Errorf("nothing on standard input: %d %q", code, errOut)
	}
}
