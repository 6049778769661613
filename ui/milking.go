package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui/layout"
)

// setMilking makes the parent's choice about Indian milking and saves it.
func (a *app) setMilking(m store.Milking) tea.Cmd {
	return a.report(milkingChosenMsg{m})
}

// withChoices is r as the parent has chosen to do it: with Swedish
// milking only, every Indian milking is done as Swedish milking.
func (a *app) withChoices(r *routines.Routine) *routines.Routine {
	if a.data.settings.now.Milking == store.MilkingSwedishOnly {
		return routines.SwedishOnly(r)
	}
	return r
}

// mustAskMilking is true before the first session with Indian milking:
// the parent chooses once, before the stroke's timer ever runs. A
// demonstration on a doll keeps the routine as written.
func (a *app) mustAskMilking(r *routines.Routine) bool {
	return a.data.settings.now.Milking == "" && !a.demo() && routines.HasIndianMilking(r)
}

// milkingLine says, on the home screen, what is chosen and how to change
// it.
func (a *app) milkingLine() string {
	switch a.data.settings.now.Milking {
	case store.MilkingSwedishOnly:
		return "Swedish milking only (m keeps Indian milking too)"
	case store.MilkingBoth:
		return "Indian milking kept, with a light touch (m for Swedish milking only)"
	}
	return "Indian milking: cradle asks you once before you start (m to choose now)"
}

// milkingScreen asks, once, whether to keep Indian milking
// (docs/SOURCES.md, "Choices between sources"; [S12]). Then the session
// starts.
type milkingScreen struct {
	drawnToSize
	a    *app
	r    *routines.Routine
	opts routines.SessionOptions
}

func (ms *milkingScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return ms, nil
	}
	var choice store.Milking
	switch {
	case key.Matches(k, ms.a.keys.KeepIndian):
		choice = store.MilkingBoth
	case key.Matches(k, ms.a.keys.SwedishOnly):
		choice = store.MilkingSwedishOnly
	default:
		return ms, nil // only a digit chooses: a second enter does not
	}
	save := ms.a.setMilking(choice)
	next, cmd := newSessionScreen(ms.a, ms.r, ms.opts, nil)
	return next, tea.Batch(save, cmd)
}

// The words of the choice, from its source [S12].
const (
	milkingTitle = "One choice before you start: Indian milking"
	milkingWhat  = "This routine strokes the legs and arms two ways. Indian milking glides down the limb, away from the heart; Swedish milking glides up it, towards the heart."
	milkingWhy   = "A UK instructors' body stopped teaching Indian milking, for a reason in theory only: no harm has been found, and IAIM still teaches it. cradle keeps it, with a light touch."
	milkingAfter = "cradle remembers your choice for every routine. You can change it on the home screen with m."
)

func (ms *milkingScreen) View() string {
	a, s := ms.a, &ms.a.styles
	header := headerLine(a.w-2, s.Brand.Render("cradle")+s.Dim.Render(" · "+ms.r.Title), babyLabel(a, a.clock.Now()))
	w := min(a.w-4, 76)
	// On a small window the two choices stay; the words give way.
	b := []layout.Part{
		words(rankTitle, milkingTitle, w, &s.Title), blank(rankAir),
		words(rankDetail, milkingWhat, w, &s.Text), blank(rankAir),
		words(rankWords, milkingWhy, w, &s.Text), blank(rankAir),
		layout.Drawn(rankMust,
			s.Key.Render(milkingChoices[0].key)+"  "+s.Text.Render(milkingChoices[0].text),
			s.Key.Render(milkingChoices[1].key)+"  "+s.Text.Render(milkingChoices[1].text)),
		blank(rankAir), words(rankNext, milkingAfter, w, &s.Dim),
	}
	room := a.h - 4
	return a.frame(header, layout.Centre(layout.Texts(layout.Fit(b, room, w)), a.w, room, w), a.helpBar(a.w-2, ms.keysNow()...))
}

// milkingChoices are the two answers, by their keys.
var milkingChoices = []choice{{"1", "Keep Indian milking, with a light touch"}, {"2", "Swedish milking only"}}

func (ms *milkingScreen) keysNow() []key.Binding {
	return []key.Binding{ms.a.keys.KeepIndian, ms.a.keys.SwedishOnly, ms.a.keys.Help}
}

func (ms *milkingScreen) plain() []block {
	lines := []string{milkingTitle + ".", milkingWhat, milkingWhy}
	for _, c := range milkingChoices {
		lines = append(lines, c.key+". "+c.text+".")
	}
	return []block{{"milking:" + ms.r.ID, append(lines, milkingAfter, "Type 1 or 2.")}}
}

func (ms *milkingScreen) HelpKeys() []keyGroup {
	k := ms.a.keys
	return []keyGroup{{"One choice before you start", []key.Binding{k.KeepIndian, k.SwedishOnly}}}
}
