package ui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cradle-coach/cradle/internal/golden"
)

func TestASCIIOnly(t *testing.T) {
	for _, c := range []struct {
		env   map[string]string
		ascii bool
	}{
		{map[string]string{}, true}, // the C locale
		{map[string]string{"LANG": "C"}, true},
		{map[string]string{"LANG": "POSIX"}, true},
		{map[string]string{"LANG": "en_GB.ISO-8859-1"}, true},
		{map[string]string{"LANG": "en_GB.UTF-8"}, false},
		{map[string]string{"LANG": "de_DE.utf8"}, false},
		{map[string]string{"LC_CTYPE": "UTF-8"}, false}, // as macOS sets it
		{map[string]string{"LANG": "en_GB.UTF-8", "LC_ALL": "C"}, true},
		{map[string]string{"LANG": "C", "LC_CTYPE": "C.UTF-8"}, false},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LC_CTYPE": "C"}, false},
	} {
		if got := ASCIIOnly(func(k string) string { return c.env[k] }); got != c.ascii {
			t.Errorf("%v: ASCII only %v, want %v", c.env, got, c.ascii)
		}
	}
}

// Every glyph has a stand-in as wide as itself, so a layout holds.
func TestASCIIStandIns(t *testing.T) {
	for r, sub := range asciiGlyphs {
		if sub >= 0x80 || ansi.StringWidth(string(r)) != 1 {
			t.Errorf("%q stands in for %q, %d cell(s) wide", sub, r, ansi.StringWidth(string(r)))
		}
	}
	in := "Café · “Mia’s” ─━● ✓ → 日本 e\u0301 \x1b[1mbold\x1b[m"
	got := asciiText(in)
	if want := "Cafe - \"Mia's\" -=* + > ???? e \x1b[1mbold\x1b[m"; got != want {
		t.Errorf("asciiText(%q) = %q, want %q", in, got, want)
	}
	if ansi.StringWidth(got) != ansi.StringWidth(in) {
		t.Errorf("widths differ: %d, was %d", ansi.StringWidth(got), ansi.StringWidth(in))
	}
}

// Under a locale that is not UTF-8 every screen is drawn in ASCII, at the
// size it has in Unicode, with the keys the help shows as arrows in words;
// the session screen and the big letters are held by golden files.
func TestASCIIViews(t *testing.T) {
	check := func(name string, hs *harness) {
		t.Helper()
		v := hs.m.View()
		for i, r := range v.Content + v.WindowTitle {
			if r >= 0x80 {
				t.Fatalf("%s: %q at byte %d is not ASCII:\n%s", name, r, i, hs.view())
			}
		}
		switch name {
		case "session", "checkin", "offer":
			golden.Check(t, "ascii-"+name, hs.view())
		}
	}
	screensWith(t, 80, 24, Config{ASCII: true}, check)
	hs := presentHarness(t, 80, 24, Config{ASCII: true})
	golden.Check(t, "ascii-present", hs.view())

	// The same screens in Unicode keep their shape: line for line, cell
	// for cell, but where keys are named: the footer, the offer's choices.
	uni := map[string]string{}
	screens(t, 80, 24, func(name string, hs *harness) { uni[name] = hs.view() })
	screensWith(t, 80, 24, Config{ASCII: true}, func(name string, hs *harness) {
		a, u := strings.Split(hs.view(), "\n"), strings.Split(uni[name], "\n")
		if len(a) != len(u) {
			t.Fatalf("%s: %d lines in ASCII, %d in Unicode", name, len(a), len(u))
		}
		choice := false // within a choice after fussing, its words wrapped under its keys
		for i := range a {
			if offerChoice.MatchString(a[i]) {
				choice = true
			} else if strings.TrimSpace(a[i]) == "" || !strings.HasPrefix(a[i], "      ") {
				choice = false
			}
			named := i == len(a)-1 || choice // keys in words
			if aw, uw := ansi.StringWidth(a[i]), ansi.StringWidth(u[i]); aw > 80 || (aw != uw && !named) {
				t.Errorf("%s line %d: %d cells in ASCII, %d in Unicode:\n%s\n%s", name, i, aw, uw, a[i], u[i])
			}
		}
	})
}

// offerChoice is a line of the choices after fussing: "right  1  Go on".
var offerChoice = regexp.MustCompile(`^ +\S+ +[123]  \S`)

// The help names the arrow keys in words in ASCII.
func TestASCIIKeyNames(t *testing.T) {
	hs := newHarnessWith(t, 80, 24, Config{Store: withBaby(), ASCII: true})
	hs.press("enter")
	hs.answerReady()
	hs.press("n", "n", "n", "space", "n")
	if v := hs.view(); !strings.Contains(v, "right next") || !strings.Contains(v, "left back") {
		t.Errorf("the footer does not name the arrows:\n%s", v)
	}
	hs.press("?")
	if v := hs.view(); !strings.Contains(v, padRight("right", 8)+"next") {
		t.Errorf("the help does not name the arrows:\n%s", v)
	}
}
