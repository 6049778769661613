package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/cradle-coach/cradle/ui/layout"
)

// frame lays out a full window: a header line and rule, the body, and a
// help bar at the bottom. The body is cut to fit, never overflowing.
func (a *app) frame(header, body, footer string) string {
	return a.assemble(header, a.fit(strings.Split(body, "\n")), footer)
}

// fit cuts each body line to the window's width.
func (a *app) fit(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = layout.Cut(l, a.w)
	}
	return out
}

// assemble puts a header, fitted body lines and a footer together, cutting
// or padding the body to the rows left between them.
func (a *app) assemble(header string, lines []string, footer string) string {
	s := a.styles
	w, h := a.w, a.h
	rule := s.Rule.Render(strings.Repeat("─", w))
	var top []string
	if header != "" {
		top = append(top, " "+layout.Cut(header, w-2), rule)
	}
	bottom := a.bottomLines()
	if footer != "" {
		bottom = append(bottom, rule, " "+layout.Cut(footer, w-2))
	}
	return layout.Stack(h, top, lines, bottom)
}

// bottomLines are the lines above the footer that every screen shows: a
// problem saving, and the notice given at start.
func (a *app) bottomLines() []string {
	s, w := a.styles, a.w
	var out []string
	if msg := a.saveProblem(); msg != "" {
		lines := strings.Split(lipgloss.Wrap(msg, w-2, " "), "\n")
		if len(lines) > 1 && a.h < 20 {
			// A short window keeps one line for it, so the countdown and a
			// check-in's answers stay on screen.
			lines = []string{"Not saved yet (" + plainError(a.saver.err) + "): cradle keeps trying."}
		}
		for _, l := range lines {
			out = append(out, " "+s.Alert.Render(layout.Cut(l, w-2)))
		}
	}
	if a.data.notice != "" {
		out = append(out, " "+s.Warn.Render(layout.Cut(a.data.notice, w-2)))
	}
	return out
}

// saveProblem says, in plain words, why events are not being saved.
func (a *app) saveProblem() string {
	if a.saver.err == nil {
		return ""
	}
	return "Could not save to " + a.cfg.Store.Path() + ": " + plainError(a.saver.err) +
		". Your session is kept in memory and cradle keeps trying; free some disk space if it is full."
}

// headerLine puts left and right text on one line of width w.
// minLeft is the fewest cells a header line's left part is cut to.
const minLeft = 12

func headerLine(w int, left, right string) string {
	gap := w - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 2 {
		// The left gives way, cut, while it keeps a few words: the right
		// (whose massage, the time left, a routine's length) stays.
		if room := w - lipgloss.Width(right) - 2; room >= minLeft && lipgloss.Width(right) > 0 {
			return layout.Cut(left, room) + "  " + right
		}
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

// helpBar renders key bindings as "key desc · key desc", as many as fit,
// in the order given. When they do not all fit, the keys of lowest rank
// (keyRank) give way first: the end of a massage, help and the ways out
// always stay.
func (a *app) helpBar(w int, bs ...key.Binding) string {
	s := &a.styles
	return layout.Bindings(w, s.KeySep.Render(" · "), func(b key.Binding) layout.Key {
		h := b.Help()
		return layout.Key{Text: s.Key.Render(a.keyName(h.Key)) + " " + s.KeyDesc.Render(h.Desc), Rank: keyRank(b)}
	}, bs...)
}

// wrap wraps plain text to w cells between words, with an indent on
// every line: a word with a hyphen stays whole, so a date to type
// ("2026-11-27") is never split where a reader would see two.
func wrap(text string, w int, indent string) []string {
	lines := layout.Wrap(text, w)
	for i := range lines {
		lines[i] = indent + lines[i]
	}
	return lines
}

// bar draws a progress bar of width w, frac of it filled.
func (a *app) bar(w int, frac float64) string {
	return layout.Bar(w, frac, a.styles.BarFull, a.styles.BarEmpty)
}

// plainError is an error's message without its closing full stop, ready
// to follow a colon or to sit inside brackets.
func plainError(err error) string {
	msg := err.Error()
	return strings.TrimSuffix(msg, ".")
}

// para is a paragraph of a screen and its style: the full screen wraps
// and paints it, plain mode says its words. A screen shown both ways
// keeps its words in paras, so the two never say different things.
type para struct {
	text  string
	style lipgloss.Style
}

// paint wraps paragraphs to w cells, each line after lead, in their
// styles.
func paint(ps []para, w int, lead string) []string {
	var out []string
	for _, p := range ps {
		if p.text == "" {
			continue
		}
		for _, l := range wrap(p.text, w, "") {
			out = append(out, lead+p.style.Render(l))
		}
	}
	return out
}

// texts are the words of paragraphs, a line each, for plain mode.
func texts(ps []para) []string {
	var out []string
	for _, p := range ps {
		if p.text != "" {
			out = append(out, p.text)
		}
	}
	return out
}

// savingWords say a save is under way.
const savingWords = "Saving…"

// Ranks of a session screen's parts (layout.Part), from first to give
// way on a short window to last. Decoration and what comes next
// go first; a step's name and its caution stay as long as the countdown
// and the answers do: a parent's hands depend on them.
const (
	rankNext    = iota // what comes next
	rankAir            // blank lines and the step dots
	rankWords          // the instructions, cut line by line
	rankDetail         // pressure, direction, oil, slower now; a check-in's region
	rankHead           // region and position
	rankPace           // the pace guide
	rankBar            // the progress bar
	rankTitle          // the step's name
	rankCaution        // take care
	rankMust           // answers and choices
	rankTimer          // the countdown
)

// words is text wrapped to w, in style (one of the app's kept styles, not
// a copy), that loses lines from its end where it does not fit.
func words(rank int, text string, w int, style *lipgloss.Style) layout.Part {
	return layout.Words(rank, wrap(text, w, ""), style)
}

func blank(rank int) layout.Part { return layout.Drawn(rank, "") }

// scrollTo keeps line `focus` of lines inside a window of n lines.
func scrollTo(lines []string, focus, n int) string {
	if n <= 0 {
		return ""
	}
	start := 0
	if focus >= n {
		start = focus - n + 1
	}
	end := min(start+n, len(lines))
	return strings.Join(lines[start:end], "\n")
}

func padRight(s string, n int) string {
	if w := len([]rune(s)); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s + " "
}

// paragraph appends text to b, wrapped to w and styled, then a blank line.
func paragraph(b []string, style lipgloss.Style, text string, w int) []string {
	for _, l := range wrap(text, w, "   ") {
		b = append(b, style.Render(l))
	}
	return append(b, "")
}
