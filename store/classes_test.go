package store

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
)

// A class is kept, replaced in place as it goes on, and listed newest
// first; a database that never held one lists none.
func TestClasses(t *testing.T) {
	s := openTemp(t)
	if got, err := s.Classes(); err != nil || len(got) != 0 {
		t.Fatalf("Classes of a new database = %v, %v; want none", got, err)
	}
	t0 := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	first, err := s.SaveClass(Class{RoutineID: "full-body", RoutineTitle: "Full-body massage", Started: t0})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.ID) != 32 {
		t.Fatalf("a new class's id is %q, want 32 hex digits", first.ID)
	}
	first.Families = 2
	first.Ended = t0.Add(20 * time.Minute)
	first.Answers = []RegionAnswers{{Region: "legs", Name: "Legs", Counts: map[routines.Cue]int{routines.CueRelaxed: 1, routines.CueFussing: 1}}}
	first.Kept = []KeptSession{{BabyName: "Ada", Events: []routines.Event{{Kind: routines.EvStart, At: t0}}}}
	if _, err := s.SaveClass(first); err != nil {
		t.Fatal(err)
	}
	second, err := s.SaveClass(Class{RoutineID: "colic", Started: t0.Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Classes()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != second.ID || got[1].ID != first.ID {
		t.Fatalf("Classes = %+v; want the second class, then the first (saved twice, kept once)", got)
	}
	if !reflect.DeepEqual(got[1], first) {
		t.Fatalf("the first class read back as\n%+v\nwant\n%+v", got[1], first)
	}
	if _, err := s.SaveClass(Class{ID: "not-an-id"}); err == nil {
		t.Fatal("a class saved under an id cradle never gave was accepted")
	}
}

// A family's class session, written on its own, is an export cradle
// import takes: the baby is added, and the session with every event.
func TestWriteSessionImports(t *testing.T) {
	t0 := time.Now().Add(-time.Hour).Truncate(time.Second)
	evs := []routines.Event{
		{Kind: routines.EvStart, At: t0, Plan: []routines.PlanRegion{{ID: "legs", Name: "Legs", Steps: []int{4, 5}}}},
		{Kind: routines.EvStepDone, At: t0.Add(10 * time.Second), Region: "legs", Step: "Resting hands", Index: 4, Elapsed: 10 * time.Second},
		{Kind: routines.EvCheckIn, At: t0.Add(12 * time.Second), Region: "legs", Index: 5, Cue: routines.CueRelaxed},
		{Kind: routines.EvEnd, At: t0.Add(20 * time.Second), Region: "legs", Index: 5, Reason: routines.EndEarly},
	}
	sess := Session{BabyName: "Ada", RoutineID: "full-body", RoutineTitle: "Full-body massage", Started: t0,
		Ended: evs[3].At, Status: StatusDone, Reason: routines.EndEarly}
	var buf bytes.Buffer
	if err := WriteSession(&buf, Baby{ID: 1, Name: "Ada", Added: t0}, sess, evs); err != nil {
		t.Fatal(err)
	}
	s := openTemp(t)
	file := filepath.Join(t.TempDir(), "ada-class.json")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := s.Import(file)
	if err != nil {
		t.Fatalf("importing a class session: %v\n%s", err, buf.String())
	}
	if res.BabiesAdded != 1 || res.Sessions != 1 || res.Events != len(evs) {
		t.Fatalf("import = %+v; want 1 baby, 1 session, %d events", res, len(evs))
	}
	babies, _ := s.Babies()
	if len(babies) != 1 || babies[0].Name != "Ada" {
		t.Fatalf("babies after import: %+v", babies)
	}
	got, err := s.Sessions("", 10)
	if err != nil || len(got) != 1 {
		t.Fatalf("sessions after import: %v, %v", got, err)
	}
	if got[0].BabyID != babies[0].ID || got[0].Status != StatusDone || got[0].Reason != routines.EndEarly {
		t.Fatalf("the session imported is %+v", got[0])
	}
	back, err := s.Events(got[0].ID)
	if err != nil || len(back) != len(evs) || back[2].Cue != routines.CueRelaxed {
		t.Fatalf("events imported: %+v, %v", back, err)
	}
}
