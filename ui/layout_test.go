package ui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

// A header line too narrow for both sides cuts the left, while it keeps
// a few cells: the right (whose massage, the time left) stays whole.
func TestHeaderLineKeepsTheRight(t *testing.T) {
	for _, c := range []struct {
		w           int
		left, right string
		want        string
	}{
		{40, "cradle · Full-body massage", "for Mia", "cradle · Full-body massage       for Mia"},
		{30, "cradle · Full-body massage", "for Mia", "cradle · Full-body m…  for Mia"},
		{20, "cradle · Full-body massage", "for Mia · 8 weeks", "cradle · Full-body massage"}, // the left would keep too little
		{20, "cradle · Full-body massage", "", "cradle · Full-body massage"},
	} {
		got := headerLine(c.w, c.left, c.right)
		if got != c.want {
			t.Errorf("headerLine(%d, %q, %q) = %q, want %q", c.w, c.left, c.right, got, c.want)
		}
		if c.right != "" && lipgloss.Width(got) > c.w && got != c.left {
			t.Errorf("%q is wider than %d", got, c.w)
		}
	}
}

// A date wrapped at the end of a line stays whole: the wrapper breaks
// between words, never at a hyphen.
func TestWrapKeepsDatesWhole(t *testing.T) {
	for w := 16; w <= 40; w++ {
		lines := wrap("The day Noor was born, as year-month-day, like 2026-11-27. With the due date next.", w, "")
		text := strings.Join(lines, "\n")
		for _, word := range []string{"2026-11-27.", "year-month-day,"} {
			if !strings.Contains(text, word) {
				t.Errorf("at %d cells %q is split:\n%s", w, word, text)
			}
		}
		if strings.Contains(text, "\u2011") {
			t.Errorf("at %d cells a stand-in hyphen is left:\n%s", w, text)
		}
	}
}
