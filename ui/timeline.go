package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui/layout"
)

// timelineScreen is one session in full: every step done or skipped,
// every check-in, hold, pause and resume, with its time. An unfinished
// session can be resumed or closed from here.
type timelineScreen struct {
	drawnToSize
	a      *app
	back   screen
	rec    store.Session
	events []routines.Event
	// routine is the routine the session was of (routineFor), nil when
	// it is not found.
	routine *routines.Routine
	lines   []string // drawn once the events are in, for the current width
	width   int
	top     int
	loaded  bool
	err     error
	// closing is true while closing the session is being saved.
	closing bool
}

type timelineMsg struct {
	events  []routines.Event
	routine *routines.Routine
	err     error
}

func newTimeline(a *app, rec store.Session, back screen) (screen, tea.Cmd) {
	t := &timelineScreen{a: a, back: back, rec: rec}
	st := a.cfg.Store
	return t, func() tea.Msg {
		evs, err := st.Events(rec.ID)
		return timelineMsg{evs, a.routineFor(rec), err}
	}
}

func (t *timelineScreen) room() int { return max(t.a.h-4, 1) }

func (t *timelineScreen) unfinished() bool { return t.rec.Status == store.StatusInProgress }

func (t *timelineScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := t.a.keys
	switch msg := msg.(type) {
	case timelineMsg:
		t.events, t.routine, t.err, t.loaded = msg.events, msg.routine, msg.err, true
		t.lines = nil
	case closedMsg:
		t.closing = false
		if msg.err != nil {
			t.err = msg.err
			return t, nil
		}
		return t.back.Update(msg) // the history reads its list again
	case tea.KeyPressMsg:
		max0 := max(len(t.lines)-t.room(), 0)
		switch {
		case key.Matches(msg, k.Up):
			t.top = max(t.top-1, 0)
		case key.Matches(msg, k.Down):
			t.top = min(t.top+1, max0)
		case key.Matches(msg, k.PageUp):
			t.top = max(t.top-t.room(), 0)
		case key.Matches(msg, k.PageDown):
			t.top = min(t.top+t.room(), max0)
		case key.Matches(msg, k.Resume) && t.unfinished() && t.loaded && t.err == nil && !t.closing:
			if cannotResume(t.rec, t.routine, t.events) == "" {
				return resumeFor(t.a, t.rec, t.routine, t.events, t)
			}
		case key.Matches(msg, k.Close) && t.unfinished() && !t.closing:
			t.closing = true
			return t, closeInterrupted(t.a, t.rec.ID)
		case key.Matches(msg, k.Leave):
			return t.back, nil
		}
	}
	return t, nil
}

// eventLine is one event as the timeline shows it: a mark and words.
// name gives a region's name from its id, as the session named it.
func eventLine(r *routines.Routine, name func(id string) string, ev routines.Event) (mark, text string) {
	step := strings.TrimSpace(ev.Step)
	switch ev.Kind {
	case routines.EvStart:
		text = "started"
		if len(ev.LeftOut) > 0 {
			var names []string
			for _, id := range ev.LeftOut {
				names = append(names, routines.InSentence(name(id)))
			}
			text += ", leaving out " + strings.Join(names, ", ")
		}
		return "▶", text
	case routines.EvStepDone:
		text = step
		if ev.Elapsed > 0 {
			text += "  " + routines.FormatLength(ev.Elapsed)
		}
		return "✓", text
	case routines.EvStepSkipped:
		return "→", fmt.Sprintf("%s  moved on after %s", step, routines.FormatLength(ev.Elapsed))
	case routines.EvReady:
		// Getting ready (turning the baby over): not a stroke done.
		return "·", fmt.Sprintf("%s  ready after %s", step, routines.FormatLength(ev.Elapsed))
	case routines.EvBack:
		return "←", "back from " + step
	case routines.EvRegionSkipped:
		return "»", "skipped the rest of " + routines.InSentence(name(ev.Region))
	case routines.EvCheckIn:
		answer := strings.ToLower(ev.Cue.Info().Label)
		if ev.Cue == routines.CueUnanswered {
			answer = "no answer, went on"
		}
		return "?", "how is your baby " + routines.CheckInPlace(ev.Manual, step, name(ev.Region)) + ": " + answer
	case routines.EvChose:
		text = "after the still hands, you chose to "
		if ev.Waited {
			text = "after the still hands, nobody chose: "
		}
		switch ev.Choice {
		case routines.ActionGoOn:
			text += "go on, slower"
			if r == nil || !r.Moderate() {
				text += " and lighter"
			}
		case routines.ActionSkipRegion:
			text += "skip the next region"
		default:
			text += "end gently"
		}
		return "◇", text
	case routines.EvHold:
		return "◌", "resting hands " + routines.FormatLength(ev.Hold)
	case routines.EvPause:
		return "‖", "paused"
	case routines.EvQuit:
		return "‖", quitWords(ev.By)
	case routines.EvResume:
		return "▶", "went on"
	case routines.EvReopen:
		return "↺", "picked up again"
	case routines.EvEnd:
		switch ev.Reason {
		case routines.EndFinished:
			return "■", "reached the end"
		case routines.EndEarly, routines.EndCrying:
			return "■", string(routines.EndingOf(ev.Reason))
		case routines.EndFussing:
			return "■", "ended gently, after fussing"
		case routines.EndInterrupted:
			return "■", "closed as interrupted"
		}
		return "■", "ended: " + string(routines.EndingOf(ev.Reason))
	}
	return "·", string(ev.Kind)
}

// What quit cradle in plain mode: the word quit, or the end of its input.
const (
	byQuit     = "quit"
	byInputEnd = "end of input"
)

// quitWords say what cut a session off, as its timeline shows it.
func quitWords(by string) string {
	switch by {
	case "ctrl+c", "":
		return "cut off here: cradle was quit (ctrl+c)"
	case byQuit:
		return "cut off here: cradle was quit"
	case byInputEnd:
		return "cut off here: cradle's input ended"
	case "SIGHUP":
		return "cut off here: the terminal was closed"
	}
	return "cut off here: cradle was stopped (" + by + ")"
}

// draw lays the timeline out for width w.
func (t *timelineScreen) draw(w int) []string {
	s := t.a.styles
	r := t.routine
	var out []string
	// The words for each region and for the session, as the summary
	// screen said them: from the events.
	sum := routines.Summarize(r, t.events)
	ending := sum.Ending
	if t.unfinished() {
		ending = routines.EndingUnfinished
	}
	status := map[string]routines.RegionSummary{}
	for _, rg := range sum.Regions {
		status[rg.ID] = rg
	}
	// Regions by the names the session gave them (its plan), as written
	// in the routine's file, whatever became of the file.
	name := func(id string) string {
		if rg, ok := status[id]; ok && rg.Name != "" {
			return rg.Name
		}
		return regionName(r, id)
	}
	headed := map[string]bool{}
	heading := func(id string) string {
		headed[id] = true
		head := s.Region.Render(name(id))
		if rg, ok := status[id]; ok {
			head += s.Dim.Render(" · ") + statusStyle(s, rg.Status()).Render(rg.Words())
		}
		return "          " + layout.Cut(head, w-10)
	}
	out = append(out, s.Title.Render(layout.Cut(t.rec.RoutineTitle+" · "+t.rec.BabyName, w)))
	summary := t.rec.Started.Local().Format("Monday 2 January 2006, 15:04") + " · " +
		routines.FormatLength(t.rec.Stats.Length()) + " · " + string(ending)
	for _, l := range wrap(summary, w, "") {
		out = append(out, s.Dim.Render(l))
	}
	if t.unfinished() {
		cut := "Cut off: r resumes it, x closes it as interrupted."
		if why := cannotResume(t.rec, t.routine, t.events); why != "" {
			cut = "Cut off. " + why + " x closes it as interrupted."
		}
		for _, l := range wrap(cut, w, "") {
			out = append(out, s.Warn.Render(l))
		}
	}
	out = append(out, "")
	region, day := "", t.rec.Started.Local().Format("2006-01-02")
	for _, ev := range t.events {
		if d := ev.At.Local().Format("2006-01-02"); d != day {
			day = d
			out = append(out, s.Dim.Render(ev.At.Local().Format("Monday 2 January")))
		}
		// A region's heading comes with its first event, the end in it too
		// (a session that ended while getting ready for it).
		if ev.Region != "" && ev.Region != region {
			region = ev.Region
			out = append(out, heading(region))
		}
		mark, text := eventLine(r, name, ev)
		style := s.Text
		switch ev.Kind {
		case routines.EvCheckIn:
			style = cueStyle(s, ev.Cue)
		case routines.EvStepSkipped, routines.EvRegionSkipped, routines.EvBack:
			style = s.Dim
		case routines.EvPause, routines.EvResume, routines.EvReopen, routines.EvHold:
			style = s.Faint
		case routines.EvQuit:
			style = s.Warn
		}
		lead := s.Dim.Render(ev.At.Local().Format("15:04:05")) + "  " + style.Render(mark) + " "
		for i, l := range wrap(text, max(w-11, 10), "") {
			if i > 0 {
				lead = strings.Repeat(" ", 11)
			}
			out = append(out, lead+style.Render(l))
		}
	}
	// The regions no event reached, which the legend explains too.
	var rest []string
	for _, rg := range sum.Regions {
		if !headed[rg.ID] {
			rest = append(rest, heading(rg.ID))
		}
	}
	if len(rest) > 0 {
		out = append(append(out, ""), rest...)
	}
	// What the words mean, those that need it.
	var shown []routines.Status
	for _, rg := range sum.Regions {
		if st := rg.Status(); !slices.Contains(shown, st) {
			shown = append(shown, st)
		}
	}
	legend := statusLegend(shown)
	if m := ending.Meaning(); m != "" {
		legend = strings.TrimSpace(strings.ToUpper(string(ending[:1])) + string(ending[1:]) + ": " + m + ". " + legend)
	}
	if legend != "" {
		out = append(out, "")
		for _, l := range wrap(legend, w, "") {
			out = append(out, s.Faint.Render(l))
		}
	}
	return out
}

func (t *timelineScreen) View() string {
	a, s := t.a, t.a.styles
	header := headerLine(a.w-2, s.Brand.Render("cradle")+s.Dim.Render(" · session"), "")
	w := min(a.w-4, 90)
	var body []string
	switch {
	case t.err != nil:
		body = wrap("Could not read this session: "+plainError(t.err), w, "")
		for i := range body {
			body[i] = s.Alert.Render(body[i])
		}
	case !t.loaded:
		body = []string{s.Dim.Render("Reading…")}
	default:
		if t.lines == nil || t.width != w {
			t.lines, t.width = t.draw(w), w
		}
		t.top = min(t.top, max(len(t.lines)-t.room(), 0))
		// A copy: the padding below must not pile up in the lines kept
		// for the next frame.
		body = slices.Clone(t.lines[t.top:min(t.top+t.room(), len(t.lines))])
	}
	pad := strings.Repeat(" ", max((a.w-w)/2, 1))
	for i := range body {
		body[i] = pad + body[i]
	}
	var bindings []key.Binding
	if len(t.lines) > t.room() {
		bindings = append(bindings, layout.Relabel(t.a.keys.Up, "↑/↓", "scroll"))
	}
	if t.unfinished() {
		bindings = append(bindings, enabledIf(t.loaded && cannotResume(t.rec, t.routine, t.events) == "", a.keys.Resume), a.keys.Close)
	}
	bindings = append(bindings, a.keys.Leave, a.keys.Help)
	return a.frame(header, strings.Join(body, "\n"), a.helpBar(a.w-2, bindings...))
}

func (t *timelineScreen) HelpKeys() []keyGroup {
	k := t.a.keys
	return []keyGroup{{"A session", []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Resume, k.Close, k.Leave}}}
}
