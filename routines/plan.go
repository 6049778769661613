package routines

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The learning plan teaches the full-body routine one new region a week (a
// course in the IAIM tradition [S8]; docs/SOURCES.md, "The learning
// plan"): week 1 the legs, 2 the tummy, 3 the chest, 4 the back, 5 the
// face. The course's list has no arms, so every region gets its week here:
// the arms and hands come in week 6, and the whole routine in week 7. Each
// session starts with the newest region, so it is practised before the
// baby tires; the regions already learnt follow in the usual order. The
// plan is derived from the full-body routine's own regions and steps, so
// it never drifts from them.
//
// A week moves on when it has been practised (PlanSessionsPerWeek
// sessions of real practice, PlanSession.Practice), not when the calendar
// says so: a missed week never skips a region. The parent can also choose another week, to
// repeat one or to move on sooner.

// PlanWeeks is how many weeks the learning plan has: one per region, and
// the full routine.
const PlanWeeks = 7

// PlanSessionsPerWeek is how many sessions of a week move the plan on.
const PlanSessionsPerWeek = 3

// PlanFrom is the id of the routine the learning plan is made from.
const PlanFrom = "full-body"

// planPrefix starts the id of each week's routine. The week is part of the
// id, so a session cut off in one week resumes with the same steps, even
// when it is picked up in the next.
const planPrefix = "learning-plan-week-"

// planAdds lists the region each week adds: the course's order, then the
// arms, which it leaves out. The week after the last is the full routine.
var planAdds = []string{"legs", "tummy", "chest", "back", "face", "arms"}

// PlanID is the id of week's learning-plan routine.
func PlanID(week int) string { return planPrefix + strconv.Itoa(week) }

// PlanWeek reads the week from a learning-plan routine's id.
func PlanWeek(id string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(id, planPrefix))
	if !strings.HasPrefix(id, planPrefix) || err != nil || n < 1 || n > PlanWeeks {
		return 0, false
	}
	return n, true
}

// LearningPlan derives week's session from the full-body routine. Weeks
// before 1 are week 1, and weeks after the sixth are the sixth.
func LearningPlan(full *Routine, week int) (*Routine, error) {
	week = min(max(week, 1), PlanWeeks)
	var regions []Region
	if week == PlanWeeks {
		regions = append(regions, full.Regions...)
	} else {
		learnt := map[string]bool{}
		for _, id := range planAdds[:week] {
			learnt[id] = true
		}
		newest, ok := full.Region(planAdds[week-1])
		if !ok {
			return nil, fmt.Errorf("the learning plan needs the %q region of %s", planAdds[week-1], full.ID)
		}
		regions = append(regions, newest)
		for _, rg := range full.Regions {
			if learnt[rg.ID] && rg.ID != newest.ID {
				regions = append(regions, rg)
			}
		}
		regions = closeWithCuddle(full, regions)
	}
	r := *full
	r.ID = PlanID(week)
	r.Title = fmt.Sprintf("Learning plan · week %d", week)
	r.Regions = regions
	r.Purpose = PlanPurpose(full, week)
	return &r, nil
}

// closeWithCuddle ends every session with the routine's closing step (its
// last step, when it is a still hold such as "Thank you and a cuddle"),
// wherever the region it belongs to now stands, or when that region is not
// learnt yet.
func closeWithCuddle(full *Routine, regions []Region) []Region {
	if len(full.Regions) == 0 || len(regions) == 0 {
		return regions
	}
	lastRg := full.Regions[len(full.Regions)-1]
	if len(lastRg.Steps) == 0 || lastRg.Steps[len(lastRg.Steps)-1].Kind != StepHold {
		return regions
	}
	closing := lastRg.Steps[len(lastRg.Steps)-1]
	out := make([]Region, len(regions))
	copy(out, regions)
	for i, rg := range out {
		if rg.ID == lastRg.ID {
			if i == len(out)-1 {
				return out // already at the end
			}
			out[i].Steps = rg.Steps[: len(rg.Steps)-1 : len(rg.Steps)-1]
		}
	}
	end := &out[len(out)-1]
	end.Steps = append(append([]Step(nil), end.Steps...), closing)
	return out
}

// PlanFocus says in a few words what week's session holds, newest region
// first: "tummy first, then legs and feet".
func PlanFocus(full *Routine, week int) string {
	week = min(max(week, 1), PlanWeeks)
	if week == PlanWeeks {
		return "the full routine"
	}
	name := func(id string) string {
		if rg, ok := full.Region(id); ok {
			return InSentence(rg.Name)
		}
		return id
	}
	focus := name(planAdds[week-1])
	var rest []string
	for _, rg := range full.Regions {
		for _, id := range planAdds[:week-1] {
			if rg.ID == id {
				rest = append(rest, name(id))
			}
		}
	}
	if len(rest) == 0 {
		return focus
	}
	return focus + " first, then " + strings.Join(rest, ", ")
}

// PlanPurpose is the home screen's description of week's session.
func PlanPurpose(full *Routine, week int) string {
	week = min(max(week, 1), PlanWeeks)
	if week == PlanWeeks {
		return fmt.Sprintf("Week %d of %d: the full routine, in the usual order. You have learnt every region.", week, PlanWeeks)
	}
	return fmt.Sprintf("Week %d of %d: %s. One new region a week; the newest comes first, while your baby is fresh.",
		week, PlanWeeks, PlanFocus(full, week))
}

// PlanNext says what the week after week brings: "week 3 adds the
// chest", "week 7 is the full routine"; "" after the last.
func PlanNext(full *Routine, week int) string {
	week = min(max(week, 1), PlanWeeks)
	switch {
	case week == PlanWeeks:
		return ""
	case week+1 == PlanWeeks:
		return fmt.Sprintf("week %d is the full routine", week+1)
	}
	name := planAdds[week]
	if rg, ok := full.Region(name); ok {
		name = InSentence(rg.Name)
	}
	return fmt.Sprintf("week %d adds the %s", week+1, name)
}

// PlanPractice is the time massaging that always makes a plan session
// practice of its week, however long the week's massage (the full
// routine is over 19 minutes, longer than the sources suggest for many
// babies).
const PlanPractice = 5 * time.Minute

// PlanSession is one of a baby's learning-plan sessions, as the plan
// counts them.
type PlanSession struct {
	Week int
	// Massage is the time spent massaging (ActiveTime); Of is the week's
	// massage at the usual pace, 0 when not known.
	Massage, Of time.Duration
}

// Practice reports whether the session was practice of its week: at least
// half its week's massage, or PlanPractice, whichever is less. A "not
// now", a session stopped after a minute, or one skipped through in
// seconds does not move the plan on.
func (s PlanSession) Practice() bool {
	need := PlanPractice
	if s.Of > 0 {
		need = min(need, s.Of/2)
	}
	return s.Massage > 0 && s.Massage >= need
}

// PlanStage is where a baby is in the learning plan.
type PlanStage struct {
	Week int // the week to practise now
	Done int // sessions of that week already done
}

// PlanProgress works out the week from a baby's plan sessions, in any
// order: the furthest week practised (repeating an earlier one does not
// move the plan back), and once it has PlanSessionsPerWeek sessions of
// practice, the week after. Time plays no part: a family that missed a
// week goes on where it stopped.
func PlanProgress(sessions []PlanSession) PlanStage {
	st := PlanStage{Week: 1}
	for _, s := range sessions {
		if !s.Practice() || s.Week < 1 || s.Week > PlanWeeks {
			continue
		}
		switch {
		case s.Week > st.Week:
			st = PlanStage{Week: s.Week, Done: 1}
		case s.Week == st.Week:
			st.Done++
		}
	}
	if st.Done >= PlanSessionsPerWeek && st.Week < PlanWeeks {
		st = PlanStage{Week: st.Week + 1}
	}
	return st
}
