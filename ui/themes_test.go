package ui

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"reflect"
	"runtime"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/cradle-coach/cradle/internal/golden"
)

// styled is a view with its styles spelt out (golden.Markup), so a
// golden file shows the colours and the emphasis: {b #EDE6DD}text{/} is
// bold text in #EDE6DD. profile is what the terminal receives: TrueColor,
// or ASCII under NO_COLOR (no colours, but bold, underline and reverse
// stay).
func styled(t *testing.T, view string, profile colorprofile.Profile) string {
	t.Helper()
	var buf bytes.Buffer
	w := &colorprofile.Writer{Forward: &buf, Profile: profile}
	if _, err := w.WriteString(view); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(golden.Markup(buf.String()), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// Every main screen in every theme, colours and emphasis spelt out: the
// light, dark and night palettes, and NO_COLOR's monochrome (what the
// terminal gets: no colour at all, emphasis in bold, underline, reverse).
func TestThemeViews(t *testing.T) {
	for _, th := range []Theme{ThemeLight, ThemeDark, ThemeNight, ThemeMono} {
		profile := colorprofile.TrueColor
		if th == ThemeMono {
			profile = colorprofile.ASCII
		}
		check := func(name string, hs *harness) {
			t.Helper()
			switch name {
			case "home", "readiness", "session", "checkin", "summary":
				golden.Check(t, fmt.Sprintf("theme-%s-%s", th, name), styled(t, hs.m.View().Content, profile))
				// Judged in true colour: the ASCII profile of the golden
				// file would strip any colour the view asked for.
				if th == ThemeMono && strings.Contains(styled(t, hs.m.View().Content, colorprofile.TrueColor), "#") {
					t.Errorf("%s under NO_COLOR still has a colour", name)
				}
			}
		}
		screensWith(t, 80, 24, Config{Theme: th}, check)
		hs := presentHarness(t, 80, 24, Config{Theme: th})
		golden.Check(t, fmt.Sprintf("theme-%s-present", th), styled(t, hs.m.View().Content, profile))
	}
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, bl, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.04045 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(bl)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Contrast held in every colour theme, measured on each style the screens
// use: body text (the text colour: instructions, titles, keys, the timer)
// at least 7:1, all other text at least 4.5:1, and button labels 4.5:1 on
// their button. Rules and the empty part of a bar are decoration. It
// holds in true colour and after Bubble Tea brings the colours down to a
// 256-colour terminal's nearest.
func TestContrast(t *testing.T) {
	decoration := map[string]bool{"Rule": true, "BarEmpty": true, "Panel": true}
	body := map[string]bool{"Title": true, "Text": true, "Timer": true, "Key": true}
	for _, profile := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256} {
		conv := func(c color.Color) color.Color { return profile.Convert(c) }
		for _, th := range []Theme{ThemeLight, ThemeDark, ThemeNight} {
			st := NewStyles(th)
			bg := conv(st.p.bg)
			v := reflect.ValueOf(st)
			var report []string
			for i := 0; i < v.NumField(); i++ {
				name := v.Type().Field(i).Name
				if !v.Type().Field(i).IsExported() {
					continue
				}
				style, ok := v.Field(i).Interface().(lipgloss.Style)
				if !ok || decoration[name] {
					continue
				}
				fg := style.GetForeground()
				if _, none := fg.(lipgloss.NoColor); none {
					t.Errorf("%s: %s has no colour", th, name)
					continue
				}
				want := 4.5
				if body[name] {
					want = 7
				}
				got := contrast(conv(fg), bg)
				report = append(report, fmt.Sprintf("%s %.1f", name, got))
				if got < want {
					t.Errorf("%s in %s: %s has a contrast of %.2f:1, want at least %.1f:1", th, profile, name, got, want)
				}
			}
			for _, b := range []struct {
				name   string
				fg, bg color.Color
			}{{"focused button", st.p.bg, st.p.accent}, {"other button", st.p.text, st.p.line}} {
				if got := contrast(conv(b.fg), conv(b.bg)); got < 4.5 {
					t.Errorf("%s in %s: the %s's label has a contrast of %.2f:1, want 4.5:1", th, profile, b.name, got)
				}
			}
			t.Logf("%s in %s: %s", th, profile, strings.Join(report, ", "))
		}
	}
}

// Night is dim and low in blue: in every colour blue is well under red,
// and its text gives off about half the light of the dark theme's.
func TestNightIsDimAndWarm(t *testing.T) {
	p := palettes[ThemeNight]
	for i, c := range []color.Color{p.bg, p.text, p.dim, p.faint, p.accent, p.calm, p.warn, p.alert, p.line} {
		r, _, b, _ := c.RGBA()
		if float64(b) > 0.65*float64(r) {
			t.Errorf("night colour %d has blue %d against red %d", i, b>>8, r>>8)
		}
	}
	if night, dark := contrast(p.text, color.Black), contrast(palettes[ThemeDark].text, color.Black); night > 0.6*dark {
		t.Errorf("night text is as bright as the dark theme's (%.1f vs %.1f against black)", night, dark)
	}
}

// With no theme chosen the app asks the terminal for its background, and
// follows the answer; the first frame does not wait for it (dark until
// then). A chosen theme is kept, and paints the background so its
// contrast holds.
func TestBackgroundDetection(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	if hs.m.app.styles.Theme != ThemeDark {
		t.Fatalf("before any answer the theme is %s, want dark", hs.m.app.styles.Theme)
	}
	if !hasCmd(hs.m.Init(), tea.RequestBackgroundColor) {
		t.Fatal("Init does not ask for the background colour")
	}
	hs.send(tea.BackgroundColorMsg{Color: color.White})
	if hs.m.app.styles.Theme != ThemeLight {
		t.Fatalf("on a white background the theme is %s, want light", hs.m.app.styles.Theme)
	}
	if hs.m.View().BackgroundColor != nil {
		t.Error("a followed theme paints the background")
	}
	hs.send(tea.BackgroundColorMsg{Color: color.Black})
	if hs.m.app.styles.Theme != ThemeDark {
		t.Fatalf("on a black background the theme is %s, want dark", hs.m.app.styles.Theme)
	}

	night := newHarnessWith(t, 80, 24, Config{Theme: ThemeNight, Store: withBaby()})
	if hasCmd(night.m.Init(), tea.RequestBackgroundColor) {
		t.Error("with --theme the background is asked for")
	}
	night.send(tea.BackgroundColorMsg{Color: color.White})
	if night.m.app.styles.Theme != ThemeNight {
		t.Fatalf("--theme night became %s", night.m.app.styles.Theme)
	}
	if bg := night.m.View().BackgroundColor; bg == nil || contrast(bg, palettes[ThemeNight].bg) != 1 {
		t.Errorf("--theme night paints the background %v, want the night background", bg)
	}
	mono := newHarnessWith(t, 80, 24, Config{Theme: ThemeMono, Store: withBaby()})
	if mono.m.View().BackgroundColor != nil {
		t.Error("NO_COLOR paints the background")
	}
}

// hasCmd reports whether cmd, or a command of its batch, is want.
func hasCmd(cmd, want tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	if reflect.ValueOf(cmd).Pointer() == reflect.ValueOf(want).Pointer() {
		return true
	}
	// Only batches are opened: other commands are not run.
	if !strings.Contains(runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name(), "compactCmds") {
		return false
	}
	if batch, ok := cmd().(tea.BatchMsg); ok {
		for _, c := range batch {
			if hasCmd(c, want) {
				return true
			}
		}
	}
	return false
}
