package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui/layout"
)

// whyPrefix introduces a routine's why line on the home screen and in
// cradle routines show.
const whyPrefix = routines.WhyPrefix

// whyScreen is "Why massage?": what studies found, each with how sure it
// is, and that none of it makes massage a treatment. The words are
// routines.WhyMassage; this screen only lays them out and scrolls.
type whyScreen struct {
	drawnToSize
	a    *app
	back screen
	top  int // the first line shown
}

func (ws *whyScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return ws, nil
	}
	keys, page := ws.a.keys, max(ws.a.h-6, 1)
	switch {
	case key.Matches(k, keys.Leave):
		return ws.back, nil
	case key.Matches(k, keys.Up):
		ws.top--
	case key.Matches(k, keys.Down):
		ws.top++
	case key.Matches(k, keys.PageUp):
		ws.top -= page
	case key.Matches(k, keys.PageDown):
		ws.top += page
	}
	ws.top = min(max(ws.top, 0), ws.maxTop())
	return ws, nil
}

// The page's own words; what studies found is routines.WhyMassage.
const (
	whyTitle = "Why massage?"
	whyIntro = "What studies of infant massage found, and what instructors teach, in plain words, with how sure each is."
	howSure  = "How sure: "
)

// lines is the page, wrapped to the window.
func (ws *whyScreen) lines() []string {
	s := ws.a.styles
	w := min(ws.a.w-4, 76)
	var b []string
	b = append(b, s.Title.Render(whyTitle), "")
	for _, l := range wrap(whyIntro, w, "") {
		b = append(b, s.Dim.Render(l))
	}
	for _, f := range routines.WhyMassage {
		b = append(b, "")
		for _, l := range wrap(f.Title, w, "") {
			b = append(b, s.Calm.Render(l))
		}
		for _, l := range wrap(f.Text, w, "") {
			b = append(b, s.Text.Render(l))
		}
		for _, l := range wrap(howSure+f.Sure, w, "") {
			b = append(b, s.Dim.Render(l))
		}
	}
	b = append(b, "")
	for _, l := range wrap(routines.WhyNotATreatment, w, "") {
		b = append(b, s.Warn.Render(l))
	}
	return b
}

func (ws *whyScreen) keysNow() []key.Binding { return []key.Binding{ws.a.keys.Leave, ws.a.keys.Help} }

// plain says the whole page at once: a screen reader scrolls it.
func (ws *whyScreen) plain() []block {
	lines := []string{whyTitle, whyIntro}
	for _, f := range routines.WhyMassage {
		lines = append(lines, sentence(f.Title), f.Text, howSure+f.Sure)
	}
	lines = append(lines, routines.WhyNotATreatment, "Press "+ws.a.keyWord(ws.a.keys.Leave)+" to go back.")
	return []block{{"why", lines}}
}

// room is how many lines of the page the window shows.
func (ws *whyScreen) room() int { return max(ws.a.h-4, 1) }

func (ws *whyScreen) maxTop() int { return max(len(ws.lines())-ws.room(), 0) }

func (ws *whyScreen) View() string {
	a, s := ws.a, ws.a.styles
	lines := ws.lines()
	top := min(ws.top, ws.maxTop())
	end := min(top+ws.room(), len(lines))
	right := ""
	if len(lines) > ws.room() {
		right = s.Dim.Render(fmt.Sprintf("%d%%", end*100/len(lines)))
	}
	header := headerLine(a.w-2, s.Brand.Render("cradle")+s.Dim.Render(" · why massage?"), right)
	w := min(a.w-4, 76)
	pad := strings.Repeat(" ", max((a.w-w)/2, 1))
	body := make([]string, 0, end-top)
	for _, l := range lines[top:end] {
		body = append(body, pad+l)
	}
	bindings := []key.Binding{a.keys.Leave, a.keys.Help}
	if len(lines) > ws.room() {
		bindings = append([]key.Binding{layout.Relabel(a.keys.Up, "↑/↓", "scroll")}, bindings...)
	}
	return a.frame(header, strings.Join(body, "\n"), a.helpBar(a.w-2, bindings...))
}

func (ws *whyScreen) HelpKeys() []keyGroup {
	k := ws.a.keys
	return []keyGroup{{"Why massage?", []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Leave}}}
}
