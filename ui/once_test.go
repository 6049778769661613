package ui

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
)

// Every action that saves acts once, however many times its key arrives
// before the store answers: a tired parent presses enter again when
// nothing seems to happen.
func TestSavingActsOnce(t *testing.T) {
	forBea := func(t *testing.T, st *memStore) {
		for i := range 4 {
			addSession(t, st, st.babies[1], time.Date(2026, 11, 26-i, 18, 0, 0, 0, time.UTC), "back:relaxed", "face:crying")
		}
	}
	for _, tc := range []struct {
		name  string
		st    func(t *testing.T) *memStore
		ready []string // keys that lead to the save
		key   string   // the key that saves, pressed three times
		check func(t *testing.T, hs *harness, held int)
	}{
		{"a new baby", func(*testing.T) *memStore { return newMemStore() }, []string{"enter", "enter", "enter", "enter"}, "enter",
			func(t *testing.T, hs *harness, _ int) {
				if n := len(hs.st.babies); n != 1 || hs.st.calls["SaveBaby"] != 1 {
					t.Errorf("%d babies from %d saves; want 1 from 1: %+v", n, hs.st.calls["SaveBaby"], hs.st.babies)
				}
				hs.want("Born early?")
			}},
		{"a removal", func(*testing.T) *memStore { return twins() }, []string{"b", "x"}, "y",
			func(t *testing.T, hs *harness, _ int) {
				if n := hs.st.calls["RemoveBaby"]; n != 1 || len(hs.st.babies) != 1 {
					t.Errorf("%d removals, %d babies left; want 1 and 1", n, len(hs.st.babies))
				}
			}},
		{"closing a cut-off session", func(*testing.T) *memStore {
			st := withBaby()
			cutOff(st, st.babies[0], time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC))
			return st
		}, nil, "x",
			func(t *testing.T, hs *harness, _ int) {
				if n := hs.st.calls["CloseInterrupted"]; n != 1 {
					t.Errorf("closed %d times; want once", n)
				}
			}},
		{"ending a session", func(*testing.T) *memStore { return withBaby() }, []string{"4", "enter", "y", "n", "n", "n", "n", "n", "n", "y", "n", "e"}, "y",
			func(t *testing.T, hs *harness, _ int) {
				_, evs := hs.st.only(t)
				ends := 0
				for _, ev := range evs {
					if ev.Kind == routines.EvEnd {
						ends++
					}
				}
				if ends != 1 {
					t.Errorf("%d end events; want 1: %v", ends, kinds(evs))
				}
			}},
		{"a shaped routine", func(t *testing.T) *memStore { st := twins(); forBea(t, st); return st }, []string{"i", "s"}, "y",
			func(t *testing.T, hs *harness, held int) {
				if held != 1 {
					t.Errorf("%d saves of the file; want 1", held)
				}
				hs.want("Saved as")
			}},
		{"a goal", func(t *testing.T) *memStore { st := twins(); forBea(t, st); return st }, []string{"i"}, "+",
			func(t *testing.T, hs *harness, _ int) {
				if n, g := hs.st.calls["SaveBaby"], hs.st.babies[1].Goal; n != 1 || g != 4 {
					t.Errorf("%d saves, goal %d; want 1 save, goal 4", n, g)
				}
			}},
		{"a rest week", func(t *testing.T) *memStore { st := twins(); forBea(t, st); return st }, []string{"i"}, "r",
			func(t *testing.T, hs *harness, _ int) {
				if n, r := hs.st.calls["SaveBaby"], hs.st.babies[1].Rest; n != 1 || len(r) != 1 {
					t.Errorf("%d saves, rest weeks %v; want 1 save, this week resting", n, r)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := tc.st(t)
			hs := newHarnessWith(t, 100, 40, Config{Store: st, RoutinesDir: filepath.Join(t.TempDir(), "routines")})
			hs.press(tc.ready...)
			hs.hold()
			hs.press(tc.key, tc.key, tc.key)
			held := len(hs.held)
			hs.release()
			tc.check(t, hs, held)
		})
	}
}
