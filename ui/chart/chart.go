// Package chart draws the small charts of the insights screen as lines of
// text: columns for sessions a week, and stacked bars for answers. Every
// cell is one terminal column; styles come from the caller, and the shapes
// (glyphs) alone must carry the meaning, for terminals without colour.
package chart

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// ColumnStyle dresses a column chart.
type ColumnStyle struct {
	Bar, Rest, Goal, Axis lipgloss.Style
}

// eighths are the partial blocks, from one eighth to a full cell.
var eighths = []string{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}

// Columns draws values as columns of barW cells with gap cells between
// them, height rows tall, top row first. A value of 0 shows as a thin
// base line; a rest week as "·" on the base. When goal > 0 a dotted line
// marks it across the empty cells (on the base, when the goal is that
// low). The scale fits the largest of the
// values and the goal.
func Columns(values []int, rest []bool, goal, height, barW, gap int, st ColumnStyle) []string {
	if height <= 0 || len(values) == 0 {
		return nil
	}
	top := max(goal, 1)
	for _, v := range values {
		top = max(top, v)
	}
	// Each value in eighths of a row.
	units := func(v int) int { return (v*height*8 + top/2) / top }
	goalRow := -1
	if goal > 0 {
		u := units(goal) // the goal's level, in eighths: its line is on the row it falls in
		goalRow = u / 8
		if u%8 == 0 {
			goalRow--
		}
		goalRow = min(max(goalRow, 0), height-1)
	}
	rows := make([]string, height)
	for r := range height {
		row := height - 1 - r // 0 is the bottom row
		var b strings.Builder
		for i, v := range values {
			if i > 0 {
				b.WriteString(cells(" ", gap, lipgloss.NewStyle()))
			}
			u := units(v) - row*8
			isRest := i < len(rest) && rest[i]
			switch {
			case u >= 8:
				b.WriteString(cells("█", barW, st.Bar))
			case u > 0:
				b.WriteString(cells(eighths[u-1], barW, st.Bar))
			case row == 0 && v > 0:
				b.WriteString(cells("▁", barW, st.Bar)) // too small to show: a sliver
			case row == 0 && isRest:
				b.WriteString(cells("·", barW, st.Rest))
			case row == 0 && goalRow == 0:
				// A goal low in a tall scale falls in the bottom row: its
				// line takes the place of the base there, so it shows on
				// every window, a short one too.
				b.WriteString(cells("┈", barW, st.Goal))
			case row == 0:
				b.WriteString(cells("_", barW, st.Axis))
			case row == goalRow:
				b.WriteString(cells("┈", barW, st.Goal))
			default:
				b.WriteString(strings.Repeat(" ", barW))
			}
		}
		rows[r] = b.String()
	}
	return rows
}

func cells(glyph string, n int, st lipgloss.Style) string {
	if n <= 0 {
		return ""
	}
	return st.Render(strings.Repeat(glyph, n))
}

// Stacked draws counts as one bar of exactly width cells, each count's
// share of the total as a run of its glyph (largest remainders rounded up,
// so the runs add up to the width, and any count above zero shows).
func Stacked(counts []int, width int, glyphs []string, styles []lipgloss.Style) string {
	total := 0
	for _, c := range counts {
		total += c
	}
	if width <= 0 {
		return ""
	}
	if total == 0 {
		return strings.Repeat(" ", width)
	}
	runs := Shares(counts, width)
	var b strings.Builder
	for i, n := range runs {
		st := lipgloss.NewStyle()
		if i < len(styles) {
			st = styles[i]
		}
		b.WriteString(cells(glyphs[i], n, st))
	}
	return b.String()
}

// Shares splits width cells between counts in proportion, by largest
// remainder; a count above zero gets at least one cell when width allows.
func Shares(counts []int, width int) []int {
	total, nonzero := 0, 0
	for _, c := range counts {
		total += c
		if c > 0 {
			nonzero++
		}
	}
	out := make([]int, len(counts))
	if total == 0 || width <= 0 {
		return out
	}
	type rem struct{ i, r int }
	var rems []rem
	used := 0
	for i, c := range counts {
		out[i] = c * width / total
		used += out[i]
		rems = append(rems, rem{i, c * width % total})
	}
	// Largest remainder first; ties to the earlier count.
	for used < width {
		best := -1
		for j, r := range rems {
			if counts[r.i] > 0 && r.r >= 0 && (best < 0 || r.r > rems[best].r) {
				best = j
			}
		}
		if best < 0 {
			break
		}
		out[rems[best].i]++
		rems[best].r = -1
		used++
	}
	// Every answer given shows, taken from the widest run.
	if nonzero <= width {
		for i, c := range counts {
			if c > 0 && out[i] == 0 {
				widest := 0
				for j := range out {
					if out[j] > out[widest] {
						widest = j
					}
				}
				out[widest]--
				out[i]++
			}
		}
	}
	return out
}
