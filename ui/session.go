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
}

// tickMsg asks for a redraw at the moment the shown second changes.
type tickMsg struct{ seq int }

// newSessionScreen starts a session (or picks an interrupted one up again
// when rec is a saved session and opts.Resume holds its events).
func newSessionScreen(a *app, r *routines.Routine, opts routines.Options, rec *store.Session) (screen, tea.Cmd) {
	opts.Manual = opts.Manual || a.cfg.Manual
	if rec == nil && a.mustAskMilking(r) {
		return &milkingScreen{a: a, r: r, opts: opts}, nil
	}
	r = a.withChoices(r)
	ss := &sessionScreen{a: a, r: r, sess: routines.NewSession(r, a.clock, opts)}
	var begin tea.Cmd
	if rec != nil {
		ss.log = append(ss.log, opts.Resume...)
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

// noteFor is what to say about events just returned: an answer noted
// (with its kind word when it goes on as before), or the pace back to the
// usual after slower and lighter, and what that did to the time left.
func (ss *sessionScreen) noteFor(evs []routines.Event, prev, st routines.State) string {
	var note string
	for _, ev := range evs {
		if ev.Kind == routines.EvCheckIn && ev.Cue != routines.Unanswered {
			note = "✓ Noted: " + strings.ToLower(ev.Cue.Info().Label) + "."
			if resp := ss.r.Response(ev.Cue); resp.Action == routines.GoOn && resp.Say != "" {
				note += " " + resp.Say
			}
		}
	}
	if !prev.Slow && st.Slow && st.SlowBy > 0 && st.Phase != routines.Ended && !routines.Slowed(st.Step) {
		// A step that keeps its pace (resting hands) says nothing of it:
		// say here what the slower pace does to the rest.
		note = strings.TrimSpace(note + " Slower from here, as your baby asked: the rest takes " + routines.FormatLength(st.SlowBy) + " longer.")
	}
	if prev.Slow && !st.Slow && st.Phase != routines.Ended && prev.SlowBy > 0 {
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
	stepping := func(p routines.Phase) bool { return p == routines.Running || p == routines.Waiting }
	switch {
	case st.Phase == routines.Ended && prev.Phase != routines.Ended:
		return SoundEnd, endWords(ss.r, ss.log), true
	case st.Phase == routines.CheckIn && prev.Phase != routines.CheckIn:
		return SoundCheckIn, checkInWords(), true
	case st.Phase == routines.Offering && prev.Phase != routines.Offering:
		return SoundCheckIn, offerWords(st.Remaining), true
	case st.Phase == routines.Holding && prev.Phase != routines.Holding:
		return SoundStroke, holdWords(st), true
	case stepping(st.Phase) && (prev.Steps == 0 || !stepping(prev.Phase) || st.Index != prev.Index || st.Step.Title() != prev.Step.Title()):
		if st.Region.ID != prev.Region.ID || prev.Steps == 0 {
			return SoundRegion, stepWords(ss.r, st, true), true
		}
		return SoundStroke, stepWords(ss.r, st, false), true
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
	timed := st.Phase == routines.Running || st.Phase == routines.Holding
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
	if st.Paused || (st.Phase != routines.Running && st.Phase != routines.Holding && st.Phase != routines.CheckIn && st.Phase != routines.Offering) {
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
	case tea.KeyPressMsg:
		var handled bool
		if evs, handled = ss.key(msg); !handled {
			return ss, nil
		}
	default:
		return ss, nil
	}
	cmd := ss.after(evs)
	if ss.sess.State().Phase == routines.Ended {
		sum := newSummary(ss.a, ss.r, ss.log)
		if week, ok := routines.PlanWeek(ss.r.ID); ok {
			ss.a.plan.done(ss.a.baby.ID, routines.PlanSession{Week: week, Massaged: sum.sum.Progress.Massaged()})
		}
		return sum, cmd
	}
	return ss, cmd
}

// key turns a key press into an engine call.
func (ss *sessionScreen) key(msg tea.KeyPressMsg) ([]routines.Event, bool) {
	k, s := ss.a.keys, ss.sess
	if ss.confirmEnd {
		ss.confirmEnd = false
		if key.Matches(msg, k.Yes) {
			return s.End(""), true
		}
		return nil, true
	}
	if key.Matches(msg, k.Present) {
		ss.present = !ss.present
		return nil, true
	}
	st := s.State()
	switch st.Phase {
	case routines.CheckIn:
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
	case routines.Offering:
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
	case routines.Waiting:
		if key.Matches(msg, k.Begin) {
			return s.Next(), true
		}
	}
	if st.Step.Kind == routines.Prepare && key.Matches(msg, k.Ready) {
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

// suspend is ctrl+c during a session: the clock is paused and the session
// stays unfinished, so the next start offers to pick it up again.
func (ss *sessionScreen) suspend() tea.Cmd {
	evs := ss.sess.Pause()
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
	if ss.present && st.Phase != routines.Offering && st.Phase != routines.Ended {
		return ss.presentView(st)
	}
	right := ""
	switch {
	case st.Resume != nil:
		right = fmt.Sprintf("picks up at %s · %s left", st.Resume.Region.Name, clock(st.Left))
	case st.RegionNum > 0:
		right = fmt.Sprintf("Region %d of %d · %s left", st.RegionNum, st.Regions, clock(st.Left))
	case st.Regions > 0:
		right = fmt.Sprintf("%s · %s left", plural(st.Regions, "region"), clock(st.Left))
	}
	header := headerLine(a.w-2, s.Brand.Render(ss.r.Title)+s.Dim.Render(" · "+a.baby.Name), s.Dim.Render(right))
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
		timer := s.Timer.Render(clock(st.Remaining))
		if st.Paused && l[:2] != liveCount {
			timer = s.TimerPaused.Render("Paused  " + clock(st.Remaining))
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
	case routines.CheckIn:
		body, bindings = ss.checkInView(st, w)
	case routines.Holding:
		body, bindings = ss.holdView(st, w)
	case routines.Offering:
		body, bindings = ss.offerView(st, w)
	default:
		body, bindings = ss.stepView(st, w)
	}
	footer := a.helpBar(a.w-2, bindings...)
	if ss.confirmEnd {
		ask := "End the massage now?"
		switch {
		case st.Step.Kind == routines.Permission && st.Resume == nil:
			ask = "Not now for your baby?"
		case st.RegionNum == 0 && st.Resume == nil:
			ask = "Stop before you begin?"
		}
		footer = s.Warn.Render(ask) + "  " + a.helpBar(a.w-30,
			relabel(a.keys.Yes, "y/e", "end and save"), relabel(a.keys.No, "any other key", "keep going"))
	}
	lines := strings.Split(center(fitParts(body, room, w), a.w, room, w), "\n")
	for i, l := range lines {
		if !strings.Contains(l, "\x00") {
			lines[i] = truncate(l, a.w)
		}
	}
	return lines, footer
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
	s, k := ss.a.styles, ss.a.keys
	step := st.Step
	preparing := step.Kind == routines.Prepare
	region := strings.ToUpper(st.Region.Name)
	pos := fmt.Sprintf("%d of %d", st.StepInRegion, st.StepsInRegion)
	air := drawn(rankAir, dots(s, st.StepInRegion, st.StepsInRegion, w), "")
	if preparing {
		pos, air = "getting ready", blank(rankAir)
	}
	b := []part{
		drawn(rankHead, headerLine(w, s.Region.Render(region), s.Dim.Render(pos))),
		air,
		drawn(rankTitle, s.Stroke.Render(step.Title())),
		words(rankWords, step.Do, w, s.Text),
	}
	labelled := func(rank int, label, text string, style lipgloss.Style) part {
		p := drawn(rank)
		for i, l := range wrap(text, w-11, "") {
			lab := ""
			if i == 0 {
				lab = label
			}
			p.lines = append(p.lines, s.Dim.Render(fmt.Sprintf("%-10s ", lab))+style.Render(l))
		}
		return p
	}
	// Each detail is whole or left out: half a direction would mislead.
	var details []part
	detail := func(label, text string) {
		if text != "" {
			details = append(details, labelled(rankDetail, label, text, s.Text))
		}
	}
	detail("Pressure", step.Pressure)
	detail("Direction", step.Direction)
	if st.Region.NoOil && !preparing {
		detail("Oil", "none on the "+strings.ToLower(st.Region.Name))
	}
	if len(details) > 0 || step.Caution != "" {
		b = append(append(b, blank(rankAir)), details...)
	}
	if slow := ss.r.SlowNote(step); st.Slow && slow != "" {
		if st.SlowBy > 0 {
			slow += " The rest takes " + routines.FormatLength(st.SlowBy) + " longer."
		}
		b = append(b, blank(rankDetail), words(rankDetail, slow, w, s.Calm))
	}
	if ss.note != "" {
		b = append(b, blank(rankDetail), words(rankDetail, ss.note, w, s.Calm))
	}
	if step.Caution != "" {
		b = append(b, labelled(rankCaution, "Take care", step.Caution, s.Warn))
	}
	b = append(b, blank(rankAir))
	bindings := []key.Binding{k.Pause, k.Next, k.Back, k.Skip, k.CheckIn, k.End, k.Help, k.Present}
	if st.RegionNum == 0 {
		bindings[3].SetHelp("s", "skip to asking")
	}
	switch {
	case st.Phase == routines.Waiting && !st.TimeUp:
		b = append(b, words(rankMust, "When your baby says yes, press space. cradle waits for you: nothing starts until you do.", w, s.Calm))
		bindings = []key.Binding{k.Begin, relabel(k.End, "e", "not now"), k.Help}
	case st.TimeUp && preparing:
		b = append(b, words(rankMust, "When you are ready, press space. cradle waits for you.", w, s.Accent))
		bindings = []key.Binding{k.Ready, k.Back, k.Skip, k.CheckIn, k.End, k.Auto, k.Help, k.Present}
	case st.TimeUp:
		b = append(b, words(rankMust, "Time is up for this one. cradle waits for you: press → when you are ready.", w, s.Accent))
		bindings = append(bindings[:len(bindings)-2], k.Auto, k.Help, k.Present)
	case preparing:
		// Waiting for the parent, and saying what happens if nobody
		// answers: hands-free following never stops here.
		b = append(b, words(rankMust, "When you are ready, press space.", w, s.Calm))
		wait := "Goes on by itself in"
		if ss.sess.Manual() {
			wait = "Then waits for you (auto-advance off)"
		}
		if st.Paused {
			wait = ""
		}
		b = append(b, drawn(rankTimer, liveTimer+s.Dim.Render(wait)), drawn(rankBar, liveBar))
		bindings = []key.Binding{k.Ready, k.Back, k.Skip, k.CheckIn, k.End, k.Auto, k.Help, k.Present}
	default:
		reps := ""
		if step.Reps > 0 {
			reps = fmt.Sprintf("%d times · about %s each", step.Reps, routines.FormatLength(scaled(step.Each, st)))
		}
		if st.Paused {
			bindings[0].SetHelp("space", "resume")
		}
		if ss.sess.Manual() {
			reps = strings.TrimPrefix(reps+" · ", " · ") + "auto-advance off (a)"
		}
		b = append(b, drawn(rankTimer, liveTimer+s.Dim.Render(reps)), drawn(rankBar, liveBar))
		if _, ok := pace(st); ok {
			// A line of its own: when the marker moves, the terminal
			// redraws the few cells between its two places, not the line up
			// to the countdown.
			b = append(b, drawn(rankPace, livePace))
		}
		if st.Paused {
			b = append(b, words(rankDetail, "Paused: nothing moves on until you press space.", w, s.Dim))
		}
	}
	switch {
	case st.Resume != nil:
		// Picked up again: after the yes, the step that was cut off.
		p := st.Resume
		b = append(b, drawn(rankNext, "", s.Dim.Render("Then  ")+s.Text.Render(truncate(fmt.Sprintf("%s · %s, step %d of %d", p.Region.Name, p.Step.Title(), p.StepInRegion, p.StepsInRegion), w-6))))
	case st.Next != nil:
		next := s.Dim.Render("Next  ") + s.Text.Render(st.Next.Title())
		if st.NextRegion != nil {
			next = s.Dim.Render("Next region  ") + s.Text.Render(st.NextRegion.Name)
			if st.Next.Kind == routines.Prepare {
				next += s.Dim.Render(" · first: ") + s.Text.Render(st.Next.Title())
			}
		}
		b = append(b, drawn(rankNext, "", next))
	}
	return b, bindings
}

// pausedWait is what a paused check-in or offer says in place of its
// countdown.
func pausedWait(st routines.State) string {
	if st.Phase == routines.Offering {
		return "Paused: cradle waits for your choice."
	}
	return "Paused: cradle waits for your answer."
}

func (ss *sessionScreen) checkInView(st routines.State, w int) ([]part, []key.Binding) {
	s, k := ss.a.styles, ss.a.keys
	about := st.CheckInPlace()
	about = strings.ToUpper(about[:1]) + about[1:]
	b := []part{drawn(rankTitle, s.Title.Render("How is your baby?")), drawn(rankDetail, s.Dim.Render(truncate(about, w))), blank(rankAir)}
	answers := drawn(rankMust)
	for i, c := range routines.Cues {
		info := c.Info()
		line := s.Key.Render(fmt.Sprintf("%d", i+1)) + "  " + s.Text.Render(fmt.Sprintf("%-19s", info.Label))
		if info.Hint != "" && w > 44 {
			line += s.Dim.Render(truncate(info.Hint, w-24))
		}
		answers.lines = append(answers.lines, line)
	}
	b = append(b, answers, blank(rankAir), ss.waitLine(st, w, "Hands busy? No need to answer: going on in ", "Going on in "))
	return b, []key.Binding{k.Answer, k.Pause, k.Next, k.End, k.Help}
}

// waitLine is the countdown of a check-in or an offer after words that
// say what happens when it runs out (short ones on a narrow window, which
// keeps the countdown), or, paused, that cradle waits.
func (ss *sessionScreen) waitLine(st routines.State, w int, long, short string) part {
	s := ss.a.styles
	if st.Paused {
		return drawn(rankTimer, s.TimerPaused.Render(pausedWait(st)))
	}
	if lipgloss.Width(long)+len("10:00") > w {
		long = short
	}
	return drawn(rankTimer, liveCount+s.Dim.Render(long))
}

func (ss *sessionScreen) holdView(st routines.State, w int) ([]part, []key.Binding) {
	s, k := ss.a.styles, ss.a.keys
	b := []part{
		drawn(rankHead, headerLine(w, s.Region.Render("RESTING HANDS"), s.Dim.Render(st.CheckInRegion.Name))),
		blank(rankAir),
	}
	if ss.note != "" {
		b = append(b, words(rankDetail, ss.note, w, s.Calm))
	}
	b = append(b,
		words(rankWords, st.Response.Say, w, s.Text),
		blank(rankAir),
		drawn(rankTimer, liveTimer+s.Dim.Render("Hands still and warm")),
		drawn(rankBar, liveBar),
	)
	if st.Paused {
		b = append(b, words(rankDetail, "Paused: nothing moves on until you press space.", w, s.Dim))
	}
	switch {
	case st.Response.Action == routines.HoldOffer:
		b = append(b, drawn(rankNext, "", s.Dim.Render("Then  ")+s.Text.Render("you choose: go on, skip or end")))
	case st.Next != nil && st.NextRegion != nil:
		// The region too: "Then Resting hands" during a resting hold
		// would read as more of the same.
		b = append(b, drawn(rankNext, "", s.Dim.Render("Then  ")+s.Text.Render(truncate(st.NextRegion.Name+" · "+st.Next.Title(), w-6))))
	case st.Next != nil:
		b = append(b, drawn(rankNext, "", s.Dim.Render("Then  ")+s.Text.Render(truncate(st.Next.Title(), w-6))))
	}
	goOn := relabel(k.Next, "→", "go on now")
	skip := k.Skip
	if st.Next != nil {
		name := st.Region.Name
		if st.NextRegion != nil {
			name = st.NextRegion.Name
		}
		skip.SetHelp("s", "skip "+strings.ToLower(name))
	}
	return b, []key.Binding{goOn, k.Pause, skip, k.End, k.Help}
}

func (ss *sessionScreen) offerView(st routines.State, w int) ([]part, []key.Binding) {
	s := ss.a.styles
	// Names as the routine writes them: lower-casing a stroke such as
	// "I Love You" would spoil it.
	next := "Go on"
	skip := "Skip this region"
	if st.Next != nil {
		next = "Go on: " + st.Next.Title()
		skip = "Skip: " + st.Region.Name
		if st.NextRegion != nil {
			next = "Go on: " + st.NextRegion.Name
			skip = "Skip: " + st.NextRegion.Name
		}
	}
	// Going on is slower (and lighter, unless the touch is moderate): say
	// what that makes of the time left.
	if st.Next != nil {
		next += ", " + ss.r.Slower(*st.Next) + " · " + clock(st.GoOnLeft) + " left"
	}
	b := []part{
		drawn(rankTitle, s.Title.Render("How would you like to go on?")),
		blank(rankAir),
		words(rankWords, "There is no rush. If your baby is still unsettled, ending here is a good choice: you can try again another day.", w, s.Dim),
		blank(rankAir),
		drawn(rankMust,
			s.Key.Render("→  1")+"  "+s.Text.Render(truncate(next, w-7)),
			s.Key.Render("s  2")+"  "+s.Text.Render(truncate(skip, w-7)),
			s.Key.Render("e  3")+"  "+s.Text.Render("End here, gently")),
		blank(rankAir),
		ss.waitLine(st, w, "Nobody choosing? cradle ends gently in ", "Ends gently in "),
	}
	k := ss.a.keys
	pause := k.Pause
	if st.Paused {
		pause.SetHelp("space", "count on")
	}
	return b, []key.Binding{relabel(k.Next, "→", "go on"), relabel(k.Skip, "s", "skip"), relabel(k.End, "e", "end"), pause, k.Help}
}

// clock shows a duration as m:ss, rounding up so 0:01 stays until the end.
func clock(d time.Duration) string {
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

// scaled is one repetition's length at the current pace.
func scaled(each time.Duration, st routines.State) time.Duration {
	if st.Slow {
		return time.Duration(float64(each) * routines.SlowFactor).Round(time.Second)
	}
	return each
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
