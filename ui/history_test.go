package ui

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

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

// countingStore counts the pages the history asks for.
type countingStore struct {
	*memStore
	pages atomic.Int32
}

func (c *countingStore) BabySessions(baby uint64, before string, n int) ([]store.Session, error) {
	c.pages.Add(1)
	if n > historyPage {
		panic("a page larger than historyPage")
	}
	return c.memStore.BabySessions(baby, before, n)
}

// The history reads a page at a time as the cursor goes down, newest
// first, one baby at a time; tab shows the other, then everyone.
func TestHistoryPagesAndTwins(t *testing.T) {
	st := twins()
	t0 := time.Date(2026, 6, 1, 18, 0, 0, 0, time.UTC)
	for i := range 120 {
		addSession(t, st, st.babies[1], t0.Add(time.Duration(i)*24*time.Hour), "legs:relaxed")
	}
	addSession(t, st, st.babies[0], t0.Add(time.Hour), "face:fussing")
	cs := &countingStore{memStore: st}
	hs := newHarnessWith(t, 100, 30, Config{Store: cs})
	hs.press("h")
	if n := cs.pages.Load(); n != 1 {
		t.Fatalf("%d pages read on opening, want 1", n)
	}
	hs.want("Bea")
	hs.want("Thu 24 Sep 18:00") // the newest of Bea's
	if v := hs.view(); strings.Contains(v, "fussing") {
		t.Errorf("Ada's session shows in Bea's history:\n%s", v)
	}
	for range 30 {
		hs.press("down")
	}
	if n := cs.pages.Load(); n != 2 {
		t.Fatalf("%d pages after 30 rows, want 2", n)
	}
	h := hs.m.screen.(*historyScreen)
	if len(h.rows) != 100 || h.rows[99].Started.After(h.rows[98].Started) {
		t.Fatalf("%d rows after two pages", len(h.rows))
	}
	hs.press("tab")
	hs.want("Everyone")
	if h := hs.m.screen.(*historyScreen); len(h.rows) != historyPage {
		t.Errorf("everyone: %d rows, want a page", len(h.rows))
	}
	hs.press("tab")
	hs.want("Ada")
	hs.want("1 fussing")
	if v := hs.view(); strings.Contains(v, "relaxed") {
		t.Errorf("Bea's sessions show in Ada's history:\n%s", v)
	}
}

// A change of view while a page is on its way (tab, say) still loads the
// new view; the old page is dropped when it comes.
func TestHistoryViewChangeWhileAPageLoads(t *testing.T) {
	st := twins()
	addSession(t, st, st.babies[0], time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC), "back:relaxed")
	addSession(t, st, st.babies[1], time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC), "face:crying")
	hs := newHarness(t, 100, 30, st)
	scr, oldPage := newHistory(hs.m.app, hs.m.screen)
	h := scr.(*historyScreen)
	if !h.busy || len(h.views()) != 3 || h.views()[h.view].Name != "Bea" {
		t.Fatalf("history opens on view %d of %+v, busy %v; want Bea's, loading", h.view, h.views(), h.busy)
	}
	_, newPage := h.Update(keyMsg("tab")) // to everyone; Bea's page has not come yet
	if newPage == nil {
		t.Fatal("tab while a page loads asked for no page of the new view")
	}
	h.Update(oldPage()) // Bea's page arrives late
	h.Update(newPage())
	if !h.loaded || len(h.rows) != 2 {
		t.Fatalf("after the pages came: loaded %v, %d rows; want everyone's 2 sessions", h.loaded, len(h.rows))
	}
}

// History keeps the learning plan's week in a narrow column.
func TestHistoryKeepsThePlanWeek(t *testing.T) {
	st := withPlanSessions(24*time.Hour, 3)
	hs := newHarness(t, 80, 24, st)
	hs.press("h")
	hs.want("Plan · week 3")
	hs.wantNot("Learning plan · wee…")
}
