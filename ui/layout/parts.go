package layout

import (
	"cmp"
	"slices"

	"charm.land/lipgloss/v2"
)

// Live says which of a screen's lines changes each second, and how the
// screen draws it. A screen keeps the rest, drawn once per change of
// state, and draws only its live lines again at each frame: a countdown
// then costs little more than its own digits. Each screen names its own
// kinds, from 1.
type Live uint8

// Still is a line drawn once per change of state.
const Still Live = 0

// Part is a piece of a screen with its rank. On a short window the parts
// of lowest rank give way first, so what a parent's hands depend on stays
// on screen and the words make room for it.
type Part struct {
	Rank  int
	Lines []string // drawn lines, shown whole or not at all
	Text  []string // or plain lines that can be cut from the end, in Style
	// Style points into the screen's kept styles, not a copy: a style is
	// some 700 bytes, and a screen of twenty parts would carry each.
	Style *lipgloss.Style
	Live  Live // the kind of the last of Lines, when it changes each second
}

// Line is a line of a fitted column, and whether it changes each second.
// A live line's Text is its still part: the words beside a countdown, or
// none.
type Line struct {
	Text string
	Live Live
}

// Drawn is a part of drawn lines, shown whole or not at all.
func Drawn(rank int, lines ...string) Part { return Part{Rank: rank, Lines: lines} }

// Words is a part of plain lines, in style (nil: as they are), that
// loses lines from its end where it does not fit.
func Words(rank int, lines []string, style *lipgloss.Style) Part {
	return Part{Rank: rank, Text: lines, Style: style}
}

// LiveLine is a part of one line of kind live, with text its still part.
func LiveLine(rank int, live Live, text string) Part {
	return Part{Rank: rank, Lines: []string{text}, Live: live}
}

// Height is how many lines parts take shown whole.
func Height(parts []Part) int {
	n := 0
	for _, p := range parts {
		n += len(p.Lines) + len(p.Text)
	}
	return n
}

// Texts are the lines' texts.
func Texts(lines []Line) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.Text
	}
	return out
}

// Fit draws parts, in the order given, in at most room lines of width w.
// Room is given by rank, highest first (of equal ranks, the earlier
// first): a part of drawn lines is shown whole or not at all; words lose
// their last lines instead, the last one kept ending in "…". A part too
// big for what is left gives its place to smaller ones of lower rank, so
// no line of the window is left empty while there are words to show.
func Fit(parts []Part, room, w int) []Line {
	order := make([]int, len(parts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(parts[b].Rank, parts[a].Rank) })
	keep := make([]int, len(parts))
	left, kept := room, 0
	for _, i := range order {
		p := parts[i]
		n := len(p.Lines) + len(p.Text)
		switch {
		case n <= left:
			keep[i] = n
		case len(p.Text) > 0:
			keep[i] = max(left, 0)
		}
		left -= keep[i]
		kept += keep[i]
	}
	out := make([]Line, 0, kept)
	for i, p := range parts {
		if len(p.Text) == 0 {
			for j, l := range p.Lines[:keep[i]] {
				live := Still
				if j == len(p.Lines)-1 {
					live = p.Live
				}
				out = append(out, Line{l, live})
			}
			continue
		}
		for j, l := range p.Text[:keep[i]] {
			if keep[i] < len(p.Text) && j == keep[i]-1 {
				l = Cut(l+" …", w)
			}
			if p.Style != nil {
				l = p.Style.Render(l)
			}
			out = append(out, Line{Text: l})
		}
	}
	return out
}
