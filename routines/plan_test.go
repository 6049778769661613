package routines

import (
	"slices"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/internal/testclock"
)

func fullBody(t *testing.T) *Routine {
	t.Helper()
	lib, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range lib {
		if r.ID == PlanFrom {
			return r
		}
	}
	t.Fatal("no full-body routine")
	return nil
}

func regionIDs(r *Routine) []string {
	var ids []string
	for _, rg := range r.Regions {
		ids = append(ids, rg.ID)
	}
	return ids
}

// One new region a week, the newest first, then the ones learnt before in
// the usual order; week 7 is the full routine as it is.
func TestLearningPlanWeeks(t *testing.T) {
	full := fullBody(t)
	for _, tc := range []struct {
		week  int
		want  []string
		focus string
	}{
		{0, []string{"legs"}, "legs and feet"},
		{1, []string{"legs"}, "legs and feet"},
		{2, []string{"tummy", "legs"}, "tummy first, then legs and feet"},
		{3, []string{"chest", "legs", "tummy"}, "chest first, then legs and feet, tummy"},
		{4, []string{"back", "legs", "tummy", "chest"}, "back first, then legs and feet, tummy, chest"},
		{5, []string{"face", "legs", "tummy", "chest", "back"}, "face first, then legs and feet, tummy, chest, back"},
		{6, []string{"arms", "legs", "tummy", "chest", "face", "back"}, "arms and hands first, then legs and feet, tummy, chest, face, back"},
		{7, regionIDs(full), "the full routine"},
		{9, regionIDs(full), "the full routine"},
	} {
		r, err := LearningPlan(full, tc.week)
		if err != nil {
			t.Fatal(err)
		}
		if got := regionIDs(r); !slices.Equal(got, tc.want) {
			t.Errorf("week %d: regions %v, want %v", tc.week, got, tc.want)
		}
		if got := PlanFocus(full, tc.week); got != tc.focus {
			t.Errorf("week %d: focus %q, want %q", tc.week, got, tc.focus)
		}
		week := min(max(tc.week, 1), PlanWeeks)
		if w, ok := PlanWeek(r.ID); !ok || w != week {
			t.Errorf("week %d: id %q reads as week %d (%v)", tc.week, r.ID, w, ok)
		}
		if r.Ages != full.Ages || r.NoOpening != full.NoOpening || !r.Builtin {
			t.Errorf("week %d: ages, opening or builtin differ from the full routine", tc.week)
		}
	}
}

// Every session ends with the routine's closing cuddle, even when the back
// (where it belongs) comes first or is not learnt yet; the full routine is
// left as it is.
func TestLearningPlanEndsWithTheCuddle(t *testing.T) {
	full := fullBody(t)
	back, _ := full.Region("back")
	closing := back.Steps[len(back.Steps)-1]
	if closing.Kind != StepHold {
		t.Fatalf("the full routine's last step is %q, a %s; the plan expects a closing hold", closing.Name, closing.Kind)
	}
	for week := 1; week <= PlanWeeks; week++ {
		r, _ := LearningPlan(full, week)
		var titles []string
		for _, rg := range r.Regions {
			for _, st := range rg.Steps {
				titles = append(titles, st.Name)
			}
		}
		if n := len(titles); titles[n-1] != closing.Name || slices.Index(titles, closing.Name) != n-1 {
			t.Errorf("week %d: the cuddle is not the one last step: %v", week, titles)
		}
	}
	// The full routine itself is untouched.
	if b, _ := full.Region("back"); len(b.Steps) != len(back.Steps) || b.Steps[len(b.Steps)-1].Name != closing.Name {
		t.Fatal("deriving the plan changed the full routine")
	}
	// Week 4 starts with the back, without its closing step.
	r, _ := LearningPlan(full, 4)
	if got := r.Regions[0].Steps; len(got) != len(back.Steps)-1 {
		t.Fatalf("week 4's back has %d steps, want %d", len(got), len(back.Steps)-1)
	}
}

// The plan walks like any routine: week 2 starts with the tummy after the
// opening ritual.
func TestLearningPlanSession(t *testing.T) {
	full := fullBody(t)
	r, _ := LearningPlan(full, 2)
	c := testclock.New(sessT0)
	s := NewSession(r, c, SessionOptions{})
	s.Start()
	s.SkipRegion() // past the opening ritual, to asking
	s.Next()       // yes
	if st := s.State(); st.Region.ID != "tummy" || st.RegionNum != 1 || st.Regions != 2 {
		t.Fatalf("first region %q (%d of %d), want tummy (1 of 2)", st.Region.ID, st.RegionNum, st.Regions)
	}
}

func TestPlanWeekRejects(t *testing.T) {
	for _, id := range []string{"full-body", "learning-plan-week-0", "learning-plan-week-8", "learning-plan-week-x", "learning-plan-week-"} {
		if w, ok := PlanWeek(id); ok {
			t.Errorf("PlanWeek(%q) = %d, true", id, w)
		}
	}
}

// Every region of the full routine gets a week of its own, the arms and
// hands included, and each week says what the next brings.
func TestEveryRegionGetsItsWeek(t *testing.T) {
	full := fullBody(t)
	newest := map[string]int{}
	for week := 1; week < PlanWeeks; week++ {
		r, err := LearningPlan(full, week)
		if err != nil {
			t.Fatal(err)
		}
		newest[r.Regions[0].ID] = week
	}
	for _, rg := range full.Regions {
		if _, ok := newest[rg.ID]; !ok {
			t.Errorf("%s never has a week of its own: %v", rg.Name, newest)
		}
	}
	if len(full.Regions)+1 != PlanWeeks {
		t.Errorf("%d regions and the full routine, but %d weeks", len(full.Regions), PlanWeeks)
	}
	for week, want := range map[int]string{1: "week 2 adds the tummy", 5: "week 6 adds the arms and hands", 6: "week 7 is the full routine", 7: ""} {
		if got := PlanNext(full, week); got != want {
			t.Errorf("after week %d: %q, want %q", week, got, want)
		}
	}
}

// What counts as practice of a week: at least half its massage, or
// PlanPractice of a long one.
func TestPlanPractice(t *testing.T) {
	minute := time.Minute
	for _, c := range []struct {
		name        string
		massage, of time.Duration
		want        bool
	}{
		{"a \"not now\"", 0, 7 * minute, false},
		{"skipped through in seconds", 4 * time.Second, 7 * minute, false},
		{"stopped after a minute of a 7-minute week", minute, 7 * minute, false},
		{"half of a 7-minute week", 3*minute + 30*time.Second, 7 * minute, true},
		{"the whole week", 7 * minute, 7 * minute, true},
		{"5 minutes of the 19-minute full routine", 5 * minute, 19*minute + 17*time.Second, true},
		{"4 minutes of it", 4 * minute, 19*minute + 17*time.Second, false},
		{"the week's length not known: 5 minutes", 5 * minute, 0, true},
		{"the week's length not known: less", 4 * minute, 0, false},
	} {
		if got := (PlanSession{Week: 1, Massage: c.massage, Of: c.of}).Practice(); got != c.want {
			t.Errorf("%s: practice %v, want %v", c.name, got, c.want)
		}
	}
}

// The week moves on with practice, never with the calendar: a family that
// missed a week (or a month) goes on where it stopped, so no region is
// skipped.
func TestPlanProgress(t *testing.T) {
	wk := func(weeks ...int) []PlanSession {
		var out []PlanSession
		for _, w := range weeks {
			out = append(out, PlanSession{Week: w, Massage: 6 * time.Minute, Of: 7 * time.Minute})
		}
		return out
	}
	for _, c := range []struct {
		name     string
		sessions []PlanSession
		want     PlanStage
	}{
		{"no session yet", nil, PlanStage{Week: 1}},
		{"two sessions of week 1", wk(1, 1), PlanStage{Week: 1, Done: 2}},
		{"three sessions move the plan on", wk(1, 1, 1), PlanStage{Week: 2}},
		{"a missed week does not skip the tummy", wk(1, 1, 1), PlanStage{Week: 2}},
		{"the parent moved on sooner", wk(1, 2), PlanStage{Week: 2, Done: 1}},
		{"a repeat of an earlier week does not move the plan back", wk(1, 1, 1, 2, 2, 1), PlanStage{Week: 2, Done: 2}},
		{"in any order", wk(2, 1, 2, 1, 2), PlanStage{Week: 3}},
		{"a \"not now\" does not count", append(wk(1, 1), PlanSession{Week: 1, Of: 7 * time.Minute}), PlanStage{Week: 1, Done: 2}},
		{"a session skipped through in seconds does not count", append(wk(1, 1), PlanSession{Week: 1, Massage: 4 * time.Second, Of: 7 * time.Minute}), PlanStage{Week: 1, Done: 2}},
		{"the full routine stays", wk(7, 7, 7, 7), PlanStage{Week: 7, Done: 4}},
		{"weeks the plan does not have are left out", wk(0, 9, 1), PlanStage{Week: 1, Done: 1}},
	} {
		if got := PlanProgress(c.sessions); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}
