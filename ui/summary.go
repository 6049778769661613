package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui/layout"
)

// summaryScreen closes a session: time spent, how each region went, and
// the cues answered for each region. Every word comes from
// routines.Summarize, as in the history and the timeline.
type summaryScreen struct {
	drawnToSize
	a   *app
	r   *routines.Routine
	sum routines.Summary
	say string // what the ending means for the parent, in a few kind words
}

func newSummary(a *app, r *routines.Routine, log []routines.Event) *summaryScreen {
	sum := routines.Summarize(r, log)
	return &summaryScreen{a: a, r: r, sum: sum, say: endingWords(r, sum, log)}
}

func (s *summaryScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	if msg, ok := msg.(tea.KeyPressMsg); ok && key.Matches(msg, s.a.keys.Home) {
		return newHome(s.a), nil
	}
	return s, nil
}

// endTitle is the summary's heading for each way a session ends.
var endTitle = map[routines.Ending]string{
	routines.EndingFinished:   "All done. Well done, both of you.",
	routines.EndingAllSkipped: "Every region was skipped, and that is fine.",
	routines.EndingEarly:      "Ended early.",
	routines.EndingNotBegun:   "Stopped before the massage began.",
	routines.EndingNotNow:     "Not today, and that is fine.",
	routines.EndingGently:     "Ended gently.",
	routines.EndingAsleep:     "Sweet dreams.",
}

// countsToo cheers a parent on after a short session; a demonstration
// counts nothing, so it is not said there.
const countsToo = "Short sessions count too."

// partDone is the heading of a session that went to the end with some
// regions not done, in the words its region lines use (Progress): a
// region skipped, or a step passed by that left a region part done.
func partDone(p routines.Progress) string {
	skipped, part := p.Has(routines.StatusSkipped), p.Has(routines.StatusPart)
	switch {
	case skipped && part:
		return "To the end, with some regions skipped and some steps passed by."
	case skipped:
		return "To the end, with some regions skipped."
	}
	return "To the end, with some steps passed by."
}

// headline is the summary's heading for the way sum ended, and for a
// short session of a parent's own, countsToo.
func headline(sum routines.Summary, demo bool) string {
	e := sum.Ending
	title := endTitle[e]
	if e == routines.EndingPartDone {
		title = partDone(sum.Progress)
	}
	if !demo && (e == routines.EndingPartDone || e == routines.EndingEarly) {
		title += " " + countsToo
	}
	return title
}

// endingWords says what the ending means, in words that fit how it came
// about: the answer that ended it, the choice after fussing (or nobody's
// choice), a "no" at the ask, or stopping before asking.
func endingWords(r *routines.Routine, sum routines.Summary, log []routines.Event) string {
	switch sum.Ending {
	case routines.EndingNotNow:
		return "Asking, and respecting a \"no\", is part of the massage: instructors teach that it shows your baby their body is theirs. Try again later."
	case routines.EndingNotBegun:
		return "You stopped while getting ready, before asking your baby. Try again when you are both ready."
	case routines.EndingAllSkipped:
		return "No region was massaged this time. Try again when you are both ready."
	}
	if sum.Reason == routines.EndFussing {
		comfort := "Pick your baby up and comfort them; try again another day."
		if sum.Progress.Waited {
			return "Nobody chose after the still hands, so cradle stopped here: when a baby stays unsettled, stopping is the gentle choice. " + comfort
		}
		return "Stopping when your baby stays unsettled is the right choice. " + comfort
	}
	// An answer that ended the session has its kind word said here, for
	// whichever answer a routine makes end.
	if n := len(log); n >= 2 && log[n-1].Kind == routines.EvEnd && log[n-2].Kind == routines.EvCheckIn {
		if resp := r.Response(log[n-2].Cue); resp.Action == routines.ActionEnd {
			return resp.Say
		}
	}
	return ""
}

func (s *summaryScreen) View() string {
	a, st := s.a, s.a.styles
	w := min(a.w-4, 76)
	header := headerLine(a.w-2, st.Brand.Render(s.r.Title)+st.Dim.Render(" · "+a.data.baby.Name), st.Dim.Render("summary"))
	var b []string
	b = append(b, st.Title.Render(s.title()), "")
	if s.say != "" {
		b = append(append(b, paint([]para{{s.say, st.Calm}}, w, "")...), "")
	}
	b = append(b, st.Dim.Render(spentLabel+"  ")+st.Text.Render(routines.FormatLength(s.sum.Active)), "")
	b = append(b, s.regionLines(w)...)
	if legend := s.legend(); legend != "" {
		b = append(b, paint([]para{{legend, st.Faint}}, w, "")...)
	}
	b = append(append(b, ""), paint([]para{{strings.TrimSpace(s.saved() + " " + s.after()), st.Dim}}, w, "")...)
	return a.frame(header, layout.Centre(b, a.w, a.h-4, min(a.w-4, 76)), a.helpBar(a.w-2, s.keysNow()...))
}

// regionLines say how each region went, with its answers, in two
// columns of width w in all: the names, and the words, each wrapped in
// its column, never cut.
func (s *summaryScreen) regionLines(w int) []string {
	st := s.a.styles
	nameW := 4
	for _, rg := range s.sum.Regions {
		nameW = max(nameW, lipgloss.Width(rg.Name))
	}
	nameW = min(nameW, max(w*2/5, 8))
	var out []string
	for _, rg := range s.sum.Regions {
		words := statusStyle(st, rg.Status()).Render(rg.Words())
		if cues := cueList(rg.Cues); cues != "" {
			words += st.Dim.Render(" · " + cues)
		}
		names := wrap(rg.Name, nameW, "")
		says := strings.Split(lipgloss.Wrap(words, max(w-nameW-2, 8), " "), "\n")
		for i := range max(len(names), len(says)) {
			name, say := "", ""
			if i < len(names) {
				name = names[i]
			}
			if i < len(says) {
				say = says[i]
			}
			out = append(out, st.Text.Render(layout.Pad(name, nameW))+"  "+say)
		}
	}
	return out
}

// spentLabel heads the time spent massaging (routines.ActiveTime).
const spentLabel = "Time massaging"

// title is the summary's heading for the way the session ended.
func (s *summaryScreen) title() string {
	if title := headline(s.sum, s.a.demo()); title != "" {
		return title
	}
	return "Session saved."
}

// legend explains the status words the summary shows.
func (s *summaryScreen) legend() string {
	var seen []routines.Status
	for _, rg := range s.sum.Regions {
		if st := rg.Status(); !slices.Contains(seen, st) {
			seen = append(seen, st)
		}
	}
	return statusLegend(seen)
}

// saved says whether the session is saved yet.
func (s *summaryScreen) saved() string {
	a := s.a
	switch {
	case a.demo():
		return "A demonstration: nothing was saved."
	case a.saver.err != nil:
		return "Not saved yet: cradle keeps trying while it is open."
	case !a.saver.idle():
		return savingWords
	}
	return "Saved."
}

// after says what babies are often ready for after a massage.
func (s *summaryScreen) after() string {
	// A baby who fell asleep has had the safe-sleep words already, in
	// the answer's own: said twice, they read as if something else.
	if s.a.demo() || !s.sum.Progress.Massaged() || s.sum.Reason == routines.EndAsleep {
		return ""
	}
	return routines.AfterMassage
}

func (s *summaryScreen) keysNow() []key.Binding {
	return []key.Binding{s.a.keys.Home, s.a.keys.Help}
}

// plain says the summary: how it ended, the time spent, each region and
// its answers; whether it is saved, when it is.
func (s *summaryScreen) plain() []block {
	lines := []string{s.title()}
	if s.say != "" {
		lines = append(lines, s.say)
	}
	lines = append(lines, spentLabel+": "+routines.FormatLength(s.sum.Active)+".")
	for _, rg := range s.sum.Regions {
		line := rg.Name + ": " + rg.Words()
		if cues := cueList(rg.Cues); cues != "" {
			line += "; " + cues
		}
		lines = append(lines, line+".")
	}
	if legend := s.legend(); legend != "" {
		lines = append(lines, legend)
	}
	saved := s.saved()
	home := "Press " + s.a.keyWord(s.a.keys.Home) + " for the home screen."
	blocks := []block{{"summary:" + s.r.ID, lines}, {"summary:saved:" + saved, []string{saved}}}
	if after := s.after(); after != "" {
		blocks = append(blocks, block{"summary:after", []string{after}})
	}
	return append(blocks, block{"summary:home", []string{home}})
}

// statusStyle colours a region's status word.
func statusStyle(s Styles, st routines.Status) lipgloss.Style {
	switch st {
	case routines.StatusDone, routines.StatusPart:
		return s.Calm
	case routines.StatusSkipped, routines.StatusEndedHere:
		return s.Warn
	}
	return s.Faint
}

// statusLegend explains the status words shown, those that need it:
// "Skipped: skipped with s, or by a choice after an answer."
func statusLegend(shown []routines.Status) string {
	var parts []string
	for _, st := range shown {
		if m := st.Meaning(); m != "" {
			w := string(st)
			parts = append(parts, strings.ToUpper(w[:1])+w[1:]+": "+m+".")
		}
	}
	return strings.Join(parts, " ")
}

// cueList is "relaxed, subtle cues" for a region's answers.
func cueList(cues []routines.Cue) string {
	var out []string
	for _, c := range cues {
		out = append(out, strings.ToLower(c.Info().Label))
	}
	return strings.Join(out, ", ")
}

// HelpKeys: the summary's keys are all on its footer.
func (s *summaryScreen) HelpKeys() []keyGroup { return nil }
