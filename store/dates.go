package store

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// A baby's dates as a parent types them: the baby form at home and a
// family joining a class read them with these, so both take the same
// dates and say the same about a wrong one. Each error says what is
// wrong and what to type, in words a form can show as they are.

// MaxEarly is how long before the due date a birth can be: a due date
// further after the birth is most likely a typing slip.
const MaxEarly = 20 * 7 * 24 * time.Hour

// MaxBabyYears is how many years back a birth date can be: cradle is for
// babies, and an older date is most likely a slip in the year.
const MaxBabyYears = 5

// What is wrong with a date typed: each error says it, and what to type,
// in words the baby form shows as they are. A screen with other words
// tells them apart with errors.Is.
var (
	ErrDateForm  = errors.New("write the date as year-month-day, like 2026-05-14")
	ErrFuture    = errors.New("that date is in the future")
	ErrLongAgo   = errors.New("that is more than 5 years ago; check the year")
	ErrNoBirth   = errors.New("give the birth date too: the corrected age counts from both")
	ErrDueBefore = errors.New("the due date is only needed for a baby born before it; leave it empty")
	ErrDueFar    = errors.New("that is more than 20 weeks after the birth date; check both dates")
)

// ParseDate reads an optional date, year-month-day, in now's time zone:
// "2026-05-14", also with one digit for the month or the day, or with /
// or . between the numbers. "" (or only spaces) is none.
func ParseDate(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	m := datePattern.FindStringSubmatch(strings.NewReplacer("/", "-", ".", "-").Replace(s))
	if m == nil {
		return time.Time{}, ErrDateForm
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 {
		return time.Time{}, fmt.Errorf("there is no month %d: the month comes second, 1 to 12", mo)
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, now.Location())
	if d < 1 || t.Day() != d { // time.Date would roll 30 February into March
		return time.Time{}, fmt.Errorf("there is no %d %s %d", d, time.Month(mo), y)
	}
	return t, nil
}

// datePattern is a date as year-month-day; the month and day may have
// one digit or two.
var datePattern = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)

// ParseBirth reads an optional birth date: not in the future, and not
// more than MaxBabyYears ago.
func ParseBirth(s string, now time.Time) (time.Time, error) {
	t, err := ParseDate(s, now)
	switch {
	case err != nil || t.IsZero():
		return t, err
	case t.After(now):
		return time.Time{}, ErrFuture
	case t.Before(now.AddDate(-MaxBabyYears, 0, 0)):
		return time.Time{}, ErrLongAgo
	}
	return t, nil
}

// ParseDue reads an optional due date for a baby born on birth: after
// the birth, and not more than MaxEarly after it.
func ParseDue(s string, birth, now time.Time) (time.Time, error) {
	t, err := ParseDate(s, now)
	switch {
	case err != nil || t.IsZero():
		return t, err
	case birth.IsZero():
		return time.Time{}, ErrNoBirth
	case !t.After(birth):
		return time.Time{}, ErrDueBefore
	case t.Sub(birth) > MaxEarly:
		return time.Time{}, ErrDueFar
	}
	return t, nil
}
