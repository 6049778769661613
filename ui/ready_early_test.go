package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// noDates is a store with Noor, saved with no dates and never asked
// whether she was born early, as every baby saved before cradle asked.
func noDates() *memStore {
	st := newMemStore()
	st.babies = []store.Baby{{ID: 1, Name: "Noor", Added: t0.AddDate(0, 0, -30)}}
	st.last = 1
	return st
}

// Without a due date, the check asks first whether the baby was born
// early, under the not-medical-advice notice (no baby form came first);
// a no is kept with the baby, and the next check never asks it again.
func TestBornEarlyAskedOnceWithoutADueDate(t *testing.T) {
	st := noDates()
	hs := newHarness(t, 80, 24, st)
	hs.press("enter") // the routine chosen on the home screen
	hs.want("Born early?")
	hs.want("Was Noor born more than 3 weeks before the due date?")
	hs.want("It is not medical advice")
	hs.press("n")
	hs.want("Before you start")
	if v := hs.view(); strings.Contains(v, "It is not medical advice") {
		t.Errorf("the notice stays after the first page:\n%s", v)
	}
	if got := st.babies[0].Early; got != routines.EarlyNo {
		t.Fatalf("the answer kept is %q, want no", got)
	}
	hs.press("esc")
	hs.want("Choose a massage")
	hs.press("enter")
	hs.want("Before you start")
	if v := hs.view(); strings.Contains(v, "Born early?") || strings.Contains(v, "not medical advice") {
		t.Errorf("asked again, or the notice again, in the same run:\n%s", v)
	}
}

// A yes asks for the birth date and the due date, which give the
// corrected age, then the doctor's or nurse's go-ahead first; a wrong
// date says what to type; esc goes back to the question.
func TestBornEarlyYesAsksTheDatesThenTheGoAhead(t *testing.T) {
	st := noDates()
	hs := run(t, 80, 24, st, "newborn") // cradle run: no home screen, no form
	hs.want("Was Noor born more than 3 weeks before the due date?")
	hs.want("It is not medical advice")
	hs.press("y")
	hs.want("Born early: the birth date")
	hs.press("esc")
	hs.want("Born early?")
	hs.press("y")
	for _, r := range "2026-13-01" {
		hs.press(string(r))
	}
	hs.press("enter")
	hs.want("There is no month 13")
	hs.press("ctrl+u")
	birth, due := t0.AddDate(0, 0, -70), t0.AddDate(0, 0, -14) // 8 weeks early: 2 weeks corrected
	for _, r := range birth.Format(dateLayout) {
		hs.press(string(r))
	}
	hs.press("enter")
	hs.want("Born early: the due date")
	for _, r := range due.Format(dateLayout) {
		hs.press(string(r))
	}
	hs.press("enter")
	hs.want("corrected age 2 weeks")
	hs.want("Has your baby's doctor or nurse said massage is right for your")
	b := st.babies[0]
	if b.Early != routines.EarlyYes || b.Birth.Format(dateLayout) != birth.Format(dateLayout) || b.Due.Format(dateLayout) != due.Format(dateLayout) {
		t.Fatalf("kept %+v", b)
	}
	hs.press("n")
	hs.want("Your baby was born early: please ask your baby's doctor or nurse")
}

// A yes with the dates skipped (enter alone) is still a baby born early:
// the go-ahead is asked first, and the yes is kept.
func TestBornEarlyYesWithoutDates(t *testing.T) {
	st := noDates()
	hs := run(t, 80, 24, st, "bedtime")
	hs.press("y")
	hs.want("Born early: the birth date")
	hs.press("enter") // skipped
	hs.want("Has your baby's doctor or nurse said massage is right for your")
	if b := st.babies[0]; b.Early != routines.EarlyYes || !b.Birth.IsZero() || !b.Due.IsZero() {
		t.Fatalf("kept %+v", b)
	}
	hs = run(t, 80, 24, st, "bedtime") // the next run: the yes is known
	hs.want("Has your baby's doctor or nurse said massage is right for your")
}

// A yes with dates that say not (a due date typed a month wrong) is still
// a baby born early: the yes is kept and the go-ahead asked first.
func TestBornEarlyYesOutlastsDatesThatSayNot(t *testing.T) {
	st := noDates()
	hs := run(t, 80, 24, st, "bedtime")
	hs.press("y")
	birth, due := t0.AddDate(0, 0, -70), t0.AddDate(0, 0, -61) // 9 days: a slip for 39
	for _, r := range birth.Format(dateLayout) {
		hs.press(string(r))
	}
	hs.press("enter")
	for _, r := range due.Format(dateLayout) {
		hs.press(string(r))
	}
	hs.press("enter")
	hs.want("Has your baby's doctor or nurse said massage is right for your")
	if b := st.babies[0]; b.Early != routines.EarlyYes {
		t.Fatalf("kept %+v, want the yes", b)
	}
}

// A baby with a birth date but no due date is asked for the due date only.
func TestBornEarlyAsksOnlyTheDueDateWhenTheBirthIsKnown(t *testing.T) {
	st := noDates()
	st.babies[0].Birth = t0.AddDate(0, 0, -20)
	hs := run(t, 80, 24, st, "newborn")
	hs.press("y")
	hs.want("Born early: the due date")
	for _, r := range t0.AddDate(0, 0, -40).Format(dateLayout) {
		hs.press(string(r))
	}
	hs.press("enter")
	hs.want("The due date is only needed for a baby born before it")
}

// A cut-off session picked up hours later asks it too, before the
// questions.
func TestBornEarlyAskedOnAResume(t *testing.T) {
	st := noDates()
	cutOff(st, st.babies[0], time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC))
	hs := newHarness(t, 80, 24, st)
	hs.want("Pick up where you stopped?")
	hs.press("r")
	hs.want("Was Noor born more than 3 weeks before the due date?")
	hs.press("n")
	hs.want("Before you start")
}

// The notice is not said twice in a run whose first baby form said it.
func TestNoticeOnceAfterTheFirstForm(t *testing.T) {
	hs := newHarness(t, 80, 24, nil)
	hs.press("4", "enter")
	hs.want("It is not medical")
	hs.press("enter", "enter", "enter", "enter") // "Baby", no dates, not said
	hs.want("Was Baby born more than 3 weeks before the due date?")
	if v := hs.view(); strings.Contains(v, "not medical advice") {
		t.Errorf("the notice again, after the form said it:\n%s", v)
	}
}

// Plain mode asks it as a line, takes the dates as typed lines, and
// says the notice first.
func TestPlainAsksBornEarly(t *testing.T) {
	st := noDates()
	p := newPlainRun(t, Config{Store: st, Start: builtin(t, "newborn")}, "")
	p.want("It is not medical advice", "Was Noor born more than 3 weeks before the due date?")
	p.typeLine("y")
	p.want("Born early: the birth date")
	p.typeLine("last tuesday")
	p.want("Write the date as year-month-day")
	p.typeLine(t0.AddDate(0, 0, -70).Format(dateLayout))
	p.want("Born early: the due date")
	p.typeLine(t0.AddDate(0, 0, -14).Format(dateLayout))
	p.want("Has your baby's doctor or nurse said massage is right for your baby now?")
	if b := st.babies[0]; b.Early != routines.EarlyYes || b.Due.IsZero() {
		t.Fatalf("kept %+v", b)
	}
}

// The question, and the date after a yes with a wrong one typed, at a
// roomy, a small and a tiny window: the answers and the date typed stay.
func TestBornEarlyGoldens(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {60, 20}, {40, 12}} {
		name := func(s string) string { return fmt.Sprintf("early-%s-%dx%d", s, sz.w, sz.h) }
		hs := run(t, sz.w, sz.h, noDates(), "newborn")
		hs.want("Born early?")
		golden.Check(t, name("question"), hs.view())
		hs.press("y")
		for _, r := range "2026-02-30" {
			hs.press(string(r))
		}
		hs.press("enter")
		hs.want("2026-02-30")
		golden.Check(t, name("date"), hs.view())
	}
}
