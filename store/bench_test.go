package store

import (
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
)

// BenchmarkAppendEvent is the cost of saving one event the moment it
// happens: one read-write transaction with fsync, as the app does it.
func BenchmarkAppendEvent(b *testing.B) {
	s, err := Open(b.TempDir()+"/cradle.db", Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sess, err := s.StartSession(Session{BabyName: "Ada", Started: t0})
	if err != nil {
		b.Fatal(err)
	}
	at := t0
	b.ReportAllocs()
	for b.Loop() {
		at = at.Add(time.Second)
		if err := s.Append(sess.ID, routines.Event{Kind: routines.EvStepDone, At: at, Region: "legs", Step: "Milking", Index: 3, Elapsed: 40 * time.Second}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "commits/s")
}

// BenchmarkUnfinished is the start-up check for a session to resume, on a
// long history: it must not grow with the number of finished sessions.
func BenchmarkUnfinished(b *testing.B) {
	s, err := Open(b.TempDir()+"/cradle.db", Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	s.db.NoSync = true // only to build the history quickly
	for i := range 10_000 {
		started := t0.Add(time.Duration(i) * time.Hour)
		sess, err := s.StartSession(Session{BabyName: "Ada", RoutineTitle: "Legs", Started: started})
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Append(sess.ID,
			routines.Event{Kind: routines.EvStart, At: started},
			routines.Event{Kind: routines.EvEnd, At: started.Add(10 * time.Minute), Reason: routines.EndFinished}); err != nil {
			b.Fatal(err)
		}
	}
	open, err := s.StartSession(Session{BabyName: "Ada", Started: t0.Add(time.Hour / 2)})
	if err != nil {
		b.Fatal(err)
	}
	s.db.NoSync = false
	b.ReportAllocs()
	for b.Loop() {
		got, err := s.Unfinished()
		if err != nil || len(got) != 1 || got[0].ID != open.ID {
			b.Fatalf("Unfinished = %v, %v", got, err)
		}
	}
}
