package ui

import (
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// plainBabyLabel is babyLabel in plain words: "for Mia, 7 weeks".
func plainBabyLabel(a *app) string {
	if !a.data.loaded || a.data.baby.ID == 0 {
		return ""
	}
	label := "for " + a.data.baby.Name
	if age := ageText(a.data.baby, a.clock.Now()); age != "" {
		label += ", " + age
	}
	return label
}

// babyLabel is "for Mia · 7 weeks" (or just the name when the birth date
// is not known).
func babyLabel(a *app, now time.Time) string {
	if !a.data.loaded || a.data.baby.ID == 0 {
		return ""
	}
	s := a.styles
	label := s.Dim.Render("for ") + s.Text.Render(a.data.baby.Name)
	if age := ageText(a.data.baby, now); age != "" {
		label += s.Dim.Render(" · " + age)
	}
	return label
}

// ageText is a baby's age as the headers show it: for a baby born early
// (a due date after the birth date), the corrected age, counted from the
// due date and called so.
func ageText(b store.Baby, now time.Time) string {
	if b.Birth.IsZero() || now.Before(b.Birth) {
		return ""
	}
	if early(b) {
		if now.Before(b.Due) {
			return "due date in " + span(b.Due.Sub(now))
		}
		return "corrected age " + span(now.Sub(b.Due))
	}
	return span(now.Sub(b.Birth))
}

// ageDetail is the age with both counts, for the list of babies.
func ageDetail(b store.Baby, now time.Time) string {
	if b.Birth.IsZero() || now.Before(b.Birth) {
		return ""
	}
	age := span(now.Sub(b.Birth)) + " old"
	if early(b) {
		age += "; " + ageText(b, now)
	}
	return age
}

// early is true for a baby born before the due date.
func early(b store.Baby) bool { return !b.Due.IsZero() && !b.Birth.IsZero() && b.Due.After(b.Birth) }

// goAheadWords say, for a baby born early, when the doctor or nurse said
// yes to massage: "Your doctor or nurse said yes to massage on 3 Nov."
// "" for any other baby.
func goAheadWords(b store.Baby) string {
	if !b.BornEarly() || b.GoAhead.IsZero() {
		return ""
	}
	return "Your doctor or nurse said yes to massage on " + b.GoAhead.Format("2 Jan") + "."
}

// bornEarlyWords say, as the dates are given for a baby born early, that
// massage waits for the doctor's or nurse's OK [S49][S36]: the first
// start's notice says it of every baby, but a second baby's form has no
// notice, and the dates are where cradle learns the baby was born early.
const bornEarlyWords = "Born early: ask your doctor or nurse before you start. cradle asks whether they have said yes before the first massage."

// earlyWords are what the baby form says of the dates typed so far: for
// a baby born early, the go-ahead given already, or bornEarlyWords. ""
// for any other baby, or dates not yet readable.
func earlyWords(b store.Baby, birth, due string, now time.Time) string {
	var err error
	if b.Birth, err = store.ParseBirth(birth, now); err != nil {
		return ""
	}
	if b.Due, err = store.ParseDue(due, b.Birth, now); err != nil || !b.BornEarly() {
		return ""
	}
	if said := goAheadWords(b); said != "" {
		return said
	}
	return bornEarlyWords
}

// correctedWords say, after the words for a baby born early, how cradle
// counts the age.
const correctedWords = "Your baby's age counts from the due date (the corrected age)."

// babyAge is the baby's age for the age bands; false when not known.
func babyAge(b store.Baby, now time.Time) (routines.Age, bool) {
	age, _, ok := routines.BabyAge(b.Birth, b.Due, now)
	return age, ok
}

// goAheadLine is what the babies screen says of a baby born early: when
// the doctor or nurse said yes, or that cradle asks first. "" for any
// other baby.
func goAheadLine(b store.Baby) string {
	switch {
	case !b.BornEarly():
		return ""
	case b.GoAhead.IsZero():
		return "Born early: cradle asks whether the doctor or nurse has said yes to massage before the first one."
	}
	return "Born early: the doctor or nurse said yes to massage on " + b.GoAhead.Format("2 Jan 2006") + ". c withdraws it."
}
