package ui

import (
	"charm.land/bubbles/v2/key"
	"github.com/cradle-coach/cradle/ui/layout"
)

// helpView lists the keys of the screen underneath, from line top on
// (helpTop) where they do not all fit: ↑/↓ then scroll them.
func helpView(a *app, under screen, top int) string {
	s := a.styles
	lines, room := helpLines(a, under), helpRoom(a)
	header := headerLine(a.w-2, s.Brand.Render("cradle"), s.Dim.Render("help"))
	if len(lines) <= room {
		return a.frame(header, layout.Centre(lines, a.w, a.h-4, min(a.w-4, 76)), s.Dim.Render(closeHelpWords))
	}
	top = min(top, len(lines)-room)
	footer := a.keyName("↑/↓") + " more · any other key closes help"
	return a.frame(header, layout.Centre(lines[top:top+room], a.w, room, min(a.w-4, 76)), s.Dim.Render(footer))
}

// closeHelpWords say how help closes.
const closeHelpWords = "any key closes help"

// helpRoom is how many lines of help a window shows.
func helpRoom(a *app) int { return max(a.h-4-len(a.bottomLines()), 1) }

// helpFits reports whether the help for under fits the window whole.
func helpFits(a *app, under screen) bool { return len(helpLines(a, under)) <= helpRoom(a) }

// helpTop keeps a help scrolled to line top inside what there is to
// scroll: 0 when it all fits.
func helpTop(a *app, under screen, top int) int {
	return max(min(top, len(helpLines(a, under))-helpRoom(a)), 0)
}

// helpLines are the keys of the screen underneath, grouped as its
// HelpKeys say, and the keys that work anywhere.
func helpLines(a *app, under screen) []string {
	s, k := a.styles, a.keys
	groups := append(under.HelpKeys(), keyGroup{"Anywhere", []key.Binding{k.Help, k.ForceQuit}})
	var b []string
	b = append(b, s.Title.Render("Keys"), "")
	for _, g := range groups {
		b = append(b, s.Calm.Render(g.title))
		for _, bind := range g.keys {
			if !bind.Enabled() {
				continue
			}
			h := bind.Help()
			b = append(b, "  "+s.Key.Render(padRight(a.keyName(h.Key), 8))+s.Text.Render(h.Desc))
		}
		b = append(b, "")
	}
	for _, l := range wrap("Steps move on by themselves: your hands can stay on your baby.", min(a.w-4, 76), "") {
		b = append(b, s.Dim.Render(l))
	}
	return b
}
