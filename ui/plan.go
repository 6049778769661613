package ui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/routines"
)

// planState knows each baby's learning-plan sessions, from which the
// week to practise follows (routines.PlanProgress), and the week the
// parent chose on the home screen instead, to repeat one or move on. It
// stores nothing of its own.
type planState struct {
	sessions map[uint64][]routines.PlanSession
	chosen   map[uint64]int // until the session of that week ends
}

// planMemory is how far back plan sessions are read: a family back after
// half a year starts the plan again (its ages are long past by then), and
// the history of years is never read at start.
const planMemory = 26 * 7 * 24 * time.Hour

// planMsg carries each baby's plan sessions.
type planMsg struct {
	sessions map[uint64][]routines.PlanSession
}

// loadPlan reads, in a command, each baby's learning-plan sessions.
func (a *app) loadPlan() tea.Cmd {
	st, since := a.cfg.Store, a.clock.Now().Add(-planMemory)
	of := map[int]time.Duration{} // each week's massage
	for week := 1; week <= routines.PlanWeeks; week++ {
		if r := a.routine(routines.PlanID(week)); r != nil {
			of[week] = r.Length()
		}
	}
	return func() tea.Msg {
		all := map[uint64][]routines.PlanSession{}
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
				if week, ok := routines.PlanWeek(s.RoutineID); ok {
					all[b.ID] = append(all[b.ID], routines.PlanSession{Week: week, Massage: s.Stats.Length(), Of: of[week]})
				}
			}
		}
		return planMsg{sessions: all}
	}
}

func (p *planState) load(msg planMsg) {
	for id, ss := range msg.sessions {
		p.sessions[id] = append(ss, p.sessions[id]...)
	}
}

// done counts a plan session that has just ended, and lets go of the
// week chosen for it: the plan goes on from where its sessions put it.
func (p *planState) done(baby uint64, s routines.PlanSession) {
	p.sessions[baby] = append(p.sessions[baby], s)
	delete(p.chosen, baby)
}

// stage is where the baby's plan is.
func (p *planState) stage(baby uint64) routines.PlanStage {
	return routines.PlanProgress(p.sessions[baby])
}

// week is the week the home screen offers: the one chosen, else the
// plan's.
func (p *planState) week(baby uint64) int {
	if w, ok := p.chosen[baby]; ok {
		return w
	}
	return p.stage(baby).Week
}

// choose moves the week offered by step (-1 or +1), from 1 to the last.
func (p *planState) choose(baby uint64, step int) {
	w := min(max(p.week(baby)+step, 1), routines.PlanWeeks)
	if w == p.stage(baby).Week {
		delete(p.chosen, baby)
		return
	}
	p.chosen[baby] = w
}

// line says where the plan stands and what comes next.
func (p *planState) line(baby uint64, full *routines.Routine) string {
	st, week := p.stage(baby), p.week(baby)
	switch {
	case week < st.Week:
		return fmt.Sprintf("A repeat of week %d: your plan is at week %d, and stays there.", week, st.Week)
	case week > st.Week:
		return fmt.Sprintf("Moving on sooner: your plan is at week %d. A session of week %d moves it there.", st.Week, week)
	case week == routines.PlanWeeks:
		return "You have learnt every region: this is the whole routine from now on."
	}
	done := fmt.Sprintf("%d of %d sessions of week %d done", st.Done, routines.PlanSessionsPerWeek, week)
	if st.Done == 0 {
		done = fmt.Sprintf("No session of week %d yet", week)
	}
	return fmt.Sprintf("%s. After %d, %s.", done, routines.PlanSessionsPerWeek, routines.PlanNext(full, week))
}

// homeRoutines are the routines the home screen offers: the catalogue
// (less the routines shaped for another baby), then the learning plan at
// the baby's week (last, so the digits of the others stay where they
// were).
func (a *app) homeRoutines() []*routines.Routine {
	var rs []*routines.Routine
	for _, r := range a.data.routines {
		if a.offered(r) {
			rs = append(rs, r)
		}
	}
	full := a.builtin(routines.PlanFrom)
	if full == nil {
		return rs
	}
	plan, err := routines.LearningPlan(full, a.data.plan.week(a.data.baby.ID))
	if err != nil {
		return rs
	}
	return append(rs, plan)
}

// builtin is the built-in routine with this id, or nil.
func (a *app) builtin(id string) *routines.Routine {
	for _, r := range a.data.routines {
		if r.ID == id && r.Builtin {
			return r
		}
	}
	return nil
}

// routine finds a routine by id: one of the catalogue, or a week of the
// learning plan (which is derived, not listed).
func (a *app) routine(id string) *routines.Routine {
	for _, r := range a.data.routines {
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
