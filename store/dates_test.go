package store

import (
	"strings"
	"testing"
	"time"
)

// A baby's dates as typed: the forms cradle takes, and a wrong one told
// what to type.
func TestParseDates(t *testing.T) {
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	day := func(s string) time.Time { t, _ := time.Parse(DateLayout, s); return t }
	for _, c := range []struct {
		birth, due string
		want       string // the birth and due dates read, or the error
	}{
		{"2026-10-01", "", "2026-10-01 -"},
		{" 2026/9/1 ", "2026.11.2", "2026-09-01 2026-11-02"},
		{"", "", "- -"},
		{"1 Oct", "", "year-month-day, like 2026-05-14"},
		{"2026-13-01", "", "there is no month 13: the month comes second, 1 to 12"},
		{"2026-00-10", "", "there is no month 0"},
		{"2026-02-30", "", "there is no 30 February 2026"},
		{"2026-02-29", "", "there is no 29 February 2026"},
		{"2024-02-29", "", "2024-02-29 -"},
		{"2026-04-31", "", "there is no 31 April 2026"},
		{"2026-01-00", "", "there is no 0 January 2026"},
		{"2026-10-01", "2026-10-32", "there is no 32 October 2026"},
		{"14/05/2026", "", "year-month-day"},
		{"2026-12-01", "", "in the future"},
		{"2020-11-29", "", "more than 5 years ago"},
		{"", "2026-10-01", "give the birth date too"},
		{"2026-10-01", "2026-09-01", "only needed for a baby born before it"},
		{"2026-10-01", "2026-10-01", "only needed for a baby born before it"},
		{"2026-06-01", "2026-11-01", "more than 20 weeks"},
		{"2026-10-01", "soon", "year-month-day"},
	} {
		var got string
		birth, err := ParseBirth(c.birth, now)
		var due time.Time
		if err == nil {
			due, err = ParseDue(c.due, birth, now)
		}
		if err != nil {
			got = err.Error()
		} else {
			show := func(t time.Time) string {
				if t.IsZero() {
					return "-"
				}
				return t.Format(DateLayout)
			}
			got = show(birth) + " " + show(due)
			if !birth.IsZero() && !birth.Equal(day(birth.Format(DateLayout))) {
				t.Errorf("%q is read as %v, not midnight", c.birth, birth)
			}
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("birth %q, due %q: %q, want %q", c.birth, c.due, got, c.want)
		}
	}
}
