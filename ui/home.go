package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/insights"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// home lists the routines: each with its purpose, the ages it suits and
// its real length (the sum of its steps).
type home struct {
	a      *app
	cursor int
	// chosen is true once the parent has moved the cursor; until then
	// it rests on the routine made most closely for the baby's age.
	chosen bool
}

func newHome(a *app) *home { return &home{a: a} }

func (h *home) Update(msg tea.Msg) (screen, tea.Cmd) {
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
		default:
			if d := msg.String(); len(d) == 1 && d[0] >= '1' && d[0] <= '9' && int(d[0]-'1') < len(rs) {
				h.cursor, h.chosen = int(d[0]-'1'), true
			}
		}
	}
	return h, nil
}

// onPlan is true when the learning plan is the routine chosen.
func (h *home) onPlan(rs []*routines.Routine) bool {
	i := h.at(rs)
	if i < 0 || i >= len(rs) {
		return false
	}
	_, ok := routines.PlanWeek(rs[i].ID)
	return ok
}

// shapedForOther names the baby r was shaped for, when that is another
// baby than the one the next massage is for; "" otherwise. A twin's own
// routine is offered only for that twin.
func (a *app) shapedForOther(r *routines.Routine) string {
	if r.Builtin || a.baby.ID == 0 || strings.HasSuffix(r.ID, "-"+insights.Slug(a.baby)) {
		return ""
	}
	for _, b := range a.babies {
		if b.ID != a.baby.ID && strings.HasSuffix(r.ID, "-"+insights.Slug(b)) {
			return b.Name
		}
	}
	return ""
}

func (h *home) View() string {
	a, s := h.a, h.a.styles
	w := a.w
	header := headerLine(w-2, s.Brand.Render("cradle")+s.Dim.Render(" · infant massage"), babyLabel(a, a.clock.Now()))
	var b []string
	age, known := babyAge(a.baby, a.clock.Now())
	known = known && a.loaded && a.baby.ID != 0
	// A baby born early is marked as suiting no routine until the doctor
	// or nurse has said yes to massage: the check asks for it first.
	askFirst := known && routines.NeedsGoAhead(a.baby.Birth, a.baby.Due, a.baby.GoAhead)
	legend := ""
	switch {
	case askFirst:
		legend = s.Warn.Render("Ask your baby's doctor or nurse first")
	case known:
		legend = s.Calm.Render("✓") + s.Dim.Render(" suits "+a.baby.Name+"'s age")
	}
	b = append(b, "", " "+headerLine(w-3, s.Title.Render("Choose a massage"), legend))
	if said := goAheadWords(a.baby); said != "" && a.loaded {
		b = append(b, " "+s.Dim.Render(truncate(said, w-3)))
	}
	b = append(b, "")
	if a.loadErr != nil {
		for _, l := range wrap("Could not read your data ("+plainError(a.loadErr)+"). You can still follow a massage; it may not be saved.", w-4, " ") {
			b = append(b, s.Alert.Render(l))
		}
		b = append(b, "")
	}
	if n := len(a.unfinished); n > 0 {
		what := "A massage was cut off"
		if n > 1 {
			what = fmt.Sprintf("%d massages were cut off", n)
		}
		b = append(b, " "+s.Warn.Render(what+": press u to pick it up or close it."), "")
	}
	rs := a.homeRoutines()
	if len(rs) == 0 {
		b = append(b, " "+s.Warn.Render("No routines could be loaded."))
	}
	inner := w - 6
	cursor := h.at(rs)
	for i, r := range rs {
		span := r.Span()
		length := span.About()
		title := r.Title
		switch {
		case r.Replaces:
			title += " (yours, replaces the built-in)"
		case !r.Builtin:
			title += " (yours)"
		}
		fit := routines.AgeFit(r, age, known)
		suits := ""
		if fit == routines.Suits && !askFirst {
			suits = " " + s.Calm.Render("✓")
		}
		if i != cursor {
			b = append(b, "   "+headerLine(inner, s.Text.Render(title)+suits, s.Dim.Render(length)))
			continue
		}
		mark := s.Marker.Render("▌") + " "
		b = append(b, " "+mark+headerLine(inner, s.Selected.Render(title)+suits, s.Accent.Render(length)))
		for _, l := range wrap(r.Purpose, inner, "") {
			b = append(b, " "+mark+s.Dim.Render(l))
		}
		if _, ok := routines.PlanWeek(r.ID); ok {
			if full := a.builtin(routines.PlanFrom); full != nil {
				for _, l := range wrap(a.plan.line(a.baby.ID, full), inner, "") {
					b = append(b, " "+mark+s.Text.Render(l))
				}
			}
		}
		if r.Why != "" {
			// w opens the page on what studies found: said here, where a
			// narrow footer may have no room for it.
			for _, l := range wrap(whyPrefix+r.Why+" (w for more)", inner, "") {
				b = append(b, " "+mark+s.Text.Render(l))
			}
		}
		for _, l := range wrap(span.Words()+".", inner, "") {
			b = append(b, " "+mark+s.Dim.Render(l))
		}
		ages, style := r.Suits(), s.Calm
		switch {
		case askFirst:
			ages, style = ages+" · "+a.baby.Name+" was born early: ask your baby's doctor or nurse first", s.Warn
		case fit == routines.TooYoung:
			ages, style = ages+" · "+a.baby.Name+" is younger: asks first", s.Warn
		case fit == routines.TooOld:
			ages, style = ages+" · "+a.baby.Name+" is older: asks first", s.Warn
		}
		for _, l := range wrap(ages, inner+2, "") {
			b = append(b, " "+mark+style.Render(l))
		}
		if routines.HasIndianMilking(r) {
			for _, l := range wrap(a.milkingLine(), inner, "") {
				b = append(b, " "+mark+s.Dim.Render(l))
			}
		}
	}
	var others []string
	for _, r := range a.cfg.Routines {
		if name := a.shapedForOther(r); name != "" && !slices.Contains(others, name) {
			others = append(others, name)
		}
	}
	for _, name := range others {
		b = append(b, "", "   "+s.Faint.Render(truncate("The routine shaped for "+name+" shows when it is "+name+"'s massage (b chooses).", inner)))
	}
	b = append(b, h.problems(inner)...)
	body := scrollTo(b, h.selectedLine(b, a.h-4), a.h-4)
	unfinished := a.keys.Unfinished
	unfinished.SetEnabled(len(a.unfinished) > 0)
	week := a.keys.Week
	week.SetEnabled(h.onPlan(rs))
	footer := a.helpBar(w-2, a.keys.Start, week, a.keys.History, a.keys.Insights, a.keys.Babies, a.keys.Why, unfinished, a.keys.Baby, a.keys.Help, a.keys.Quit)
	return a.frame(header, body, footer)
}

// at is the selected routine: the parent's choice, or the one made most
// closely for the baby's age (routines.Suited). The list can shrink under the cursor (a shaped
// routine deleted).
func (h *home) at(rs []*routines.Routine) int {
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

// problems lists the user's routine files that could not be used, each
// with its first problem, and says when the routines folder could not be
// read. The text is cleaned of control characters: a file's name or a
// quote from it cannot change the screen.
func (h *home) problems(w int) []string {
	a, s := h.a, h.a.styles
	var b []string
	if err := a.cfg.RoutinesDirErr; err != nil {
		msg := "Your own routines could not be read: " + err.Error()
		var de *routines.DirError
		if errors.As(err, &de) { // the reason first: a long path is what gets cut
			msg = "Your own routines could not be read (" + de.Err.Error() + "): " + de.Dir
		}
		b = append(b, "", "   "+s.Warn.Render(truncate(routines.Clean(msg), w)))
	}
	if len(a.cfg.Broken) == 0 {
		return b
	}
	b = append(b, "", "   "+s.Warn.Render(truncate("Could not use these routine files:", w)))
	for _, br := range a.cfg.Broken {
		first := br.First()
		if rest, ok := strings.CutPrefix(first, br.File); ok {
			first = filepath.Base(br.File) + rest // the folder is the same for all
		}
		lines := wrap(routines.Clean(first), w-2, "")
		if len(lines) > maxProblemLines {
			lines = lines[:maxProblemLines]
			lines[maxProblemLines-1] = truncate(lines[maxProblemLines-1]+" …", w-2)
		}
		for i, l := range lines {
			lead := "  "
			if i == 0 {
				lead = "• "
			}
			b = append(b, "   "+s.Faint.Render(lead)+s.Dim.Render(l))
		}
	}
	b = append(b, "   "+s.Faint.Render(truncate("cradle routines validate lists every problem.", w)))
	return b
}

// selectedLine is the body line scrolling keeps in view: the selected
// routine's last line, or on a window too short for all of it, the last
// that still shows its first (its title and length).
func (h *home) selectedLine(lines []string, n int) int {
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

// span is a length of time in the units parents use: days, then weeks,
// then months.
func span(d time.Duration) string {
	days := int(d.Hours() / 24)
	switch {
	case days < 14:
		return plural(days, "day")
	case days < 12*7:
		return plural(days/7, "week")
	case days < 2*365:
		return plural(days*12/365, "month")
	default:
		return plural(days/365, "year")
	}
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
