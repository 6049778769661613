package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/cradle-coach/cradle/internal/plural"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui/layout"
)

// The session's live lines: View keeps the rest of the screen, drawn
// once per change of state, and draws only these again at each frame.
const (
	liveTimer layout.Live = iota + 1 // the countdown; the line's text is what stands left of it
	liveBar                          // the progress bar of the current step or hold
	liveCount                        // a check-in's countdown; the line's text comes before it
	livePace                         // the pace guide of a repeated stroke
)

// viewKey is everything the still lines are drawn from: a change in any
// of it draws them again.
type viewKey struct {
	phase              routines.Phase
	index              int
	title              string
	paused, slow, up   bool
	manual, confirmEnd bool
	w, h, room         int
	cue                routines.Cue
	checkInRegion      string
	last               bool
	action             routines.Action
	theme              Theme
	note               string
	resume             bool
	stopped            time.Duration
}

// viewCache is the screen without its live lines.
type viewCache struct {
	key    viewKey
	lines  []layout.Line // fitted to the window; live lines still to draw
	footer string
}

func (ss *sessionScreen) View() string {
	a, s := ss.a, ss.a.styles
	st := ss.sess.State()
	if ss.present && st.Phase != routines.PhaseOffering && st.Phase != routines.PhaseEnded {
		return ss.presentView(st)
	}
	header := headerLine(a.w-2, s.Brand.Render(ss.r.Title)+s.Dim.Render(" · "+a.data.baby.Name), s.Dim.Render(where(st)))
	w := min(a.w-4, 76)
	room := a.h - 4 - len(a.bottomLines())
	key := viewKey{phase: st.Phase, index: st.Index, title: st.Step.Title(), paused: st.Paused, slow: st.Slow, up: st.TimeUp,
		manual: ss.sess.Manual(), confirmEnd: ss.confirmEnd, w: a.w, h: a.h, room: room, cue: st.Cue,
		checkInRegion: st.CheckInRegion.ID, last: st.Next == nil, action: st.Response.Action, theme: s.Theme,
		note: ss.note, resume: st.Resume != nil, stopped: ss.stopped}
	if ss.cache.lines == nil || ss.cache.key != key {
		ss.cache = viewCache{key: key}
		ss.cache.lines, ss.cache.footer = ss.staticView(st, w, room)
	}
	lines := make([]string, len(ss.cache.lines))
	pad := strings.Repeat(" ", max((a.w-w)/2, 1))
	for i, ln := range ss.cache.lines {
		if ln.Live == layout.Still {
			lines[i] = ln.Text
			continue
		}
		var l string
		timer := s.Timer.Render(FormatCountdown(st.Remaining))
		if st.Paused && ln.Live != liveCount {
			timer = s.TimerPaused.Render(pausedTitle + "  " + FormatCountdown(st.Remaining))
		}
		switch ln.Live {
		case liveTimer:
			// The words give way, never the time.
			l = headerLine(w, layout.Cut(ln.Text, w-lipgloss.Width(timer)-2), timer)
		case liveBar:
			l = a.bar(w, progress(st))
		case livePace:
			l = ss.paceLine(st, w, 24)
		case liveCount:
			l = ln.Text + timer
			if st.Paused {
				l = s.TimerPaused.Render(pausedWait(st))
			}
		}
		lines[i] = layout.Cut(pad+l, a.w)
	}
	return a.assemble(header, lines, ss.cache.footer)
}

// staticView draws what does not change from one second to the next, in
// room lines.
func (ss *sessionScreen) staticView(st routines.State, w, room int) ([]layout.Line, string) {
	a, s := ss.a, ss.a.styles
	var body []layout.Part
	var bindings []key.Binding
	switch st.Phase {
	case routines.PhaseCheckIn:
		body, bindings = ss.checkInView(st, w, true)
		if layout.Height(body) > room { // no room to wrap the answers' signs
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
	fitted := layout.Fit(body, room, w)
	pad, top := layout.Centring(a.w, room, w, len(fitted))
	lines := make([]layout.Line, top, top+len(fitted))
	for _, l := range fitted {
		if l.Live == layout.Still {
			l.Text = layout.Cut(pad+l.Text, a.w)
		}
		lines = append(lines, l)
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
		return plural.Of(st.Regions, "region") + left
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

func (ss *sessionScreen) stepView(st routines.State, w int) ([]layout.Part, []key.Binding) {
	s := &ss.a.styles
	step := st.Step
	preparing := step.Kind == routines.StepPrepare
	air := layout.Drawn(rankAir, dots(s, st.StepInRegion, st.StepsInRegion, w), "")
	if preparing {
		air = blank(rankAir)
	}
	b := []layout.Part{
		layout.Drawn(rankHead, headerLine(w, s.Region.Render(strings.ToUpper(st.Region.Name)), s.Dim.Render(stepPos(st)))),
		air,
		layout.Drawn(rankTitle, s.Stroke.Render(step.Title())),
		words(rankWords, step.Do, w, &s.Text),
	}
	labelled := func(rank int, d detail, style lipgloss.Style) layout.Part {
		p := layout.Drawn(rank)
		for i, l := range wrap(d.text, w-11, "") {
			lab := ""
			if i == 0 {
				lab = d.label
			}
			p.Lines = append(p.Lines, s.Dim.Render(fmt.Sprintf("%-10s ", lab))+style.Render(l))
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
		b = append(b, blank(rankDetail), words(rankDetail, slow, w, &s.Calm))
	}
	if ss.note != "" {
		b = append(b, blank(rankDetail), words(rankDetail, ss.note, w, &s.Calm))
	}
	b = append(b, blank(rankAir))
	if must, calm := ss.mustWords(st); must != "" {
		style := &s.Accent
		if calm {
			style = &s.Calm
		}
		b = append(b, words(rankMust, must, w, style))
	}
	switch {
	case st.Phase == routines.PhaseWaiting || st.TimeUp:
	case preparing:
		b = append(b, layout.LiveLine(rankTimer, liveTimer, s.Dim.Render(ss.timeWords(st))), layout.LiveLine(rankBar, liveBar, ""))
	default:
		b = append(b, layout.LiveLine(rankTimer, liveTimer, s.Dim.Render(ss.timeWords(st))), layout.LiveLine(rankBar, liveBar, ""))
		if _, ok := pace(st); ok {
			// A line of its own: when the marker moves, the terminal
			// redraws the few cells between its two places, not the line up
			// to the countdown.
			b = append(b, layout.LiveLine(rankPace, livePace, ""))
		}
		if st.Paused {
			b = append(b, words(rankDetail, ss.pausedWords(), w, &s.Dim))
		}
	}
	if label, text, first := nextWords(st); label != "" {
		next := s.Dim.Render(label+"  ") + s.Text.Render(text)
		if st.Resume != nil {
			next = s.Dim.Render(label+"  ") + s.Text.Render(layout.Cut(text, w-6))
		}
		if first != "" {
			next += s.Dim.Render(" · first: ") + s.Text.Render(first)
		}
		b = append(b, layout.Drawn(rankNext, "", next))
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
		out = append(out, detail{"Oil", "none on the " + routines.InSentence(st.Region.Name)})
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
		return "When your baby says yes, press " + ss.a.keyWord(ss.begin()) + ". cradle waits for you: nothing starts until you do.", true
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
	if ss.stopped > 0 {
		return fmt.Sprintf("%s: cradle was stopped for %s, so nothing moved on meanwhile. Press %s to go on from here.",
			pausedTitle, routines.FormatLength(ss.stopped), ss.a.keyWord(ss.a.keys.Pause))
	}
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
		return []key.Binding{ss.begin(), layout.Relabel(k.End, "e", "not now"), k.Help}
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
func dots(s *Styles, at, n, w int) string {
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
