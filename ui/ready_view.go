package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui/layout"
)

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
	case earlyStage, dateStage:
		return rs.earlyView(header)
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

// page is the stage on screen, under Notice on the first page of a
// run's first check (the questions show it above them).
func (rs *readyScreen) page() readyPage {
	var pg readyPage
	switch rs.stage {
	case ageStage:
		pg = rs.agePage()
	case sameStage:
		pg = rs.samePage()
	case formStage:
		return rs.questionPage()
	case earlyStage:
		pg = rs.earlyPage()
	case dateStage:
		pg = rs.datePage()
	default:
		pg = rs.verdictPage()
	}
	if rs.notice && rs.a.cfg.Plain { // the full screen fits it in (noticeLines)
		pg.words = append([]para{{Notice, rs.a.styles.Dim}}, pg.words...)
	}
	return pg
}

// noticeLines are Notice's lines, with a blank line after, for the first
// page of a run's first check, when room lines are left for it: it gives
// way to the page's own words on a short window.
func (rs *readyScreen) noticeLines(w, room int, indent string) []string {
	lines := wrap(Notice, w, indent)
	if !rs.notice || room < len(lines)+1 {
		return nil
	}
	for i, l := range lines {
		lines[i] = rs.a.styles.Dim.Render(l)
	}
	return append(lines, "")
}

// earlyView shows the born-early question, or the date asked after a
// yes with what is typed and what is wrong with it. The answers, the
// date typed and its problem stay on screen however short the window:
// the words give way to them, and the notice first.
func (rs *readyScreen) earlyView(header string) string {
	a, s := rs.a, rs.a.styles
	w := min(a.w-6, 76)
	pg := rs.page()
	var tail []string
	if rs.stage == dateStage {
		label := rs.dateLabel() + "  "
		tail = append(tail, "  "+s.Dim.Render(label)+s.Accent.Render("› ")+s.Text.Render(layout.Cut(rs.input.text, max(w-lipgloss.Width(label)-3, 1)))+s.Accent.Render("▏"))
		if rs.problem != "" {
			pg.words = pg.words[:len(pg.words)-1] // said under the date
			tail = append(tail, "")
			for _, l := range wrap(rs.problem, w, "  ") {
				tail = append(tail, s.Warn.Render(l))
			}
		}
	} else {
		var answers []string
		for _, c := range pg.choices {
			answers = append(answers, s.Key.Render(c.key)+" "+s.Text.Render(c.text))
		}
		tail = append(tail, "  "+strings.Join(answers, "     "))
	}
	var words []string
	for _, p := range pg.words {
		words = paragraph(words, p.style, p.text, w)
	}
	top := []string{"", "  " + s.Title.Render(pg.title), ""}
	room := a.h - 4 - len(top) - len(tail)
	top = append(top, rs.noticeLines(w, room-len(words), "   ")...)
	if room = a.h - 4 - len(top) - len(tail); len(words) > room {
		words = words[:max(room, 0)]
		if n := len(words); n > 0 {
			words[n-1] = layout.Cut(words[n-1], w) // a cut paragraph
		}
	}
	b := append(append(top, words...), tail...)
	return a.frame(header, strings.Join(b, "\n"), a.helpBar(a.w-2, pg.keys...))
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
		pg.keys = []key.Binding{layout.Relabel(a.keys.Start, "enter", stop), a.keys.ChangeAnswers}
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
		start = "begin without " + routines.InSentence(regionNames(rs.r, v.LeftOut))
	case n > 1:
		start = fmt.Sprintf("begin without those %d regions", n)
	}
	pg.keys = []key.Binding{layout.Relabel(a.keys.Start, "enter", start), a.keys.ChangeAnswers, a.keys.Leave}
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
		keys:  []key.Binding{layout.Relabel(k.Up, "↑/↓", "choose"), k.Pick, k.GoOnAreas, k.Leave}}
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
	b = append(b, rs.noticeLines(w-2, a.h-4-len(b)-len(ask)-1, "  ")...)
	if said := goAheadWords(a.data.baby); said != "" {
		b = append(b, "  "+s.Calm.Render(layout.Cut(said, w)), "")
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
			b = append(b, "  "+s.Dim.Render(layout.Cut("✓ "+rs.qs[i].Title, max(w-lipgloss.Width(" yes"), 1))+" ")+ans)
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

// agePage asks first when the routine is outside the baby's ages, and
// names the routine that suits.
func (rs *readyScreen) agePage() readyPage {
	a, s := rs.a, rs.a.styles
	name := a.data.baby.Name
	pg := readyPage{title: routines.FitTitle(rs.fit)}
	text := routines.MadeFor(rs.r, rs.fit, name, a.data.baby.Birth, a.data.baby.Due, a.clock.Now())
	suits := "None of the routines here is made for " + name + "'s age. If you go on, keep it short and gentle, and stop when your baby has had enough."
	if rs.suited != nil {
		suits = fmt.Sprintf("%s suits %s's age (%s).", rs.suited.Title, name, rs.suited.Ages)
		pg.choices = append(pg.choices, choice{a.keyWord(a.keys.Instead), rs.suited.Title + " instead"})
		pg.keys = append(pg.keys, layout.Relabel(a.keys.Instead, "enter", "instead"))
	}
	pg.words = []para{{text, s.Text}, {suits, s.Calm}}
	pg.choices = append(pg.choices, choice{typed(a.keys.Anyway), rs.r.Title + " anyway"}, choice{"esc", "back"})
	pg.keys = append(pg.keys, layout.Relabel(a.keys.Anyway, "y", "anyway"), a.keys.Leave)
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
	top = append(top, rs.noticeLines(w, a.h-4-len(top)-len(choices)-len(words), "   ")...)
	if room := a.h - 4 - len(top) - len(choices); len(words) > room {
		words = words[:max(room, 0)]
		if n := len(words); n > 0 {
			words[n-1] = layout.Cut(words[n-1], w) // a cut paragraph
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
	for _, q := range routines.Questions(rs.r, rs.known()) {
		if q.Clear != "" {
			said = append(said, q.Clear)
		}
	}
	if rs.same.Oil {
		said = append(said, "and you used oil")
	}
	if words := goAheadWords(a.data.baby); words != "" {
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
	var words []string
	for _, p := range pg.words {
		words = paragraph(words, p.style, p.text, w)
	}
	b := []string{"", "  " + s.Title.Render(pg.title), ""}
	b = append(append(b, rs.noticeLines(w, a.h-4-len(b)-len(words), "   ")...), words...)
	return a.frame(header, strings.Join(b, "\n"), a.helpBar(a.w-2, pg.keys...))
}

// plain says each stage once: a question with its answers, the areas and
// which are picked, what the answers mean, with the keys to go on.
func (rs *readyScreen) plain() []block {
	pg := rs.page()
	var lines []string
	key := fmt.Sprint("ready:", rs.r.ID, ":", rs.stage, ":", rs.at, ":", rs.field, ":", rs.problem)
	switch {
	case rs.stage == formStage && rs.at < len(rs.qs):
		at, n := rs.place()
		q := fmt.Sprintf("%s, %d of %d: %s", beforeTitle, at, n, pg.title)
		if rs.notice {
			lines = append(lines, Notice)
		}
		if said := goAheadWords(rs.a.data.baby); said != "" && at == 1 {
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
