package store_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// Run each for a while before a release:
//
//	go test ./store -run XXX -fuzz FuzzImportJSON -fuzztime 10m -parallel 1
//	go test ./store -run XXX -fuzz FuzzImportDatabase -fuzztime 10m -parallel 1

// small is a store with a little of everything an export holds: two
// babies (one with a due date, a goal and a rest week), a finished
// session, one cut off, and a demo of no baby.
func small(t testing.TB, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	ada, _ := st.SaveBaby(store.Baby{Name: "Ada", Birth: day0.AddDate(0, -2, 0), Due: day0.AddDate(0, -1, -20), Goal: 4, Rest: []string{"2026-08-31"}, Added: day0})
	bea, _ := st.SaveBaby(store.Baby{Name: "Bea", Added: day0})
	for i, b := range []store.Baby{ada, bea, {Name: "Baby"}} {
		at := day0.Add(time.Duration(i) * 24 * time.Hour)
		sess, err := st.StartSession(store.Session{BabyID: b.ID, BabyName: b.Name, RoutineID: "colic", RoutineTitle: "Colic relief", Started: at})
		if err != nil {
			t.Fatal(err)
		}
		evs := []routines.Event{
			{Kind: routines.EvStart, At: at, LeftOut: []string{"face"}},
			{Kind: routines.EvStepDone, At: at.Add(time.Minute), Region: "tummy", Step: "Water wheel", Index: 4, Elapsed: time.Minute},
			{Kind: routines.EvCheckIn, At: at.Add(2 * time.Minute), Region: "tummy", Index: 4, Cue: routines.CueFussing},
			{Kind: routines.EvHold, At: at.Add(2 * time.Minute), Region: "tummy", Index: 4, Hold: 20 * time.Second},
			{Kind: routines.EvPause, At: at.Add(3 * time.Minute), Index: 5},
		}
		if i != 1 {
			evs = append(evs, routines.Event{Kind: routines.EvEnd, At: at.Add(4 * time.Minute), Reason: routines.EndAsleep})
		}
		if err := st.Append(sess.ID, evs...); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// checkImport holds what Import promises of any file: it never panics or
// hangs; a file it refuses adds nothing; a file it takes leaves a whole
// database (checked page by page as the store closes) whose texts are
// clean and bounded, and importing it again adds nothing.
func checkImport(t *testing.T, file string) {
	st, err := store.Open(filepath.Join(t.TempDir(), "here.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := st.Import(file)
	babies, berr := st.Babies()
	sessions, serr := st.Sessions("", 1<<20)
	if berr != nil || serr != nil {
		t.Fatalf("reading back: %v, %v", berr, serr)
	}
	if err != nil {
		var ie *store.ImportError
		if !errors.As(err, &ie) {
			t.Fatalf("error %v (%T), want an ImportError", err, err)
		}
		if len(babies) != 0 || len(sessions) != 0 || res.Sessions != 0 {
			t.Fatalf("a refused file added %d babies and %d sessions: %v", len(babies), len(sessions), err)
		}
		return
	}
	if len(sessions) != res.Sessions || len(babies) != res.BabiesAdded {
		t.Fatalf("result %+v; here %d babies, %d sessions", res, len(babies), len(sessions))
	}
	texts := func(limit int, ss ...string) {
		for _, s := range ss {
			if utf8.RuneCountInString(s) > limit || !utf8.ValidString(s) {
				t.Fatalf("a text of %d characters kept", utf8.RuneCountInString(s))
			}
			for _, r := range s {
				if unicode.IsControl(r) {
					t.Fatalf("a control character kept: %q", s)
				}
			}
		}
	}
	for _, b := range babies {
		texts(store.MaxNameLength, b.Name)
		if b.Name == "" || b.ID == 0 {
			t.Fatalf("baby %+v", b)
		}
	}
	for _, s := range sessions {
		texts(store.MaxNameLength, s.BabyName)
		texts(200, s.RoutineID, s.RoutineTitle)
		evs, err := st.Events(s.ID)
		if err != nil || len(evs) != s.Events {
			t.Fatalf("session %s: %d events of %d (%v)", s.ID, len(evs), s.Events, err)
		}
		for _, ev := range evs {
			texts(200, ev.Region, ev.Step)
			if ev.Elapsed < 0 || ev.Hold < 0 || ev.At.Year() < 2000 {
				t.Fatalf("event %+v", ev)
			}
		}
		if s.Started.Year() < 2000 {
			t.Fatalf("session started %v", s.Started)
		}
	}
	again, err := st.Import(file)
	if err != nil || again.Sessions != 0 || again.BabiesAdded != 0 {
		t.Fatalf("the second import: %+v, %v", again, err)
	}
}

func FuzzImportJSON(f *testing.F) {
	st := small(f, filepath.Join(f.TempDir(), "seed.db"))
	var export bytes.Buffer
	if err := st.ExportJSON(&export, store.Filter{}); err != nil {
		f.Fatal(err)
	}
	st.Close()
	f.Add(export.Bytes())
	f.Add(bytes.ReplaceAll(export.Bytes(), []byte(`"done"`), []byte(`"in_progress"`)))
	f.Add([]byte(`{"format":"cradle export","version":1,"babies":[{"id":18446744073709551615,"name":"Otto","added":"2026-09-01T10:00:00Z"}],"sessions":[{"id":"ffffffffffffffffffffffffffffffff","baby_id":18446744073709551615,"started":"2026-09-02T10:00:00Z","status":"done","events":[{"kind":"start","at":"2026-09-02T10:00:00Z"}]}]}`))
	f.Add([]byte(`{"format":"cradle export","version":1,"babies":[],"sessions":[{"id":"x","baby_id":3,"baby_name":"\u001b[2JZed","started":"0001-01-01T00:00:00Z","events":[{"kind":"step_done","at":"2026-09-02T10:00:00Z","elapsed":-5}]}]}`))
	f.Add([]byte(`{"format":"cradle export","babies":[{"id":1,"name":"A"},{"id":1,"name":"a"}],"sessions":[{"baby_id":1,"started":"2026-09-02T10:00:00Z","events":[{"kind":"end","at":"2026-09-02T10:00:00Z"},{"kind":"end","at":"2026-09-02T10:00:00Z"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file := filepath.Join(t.TempDir(), "in.json")
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
		checkImport(t, file)
	})
}

func FuzzImportDatabase(f *testing.F) {
	path := filepath.Join(f.TempDir(), "seed.db")
	small(f, path).Close()
	seed, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Fuzz(func(t *testing.T, data []byte) {
		file := filepath.Join(t.TempDir(), "in.db")
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
		checkImport(t, file)
	})
}
