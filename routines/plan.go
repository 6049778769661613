package routines

import (
	"fmt"
	"strconv"
	"strings"
)

// The learning plan teaches the full-body routine over six weeks, one new
// region a week (facts §1.2, a course in the IAIM tradition): week 1 the
// legs, 2 the tummy, 3 the chest, 4 the back, 5 the face, 6 the whole
// routine. Each session starts with the newest region, so it is practised
// before the baby tires; the regions already learnt follow in the usual
// order. The plan is derived from the full-body routine's own regions and
// steps, so it never drifts from them.

// PlanWeeks is how many weeks the learning plan lasts.
const PlanWeeks = 6

// PlanFrom is the id of the routine the learning plan is made from.
const PlanFrom = "full-body"

// planPrefix starts the id of each week's routine. The week is part of the
// id, so a session cut off in one week resumes with the same steps, even
// when it is picked up in the next.
const planPrefix = "learning-plan-week-"

// planAdds lists the region each week adds; week 6 is the full routine.
// The course's list has no arms: they first come with the full routine.
var planAdds = []string{"legs", "tummy", "chest", "back", "face"}

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
	if len(lastRg.Steps) == 0 || lastRg.Steps[len(lastRg.Steps)-1].Kind != Hold {
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
			return strings.ToLower(rg.Name)
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
