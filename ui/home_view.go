package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui/layout"
)

func (h *homeScreen) View() string {
	a, s := h.a, h.a.styles
	w := a.w
	header := headerLine(w-2, s.Brand.Render("cradle")+s.Dim.Render(" · infant massage"), babyLabel(a, a.clock.Now()))
	var b []string
	age, known := h.babyAge()
	askFirst := h.askFirst()
	legend := ""
	switch {
	case askFirst:
		legend = s.Warn.Render(askFirstWords)
	case known:
		legend = s.Calm.Render("✓") + s.Dim.Render(" "+h.suitsWords())
	}
	b = append(b, "", " "+headerLine(w-3, s.Title.Render(chooseTitle), legend))
	if said := goAheadWords(a.data.baby); said != "" && a.data.loaded {
		b = append(b, " "+s.Dim.Render(layout.Cut(said, w-3)))
	}
	b = append(b, "")
	for _, n := range h.notes() {
		b = append(append(b, paint([]para{n}, w-4, " ")...), "")
	}
	rs := a.homeRoutines()
	if len(rs) == 0 {
		b = append(b, " "+s.Warn.Render(noRoutines))
	}
	inner := w - 6
	cursor := h.at(rs)
	// What stays below the list: whose routines are not offered, and how
	// many files could not be used. The list always shows whole; the
	// chosen routine's description takes the room left, and the broken
	// files' first problems what is left after it.
	var tail []string
	for _, l := range h.others() {
		tail = append(append(tail, ""), paint([]para{{l, s.Faint}}, inner, "   ")...)
	}
	room := a.h - 4
	left := room - len(b) - len(rs) - len(tail) - len(h.problems(inner, 0))
	var chosen []string
	if cursor < len(rs) {
		chosen = h.fitAbout(rs[cursor], age, known, inner, left)
		left -= len(chosen)
	}
	for i, r := range rs {
		fit := routines.AgeFit(r, age, known)
		about := r.Span().About()
		suits := ""
		if fit == routines.FitSuits && !askFirst {
			suits = " " + s.Calm.Render("✓")
			// Suits the age, but longer than the sources give for it: said
			// beside the tick where the length still fits, and always on
			// the routine's ages line.
			if words := " " + routines.LongForAge; h.long(r, fit) && lipgloss.Width(routineTitle(r)+" ✓"+words)+1+lipgloss.Width(about) <= inner {
				suits += s.Dim.Render(words)
			}
		}
		// A long title gives way; its mark, the tick and the length stay.
		title := fitTitle(r, inner-lipgloss.Width(suits)-2-lipgloss.Width(about))
		if i != cursor {
			b = append(b, "   "+headerLine(inner, s.Text.Render(title)+suits, s.Dim.Render(about)))
			continue
		}
		mark := s.Marker.Render("▌") + " "
		b = append(b, " "+mark+headerLine(inner, s.Selected.Render(title)+suits, s.Accent.Render(about)))
		b = append(b, chosen...)
	}
	probs := h.problems(inner, max(left, 0))
	// Short of room even so: the blank lines between the parts go first.
	for _, part := range []*[]string{&probs, &tail} {
		if left < 0 && len(*part) > 0 && (*part)[0] == "" {
			*part, left = (*part)[1:], left+1
		}
	}
	b = append(append(b, tail...), probs...)
	body := scrollTo(b, h.selectedLine(b, room), room)
	return a.frame(header, body, a.helpBar(w-2, h.keysNow()...))
}

// fitAbout draws what is said of the chosen routine in at most n lines of
// width w, marked as chosen. When not all of it fits, what matters least
// gives way first (what studies say, Indian milking, its length in full,
// the plan's week, what it is for), the ages it suits last: they carry a
// baby born early's "ask first". A paragraph is cut only when it is the
// last that gets room, ending in "…".
func (h *homeScreen) fitAbout(r *routines.Routine, age routines.Age, known bool, w, n int) []string {
	s := h.a.styles
	mark := " " + s.Marker.Render("▌") + " "
	ps := h.about(r, routines.AgeFit(r, age, known))
	lines := make([][]string, len(ps))
	for i, p := range ps {
		width := w
		if p.ages {
			width = w + 2
		}
		lines[i] = wrap(p.text, width, "")
	}
	order := make([]int, len(ps))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return ps[order[x]].rank > ps[order[y]].rank })
	keep := make([]int, len(ps))
	for _, i := range order {
		keep[i] = min(len(lines[i]), max(n, 0))
		n -= keep[i]
	}
	var out []string
	for i, p := range ps {
		for j, l := range lines[i][:keep[i]] {
			if keep[i] < len(lines[i]) && j == keep[i]-1 {
				l = layout.Cut(l+" …", w)
			}
			out = append(out, mark+p.style.Render(l))
		}
	}
	return out
}

// The home screen's words.
const (
	chooseTitle   = "Choose a massage"
	noRoutines    = "No routines could be loaded."
	askFirstWords = "Ask your baby's doctor or nurse first"
)

// long is true for a routine that suits the baby's age but runs longer
// than the sources give for it (routines.LongFor).
func (h *homeScreen) long(r *routines.Routine, fit routines.Fit) bool {
	age, known := h.babyAge()
	return known && fit == routines.FitSuits && !h.askFirst() && routines.LongFor(r, age)
}

// askFirst is true for a baby born early without the doctor's or nurse's
// yes to massage: marked as suiting no routine, as the check asks for it
// first.
func (h *homeScreen) askFirst() bool {
	_, known := h.babyAge()
	b := h.a.data.baby
	return known && routines.NeedsGoAhead(b.Birth, b.Due, b.Early, b.GoAhead)
}

// babyAge is the baby's age, when it is known.
func (h *homeScreen) babyAge() (routines.Age, bool) {
	a := h.a
	age, known := babyAge(a.data.baby, a.clock.Now())
	return age, known && a.data.loaded && a.data.baby.ID != 0
}

// suitsWords say what the check mark beside a routine means.
func (h *homeScreen) suitsWords() string { return "suits " + h.a.data.baby.Name + "'s age" }

// notes are what the home screen says above the routines: data that
// could not be read, massages cut off.
func (h *homeScreen) notes() []para {
	a, s := h.a, h.a.styles
	var out []para
	if a.data.loadErr != nil {
		out = append(out, para{"Could not read your data (" + plainError(a.data.loadErr) + "). You can still follow a massage; it may not be saved.", s.Alert})
	}
	if n := len(a.data.unfinished); n > 0 {
		what := "A massage was cut off"
		if n > 1 {
			what = fmt.Sprintf("%d massages were cut off", n)
		}
		out = append(out, para{what + ": press " + a.keyWord(a.keys.Unfinished) + " to pick it up or close it.", s.Warn})
	}
	return out
}

// routineTitle is a routine's title, marked when it is the parent's own.
func routineTitle(r *routines.Routine) string { return r.Title + routineMark(r) }

// routineMark marks a routine that is the parent's own.
func routineMark(r *routines.Routine) string {
	switch {
	case r.Replaces:
		return replacesMark
	case !r.Builtin:
		return yoursMark
	}
	return ""
}

const (
	yoursMark    = " (yours)"
	replacesMark = " (yours, replaces the built-in)"
)

// fitTitle is routineTitle in w cells: the title is cut, never its mark.
// Where the title would keep fewer than minTitle cells, a routine that
// replaces a built-in one is marked only as the parent's own.
func fitTitle(r *routines.Routine, w int) string {
	const minTitle = 16
	mark := routineMark(r)
	room := w - lipgloss.Width(mark)
	if lipgloss.Width(r.Title) <= room {
		return r.Title + mark
	}
	if mark == replacesMark && room < minTitle {
		mark, room = yoursMark, w-lipgloss.Width(yoursMark)
	}
	return layout.Cut(r.Title, max(room, 1)) + mark
}

// aboutPara is a paragraph about the chosen routine; ages is true for
// the ages it suits, which may take the width of the mark too.
type aboutPara struct {
	para
	ages bool
	// rank says what gives way first on a short window: the lowest.
	rank int
}

// about is what the home screen says of the chosen routine: what it is
// for, what studies say, the learning plan's week, its length, the ages
// it suits, and the choice about Indian milking.
func (h *homeScreen) about(r *routines.Routine, fit routines.Fit) []aboutPara {
	a, s := h.a, h.a.styles
	out := []aboutPara{{para: para{r.Purpose, s.Dim}, rank: 4}}
	if _, ok := routines.PlanWeek(r.ID); ok {
		if full := a.builtin(routines.PlanFrom); full != nil {
			out = append(out, aboutPara{para: para{a.data.plan.line(a.data.baby.ID, full), s.Text}, rank: 5})
		}
	}
	if r.Why != "" {
		// w opens the page on what studies found: said here, where a
		// narrow footer may have no room for it.
		out = append(out, aboutPara{para: para{whyPrefix + r.Why + " (" + a.keyWord(a.keys.Why) + " for more)", s.Text}, rank: 1})
	}
	out = append(out, aboutPara{para: para{r.Span().Words() + ".", s.Dim}, rank: 3})
	ages := aboutPara{para: para{r.Suits(), s.Calm}, ages: true, rank: 6}
	switch {
	case h.long(r, fit):
		age, _ := h.babyAge()
		ages.para = para{r.Suits() + " · " + routines.LongWords(age), s.Calm}
	case h.askFirst():
		ages.para = para{r.Suits() + " · " + a.data.baby.Name + " was born early: ask your baby's doctor or nurse first", s.Warn}
	case fit == routines.FitTooYoung:
		ages.para = para{r.Suits() + " · " + a.data.baby.Name + " is younger: asks first", s.Warn}
	case fit == routines.FitTooOld:
		ages.para = para{r.Suits() + " · " + a.data.baby.Name + " is older: asks first", s.Warn}
	}
	out = append(out, ages)
	if routines.HasIndianMilking(r) && !a.demo() { // a demonstration never asks it
		out = append(out, aboutPara{para: para{a.milkingLine(), s.Dim}, rank: 2})
	}
	return out
}

// others say whose routines are kept off the list: those shaped for
// another baby, or for a baby not in this database.
func (h *homeScreen) others() []string {
	a := h.a
	var said, out []string
	for _, r := range a.data.routines {
		o, shaped := a.shapedFor(r)
		if !shaped || o.theirs || slices.Contains(said, o.name) {
			continue
		}
		said = append(said, o.name)
		if o.here {
			out = append(out, "The routine shaped for "+o.name+" shows when it is "+o.name+"'s massage ("+a.keyWord(a.keys.Babies)+" chooses).")
		} else {
			out = append(out, r.Title+" was shaped for a baby who is not in this database, so it is not offered.")
		}
	}
	return out
}

// plain says the list of routines, numbered, then the one chosen and
// what it is; a new choice says only itself.
func (h *homeScreen) plain() []block {
	a := h.a
	if !a.data.loaded {
		return nil
	}
	age, known := h.babyAge()
	rs := a.homeRoutines()
	cursor := h.at(rs)
	head := "cradle · " + chooseTitle
	if label := plainBabyLabel(a); label != "" {
		head += ", " + label
	}
	list := []string{head + "."}
	if h.askFirst() {
		list = append(list, askFirstWords+".")
	}
	if said := goAheadWords(a.data.baby); said != "" {
		list = append(list, said)
	}
	list = append(list, texts(h.notes())...)
	if len(rs) == 0 {
		list = append(list, noRoutines)
	}
	for i, r := range rs {
		line := fmt.Sprintf("%d. %s: %s", i+1, routineTitle(r), r.Span().About())
		if fit := routines.AgeFit(r, age, known); fit == routines.FitSuits && !h.askFirst() {
			line += ", " + h.suitsWords()
			if h.long(r, fit) {
				line += ", " + routines.LongForAge
			}
		}
		list = append(list, line+".")
	}
	list = append(list, h.others()...)
	list = append(list, h.problemTexts()...)
	var chosen []string
	if cursor < len(rs) {
		r := rs[cursor]
		chosen = append(chosen, fmt.Sprintf("Chosen: %d, %s.", cursor+1, routineTitle(r)))
		for _, p := range h.about(r, routines.AgeFit(r, age, known)) {
			chosen = append(chosen, sentence(p.text))
		}
		chosen = append(chosen, "Press enter to start it, or type another number. Type help for more.")
	}
	key := fmt.Sprint("home:", a.data.baby.ID, len(rs), len(a.data.unfinished), a.data.loadErr != nil)
	return []block{{key, list}, {fmt.Sprint(key, ":", strings.Join(chosen, " ")), chosen}}
}

// maxProblemLines bounds how many lines one broken file takes.
const maxProblemLines = 3

// problems says when the routines folder could not be read, and how many
// of the user's routine files could not be used, always; then, in up to
// more lines beyond that, each file with its first problem, as many as
// fit. The text is cleaned of control characters: a file's name or a
// quote from it cannot change the screen.
func (h *homeScreen) problems(w, more int) []string {
	s := h.a.styles
	dirErr, broken := h.brokenFiles()
	var b []string
	if dirErr != "" {
		b = append(append(b, ""), paint([]para{{dirErr, s.Warn}}, w, "   ")...)
	}
	if len(broken) == 0 {
		return b
	}
	var items [][]string
	used := 0
	for _, first := range broken {
		lines := wrap(first, w-2, "")
		if len(lines) > maxProblemLines {
			lines = lines[:maxProblemLines]
			lines[maxProblemLines-1] = layout.Cut(lines[maxProblemLines-1]+" …", w-2)
		}
		if used+len(lines) > more {
			break
		}
		used += len(lines)
		items = append(items, lines)
	}
	if len(items) == 0 { // no room for the files: how many, and where to see why
		return append(append(b, ""), paint([]para{{couldNotUseCount(len(broken)) + ": " + validateWhy, s.Warn}}, w, "   ")...)
	}
	b = append(append(b, ""), paint([]para{{couldNotUseCount(len(broken)) + ":", s.Warn}}, w, "   ")...)
	for _, lines := range items {
		for i, l := range lines {
			lead := "  "
			if i == 0 {
				lead = "• "
			}
			b = append(b, "   "+s.Faint.Render(lead)+s.Dim.Render(l))
		}
	}
	last := validateAll
	if n := len(broken) - len(items); n > 0 {
		last = fmt.Sprintf("%d more; %s", n, validateAll)
	}
	return append(b, paint([]para{{last, s.Faint}}, w, "   ")...)
}

// The words about the parent's routine files that could not be used.
const (
	couldNotUse = "Could not use these routine files:"
	validateAll = "cradle routines validate lists every problem."
	validateWhy = "cradle routines validate shows why."
)

// couldNotUseCount says how many routine files could not be used.
func couldNotUseCount(n int) string {
	if n == 1 {
		return "1 routine file could not be used"
	}
	return fmt.Sprintf("%d routine files could not be used", n)
}

// brokenFiles says why the routines folder could not be read, if it
// could not, and the first problem of each file that could not be used,
// cleaned of control characters: a file's name or a quote from it cannot
// change the screen.
func (h *homeScreen) brokenFiles() (dirErr string, broken []string) {
	a := h.a
	if err := a.cfg.RoutinesDirErr; err != nil {
		msg := "Your own routines could not be read: " + err.Error()
		var de *routines.DirError
		if errors.As(err, &de) { // the reason first: a long path is what gets cut
			msg = "Your own routines could not be read (" + de.Err.Error() + "): " + de.Dir
		}
		dirErr = routines.Clean(msg)
	}
	for _, br := range a.cfg.Broken {
		first := br.First()
		if rest, ok := strings.CutPrefix(first, br.File); ok {
			first = filepath.Base(br.File) + rest // the folder is the same for all
		}
		broken = append(broken, routines.Clean(first))
	}
	return dirErr, broken
}

// problemTexts are the problems with the parent's routines, in lines.
func (h *homeScreen) problemTexts() []string {
	dirErr, broken := h.brokenFiles()
	var out []string
	if dirErr != "" {
		out = append(out, dirErr)
	}
	if len(broken) > 0 {
		out = append(append(append(out, couldNotUse), broken...), validateAll)
	}
	return out
}

// selectedLine is the body line scrolling keeps in view: the selected
// routine's last line, or on a window too short for all of it, the last
// that still shows its first (its title and length).
func (h *homeScreen) selectedLine(lines []string, n int) int {
	for i, l := range lines {
		if strings.Contains(l, "▌") {
			last := i
			for j := i; j < len(lines) && strings.Contains(lines[j], "▌"); j++ {
				last = j
			}
			return min(last, i+n-1)
		}
	}
	return 0
}
