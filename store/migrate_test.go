package store

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/cradle-coach/cradle/routines"
)

// rawBuckets reads every bucket of a bbolt file as key -> value.
func rawBuckets(t *testing.T, path string) map[string]map[string][]byte {
	t.Helper()
	db, err := bbolt.Open(path, 0, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]map[string][]byte{}
	err = db.View(func(tx *bbolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bbolt.Bucket) error {
			m := map[string][]byte{}
			out[string(name)] = m
			return b.ForEach(func(k, v []byte) error {
				m[string(k)] = bytes.Clone(v)
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestMigrateFromSchema1 opens the file a schema-1 cradle wrote
// (testdata/schema1.bolt, made by TestWriteSchema1Fixture at that schema)
// and checks that every baby, session and event is still there, that the
// file was backed up first, and that the new index and counts are right.
func TestMigrateFromSchema1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cradle.db")
	orig := readFile(t, filepath.Join("testdata", "schema1.bolt"))
	if err := os.WriteFile(path, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	before := rawBuckets(t, path)
	if got := string(before["meta"]["schema"]); got != "1" {
		t.Fatalf("the fixture is schema %q", got)
	}
	if len(before["babies"]) != 2 || len(before["sessions"]) != 6 || len(before["events"]) != 112 || len(before["open"]) != 1 {
		t.Fatalf("fixture has %d babies, %d sessions, %d events, %d open", len(before["babies"]), len(before["sessions"]), len(before["events"]), len(before["open"]))
	}

	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Backed up first: the copy is the schema-1 file, whole.
	if got := rawBuckets(t, path+".schema1.bak"); !reflect.DeepEqual(got, before) {
		t.Error("the backup differs from the file before the upgrade")
	}

	// Babies, the last baby, events and the open list are untouched.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	after := rawBuckets(t, path)
	for _, name := range []string{"babies", "events", "open"} {
		if !reflect.DeepEqual(after[name], before[name]) {
			t.Errorf("bucket %s changed", name)
		}
	}
	if got := string(after["meta"]["schema"]); got != strconv.Itoa(SchemaVersion) {
		t.Errorf("schema %q after the upgrade", got)
	}
	if !bytes.Equal(after["meta"]["last_baby"], before["meta"]["last_baby"]) {
		t.Error("the last baby changed")
	}
	// Sessions keep every field; only their stats are new.
	if len(after["sessions"]) != len(before["sessions"]) {
		t.Fatalf("%d sessions, want %d", len(after["sessions"]), len(before["sessions"]))
	}
	for k, v := range before["sessions"] {
		var was, is map[string]any
		if err := json.Unmarshal(v, &was); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(after["sessions"][k], &is); err != nil {
			t.Fatal(err)
		}
		if _, ok := is["stats"]; !ok {
			t.Errorf("session %x has no stats", k)
		}
		delete(is, "stats")
		if !reflect.DeepEqual(was, is) {
			t.Errorf("session %x changed:\n was %v\n  is %v", k, was, is)
		}
	}

	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	babies, err := s.Babies()
	if err != nil || len(babies) != 2 || babies[0].Name != "Ada" || babies[1].Name != "Bea" || babies[1].Due.IsZero() {
		t.Fatalf("babies %+v, %v", babies, err)
	}
	// The index: each baby's sessions, and the demo session under no baby.
	total := 0
	manual := 0
	for _, baby := range []uint64{0, babies[0].ID, babies[1].ID} {
		list, err := s.BabySessions(baby, "", 100)
		if err != nil {
			t.Fatal(err)
		}
		want := map[uint64]int{0: 1, babies[0].ID: 3, babies[1].ID: 2}[baby]
		if len(list) != want {
			t.Errorf("baby %d: %d sessions, want %d", baby, len(list), want)
		}
		if n, err := s.CountSessions(baby); err != nil || n != want {
			t.Errorf("CountSessions(%d) = %d, %v", baby, n, err)
		}
		for _, sess := range list {
			total++
			if sess.BabyID != baby {
				t.Errorf("session %s of baby %d listed under %d", sess.ID, sess.BabyID, baby)
			}
			evs, err := s.Events(sess.ID)
			if err != nil {
				t.Fatal(err)
			}
			// The stats say what the events say.
			if got, want := sess.Stats.Length(), routines.Summarize(nil, evs).Active; got != want {
				t.Errorf("session %s: length %v, want %v", sess.ID, got, want)
			}
			var answers []Answer
			steps := map[int]string{}
			for _, ev := range evs {
				if ev.Kind == routines.EvStepDone || ev.Kind == routines.EvStepSkipped {
					steps[ev.Index] = ev.Step
				}
			}
			done := 0
			for _, ev := range evs {
				if ev.Kind == routines.EvStepDone && ev.Region != "opening" {
					done++
				}
				if ev.Kind == routines.EvCheckIn && ev.Cue != routines.CueUnanswered {
					a := Answer{Region: ev.Region, Cue: ev.Cue}
					if ev.Manual {
						a.Step = steps[ev.Index]
						manual++
					}
					answers = append(answers, a)
				}
			}
			if sess.Stats.Done != done || !reflect.DeepEqual(sess.Stats.Answers, answers) {
				t.Errorf("session %s: stats %+v, want %d done and answers %+v", sess.ID, sess.Stats, done, answers)
			}
		}
	}
	if total != 6 {
		t.Errorf("%d sessions indexed, want 6", total)
	}
	if manual == 0 {
		t.Error("the fixture's manual check-in was not found")
	}
	// The upgraded file goes on working: the unfinished session can be
	// closed, and a new one is indexed.
	un, err := s.Unfinished()
	if err != nil || len(un) != 1 {
		t.Fatalf("unfinished %v, %v", un, err)
	}
	if err := s.CloseInterrupted(un[0].ID, un[0].Started.Add(48*3600e9)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Session(un[0].ID); got.Status != StatusDone || got.Stats.Length() != un[0].Stats.Length() {
		t.Errorf("closed: %+v (length before %v)", got, un[0].Stats.Length())
	}
}
