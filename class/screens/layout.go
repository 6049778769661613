// Package screens are a class's Bubble Tea screens: the family's (join,
// then follow the instructor on their own laptop) and the instructor's
// console (the room's view, the roster). They draw from the hub's
// snapshot and the class's own records, in the app's styles and keys.
package screens

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui"
	"github.com/cradle-coach/cradle/ui/layout"
)

// lines wraps plain text to w cells, between words: a word with a
// hyphen stays whole, so a date to type ("2026-05-14") or a command is
// never split where a reader would type a line break.
func lines(text string, w int) []string {
	if text == "" {
		return nil
	}
	return layout.Wrap(text, w)
}

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
		return layout.Cut(left, w)
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

// keysLine shows the enabled key bindings as "key what · key what", as
// many as fit in w cells, the first ones first.
func keysLine(s *ui.Styles, w int, bs ...key.Binding) string {
	return layout.Bindings(w, s.KeySep.Render(" · "), func(b key.Binding) layout.Key {
		h := b.Help()
		return layout.Key{Text: s.Key.Render(h.Key) + " " + s.KeyDesc.Render(h.Desc)}
	}, bs...)
}

// frame puts a header, its rule, the body (cut or padded to fit) and a
// footer with its rule into a w×h window.
func frame(s *ui.Styles, w, h int, header string, body []string, footer string) string {
	if w < layout.MinWidth || h < layout.MinHeight {
		return layout.TooSmall(w, h, s.Warn)
	}
	rule := s.Rule.Render(strings.Repeat("─", w))
	// Lines are made to fit already, nearly always: the body is copied
	// only to cut one that does not, and the caller's lines stay whole.
	cut, copied := body, false
	for i, l := range body {
		if c := layout.Cut(l, w); c != l {
			if !copied {
				cut, copied = slices.Clone(body), true
			}
			cut[i] = c
		}
	}
	return layout.Stack(h, []string{" " + layout.Cut(header, w-2), rule}, cut, []string{rule, " " + layout.Cut(footer, w-2)})
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
