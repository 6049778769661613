package golden

import "testing"

// Markup spells out what a terminal receives, and ANSI gives it back.
func TestMarkupAndBack(t *testing.T) {
	term := "\x1b[1;38;2;244;177;131mFull-body\x1b[0m \x1b[2;3;4;7;48;2;30;27;24mx\x1b[0m plain"
	styled := Markup(term)
	if want := "{b #F4B183}Full-body{/} {faint i u rev on#1E1B18}x{/} plain"; styled != want {
		t.Fatalf("Markup: %q, want %q", styled, want)
	}
	back, err := ANSI(styled)
	if err != nil || back != term {
		t.Fatalf("ANSI: %q, %v; want %q", back, err, term)
	}
	for _, bad := range []string{"{?5}blink", "{#12345G}x", "{bold}x"} {
		if _, err := ANSI(bad); err == nil {
			t.Errorf("ANSI(%q) took a word Markup never writes", bad)
		}
	}
}
