// Package bigtext draws words and numbers in large block letters for a
// screen read from across a room: a 5×7 pixel font, scaled by whole
// numbers, drawn with half blocks (▀ ▄ █) so that a pixel is about as tall
// as it is wide. Letters are upper case only.
package bigtext

import (
	"strings"
	"unicode"
)

// rows is the font's height in pixels.
const rows = 7

// font maps a rune to its pixels, row by row ('#' set, '.' clear). Glyphs
// are 5 pixels wide unless narrower shapes read better.
var font = map[rune][rows]string{
	'0':  {".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."},
	'1':  {"..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."},
	'2':  {".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"},
	'3':  {"#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."},
	'4':  {"...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."},
	'5':  {"#####", "#....", "####.", "....#", "....#", "#...#", ".###."},
	'6':  {"..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."},
	'7':  {"#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."},
	'8':  {".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."},
	'9':  {".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."},
	'A':  {".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"},
	'B':  {"####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."},
	'C':  {".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."},
	'D':  {"###..", "#..#.", "#...#", "#...#", "#...#", "#..#.", "###.."},
	'E':  {"#####", "#....", "#....", "####.", "#....", "#....", "#####"},
	'F':  {"#####", "#....", "#....", "####.", "#....", "#....", "#...."},
	'G':  {".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"},
	'H':  {"#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"},
	'I':  {"###", ".#.", ".#.", ".#.", ".#.", ".#.", "###"},
	'J':  {"..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."},
	'K':  {"#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"},
	'L':  {"#....", "#....", "#....", "#....", "#....", "#....", "#####"},
	'M':  {"#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"},
	'N':  {"#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"},
	'O':  {".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."},
	'P':  {"####.", "#...#", "#...#", "####.", "#....", "#....", "#...."},
	'Q':  {".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"},
	'R':  {"####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"},
	'S':  {".####", "#....", "#....", ".###.", "....#", "....#", "####."},
	'T':  {"#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."},
	'U':  {"#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."},
	'V':  {"#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."},
	'W':  {"#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."},
	'X':  {"#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"},
	'Y':  {"#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."},
	'Z':  {"#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"},
	' ':  {"...", "...", "...", "...", "...", "...", "..."},
	':':  {".", ".", "#", ".", "#", ".", "."},
	'.':  {".", ".", ".", ".", ".", ".", "#"},
	',':  {"..", "..", "..", "..", "..", ".#", "#."},
	'\'': {"#", "#", ".", ".", ".", ".", "."},
	'!':  {"#", "#", "#", "#", "#", ".", "#"},
	'?':  {".###.", "#...#", "....#", "...#.", "..#..", ".....", "..#.."},
	'-':  {"....", "....", "....", "####", "....", "....", "...."},
	'(':  {"..#", ".#.", "#..", "#..", "#..", ".#.", "..#"},
	')':  {"#..", ".#.", "..#", "..#", "..#", ".#.", "#.."},
	'/':  {".....", "....#", "...#.", "..#..", ".#...", "#....", "....."},
	'&':  {".##..", "#..#.", "#.#..", ".#...", "#.#.#", "#..#.", ".##.#"},
	'+':  {".....", "..#..", "..#..", "#####", "..#..", "..#..", "....."},
}

// glyph returns the pixels of r, upper-casing letters; ok is false for a
// rune the font cannot draw.
func glyph(r rune) ([rows]string, bool) {
	switch r {
	case '’', '‘':
		r = '\''
	case '–', '—':
		r = '-'
	}
	r = unicode.ToUpper(r)
	if base, ok := accented[r]; ok {
		r = base
	}
	g, ok := font[r]
	return g, ok
}

// accented letters are drawn as their base letter: a name in big letters
// is read from across a room, where an accent would not show anyway.
var accented = map[rune]rune{}

func init() {
	for base, forms := range map[rune]string{
		'A': "ÀÁÂÃÄÅ", 'C': "Ç", 'E': "ÈÉÊË", 'I': "ÌÍÎÏ", 'N': "Ñ",
		'O': "ÒÓÔÕÖØ", 'U': "ÙÚÛÜ", 'Y': "ÝŸ",
	} {
		for _, r := range forms {
			accented[r] = base
		}
	}
}

// Drawable reports whether every rune of s has a glyph.
func Drawable(s string) bool {
	for _, r := range s {
		if _, ok := glyph(r); !ok {
			return false
		}
	}
	return true
}

// Width is how many cells s takes at scale, or -1 when a rune of s has no
// glyph. Letters are one pixel apart.
func Width(s string, scale int) int {
	px := 0
	for i, r := range []rune(s) {
		g, ok := glyph(r)
		if !ok {
			return -1
		}
		if i > 0 {
			px++
		}
		px += len(g[0])
	}
	return px * scale
}

// Height is how many lines one line of text takes at scale.
func Height(scale int) int { return (rows*scale + 1) / 2 }

// Render draws s at scale (1 or more) as Height(scale) lines of Width(s,
// scale) cells. A rune with no glyph is drawn blank; check Drawable first.
func Render(s string, scale int) []string {
	scale = max(scale, 1)
	// The bitmap, one bool per pixel column, one row per pixel row.
	var bitmap [rows][]bool
	for i, r := range []rune(s) {
		g, ok := glyph(r)
		if !ok {
			g = font[' ']
		}
		for y := range rows {
			if i > 0 {
				bitmap[y] = append(bitmap[y], false)
			}
			for _, c := range g[y] {
				bitmap[y] = append(bitmap[y], c == '#')
			}
		}
	}
	// Each pixel is scale cells wide and scale half-lines tall; two
	// half-lines make one line of text.
	set := func(half, col int) bool {
		y := half / scale
		return y < rows && bitmap[y][col/scale]
	}
	width := len(bitmap[0]) * scale
	out := make([]string, Height(scale))
	var b strings.Builder
	for line := range out {
		b.Reset()
		for col := range width {
			top, bottom := set(2*line, col), set(2*line+1, col)
			switch {
			case top && bottom:
				b.WriteRune('█')
			case top:
				b.WriteRune('▀')
			case bottom:
				b.WriteRune('▄')
			default:
				b.WriteByte(' ')
			}
		}
		out[line] = b.String()
	}
	return out
}
