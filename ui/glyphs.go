package ui

import (
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// A terminal whose locale is not UTF-8 (LANG=C, say) shows each byte of
// a UTF-8 character as a character of its own: a rule of "─" becomes
// three times as wide and the screen falls apart. There cradle draws in
// ASCII: every character the screens draw beyond ASCII (rules, bars, the
// pace marker, block letters, check marks, arrows, dots) has its
// stand-in here, one cell for one cell, so every layout holds as it is.
// Words from routine files (a name with an accent, a curly quote) are
// written without their accents. The screens draw in Unicode, and the
// root hands the whole frame through asciiFrame.

// asciiGlyphs are the stand-ins, each one cell wide, as its glyph is.
var asciiGlyphs = map[rune]rune{
	// Lines: rules, the progress bar, the pace track, the question's bar.
	'─': '-', '━': '=', '┃': '|', '┈': '.',
	// Marks: the pace marker and the step dots, selection, check marks.
	'●': '*', '○': 'o', '◌': 'o', '•': '*', '·': '-', '▌': '>', '›': '>', '✓': '+', '×': 'x',
	'…': '.', '‖': '|', '↺': '@', '■': '#', '▶': '>', '»': '>', '«': '<',
	// Arrows.
	'→': '>', '←': '<', '↑': '^', '↓': 'v',
	// Block letters and chart cells: full, upper and lower half, shades,
	// the eighths of a column.
	'█': '#', '▀': '"', '▄': '_', '▓': '%', '▒': '=', '░': ':',
	'▁': '_', '▂': '_', '▃': '_', '▅': '=', '▆': '=', '▇': '#',
	// Typography a routine file may hold.
	'‘': '\'', '’': '\'', '“': '"', '”': '"', '–': '-', '—': '-', '\u00a0': ' ',
}

// asciiLetters are Latin letters written without their accents.
var asciiLetters = map[rune]string{}

func init() {
	for plain, accented := range map[string]string{
		"A": "ÀÁÂÃÄÅ", "C": "Ç", "E": "ÈÉÊË", "I": "ÌÍÎÏ", "N": "Ñ", "O": "ÒÓÔÕÖØ", "U": "ÙÚÛÜ", "Y": "ÝŸ",
		"a": "àáâãäå", "c": "ç", "e": "èéêë", "i": "ìíîï", "n": "ñ", "o": "òóôõöø", "u": "ùúûü", "y": "ýÿ",
	} {
		for _, r := range accented {
			asciiLetters[r] = plain
		}
	}
	asciiLetters['ß'], asciiLetters['æ'], asciiLetters['Æ'], asciiLetters['œ'], asciiLetters['Œ'] = "s", "a", "A", "o", "O"
}

// asciiKeys name, in words, the keys the help shows as arrows.
var asciiKeys = strings.NewReplacer("→", "right", "←", "left", "↑", "up", "↓", "down")

// ASCIIOnly reports whether the terminal's locale is not UTF-8, from the
// first of LC_ALL, LC_CTYPE and LANG that is set, as the C library reads
// them; none set is the C locale. Windows terminals take UTF-8 whatever
// these say.
func ASCIIOnly(getenv func(string) string) bool {
	if runtime.GOOS == "windows" {
		return false
	}
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := getenv(name); v != "" {
			v = strings.ToLower(v)
			return !strings.Contains(v, "utf-8") && !strings.Contains(v, "utf8")
		}
	}
	return true
}

// asciiText is s in ASCII: each glyph by its stand-in, an accented letter
// without its accent, anything else as one "?" per cell it takes. Escape
// sequences (colours) pass through.
func asciiText(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case asciiGlyphs[r] != 0:
			b.WriteRune(asciiGlyphs[r])
		case asciiLetters[r] != "":
			b.WriteString(asciiLetters[r])
		default: // as many cells as it took: none for a combining accent
			b.WriteString(strings.Repeat("?", ansi.StringWidth(string(r))))
		}
	}
	return b.String()
}

// keyName is a key as the help names it: in ASCII, arrows in words
// ("right", "up/k").
func (a *app) keyName(k string) string {
	if a.cfg.ASCII {
		return asciiKeys.Replace(k)
	}
	return k
}
