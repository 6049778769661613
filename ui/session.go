package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui/layout"
)

// sessionScreen follows a session: the step on screen, the countdown, the
// check-ins, holds and offers. It turns keys and ticks into calls on the
// session, hands the events to the saver, and rings at each change.
type sessionScreen struct {
	drawnToSize
	cache      viewCache
	a          *app
	r          *routines.Routine
	sess       *routines.Session
	log        []routines.Event // every event of this session, saved or queued
	prev       routines.State
	tickSeq    int
	confirmEnd bool
	present    bool     // the presentation view: big letters for a room
	big        bigCache // its layout
	// A demonstration's instructor aids: the Questions card (and whether
	// opening it paused the session), the talking points shown.
	questions, pausedForQuestions, teach bool
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
	// due is when the tick asked for should come (zero when none is);
	// stopped is how long cradle could not run, when a tick came far
	// later than that (the process stopped), said while the pause that
	// made lasts.
	due     time.Time
	stopped time.Duration
}

// freezeGap is how late a tick may come before cradle takes it that it
// was stopped (kill -STOP, a suspended job, a debugger) rather than slow:
// ticks are asked for every second or sooner.
const freezeGap = 5 * time.Second

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
			BabyID: a.data.baby.ID, BabyName: a.data.baby.Name,
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
	if !st.Paused {
		ss.stopped = 0
	}
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
	// Still hands after subtle cues say it in their own "Then" line: once.
	holdSays := st.Phase == routines.PhaseHolding && st.Response.Action == routines.ActionSlowDown && st.Next != nil
	if !prev.Slow && st.Slow && st.SlowBy > 0 && st.Phase != routines.PhaseEnded && !routines.Slowed(st.Step) && !holdSays {
		// A step that keeps its pace (resting hands) says nothing of it:
		// say here what the slower pace does to the rest.
		note = strings.TrimSpace(note + " Slower from here, as your baby asked: " + restLonger(st) + ".")
	}
	if prev.Slow && !st.Slow && st.Phase != routines.PhaseEnded && prev.SlowBy > 0 {
		note = strings.TrimSpace(note + " Back to the usual pace: the rest takes " + routines.FormatLength(prev.SlowBy) + " less.")
	}
	return note
}

// schedule asks for one tick at the instant the shown second changes (or
// the phase ends). Ticks only redraw: the time shown is always computed
// from the deadline, so a late tick never makes the clock drift.
func (ss *sessionScreen) schedule(st routines.State) tea.Cmd {
	ss.tickSeq++
	d, ok := ss.tickDelay(st)
	if !ok {
		ss.due = time.Time{}
		return nil
	}
	ss.due = ss.a.clock.Now().Add(d)
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

// frozen notices that cradle could not run for a while: the tick asked
// for is far overdue. The session is then paused where it stood when the
// tick was due, and nobody's unseen steps are done; the screen says how
// long cradle was stopped. ok is false when all is as it should be.
func (ss *sessionScreen) frozen() (evs []routines.Event, ok bool) {
	if ss.due.IsZero() {
		return nil, false
	}
	late := ss.a.clock.Now().Sub(ss.due)
	if late <= freezeGap {
		return nil, false
	}
	evs = ss.sess.Frozen(ss.due)
	ss.stopped, ss.due = late, time.Time{}
	return evs, true
}

func (ss *sessionScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	var evs []routines.Event
	switch msg.(type) {
	case tickMsg, tea.KeyPressMsg:
		// A key pressed on a screen that had stopped moving only shows
		// where the session stands now.
		if evs, ok := ss.frozen(); ok {
			return ss, ss.after(evs)
		}
	}
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
			cmd = tea.Batch(cmd, ss.a.report(planDoneMsg{ss.a.data.baby.ID, routines.PlanSession{Week: week, Massage: sum.sum.Active, Of: ss.r.Length()}}))
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
		answers := st.Phase != routines.PhaseOffering && cue || st.Phase == routines.PhaseOffering && key.Matches(msg, k.GoOn, k.SkipRest, k.EndGently)
		if !answers {
			return nil, true
		}
	}
	if ss.instructs() {
		if evs, ok := ss.instructorKey(msg); ok {
			return evs, true
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
		switch {
		case st.TimeUp && key.Matches(msg, k.Ready):
			return s.Next(), true
		case st.TimeUp:
		case key.Matches(msg, ss.begin()), ss.instructs() && key.Matches(msg, k.Next):
			return s.Next(), true // the yes; a demonstration's clicker goes on with its doll
		case !key.Matches(msg, k.Back, k.End, k.Auto):
			// At the ask only the baby's yes begins: next, enter or a
			// second s (skipping the ritual) passing by do nothing.
			return nil, true
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
	case key.Matches(msg, k.Answer):
		// An answer's digit at any moment is an answer about now: a
		// parent whose baby starts crying mid-stroke presses 5, not c
		// and then 5 (as a family in a class does).
		c, _ := routines.CueByDigit(msg.String())
		evs := s.AskNow()
		if s.State().Phase != routines.PhaseCheckIn {
			return evs, true
		}
		return append(evs, s.Answer(c)...), true
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

// windowTitle is the region being massaged.
func (ss *sessionScreen) windowTitle() string {
	st := ss.sess.State()
	if st.Region.Name == "" {
		return "cradle"
	}
	return "cradle · " + st.Region.Name
}

// begin is the key of the baby's yes at the ask: space, never a key
// pressed to go on through the ritual. In plain mode a line is typed and
// sent on purpose, and there is no space key: enter alone says it.
func (ss *sessionScreen) begin() key.Binding {
	if ss.a.cfg.Plain {
		return key.NewBinding(key.WithKeys("space", "enter"), key.WithHelp("space", ss.a.keys.Begin.Help().Desc))
	}
	return ss.a.keys.Begin
}

// keysNow are the keys of the moment, as the footer shows them.
func (ss *sessionScreen) keysNow() []key.Binding {
	k := ss.a.keys
	if ss.confirmEnd {
		return []key.Binding{layout.Relabel(k.Yes, "y/e", "end and save"), layout.Relabel(k.No, "any other key", "keep going")}
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

// HelpKeys are the keys of the moment on screen, when they differ.
func (ss *sessionScreen) HelpKeys() []keyGroup {
	k := ss.a.keys
	var g []keyGroup
	switch st := ss.sess.State(); {
	case st.Phase == routines.PhaseOffering: // only the three choices work here
		g = append(g, keyGroup{"After resting hands", []key.Binding{k.GoOn, k.SkipRest, k.EndGently, layout.Relabel(k.Pause, "space", "pause the countdown")}})
	case st.Step.Kind == routines.StepPrepare:
		g = append(g, keyGroup{"Getting ready (turning your baby, wiping your hands)", []key.Binding{k.Ready, k.Back, k.Skip, k.CheckIn, k.End, k.Auto}},
			keyGroup{"During a stroke", []key.Binding{k.Pause, k.Next, k.Present}})
	case st.Phase == routines.PhaseWaiting && st.Step.Kind == routines.StepPermission:
		g = append(g, keyGroup{"Getting ready", []key.Binding{k.Back, layout.Relabel(k.End, "e", "not now"), k.Present}},
			keyGroup{"When your baby says yes", []key.Binding{ss.begin()}})
	default:
		g = append(g, keyGroup{"During a stroke", []key.Binding{k.Pause, k.Next, k.Back, k.Skip, k.CheckIn, k.Answer, k.End, k.Auto, k.Present}},
			keyGroup{"At a check-in", []key.Binding{k.Answer, k.Next}})
	}
	if ss.instructs() {
		g = append(g, keyGroup{"For the instructor", []key.Binding{k.Questions, k.MoreTime, k.Teach}})
	}
	return g
}
