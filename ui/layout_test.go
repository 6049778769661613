package ui

import (
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
