package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/insights"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui/layout"
)

// shapeScreen proposes a personal version of a routine, shaped by the
// baby's answers, and shows every change and why before anything is
// saved. Saved, it is an ordinary routine file in the parent's routines
// folder, to edit or delete like any other.
type shapeScreen struct {
	drawnToSize
	a       *app
	back    screen
	rep     insights.Report
	choices []*routines.Routine // routines it can start from
	at      int
	// for the routine chosen:
	personal *routines.Routine
	changes  []insights.Change
	existing time.Time // when a file of that name was saved; zero if none
	checked  bool
	saved    string // the file written
	err      error
	// busy is true while the file is being written or deleted: a key
	// pressed again meanwhile does nothing.
	busy bool
}

type shapeFileMsg struct {
	id       string
	existing time.Time
}

type shapeSavedMsg struct {
	path string
	r    *routines.Routine
	err  error
}

type shapeDeletedMsg struct {
	id  string
	err error
}

func newShape(a *app, back screen, rep insights.Report) (screen, tea.Cmd) {
	sh := &shapeScreen{a: a, back: back, rep: rep}
	for _, r := range a.data.routines {
		// Always from a built-in routine, never from a shaped one (so
		// shaping again cannot grow without bound), and never the research
		// protocol, which is followed as it was studied.
		if routines.Reshapable(r) {
			sh.choices = append(sh.choices, r)
		}
	}
	if best := insights.MostUsed(rep, sh.choices, a.data.routines); best != nil {
		for i, r := range sh.choices {
			if r == best {
				sh.at = i
			}
		}
	}
	return sh, sh.propose()
}

// path is where the personal routine's file goes.
func (sh *shapeScreen) path() string {
	if sh.personal == nil || sh.a.cfg.RoutinesDir == "" {
		return ""
	}
	return routines.FilePath(sh.a.cfg.RoutinesDir, sh.personal.ID)
}

// propose works out the personal version of the routine chosen, and asks
// whether a file of that name exists.
func (sh *shapeScreen) propose() tea.Cmd {
	sh.personal, sh.changes, sh.existing, sh.checked, sh.saved, sh.err = nil, nil, time.Time{}, false, "", nil
	if len(sh.choices) == 0 {
		return nil
	}
	from := sh.choices[sh.at]
	p, changes := insights.Personalize(from, sh.rep)
	if p == nil {
		return nil
	}
	insights.Named(p, from, sh.rep, changes, sh.a.clock.Now())
	sh.personal, sh.changes = p, changes
	dir, id := sh.a.cfg.RoutinesDir, p.ID
	if dir == "" {
		return nil
	}
	return func() tea.Msg { return shapeFileMsg{id: id, existing: routines.FileSaved(dir, id)} }
}

func (sh *shapeScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	a, k := sh.a, sh.a.keys
	switch msg := msg.(type) {
	case shapeFileMsg:
		if sh.personal != nil && msg.id == sh.personal.ID {
			sh.existing, sh.checked = msg.existing, true
		}
	case shapeSavedMsg:
		sh.busy = false
		if msg.err != nil {
			sh.err = msg.err
			return sh, nil
		}
		sh.saved = msg.path
		msg.r.File = msg.path
		a.report(routineSavedMsg{msg.r})
	case shapeDeletedMsg:
		sh.busy = false
		if msg.err != nil {
			sh.err = msg.err
			return sh, nil
		}
		a.report(routineDeletedMsg{msg.id})
		sh.saved, sh.existing = "", time.Time{}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Leave):
			return sh.back, nil
		case sh.busy:
			return sh, nil
		case key.Matches(msg, k.Other) && len(sh.choices) > 1:
			step := 1
			if msg.String() == "left" {
				step = len(sh.choices) - 1
			}
			sh.at = (sh.at + step) % len(sh.choices)
			return sh, sh.propose()
		case key.Matches(msg, k.Save) && sh.personal != nil && sh.saved == "" && sh.path() != "":
			return sh, sh.save()
		case key.Matches(msg, k.Delete) && sh.personal != nil && (sh.saved != "" || !sh.existing.IsZero()):
			dir, id := sh.a.cfg.RoutinesDir, sh.personal.ID
			sh.busy = true
			return sh, func() tea.Msg { return shapeDeletedMsg{id, routines.DeleteFile(dir, id)} }
		}
	}
	return sh, nil
}

func (sh *shapeScreen) save() tea.Cmd {
	sh.busy = true
	p, dir, baby, now := *sh.personal, sh.a.cfg.RoutinesDir, sh.rep.Baby, sh.a.clock.Now()
	from := sh.choices[sh.at]
	var why []string
	for _, c := range sh.changes {
		why = append(why, "  "+c.String())
	}
	header := fmt.Sprintf("%s, shaped by cradle on %s from %s's answers\nin the last %d weeks. Changed from %q:\n%s\nEdit it as you like, or delete this file to remove it.",
		p.Title, now.Format("2 January 2006"), baby.Name, insights.AnswerWeeks, from.Title, strings.Join(why, "\n"))
	return func() tea.Msg {
		path, err := routines.SaveFile(dir, &p, header)
		return shapeSavedMsg{path, &p, err}
	}
}

// replaceRoutine puts r in the list in place of the routine with its id,
// or at the end.
func replaceRoutine(rs []*routines.Routine, r *routines.Routine) []*routines.Routine {
	out := append([]*routines.Routine(nil), rs...)
	for i, x := range out {
		if x.ID == r.ID {
			out[i] = r
			return out
		}
	}
	return append(out, r)
}

func dropRoutine(rs []*routines.Routine, id string) []*routines.Routine {
	var out []*routines.Routine
	for _, x := range rs {
		if x.ID != id || x.Builtin {
			out = append(out, x)
		}
	}
	return out
}

func (sh *shapeScreen) View() string {
	a, s := sh.a, sh.a.styles
	w := min(a.w-4, 80)
	name := sh.rep.Baby.Name
	header := headerLine(a.w-2, s.Brand.Render("cradle")+s.Dim.Render(" · a routine for "+name), "")
	var b []string
	para := func(style func(...string) string, text string) {
		for _, l := range wrap(text, w, "") {
			b = append(b, style(l))
		}
	}
	bindings := []key.Binding{enabledIf(len(sh.choices) > 1, a.keys.Other)}
	switch {
	case len(sh.choices) == 0:
		para(s.Dim.Render, "There is no routine to start from.")
	case sh.personal == nil:
		from := sh.choices[sh.at]
		b = append(b, s.Title.Render(layout.Cut("From "+from.Title, w)), "")
		para(s.Text.Render, fmt.Sprintf("Nothing to change yet. A routine is shaped from the regions and strokes of %s with answers from at least %d sessions in the last %d weeks, and none stands out yet. Keep answering the check-ins: the picture grows with every massage.",
			strings.ToLower(from.Title), insights.MinSessions, insights.AnswerWeeks))
	default:
		from := sh.choices[sh.at]
		b = append(b, s.Title.Render(layout.Cut(sh.personal.Title, w)))
		para(s.Dim.Render, fmt.Sprintf("From %s, shaped by %s's answers in the last %d weeks (about each region, in any routine that has it):", from.Title, name, insights.AnswerWeeks))
		b = append(b, "")
		for _, c := range sh.changes {
			for i, l := range wrap(c.Region+": "+c.What, w-2, "") {
				lead := "  "
				if i == 0 {
					lead = s.Accent.Render("• ")
				}
				b = append(b, lead+s.Text.Render(l))
			}
			for _, l := range wrap(c.Why, w-4, "    ") {
				b = append(b, s.Dim.Render(l))
			}
		}
		b = append(b, "", s.Dim.Render("Length  ")+s.Text.Render(routines.FormatLength(from.Length())+" → "+routines.FormatLength(sh.personal.Length())), "")
		switch {
		case a.cfg.RoutinesDir == "":
			para(s.Warn.Render, "cradle cannot find your configuration folder, so it has nowhere to save this routine.")
		case sh.saved != "":
			para(s.Calm.Render, "Saved as "+sh.saved+". It is on the home screen as \""+sh.personal.Title+" (yours)\". Edit the file as you like; d deletes it.")
			bindings = append(bindings, a.keys.Delete)
		default:
			para(s.Text.Render, "y saves it as "+sh.path()+", a routine file you can read, edit or delete.")
			if !sh.existing.IsZero() {
				para(s.Warn.Render, "It replaces the version saved on "+sh.existing.Local().Format("2 January")+" (d deletes that one instead).")
				bindings = append(bindings, a.keys.Delete)
			}
			bindings = append([]key.Binding{a.keys.Save}, bindings...)
		}
	}
	if sh.err != nil {
		b = append(b, "")
		para(s.Alert.Render, "Could not do that: "+plainError(sh.err))
	}
	bindings = append(bindings, a.keys.Leave, a.keys.Help)
	return a.frame(header, layout.Centre(b, a.w, a.h-4, w), a.helpBar(a.w-2, bindings...))
}

func (sh *shapeScreen) HelpKeys() []keyGroup {
	k := sh.a.keys
	return []keyGroup{{"A routine shaped by your baby", []key.Binding{k.Other, k.Save, k.Delete, k.Leave}}}
}
