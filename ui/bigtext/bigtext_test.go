package bigtext

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Every glyph is 7 rows of one width, and uses only set and clear pixels.
func TestFontShapes(t *testing.T) {
	for r, g := range font {
		for y, row := range g {
			if len(row) != len(g[0]) || strings.Trim(row, "#.") != "" {
				t.Errorf("%q row %d is %q", r, y, row)
			}
		}
	}
}

// A countdown drawn at scale 1: half blocks make each pixel about square.
func TestRenderCountdown(t *testing.T) {
	want := []string{
		"▄▀▀▀▄     ▄█  █▀▀▀▀",
		"█   █ ▀ ▄▀ █  ▀▀▀▀▄",
		"█   █ ▀ ▀▀▀█▀ ▄   █",
		" ▀▀▀       ▀   ▀▀▀ ",
	}
	got := Render("0:45", 1)
	if !slices.Equal(got, want) {
		t.Fatalf("0:45 drawn as\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Scale 2 doubles each pixel: full blocks, two cells wide, one line tall.
func TestRenderScale2(t *testing.T) {
	got := Render("1", 2)
	want := []string{
		"    ██    ",
		"  ████    ",
		"    ██    ",
		"    ██    ",
		"    ██    ",
		"    ██    ",
		"  ██████  ",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("1 at scale 2:\n%s", strings.Join(got, "\n"))
	}
}

// Width and Height say exactly what Render draws, at every scale.
func TestSizes(t *testing.T) {
	for _, s := range []string{"0:45", "WATER WHEEL", "Indian milking (left)", "How is your baby?", "I", "Crème"} {
		for scale := 1; scale <= 6; scale++ {
			lines := Render(s, scale)
			if len(lines) != Height(scale) {
				t.Errorf("%q at %d: %d lines, Height says %d", s, scale, len(lines), Height(scale))
			}
			for _, l := range lines {
				if n := utf8.RuneCountInString(l); n != Width(s, scale) {
					t.Errorf("%q at %d: a line is %d cells, Width says %d", s, scale, n, Width(s, scale))
				}
			}
		}
	}
}

func TestDrawable(t *testing.T) {
	if !Drawable("Thumbs to sides (left)") || !Drawable("Crème, l’huile") {
		t.Error("plain and accented letters should be drawable")
	}
	if Drawable("日本") || Width("日本", 1) != -1 {
		t.Error("runes without a glyph should not be drawable")
	}
	if !slices.Equal(Render("é", 1), Render("E", 1)) {
		t.Error("é is not drawn as E")
	}
}
