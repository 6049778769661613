//go:build unix

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// said waits until cradle has written text, wherever it has scrolled to:
// plain mode's lines are read from everything it wrote.
func (a *app) said(text string) {
	a.t.Helper()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(waitTimeout)
	for {
		if strings.Contains(a.transcript(), text) {
			return
		}
		select {
		case <-tick.C:
		case <-a.exited:
			if strings.Contains(a.transcript(), text) {
				return
			}
			a.t.Fatalf("waiting for %q: cradle exited (%v)\nstderr:\n%s\nwritten:\n%s", text, a.waitErr, a.stderr.String(), a.transcript())
		case <-deadline:
			a.t.Fatalf("waited %v for %q\nwritten:\n%s", waitTimeout, text, a.transcript())
		}
	}
}

// answer types lines as a person does: each, then enter.
func (a *app) answer(lines ...string) {
	a.t.Helper()
	for _, l := range lines {
		a.press(l + enter)
	}
}

// plainReadiness answers the readiness questions as they come, a line
// each: nothing in the way, a warm room, no oil.
func plainReadiness(a *app) {
	a.t.Helper()
	if plainFirstBaby(a) {
		a.answer("Mia", "", "", "") // the name; no birth date, no due date; born early not said
	}
	plainBornEarly(a)
	a.said("Before you start, 1 of ")
	for k := 1; ; k++ {
		at := fmt.Sprintf("Before you start, %d of ", k)
		a.said(at)
		text := a.transcript()
		q := text[strings.LastIndex(text, at):]
		q = q[:strings.IndexByte(q, '\n')]
		answer := "n"
		if strings.Contains(q, "warm") {
			answer = "y"
		}
		a.answer(answer)
		if strings.Contains(q, "Will you use oil?") {
			return // the last question
		}
	}
}

// plainBornEarly answers no when the readiness check first asks whether
// the baby was born early.
func plainBornEarly(a *app) {
	a.t.Helper()
	a.waitUntil("the born-early question or the readiness check", func(string) bool {
		text := a.transcript()
		return strings.Contains(text, "born more than 3 weeks before the due date?") || strings.Contains(text, "Before you start, 1 of ")
	})
	if !strings.Contains(a.transcript(), "Before you start, 1 of ") {
		a.answer("n")
	}
}

// plainFirstBaby waits for the first start's question of the baby's
// name, or the readiness check, and reports whether it is the name.
func plainFirstBaby(a *app) bool {
	a.t.Helper()
	a.waitUntil("the baby's name or the readiness check", func(string) bool {
		text := a.transcript()
		return strings.Contains(text, "Your baby's name") || strings.Contains(text, "Before you start, 1 of ")
	})
	text := a.transcript()
	return strings.Contains(text, "Your baby's name") && !strings.Contains(text, "Before you start, 1 of ")
}

// noEscapes fails the test if cradle wrote any escape sequence: plain
// mode moves no cursor, switches to no alternate screen and asks the
// terminal nothing.
func noEscapes(t *testing.T, written string) {
	t.Helper()
	if i := strings.IndexByte(written, 0x1b); i >= 0 {
		t.Errorf("an escape sequence at byte %d: %q", i, written[max(i-40, 0):min(i+40, len(written))])
	}
}

// cradle --plain run colic, answered a line at a time through a
// terminal: the readiness questions, the ritual, a check-in asked for
// and answered, the end. The session is saved as the full screen saves
// it.
func TestPlainRunAnswersACheckIn(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cradle.db")
	a := start(t, db, 80, 24, "--plain", "--sound", "off", "run", "colic")
	plainReadiness(a)
	a.said("Step 1 of 4: A few slow breaths.")
	a.answer("skip")
	a.said("When your baby says yes, press enter.")
	a.answer("") // yes
	a.said("Tummy: Region 1 of 4")
	a.said("Step 1 of 5: Resting hands.")
	a.answer("c") // check in now
	a.said("How is your baby? During Resting hands.")
	a.said("1. Relaxed: soft body")
	a.answer("1")
	a.said("Noted: relaxed.")
	a.answer("end")
	a.said("End the massage now? Type y to end and save, or n to keep going.")
	a.answer("y")
	a.said("Ended early.")
	a.said("Press enter for the home screen.")
	a.answer("quit")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\nstderr: %s", code, a.stderr.String())
	}
	noEscapes(t, a.transcript())

	db2, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	sessions, err := db2.Sessions("", 10)
	if err != nil || len(sessions) != 1 {
		t.Fatalf("sessions %v, %v", sessions, err)
	}
	s := sessions[0]
	if s.RoutineID != "colic" || s.Status != store.StatusDone || s.Reason != routines.EndEarly {
		t.Errorf("saved %+v", s)
	}
	evs, err := db2.Events(s.ID)
	if err != nil {
		t.Fatal(err)
	}
	var checkins []routines.Event
	for _, ev := range evs {
		if ev.Kind == routines.EvCheckIn {
			checkins = append(checkins, ev)
		}
	}
	if len(checkins) != 1 || checkins[0].Cue != routines.CueRelaxed || !checkins[0].Manual || checkins[0].Region != "tummy" {
		t.Errorf("check-ins saved: %+v", checkins)
	}
}

// On a dumb terminal cradle is plain without being asked; the first
// start's form asks a line at a time.
func TestDumbTerminalIsPlain(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cradle.db")
	a := startWith(t, db, 80, 24, []string{"TERM=dumb"}, "--sound", "off")
	a.said("cradle · Choose a massage.")
	a.said("Press enter to start it, or type another number.")
	a.answer("4", "")
	a.said("Your baby's name. Optional.")
	a.answer("Ada")
	a.said("Birth date. Optional")
	a.answer("")
	a.said("Due date, if your baby was born early.")
	a.answer("")
	a.said(routines.EarlyField)
	a.answer("")
	a.said(routines.EarlyQuestion("Ada"))
	a.answer("n")
	a.said("Before you start, 1 of")
	a.said("Type y or n.")
	a.answer("quit")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	noEscapes(t, a.transcript())
	db2, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if babies, err := db2.Babies(); err != nil || len(babies) != 1 || babies[0].Name != "Ada" {
		t.Errorf("babies %+v, %v", babies, err)
	}
}

// With answers in a file, cradle reads them a line at a time, and at
// their end saves and closes.
func TestPlainFromAFile(t *testing.T) {
	dir := t.TempDir()
	answers := filepath.Join(dir, "answers")
	// The baby's details, then Colic comfort's questions: fed in the last 45 minutes, then asleep
	// or upset, unwell, under a doctor's care, vaccinations, skin, the
	// cord stump, diarrhoea, a hip harness; the room warm; no oil.
	// A first start asks the baby's name, birth date, due date and
	// whether born early first (not said), and the check then asks that (no).
	if err := os.WriteFile(answers, []byte("Mia\n\n\n\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\ny\nn\nskip\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(answers)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	db := filepath.Join(dir, "cradle.db")
	out, code, _ := runPlain(t, db, in, "--sound", "off", "run", "colic")
	if code != 0 {
		t.Fatalf("exit status %d:\n%s", code, out)
	}
	for _, want := range []string{"When your baby says yes, press enter.", "Tummy: Region 1 of 4", "The input has ended: cradle saves and closes."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	noEscapes(t, out)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if open, err := st.Unfinished(); err != nil || len(open) != 1 {
		t.Errorf("unfinished sessions %v, %v: want the one cut off by the end of the input", open, err)
	}
}

// The input ending right after a wrong answer to a choice in a form (the
// born-early list reads a number) ends cradle as any end of input does:
// no crash, exit 0.
func TestPlainInputEndsAtAChoice(t *testing.T) {
	dir := t.TempDir()
	answers := filepath.Join(dir, "answers")
	if err := os.WriteFile(answers, []byte("\nLeo\n2026-01-01\n\nn\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(answers)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, code, _ := runPlain(t, filepath.Join(dir, "cradle.db"), in)
	if code != 0 || strings.Contains(out, "panic") || !strings.Contains(out, "The input has ended: cradle saves and closes.") {
		t.Fatalf("exit status %d:\n%s", code, out)
	}
}
