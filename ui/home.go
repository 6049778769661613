package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cradle/routines"
	"cradle/store"
)

// home lists the routines: each with its purpose, the ages it suits and
// its real length (the sum of its steps).
type home struct {
	a      *app
	cursor int
}

func newHome(a *app) *home { return &home{a: a} }

func (h *home) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := h.a.keys
	rs := h.a.homeRoutines()
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			h.cursor = (h.cursor - 1 + len(rs)) % max(len(rs), 1)
		case key.Matches(msg, k.Down):
			h.cursor = (h.cursor + 1) % max(len(rs), 1)
		case key.Matches(msg, k.Start):
			if len(rs) == 0 {
				return h, nil
			}
			r := rs[h.cursor]
			if h.a.baby.ID == 0 {
				return newBabyScreen(h.a, h, r) // the first start asks who the baby is
			}
			return newReadyScreen(h.a, r, h)
		case key.Matches(msg, k.Baby):
			return newBabyScreen(h.a, h, nil)
		case key.Matches(msg, k.Quit):
			return h, func() tea.Msg { return quitMsg{} }
		default:
			if d := msg.String(); len(d) == 1 && d[0] >= '1' && d[0] <= '9' && int(d[0]-'1') < len(rs) {
				h.cursor = int(d[0] - '1')
			}
		}
	}
	return h, nil
}

func (h *home) View() string {
	a, s := h.a, h.a.styles
	w := a.w
	header := headerLine(w-2, s.Brand.Render("cradle")+s.Dim.Render(" · infant massage"), babyLabel(a, a.clock.Now()))
	var b []string
	b = append(b, "", " "+s.Title.Render("Choose a massage"), "")
	rs := a.homeRoutines()
	if len(rs) == 0 {
		b = append(b, " "+s.Warn.Render("No routines could be loaded."))
	}
	inner := w - 6
	for i, r := range rs {
		length := routines.FormatLength(r.Length())
		title := r.Title
		if !r.Builtin {
			title += " (yours)"
		}
		if i != h.cursor {
			b = append(b, "   "+headerLine(inner, s.Text.Render(title), s.Dim.Render(length)))
			continue
		}
		mark := s.Marker.Render("▌") + " "
		b = append(b, " "+mark+headerLine(inner, s.Selected.Render(title), s.Accent.Render(length)))
		for _, l := range wrap(r.Purpose, inner, "") {
			b = append(b, " "+mark+s.Dim.Render(l))
		}
		ages := "Suits " + r.Ages.String()
		if r.Clearance != "" {
			ages += " · only with your clinician's go-ahead"
		}
		b = append(b, " "+mark+s.Calm.Render(ages))
	}
	body := scrollTo(b, h.selectedLine(b), a.h-4)
	footer := a.helpBar(w-2, a.keys.Up, a.keys.Down, a.keys.Start, a.keys.Baby, a.keys.Help, a.keys.Quit)
	return a.frame(header, body, footer)
}

// selectedLine is the body line of the selected routine's last line, so
// scrolling keeps it in view.
func (h *home) selectedLine(lines []string) int {
	for i, l := range lines {
		if strings.Contains(l, "▌") {
			for j := i; j < len(lines) && strings.Contains(lines[j], "▌"); j++ {
				i = j
			}
			return i
		}
	}
	return 0
}

// scrollTo keeps line `focus` of lines inside a window of n lines.
func scrollTo(lines []string, focus, n int) string {
	if n <= 0 {
		return ""
	}
	start := 0
	if focus >= n {
		start = focus - n + 1
	}
	end := min(start+n, len(lines))
	return strings.Join(lines[start:end], "\n")
}

// babyLabel is "for Mia · 7 weeks" (or just the name when the birth date
// is not known).
func babyLabel(a *app, now time.Time) string {
	if !a.loaded || a.baby.ID == 0 {
		return ""
	}
	s := a.styles
	label := s.Dim.Render("for ") + s.Text.Render(a.baby.Name)
	if age := ageText(a.baby, now); age != "" {
		label += s.Dim.Render(" · " + age)
	}
	return label
}

// ageText is a baby's age in the units parents use: days, then weeks,
// then months.
func ageText(b store.Baby, now time.Time) string {
	if b.Birth.IsZero() || now.Before(b.Birth) {
		return ""
	}
	days := int(now.Sub(b.Birth).Hours() / 24)
	switch {
	case days < 14:
		return plural(days, "day")
	case days < 12*7:
		return plural(days/7, "week")
	default:
		return plural(days*12/365, "month")
	}
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
