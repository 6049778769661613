// Package layout puts lines in a terminal window, the same way on every
// screen: the app's (ui) and a class's (class/screens). It cuts and
// centres lines, stacks a header, a body and a footer into the window's
// height, fits ranked parts of a screen into the room left, keeps the
// most needed keys on a short footer, and asks for a larger window below
// the smallest one drawn. It knows lines and styles, never a screen.
package layout

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// The smallest window a screen draws in; below it, TooSmall asks for a
// larger one.
const MinWidth, MinHeight = 40, 12

// Cut cuts a styled line to w cells, ending in "…" where it was cut.
func Cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// Pad is s cut or padded to exactly w cells.
func Pad(s string, w int) string {
	s = Cut(s, w)
	return s + strings.Repeat(" ", max(w-lipgloss.Width(s), 0))
}

// Bar is a progress bar w cells wide, frac of it full.
func Bar(w int, frac float64, full, empty lipgloss.Style) string {
	if w <= 0 {
		return ""
	}
	n := int(min(max(frac, 0), 1)*float64(w) + 0.5)
	return full.Render(strings.Repeat("━", n)) + empty.Render(strings.Repeat("─", w-n))
}

// CentreLine centres a styled line in w cells, cut to fit.
func CentreLine(l string, w int) string {
	l = Cut(l, w)
	return strings.Repeat(" ", max((w-lipgloss.Width(l))/2, 0)) + l
}

// Centre places a column of width bw in the middle of a body area w
// cells wide and h lines high, with some air above on tall windows.
// Every screen uses the same column, so nothing jumps sideways from one
// screen to the next.
func Centre(lines []string, w, h, bw int) string {
	pad, top := Centring(w, h, bw, len(lines))
	out := make([]string, 0, top+len(lines))
	for range top {
		out = append(out, "")
	}
	for _, l := range lines {
		out = append(out, pad+l)
	}
	return strings.Join(out, "\n")
}

// Centring is where Centre puts n lines: the padding on their left and
// the blank lines above.
func Centring(w, h, bw, n int) (pad string, top int) {
	if h > n+2 {
		top = min((h-n)/3, 6)
	}
	return strings.Repeat(" ", max((w-bw)/2, 1)), top
}

// Stack puts the top lines (a header and its rule), the body and the
// bottom lines (a footer and its rule) into a window h lines high: the
// body is cut or padded to the lines left between them, so the footer
// stays at the bottom.
func Stack(h int, top, body, bottom []string) string {
	room := max(h-len(top)-len(bottom), 0)
	if len(body) > room {
		body = body[:room]
	}
	all := make([]string, 0, max(h, len(top)+len(body)+len(bottom)))
	all = append(append(all, top...), body...)
	for range room - len(body) {
		all = append(all, "")
	}
	return strings.Join(append(all, bottom...), "\n")
}

// TooSmall asks for a larger window, in st, fitted into a window w×h of
// any size down to 1×1 (nothing at all below that).
func TooSmall(w, h int, st lipgloss.Style) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	msg := fmt.Sprintf("Make the window larger: at least %d×%d (now %d×%d).", MinWidth, MinHeight, w, h)
	lines := strings.Split(lipgloss.Wrap(msg, w, " "), "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = Cut(l, w)
	}
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, st.Render(strings.Join(lines, "\n")))
}

// Wrap breaks text into lines of at most w cells, between words, and
// never after a hyphen: a date such as 2026-11-27, or a word such as
// year-month-day, stays whole (a family types it as read).
func Wrap(text string, w int) []string {
	if w <= 0 {
		return nil
	}
	wrapped := lipgloss.Wrap(strings.ReplaceAll(text, "-", nbHyphen), w, " ")
	return strings.Split(strings.ReplaceAll(wrapped, nbHyphen, "-"), "\n")
}

// nbHyphen stands for a hyphen while text is wrapped: the wrapper breaks
// after any "-", never after this.
const nbHyphen = "\u2011"
