package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/internal/testclock"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

func TestTooSmall(t *testing.T) {
	hs := newHarness(t, 30, 8, nil)
	hs.want("Make the window larger")
	hs.send(sizeMsg(1, 1))
	if v := hs.view(); strings.Count(v, "\n") > 0 || len([]rune(v)) > 1 {
		t.Fatalf("1x1 view %q", v)
	}
	hs.send(sizeMsg(80, 24))
	hs.want("Choose a massage")
}

// brokenStore fails every read, as a damaged database might.
type brokenStore struct{ *memStore }

func (brokenStore) Babies() ([]store.Baby, error) { return nil, errors.New("page 7 is damaged") }

// A store that cannot be read at start is said plainly on the home screen.
func TestLoadErrorShown(t *testing.T) {
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	hs := &harness{t: t, st: newMemStore(), clock: testclock.New(t0), sound: &soundLog{}}
	hs.m = New(Config{Store: brokenStore{hs.st}, Routines: lib, Clock: hs.clock, Sound: hs.sound})
	hs.send(sizeMsg(100, 30))
	hs.run(hs.m.Init())
	hs.want("Could not read your data (page 7 is damaged)")
	hs.want("Choose a massage")
}

// The baby setting chooses the baby at start, by name in any case; a
// name no baby has is said once, and the baby chosen last stays.
func TestBabySetting(t *testing.T) {
	twins := func() *memStore {
		st := withBaby()
		st.babies = append(st.babies, store.Baby{ID: 2, Name: "Bea", Birth: time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)})
		return st
	}
	hs := newHarnessWith(t, 80, 24, Config{Store: twins(), Baby: "bea"})
	if got := hs.m.app.data.baby.Name; got != "Bea" {
		t.Errorf("baby setting bea: the baby is %q", got)
	}
	hs = newHarnessWith(t, 80, 24, Config{Store: twins(), Baby: "Zed"})
	if got := hs.m.app.data.baby.Name; got != "Mia" {
		t.Errorf("baby setting Zed: the baby is %q, want Mia, chosen last", got)
	}
	hs.want(`No baby is called "Zed": this is Mia, the baby chosen last.`)
}
