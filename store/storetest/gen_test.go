package storetest

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// The same seed makes the same history, whichever way it is committed.
func TestGenerateIsDeterministic(t *testing.T) {
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	var runs [][]store.Session
	for _, one := range []bool{false, true, false} {
		st, err := store.Open(filepath.Join(t.TempDir(), "c.db"), store.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		_, err = Generate(st, lib, Config{Seed: 3, Start: start, Days: 20, Babies: Twins(start), PerDay: 0.8,
			Weights: DefaultWeights, LeaveUnfinished: true, OneCommit: one})
		if err != nil {
			t.Fatal(err)
		}
		all, err := st.Sessions("", 1000)
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, all)
		if un, _ := st.Unfinished(); len(un) != 1 {
			t.Errorf("%d unfinished sessions, want the last one", len(un))
		}
		st.Close()
	}
	if len(runs[0]) < 20 || !reflect.DeepEqual(runs[0], runs[1]) || !reflect.DeepEqual(runs[0], runs[2]) {
		t.Fatalf("runs differ (%d, %d, %d sessions)", len(runs[0]), len(runs[1]), len(runs[2]))
	}
	// The made-up babies answer as their profiles say, so insights have
	// something to find: Ada is relaxed at the back more than at the face.
	calm := map[string][2]int{}
	for _, s := range runs[0] {
		if s.BabyName != "Ada" {
			continue
		}
		for _, a := range s.Stats.Answers {
			c := calm[a.Region]
			c[1]++
			if a.Cue == routines.CueRelaxed || a.Cue == routines.CueContent {
				c[0]++
			}
			calm[a.Region] = c
		}
	}
	back, face := calm["back"], calm["face"]
	if back[1] == 0 || face[1] == 0 || back[0]*face[1] <= face[0]*back[1] {
		t.Errorf("Ada calm at back %v, at face %v", back, face)
	}
}
