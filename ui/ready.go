package ui

import (
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui/layout"
)

// readyScreen is everything between choosing a massage and its first
// step, on every path that touches a real baby (the home screen, cradle
// run, a resume long after the cut-off): a routine outside the baby's
// ages asks first, naming the one that suits; a same-day all-clear may
// stand for the questions ("same as this morning?"); otherwise the
// readiness questions, and what they mean: stop (kindly, with the
// reason), leave regions out, or begin. The rules are routines'
// (safety.go); this screen only asks and shows.
type readyScreen struct {
	drawnToSize
	a      *app
	r      *routines.Routine
	back   screen
	resume *resumeJob // the cut-off session this check picks up again; nil for a new one
	stage  readyStage

	// The age check: how r fits the baby, and the routine that suits.
	fit    routines.Fit
	age    routines.Age
	suited *routines.Routine
	// same is today's all-clear, offered at the same-day stage.
	same routines.Clear

	// The questions: one on screen at a time (at; len(qs) is the list of
	// areas to leave out, shown after a yes to a rash), answered with y or
	// n. Each key acts at once on the question shown, so answers typed
	// quickly never land on another question.
	qs      []routines.Question
	at      int
	area    int // the area under the cursor, in the list of areas
	ans     routines.Answers
	verdict *routines.Verdict

	// Born early (ready_early.go): the date asked for after a yes, the
	// birth date given before the due date, what is typed, and what is
	// wrong with it.
	field   earlyField
	birth   time.Time
	input   dateInput
	problem string
	// notice is true while the check's first page shows Notice: the
	// first check of a run that had no baby form in front of it.
	notice bool
}

type readyStage int

const (
	ageStage     readyStage = iota // a routine outside the baby's ages asks first
	sameStage                      // "same as this morning?"
	formStage                      // the questions
	verdictStage                   // what the answers mean
	earlyStage                     // born early? asked once when no due date says
	dateStage                      // the birth and due dates, after a yes
)

// resumeJob is a cut-off session to pick up once the check allows.
type resumeJob struct {
	rec store.Session
	evs []routines.Event
}

// beginFor starts r for the app's baby from back: through the checks, or
// straight to the session for a demonstration on a doll (--present),
// where no baby is touched and nothing is saved.
func beginFor(a *app, r *routines.Routine, back screen) (screen, tea.Cmd) {
	if a.demo() {
		return newSessionScreen(a, r, routines.SessionOptions{CheckInWait: a.cfg.CheckInWait}, nil)
	}
	return newReadyScreen(a, r, back, nil)
}

// resumeFor picks a cut-off session up again: straight on within
// routines.ResumeAsks of the cut-off, through the readiness questions
// after that (the age check is not asked again).
func resumeFor(a *app, rec store.Session, rt *routines.Routine, evs []routines.Event, back screen) (screen, tea.Cmd) {
	cut := rec.Started
	if n := len(evs); n > 0 {
		cut = evs[n-1].At
	}
	if a.demo() || !routines.ResumeNeedsCheck(cut, a.clock.Now()) {
		return resumeSession(a, rec, rt, evs, routines.SessionOptions{})
	}
	a.report(babyChosenMsg{rec.BabyID}) // the session's own baby
	return newReadyScreen(a, rt, back, &resumeJob{rec, evs})
}

func newReadyScreen(a *app, r *routines.Routine, back screen, resume *resumeJob) (screen, tea.Cmd) {
	rs := &readyScreen{a: a, r: r, back: back, resume: resume, notice: !a.noticed}
	a.noticed = true
	return rs.startEarly()
}

// afterEarly goes on from the born-early question: the age check (not
// asked again on a resume), then the questions.
func (rs *readyScreen) afterEarly() (screen, tea.Cmd) {
	a, r := rs.a, rs.r
	if rs.resume == nil {
		var known bool
		rs.age, known = babyAge(a.data.baby, a.clock.Now())
		rs.fit = routines.AgeFit(r, rs.age, known)
		if rs.fit == routines.FitTooYoung || rs.fit == routines.FitTooOld {
			rs.suited = routines.Suited(a.data.routines, rs.age, r)
			rs.stage = ageStage
			return rs, nil
		}
	}
	return rs.ask()
}

// known is what cradle knows of the baby before it asks: the age, and
// whether the baby was born early and has the doctor's or nurse's
// go-ahead.
func (rs *readyScreen) known() routines.Answers {
	b := rs.a.data.baby
	return routines.Known(b.Birth, b.Due, b.Early, b.GoAhead, rs.a.clock.Now())
}

// ask goes on from the age check: today's all-clear, or the questions.
// A baby born early without the go-ahead is always asked for it first.
func (rs *readyScreen) ask() (screen, tea.Cmd) {
	a := rs.a
	known := rs.known()
	if c, ok := a.data.clears[a.data.baby.ID]; ok && a.data.baby.ID != 0 && c.SameDay(rs.r, known, a.clock.Now()) && (!known.BornEarly || known.GoAhead) {
		rs.same, rs.stage = c, sameStage
		return rs, nil
	}
	rs.stage, rs.verdict = formStage, nil
	rs.ans = known
	rs.at, rs.area = 0, 0
	rs.qs = routines.Check(rs.r, known)
	return rs, nil
}

// begin starts the massage the verdict allows, and remembers an
// all-clear for the rest of the day.
func (rs *readyScreen) begin(v routines.Verdict, clear routines.Clear, isClear bool) (screen, tea.Cmd) {
	a := rs.a
	remember := a.forgetClear(a.data.baby.ID)
	if isClear && a.data.baby.ID != 0 {
		remember = a.rememberClear(a.data.baby.ID, clear)
	}
	remember = tea.Batch(remember, rs.rememberGoAhead())
	var next screen
	var cmd tea.Cmd
	if rs.resume != nil {
		next, cmd = resumeSession(a, rs.resume.rec, rs.r, rs.resume.evs, rs.options(v.LeftOut))
	} else {
		next, cmd = newSessionScreen(a, rs.r, rs.options(v.LeftOut), nil)
	}
	return next, tea.Batch(remember, cmd)
}

// beginAnswered begins with the answers given.
func (rs *readyScreen) beginAnswered(v routines.Verdict) (screen, tea.Cmd) {
	c, ok := routines.AllClear(rs.r, rs.ans, rs.a.clock.Now())
	return rs.begin(v, c, ok)
}

// rememberGoAhead keeps a yes to the go-ahead for a baby born early,
// with its date: the next check does not ask it again, and the home
// screen says it. It is kept as soon as the check ends, whatever else
// the answers say.
func (rs *readyScreen) rememberGoAhead() tea.Cmd {
	a := rs.a
	if a.data.baby.ID == 0 || !a.data.baby.GoAhead.IsZero() || !rs.ans.GoAhead || !slices.ContainsFunc(rs.qs, func(q routines.Question) bool { return q.About == routines.ReadinessEarly }) {
		return nil
	}
	return a.setGoAhead(a.data.baby, a.clock.Now())
}

// val is the answer question i of the check sets.
func (rs *readyScreen) val(i int) *bool { return rs.ans.To(rs.qs[i].About) }

// asked reports whether question i is asked, given the answers so far.
func (rs *readyScreen) asked(i int) bool { return routines.Asked(rs.qs[i], rs.ans) }

// forward is the first question from i on that is asked (len(qs) past
// them); a follow-up not asked keeps the harmless answer.
func (rs *readyScreen) forward(i int) int {
	for ; i < len(rs.qs) && !rs.asked(i); i++ {
		*rs.val(i) = false
	}
	return i
}

// backward is the last question asked before i, or i itself at the first.
func (rs *readyScreen) backward(i int) int {
	for j := i - 1; j >= 0; j-- {
		if rs.asked(j) {
			return j
		}
	}
	return i
}

func (rs *readyScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := rs.a.keys
	if _, ok := msg.(tea.KeyPressMsg); ok {
		rs.notice = false // said on the first page
	}
	switch rs.stage {
	case earlyStage:
		if msg, ok := msg.(tea.KeyPressMsg); ok {
			return rs.earlyKey(msg)
		}
		return rs, nil
	case dateStage:
		switch msg := msg.(type) {
		case tea.KeyPressMsg:
			return rs.dateKey(msg)
		case lineTypedMsg:
			rs.input = dateInput{}
			rs.input.add(msg.text)
			return rs.dateTyped()
		}
		return rs, nil
	case ageStage:
		if msg, ok := msg.(tea.KeyPressMsg); ok {
			switch {
			case rs.suited != nil && key.Matches(msg, k.Instead):
				rs.r = rs.suited
				return rs.ask()
			case key.Matches(msg, k.Anyway):
				return rs.ask()
			case key.Matches(msg, k.Leave):
				return rs.back, nil
			}
		}
		return rs, nil
	case sameStage:
		if msg, ok := msg.(tea.KeyPressMsg); ok {
			switch {
			case key.Matches(msg, k.Same):
				again := rs.same
				again.At = rs.a.clock.Now()          // confirmed now
				rs.ans = rs.same.Answers(rs.known()) // the oil used this morning
				return rs.begin(routines.Assess(rs.r, rs.ans), again, true)
			case key.Matches(msg, k.AskAgain):
				forget := rs.a.forgetClear(rs.a.data.baby.ID) // something changed: ask, and offer it no more
				next, cmd := rs.ask()
				return next, tea.Batch(forget, cmd)
			case key.Matches(msg, k.Leave):
				return rs.back, nil
			}
		}
		return rs, nil
	case verdictStage:
		if msg, ok := msg.(tea.KeyPressMsg); ok {
			switch {
			case key.Matches(msg, k.ChangeAnswers):
				return rs.ask()
			case rs.verdict.Go() && key.Matches(msg, k.Start):
				return rs.beginAnswered(*rs.verdict)
			case key.Matches(msg, k.Start, k.Quit):
				return rs.back, nil
			}
		}
		return rs, nil
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		return rs.answer(msg)
	}
	return rs, nil
}

// answer acts on a key at the questions: y or n answers the question on
// screen and goes to the next; ↑ goes back; in the list of areas, ↑ and
// ↓ move, space picks, enter goes on; esc leaves.
func (rs *readyScreen) answer(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := rs.a.keys
	if key.Matches(msg, k.Leave) {
		return rs.back, nil
	}
	if rs.at < len(rs.qs) {
		switch {
		case key.Matches(msg, k.AnswerYes, k.AnswerNo):
			*rs.val(rs.at) = key.Matches(msg, k.AnswerYes)
			rs.at = rs.forward(rs.at + 1)
		case key.Matches(msg, k.Previous):
			rs.at = rs.backward(rs.at)
			return rs, nil
		default:
			return rs, nil
		}
		// An answer that rules the massage out ends the questions at
		// once: there is no point asking about oil for a feverish baby.
		if v := routines.Assess(rs.r, rs.answered()); !v.Go() {
			rs.verdict, rs.stage = &v, verdictStage
			return rs, tea.Batch(rs.a.forgetClear(rs.a.data.baby.ID), rs.rememberGoAhead())
		}
		if rs.at < len(rs.qs) || rs.ans.Skin && len(rs.r.Regions) > 0 {
			return rs, nil // the next question, or the areas to leave out
		}
		return rs.finish()
	}
	// The areas to leave out for a rash.
	switch {
	case key.Matches(msg, k.Up):
		if rs.area == 0 {
			rs.at = rs.backward(rs.at) // back to the last question
			return rs, nil
		}
		rs.area--
	case key.Matches(msg, k.Down):
		rs.area = min(rs.area+1, len(rs.r.Regions)-1)
	case key.Matches(msg, k.Pick):
		rs.pick()
	case key.Matches(msg, k.GoOnAreas):
		return rs.finish()
	default: // an area's number picks it
		if d := msg.String(); len(d) == 1 && d[0] >= '1' && d[0] <= '9' && int(d[0]-'1') < len(rs.r.Regions) {
			rs.area = int(d[0] - '1')
			rs.pick()
		}
	}
	return rs, nil
}

// pick leaves out the area under the cursor, or keeps it if it was left
// out.
func (rs *readyScreen) pick() {
	id := rs.r.Regions[rs.area].ID
	if i := slices.Index(rs.ans.Avoid, id); i >= 0 {
		rs.ans.Avoid = slices.Delete(rs.ans.Avoid, i, i+1)
	} else {
		rs.ans.Avoid = append(rs.ans.Avoid, id)
	}
}

// finish ends the questions: begin at once when nothing is
// left out and there is nothing to say, else the verdict.
func (rs *readyScreen) finish() (screen, tea.Cmd) {
	if !rs.ans.Skin {
		rs.ans.Avoid = nil
	}
	v := routines.Assess(rs.r, rs.ans)
	if v.Go() && len(v.LeftOut) == 0 && len(v.Tips) == 0 {
		return rs.beginAnswered(v)
	}
	rs.verdict, rs.stage = &v, verdictStage
	if _, ok := routines.AllClear(rs.r, rs.ans, rs.a.clock.Now()); !ok {
		return rs, tea.Batch(rs.a.forgetClear(rs.a.data.baby.ID), rs.rememberGoAhead())
	}
	return rs, rs.rememberGoAhead()
}

// options start the session the answers allow: with no oil used, nothing
// to wipe off before the face.
func (rs *readyScreen) options(leftOut []string) routines.SessionOptions {
	return routines.SessionOptions{LeftOut: leftOut, NoOil: !rs.ans.Oil, NoHips: rs.ans.Harness, Checked: true, CheckInWait: rs.a.cfg.CheckInWait}
}

// answered is the answers given so far; questions not reached yet count
// as fine (a go-ahead not asked yet is not a "no").
func (rs *readyScreen) answered() routines.Answers { return routines.SoFar(rs.qs, rs.ans, rs.at) }

// HelpKeys are the keys of the stage on screen.
func (rs *readyScreen) HelpKeys() []keyGroup {
	k := rs.a.keys
	switch rs.stage {
	case ageStage:
		return []keyGroup{{"A routine for another age", []key.Binding{k.Instead, k.Anyway, k.Leave}}}
	case sameStage:
		return []keyGroup{{"Same as before today?", []key.Binding{k.Same, k.AskAgain, k.Leave}}}
	case formStage:
		return []keyGroup{{"Before you start", []key.Binding{k.AnswerYes, k.AnswerNo, k.Previous, k.Pick, k.GoOnAreas, k.Leave}}}
	}
	return []keyGroup{{"Before you start", []key.Binding{layout.Relabel(k.Start, "enter", "begin, or stop here"), k.ChangeAnswers, k.Leave}}}
}
