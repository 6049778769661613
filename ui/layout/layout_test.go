package layout

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Parts are given room by rank, highest first, and drawn in the order
// given: drawn lines whole or not at all, words cut from their end with
// "…", and a part too big gives its place to smaller ones below it.
func TestFitGivesRoomByRank(t *testing.T) {
	const timer Live = 1
	parts := []Part{
		Drawn(0, "next", "next 2"), // lowest: goes first
		Words(1, []string{"one", "two", "three"}, nil),
		Drawn(3, "title"),
		Drawn(2, "a", "b", "c", "d"),                         // too big for what is left
		{Rank: 4, Lines: []string{"", "words"}, Live: timer}, // the countdown and a blank above
	}
	for _, c := range []struct {
		room int
		want []Line
	}{
		{12, []Line{{"next", 0}, {"next 2", 0}, {"one", 0}, {"two", 0}, {"three", 0}, {"title", 0}, {"a", 0}, {"b", 0}, {"c", 0}, {"d", 0}, {"", 0}, {"words", timer}}},
		{9, []Line{{"one", 0}, {"two …", 0}, {"title", 0}, {"a", 0}, {"b", 0}, {"c", 0}, {"d", 0}, {"", 0}, {"words", timer}}},
		{6, []Line{{"one", 0}, {"two", 0}, {"three", 0}, {"title", 0}, {"", 0}, {"words", timer}}}, // a to d give their place
		{3, []Line{{"title", 0}, {"", 0}, {"words", timer}}},
		{2, []Line{{"", 0}, {"words", timer}}},
		{0, nil},
	} {
		got := Fit(parts, c.room, 40)
		if !equal(got, c.want) {
			t.Errorf("room %d:\n got %q\nwant %q", c.room, got, c.want)
		}
	}
	if Height(parts) != 12 {
		t.Errorf("Height = %d, want 12", Height(parts))
	}
}

// Words are drawn in the style they point to, the line cut short too; a
// change to the style kept by the screen shows at the next fit.
func TestWordsAreDrawnInTheirStyle(t *testing.T) {
	st := lipgloss.NewStyle().Transform(strings.ToUpper)
	parts := []Part{Words(0, []string{"one", "two", "three"}, &st)}
	if got, want := Fit(parts, 2, 40), []Line{{"ONE", 0}, {"TWO …", 0}}; !equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	st = st.Transform(strings.ToLower).PaddingLeft(1)
	if got, want := Fit(parts, 1, 40), []Line{{" one …", 0}}; !equal(got, want) {
		t.Errorf("after the style changed: got %q, want %q", got, want)
	}
}

func equal(a, b []Line) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A footer too narrow for every key keeps the highest ranks, in the
// order given, and tries no key below one that did not fit; keys ranked
// Always are all tried.
func TestKeysKeepTheMostNeeded(t *testing.T) {
	keys := []Key{{"a next", 40}, {"b s", 15}, {"c check", 35}, {"e end", Always}, {"? help", Always}}
	for _, c := range []struct {
		w    int
		want string
	}{
		{80, "a next · b s · c check · e end · ? help"},
		{36, "a next · c check · e end · ? help"},
		{30, "a next · e end · ? help"},
		{16, "e end · ? help"},
		{6, "e end"},
	} {
		if got := Keys(c.w, " · ", keys...); got != c.want {
			t.Errorf("Keys(%d) = %q, want %q", c.w, got, c.want)
		}
	}
	// All ranked alike: the first ones, up to the first that does not fit.
	alike := []Key{{"one", 0}, {"three", 0}, {"two", 0}}
	if got := Keys(11, " ", alike...); got != "one three" {
		t.Errorf("keys ranked alike = %q, want %q", got, "one three")
	}
}

// A disabled binding is never offered on a footer; the others are drawn
// as the screen draws them.
func TestBindingsLeaveOutDisabledKeys(t *testing.T) {
	prev := key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "previous"), key.WithDisabled())
	yes := key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes"))
	no := key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "no"))
	draw := func(b key.Binding) Key { return Key{Text: b.Help().Key + " " + b.Help().Desc} }
	if got, want := Bindings(80, " · ", draw, yes, no, prev), "y yes · n no"; got != want {
		t.Errorf("with ↑ disabled: %q, want %q", got, want)
	}
	prev.SetEnabled(true)
	if got, want := Bindings(80, " · ", draw, yes, no, prev), "y yes · n no · ↑ previous"; got != want {
		t.Errorf("with ↑ enabled: %q, want %q", got, want)
	}
}

// Stack keeps the footer on the last line: the body is cut or padded to
// the lines between.
func TestStackKeepsTheFooterAtTheBottom(t *testing.T) {
	top, bottom := []string{"head", "rule"}, []string{"rule", "foot"}
	for _, c := range []struct {
		h    int
		body []string
		want string
	}{
		{6, []string{"x"}, "head\nrule\nx\n\nrule\nfoot"},
		{5, []string{"x", "y", "z"}, "head\nrule\nx\nrule\nfoot"},
		{3, []string{"x"}, "head\nrule\nrule\nfoot"}, // no room: the body goes
	} {
		if got := Stack(c.h, top, c.body, bottom); got != c.want {
			t.Errorf("Stack(%d, %q) = %q, want %q", c.h, c.body, got, c.want)
		}
	}
}

// A window too small is asked to grow in every size down to 1×1, never
// wider or taller than itself.
func TestTooSmallFitsAnyWindow(t *testing.T) {
	if TooSmall(0, 5, lipgloss.NewStyle()) != "" || TooSmall(5, 0, lipgloss.NewStyle()) != "" {
		t.Error("a window of no size is drawn into")
	}
	for _, size := range [][2]int{{1, 1}, {10, 2}, {39, 11}, {20, 12}} {
		got := ansi.Strip(TooSmall(size[0], size[1], lipgloss.NewStyle()))
		lines := strings.Split(got, "\n")
		if len(lines) > size[1] {
			t.Errorf("%v: %d lines", size, len(lines))
		}
		for _, l := range lines {
			if lipgloss.Width(l) > size[0] {
				t.Errorf("%v: %q is too wide", size, l)
			}
		}
	}
	if got := ansi.Strip(TooSmall(39, 11, lipgloss.NewStyle())); !strings.Contains(strings.Join(strings.Fields(got), " "), "at least 40×12 (now 39×11)") {
		t.Errorf("the request does not say the sizes:\n%s", got)
	}
}

func TestBarCentreCutPad(t *testing.T) {
	st := lipgloss.NewStyle()
	for _, c := range []struct {
		got, want string
	}{
		{Bar(10, 0.34, st, st), "━━━───────"},
		{Bar(4, 2, st, st), "━━━━"},
		{Bar(4, -1, st, st), "────"},
		{Bar(0, 0.5, st, st), ""},
		{CentreLine("ab", 6), "  ab"},
		{CentreLine("abcdefgh", 6), "abcde…"},
		{Cut("abcdef", 4), "abc…"},
		{Cut("abc", 0), ""},
		{Pad("ab", 4), "ab  "},
		{Pad("abcdef", 4), "abc…"},
		{Centre([]string{"a", "b"}, 10, 12, 4), "\n\n\n   a\n   b"},
		{Centre([]string{"a"}, 10, 3, 40), " a"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
