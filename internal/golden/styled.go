package golden

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// A styled golden file spells out a view's colours and emphasis in words,
// so a diff reads: {b #EDE6DD}text{/} is bold text in #EDE6DD. Markup
// writes them; ANSI turns them back into what a terminal receives, which
// is how the pictures in the README and docs/GUIDE.md are drawn from the
// golden files.

// sgr matches a select-graphic-rendition sequence.
var sgr = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

// words are the attributes Markup spells out, by their SGR parameter.
var words = map[string]string{"": "/", "0": "/", "1": "b", "2": "faint", "3": "i", "4": "u", "7": "rev"}

// Markup spells out the SGR sequences of view in words.
func Markup(view string) string {
	return sgr.ReplaceAllStringFunc(view, func(seq string) string {
		params := strings.Split(sgr.FindStringSubmatch(seq)[1], ";")
		var out []string
		for i := 0; i < len(params); i++ {
			p := params[i]
			if w, ok := words[p]; ok {
				out = append(out, w)
				continue
			}
			if (p == "38" || p == "48") && i+4 < len(params) && params[i+1] == "2" {
				r, _ := strconv.Atoi(params[i+2])
				g, _ := strconv.Atoi(params[i+3])
				b, _ := strconv.Atoi(params[i+4])
				c := fmt.Sprintf("#%02X%02X%02X", r, g, b)
				if p == "48" {
					c = "on" + c
				}
				out = append(out, c)
				i += 4
				continue
			}
			out = append(out, "?"+p)
		}
		return "{" + strings.Join(out, " ") + "}"
	})
}

// markup matches a spelt-out sequence: {b #EDE6DD}.
var markup = regexp.MustCompile(`\{([^{}]*)\}`)

// ANSI turns Markup's words back into SGR sequences.
func ANSI(styled string) (string, error) {
	var bad error
	out := markup.ReplaceAllStringFunc(styled, func(m string) string {
		var params []string
		for _, w := range strings.Fields(m[1 : len(m)-1]) {
			switch c := strings.TrimPrefix(w, "on"); {
			case strings.HasPrefix(c, "#") && len(c) == 7:
				v, err := strconv.ParseUint(c[1:], 16, 32)
				if err != nil {
					bad = fmt.Errorf("%q is not a colour", w)
					return m
				}
				layer := "38"
				if c != w {
					layer = "48"
				}
				params = append(params, fmt.Sprintf("%s;2;%d;%d;%d", layer, v>>16, v>>8&0xff, v&0xff))
			default:
				p, ok := param(w)
				if !ok {
					bad = fmt.Errorf("%q is not a style Markup writes", w)
					return m
				}
				params = append(params, p)
			}
		}
		return "\x1b[" + strings.Join(params, ";") + "m"
	})
	return out, bad
}

// param is the SGR parameter of one of Markup's words.
func param(w string) (string, bool) {
	if w == "/" {
		return "0", true
	}
	for p, word := range words {
		if word == w && p != "" && p != "0" {
			return p, true
		}
	}
	return "", false
}
