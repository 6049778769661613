package class

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// FamilyStage is where a family stands in the class.
type FamilyStage int

const (
	FamilyJoining   FamilyStage = iota // code given, name given: answering the questions before the start
	FamilyFollowing                    // following the instructor, their session being kept
	FamilyWatching                     // the questions before the start said not today: they watch
	FamilyDone                         // their session has ended (with the class, or before it)
)

const (
	joining   = FamilyJoining
	following = FamilyFollowing
	watching  = FamilyWatching
	done      = FamilyDone
)

// Answer is a family's answer to "how is your baby?".
type Answer struct {
	Cue routines.Cue
	At  time.Time
	// Region is the region it is about, Step the step ("" when it is
	// about the region, at its check-in).
	Region, Step string
	Index        int
}

// family is one family in the class. Its name is only ever shown to the
// instructor.
type family struct {
	name      string
	keep      bool // the instructor may keep their answers
	joined    time.Time
	left      time.Time // when their last connection went; zero while here
	conns     int
	returning bool // joined again after dropping out: their record was there
	stage     FamilyStage
	baby      AgeCheck  // the baby's dates, and what their age means for the routine
	goAhead   time.Time // when they said the doctor or nurse had said yes, for a baby born early
	ageWatch  bool      // they chose to watch: the routine is not made for their baby's age
	verdict   routines.Verdict
	stepsOut  []int            // plan positions left out for their baby (the moves that load the hips)
	log       []routines.Event // their session, as it would be saved
	last      *Answer
	answered  int // the check-in (hub.ciSeq) they last answered
	hand      time.Time
	reason    routines.EndReason
	token     string // the take-home token, once their session has ended
	taken     bool
}

// Seat is a family's place in the class, held by their connection.
type Seat struct {
	h   *Hub
	f   *family
	sub *Sub
}

// CanJoin says, before the birth date is asked, whether a family may
// go on under name: ErrNoName when nothing is left of it, ErrNameInUse
// when a family that is here has it (in any case), ErrFull when a new
// family would be turned away. A family that dropped out holds their
// name only with their baby's birth date: Join weighs it.
func (h *Hub) CanJoin(name string) error {
	name = CleanName(name)
	if name == "" {
		return ErrNoName
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	switch f := h.named(name); {
	case f != nil && f.conns > 0:
		return ErrNameInUse
	case f == nil && len(h.families) >= h.cfg.MaxFamilies:
		return ErrFull
	}
	return nil
}

// Join seats a family whose code was right, under their baby's first
// name (cleaned by CleanName) and birth date. A family whose connection
// dropped gets their own record back by giving the same name (in any
// case) and the same birth date; another date is refused (ErrNameTaken),
// so nobody who hears a baby's name takes their session. A name in use
// by a family that is here is refused, and so is a new family when the
// class is full. Close the seat when the connection ends.
func (h *Hub) Join(name string, birth time.Time) (*Seat, error) {
	if err := h.CanJoin(name); err != nil {
		return nil, err
	}
	if birth.IsZero() {
		return nil, ErrBabyDates
	}
	name = CleanName(name)
	h.mu.Lock()
	f := h.named(name)
	switch {
	case f != nil && f.conns > 0: // joined between CanJoin and now
		h.mu.Unlock()
		return nil, ErrNameInUse
	case f != nil && !sameDay(f.baby.Birth, birth):
		h.mu.Unlock()
		return nil, ErrNameTaken
	case f != nil:
		f.conns++
		f.left, f.returning = time.Time{}, true
	case len(h.families) >= h.cfg.MaxFamilies:
		h.mu.Unlock()
		return nil, ErrFull
	default:
		f = &family{name: name, joined: h.cfg.Clock.Now(), conns: 1, baby: AgeCheck{Birth: birth}}
		h.families = append(h.families, f)
	}
	s := &Seat{h: h, f: f, sub: &Sub{C: make(chan struct{}, 1), family: f, hub: h}}
	h.subs[s.sub] = struct{}{}
	h.publish()
	lobby := h.stage == StageLobby
	h.mu.Unlock()
	h.notifyJoin(f, lobby)
	return s, nil
}

// named is the family of the baby called name, in any case; nil when
// there is none. The hub's lock is held.
func (h *Hub) named(name string) *family {
	for _, f := range h.families {
		if store.SameName(f.name, name) {
			return f
		}
	}
	return nil
}

// sameDay reports whether a and b are the same calendar day.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// Full reports whether a new family would be turned away now.
func (h *Hub) Full() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.families) >= h.cfg.MaxFamilies
}

// C receives a value when the family's screen should be drawn again.
func (s *Seat) C() <-chan struct{} { return s.sub.C }

// Returning is true for a family that joined again and got their record
// back: they are not asked again what they answered before.
func (s *Seat) Returning() bool {
	s.h.mu.Lock()
	defer s.h.mu.Unlock()
	return s.f.returning && s.f.stage != joining
}

// seat runs change on the family under the hub's lock, and tells the
// family's screen and the instructor's.
func (s *Seat) seat(change func(h *Hub, f *family) bool) bool {
	h := s.h
	h.mu.Lock()
	ok := change(h, s.f)
	if ok {
		h.dirty = true
		h.publish()
	}
	h.mu.Unlock()
	if ok {
		h.notify(s.f)
		h.poke(h.saveReq)
	}
	return ok
}

// AgeCheck is what a baby's age means for the class's routine, by the
// rules the home screen applies (routines.Known, routines.AgeFit,
// routines.Suited): the same ages, the same corrected age for a baby
// born early, the same go-ahead.
type AgeCheck struct {
	Birth, Due time.Time // Due is zero unless the baby was born before it
	// Known is what cradle knows before it asks: the age and whether the
	// baby was born early. routines.Check asks a baby born early for the
	// go-ahead first.
	Known routines.Answers
	Fit   routines.Fit
	// Suited is the built-in routine made for the baby's age, when the
	// class's routine is not; nil when none is, or when it fits.
	Suited *routines.Routine
	// Long is true when the routine suits the age but is longer than the
	// sources give for it (routines.LongFor), as the home screen marks it.
	Long bool
}

// Outside reports whether the routine is not made for the baby's age:
// the family is told so, and chooses to watch or to follow anyway.
func (c AgeCheck) Outside() bool { return c.Fit == routines.FitTooYoung || c.Fit == routines.FitTooOld }

// ErrBabyDates are dates no baby has: no birth date, a birth after now, a
// due date not after the birth.
var ErrBabyDates = errors.New("not a baby's dates")

// Baby records the baby's birth date and, for a baby born early, the due
// date (zero otherwise), as store.ParseBirth and store.ParseDue read them,
// and says what the baby's age means for the class's routine. They go
// home with the family's session.
func (s *Seat) Baby(birth, due time.Time) (AgeCheck, error) {
	var c AgeCheck
	var err error
	s.seat(func(h *Hub, f *family) bool {
		now := h.cfg.Clock.Now()
		switch {
		case f.stage != joining:
			c = f.baby
			return false
		case birth.IsZero() || birth.After(now) || !due.IsZero() && !due.After(birth):
			err = ErrBabyDates
			return false
		}
		c = AgeCheck{Birth: birth, Due: due, Known: routines.Known(birth, due, routines.EarlyNotAsked, time.Time{}, now)}
		c.Fit = routines.AgeFit(h.cfg.Routine, c.Known.Age, c.Known.AgeKnown)
		if c.Outside() {
			c.Suited = routines.Suited(builtins(), c.Known.Age, h.cfg.Routine)
		}
		c.Long = c.Fit == routines.FitSuits && c.Known.AgeKnown && routines.LongFor(h.cfg.Routine, c.Known.Age)
		f.baby = c
		return true
	})
	return c, err
}

// builtins are the built-in routines, read once: the routine a family is
// pointed to for their baby's age is one their own cradle has.
var builtins = sync.OnceValue(func() []*routines.Routine {
	lib, err := routines.Builtin()
	if err != nil {
		return nil // the built-in files are checked by their own tests
	}
	return lib
})

// Watch seats the family as watching, before the questions: the routine
// is not made for their baby's age, and they chose to watch.
func (s *Seat) Watch() bool {
	return s.seat(func(h *Hub, f *family) bool {
		if f.stage != joining {
			return false
		}
		f.stage, f.ageWatch = watching, true
		return true
	})
}

// again reports whether a watching family may answer the questions
// again: what kept them from following passes within the hour
// (routines.Verdict.Passes: a feed, a baby not calm), and the class has
// not ended.
func (f *family) again(h *Hub) bool {
	return f.stage == watching && !f.ageWatch && f.verdict.Passes() && h.stage != StageOver
}

// Ready records the answers to the questions before the start: with
// keep, the family lets the instructor keep their answers. A family
// watching for a stop that passes (a feed, a baby not calm) may answer
// again later, keeping what they said of keeping. What cradle
// knows of the baby (their age, whether born early) is the hub's, from
// Baby, whatever a carries. If the answers say the massage should wait,
// the family watches; else they follow, from now (or from the start, in
// the lobby).
func (s *Seat) Ready(a routines.Answers, keep bool) routines.Verdict {
	var v routines.Verdict
	s.seat(func(h *Hub, f *family) bool {
		again := f.again(h)
		if f.stage != joining && !again {
			v = f.verdict
			return false
		}
		if again {
			keep = f.keep // asked when they joined; not asked again
		}
		k := f.baby.Known
		a.Age, a.AgeKnown, a.BornEarly = k.Age, k.AgeKnown, k.BornEarly
		if a.BornEarly && a.GoAhead {
			f.goAhead = h.cfg.Clock.Now()
		}
		f.keep, f.verdict = keep, routines.Assess(h.cfg.Routine, a)
		f.stepsOut = nil
		if a.Harness {
			f.stepsOut = hipSteps(h.cfg.Routine)
		}
		v = f.verdict
		switch {
		case !v.Go():
			f.stage = watching
		case h.stage == StageOver:
			f.stage = watching // nothing left to follow
		default:
			f.stage = following
			if h.stage == StageRunning {
				f.begin(h, h.cfg.Clock.Now())
			}
		}
		return true
	})
	return v
}

// Answer records how the baby is: during the class's check-in, the
// answer to it (a second, different answer is kept too, as one asked
// for); at any other time, an answer about the step on screen. An answer
// that ends a massage at home (crying, asleep, or what the routine ends
// on) ends the family's session.
// false when nothing was recorded (the same answer again, or nothing to
// answer about).
func (s *Seat) Answer(c routines.Cue) bool {
	return s.seat(func(h *Hub, f *family) bool {
		if f.stage != following || h.stage != StageRunning || len(f.log) == 0 || !c.Valid() || c == routines.CueUnanswered {
			return false
		}
		now := h.cfg.Clock.Now()
		st := h.sess.State()
		ev := routines.Event{Kind: routines.EvCheckIn, At: now, Cue: c, Index: st.Index}
		switch {
		case st.Phase == routines.PhaseCheckIn && f.answered != h.ciSeq:
			ev.Region, ev.Step = st.CheckInRegion.ID, st.CheckInStep
			f.answered = h.ciSeq
		default:
			ev.Region, ev.Step, ev.Manual = st.Region.ID, st.Step.Title(), true
			if st.Phase == routines.PhaseCheckIn {
				ev.Region, ev.Step = st.CheckInRegion.ID, st.CheckInStep
			}
			if l := f.last; l != nil && l.Cue == c && l.Index == st.Index && l.Region == ev.Region {
				return false // the same answer again: a key pressed twice
			}
		}
		f.log = append(f.log, ev)
		f.last = &Answer{Cue: c, At: now, Region: ev.Region, Step: ev.Step, Index: ev.Index}
		// What an answer does is the routine's, within the safety rules:
		// one that ends a massage at home ends this family's here. The
		// class's pace is the instructor's, whatever else it asks.
		if h.cfg.Routine.Response(c).Action == routines.ActionEnd {
			f.end(h, now, c.EndReason())
		}
		return true
	})
}

// Hand raises the family's hand ("I need a moment"), or lowers it.
func (s *Seat) Hand() bool {
	return s.seat(func(h *Hub, f *family) bool {
		if f.hand.IsZero() {
			f.hand = h.cfg.Clock.Now()
		} else {
			f.hand = time.Time{}
		}
		return true
	})
}

// End ends the family's own session, before the class ends: at the ask,
// their baby's "not now"; after fussing, the gentle end offered then.
func (s *Seat) End() bool {
	return s.seat(func(h *Hub, f *family) bool {
		if f.stage != following {
			return false
		}
		now := h.cfg.Clock.Now()
		if len(f.log) == 0 { // in the lobby: nothing begun, nothing to keep
			f.stage = watching
			return true
		}
		reason := routines.EndEarly
		st := h.sess.State()
		switch {
		case f.last != nil && f.last.Cue == routines.CueFussing && f.last.Region == st.Region.ID:
			reason = routines.EndFussing
		case st.Step.Kind == routines.StepPermission && !f.saidYes():
			reason = routines.EndNotNow
		}
		f.end(h, now, reason)
		return true
	})
}

// Close gives the seat up: the family's connection has ended. A family
// that had not finished the questions is forgotten (their place is free
// again); any other keeps their record, to get it back by joining again.
func (s *Seat) Close() {
	h, f := s.h, s.f
	h.mu.Lock()
	if _, ok := h.subs[s.sub]; ok {
		delete(h.subs, s.sub)
		close(s.sub.C)
		f.conns--
		if f.conns == 0 {
			f.left = h.cfg.Clock.Now()
			f.hand = time.Time{}
			if f.stage == joining && !f.returning {
				h.families = slices.DeleteFunc(h.families, func(g *family) bool { return g == f })
			}
		}
		h.publish()
	}
	lobby := h.stage == StageLobby
	h.mu.Unlock()
	h.notifyJoin(f, lobby)
}

// notifyJoin tells the screens of a family come or gone: in the lobby
// every family's, whose screen counts the families; later only theirs
// and the instructor's.
func (h *Hub) notifyJoin(f *family, lobby bool) {
	if lobby {
		f = nil
	}
	h.notify(f)
}

// View is what the family's own screen shows of them.
type View struct {
	Name  string
	Stage FamilyStage
	// Baby is what their baby's age means for the routine; AgeWatch is
	// true when, the routine not being made for that age, they chose to
	// watch.
	Baby     AgeCheck
	AgeWatch bool
	Verdict  routines.Verdict
	// Again is true while they watch for a stop that passes (a feed, a
	// baby not calm): they may answer the questions again, and follow.
	Again bool
	// StepsOut are the plan positions of the steps left out for their
	// baby one by one (the moves that load the hips).
	StepsOut []int
	Last     *Answer // their last answer
	// Answered is true when they have answered the check-in on screen.
	Answered bool
	Hand     bool
	Reason   routines.EndReason // how their session ended
	// Token takes their session home (ssh take-TOKEN@host), once it has
	// ended; Taken once it has been fetched.
	Token string
	Taken bool
}

// View is the family's view of themselves.
func (s *Seat) View() View {
	h, f := s.h, s.f
	h.mu.Lock()
	defer h.mu.Unlock()
	v := View{Name: f.name, Stage: f.stage, Baby: f.baby, AgeWatch: f.ageWatch, Verdict: f.verdict, StepsOut: f.stepsOut, Answered: h.inCI && f.answered == h.ciSeq,
		Hand: !f.hand.IsZero(), Reason: f.reason, Token: f.token, Taken: f.taken, Again: f.again(h)}
	if f.last != nil {
		l := *f.last
		v.Last = &l
	}
	return v
}

// --- the family's session ---

// begin starts the family's session at at: the plan, and the regions the
// questions left out.
func (f *family) begin(h *Hub, at time.Time) {
	f.log = append(f.log, routines.Event{Kind: routines.EvStart, At: at, Plan: routines.PlanOf(h.cfg.Routine),
		LeftOut: slices.Clone(f.verdict.LeftOut), StepsOut: slices.Clone(f.stepsOut)})
}

// hipSteps are the plan positions of r's moves that load the hips, as
// the session engine leaves them out for a baby in a hip harness: asked
// of the engine, so the class and a session at home never differ.
func hipSteps(r *routines.Routine) []int {
	evs := routines.NewSession(r, routines.WallClock{}, routines.SessionOptions{NoHips: true}).Start()
	if len(evs) == 0 {
		return nil
	}
	return evs[0].StepsOut
}

// follow adds one of the instructor's session's events to the family's,
// as it applies to them: not in a region left out for their baby; a
// check-in the family did not answer is theirs unanswered; the end
// ends theirs.
func (f *family) follow(h *Hub, ev routines.Event) {
	if f.stage != following || len(f.log) == 0 {
		return
	}
	switch ev.Kind {
	case routines.EvCheckIn:
		if f.answered == h.ciSeq {
			return // they answered it: their answer is in their session
		}
		ev.Cue, ev.Manual = routines.CueUnanswered, false
		f.answered = h.ciSeq
	case routines.EvEnd:
		f.finish(h, ev)
		return
	case routines.EvHold, routines.EvChose:
		return // the instructor's own answers: never a family's
	}
	if ev.Kind != routines.EvPause && ev.Kind != routines.EvResume &&
		(slices.Contains(f.verdict.LeftOut, ev.Region) || ev.Kind != routines.EvCheckIn && slices.Contains(f.stepsOut, ev.Index)) {
		return // not done by this family: left out for their baby
	}
	f.log = append(f.log, ev)
}

// end ends the family's session on their own, where the class is now.
func (f *family) end(h *Hub, at time.Time, reason routines.EndReason) {
	st := h.sess.State()
	f.finish(h, routines.Event{Kind: routines.EvEnd, At: at, Reason: reason, Region: st.Region.ID, Step: st.Step.Title(), Index: st.Index})
}

// finish adds the end event to the family's session, and gives them their
// take-home token.
func (f *family) finish(h *Hub, ev routines.Event) {
	f.log = append(f.log, ev)
	f.stage, f.reason, f.hand = done, ev.Reason, time.Time{}
	f.token = h.newToken(f)
}

// saidYes reports whether the family's session has passed the ask.
func (f *family) saidYes() bool {
	for _, ev := range f.log {
		if ev.Kind == routines.EvStepDone && ev.Region == routines.OpeningID && ev.Step == askStep() {
			return true
		}
		if (ev.Kind == routines.EvStepDone || ev.Kind == routines.EvStepSkipped) && ev.Region != routines.OpeningID {
			return true
		}
	}
	return false
}

// askStep is the title of the opening ritual's ask.
func askStep() string {
	for _, st := range routines.Opening().Steps {
		if st.Kind == routines.StepPermission {
			return st.Title()
		}
	}
	return ""
}

// lastIn is the family's last answer about region id, if they gave one.
func (f *family) lastIn(id string) (routines.Cue, bool) {
	for i := len(f.log) - 1; i >= 0; i-- {
		if ev := f.log[i]; ev.Kind == routines.EvCheckIn && ev.Region == id && ev.Cue != routines.CueUnanswered {
			return ev.Cue, true
		}
	}
	return "", false
}

// --- taking a session home ---

// tokenAlphabet has no letters that are easily mixed up (0 o 1 l i).
const tokenAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

// tokenLength makes a token of 31^10, about 2^50: not guessed in a class,
// with five wrong tries a minute from an address.
const tokenLength = 10

// TakeHomeUser is how the take-home user name begins: take-TOKEN.
const TakeHomeUser = "take-"

func (h *Hub) newToken(f *family) string {
	if f.token != "" {
		return f.token
	}
	r := h.cfg.Rand
	if r == nil {
		r = rand.Reader
	}
	// Bytes past the last whole run of the alphabet are drawn again, so
	// every letter is as likely as every other.
	limit := byte(256 / len(tokenAlphabet) * len(tokenAlphabet))
	tok := make([]byte, 0, tokenLength)
	b := make([]byte, 1)
	for len(tok) < tokenLength {
		if _, err := io.ReadFull(r, b); err != nil {
			return "" // no token: the screen says the session cannot be taken home
		}
		if b[0] < limit {
			tok = append(tok, tokenAlphabet[int(b[0])%len(tokenAlphabet)])
		}
	}
	h.tokens[sha256.Sum256(tok)] = f
	return string(tok)
}

// ErrNoSuchToken is a take-home token the class never gave, or one
// already used.
var ErrNoSuchToken = errors.New("no such token")

// TakeHome is a family's session as a JSON export (the format cradle
// import reads), for the token they were shown, and their baby's name.
// done must be called once the session has been sent, with whether it
// was: a token is used once, and only when what it fetched arrived.
func (h *Hub) TakeHome(token string) (data []byte, name string, done func(sent bool), err error) {
	token = strings.ToLower(strings.TrimSpace(token))
	h.mu.Lock()
	f, ok := h.tokens[sha256.Sum256([]byte(token))]
	if !ok || f.taken {
		h.mu.Unlock()
		return nil, "", nil, ErrNoSuchToken
	}
	evs := slices.Clone(f.log)
	baby := store.Baby{ID: 1, Name: f.name, Added: f.joined, Birth: f.baby.Birth, Due: f.baby.Due, GoAhead: f.goAhead}
	name = f.name
	h.mu.Unlock()

	sess := store.Session{RoutineID: h.cfg.Routine.ID, RoutineTitle: h.cfg.Routine.Title, Status: store.StatusDone}
	if len(evs) > 0 {
		sess.Started, sess.Ended = evs[0].At, evs[len(evs)-1].At
		sess.Reason = evs[len(evs)-1].Reason
	}
	var buf bytes.Buffer
	if err := store.WriteSession(&buf, baby, sess, evs); err != nil {
		return nil, "", nil, fmt.Errorf("writing %s's session: %w", name, err)
	}
	done = func(sent bool) {
		if !sent {
			return
		}
		h.mu.Lock()
		f.taken = true
		delete(h.tokens, sha256.Sum256([]byte(token)))
		h.publish() // screens draw from the snapshot: a new one says it changed
		h.mu.Unlock()
		h.notify(f)
	}
	return buf.Bytes(), name, done, nil
}
