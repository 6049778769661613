package ui

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/store/storetest"
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
	start := t0.AddDate(0, 0, -70)
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
			golden.Check(t, fmt.Sprintf("%s-%dx%d", name, sz.w, sz.h), hs.view())
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

// Drawing a screen must not change it: the renderer draws every frame
// and only sends what changed, so a view that drifts between two draws
// garbles the terminal.
func TestViewsDrawTheSameTwice(t *testing.T) {
	check := func(name string, hs *harness) {
		t.Helper()
		first := hs.m.View().Content
		for range 3 {
			if again := hs.m.View().Content; again != first {
				t.Fatalf("%s changed when drawn again:\n--- first:\n%s\n--- again:\n%s", name, ansi.Strip(first), ansi.Strip(again))
			}
		}
	}
	screens(t, 100, 30, check)
	historyScreens(t, 100, 30, check)
}

// Scrolling the timeline one line at a time, drawn after every key as the
// renderer draws it, ends on the screen a fresh draw of the same place
// gives: every time stamp in the same column.
func TestTimelineScrollsInPlace(t *testing.T) {
	hs := newHarnessWith(t, 100, 30, Config{Store: generated(t)})
	hs.press("esc", "h", "down", "enter")
	tl, ok := hs.m.screen.(*timelineScreen)
	if !ok {
		t.Fatalf("not on a timeline: %T\n%s", hs.m.screen, hs.view())
	}
	cols := stampColumns(hs.view())
	if len(tl.lines) < tl.room()+6 {
		t.Fatalf("the session is too short to scroll (%d lines, %d fit)", len(tl.lines), tl.room())
	}
	if len(cols) == 0 {
		t.Fatalf("no time stamps on the timeline:\n%s", hs.view())
	}
	for range 6 {
		hs.press("down")
		hs.view()
	}
	if tl.top != 6 {
		t.Fatalf("scrolled to line %d, want 6", tl.top)
	}
	scrolled := hs.view()
	for _, c := range stampColumns(scrolled) {
		if c != cols[0] {
			t.Fatalf("a time stamp moved from column %d to %d:\n%s", cols[0], c, scrolled)
		}
	}
	hs.send(sizeMsg(80, 30)) // a narrower column draws the lines afresh
	hs.send(sizeMsg(100, 30))
	if fresh := hs.view(); fresh != scrolled {
		t.Fatalf("scrolled view differs from a fresh draw:\n--- scrolled:\n%s\n--- fresh:\n%s", scrolled, fresh)
	}
}

// stampColumns is the column of each time stamp on a timeline.
func stampColumns(view string) []int {
	var cols []int
	for _, l := range strings.Split(view, "\n") {
		if loc := timeStamp.FindStringIndex(l); loc != nil {
			cols = append(cols, loc[0])
		}
	}
	return cols
}

var timeStamp = regexp.MustCompile(`\d\d:\d\d:\d\d  `)

// The insights in the dark theme, colours spelt out, as the guide's
// picture of the charts shows them (docs/pictures).
func TestInsightsThemed(t *testing.T) {
	hs := newHarnessWith(t, 100, 34, Config{Store: generated(t), Theme: ThemeDark})
	hs.press("esc", "i")
	hs.want("How Ada answered")
	golden.Check(t, "theme-dark-insights", styled(t, hs.m.View().Content, colorprofile.TrueColor))
}
