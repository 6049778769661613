package ui

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/internal/testclock"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/store/storetest"
)

// BenchmarkSessionTick is the work cradle does once a second while a
// stroke counts down: the tick, the engine, and drawing the screen.
func BenchmarkSessionTick(b *testing.B) {
	t := &testing.T{}
	hs := newHarness(t, 100, 30, withBaby())
	hs.press("enter")
	hs.answerReady()
	hs.press("s", "space", "n")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		hs.tick(time.Second)
		_ = hs.m.View()
		if hs.session().sess.State().Remaining < 2*time.Second {
			hs.press("b") // stay on strokes: back restarts the step
		}
	}
}

// The big database of the screen benchmarks: ten years of daily sessions
// for twins, made once per run (it takes a few seconds).
var bigUI struct {
	once sync.Once
	dir  string
	st   *store.Store
	err  error
}

func bigApp(b *testing.B) *app {
	b.Helper()
	bigUI.once.Do(func() {
		bigUI.dir, bigUI.err = os.MkdirTemp("", "cradle-bench-ui-")
		if bigUI.err != nil {
			return
		}
		st, err := store.Open(filepath.Join(bigUI.dir, "cradle.db"), store.Options{NoSync: true})
		if err != nil {
			bigUI.err = err
			return
		}
		lib, _ := routines.Builtin()
		start := t0.AddDate(0, 0, -3650)
		if _, err := storetest.Generate(st, lib, storetest.TenYears(start)); err != nil {
			bigUI.err = err
			return
		}
		bigUI.st = st
	})
	if bigUI.err != nil {
		b.Fatal(bigUI.err)
	}
	lib, _ := routines.Builtin()
	m := New(Config{Store: bigUI.st, Routines: lib, Clock: testclock.New(t0)})
	a := m.app
	a.w, a.h, a.data.loaded = 100, 30, true
	babies, err := bigUI.st.Babies()
	if err != nil {
		b.Fatal(err)
	}
	a.data.babies, a.data.baby = babies, babies[0]
	return a
}

// open runs a screen's first command, hands it the answer and draws it,
// as the app does when a key opens it.
func open(b *testing.B, s screen, cmd tea.Cmd, want string) {
	if cmd == nil {
		b.Fatal("no command")
	}
	s, _ = s.Update(cmd())
	if v := s.View(); !strings.Contains(v, want) {
		b.Fatalf("the screen lacks %q:\n%s", want, v)
	}
}

// BenchmarkOpenHistory is h on the home screen: the first page of one
// baby's sessions read and drawn.
func BenchmarkOpenHistory(b *testing.B) {
	a := bigApp(b)
	b.ReportAllocs()
	for b.Loop() {
		s, cmd := newHistory(a, nil)
		open(b, s, cmd, "Full-body massage")
	}
}

// BenchmarkOpenSession is enter in the history: one session's events read
// and its timeline drawn.
func BenchmarkOpenSession(b *testing.B) {
	a := bigApp(b)
	page, err := bigUI.st.BabySessions(a.data.baby.ID, "", 1)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		s, cmd := newTimeline(a, page[0], nil)
		open(b, s, cmd, "Ask, and wait for a yes")
	}
}

// BenchmarkOpenInsights is i on the home screen: 26 weeks of sessions
// read and counted, the readings written, the charts drawn.
func BenchmarkOpenInsights(b *testing.B) {
	a := bigApp(b)
	b.ReportAllocs()
	for b.Loop() {
		s, cmd := newInsights(a, nil)
		open(b, s, cmd, "is the favourite")
	}
}

func TestMain(m *testing.M) {
	time.Local = time.UTC
	code := m.Run()
	if bigUI.st != nil {
		bigUI.st.Close()
	}
	if bigUI.dir != "" {
		os.RemoveAll(bigUI.dir)
	}
	os.Exit(code)
}

// BenchmarkPresentTick is the same second in the presentation view, at a
// projector's 200x60: the big countdown is drawn again each second.
func BenchmarkPresentTick(b *testing.B) {
	hs := presentHarness(&testing.T{}, 200, 60, Config{})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		hs.tick(time.Second)
		_ = hs.m.View()
		if hs.session().sess.State().Remaining < 2*time.Second {
			hs.press("b")
		}
	}
}
