package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/cradle-coach/cradle/insights"
	"github.com/cradle-coach/cradle/internal/plural"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui/chart"
	"github.com/cradle-coach/cradle/ui/layout"
)

// chartWeeks is how many weeks the chart can show; the window shows as
// many as fit.
const chartWeeks = 26

// insightsScreen is one baby's habit and likes: sessions a week against a
// gentle goal, how the baby answered per region and per stroke, and a few
// plain readings. From here the parent can shape a routine (s).
type insightsScreen struct {
	drawnToSize
	a      *app
	back   screen
	baby   int // index into a.data.babies
	rep    *insights.Report
	gen    int
	top    int
	err    error
	saving bool
}

type insightsMsg struct {
	gen int
	rep insights.Report
	err error
}

type goalSavedMsg struct {
	baby store.Baby
	err  error
}

func newInsights(a *app, back screen) (screen, tea.Cmd) {
	in := &insightsScreen{a: a, back: back}
	for i, b := range a.data.babies {
		if b.ID == a.data.baby.ID {
			in.baby = i
		}
	}
	return in, in.load()
}

// load reads the baby's recent sessions and counts them, in a command.
func (in *insightsScreen) load() tea.Cmd {
	in.gen++
	in.rep, in.err = nil, nil
	if len(in.a.data.babies) == 0 {
		return nil
	}
	baby, gen, st, now, lib := in.a.data.babies[in.baby], in.gen, in.a.cfg.Store, in.a.clock.Now(), in.a.data.routines
	return func() tea.Msg {
		ss, err := st.SessionsSince(baby.ID, insights.Since(now, chartWeeks))
		if err != nil {
			return insightsMsg{gen: gen, err: err}
		}
		return insightsMsg{gen: gen, rep: insights.Build(baby, ss, now, chartWeeks, lib)}
	}
}

func (in *insightsScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	a, k := in.a, in.a.keys
	switch msg := msg.(type) {
	case insightsMsg:
		if msg.gen == in.gen {
			in.err = msg.err
			if msg.err == nil {
				in.rep = &msg.rep
			}
		}
		return in, nil
	case goalSavedMsg:
		in.saving = false
		if msg.err != nil {
			in.err = msg.err
			return in, nil
		}
		a.report(babyChangedMsg{baby: msg.baby})
		return in, in.load()
	case tea.KeyPressMsg:
		if len(a.data.babies) == 0 {
			if key.Matches(msg, k.Leave) {
				return in.back, nil
			}
			return in, nil
		}
		switch {
		case key.Matches(msg, k.Leave):
			return in.back, nil
		case key.Matches(msg, k.NextBaby):
			in.baby, in.top = (in.baby+1)%len(a.data.babies), 0
			return in, in.load()
		case key.Matches(msg, k.Up):
			in.top = max(in.top-1, 0)
		case key.Matches(msg, k.Down):
			in.top++
		case key.Matches(msg, k.PageUp):
			in.top = max(in.top-in.room(), 0)
		case key.Matches(msg, k.PageDown):
			in.top += in.room()
		case key.Matches(msg, k.GoalUp), key.Matches(msg, k.GoalDown):
			return in, in.changeGoal(key.Matches(msg, k.GoalUp))
		case key.Matches(msg, k.Rest):
			return in, in.toggleRest()
		case key.Matches(msg, k.Shape) && in.rep != nil:
			return newShape(a, in, *in.rep)
		}
	}
	return in, nil
}

func (in *insightsScreen) room() int { return max(in.a.h-4, 1) }

// changeGoal moves the weekly goal by one: 1 to store.MaxGoal sessions, or none.
func (in *insightsScreen) changeGoal(up bool) tea.Cmd {
	if in.saving {
		return nil
	}
	b := in.a.data.babies[in.baby]
	g := b.WeeklyGoal()
	switch {
	case up && g < store.MaxGoal:
		g++
	case !up && g > 0:
		g--
	default:
		return nil
	}
	b.Goal = g
	if g == 0 {
		b.Goal = store.NoGoal
	}
	return in.save(b)
}

// toggleRest makes this week a rest week, or an ordinary one again.
func (in *insightsScreen) toggleRest() tea.Cmd {
	if in.saving {
		return nil
	}
	b := in.a.data.babies[in.baby]
	week := insights.Monday(in.a.clock.Now()).Format(store.DateLayout)
	if i := slices.Index(b.Rest, week); i >= 0 {
		b.Rest = slices.Delete(slices.Clone(b.Rest), i, i+1)
	} else {
		b.Rest = append(slices.Clone(b.Rest), week)
	}
	return in.save(b)
}

func (in *insightsScreen) save(b store.Baby) tea.Cmd {
	in.saving = true
	st := in.a.cfg.Store
	return func() tea.Msg {
		saved, err := st.SaveBaby(b)
		return goalSavedMsg{saved, err}
	}
}

// answerGlyphs draw the answers in the stacked bars, in routines.Cues
// order; the shapes alone tell them apart.
var answerGlyphs = []string{"█", "▓", "▒", "░", "×", "z"}

func (in *insightsScreen) answerStyles() []lipgloss.Style {
	s := in.a.styles
	return []lipgloss.Style{s.Calm, s.Calm, s.Warn, s.Accent, s.Alert, s.Dim}
}

// legend names the glyphs.
func (in *insightsScreen) legend() string {
	st := in.answerStyles()
	var parts []string
	for i, c := range routines.Cues {
		parts = append(parts, st[i].Render(answerGlyphs[i])+" "+in.a.styles.Dim.Render(cueWords[c]))
	}
	return strings.Join(parts, "  ")
}

// weekChart draws the sessions a week that fit in w columns.
func (in *insightsScreen) weekChart(w, height int) []string {
	s, rep := in.a.styles, in.rep
	// As many weeks as fit, from the baby's first (at least 8).
	since := 0
	for _, wk := range rep.Weeks {
		if wk.Before {
			since++
		}
	}
	n := min(len(rep.Weeks), max((w-4)/3, 4), max(len(rep.Weeks)-since, 8))
	weeks := rep.Weeks[len(rep.Weeks)-n:]
	var values []int
	var rest []bool
	for _, wk := range weeks {
		values = append(values, wk.Sessions)
		rest = append(rest, wk.Rest)
	}
	rows := chart.Columns(values, rest, rep.Goal, height, 2, 1, chart.ColumnStyle{Bar: s.BarFull, Rest: s.Calm, Goal: s.Accent, Axis: s.Faint})
	top := max(rep.Goal, 1)
	for _, v := range values {
		top = max(top, v)
	}
	var out []string
	for i, r := range rows {
		label := "   "
		if i == 0 {
			label = fmt.Sprintf("%2d ", top)
		}
		out = append(out, s.Faint.Render(label)+r)
	}
	// Month names under the first week of each month.
	var months strings.Builder
	months.WriteString("   ")
	last := -1
	for i, wk := range weeks {
		m := int(wk.Start.AddDate(0, 0, 6).Month())
		if m != last && months.Len() <= 3+3*i {
			name := wk.Start.AddDate(0, 0, 6).Format("Jan")
			months.WriteString(strings.Repeat(" ", 3+3*i-months.Len()) + name)
			last = m
		}
	}
	out = append(out, s.Dim.Render(months.String()))
	return out
}

// tallyLines draws one stacked bar per region or stroke, the names in a
// column nameW wide.
func (in *insightsScreen) tallyLines(ts []insights.Tally, w, nameW int, stroke bool) []string {
	s := in.a.styles
	barW := max(w-nameW-15, 6)
	faint := make([]lipgloss.Style, len(answerGlyphs))
	for i := range faint {
		faint[i] = s.Faint
	}
	var out []string
	for _, t := range ts {
		unit := "sessions"
		if t.N == 1 {
			unit = "session"
		}
		note := fmt.Sprintf(" %3d %s", t.N, unit)
		// Too few for a reading: drawn faint, and said in words below.
		if !t.Enough() {
			out = append(out, s.Faint.Render(layout.Pad(tallyName(t, stroke), nameW)+" ")+chart.Stacked(t.Counts[:], barW, answerGlyphs, faint)+s.Faint.Render(note))
			continue
		}
		bar := chart.Stacked(t.Counts[:], barW, answerGlyphs, in.answerStyles())
		out = append(out, s.Text.Render(layout.Pad(tallyName(t, stroke), nameW)+" ")+bar+s.Dim.Render(note))
	}
	return out
}

func tallyName(t insights.Tally, stroke bool) string {
	if stroke {
		return t.Name + ", " + strings.ToLower(t.Where)
	}
	return t.Name
}

// lines is the whole screen's body, before scrolling.
func (in *insightsScreen) lines(w int) []string {
	a, s, rep := in.a, in.a.styles, in.rep
	var b []string
	goal := "no weekly goal"
	if rep.Goal > 0 {
		goal = fmt.Sprintf("goal %d a week", rep.Goal)
	}
	b = append(b, headerLine(w, s.Title.Render("Sessions a week"), s.Dim.Render(goal)))
	b = append(b, in.weekChart(w, max(min(a.h/6, 6), 3))...)
	for _, l := range wrap(rep.WeekLine(), w, "") {
		b = append(b, s.Calm.Render(l))
	}
	if g := rep.GoalLine(); g != "" {
		for _, l := range wrap(g, w, "") {
			b = append(b, s.Dim.Render(l))
		}
	}
	b = append(b, "")
	// Both counts, named: the sessions, and those with any answer.
	counted := plural.Of(rep.Sessions, "session")
	if rep.Sessions > 0 {
		counted += fmt.Sprintf(", %d with answers", rep.Answered)
	}
	b = append(b, headerLine(w, s.Title.Render("How "+rep.Baby.Name+" answered"),
		s.Dim.Render(fmt.Sprintf("last %d weeks · %s", insights.AnswerWeeks, counted))))
	for _, r := range rep.Readings() {
		for i, l := range wrap(r, w-2, "") {
			lead := "  "
			if i == 0 {
				lead = s.Accent.Render("• ")
			}
			b = append(b, lead+s.Text.Render(l))
		}
	}
	// The one rule behind "often", and how answers are pooled, said where
	// the readings use them.
	rule := fmt.Sprintf("\"Often\" means in at least half the sessions with an answer there, from %d or more. A region counts its answers from every routine that has it.", insights.MinSessions)
	for _, l := range wrap(rule, w, "") {
		b = append(b, s.Faint.Render(l))
	}
	b = append(b, "")
	if len(rep.Regions) == 0 && len(rep.Strokes) == 0 {
		b = append(b, s.Dim.Render("No answers yet: they come from the check-ins during a massage."))
	} else {
		// Strokes are shown once they have answers from enough sessions:
		// one or two answers about a stroke are too few to draw.
		var strokes []insights.Tally
		for _, t := range rep.Strokes {
			if t.Enough() {
				strokes = append(strokes, t)
			}
		}
		nameW := 6
		for _, t := range rep.Regions {
			nameW = max(nameW, lipgloss.Width(tallyName(t, false)))
		}
		for _, t := range strokes {
			nameW = max(nameW, lipgloss.Width(tallyName(t, true)))
		}
		nameW = min(nameW, w/3)
		b = append(b, in.tallyLines(rep.Regions, w, nameW, false)...)
		if len(strokes) > 0 {
			b = append(b, s.Dim.Render("Asked during a stroke"))
			b = append(b, in.tallyLines(strokes, w, nameW, true)...)
		}
		var notes []string
		if slices.ContainsFunc(rep.Regions, func(t insights.Tally) bool { return !t.Enough() }) {
			notes = append(notes, fmt.Sprintf("Answers from fewer than %d sessions are too few for a reading yet.", insights.MinSessions))
		}
		if len(strokes) < len(rep.Strokes) {
			notes = append(notes, fmt.Sprintf("A stroke is shown here once it has answers from %d sessions.", insights.MinSessions))
		}
		for _, n := range notes {
			for _, l := range wrap(n, w, "") {
				b = append(b, s.Faint.Render(l))
			}
		}
		b = append(b, layout.Cut(in.legend(), w))
	}
	b = append(b, s.Faint.Render(layout.Cut("What you recorded, not medical advice.", w)))
	return b
}

func (in *insightsScreen) View() string {
	a, s := in.a, in.a.styles
	w := min(a.w-4, 100)
	right := ""
	if len(a.data.babies) > 0 {
		b := a.data.babies[in.baby]
		right = s.Text.Render(b.Name)
		if age := ageText(b, a.clock.Now()); age != "" {
			right += s.Dim.Render(" · " + age)
		}
	}
	header := headerLine(a.w-2, s.Brand.Render("cradle")+s.Dim.Render(" · insights"), right)
	var body []string
	switch {
	case len(a.data.babies) == 0:
		body = wrap("Insights are per baby: add your baby first (b on the home screen).", w, "")
	case in.err != nil:
		body = wrap("Could not read the sessions: "+plainError(in.err), w, "")
	case in.rep == nil:
		body = []string{s.Dim.Render("Counting…")}
	default:
		body = in.lines(w)
	}
	scrolls := len(body) > in.room()
	in.top = min(in.top, max(len(body)-in.room(), 0))
	body = body[in.top:min(in.top+in.room(), len(body))]
	pad := strings.Repeat(" ", max((a.w-w)/2, 1))
	for i := range body {
		body[i] = pad + body[i]
	}
	bindings := []key.Binding{enabledIf(len(a.data.babies) > 1, a.keys.NextBaby), enabledIf(in.rep != nil, a.keys.Shape), a.keys.GoalUp, a.keys.Rest, a.keys.Leave, a.keys.Help}
	if scrolls {
		bindings = append([]key.Binding{layout.Relabel(a.keys.Up, "↑/↓", "more")}, bindings...)
	}
	return a.frame(header, strings.Join(body, "\n"), a.helpBar(a.w-2, bindings...))
}

func (in *insightsScreen) HelpKeys() []keyGroup {
	k := in.a.keys
	return []keyGroup{{"Insights", []key.Binding{k.Up, k.Down, k.NextBaby, k.GoalUp, k.Rest, k.Shape, k.Leave}}}
}
