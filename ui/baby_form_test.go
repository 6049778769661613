package ui

import (
	tea "charm.land/bubbletea/v2"

	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// Two babies cannot share a name, in any case or with spaces around it:
// the form says so kindly and keeps the name to change. A baby keeps its
// own name, and may change its case.
func TestBabyNamesDiffer(t *testing.T) {
	st := twins()
	hs := newHarness(t, 100, 30, st)
	hs.press("b", "a")
	for _, k := range []string{" ", "a", "D", "a", " ", "enter"} {
		hs.press(k)
	}
	hs.want("There is already a baby called Ada: add a surname or a nickname.")
	if _, ok := hs.m.screen.(*babyFormScreen); !ok || len(st.babies) != 2 {
		t.Fatalf("a second Ada was saved: %+v", st.babies)
	}
	for _, k := range []string{"M", "a", "e", "enter", "enter", "enter", "enter"} {
		hs.press(k)
	}
	hs.want("Babies")
	if len(st.babies) != 3 || st.babies[2].Name != "aDa Mae" {
		t.Fatalf("after adding: %+v", st.babies)
	}

	// Bea renamed ADA is refused; bea, her own name in another case, is not.
	hs.press("2", "e")
	hs.want("Your baby's name")
	for _, k := range []string{"backspace", "backspace", "backspace", "A", "D", "A", "enter"} {
		hs.press(k)
	}
	hs.want("There is already a baby called Ada")
	for _, k := range []string{"backspace", "backspace", "backspace", "b", "e", "a", "enter", "enter", "enter", "enter"} {
		hs.press(k)
	}
	hs.want("Babies")
	if st.babies[1].Name != "bea" {
		t.Fatalf("Bea renamed: %+v", st.babies)
	}
}

func TestNameTaken(t *testing.T) {
	babies := []store.Baby{{ID: 1, Name: "Ada"}, {ID: 2, Name: "Baby"}}
	for _, c := range []struct {
		name string
		id   uint64
		err  string
	}{
		{"Bea", 0, ""},
		{"ada", 0, "There is already a baby called Ada: add a surname or a nickname."},
		{"  ADA ", 0, "called Ada"},
		{"ADA", 1, ""},         // her own name, in capitals
		{"", 0, "called Baby"}, // left empty, it would be "Baby"
		{"", 2, ""},
		{"Ada Rose", 0, ""},
	} {
		err := nameTaken(c.name, c.id, babies)
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("nameTaken(%q, %d) = %v, want %q", c.name, c.id, err, c.err)
		}
	}
}

func TestParseDue(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct{ due, birth, err string }{
		{"", "", ""},
		{"2026-10-01", "2026-09-01", ""},
		{"2026-10-01", "", "give the birth date too"},
		{"2026-08-01", "2026-09-01", "only needed for a baby born before it"},
		{"2027-03-01", "2026-09-01", "more than 20 weeks"},
		{"1 Oct", "2026-09-01", "year-month-day"},
	} {
		_, err := parseDue(c.due, c.birth, now)
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("parseDue(%q, %q) = %v, want %q", c.due, c.birth, err, c.err)
		}
	}
}

// cradle run on a fresh database goes through the first start's baby
// form, as the home screen does: the welcome, the baby saved, then the
// age check for the routine (full-body for a baby of ten days asks
// first) and the readiness questions.
func TestRunOnAFreshDatabaseAsksForTheBaby(t *testing.T) {
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	st := newMemStore()
	hs := newHarnessWith(t, 80, 24, Config{Store: st, Start: lib[0]})
	hs.want("Welcome")
	hs.want("Your baby's name")
	for _, r := range "Ivy" {
		hs.press(string(r))
	}
	hs.press("enter")
	for _, r := range hs.clock.Now().AddDate(0, 0, -10).Format(dateLayout) {
		hs.press(string(r))
	}
	hs.press("enter", "enter", "enter") // no due date, not said whether born early
	if len(st.babies) != 1 || st.babies[0].Name != "Ivy" || st.last != 1 {
		t.Fatalf("baby not saved: %+v last=%d", st.babies, st.last)
	}
	hs.want("for Ivy")
	hs.want("Was Ivy born more than 3 weeks before the due date?") // no due date given
	hs.press("n")
	if rs, ok := hs.m.screen.(*readyScreen); !ok || rs.stage != ageStage {
		t.Fatalf("want the age check first:\n%s", hs.view())
	}
	hs.press("y")
	hs.want("Before you start")
}

// Whenever the dates given show a baby born early, the due date's field
// says to ask the doctor or nurse first, for every baby (the first
// start's notice says it only once): while adding a second baby, when
// editing one, and not for a baby born at term; a go-ahead given already
// is said instead.
func TestBornEarlySaidOnEveryForm(t *testing.T) {
	says := func(hs *harness, text string) bool {
		t.Helper()
		return strings.Contains(strings.Join(strings.Fields(strings.ReplaceAll(hs.view(), "┃", "")), " "), text)
	}
	st := withBaby() // Mia, born at term
	hs := newHarness(t, 80, 24, st)
	hs.press("b", "a")
	hs.want("Due date, if your baby was born early")
	hs.typeText("Leo")
	hs.press("enter")
	hs.typeText("2026-10-01")
	hs.press("enter")
	hs.typeText("2026-10-20")
	if says(hs, bornEarlyWords) || !says(hs, "ask your baby's doctor or nurse what suits") {
		t.Fatalf("19 days before the due date is not early:\n%s", hs.view())
	}
	hs.press("backspace", "backspace", "backspace", "backspace", "backspace")
	hs.typeText("11-20")
	if !says(hs, bornEarlyWords+" "+correctedWords) {
		t.Fatalf("born 7 weeks early, and not told to ask first:\n%s", hs.view())
	}
	hs.press("enter")
	if !says(hs, routines.EarlyField+" The dates above decide: yes.") {
		t.Fatalf("the dates decide, and the form does not say so:\n%s", hs.view())
	}
	hs.press("enter")
	if len(st.babies) != 2 || !st.babies[1].BornEarly() || st.babies[1].Early != routines.EarlyYes {
		t.Fatalf("Leo not saved as born early: %+v", st.babies)
	}
	hs.want("Babies")

	hs.press("e") // Leo again: his dates are in the form at once
	hs.want("Your baby's name")
	if !says(hs, bornEarlyWords) {
		t.Fatalf("editing Leo, not told to ask first:\n%s", hs.view())
	}
	hs.press("esc", "1", "e") // Mia: born at term
	hs.want("Your baby's name")
	if says(hs, "Born early") {
		t.Fatalf("Mia was born at term:\n%s", hs.view())
	}

	st.babies[1].GoAhead = t0.AddDate(0, 0, -3)
	hs = newHarness(t, 80, 24, st)
	hs.press("b", "2", "e")
	if !says(hs, "Your doctor or nurse said yes to massage on 24 Nov.") || says(hs, bornEarlyWords) {
		t.Fatalf("the go-ahead given is not said:\n%s", hs.view())
	}
}

// In a short window the first start's form scrolls to the field being
// filled in under the welcome, its line to type in and its keys on
// screen, rather than running off the bottom.
func TestBabyFormFitsAShortWindow(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {80, 24}} {
		hs := newHarness(t, size[0], size[1], nil)
		hs.press("enter")
		hs.want(welcomeWords)
		hs.typeText("Ben")
		hs.press("enter")
		hs.typeText("2026-09-01")
		hs.press("enter")
		hs.typeText("2026-11-01")
		v := hs.view()
		for _, want := range []string{Notice[:40], "Due date, if your baby was born early", "> 2026-11-01", "enter next"} {
			if !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
				t.Errorf("%dx%d: the form lacks %q:\n%s", size[0], size[1], want, v)
			}
		}
		if n := strings.Count(v, "\n") + 1; n > size[1] {
			t.Errorf("%dx%d: %d lines", size[0], size[1], n)
		}
	}
}

// A form whose window is resized draws as one opened at the new size:
// its width, and the rows left around it.
func TestBabyFormResized(t *testing.T) {
	for _, size := range [][2]int{{50, 14}, {120, 40}} {
		resized := newHarness(t, 100, 30, twins())
		resized.press("b", "a")
		resized.send(sizeMsg(size[0], size[1]))
		opened := newHarness(t, size[0], size[1], twins())
		opened.press("b", "a")
		if got, want := resized.view(), opened.view(); got != want {
			t.Errorf("resized to %dx%d:\n%s\nopened at that size:\n%s", size[0], size[1], got, want)
		}
	}
}

// burst sends msgs one after another before any command they give has
// run, as keys typed quickly reach the real program; the commands run
// after.
func (h *harness) burst(msgs ...tea.Msg) {
	h.t.Helper()
	var cmds []tea.Cmd
	for _, msg := range msgs {
		m, cmd := h.m.Update(msg)
		h.m = m.(Model)
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		h.run(cmd)
	}
}

// keysOf are the key presses of text, enter for each line break.
func keysOf(text string) []tea.Msg {
	var msgs []tea.Msg
	for _, r := range text {
		k := string(r)
		if r == '\n' {
			k = "enter"
		}
		msgs = append(msgs, keyMsg(k))
	}
	return msgs
}

// Keys typed right after enter, or shift+tab, go to the field moved to,
// not the one just left; a paste's line breaks move on as enter does.
// huh moves by a message that comes back after the keys typed meanwhile.
func TestQuickKeysFillTheFieldsInOrder(t *testing.T) {
	birth := t0.AddDate(0, 0, -57).Format(dateLayout)
	due := t0.AddDate(0, 0, -20).Format(dateLayout)
	for _, c := range []struct {
		name string
		msgs []tea.Msg
	}{
		{"typed", keysOf("Leo\n" + birth + "\n" + due + "\n\n")},
		{"pasted", []tea.Msg{tea.PasteMsg{Content: "Leo\r\n" + birth + "\n" + due + "\r\r"}}},
		{"back and on", append(keysOf("Le\n"+birth), append([]tea.Msg{tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}}, keysOf("o\n\n"+due+"\n\n")...)...)},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := newMemStore()
			hs := newHarness(t, 100, 30, st)
			hs.press("enter")
			hs.want("Your baby's name")
			hs.burst(c.msgs...)
			if len(st.babies) != 1 {
				t.Fatalf("no baby saved:\n%s", hs.view())
			}
			b := st.babies[0]
			if b.Name != "Leo" || b.Birth.Format(dateLayout) != birth || b.Due.Format(dateLayout) != due {
				t.Fatalf("saved %q born %s due %s", b.Name, b.Birth.Format(dateLayout), b.Due.Format(dateLayout))
			}
		})
	}
}

// The babies screen shows whether a baby was born early, as the parent
// said, and changes it: a yes has the next check ask for the doctor's
// or nurse's go-ahead first; not said has it ask the question again.
func TestBabyFormChangesBornEarly(t *testing.T) {
	st := withBaby() // Mia: said no, no due date
	hs := newHarness(t, 80, 24, st)
	hs.press("b", "e")
	hs.want("Your baby's name")
	hs.press("enter", "enter", "enter") // the name and dates as they are
	hs.want(routines.EarlyField)
	hs.want("› No")
	hs.want("Not said: cradle asks before the next massage.")
	hs.press("up", "enter")
	if st.babies[0].Early != routines.EarlyYes {
		t.Fatalf("up to Yes, saved %q", st.babies[0].Early)
	}
	hs.want("Babies")
	hs.press("esc", "1", "enter")
	hs.want("Has your baby's doctor or nurse said massage is right")

	hs = newHarness(t, 80, 24, st)
	hs.press("b", "e")
	hs.press("enter", "enter", "enter")
	hs.want("› Yes")
	hs.press("up", "enter")
	if st.babies[0].Early != routines.EarlyNotAsked {
		t.Fatalf("up to Not said, saved %q", st.babies[0].Early)
	}
	hs.want("Babies")
	hs.press("esc", "1", "enter")
	hs.want(routines.EarlyQuestion("Mia"))
}

// esc in the baby form never drops typed details without a word: it
// asks, n goes on with the details kept, y leaves without saving. The
// born-early list of three has no filter ("/" is nothing there), so
// its esc is the form's too. Nothing typed, esc leaves at once.
func TestBabyFormEscAsksBeforeLosingDetails(t *testing.T) {
	st := newMemStore()
	hs := newHarness(t, 80, 24, st)
	hs.press("enter")
	hs.want("Your baby's name")
	hs.want("esc leave")
	hs.press("esc")
	if _, ok := hs.m.screen.(*homeScreen); !ok {
		t.Fatalf("esc on an untouched form stays:\n%s", hs.view())
	}

	hs.press("enter")
	hs.typeText("Zoe")
	hs.press("enter")
	hs.typeText("2026-11-02")
	hs.press("enter", "enter")
	hs.want(routines.EarlyField)
	hs.wantNot("filter")
	hs.press("/", "n", "esc")
	hs.want(leaveFormWords)
	hs.want(leaveFormWords + " y leave · n stay")
	hs.press("n")
	hs.wantNot(leaveFormWords)
	hs.press("shift+tab", "shift+tab", "shift+tab")
	hs.want("> Zoe")
	hs.press("esc", "x") // any other key keeps asking
	hs.want(leaveFormWords)
	hs.press("y")
	if _, ok := hs.m.screen.(*homeScreen); !ok || len(st.babies) != 0 {
		t.Fatalf("y: want home and nothing saved, babies %+v:\n%s", st.babies, hs.view())
	}
}
