package screens

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/cradle-coach/cradle/class"
	"github.com/cradle-coach/cradle/internal/plural"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui"
	"github.com/cradle-coach/cradle/ui/bigtext"
	"github.com/cradle-coach/cradle/ui/layout"
)

// Console is the instructor's screen: the room's view of the session (the
// presentation view, for the projector), the class code and how to join,
// and on r the roster: each family's last answer and when, the room's
// counts for the region, raised hands. The instructor paces the class
// from it: pause for everyone, more time, back, on, end.
type Console struct {
	hub    *class.Hub
	sub    *class.Sub
	join   string // how families join: "ssh -p 2323 192.168.1.20"
	theme  ui.Theme
	styles ui.Styles
	keys   ui.KeyMap
	pres   *ui.Presenter
	w, h   int

	roster      bool
	watchOnly   bool // the roster in a window of its own: it only shows
	confirmEnd  bool
	confirmQuit bool
	note        string // what the last key did, when it did not show
}

// NewConsole makes the instructor's screen for hub; join says how
// families join (the ssh command). theme "" follows the terminal's
// background.
func NewConsole(hub *class.Hub, join string, theme ui.Theme) *Console {
	c := &Console{hub: hub, sub: hub.Subscribe(), join: join, theme: theme, styles: ui.NewStyles(theme), keys: ui.Keys, w: 80, h: 24}
	c.pres = ui.NewPresenter(hub.Routine(), c.styles)
	return c
}

// NewRosterWindow is the roster alone, for a window of the instructor's
// own (cradle class roster) while the room's view is on a projector: it
// shows the families and their answers, and takes no key but the one
// that closes it.
func NewRosterWindow(hub *class.Hub, join string, theme ui.Theme) *Console {
	c := &Console{hub: hub, sub: hub.SubscribeWindow(), join: join, theme: theme, styles: ui.NewStyles(theme), keys: ui.Keys, w: 80, h: 24,
		roster: true, watchOnly: true}
	c.pres = ui.NewPresenter(hub.Routine(), c.styles)
	return c
}

// Init listens to the class, and asks the terminal for its background
// when no theme was chosen.
func (c *Console) Init() tea.Cmd {
	cmds := []tea.Cmd{listen(c.sub.C), tea.RequestWindowSize}
	if c.theme == "" {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

func (c *Console) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		c.w, c.h = msg.Width, msg.Height
	case tea.BackgroundColorMsg:
		if c.theme == "" {
			t := ui.ThemeLight
			if msg.IsDark() {
				t = ui.ThemeDark
			}
			c.styles = ui.NewStyles(t)
			c.pres = ui.NewPresenter(c.hub.Routine(), c.styles)
		}
	case pulseMsg:
		return c, listen(c.sub.C)
	case tea.KeyPressMsg:
		return c, c.key(msg)
	}
	return c, nil
}

// key acts on the instructor's key.
func (c *Console) key(msg tea.KeyPressMsg) tea.Cmd {
	k, h := c.keys, c.hub
	c.note = ""
	snap := h.Snapshot()
	if c.watchOnly {
		switch {
		case msg.String() == "ctrl+c" || key.Matches(msg, k.Quit):
			return c.quit()
		case key.Matches(msg, k.Teach):
			h.ToggleTalkingPoints()
		}
		return nil
	}
	if c.confirmEnd || c.confirmQuit {
		quit := c.confirmQuit
		c.confirmEnd, c.confirmQuit = false, false
		if key.Matches(msg, k.Yes) || quit && msg.String() == "ctrl+c" {
			h.End()
			if quit {
				return c.quit()
			}
		}
		return nil
	}
	if key.Matches(msg, k.Roster) {
		c.roster = !c.roster
		return nil
	}
	if msg.String() == "ctrl+c" || snap.Stage != class.StageRunning && key.Matches(msg, k.Quit) {
		if snap.Stage == class.StageRunning || snap.Stage == class.StageOver && c.untaken() > 0 {
			c.confirmQuit = true
			return nil
		}
		return c.quit()
	}
	switch snap.Stage {
	case class.StageLobby:
		if key.Matches(msg, k.Start) {
			h.Begin()
		}
		return nil
	case class.StageOver:
		return nil
	}
	st := snap.State
	if snap.Questions {
		// Any key goes on where the class was, as in --present; e still
		// ends it, r still shows who has a hand up.
		if key.Matches(msg, k.End) {
			c.confirmEnd = true
		} else {
			h.EndQuestions()
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Questions):
		h.Questions()
	case key.Matches(msg, k.Teach):
		h.ToggleTalkingPoints()
		if snap := h.Snapshot(); snap.TalkingPoints && snap.Windows > 0 {
			c.note = "The talking points are in the roster window, not on this screen."
		}
	case st.Phase == routines.PhaseWaiting && key.Matches(msg, k.Begin, k.Ready):
		h.Next() // the room's yes: space or enter
	case key.Matches(msg, k.Pause):
		h.TogglePause()
	case key.Matches(msg, k.Next):
		h.Next()
	case key.Matches(msg, k.Back):
		h.Back()
	case key.Matches(msg, k.Skip):
		h.SkipRegion()
	case key.Matches(msg, k.CheckIn):
		h.AskNow()
	case key.Matches(msg, k.MoreTime):
		if !h.More() {
			c.note = ui.MoreTimeWords(false)
		}
	case key.Matches(msg, k.End):
		c.confirmEnd = true
	}
	return nil
}

// quit closes the screen: its notices stop, and the program ends.
func (c *Console) quit() tea.Cmd {
	c.sub.Close()
	return tea.Quit
}

// Close stops the screen's notices, when its program has ended some other
// way (a roster window's connection gone).
func (c *Console) Close() { c.sub.Close() }

// untaken counts the families whose session has ended but not gone home.
func (c *Console) untaken() int {
	n := 0
	for _, m := range c.hub.Roster().Families {
		if m.Stage == class.FamilyDone && !m.Taken {
			n++
		}
	}
	return n
}

func (c *Console) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = "cradle · class"
	v.SetContent(c.draw())
	return v
}

// draw is the console for the stage the class is in.
func (c *Console) draw() string {
	s, k := &c.styles, c.keys
	h := c.hub
	snap := h.Snapshot()
	r := h.Roster()
	left := s.Brand.Render("cradle") + s.Dim.Render(" · class · "+h.Routine().Title)
	right := s.Dim.Render(fmt.Sprintf("code %s · %s here", h.Code(), plural.Of(snap.Here, "family", "families")))
	if r.Hands > 0 {
		right = s.Warn.Render(plural.Of(r.Hands, "hand", "hands")+" up") + s.Dim.Render(" · ") + right
	}
	header := spread(c.w-2, left, right)
	room := c.h - 4
	var body []string
	var keys []key.Binding
	rosterKey := layout.Relabel(k.Roster, "r", "roster")
	if c.roster {
		rosterKey = layout.Relabel(k.Roster, "r", "the room's view")
	}
	quit := layout.Relabel(k.Quit, "q", "close the class")
	switch {
	case c.roster:
		body = c.rosterView(r, snap)
	case snap.Stage == class.StageLobby:
		body = c.lobbyView(snap, room)
	case snap.Stage == class.StageOver:
		body = c.overView(r)
	case snap.Questions:
		body = c.pres.Questions(snap.StateAt(h.Now()), c.w, max(room-1, 0))
		body = append(body, layout.CentreLine(c.roomLine(r, snap, true), c.w))
	default:
		c.pres.ShowTalkingPoints(c.pointsHere(snap))
		body = c.pres.Body(snap.StateAt(h.Now()), c.w, max(room-1, 0))
		body = append(body, layout.CentreLine(c.roomLine(r, snap, true), c.w))
	}
	switch snap.Stage {
	case class.StageLobby:
		keys = []key.Binding{layout.Relabel(k.Start, "enter", "begin the class"), rosterKey, quit}
	case class.StageRunning:
		pause := k.Pause
		if snap.State.Paused {
			pause = layout.Relabel(k.Pause, "space", "go on")
		}
		if snap.State.Phase == routines.PhaseWaiting {
			pause = layout.Relabel(k.Begin, "space", "the babies said yes")
		}
		// The keys a class cannot do without first: a narrow footer drops
		// from the end.
		keys = []key.Binding{pause, k.Next, k.Back, k.MoreTime, k.End, rosterKey, k.Questions, k.CheckIn, k.Skip, k.Teach}
		if snap.Questions {
			keys = []key.Binding{layout.Relabel(k.Questions, "any key", "go on"), k.End, rosterKey}
		}
	default:
		keys = []key.Binding{rosterKey, quit}
	}
	if c.watchOnly {
		keys = []key.Binding{layout.Relabel(k.Quit, "q", "close this window (the class goes on)")}
		if snap.Stage == class.StageRunning {
			keys = append([]key.Binding{k.Teach}, keys...)
		}
		header = spread(c.w-2, s.Brand.Render("cradle")+s.Dim.Render(" · roster · for your eyes only"), right)
	}
	footer := keysLine(s, c.w-2, keys...)
	switch {
	case c.confirmEnd:
		footer = s.Warn.Render("End the class for everyone?") + "  " + keysLine(s, c.w-32, layout.Relabel(k.Yes, "y", "end it"), layout.Relabel(k.No, "any other key", "keep going"))
	case c.confirmQuit && snap.Stage == class.StageRunning:
		footer = s.Warn.Render("End the class and close it?") + "  " + keysLine(s, c.w-32, layout.Relabel(k.Yes, "y", "end and close"), layout.Relabel(k.No, "any other key", "keep going"))
	case c.confirmQuit:
		footer = s.Warn.Render(fmt.Sprintf("%s not taken home yet: close anyway?", plural.Of(c.untaken(), "session", "sessions"))) + "  " +
			keysLine(s, c.w-48, layout.Relabel(k.Yes, "y", "close"), layout.Relabel(k.No, "any other key", "wait"))
	}
	if err := r.SaveErr; err != nil {
		body = append(body[:min(len(body), max(room-1, 0))], s.Alert.Render(layout.Cut("The class record could not be saved ("+err.Error()+"): it is kept here and tried again.", c.w)))
	} else if c.note != "" {
		body = append(body[:min(len(body), max(room-1, 0))], layout.CentreLine(s.Warn.Render(layout.Cut(c.note, c.w-2)), c.w))
	}
	return frame(s, c.w, c.h, header, body, footer)
}

// pointsHere reports whether this screen shows the talking points: the
// instructor asked for them (t), and this is the roster window, or the
// console with no roster window open (then the console is the
// instructor's own; with one, the console is taken to be the room's).
func (c *Console) pointsHere(snap *class.Snapshot) bool {
	return snap.Stage == class.StageRunning && snap.TalkingPoints && (c.watchOnly || snap.Windows == 0)
}

// roomLine is how many families follow and watch (on the room's view;
// the roster has its own line for them), the room's answers
// in the region on screen, and the hands raised, without a name: the
// room's view may be on a projector. On a narrow window the words that
// only help go first.
func (c *Console) roomLine(r class.Roster, snap *class.Snapshot, room bool) string {
	s := &c.styles
	n := r.Standing()
	who := func(long bool) string {
		if !room || n.Following+n.Watching == 0 {
			return ""
		}
		line := fmt.Sprintf("%d following", n.Following)
		if long {
			line = plural.Of(n.Following, "family", "families") + " following"
		}
		if n.Watching > 0 {
			line += fmt.Sprintf(", %d watching", n.Watching)
		}
		return s.Text.Render(line)
	}
	var parts []string
	for _, cue := range routines.Cues {
		if n := r.Counts[cue]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, cue))
		}
	}
	if r.Waiting > 0 && (len(parts) > 0 || snap.State.Phase == routines.PhaseCheckIn) {
		parts = append(parts, fmt.Sprintf("%d not answered", r.Waiting))
	}
	answers := ""
	if len(parts) > 0 && r.Region.Name != "" {
		answers = s.Dim.Render(r.Region.Name+": ") + s.Text.Render(strings.Join(parts, ", "))
	}
	hands := ""
	if r.Hands > 0 {
		hands = s.Warn.Render(plural.Of(r.Hands, "hand", "hands") + " up")
	}
	join := func(ps ...string) string {
		var out []string
		for _, p := range ps {
			if p != "" {
				out = append(out, p)
			}
		}
		return strings.Join(out, s.Dim.Render("  ·  "))
	}
	hint := ""
	if hands != "" && room {
		hint = hands + s.Dim.Render(" (r shows who)")
	}
	for _, line := range []string{join(who(true), answers, hint), join(who(false), answers, hint), join(who(false), answers, hands)} {
		if lipgloss.Width(line) <= c.w-2 {
			return line
		}
	}
	return join(who(false), answers, hands)
}

// lobbyView shows the room how to join: the command, and the class code
// in letters as large as fit.
func (c *Console) lobbyView(snap *class.Snapshot, room int) []string {
	s := &c.styles
	code := strings.ToUpper(string(c.hub.Code()))
	var letters []string
	words := strings.Fields(code)
	for scale := 8; scale >= 1; scale-- {
		width, height := 0, len(words)*(bigtext.Height(scale)+1)-1
		for _, w := range words {
			width = max(width, bigtext.Width(w, scale))
		}
		oneLine := bigtext.Width(code, scale)
		switch {
		case oneLine <= c.w-2 && bigtext.Height(scale)+8 <= room:
			letters = bigtext.Render(code, scale)
		case width <= c.w-2 && height+8 <= room:
			for i, w := range words {
				if i > 0 {
					letters = append(letters, "")
				}
				letters = append(letters, centreAll(bigtext.Render(w, scale), bigtext.Width(w, scale))...)
			}
		default:
			continue
		}
		break
	}
	if !bigtext.Drawable(code) || letters == nil {
		letters = []string{s.Title.Render(code)}
	}
	out := []string{"", layout.CentreLine(s.Dim.Render("Families join with"), c.w), layout.CentreLine(s.Key.Render(c.join), c.w), "",
		layout.CentreLine(s.Dim.Render("then type the class code"), c.w), ""}
	for _, l := range letters {
		out = append(out, layout.CentreLine(s.Title.Render(l), c.w))
	}
	out = append(out, "", layout.CentreLine(s.Dim.Render(fmt.Sprintf("%s here, of %d at most", plural.Of(snap.Here, "family", "families"), c.hub.MaxFamilies())), c.w))
	if pad := (room - len(out)) / 3; pad > 0 {
		out = append(make([]string, pad), out...)
	}
	return out
}

// overView says the class has ended, and how many families have taken
// their session home.
func (c *Console) overView(r class.Roster) []string {
	s := &c.styles
	ended, taken := 0, 0
	for _, m := range r.Families {
		if m.Stage == class.FamilyDone {
			ended++
			if m.Taken {
				taken++
			}
		}
	}
	out := []string{"", "", layout.CentreLine(s.Title.Render("The class has ended"), c.w), ""}
	out = append(out, layout.CentreLine(s.Text.Render(fmt.Sprintf("%d of %s have taken their session home.", taken, plural.Of(ended, "family", "families"))), c.w))
	out = append(out, "", layout.CentreLine(s.Dim.Render("Each family's screen shows the line that takes theirs home. They work until you close the class."), c.w))
	return out
}

// rosterView is the roster: a line for each family, the room's counts
// for the region, raised hands first.
func (c *Console) rosterView(r class.Roster, snap *class.Snapshot) []string {
	s := &c.styles
	now := c.hub.Now()
	w := c.w - 4
	var out []string
	out = append(out, "")
	// The families by where they stand are the roster's own line, below.
	if line := c.roomLine(r, snap, false); line != "" && snap.Stage == class.StageRunning {
		out = append(out, "  "+line, "")
	}
	if c.pointsHere(snap) {
		out = append(append(out, indent(c.pres.TalkingPoints(snap.StateAt(now), w), 2)...), "")
	}
	if len(r.Families) == 0 {
		return append(out, "  "+s.Dim.Render("No family has joined yet. They join with "+c.join+" and the class code."))
	}
	out = append(out, "  "+s.Dim.Render(layout.Cut(stageCounts(r), w)), "")
	nameW := 12
	for _, m := range r.Families {
		nameW = max(nameW, min(lipgloss.Width(m.Name), 24))
	}
	head := fmt.Sprintf("%-*s  %-12s  %-30s  %s", nameW, "Family", "", "Last answer", "Keeps")
	out = append(out, "  "+s.Dim.Render(layout.Cut(head, w)))
	fams := slices.Clone(r.Families)
	// Raised hands first, the longest raised at the top.
	slices.SortStableFunc(fams, func(a, b class.Member) int {
		switch {
		case a.Hand.IsZero() == b.Hand.IsZero():
			return a.Hand.Compare(b.Hand)
		case !a.Hand.IsZero():
			return -1
		}
		return 1
	})
	for _, m := range fams {
		status := ""
		switch {
		case !m.Hand.IsZero():
			status = s.Warn.Render(fmt.Sprintf("%-12s", "hand up"))
		case !m.Here:
			status = s.Dim.Render(fmt.Sprintf("%-12s", "left "+m.Left.Format("15:04")))
		case m.Stage == class.FamilyJoining:
			status = s.Dim.Render(fmt.Sprintf("%-12s", "joining"))
		case m.Stage == class.FamilyWatching && snap.Stage == class.StageOver:
			status = s.Dim.Render(fmt.Sprintf("%-12s", "watched"))
		case m.Stage == class.FamilyWatching:
			status = s.Dim.Render(fmt.Sprintf("%-12s", "watching"))
		case m.Stage == class.FamilyDone && m.Taken:
			status = s.Calm.Render(fmt.Sprintf("%-12s", "taken home"))
		case m.Stage == class.FamilyDone:
			status = s.Dim.Render(fmt.Sprintf("%-12s", endWord(m.Reason)))
		default:
			status = s.Calm.Render(fmt.Sprintf("%-12s", "following"))
		}
		answer := s.Dim.Render(fmt.Sprintf("%-30s", "—"))
		if l := m.Last; l != nil {
			answer = s.Text.Render(fmt.Sprintf("%-30s", layout.Cut(l.Cue.Info().Label+" · "+ago(now, l.At), 30)))
		}
		keeps := "no"
		switch {
		case m.Keep:
			keeps = "yes"
		case m.Stage == class.FamilyWatching || m.Stage == class.FamilyJoining:
			keeps = "—" // not asked: a family watching has no answers to keep
		}
		name := s.Text.Render(fmt.Sprintf("%-*s", nameW, layout.Cut(m.Name, nameW)))
		out = append(out, "  "+layout.Cut(name+"  "+status+"  "+answer+"  "+s.Dim.Render(keeps), w))
	}
	if snap.Stage == class.StageLobby {
		begin := "enter begins the class."
		if c.watchOnly { // this window only shows: the class's own screen begins it
			begin = "enter on the class's own screen begins the class."
		}
		out = append(out, "", "  "+s.Dim.Render(begin))
	}
	return out
}

// stageCounts counts the families by where they stand: "3 following ·
// 1 watching · 1 joining", so the room's answers are read against the
// babies being massaged.
func stageCounts(r class.Roster) string {
	n := r.Standing()
	var parts []string
	for _, c := range []struct {
		n    int
		word string
	}{{n.Following, "following"}, {n.Watching, "watching"}, {n.Joining, "joining"}, {n.Ended, "ended"}, {n.Left, "left"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.word))
		}
	}
	return strings.Join(parts, " · ")
}

// endWord is how a family's session ended, on the roster.
func endWord(r routines.EndReason) string {
	switch r {
	case routines.EndCrying, routines.EndFussing:
		return "ended gently"
	case routines.EndAsleep:
		return "asleep"
	case routines.EndNotNow:
		return "not now"
	}
	return "ended"
}

// centreAll pads lines of block letters to one width, so centring keeps
// them in line.
func centreAll(ls []string, w int) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l + strings.Repeat(" ", max(w-lipgloss.Width(l), 0))
	}
	return out
}
