package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/cradle-coach/cradle/insights"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// homeScreen lists the routines: each with its purpose, the ages it suits and
// its real length (the sum of its steps).
type homeScreen struct {
	a      *app
	cursor int
	// chosen is true once the parent has moved the cursor; until then
	// it rests on the routine made most closely for the baby's age.
	chosen bool
}

func newHome(a *app) *homeScreen { return &homeScreen{a: a} }

func (h *homeScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := h.a.keys
	rs := h.a.homeRoutines()
	h.cursor = h.at(rs)
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			h.cursor, h.chosen = (h.cursor-1+len(rs))%max(len(rs), 1), true
		case key.Matches(msg, k.Down):
			h.cursor, h.chosen = (h.cursor+1)%max(len(rs), 1), true
		case key.Matches(msg, k.Start):
			if len(rs) == 0 {
				return h, nil
			}
			r := rs[h.cursor]
			switch {
			case len(h.a.babies) == 0 || h.a.baby.ID == 0:
				return newBabyScreen(h.a, h, r) // the first start asks who the baby is
			case len(h.a.babies) > 1:
				return newBabiesScreen(h.a, h, r) // twins: whose massage is it?
			}
			return beginFor(h.a, r, h)
		case key.Matches(msg, k.Baby):
			return newBabyScreen(h.a, h, nil)
		case key.Matches(msg, k.Babies):
			return newBabiesScreen(h.a, h, nil)
		case key.Matches(msg, k.History):
			return newHistory(h.a, h)
		case key.Matches(msg, k.Insights):
			return newInsights(h.a, h)
		case key.Matches(msg, k.Why):
			return &whyScreen{a: h.a, back: h}, nil
		case key.Matches(msg, k.Milking) && len(rs) > 0 && routines.HasIndianMilking(rs[h.cursor]):
			// From the line that shows the choice, under the routine it
			// is about: keep Indian milking, or Swedish milking only.
			next := store.MilkingSwedishOnly
			if h.a.settings.now.Milking == store.MilkingSwedishOnly {
				next = store.MilkingBoth
			}
			return h, h.a.setMilking(next)
		case key.Matches(msg, k.Unfinished) && len(h.a.unfinished) > 0:
			return newResume(h.a, h)
		case key.Matches(msg, k.Week) && h.onPlan(rs):
			step := 1
			if msg.String() == "left" {
				step = -1
			}
			h.a.plan.choose(h.a.baby.ID, step)
			h.chosen = true // stay on the plan, whatever suits the age
		case key.Matches(msg, k.Quit):
			return h, func() tea.Msg { return quitMsg{} }
		case key.Matches(msg, k.Choose):
			if i := int(msg.String()[0] - '1'); i < len(rs) {
				h.cursor, h.chosen = i, true
			}
		}
	}
	return h, nil
}

// onPlan is true when the learning plan is the routine chosen.
func (h *homeScreen) onPlan(rs []*routines.Routine) bool {
	i := h.at(rs)
	if i < 0 || i >= len(rs) {
		return false
	}
	_, ok := routines.PlanWeek(rs[i].ID)
	return ok
}

// owner is the baby a routine was shaped for.
type owner struct {
	name   string // the baby's name now, or as the routine gives it
	here   bool   // the baby is in this database
	theirs bool   // ... and the next massage is theirs
}

// shapedFor says whose routine r is, when it was shaped for one baby: the
// baby its file names by number (routines.ForBaby), renamed or not; for a
// file that names none, the baby whose name ends its id, and for a shaped
// one (with a base) whose baby no one here is, nobody here. ok is false
// for a routine any baby may have. A twin's own routine is offered only
// for that twin, and one shaped elsewhere to no baby.
func (a *app) shapedFor(r *routines.Routine) (o owner, ok bool) {
	if r.Builtin {
		return owner{}, false
	}
	if id := r.For.ID; id != 0 {
		o = owner{name: r.For.Name}
		for _, b := range a.babies {
			if b.ID == id {
				o = owner{name: b.Name, here: true}
			}
		}
		o.theirs = o.here && a.baby.ID == id
		return o, true
	}
	for _, b := range a.babies {
		if strings.HasSuffix(r.ID, "-"+insights.Slug(b)) {
			return owner{name: b.Name, here: true, theirs: b.ID == a.baby.ID}, true
		}
	}
	if r.Base != "" {
		return owner{name: strings.TrimPrefix(r.ID, r.Base+"-")}, true
	}
	return owner{}, false
}

// offered reports whether the home screen offers r for the baby the next
// massage is for.
func (a *app) offered(r *routines.Routine) bool {
	o, shaped := a.shapedFor(r)
	return !shaped || o.theirs
}

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
	if said := goAheadWords(a.baby); said != "" && a.loaded {
		b = append(b, " "+s.Dim.Render(truncate(said, w-3)))
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
		suits := ""
		if fit == routines.FitSuits && !askFirst {
			suits = " " + s.Calm.Render("✓")
			// Suits the age, but longer than the sources give for it: said
			// beside the tick where the length still fits, and always on
			// the routine's ages line.
			if words := " " + longWords; h.long(r, fit) && lipgloss.Width(routineTitle(r)+" ✓"+words)+1+lipgloss.Width(r.Span().About()) <= inner {
				suits += s.Dim.Render(words)
			}
		}
		if i != cursor {
			b = append(b, "   "+headerLine(inner, s.Text.Render(routineTitle(r))+suits, s.Dim.Render(r.Span().About())))
			continue
		}
		mark := s.Marker.Render("▌") + " "
		b = append(b, " "+mark+headerLine(inner, s.Selected.Render(routineTitle(r))+suits, s.Accent.Render(r.Span().About())))
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
				l = truncate(l+" …", w)
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
	longWords     = "long for this age"
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
	b := h.a.baby
	return known && routines.NeedsGoAhead(b.Birth, b.Due, b.GoAhead)
}

// babyAge is the baby's age, when it is known.
func (h *homeScreen) babyAge() (routines.Age, bool) {
	a := h.a
	age, known := babyAge(a.baby, a.clock.Now())
	return age, known && a.loaded && a.baby.ID != 0
}

// suitsWords say what the check mark beside a routine means.
func (h *homeScreen) suitsWords() string { return "suits " + h.a.baby.Name + "'s age" }

// notes are what the home screen says above the routines: data that
// could not be read, massages cut off.
func (h *homeScreen) notes() []para {
	a, s := h.a, h.a.styles
	var out []para
	if a.loadErr != nil {
		out = append(out, para{"Could not read your data (" + plainError(a.loadErr) + "). You can still follow a massage; it may not be saved.", s.Alert})
	}
	if n := len(a.unfinished); n > 0 {
		what := "A massage was cut off"
		if n > 1 {
			what = fmt.Sprintf("%d massages were cut off", n)
		}
		out = append(out, para{what + ": press " + a.keyWord(a.keys.Unfinished) + " to pick it up or close it.", s.Warn})
	}
	return out
}

// routineTitle is a routine's title, marked when it is the parent's own.
func routineTitle(r *routines.Routine) string {
	switch {
	case r.Replaces:
		return r.Title + " (yours, replaces the built-in)"
	case !r.Builtin:
		return r.Title + " (yours)"
	}
	return r.Title
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
			out = append(out, aboutPara{para: para{a.plan.line(a.baby.ID, full), s.Text}, rank: 5})
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
		ages.para = para{r.Suits() + " · " + a.baby.Name + " was born early: ask your baby's doctor or nurse first", s.Warn}
	case fit == routines.FitTooYoung:
		ages.para = para{r.Suits() + " · " + a.baby.Name + " is younger: asks first", s.Warn}
	case fit == routines.FitTooOld:
		ages.para = para{r.Suits() + " · " + a.baby.Name + " is older: asks first", s.Warn}
	}
	out = append(out, ages)
	if routines.HasIndianMilking(r) {
		out = append(out, aboutPara{para: para{a.milkingLine(), s.Dim}, rank: 2})
	}
	return out
}

// others say whose routines are kept off the list: those shaped for
// another baby, or for a baby not in this database.
func (h *homeScreen) others() []string {
	a := h.a
	var said, out []string
	for _, r := range a.cfg.Routines {
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

// keysNow are the home screen's keys. Plain mode offers those whose
// screens it can say in lines.
func (h *homeScreen) keysNow() []key.Binding {
	a := h.a
	rs := a.homeRoutines()
	unfinished := a.keys.Unfinished
	unfinished.SetEnabled(len(a.unfinished) > 0)
	week := a.keys.Week
	week.SetEnabled(h.onPlan(rs))
	if a.cfg.Plain {
		milking := a.keys.Milking
		at := h.at(rs)
		milking.SetEnabled(at < len(rs) && routines.HasIndianMilking(rs[at]))
		return []key.Binding{a.keys.Start, week, a.keys.Babies, a.keys.Why, unfinished, a.keys.Baby, milking, a.keys.Help, a.keys.Quit}
	}
	return []key.Binding{a.keys.Start, week, a.keys.History, a.keys.Insights, a.keys.Babies, a.keys.Why, unfinished, a.keys.Baby, a.keys.Help, a.keys.Quit}
}

// plain says the list of routines, numbered, then the one chosen and
// what it is; a new choice says only itself.
func (h *homeScreen) plain() []block {
	a := h.a
	if !a.loaded {
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
	if said := goAheadWords(a.baby); said != "" {
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
				line += ", " + longWords
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
	key := fmt.Sprint("home:", a.baby.ID, len(rs), len(a.unfinished), a.loadErr != nil)
	return []block{{key, list}, {fmt.Sprint(key, ":", strings.Join(chosen, " ")), chosen}}
}

// at is the selected routine: the parent's choice, or the one made most
// closely for the baby's age (routines.Suited). The list can shrink under the cursor (a shaped
// routine deleted).
func (h *homeScreen) at(rs []*routines.Routine) int {
	if h.chosen || !h.a.loaded || h.a.baby.ID == 0 {
		return min(h.cursor, max(len(rs)-1, 0))
	}
	if age, ok := babyAge(h.a.baby, h.a.clock.Now()); ok {
		if best := routines.Suited(rs, age, nil); best != nil {
			return slices.Index(rs, best)
		}
	}
	return min(h.cursor, max(len(rs)-1, 0))
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
			lines[maxProblemLines-1] = truncate(lines[maxProblemLines-1]+" …", w-2)
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

// scrollTo keeps line `focus` of lines inside a window of n lines.
func scrollTo(lines []string, focus, n int) string {
	if n <= 0 {
		return ""
	}
	start := 0
	if focus >= n {
		start = focus - n + 1
	}
	end := min(start+n, len(lines))
	return strings.Join(lines[start:end], "\n")
}

// plainBabyLabel is babyLabel in plain words: "for Mia, 7 weeks".
func plainBabyLabel(a *app) string {
	if !a.loaded || a.baby.ID == 0 {
		return ""
	}
	label := "for " + a.baby.Name
	if age := ageText(a.baby, a.clock.Now()); age != "" {
		label += ", " + age
	}
	return label
}

// babyLabel is "for Mia · 7 weeks" (or just the name when the birth date
// is not known).
func babyLabel(a *app, now time.Time) string {
	if !a.loaded || a.baby.ID == 0 {
		return ""
	}
	s := a.styles
	label := s.Dim.Render("for ") + s.Text.Render(a.baby.Name)
	if age := ageText(a.baby, now); age != "" {
		label += s.Dim.Render(" · " + age)
	}
	return label
}

// ageText is a baby's age as the headers show it: for a baby born early
// (a due date after the birth date), the corrected age, counted from the
// due date and called so.
func ageText(b store.Baby, now time.Time) string {
	if b.Birth.IsZero() || now.Before(b.Birth) {
		return ""
	}
	if early(b) {
		if now.Before(b.Due) {
			return "due date in " + span(b.Due.Sub(now))
		}
		return "corrected age " + span(now.Sub(b.Due))
	}
	return span(now.Sub(b.Birth))
}

// ageDetail is the age with both counts, for the list of babies.
func ageDetail(b store.Baby, now time.Time) string {
	if b.Birth.IsZero() || now.Before(b.Birth) {
		return ""
	}
	age := span(now.Sub(b.Birth)) + " old"
	if early(b) {
		age += "; " + ageText(b, now)
	}
	return age
}

// early is true for a baby born before the due date.
func early(b store.Baby) bool { return !b.Due.IsZero() && !b.Birth.IsZero() && b.Due.After(b.Birth) }

// span is a length of time in the units parents use (routines.TimeWords).
func span(d time.Duration) string { return routines.TimeWords(d) }

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
