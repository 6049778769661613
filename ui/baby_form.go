package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui/layout"
)

// babyFormScreen asks for a baby's name, birth date and, for a baby born
// early, the due date. Everything can be left empty ("Baby" is fine). The
// first time, it also says once, kindly, that cradle is not medical
// advice.
type babyFormScreen struct {
	a     *app
	back  screen
	next  *routines.Routine // start this routine after saving; nil = back
	baby  store.Baby        // the baby being edited; ID 0 for a new one
	form  *huh.Form
	name  string
	birth string
	due   string
	err   error
	// current makes the saved baby the one the next massage is for.
	current bool
	// saving is true while the baby is being saved: an enter pressed
	// again meanwhile must not save a second baby.
	saving bool
	// asked is true once plain mode has asked for the details.
	asked bool
	// rows is the height the form was last given (fitForm).
	rows int
	// dueField is the due date's field, whose description says what the
	// dates typed mean for a baby born early instead of dueDesc.
	dueField *huh.Input
	dueDesc  string
	// keys are the form's keys; nexts and prevs count the moves made at
	// once (hop) whose own message from huh is still to come.
	keys         *huh.KeyMap
	nexts, prevs int
	// said is the answer to routines.EarlyField, which the dates
	// decide when both are given; earlyField asks it.
	said       routines.Early
	earlyField *huh.Select[routines.Early]
	// was is what the form opened with; leaving asks first when the
	// details differ from it (leaving).
	was     [4]string
	leaving bool
}

const dateLayout = "2006-01-02"

// Notice is the one place cradle says it is not medical advice.
const Notice = "cradle guides gentle baby massage. It is not medical advice: if your baby was born early, is under medical care or has a health condition, ask your doctor or nurse before you start."

// newBabyScreen edits the baby the next massage is for (or asks for the
// first one), then starts next if it is set.
func newBabyScreen(a *app, back screen, next *routines.Routine) (screen, tea.Cmd) {
	return newBabyForm(a, back, next, a.data.baby, true)
}

// newBabyForm edits b (a new baby when its ID is 0).
func newBabyForm(a *app, back screen, next *routines.Routine, b store.Baby, current bool) (screen, tea.Cmd) {
	bs := &babyFormScreen{a: a, back: back, next: next, baby: b, current: current}
	if bs.first() {
		a.noticed = true // it says Notice
	}
	if b.ID != 0 {
		bs.name = b.Name
		if !b.Birth.IsZero() {
			bs.birth = b.Birth.Format(dateLayout)
		}
		if !b.Due.IsZero() {
			bs.due = b.Due.Format(dateLayout)
		}
		bs.said = b.Early
	}
	var fields []huh.Field
	for _, f := range bs.fields() {
		in := huh.NewInput().Title(f.title).Description(f.desc).
			Placeholder(f.placeholder).CharLimit(f.limit).Value(f.value).Validate(f.check)
		if f.value == &bs.due {
			bs.dueField, bs.dueDesc = in, f.desc
		}
		fields = append(fields, in)
	}
	bs.earlyField = bs.earlySelect()
	fields = append(fields, bs.earlyField)
	bs.describeDue()
	bs.was = bs.details()
	km := huh.NewDefaultKeyMap()
	// esc is the screen's (leaving), never huh's: huh's quit dropped
	// the details typed without a word, and its filter of a list of
	// three took esc to close it.
	km.Quit = key.NewBinding()
	km.Select.Filter, km.Select.SetFilter, km.Select.ClearFilter = key.NewBinding(), key.NewBinding(), key.NewBinding()
	bs.keys = km
	bs.form = huh.NewForm(huh.NewGroup(fields...)).WithKeyMap(km).WithTheme(huhTheme(a.styles)).
		WithShowHelp(false).WithWidth(min(a.w-4, 72))
	if a.cfg.Plain {
		return bs, nil // plainForm asks instead
	}
	return bs, tea.Batch(bs.form.Init(), bs.fitForm())
}

// babyField is one of the baby's details, as the form asks for it.
type babyField struct {
	title, desc, placeholder string
	limit                    int
	value                    *string
	check                    func(string) error
}

// fields are the details the form asks for: the name, the birth date,
// and for a baby born early the due date.
func (b *babyFormScreen) fields() []babyField {
	a, id, now := b.a, b.baby.ID, b.a.clock.Now()
	return []babyField{
		{"Your baby's name", "Optional. \"Baby\" is fine.", "Baby", store.MaxNameLength, &b.name,
			func(s string) error { return nameTaken(s, id, a.data.babies) }},
		{"Birth date", "Optional, as year-month-day. It lets cradle show your baby's age.", "YYYY-MM-DD", 10, &b.birth,
			func(s string) error { _, err := parseBirth(s, now); return err }},
		{"Due date, if your baby was born early",
			"Optional. cradle then counts your baby's age from the due date (the corrected age) to choose routines: this is cradle's choice, so ask your baby's doctor or nurse what suits.",
			"YYYY-MM-DD", 10, &b.due,
			func(s string) error { _, err := parseDue(s, b.birth, now); return err }},
	}
}

// plainForm is the form for plain mode, asked once: huh's accessible
// mode asks each detail on a line of its own, with its description (it
// shows no descriptions of its own) and the value kept when the line is
// left empty.
func (b *babyFormScreen) plainForm() *huh.Form {
	if b.asked {
		return nil
	}
	b.asked = true
	var fields []huh.Field
	for _, f := range b.fields() {
		prompt := f.title + ". " + f.desc
		if *f.value != "" {
			prompt += " Now " + *f.value + ": enter keeps it."
		}
		fields = append(fields, huh.NewInput().Title(prompt+"\n").CharLimit(f.limit).Value(f.value).Validate(f.check))
	}
	// Asked before the dates are read: it says when they decide.
	fields = append(fields, b.earlySelect().Title(routines.EarlyField+" "+earlyWhy+" "+datesDecide+" Enter keeps "+earlyChoice(b.said)+".\n"))
	return huh.NewForm(huh.NewGroup(fields...)).WithTheme(huh.ThemeFunc(huh.ThemeBase))
}

// earlySelect asks whether the baby was born early: not said (cradle
// then asks at the next readiness check), yes or no.
func (b *babyFormScreen) earlySelect() *huh.Select[routines.Early] {
	var opts []huh.Option[routines.Early]
	for _, e := range []routines.Early{routines.EarlyNotAsked, routines.EarlyYes, routines.EarlyNo} {
		opts = append(opts, huh.NewOption(earlyChoice(e), e))
	}
	return huh.NewSelect[routines.Early]().Title(routines.EarlyField).Options(opts...).Value(&b.said)
}

// earlyChoice names an answer to routines.EarlyField.
func earlyChoice(e routines.Early) string {
	switch e {
	case routines.EarlyYes:
		return "Yes"
	case routines.EarlyNo:
		return "No"
	}
	return "Not said"
}

// earlyDesc says what the answer to routines.EarlyField does: when both
// dates are typed they decide, and it says what they say.
func (b *babyFormScreen) earlyDesc() string {
	now := b.a.clock.Now()
	birth, err := parseBirth(b.birth, now)
	if err != nil || birth.IsZero() {
		return earlyWhy
	}
	due, err := parseDue(b.due, b.birth, now)
	if err != nil || due.IsZero() {
		return earlyWhy
	}
	switch {
	case routines.DatesEarly(birth, due):
		return "The dates above decide: yes."
	case b.said == routines.EarlyYes:
		// A yes is the careful answer: dates that disagree do not undo it.
		return "The dates above say not, but a yes is kept: cradle asks for the doctor's or nurse's go-ahead first."
	}
	return "The dates above decide: no."
}

// datesDecide says, in plain mode, that the dates given decide.
const datesDecide = "Dates that say born early count over a No; a Yes is kept even when the dates say not, and cradle then asks for the doctor's or nurse's go-ahead first."

// earlyWhy is why the form asks whether the baby was born early.
const earlyWhy = routines.EarlyQuestionWhy + " Not said: cradle asks before the next massage."

// babyName is the name a baby is saved under: cleaned, trimmed, "Baby"
// when left empty.
func babyName(s string) string {
	if s = strings.TrimSpace(routines.Clean(s)); s != "" {
		return s
	}
	return "Baby"
}

// nameTaken refuses a name another baby already has, in any case:
// export --baby and import find babies by name, so two of the same name
// would be mixed up. The baby with id keeps its own name.
func nameTaken(s string, id uint64, babies []store.Baby) error {
	name := babyName(s)
	for _, x := range babies {
		if x.ID != id && store.SameName(x.Name, name) {
			//lint:ignore ST1005 the form shows this text as it is: a sentence
			return fmt.Errorf("There is already a baby called %s: add a surname or a nickname.", x.Name)
		}
	}
	return nil
}

// parseBirth reads an optional birth date, as store.ParseBirth does.
func parseBirth(s string, now time.Time) (time.Time, error) { return store.ParseBirth(s, now) }

// parseDue reads an optional due date for the birth date typed: the
// due date needs a birth date to go with.
func parseDue(s, birth string, now time.Time) (time.Time, error) {
	b, err := store.ParseBirth(birth, now)
	if err != nil {
		b = time.Time{}
	}
	return store.ParseDue(s, b, now)
}

// babySavedMsg reports the baby saved (or not).
type babySavedMsg struct {
	baby store.Baby
	err  error
}

func (b *babyFormScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case formDoneMsg: // plain mode: the details are in
		if msg.ended {
			return b.back, nil // the input ended half way: nothing is saved
		}
		return b, b.save()
	case babySavedMsg:
		b.saving = false
		if msg.err != nil {
			b.err = msg.err
			if b.a.cfg.Plain { // no form to go back to: say so, and go back
				b.a.report(noticeMsg{b.saveErrWords()})
				return b.back, nil
			}
			return b, b.fitForm()
		}
		b.a.report(babyChangedMsg{msg.baby, b.current})
		if l, ok := b.back.(*babyListScreen); ok {
			l.selectBaby(msg.baby.ID)
		}
		if b.next != nil {
			return beginFor(b.a, b.next, b.back)
		}
		return b.back, nil
	case tea.PasteMsg:
		return b, b.paste(msg.Content)
	}
	if b.madeMove(msg) {
		return b, nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && b.form.State == huh.StateNormal {
		if next, done := b.leave(k); done {
			return next, b.fitForm()
		}
	}
	f, cmd := b.form.Update(msg)
	b.form = f.(*huh.Form)
	if k, ok := msg.(tea.KeyPressMsg); ok {
		cmd = tea.Batch(cmd, b.hop(k))
	}
	switch b.form.State {
	case huh.StateAborted:
		return b.back, nil
	case huh.StateCompleted:
		if b.saving {
			return b, nil
		}
		return b, tea.Batch(b.save(), b.fitForm())
	}
	b.describeDue()
	return b, tea.Batch(cmd, b.fitForm())
}

// details are what the form holds now.
func (b *babyFormScreen) details() [4]string {
	return [4]string{b.name, b.birth, b.due, string(b.said)}
}

// leave handles esc, and the question it asks when details were typed:
// y leaves without saving them, n (or esc again) goes on with the form.
// done is false for a key the form takes.
func (b *babyFormScreen) leave(k tea.KeyPressMsg) (next screen, done bool) {
	keys := b.a.keys
	switch {
	case b.leaving && key.Matches(k, keys.Yes):
		return b.back, true
	case b.leaving:
		b.leaving = !key.Matches(k, keys.No) // any other key keeps asking
		return b, true
	case !key.Matches(k, keys.LeaveForm):
		return nil, false
	case b.details() == b.was:
		return b.back, true
	}
	b.leaving = true
	return b, true
}

// hop moves to the field that enter, tab or shift+tab asked for at
// once. huh moves with a message of its own that comes back after the
// keys already typed: those would land in the field just left ("Leo2").
// Its message, when it comes, is then let go by (moved).
func (b *babyFormScreen) hop(k tea.KeyPressMsg) tea.Cmd {
	var move tea.Msg
	switch in := b.keys.Input; {
	case b.form.State != huh.StateNormal:
		return nil
	case key.Matches(k, in.Prev):
		move = huh.PrevField()
		b.prevs++
	case key.Matches(k, in.Next, in.Submit) && b.form.GetFocusedField().Error() == nil:
		move = huh.NextField() // huh moves only from a field it finds right
		b.nexts++
	default:
		return nil
	}
	f, cmd := b.form.Update(move)
	b.form = f.(*huh.Form)
	return cmd
}

// madeMove is true for huh's own message of a move hop made already: it
// is let go by. (An interface comparison with a struct is safe for any
// message: types that differ are unequal.)
func (b *babyFormScreen) madeMove(msg tea.Msg) bool {
	switch {
	case b.nexts > 0 && msg == huh.NextField():
		b.nexts--
	case b.prevs > 0 && msg == huh.PrevField():
		b.prevs--
	default:
		return false
	}
	return true
}

// paste types pasted text, its line breaks as enter: a paste of
// "name⏎date⏎" fills the fields in order.
func (b *babyFormScreen) paste(text string) tea.Cmd {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var cmds []tea.Cmd
	for i, line := range strings.Split(text, "\n") {
		if b.form.State != huh.StateNormal {
			break
		}
		if i > 0 {
			_, cmd := b.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
			cmds = append(cmds, cmd)
		}
		if line != "" && b.form.State == huh.StateNormal {
			f, cmd := b.form.Update(tea.PasteMsg{Content: line})
			b.form = f.(*huh.Form)
			cmds = append(cmds, cmd)
		}
	}
	return tea.Batch(cmds...)
}

// describeDue has the due date's field say, once the dates typed show a
// baby born early, to ask the doctor or nurse first (earlyWords), in the
// room of what it says otherwise: for every baby, as the dates are given.
func (b *babyFormScreen) describeDue() {
	if said := b.early(); said != "" {
		b.dueField.Description(said + " " + correctedWords)
	} else {
		b.dueField.Description(b.dueDesc)
	}
	b.earlyField.Description(b.earlyDesc())
}

// SetSize gives the form the window's width, and the rows left around it.
func (b *babyFormScreen) SetSize(w, h int) tea.Cmd {
	b.form = b.form.WithWidth(min(w-4, 72))
	b.rows = 0
	return b.fitForm()
}

func (b *babyFormScreen) save() tea.Cmd {
	b.saving = true
	baby := b.baby
	baby.Name = babyName(b.name)
	now := b.a.clock.Now()
	baby.Birth, _ = parseBirth(b.birth, now)
	baby.Due, _ = parseDue(b.due, b.birth, now)
	baby.Early = routines.KeptEarly(baby.Birth, baby.Due, b.said)
	if baby.Added.IsZero() {
		baby.Added = now
	}
	st, current := b.a.cfg.Store, b.current
	return func() tea.Msg {
		saved, err := st.SaveBaby(baby)
		if err == nil && current {
			err = st.SetLastBaby(saved.ID)
		}
		return babySavedMsg{saved, err}
	}
}

func (b *babyFormScreen) View() string {
	a, s := b.a, b.a.styles
	header := headerLine(a.w-2, s.Brand.Render("cradle"), s.Dim.Render(b.title()))
	above, below := b.around()
	lines := append([]string{""}, above...)
	lines = append(lines, strings.Split(indent(b.form.View(), "  "), "\n")...)
	return a.frame(header, strings.Join(append(lines, below...), "\n"), b.footer())
}

// footer is the form's keys: the field's own (huh's), and esc; while
// leaving is asked, its answers.
func (b *babyFormScreen) footer() string {
	k := b.a.keys
	if b.leaving { // in the footer, which a long form never pushes off
		ask := b.a.styles.Alert.Render(leaveFormWords)
		return ask + " " + b.a.helpBar(b.a.w-3-lipgloss.Width(ask), layout.Relabel(k.Yes, "y", "leave"), layout.Relabel(k.No, "n", "stay"))
	}
	if b.form.State != huh.StateNormal {
		return ""
	}
	return b.a.helpBar(b.a.w-2, append(b.form.KeyBinds(), k.LeaveForm)...)
}

// leaveFormWords ask before esc drops the details typed.
const leaveFormWords = "Leave without saving what you typed?"

// around are the lines above the form (the first start's welcome) and
// below it (a save going on or failed).
func (b *babyFormScreen) around() (above, below []string) {
	a, s := b.a, b.a.styles
	w := min(a.w-6, 70)
	if b.first() {
		above = append(above, "  "+s.Calm.Render(welcomeWords), "")
		for _, l := range wrap(Notice, w, "  ") {
			above = append(above, s.Dim.Render(l))
		}
		above = append(above, "")
	}
	if b.err != nil {
		below = append(below, "", "  "+s.Alert.Render(b.saveErrWords()))
	}
	if b.form.State == huh.StateCompleted && b.err == nil {
		below = append(below, "", "  "+s.Dim.Render(savingWords))
	}
	return above, below
}

// fitForm gives the form the rows the window has left around it, so
// that the form scrolls to the field being filled in rather than run
// off the bottom of a short window.
func (b *babyFormScreen) fitForm() tea.Cmd {
	above, below := b.around()
	// The header, its rule, a blank; the footer's rule and keys.
	room := max(b.a.h-5-len(above)-len(below)-len(b.a.bottomLines()), 3)
	if room == b.rows {
		return nil
	}
	b.rows = room
	f, cmd := b.form.Update(tea.WindowSizeMsg{Width: b.a.w, Height: room})
	b.form = f.(*huh.Form)
	return cmd
}

func (b *babyFormScreen) saveErrWords() string { return "Could not save: " + plainError(b.err) }

// title says whose details these are.
func (b *babyFormScreen) title() string {
	if b.baby.ID == 0 && len(b.a.data.babies) > 0 {
		return "a new baby"
	}
	return "your baby"
}

// busySaving reports whether the details are being saved (plain mode
// reads no line meanwhile).
func (b *babyFormScreen) busySaving() bool { return b.saving }

// early says what the dates typed mean for a baby born early (earlyWords).
func (b *babyFormScreen) early() string {
	return earlyWords(b.baby, b.birth, b.due, b.a.clock.Now())
}

// first is true before any baby is saved: the form then welcomes the
// parent and says, once, that cradle is not medical advice.
func (b *babyFormScreen) first() bool { return len(b.a.data.babies) == 0 && b.a.data.baby.ID == 0 }

// plain says whose details are asked for, and the welcome the first
// time; the form asks the rest.
func (b *babyFormScreen) plain() []block {
	lines := []string{}
	if b.first() {
		lines = append(lines, welcomeWords+".", Notice)
	}
	lines = append(lines, "The details of "+b.title()+", a line each.")
	blocks := []block{{fmt.Sprint("baby:", b.baby.ID), lines}}
	if b.saving {
		if said := b.early(); said != "" {
			blocks = append(blocks, block{"baby:early", []string{said}})
		}
		blocks = append(blocks, block{"baby:saving", []string{savingWords}})
	}
	return blocks
}

// welcomeWords greet a parent the first time.
const welcomeWords = "Welcome"

func upsert(babies []store.Baby, b store.Baby) []store.Baby {
	for i := range babies {
		if babies[i].ID == b.ID {
			babies[i] = b
			return babies
		}
	}
	return append(babies, b)
}

func indent(s, pad string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = pad + l
	}
	return strings.Join(lines, "\n")
}

// HelpKeys: the form's own help is under it.
func (b *babyFormScreen) HelpKeys() []keyGroup { return nil }

// takesHelpKey: ? is text typed into the form.
func (b *babyFormScreen) takesHelpKey() bool { return true }
