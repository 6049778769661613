package store

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
)

// Each baby's last all-clear is kept, one per baby, across a restart; a
// later one replaces it, and it goes with its baby.
func TestClears(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cradle.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ada, _ := s.SaveBaby(Baby{Name: "Ada"})
	bea, _ := s.SaveBaby(Baby{Name: "Bea"})
	morning := time.Date(2026, 3, 4, 9, 10, 0, 0, time.FixedZone("here", 3600))
	asked := []routines.Readiness{routines.ReadinessFed, routines.ReadinessUnwell}
	for _, c := range []struct {
		baby uint64
		at   time.Time
	}{{ada.ID, morning}, {bea.ID, morning}, {ada.ID, morning.Add(5 * time.Hour)}} {
		if err := s.SaveClear(c.baby, routines.Clear{At: c.at, Asked: asked, Oil: true}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SaveClear(99, routines.Clear{At: morning}); !errors.Is(err, ErrNotFound) {
		t.Errorf("an all-clear for a baby who is not there: %v", err)
	}
	s.Close()

	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Clears()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got[ada.ID].At.Equal(morning.Add(5*time.Hour)) || !got[bea.ID].At.Equal(morning) ||
		len(got[ada.ID].Asked) != 2 || !got[ada.ID].Oil {
		t.Fatalf("clears after a restart: %+v", got)
	}
	if _, err := s.RemoveBaby(ada.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Clears(); len(got) != 1 || got[bea.ID].At.IsZero() {
		t.Errorf("after removing Ada: %+v", got)
	}
}
