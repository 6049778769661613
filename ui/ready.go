package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
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
}

type readyStage int

const (
	ageStage     readyStage = iota // a routine outside the baby's ages asks first
	sameStage                      // "same as this morning?"
	formStage                      // the questions
	verdictStage                   // what the answers mean
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
	setBaby(a, rec.BabyID)
	return newReadyScreen(a, rt, back, &resumeJob{rec, evs})
}

func newReadyScreen(a *app, r *routines.Routine, back screen, resume *resumeJob) (screen, tea.Cmd) {
	rs := &readyScreen{a: a, r: r, back: back, resume: resume}
	if resume == nil {
		var known bool
		rs.age, known = babyAge(a.baby, a.clock.Now())
		rs.fit = routines.AgeFit(r, rs.age, known)
		if rs.fit == routines.FitTooYoung || rs.fit == routines.FitTooOld {
			rs.suited = routines.Suited(a.cfg.Routines, rs.age, r)
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
	b := rs.a.baby
	return routines.Known(b.Birth, b.Due, b.GoAhead, rs.a.clock.Now())
}

// ask goes on from the age check: today's all-clear, or the questions.
// A baby born early without the go-ahead is always asked for it first.
func (rs *readyScreen) ask() (screen, tea.Cmd) {
	a := rs.a
	known := rs.known()
	if c, ok := a.clears[a.baby.ID]; ok && a.baby.ID != 0 && c.SameDay(rs.r, a.clock.Now()) && (!known.BornEarly || known.GoAhead) {
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
	remember := a.forgetClear(a.baby.ID)
	if isClear && a.baby.ID != 0 {
		remember = a.rememberClear(a.baby.ID, clear)
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
	if a.baby.ID == 0 || !a.baby.GoAhead.IsZero() || !rs.ans.GoAhead || !slices.ContainsFunc(rs.qs, func(q routines.Question) bool { return q.About == routines.ReadinessEarly }) {
		return nil
	}
	return a.setGoAhead(a.baby, a.clock.Now())
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
	switch rs.stage {
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
				forget := rs.a.forgetClear(rs.a.baby.ID) // something changed: ask, and offer it no more
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
			return rs, tea.Batch(rs.a.forgetClear(rs.a.baby.ID), rs.rememberGoAhead())
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
		return rs, tea.Batch(rs.a.forgetClear(rs.a.baby.ID), rs.rememberGoAhead())
	}
	return rs, rs.rememberGoAhead()
}

// options start the session the answers allow: with no oil used, nothing
// to wipe off before the face.
func (rs *readyScreen) options(leftOut []string) routines.SessionOptions {
	return routines.SessionOptions{LeftOut: leftOut, NoOil: !rs.ans.Oil, NoHips: rs.ans.Harness, Checked: true, CheckInWait: rs.a.cfg.CheckInWait}
}

func (rs *readyScreen) View() string {
	a, s := rs.a, rs.a.styles
	header := headerLine(a.w-2, s.Brand.Render("cradle")+s.Dim.Render(" · "+rs.r.Title), babyLabel(a, a.clock.Now()))
	switch rs.stage {
	case ageStage:
		return rs.ageView(header)
	case sameStage:
		return rs.sameView(header)
	case formStage:
		return rs.formView(header)
	}
	pg := rs.page()
	w := min(a.w-6, 76)
	b := []string{"", "  " + s.Title.Render(pg.title), ""}
	for _, p := range pg.words {
		b = paragraph(b, p.style, p.text, w)
	}
	return a.frame(header, strings.Join(b, "\n"), a.helpBar(a.w-2, pg.keys...))
}

// readyPage is what the check shows at one stage, for the full screen
// and plain mode alike: a title, words, the choices and their keys.
type readyPage struct {
	title   string
	words   []para
	choices []choice
	keys    []key.Binding
}

// choice is a key and what it chooses, as a line of a screen shows it.
type choice struct{ key, text string }

// page is the stage on screen.
func (rs *readyScreen) page() readyPage {
	switch rs.stage {
	case ageStage:
		return rs.agePage()
	case sameStage:
		return rs.samePage()
	case formStage:
		return rs.questionPage()
	}
	return rs.verdictPage()
}

func (rs *readyScreen) keysNow() []key.Binding { return rs.page().keys }

// verdictPage says what the answers mean: not just now, and why; or
// ready, with the regions left out and the tips.
func (rs *readyScreen) verdictPage() readyPage {
	a, s, v := rs.a, rs.a.styles, rs.verdict
	if !v.Go() {
		pg := readyPage{title: "Not just now"}
		for _, stop := range v.Stops {
			pg.words = append(pg.words, para{stop.Why(), s.Text})
		}
		stop := "stop here"
		if rs.resume != nil {
			stop = "stop here (it stays cut off)"
		}
		pg.keys = []key.Binding{relabel(a.keys.Start, "enter", stop), a.keys.ChangeAnswers}
		return pg
	}
	pg := readyPage{title: "Ready when you are"}
	for _, why := range v.Why {
		pg.words = append(pg.words, para{why, s.Warn})
	}
	for _, tip := range v.Tips {
		pg.words = append(pg.words, para{tip, s.Text})
	}
	// Region names may hold "and" themselves ("Legs and feet"): more
	// than one would not read as a list in a footer.
	start := "begin"
	switch n := len(v.LeftOut); {
	case n == 1:
		start = "begin without " + strings.ToLower(regionNames(rs.r, v.LeftOut))
	case n > 1:
		start = fmt.Sprintf("begin without those %d regions", n)
	}
	pg.keys = []key.Binding{relabel(a.keys.Start, "enter", start), a.keys.ChangeAnswers, a.keys.Leave}
	return pg
}

func regionNames(r *routines.Routine, ids []string) string {
	var names []string
	for _, id := range ids {
		if rg, ok := r.Region(id); ok {
			names = append(names, rg.Name)
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// answered is the answers given so far; questions not reached yet count
// as fine (a go-ahead not asked yet is not a "no").
func (rs *readyScreen) answered() routines.Answers {
	ans := rs.ans
	for i := rs.at; i < len(rs.qs); i++ {
		if routines.GoAheadFirst(rs.qs[i]) {
			*ans.To(rs.qs[i].About) = true
		}
	}
	return ans
}

// current is the index of the question on screen (len(qs) past them).
func (rs *readyScreen) current() int { return rs.at }

// questionPage is the question being asked, or the list of areas to
// leave out after a yes to a rash.
func (rs *readyScreen) questionPage() readyPage {
	k, s := rs.a.keys, rs.a.styles
	if rs.at < len(rs.qs) {
		q := rs.qs[rs.at]
		prev := k.Previous
		prev.SetEnabled(rs.at > 0)
		return readyPage{title: q.Title, words: []para{{q.Why, s.Dim}},
			choices: []choice{{typed(k.AnswerYes), "Yes"}, {typed(k.AnswerNo), "No"}},
			keys:    []key.Binding{prev, k.AnswerYes, k.AnswerNo, k.Leave}}
	}
	pg := readyPage{title: "Which areas should we leave out today?",
		words: []para{{"space picks an area, enter goes on. Pick none to keep the whole routine and simply avoid the spot.", s.Dim}},
		keys:  []key.Binding{relabel(k.Up, "↑/↓", "choose"), k.Pick, k.GoOnAreas, k.Leave}}
	if rs.a.cfg.Plain {
		pg.words[0].text = "Type the numbers of the areas to leave out (2 4, say), then enter to go on. Pick none to keep the whole routine and simply avoid the spot."
	}
	for i, rg := range rs.r.Regions {
		pg.choices = append(pg.choices, choice{fmt.Sprint(i + 1), rg.Name})
	}
	return pg
}

// place is where the question on screen is among those asked (a
// follow-up not asked is not one of them): at of n.
func (rs *readyScreen) place() (at, n int) {
	for i := range rs.qs {
		if rs.asked(i) {
			n++
			if i <= rs.at {
				at++
			}
		}
	}
	return at, n
}

// formView shows the question being asked, with the answers given so far
// above it so the parent can see where they are, and its keys below.
func (rs *readyScreen) formView(header string) string {
	a, s := rs.a, rs.a.styles
	cur := rs.at
	w := min(a.w-4, 72)
	bar := s.Accent.Render("┃") + " "
	pg := rs.questionPage()
	var ask []string // the question, or the areas
	for _, l := range wrap(pg.title, w-2, "") {
		ask = append(ask, bar+s.Title.Render(l))
	}
	ask = append(ask, paint(pg.words, w-2, bar)...)
	ask = append(ask, strings.TrimRight(bar, " "))
	at, n := rs.place()
	where := fmt.Sprintf("  ·  %d of %d  ·  y or n", at, n)
	if lipgloss.Width(beforeTitle+where) > w {
		where = fmt.Sprintf("  ·  %d of %d", at, n) // the footer names the keys
	}
	if cur < len(rs.qs) {
		var answers []string
		for _, c := range pg.choices {
			answers = append(answers, s.Key.Render(c.key)+" "+s.Text.Render(c.text))
		}
		ask = append(ask, bar+"  "+strings.Join(answers, "     "))
	} else {
		where = "  ·  the areas"
		for i, rg := range rs.r.Regions {
			pointer, mark := "  ", s.Faint.Render("• ")
			if i == rs.area {
				pointer = s.Accent.Render("› ")
			}
			if slices.Contains(rs.ans.Avoid, rg.ID) {
				mark = s.Calm.Render("✓ ")
			}
			ask = append(ask, bar+pointer+mark+s.Text.Render(rg.Name))
		}
	}
	b := []string{"", "  " + s.Title.Render(beforeTitle) + s.Dim.Render(where), ""}
	if said := goAheadWords(a.baby); said != "" {
		b = append(b, "  "+s.Calm.Render(truncate(said, w)), "")
	}
	// The answers so far (those asked), the latest ones when they do not
	// all fit.
	var done []int
	for i := range min(cur, len(rs.qs)) {
		if rs.asked(i) {
			done = append(done, i)
		}
	}
	room := max(a.h-4-len(b)-len(ask)-1, 0)
	if len(done) > 0 && room > 1 {
		for _, i := range done[max(0, len(done)-(room-1)):] {
			ans := s.Calm.Render("no")
			if *rs.val(i) {
				ans = s.Accent.Render("yes")
			}
			// The answer stays whole: a long question gives way.
			b = append(b, "  "+s.Dim.Render(truncate("✓ "+rs.qs[i].Title, max(w-lipgloss.Width(" yes"), 1))+" ")+ans)
		}
		b = append(b, "")
	}
	for _, l := range ask {
		b = append(b, "  "+l)
	}
	return a.frame(header, strings.Join(b, "\n"), a.helpBar(a.w-2, pg.keys...))
}

// beforeTitle heads the readiness questions.
const beforeTitle = "Before you start"

// paragraph appends text to b, wrapped to w and styled, then a blank line.
func paragraph(b []string, style lipgloss.Style, text string, w int) []string {
	for _, l := range wrap(text, w, "   ") {
		b = append(b, style.Render(l))
	}
	return append(b, "")
}

// agePage asks first when the routine is outside the baby's ages, and
// names the routine that suits.
func (rs *readyScreen) agePage() readyPage {
	a, s := rs.a, rs.a.styles
	name := a.baby.Name
	pg := readyPage{title: routines.FitTitle(rs.fit)}
	text := routines.MadeFor(rs.r, rs.fit, name, a.baby.Birth, a.baby.Due, a.clock.Now())
	suits := "None of the routines here is made for " + name + "'s age. If you go on, keep it short and gentle, and stop when your baby has had enough."
	if rs.suited != nil {
		suits = fmt.Sprintf("%s suits %s's age (%s).", rs.suited.Title, name, rs.suited.Ages)
		pg.choices = append(pg.choices, choice{a.keyWord(a.keys.Instead), rs.suited.Title + " instead"})
		pg.keys = append(pg.keys, relabel(a.keys.Instead, "enter", "instead"))
	}
	pg.words = []para{{text, s.Text}, {suits, s.Calm}}
	pg.choices = append(pg.choices, choice{typed(a.keys.Anyway), rs.r.Title + " anyway"}, choice{"esc", "back"})
	pg.keys = append(pg.keys, relabel(a.keys.Anyway, "y", "anyway"), a.keys.Leave)
	return pg
}

// ageView shows agePage. The choices stay on screen however short the
// window: the words give way to them.
func (rs *readyScreen) ageView(header string) string {
	a, s := rs.a, rs.a.styles
	w := min(a.w-6, 76)
	pg := rs.agePage()
	var choices []string
	for _, c := range pg.choices {
		choices = append(choices, "   "+s.Key.Render(fmt.Sprintf("%-5s", c.key))+"  "+s.Text.Render(c.text))
	}
	var words []string
	for _, p := range pg.words {
		words = paragraph(words, p.style, p.text, w)
	}
	top := []string{"", "  " + s.Title.Render(pg.title), ""}
	if room := a.h - 4 - len(top) - len(choices); len(words) > room {
		words = words[:max(room, 0)]
		if n := len(words); n > 0 {
			words[n-1] = truncate(words[n-1], w) // a cut paragraph
		}
	}
	b := append(append(top, words...), choices...)
	return a.frame(header, strings.Join(b, "\n"), a.helpBar(a.w-2, pg.keys...))
}

// samePage offers today's all-clear: every question it answered, in a
// few words, to confirm with one key.
func (rs *readyScreen) samePage() readyPage {
	a, s := rs.a, rs.a.styles
	at := rs.same.At.In(a.clock.Now().Location())
	pg := readyPage{title: "Same as this morning?", keys: []key.Binding{a.keys.Same, a.keys.AskAgain, a.keys.Leave}}
	if at.Hour() >= 12 {
		pg.title = "Same as earlier today?"
	}
	var said []string
	for _, q := range routines.Questions(rs.r) {
		if q.Clear != "" {
			said = append(said, q.Clear)
		}
	}
	if rs.same.Oil {
		said = append(said, "and you used oil")
	}
	if words := goAheadWords(a.baby); words != "" {
		pg.words = append(pg.words, para{words, s.Calm})
	}
	pg.words = append(pg.words, para{fmt.Sprintf("At %s nothing was in the way: %s.", at.Format("15:04"), strings.Join(said, ", ")), s.Text},
		para{"Is all of that still so now?", s.Text})
	return pg
}

func (rs *readyScreen) sameView(header string) string {
	a, s := rs.a, rs.a.styles
	w := min(a.w-6, 76)
	pg := rs.samePage()
	b := []string{"", "  " + s.Title.Render(pg.title), ""}
	for _, p := range pg.words {
		b = paragraph(b, p.style, p.text, w)
	}
	return a.frame(header, strings.Join(b, "\n"), a.helpBar(a.w-2, pg.keys...))
}

// plain says each stage once: a question with its answers, the areas and
// which are picked, what the answers mean, with the keys to go on.
func (rs *readyScreen) plain() []block {
	pg := rs.page()
	var lines []string
	key := fmt.Sprint("ready:", rs.r.ID, ":", rs.stage, ":", rs.at)
	switch {
	case rs.stage == formStage && rs.at < len(rs.qs):
		at, n := rs.place()
		q := fmt.Sprintf("%s, %d of %d: %s", beforeTitle, at, n, pg.title)
		if said := goAheadWords(rs.a.baby); said != "" && at == 1 {
			lines = append(lines, said)
		}
		lines = append(append(lines, q), texts(pg.words)...)
		lines = append(lines, "Type y or n.")
	case rs.stage == formStage:
		lines = append(append(lines, pg.title), texts(pg.words)...)
		for _, c := range pg.choices {
			lines = append(lines, c.key+". "+c.text)
		}
	default:
		lines = append(append(lines, sentence(pg.title)), texts(pg.words)...)
		cs := pg.choices
		for _, b := range pg.keys {
			if b.Enabled() && len(pg.choices) == 0 {
				cs = append(cs, choice{plainKeyLabel(b), b.Help().Desc})
			}
		}
		lines = append(lines, choose(cs))
	}
	blocks := []block{{key, lines}}
	if rs.stage == formStage && rs.at == len(rs.qs) {
		picked := "None picked: the whole routine stays. Press enter to go on."
		if names := regionNames(rs.r, rs.ans.Avoid); names != "" {
			picked = "Left out: " + names + ". Press enter to go on, or type a number again to keep it."
		}
		blocks = append(blocks, block{key + ":" + strings.Join(rs.ans.Avoid, ","), []string{picked}})
	}
	return blocks
}

// goAheadWords say, for a baby born early, when the doctor or nurse said
// yes to massage: "Your doctor or nurse said yes to massage on 3 Nov."
// "" for any other baby.
func goAheadWords(b store.Baby) string {
	if !routines.BornEarly(b.Birth, b.Due) || b.GoAhead.IsZero() {
		return ""
	}
	return "Your doctor or nurse said yes to massage on " + b.GoAhead.Format("2 Jan") + "."
}

// babyAge is the baby's age for the age bands; false when not known.
func babyAge(b store.Baby, now time.Time) (routines.Age, bool) {
	age, _, ok := routines.BabyAge(b.Birth, b.Due, now)
	return age, ok
}
