package ui

import (
	"testing"
	"time"

	"github.com/cradle-coach/cradle/store"
)

func TestAgeText(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	birth := time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		b            store.Baby
		text, detail string
	}{
		{store.Baby{Birth: birth}, "3 months", "3 months old"},
		{store.Baby{Birth: birth, Due: birth.AddDate(0, 0, 56)}, "corrected age 8 weeks", "3 months old; corrected age 8 weeks"},
		{store.Baby{Birth: now.AddDate(0, 0, -10), Due: now.AddDate(0, 0, 21)}, "due date in 3 weeks", "10 days old; due date in 3 weeks"},
		{store.Baby{Birth: birth, Due: birth.AddDate(0, 0, -3)}, "3 months", "3 months old"}, // born after the due date
		{store.Baby{}, "", ""},
		{store.Baby{Birth: now.AddDate(-3, 0, -2)}, "3 years", "3 years old"},
	} {
		if got := ageText(c.b, now); got != c.text {
			t.Errorf("ageText(%v, %v) = %q, want %q", c.b.Birth, c.b.Due, got, c.text)
		}
		if got := ageDetail(c.b, now); got != c.detail {
			t.Errorf("ageDetail = %q, want %q", got, c.detail)
		}
	}
}
