package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/routines"
)

// planState knows, for each baby, when their learning plan began: the
// start of the earliest learning-plan session saved for them. The week
// the family is in follows from it. Nothing else is stored.
type planState struct {
	began map[uint64]time.Time
}

// planMsg carries the learning plan's start for each baby.
type planMsg struct {
	began map[uint64]time.Time
}

// loadPlan reads, in a command, when each baby's learning plan began.
// Only the last six weeks are read: a plan session older than that puts
// the family in week 6 whatever came before, and a family that has done
// no plan session for six weeks starts again at week 1.
func (a *app) loadPlan() tea.Cmd {
	st, since := a.cfg.Store, a.clock.Now().AddDate(0, 0, -7*routines.PlanWeeks)
	return func() tea.Msg {
		began := map[uint64]time.Time{}
		babies, err := st.Babies()
		if err != nil {
			return planMsg{} // unreadable history: the plan starts at week 1
		}
		for _, b := range babies {
			ss, err := st.SessionsSince(b.ID, since)
			if err != nil {
				continue
			}
			for _, s := range ss {
				if _, ok := routines.PlanWeek(s.RoutineID); !ok {
					continue
				}
				if t, seen := began[s.BabyID]; !seen || s.Started.Before(t) {
					began[s.BabyID] = s.Started
				}
			}
		}
		return planMsg{began: began}
	}
}

func (p *planState) load(msg planMsg) {
	for id, t := range msg.began {
		p.begin(id, t)
	}
}

// begin notes a learning-plan session starting at t (the earliest wins).
func (p *planState) begin(baby uint64, t time.Time) {
	if p.began == nil {
		p.began = map[uint64]time.Time{}
	}
	if old, ok := p.began[baby]; !ok || t.Before(old) {
		p.began[baby] = t
	}
}

// week is the plan's week for a baby at now: 1 until the first session
// and in the seven days from it, then one more each seven days, up to 6.
func (p *planState) week(baby uint64, now time.Time) int {
	t, ok := p.began[baby]
	if !ok || now.Before(t) {
		return 1
	}
	return min(int(now.Sub(t)/(7*24*time.Hour))+1, routines.PlanWeeks)
}

// homeRoutines are the routines the home screen offers: the catalogue,
// then this week's learning plan (last, so the digits of the others stay
// where they were).
func (a *app) homeRoutines() []*routines.Routine {
	rs := a.cfg.Routines
	full := a.builtin(routines.PlanFrom)
	if full == nil {
		return rs
	}
	plan, err := routines.LearningPlan(full, a.plan.week(a.baby.ID, a.clock.Now()))
	if err != nil {
		return rs
	}
	return append(rs[:len(rs):len(rs)], plan)
}

// builtin is the built-in routine with this id, or nil.
func (a *app) builtin(id string) *routines.Routine {
	for _, r := range a.cfg.Routines {
		if r.ID == id && r.Builtin {
			return r
		}
	}
	return nil
}

// routine finds a routine by id: one of the catalogue, or a week of the
// learning plan (which is derived, not listed).
func (a *app) routine(id string) *routines.Routine {
	for _, r := range a.cfg.Routines {
		if r.ID == id {
			return r
		}
	}
	if week, ok := routines.PlanWeek(id); ok {
		if full := a.builtin(routines.PlanFrom); full != nil {
			if r, err := routines.LearningPlan(full, week); err == nil {
				return r
			}
		}
	}
	return nil
}
