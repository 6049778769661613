package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"cradle/routines"
	"cradle/store"
	"cradle/store/storetest"
)

// generated is a real database with ten weeks of made-up twins' sessions,
// the same on every run (seeded), ending the evening before the harness
// clock's morning. The last session (Bea's) is left unfinished.
func generated(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "cradle.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	start := newClock().t.AddDate(0, 0, -70)
	if _, err := storetest.Generate(st, lib, storetest.Config{Seed: 42, Start: start, Days: 70, Babies: storetest.Twins(start),
		PerDay: 0.8, Weights: storetest.DefaultWeights, LeaveUnfinished: true, OneCommit: true}); err != nil {
		t.Fatal(err)
	}
	return st
}

// historyScreens drives the app on the generated history to the history
// list, a session's timeline, the insights and the routine shaped from
// them, and hands each to check.
func historyScreens(t *testing.T, w, h int, check func(name string, hs *harness)) {
	hs := newHarnessWith(t, w, h, Config{Store: generated(t), RoutinesDir: "/config/cradle/routines"}) // never written here
	hs.want("Pick up where you stopped?")
	hs.press("esc")
	hs.want("press u to pick it up")
	hs.press("h")
	check("history", hs)
	hs.press("down", "enter")
	check("timeline", hs)
	hs.press("esc", "esc", "i")
	check("insights", hs)
	hs.press("s")
	check("shape", hs)
	hs.press("esc", "esc", "b")
	check("babies", hs)
}

func TestHistoryGoldenViews(t *testing.T) {
	for _, sz := range sizes {
		historyScreens(t, sz.w, sz.h, func(name string, hs *harness) {
			t.Helper()
			golden(t, fmt.Sprintf("%s-%dx%d", name, sz.w, sz.h), hs.view())
		})
	}
}

// The new screens fit every window from 1x1 up, as the others do.
func TestHistoryScreensFit(t *testing.T) {
	historyScreens(t, 80, 24, func(name string, hs *harness) {
		for w := 1; w <= 130; w += 3 {
			for h := 1; h <= 45; h += 2 {
				hs.send(sizeMsg(w, h))
				v := hs.m.View().Content
				lines := strings.Split(v, "\n")
				if len(lines) > h {
					t.Fatalf("%s at %dx%d: %d lines", name, w, h, len(lines))
				}
				for i, l := range lines {
					if lw := ansi.StringWidth(l); lw > w {
						t.Fatalf("%s at %dx%d: line %d is %d wide: %q", name, w, h, i, lw, ansi.Strip(l))
					}
				}
			}
		}
		hs.send(sizeMsg(80, 24))
	})
}
