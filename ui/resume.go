package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui/layout"
)

// resumeScreen offers to pick up a session that was cut off (a closed
// terminal, a crash, ctrl+c) or to close it as interrupted. With several
// (twins, each cut off), they are listed and the one chosen is acted on.
type resumeScreen struct {
	drawnToSize
	a      *app
	back   screen
	cursor int
	events map[string][]routines.Event // loaded per session, by id
	// routines are the routines the sessions were of, found with their
	// events (nil: not found); see routineFor.
	routines map[string]*routines.Routine
	err      error
	// closing is true while a close is being saved: a resume then would
	// pick up a session the store is ending.
	closing bool
}

type resumeEventsMsg struct {
	id      string
	events  []routines.Event
	routine *routines.Routine
	err     error
}

type closedMsg struct {
	id  string
	err error
}

// newResume lists a.data.unfinished.
// beforeHome: the settings' problems said at its foot are said again on
// the home screen it leads to.
func (r *resumeScreen) beforeHome() {}

func newResume(a *app, back screen) (*resumeScreen, tea.Cmd) {
	r := &resumeScreen{a: a, back: back, events: map[string][]routines.Event{}, routines: map[string]*routines.Routine{}}
	return r, r.load()
}

// load reads the events of the session chosen, once.
func (r *resumeScreen) load() tea.Cmd {
	rec, ok := r.current()
	if !ok {
		return nil
	}
	if _, ok := r.events[rec.ID]; ok {
		return nil
	}
	st, a := r.a.cfg.Store, r.a
	return func() tea.Msg {
		evs, err := st.Events(rec.ID)
		return resumeEventsMsg{rec.ID, evs, a.routineFor(rec), err}
	}
}

// routineFor is the routine a saved session was of: in the catalogue by
// its id, else read again from the file it was run from (cradle run
// FILE). It may read a file: call it in a command.
func (a *app) routineFor(rec store.Session) *routines.Routine {
	if r := a.routine(rec.RoutineID); r != nil {
		return r
	}
	if f := rec.RoutineFile; f != "" && filepath.IsAbs(f) {
		if r, err := routines.LoadFile(f); err == nil && r.ID == rec.RoutineID {
			return r
		}
	}
	return nil
}

// cannotResume says why a cut-off session can only be closed: its
// routine is gone, or has changed since (its steps are no longer where
// the session left them); "" when it can be picked up.
func cannotResume(rec store.Session, rt *routines.Routine, evs []routines.Event) string {
	file := ""
	if f := rec.RoutineFile; filepath.IsAbs(f) {
		file = " (" + f + ")"
	}
	switch {
	case rt == nil:
		return fmt.Sprintf("The routine %q%s is no longer available, so this massage can only be closed.", rec.RoutineTitle, file)
	case !rt.Fits(evs):
		return fmt.Sprintf("The routine %q%s has changed since this massage began: its steps are no longer where they were, so this massage can only be closed.", rec.RoutineTitle, file)
	}
	return ""
}

func (r *resumeScreen) current() (store.Session, bool) {
	if r.cursor < len(r.a.data.unfinished) {
		return r.a.data.unfinished[r.cursor], true
	}
	return store.Session{}, false
}

func (r *resumeScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := r.a.keys
	switch msg := msg.(type) {
	case resumeEventsMsg:
		if msg.err != nil {
			r.err = msg.err
			return r, nil
		}
		r.events[msg.id] = msg.events
		r.routines[msg.id] = msg.routine
	case closedMsg:
		r.closing = false
		if msg.err != nil {
			r.err = msg.err
			return r, nil
		}
		r.a.report(unfinishedGoneMsg{msg.id})
		if len(r.a.data.unfinished) == 0 {
			return r.back, nil
		}
		r.cursor = min(r.cursor, len(r.a.data.unfinished)-1)
		return r, r.load()
	case tea.KeyPressMsg:
		rec, ok := r.current()
		if !ok {
			return r.back, nil
		}
		if r.closing {
			return r, nil
		}
		switch {
		case key.Matches(msg, k.Up) && r.cursor > 0:
			r.cursor--
			r.err = nil
			return r, r.load()
		case key.Matches(msg, k.Down) && r.cursor < len(r.a.data.unfinished)-1:
			r.cursor++
			r.err = nil
			return r, r.load()
		case key.Matches(msg, k.Resume):
			evs, loaded := r.events[rec.ID]
			if rt := r.routines[rec.ID]; loaded && r.err == nil && cannotResume(rec, rt, evs) == "" {
				return resumeFor(r.a, rec, rt, evs, r)
			}
		case key.Matches(msg, k.Close):
			r.closing = true
			return r, closeInterrupted(r.a, rec.ID)
		case key.Matches(msg, k.Quit):
			return r.back, nil // decide later: home says they are there
		default: // a number chooses from the list
			if d := msg.String(); len(d) == 1 && d[0] >= '1' && d[0] <= '9' && int(d[0]-'1') < len(r.a.data.unfinished) {
				r.cursor, r.err = int(d[0]-'1'), nil
				return r, r.load()
			}
		}
	}
	return r, nil
}

// resumeSession picks a cut-off session up again, for its own baby, with
// what a readiness check at the resume said (more regions left out, no
// oil used) in opts.
func resumeSession(a *app, rec store.Session, rt *routines.Routine, evs []routines.Event, opts routines.SessionOptions) (screen, tea.Cmd) {
	a.report(unfinishedGoneMsg{rec.ID})
	a.report(babyChosenMsg{rec.BabyID}) // the session's own baby
	opts.Resume, opts.CheckInWait = evs, a.cfg.CheckInWait
	return newSessionScreen(a, rt, opts, &rec)
}

func closeInterrupted(a *app, id string) tea.Cmd {
	st, at := a.cfg.Store, a.clock.Now()
	return func() tea.Msg { return closedMsg{id, st.CloseInterrupted(id, at)} }
}

func (r *resumeScreen) View() string {
	a, s := r.a, r.a.styles
	w := min(a.w-4, 76)
	header := headerLine(a.w-2, s.Brand.Render("cradle"), s.Dim.Render("unfinished massage"))
	if _, ok := r.current(); !ok {
		return a.frame(header, "", "")
	}
	pg := r.page()
	b := []string{s.Title.Render(pg.title), ""}
	if len(a.data.unfinished) > 1 {
		for i, line := range r.list() {
			if i == r.cursor {
				b = append(b, s.Marker.Render("▌ ")+s.Selected.Render(layout.Cut(line, w-2)))
			} else {
				b = append(b, "  "+s.Text.Render(layout.Cut(line, w-2)))
			}
		}
		b = append(b, "")
	}
	b = append(append(b, paint(pg.about, w, "")...), "")
	for _, p := range pg.problems {
		b = append(append(b, paint([]para{p}, w, "")...), "")
	}
	for _, c := range pg.choices {
		b = append(b, s.Key.Render(c.key)+strings.Repeat(" ", max(5-len(c.key), 1))+s.Text.Render(c.text))
	}
	return a.frame(header, layout.Centre(b, a.w, a.h-4, min(a.w-4, 76)), a.helpBar(a.w-2, pg.keys...))
}

// resumePage is what the screen says of the session chosen, for the full
// screen and plain mode alike.
type resumePage struct {
	title    string
	about    []para // the session, where it goes on, how far it got
	problems []para
	choices  []choice
	keys     []key.Binding
}

// list names the sessions cut off, one a line.
func (r *resumeScreen) list() []string {
	var out []string
	for _, u := range r.a.data.unfinished {
		out = append(out, u.Started.Local().Format("Mon 2 Jan 15:04")+"  "+u.BabyName+" · "+u.RoutineTitle)
	}
	return out
}

func (r *resumeScreen) page() resumePage {
	a, s := r.a, r.a.styles
	rec, _ := r.current()
	pg := resumePage{title: "Pick up where you stopped?"}
	if n := len(a.data.unfinished); n > 1 {
		pg.title = fmt.Sprintf("%d massages were cut off", n)
	}
	rt := r.routines[rec.ID]
	evs, loaded := r.events[rec.ID]
	why := cannotResume(rec, rt, evs)
	started := rec.Started.Local().Format("Mon 2 Jan at 15:04")
	pg.about = append(pg.about, para{fmt.Sprintf("%s with %s, started %s, was cut off.", rec.RoutineTitle, rec.BabyName, started), s.Text})
	if loaded && why == "" {
		// Where it goes on, as the session will when resumed, and how far
		// it got, in the words of the summary.
		if p, ok := routines.ResumePlace(rt, evs); ok {
			pg.about = append(pg.about, para{fmt.Sprintf("It goes on in %s at %s, step %d of %d, with %s left.",
				p.Region.Name, p.Step.Title(), p.StepInRegion, p.StepsInRegion, FormatCountdown(p.Left)), s.Text})
		}
		pg.about = append(pg.about, para{soFar(routines.Summarize(rt, evs)), s.Dim})
	}
	if r.err != nil {
		pg.problems = append(pg.problems, para{"Could not read it: " + plainError(r.err), s.Alert})
	}
	switch {
	case !loaded && r.err == nil:
		// not read yet: nothing to say of it
	case why != "":
		pg.problems = append(pg.problems, para{why, s.Warn})
	default:
		pg.choices = append(pg.choices, choice{typed(a.keys.Resume), resumeWords(a, evs, rec)})
	}
	pg.choices = append(pg.choices, choice{typed(a.keys.Close), "close it as interrupted (it stays in your history)"}, choice{"esc", "decide later"})
	pg.keys = []key.Binding{enabledIf(loaded && why == "", a.keys.Resume), a.keys.Close, layout.Relabel(a.keys.Leave, "esc", "later")}
	if len(a.data.unfinished) > 1 {
		pg.keys = append([]key.Binding{layout.Relabel(a.keys.Up, "↑/↓", "choose")}, pg.keys...)
	}
	return pg
}

func (r *resumeScreen) keysNow() []key.Binding {
	if _, ok := r.current(); !ok {
		return nil
	}
	return r.page().keys
}

// plain says the sessions cut off (numbered, when there are several),
// then the one chosen: what it was, where it goes on, and the choices.
func (r *resumeScreen) plain() []block {
	rec, ok := r.current()
	if !ok {
		return nil
	}
	pg := r.page()
	var blocks []block
	if len(r.a.data.unfinished) > 1 {
		lines := []string{pg.title + ": type a number to choose one."}
		for i, l := range r.list() {
			lines = append(lines, fmt.Sprintf("%d. %s", i+1, l))
		}
		blocks = append(blocks, block{fmt.Sprint("resume:list:", len(r.a.data.unfinished)), lines})
	} else {
		blocks = append(blocks, block{"resume:title", []string{pg.title}})
	}
	if _, loaded := r.events[rec.ID]; !loaded && r.err == nil {
		return blocks // said once its events are read: where it goes on
	}
	lines := append(texts(pg.about), texts(pg.problems)...)
	for _, c := range pg.choices {
		lines = append(lines, c.key+": "+c.text+".")
	}
	return append(blocks, block{fmt.Sprint("resume:", rec.ID, r.err != nil), lines})
}

// soFar says how far a session got: "So far: Legs and feet done, Tummy
// part done · 2 of 7 steps." Regions not reached are left out.
func soFar(sum routines.Summary) string {
	var parts []string
	for _, rg := range sum.Regions {
		if st := rg.Status(); st != routines.StatusNotReached && st != routines.StatusLeftOut {
			parts = append(parts, rg.Name+" "+rg.Words())
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "So far: " + strings.Join(parts, ", ") + "."
}

// regionName is a region's name in r, else its id.
func regionName(r *routines.Routine, id string) string {
	if id == routines.OpeningID {
		return routines.Opening().Name
	}
	if r != nil {
		if rg, ok := r.Region(id); ok {
			return rg.Name
		}
	}
	return id
}

// resumeWords say what r does: after a long break the readiness
// questions come first.
func resumeWords(a *app, evs []routines.Event, rec store.Session) string {
	cut := rec.Started
	if n := len(evs); n > 0 {
		cut = evs[n-1].At
	}
	if routines.ResumeNeedsCheck(cut, a.clock.Now()) {
		return "resume: the readiness questions again, then ask your baby"
	}
	return "resume: ask your baby again, then go on from there"
}

func (r *resumeScreen) HelpKeys() []keyGroup {
	k := r.a.keys
	return []keyGroup{{"Unfinished massage", []key.Binding{k.Up, k.Resume, k.Close}}}
}
