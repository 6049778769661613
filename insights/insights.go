// Package insights reads a baby's saved sessions: how often massage
// happened week by week, against a gentle goal, and how the baby answered
// in each region and stroke, with a few plain readings. It only counts what
// the parent recorded; it makes no medical claims, and it says nothing
// about a region or stroke with answers from fewer than MinSessions
// sessions. Everything here is pure: the store reads, this counts.
package insights

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// MinSessions is the fewest sessions with an answer that a reading, or a
// change to a routine, is made from.
const MinSessions = routines.OftenSessions

// AnswerWeeks is how far back answers are counted: babies change quickly,
// so what they liked months ago says little about today.
const AnswerWeeks = 12

// Week is one week of the chart.
type Week struct {
	Start    time.Time // Monday, 00:00 local time
	Sessions int       // sessions with some massage in them: short ones count
	Rest     bool      // the parent called it a rest week
	// Before is true for a week before the baby was added and before
	// their first session: it is neither shown as empty nor counted.
	Before bool
}

// Tally is how the baby answered in one region, or during one stroke.
// Each session counts once, by the answer that says most about it (see
// telling): Counts is per answer, in routines.Cues order.
type Tally struct {
	Region string // region id
	Stroke string // stroke name (without side); "" for the whole region
	Name   string // as shown: "Back", or "Toe roll" for a stroke
	Where  string // for a stroke, its region's name
	Counts [6]int
	N      int // sessions with an answer
	order  int
	// routines are the ids of the routines of the sessions counted: what
	// a reading may suggest follows their rules.
	routines []string
}

// Count is the sessions whose answer was c.
func (t Tally) Count(c routines.Cue) int {
	for i, x := range routines.Cues {
		if x == c {
			return t.Counts[i]
		}
	}
	return 0
}

// Calm is relaxed and content; Upset is fussing and crying.
func (t Tally) Calm() int  { return t.Count(routines.CueRelaxed) + t.Count(routines.CueContent) }
func (t Tally) Upset() int { return t.Count(routines.CueFussing) + t.Count(routines.CueCrying) }

// Enough is true when there are answers from MinSessions sessions.
func (t Tally) Enough() bool { return t.N >= MinSessions }

// Report is what the insights screen shows for one baby.
type Report struct {
	Baby  store.Baby
	Now   time.Time
	Weeks []Week // oldest first; the last is this week
	Goal  int    // sessions a week; 0 for no goal

	AnswersSince time.Time // answers are counted from here on
	Sessions     int       // sessions with massage since then
	Answered     int       // of them, with at least one answer
	Regions      []Tally   // in routine order
	Strokes      []Tally   // strokes asked about during the stroke
	Routines     map[string]int

	lib []*routines.Routine // the catalogue, for the rules of each routine
}

// Monday is the start of the week t is in, in t's location.
func Monday(t time.Time) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// Since is the earliest session start Build needs for a chart of weeks
// weeks: the store reads from here on.
func Since(now time.Time, weeks int) time.Time {
	return Monday(now).AddDate(0, 0, -7*(max(weeks, AnswerWeeks)-1))
}

// telling ranks answers by how much they say about a session: distress
// first, then subtle cues, sleep, and the calm answers last. A session
// with a fussing answer and a relaxed one in the same region counts as
// fussing there.
var telling = []routines.Cue{routines.CueCrying, routines.CueFussing, routines.CueSubtle, routines.CueAsleep, routines.CueContent, routines.CueRelaxed}

func rank(c routines.Cue) int {
	for i, x := range telling {
		if x == c {
			return i
		}
	}
	return len(telling)
}

func cueIndex(c routines.Cue) int {
	for i, x := range routines.Cues {
		if x == c {
			return i
		}
	}
	return -1
}

// Build counts sessions (one baby's, oldest first, as the store gives
// them) into a report of weeks weeks ending with now's week. lib gives
// region names and their order.
func Build(baby store.Baby, sessions []store.Session, now time.Time, weeks int, lib []*routines.Routine) Report {
	rep := Report{Baby: baby, Now: now, Goal: baby.WeeklyGoal(), Routines: map[string]int{}, lib: lib}
	first := Monday(now).AddDate(0, 0, -7*(weeks-1))
	for i := range weeks {
		start := first.AddDate(0, 0, 7*i)
		rep.Weeks = append(rep.Weeks, Week{Start: start, Rest: baby.Resting(start)})
	}
	rep.AnswersSince = Monday(now).AddDate(0, 0, -7*(AnswerWeeks-1))
	began := baby.Added
	for _, s := range sessions {
		if s.Stats.Massaged() && (began.IsZero() || s.Started.Before(began)) {
			began = s.Started
		}
	}
	if began.IsZero() {
		began = now
	}
	for i := range rep.Weeks {
		rep.Weeks[i].Before = !rep.Weeks[i].Start.AddDate(0, 0, 7).After(began)
	}
	names, order := regionNames(lib)
	regions := map[string]*Tally{}
	strokes := map[string]*Tally{}
	tally := func(m map[string]*Tally, key string, t Tally) *Tally {
		if x, ok := m[key]; ok {
			return x
		}
		m[key] = &t
		return m[key]
	}
	for _, s := range sessions {
		if !s.Stats.Massaged() || s.Started.After(now) {
			continue
		}
		if !s.Started.Before(first) {
			w := int(Monday(s.Started.In(now.Location())).Sub(first).Hours()+12) / (7 * 24)
			if w >= 0 && w < len(rep.Weeks) {
				rep.Weeks[w].Sessions++
			}
		}
		if s.Started.Before(rep.AnswersSince) {
			continue
		}
		rep.Sessions++
		rep.Routines[s.RoutineID]++
		// The most telling answer per region, and per stroke asked about.
		best := map[string]routines.Cue{}
		var keys []string
		for _, a := range s.Stats.Answers {
			if cueIndex(a.Cue) < 0 {
				continue
			}
			k := a.Region
			if a.Step != "" {
				k = a.Region + "\x00" + routines.StepName(a.Step)
			}
			// A region counts the check-ins about it as a whole (at its
			// end); a stroke the ones asked during it. Kept apart, one
			// stroke the baby dislikes does not make its region look
			// disliked too.
			if c, ok := best[k]; !ok || rank(a.Cue) < rank(c) {
				if !ok {
					keys = append(keys, k)
				}
				best[k] = a.Cue
			}
		}
		if len(keys) > 0 {
			rep.Answered++
		}
		for _, k := range keys {
			region, stroke, isStroke := strings.Cut(k, "\x00")
			var t *Tally
			if isStroke {
				t = tally(strokes, k, Tally{Region: region, Stroke: stroke, Name: stroke, Where: nameOf(names, region), order: orderOf(order, region)})
			} else {
				t = tally(regions, k, Tally{Region: region, Name: nameOf(names, region), order: orderOf(order, region)})
			}
			t.Counts[cueIndex(best[k])]++
			t.N++
			if !slices.Contains(t.routines, s.RoutineID) {
				t.routines = append(t.routines, s.RoutineID)
			}
		}
	}
	for _, t := range regions {
		rep.Regions = append(rep.Regions, *t)
	}
	for _, t := range strokes {
		rep.Strokes = append(rep.Strokes, *t)
	}
	sortTallies(rep.Regions)
	sortTallies(rep.Strokes)
	return rep
}

func sortTallies(ts []Tally) {
	sort.Slice(ts, func(i, j int) bool {
		a, b := ts[i], ts[j]
		if a.order != b.order {
			return a.order < b.order
		}
		if a.Stroke != b.Stroke {
			return a.Stroke < b.Stroke
		}
		return a.Region < b.Region
	})
}

// regionNames gives each region id the name and place it first has in the
// routines, in their order.
func regionNames(lib []*routines.Routine) (map[string]string, map[string]int) {
	names, order := map[string]string{}, map[string]int{}
	for _, r := range lib {
		for _, rg := range r.Regions {
			if _, ok := names[rg.ID]; !ok {
				names[rg.ID] = rg.Name
				order[rg.ID] = len(order)
			}
		}
	}
	return names, order
}

func nameOf(names map[string]string, id string) string {
	if n, ok := names[id]; ok {
		return n
	}
	return id
}

func orderOf(order map[string]int, id string) int {
	if n, ok := order[id]; ok {
		return n
	}
	return len(order) + 1
}

// ThisWeek is the last week of the chart.
func (r Report) ThisWeek() Week { return r.Weeks[len(r.Weeks)-1] }

// WeekLine says where this week stands, kindly: a goal is a help, never a
// score to fall short of.
func (r Report) WeekLine() string {
	w := r.ThisWeek()
	n := w.Sessions
	switch {
	case w.Rest:
		return "A rest week. Resting is part of it too."
	case r.Goal == 0:
		return fmt.Sprintf("%s this week.", count(n, "session"))
	case n >= r.Goal:
		// The sessions as they are: 4 of a goal of 3 is not "3 of 3".
		return fmt.Sprintf("%s this week: goal of %d reached. Lovely.", count(n, "session"), r.Goal)
	case n == 0:
		return "No sessions yet this week. Whenever you are both ready."
	}
	return fmt.Sprintf("%s so far this week; %d more reaches your goal of %d. Short sessions count too.", count(n, "session"), r.Goal-n, r.Goal)
}

// GoalLine sums up the weeks before this one, rest weeks left out, or ""
// when there is nothing to sum up.
func (r Report) GoalLine() string {
	if r.Goal == 0 || len(r.Weeks) < 2 {
		return ""
	}
	met, counted, rest, run, running := 0, 0, 0, 0, true
	for i := len(r.Weeks) - 2; i >= 0; i-- {
		w := r.Weeks[i]
		switch {
		case w.Before:
			continue
		case w.Rest:
			rest++
			continue // a rest week neither counts nor breaks a run
		case w.Sessions >= r.Goal:
			met++
			if running {
				run++
			}
		default:
			running = false
		}
		counted++
	}
	if counted == 0 || met == 0 {
		return ""
	}
	line := fmt.Sprintf("Goal reached in %d of the last %d weeks", met, counted)
	switch {
	case counted == 1:
		line = "Goal reached last week"
	case met == counted && counted > 1:
		line = fmt.Sprintf("Goal reached in each of the last %d weeks", counted)
	case run >= 2:
		line += fmt.Sprintf(", the last %d in a row", run)
	}
	if rest > 0 {
		line += fmt.Sprintf(" (%s left out)", count(rest, "rest week"))
	}
	return line + "."
}

func count(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// Readings are a few plain sentences about what the answers show, most
// useful first, from regions and strokes with answers from MinSessions
// sessions or more.
func (r Report) Readings() []string {
	var out []string
	var enough []Tally
	for _, t := range r.Regions {
		if t.Enough() {
			enough = append(enough, t)
		}
	}
	if len(enough) == 0 {
		// How many sessions each area has answers from is on its row: a
		// count of all sessions here would seem to contradict them.
		return []string{fmt.Sprintf("Readings start once an area has answers from %d sessions.", MinSessions)}
	}
	// The favourite: the calmest region, if it is mostly calm. Regions
	// are ranked by (calm+1)/(n+2), so 3 calm sessions of 3 do not beat
	// 30 of 32: a few answers say less than many.
	fav := -1
	for i, t := range enough {
		if share(t.Calm(), t.N) < 0.7 {
			continue
		}
		if fav < 0 || share(t.Calm()+1, t.N+2) > share(enough[fav].Calm()+1, enough[fav].N+2) {
			fav = i
		}
	}
	if fav >= 0 {
		t := enough[fav]
		if len(enough) > 1 {
			out = append(out, fmt.Sprintf("%s is the favourite: %s in %d of %d sessions.", t.Name, calmWords(t), t.Calm(), t.N))
		} else {
			out = append(out, fmt.Sprintf("%s: %s in %d of %d sessions.", t.Name, calmWords(t), t.Calm(), t.N))
		}
	}
	for _, t := range byShare(enough, Tally.Upset) {
		if routines.Often(t.Upset(), t.N) {
			out = append(out, fmt.Sprintf("%s often brings %s (%d of %d sessions): %s.", t.Name, upsetWords(t), t.Upset(), t.N, r.advice(routines.ReadUpset, t)))
		}
	}
	for _, t := range byShare(enough, func(t Tally) int { return t.Count(routines.CueSubtle) }) {
		if !routines.Often(t.Upset(), t.N) && routines.Often(t.Count(routines.CueSubtle), t.N) {
			out = append(out, fmt.Sprintf("%s often brings subtle cues (%d of %d sessions): %s.", t.Name, t.Count(routines.CueSubtle), t.N, r.advice(routines.ReadSubtle, t)))
		}
	}
	for _, t := range enough {
		if routines.Often(t.Count(routines.CueAsleep), t.N) {
			out = append(out, fmt.Sprintf("Your baby often drifted off during %s (%d of %d sessions).", lower(t.Name), t.Count(routines.CueAsleep), t.N))
		}
	}
	for _, t := range byShare(r.Strokes, Tally.Upset) {
		if routines.Often(t.Upset(), t.N) {
			out = append(out, fmt.Sprintf("%s (%s) brought %s in %d of %d sessions you asked during it: %s.", t.Name, lower(t.Where), upsetWords(t), t.Upset(), t.N, r.advice(routines.ReadStroke, t)))
		}
	}
	if len(out) == 0 {
		out = append(out, "No region stands out yet: your baby's answers are mixed.")
	}
	return out
}

// advice is what a reading of t may suggest, by the rules of the routines
// its answers came from (routines.ReadingAdvice). A routine no longer in
// the catalogue (a learning-plan week, a file since removed) is stood in
// for by every routine that has the region.
func (r Report) advice(rd routines.Reading, t Tally) string {
	var rs []*routines.Routine
	for _, x := range r.lib {
		if slices.Contains(t.routines, x.ID) {
			rs = append(rs, x)
		}
	}
	if len(rs) < len(t.routines) {
		for _, x := range r.lib {
			if _, ok := x.Region(t.Region); ok && !slices.Contains(rs, x) {
				rs = append(rs, x)
			}
		}
	}
	return routines.ReadingAdvice(rd, rs)
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// byShare is ts with the highest share of f first.
func byShare(ts []Tally, f func(Tally) int) []Tally {
	out := append([]Tally(nil), ts...)
	sort.SliceStable(out, func(i, j int) bool { return share(f(out[i]), out[i].N) > share(f(out[j]), out[j].N) })
	return out
}

func calmWords(t Tally) string {
	switch {
	case t.Count(routines.CueContent) == 0:
		return "relaxed"
	case t.Count(routines.CueRelaxed) == 0:
		return "alert and content"
	}
	return "relaxed or content"
}

func upsetWords(t Tally) string {
	switch {
	case t.Count(routines.CueCrying) == 0:
		return "fussing"
	case t.Count(routines.CueFussing) == 0:
		return "crying"
	}
	return "fussing or crying"
}

func lower(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
