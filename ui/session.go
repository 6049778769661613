package ui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// sessionScreen follows a session: the step on screen, the countdown, the
// check-ins, holds and offers. It turns keys and ticks into calls on the
// session, hands the events to the saver, and rings at each change.
type sessionScreen struct {
	cache      viewCache
	a          *app
	r          *routines.Routine
	sess       *routines.Session
	log        []routines.Event // every event of this session, saved or queued
	prev       routines.State
	tickSeq    int
	confirmEnd bool
	present    bool     // the presentation view: big letters for a room
	big        bigCache // its letters
	// note acknowledges an answer, or says what a change of pace did to
	// the time left; it shows until the session moves to another step.
	note      string
	noteIndex int
	// timedOut counts the steps whose time ran out, the last of which
	// was lastDone: plain mode says so.
	timedOut int
	lastDone string
	// sitting is where this sitting's events start in log: after those
	// of a session picked up again.
	sitting int
}

// tickMsg asks for a redraw at the moment the shown second changes.
type tickMsg struct{ seq int }

// newSessionScreen starts a session (or picks an interrupted one up again
// when rec is a saved session and opts.Resume holds its events).
func newSessionScreen(a *app, r *routines.Routine, opts routines.SessionOptions, rec *store.Session) (screen, tea.Cmd) {
	opts.Manual = opts.Manual || a.cfg.Manual
	if rec == nil && a.mustAskMilking(r) {
		return &milkingScreen{a: a, r: r, opts: opts}, nil
	}
	r = a.withChoices(r)
	ss := &sessionScreen{a: a, r: r, sess: routines.NewSession(r, a.clock, opts)}
	var begin tea.Cmd
	if rec != nil {
		ss.log = append(ss.log, opts.Resume...)
		ss.sitting = len(ss.log)
		begin = a.saver.begin(*rec)
	} else {
		begin = a.saver.begin(store.Session{
			BabyID: a.baby.ID, BabyName: a.baby.Name,
			RoutineID: r.ID, RoutineTitle: r.Title, RoutineFile: r.File,
			Started: a.clock.Now(),
		})
	}
	ss.present = a.cfg.Present
	cmd := ss.after(ss.sess.Start())
	return ss, tea.Batch(begin, cmd)
}

// after handles what an engine call returned: log and save the events,
// announce a new stroke, region or check-in, and set the next tick.
func (ss *sessionScreen) after(evs []routines.Event) tea.Cmd {
	ss.log = append(ss.log, evs...)
	st := ss.sess.State()
	if note := ss.noteFor(evs, ss.prev, st); note != "" {
		ss.note, ss.noteIndex = note, st.Index
	} else if st.Index != ss.noteIndex {
		ss.note = ""
	}
	cmds := []tea.Cmd{ss.a.saver.add(evs), ss.announce(ss.prev, st), ss.schedule(st)}
	ss.prev = st
	return tea.Batch(cmds...)
}

// noteMark marks an answer noted.
const noteMark = "✓ "

// noteFor is what to say about events just returned: an answer noted
// (with its kind word when it goes on as before), or the pace back to the
// usual after slower and lighter, and what that did to the time left.
func (ss *sessionScreen) noteFor(evs []routines.Event, prev, st routines.State) string {
	var note string
	for _, ev := range evs {
		if ev.Kind == routines.EvCheckIn && ev.Cue != routines.CueUnanswered {
			note = noteMark + "Noted: " + strings.ToLower(ev.Cue.Info().Label) + "."
			if resp := ss.r.Response(ev.Cue); resp.Action == routines.ActionGoOn && resp.Say != "" {
				note += " " + resp.Say
			}
		}
	}
	if !prev.Slow && st.Slow && st.SlowBy > 0 && st.Phase != routines.PhaseEnded && !routines.Slowed(st.Step) {
		// A step that keeps its pace (resting hands) says nothing of it:
		// say here what the slower pace does to the rest.
		note = strings.TrimSpace(note + " Slower from here, as your baby asked: the rest takes " + routines.FormatLength(st.SlowBy) + " longer.")
	}
	if prev.Slow && !st.Slow && st.Phase != routines.PhaseEnded && prev.SlowBy > 0 {
		note = strings.TrimSpace(note + " Back to the usual pace: the rest takes " + routines.FormatLength(prev.SlowBy) + " less.")
	}
	return note
}

// announce makes a change of state heard: the sound of its kind, and with
// a voice, the words. Both run in commands.
func (ss *sessionScreen) announce(prev, st routines.State) tea.Cmd {
	kind, words, ring := ss.cue(prev, st)
	var cmds []tea.Cmd
	if ring {
		cmds = append(cmds, ss.a.cfg.Sound.Play(kind))
	}
	if v := ss.a.cfg.Voice; v != nil && words != "" {
		cmds = append(cmds, v.Say(words))
	}
	return tea.Batch(cmds...)
}

// cue decides what a change of state is worth hearing: a new region, a new
// stroke, a check-in, the end, the last seconds of a step; and, for the
// voice only, a pause and the going on after it.
func (ss *sessionScreen) cue(prev, st routines.State) (kind SoundKind, words string, ring bool) {
	stepping := func(p routines.Phase) bool { return p == routines.PhaseRunning || p == routines.PhaseWaiting }
	switch {
	case st.Phase == routines.PhaseEnded && prev.Phase != routines.PhaseEnded:
		return SoundEnd, endWords(ss.r, ss.log), true
	case st.Phase == routines.PhaseCheckIn && prev.Phase != routines.PhaseCheckIn:
		return SoundCheckIn, checkInWords(), true
	case st.Phase == routines.PhaseOffering && prev.Phase != routines.PhaseOffering:
		return SoundCheckIn, offerWords(st.Remaining), true
	case st.Phase == routines.PhaseHolding && prev.Phase != routines.PhaseHolding:
		return SoundStroke, holdWords(st), true
	case stepping(st.Phase) && (prev.Steps == 0 || !stepping(prev.Phase) || st.Index != prev.Index || st.Step.Title() != prev.Step.Title()):
		if st.Region.ID != prev.Region.ID || prev.Steps == 0 {
			return SoundRegion, stepWords(ss.r, st, true, ss.a.keyWord(ss.a.keys.Begin)), true
		}
		return SoundStroke, stepWords(ss.r, st, false, ss.a.keyWord(ss.a.keys.Begin)), true
	case st.Paused != prev.Paused && st.Phase == prev.Phase:
		if st.Paused {
			return 0, sayPaused, false
		}
		return 0, sayResumed, false
	case endingSoon(prev, st):
		return SoundSoon, saySoon, true
	}
	return 0, "", false
}

// endingSoon is true at the tick that crosses into a step's (or a hold's)
// last seconds. Ticks come every second anyway, so hearing it costs no
// extra wake-up; a step too short to need a warning gets none.
func endingSoon(prev, st routines.State) bool {
	timed := st.Phase == routines.PhaseRunning || st.Phase == routines.PhaseHolding
	return timed && !st.Paused && prev.Phase == st.Phase && prev.Index == st.Index &&
		st.Length >= 2*soonBefore && prev.Remaining > soonBefore && st.Remaining <= soonBefore && st.Remaining > 0
}

// schedule asks for one tick at the instant the shown second changes (or
// the phase ends). Ticks only redraw: the time shown is always computed
// from the deadline, so a late tick never makes the clock drift.
func (ss *sessionScreen) schedule(st routines.State) tea.Cmd {
	ss.tickSeq++
	d, ok := ss.tickDelay(st)
	if !ok {
		return nil
	}
	seq := ss.tickSeq
	return tea.Tick(d, func(time.Time) tea.Msg { return tickMsg{seq} })
}

// tickDelay is how long until the next tick in state st; false when
// nothing on screen changes with time (paused, or waiting for a key).
func (ss *sessionScreen) tickDelay(st routines.State) (time.Duration, bool) {
	if st.Paused || (st.Phase != routines.PhaseRunning && st.Phase != routines.PhaseHolding && st.Phase != routines.PhaseCheckIn && st.Phase != routines.PhaseOffering) {
		return 0, false
	}
	d := st.Remaining % time.Second
	if d <= 0 {
		d = time.Second
	}
	if st.Remaining <= 0 {
		d = 0
	}
	if f := ss.a.frames; f != nil {
		d = f.wait(f.Now().Add(d))
	}
	return d, true
}

func (ss *sessionScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	var evs []routines.Event
	switch msg := msg.(type) {
	case tickMsg:
		if msg.seq != ss.tickSeq {
			return ss, nil // an older timer, replaced since
		}
		evs = ss.sess.Tick()
		for _, ev := range evs {
			if ev.Kind == routines.EvStepDone || ev.Kind == routines.EvReady {
				ss.timedOut++ // plain mode says it is done
				ss.lastDone = ev.Step
			}
		}
	case tea.KeyPressMsg:
		var handled bool
		if evs, handled = ss.key(msg); !handled {
			return ss, nil
		}
	default:
		return ss, nil
	}
	cmd := ss.after(evs)
	if ss.sess.State().Phase == routines.PhaseEnded {
		sum := newSummary(ss.a, ss.r, ss.log)
		if week, ok := routines.PlanWeek(ss.r.ID); ok {
			ss.a.plan.done(ss.a.baby.ID, routines.PlanSession{Week: week, Massage: sum.sum.Active, Of: ss.r.Length()})
		}
		return sum, cmd
	}
	return ss, cmd
}

// key turns a key press into an engine call.
func (ss *sessionScreen) key(msg tea.KeyPressMsg) ([]routines.Event, bool) {
	k, s := ss.a.keys, ss.sess
	st := s.State()
	if ss.confirmEnd {
		ss.confirmEnd = false
		if key.Matches(msg, k.Yes) {
			return s.End(""), true
		}
		// Any other key keeps going; an answer's digit also answers, so a
		// parent with a crying baby need not press it twice.
		_, cue := routines.CueByDigit(msg.String())
		answers := st.Phase == routines.PhaseCheckIn && cue || st.Phase == routines.PhaseOffering && key.Matches(msg, k.GoOn, k.SkipRest, k.EndGently)
		if !answers {
			return nil, true
		}
	}
	if key.Matches(msg, k.Present) {
		ss.present = !ss.present
		return nil, true
	}
	switch st.Phase {
	case routines.PhaseCheckIn:
		if c, ok := routines.CueByDigit(msg.String()); ok {
			return s.Answer(c), true
		}
		switch {
		case key.Matches(msg, k.Pause):
			return s.TogglePause(), true
		case key.Matches(msg, k.Next):
			return s.Next(), true
		case key.Matches(msg, k.End):
			ss.confirmEnd = true
			return nil, true
		}
		return nil, false
	case routines.PhaseOffering:
		switch {
		case key.Matches(msg, k.Next, k.GoOn):
			return s.Next(), true
		case key.Matches(msg, k.Skip, k.SkipRest):
			return s.SkipRegion(), true
		case key.Matches(msg, k.End, k.EndGently):
			return s.End(""), true
		case key.Matches(msg, k.Pause):
			return s.TogglePause(), true
		}
		return nil, false
	case routines.PhaseWaiting:
		if key.Matches(msg, k.Begin) {
			return s.Next(), true
		}
	}
	if st.Step.Kind == routines.StepPrepare && key.Matches(msg, k.Ready) {
		return s.Next(), true // ready: getting ready has no pause
	}
	switch {
	case key.Matches(msg, k.Pause):
		return s.TogglePause(), true
	case key.Matches(msg, k.Next):
		return s.Next(), true
	case key.Matches(msg, k.Back):
		return s.Back(), true
	case key.Matches(msg, k.Skip):
		return s.SkipRegion(), true
	case key.Matches(msg, k.CheckIn):
		return s.AskNow(), true
	case key.Matches(msg, k.End):
		ss.confirmEnd = true
		return nil, true
	case key.Matches(msg, k.Auto):
		return s.SetManual(!s.Manual()), true
	}
	return nil, false
}

// suspend is ctrl+c (or a signal, named in by) during a session: the
// clock stops and the session stays unfinished, so the next start offers
// to pick it up again.
func (ss *sessionScreen) suspend(by string) tea.Cmd {
	evs := ss.sess.Quit(by)
	ss.log = append(ss.log, evs...)
	ss.tickSeq++
	return ss.a.saver.add(evs)
}

// title is the window title: the region being massaged.
func (ss *sessionScreen) title() string {
	st := ss.sess.State()
	if st.Region.Name == "" {
		return "cradle"
	}
	return "cradle · " + st.Region.Name
}

// --- view ---

// Lines that change every second start with a marker; View keeps the
// rest of the screen, drawn once per change of state, and redraws only
// these. A countdown then costs little more than its own digits.
const (
	liveTimer = "\x00t" // the rest of the line: what stands left of the countdown
	liveBar   = "\x00b" // the progress bar of the current step or hold
	liveCount = "\x00c" // the rest of the line: text before a check-in's countdown
	livePace  = "\x00p" // the pace guide of a repeated stroke
)

// viewCache is the screen without its live lines.
type viewCache struct {
	key    string
	lines  []string // fitted to the window; live lines still marked
	footer string
}

func (ss *sessionScreen) View() string {
	a, s := ss.a, ss.a.styles
	st := ss.sess.State()
	if ss.present && st.Phase != routines.PhaseOffering && st.Phase != routines.PhaseEnded {
		return ss.presentView(st)
	}
	header := headerLine(a.w-2, s.Brand.Render(ss.r.Title)+s.Dim.Render(" · "+a.baby.Name), s.Dim.Render(where(st)))
	w := min(a.w-4, 76)
	room := a.h - 4 - len(a.bottomLines())
	key := fmt.Sprint(st.Phase, st.Index, st.Step.Title(), st.Paused, st.Slow, st.TimeUp, ss.sess.Manual(), ss.confirmEnd,
		a.w, a.h, room, st.Cue, st.CheckInRegion.ID, st.Next == nil, st.Response.Action, s.Theme, ss.note, st.Resume != nil)
	if ss.cache.key != key {
		ss.cache = viewCache{key: key}
		ss.cache.lines, ss.cache.footer = ss.staticView(st, w, room)
	}
	lines := make([]string, len(ss.cache.lines))
	pad := strings.Repeat(" ", max((a.w-w)/2, 1))
	for i, l := range ss.cache.lines {
		if !strings.HasPrefix(l, "\x00") && !strings.HasPrefix(l, pad+"\x00") {
			lines[i] = l
			continue
		}
		l = strings.TrimPrefix(l, pad)
		timer := s.Timer.Render(FormatCountdown(st.Remaining))
		if st.Paused && l[:2] != liveCount {
			timer = s.TimerPaused.Render(pausedTitle + "  " + FormatCountdown(st.Remaining))
		}
		switch l[:2] {
		case liveTimer:
			// The words give way, never the time.
			l = headerLine(w, truncate(l[2:], w-lipgloss.Width(timer)-2), timer)
		case liveBar:
			l = a.bar(w, progress(st))
		case livePace:
			l = ss.paceLine(st, w, 24)
		case liveCount:
			l = l[2:] + timer
			if st.Paused {
				l = s.TimerPaused.Render(pausedWait(st))
			}
		}
		lines[i] = truncate(pad+l, a.w)
	}
	return a.assemble(header, lines, ss.cache.footer)
}

// staticView draws what does not change from one second to the next, in
// room lines.
func (ss *sessionScreen) staticView(st routines.State, w, room int) ([]string, string) {
	a, s := ss.a, ss.a.styles
	var body []part
	var bindings []key.Binding
	switch st.Phase {
	case routines.PhaseCheckIn:
		body, bindings = ss.checkInView(st, w, true)
		if partLines(body) > room { // no room to wrap the answers' signs
			body, bindings = ss.checkInView(st, w, false)
		}
	case routines.PhaseHolding:
		body, bindings = ss.holdView(st, w)
	case routines.PhaseOffering:
		body, bindings = ss.offerView(st, w)
	default:
		body, bindings = ss.stepView(st, w)
	}
	footer := a.helpBar(a.w-2, bindings...)
	if ss.confirmEnd {
		footer = s.Warn.Render(endAsk(st)) + "  " + a.helpBar(a.w-30, ss.keysNow()...)
	}
	lines := strings.Split(center(fitParts(body, room, w), a.w, room, w), "\n")
	for i, l := range lines {
		if !strings.Contains(l, "\x00") {
			lines[i] = truncate(l, a.w)
		}
	}
	return lines, footer
}

// where says where the session is, as the header's right side shows it:
// "Region 1 of 6 · 18:59 left", the massage still to do (State.Left).
// With none left (a last check-in), the time is left out: "0:00 left"
// would read as if all were over.
func where(st routines.State) string {
	left := ""
	if st.Left > 0 {
		left = " · " + FormatCountdown(st.Left) + " left"
	}
	switch {
	case st.Resume != nil:
		return fmt.Sprintf("picks up at %s%s", st.Resume.Region.Name, left)
	case st.RegionNum > 0:
		return fmt.Sprintf("Region %d of %d%s", st.RegionNum, st.Regions, left)
	case st.Regions > 0:
		return plural(st.Regions, "region") + left
	}
	return ""
}

// endAsk asks before the session ends, in the words of the moment.
func endAsk(st routines.State) string {
	switch {
	case st.Step.Kind == routines.StepPermission && st.Resume == nil:
		return "Not now for your baby?"
	case st.RegionNum == 0 && st.Resume == nil:
		return "Stop before you begin?"
	}
	return "End the massage now?"
}

// keysNow are the keys of the moment, as the footer shows them.
func (ss *sessionScreen) keysNow() []key.Binding {
	k := ss.a.keys
	if ss.confirmEnd {
		return []key.Binding{relabel(k.Yes, "y/e", "end and save"), relabel(k.No, "any other key", "keep going")}
	}
	st := ss.sess.State()
	switch st.Phase {
	case routines.PhaseCheckIn:
		return ss.checkInKeys()
	case routines.PhaseHolding:
		return ss.holdKeys(st)
	case routines.PhaseOffering:
		return ss.offerKeys(st)
	}
	return ss.stepKeys(st)
}

// part is a piece of a session screen. On a short window the parts of
// lowest rank give way first, so what changes each second (countdown,
// bar, pace) stays on screen and the words make room for it.
type part struct {
	rank  int
	lines []string // drawn lines, shown whole or not at all
	text  []string // or plain lines that can be cut from the end, in style
	style lipgloss.Style
}

// Ranks, from first to give way to last. Decoration and what comes next
// go first; a step's name and its caution stay as long as the countdown
// and the answers do: a parent's hands depend on them.
const (
	rankNext    = iota // what comes next
	rankAir            // blank lines and the step dots
	rankWords          // the instructions, cut line by line
	rankDetail         // pressure, direction, oil, slower now; a check-in's region
	rankHead           // region and position
	rankPace           // the pace guide
	rankBar            // the progress bar
	rankTitle          // the step's name
	rankCaution        // take care
	rankMust           // answers and choices
	rankTimer          // the countdown
)

func drawn(rank int, lines ...string) part { return part{rank: rank, lines: lines} }

func words(rank int, text string, w int, style lipgloss.Style) part {
	return part{rank: rank, text: wrap(text, w, ""), style: style}
}

func blank(rank int) part { return drawn(rank, "") }

// partLines is how many lines parts take shown whole.
func partLines(parts []part) int {
	n := 0
	for _, p := range parts {
		n += len(p.lines) + len(p.text)
	}
	return n
}

// fitParts draws parts in at most room lines of width w. Room is given
// by rank, highest first (of equal ranks, the earlier first): a part of
// drawn lines is shown whole or not at all; words
// lose their last lines instead, the last one kept ending in "…". A part
// too big for what is left gives its place to smaller ones of lower rank,
// so no line of the window is left empty while there are words to show.
func fitParts(parts []part, room, w int) []string {
	order := make([]int, len(parts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return parts[order[a]].rank > parts[order[b]].rank })
	keep := make([]int, len(parts))
	left := room
	for _, i := range order {
		p := parts[i]
		n := len(p.lines) + len(p.text)
		switch {
		case n <= left:
			keep[i] = n
		case len(p.text) > 0:
			keep[i] = left
		}
		left -= keep[i]
	}
	var out []string
	for i, p := range parts {
		lines := p.lines
		if len(p.text) == 0 {
			out = append(out, lines[:keep[i]]...)
			continue
		}
		for j, l := range p.text[:keep[i]] {
			if keep[i] < len(p.text) && j == keep[i]-1 {
				l = truncate(l+" …", w)
			}
			out = append(out, p.style.Render(l))
		}
	}
	return out
}

// center places a column of width bw in the middle of the body area, with
// some air above on tall windows. Every screen uses the same column, so
// nothing jumps sideways from one screen to the next.
func center(lines []string, w, h, bw int) string {
	pad := strings.Repeat(" ", max((w-bw)/2, 1))
	top := 0
	if h > len(lines)+2 {
		top = min((h-len(lines))/3, 6)
	}
	out := make([]string, 0, top+len(lines))
	for range top {
		out = append(out, "")
	}
	for _, l := range lines {
		out = append(out, pad+l)
	}
	return strings.Join(out, "\n")
}

func (ss *sessionScreen) stepView(st routines.State, w int) ([]part, []key.Binding) {
	s := ss.a.styles
	step := st.Step
	preparing := step.Kind == routines.StepPrepare
	air := drawn(rankAir, dots(s, st.StepInRegion, st.StepsInRegion, w), "")
	if preparing {
		air = blank(rankAir)
	}
	b := []part{
		drawn(rankHead, headerLine(w, s.Region.Render(strings.ToUpper(st.Region.Name)), s.Dim.Render(stepPos(st)))),
		air,
		drawn(rankTitle, s.Stroke.Render(step.Title())),
		words(rankWords, step.Do, w, s.Text),
	}
	labelled := func(rank int, d detail, style lipgloss.Style) part {
		p := drawn(rank)
		for i, l := range wrap(d.text, w-11, "") {
			lab := ""
			if i == 0 {
				lab = d.label
			}
			p.lines = append(p.lines, s.Dim.Render(fmt.Sprintf("%-10s ", lab))+style.Render(l))
		}
		return p
	}
	// Each detail is whole or left out: half a direction would mislead.
	details := stepDetails(st)
	if len(details) > 0 || step.Caution != "" {
		b = append(b, blank(rankAir))
	}
	for _, d := range details {
		b = append(b, labelled(rankDetail, d, s.Text))
	}
	// The caution stays with its step, before what is said about the pace
	// or an answer.
	if step.Caution != "" {
		b = append(b, labelled(rankCaution, detail{cautionLabel, step.Caution}, s.Warn))
	}
	if slow := ss.slowWords(st); slow != "" {
		b = append(b, blank(rankDetail), words(rankDetail, slow, w, s.Calm))
	}
	if ss.note != "" {
		b = append(b, blank(rankDetail), words(rankDetail, ss.note, w, s.Calm))
	}
	b = append(b, blank(rankAir))
	if must, calm := ss.mustWords(st); must != "" {
		style := s.Accent
		if calm {
			style = s.Calm
		}
		b = append(b, words(rankMust, must, w, style))
	}
	switch {
	case st.Phase == routines.PhaseWaiting || st.TimeUp:
	case preparing:
		b = append(b, drawn(rankTimer, liveTimer+s.Dim.Render(ss.timeWords(st))), drawn(rankBar, liveBar))
	default:
		b = append(b, drawn(rankTimer, liveTimer+s.Dim.Render(ss.timeWords(st))), drawn(rankBar, liveBar))
		if _, ok := pace(st); ok {
			// A line of its own: when the marker moves, the terminal
			// redraws the few cells between its two places, not the line up
			// to the countdown.
			b = append(b, drawn(rankPace, livePace))
		}
		if st.Paused {
			b = append(b, words(rankDetail, ss.pausedWords(), w, s.Dim))
		}
	}
	if label, text, first := nextWords(st); label != "" {
		next := s.Dim.Render(label+"  ") + s.Text.Render(text)
		if st.Resume != nil {
			next = s.Dim.Render(label+"  ") + s.Text.Render(truncate(text, w-6))
		}
		if first != "" {
			next += s.Dim.Render(" · first: ") + s.Text.Render(first)
		}
		b = append(b, drawn(rankNext, "", next))
	}
	return b, ss.stepKeys(st)
}

// stepPos says where a step is in its region: "2 of 16", or "getting
// ready".
func stepPos(st routines.State) string {
	if st.Step.Kind == routines.StepPrepare {
		return "getting ready"
	}
	return fmt.Sprintf("%d of %d", st.StepInRegion, st.StepsInRegion)
}

// detail is a labelled line of a step: its pressure, direction, oil.
type detail struct{ label, text string }

// cautionLabel heads a step's caution.
const cautionLabel = "Take care"

// stepDetails are the step's pressure and direction, and no oil where
// the region wants none.
func stepDetails(st routines.State) []detail {
	var out []detail
	if p := st.Step.Pressure; p != "" {
		out = append(out, detail{"Pressure", p})
	}
	if d := st.Step.Direction; d != "" {
		out = append(out, detail{"Direction", d})
	}
	if st.Region.NoOil && st.Step.Kind != routines.StepPrepare {
		out = append(out, detail{"Oil", "none on the " + strings.ToLower(st.Region.Name)})
	}
	return out
}

// slowWords say the step goes slower and lighter, and what that does to
// the time left.
func (ss *sessionScreen) slowWords(st routines.State) string {
	slow := ss.r.SlowNote(st.Step)
	if !st.Slow || slow == "" {
		return ""
	}
	if st.SlowBy > 0 {
		slow += " The rest takes " + routines.FormatLength(st.SlowBy) + " longer."
	}
	return slow
}

// mustWords are what a step waits for, if it waits: the baby's yes, the
// parent after getting ready or after a step whose time is up. calm is
// false when the time is up.
func (ss *sessionScreen) mustWords(st routines.State) (text string, calm bool) {
	k := ss.a.keys
	preparing := st.Step.Kind == routines.StepPrepare
	switch {
	case st.Phase == routines.PhaseWaiting && !st.TimeUp:
		return "When your baby says yes, press " + ss.a.keyWord(k.Begin) + ". cradle waits for you: nothing starts until you do.", true
	case st.TimeUp && preparing:
		return "When you are ready, press " + ss.a.keyWord(k.Ready) + ". cradle waits for you.", false
	case st.TimeUp:
		return "Time is up for this one. cradle waits for you: press " + ss.a.keyWord(k.Next) + " when you are ready.", false
	case preparing:
		return "When you are ready, press " + ss.a.keyWord(k.Ready) + ".", true
	}
	return "", false
}

// timeWords stand before a step's countdown: how many times and how long
// each, or what happens when getting ready's time is up.
func (ss *sessionScreen) timeWords(st routines.State) string {
	if st.Step.Kind == routines.StepPrepare {
		switch {
		case st.Paused:
			return ""
		case ss.sess.Manual():
			return "Then waits for you (auto-advance off)"
		}
		return "Goes on by itself in"
	}
	reps := ""
	if st.Step.Reps > 0 {
		reps = fmt.Sprintf("%d times · about %s each", st.Step.Reps, routines.FormatLength(st.Each))
	}
	if ss.sess.Manual() {
		reps = strings.TrimPrefix(reps+" · ", " · ") + "auto-advance off (" + ss.a.keyWord(ss.a.keys.Auto) + ")"
	}
	return reps
}

// pausedTitle marks a paused countdown.
const pausedTitle = "Paused"

// pausedWords say a paused step waits.
func (ss *sessionScreen) pausedWords() string {
	return pausedTitle + ": nothing moves on until you press " + ss.a.keyWord(ss.a.keys.Pause) + "."
}

// nextWords say what comes after the step: after a resume's yes, the
// step cut off; else the next step, or the next region and the getting
// ready it starts with (first).
func nextWords(st routines.State) (label, text, first string) {
	switch {
	case st.Resume != nil:
		p := st.Resume
		return "Then", fmt.Sprintf("%s · %s, step %d of %d", p.Region.Name, p.Step.Title(), p.StepInRegion, p.StepsInRegion), ""
	case st.Next != nil && st.NextRegion != nil:
		if st.Next.Kind == routines.StepPrepare {
			return "Next region", st.NextRegion.Name, st.Next.Title()
		}
		return "Next region", st.NextRegion.Name, ""
	case st.Next != nil:
		return "Next", st.Next.Title(), ""
	}
	return "", "", ""
}

// stepKeys are a step's keys: to begin, to go on when ready, or those of
// a stroke.
func (ss *sessionScreen) stepKeys(st routines.State) []key.Binding {
	k := ss.a.keys
	bindings := []key.Binding{k.Pause, k.Next, k.Back, k.Skip, k.CheckIn, k.End, k.Help, k.Present}
	if st.RegionNum == 0 {
		bindings[3].SetHelp("s", "skip to asking")
	}
	preparing := st.Step.Kind == routines.StepPrepare
	switch {
	case st.Phase == routines.PhaseWaiting && !st.TimeUp:
		return []key.Binding{k.Begin, relabel(k.End, "e", "not now"), k.Help}
	case preparing:
		return []key.Binding{k.Ready, k.Back, k.Skip, k.CheckIn, k.End, k.Auto, k.Help, k.Present}
	case st.TimeUp:
		return append(bindings[:len(bindings)-2], k.Auto, k.Help, k.Present)
	}
	if st.Paused {
		bindings[0].SetHelp("space", "resume")
	}
	return bindings
}

// pausedWait is what a paused check-in or offer says in place of its
// countdown.
func pausedWait(st routines.State) string {
	if st.Phase == routines.PhaseOffering {
		return "Paused: cradle waits for your choice."
	}
	return "Paused: cradle waits for your answer."
}

// checkInTitle asks the question of a check-in.
const checkInTitle = "How is your baby?"

// checkInAbout says what the check-in is about: "After legs and feet".
func checkInAbout(st routines.State) string {
	about := st.CheckInPlace()
	return strings.ToUpper(about[:1]) + about[1:]
}

// countWords stand before a check-in's or an offer's countdown: what
// happens if nobody answers; narrow is the shorter form for a narrow
// window.
func countWords(st routines.State) (wide, narrow string) {
	if st.Phase == routines.PhaseOffering {
		return "Nobody choosing? cradle ends gently in ", "Ends gently in "
	}
	return "Hands busy? No need to answer: going on in ", "Going on in "
}

// checkInView asks how the baby is. With wrap, an answer's signs that do
// not fit beside it go on under it; without, they are cut to a line.
func (ss *sessionScreen) checkInView(st routines.State, w int, wrapSigns bool) ([]part, []key.Binding) {
	s := ss.a.styles
	b := []part{drawn(rankTitle, s.Title.Render(checkInTitle))}
	for _, l := range wrap(checkInAbout(st), w, "") {
		b = append(b, drawn(rankDetail, s.Dim.Render(l)))
	}
	b = append(b, blank(rankAir))
	answers := drawn(rankMust)
	for i, c := range routines.Cues {
		info := c.Info()
		line := s.Key.Render(fmt.Sprintf("%d", i+1)) + "  " + s.Text.Render(fmt.Sprintf("%-19s", info.Label))
		if info.Hint == "" || w <= 44 {
			answers.lines = append(answers.lines, line)
			continue
		}
		lead := 3 + 19 // the digit, and the answer's label
		if !wrapSigns {
			answers.lines = append(answers.lines, line+s.Dim.Render(truncate(info.Hint, w-lead)))
			continue
		}
		for j, l := range wrap(info.Hint, w-lead, "") {
			if j > 0 {
				line = strings.Repeat(" ", lead)
			}
			answers.lines = append(answers.lines, line+s.Dim.Render(l))
		}
	}
	b = append(b, answers, blank(rankAir), ss.countPart(st, w))
	return b, ss.checkInKeys()
}

// countPart is the countdown of a check-in or an offer, or what a
// paused one says instead.
func (ss *sessionScreen) countPart(st routines.State, w int) part {
	s := ss.a.styles
	if st.Paused {
		return drawn(rankTimer, s.TimerPaused.Render(pausedWait(st)))
	}
	wait, narrow := countWords(st)
	if lipgloss.Width(wait)+len("10:00") > w {
		wait = narrow // a narrow window keeps the countdown
	}
	return drawn(rankTimer, liveCount+s.Dim.Render(wait))
}

func (ss *sessionScreen) checkInKeys() []key.Binding {
	k := ss.a.keys
	return []key.Binding{k.Answer, k.Pause, k.Next, k.End, k.Help}
}

// The words of resting hands after an answer.
const (
	restingTitle = "Resting hands"
	stillWords   = "Hands still and warm"
)

func (ss *sessionScreen) holdView(st routines.State, w int) ([]part, []key.Binding) {
	s := ss.a.styles
	b := []part{
		drawn(rankHead, headerLine(w, s.Region.Render(strings.ToUpper(restingTitle)), s.Dim.Render(st.CheckInRegion.Name))),
		blank(rankAir),
	}
	if ss.note != "" {
		b = append(b, words(rankDetail, ss.note, w, s.Calm))
	}
	b = append(b, words(rankWords, st.Response.Say, w, s.Text))
	if st.Response.Action == routines.ActionSlowDown && st.SlowBy > 0 && st.Next != nil {
		// The time left in the header grew with the answer: say why.
		b = append(b, words(rankDetail, "Then "+ss.r.Slower(*st.Next)+": the rest takes "+routines.FormatLength(st.SlowBy)+" longer.", w, s.Calm))
	}
	b = append(b,
		blank(rankAir),
		drawn(rankTimer, liveTimer+s.Dim.Render(stillWords)),
		drawn(rankBar, liveBar),
	)
	if st.Paused {
		b = append(b, words(rankDetail, ss.pausedWords(), w, s.Dim))
	}
	if text := holdThen(st); text != "" {
		b = append(b, drawn(rankNext, "", s.Dim.Render("Then  ")+s.Text.Render(truncate(text, w-6))))
	}
	return b, ss.holdKeys(st)
}

// holdThen says what follows resting hands: the choice after fussing, or
// the next step (with its region when it is a new one: "Then Resting
// hands" during a resting hold would read as more of the same).
func holdThen(st routines.State) string {
	switch {
	case st.Response.Action == routines.ActionHoldOffer:
		return "you choose: go on, skip or end"
	case st.Next != nil && st.NextRegion != nil:
		return st.NextRegion.Name + " · " + st.Next.Title()
	case st.Next != nil:
		return st.Next.Title()
	}
	return ""
}

func (ss *sessionScreen) holdKeys(st routines.State) []key.Binding {
	k := ss.a.keys
	goOn := relabel(k.Next, "→", "go on now")
	skip := k.Skip
	if st.Next != nil {
		name := st.Region.Name
		if st.NextRegion != nil {
			name = st.NextRegion.Name
		}
		skip.SetHelp("s", "skip "+strings.ToLower(name))
	}
	return []key.Binding{goOn, k.Pause, skip, k.End, k.Help}
}

// The words of the choice after fussing's still hands.
const (
	offerTitle = "How would you like to go on?"
	offerRush  = "There is no rush. If your baby is still unsettled, ending here is a good choice: you can try again another day."
)

// offerChoices are the three ways on after fussing, with their keys.
// Names as the routine writes them: lower-casing a stroke such as "I
// Love You" would spoil it.
func (ss *sessionScreen) offerChoices(st routines.State) []choice {
	k := ss.a.keys
	next := "Go on"
	skip := "Skip this region"
	if st.Next != nil {
		// Going on is one more stroke, slower (and lighter, unless the
		// touch is moderate), then cradle asks again (routines.GoOnSteps).
		what := st.Next.Title()
		skip = "Skip: " + st.Region.Name
		if st.NextRegion != nil {
			what = st.NextRegion.Name + ", " + st.Next.Title()
			skip = "Skip: " + st.NextRegion.Name
		}
		next = "One more stroke, " + ss.r.Slower(*st.Next) + " (" + what + "), then cradle asks again"
		// The time left is the header's: say what going on does to it.
		if st.GoOnSlowBy > 0 {
			next += ". The rest takes " + routines.FormatLength(st.GoOnSlowBy) + " longer"
		}
	}
	wide := max(lipgloss.Width(ss.a.keyWord(k.Next)), lipgloss.Width(ss.a.keyWord(k.Skip)), lipgloss.Width(ss.a.keyWord(k.End)))
	key := func(b, digit key.Binding) string {
		if ss.a.cfg.Plain {
			return typed(digit)
		}
		name := ss.a.keyWord(b)
		return name + strings.Repeat(" ", wide-lipgloss.Width(name)+2) + typed(digit)
	}
	return []choice{{key(k.Next, k.GoOn), next}, {key(k.Skip, k.SkipRest), skip}, {key(k.End, k.EndGently), "End here, gently"}}
}

func (ss *sessionScreen) offerView(st routines.State, w int) ([]part, []key.Binding) {
	s := ss.a.styles
	cs := ss.offerChoices(st)
	must := drawn(rankMust)
	for _, c := range cs {
		// A choice is read whole: its words wrap under it.
		pad := strings.Repeat(" ", lipgloss.Width(c.key)+2)
		for i, l := range wrap(c.text, max(w-len(pad), 8), "") {
			lead := pad
			if i == 0 {
				lead = s.Key.Render(c.key) + "  "
			}
			must.lines = append(must.lines, lead+s.Text.Render(l))
		}
	}
	b := []part{
		drawn(rankTitle, s.Title.Render(offerTitle)),
		blank(rankAir),
		words(rankWords, offerRush, w, s.Dim),
		blank(rankAir),
		must,
		blank(rankAir),
		ss.countPart(st, w),
	}
	return b, ss.offerKeys(st)
}

func (ss *sessionScreen) offerKeys(st routines.State) []key.Binding {
	k := ss.a.keys
	pause := k.Pause
	if st.Paused {
		pause.SetHelp("space", "count on")
	}
	return []key.Binding{relabel(k.Next, "→", "go on"), relabel(k.Skip, "s", "skip"), relabel(k.End, "e", "end"), pause, k.Help}
}

// FormatCountdown shows a duration as every screen of cradle (and of a
// class) shows a countdown: m:ss, or h:mm:ss from an hour, rounded up so
// 0:01 stays until the end.
func FormatCountdown(d time.Duration) string {
	secs := int((d + time.Second - 1) / time.Second)
	if d <= 0 {
		secs = 0
	}
	if secs >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", secs/3600, secs/60%60, secs%60)
	}
	return fmt.Sprintf("%d:%02d", secs/60, secs%60)
}

func progress(st routines.State) float64 {
	if st.Length <= 0 {
		return 0
	}
	return 1 - float64(st.Remaining)/float64(st.Length)
}

// dots shows the steps of a region: done, current, to come.
func dots(s Styles, at, n, w int) string {
	if n > w/2 {
		return ""
	}
	var b strings.Builder
	for i := 1; i <= n; i++ {
		switch {
		case i < at:
			b.WriteString(s.Calm.Render("● "))
		case i == at:
			b.WriteString(s.Accent.Render("● "))
		default:
			b.WriteString(s.Faint.Render("○ "))
		}
	}
	return strings.TrimRight(b.String(), " ")
}
