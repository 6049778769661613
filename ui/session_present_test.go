package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui/bigtext"
	"github.com/cradle-coach/cradle/ui/layout"
)

// presentHarness starts the full-body routine in the presentation view
// and stops 3 s into its first stroke (Indian milking, left: 3 × 8 s).
func presentHarness(t *testing.T, w, h int, cfg Config) *harness {
	t.Helper()
	cfg.Present = true
	if cfg.Store == nil {
		cfg.Store = withBaby()
	}
	hs := newHarnessWith(t, w, h, cfg)
	hs.press("enter")
	hs.answerReady()
	hs.press("s", "space", "n") // to asking, yes, past the resting hands
	hs.tick(3 * time.Second)
	return hs
}

// hasBlock reports whether the lines of block appear one under the other
// in view, at the same column (the view's trailing spaces are trimmed).
func hasBlock(view string, block []string) bool {
	var lines [][]rune
	for _, l := range strings.Split(view, "\n") {
		lines = append(lines, []rune(l))
	}
	var rows [][]rune
	for _, b := range block {
		rows = append(rows, []rune(strings.TrimRight(b, " ")))
	}
	at := func(l []rune, col int, row []rune) bool {
		return col+len(row) <= len(l) && string(l[col:col+len(row)]) == string(row)
	}
	for i := 0; i+len(rows) <= len(lines); i++ {
		for col := range lines[i] {
			ok := true
			for j, row := range rows {
				if !at(lines[i+j], col, row) {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// bigScale returns the scale text is drawn at in view, or 0.
func bigScale(view, text string) int {
	for scale := maxScale; scale >= 1; scale-- {
		if hasBlock(view, bigtext.Render(text, scale)) {
			return scale
		}
	}
	return 0
}

// demoHarness starts the full-body routine in a demonstration
// (--present) and stops 3 s into its first stroke, Indian milking (left):
// 3 × 8 s, light, with a caution.
func demoHarness(t *testing.T, w, h int) *harness {
	t.Helper()
	hs := newHarnessWith(t, w, h, Config{Store: DemoStore(), Present: true})
	hs.press("enter")
	hs.press("s", "space", "n") // to asking, yes, past the resting hands
	hs.tick(3 * time.Second)
	return hs
}

// onScreen reports whether text is on the view, as words or in block
// letters (its first line's worth).
func onScreen(view, text string) bool {
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	if strings.Contains(flat(view), flat(text)) {
		return true
	}
	word := strings.ToUpper(strings.Fields(text)[0])
	return bigScale(view, word) > 0
}

// The presentation view at a projector's sizes teaches the step: its
// name and countdown in block letters, larger as the window grows; under
// them what to do, the pressure, the direction and the caution; the
// region, the step and what comes next; nothing personal.
func TestPresentViews(t *testing.T) {
	minTimer := map[int]int{80: 1, 120: 2, 200: 3}
	for _, sz := range []struct{ w, h int }{{80, 24}, {120, 40}, {200, 60}} {
		hs := demoHarness(t, sz.w, sz.h)
		v := hs.view()
		golden.Check(t, fmt.Sprintf("present-%dx%d", sz.w, sz.h), v)
		timer := bigScale(v, "0:21")
		name := bigScale(v, "INDIAN")
		if timer < minTimer[sz.w] || name < 1 {
			t.Errorf("%dx%d: the countdown is at scale %d and the name at %d, want at least %d and 1", sz.w, sz.h, timer, name, minTimer[sz.w])
		}
		for _, text := range []string{"Hold the ankle with one hand.", "Pressure   light", "Direction  from the thigh down to the ankle", "Take care"} {
			if !onScreen(v, text) {
				t.Errorf("%dx%d: %q is not on the screen:\n%s", sz.w, sz.h, text, v)
			}
		}
		if sz.w >= 120 {
			for _, text := range []string{"Legs and feet", "step 2 of 16", "Next"} {
				if !onScreen(v, text) {
					t.Errorf("%dx%d: %q is not on the screen:\n%s", sz.w, sz.h, text, v)
				}
			}
		}
		if strings.Contains(v, "Demo doll") {
			t.Errorf("%dx%d: the doll's name is on the presentation screen", sz.w, sz.h)
		}
		// Filled: the letters take much of the window.
		used := 0
		for _, l := range strings.Split(v, "\n") {
			if strings.ContainsAny(l, "█▀▄") {
				used++
			}
		}
		if used < (sz.h-4)/2 {
			t.Errorf("%dx%d: block letters on %d of %d lines: the window is not used", sz.w, sz.h, used, sz.h)
		}

		hs.press("space")
		if v := hs.view(); !onScreen(v, "Paused") || !onScreen(v, "Take care") {
			t.Errorf("%dx%d: paused, the screen lacks Paused or the caution:\n%s", sz.w, sz.h, v)
		}
		hs.press("space", "c")
		golden.Check(t, fmt.Sprintf("present-checkin-%dx%d", sz.w, sz.h), hs.view())
		hs.want("1 Relaxed")
	}
}

// The caution never gives way before decoration: at every size, for
// each step that has one, it is on the screen, paused or not, with the
// talking points shown or not.
func TestPresentKeepsTheCaution(t *testing.T) {
	hs := demoHarness(t, 80, 24)
	for _, paused := range []bool{false, true} {
		if paused {
			hs.press("space", "t")
		}
		for w := layout.MinWidth; w <= 240; w += 17 {
			for h := layout.MinHeight; h <= 80; h += 7 {
				hs.send(sizeMsg(w, h))
				if v := hs.view(); !onScreen(v, "Take care") && !strings.Contains(v, "Keep the touch") {
					t.Fatalf("%dx%d, paused %v: the caution is not on the screen:\n%s", w, h, paused, v)
				}
			}
		}
	}
}

// The presentation view's keys are the session's: pause, next, back, skip
// and check in work as usual, and p goes back and forth.
func TestPresentKeys(t *testing.T) {
	hs := presentHarness(t, 120, 40, Config{})
	first := hs.session().sess.State().Step.Title()
	hs.press("space")
	if !onScreen(hs.view(), "Paused") {
		t.Fatalf("paused, the screen does not say so:\n%s", hs.view())
	}
	if !hs.session().sess.State().Paused {
		t.Fatal("space did not pause")
	}
	hs.press("space", "c", "space")
	hs.want("1-6 answer") // paused at a check-in, the footer still offers the answers
	hs.want("space go on")
	hs.press("2", "n")
	if got := hs.session().sess.State().Step.Title(); got == first {
		t.Fatal("→ did not move on")
	}
	hs.press("b")
	if got := hs.session().sess.State().Step.Title(); got != first {
		t.Fatalf("← went to %q, want %q", got, first)
	}
	hs.press("s")
	if got := hs.session().sess.State(); got.Region.ID != "tummy" {
		t.Fatalf("s at the legs went to %q, want the tummy", got.Region.ID)
	}
	hs.press("c")
	if got := hs.session().sess.State(); got.Phase != routines.PhaseCheckIn {
		t.Fatalf("c: phase %v, want the check-in", got.Phase)
	}
	hs.press("1")
	hs.press("p")
	hs.want("1 of 5") // the normal view's step count
	if bigScale(hs.view(), "RESTING") != 0 {
		t.Fatal("p did not leave the presentation view")
	}
	hs.press("p")
	if bigScale(hs.view(), "RESTING") == 0 {
		t.Fatalf("p did not come back to the presentation view:\n%s", hs.view())
	}
	// A presenter's clicker: page down is next, page up is back.
	before := hs.session().sess.State().Index
	hs.send(keyMsg("pgdown"))
	if hs.session().sess.State().Index != before+1 {
		t.Fatal("page down did not move on")
	}
	hs.send(keyMsg("pgup"))
	if hs.session().sess.State().Index != before {
		t.Fatal("page up did not go back")
	}
}

// Every size from the minimum up draws the presentation view inside the
// window, for a stroke, a hold, a check-in and the wait for a yes.
func TestPresentFits(t *testing.T) {
	hs := presentHarness(t, 80, 24, Config{})
	views := map[string]func(){
		"stroke":  func() {},
		"paused":  func() { hs.press("space") },
		"checkin": func() { hs.press("space", "c") },
		"hold":    func() { hs.press("4") },
	}
	for _, name := range []string{"stroke", "paused", "checkin", "hold"} {
		views[name]()
		for w := layout.MinWidth; w <= 240; w += 17 {
			for h := layout.MinHeight; h <= 80; h += 9 {
				hs.send(sizeMsg(w, h))
				v := hs.m.View().Content
				lines := strings.Split(v, "\n")
				if len(lines) > h {
					t.Fatalf("%s at %dx%d: %d lines", name, w, h, len(lines))
				}
				for i, l := range lines {
					if lw := ansi.StringWidth(l); lw > w {
						t.Fatalf("%s at %dx%d: line %d is %d wide", name, w, h, i, lw)
					}
				}
			}
		}
	}
}

// --present is a demonstration: a doll, nothing read and nothing saved,
// and the summary says so.
func TestDemoSavesNothing(t *testing.T) {
	hs := newHarnessWith(t, 80, 24, Config{Store: DemoStore(), Present: true})
	hs.want("for Demo doll")
	hs.press("enter") // no form for the baby, no readiness check: a doll needs neither
	hs.press("s", "space")
	if bigScale(hs.view(), "RESTING") == 0 {
		t.Fatalf("--present does not open on the presentation view:\n%s", hs.view())
	}
	hs.press("e", "y")
	hs.want("A demonstration: nothing was saved.")
	hs.want("Ended early.")
	if strings.Contains(hs.view(), countsToo) {
		t.Fatalf("a demonstration's summary cheers a short session on, though nothing counts:\n%s", hs.view())
	}
}

// A Presenter draws for a session run elsewhere (a class host) the very
// body the presentation view shows between its header and its footer.
func TestPresenterDrawsThePresentationView(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {200, 60}} {
		// --present: a demonstration, as a room is shown.
		hs := newHarnessWith(t, sz.w, sz.h, Config{Store: DemoStore(), Present: true})
		hs.press("enter")
		hs.press("s", "space", "n") // to asking, yes, past the resting hands
		hs.tick(3 * time.Second)
		ss := hs.session()
		p := NewPresenter(ss.r, ss.a.styles)
		for _, step := range []string{"stroke", "paused", "check-in"} {
			switch step {
			case "paused":
				hs.press("space")
			case "check-in":
				hs.press("space", "c")
			}
			lines := strings.Split(hs.m.View().Content, "\n")
			want := strings.Join(lines[2:len(lines)-2], "\n") // the header and its rule, the rule and the footer
			got := strings.Join(p.Body(ss.sess.State(), sz.w, sz.h-4), "\n")
			if got != want {
				t.Fatalf("%dx%d, %s: the Presenter draws\n%s\nwhere the presentation view shows\n%s", sz.w, sz.h, step, got, want)
			}
		}
	}
}

// In a real session's big letters (p), how firmly and the slower pace an
// answer asked for stay under the countdown; a demonstration on a doll
// (--present) shows how firmly too.
func TestBigLettersKeepPressureAndPace(t *testing.T) {
	st := withBaby()
	st.babies[0].Due = st.babies[0].Birth // not born early: no go-ahead asked
	hs := run(t, 80, 24, st, "stroking-movement")
	hs.answerReady()
	hs.press("s", "space") // to asking, yes
	hs.want("Turn your baby onto their front")
	hs.press("space") // turned: a still hand before any stroking
	hs.want("A still hand first")
	hs.press("space") // the first stroke
	hs.want("Stroke slowly from the crown")
	hs.press("p")
	hs.want("Pressure   moderate, firm enough not to tickle")
	// With a real baby too, the direction shows.
	hs.want("Direction  crown to neck and back")
	hs.press("c", "3") // subtle cues: hands still, then slower
	hs.press("right")  // the hold ends
	hs.want("Slower now, as your baby asked, with the same steady touch.")

	demo := newHarnessWith(t, 80, 24, Config{Store: DemoStore(), Present: true})
	demo.press("enter", "s", "space", "n")
	demo.tick(3 * time.Second)
	if v := demo.view(); !strings.Contains(v, "Pressure   light") {
		t.Fatalf("a demonstration on a doll does not show the pressure:\n%s", v)
	}
}

// A demonstration on a doll (--present) offers on its home screen only
// what a class needs: the routines, the learning plan, why massage, help
// and quit. The baby's details, the babies, history, insights and the
// milking choice (which a demonstration never asks) are neither offered
// nor reached by their keys.
func TestPresentHomeShowsNothingPersonal(t *testing.T) {
	hs := newHarnessWith(t, 200, 60, Config{Store: DemoStore(), Present: true})
	hs.want("Choose a massage")
	v := hs.view()
	for _, not := range []string{"baby's details", "b babies", "h history", "i insights", "Indian milking"} {
		if strings.Contains(v, not) {
			t.Errorf("the demonstration's home offers %q:\n%s", not, v)
		}
	}
	for _, k := range []string{"p", "b", "h", "i", "m", "u"} {
		hs.press(k)
		if _, ok := hs.m.screen.(*homeScreen); !ok {
			t.Fatalf("%s left the demonstration's home for %T", k, hs.m.screen)
		}
	}
	hs.press("?")
	if v := hs.view(); strings.Contains(v, "insights") || strings.Contains(v, "baby's details") {
		t.Errorf("the demonstration's help lists keys it does not offer:\n%s", v)
	}
	hs.press("esc", "enter")
	hs.session() // straight to the routine, on the doll
}

// q pauses for questions: a card of its own fills the window, the
// session waits, and any key but e goes back to where it was, going on
// only when q paused it. A clicker's keys close the card without moving
// on; its blank-screen button (.) opens it.
func TestPresentQuestions(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {120, 40}, {200, 60}} {
		hs := demoHarness(t, sz.w, sz.h)
		before := hs.session().sess.State()
		hs.press("q")
		v := hs.view()
		golden.Check(t, fmt.Sprintf("present-questions-%dx%d", sz.w, sz.h), v)
		if bigScale(v, "QUESTIONS?") == 0 || !strings.Contains(v, "We go on with Indian milking (left), 0:21 left.") {
			t.Fatalf("%dx%d: q does not show the Questions card:\n%s", sz.w, sz.h, v)
		}
		if bigScale(v, "0:21") > 0 || strings.Contains(v, "Hold the ankle") {
			t.Fatalf("%dx%d: the step shows through the Questions card:\n%s", sz.w, sz.h, v)
		}
		if !hs.session().sess.State().Paused {
			t.Fatalf("%dx%d: q did not pause the session", sz.w, sz.h)
		}
		hs.tick(time.Minute) // questions take their time
		hs.send(keyMsg("pgdown"))
		st := hs.session().sess.State()
		if st.Paused || st.Index != before.Index || st.Remaining != before.Remaining {
			t.Fatalf("%dx%d: after the card, paused %v at step %d with %v left; want going on at step %d with %v",
				sz.w, sz.h, st.Paused, st.Index, st.Remaining, before.Index, before.Remaining)
		}
		if bigScale(hs.view(), "QUESTIONS?") > 0 {
			t.Fatalf("%dx%d: the card is still up", sz.w, sz.h)
		}
	}

	// Paused first, the card leaves it paused; "." opens it too; e ends.
	hs := demoHarness(t, 80, 24)
	hs.press("space", ".")
	if bigScale(hs.view(), "QUESTIONS?") == 0 {
		t.Fatalf(". does not open the card:\n%s", hs.view())
	}
	hs.press("space")
	if !hs.session().sess.State().Paused {
		t.Fatal("the card resumed a session paused before it")
	}
	hs.press("q", "e")
	hs.want("End now?")
	hs.press("y")
	hs.want("A demonstration: nothing was saved.")
}

// + gives the step on screen 30 s more, and says so; past the bound it
// says why not. Pressed quickly and often, it never passes the bound.
func TestPresentMoreTime(t *testing.T) {
	hs := demoHarness(t, 120, 40)
	before := hs.session().sess.State().Remaining
	hs.press("+")
	if got := hs.session().sess.State().Remaining; got != before+routines.MoreTime {
		t.Fatalf("+ left %v, want %v", got, before+routines.MoreTime)
	}
	hs.want("30 s more for this step.")
	if bigScale(hs.view(), "0:51") == 0 {
		t.Fatalf("the countdown does not show the time given:\n%s", hs.view())
	}
	for range 60 {
		hs.press("+")
	}
	if got := hs.session().sess.State().Remaining; got > routines.MaxLeft || got < routines.MaxLeft-routines.MoreTime {
		t.Fatalf("after many +, %v left; want at most %v", got, routines.MaxLeft)
	}
	hs.want("No more time here")

	// A parent's own session has no instructor's keys.
	own := presentHarness(t, 120, 40, Config{})
	left := own.session().sess.State().Remaining
	own.press("+", "q", "t")
	if st := own.session().sess.State(); st.Remaining != left || st.Paused || own.session().teach || own.session().questions {
		t.Fatalf("+, q and t acted in a parent's session: %v left, paused %v", st.Remaining, st.Paused)
	}
}

// t shows the instructor the talking points of the step (or its region)
// and hides them again; a parent's session never shows them.
func TestPresentTalkingPoints(t *testing.T) {
	hs := demoHarness(t, 200, 60)
	point := hs.session().sess.State().Step.Teach[0][:40]
	if strings.Contains(flatView(hs.view()), point) {
		t.Fatal("a talking point shows before t")
	}
	hs.press("t")
	if v := flatView(hs.view()); !strings.Contains(v, "Talking points") || !strings.Contains(v, point) {
		t.Fatalf("t does not show the step's talking point %q:\n%s", point, hs.view())
	}
	hs.press("n", "n") // Hug and glide: none of its own, so the region's
	if v := flatView(hs.view()); !strings.Contains(v, "Instructors start with the legs") {
		t.Fatalf("a step without talking points does not show its region's:\n%s", hs.view())
	}
	hs.press("t")
	if strings.Contains(hs.view(), "Talking points") {
		t.Fatal("t does not hide the talking points")
	}
}

// flatView is a view with its runs of spaces and line breaks as single
// spaces, for words that wrap.
func flatView(v string) string { return strings.Join(strings.Fields(v), " ") }

// A room is never told to press a key: at the ask, the room's view (a
// class's Presenter, a demonstration) says what happens; a parent's own
// big letters say which key.
func TestPresentAskWordsForTheRoom(t *testing.T) {
	hs := newHarnessWith(t, 120, 40, Config{Store: DemoStore(), Present: true})
	hs.press("enter", "s")
	if st := hs.session().sess.State(); st.Phase != routines.PhaseWaiting {
		t.Fatalf("s went to phase %v, want the ask", st.Phase)
	}
	ss := hs.session()
	room := strings.Join(NewPresenter(ss.r, ss.a.styles).Body(ss.sess.State(), 120, 36), "\n")
	for name, v := range map[string]string{"--present": hs.view(), "a class's room": room} {
		if !strings.Contains(v, roomAsk) || strings.Contains(v, "press") {
			t.Errorf("%s at the ask:\n%s", name, v)
		}
	}
	own := newHarnessWith(t, 120, 40, Config{Store: withBaby(), Present: true})
	own.press("enter")
	own.answerReady()
	own.press("s")
	own.want("When your baby says yes, press space.")
}

// At the ask a demonstration's clicker goes on (the baby is a doll and a
// clicker has no space key); with a baby only space does.
func TestClickerAtTheAsk(t *testing.T) {
	for _, c := range []struct {
		name   string
		cfg    Config
		begins bool
	}{
		{"demonstration", Config{Store: DemoStore(), Present: true}, true},
		{"a baby's massage shown large", Config{Store: withBaby(), Present: true}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			hs := newHarnessWith(t, 120, 40, c.cfg)
			hs.press("enter")
			if !c.begins {
				hs.answerReady()
			}
			hs.press("s", "pgdown") // to asking, then the clicker's next
			if st := hs.session().sess.State(); st.Region.Opening == c.begins {
				t.Fatalf("the clicker at the ask: in %q, want begun %v", st.Step.Name, c.begins)
			}
		})
	}
}
