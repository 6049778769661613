package store

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/cradle-coach/cradle/internal/testclock"
	"github.com/cradle-coach/cradle/routines"
)

var writeFixture = flag.Bool("write-schema1", false, "write testdata/schema1.bolt with this (schema 1) code")

// TestWriteSchema1Fixture wrote the database file the migration test
// opens: what a schema-1 cradle leaves behind. It was run with the
// schema-1 code of commit aedf05e (go test ./store -run WriteSchema1
// -write-schema1) and is kept to show how the file was made; with later
// schemas it refuses to run, since it would no longer write schema 1.
func TestWriteSchema1Fixture(t *testing.T) {
	if !*writeFixture {
		t.Skip("writes testdata/schema1.bolt; run with -write-schema1")
	}
	if SchemaVersion != 1 {
		t.Fatalf("this writes a schema-1 file; the code is at schema %d", SchemaVersion)
	}
	tmp := filepath.Join(t.TempDir(), "cradle.db")
	s, err := Open(tmp, Options{})
	if err != nil {
		t.Fatal(err)
	}
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*routines.Routine{}
	for _, r := range lib {
		byID[r.ID] = r
	}
	day := func(d int) time.Time { return time.Date(2026, 9, 1+d, 18, 30, 0, 0, time.UTC) }
	ada, err := s.SaveBaby(Baby{Name: "Ada", Birth: time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC), Added: day(0).Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	bea, err := s.SaveBaby(Baby{Name: "Bea", Birth: time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC),
		Due: time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC), Added: day(0).Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetLastBaby(bea.ID); err != nil {
		t.Fatal(err)
	}

	// run walks a routine with the engine, as the app does, and saves each
	// engine call's events in one batch. script decides at each step.
	run := func(baby Baby, routine string, started time.Time, script func(i int, s *routines.Session, c *testclock.Clock) ([]routines.Event, bool)) {
		t.Helper()
		clock := testclock.New(started)
		r := byID[routine]
		rec, err := s.StartSession(Session{BabyID: baby.ID, BabyName: baby.Name, RoutineID: r.ID, RoutineTitle: r.Title, RoutineFile: r.File, Started: started})
		if err != nil {
			t.Fatal(err)
		}
		sess := routines.NewSession(r, clock, routines.SessionOptions{})
		save := func(evs []routines.Event) {
			if err := s.Append(rec.ID, evs...); err != nil {
				t.Fatal(err)
			}
		}
		save(sess.Start())
		for i := 0; sess.State().Phase != routines.PhaseEnded && i < 500; i++ {
			evs, stop := script(i, sess, clock)
			if stop {
				return // left unfinished
			}
			save(evs)
		}
	}
	// flow: let timed phases run out, say yes at the start, answer
	// check-ins from answers in turn.
	flow := func(answers []routines.Cue, stopAt int) func(int, *routines.Session, *testclock.Clock) ([]routines.Event, bool) {
		n := 0
		return func(i int, sess *routines.Session, c *testclock.Clock) ([]routines.Event, bool) {
			if i == stopAt {
				return nil, true
			}
			st := sess.State()
			switch st.Phase {
			case routines.PhaseWaiting:
				return sess.Next(), false
			case routines.PhaseCheckIn:
				if n < len(answers) {
					n++
					return sess.Answer(answers[n-1]), false
				}
			case routines.PhaseOffering:
				return sess.Next(), false
			}
			c.Add(st.Remaining)
			return sess.Tick(), false
		}
	}
	R, C, S, F, Z := routines.CueRelaxed, routines.CueContent, routines.CueSubtle, routines.CueFussing, routines.CueAsleep
	// 1. Ada, the newborn routine, to the end.
	run(ada, "newborn", day(0), flow([]routines.Cue{R, C, R, R}, -1))
	// 2. Bea, the newborn routine: a pause, a manual check-in during a
	// stroke, fussing, and an early end.
	run(bea, "newborn", day(0).Add(40*time.Minute), func() func(int, *routines.Session, *testclock.Clock) ([]routines.Event, bool) {
		base := flow([]routines.Cue{S, F}, -1)
		asked := false
		return func(i int, sess *routines.Session, c *testclock.Clock) ([]routines.Event, bool) {
			st := sess.State()
			switch {
			case i == 8:
				c.Add(3 * time.Second)
				return sess.Pause(), false
			case i == 9:
				c.Add(time.Minute)
				return sess.Resume(), false
			case !asked && st.Phase == routines.PhaseRunning && st.RegionNum == 2:
				asked = true
				c.Add(2 * time.Second)
				evs := sess.AskNow()
				c.Add(4 * time.Second)
				return append(evs, sess.Answer(C)...), false
			case i == 24:
				return sess.End(""), false
			}
			return base(i, sess, c)
		}
	}())
	// 3. Ada, colic: fell asleep.
	run(ada, "colic", day(1), flow([]routines.Cue{R, Z}, -1))
	// 4. A demo without a baby profile (cradle run), said "not now".
	run(Baby{Name: "Baby"}, "bedtime", day(2), func(i int, sess *routines.Session, c *testclock.Clock) ([]routines.Event, bool) {
		if sess.State().Phase == routines.PhaseWaiting {
			return sess.End(""), false
		}
		c.Add(sess.State().Remaining)
		return sess.Tick(), false
	})
	// 5. Bea, bedtime, cut off (the terminal closed), later closed as
	// interrupted.
	run(bea, "bedtime", day(3), flow([]routines.Cue{R}, 10))
	un, err := s.Unfinished()
	if err != nil || len(un) != 1 {
		t.Fatalf("unfinished: %v %v", un, err)
	}
	if err := s.CloseInterrupted(un[0].ID, day(4)); err != nil {
		t.Fatal(err)
	}
	// 6. Ada, full body, cut off and left unfinished.
	run(ada, "full-body", day(5), flow([]routines.Cue{R, C}, 30))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Compact into the checked-in file, so it stays small.
	out := filepath.Join("testdata", "schema1.bolt")
	_ = os.Remove(out)
	src, err := bbolt.Open(tmp, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := bbolt.Open(out, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bbolt.Compact(dst, src, 0); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}
