package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui/layout"
)

// historyPage is how many sessions the history reads at a time: a few
// screens' worth, never the whole database.
const historyPage = 50

// historyScreen lists sessions newest first, one baby's at a time (tab
// goes on to the next, and to everyone's), and opens one as a timeline.
type historyScreen struct {
	drawnToSize
	a      *app
	back   screen
	view   int // index into views()
	rows   []store.Session
	cursor int
	top    int // first row shown
	more   bool
	gen    int // a page asked for under an older view is dropped
	busy   bool
	loaded bool
	err    error
}

type historyPageMsg struct {
	gen  int
	rows []store.Session
	err  error
}

// views are the babies, then everyone (which includes sessions of no
// baby profile, such as a cradle run demo).
func (h *historyScreen) views() []store.Baby {
	return append(append([]store.Baby(nil), h.a.data.babies...), store.Baby{Name: "Everyone"})
}

func (h *historyScreen) everyone() bool { return h.view == len(h.a.data.babies) }

func newHistory(a *app, back screen) (screen, tea.Cmd) {
	h := &historyScreen{a: a, back: back}
	for i, b := range a.data.babies {
		if b.ID == a.data.baby.ID {
			h.view = i
		}
	}
	if len(a.data.babies) == 0 {
		h.view = 0 // everyone
	}
	return h, h.reload()
}

// reload starts the list of the current view again. A page still on its
// way for the old view is dropped when it comes (its gen is old), so it
// must not hold up the new view's first page.
func (h *historyScreen) reload() tea.Cmd {
	h.gen++
	h.rows, h.cursor, h.top, h.more, h.loaded, h.err, h.busy = nil, 0, 0, true, false, nil, false
	return h.page()
}

// page reads the next page, if there is one and none is on its way.
func (h *historyScreen) page() tea.Cmd {
	if h.busy || !h.more {
		return nil
	}
	h.busy = true
	st, gen, all := h.a.cfg.Store, h.gen, h.everyone()
	var baby uint64
	if !all {
		baby = h.views()[h.view].ID
	}
	before := ""
	if n := len(h.rows); n > 0 {
		before = h.rows[n-1].ID
	}
	return func() tea.Msg {
		var rows []store.Session
		var err error
		if all {
			rows, err = st.Sessions(before, historyPage)
		} else {
			rows, err = st.BabySessions(baby, before, historyPage)
		}
		return historyPageMsg{gen, rows, err}
	}
}

// visible is how many rows fit, with a line below them for "Reading
// more…" and one for what the words mean.
func (h *historyScreen) visible() int { return max(h.a.h-8, 1) }

// columns are the list's columns, each as wide as the list needs: date,
// (baby,) routine, length and how it went, then the answers in what is
// left (room). When some row's answers do not fit in words, the weekday
// gives way first; then every row counts its answers by the insights'
// marks ("5█ 4▓ 1░", compact), which the list's heading explains.
type columns struct {
	date                           func(t, now time.Time) string
	nameW, routineW, lengthW, endW int
	room                           int
	compact                        bool
}

func (h *historyScreen) columns() columns {
	w := h.a.w - 2
	c := columns{date: listDate, routineW: 8, lengthW: 4, endW: 7}
	cuesW := 0
	for _, r := range h.rows {
		if h.everyone() {
			c.nameW = max(c.nameW, lipgloss.Width(r.BabyName))
		}
		c.routineW = max(c.routineW, lipgloss.Width(r.RoutineTitle))
		c.lengthW = max(c.lengthW, lipgloss.Width(shortLength(r.Stats.Length())))
		c.endW = max(c.endW, lipgloss.Width(string(r.Ending())))
		cuesW = max(cuesW, lipgloss.Width(cueSummary(r.Stats)))
	}
	c.nameW = min(c.nameW, 10)
	c.routineW = min(c.routineW, 20, max(w/4, 8))
	if w >= 100 {
		c.routineW = min(c.routineW, 26)
	}
	used := c.routineW + c.lengthW + c.endW + 6
	if c.nameW > 0 {
		used += c.nameW + 2
	}
	now := h.a.clock.Now()
	c.room = w - 1 - used - lipgloss.Width(listDate(now, now)) - 2
	if c.room < cuesW {
		c.date = shortDate
		c.room = w - 1 - used - lipgloss.Width(shortDate(now, now)) - 2
	}
	c.compact = c.room < cuesW
	return c
}

// row is row i of the list: its columns, and its answers.
func (h *historyScreen) row(i int, c columns) (line, answers string) {
	now := h.a.clock.Now()
	r := h.rows[i]
	line = layout.Pad(c.date(r.Started, now), lipgloss.Width(c.date(now, now))) + "  "
	if c.nameW > 0 {
		line += layout.Pad(r.BabyName, c.nameW) + "  "
	}
	line += layout.Pad(listTitle(r, c.routineW), c.routineW) + "  "
	line += fmt.Sprintf("%*s", c.lengthW, shortLength(r.Stats.Length())) + "  "
	line += layout.Pad(string(r.Ending()), c.endW) + "  "
	answers = cueSummary(r.Stats)
	if c.compact {
		answers = compactCues(r.Stats)
	}
	return line, layout.Cut(answers, max(c.room, 0))
}

// shortDate is listDate without the weekday, for a narrow list.
func shortDate(t, now time.Time) string {
	t = t.Local()
	if t.Year() == now.Local().Year() {
		return t.Format("_2 Jan 15:04")
	}
	return t.Format("_2 Jan 2006")
}

// compactCues counts the answers by the insights' marks: "5█ 4▓ 1░".
func compactCues(st store.Stats) string {
	counts := map[routines.Cue]int{}
	for _, a := range st.Answers {
		counts[a.Cue]++
	}
	var parts []string
	for i, c := range routines.Cues {
		if n := counts[c]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d%s", n, answerGlyphs[i]))
		}
	}
	return strings.Join(parts, " ")
}

// marksLegend explains the answers' marks.
func marksLegend() string {
	var parts []string
	for i, c := range routines.Cues {
		parts = append(parts, answerGlyphs[i]+" "+cueWords[c])
	}
	return strings.Join(parts, " ")
}

func (h *historyScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := h.a.keys
	switch msg := msg.(type) {
	case historyPageMsg:
		if msg.gen != h.gen {
			return h, nil
		}
		h.busy, h.loaded = false, true
		if msg.err != nil {
			h.err = msg.err
			return h, nil
		}
		h.rows = append(h.rows, msg.rows...)
		h.more = len(msg.rows) == historyPage
		return h, h.follow()
	case closedMsg: // an unfinished session closed from its timeline
		if msg.err == nil {
			h.a.report(unfinishedGoneMsg{msg.id})
		}
		return h, h.reload()
	case tea.KeyPressMsg:
		n := len(h.rows)
		switch {
		case key.Matches(msg, k.Up):
			h.cursor = max(h.cursor-1, 0)
		case key.Matches(msg, k.Down):
			h.cursor = min(h.cursor+1, max(n-1, 0))
		case key.Matches(msg, k.PageUp):
			h.cursor = max(h.cursor-h.visible(), 0)
		case key.Matches(msg, k.PageDown):
			h.cursor = min(h.cursor+h.visible(), max(n-1, 0))
		case key.Matches(msg, k.NextBaby):
			h.view = (h.view + 1) % len(h.views())
			return h, h.reload()
		case key.Matches(msg, k.Open) && n > 0:
			return newTimeline(h.a, h.rows[h.cursor], h)
		case key.Matches(msg, k.Leave):
			return h.back, nil
		}
		return h, h.follow()
	}
	return h, nil
}

// follow scrolls to the cursor and reads on as it nears the end.
func (h *historyScreen) follow() tea.Cmd {
	vis := h.visible()
	if h.cursor < h.top {
		h.top = h.cursor
	}
	if h.cursor >= h.top+vis {
		h.top = h.cursor - vis + 1
	}
	if h.cursor >= len(h.rows)-vis {
		return h.page()
	}
	return nil
}

// listDate is a session's start as a list shows it: the weekday in the
// current year, the year otherwise.
func listDate(t, now time.Time) string {
	t = t.Local()
	if t.Year() == now.Local().Year() {
		return t.Format("Mon _2 Jan 15:04")
	}
	return t.Format("_2 Jan 2006 15:04")
}

// shortLength is a session's length in a list: "23 min", "45 s".
func shortLength(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
	}
	return fmt.Sprintf("%d min", int(d.Round(time.Minute)/time.Minute))
}

// endingLegend explains the ending words of sessions that need it:
// "part done: went to the end with some regions skipped or some steps passed by".
func endingLegend(rows []store.Session) string {
	var seen []routines.Ending
	var parts []string
	for _, r := range rows {
		e := r.Ending()
		if m := e.Meaning(); m != "" && !slices.Contains(seen, e) {
			seen = append(seen, e)
			parts = append(parts, string(e)+": "+m)
		}
	}
	return strings.Join(parts, " · ")
}

// listTitle is a session's routine title in w cells. A week of the
// learning plan keeps its week when the title is cut: "Plan · week 3".
func listTitle(r store.Session, w int) string {
	if week, ok := routines.PlanWeek(r.RoutineID); ok && lipgloss.Width(r.RoutineTitle) > w {
		return fmt.Sprintf("Plan · week %d", week)
	}
	return r.RoutineTitle
}

// cueWords are the answers' short names, in check-in order.
var cueWords = map[routines.Cue]string{routines.CueRelaxed: "relaxed", routines.CueContent: "content", routines.CueSubtle: "subtle",
	routines.CueFussing: "fussing", routines.CueCrying: "crying", routines.CueAsleep: "asleep"}

// cueSummary is "5 content, 1 relaxed" for a session's answers, the
// most frequent first, so a narrow window still shows the gist.
func cueSummary(st store.Stats) string {
	counts := map[routines.Cue]int{}
	for _, a := range st.Answers {
		counts[a.Cue]++
	}
	cues := slices.Clone(routines.Cues)
	slices.SortStableFunc(cues, func(a, b routines.Cue) int { return counts[b] - counts[a] })
	var parts []string
	for _, c := range cues {
		if n := counts[c]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, cueWords[c]))
		}
	}
	return strings.Join(parts, ", ")
}

// cueStyle colours an answer: calm, subtle, upset, asleep.
func cueStyle(s Styles, c routines.Cue) lipgloss.Style {
	switch c {
	case routines.CueRelaxed, routines.CueContent:
		return s.Calm
	case routines.CueSubtle:
		return s.Warn
	case routines.CueFussing, routines.CueCrying:
		return s.Accent
	}
	return s.Dim
}

func (h *historyScreen) View() string {
	a, s := h.a, h.a.styles
	views := h.views()
	who := views[h.view].Name
	right := ""
	if len(views) > 1 {
		right = s.Dim.Render("tab: ") + s.Text.Render(views[(h.view+1)%len(views)].Name)
	}
	header := headerLine(a.w-2, s.Brand.Render("cradle")+s.Dim.Render(" · history"), right)
	w := a.w - 2
	var lines []string
	lines = append(lines, " "+s.Title.Render(who), "")
	switch {
	case h.err != nil:
		for _, l := range wrap("Could not read the history: "+plainError(h.err), w-1, " ") {
			lines = append(lines, s.Alert.Render(l))
		}
	case !h.loaded:
		lines = append(lines, " "+s.Dim.Render("Reading…"))
	case len(h.rows) == 0:
		msg := "No sessions yet. They appear here after each massage."
		if !h.everyone() {
			msg = "No sessions for " + who + " yet. They appear here after each massage."
		}
		for _, l := range wrap(msg, w-1, " ") {
			lines = append(lines, s.Dim.Render(l))
		}
	}
	cols := h.columns()
	if cols.compact && len(h.rows) > 0 {
		lines[0] = " " + headerLine(w-1, s.Title.Render(who), s.Dim.Render(marksLegend()))
	}
	end := min(len(h.rows), h.top+h.visible())
	for i := h.top; i < end; i++ {
		r := h.rows[i]
		line, answers := h.row(i, cols)
		style := s.Text
		if r.Status == store.StatusInProgress {
			style = s.Warn
		}
		row := " " + style.Render(line) + s.Dim.Render(answers)
		if i == h.cursor {
			row = s.Marker.Render("▌") + s.Selected.Render(line) + s.Dim.Render(answers)
		}
		lines = append(lines, layout.Cut(row, w))
	}
	if h.busy && h.loaded {
		lines = append(lines, " "+s.Dim.Render("Reading more…"))
	}
	if legend := endingLegend(h.rows[h.top:end]); legend != "" {
		for len(lines) < h.visible()+3 {
			lines = append(lines, "") // the legend stays at the foot of the list
		}
		lines = append(lines, " "+s.Faint.Render(layout.Cut(legend, w-1)))
	}
	footer := a.helpBar(a.w-2, a.keys.Open, layout.Relabel(a.keys.Up, "↑/↓", "choose"),
		enabledIf(len(views) > 1, a.keys.NextBaby), a.keys.Leave, a.keys.Help)
	return a.frame(header, strings.Join(lines, "\n"), footer)
}

func (h *historyScreen) HelpKeys() []keyGroup {
	k := h.a.keys
	return []keyGroup{{"History", []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Open, k.NextBaby, k.Leave}}}
}
