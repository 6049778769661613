package ui

import (
	"bufio"
	"bytes"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/internal/testclock"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// plainRun drives plain mode as the harness drives the full screen
// (runCmd): the test types the lines and fires the ticks.
type plainRun struct {
	t     *testing.T
	m     plainModel
	out   *bytes.Buffer
	clock *testclock.Clock
	st    *memStore
	read  int  // how much of out the test has read
	quit  bool // the program asked to quit
}

// newPlainRun starts plain mode with cfg (its store, clock and sound
// filled in as the harness does); forms read their lines from input.
func newPlainRun(t *testing.T, cfg Config, input string) *plainRun {
	t.Helper()
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	p := &plainRun{t: t, out: &bytes.Buffer{}, clock: testclock.New(t0)}
	if cfg.Store == nil {
		cfg.Store = withBaby()
	}
	p.st, _ = cfg.Store.(*memStore)
	cfg.Routines, cfg.Clock, cfg.CheckInWait, cfg.Sound, cfg.Plain = lib, p.clock, 30*time.Second, &soundLog{}, true
	p.m = newPlain(cfg, strings.NewReader(input), p.out)
	p.run(p.m.Init())
	return p
}

func (p *plainRun) send(msg tea.Msg) {
	p.t.Helper()
	m, cmd := p.m.Update(msg)
	p.m = m.(plainModel)
	p.run(cmd)
}

func (p *plainRun) run(cmd tea.Cmd) {
	var waits int
	if runCmd(cmd, p.send, &waits) {
		p.quit = true
	}
}

// typeLine types lines, each and enter.
func (p *plainRun) typeLine(lines ...string) {
	p.t.Helper()
	for _, l := range lines {
		p.send(lineMsg{text: l})
	}
}

// answerReady types the answers that let a massage begin: nothing in
// the way, a warm room, the doctor's or nurse's yes, no oil.
func (p *plainRun) answerReady() {
	p.t.Helper()
	p.answerEach(func(q routines.Question) string {
		if q.About == routines.ReadinessCold || routines.GoAheadFirst(q) {
			return "y"
		}
		return "n"
	})
}

// answerEach types the answer to each readiness question as it comes.
func (p *plainRun) answerEach(answer func(routines.Question) string) {
	p.t.Helper()
	for n := 0; ; n++ {
		rs, ok := p.m.root.screen.(*readyScreen)
		if !ok || rs.stage != formStage || rs.at >= len(rs.qs) {
			return
		}
		if n > 50 {
			p.t.Fatal("the readiness questions never end")
		}
		p.typeLine(answer(rs.qs[rs.at]))
	}
}

// tick moves the clock on by d, delivering each timer the session asks
// for on its way, when it is due, and one more at the end.
func (p *plainRun) tick(d time.Duration) {
	p.t.Helper()
	end := p.clock.Now().Add(d)
	for {
		ss, ok := p.m.root.screen.(*sessionScreen)
		if !ok || ss.due.IsZero() || ss.due.After(end) {
			break
		}
		if ss.due.After(p.clock.Now()) {
			p.clock.Set(ss.due)
		}
		p.send(tickMsg{ss.tickSeq})
	}
	p.clock.Set(end)
	if ss, ok := p.m.root.screen.(*sessionScreen); ok {
		p.send(tickMsg{ss.tickSeq})
	}
}

// said is what was printed since the last call.
func (p *plainRun) said() string {
	s := p.out.String()[p.read:]
	p.read = p.out.Len()
	return s
}

// want checks that what was printed since the last call holds each text.
func (p *plainRun) want(texts ...string) {
	p.t.Helper()
	s := p.said()
	for _, text := range texts {
		if !strings.Contains(s, text) {
			p.t.Fatalf("plain output lacks %q:\n%s", text, s)
		}
	}
}

// A whole massage in plain mode, from cradle run to the summary: every
// prompt, region, question with its answers and countdown moment on a
// line of its own, in the screen's words, and nothing that moves a
// cursor. The transcript is held by a golden file.
func TestPlainSession(t *testing.T) {
	colic := builtin(t, "colic")
	p := newPlainRun(t, Config{Start: colic}, "")
	var all strings.Builder
	step := func(lines ...string) {
		t.Helper()
		p.typeLine(lines...)
		all.WriteString(p.said())
	}
	all.WriteString(p.said())
	// The readiness check, answer by answer, with oil.
	p.answerEach(func(q routines.Question) string {
		all.WriteString(p.said())
		if q.About == routines.ReadinessCold || q.About == routines.ReadinessOil {
			return "y"
		}
		return "n"
	})
	all.WriteString(p.said())
	if _, ok := p.m.root.screen.(*readyScreen); !ok {
		t.Fatalf("the questions ended early: %T\n%s", p.m.root.screen, all.String())
	}
	step("") // enter: begin
	// The opening ritual goes on by itself: its countdown moments.
	for range 60 {
		p.tick(time.Second)
		all.WriteString(p.said())
		if p.m.root.screen.(*sessionScreen).sess.State().Phase == routines.PhaseWaiting {
			break
		}
	}
	step("")     // the baby says yes
	step("help") // the words that work now
	step("next") // past resting hands
	p.tick(3 * time.Second)
	all.WriteString(p.said())
	step("pause", "resume", "xyzzy", "")
	for p.m.root.screen.(*sessionScreen).sess.State().Phase != routines.PhaseCheckIn {
		step("n")
	}
	step("4") // fussing
	for range 20 {
		p.tick(time.Second)
		all.WriteString(p.said())
	}
	step("2")      // skip what comes next
	step("e", "n") // not yet
	step("e", "y") // now
	out := all.String()
	golden.Check(t, "plain-colic", out)
	if strings.ContainsAny(out, "\x1b\r") {
		t.Errorf("plain output holds an escape sequence or a carriage return:\n%q", out)
	}
	for _, want := range []string{
		"Before you start, 1 of ", "Has your baby fed in the last 45 minutes?",
		"Half way: 10 s left.", "3 seconds left.", "A few slow breaths: done.",
		"When your baby says yes, press enter.",
		"Tummy: Region 1 of 4",
		"How is your baby? After tummy.", "4. Fussing: arches",
		"1. One more stroke, slower", "Paused: nothing moves on", "Going on:",
		"\"xyzzy\" does nothing here", "End the massage now?",
		"Ended early.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the transcript lacks %q", want)
		}
	}

	// Saved as the full screen saves it: the same events, in order.
	rec, evs := p.st.only(t)
	if rec.RoutineID != "colic" || rec.BabyName != "Mia" {
		t.Errorf("saved %+v", rec)
	}
	var checkins []routines.Cue
	for _, ev := range evs {
		if ev.Kind == routines.EvCheckIn {
			checkins = append(checkins, ev.Cue)
		}
	}
	if !slices.Equal(checkins, []routines.Cue{routines.CueFussing}) || evs[len(evs)-1].Kind != routines.EvEnd {
		t.Errorf("saved check-ins %v, last event %v", checkins, evs[len(evs)-1].Kind)
	}
}

// The same keys give the same saved session in plain mode and on the
// full screen: one engine, one saver.
func TestPlainSavesAsTheFullScreen(t *testing.T) {
	full := newHarnessWith(t, 80, 24, Config{Store: withBaby(), Start: builtin(t, "colic")})
	full.answerReady()
	p := newPlainRun(t, Config{Start: builtin(t, "colic")}, "")
	p.answerReady()
	for _, k := range []string{"n", "n", "n", "space", "n", "n", "c", "1", "n", "s", "e", "y"} {
		full.press(k)
		p.typeLine(k)
		full.tick(2 * time.Second)
		p.tick(2 * time.Second)
	}
	_, want := full.st.only(t)
	_, got := p.st.only(t)
	if !reflect.DeepEqual(kinds(got), kinds(want)) {
		t.Fatalf("plain mode saved\n%v\nthe full screen\n%v", kinds(got), kinds(want))
	}
	for i := range got {
		if got[i].Step != want[i].Step || got[i].Cue != want[i].Cue || got[i].Region != want[i].Region {
			t.Errorf("event %d: %+v, full screen %+v", i, got[i], want[i])
		}
	}
}

// A word is taken only where it means something: "next" at a readiness
// question is not a "no", a digit where no number is asked does nothing,
// and enter alone says where things are where enter does not act.
func TestPlainWords(t *testing.T) {
	p := newPlainRun(t, Config{Start: builtin(t, "colic")}, "")
	p.said()
	p.typeLine("next")
	p.want("\"next\" does nothing here")
	rs := p.m.root.screen.(*readyScreen)
	if rs.at != 0 {
		t.Fatalf("a word that is not an answer answered the question")
	}
	p.typeLine("No")
	if rs.at == 0 || rs.ans.FedLately {
		t.Fatalf("no did not answer the question: at %d, %+v", rs.at, rs.ans)
	}
	p.said()
	p.typeLine("?")
	p.want("yes (y)", "no (n)", "previous (up)", "Anywhere: help lists these")
	p.typeLine("yes") // asleep, hungry, tired or upset
	p.want("Not just now.", "Choose: enter (stop here) or b (change answers).")
	p.typeLine("b") // change the answers
	p.want("Before you start, 1 of ")

	// In a session, enter alone says again where it is.
	p = newPlainRun(t, Config{Start: builtin(t, "colic")}, "")
	p.answerReady()
	p.said()
	p.typeLine("")
	p.want("Step 1 of 4: A few slow breaths.", "Now: 20 s left.")
	p.typeLine("7") // no number is asked
	if p.said() != "" {
		t.Errorf("a digit during a step said something")
	}
}

// The end of the input saves what was done and quits, leaving the
// session to be picked up again, as ctrl+c does.
func TestPlainEndOfInput(t *testing.T) {
	p := newPlainRun(t, Config{Start: builtin(t, "colic")}, "")
	p.answerReady()
	p.send(lineMsg{eof: true})
	p.want("The input has ended: cradle saves and closes.", "Saving…")
	if !p.quit {
		t.Fatal("plain mode did not quit at the end of the input")
	}
	rec, evs := p.st.only(t)
	if last := evs[len(evs)-1]; rec.Status != store.StatusInProgress || last.Kind != routines.EvQuit || last.By != byInputEnd {
		t.Errorf("session %v, last event %v by %q: want it in progress, cut off by the end of the input", rec.Status, last.Kind, last.By)
	}
}

// The first start asks for the baby's details in huh's accessible mode,
// a line each, with the words of the full screen's form.
func TestPlainBabyForm(t *testing.T) {
	p := newPlainRun(t, Config{Store: newMemStore()}, "Ada\n2026-13-40\n2026-10-02\n\n\n")
	p.want("cradle · Choose a massage.", "Chosen: 1, Full-body massage.")
	p.typeLine("4", "") // Newborn first touch, start
	out := p.said()
	for _, want := range []string{welcomeWords, Notice, "Your baby's name. Optional.", "Birth date. Optional, as year-month-day.",
		"there is no month 13", "Due date, if your baby was born early."} {
		if !strings.Contains(out, want) {
			t.Errorf("the form lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("the form wrote an escape sequence:\n%q", out)
	}
	if len(p.st.babies) != 1 || p.st.babies[0].Name != "Ada" || p.st.babies[0].Birth.Format(dateLayout) != "2026-10-02" {
		t.Fatalf("saved %+v", p.st.babies)
	}
	if _, ok := p.m.root.screen.(*readyScreen); !ok {
		t.Fatalf("after the form: %T, want the readiness check", p.m.root.screen)
	}
}

// In ASCII, plain mode writes ASCII too.
func TestPlainASCII(t *testing.T) {
	p := newPlainRun(t, Config{Start: builtin(t, "colic"), ASCII: true}, "")
	p.answerReady()
	out := p.said()
	if !strings.Contains(out, "4 regions - ") {
		t.Errorf("no ASCII stand-in for the dot:\n%s", out)
	}
	for _, r := range out {
		if r >= 0x80 {
			t.Fatalf("%q is not ASCII:\n%s", r, out)
		}
	}
}

// The printer writes each line once, in order, whichever of its commands
// runs first.
func TestPrinterKeepsOrder(t *testing.T) {
	var b bytes.Buffer
	pr := &printer{w: &b}
	said := []string{"one", "two", "three"}
	pr.write(said[:3])
	pr.write(said[:2]) // an older command, late
	pr.write(append(said, "four"))
	if got := b.String(); got != "one\ntwo\nthree\nfour\n" {
		t.Errorf("printed %q", got)
	}
}

// Lines are read whole, without their ends; a long one is cut, and what
// follows it is read as the next line.
func TestReadLine(t *testing.T) {
	long := strings.Repeat("x", 10*maxLine)
	br := bufio.NewReaderSize(strings.NewReader("y\r\n"+long+"\nn\nlast"), 16)
	var got []string
	for {
		l, err := readLine(br)
		if l != "" || err == nil {
			got = append(got, l)
		}
		if err != nil {
			if err != io.EOF {
				t.Fatal(err)
			}
			break
		}
	}
	if len(got) != 4 || got[0] != "y" || len(got[1]) != maxLine || got[2] != "n" || got[3] != "last" {
		t.Errorf("read %d lines: %q", len(got), got)
	}
}

// builtin is the built-in routine with this id.
func builtin(t *testing.T, id string) *routines.Routine {
	t.Helper()
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range lib {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no built-in routine %q", id)
	return nil
}

// A baby born early, by the dates given in plain mode, hears to ask the
// doctor or nurse first as the details are saved; one born at term not.
func TestPlainBornEarlySaid(t *testing.T) {
	for _, c := range []struct {
		due  string
		said bool
	}{{"2026-11-20", true}, {"", false}} {
		p := newPlainRun(t, Config{Store: newMemStore()}, "Leo\n2026-10-01\n"+c.due+"\n\n")
		p.typeLine("4", "")
		if got := strings.Contains(p.said(), bornEarlyWords); got != c.said {
			t.Errorf("due %q: said it %v, want %v:\n%s", c.due, got, c.said, p.said())
		}
	}
}

// Plain mode's form asks whether the baby was born early, after the
// dates, as a numbered choice; a yes is kept, and the check asks for the
// go-ahead rather than the question again.
func TestPlainBabyFormAsksBornEarly(t *testing.T) {
	p := newPlainRun(t, Config{Store: newMemStore()}, "Leo\n\n\n2\n")
	p.typeLine("4", "")
	out := p.said()
	for _, want := range []string{routines.EarlyField + " " + earlyWhy + " " + datesDecide + " Enter keeps Not said.", "1. Not said", "2. Yes", "3. No"} {
		if !strings.Contains(out, want) {
			t.Errorf("the form lacks %q:\n%s", want, out)
		}
	}
	if len(p.st.babies) != 1 || p.st.babies[0].Early != routines.EarlyYes {
		t.Fatalf("saved %+v", p.st.babies)
	}
	if strings.Contains(out, routines.EarlyQuestion("Leo")) || !strings.Contains(out, "Has your baby's doctor or nurse said massage is right") {
		t.Errorf("after a yes in the form the check asks for the go-ahead:\n%s", out)
	}
}
