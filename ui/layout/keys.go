package layout

import (
	"sort"
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
	join := func(keep []bool) string {
		var out []string
		for i, k := range keys {
			if keep[i] {
				out = append(out, k.Text)
			}
		}
		return strings.Join(out, sep)
	}
	keep := make([]bool, len(keys))
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return keys[order[x]].Rank > keys[order[y]].Rank })
	for _, i := range order {
		keep[i] = true
		if lipgloss.Width(join(keep)) > w {
			keep[i] = false
			if keys[i].Rank < Always {
				break // the rest rank lower still
			}
		}
	}
	return join(keep)
}

// Relabel is b as one footer shows it: the same keys, other words
// ("enter home", "space resume").
func Relabel(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}
