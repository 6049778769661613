package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cradle/routines"
	"cradle/store"
)

// resumeScreen offers to pick up a session that was cut off (a closed
// terminal, a crash, ctrl+c) or to close it as interrupted.
type resumeScreen struct {
	a      *app
	rec    store.Session
	back   screen
	events []routines.Event
	loaded bool
	err    error
}

type resumeEventsMsg struct {
	events []routines.Event
	err    error
}

type closedMsg struct{ err error }

func newResume(a *app, rec store.Session, back screen) (*resumeScreen, tea.Cmd) {
	st := a.cfg.Store
	return &resumeScreen{a: a, rec: rec, back: back}, func() tea.Msg {
		evs, err := st.Events(rec.ID)
		return resumeEventsMsg{evs, err}
	}
}

func (r *resumeScreen) routine() *routines.Routine { return r.a.routine(r.rec.RoutineID) }

func (r *resumeScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := r.a.keys
	switch msg := msg.(type) {
	case resumeEventsMsg:
		r.events, r.err, r.loaded = msg.events, msg.err, true
	case closedMsg:
		if msg.err != nil {
			r.err = msg.err
			return r, nil
		}
		r.a.unfinished = r.a.unfinished[1:]
		return r.back, nil
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Resume) && r.loaded && r.err == nil && r.routine() != nil:
			r.a.unfinished = r.a.unfinished[1:]
			r.a.baby = r.babyOf()
			rt := r.routine()
			return newSessionScreen(r.a, rt, routines.Options{Resume: r.events, CheckInWait: r.a.cfg.CheckInWait}, &r.rec)
		case key.Matches(msg, k.Close):
			st, id, at := r.a.cfg.Store, r.rec.ID, r.a.clock.Now()
			return r, func() tea.Msg { return closedMsg{st.CloseInterrupted(id, at)} }
		case key.Matches(msg, k.Quit):
			r.a.unfinished = r.a.unfinished[1:]
			return r.back, nil
		}
	}
	return r, nil
}

// babyOf is the baby the interrupted session was for.
func (r *resumeScreen) babyOf() store.Baby {
	for _, b := range r.a.babies {
		if b.ID == r.rec.BabyID {
			return b
		}
	}
	return r.a.baby
}

func (r *resumeScreen) View() string {
	a, s := r.a, r.a.styles
	w := min(a.w-4, 76)
	header := headerLine(a.w-2, s.Brand.Render("cradle"), s.Dim.Render("unfinished massage"))
	var b []string
	b = append(b, s.Title.Render("Pick up where you stopped?"), "")
	started := r.rec.Started.Local().Format("Mon 2 Jan at 15:04")
	text := fmt.Sprintf("%s with %s, started %s, was cut off", r.rec.RoutineTitle, r.rec.BabyName, started)
	if last := lastStep(r.routine(), r.events); last != "" {
		text += " after " + last
	}
	text += "."
	for _, l := range wrap(text, w, "") {
		b = append(b, s.Text.Render(l))
	}
	b = append(b, "")
	if r.err != nil {
		for _, l := range wrap("Could not read it: "+plainError(r.err), w, "") {
			b = append(b, s.Alert.Render(l))
		}
		b = append(b, "")
	}
	rt := r.routine()
	if rt == nil {
		for _, l := range wrap("The routine \""+r.rec.RoutineID+"\" is no longer available, so it can only be closed.", w, "") {
			b = append(b, s.Warn.Render(l))
		}
		b = append(b, "")
	} else {
		b = append(b, s.Key.Render("r")+"    "+s.Text.Render("resume: ask your baby again, then go on from there"))
	}
	b = append(b,
		s.Key.Render("x")+"    "+s.Text.Render("close it as interrupted (it stays in your history)"),
		s.Key.Render("esc")+"  "+s.Text.Render("decide later"))
	footer := a.helpBar(a.w-2, k(rt != nil, a.keys.Resume), a.keys.Close,
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "later")))
	return a.frame(header, center(b, a.w, a.h-4, min(a.w-4, 76)), footer)
}

// k returns b, disabled unless on.
func k(on bool, b key.Binding) key.Binding {
	b.SetEnabled(on)
	return b
}

// lastStep names the last step done or skipped: "chest: Open book".
func lastStep(r *routines.Routine, evs []routines.Event) string {
	for i := len(evs) - 1; i >= 0; i-- {
		ev := evs[i]
		if (ev.Kind == routines.EvStepDone || ev.Kind == routines.EvStepSkipped) && ev.Region != "opening" {
			region := ev.Region
			if r != nil {
				if rg, ok := r.Region(ev.Region); ok {
					region = rg.Name
				}
			}
			return strings.ToLower(region) + ": " + strings.TrimSpace(ev.Step)
		}
	}
	return ""
}
