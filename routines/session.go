package routines

import (
	"slices"
	"time"
)

// Clock tells the time. The UI passes the wall clock; tests pass a fake
// one they move by hand, so no test ever sleeps.
type Clock interface{ Now() time.Time }

// WallClock is the real clock.
type WallClock struct{}

// Now returns time.Now().
func (WallClock) Now() time.Time { return time.Now() }

// Phase is what the session is doing now.
type Phase int

const (
	PhaseRunning  Phase = iota // a timed step counts down
	PhaseWaiting               // a step waits for the parent (asking permission, or time up with auto-advance off)
	PhaseCheckIn               // "how is your baby?" is on screen
	PhaseHolding               // resting hands after an answer
	PhaseOffering              // after a hold: go on, skip the region, or end; nobody choosing ends it
	PhaseEnded
)

// SessionOptions shape a session.
type SessionOptions struct {
	// LeftOut are region ids the readiness check left out. With Resume,
	// those left out before stay left out, and these are added.
	LeftOut []string
	// Manual turns auto-advance off: a step whose time is up waits for next.
	Manual bool
	// CheckInWait is how long a check-in waits for an answer before it is
	// recorded as unanswered and the routine goes on. Default CheckInWait.
	CheckInWait time.Duration
	// OfferWait is how long the choice after fussing's still hands waits
	// before OfferDefault is taken. Default OfferWait.
	OfferWait time.Duration
	// Resume holds the saved events of an interrupted session: the new
	// session picks it up at the step after the last one done or skipped,
	// with the same regions left out and the same pace.
	Resume []Event
	// NoOil is true when the parent uses no oil: no step asks to wipe the
	// hands before the face or to oil them again after it. With Resume,
	// it counts only when Checked: else the answer given before stands.
	NoOil bool
	// Checked is true when the readiness questions were asked again for
	// a resume (a long break): NoOil is the new answer.
	Checked bool
	// NoHips leaves out every step that loads the hips (LoadsHips): the
	// baby wears a hip harness or brace. With Resume, the steps left out
	// before stay left out.
	NoHips bool
}

// SlowFactor stretches strokes after subtle cues: slower, lighter.
const SlowFactor = 1.5

// CheckInWait is how long a check-in waits for an answer by default: the
// parent's hands are busy, so the routine goes on by itself.
const CheckInWait = 30 * time.Second

type planned struct {
	region int // index into Session.regions
	step   Step
}

// target is where the session goes once a check-in, hold or offer is over.
type target struct {
	pos    int
	left   time.Duration // >0: continue the step with this much time left
	length time.Duration // ... out of this length (its length when interrupted)
	early  time.Duration // ... of which this was not run (see Session.early)
	slow   bool          // ... at this pace
}

// Session walks a routine: the state machine at the heart of cradle. Every
// method that changes state returns the events it caused, in order; the
// caller saves them.
type Session struct {
	// resumeAt is where an interrupted session goes on once the baby has
	// said yes again; -1 when not resuming.
	resumeAt int
	// saidYes is true once the baby has said yes in this session, before
	// an interruption too: ending at the ask after that is no "not now".
	saidYes bool
	// newlyLeftOut are the regions a readiness check at a resume left
	// out that were not left out before; newlyOut the same for steps.
	newlyLeftOut []string
	newlyOut     []int

	clock   Clock
	routine *Routine
	regions []Region
	plan    []planned
	leftOut map[int]bool // regions left out, by index into regions
	out     map[int]bool // steps left out one by one, by plan position
	opts    SessionOptions

	// setup is where the baby lies and how the hands are; prep, when set,
	// is a getting-ready step shown before plan[pos] (turning the baby,
	// wiping the hands), which the plan itself does not hold.
	setup setup
	prep  *Step

	started bool
	pos     int
	phase   Phase
	length  time.Duration // of the current timed phase
	// early is how much of length a step picked up at a new pace counts
	// as gone that it did not run: its first part, stretched (or shrunk)
	// to the new tempo, so the pace guide goes on from the same place.
	early    time.Duration
	deadline time.Time
	paused   bool
	left     time.Duration // time left when paused
	timeUp   bool          // Waiting because time ran out (auto-advance off)

	after     target
	offerNext bool // a hold that ends in an offer
	// trial counts the steps of massage still to go after "go on" at the
	// offer before cradle asks again (GoOnSteps), a repeated stroke cut to
	// one repetition; 0: none pending.
	trial    int
	slow     bool
	manualCI bool
	ciStep   bool // the check-in is about the step on screen, not the whole region
	ciRegion int
	cue      Cue
	resp     Response
	reason   EndReason
}

// NewSession prepares a session; call Start to begin.
func NewSession(r *Routine, clock Clock, opts SessionOptions) *Session {
	if opts.CheckInWait <= 0 {
		opts.CheckInWait = CheckInWait
	}
	if opts.OfferWait <= 0 {
		opts.OfferWait = OfferWait
	}
	if opts.Resume != nil && !opts.Checked {
		// Picked up without a check: the oil answered before still holds.
		for _, ev := range opts.Resume {
			if (ev.Kind == EvStart || ev.Kind == EvReopen) && ev.Oil != "" {
				opts.NoOil = ev.Oil == OilNone
			}
		}
	}
	s := &Session{clock: &steadyClock{clock: clock}, routine: r, opts: opts, leftOut: map[int]bool{}, out: map[int]bool{}, resumeAt: -1}
	s.setup = startSetup(r, opts.NoOil)
	s.regions, s.plan = expand(r)
	// A resumed session keeps what was left out before (at its start, and
	// at each time it was picked up again); a readiness check at the
	// resume may leave out more, recorded on its reopen event.
	var before []string
	for _, ev := range opts.Resume {
		if ev.Kind == EvStart || ev.Kind == EvReopen {
			before = append(before, ev.LeftOut...)
			for _, i := range ev.StepsOut {
				if i >= 0 && i < len(s.plan) {
					s.out[i] = true
				}
			}
		}
	}
	if opts.NoHips {
		for i, p := range s.plan {
			if rg := s.regions[p.region]; !rg.Opening && LoadsHips(rg, p.step) && !s.out[i] {
				s.out[i] = true
				if opts.Resume != nil {
					s.newlyOut = append(s.newlyOut, i)
				}
			}
		}
	}
	for _, id := range opts.LeftOut {
		if opts.Resume != nil && !slices.Contains(before, id) {
			s.newlyLeftOut = append(s.newlyLeftOut, id)
		}
	}
	for i, rg := range s.regions {
		for _, id := range append(before, opts.LeftOut...) {
			if rg.ID == id && !rg.Opening {
				s.leftOut[i] = true
			}
		}
	}
	// A region whose every step is left out is left out whole, as the
	// readiness check says ("Knees to tummy: left out while ...").
	for i, rg := range s.regions {
		all, any := true, false
		for j, p := range s.plan {
			if p.region == i && p.step.Counts() {
				any, all = true, all && s.out[j]
			}
		}
		if any && all && !rg.Opening && !s.leftOut[i] {
			s.leftOut[i] = true
			if opts.Resume != nil {
				s.newlyLeftOut = append(s.newlyLeftOut, rg.ID)
			}
		}
	}
	for j, p := range s.plan {
		if s.out[j] && s.leftOut[p.region] {
			delete(s.out, j)
			s.newlyOut = slices.DeleteFunc(s.newlyOut, func(k int) bool { return k == j })
		}
	}
	return s
}

// skip reports whether plan position pos is left out: its region, or the
// step itself.
func (s *Session) skip(pos int) bool { return s.leftOut[s.plan[pos].region] || s.out[pos] }

// outOf lists the plan positions of steps left out one by one, in order.
func (s *Session) outOf() []int {
	var out []int
	for i := range s.plan {
		if s.out[i] {
			out = append(out, i)
		}
	}
	return out
}

// expand lays a routine out as a session walks it: the opening ritual
// first (unless the routine has none), then every step in order, a
// two-sided step as its left side and then its right.
func expand(r *Routine) ([]Region, []planned) {
	var regions []Region
	var plan []planned
	if !r.NoOpening {
		regions = append(regions, Opening())
	}
	regions = append(regions, r.Regions...)
	for i, rg := range regions {
		for _, st := range rg.Steps {
			if st.Side == SideBoth {
				l, rt := st, st
				l.Side, rt.Side = SideLeft, SideRight
				if st.ID != "" {
					l.ID, rt.ID = st.ID+"-left", st.ID+"-right"
				}
				l.CheckIn = false // ask after both sides, not between them
				plan = append(plan, planned{i, l}, planned{i, rt})
				continue
			}
			plan = append(plan, planned{i, st})
		}
	}
	return regions, plan
}

// Routine returns the routine being walked.
func (s *Session) Routine() *Routine { return s.routine }

// Len is the number of steps in the plan, the opening included.
func (s *Session) Len() int { return len(s.plan) }

// Start begins the session (or picks an interrupted one up again).
func (s *Session) Start() []Event {
	if s.started {
		return nil
	}
	s.started = true
	now := s.clock.Now()
	if s.opts.Resume != nil {
		pos := s.resumePos()
		s.pos = pos // the reopen event names the step picked up again
		ev := s.event(EvReopen, now)
		ev.LeftOut, ev.StepsOut = s.newlyLeftOut, s.newlyOut
		if s.opts.Checked {
			ev.Oil = oilUse(s.opts.NoOil)
		}
		// Time has passed, maybe hours: ask the baby again before going on.
		if ask := s.askIndex(); ask >= 0 && pos < len(s.plan) {
			s.resumeAt = pos
			return append([]Event{ev}, s.enter(ask, now, 0)...)
		}
		return append([]Event{ev}, s.enter(pos, now, 0)...)
	}
	ev := Event{Kind: EvStart, At: now, Plan: PlanOf(s.routine), StepsOut: s.outOf(), Oil: oilUse(s.opts.NoOil)}
	for i, rg := range s.regions {
		if s.leftOut[i] {
			ev.LeftOut = append(ev.LeftOut, rg.ID)
		}
	}
	ev.Plan = withoutSteps(ev.Plan, s.out)
	return append([]Event{ev}, s.enter(0, now, 0)...)
}

// Tick moves the session on when time is up. The UI calls it on every
// timer tick; a late tick changes nothing but when the screen catches up,
// because each step starts at the previous one's deadline, not at "now".
func (s *Session) Tick() []Event {
	if !s.started {
		return nil
	}
	return s.tickAt(s.clock.Now())
}

// Frozen is told that cradle could not run from since until now: the
// process was stopped (a suspended job, a debugger) or starved, so
// nothing on screen moved and no one saw the steps a tick now would run
// through. The session is paused where it stood at since, as if the
// parent had paused it then: steps nobody saw are not recorded as done.
func (s *Session) Frozen(since time.Time) []Event {
	if !s.started {
		return nil
	}
	if now := s.clock.Now(); now.Before(since) {
		since = now
	}
	evs := s.tickAt(since)
	if s.paused || !s.hasDeadline() {
		return evs
	}
	s.paused, s.left = true, max(s.deadline.Sub(since), 0)
	return append(evs, s.event(EvPause, since))
}

// tickAt moves the session on through every deadline up to now.
func (s *Session) tickAt(now time.Time) []Event {
	var evs []Event
	for !s.paused && s.phase != PhaseEnded && s.hasDeadline() && !now.Before(s.deadline) {
		at := s.deadline
		switch s.phase {
		case PhaseRunning:
			evs = append(evs, s.stepEvent(s.doneKind(), at, s.length-s.early))
			if s.opts.Manual {
				s.phase, s.timeUp = PhaseWaiting, true
				return evs
			}
			evs = append(evs, s.moveOn(at)...)
		case PhaseHolding:
			evs = append(evs, s.endHold(at)...)
		case PhaseCheckIn:
			evs = append(evs, s.answer(CueUnanswered, at)...)
		case PhaseOffering:
			evs = append(evs, s.choose(OfferDefault, at, true)...)
		}
	}
	return evs
}

func (s *Session) hasDeadline() bool {
	return s.phase == PhaseRunning || s.phase == PhaseHolding || s.phase == PhaseCheckIn || s.phase == PhaseOffering
}

// TogglePause pauses a running step, hold or check-in, or resumes it.
func (s *Session) TogglePause() []Event {
	if s.paused {
		return s.Resume()
	}
	return s.Pause()
}

// Pause stops the clock of the current step, hold or check-in. A deadline
// that passed before the tick that would have seen it is dealt with first,
// so the pause holds what is on now and nothing drifts.
func (s *Session) Pause() []Event {
	evs := s.Tick()
	if !s.started || s.paused || !s.hasDeadline() {
		return evs
	}
	now := s.clock.Now()
	s.paused, s.left = true, max(s.deadline.Sub(now), 0)
	return append(evs, s.event(EvPause, now))
}

// Resume restarts the clock where it stopped.
func (s *Session) Resume() []Event {
	if !s.paused {
		return nil
	}
	now := s.clock.Now()
	s.paused, s.deadline = false, now.Add(s.left)
	return []Event{s.event(EvResume, now)}
}

// Quit records that cradle was quit (ctrl+c) or stopped (by a signal,
// named in by) in the middle of the session, and stops its clock there:
// the session stays unfinished, to be picked up again. A deadline that
// passed before the tick that would have seen it is dealt with first.
func (s *Session) Quit(by string) []Event {
	evs := s.Tick()
	if !s.started || s.phase == PhaseEnded {
		return evs
	}
	now := s.clock.Now()
	ev := s.event(EvQuit, now)
	ev.By, ev.Elapsed = by, s.ran(now)
	if s.hasDeadline() && !s.paused {
		s.paused, s.left = true, max(s.deadline.Sub(now), 0)
	}
	return append(evs, ev)
}

// Extend gives the timed phase on screen (a step, a hold, a check-in's or
// an offer's wait) d more time, paused or not, as an instructor gives a
// room a moment longer. The step's length grows with it, so a stroke done
// later says how long it really ran. A deadline that passed before the
// tick that would have seen it is dealt with first (its events are
// returned), so the time goes to what is on now. ok is false when nothing
// counts down, or when what is left would pass MaxLeft (safety.go).
func (s *Session) Extend(d time.Duration) (evs []Event, ok bool) {
	evs = s.Tick()
	if !s.started || d <= 0 || !s.hasDeadline() {
		return evs, false
	}
	if s.remaining(s.clock.Now())+d > MaxLeft {
		return evs, false
	}
	s.length += d
	if s.paused {
		s.left += d
	} else {
		s.deadline = s.deadline.Add(d)
	}
	return evs, true
}

// Next moves on: skips the rest of a step, says "yes" to a permission
// step, ends a hold early, or chooses "go on" when offered.
func (s *Session) Next() []Event {
	if !s.started {
		return nil
	}
	now := s.clock.Now()
	switch s.phase {
	case PhaseRunning:
		kind := EvStepSkipped
		if s.step().Kind == StepPrepare {
			kind = EvReady // ready early: getting ready is never skipped
		}
		ev := s.stepEvent(kind, now, s.length-s.early-s.remaining(now))
		if !s.paused && !now.Before(s.deadline) {
			// its time ran out before the tick came: the step was done
			ev = s.stepEvent(s.doneKind(), s.deadline, s.length-s.early)
		}
		return append([]Event{ev}, s.moveOn(now)...)
	case PhaseWaiting:
		var evs []Event
		if !s.timeUp {
			evs = append(evs, s.stepEvent(EvStepDone, now, 0))
		}
		return append(evs, s.moveOn(now)...)
	case PhaseHolding:
		return s.endHold(now)
	case PhaseCheckIn:
		return s.answer(CueUnanswered, now)
	case PhaseOffering:
		return s.choose(ActionGoOn, now, false)
	}
	return nil
}

// Back restarts the previous step (or this one, at the very start).
func (s *Session) Back() []Event {
	if !s.started || s.phase != PhaseRunning && s.phase != PhaseWaiting {
		return nil
	}
	now := s.clock.Now()
	ev := s.stepEvent(EvBack, now, s.ran(now))
	// Back never leaves the body for the opening ritual: the baby has said
	// yes already.
	inOpening := s.regions[s.plan[s.pos].region].Opening
	prev := s.pos - 1
	for prev >= 0 && (s.skip(prev) || !inOpening && s.regions[s.plan[prev].region].Opening) {
		prev--
	}
	if prev < 0 {
		prev = s.pos
	}
	return append([]Event{ev}, s.enter(prev, now, 0)...)
}

// SkipRegion leaves the rest of the current region (or, during a hold or
// an offer, the region that comes next) and goes on without a check-in.
func (s *Session) SkipRegion() []Event {
	if !s.started {
		return nil
	}
	switch s.phase {
	case PhaseRunning, PhaseWaiting:
		return s.skipFrom(s.pos, s.clock.Now())
	case PhaseHolding, PhaseOffering:
		if s.offerNext {
			return s.choose(ActionSkipRegion, s.clock.Now(), false)
		}
		return s.skipFrom(s.after.pos, s.clock.Now())
	}
	return nil
}

// skipFrom skips the rest of the region of plan position pos. Its event
// says how long the step cut short by it had run, if it was a step of
// massage of that region.
func (s *Session) skipFrom(pos int, at time.Time) []Event {
	if pos >= len(s.plan) {
		return s.finish(at)
	}
	rg := s.plan[pos].region
	ev := Event{Kind: EvRegionSkipped, At: at, Region: s.regions[rg].ID, Index: pos}
	if s.pos < len(s.plan) && s.plan[s.pos].region == rg {
		ev.Elapsed = s.ran(at)
	}
	if s.regions[rg].Opening {
		// Skipping the ritual still asks the baby, unless that is the step
		// being skipped.
		if ask := s.askIndex(); ask > pos {
			return append([]Event{ev}, s.enter(ask, at, 0)...)
		}
		if s.resumeAt >= 0 {
			return append([]Event{ev}, s.enter(s.takeResume(), at, 0)...)
		}
	}
	next := pos
	for next < len(s.plan) && s.plan[next].region == rg {
		next++
	}
	return append([]Event{ev}, s.enter(next, at, 0)...)
}

// AskNow opens a check-in in the middle of a step; after the answer the
// step goes on with the time it had left.
func (s *Session) AskNow() []Event {
	// A step whose time ran out before the tick came is done: ask about
	// what is on now, not again about a step that is over.
	evs := s.Tick()
	if !s.started || s.phase != PhaseRunning && s.phase != PhaseWaiting {
		return evs
	}
	evs = append(evs, s.Resume()...) // a check-in is never paused at its start
	now := s.clock.Now()
	left := s.remaining(now)
	if s.phase == PhaseWaiting {
		left = 0
	}
	t := target{pos: s.pos, left: left, length: s.length, early: s.early, slow: s.slow}
	if s.phase == PhaseWaiting && s.timeUp && s.prep == nil {
		t = target{pos: s.pos + 1} // this step is done already
	}
	// Getting ready is not a stroke: the answer is about the region, and
	// afterwards the session sees again what is still to get ready.
	preparing := s.step().Kind == StepPrepare
	if s.prep != nil {
		t = target{pos: s.pos}
	}
	s.openCheckIn(now, t, s.plan[s.pos].region, true, !preparing)
	return evs
}

// Answer records the parent's answer to a check-in and acts on it.
func (s *Session) Answer(c Cue) []Event {
	if s.phase != PhaseCheckIn || !c.Valid() {
		return nil
	}
	evs := s.Resume() // answering ends a pause
	return append(evs, s.answer(c, s.clock.Now())...)
}

// End stops the session. An empty reason means the parent chose to end:
// at the ask, before the baby has said yes, that is the baby's "not now";
// after fussing's still hands it is the gentle end offered there.
func (s *Session) End(reason EndReason) []Event {
	if s.phase == PhaseEnded {
		return nil
	}
	if reason == "" {
		if s.offerNext && (s.phase == PhaseOffering || s.phase == PhaseHolding) {
			return s.choose(ActionEnd, s.clock.Now(), false)
		}
		reason = EndEarly
		if s.pos < len(s.plan) && s.plan[s.pos].step.Kind == StepPermission && !s.saidYes {
			reason = EndNotNow // the baby has not said yes: no massage was done
		}
	}
	return s.end(s.clock.Now(), reason)
}

// choose acts on the choice after fussing's still hands: go on (slower
// and lighter), skip the region that comes next, or end. waited is true
// when nobody chose and the wait ran out.
func (s *Session) choose(a Action, at time.Time, waited bool) []Event {
	ev := s.event(EvChose, at)
	ev.Region, ev.Choice, ev.Waited = s.regions[s.ciRegion].ID, a, waited
	evs := []Event{ev}
	switch a {
	case ActionGoOn:
		// Going on after fussing: slower (and lighter, unless the touch
		// is moderate), for GoOnSteps steps, then cradle asks again; a
		// repeated stroke for one repetition (enter).
		s.slow, s.trial = true, GoOnSteps
		return append(evs, s.enter(s.after.pos, at, s.after.left)...)
	case ActionSkipRegion:
		s.slow = true // on after fussing, in the next region: slower and lighter
		return append(evs, s.skipFrom(s.after.pos, at)...)
	}
	return append(evs, s.end(at, EndFussing)...)
}

// --- transitions ---

func (s *Session) enter(pos int, at time.Time, left time.Duration) []Event {
	for pos < len(s.plan) && s.skip(pos) {
		pos++
	}
	if pos >= len(s.plan) {
		return s.finish(at)
	}
	s.pos, s.timeUp, s.prep, s.early = pos, false, nil, 0
	st := s.plan[pos].step
	if st.Kind == StepPermission {
		s.phase, s.length, s.left = PhaseWaiting, 0, 0 // no countdown, paused or not
		return nil
	}
	rg := s.regions[s.plan[pos].region]
	if need := s.setup.needs(rg); len(need) > 0 {
		// Turn the baby or wipe the hands first; the step waits.
		s.prep = &need[0]
		st, left = need[0], 0
	} else {
		s.setup.in(rg)
	}
	s.phase, s.length = PhaseRunning, s.stepLength(st)
	if left > 0 && s.after.length > 0 && s.prep == nil {
		// Only a step a check-in interrupted comes back with time left. At
		// the pace the answer set: what is left of it goes slower (or back
		// to the usual pace), so the pace guide and the words say one tempo.
		s.length, s.early = s.after.length, s.after.early
		if was := lengthAt(st, s.after.slow); s.after.slow != s.slow && was > 0 {
			scale := float64(s.stepLength(st)) / float64(was)
			ran := s.length - left - s.early // really run
			s.length = time.Duration(float64(s.length) * scale)
			left = time.Duration(float64(left) * scale)
			s.early = s.length - left - ran
		}
	}
	if left <= 0 || left > s.length {
		left = s.length
	}
	if s.trial > 0 && s.prep == nil && s.massage(pos) && st.Reps > 1 {
		// Going on after fussing is one more stroke (GoOnSteps): of a
		// repeated stroke, its last repetition, begun afresh. The ones
		// before it count as gone without being run, as for a step
		// picked up at a new pace, so its time massaging stays true.
		each := s.length / time.Duration(st.Reps)
		if left > each {
			s.early += left - each
			left = each
		}
	}
	if s.paused {
		s.left = left
	}
	s.deadline = at.Add(left)
	return nil
}

// advance goes to the next step, through a check-in when one is due.
func (s *Session) advance(at time.Time) []Event {
	cur := s.plan[s.pos]
	if cur.step.Kind == StepPermission {
		s.saidYes = true
		s.setup.afterOpening()
	}
	if s.resumeAt >= 0 && cur.step.Kind == StepPermission {
		// Only the baby's yes picks the massage up again: going back
		// within the ritual and letting a step run out leads to the ask.
		return s.enter(s.takeResume(), at, 0)
	}
	next := s.pos + 1
	for next < len(s.plan) && s.skip(next) {
		next++
	}
	regionEnds := next >= len(s.plan) || s.plan[next].region != cur.region
	if s.trial > 0 && cur.step.Counts() && !s.regions[cur.region].Opening {
		if s.trial--; s.trial == 0 {
			s.openCheckIn(at, target{pos: next}, cur.region, false, true)
			return nil
		}
	}
	if cur.step.CheckIn || (regionEnds && s.regions[cur.region].CheckIn) {
		s.openCheckIn(at, target{pos: next}, cur.region, false, cur.step.CheckIn)
		return nil
	}
	return s.enter(next, at, 0)
}

// openCheckIn asks how the baby is. step is true when the question is
// about the step on screen (asked during it, or a step that asks after
// itself) rather than about the region just finished.
func (s *Session) openCheckIn(at time.Time, t target, region int, manual, step bool) {
	s.phase, s.after, s.ciRegion, s.manualCI, s.ciStep, s.timeUp = PhaseCheckIn, t, region, manual, step, false
	s.trial = 0 // asked again
	s.length, s.deadline = s.opts.CheckInWait, at.Add(s.opts.CheckInWait)
	if s.paused { // reached with next while paused: the check-in waits in full
		s.left = s.length
	}
}

func (s *Session) answer(c Cue, at time.Time) []Event {
	ev := Event{Kind: EvCheckIn, At: at, Region: s.regions[s.ciRegion].ID, Index: s.pos, Cue: c, Manual: s.manualCI}
	if s.ciStep && s.pos < len(s.plan) {
		ev.Step = s.plan[s.pos].step.Title() // what the answer is about, for the insights
	}
	evs := []Event{ev}
	s.cue, s.resp = c, s.routine.Response(c)
	if s.resp.Goto != "" {
		if p := s.PlanIndex(s.resp.Goto); p >= 0 {
			s.after = target{pos: p}
		}
	}
	switch s.resp.Action {
	case ActionSlowDown:
		s.slow = true
		if s.resp.Hold > 0 {
			return append(evs, s.hold(at, false)...)
		}
	case ActionHoldOffer:
		// Slower and lighter only once the parent chooses to go on: the
		// time left does not grow while the hands rest.
		return append(evs, s.hold(at, true)...)
	case ActionSkipRegion:
		return append(evs, s.skipFrom(s.after.pos, at)...)
	case ActionEnd:
		return append(evs, s.end(at, c.EndReason())...)
	default:
		if c == CueRelaxed || c == CueContent {
			s.slow = false // the baby is happy again: back to the normal pace
		}
	}
	return append(evs, s.enter(s.after.pos, at, s.after.left)...)
}

func (s *Session) hold(at time.Time, offer bool) []Event {
	s.phase, s.offerNext = PhaseHolding, offer
	s.length, s.deadline = s.resp.Hold, at.Add(s.resp.Hold)
	if s.paused { // reached with next from a paused check-in: the hold waits in full
		s.left = s.length
	}
	if s.length <= 0 {
		return s.endHold(at)
	}
	return []Event{{Kind: EvHold, At: at, Region: s.regions[s.ciRegion].ID, Index: s.pos, Hold: s.length}}
}

func (s *Session) endHold(at time.Time) []Event {
	if s.offerNext {
		s.phase, s.length, s.deadline = PhaseOffering, s.opts.OfferWait, at.Add(s.opts.OfferWait)
		if s.paused { // reached with next while paused: the offer waits in full
			s.left = s.length
		}
		return nil
	}
	return s.enter(s.after.pos, at, s.after.left)
}

func (s *Session) finish(at time.Time) []Event {
	s.pos = len(s.plan)
	return s.end(at, EndFinished)
}

func (s *Session) end(at time.Time, reason EndReason) []Event {
	ev := s.event(EvEnd, at) // names the region and step it ended in
	ev.Reason, ev.Elapsed = reason, s.ran(at)
	s.phase, s.reason, s.paused = PhaseEnded, reason, false
	return []Event{ev}
}

// moveOn goes on from the step on screen, done or gone on from: after a
// getting-ready step the session did not plan, to the step it was for.
func (s *Session) moveOn(at time.Time) []Event {
	if s.prep != nil {
		s.setup.did(*s.prep)
		s.prep = nil
		return s.enter(s.pos, at, 0)
	}
	if st := s.plan[s.pos].step; st.Kind == StepPrepare {
		s.setup.did(st)
	}
	return s.advance(at)
}

// --- helpers ---

// step is the step on screen: a getting-ready step, or the plan's.
func (s *Session) step() Step {
	if s.prep != nil {
		return *s.prep
	}
	return s.plan[s.pos].step
}

// doneKind is what the step on screen is when its time is up: getting
// ready is not a step of massage done.
func (s *Session) doneKind() EventKind {
	if s.step().Kind == StepPrepare {
		return EvReady
	}
	return EvStepDone
}

func (s *Session) stepLength(st Step) time.Duration { return lengthAt(st, s.slow) }

// lengthAt is a step's length at the usual pace, or slower.
func lengthAt(st Step, slow bool) time.Duration {
	d := st.Length()
	if slow && Slowed(st) {
		d = time.Duration(float64(d) * SlowFactor).Round(time.Second)
	}
	return d
}

func (s *Session) remaining(now time.Time) time.Duration {
	if s.paused {
		return s.left
	}
	if !s.hasDeadline() {
		return 0
	}
	return max(s.deadline.Sub(now), 0)
}

// ran is how long the step of massage on screen has run (or, during a
// check-in asked in the middle of one, had run), pauses left out: 0 for
// the opening ritual, getting ready and anything not a step of massage.
// It is what the time spent massaging counts of a step cut short.
func (s *Session) ran(at time.Time) time.Duration {
	if s.prep != nil || !s.massage(s.pos) {
		return 0
	}
	switch s.phase {
	case PhaseRunning:
		return max(s.length-s.early-s.remaining(at), 0)
	case PhaseCheckIn, PhaseHolding, PhaseOffering:
		if s.after.left > 0 && s.after.pos == s.pos {
			return max(s.after.length-s.after.early-s.after.left, 0)
		}
	}
	return 0
}

func (s *Session) event(k EventKind, at time.Time) Event {
	ev := Event{Kind: k, At: at, Index: s.pos}
	if s.pos < len(s.plan) {
		ev.Region, ev.Step = s.regions[s.plan[s.pos].region].ID, s.step().Title()
	}
	return ev
}

func (s *Session) stepEvent(k EventKind, at time.Time, elapsed time.Duration) Event {
	ev := s.event(k, at)
	ev.Elapsed = max(elapsed, 0)
	return ev
}

// PlanIndex returns the plan position of the step with this id (for a
// two-sided step, its left side), or -1. The routine's own steps come
// before the opening ritual's, so a routine step called "ask" or "breathe"
// is found rather than the opening step of that name.
func (s *Session) PlanIndex(id string) int {
	for _, opening := range []bool{false, true} {
		for i, p := range s.plan {
			if s.regions[p.region].Opening == opening && (p.step.ID == id || p.step.ID == id+"-left") {
				return i
			}
		}
	}
	return -1
}

// askIndex is the plan position of the opening's permission step, or -1.
func (s *Session) askIndex() int {
	for i, p := range s.plan {
		if s.regions[p.region].Opening && p.step.Kind == StepPermission {
			return i
		}
	}
	return -1
}

func (s *Session) takeResume() int {
	pos := s.resumeAt
	s.resumeAt = -1
	return pos
}

// SetManual turns auto-advance off (true) or on. Turning it on moves past
// a step whose time is already up.
func (s *Session) SetManual(manual bool) []Event {
	s.opts.Manual = manual
	if !manual && s.phase == PhaseWaiting && s.timeUp {
		return s.moveOn(s.clock.Now())
	}
	return nil
}

// Manual reports whether auto-advance is off.
func (s *Session) Manual() bool { return s.opts.Manual }

// resumePos is where an interrupted session goes on: never inside the
// opening ritual, and never in a region left out.
func (s *Session) resumePos() int {
	pos := s.resumeIndex(s.opts.Resume)
	for pos < len(s.plan) && (s.regions[s.plan[pos].region].Opening || s.skip(pos)) {
		pos++
	}
	return pos
}

// resumeIndex finds where to pick an interrupted session up from its saved
// events: the step after the last one done or skipped, after any region
// skipped. It also brings back the slower pace of an earlier subtle cue.
func (s *Session) resumeIndex(events []Event) int {
	pos := 0
	offered := false // fussing's hold and offer, the choice not yet seen
	for _, ev := range events {
		if ev.Kind == EvStepDone || ev.Kind == EvStepSkipped || ev.Kind == EvRegionSkipped || ev.Kind == EvReady {
			if ev.Index >= 0 && ev.Index < len(s.plan) && s.plan[ev.Index].step.Kind == StepPermission && ev.Kind == EvStepDone ||
				ev.Region != "" && ev.Region != OpeningID {
				s.saidYes = true
			}
			if offered && ev.Region != OpeningID {
				s.slow = true // the parent went on after the offer: slower, as live
			}
			offered = false
		}
		switch ev.Kind {
		case EvStepDone, EvStepSkipped:
			if ev.Index >= 0 && ev.Index < len(s.plan) && s.regions[s.plan[ev.Index].region].Opening {
				pos = max(pos, ev.Index+1) // a fresh yes after a reopen does not go back
			} else {
				pos = ev.Index + 1
			}
		case EvReopen:
			pos = ev.Index
		case EvBack:
			pos = ev.Index - 1
			for pos > 0 && pos < len(s.plan) && s.skip(pos) {
				pos--
			}
		case EvRegionSkipped:
			pos = max(ev.Index, 0)
			for pos < len(s.plan) && s.regions[s.plan[pos].region].ID == ev.Region {
				pos++
			}
		case EvChose:
			if ev.Choice == ActionGoOn || ev.Choice == ActionSkipRegion {
				s.slow = true // on after fussing, as live
			}
			offered = false
		case EvCheckIn:
			switch s.routine.Response(ev.Cue).Action {
			case ActionSlowDown:
				s.slow = true
			case ActionHoldOffer:
				offered = true
			case ActionGoOn:
				if ev.Cue == CueRelaxed || ev.Cue == CueContent {
					s.slow = false
				}
			}
		}
	}
	return min(max(pos, 0), len(s.plan))
}

// State is a snapshot of the session for the screen.
type State struct {
	Phase  Phase
	Paused bool
	// Step is the current step (during a check-in after a region: the step
	// just finished); it may be a getting-ready step the plan does not
	// hold, shown before the plan's step at Index. Index counts from 0 over
	// the whole plan.
	Step  Step
	Index int
	Steps int
	// Position is how the baby lies, as far as the session knows from the
	// steps done (PositionAny: not known).
	Position Position
	// Region is the current region; RegionNum counts body regions from 1
	// (0 during the opening ritual) out of Regions. Regions left out by the
	// readiness check are not counted.
	Region        Region
	RegionNum     int
	Regions       int
	StepInRegion  int // from 1; 0 while getting ready for the first
	StepsInRegion int // steps of massage in this region (sides counted apart)
	// Remaining and Length are for the current timed phase: a step, a hold,
	// a check-in's or an offer's wait.
	Remaining time.Duration
	Length    time.Duration
	// Each is one repetition of the stroke on screen at the pace it goes
	// now (0 for a step that is not repeated): the one tempo the words and
	// the pace guide both show.
	Each time.Duration
	// Left is the massage still to do at the current pace (Session.massageLeft):
	// the one time left every screen shows.
	Left time.Duration
	// SlowBy is how much longer the rest takes slower than at the usual
	// pace (while Slow); GoOnSlowBy, at the choice after fussing, how much
	// longer it takes if the parent goes on, slower.
	SlowBy     time.Duration
	GoOnSlowBy time.Duration
	// Next is the step that comes after this one (nil at the end);
	// NextRegion is set when it opens a new region.
	Next       *Step
	NextRegion *Region
	Slow       bool // slower and lighter since a subtle cue
	TimeUp     bool // auto-advance off and the step's time has run out
	// Manual is true for a check-in the parent asked for.
	Manual bool
	// CheckInRegion is the region a check-in is about; CheckInStep the
	// title of the step it is about ("" when it is about the region).
	CheckInRegion Region
	CheckInStep   string
	Cue           Cue      // the last answer
	Response      Response // what it does
	Reason        EndReason
	// Resume is where a session picked up again goes on once the baby
	// has said yes again; nil otherwise.
	Resume *Place
}

// Place is a step of the plan, where a session stands or will go on.
type Place struct {
	Region        Region
	Step          Step
	StepInRegion  int // from 1, steps of massage only
	StepsInRegion int
	// Left is what remains of the routine from the start of this step.
	Left time.Duration
}

// CheckInPlace says where the check-in on screen is asked, as
// CheckInPlace does for a saved one.
func (st State) CheckInPlace() string {
	return CheckInPlace(st.Manual, st.CheckInStep, st.CheckInRegion.Name)
}

// State returns what the screen shows now.
func (s *Session) State() State {
	now := s.clock.Now()
	st := State{Phase: s.phase, Paused: s.paused, Steps: len(s.plan), Slow: s.slow, TimeUp: s.timeUp,
		Manual: s.manualCI, Cue: s.cue, Response: s.resp, Reason: s.reason,
		Length: s.length, Remaining: s.remaining(now), Index: s.pos}
	for i, rg := range s.regions {
		if !rg.Opening && !s.leftOut[i] {
			st.Regions++
		}
	}
	between := s.phase == PhaseCheckIn || s.phase == PhaseHolding || s.phase == PhaseOffering
	if between {
		st.CheckInRegion = s.regions[s.ciRegion]
		if s.ciStep && s.pos < len(s.plan) {
			st.CheckInStep = s.plan[s.pos].step.Title()
		}
	}
	if s.resumeAt >= 0 && s.resumeAt < len(s.plan) {
		p := s.place(s.resumeAt)
		st.Resume = &p
	}
	if s.pos >= len(s.plan) {
		return st
	}
	cur := s.plan[s.pos]
	st.Step, st.Region, st.Position = s.step(), s.regions[cur.region], s.setup.position
	for i := 0; i <= cur.region; i++ {
		if !s.regions[i].Opening && !s.leftOut[i] {
			st.RegionNum++
		}
	}
	st.StepInRegion, st.StepsInRegion = s.stepIn(s.pos)
	if reps := st.Step.Reps; reps > 0 {
		st.Each = s.stepLength(st.Step) / time.Duration(reps)
		if s.phase == PhaseRunning {
			st.Each = s.length / time.Duration(reps)
		}
	}
	if s.prep != nil || cur.step.Kind == StepPrepare {
		st.StepInRegion-- // getting ready for it: not there yet
	}
	// What comes next, and what is left of the routine at this pace.
	// Getting ready takes what time it takes: it is not counted in what is
	// left, but it is shown as what comes next.
	su := s.setup
	from := s.pos + 1
	if s.prep != nil {
		su.did(*s.prep)
		from = s.pos // the step it gets ready for is still to come
	}
	if cur.step.Kind == StepPermission {
		su.afterOpening()
		if s.resumeAt >= 0 {
			from = s.resumeAt // after the yes, the session picked up goes on
		}
	}
	if between {
		from = s.after.pos
		if s.after.left > 0 && from < len(s.plan) {
			n := s.plan[from].step
			st.Next, from = &n, from+1
		}
	}
	for i := from; i < len(s.plan) && st.Next == nil; i++ {
		q := s.plan[i]
		if s.skip(i) {
			continue
		}
		n := q.step
		if need := su.needs(s.regions[q.region]); len(need) > 0 {
			n = need[0]
		}
		st.Next = &n
		if rg := s.regions[q.region]; q.region != cur.region {
			st.NextRegion = &rg
		}
	}
	st.Left = s.massageLeft(s.slow, now)
	if s.slow {
		st.SlowBy = s.massageLeft(true, now) - s.massageLeft(false, now)
	}
	if s.phase == PhaseOffering && !s.slow {
		slow, usual := s.goOnCut()
		st.GoOnSlowBy = s.massageLeft(true, now) - slow - (st.Left - usual)
	}
	return st
}

// goOnCut is how much of the step that going on after fussing comes to
// is left out, at the slower pace and at the usual one: a repeated stroke
// goes on for one repetition (enter). What going on adds is then what the
// slower pace adds to what is left after it, the figure the screen says
// once the parent has gone on (State.SlowBy).
func (s *Session) goOnCut() (slow, usual time.Duration) {
	pos := s.after.pos
	for pos < len(s.plan) && s.skip(pos) {
		pos++
	}
	if !s.massage(pos) || s.plan[pos].step.Reps < 2 {
		return 0, 0
	}
	st := s.plan[pos].step
	length, left := lengthAt(st, true), lengthAt(st, true)
	if s.after.left > 0 && s.after.length > 0 && len(s.setup.needs(s.regions[s.plan[pos].region])) == 0 {
		// The step a check-in cut short, at the slower pace (enter).
		scale := 1.0
		if was := lengthAt(st, s.after.slow); was > 0 {
			scale = float64(length) / float64(was)
		}
		length = time.Duration(float64(s.after.length) * scale)
		left = min(time.Duration(float64(s.after.left)*scale), length)
	}
	slow = max(left-length/time.Duration(st.Reps), 0)
	if was := lengthAt(st, true); was > 0 {
		usual = time.Duration(float64(slow) * float64(lengthAt(st, false)) / float64(was))
	}
	return slow, usual
}

// massageLeft is the massage still to do, at the usual pace or slower: what is
// left of the step of massage on screen (or of the one a check-in cut
// short), then the steps to come. It is the one time left every screen
// shows: getting ready, the opening ritual, a check-in's wait, still
// hands and the choice after them are not massage, so it never grows
// while they are on, and it only ever goes down, unless the pace changes.
func (s *Session) massageLeft(slow bool, now time.Time) time.Duration {
	if s.phase == PhaseEnded || s.pos >= len(s.plan) {
		return 0
	}
	// at is what remains of a step of massage at the pace it goes at now,
	// stretched (or shrunk) to the pace asked for.
	at := func(st Step, remaining time.Duration, nowSlow bool) time.Duration {
		if was := lengthAt(st, nowSlow); nowSlow != slow && was > 0 {
			return time.Duration(float64(remaining) * float64(lengthAt(st, slow)) / float64(was))
		}
		return remaining
	}
	cur := s.plan[s.pos]
	switch s.phase {
	case PhaseCheckIn, PhaseHolding, PhaseOffering:
		if s.after.left > 0 && s.after.pos < len(s.plan) {
			d := s.rest(s.after.pos+1, slow)
			if s.massage(s.after.pos) {
				d += at(s.plan[s.after.pos].step, s.after.left, s.after.slow)
			}
			return d
		}
		return s.rest(s.after.pos, slow)
	case PhaseWaiting:
		if cur.step.Kind == StepPermission && s.resumeAt >= 0 {
			return s.rest(s.resumeAt, slow) // after the yes, the session picked up goes on
		}
		return s.rest(s.pos+1, slow)
	}
	if s.prep != nil {
		return s.rest(s.pos, slow) // getting ready for the step, still to come
	}
	d := s.rest(s.pos+1, slow)
	if s.massage(s.pos) {
		d += at(cur.step, s.remaining(now), s.slow)
	}
	return d
}

// massage reports whether plan position pos is a step of massage: not
// the opening ritual, asking the baby or getting ready.
func (s *Session) massage(pos int) bool {
	return pos >= 0 && pos < len(s.plan) && s.plan[pos].step.Counts() && !s.regions[s.plan[pos].region].Opening
}

// rest is the length of the steps of massage from position from on, at
// the usual pace or slower; getting ready and the opening ritual are not
// massage, and are not counted.
func (s *Session) rest(from int, slow bool) time.Duration {
	var d time.Duration
	for i := max(from, 0); i < len(s.plan); i++ {
		if !s.skip(i) && s.massage(i) {
			d += lengthAt(s.plan[i].step, slow)
		}
	}
	return d
}

// stepIn is a step's place among its region's steps of massage: its
// number from 1 (getting ready for it counts as it), and how many there
// are (sides counted apart).
func (s *Session) stepIn(pos int) (in, of int) {
	for i, q := range s.plan {
		if q.region == s.plan[pos].region && q.step.Kind != StepPrepare && !s.out[i] {
			of++
			if i <= pos {
				in++
			}
		}
	}
	if s.plan[pos].step.Kind == StepPrepare {
		in++ // getting ready for the step after it
	}
	return min(in, of), of
}

// place describes plan position pos, with what is left from there.
func (s *Session) place(pos int) Place {
	p := Place{Region: s.regions[s.plan[pos].region], Step: s.plan[pos].step, Left: s.rest(pos, s.slow)}
	p.StepInRegion, p.StepsInRegion = s.stepIn(pos)
	return p
}

// Fits reports whether a session cut off with these saved events can be
// picked up in r: r still has the plan it began with (its regions, and
// the places of their steps), since the events name steps by their place.
// A routine file edited since may not. A session saved before the plan
// was recorded is taken to fit.
func (r *Routine) Fits(saved []Event) bool {
	for _, ev := range saved {
		if ev.Kind != EvStart {
			continue
		}
		if len(ev.Plan) == 0 {
			return true
		}
		out := map[int]bool{}
		for _, i := range ev.StepsOut {
			out[i] = true
		}
		now := withoutSteps(PlanOf(r), out)
		return slices.EqualFunc(now, ev.Plan, func(a, b PlanRegion) bool { return a.ID == b.ID && slices.Equal(a.Steps, b.Steps) })
	}
	return true
}

// ResumePlace is where a session cut off with these saved events goes on
// if it is picked up again: the step, and what is left from its start.
// The session engine decides it the same way when it resumes.
func ResumePlace(r *Routine, saved []Event) (Place, bool) {
	s := NewSession(r, WallClock{}, SessionOptions{Resume: saved})
	pos := s.resumePos()
	if pos >= len(s.plan) {
		return Place{}, false
	}
	return s.place(pos), true
}
