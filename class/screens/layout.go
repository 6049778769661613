// Package screens are a class's Bubble Tea screens: the family's (join,
// then follow the instructor on their own laptop) and the instructor's
// console (the room's view, the roster). They draw from the hub's
// snapshot and the class's own records, in the app's styles and keys.
package screens

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui"
)

// Smallest window a screen draws in; below it, it asks for a larger one.
const minWidth, minHeight = 40, 12

// cut cuts a styled line to w cells.
func cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// lines wraps plain text to w cells, between words: a word with a
// hyphen stays whole, so a date to type ("2026-05-14") or a command is
// never split where a reader would type a line break.
func lines(text string, w int) []string {
	if w <= 0 || text == "" {
		return nil
	}
	wrapped := lipgloss.Wrap(strings.ReplaceAll(text, "-", nbHyphen), w, " ")
	return strings.Split(strings.ReplaceAll(wrapped, nbHyphen, "-"), "\n")
}

// nbHyphen stands for a hyphen while text is wrapped: the wrapper breaks
// after any "-", never after this.
const nbHyphen = "\u2011"

// styled renders each line in st.
func styled(st lipgloss.Style, ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = st.Render(l)
	}
	return out
}

// spread puts left and right on one line of w cells.
func spread(w int, left, right string) string {
	gap := w - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 2 {
		return cut(left, w)
	}
	return left + strings.Repeat(" ", gap) + right
}

// ago says how long ago t was, in a word or two.
func ago(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < 5*time.Second:
		return "just now"
	case d < time.Minute:
		return fmt.Sprintf("%d s ago", int(d/time.Second))
	case d < 2*time.Minute:
		return "1 min ago"
	}
	return fmt.Sprintf("%d min ago", int(d/time.Minute))
}

// bar is a progress bar w cells wide, frac of it full.
func bar(s ui.Styles, w int, frac float64) string {
	if w <= 0 {
		return ""
	}
	full := int(min(max(frac, 0), 1)*float64(w) + 0.5)
	return s.BarFull.Render(strings.Repeat("━", full)) + s.BarEmpty.Render(strings.Repeat("─", w-full))
}

// keysLine shows key bindings as "key what · key what", as many as fit
// in w cells, the first ones first.
func keysLine(s ui.Styles, w int, bs ...key.Binding) string {
	sep := s.KeySep.Render(" · ")
	out := ""
	for _, b := range bs {
		h := b.Help()
		item := s.Key.Render(h.Key) + " " + s.KeyDesc.Render(h.Desc)
		next := item
		if out != "" {
			next = out + sep + item
		}
		if lipgloss.Width(next) > w {
			break
		}
		out = next
	}
	return out
}

// relabel is a binding as one footer shows it.
func relabel(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}

// frame puts a header, its rule, the body (cut or padded to fit) and a
// footer with its rule into a w×h window.
func frame(s ui.Styles, w, h int, header string, body []string, footer string) string {
	if w < minWidth || h < minHeight {
		return tooSmall(s, w, h)
	}
	rule := s.Rule.Render(strings.Repeat("─", w))
	room := max(h-4, 0)
	if len(body) > room {
		body = body[:room]
	}
	out := make([]string, 0, h)
	out = append(out, " "+cut(header, w-2), rule)
	for _, l := range body {
		out = append(out, cut(l, w))
	}
	for range room - len(body) {
		out = append(out, "")
	}
	out = append(out, rule, " "+cut(footer, w-2))
	return strings.Join(out, "\n")
}

// tooSmall asks for a larger window, in any size down to 1×1.
func tooSmall(s ui.Styles, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	msg := fmt.Sprintf("Make the window larger: at least %d×%d (now %d×%d).", minWidth, minHeight, w, h)
	ls := lines(msg, w)
	if len(ls) > h {
		ls = ls[:h]
	}
	for i, l := range ls {
		ls[i] = cut(l, w)
	}
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, s.Warn.Render(strings.Join(ls, "\n")))
}

// indent puts a left margin of pad cells before every line.
func indent(ls []string, pad int) []string {
	p := strings.Repeat(" ", max(pad, 0))
	out := make([]string, len(ls))
	for i, l := range ls {
		if l != "" {
			l = p + l
		}
		out[i] = l
	}
	return out
}

// field is a line of typed text: printable characters only (a paste is
// cleaned as it comes), at most max of them.
type field struct {
	runes []rune
	max   int
}

func (f *field) add(text string) {
	for _, r := range routines.Clean(text) { // escape sequences go whole
		if len(f.runes) >= f.max {
			return
		}
		if r >= 0x20 && r != 0x7f && (r < 0x80 || r >= 0xa0) && (r < 0x202a || r > 0x202e) && (r < 0x2066 || r > 0x2069) {
			f.runes = append(f.runes, r)
		}
	}
}

func (f *field) backspace() {
	if n := len(f.runes); n > 0 {
		f.runes = f.runes[:n-1]
	}
}

func (f *field) clear()         { f.runes = f.runes[:0] }
func (f *field) String() string { return string(f.runes) }
