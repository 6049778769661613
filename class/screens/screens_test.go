package screens

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/cradle-coach/cradle/class"
	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/internal/testclock"
	"github.com/cradle-coach/cradle/routines"
)

var t0 = time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)

// fullBody is the built-in full-body routine, as classes teach it.
func fullBody(t testing.TB) *routines.Routine {
	t.Helper()
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range lib {
		if r.ID == "full-body" {
			return r
		}
	}
	t.Fatal("no full-body routine")
	return nil
}

type room struct {
	t   testing.TB
	clk *testclock.Clock
	hub *class.Hub
	lim *class.Limiter
}

func newRoom(t testing.TB, max int) *room { return newRoomWith(t, fullBody(t), max) }

// newRoomWith is a room that follows rt.
func newRoomWith(t testing.TB, rt *routines.Routine, max int) *room {
	clk := testclock.New(t0)
	hub := class.New(class.Config{Routine: rt, Clock: clk, Code: "maple otter drum", MaxFamilies: max,
		Rand: bytes.NewReader(bytes.Repeat([]byte("k7m2p9q4r8"), 50))})
	return &room{t: t, clk: clk, hub: hub, lim: class.NewLimiter(clk)}
}

// at moves the clock on to t0+d and lets the hub see it.
func (r *room) at(d time.Duration) {
	r.clk.Set(t0.Add(d))
	r.hub.Tick()
}

// screen is a model driven by hand: its commands are never run (they
// wait on the hub or on timers), its view is read as plain text.
type screen struct {
	t testing.TB
	m tea.Model
}

func (s *screen) send(msgs ...tea.Msg) {
	for _, msg := range msgs {
		s.m, _ = s.m.Update(msg)
	}
}

// press sends keys as a terminal does: a letter is its text, others by
// name ("enter", "backspace", "ctrl+c").
func (s *screen) press(keys ...string) {
	for _, k := range keys {
		s.send(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// typeText types text a key at a time.
func (s *screen) typeText(text string) {
	for _, r := range text {
		if r == ' ' {
			s.press("space")
			continue
		}
		s.press(string(r))
	}
}

func (s *screen) view() string {
	var content string
	switch m := s.m.(type) {
	case *Family:
		content = m.View().Content
	case *Console:
		content = m.View().Content
	}
	lines := strings.Split(ansi.Strip(content), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

func (s *screen) want(text string) {
	s.t.Helper()
	if v := s.view(); !strings.Contains(squeeze(v), squeeze(text)) {
		s.t.Fatalf("the screen does not show %q:\n%s", text, v)
	}
}

func (s *screen) wantNot(text string) {
	s.t.Helper()
	if v := s.view(); strings.Contains(squeeze(v), squeeze(text)) {
		s.t.Fatalf("the screen shows %q:\n%s", text, v)
	}
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// family opens a family's screen of w×h from addr.
func (r *room) family(addr string, w, h int) *screen {
	f := NewFamily(r.hub, r.lim, addr, "192.168.1.20", "2323", w, h)
	r.t.Cleanup(f.Close)
	return &screen{t: r.t, m: f}
}

// tenWeeks is the birth date of a baby 10 weeks old at t0: full-body is
// made for the age.
const tenWeeks = "2026-09-21"

// join takes a family through the code, the name, a baby of 10 weeks
// (born when due), the keeping and the questions (all clear: warm, no
// oil).
func (r *room) join(addr, name string, keep bool, w, h int) *screen {
	s := r.family(addr, w, h)
	s.typeText("Maple Otter  drum")
	s.press("enter")
	s.typeText(name)
	s.press("enter")
	s.typeText(tenWeeks)
	s.press("enter", "n")
	s.want("May your instructor keep")
	if keep {
		s.press("y")
	} else {
		s.press("n")
	}
	for s.m.(*Family).stage == questionStage {
		if strings.Contains(s.view(), "room warm") {
			s.press("y")
		} else {
			s.press("n")
		}
	}
	return s
}

// The way in: the code (in any case and spacing), the baby's first name
// and birth date, whether born early, the instructor keeping the answers or not, the questions every massage
// of a real baby begins with; then the lobby.
func TestFamilyJoins(t *testing.T) {
	r := newRoom(t, 0)
	s := r.family("10.0.0.5", 80, 24)
	golden.Check(t, "family-code-80x24", s.view())
	s.typeText("maple  OTTER-drum")
	s.press("enter")
	s.want("Your baby's first name: only your instructor sees it.")
	s.typeText("Ada")
	s.press("enter")
	golden.Check(t, "family-birth-80x24", s.view())
	s.typeText(tenWeeks)
	s.press("enter")
	golden.Check(t, "family-early-80x24", s.view())
	s.press("n")
	golden.Check(t, "family-keep-80x24", s.view())
	s.press("y")
	s.want("Has your baby fed in the last 45 minutes?")
	// The first question has none before it: the footer offers no ↑.
	golden.Check(t, "family-question-80x24", s.view())
	s.press("n")
	s.wantNot("· 1 of")
	s.want("↑ previous")
	s.press("up")
	s.want("Before you start · 1 of")
	s.wantNot("↑ previous")
	for s.m.(*Family).stage == questionStage {
		if strings.Contains(s.view(), "room warm") {
			s.press("y")
		} else {
			s.press("n")
		}
	}
	golden.Check(t, "family-lobby-80x24", s.view())
	if m := r.hub.Roster().Families; len(m) != 1 || m[0].Name != "Ada" || !m[0].Keep || m[0].Stage != class.FamilyFollowing {
		t.Fatalf("the roster after Ada joined: %+v", m)
	}
}

// A wrong code says so and lets the family try again; the fifth in a
// minute from one computer makes it wait, even for the right code, and
// another computer is not held up by it.
func TestWrongCodes(t *testing.T) {
	r := newRoom(t, 0)
	s := r.family("10.0.0.5", 80, 24)
	for i := 1; i <= class.WrongCodes; i++ {
		r.clk.Set(t0.Add(time.Duration(i) * time.Second))
		s.typeText("maple otter drums")
		s.press("enter")
		if i < class.WrongCodes {
			s.want("That is not this class's code.")
		}
	}
	s.want("Too many wrong codes from this computer: wait 0:56")
	s.typeText("maple otter drum")
	s.press("enter")
	s.wantNot("First name")
	golden.Check(t, "family-wait-80x24", s.view())

	other := r.family("10.0.0.6", 80, 24)
	other.typeText("maple otter drum")
	other.press("enter")
	other.want("First name")

	r.clk.Set(t0.Add(time.Minute + time.Second)) // the first wrong one is a minute old
	s.press("enter")                             // the code typed while it waited
	s.want("First name")
}

// A full class turns the next family away kindly; a name in use is asked
// again; a name of escape sequences is cleaned before anyone sees it.
func TestNamesAndAFullClass(t *testing.T) {
	r := newRoom(t, 2)
	r.join("10.0.0.5", "Ada", false, 80, 24)
	s := r.family("10.0.0.6", 80, 24)
	s.typeText("maple otter drum")
	s.press("enter")
	s.typeText("ada")
	s.press("enter")
	s.want("A family with a baby called ada is in the class already. Add an initial or a nickname (ada B, say).")
	// On a phone's narrow window the explanation gives way: the field
	// and why the name was refused stay in sight, at every stage typed.
	s.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	golden.Check(t, "family-name-in-use-40x12", s.view())
	s.want("First name › ada")
	s.want("A family with a baby called ada is in the class already. Add an initial or a nickname (ada B, say).")
	s.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	for range 3 {
		s.press("backspace")
	}
	s.send(tea.PasteMsg{Content: "\x1b]0;owned\x07Bea\x1b[2J\x1b[31m"})
	s.press("enter")
	s.want("How old is Bea?")
	if m := r.hub.Roster().Families; len(m) != 1 { // on the roster once the date is given
		t.Fatalf("the roster before Bea's birth date: %+v", m)
	}
	s.typeText(tenWeeks)
	s.press("enter")
	s.want("Born early?")
	if m := r.hub.Roster().Families; len(m) != 2 || m[1].Name != "Bea" {
		t.Fatalf("the roster: %+v", m)
	}
	third := r.family("10.0.0.7", 60, 20)
	third.typeText("maple otter drum")
	third.press("enter")
	third.typeText("Cai")
	third.press("enter")
	third.want("The class is full")
	third.want("This class takes 2 families")
	golden.Check(t, "family-full-60x20", third.view())
}

// Following: the instructor's region, step and countdown at the host's
// second, drawn at the family's own size; their answers noted with what
// they mean; a hand raised; the take-home line at the end.
func TestFamilyFollows(t *testing.T) {
	r := newRoom(t, 0)
	s := r.join("10.0.0.5", "Ada", true, 80, 24)
	small := r.join("10.0.0.6", "Bea", false, 60, 20)
	r.hub.Begin()
	r.hub.SkipRegion() // to the ask
	r.hub.Next()       // the babies said yes
	r.at(3 * time.Second)
	golden.Check(t, "family-step-80x24", s.view())
	golden.Check(t, "family-step-60x20", small.view())
	s.want("0:12") // resting hands, 15 s, 3 s in
	s.press("1")
	s.want("✓ Noted: relaxed.")
	s.press("h")
	s.want("Your hand is up")
	if r.hub.Roster().Hands != 1 {
		t.Fatal("the hand is not on the roster")
	}
	s.press("h")
	s.wantNot("Your hand is up")

	r.hub.AskNow()
	r.clk.Set(t0.Add(5 * time.Second))
	golden.Check(t, "family-checkin-80x24", s.view())
	s.press("3")
	s.want("✓ Noted: subtle cues. Your baby may need a little less.")
	s.want("The class goes on in 0:28")

	r.hub.TogglePause()
	s.want("paused by your instructor")
	r.hub.TogglePause()
	r.hub.Next()

	r.hub.End()
	golden.Check(t, "family-end-80x24", s.view())
	tok := s.m.(*Family).seat.View().Token
	s.want("ssh -p 2323 take-" + tok + "@192.168.1.20 > ada-class.json")
	s.want("cradle import ada-class.json")
}

// After fussing a family follows on slower at a stroke (still hands do
// not slow), and never lighter in a routine of moderate pressure; a family who took part ends with what
// babies are often ready for afterwards, and the safe-sleep line.
func TestFamilyFussingAndTheEnd(t *testing.T) {
	for _, moderate := range []bool{false, true} {
		rt, want := fullBody(t), "follow on, slower and lighter. If not,"
		if moderate {
			// full-body with one step of moderate pressure: the routine
			// is then never made lighter.
			c := *rt
			c.Regions = slices.Clone(rt.Regions)
			c.Regions[0].Steps = slices.Clone(rt.Regions[0].Steps)
			c.Regions[0].Steps[1].Pressure = "moderate, firm enough not to tickle"
			rt, want = &c, "follow on, slower, with the same steady touch. If not,"
		}
		r := newRoomWith(t, rt, 0)
		s := r.join("10.0.0.5", "Ada", true, 80, 24)
		r.hub.Begin()
		r.hub.SkipRegion() // to the ask
		r.hub.Next()       // the babies said yes
		r.at(3 * time.Second)
		s.press("4") // at the resting hands: nothing to slow
		s.want("When your baby has settled, follow on with the class. If not,")
		r.hub.Next() // the first stroke
		r.at(6 * time.Second)
		s.press("4")
		s.want(want)
		r.hub.End()
		s.want(routines.AfterMassage)
	}
	// A family whose baby said not now did not massage: no such line.
	r := newRoom(t, 0)
	s := r.join("10.0.0.5", "Ada", true, 80, 24)
	r.hub.Begin()
	r.hub.SkipRegion()
	s.press("e", "y")
	s.want("Your baby said not now")
	s.wantNot("After a massage")

	// A family who ends their own massage while the class goes on took
	// part: the after-massage and safe-sleep line is theirs too.
	r = newRoom(t, 0)
	s = r.join("10.0.0.5", "Ada", true, 80, 24)
	r.hub.Begin()
	r.hub.SkipRegion() // to the ask
	r.hub.Next()       // the babies said yes
	r.at(3 * time.Second)
	s.press("e", "y")
	s.want("Your massage has ended")
	s.want(routines.AfterMassage)
}

// Every size from the smallest to the largest draws within the window,
// and one too small asks for a larger window; a terminal claiming 10,000
// columns is drawn at the largest size a screen is drawn for.
func TestFamilyFits(t *testing.T) {
	r := newRoom(t, 0)
	s := r.join("10.0.0.5", "Ada", true, 80, 24)
	r.hub.Begin()
	r.at(2 * time.Second)
	views := []func(){
		func() {},
		func() { r.hub.AskNow() },
		func() { s.press("4") },
		func() { r.hub.End() },
	}
	for i, change := range views {
		change()
		for w := 1; w <= 240; w += 23 {
			for h := 1; h <= 80; h += 11 {
				s.send(tea.WindowSizeMsg{Width: w, Height: h})
				lines := strings.Split(s.m.(*Family).View().Content, "\n")
				if len(lines) > h {
					t.Fatalf("view %d at %dx%d: %d lines", i, w, h, len(lines))
				}
				for j, l := range lines {
					if lw := ansi.StringWidth(l); lw > w {
						t.Fatalf("view %d at %dx%d: line %d is %d wide", i, w, h, j, lw)
					}
				}
			}
		}
	}
	s.send(tea.WindowSizeMsg{Width: 10_000, Height: 10_000})
	f := s.m.(*Family)
	if f.w != class.MaxWidth || f.h != class.MaxHeight {
		t.Fatalf("a 10,000-column window is drawn at %dx%d", f.w, f.h)
	}
	if n := len(strings.Split(f.View().Content, "\n")); n != class.MaxHeight {
		t.Fatalf("drawn in %d lines", n)
	}
}

// A connection that sits before joining is closed after JoinIdle; one
// that has joined stays as long as the class.
func TestIdleBeforeJoining(t *testing.T) {
	r := newRoom(t, 0)
	s := r.family("10.0.0.5", 80, 24)
	f := s.m.(*Family)
	_, cmd := f.Update(idleMsg{seq: f.idleSeq})
	if f.stage != closedStage || cmd == nil {
		t.Fatalf("idle before joining: stage %v", f.stage)
	}
	j := r.join("10.0.0.6", "Ada", false, 80, 24)
	jf := j.m.(*Family)
	jf.Update(idleMsg{seq: jf.idleSeq})
	if jf.stage != followStage {
		t.Fatalf("a family that joined was closed for being idle: stage %v", jf.stage)
	}
}

// The instructor's console: how to join and the code in big letters in
// the lobby, the room's view of the session with the room's answers, and
// the roster with each family's last answer and when.
func TestConsole(t *testing.T) {
	r := newRoom(t, 0)
	c := &screen{t: t, m: NewConsole(r.hub, "ssh -p 2323 192.168.1.20", "dark")}
	c.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	ada := r.join("10.0.0.5", "Ada", true, 80, 24)
	bea := r.join("10.0.0.6", "Bea", false, 80, 24)
	golden.Check(t, "console-lobby-120x40", c.view())
	c.want("ssh -p 2323 192.168.1.20")
	c.press("enter")
	c.press("s", "space") // to the ask, and the babies' yes
	r.at(4 * time.Second)
	ada.press("1")
	bea.press("3")
	bea.press("h")
	golden.Check(t, "console-session-120x40", c.view())
	c.want("Legs and feet: 1 relaxed, 1 subtle")
	c.want("1 hand up (r shows who)")
	c.wantNot("Bea")
	c.press("r")
	r.clk.Set(t0.Add(70 * time.Second))
	golden.Check(t, "console-roster-120x40", c.view())
	c.want("Bea")
	c.want("Subtle cues · 1 min ago")
	c.press("r")
	r.hub.Tick()
	before := r.hub.Snapshot().State
	c.press("+")
	if st := r.hub.Snapshot().State; st.Index != before.Index || st.Length != before.Length+30*time.Second {
		t.Fatalf("+ made step %d (%s) step %d of %s", before.Index, before.Length, st.Index, st.Length)
	}
	c.press("e")
	c.want("End the class for everyone?")
	c.press("n")
	if r.hub.Snapshot().Stage != class.StageRunning {
		t.Fatal("a key other than y ended the class")
	}
	c.press("e", "y")
	c.want("The class has ended")
	c.want("0 of 2 families have taken their session home.")
	c.press("q")
	c.want("2 sessions not taken home yet: close anyway?")
}

// The console at a projector's sizes, with the room's view in block
// letters.
func TestConsoleSizes(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {200, 60}} {
		r := newRoom(t, 0)
		c := &screen{t: t, m: NewConsole(r.hub, "ssh -p 2323 192.168.1.20", "dark")}
		c.send(tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
		golden.Check(t, fmt.Sprintf("console-lobby-%dx%d", sz.w, sz.h), c.view())
		c.press("enter", "s", "space")
		r.at(2 * time.Second)
		golden.Check(t, fmt.Sprintf("console-session-%dx%d", sz.w, sz.h), c.view())
		c.want("e end") // whatever the width: the class must be able to end
		c.want("r roster")
	}
}

// The take-home file is named after the baby, safely.
func TestFileName(t *testing.T) {
	for name, want := range map[string]string{
		"Ada":          "ada-class.json",
		"Mia Rose":     "mia-rose-class.json",
		"Zoë":          "zo-class.json",
		"../../etc":    "etc-class.json",
		"李":            "baby-class.json",
		"  -rf *":      "rf-class.json",
		"Ada O'Connor": "ada-o-connor-class.json",
	} {
		if got := fileName(name); got != want {
			t.Errorf("fileName(%q) = %q, want %q", name, got, want)
		}
	}
}

// A family's screen keeps what does not change each second: drawn from
// what it kept, it is the screen drawn afresh, at every second of a step,
// a check-in and the end; and from one second to the next only the
// countdown, the bar and the time left change.
func TestFamilyDrawsFromWhatItKept(t *testing.T) {
	r := newRoom(t, 0)
	s := r.join("10.0.0.5", "Ada", true, 80, 24)
	f := s.m.(*Family)
	r.hub.Begin()
	for i, change := range []func(){func() {}, func() { r.hub.AskNow() }, func() { s.press("2") }, func() { r.hub.End() }} {
		change()
		var before string
		for sec := 1; sec <= 3; sec++ {
			r.clk.Add(time.Second)
			kept := f.View().Content
			f.cache = followCache{}
			if fresh := f.View().Content; kept != fresh {
				t.Fatalf("view %d, second %d: drawn from what was kept\n%s\nbut afresh\n%s", i, sec, kept, fresh)
			}
			if before != "" && i < 3 {
				a, b := strings.Split(ansi.Strip(before), "\n"), strings.Split(ansi.Strip(kept), "\n")
				for j := range a {
					if a[j] != b[j] && !strings.ContainsAny(a[j], "0123456789━─") {
						t.Fatalf("view %d: line %d changed between seconds:\n%q\n%q", i, j, a[j], b[j])
					}
				}
			}
			before = kept
		}
	}
}

// A baby too young for the class's routine: the family is told so, with
// the routine made for the age; they watch, with their baby in their
// arms, and see each step to learn it, without the answers or the end of
// a massage; joining again, they are still watching. Another follows
// anyway, and is asked what every massage begins with.
func TestFamilyAge(t *testing.T) {
	r := newRoom(t, 0)
	ben := r.family("10.0.0.5", 80, 24)
	ben.typeText("maple otter drum")
	ben.press("enter")
	ben.typeText("Ben")
	ben.press("enter")
	ben.typeText("2026-11-20")
	ben.press("enter", "n")
	golden.Check(t, "family-fit-80x24", ben.view())
	ben.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	ben.want("y Follow the class anyway") // the choices stay on a small window
	ben.press("up")
	ben.want("Birth date › 2026-11-20")
	ben.press("enter", "n", "enter")
	ben.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	ben.want("You are watching today, with Ben in your arms or a still, warm hand resting on them.")

	cai := r.family("10.0.0.6", 80, 24)
	cai.typeText("maple otter drum")
	cai.press("enter")
	cai.typeText("Cai")
	cai.press("enter")
	cai.typeText("2026-11-20")
	cai.press("enter", "n", "y")
	cai.want("May your instructor keep Cai's answers")
	cai.press("n")
	cai.want("Before you start · 1 of")

	c := &screen{t: t, m: NewConsole(r.hub, "ssh -p 2323 192.168.1.20", "dark")}
	c.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	c.press("r")
	c.want("1 watching · 1 joining")
	c.want("Ben watching — —") // no answer, and never asked to keep any
	win := &screen{t: t, m: NewRosterWindow(r.hub, "ssh -p 2323 192.168.1.20", "dark")}
	win.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	win.want("enter on the class's own screen begins the class.") // enter there does nothing
	c.want("enter begins the class.")

	r.hub.Begin()
	r.at(3 * time.Second)
	ben.send(pulseMsg{})
	golden.Check(t, "family-watch-80x24", ben.view())
	ben.press("1", "e")
	ben.wantNot("Noted")
	ben.wantNot("End Ben's massage here?")

	ben.m.(*Family).Close()
	again := r.family("10.0.0.5", 80, 24)
	again.typeText("maple otter drum")
	again.press("enter")
	again.typeText("ben")
	again.press("enter")
	again.typeText("2026-11-20")
	again.press("enter")
	again.want("You are watching today, with Ben in your arms")

	r.hub.End()
	c.want("Ben watched") // the class is over: no one is watching still
}

// A family that dropped out gets their session back with their baby's
// name and birth date: someone who only heard the name is told it is
// taken, back at the name, and each wrong date counts as a wrong code
// does, so dates are not tried one after another.
func TestRejoiningAsksTheDate(t *testing.T) {
	r := newRoom(t, 0)
	ada := r.join("10.0.0.5", "Ada", true, 80, 24)
	r.hub.Begin()
	r.at(5 * time.Second)
	ada.press("1")
	ada.m.(*Family).Close()

	s := r.family("10.0.0.9", 60, 20)
	s.typeText("maple otter drum")
	s.press("enter")
	try := func(date string) {
		s.typeText("ada")
		s.press("enter")
		s.want("How old is ada?")
		s.typeText(date)
		s.press("enter")
	}
	for i := 1; i < class.WrongCodes; i++ {
		r.clk.Set(t0.Add(5*time.Second + time.Duration(i)*time.Second))
		try(fmt.Sprintf("2026-09-%02d", i))
		s.want("The name ada is taken in this class: add an initial, like ada B. Joining again? Give the name and birth date you gave before.")
		s.want("First name › ada")
		s.press("ctrl+u")
	}
	if r.hub.Roster().Families[0].Here {
		t.Fatal("a wrong birth date took Ada's place")
	}
	try("2026-09-05")
	golden.Check(t, "family-name-taken-60x20", s.view())
	s.want("Too many wrong tries from this computer: wait 0:57, then try again.")
	s.press("ctrl+u")
	try(tenWeeks) // the right date, while the computer waits, is not weighed
	s.want("Too many wrong tries from this computer")
	s.wantNot("Noted")

	back := r.family("10.0.0.5", 80, 24) // Ada's own computer: not held up
	back.typeText("maple otter drum")
	back.press("enter")
	back.typeText("ADA")
	back.press("enter")
	back.typeText(tenWeeks)
	back.press("enter")
	back.want("Noted")
	if m := r.hub.Roster().Families; len(m) != 1 || !m[0].Here {
		t.Fatalf("the roster after Ada came back: %+v", m)
	}
}

// A date to type is never split over two lines, whatever the width.
func TestLinesKeepDates(t *testing.T) {
	text := "The day Ada was born, as year-month-day, like 2026-10-29."
	for w := 16; w <= 60; w++ { // the narrowest a screen wraps to is 36
		got := lines(text, w)
		if !slices.Contains(got, "2026-10-29.") && !slices.ContainsFunc(got, func(l string) bool { return strings.HasSuffix(l, " 2026-10-29.") }) {
			t.Fatalf("at %d cells: %q", w, got)
		}
		if strings.Join(strings.Fields(strings.Join(got, " ")), " ") != text {
			t.Fatalf("at %d cells the words changed: %q", w, got)
		}
	}
}

// q on the console pauses the class for everyone with the presentation's
// Questions card; each family's screen says the class is paused for
// questions, its countdown frozen at the host's second; any key goes on
// where the class was, e still asks to end it.
func TestQuestionsForEveryone(t *testing.T) {
	r := newRoom(t, 0)
	c := &screen{t: t, m: NewConsole(r.hub, "ssh -p 2323 192.168.1.20", "dark")}
	c.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	ada := r.join("10.0.0.5", "Ada", true, 80, 24)
	small := r.join("10.0.0.6", "Bea", false, 60, 20)
	c.press("enter", "s", "space") // to the ask, and the babies' yes
	r.at(3 * time.Second)
	c.press("q")
	r.at(40 * time.Second)
	golden.Check(t, "console-questions-120x40", c.view())
	c.want("We go on with Resting hands, 0:12 left.")
	c.want("any key go on")
	golden.Check(t, "family-questions-80x24", ada.view())
	ada.want("The class is paused for questions: ask yours, or press h to raise your hand.")
	ada.want("Paused for questions 0:12")
	golden.Check(t, "family-questions-60x20", small.view())
	small.want("paused for questions")

	c.press("e")
	c.want("End the class for everyone?")
	c.press("n")
	c.want("We go on with Resting hands") // still on the card
	c.press("x")                          // any key
	c.wantNot("We go on with")
	r.at(45 * time.Second)
	ada.wantNot("paused for questions")
	ada.want("0:07") // 12 s left at 40 s, 5 s gone since
	if snap := r.hub.Snapshot(); snap.Questions || snap.State.Paused {
		t.Fatalf("after a key on the card: questions %v, paused %v", snap.Questions, snap.State.Paused)
	}
}

// t shows the instructor the talking points: under the letters of the
// console, as --present does, while no roster window is open; with one
// open, only there (the console is then taken to be the room's). A
// family never sees them.
func TestTalkingPointsForTheInstructor(t *testing.T) {
	r := newRoom(t, 0)
	c := &screen{t: t, m: NewConsole(r.hub, "ssh -p 2323 192.168.1.20", "dark")}
	c.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	ada := r.join("10.0.0.5", "Ada", true, 80, 24)
	c.press("enter", "s", "space")
	r.at(3 * time.Second)
	c.wantNot("Talking points")
	c.press("t")
	c.want("Talking points · Resting hands · for you, t hides them")
	ada.wantNot("Talking points")

	win := &screen{t: t, m: NewRosterWindow(r.hub, "ssh -p 2323 192.168.1.20", "dark")}
	win.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	golden.Check(t, "roster-window-points-100x30", win.view())
	win.want("Talking points · Resting hands")
	c.wantNot("Talking points")
	c.press("t", "t")
	c.want("The talking points are in the roster window, not on this screen.")
	win.press("t")
	win.wantNot("Talking points")
	win.press("q")
	c.press("t")
	c.want("Talking points · Resting hands")
}

// answer answers the questions before the start: yes to the warm room
// and to any question with one of yes in it, no to the rest.
func (s *screen) answer(yes ...string) {
	for s.m.(*Family).stage == questionStage {
		v := s.view()
		say := "n"
		for _, y := range append(yes, "room warm") {
			if strings.Contains(v, y) {
				say = "y"
			}
		}
		s.press(say)
	}
}

// A family whose baby has just fed watches, and may answer the
// questions again later in the class: f asks them, esc keeps watching,
// and all clear they follow from where the class is. A family watching
// for a fever is never offered it.
func TestFollowNow(t *testing.T) {
	r := newRoom(t, 0)
	ada := r.family("10.0.0.5", 80, 24)
	ada.typeText("maple otter drum")
	ada.press("enter")
	ada.typeText("Ada")
	ada.press("enter")
	ada.typeText(tenWeeks)
	ada.press("enter", "n", "y")
	ada.answer("fed in the last", "feed in the last")
	ada.want(routines.StopFed.Why())
	ada.want("You are welcome to watch the class for now. When Ada is ready, f asks these questions again, and you follow from there.")
	ada.press("enter")
	r.hub.Begin()
	r.at(3 * time.Second)
	golden.Check(t, "family-watch-fed-80x24", ada.view())
	ada.want("f follow now")

	ada.press("f")
	ada.want("Before you start · 1 of")
	ada.want("esc keep watching")
	ada.press("esc")
	ada.want("You are watching for now.")
	ada.press("f")
	ada.answer()
	ada.want("A few slow breaths")
	ada.want("1-6 how is your baby")
	ada.wantNot("You are watching")
	ada.wantNot("f follow now")
	if m := r.hub.Roster().Families[0]; m.Stage != class.FamilyFollowing || !m.Keep {
		t.Fatalf("after answering again: %+v", m)
	}

	bea := r.family("10.0.0.6", 80, 24)
	bea.typeText("maple otter drum")
	bea.press("enter")
	bea.typeText("Bea")
	bea.press("enter")
	bea.typeText(tenWeeks)
	bea.press("enter", "n", "n")
	bea.answer("fever")
	bea.want("You are welcome to stay and watch the class, to try it another day.")
	bea.press("enter", "f")
	bea.want("You are watching today: Bea's massage waits for another time.")
	bea.wantNot("follow now")
}

// A routine that suits the baby's age but is long for it says so on the
// family's screen, in the home screen's words; one that is not long for
// the age says nothing of it.
func TestLongForTheAge(t *testing.T) {
	r := newRoom(t, 0)
	ada := r.join("10.0.0.5", "Ada", false, 80, 24) // 10 weeks: 15 minutes at most
	ada.want("Long for this age · 10 to 15 min suggested: do one or two regions")
	eve := r.family("10.0.0.6", 80, 24)
	eve.typeText("maple otter drum")
	eve.press("enter")
	eve.typeText("Eve")
	eve.press("enter")
	eve.typeText("2026-07-10") // 20 weeks: 20 minutes
	eve.press("enter", "n", "n")
	eve.answer()
	eve.want("Welcome, Eve")
	eve.wantNot(routines.LongForAge)
	r.hub.Begin()
	r.at(time.Second)
	ada.want("Long for this age")
	eve.wantNot(routines.LongForAge)
}

// The room's counts: no "0 not answered"; a family whose connection
// went counts as left, not as following, and is not waited for.
func TestConsoleCountsWhoLeft(t *testing.T) {
	r := newRoom(t, 0)
	c := &screen{t: t, m: NewConsole(r.hub, "ssh -p 2323 192.168.1.20", "dark")}
	c.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	ada := r.join("10.0.0.5", "Ada", true, 80, 24)
	bea := r.join("10.0.0.6", "Bea", false, 80, 24)
	cai := r.join("10.0.0.7", "Cai", false, 80, 24)
	c.press("enter", "s", "space")
	r.at(4 * time.Second)
	c.press("c")
	ada.press("1")
	bea.press("4")
	c.want("Legs and feet: 1 relaxed, 1 fussing, 1 not answered")
	c.want("3 families following")
	cai.m.(*Family).Close() // Cai's connection went
	c.want("Legs and feet: 1 relaxed, 1 fussing")
	c.wantNot("not answered")
	c.want("2 families following")
	c.press("r")
	c.want("2 following · 1 left")
}

// bornEarly is a family joining with a baby born ten weeks ago whom
// they say was born early: the due date is asked next.
func bornEarly(r *room, name string) *screen {
	s := r.family("10.0.0.5", 80, 24)
	s.typeText("maple otter drum")
	s.press("enter")
	s.typeText(name)
	s.press("enter")
	s.typeText(tenWeeks)
	s.press("enter", "y")
	return s
}

// A stop among the questions ends them at once, as at home: no go-ahead
// for a baby born early is "Not just now" at the first question, and
// the family watches.
func TestQuestionsStopAtOnce(t *testing.T) {
	r := newRoom(t, 0)
	s := bornEarly(r, "Leo")
	s.typeText("2026-11-01") // six weeks early: four weeks old, corrected
	s.press("enter")
	s.want("Follow the class anyway")
	s.press("y", "y")
	s.want("1 of")
	s.want("Has your baby's doctor or nurse said massage is right for your baby now?")
	s.press("n")
	s.want("Not just now")
	s.want("please ask your baby's doctor or nurse first")
	s.press("enter")
	if v := r.hub.Roster().Families[0]; v.Stage != class.FamilyWatching {
		t.Fatalf("Leo's family after no go-ahead: %+v", v)
	}

	// A fever, the third question for a baby born when due, stops them too.
	s = r.family("10.0.0.6", 80, 24)
	s.typeText("maple otter drum")
	s.press("enter")
	s.typeText("Ada")
	s.press("enter")
	s.typeText(tenWeeks)
	s.press("enter", "n", "y")
	s.want("fed in the last 45 minutes")
	s.press("n", "n")
	s.want("fever")
	s.press("y")
	s.want("Not just now")
}

// The take-home command is never wrapped, whatever the window: copied in
// two pieces it would run in two. It moves to the margin, then takes the
// shorter file name, and past that the family is asked for a wider window.
func TestTakeHomeCommandStaysWhole(t *testing.T) {
	ssh := TakeHomeCommand("127.0.0.1", "2323", "mspysa23h9")
	n := len(ssh + " > ")
	for _, c := range []struct {
		w          int
		lead, file string
	}{
		{n + 14 + 4, "    ", "ben-class.json"},
		{n + 14, "", "ben-class.json"}, // at the margin
		{n + 13, "", "class.json"},
		{n + 10, "", "class.json"},
		{n + 9, "", "ben-class.json"}, // nothing fits: as it is, and a wider window asked for
	} {
		lead, take, file := takeHomeLines(c.w, ssh, "ben-class.json")
		if lead != c.lead || file != c.file || take != ssh+" > "+file {
			t.Errorf("width %d: %q %q %q, want the lead %q and the file %s", c.w, lead, take, file, c.lead, c.file)
		}
	}

	r := newRoom(t, 0)
	s := r.join("10.0.0.5", "Ada", true, 80, 24)
	r.hub.Begin()
	r.hub.End()
	tok := s.m.(*Family).seat.View().Token
	s.want("    ssh -p 2323 take-" + tok + "@192.168.1.20 > ada-class.json") // one line
	s.want("cradle import ada-class.json")
	s.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	s.want("ssh -p 2323 take-" + tok + "@192.168.1.20 > class.json")
	s.want("cradle import class.json")
	s.wantNot("Widen this window")
	s.send(tea.WindowSizeMsg{Width: 44, Height: 20})
	s.want("Widen this window to 61 columns")
	s.wantNot("take-" + tok) // never a command cut or wrapped
	// The smallest window keeps the safety words and the way home.
	s.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	s.want("flat surface of their own")
	s.want("Widen this window to")
}

// A family who said born early and then typed a due date that says not
// (a slip) is told so, and goes on only with dates that agree, or esc
// if the baby was not born early: the go-ahead is never skipped by a slip.
func TestBornEarlyDatesThatSayNot(t *testing.T) {
	r := newRoom(t, 0)
	s := bornEarly(r, "Leo")
	due, _ := time.Parse("2006-01-02", tenWeeks)
	s.typeText(due.AddDate(0, 0, 9).Format("2006-01-02"))
	s.press("enter")
	s.want("These dates put the birth 9 days before the due date, not more than 3 weeks")
	s.want("Due date")
}
