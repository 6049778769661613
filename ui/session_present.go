package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui/bigtext"
	"github.com/cradle-coach/cradle/ui/layout"
)

// The presentation view is the session for a room: the step's name and
// the countdown in block letters as large as the window allows, in the
// body text colour (7:1 or more in every theme), and nothing personal on
// screen: no baby's name, no history. The keys are the session's own.

// maxScale bounds the block letters: at 8 a digit is 40 cells wide.
const maxScale = 8

func (ss *sessionScreen) presentView(st routines.State) string {
	a, s := ss.a, ss.a.styles
	right := ""
	if st.RegionNum > 0 {
		right = fmt.Sprintf("%s · region %d of %d · %s left", st.Region.Name, st.RegionNum, st.Regions, FormatCountdown(st.Left))
		if lipgloss.Width(ss.r.Title+right)+4 > a.w {
			right = fmt.Sprintf("Region %d of %d · %s left", st.RegionNum, st.Regions, FormatCountdown(st.Left))
		}
	}
	header := headerLine(a.w-2, s.Brand.Render(ss.r.Title), s.Dim.Render(right))
	var body []string
	var bindings []key.Binding
	if ss.questions {
		body, bindings = ss.questionsCard(st, a.w, a.h-4)
	} else {
		body, bindings = ss.presentBody(st, a.w, a.h-4)
	}
	footer := a.helpBar(a.w-2, append(bindings, a.keys.Help)...)
	if ss.confirmEnd {
		footer = s.Warn.Render("End now?") + "  " + s.Key.Render("y") + " " + s.KeyDesc.Render("end") + s.KeySep.Render(" · ") +
			s.KeyDesc.Render("any other key keeps going")
	}
	return a.assemble(header, body, footer)
}

// Presenter draws the presentation view's body for a session run
// elsewhere: a class host shows the room its session with it, so a room
// sees what --present shows.
type Presenter struct{ ss *sessionScreen }

// NewPresenter makes a Presenter of routine r, drawn in styles st.
func NewPresenter(r *routines.Routine, st Styles) *Presenter {
	return &Presenter{ss: &sessionScreen{a: &app{styles: st, keys: Keys}, r: r, present: true}}
}

// Body is the presentation view of st in width×height cells: the region
// and step, the step's name and the countdown in block letters as large
// as fit, what to do, the pressure, the direction and the caution, what
// comes next, a pause. It is height lines long, blank lines filling the
// foot.
func (p *Presenter) Body(st routines.State, width, height int) []string {
	body, _ := p.ss.presentBody(st, width, height)
	for len(body) < height {
		body = append(body, "")
	}
	return body[:max(height, 0)]
}

// Questions is the Questions card of st in width×height cells, as
// --present shows it: a class pauses for the room's questions with the
// same card and words.
func (p *Presenter) Questions(st routines.State, width, height int) []string {
	body, _ := p.ss.questionsCard(st, width, height)
	for len(body) < height {
		body = append(body, "")
	}
	return body[:max(height, 0)]
}

// TalkingPoints are the talking points for st in width cells, under
// their heading, as --present's t shows them: for the instructor alone.
func (p *Presenter) TalkingPoints(st routines.State, width int) []string {
	return p.ss.teachLines(st, width)
}

// ShowTalkingPoints puts the talking points in Body, under the letters,
// as --present's t does, or takes them out.
func (p *Presenter) ShowTalkingPoints(on bool) { p.ss.teach = on }

// forRoom reports whether the presentation view is read by a room (a
// demonstration with --present, or a class's Presenter) rather than by
// the parent at the keys: the room is never told to press a key.
func (ss *sessionScreen) forRoom() bool {
	return ss.a.cfg.Store == nil || ss.a.demo()
}

// manual reports whether auto-advance is off (never for a Presenter,
// whose session runs elsewhere).
func (ss *sessionScreen) manual() bool { return ss.sess != nil && ss.sess.Manual() }

// The ranks of the presentation view's small parts: when the window is
// too short for them all at the smallest block letters, the lowest give
// way first. The caution, a pause and what the step waits for never do.
const (
	presPace   = 10 // decoration: the pace guide
	presNext   = 30
	presHead   = 40 // the region and the step's place in it
	presWords  = 50 // what to do: cut line by line
	presTeach  = 55 // talking points, asked for with t
	presDetail = 60 // pressure, direction, oil: each whole
	presNote   = 65 // slower, more time given
	presKeep   = 90 // never left out: the caution, a pause, a wait
)

// presPart is one of the small parts under (or over) the letters: plain
// lines, and, for a short one, its words for block letters when the
// window has room for them.
type presPart struct {
	rank  int
	group int // parts of a group stand together, without a gap
	lines []string
	big   string // the words in block letters, "" for none
	style lipgloss.Style
	cut   bool // may lose lines from its end (the step's words)
	pace  bool // the pace guide, drawn again on every frame
	isBig bool // now drawn in block letters
	drop  bool
}

// The groups of the presentation view, top to bottom; the letters of the
// name and the countdown stand between groupHead and groupStatus.
const (
	groupHead = iota
	groupStatus
	groupCard
	groupPace
	groupNext
	groupTeach
)

// height is the lines p takes, in width cells.
func (p *presPart) height(width int) int {
	switch {
	case p.drop:
		return 0
	case p.isBig:
		lines, _ := bigWrap(p.big, 1, width)
		return bigHeight(len(lines), 1)
	}
	return len(p.lines)
}

// canBig reports whether p's words fit in block letters in width cells:
// on one line, or two for the caution.
func (p *presPart) canBig(width int) bool {
	if p.big == "" {
		return false
	}
	most := 1
	if p.rank == presKeep {
		most = 2
	}
	lines, ok := bigWrap(p.big, 1, width)
	return ok && len(lines) <= most
}

// presLayout is the presentation view fitted to a window: the parts
// kept, and the scales of the name and the countdown.
type presLayout struct {
	parts      []*presPart
	title      []string // the name's lines at titleScale
	titleScale int
	timerScale int
}

// presentBody is the presentation view between its header and its
// footer, in width×height cells, and the keys its footer offers.
func (ss *sessionScreen) presentBody(st routines.State, width, height int) ([]string, []key.Binding) {
	s := ss.a.styles
	title, timer, parts, bindings := ss.presentParts(st, width)
	timerStyle := s.Timer
	if st.Paused {
		timerStyle = s.TimerPaused
	}
	// Where the letters go changes only with the step, the window or the
	// width of the time; each second only the countdown is drawn again.
	c := &ss.big
	ck := fmt.Sprint(width, height, st.Phase, st.Index, title, len(timer), s.Theme, st.Paused, st.Slow, st.TimeUp,
		ss.manual(), ss.teach, ss.note, st.Cue, st.CheckInRegion.ID)
	if c.key != ck {
		*c = bigCache{key: ck, layout: presFit(parts, title, timer, width, height)}
	}
	l := c.layout
	titleRows := blockRows(l.title, l.titleScale, s.Title, width)
	var timerRows []string
	if timer != "" {
		timerRows = blockRows([]string{timer}, l.timerScale, timerStyle, width)
	}
	groups := make([][]string, groupTeach+1)
	pads := make([]string, groupTeach+1) // the column's margin, for the card and the talking points
	for g := range pads {
		wide := 0
		for _, p := range l.parts {
			if p.group == g && !p.drop && !p.isBig {
				for _, line := range p.lines {
					wide = max(wide, lipgloss.Width(line))
				}
			}
		}
		pads[g] = strings.Repeat(" ", max((width-wide)/2, 0))
	}
	for _, p := range l.parts {
		g := p.group
		switch {
		case p.drop:
		case p.pace:
			if line := ss.paceLine(st, min(width-2, 76), 48); line != "" {
				groups[g] = append(groups[g], centred([]string{line}, width)...)
			}
		case p.isBig:
			lines, _ := bigWrap(p.big, 1, width-2)
			groups[g] = append(groups[g], blockRows(lines, 1, p.style, width)...)
		case g == groupCard || g == groupTeach:
			for _, line := range p.lines {
				groups[g] = append(groups[g], layout.Cut(pads[g]+line, width))
			}
		default:
			groups[g] = append(groups[g], centred(p.lines, width)...)
		}
	}
	return stack(width, height, groups[groupHead], titleRows, timerRows, groups[groupStatus], groups[groupCard],
		groups[groupPace], groups[groupNext], groups[groupTeach]), bindings
}

// presFit fits the parts, the name and the countdown in width×height
// cells. First the parts are taken, highest rank first, while the name
// and the countdown still fit in block letters (the smallest); then the parts that
// can be drawn in block letters are, in order, while the letters of the
// name and the countdown keep their size up to upgradeTitle and
// upgradeTimer; the room
// left makes those letters larger.
func presFit(parts []*presPart, title, timer string, width, height int) presLayout {
	w := width - 2
	fixed := func() int {
		n := 0
		for _, p := range parts {
			n += p.height(w)
		}
		return n
	}
	score := func(titleLimit, timerLimit int) (sn, sc int, ok bool) {
		sn, sc, _ = bigFit(height, w, fixed(), title, timer, titleLimit, timerLimit)
		return sn, sc, sn >= 1 && (sc >= 1 || timer == "")
	}
	// Highest rank first, each part whole if it fits, else (the step's
	// words) as many of its lines as fit, else left out; the caution,
	// a pause and a wait always stay.
	order := slices.Clone(parts)
	slices.SortStableFunc(order, func(a, b *presPart) int { return b.rank - a.rank })
	for _, p := range order {
		p.drop = p.rank < presKeep
	}
	for _, p := range order {
		if p.rank >= presKeep {
			continue
		}
		all := p.lines
		p.drop = false
		for n := len(all); n > 0; n-- {
			p.lines = cutLines(all, n)
			if _, _, ok := score(maxScale, maxScale); ok {
				break
			}
			if !p.cut {
				p.drop = true
				break
			}
		}
		if _, _, ok := score(maxScale, maxScale); !ok {
			p.drop = true
		}
	}
	if _, _, ok := score(maxScale, maxScale); ok {
		sn, sc, _ := score(upgradeTitle, upgradeTimer)
		for _, p := range parts {
			if p.drop || !p.canBig(w) {
				continue
			}
			p.isBig = true
			if bn, bc, ok := score(upgradeTitle, upgradeTimer); !ok || bn < sn || bc < sc {
				p.isBig = false
			}
		}
	}
	sn, sc, lines := bigFit(height, w, fixed(), title, timer, maxScale, maxScale)
	return presLayout{parts: parts, title: lines, titleScale: sn, timerScale: sc}
}

// The sizes the name and the countdown keep before a small part is drawn
// in block letters: at 2 a name is 7 lines tall, at 3 the countdown 11.
const upgradeTitle, upgradeTimer = 2, 3

// cutLines is the first n of lines, the last of them ending in "…" when
// some are left out.
func cutLines(lines []string, n int) []string {
	if n >= len(lines) {
		return lines
	}
	out := slices.Clone(lines[:n])
	out[n-1] = strings.TrimRight(out[n-1], " ") + "…"
	return out
}

// presentParts are the presentation view's name, countdown and small
// parts for st in width cells, and the keys its footer offers.
func (ss *sessionScreen) presentParts(st routines.State, width int) (title, timer string, parts []*presPart, bindings []key.Binding) {
	s, k := ss.a.styles, ss.a.keys
	col := min(width-4, 96) // the step's words keep a column a room can read
	room := ss.forRoom()
	add := func(rank, group int, lines []string, big string, style lipgloss.Style) *presPart {
		p := &presPart{rank: rank, group: group, lines: lines, big: big, style: style}
		parts = append(parts, p)
		return p
	}
	words := func(text string, style lipgloss.Style) []string {
		var out []string
		for _, l := range wrap(text, col, "") {
			out = append(out, style.Render(l))
		}
		return out
	}
	labelled := func(label, text string, style lipgloss.Style) []string {
		var out []string
		for i, l := range wrap(text, col-11, "") {
			lead := strings.Repeat(" ", 11)
			if i == 0 {
				lead = fmt.Sprintf("%-11s", label)
			}
			out = append(out, s.Dim.Render(lead)+style.Render(l))
		}
		return out
	}
	title, timer = st.Step.Title(), FormatCountdown(st.Remaining)
	normal := layout.Relabel(k.Present, "p", normalViewDesc)
	bindings = ss.instructorKeys(k.Pause, k.Next, k.Back, k.Skip, k.CheckIn, normal, k.End)
	switch st.Phase {
	case routines.PhaseCheckIn:
		title = checkInTitle
		add(presHead, groupHead, []string{s.Dim.Render(checkInAbout(st))}, "", s.Region)
		add(presKeep, groupCard, answerLines(s, col), "", s.Text)
		bindings = ss.instructorKeys(k.Answer, k.Pause, k.Next, normal, k.End)
	case routines.PhaseHolding:
		title = "Hands still"
		add(presHead, groupHead, []string{s.Region.Render(strings.ToUpper(restingTitle))}, restingTitle, s.Region)
		add(presWords, groupCard, words(st.Response.Say, s.Text), "", s.Text).cut = true
		if then := holdThen(st); then != "" {
			add(presNext, groupNext, []string{s.Dim.Render("Then  ") + s.Text.Render(then)}, "", s.Text)
		}
		bindings = ss.instructorKeys(layout.Relabel(k.Next, "→", "go on now"), k.Pause, k.Skip, normal, k.End)
	default:
		preparing := st.Step.Kind == routines.StepPrepare
		pos := fmt.Sprintf("step %d of %d", st.StepInRegion, st.StepsInRegion)
		if preparing {
			pos = "getting ready"
		}
		add(presHead, groupHead, []string{s.Region.Render(strings.ToUpper(st.Region.Name)) + s.Dim.Render("  ·  "+pos)},
			st.Region.Name+"  "+pos, s.Region)
		if st.Step.Do != "" {
			add(presWords, groupCard, words(st.Step.Do, s.Text), "", s.Text).cut = true
		}
		for _, d := range stepDetails(st) {
			add(presDetail, groupCard, labelled(d.label, d.text, s.Text), "", s.Text)
		}
		if c := st.Step.Caution; c != "" {
			// Whole, in the warning colour, and in block letters when they
			// fit: the one line a room must not miss.
			add(presKeep, groupCard, labelled(cautionLabel, c, s.Warn), cautionLabel+": "+c, s.Warn)
		}
		if slow := ss.r.SlowNote(st.Step); st.Slow && slow != "" {
			add(presNote, groupCard, words(slow, s.Calm), "", s.Calm)
		}
		if must := ss.presentMust(st, room); must != "" {
			add(presKeep, groupCard, words(must, s.Calm), "", s.Calm)
		}
		switch {
		case st.Phase == routines.PhaseWaiting && !st.TimeUp:
			timer = ""
			bindings = ss.instructorKeys(ss.begin(), layout.Relabel(k.End, "e", "not now"), normal)
		case st.TimeUp:
			timer = ""
			if preparing {
				bindings = ss.instructorKeys(k.Ready, k.Back, k.Skip, normal, k.End)
			}
		case preparing:
			bindings = ss.instructorKeys(k.Ready, k.Back, k.Skip, normal, k.End)
		default:
			if _, ok := pace(st); ok {
				add(presPace, groupPace, []string{""}, "", s.Dim).pace = true
			}
		}
		if label, text, _ := nextWords(st); label != "" {
			add(presNext, groupNext, []string{s.Dim.Render(label+"  ") + s.Text.Render(text)}, label+": "+text, s.Text)
		}
	}
	if ss.manual() && st.Phase != routines.PhaseCheckIn {
		add(presKeep, groupStatus, []string{s.Accent.Render(manualWords)}, "", s.Accent)
	}
	if ss.note != "" && st.Phase != routines.PhaseCheckIn {
		add(presNote, groupCard, words(ss.note, s.Calm), "", s.Calm)
	}
	if st.Paused {
		line := s.TimerPaused.Render(pausedTitle)
		if !room {
			line += s.Dim.Render("  ·  " + ss.a.keyWord(k.Pause) + " goes on")
		}
		add(presKeep, groupStatus, []string{line}, pausedTitle, s.TimerPaused)
		for i, b := range bindings {
			if b.Help().Key == "space" {
				bindings[i] = layout.Relabel(b, "space", "go on")
			}
		}
	}
	if ss.teach {
		add(presTeach, groupTeach, ss.teachLines(st, col), "", s.Text).cut = true
	}
	// Each part's plain lines: cut to the window, so a narrow one never
	// overflows.
	for _, p := range parts {
		for i, l := range p.lines {
			p.lines[i] = layout.Cut(l, width-2)
		}
	}
	return title, timer, parts, bindings
}

// normalViewDesc is what p does in the presentation view.
const normalViewDesc = "normal view"

// manualWords say auto-advance is off, in words for whoever reads them.
const manualWords = "Auto-advance off: each step waits when its time is up"

// presentMust is what a step waits for, in words for its reader: the
// parent at the keys is told which key; a room is told what happens.
func (ss *sessionScreen) presentMust(st routines.State, room bool) string {
	k := ss.a.keys
	preparing := st.Step.Kind == routines.StepPrepare
	switch {
	case st.Phase == routines.PhaseWaiting && !st.TimeUp && room:
		return roomAsk
	case st.Phase == routines.PhaseWaiting && !st.TimeUp:
		return "When your baby says yes, press " + ss.a.keyWord(ss.begin()) + "."
	case st.TimeUp && room:
		return "Time is up for this one: we go on together."
	case st.TimeUp && preparing:
		return "When you are ready, press " + ss.a.keyWord(k.Ready) + "."
	case st.TimeUp:
		return "Time is up for this one: press " + ss.a.keyWord(k.Next) + " when you are ready."
	case preparing && room:
		return "We go on together when everyone is ready."
	case preparing:
		return "When you are ready, press " + ss.a.keyWord(k.Ready) + ". Goes on by itself."
	}
	return ""
}

// roomAsk is what a room reads while the babies are asked.
const roomAsk = "When your baby says yes, we begin together."

// bigCache keeps the presentation view's layout between seconds.
type bigCache struct {
	key    string
	layout presLayout
}

// answerLines lists a check-in's answers compactly: "1 Relaxed   2 Alert
// and content   ...", wrapped to w.
func answerLines(s Styles, w int) []string {
	var lines []string
	line, lineW := "", 0
	for i, c := range routines.Cues {
		item := s.Key.Render(fmt.Sprint(i+1)) + " " + s.Text.Render(c.Info().Label)
		iw := lipgloss.Width(item)
		if lineW > 0 && lineW+3+iw > w {
			lines = append(lines, line)
			line, lineW = "", 0
		}
		if lineW > 0 {
			line += "   "
			lineW += 3
		}
		line += item
		lineW += iw
	}
	return append(lines, line)
}

// bigFit picks the largest block letters for a title and a countdown
// that fit, with fixed small lines, in innerW×height cells: first the
// larger of the two smaller scales, then the larger sum, so neither the
// name nor the time is left tiny. Scale 0 is plain text, for a window too
// small (or a name the font cannot draw); neither goes past its limit.
// It works from widths alone and returns the title's lines at its scale.
func bigFit(height, innerW, fixed int, title, timer string, titleLimit, timerLimit int) (titleScale, timerScale int, lines []string) {
	found := false
	var best [2]int
	for sn := 0; sn <= titleLimit; sn++ {
		words, ok := bigWrap(title, sn, innerW)
		if !ok {
			continue
		}
		th := bigHeight(len(words), sn)
		for sc := 0; sc <= timerLimit; sc++ {
			ch := 0
			if timer != "" {
				if sc > 0 && bigtext.Width(timer, sc) > innerW {
					break
				}
				ch = bigHeight(1, sc)
			} else if sc > 0 {
				break
			}
			if fixed+th+ch > height {
				break // larger letters are taller still
			}
			score := [2]int{sn, sn}
			if timer != "" {
				score = [2]int{min(sn, sc), sn + sc}
			}
			if !found || score[0] > best[0] || score[0] == best[0] && score[1] > best[1] {
				titleScale, timerScale, best, lines, found = sn, sc, score, words, true
			}
		}
	}
	if !found { // nothing fits: plain lines, cut by the frame
		return 0, 0, wrap(title, innerW, "")
	}
	return titleScale, timerScale, lines
}

// blockRows draws lines of text at scale (0: plain), each row styled and
// centred in width cells, a blank row between lines of letters from
// scale 2. Styling is
// the style's opening and closing sequences around each row: the rows are
// long, and measuring them again would cost more than drawing them.
func blockRows(lines []string, scale int, st lipgloss.Style, width int) []string {
	open, closing, _ := strings.Cut(st.Render("\x00"), "\x00")
	var out []string
	for i, l := range lines {
		if scale == 0 {
			out = append(out, strings.Repeat(" ", max((width-lipgloss.Width(l))/2, 0))+st.Render(l))
			continue
		}
		if i > 0 && scale > 1 {
			out = append(out, "")
		}
		pad := strings.Repeat(" ", max((width-bigtext.Width(l, scale))/2, 0))
		for _, row := range bigtext.Render(l, scale) {
			out = append(out, pad+open+row+closing)
		}
	}
	return out
}

// stack puts the parts (small lines, letters) one under the other in
// height lines, the spare lines between them (up to two each), then
// above them. Small lines are centred in width cells and cut to fit.
func stack(width, height int, parts ...[]string) []string {
	var nonEmpty [][]string
	used := 0
	for _, p := range parts {
		if len(p) > 0 {
			nonEmpty = append(nonEmpty, p)
			used += len(p)
		}
	}
	spare := max(height-used, 0)
	gap := 0
	if n := len(nonEmpty) - 1; n > 0 {
		gap = min(spare/n, 2)
		spare -= gap * n
	}
	out := make([]string, spare/2, height)
	for i, p := range nonEmpty {
		if i > 0 {
			for range gap {
				out = append(out, "")
			}
		}
		out = append(out, p...)
	}
	return out
}

// centred centres small lines in width cells, cut to fit.
func centred(lines []string, width int) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = layout.CentreLine(l, width)
	}
	return out
}

// bigHeight is how many lines n lines of text take at scale: a blank line
// between lines of block letters from scale 2 (at 1 the letters' own
// blank half line parts them).
func bigHeight(n, scale int) int {
	if scale <= 1 {
		return n * max(bigtext.Height(scale), 1)
	}
	return n*bigtext.Height(scale) + n - 1
}

// bigWrap wraps text at word boundaries into lines that are at most w
// cells wide at scale (0: plain text). ok is false when a word is too
// wide or a rune has no glyph.
func bigWrap(text string, scale, w int) ([]string, bool) {
	if scale == 0 {
		return wrap(text, w, ""), true
	}
	if !bigtext.Drawable(text) {
		return nil, false
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if bigtext.Width(word, scale) > w {
			return nil, false
		}
		switch {
		case line == "":
			line = word
		case bigtext.Width(line+" "+word, scale) <= w:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines, true
}

// --- a demonstration's instructor aids ---

// instructs reports whether the keys are an instructor's: a
// demonstration (--present), which has the Questions card, more time and
// the talking points. A parent's session has none of them.
func (ss *sessionScreen) instructs() bool { return ss.sess != nil && ss.a.demo() }

// instructorKeys are a footer's keys bs with, for an instructor, theirs
// before the view's key (p): questions, more time, talking points.
func (ss *sessionScreen) instructorKeys(bs ...key.Binding) []key.Binding {
	if !ss.instructs() {
		return bs
	}
	k := ss.a.keys
	at := len(bs)
	for i, b := range bs {
		if slices.Equal(b.Keys(), k.Present.Keys()) {
			at = i
		}
	}
	aids := []key.Binding{k.Questions, k.MoreTime, k.Teach}
	return append(append(append([]key.Binding(nil), bs[:at]...), aids...), bs[at:]...)
}

// instructorKey acts on an instructor's key: q (or a clicker's blank
// button) opens the Questions card and pauses; any key but e and ? closes
// it and goes on where the session was; + gives the step on screen
// routines.MoreTime more; t shows or hides the talking points. ok is
// false for a key that is not theirs.
func (ss *sessionScreen) instructorKey(msg tea.KeyPressMsg) (evs []routines.Event, ok bool) {
	k, s := ss.a.keys, ss.sess
	if ss.questions {
		if key.Matches(msg, k.End) {
			return nil, false
		}
		ss.questions = false
		if ss.pausedForQuestions && s.State().Paused {
			evs = s.Resume()
		}
		ss.pausedForQuestions = false
		return evs, true
	}
	switch {
	case key.Matches(msg, k.Questions):
		ss.questions, ss.present = true, true
		if !s.State().Paused {
			evs = s.Pause()
			ss.pausedForQuestions = s.State().Paused
		}
		return evs, true
	case key.Matches(msg, k.MoreTime):
		evs, given := s.Extend(routines.MoreTime)
		ss.note, ss.noteIndex = MoreTimeWords(given), s.State().Index
		return evs, true
	case key.Matches(msg, k.Teach):
		ss.teach = !ss.teach
		return nil, true
	}
	return nil, false
}

// MoreTimeWords say what more time did: given, or why not. A class's
// console says the same.
func MoreTimeWords(given bool) string {
	if given {
		return routines.FormatLength(routines.MoreTime) + " more for this step."
	}
	return "No more time here: only a step that counts down gets more, and never past " + routines.FormatLength(routines.MaxLeft) + " left."
}

// questionsTitle heads the Questions card.
const questionsTitle = "Questions?"

// questionsCard is the whole body while the room asks questions: the
// word in block letters as large as fit, and where the session waits.
func (ss *sessionScreen) questionsCard(st routines.State, width, height int) ([]string, []key.Binding) {
	s, k := ss.a.styles, ss.a.keys
	what := st.Step.Title()
	switch st.Phase {
	case routines.PhaseCheckIn:
		what = "the check-in"
	case routines.PhaseHolding:
		what = "resting hands"
	}
	where := "We go on with " + what
	if st.Paused && st.Remaining > 0 {
		where += ", " + FormatCountdown(st.Remaining) + " left"
	}
	small := []string{s.Dim.Render(where + ".")}
	sn, _, lines := bigFit(height, width-2, len(small)+1, questionsTitle, "", maxScale, maxScale)
	body := stack(width, height, blockRows(lines, sn, s.Title, width), centred(small, width))
	return body, []key.Binding{layout.Relabel(k.Questions, "q/space", "go on"), k.End}
}

// teachLines are the talking points for what is on screen: the step's,
// else its region's, each as a paragraph under a heading.
func (ss *sessionScreen) teachLines(st routines.State, w int) []string {
	s := ss.a.styles
	points, about := st.Step.Teach, st.Step.Title()
	if st.Phase == routines.PhaseCheckIn || st.Phase == routines.PhaseHolding {
		points, about = nil, ""
	}
	region := st.Region
	if st.Phase == routines.PhaseCheckIn {
		region = st.CheckInRegion
	}
	if len(points) == 0 {
		points, about = region.Teach, region.Name
	}
	out := []string{s.Accent.Render("Talking points") + s.Dim.Render(" · "+about+" · for you, t hides them")}
	if len(points) == 0 {
		return append(out, s.Dim.Render("None here."))
	}
	for _, p := range points {
		for i, l := range wrap(p, w-2, "") {
			lead := "  "
			if i == 0 {
				lead = "• "
			}
			out = append(out, s.Dim.Render(lead)+s.Text.Render(l))
		}
	}
	return out
}
