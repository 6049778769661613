package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/insights"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui/layout"
)

// homeScreen lists the routines: each with its purpose, the ages it suits and
// its real length (the sum of its steps).
type homeScreen struct {
	drawnToSize
	a      *app
	cursor int
	// chosen is true once the parent has moved the cursor; until then
	// it rests on the routine made most closely for the baby's age.
	chosen bool
}

func newHome(a *app) *homeScreen { return &homeScreen{a: a} }

// personal are the home screen's keys to what is the family's own: the
// baby's details, the babies, the history, the insights, the choice
// about Indian milking, the massages cut off. A demonstration on a doll
// (--present) offers none of them: it shows the routines, the learning
// plan, why massage, help and quit.
func (a *app) personal() []key.Binding {
	k := a.keys
	return []key.Binding{k.Baby, k.Babies, k.History, k.Insights, k.Milking, k.Unfinished}
}

func (h *homeScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := h.a.keys
	rs := h.a.homeRoutines()
	h.cursor = h.at(rs)
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if h.a.demo() && key.Matches(msg, h.a.personal()...) {
			return h, nil
		}
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
			case len(h.a.data.babies) == 0 || h.a.data.baby.ID == 0:
				return newBabyScreen(h.a, h, r) // the first start asks who the baby is
			case len(h.a.data.babies) > 1:
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
			if h.a.data.settings.now.Milking == store.MilkingSwedishOnly {
				next = store.MilkingBoth
			}
			return h, h.a.setMilking(next)
		case key.Matches(msg, k.Unfinished) && len(h.a.data.unfinished) > 0:
			return newResume(h.a, h)
		case key.Matches(msg, k.Week) && h.onPlan(rs):
			step := 1
			if msg.String() == "left" {
				step = -1
			}
			h.a.report(planWeekMsg{h.a.data.baby.ID, step})
			h.chosen = true // stay on the plan, whatever suits the age
		case key.Matches(msg, k.Quit) && msg.String() != "esc":
			// esc goes back everywhere else: pressed once too often on
			// the way home, it must not leave cradle. q quits.
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
		for _, b := range a.data.babies {
			if b.ID == id {
				o = owner{name: b.Name, here: true}
			}
		}
		o.theirs = o.here && a.data.baby.ID == id
		return o, true
	}
	for _, b := range a.data.babies {
		if strings.HasSuffix(r.ID, "-"+insights.Slug(b)) {
			return owner{name: b.Name, here: true, theirs: b.ID == a.data.baby.ID}, true
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

// keysNow are the home screen's keys. Plain mode offers those whose
// screens it can say in lines.
func (h *homeScreen) keysNow() []key.Binding {
	a := h.a
	rs := a.homeRoutines()
	unfinished := a.keys.Unfinished
	unfinished.SetEnabled(len(a.data.unfinished) > 0)
	week := a.keys.Week
	week.SetEnabled(h.onPlan(rs))
	if a.demo() {
		return []key.Binding{a.keys.Start, week, a.keys.Why, a.keys.Help, a.keys.Quit}
	}
	if a.cfg.Plain {
		milking := a.keys.Milking
		at := h.at(rs)
		milking.SetEnabled(at < len(rs) && routines.HasIndianMilking(rs[at]))
		return []key.Binding{a.keys.Start, week, a.keys.Babies, a.keys.Why, unfinished, a.keys.Baby, milking, a.keys.Help, a.keys.Quit}
	}
	return []key.Binding{a.keys.Start, week, a.keys.History, a.keys.Insights, a.keys.Babies, a.keys.Why, unfinished, a.keys.Baby, a.keys.Help, a.keys.Quit}
}

// at is the selected routine: the parent's choice, or the one made most
// closely for the baby's age (routines.Suited). The list can shrink under the cursor (a shaped
// routine deleted).
func (h *homeScreen) at(rs []*routines.Routine) int {
	if h.chosen || !h.a.data.loaded || h.a.data.baby.ID == 0 {
		return min(h.cursor, max(len(rs)-1, 0))
	}
	if age, ok := babyAge(h.a.data.baby, h.a.clock.Now()); ok {
		if best := routines.Suited(rs, age, nil); best != nil {
			return slices.Index(rs, best)
		}
	}
	return min(h.cursor, max(len(rs)-1, 0))
}

// HelpKeys are only the keys that do something now: u with nothing cut
// off would lead nowhere.
func (h *homeScreen) HelpKeys() []keyGroup {
	a, k := h.a, h.a.keys
	unfinished := k.Unfinished
	unfinished.SetEnabled(len(a.data.unfinished) > 0)
	week := layout.Relabel(k.Week, "←/→", "another week of the learning plan")
	if a.demo() { // a demonstration: nothing of a family's own
		return []keyGroup{{"Choose a massage", []key.Binding{k.Up, k.Down, k.Choose, k.Start, week, k.Why, k.Quit}}}
	}
	return []keyGroup{{"Choose a massage", []key.Binding{k.Up, k.Down, k.Choose, k.Start, week, k.History, k.Insights, k.Babies, k.Baby, unfinished, k.Why, k.Milking, k.Quit}}}
}
