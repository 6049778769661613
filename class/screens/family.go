package screens

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/cradle-coach/cradle/class"
	"github.com/cradle-coach/cradle/internal/plural"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui"
	"github.com/cradle-coach/cradle/ui/layout"
)

// JoinIdle is how long a connection may sit before joining (the code and
// the name) without a key: then it is closed, and its place with it.
const JoinIdle = 5 * time.Minute

// stage is where the family's screen stands.
type stage int

const (
	codeStage     stage = iota // type the class code
	nameStage                  // the baby's first name
	birthStage                 // the baby's birth date
	earlyStage                 // born early? y or n
	dueStage                   // the due date, for a baby born early
	fitStage                   // the routine is not made for the baby's age: watch, or follow anyway
	keepStage                  // may the instructor keep the answers?
	questionStage              // the questions before the start
	verdictStage               // what they say: not today, or what to mind
	followStage                // following the class
	fullStage                  // the class is full: said kindly, then closed
	closedStage                // closed after JoinIdle without a key
)

// Family is one family's screen, over their own SSH connection: the
// class code, their baby's first name and age (and, for a routine not
// made for that age, whether they watch or follow anyway), whether the
// instructor may keep their answers, the questions every massage of a
// real baby begins with,
// then the instructor's step and countdown, their own answers, and at
// the end the line that takes their session home.
type Family struct {
	hub  *class.Hub
	lim  *class.Limiter
	addr string // the family's machine, for the wrong-code limit
	// host and port are where the family reached the class: the
	// take-home line points there.
	host, port string
	styles     ui.Styles
	keys       ui.KeyMap
	w, h       int

	stage   stage
	input   field
	problem string    // what was wrong with what was typed
	wait    time.Time // no more codes until then (too many wrong ones)
	idleSeq int

	name    string // the baby's first name, as CleanName keeps it
	seat    *class.Seat
	birth   time.Time // as typed, until the due date is asked
	baby    class.AgeCheck
	keep    bool
	qs      []routines.Question
	at      int
	ans     routines.Answers
	verdict routines.Verdict

	again      bool // asking the questions again, while watching: esc keeps watching
	confirmEnd bool
	prev       *class.Snapshot // last drawn, for the bell
	cache      followCache
}

// NewFamily makes a family's screen for a connection from addr (their
// machine) that reached the class at host and port (for the take-home
// line), w×h cells to begin with.
func NewFamily(hub *class.Hub, lim *class.Limiter, addr, host, port string, w, h int) *Family {
	f := &Family{hub: hub, lim: lim, addr: addr, host: host, port: port, styles: ui.NewStyles(ui.ThemeDark), keys: ui.Keys,
		input: field{max: 60}}
	f.w, f.h = class.Bound(w, h)
	return f
}

// pulseMsg says the class (or the family's own record) changed, or a
// second passed: draw again.
type pulseMsg struct{}

// idleMsg checks, JoinIdle after the last key, whether the family is
// still to join.
type idleMsg struct{ seq int }

// waitTickMsg counts down a wait for another try at the code.
type waitTickMsg struct{}

// Init asks the terminal for its background, to draw in the family's own
// colours, and starts the wait for an idle connection.
func (f *Family) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, f.idleTimer())
}

func (f *Family) idleTimer() tea.Cmd {
	f.idleSeq++
	seq := f.idleSeq
	return tea.Tick(JoinIdle, func(time.Time) tea.Msg { return idleMsg{seq} })
}

// listen waits for the next notice from the hub; the channel closes when
// the seat is given up.
func listen(c <-chan struct{}) tea.Cmd {
	return func() tea.Msg {
		if _, ok := <-c; !ok {
			return nil
		}
		return pulseMsg{}
	}
}

// Close gives the family's seat up: their connection has ended.
func (f *Family) Close() {
	if f.seat != nil {
		f.seat.Close()
	}
}

func (f *Family) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.w, f.h = class.Bound(msg.Width, msg.Height)
		return f, nil
	case tea.BackgroundColorMsg:
		t := ui.ThemeLight
		if msg.IsDark() {
			t = ui.ThemeDark
		}
		f.styles = ui.NewStyles(t)
		return f, nil
	case idleMsg:
		if msg.seq == f.idleSeq && f.stage < keepStage && f.seat == nil {
			f.stage = closedStage
			return f, tea.Quit
		}
		return f, nil
	case waitTickMsg:
		if f.hub.Now().Before(f.wait) {
			return f, tea.Tick(time.Second, func(time.Time) tea.Msg { return waitTickMsg{} })
		}
		if f.stage == codeStage {
			f.problem = ""
		}
		return f, nil
	case pulseMsg:
		return f, tea.Batch(listen(f.seat.C()), f.ring())
	case tea.PasteMsg:
		if f.typing() {
			f.input.add(strings.ReplaceAll(msg.Content, "\n", " "))
		}
		return f, nil
	case tea.KeyPressMsg:
		var idle tea.Cmd
		if f.seat == nil {
			idle = f.idleTimer()
		}
		m, cmd := f.key(msg)
		return m, tea.Batch(cmd, idle)
	}
	return f, nil
}

// key acts on a key in the stage on screen.
func (f *Family) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := f.keys
	if msg.String() == "ctrl+c" || msg.String() == "ctrl+d" {
		return f, tea.Quit
	}
	switch f.stage {
	case codeStage, nameStage, birthStage, dueStage:
		if f.stage == dueStage && msg.String() == "esc" {
			f.stage, f.problem = earlyStage, ""
			return f, nil
		}
		switch msg.String() {
		case "enter":
			return f.enter()
		case "backspace", "ctrl+h":
			f.input.backspace()
		case "ctrl+u", "esc":
			f.input.clear()
		case "space":
			f.input.add(" ")
		default:
			f.input.add(msg.Text)
		}
		return f, nil
	case earlyStage:
		switch {
		case key.Matches(msg, k.AnswerYes):
			f.stage, f.input = dueStage, field{max: dateLength}
		case key.Matches(msg, k.AnswerNo):
			return f.aged(time.Time{})
		case key.Matches(msg, k.Previous), msg.String() == "esc":
			f.backToBirth()
		}
		return f, nil
	case fitStage:
		switch {
		case key.Matches(msg, k.Open):
			f.seat.Watch()
			f.stage, f.prev = followStage, f.hub.Snapshot()
		case key.Matches(msg, k.Anyway):
			f.stage = keepStage
		case key.Matches(msg, k.Previous), msg.String() == "esc":
			f.backToBirth()
		}
		return f, nil
	case keepStage:
		switch {
		case key.Matches(msg, k.AnswerYes), key.Matches(msg, k.AnswerNo):
			f.keep = key.Matches(msg, k.AnswerYes)
			f.stage, f.at = questionStage, 0
		}
		return f, nil
	case questionStage:
		switch {
		case f.again && msg.String() == "esc":
			f.again = false
			f.stage, f.prev = followStage, f.hub.Snapshot()
		case key.Matches(msg, k.AnswerYes), key.Matches(msg, k.AnswerNo):
			*f.ans.To(f.qs[f.at].About) = key.Matches(msg, k.AnswerYes)
			f.at = f.forward(f.at + 1)
			// A stop ends the questions at once, as at home: the rest,
			// not asked, count as fine.
			if sofar := routines.SoFar(f.qs, f.ans, f.at); f.at == len(f.qs) || !routines.Assess(f.hub.Routine(), sofar).Go() {
				f.ans = sofar
				return f.ready()
			}
		case key.Matches(msg, k.Previous):
			f.at = f.backward(f.at)
		}
		return f, nil
	case verdictStage:
		if key.Matches(msg, k.Start) || msg.String() == "enter" {
			f.stage = followStage
			f.prev = f.hub.Snapshot()
		}
		return f, nil
	case fullStage:
		return f, tea.Quit
	case followStage:
		return f, f.followKey(msg)
	}
	return f, nil
}

// typing reports whether the stage on screen takes typed text.
func (f *Family) typing() bool {
	return f.stage == codeStage || f.stage == nameStage || f.stage == birthStage || f.stage == dueStage
}

// dateLength bounds a typed date: room for one written with spaces, and
// no more.
const dateLength = 24

// enter takes the code, the name or a date typed.
func (f *Family) enter() (tea.Model, tea.Cmd) {
	typed := f.input.String()
	switch f.stage {
	case birthStage:
		return f.birthTyped(typed)
	case dueStage:
		return f.dueTyped(typed)
	}
	if f.stage == codeStage {
		if wait := f.lim.Wait(f.addr); wait > 0 {
			f.wait = f.hub.Now().Add(wait)
			return f, tea.Tick(time.Second, func(time.Time) tea.Msg { return waitTickMsg{} })
		}
		if strings.TrimSpace(typed) == "" {
			f.problem = "Type the class code first: the three words your instructor gave."
			return f, nil
		}
		if !f.hub.Code().Matches(typed) {
			f.input.clear()
			if wait := f.lim.Fail(f.addr); wait > 0 {
				f.wait = f.hub.Now().Add(wait)
				f.problem = ""
				return f, tea.Tick(time.Second, func(time.Time) tea.Msg { return waitTickMsg{} })
			}
			f.problem = "That is not this class's code. Check the three words with your instructor and type them again."
			return f, nil
		}
		f.input, f.problem, f.stage = field{max: store.MaxNameLength}, "", nameStage
		return f, nil
	}
	name := class.CleanName(typed)
	switch err := f.hub.CanJoin(name); err {
	case nil:
	case class.ErrFull:
		f.stage = fullStage
		return f, nil
	default:
		f.problem = f.nameProblem(err, name)
		return f, nil
	}
	f.name, f.problem, f.stage, f.input = name, "", birthStage, field{max: dateLength}
	return f, nil
}

// nameProblem says why the name typed cannot be taken, and what to do.
func (f *Family) nameProblem(err error, name string) string {
	switch err {
	case class.ErrNoName:
		return "Type your baby's first name (letters, spaces), then press enter."
	case class.ErrNameInUse:
		return fmt.Sprintf("A family with a baby called %s is in the class already. Add an initial or a nickname (%s B, say).", name, name)
	case class.ErrNameTaken:
		return fmt.Sprintf("The name %s is taken in this class: add an initial, like %s B. Joining again? Give the name and birth date you gave before.", name, name)
	}
	return err.Error()
}

// join seats the family, once the birth date is given: a family that
// dropped out and gives their baby's name and birth date again gets
// their session back, where the class is now. The same name with another
// date is a wrong try, as a wrong code is: back to the name.
func (f *Family) join(birth time.Time) (tea.Model, tea.Cmd) {
	if wait := f.lim.Wait(f.addr); wait > 0 {
		f.wait = f.hub.Now().Add(wait)
		return f, tea.Tick(time.Second, func(time.Time) tea.Msg { return waitTickMsg{} })
	}
	seat, err := f.hub.Join(f.name, birth)
	switch err {
	case nil:
	case class.ErrFull:
		f.stage = fullStage
		return f, nil
	default:
		var cmd tea.Cmd
		if err == class.ErrNameTaken {
			if wait := f.lim.Fail(f.addr); wait > 0 {
				f.wait = f.hub.Now().Add(wait)
				cmd = tea.Tick(time.Second, func(time.Time) tea.Msg { return waitTickMsg{} })
			}
		}
		f.stage, f.input, f.problem = nameStage, field{max: store.MaxNameLength}, f.nameProblem(err, f.name)
		f.input.add(f.name)
		return f, cmd
	}
	f.seat, f.problem = seat, ""
	f.idleSeq++ // joined: no more idle timeout
	cmd := listen(seat.C())
	if seat.Returning() {
		f.stage, f.prev = followStage, f.hub.Snapshot()
		return f, cmd
	}
	f.birth, f.stage = birth, earlyStage
	return f, cmd
}

// birthTyped takes the birth date typed: a wrong one is said, with what
// to type.
func (f *Family) birthTyped(typed string) (tea.Model, tea.Cmd) {
	now := f.hub.Now()
	birth, err := store.ParseBirth(typed, now)
	name := f.name
	switch {
	case errors.Is(err, store.ErrFuture):
		f.problem = fmt.Sprintf("That date is in the future. Type the day %s was born: year-month-day, like %s.", name, example(now))
	case errors.Is(err, store.ErrLongAgo):
		f.problem = fmt.Sprintf("That is more than %d years ago: check the year, and type the day %s was born, like %s.", store.MaxBabyYears, name, example(now))
	case err != nil:
		f.problem = dateProblem(err, now)
	case birth.IsZero():
		f.problem = fmt.Sprintf("Type the day %s was born: year-month-day, like %s.", name, example(now))
	case f.seat == nil:
		return f.join(birth)
	default: // back to the date, to change it: seated already
		f.birth, f.problem, f.stage = birth, "", earlyStage
	}
	return f, nil
}

// dueTyped takes the due date of a baby born early.
func (f *Family) dueTyped(typed string) (tea.Model, tea.Cmd) {
	now := f.hub.Now()
	due, err := store.ParseDue(typed, f.birth, now)
	born := f.birth.Format(store.DateLayout)
	switch {
	case errors.Is(err, store.ErrDueBefore):
		f.problem = fmt.Sprintf("The due date comes after the birth date (%s). Check it, or press esc if your baby was not born early.", born)
	case errors.Is(err, store.ErrDueFar):
		f.problem = fmt.Sprintf("That is more than 20 weeks after the birth date (%s): check the due date, or esc to go back.", born)
	case err != nil:
		f.problem = dateProblem(err, now)
	case due.IsZero():
		f.problem = "Type the due date your baby had: year-month-day. Or press esc if your baby was not born early."
	case !routines.DatesEarly(f.birth, due):
		// The family said born early: dates that say not are more likely
		// a slip than the truth, and would skip the go-ahead.
		days := int(due.Sub(f.birth).Hours()/24 + 0.5)
		f.problem = fmt.Sprintf("These dates put the birth %s before the due date, not more than 3 weeks: check the due date, or press esc if your baby was not born more than 3 weeks early.", plural.Of(days, "day"))
	default:
		f.problem = ""
		return f.aged(due)
	}
	return f, nil
}

// dateProblem says what is wrong with a date typed that is not one, and
// what to type: "There is no 30 February 2026." first, when it is a
// date's numbers.
func dateProblem(err error, now time.Time) string {
	say := fmt.Sprintf("Type the date as year-month-day, numbers only, like %s.", example(now))
	if errors.Is(err, store.ErrDateForm) {
		return say
	}
	why := err.Error()
	return strings.ToUpper(why[:1]) + why[1:] + ". " + say
}

// backToBirth goes back to the birth date, as typed, to change it.
func (f *Family) backToBirth() {
	f.stage, f.input, f.problem = birthStage, field{max: dateLength}, ""
	f.input.add(f.birth.Format(store.DateLayout))
}

// example is a date to type, as an example: a month ago.
func example(now time.Time) string { return now.AddDate(0, -1, 0).Format(store.DateLayout) }

// aged hands the baby's dates to the hub, and asks what their age asks:
// whether to watch or follow anyway, when the routine is not made for
// it; else on to keeping the answers.
func (f *Family) aged(due time.Time) (tea.Model, tea.Cmd) {
	c, err := f.seat.Baby(f.birth, due)
	if err != nil {
		f.stage, f.input = birthStage, field{max: dateLength}
		f.problem = "Those dates do not go together: type the birth date again."
		return f, nil
	}
	f.baby = c
	f.askQuestions(c)
	f.stage = keepStage
	if c.Outside() {
		f.stage = fitStage
	}
	return f, nil
}

// askQuestions sets out the questions every massage of a real baby
// begins with, as the app asks them, with what the dates say (a baby
// born early is asked for the go-ahead first). The room is taken to be
// warm until the parent says not.
func (f *Family) askQuestions(c class.AgeCheck) {
	f.ans = c.Known
	f.qs = routines.Check(f.hub.Routine(), f.ans)
	for i, q := range f.qs {
		if q.About == routines.ReadinessEarly {
			f.qs[i].Why = routines.EarlyWhy // asked again at every class: nothing is remembered here
		}
	}
	f.at = f.forward(0)
}

// forward is the first question from i on that is asked (len(qs) past
// them); a follow-up not asked keeps the harmless answer.
func (f *Family) forward(i int) int {
	for ; i < len(f.qs) && !routines.Asked(f.qs[i], f.ans); i++ {
		*f.ans.To(f.qs[i].About) = false
	}
	return i
}

// backward is the last question asked before i, or i itself at the first.
func (f *Family) backward(i int) int {
	for j := i - 1; j >= 0; j-- {
		if routines.Asked(f.qs[j], f.ans) {
			return j
		}
	}
	return i
}

// ready hands the answers to the hub, and shows what they say when there
// is something to say.
func (f *Family) ready() (tea.Model, tea.Cmd) {
	f.verdict, f.again = f.seat.Ready(f.ans, f.keep), false
	if f.verdict.Go() && len(f.verdict.Why) == 0 && len(f.verdict.Tips) == 0 {
		f.stage, f.prev = followStage, f.hub.Snapshot()
		return f, nil
	}
	f.stage = verdictStage
	return f, nil
}

// followKey is a key while following: an answer, a hand, the end of
// their own massage.
func (f *Family) followKey(msg tea.KeyPressMsg) tea.Cmd {
	k := f.keys
	if f.confirmEnd {
		f.confirmEnd = false
		if key.Matches(msg, k.Yes) {
			f.seat.End()
		}
		return nil
	}
	if c, ok := routines.CueByDigit(msg.String()); ok {
		f.seat.Answer(c)
		return nil
	}
	switch {
	case key.Matches(msg, k.FollowNow):
		// Watching for a feed or a baby not calm: the questions again,
		// and, if they say so, the class from where it is.
		if v := f.seat.View(); v.Again {
			f.askQuestions(v.Baby)
			f.stage, f.again = questionStage, true
		}
	case key.Matches(msg, k.Hand):
		f.seat.Hand()
	case key.Matches(msg, k.End):
		if f.seat.View().Stage == class.FamilyFollowing {
			f.confirmEnd = true
		}
	}
	return nil
}

// ring rings the family's own terminal bell at a new step, region,
// check-in or the end, so their eyes can stay on their baby.
func (f *Family) ring() tea.Cmd {
	if f.stage != followStage {
		return nil
	}
	now := f.hub.Snapshot()
	prev := f.prev
	f.prev = now
	if prev == nil || now.Seq == prev.Seq {
		return nil
	}
	bell := ui.Bell{}
	a, b := prev.State, now.State
	switch {
	case now.Stage == class.StageOver && prev.Stage != class.StageOver:
		return bell.Play(ui.SoundEnd)
	case now.Stage != class.StageRunning:
		return nil
	case b.Phase == routines.PhaseCheckIn && a.Phase != routines.PhaseCheckIn:
		return bell.Play(ui.SoundCheckIn)
	case prev.Stage == class.StageLobby || b.Region.ID != a.Region.ID:
		return bell.Play(ui.SoundRegion)
	case b.Index != a.Index || b.Step.Title() != a.Step.Title() || b.Phase != a.Phase && b.Phase == routines.PhaseRunning:
		return bell.Play(ui.SoundStroke)
	}
	return nil
}

// typingBody lays out a stage where the family types: the title, what
// to type, more about it, the field and what was wrong. A family must
// see what they type and why it was refused, so on a short window the
// explanation gives way first (the more, then the hint), then the blank
// lines between.
func (f *Family) typingBody(title string, hint, more []string, field string, warn []string) []string {
	s := &f.styles
	room := max(f.h-4, 0) // the frame's header, footer and rules take 4
	var body []string
	build := func(hint, more []string, air bool) []string {
		body = body[:0]
		gap := func() {
			if air {
				body = append(body, "")
			}
		}
		gap()
		body = append(body, s.Title.Render(title))
		gap()
		for _, l := range hint {
			body = append(body, s.Text.Render(l))
		}
		if len(more) > 0 {
			gap()
			for _, l := range more {
				body = append(body, s.Dim.Render(l))
			}
		}
		if len(hint)+len(more) > 0 {
			gap()
		}
		body = append(body, field)
		if len(warn) > 0 {
			gap()
		}
		for _, l := range warn {
			body = append(body, s.Warn.Render(l))
		}
		return body
	}
	for _, try := range []struct {
		hint, more []string
		air        bool
	}{{hint, more, true}, {hint, nil, true}, {nil, nil, true}, {hint, nil, false}, {nil, nil, false}} {
		if len(build(try.hint, try.more, try.air)) <= room {
			return body
		}
	}
	return body
}

// --- views ---

func (f *Family) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = "cradle · class"
	v.SetContent(f.draw())
	return v
}

// draw is the screen of the stage on screen.
func (f *Family) draw() string {
	s, k := &f.styles, f.keys
	header := s.Brand.Render("cradle") + s.Dim.Render(" · class · "+f.hub.Routine().Title)
	w := min(f.w-4, 76)
	pad := max((f.w-w)/2, 1)
	var body []string
	var footer string
	say := func(st lipgloss.Style, text string) {
		for _, l := range lines(text, w) {
			body = append(body, st.Render(l))
		}
	}
	switch f.stage {
	case codeStage, nameStage, birthStage, dueStage:
		title, label, hint, more := "Welcome to the class", "Class code", "Type the class code your instructor gave you: three short words.", ui.Notice
		switch f.stage {
		case nameStage:
			title, label, hint = "Your baby", "First name", "Your baby's first name: only your instructor sees it. Joining again? Give the same name and birth date, to carry on where you were."
		case birthStage:
			name := f.name
			title, label = "How old is "+name+"?", "Birth date"
			hint = fmt.Sprintf("The day %s was born, as year-month-day, like %s.", name, example(f.hub.Now()))
			more = fmt.Sprintf("It tells whether this class's massage is made for %s's age, as cradle does at home. Your instructor does not see it; it goes home with your session.", name)
		case dueStage:
			title, label = "Born early", "Due date"
			hint = fmt.Sprintf("The day %s was due, as year-month-day, like %s.", f.seat.View().Name, example(f.hub.Now()))
		}
		field := s.Dim.Render(label+"  ") + s.Accent.Render("› ") + s.Text.Render(layout.Cut(f.input.String(), w-len(label)-6)) + s.Accent.Render("▏")
		var warn []string
		wait := f.wait.Sub(f.hub.Now())
		switch {
		case f.stage == codeStage && wait > 0:
			warn = lines(fmt.Sprintf("Too many wrong codes from this computer: wait %s, then try again. Ask your instructor for the three words.", ui.FormatCountdown(wait)), w)
		case f.problem != "":
			warn = lines(f.problem, w)
		}
		if f.stage != codeStage && wait > 0 {
			warn = append(warn, lines(fmt.Sprintf("Too many wrong tries from this computer: wait %s, then try again.", ui.FormatCountdown(wait)), w)...)
		}
		body = f.typingBody(title, lines(hint, w), lines(more, w), field, warn)
		keys := []key.Binding{layout.Relabel(k.Open, "enter", "go on"), layout.Relabel(k.ForceQuit, "ctrl+c", "leave")}
		if f.stage == dueStage {
			keys = append(keys[:1], layout.Relabel(k.Leave, "esc", "back"), keys[1])
		}
		footer = keysLine(s, f.w-2, keys...)
	case earlyStage:
		name := f.seat.View().Name
		body = append(body, "", s.Title.Render("Born early?"), "")
		say(s.Text, routines.EarlyQuestion(name))
		body = append(body, "")
		say(s.Dim, routines.EarlyQuestionWhy+fmt.Sprintf(" cradle then counts %s's age from the due date (the corrected age), as it does at home: this is cradle's choice, so ask your baby's doctor or nurse what suits.", name))
		body = append(body, "", s.Key.Render("y")+" "+s.Text.Render("Yes")+"     "+s.Key.Render("n")+" "+s.Text.Render("No"))
		footer = keysLine(s, f.w-2, k.AnswerYes, k.AnswerNo, layout.Relabel(k.Previous, "↑", "the birth date"), layout.Relabel(k.ForceQuit, "ctrl+c", "leave"))
	case fitStage:
		name := f.seat.View().Name
		c := f.baby
		body = append(body, "", s.Title.Render(routines.FitTitle(c.Fit)), "")
		say(s.Text, routines.MadeFor(f.hub.Routine(), c.Fit, name, c.Birth, c.Due, f.hub.Now()))
		body = append(body, "")
		if c.Suited != nil {
			say(s.Calm, fmt.Sprintf("At home, cradle's %s suits %s's age (%s).", c.Suited.Title, name, c.Suited.Ages))
			body = append(body, "")
		}
		say(s.Text, fmt.Sprintf("You are welcome to watch the class today, with %s in your arms or a still, warm hand resting on them.", name))
		body = append(body, "")
		choice := func(key, text string) {
			for i, l := range lines(text, w-9) {
				lead := s.Key.Render(fmt.Sprintf("%-7s", key)) + "  "
				if i > 0 {
					lead = strings.Repeat(" ", 9)
				}
				body = append(body, lead+s.Text.Render(l))
			}
		}
		choice("enter", "Watch the class")
		choice("y", "Follow the class anyway: keep it short and gentle, and stop when your baby has had enough")
		footer = keysLine(s, f.w-2, layout.Relabel(k.Open, "enter", "watch"), layout.Relabel(k.Anyway, "y", "follow anyway"),
			layout.Relabel(k.Previous, "↑", "the birth date"), layout.Relabel(k.ForceQuit, "ctrl+c", "leave"))
	case keepStage:
		name := f.seat.View().Name
		body = append(body, "", s.Title.Render("Welcome, "+name), "")
		say(s.Text, fmt.Sprintf("May your instructor keep %s's answers (how your baby was, region by region) after the class?", name))
		body = append(body, "")
		say(s.Dim, "Either way you can take your whole session home at the end, and the room's counts (how many babies were relaxed, and so on) are kept without names.")
		body = append(body, "", s.Key.Render("y")+" "+s.Text.Render("Yes, keep them")+"     "+s.Key.Render("n")+" "+s.Text.Render("No, only the counts"))
		footer = keysLine(s, f.w-2, layout.Relabel(k.AnswerYes, "y", "yes"), layout.Relabel(k.AnswerNo, "n", "no"), layout.Relabel(k.ForceQuit, "ctrl+c", "leave"))
	case questionStage:
		q := f.qs[f.at]
		body = append(body, "", s.Dim.Render(fmt.Sprintf("Before you start  ·  %d of %d  ·  y or n", f.at+1, len(f.qs))), "")
		say(s.Title, q.Title)
		say(s.Dim, q.Why)
		body = append(body, "", s.Key.Render("y")+" "+s.Text.Render("Yes")+"     "+s.Key.Render("n")+" "+s.Text.Render("No"))
		prev := k.Previous
		prev.SetEnabled(f.backward(f.at) != f.at)
		footer = keysLine(s, f.w-2, k.AnswerYes, k.AnswerNo, prev)
		if f.again {
			footer = keysLine(s, f.w-2, k.AnswerYes, k.AnswerNo, layout.Relabel(k.Leave, "esc", "keep watching"), prev)
		}
	case verdictStage:
		v := f.verdict
		if !v.Go() {
			body = append(body, "", s.Title.Render("Not just now"), "")
			for _, stop := range v.Stops {
				say(s.Text, stop.Why())
				body = append(body, "")
			}
			if f.seat.View().Again {
				say(s.Dim, fmt.Sprintf("You are welcome to watch the class for now. When %s is ready, f asks these questions again, and you follow from there.", f.seat.View().Name))
			} else {
				say(s.Dim, "You are welcome to stay and watch the class, to try it another day.")
			}
			footer = keysLine(s, f.w-2, layout.Relabel(k.Open, "enter", "watch the class"), layout.Relabel(k.ForceQuit, "ctrl+c", "leave"))
		} else {
			body = append(body, "", s.Title.Render("Ready when you are"), "")
			for _, why := range v.Why {
				say(s.Warn, why)
				body = append(body, "")
			}
			for _, tip := range v.Tips {
				say(s.Text, tip)
				body = append(body, "")
			}
			footer = keysLine(s, f.w-2, layout.Relabel(k.Open, "enter", "follow the class"), layout.Relabel(k.ForceQuit, "ctrl+c", "leave"))
		}
	case fullStage:
		body = append(body, "", s.Title.Render("The class is full"), "")
		say(s.Text, fmt.Sprintf("This class takes %s, and they are all here. Please ask your instructor: you can follow the big screen in the room, or join another class.", plural.Of(f.hub.MaxFamilies(), "family", "families")))
		footer = keysLine(s, f.w-2, layout.Relabel(k.Home, "any key", "close"))
	case closedStage:
		say(s.Text, "Closed after a while without a key. Join again with the same ssh command.")
	case followStage:
		var right string
		header, right, body, footer = f.follow(w)
		header = spread(f.w-2, header, right)
	}
	if f.stage != followStage {
		header = spread(f.w-2, header, "")
	}
	// Some air above on a tall window, as the app's screens have.
	if room := f.h - 4; room > len(body)+2 {
		body = append(make([]string, min((room-len(body))/3, 6)), body...)
	}
	return frame(s, f.w, f.h, header, indent(body, pad), footer)
}
