package layout

import (
	"cmp"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// Key is a key as a footer shows it ("e end"), drawn, with its rank: on
// a footer too narrow for every key, those of lowest rank give way first.
type Key struct {
	Text string
	Rank int
}

// Always is the rank of the keys a footer never leaves out while they
// fit at all: the end of a massage, help and the ways out.
const Always = 100

// Keys joins keys with sep, as many as fit in w cells, in the order
// given. The highest ranks are kept first (of equal ranks, the first
// given); once a key below Always does not fit, no key of lower rank is
// tried, so of keys all ranked alike the first ones are kept.
func Keys(w int, sep string, keys ...Key) string {
	// The width of keys joined is the sum of their widths and the
	// separators': measured once each, joined once at the end.
	widths := make([]int, len(keys))
	for i, k := range keys {
		widths[i] = lipgloss.Width(k.Text)
	}
	sepW := lipgloss.Width(sep)
	keep := make([]bool, len(keys))
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(keys[y].Rank, keys[x].Rank) })
	used, n := 0, 0
	for _, i := range order {
		grown := used + widths[i]
		if n > 0 {
			grown += sepW
		}
		if grown > w {
			if keys[i].Rank < Always {
				break // the rest rank lower still
			}
			continue
		}
		keep[i], used, n = true, grown, n+1
	}
	var b strings.Builder
	size := len(sep) * max(n-1, 0)
	for i, k := range keys {
		if keep[i] {
			size += len(k.Text)
		}
	}
	b.Grow(size)
	first := true
	for i, k := range keys {
		if keep[i] {
			if !first {
				b.WriteString(sep)
			}
			b.WriteString(k.Text)
			first = false
		}
	}
	return b.String()
}

// Bindings is the footer of bindings: each enabled one drawn by draw,
// joined as Keys joins them. A disabled binding is left out, on every
// screen alike: its key does nothing there, so the footer never offers it.
func Bindings(w int, sep string, draw func(key.Binding) Key, bs ...key.Binding) string {
	keys := make([]Key, 0, len(bs))
	for _, b := range bs {
		if b.Enabled() {
			keys = append(keys, draw(b))
		}
	}
	return Keys(w, sep, keys...)
}

// Relabel is b as one footer shows it: the same keys, other words
// ("enter home", "space resume").
func Relabel(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}
