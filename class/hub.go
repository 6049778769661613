// Package class runs a class: the instructor's session, on the host's
// clock, followed by families on their own laptops. The hub here holds
// the session, the families (the roster), the class code and the
// take-home tokens, and tells every screen when to draw again; the SSH
// server (class/server) and the screens (class/screens) sit on it.
package class

import (
	"context"
	"errors"
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// DefaultMaxFamilies is how many families a class takes unless the
// instructor says otherwise.
const DefaultMaxFamilies = 30

// MoreTime is what the instructor's "more time" gives the step on screen
// (a rule of routines/safety.go).
const MoreTime = routines.MoreTime

// Stage is where a class stands.
type Stage int

const (
	StageLobby   Stage = iota // families join; the instructor has not begun
	StageRunning              // the session runs
	StageOver                 // the session has ended; families take theirs home
)

// Config is what a hub is made from.
type Config struct {
	Routine *routines.Routine
	Clock   routines.Clock
	Code    Code
	// MaxFamilies bounds the families; 0 means DefaultMaxFamilies.
	MaxFamilies int
	// Save keeps the class record (the room's counts and the sessions of
	// the families who said yes); it returns the record as kept, with its
	// id. It is called from Run's goroutine, never with the hub locked;
	// nil keeps nothing.
	Save func(store.Class) (store.Class, error)
	// Rand makes the take-home tokens; nil is crypto/rand.
	Rand io.Reader
}

// Snapshot is what every screen draws from: the class's stage and the
// session's state when it last changed. It is never changed once
// published; a new one replaces it.
type Snapshot struct {
	Stage Stage
	// Seq grows with every change of state (not with the seconds).
	Seq uint64
	// State is the session's state when it changed. Its Remaining and
	// Left are as they were then: StateAt gives them at any moment.
	State routines.State
	// Start is when the timed phase on screen began, moved on by pauses
	// and by more time: the countdown is Length - (now - Start). Zero when
	// nothing counts down (paused, waiting, in the lobby).
	Start time.Time
	// Questions is true while the instructor has paused the class for
	// the room's questions: every screen says so.
	Questions bool
	// TalkingPoints is true while the instructor has the talking points
	// shown (t); Windows counts the roster windows open (cradle class
	// roster): while one is, the talking points show there, not on the
	// console, which is then the room's.
	TalkingPoints bool
	Windows       int
	// Families is how many families have joined; Here how many are
	// connected now.
	Families, Here int
}

// Remaining is what is left of the timed phase at now.
func (s *Snapshot) Remaining(now time.Time) time.Duration {
	if s.Start.IsZero() {
		return s.State.Remaining
	}
	return min(max(s.State.Length-now.Sub(s.Start), 0), s.State.Length)
}

// StateAt is the session's state at now: the countdown and what is left
// of the routine from the start the host published, never from counting
// ticks, so a screen drawn late shows the right second.
func (s *Snapshot) StateAt(now time.Time) routines.State {
	st := s.State
	rem := s.Remaining(now)
	st.Left = max(st.Left-(st.Remaining-rem), 0)
	st.Remaining = rem
	return st
}

// Errors of Join.
var (
	ErrFull      = errors.New("the class is full")
	ErrNameInUse = errors.New("a family with that name is in the class")
	ErrNameTaken = errors.New("a family with that name and another birth date is in the class")
	ErrNoName    = errors.New("no name")
)

// Hub is one class. Its methods are safe for concurrent use: the
// instructor's console and every family's connection call them from
// their own goroutines. Nothing in it waits on a terminal or a disk
// while it holds its lock.
type Hub struct {
	cfg  Config
	snap atomic.Pointer[Snapshot]

	mu       sync.Mutex
	sess     *routines.Session
	stage    Stage
	seq      uint64
	started  time.Time
	ended    time.Time
	families []*family
	ciSeq    int // counts the check-ins opened, so an answer knows which it answers
	inCI     bool
	// questions: paused for the room's questions; questionsPaused: the
	// pause was theirs, so going on resumes.
	questions, questionsPaused bool
	teach                      bool // the talking points are shown
	windows                    int  // roster windows open
	subs                       map[*Sub]struct{}
	tokens                     map[[32]byte]*family

	record  store.Class // as last kept; its ID once kept
	dirty   bool        // something the record holds has changed
	saveErr error
	wake    chan struct{} // Run looks again at its timer
	saveReq chan struct{} // the saver looks again at the record
	closed  chan struct{} // closed when the instructor closes the class
	close   sync.Once
}

// New makes a hub for a class of cfg.Routine, in the lobby.
func New(cfg Config) *Hub {
	if cfg.MaxFamilies <= 0 {
		cfg.MaxFamilies = DefaultMaxFamilies
	}
	if cfg.Clock == nil {
		cfg.Clock = routines.WallClock{}
	}
	h := &Hub{cfg: cfg, subs: map[*Sub]struct{}{}, tokens: map[[32]byte]*family{},
		wake: make(chan struct{}, 1), saveReq: make(chan struct{}, 1), closed: make(chan struct{})}
	h.sess = routines.NewSession(cfg.Routine, cfg.Clock, routines.SessionOptions{})
	h.record = store.Class{RoutineID: cfg.Routine.ID, RoutineTitle: cfg.Routine.Title}
	h.publish()
	return h
}

// Routine is the class's routine.
func (h *Hub) Routine() *routines.Routine { return h.cfg.Routine }

// Code is the class's code.
func (h *Hub) Code() Code { return h.cfg.Code }

// MaxFamilies is how many families the class takes.
func (h *Hub) MaxFamilies() int { return h.cfg.MaxFamilies }

// Now is the host's clock.
func (h *Hub) Now() time.Time { return h.cfg.Clock.Now() }

// Snapshot is the class as last published.
func (h *Hub) Snapshot() *Snapshot { return h.snap.Load() }

// --- the instructor ---

// Begin starts the session: the families who are ready start theirs.
func (h *Hub) Begin() bool {
	return h.act(func() ([]routines.Event, bool) {
		if h.stage != StageLobby {
			return nil, false
		}
		h.stage, h.started = StageRunning, h.cfg.Clock.Now()
		h.record.Started = h.started
		return h.sess.Start(), true
	})
}

// TogglePause pauses the session for everyone, or goes on; during the
// questions, it goes on where they began.
func (h *Hub) TogglePause() bool {
	return h.act(func() ([]routines.Event, bool) {
		switch {
		case h.stage != StageRunning:
			return nil, false
		case h.questions:
			return h.leaveQuestions(), true
		}
		return h.sess.TogglePause(), true
	})
}

// Questions pauses the class for everyone, for the room's questions:
// the room's view shows the Questions card and each family's screen says
// the class is paused for them. A class already paused stays paused
// when they end. false when the class is not running or already there.
func (h *Hub) Questions() bool {
	return h.act(func() ([]routines.Event, bool) {
		if h.stage != StageRunning || h.questions {
			return nil, false
		}
		h.questions = true
		if h.sess.State().Paused {
			return nil, true
		}
		evs := h.sess.Pause()
		h.questionsPaused = h.sess.State().Paused
		return evs, true
	})
}

// EndQuestions goes on where the class was before the questions: the
// countdown runs again if the questions paused it.
func (h *Hub) EndQuestions() bool {
	return h.act(func() ([]routines.Event, bool) {
		if !h.questions {
			return nil, false
		}
		return h.leaveQuestions(), true
	})
}

// leaveQuestions ends the questions, resuming the pause they made. Any
// other move of the instructor's ends them first, so the card never
// stays over a class that has gone on.
func (h *Hub) leaveQuestions() []routines.Event {
	var evs []routines.Event
	if h.questions && h.questionsPaused && h.sess.State().Paused {
		evs = h.sess.Resume()
	}
	h.questions, h.questionsPaused = false, false
	return evs
}

// ToggleTalkingPoints shows the talking points to the instructor, or
// hides them; never to a family.
func (h *Hub) ToggleTalkingPoints() {
	h.mu.Lock()
	h.teach = !h.teach
	h.publish()
	h.mu.Unlock()
	h.notify(nil)
}

// Next goes on: the rest of the step, the baby's yes at the ask, a
// check-in's wait.
func (h *Hub) Next() bool { return h.running(h.sess.Next) }

// Back starts the step before again.
func (h *Hub) Back() bool { return h.running(h.sess.Back) }

// SkipRegion leaves the rest of the region out.
func (h *Hub) SkipRegion() bool { return h.running(h.sess.SkipRegion) }

// AskNow asks every family how their baby is, in the middle of a step.
func (h *Hub) AskNow() bool { return h.running(h.sess.AskNow) }

// More gives the step on screen (or the wait) MoreTime more; false when
// nothing counts down or the step would pass routines.MaxLeft.
func (h *Hub) More() bool {
	return h.act(func() ([]routines.Event, bool) {
		if h.stage != StageRunning {
			return nil, false
		}
		evs := h.leaveQuestions()
		more, ok := h.sess.Extend(MoreTime)
		return append(evs, more...), ok
	})
}

// End ends the session for everyone: each family's session ends too, and
// each family is given the line that takes it home.
func (h *Hub) End() bool {
	return h.act(func() ([]routines.Event, bool) {
		switch h.stage {
		case StageLobby:
			h.stage, h.ended = StageOver, h.cfg.Clock.Now()
			return nil, true
		case StageRunning:
			return append(h.leaveQuestions(), h.sess.End("")...), true
		}
		return nil, false
	})
}

// Close closes the class, after End: every screen still open (a family's,
// one still typing the code, a roster window) is to end now, leaving its
// terminal as it found it, before the connections go.
func (h *Hub) Close() {
	h.End()
	h.close.Do(func() { close(h.closed) })
}

// Closed is closed when the class is.
func (h *Hub) Closed() <-chan struct{} { return h.closed }

// running is an engine call made only while the session runs.
func (h *Hub) running(call func() []routines.Event) bool {
	return h.act(func() ([]routines.Event, bool) {
		if h.stage != StageRunning {
			return nil, false
		}
		evs := h.leaveQuestions()
		return append(evs, call()...), true
	})
}

// act runs change under the lock, hands its events to the families,
// publishes the new state and tells every screen.
func (h *Hub) act(change func() ([]routines.Event, bool)) bool {
	h.mu.Lock()
	evs, ok := change()
	h.apply(evs)
	h.publish()
	h.mu.Unlock()
	h.notify(nil)
	h.poke(h.wake)
	return ok
}

// Tick moves the session on when its time is up; Run calls it at every
// deadline, and tests with a clock they move by hand.
func (h *Hub) Tick() {
	h.mu.Lock()
	var evs []routines.Event
	if h.stage == StageRunning {
		evs = h.sess.Tick()
	}
	changed := len(evs) > 0
	if changed {
		h.apply(evs)
		h.publish()
	}
	h.mu.Unlock()
	h.notify(nil) // a new second, at least
}

// apply hands the session's events to every family following it, and
// notes what ends or opens.
func (h *Hub) apply(evs []routines.Event) {
	st := h.sess.State()
	if st.Phase == routines.PhaseCheckIn && !h.inCI {
		h.ciSeq++
	}
	h.inCI = st.Phase == routines.PhaseCheckIn
	for _, ev := range evs {
		switch ev.Kind {
		case routines.EvStart:
			for _, f := range h.families {
				if f.stage == following && len(f.log) == 0 {
					f.begin(h, ev.At)
				}
			}
			continue
		case routines.EvEnd:
			h.stage, h.ended = StageOver, ev.At
			h.record.Ended = ev.At
			h.questions, h.questionsPaused = false, false
		}
		for _, f := range h.families {
			f.follow(h, ev)
		}
		h.dirty = true
	}
	if len(evs) > 0 {
		h.dirty = true
		h.poke(h.saveReq)
	}
}

// publish makes the state now the snapshot every screen reads.
func (h *Hub) publish() {
	h.seq++
	s := &Snapshot{Stage: h.stage, Seq: h.seq, Questions: h.questions, TalkingPoints: h.teach, Windows: h.windows}
	if h.stage != StageLobby {
		now := h.cfg.Clock.Now()
		s.State = h.sess.State()
		timed := s.State.Phase == routines.PhaseRunning || s.State.Phase == routines.PhaseCheckIn ||
			s.State.Phase == routines.PhaseHolding || s.State.Phase == routines.PhaseOffering
		if timed && !s.State.Paused {
			s.Start = now.Add(s.State.Remaining - s.State.Length)
		}
	}
	for _, f := range h.families {
		if f.stage != joining || f.returning {
			s.Families++
		}
		if f.conns > 0 {
			s.Here++
		}
	}
	h.snap.Store(s)
}

// --- telling screens ---

// Sub is a screen that wants to know when to draw again: C receives a
// value (at most one waits) when the class changes, and at each second a
// countdown shows.
type Sub struct {
	C      chan struct{}
	family *family // a family's screen hears of its own changes, not of others'
	window bool    // the instructor's roster window
	hub    *Hub
}

// Subscribe is for a screen that sees the whole class: the instructor's.
func (h *Hub) Subscribe() *Sub {
	s := &Sub{C: make(chan struct{}, 1), hub: h}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	return s
}

// SubscribeWindow is for the instructor's roster window (cradle class
// roster): while one is open, the talking points show in it.
func (h *Hub) SubscribeWindow() *Sub {
	s := &Sub{C: make(chan struct{}, 1), window: true, hub: h}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.windows++
	h.publish()
	h.mu.Unlock()
	h.notify(nil)
	return s
}

// Close stops the notices; C is closed, so a command waiting on it
// returns.
func (s *Sub) Close() {
	h := s.hub
	h.mu.Lock()
	_, ok := h.subs[s]
	if ok {
		delete(h.subs, s)
		close(s.C)
		if s.window {
			h.windows--
			h.publish()
		}
	}
	h.mu.Unlock()
	if ok && s.window {
		h.notify(nil) // the console shows the talking points again
	}
}

// notify tells the screens: every one when only is nil, else the
// instructor's and only's own.
func (h *Hub) notify(only *family) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		if only != nil && s.family != nil && s.family != only {
			continue
		}
		select {
		case s.C <- struct{}{}:
		default: // one is waiting already: it draws the latest
		}
	}
}

func (h *Hub) poke(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// --- running ---

// Run keeps the class going until ctx is done: it ticks the session at
// each deadline, tells the screens at each second a countdown shows, and
// keeps the record (in a goroutine of its own, so a slow disk never holds
// a step up). When ctx is done it keeps the record one last time.
func (h *Hub) Run(ctx context.Context) {
	saved := make(chan struct{})
	go func() {
		defer close(saved)
		h.saveLoop(ctx)
	}()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		h.Tick()
		if d, ok := h.nextWake(); ok {
			timer.Reset(d)
		} else {
			timer.Reset(time.Hour)
		}
		select {
		case <-ctx.Done():
			<-saved
			return
		case <-timer.C:
		case <-h.wake:
		}
	}
}

// nextWake is how long until the shown second changes (or the phase
// ends); false when nothing on screen changes with time.
func (h *Hub) nextWake() (time.Duration, bool) {
	s := h.Snapshot()
	if s.Stage != StageRunning || s.Start.IsZero() {
		return 0, false
	}
	rem := s.Remaining(h.cfg.Clock.Now())
	if rem <= 0 {
		return 0, true
	}
	d := rem % time.Second
	if d == 0 {
		d = time.Second
	}
	return d, true
}

// saveLoop keeps the record whenever it has changed, one write at a
// time, until ctx is done, and then once more.
func (h *Hub) saveLoop(ctx context.Context) {
	if h.cfg.Save == nil {
		<-ctx.Done()
		return
	}
	retry := time.NewTimer(time.Hour)
	defer retry.Stop()
	for {
		select {
		case <-ctx.Done():
			h.SaveNow()
			return
		case <-h.saveReq:
		case <-retry.C:
		}
		if err := h.SaveNow(); err != nil {
			retry.Reset(5 * time.Second) // a full disk may have room again
		}
	}
}

// SaveNow keeps the record if it has changed since it was last kept.
func (h *Hub) SaveNow() error {
	if h.cfg.Save == nil {
		return nil
	}
	h.mu.Lock()
	if !h.dirty || h.stage == StageLobby {
		err := h.saveErr
		h.mu.Unlock()
		return err
	}
	rec := h.recordNow()
	h.dirty = false
	h.mu.Unlock()

	kept, err := h.cfg.Save(rec)

	h.mu.Lock()
	h.saveErr = err
	if err != nil {
		h.dirty = true
	} else {
		h.record.ID = kept.ID
	}
	h.mu.Unlock()
	if err != nil {
		h.notify(nil) // the console says so
	}
	return err
}

// SaveErr is why the record could not be kept, the last time it was
// tried; nil when it was.
func (h *Hub) SaveErr() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.saveErr
}

// recordNow is the class record as it stands: the room's counts, and the
// sessions of the families who said yes.
func (h *Hub) recordNow() store.Class {
	rec := h.record
	rec.Families, rec.Answers, rec.Kept = 0, nil, nil
	for _, rg := range h.cfg.Routine.Regions {
		ra := store.RegionAnswers{Region: rg.ID, Name: rg.Name, Counts: map[routines.Cue]int{}}
		for _, f := range h.families {
			if c, ok := f.lastIn(rg.ID); ok {
				ra.Counts[c]++
			}
		}
		if len(ra.Counts) > 0 {
			rec.Answers = append(rec.Answers, ra)
		}
	}
	for _, f := range h.families {
		if len(f.log) == 0 {
			continue
		}
		rec.Families++
		if f.keep {
			rec.Kept = append(rec.Kept, store.KeptSession{BabyName: f.name, Events: slices.Clone(f.log)})
		}
	}
	return rec
}
