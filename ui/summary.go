package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/routines"
)

// summaryScreen closes a session: time spent, regions done and skipped,
// and the cues answered for each region.
type summaryScreen struct {
	a   *app
	r   *routines.Routine
	sum routines.Summary
	say string // the last answer's kind word, when it ended the session
}

func newSummary(a *app, r *routines.Routine, log []routines.Event) *summaryScreen {
	sum := routines.Summarize(r, log)
	s := &summaryScreen{a: a, r: r, sum: sum}
	// An answer that ended the session has its kind word said here, for
	// whichever answer a routine makes end.
	if n := len(log); n >= 2 && log[n-1].Kind == routines.EvEnd && log[n-2].Kind == routines.EvCheckIn {
		if resp := r.Response(log[n-2].Cue); resp.Action == routines.EndGently {
			s.say = resp.Say
		}
	}
	return s
}

func (s *summaryScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	if msg, ok := msg.(tea.KeyPressMsg); ok && key.Matches(msg, s.a.keys.Home) {
		return newHome(s.a), nil
	}
	return s, nil
}

// endTitle is the summary's heading for each way a session ends.
var endTitle = map[routines.EndReason]string{
	routines.Finished:   "All done. Well done, both of you.",
	routines.EndedEarly: "Ended early. Every minute counts.",
	routines.NotNow:     "Not today, and that is fine.",
	routines.BabyCrying: "Ended gently.",
	routines.BabyAsleep: "Sweet dreams.",
}

func (s *summaryScreen) View() string {
	a, st := s.a, s.a.styles
	w := min(a.w-4, 76)
	header := headerLine(a.w-2, st.Brand.Render(s.r.Title)+st.Dim.Render(" · "+a.baby.Name), st.Dim.Render("summary"))
	var b []string
	title := endTitle[s.sum.Reason]
	if title == "" {
		title = "Session saved."
	}
	b = append(b, st.Title.Render(title), "")
	if s.say != "" {
		for _, l := range wrap(s.say, w, "") {
			b = append(b, st.Calm.Render(l))
		}
		b = append(b, "")
	}
	if s.sum.Reason == routines.NotNow {
		for _, l := range wrap("Asking and respecting a \"no\" is part of the massage: it teaches your baby that their body is theirs. Try again later.", w, "") {
			b = append(b, st.Text.Render(l))
		}
		b = append(b, "")
	}
	b = append(b, st.Dim.Render("Time spent  ")+st.Text.Render(routines.FormatLength(s.sum.Active)), "")
	nameW := 4
	for _, rg := range s.sum.Regions {
		nameW = max(nameW, len([]rune(rg.Name)))
	}
	nameW = min(nameW, w/3)
	for _, rg := range s.sum.Regions {
		var state string
		switch {
		case rg.LeftOut:
			state = st.Faint.Render("left out")
		case rg.Skipped:
			state = st.Warn.Render("skipped")
		case rg.StepsDone > 0 && rg.StepsSkipped == 0:
			state = st.Calm.Render("done")
		case rg.EndedHere && rg.StepsDone == 0:
			state = st.Warn.Render("ended here")
		case rg.StepsDone == 0 && rg.StepsSkipped > 0:
			state = st.Faint.Render("passed over")
		case rg.Reached():
			state = st.Calm.Render(fmt.Sprintf("part done (%d of %d steps in full)", rg.StepsDone, rg.StepsDone+rg.StepsSkipped))
		case rg.EndedHere:
			state = st.Warn.Render("ended here")
		default:
			state = st.Faint.Render("not reached")
		}
		line := st.Text.Render(fmt.Sprintf("%-*s", nameW, truncate(rg.Name, nameW))) + "  " + state
		if cues := cueList(rg.Cues); cues != "" {
			line += st.Dim.Render(" · " + cues)
		}
		b = append(b, truncate(line, w))
	}
	var saved string
	switch {
	case a.demo():
		saved = "A demonstration: nothing was saved."
	case a.saver.err != nil:
		saved = "Not saved yet: cradle keeps trying while it is open."
	case !a.saver.idle():
		saved = "Saving…"
	default:
		saved = "Saved."
	}
	if !a.demo() && s.sum.Reason != routines.NotNow { // a "not now" was no massage
		saved += " After a massage many babies are ready to feed, sleep or simply be held."
	}
	b = append(b, "", st.Dim.Render(saved))
	footer := a.helpBar(a.w-2, a.keys.Home, a.keys.Help)
	return a.frame(header, center(b, a.w, a.h-4, min(a.w-4, 76)), footer)
}

// cueList is "relaxed, subtle cues" for a region's answers.
func cueList(cues []routines.Cue) string {
	var out []string
	for _, c := range cues {
		out = append(out, strings.ToLower(c.Info().Label))
	}
	return strings.Join(out, ", ")
}
