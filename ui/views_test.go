package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui/layout"
)

var sizes = []struct{ w, h int }{{80, 24}, {120, 40}}

// screens drives the app to each main screen and hands it to check.
func screens(t *testing.T, w, h int, check func(name string, hs *harness)) {
	screensWith(t, w, h, Config{}, check)
}

// screensWith is screens with the app configured by cfg (a theme, say).
func screensWith(t *testing.T, w, h int, cfg Config, check func(name string, hs *harness)) {
	// Home, with a baby whose age shows.
	cfg.Store = withBaby()
	hs := newHarnessWith(t, w, h, cfg)
	check("home", hs)

	// The first readiness question, and the answers so far.
	hs.press("enter")
	hs.press("n", "n")
	check("readiness", hs)
	hs.answerReady()

	// A stroke in the legs: through the opening ritual first.
	for range 3 {
		hs.press("n")
	}
	hs.press("space") // the baby said yes
	hs.press("n")     // past resting hands
	hs.tick(3 * time.Second)
	check("session", hs)

	// Paused.
	hs.press("space")
	check("paused", hs)
	hs.press("space")

	// The check-in at the end of the legs.
	for hs.session().sess.State().Phase != routines.PhaseCheckIn {
		hs.press("n")
	}
	hs.tick(4 * time.Second)
	check("checkin", hs)

	// Fussing: resting hands, then the offer.
	hs.press("4")
	check("hold", hs)
	hs.press("right")
	check("offer", hs)

	// End, and the summary.
	hs.press("e")
	check("summary", hs)
}

func TestGoldenViews(t *testing.T) {
	for _, sz := range sizes {
		screens(t, sz.w, sz.h, func(name string, hs *harness) {
			t.Helper()
			golden.Check(t, fmt.Sprintf("%s-%dx%d", name, sz.w, sz.h), hs.view())
		})
	}
}

// The smallest supported window: every screen still says what matters.
func TestGoldenViewsSmallest(t *testing.T) {
	screens(t, layout.MinWidth, layout.MinHeight, func(name string, hs *harness) {
		t.Helper()
		golden.Check(t, fmt.Sprintf("%s-%dx%d", name, layout.MinWidth, layout.MinHeight), hs.view())
	})
}

// During a massage the countdown is on screen at every supported size,
// and so are the pace guide and a check-in's answers: the words give way
// to them. A problem saving takes rows of its own and must not push the
// countdown off either.
func TestCountdownAtEverySize(t *testing.T) {
	must := map[string][]string{
		"session": {"stroke 1 of 3"},
		"paused":  {"stroke 1 of 3", "Paused"},
		"checkin": {"1  Relaxed", "6  Fell asleep"},
		"hold":    {"Hands still and warm"},
		"offer":   {"→  1", "s  2", "e  3"},
	}
	check := func(name string, hs *harness, w, h int) {
		t.Helper()
		hs.send(sizeMsg(w, h))
		v := hs.view()
		ss := hs.session()
		if timer := FormatCountdown(ss.sess.State().Remaining); name != "offer" && !timerEndsLine(v, timer) {
			t.Errorf("%s at %dx%d: no line ends with the countdown %s:\n%s", name, w, h, timer, v)
		}
		for _, text := range must[name] {
			if !strings.Contains(v, text) {
				t.Errorf("%s at %dx%d lacks %q:\n%s", name, w, h, text, v)
			}
		}
	}
	screens(t, 80, 24, func(name string, hs *harness) {
		if _, ok := must[name]; !ok {
			return
		}
		for w := layout.MinWidth; w <= 130; w += 6 {
			for h := layout.MinHeight; h <= 45; h += 3 {
				check(name, hs, w, h)
			}
		}
		check(name, hs, layout.MinWidth, layout.MinHeight)
		hs.send(sizeMsg(80, 24))
	})

	hs := newHarness(t, layout.MinWidth, layout.MinHeight, withBaby())
	hs.startNewborn()
	hs.st.mu.Lock()
	hs.st.fail = errors.New("disk full")
	hs.st.mu.Unlock()
	hs.press("n", "n", "n", "space") // through the opening into the first step, failing to save
	hs.want("Not saved yet (disk full)")
	if hs.session().sess.State().Phase != routines.PhaseRunning {
		t.Fatalf("not in a timed step:\n%s", hs.view())
	}
	check("saving fails", hs, layout.MinWidth, layout.MinHeight)
	hs.press("c")
	check("checkin", hs, layout.MinWidth, layout.MinHeight)
	hs.send(sizeMsg(80, 24)) // room for the whole message again
	hs.want("Could not save")
}

// timerEndsLine reports whether a line of the screen ends with the
// countdown: the timer sits at the right of its line.
func timerEndsLine(view, timer string) bool {
	for _, l := range strings.Split(view, "\n") {
		if strings.HasSuffix(l, " "+timer) {
			return true
		}
	}
	return false
}

func TestResumeView(t *testing.T) {
	st := withBaby()
	rec, _ := st.StartSession(store.Session{BabyID: 1, BabyName: "Mia", RoutineID: "newborn", RoutineTitle: "Newborn first touch",
		Started: time.Date(2026, 11, 26, 18, 30, 0, 0, time.UTC)})
	at := rec.Started
	_ = st.Append(rec.ID, routines.Event{Kind: routines.EvStart, At: at},
		routines.Event{Kind: routines.EvStepDone, At: at.Add(time.Minute), Region: "legs", Step: "Resting hands", Index: 5})
	for _, sz := range sizes {
		hs := newHarness(t, sz.w, sz.h, st)
		golden.Check(t, fmt.Sprintf("resume-%dx%d", sz.w, sz.h), hs.view())
	}
}

// TestEverySizeFits draws every screen at every size from 1x1 up: no
// panic, no line wider than the window, no more lines than it has, and
// below the minimum a request for a larger window.
func TestEverySizeFits(t *testing.T) {
	var views []string
	screens(t, 80, 24, func(name string, hs *harness) {
		var sizes [][2]int
		for w := 1; w <= 130; w += 7 {
			for h := 1; h <= 45; h += 4 {
				sizes = append(sizes, [2]int{w, h})
			}
		}
		sizes = append(sizes, [2]int{39, 12}, [2]int{40, 11}, [2]int{40, 12}, [2]int{300, 100})
		for _, sz := range sizes {
			w, h := sz[0], sz[1]
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
			if (w < layout.MinWidth || h < layout.MinHeight) && w >= 20 && h >= 3 && !strings.Contains(ansi.Strip(v), "larger") {
				t.Fatalf("%s at %dx%d does not ask for a larger window:\n%s", name, w, h, ansi.Strip(v))
			}
			views = append(views, v)
		}
		hs.send(sizeMsg(80, 24))
	})
	if len(views) == 0 {
		t.Fatal("no views drawn")
	}
}

// Words are not cut with "…" where the window has room for them: a
// summary's regions and answers at 100x30, the signs of each answer at
// a check-in at 60x20, the answers in the history at 100x30.
func TestNothingCutWhereThereIsRoom(t *testing.T) {
	// The stroking and movement routine has long region names.
	hs := newHarness(t, 100, 30, withBaby())
	hs.press("6", "enter")
	hs.answerReady()
	hs.press("s", "space", "c", "3") // subtle cues, asked in its first region
	hs.press("n", "e", "y")
	hs.want("Time massaging")
	if v := hs.view(); strings.Contains(v, "…") {
		t.Errorf("the summary cuts words at 100x30:\n%s", v)
	}
	hs.press("h")
	if v := hs.view(); strings.Contains(v, "…") {
		t.Errorf("the history cuts words at 100x30:\n%s", v)
	}

	hs = startRoutine(t, "1")
	hs.send(sizeMsg(60, 20))
	hs.press("c")
	hs.want("How is your baby?")
	for _, c := range routines.Cues {
		if hint := c.Info().Hint; hint != "" {
			hs.wantSaid(hint)
		}
	}
}
