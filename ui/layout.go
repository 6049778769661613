package ui

import (
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
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
		out[i] = truncate(l, a.w)
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
		top = append(top, " "+truncate(header, w-2), rule)
	}
	bottom := a.bottomLines()
	if footer != "" {
		bottom = append(bottom, rule, " "+truncate(footer, w-2))
	}
	room := max(h-len(top)-len(bottom), 0)
	if len(lines) > room {
		lines = lines[:room]
	}
	all := make([]string, 0, h)
	all = append(append(all, top...), lines...)
	for range room - len(lines) {
		all = append(all, "")
	}
	return strings.Join(append(all, bottom...), "\n")
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
			out = append(out, " "+s.Alert.Render(truncate(l, w-2)))
		}
	}
	if a.data.notice != "" {
		out = append(out, " "+s.Warn.Render(truncate(a.data.notice, w-2)))
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
			return truncate(left, room) + "  " + right
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
	s := a.styles
	sep := s.KeySep.Render(" · ")
	type item struct {
		text string
		rank int
	}
	var items []item
	for _, b := range bs {
		if !b.Enabled() {
			continue
		}
		h := b.Help()
		items = append(items, item{s.Key.Render(a.keyName(h.Key)) + " " + s.KeyDesc.Render(h.Desc), keyRank(b)})
	}
	join := func(keep []bool) string {
		var out []string
		for i, it := range items {
			if keep[i] {
				out = append(out, it.text)
			}
		}
		return strings.Join(out, sep)
	}
	keep := make([]bool, len(items))
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return items[order[x]].rank > items[order[y]].rank })
	for _, i := range order {
		keep[i] = true
		if lipgloss.Width(join(keep)) > w {
			keep[i] = false
			if items[i].rank < alwaysShown {
				break // the rest rank lower still
			}
		}
	}
	return join(keep)
}

// truncate cuts a styled line to w cells.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// wrap wraps plain text to w cells, with an indent on every line.
func wrap(text string, w int, indent string) []string {
	if w <= 0 {
		return nil
	}
	wrapped := lipgloss.Wrap(text, w, " ")
	lines := strings.Split(wrapped, "\n")
	for i := range lines {
		lines[i] = indent + lines[i]
	}
	return lines
}

// bar draws a progress bar of width w, done of total filled.
func (a *app) bar(w int, frac float64) string {
	if w <= 0 {
		return ""
	}
	frac = min(max(frac, 0), 1)
	full := int(frac*float64(w) + 0.5)
	return a.styles.BarFull.Render(strings.Repeat("━", full)) + a.styles.BarEmpty.Render(strings.Repeat("─", w-full))
}

// plainError is an error's message with its first letter lowered, ready
// to follow a colon.
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

// part is a piece of a session screen. On a short window the parts of
// lowest rank give way first, so what changes each second (countdown,
// bar, pace) stays on screen and the words make room for it.
type part struct {
	rank  int
	lines []string // drawn lines, shown whole or not at all
	text  []string // or plain lines that can be cut from the end, in style
	style lipgloss.Style
	live  live // the session's line that changes each second (a drawn line, one)
}

// line is a line of a fitted column, and whether it changes each second.
type line struct {
	text string
	live live
}

// Ranks, from first to give way to last. Decoration and what comes next
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

func drawn(rank int, lines ...string) part { return part{rank: rank, lines: lines} }

func words(rank int, text string, w int, style lipgloss.Style) part {
	return part{rank: rank, text: wrap(text, w, ""), style: style}
}

func blank(rank int) part { return drawn(rank, "") }

// liveLine is a line the session screen draws again each second (View),
// with text its still part: the words beside a countdown, or none.
func liveLine(rank int, kind live, text string) part {
	return part{rank: rank, lines: []string{text}, live: kind}
}

// partLines is how many lines parts take shown whole.
func partLines(parts []part) int {
	n := 0
	for _, p := range parts {
		n += len(p.lines) + len(p.text)
	}
	return n
}

// fitParts draws parts in at most room lines of width w. Room is given
// by rank, highest first (of equal ranks, the earlier first): a part of
// drawn lines is shown whole or not at all; words
// lose their last lines instead, the last one kept ending in "…". A part
// too big for what is left gives its place to smaller ones of lower rank,
// so no line of the window is left empty while there are words to show.
func fitParts(parts []part, room, w int) []string {
	lines := fitLines(parts, room, w)
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.text
	}
	return out
}

// fitLines is fitParts keeping which lines are live.
func fitLines(parts []part, room, w int) []line {
	order := make([]int, len(parts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return parts[order[a]].rank > parts[order[b]].rank })
	keep := make([]int, len(parts))
	left := room
	for _, i := range order {
		p := parts[i]
		n := len(p.lines) + len(p.text)
		switch {
		case n <= left:
			keep[i] = n
		case len(p.text) > 0:
			keep[i] = left
		}
		left -= keep[i]
	}
	var out []line
	for i, p := range parts {
		if len(p.text) == 0 {
			for _, l := range p.lines[:keep[i]] {
				out = append(out, line{l, p.live})
			}
			continue
		}
		for j, l := range p.text[:keep[i]] {
			if keep[i] < len(p.text) && j == keep[i]-1 {
				l = truncate(l+" …", w)
			}
			out = append(out, line{text: p.style.Render(l)})
		}
	}
	return out
}

// center places a column of width bw in the middle of the body area, with
// some air above on tall windows. Every screen uses the same column, so
// nothing jumps sideways from one screen to the next.
func center(lines []string, w, h, bw int) string {
	pad, top := centring(w, h, bw, len(lines))
	out := make([]string, 0, top+len(lines))
	for range top {
		out = append(out, "")
	}
	for _, l := range lines {
		out = append(out, pad+l)
	}
	return strings.Join(out, "\n")
}

// centring is where center puts n lines: the padding on their left and
// the blank lines above.
func centring(w, h, bw, n int) (pad string, top int) {
	if h > n+2 {
		top = min((h-n)/3, 6)
	}
	return strings.Repeat(" ", max((w-bw)/2, 1)), top
}

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

// fit is s cut or padded to exactly w cells.
func fit(s string, w int) string {
	s = truncate(s, w)
	return s + strings.Repeat(" ", max(w-lipgloss.Width(s), 0))
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
