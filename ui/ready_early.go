package ui

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui/layout"
)

// The readiness check's first question, for a baby whose due date is not
// known and who was never asked (routines.AskEarly): was the baby born
// early? A yes asks for the dates that give the corrected age (each may
// be skipped with enter alone), then the check goes on, and asks for the
// doctor's or nurse's go-ahead first; a no is kept and never asked again.
// The answer is kept with the baby as soon as it is given.

// earlyField is the date the date stage is asking for.
type earlyField int

const (
	birthField earlyField = iota
	dueField
)

// dateInput is a date being typed: short, with no cursor to move.
type dateInput struct{ text string }

func (d *dateInput) add(s string) {
	for _, r := range s {
		if utf8.RuneCountInString(d.text) < dateInputMax && unicode.IsPrint(r) {
			d.text += string(r)
		}
	}
}

func (d *dateInput) backspace() {
	if _, n := utf8.DecodeLastRuneInString(d.text); n > 0 {
		d.text = d.text[:len(d.text)-n]
	}
}

// dateInputMax bounds a typed date: room for one written with spaces.
const dateInputMax = 20

// lineTypedMsg is a line of text typed in plain mode, for a screen that
// asks for one (lineScreen).
type lineTypedMsg struct{ text string }

// lineScreen is a screen that takes a whole line of text now, as plain
// mode reads it: the date stage.
type lineScreen interface{ takesLine() bool }

func (rs *readyScreen) takesLine() bool { return rs.stage == dateStage }

// startEarly opens the check at the born-early question when it must be
// asked, else goes on as the check does.
func (rs *readyScreen) startEarly() (screen, tea.Cmd) {
	if b := rs.a.data.baby; routines.AskEarly(b.Due, b.Early) {
		rs.stage = earlyStage
		return rs, nil
	}
	return rs.afterEarly()
}

// earlyKey acts on a key at the born-early question.
func (rs *readyScreen) earlyKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := rs.a.keys
	switch {
	case key.Matches(msg, k.AnswerYes):
		rs.stage, rs.field, rs.input, rs.problem = dateStage, dueField, dateInput{}, ""
		rs.birth = rs.a.data.baby.Birth
		if rs.birth.IsZero() {
			rs.field = birthField
		}
		return rs, nil
	case key.Matches(msg, k.AnswerNo):
		b := rs.a.data.baby
		b.Early = routines.EarlyNo
		keep := rs.a.keepBaby(b)
		next, cmd := rs.afterEarly()
		return next, tea.Batch(keep, cmd)
	case key.Matches(msg, k.Leave):
		return rs.back, nil
	}
	return rs, nil
}

// dateKey acts on a key at the date stage: typing, enter to go on (alone,
// to skip the date), esc back to the question.
func (rs *readyScreen) dateKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	switch msg.String() {
	case "enter":
		return rs.dateTyped()
	case "esc":
		rs.stage, rs.problem = earlyStage, ""
	case "backspace", "ctrl+h":
		rs.input.backspace()
	case "ctrl+u":
		rs.input = dateInput{}
	case "space":
		rs.input.add(" ")
	default:
		rs.input.add(msg.Text)
	}
	return rs, nil
}

// dateTyped reads the date typed: a wrong one says what to type; enter
// alone skips it (and, at the birth date, the due date too, which needs
// it); the last date keeps the answer and the dates with the baby.
func (rs *readyScreen) dateTyped() (screen, tea.Cmd) {
	now := rs.a.clock.Now()
	text := strings.TrimSpace(rs.input.text)
	if rs.field == birthField {
		birth, err := store.ParseBirth(text, now)
		switch {
		case err != nil:
			rs.problem = dateProblem(err)
			return rs, nil
		case birth.IsZero():
			return rs.keepEarly(time.Time{}, time.Time{})
		}
		rs.birth, rs.field, rs.input, rs.problem = birth, dueField, dateInput{}, ""
		return rs, nil
	}
	due, err := store.ParseDue(text, rs.birth, now)
	if err != nil {
		rs.problem = dateProblem(err)
		return rs, nil
	}
	return rs.keepEarly(rs.birth, due)
}

// keepEarly keeps the yes, with the dates given (zero: skipped), and
// goes on with the check.
func (rs *readyScreen) keepEarly(birth, due time.Time) (screen, tea.Cmd) {
	b := rs.a.data.baby
	if !birth.IsZero() {
		b.Birth = birth
	}
	if !due.IsZero() {
		b.Due = due
	}
	b.Early = routines.KeptEarly(b.Birth, b.Due, routines.EarlyYes)
	keep := rs.a.keepBaby(b)
	rs.problem = ""
	next, cmd := rs.afterEarly()
	return next, tea.Batch(keep, cmd)
}

// dateProblem is a date's error as a sentence.
func dateProblem(err error) string {
	s := err.Error()
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:] + "."
}

// earlyPage asks whether the baby was born early.
func (rs *readyScreen) earlyPage() readyPage {
	a, s, k := rs.a, rs.a.styles, rs.a.keys
	return readyPage{title: "Born early?",
		words: []para{{routines.EarlyQuestion(a.data.baby.Name), s.Text},
			{routines.EarlyQuestionWhy + " " + earlyAskedOnce, s.Dim}},
		choices: []choice{{typed(k.AnswerYes), "Yes"}, {typed(k.AnswerNo), "No"}},
		keys:    []key.Binding{k.AnswerYes, k.AnswerNo, k.Leave}}
}

// earlyAskedOnce says that the answer is kept.
const earlyAskedOnce = "cradle asks once and keeps your answer: the babies screen can change it."

// datePage asks for the birth date, then the due date, after a yes.
func (rs *readyScreen) datePage() readyPage {
	a, s, k := rs.a, rs.a.styles, rs.a.keys
	name, like := a.data.baby.Name, a.clock.Now().Format(dateLayout)
	pg := readyPage{title: "Born early: the due date",
		words: []para{{"The day " + name + " was due, as year-month-day, like " + like + ". cradle then counts " + name + "'s age from the due date (the corrected age) to choose routines.", s.Text}},
		keys:  []key.Binding{layout.Relabel(k.Start, "enter", "go on"), layout.Relabel(k.Leave, "esc", "back")}}
	if rs.field == birthField {
		pg.title = "Born early: the birth date"
		pg.words = []para{{"The day " + name + " was born, as year-month-day, like " + like + ". With the due date next, cradle counts " + name + "'s age from the due date (the corrected age) to choose routines.", s.Text}}
	}
	pg.words = append(pg.words, para{"Enter alone skips it: you can add it later on the babies screen.", s.Dim})
	if rs.problem != "" {
		pg.words = append(pg.words, para{rs.problem, s.Warn})
	}
	return pg
}

// dateLabel names the date being typed.
func (rs *readyScreen) dateLabel() string {
	if rs.field == birthField {
		return "Birth date"
	}
	return "Due date"
}

// keepBaby holds b's details at once, and saves them in a command: the
// go-ahead, or the answer to whether b was born early.
func (a *app) keepBaby(b store.Baby) tea.Cmd {
	if b.ID == 0 { // no baby saved: never so at a check, which asks for one first
		return nil
	}
	a.report(babyChangedMsg{baby: b})
	st := a.cfg.Store
	return func() tea.Msg {
		_, err := st.SaveBaby(b)
		return goAheadSavedMsg{err}
	}
}
