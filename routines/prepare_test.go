package routines

import (
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/internal/testclock"
)

// prepRoutine has positions, a region without oil and a prepare step of
// its own. With the opening (#0-#3: 20 s, 8 s, 5 s, then the ask) its
// plan is
//
//	#4 rest     legs  (on the back)          10 s
//	#5 milk     legs                         30 s
//	#6 circles  face  (on the back, no oil)  20 s
//	#7 relax    arms  (on the back) prepare  20 s, waits
//	#8 glide    arms                         20 s
//	#9 rest     back  (on the front)         10 s
//	#10 comb    back                         20 s
//
// and a session adds, hands-free: wiping the hands before #6 (15 s),
// oiling them again before #7 (15 s), turning the baby onto the front
// before #9 (30 s).
func prepRoutine() *Routine {
	return &Routine{
		ID: "prep", Title: "Prep",
		Regions: []Region{
			{ID: "legs", Name: "Legs", Position: PositionBack, Steps: []Step{
				{ID: "rest", Name: "Resting hands", Kind: StepResting, Duration: 10 * sec},
				{ID: "milk", Name: "Milking", Kind: StepStroke, Duration: 30 * sec},
			}},
			{ID: "face", Name: "Face", Position: PositionBack, NoOil: true, Steps: []Step{
				{ID: "circles", Name: "Circles", Kind: StepStroke, Duration: 20 * sec},
			}},
			{ID: "arms", Name: "Arms", Position: PositionBack, CheckIn: true, Steps: []Step{
				{ID: "relax", Name: "Let the arms relax", Kind: StepPrepare, Duration: 20 * sec},
				{ID: "glide", Name: "Glide", Kind: StepStroke, Duration: 20 * sec},
			}},
			{ID: "back", Name: "Back", Position: PositionFront, Steps: []Step{
				{ID: "back-rest", Name: "Resting hands", Kind: StepResting, Duration: 10 * sec},
				{ID: "comb", Name: "Combing", Kind: StepStroke, Duration: 20 * sec},
			}},
		},
	}
}

// toTheTurn runs a session without oil (toTheAsk first) to turning the
// baby onto their front for the back, at 170 s.
var toTheTurn = sessOp{at: 170 * sec, do: "tick", want: []string{
	"step_done@50s #4 legs elapsed=10s", "step_done@1m20s #5 legs elapsed=30s", "step_done@1m40s #6 face elapsed=20s",
	"ready@2m0s #7 arms elapsed=20s", "step_done@2m20s #8 arms elapsed=20s", "checkin@2m50s #8 arms cue=unanswered",
}, state: "running #9 30s/30s", check: stepIs("Turn your baby onto their front", 0, PositionBack)}

// toTheAsk runs the opening to its ask, which the baby says yes to at 40 s.
var toTheAsk = []sessOp{
	{do: "start", want: []string{"start@0s #0"}},
	{at: 40 * sec, do: "tick", want: []string{
		"step_done@20s #0 opening elapsed=20s", "step_done@28s #1 opening elapsed=8s", "step_done@33s #2 opening elapsed=5s",
	}, state: "waiting #3 0s/0s"},
	{at: 40 * sec, do: "next", want: []string{"step_done@40s #3 opening"}, state: "running #4 10s/10s",
		check: stepIs("Resting hands", 1, PositionBack)},
}

// stepIs checks the step on screen, its place among the region's steps
// of massage (0 while getting ready for the first), and where the baby
// lies.
func stepIs(name string, inRegion int, pos Position) func(*testing.T, State) {
	return func(t *testing.T, st State) {
		t.Helper()
		if st.Step.Name != name || st.StepInRegion != inRegion || st.Position != pos {
			t.Errorf("on screen %q (%d of %d), baby %q; want %q (%d), baby %q",
				st.Step.Name, st.StepInRegion, st.StepsInRegion, st.Position, name, inRegion, pos)
		}
	}
}

// nextIs checks what the screen says comes next.
func nextIs(name string) func(*testing.T, State) {
	return func(t *testing.T, st State) {
		t.Helper()
		if st.Next == nil || st.Next.Name != name {
			got := "nothing"
			if st.Next != nil {
				got = st.Next.Name
			}
			t.Errorf("next is %s, want %q", got, name)
		}
	}
}

func both(checks ...func(*testing.T, State)) func(*testing.T, State) {
	return func(t *testing.T, st State) {
		t.Helper()
		for _, c := range checks {
			c(t, st)
		}
	}
}

func TestGettingReadySteps(t *testing.T) {
	cases := []sessCase{
		{name: "hands-free: each waits its time and goes on by itself, never a step done", opening: true, ops: ops(toTheAsk, []sessOp{
			{at: 80 * sec, do: "tick", want: []string{
				"step_done@50s #4 legs elapsed=10s",
				"step_done@1m20s #5 legs elapsed=30s",
			}, state: "running #6 15s/15s", check: both(stepIs("Wipe the oil off your hands", 0, PositionBack), nextIs("Circles"))},
			{at: 95 * sec, do: "tick", want: []string{"ready@1m35s #6 face elapsed=15s"},
				state: "running #6 20s/20s", check: stepIs("Circles", 1, PositionBack)},
			{at: 115 * sec, do: "tick", want: []string{"step_done@1m55s #6 face elapsed=20s"},
				state: "running #7 15s/15s", check: both(stepIs("Oil your hands again", 0, PositionBack), nextIs("Let the arms relax"))},
			{at: 130 * sec, do: "tick", want: []string{"ready@2m10s #7 arms elapsed=15s"},
				state: "running #7 20s/20s", check: both(stepIs("Let the arms relax", 0, PositionBack), nextIs("Glide"))},
			{at: 150 * sec, do: "tick", want: []string{"ready@2m30s #7 arms elapsed=20s"},
				state: "running #8 20s/20s", check: both(stepIs("Glide", 1, PositionBack), nextIs("Turn your baby onto their front"))},
			{at: 200 * sec, do: "tick", want: []string{
				"step_done@2m50s #8 arms elapsed=20s",
				"checkin@3m20s #8 arms cue=unanswered",
			}, state: "running #9 30s/30s", check: both(stepIs("Turn your baby onto their front", 0, PositionBack), nextIs("Resting hands"))},
			{at: 230 * sec, do: "tick", want: []string{"ready@3m50s #9 back elapsed=30s"},
				state: "running #9 10s/10s", check: stepIs("Resting hands", 1, PositionFront)},
			{at: 260 * sec, do: "tick", want: []string{
				"step_done@4m0s #9 back elapsed=10s", "step_done@4m20s #10 back elapsed=20s", "end@4m20s #11 reason=finished",
			}},
		})},
		{name: "space when ready: goes on at once, with the time it took", opening: true, ops: ops(toTheAsk, []sessOp{
			{at: 80 * sec, do: "tick", want: []string{"step_done@50s #4 legs elapsed=10s", "step_done@1m20s #5 legs elapsed=30s"}},
			{at: 84 * sec, do: "next", want: []string{"ready@1m24s #6 face elapsed=4s"}, state: "running #6 20s/20s"},
		})},
		{name: "the parent uses no oil: nothing to wipe or put on", opening: true, opts: SessionOptions{NoOil: true}, ops: ops(toTheAsk, []sessOp{
			{at: 80 * sec, do: "tick", want: []string{"step_done@50s #4 legs elapsed=10s", "step_done@1m20s #5 legs elapsed=30s"},
				state: "running #6 20s/20s", check: stepIs("Circles", 1, PositionBack)},
			{at: 100 * sec, do: "tick", want: []string{"step_done@1m40s #6 face elapsed=20s"},
				state: "running #7 20s/20s", check: stepIs("Let the arms relax", 0, PositionBack)},
		})},
		{name: "a region left out takes its turning with it", opening: true, opts: SessionOptions{LeftOut: []string{"back"}, NoOil: true}, ops: ops([]sessOp{
			{do: "start", want: []string{"start@0s #0 left_out=back"}}}, toTheAsk[1:], []sessOp{
			{at: 140 * sec, do: "tick", want: []string{
				"step_done@50s #4 legs elapsed=10s", "step_done@1m20s #5 legs elapsed=30s", "step_done@1m40s #6 face elapsed=20s",
				"ready@2m0s #7 arms elapsed=20s", "step_done@2m20s #8 arms elapsed=20s",
			}, state: "checkin #8 30s/30s", check: func(t *testing.T, st State) {
				if st.Next != nil {
					t.Errorf("after the last region left, next is %q", st.Next.Name)
				}
			}},
		})},
		{name: "back from the front goes through turning the baby over again", opening: true, opts: SessionOptions{NoOil: true}, ops: ops(toTheAsk, []sessOp{
			toTheTurn,
			{at: 180 * sec, do: "next", want: []string{"ready@3m0s #9 back elapsed=10s"}, check: stepIs("Resting hands", 1, PositionFront)},
			{at: 182 * sec, do: "back", want: []string{"back@3m2s #9 back elapsed=2s"},
				state: "running #8 30s/30s", check: both(stepIs("Turn your baby onto their back", 0, PositionFront), nextIs("Glide"))},
			{at: 185 * sec, do: "next", want: []string{"ready@3m5s #8 arms elapsed=3s"},
				state: "running #8 20s/20s", check: stepIs("Glide", 1, PositionBack)},
		})},
		{name: "skip while getting ready leaves the region, turning and all", opening: true, opts: SessionOptions{NoOil: true}, ops: ops(toTheAsk, []sessOp{
			toTheTurn,
			{at: 171 * sec, do: "skip", want: []string{"region_skipped@2m51s #9 back", "end@2m51s #11 reason=finished"}},
		})},
		{name: "a check-in while getting ready is about the region, and the step comes back", opening: true, opts: SessionOptions{NoOil: true}, ops: ops(toTheAsk, []sessOp{
			toTheTurn,
			{at: 175 * sec, do: "ask", state: "checkin #9 30s/30s"},
			{at: 177 * sec, do: "answer:relaxed", want: []string{"checkin@2m57s #9 back cue=relaxed manual"},
				state: "running #9 30s/30s", check: stepIs("Turn your baby onto their front", 0, PositionBack)},
		})},
		{name: "auto-advance off: getting ready waits once its time is up; no opening, no turning known yet", opts: SessionOptions{NoOil: true, Manual: true}, ops: []sessOp{
			{do: "start", want: []string{"start@0s #0"}, state: "running #0 30s/30s", check: stepIs("Turn your baby onto their back", 0, PositionAny)},
			{at: 30 * sec, do: "tick", want: []string{"ready@30s #0 legs elapsed=30s"}, state: "waiting #0 0s/30s timeup"},
			{at: 32 * sec, do: "next", state: "running #0 10s/10s", check: stepIs("Resting hands", 1, PositionBack)},
			{at: 42 * sec, do: "tick", want: []string{"step_done@42s #0 legs elapsed=10s"}, state: "waiting #0 0s/10s timeup"},
		}},
	}
	for i := range cases {
		opening := cases[i].opening
		cases[i].r = func() *Routine {
			r := prepRoutine()
			r.NoOpening = !opening
			return r
		}
	}
	runSessCases(t, cases)
}

// A session cut off on the back and picked up later asks the baby again,
// face to face, then has the baby turned over before the back goes on.
func TestResumeTurnsTheBabyAgain(t *testing.T) {
	first := newSessRun(prepRoutine(), SessionOptions{NoOil: true})
	first.run(t, ops(toTheAsk, []sessOp{
		toTheTurn,
		{at: 200 * sec, do: "tick", want: []string{"ready@3m20s #9 back elapsed=30s"}},
		{at: 210 * sec, do: "tick", want: []string{"step_done@3m30s #9 back elapsed=10s"}},
		{at: 215 * sec, do: "pause", want: []string{"pause@3m35s #10 back"}},
	}))
	again := newSessRun(prepRoutine(), SessionOptions{NoOil: true, Resume: first.log})
	again.run(t, []sessOp{
		{at: time.Hour, do: "start", want: []string{"reopen@1h0m0s #10 back"}, state: "waiting #3 0s/0s",
			check: func(t *testing.T, st State) {
				// After the yes: the baby turned over, then the combing
				// still to do; not the routine from its start.
				nextIs("Turn your baby onto their front")(t, st)
				if st.NextRegion == nil || st.NextRegion.ID != "back" || st.Left != 20*sec {
					t.Errorf("at the ask, next region %v, %s left; want the back, 20s", st.NextRegion, st.Left)
				}
			}},
		{at: time.Hour + 5*sec, do: "next", want: []string{"step_done@1h0m5s #3 opening"},
			state: "running #10 30s/30s", check: both(stepIs("Turn your baby onto their front", 1, PositionBack), nextIs("Combing"))},
		{at: time.Hour + 20*sec, do: "next", want: []string{"ready@1h0m20s #10 back elapsed=15s"},
			state: "running #10 20s/20s", check: stepIs("Combing", 2, PositionFront)},
	})
}

// Getting ready is not massage: a summary counts no step done for it, and
// a session that ends while the baby is being turned did no massage there.
func TestGettingReadyIsNotAStepDone(t *testing.T) {
	h := newSessRun(prepRoutine(), SessionOptions{NoOil: true})
	h.run(t, ops(toTheAsk, []sessOp{toTheTurn}))
	h.do(t, 180*sec, "end")
	sum := Summarize(prepRoutine(), h.log)
	for _, rg := range sum.Regions {
		want := map[string]int{"legs": 2, "face": 1, "arms": 1}[rg.ID]
		if rg.Done != want || rg.Early {
			t.Errorf("%s: %d done, moved on early %v; want %d done", rg.ID, rg.Done, rg.Early, want)
		}
	}
	if back := sum.Regions[3]; back.Status() != StatusEndedHere || back.Done != 0 {
		t.Errorf("back: %s, %d done; want ended while getting ready, no step done", back.Words(), back.Done)
	}
}

// The length of a routine is massage: getting ready waits as long as it
// takes, up to its length, and is not counted.
func TestLengthLeavesOutGettingReady(t *testing.T) {
	r := prepRoutine()
	if got := r.Length(); got != 110*sec {
		t.Errorf("length %s, want 1m50s (the 20 s prepare step not counted)", got)
	}
	s := NewSession(r, testclock.New(sessT0), SessionOptions{NoOil: true})
	s.Start()
	if st := s.State(); st.Left != 110*sec {
		t.Errorf("left at the start %s, want 1m50s (the massage: the opening's 33 s are not)", st.Left)
	}
}

// What cradle routines show prints: the steps a session adds before each
// region, run from the start with oil.
func TestPreparations(t *testing.T) {
	names := func(r *Routine) string {
		var out []string
		for i, steps := range Preparations(r) {
			for _, st := range steps {
				out = append(out, r.Regions[i].ID+": "+st.Name)
			}
		}
		return strings.Join(out, "; ")
	}
	r := prepRoutine()
	want := "face: Wipe the oil off your hands; arms: Oil your hands again; back: Turn your baby onto their front"
	if got := names(r); got != want {
		t.Errorf("with the opening:\n got %s\nwant %s", got, want)
	}
	// Without the opening nobody has turned the baby face to face yet.
	r.NoOpening = true
	if got := names(r); !strings.HasPrefix(got, "legs: Turn your baby onto their back; face: Wipe") {
		t.Errorf("without the opening: %s", got)
	}
	// The back first, then the legs: turned over and back again.
	r = prepRoutine()
	r.Regions = []Region{r.Regions[3], r.Regions[0]}
	want = "back: Turn your baby onto their front; legs: Turn your baby onto their back"
	if got := names(r); got != want {
		t.Errorf("back first:\n got %s\nwant %s", got, want)
	}
}
