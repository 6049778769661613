package routines

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/internal/testclock"
)

// sessT0 is when every test session starts; events are shown as offsets
// from it.
var sessT0 = time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)

const sec = time.Second

// sessRoutine is a small routine. With no opening its plan is
//
//	#0 rest        legs   resting 10 s
//	#1 milk-left   legs   stroke  30 s
//	#2 milk-right  legs   stroke  30 s   (check-in: end of legs)
//	#3 wheel       tummy  stroke  40 s   (check-in: the step asks)
//	#4 sun         tummy  stroke  20 s   (check-in: end of tummy)
//	#5 sweep       back   integr. 20 s   (check-in: end of back)
//
// 150 s in all; slowed (x1.5) strokes take 45, 60, 30 and 30 s.
func sessRoutine(opening bool) *Routine {
	return &Routine{
		ID: "test", Title: "Test", NoOpening: !opening,
		Regions: []Region{
			{ID: "legs", Name: "Legs", CheckIn: true, Steps: []Step{
				{ID: "rest", Name: "Resting hands", Kind: StepResting, Duration: 10 * sec},
				{ID: "milk", Name: "Milking", Kind: StepStroke, Side: SideBoth, Reps: 3, Each: 10 * sec},
			}},
			{ID: "tummy", Name: "Tummy", CheckIn: true, LeftOutWhen: []Readiness{ReadinessStump}, Steps: []Step{
				{ID: "wheel", Name: "Water wheel", Kind: StepStroke, Duration: 40 * sec, CheckIn: true},
				{Name: "Sun and moon", Kind: StepStroke, Duration: 20 * sec},
			}},
			{ID: "back", Name: "Back", CheckIn: true, Steps: []Step{
				{ID: "sweep", Name: "Sweep", Kind: StepIntegration, Duration: 20 * sec},
			}},
		},
	}
}

// evString shows an event compactly: kind@offset #index region, then the
// fields that are set.
func evString(ev Event) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s@%s #%d", ev.Kind, ev.At.Sub(sessT0), ev.Index)
	if ev.Region != "" {
		b.WriteString(" " + ev.Region)
	}
	if ev.Elapsed != 0 {
		fmt.Fprintf(&b, " elapsed=%s", ev.Elapsed)
	}
	if ev.Cue != "" {
		fmt.Fprintf(&b, " cue=%s", ev.Cue)
	}
	if ev.Manual {
		b.WriteString(" manual")
	}
	if ev.Hold != 0 {
		fmt.Fprintf(&b, " hold=%s", ev.Hold)
	}
	if ev.Reason != "" {
		fmt.Fprintf(&b, " reason=%s", ev.Reason)
	}
	if ev.By != "" {
		fmt.Fprintf(&b, " by=%s", ev.By)
	}
	if len(ev.LeftOut) > 0 {
		fmt.Fprintf(&b, " left_out=%s", strings.Join(ev.LeftOut, ","))
	}
	if ev.Choice != "" {
		fmt.Fprintf(&b, " choice=%s", ev.Choice)
	}
	if ev.Waited {
		b.WriteString(" waited")
	}
	return b.String()
}

var phaseNames = map[Phase]string{PhaseRunning: "running", PhaseWaiting: "waiting", PhaseCheckIn: "checkin", PhaseHolding: "holding", PhaseOffering: "offering", PhaseEnded: "ended"}

// stateString shows the heart of State(): phase, index, remaining/length.
func stateString(st State) string {
	if st.Phase == PhaseEnded {
		return fmt.Sprintf("ended #%d %s", st.Index, st.Reason)
	}
	s := fmt.Sprintf("%s #%d %s/%s", phaseNames[st.Phase], st.Index, st.Remaining, st.Length)
	if st.Paused {
		s = "paused " + s
	}
	if st.Slow {
		s += " slow"
	}
	if st.TimeUp {
		s += " timeup"
	}
	return s
}

// sessOp moves the clock to at (from sessT0), does one thing and checks
// the events it returned and, when state is set, the state after it.
type sessOp struct {
	at    time.Duration
	do    string // start tick pause resume toggle next back skip ask end[:reason] quit:by answer:cue extend:30s
	want  []string
	state string
	check func(t *testing.T, st State)
}

type sessRun struct {
	clk   *testclock.Clock
	s     *Session
	log   []Event // every event, in order
	first []Event // a resumed session's saved events
}

func newSessRun(r *Routine, opts SessionOptions) *sessRun {
	clk := testclock.New(sessT0)
	return &sessRun{clk: clk, s: NewSession(r, clk, opts)}
}

func (h *sessRun) do(t *testing.T, at time.Duration, action string) []Event {
	t.Helper()
	h.clk.Set(sessT0.Add(at))
	verb, arg, _ := strings.Cut(action, ":")
	var evs []Event
	switch verb {
	case "start":
		evs = h.s.Start()
	case "tick":
		evs = h.s.Tick()
	case "pause":
		evs = h.s.Pause()
	case "resume":
		evs = h.s.Resume()
	case "toggle":
		evs = h.s.TogglePause()
	case "next":
		evs = h.s.Next()
	case "back":
		evs = h.s.Back()
	case "skip":
		evs = h.s.SkipRegion()
	case "ask":
		evs = h.s.AskNow()
	case "end":
		evs = h.s.End(EndReason(arg))
	case "quit":
		evs = h.s.Quit(arg)
	case "frozen":
		d, err := time.ParseDuration(arg)
		if err != nil {
			t.Fatalf("frozen:%s: %v", arg, err)
		}
		evs = h.s.Frozen(sessT0.Add(d))
	case "answer":
		evs = h.s.Answer(Cue(arg))
	case "manual":
		evs = h.s.SetManual(arg == "on")
	case "extend":
		d, err := time.ParseDuration(arg)
		if err != nil {
			t.Fatalf("extend:%s: %v", arg, err)
		}
		var ok bool
		if evs, ok = h.s.Extend(d); !ok {
			evs = append(evs, Event{Kind: "refused", At: h.clk.Now()})
		}
	default:
		t.Fatalf("unknown action %q", action)
	}
	h.log = append(h.log, evs...)
	return evs
}

func (h *sessRun) run(t *testing.T, ops []sessOp) {
	t.Helper()
	for i, op := range ops {
		evs := h.do(t, op.at, op.do)
		var got []string
		for _, ev := range evs {
			got = append(got, evString(ev))
		}
		if strings.Join(got, "\n") != strings.Join(op.want, "\n") {
			t.Fatalf("op %d (%s at %s): events\n  got:  %s\n  want: %s", i, op.do, op.at,
				strings.Join(got, "\n        "), strings.Join(op.want, "\n        "))
		}
		st := h.s.State()
		if op.state != "" && stateString(st) != op.state {
			t.Fatalf("op %d (%s at %s): state %q, want %q", i, op.do, op.at, stateString(st), op.state)
		}
		if op.check != nil {
			op.check(t, st)
		}
	}
}

type sessCase struct {
	name    string
	opening bool
	opts    SessionOptions
	r       func() *Routine // default sessRoutine(opening)
	ops     []sessOp
}

func runSessCases(t *testing.T, cases []sessCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := sessRoutine(c.opening)
			if c.r != nil {
				r = c.r()
			}
			newSessRun(r, c.opts).run(t, c.ops)
		})
	}
}

var start = sessOp{at: 0, do: "start", want: []string{"start@0s #0"}}

// toLegsCheckIn runs the legs region out on time: the check-in opens at 70 s.
var toLegsCheckIn = []sessOp{start, {at: 70 * sec, do: "tick", want: []string{
	"step_done@10s #0 legs elapsed=10s",
	"step_done@40s #1 legs elapsed=30s",
	"step_done@1m10s #2 legs elapsed=30s",
}, state: "checkin #2 30s/30s"}}

// wholeRun is the routine left to itself from 0 s: every check-in goes
// unanswered after 30 s, and everything happens at its deadline.
var wholeRun = []string{
	"step_done@10s #0 legs elapsed=10s",
	"step_done@40s #1 legs elapsed=30s",
	"step_done@1m10s #2 legs elapsed=30s",
	"checkin@1m40s #2 legs cue=unanswered",
	"step_done@2m20s #3 tummy elapsed=40s",
	"checkin@2m50s #3 tummy cue=unanswered",
	"step_done@3m10s #4 tummy elapsed=20s",
	"checkin@3m40s #4 tummy cue=unanswered",
	"step_done@4m0s #5 back elapsed=20s",
	"checkin@4m30s #5 back cue=unanswered",
	"end@4m30s #6 reason=finished",
}

func ops(parts ...[]sessOp) []sessOp {
	var out []sessOp
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestSessionTiming(t *testing.T) {
	runSessCases(t, []sessCase{
		{name: "countdown is deadline minus now; steps advance on their own", ops: []sessOp{
			{do: "start", want: []string{"start@0s #0"}, state: "running #0 10s/10s"},
			{at: 4 * sec, do: "tick", state: "running #0 6s/10s"},
			{at: 9500 * time.Millisecond, do: "tick", state: "running #0 500ms/10s"},
			{at: 10 * sec, do: "tick", want: []string{"step_done@10s #0 legs elapsed=10s"}, state: "running #1 30s/30s"},
			{at: 25 * sec, do: "tick", state: "running #1 15s/30s"},
			{at: 40 * sec, do: "tick", want: []string{"step_done@40s #1 legs elapsed=30s"}, state: "running #2 30s/30s"},
		}},
		{name: "a tick 2.5 steps late lands on the deadlines", ops: []sessOp{
			start,
			{at: 55 * sec, do: "tick", want: []string{
				"step_done@10s #0 legs elapsed=10s",
				"step_done@40s #1 legs elapsed=30s",
			}, state: "running #2 15s/30s"},
			{at: 70 * sec, do: "tick", want: []string{"step_done@1m10s #2 legs elapsed=30s"}, state: "checkin #2 30s/30s"},
		}},
		{name: "one very late tick walks the rest at the deadlines", ops: []sessOp{
			start,
			{at: 1000 * sec, do: "tick", want: wholeRun, state: "ended #6 finished"},
			{at: 2000 * sec, do: "tick"},
		}},
		{name: "nothing moves before Start", ops: []sessOp{
			{at: 100 * sec, do: "tick"},
			{at: 100 * sec, do: "next"},
			{at: 100 * sec, do: "back"},
			{at: 100 * sec, do: "skip"},
			{at: 100 * sec, do: "pause"},
			{at: 100 * sec, do: "ask"},
			{at: 100 * sec, do: "start", want: []string{"start@1m40s #0"}, state: "running #0 10s/10s"},
			{at: 100 * sec, do: "start"},
		}},
	})
}

// A wall clock set back during a session (by hand, or by a network time
// update) is absorbed: the countdown goes on from where it was, neither
// stretched by the jump nor frozen, and no event is dated before the one
// it follows.
func TestSessionClockSetBack(t *testing.T) {
	const hour = time.Hour
	runSessCases(t, []sessCase{
		{name: "an hour back during a step", ops: []sessOp{
			start,
			{at: 4 * sec, do: "tick", state: "running #0 6s/10s"},
			{at: 4*sec - hour, do: "tick", state: "running #0 6s/10s"},
			{at: 8*sec - hour, do: "tick", state: "running #0 2s/10s"},
			{at: 10*sec - hour, do: "tick", want: []string{"step_done@10s #0 legs elapsed=10s"}, state: "running #1 30s/30s"},
			{at: 20*sec - hour, do: "next", want: []string{"step_skipped@20s #1 legs elapsed=10s"}, state: "running #2 30s/30s"},
		}},
		{name: "back twice, paused between", ops: []sessOp{
			start,
			{at: 5 * sec, do: "pause", want: []string{"pause@5s #0 legs"}, state: "paused running #0 5s/10s"},
			{at: 2 * sec, do: "resume", want: []string{"resume@5s #0 legs"}, state: "running #0 5s/10s"},
			{at: 1 * sec, do: "tick", state: "running #0 5s/10s"},
			{at: 6 * sec, do: "tick", want: []string{"step_done@10s #0 legs elapsed=10s"}, state: "running #1 30s/30s"},
		}},
	})
}

func TestSessionPause(t *testing.T) {
	runSessCases(t, []sessCase{
		{name: "pause freezes the countdown and moves the deadline", ops: []sessOp{
			start,
			{at: 4 * sec, do: "pause", want: []string{"pause@4s #0 legs"}, state: "paused running #0 6s/10s"},
			{at: 100 * sec, do: "tick", state: "paused running #0 6s/10s"},
			{at: 104 * sec, do: "resume", want: []string{"resume@1m44s #0 legs"}, state: "running #0 6s/10s"},
			{at: 109 * sec, do: "tick", state: "running #0 1s/10s"},
			{at: 110 * sec, do: "tick", want: []string{"step_done@1m50s #0 legs elapsed=10s"}, state: "running #1 30s/30s"},
		}},
		{name: "space toggles; a second pause or resume does nothing", ops: []sessOp{
			start,
			{at: 4 * sec, do: "toggle", want: []string{"pause@4s #0 legs"}, state: "paused running #0 6s/10s"},
			{at: 5 * sec, do: "pause"},
			{at: 6 * sec, do: "toggle", want: []string{"resume@6s #0 legs"}, state: "running #0 6s/10s"},
			{at: 7 * sec, do: "resume", state: "running #0 5s/10s"},
		}},
		{name: "a pause after a deadline the tick has not seen ends that step first", ops: []sessOp{
			start,
			{at: 12 * sec, do: "pause", want: []string{"step_done@10s #0 legs elapsed=10s", "pause@12s #1 legs"}, state: "paused running #1 28s/30s"},
			{at: 20 * sec, do: "resume", want: []string{"resume@20s #1 legs"}, state: "running #1 28s/30s"},
			{at: 48 * sec, do: "tick", want: []string{"step_done@48s #1 legs elapsed=30s"}},
		}},
		{name: "pause holds a check-in's wait", ops: ops(toLegsCheckIn, []sessOp{
			{at: 80 * sec, do: "pause", want: []string{"pause@1m20s #2 legs"}, state: "paused checkin #2 20s/30s"},
			{at: 300 * sec, do: "tick", state: "paused checkin #2 20s/30s"},
			{at: 310 * sec, do: "resume", want: []string{"resume@5m10s #2 legs"}, state: "checkin #2 20s/30s"},
			{at: 330 * sec, do: "tick", want: []string{"checkin@5m30s #2 legs cue=unanswered"}, state: "running #3 40s/40s"},
		})},
		{name: "pause holds a resting-hands hold", ops: ops(toLegsCheckIn, []sessOp{
			{at: 75 * sec, do: "answer:subtle", want: []string{"checkin@1m15s #2 legs cue=subtle", "hold@1m15s #2 legs hold=15s"}, state: "holding #2 15s/15s slow"},
			{at: 80 * sec, do: "pause", want: []string{"pause@1m20s #2 legs"}, state: "paused holding #2 10s/15s slow"},
			{at: 120 * sec, do: "resume", want: []string{"resume@2m0s #2 legs"}},
			{at: 129 * sec, do: "tick", state: "holding #2 1s/15s slow"},
			{at: 130 * sec, do: "tick", state: "running #3 1m0s/1m0s slow"},
		})},
		{name: "next while paused stays paused; a check-in so reached waits in full", ops: []sessOp{
			start,
			{at: 60 * sec, do: "pause", want: []string{
				"step_done@10s #0 legs elapsed=10s",
				"step_done@40s #1 legs elapsed=30s",
				"pause@1m0s #2 legs",
			}, state: "paused running #2 10s/30s"},
			{at: 65 * sec, do: "next", want: []string{"step_skipped@1m5s #2 legs elapsed=20s"}, state: "paused checkin #2 30s/30s"},
			{at: 80 * sec, do: "resume", want: []string{"resume@1m20s #2 legs"}, state: "checkin #2 30s/30s"},
			{at: 109 * sec, do: "tick", state: "checkin #2 1s/30s"},
			{at: 110 * sec, do: "tick", want: []string{"checkin@1m50s #2 legs cue=unanswered"}, state: "running #3 40s/40s"},
		}},
		{name: "next while paused: the next step starts paused and full", ops: []sessOp{
			start,
			{at: 4 * sec, do: "pause", want: []string{"pause@4s #0 legs"}},
			{at: 6 * sec, do: "next", want: []string{"step_skipped@6s #0 legs elapsed=4s"}, state: "paused running #1 30s/30s"},
			{at: 100 * sec, do: "resume", want: []string{"resume@1m40s #1 legs"}},
			{at: 130 * sec, do: "tick", want: []string{"step_done@2m10s #1 legs elapsed=30s"}},
		}},
		{name: "answering a paused check-in ends the pause, with its event", ops: ops(toLegsCheckIn, []sessOp{
			{at: 80 * sec, do: "pause", want: []string{"pause@1m20s #2 legs"}},
			{at: 90 * sec, do: "answer:relaxed", want: []string{"resume@1m30s #2 legs", "checkin@1m30s #2 legs cue=relaxed"}, state: "running #3 40s/40s"},
		})},
		{name: "nothing to pause while a step waits", opts: SessionOptions{Manual: true}, ops: []sessOp{
			start,
			{at: 10 * sec, do: "tick", want: []string{"step_done@10s #0 legs elapsed=10s"}, state: "waiting #0 0s/10s timeup"},
			{at: 12 * sec, do: "pause", state: "waiting #0 0s/10s timeup"},
		}},
	})
}

// More time: the step on screen (or the wait) gets longer, paused or not,
// never past MaxLeft, and a deadline already passed is seen to first.
// A refused extension shows as a "refused" event.
func TestSessionExtend(t *testing.T) {
	runSessCases(t, []sessCase{
		{name: "a running step gets 30 s more, and is done when it has run them", ops: []sessOp{
			start,
			{at: 4 * sec, do: "extend:30s", state: "running #0 36s/40s"},
			{at: 39 * sec, do: "tick", state: "running #0 1s/40s"},
			{at: 40 * sec, do: "tick", want: []string{"step_done@40s #0 legs elapsed=40s"}, state: "running #1 30s/30s"},
		}},
		{name: "paused, the time is added to what is left", ops: []sessOp{
			start,
			{at: 4 * sec, do: "pause", want: []string{"pause@4s #0 legs"}},
			{at: 50 * sec, do: "extend:30s", state: "paused running #0 36s/40s"},
			{at: 60 * sec, do: "resume", want: []string{"resume@1m0s #0 legs"}, state: "running #0 36s/40s"},
			{at: 96 * sec, do: "tick", want: []string{"step_done@1m36s #0 legs elapsed=40s"}},
		}},
		{name: "a check-in's wait", ops: ops(toLegsCheckIn, []sessOp{
			{at: 80 * sec, do: "extend:30s", state: "checkin #2 50s/1m0s"},
			{at: 130 * sec, do: "tick", want: []string{"checkin@2m10s #2 legs cue=unanswered"}},
		})},
		{name: "a deadline passed unseen ends its step first; the next step gets the time", ops: []sessOp{
			start,
			{at: 12 * sec, do: "extend:30s", want: []string{"step_done@10s #0 legs elapsed=10s"}, state: "running #1 58s/1m0s"},
		}},
		{name: "never past MaxLeft, however often asked", ops: []sessOp{
			start,
			{at: 0, do: "extend:14m50s", state: "running #0 15m0s/15m0s"},
			{at: 0, do: "extend:30s", want: []string{"refused@0s #0"}, state: "running #0 15m0s/15m0s"},
			{at: 0, do: "extend:-5s", want: []string{"refused@0s #0"}},
		}},
		{name: "nothing counts down: not begun, waiting for a yes, ended", opening: true, ops: []sessOp{
			{at: 0, do: "extend:30s", want: []string{"refused@0s #0"}},
			{at: 0, do: "start", want: []string{"start@0s #0"}},
			{at: 0, do: "skip", want: []string{"region_skipped@0s #0 opening"}},
			{at: 1 * sec, do: "extend:30s", want: []string{"refused@1s #0"}, state: "waiting #3 0s/0s"},
			{at: 2 * sec, do: "end", want: []string{"end@2s #3 opening reason=not_now"}},
			{at: 3 * sec, do: "extend:30s", want: []string{"refused@3s #0"}},
		}},
	})
}

func TestSessionNextBack(t *testing.T) {
	runSessCases(t, []sessCase{
		{name: "next skips the rest of a step; back restarts the one before", ops: []sessOp{
			start,
			{at: 3 * sec, do: "next", want: []string{"step_skipped@3s #0 legs elapsed=3s"}, state: "running #1 30s/30s"},
			{at: 10 * sec, do: "back", want: []string{"back@10s #1 legs elapsed=7s"}, state: "running #0 10s/10s"},
			{at: 20 * sec, do: "tick", want: []string{"step_done@20s #0 legs elapsed=10s"}, state: "running #1 30s/30s"},
		}},
		{name: "back at the very first step restarts it", ops: []sessOp{
			start,
			{at: 4 * sec, do: "back", want: []string{"back@4s #0 legs elapsed=4s"}, state: "running #0 10s/10s"},
			{at: 14 * sec, do: "tick", want: []string{"step_done@14s #0 legs elapsed=10s"}},
		}},
		{name: "next at a region's end opens its check-in; next there leaves it unanswered", ops: []sessOp{
			start,
			{at: 40 * sec, do: "tick", want: []string{"step_done@10s #0 legs elapsed=10s", "step_done@40s #1 legs elapsed=30s"}},
			{at: 45 * sec, do: "next", want: []string{"step_skipped@45s #2 legs elapsed=5s"}, state: "checkin #2 30s/30s"},
			{at: 46 * sec, do: "next", want: []string{"checkin@46s #2 legs cue=unanswered"}, state: "running #3 40s/40s"},
		}},
		{name: "a step that asks opens a check-in though its region goes on", ops: []sessOp{
			start,
			{at: 1 * sec, do: "skip", want: []string{"region_skipped@1s #0 legs elapsed=1s"}, state: "running #3 40s/40s"},
			{at: 41 * sec, do: "tick", want: []string{"step_done@41s #3 tummy elapsed=40s"}, state: "checkin #3 30s/30s"},
			{at: 42 * sec, do: "answer:content", want: []string{"checkin@42s #3 tummy cue=content"}, state: "running #4 20s/20s"},
		}},
		{name: "opening: next says yes; back does not go back into the opening", opening: true, ops: []sessOp{
			{do: "start", want: []string{"start@0s #0"}, state: "running #0 20s/20s"},
			{at: 33 * sec, do: "tick", want: []string{
				"step_done@20s #0 opening elapsed=20s",
				"step_done@28s #1 opening elapsed=8s",
				"step_done@33s #2 opening elapsed=5s",
			}, state: "waiting #3 0s/0s"},
			{at: 500 * sec, do: "tick", state: "waiting #3 0s/0s"},
			{at: 500 * sec, do: "next", want: []string{"step_done@8m20s #3 opening"}, state: "running #4 10s/10s"},
			{at: 505 * sec, do: "back", want: []string{"back@8m25s #4 legs elapsed=5s"}, state: "running #4 10s/10s"},
			{at: 506 * sec, do: "end", want: []string{"end@8m26s #4 legs elapsed=1s reason=ended"}, state: "ended #4 ended"},
		}},
		{name: "back within the opening goes back a step", opening: true, ops: []sessOp{
			start,
			{at: 25 * sec, do: "tick", want: []string{"step_done@20s #0 opening elapsed=20s"}},
			{at: 25 * sec, do: "back", want: []string{"back@25s #1 opening"}, state: "running #0 20s/20s"},
		}},
		{name: "back passes over a left-out region", opts: SessionOptions{LeftOut: []string{"tummy"}}, ops: []sessOp{
			{do: "start", want: []string{"start@0s #0 left_out=tummy"}},
			{at: 70 * sec, do: "tick", want: []string{
				"step_done@10s #0 legs elapsed=10s",
				"step_done@40s #1 legs elapsed=30s",
				"step_done@1m10s #2 legs elapsed=30s",
			}},
			{at: 71 * sec, do: "answer:relaxed", want: []string{"checkin@1m11s #2 legs cue=relaxed"}, state: "running #5 20s/20s"},
			{at: 75 * sec, do: "back", want: []string{"back@1m15s #5 back elapsed=4s"}, state: "running #2 30s/30s"},
		}},
	})
}

func TestSessionSkipRegion(t *testing.T) {
	runSessCases(t, []sessCase{
		{name: "skip leaves the rest of the region, with no check-in", ops: []sessOp{
			start,
			{at: 15 * sec, do: "tick", want: []string{"step_done@10s #0 legs elapsed=10s"}},
			{at: 15 * sec, do: "skip", want: []string{"region_skipped@15s #1 legs elapsed=5s"}, state: "running #3 40s/40s",
				check: func(t *testing.T, st State) {
					if st.Region.ID != "tummy" || st.RegionNum != 2 {
						t.Errorf("region %q (%d), want tummy (2)", st.Region.ID, st.RegionNum)
					}
				}},
		}},
		{name: "skip in the last region finishes", ops: []sessOp{
			start,
			{at: 1 * sec, do: "skip", want: []string{"region_skipped@1s #0 legs elapsed=1s"}},
			{at: 2 * sec, do: "skip", want: []string{"region_skipped@2s #3 tummy elapsed=1s"}, state: "running #5 20s/20s"},
			{at: 3 * sec, do: "skip", want: []string{"region_skipped@3s #5 back elapsed=1s", "end@3s #6 reason=finished"}, state: "ended #6 finished"},
			{at: 4 * sec, do: "skip"},
		}},
		{name: "skip during a hold skips the region that comes next", ops: ops(toLegsCheckIn, []sessOp{
			{at: 71 * sec, do: "answer:fussing", want: []string{"checkin@1m11s #2 legs cue=fussing", "hold@1m11s #2 legs hold=20s"}},
			{at: 72 * sec, do: "skip", want: []string{"chose@1m12s #2 legs choice=skip-region", "region_skipped@1m12s #3 tummy"}, state: "running #5 30s/30s slow"},
		})},
		{name: "skip does nothing while a check-in asks", ops: ops(toLegsCheckIn, []sessOp{
			{at: 71 * sec, do: "skip", state: "checkin #2 29s/30s"},
		})},
	})
}

func TestSessionAskNow(t *testing.T) {
	runSessCases(t, []sessCase{
		{name: "a check-in mid-step, then the step goes on with the time it had left", ops: []sessOp{
			start,
			{at: 4 * sec, do: "ask", state: "checkin #0 30s/30s", check: func(t *testing.T, st State) {
				if !st.Manual || st.CheckInRegion.ID != "legs" {
					t.Errorf("Manual %v, CheckInRegion %q; want true, legs", st.Manual, st.CheckInRegion.ID)
				}
				// The 6 s the step had left, then 140 s: the wait is no massage.
				if st.Next == nil || st.Next.ID != "rest" || st.Left != 146*sec {
					t.Errorf("Next %v, Left %s; want the step asked in, 146s", st.Next, st.Left)
				}
			}},
			{at: 10 * sec, do: "answer:relaxed", want: []string{"checkin@10s #0 legs cue=relaxed manual"}, state: "running #0 6s/10s"},
			{at: 15 * sec, do: "tick", state: "running #0 1s/10s"},
			{at: 16 * sec, do: "tick", want: []string{"step_done@16s #0 legs elapsed=10s"}, state: "running #1 30s/30s"},
		}},
		{name: "left unanswered, the step goes on all the same", ops: []sessOp{
			start,
			{at: 4 * sec, do: "ask"},
			{at: 33 * sec, do: "tick", state: "checkin #0 1s/30s"},
			{at: 34 * sec, do: "tick", want: []string{"checkin@34s #0 legs cue=unanswered manual"}, state: "running #0 6s/10s"},
		}},
		// The rest of a step cut by a question goes at the pace the answer
		// set: a third of 30 s run is a third of 45 s slower, so the pace
		// guide goes on from where it was; the step says how long it ran.
		{name: "subtle mid-step: a hold, then the rest of the step slower, as the next", ops: []sessOp{
			start,
			{at: 20 * sec, do: "tick", want: []string{"step_done@10s #0 legs elapsed=10s"}},
			{at: 20 * sec, do: "ask"},
			{at: 21 * sec, do: "answer:subtle", want: []string{"checkin@21s #1 legs cue=subtle manual", "hold@21s #1 legs hold=15s"}, state: "holding #1 15s/15s slow"},
			{at: 36 * sec, do: "tick", state: "running #1 30s/45s slow"},
			{at: 66 * sec, do: "tick", want: []string{"step_done@1m6s #1 legs elapsed=40s"}, state: "running #2 45s/45s slow"},
		}},
		{name: "relaxed mid-step after slowing: the rest of the step at the usual pace", ops: ops(toLegsCheckIn, []sessOp{
			{at: 71 * sec, do: "answer:subtle", want: []string{"checkin@1m11s #2 legs cue=subtle", "hold@1m11s #2 legs hold=15s"}},
			{at: 71 * sec, do: "next", state: "running #3 1m0s/1m0s slow"},
			{at: 77 * sec, do: "ask"},
			{at: 78 * sec, do: "answer:relaxed", want: []string{"checkin@1m18s #3 tummy cue=relaxed manual"}, state: "running #3 36s/40s"},
			{at: 114 * sec, do: "tick", want: []string{"step_done@1m54s #3 tummy elapsed=42s"}, state: "checkin #3 30s/30s"},
		})},
		{name: "asked while paused: the pause ends with its event", ops: []sessOp{
			start,
			{at: 4 * sec, do: "pause", want: []string{"pause@4s #0 legs"}},
			{at: 50 * sec, do: "ask", want: []string{"resume@50s #0 legs"}, state: "checkin #0 30s/30s"},
			{at: 52 * sec, do: "answer:content", want: []string{"checkin@52s #0 legs cue=content manual"}, state: "running #0 6s/10s"},
		}},
		{name: "asked after a deadline the tick has not seen: about the step that is on", ops: []sessOp{
			start,
			{at: 12 * sec, do: "ask", want: []string{"step_done@10s #0 legs elapsed=10s"}, state: "checkin #1 30s/30s"},
			{at: 20 * sec, do: "answer:relaxed", want: []string{"checkin@20s #1 legs cue=relaxed manual"}, state: "running #1 28s/30s"},
		}},
		{name: "asked when time is up with auto-advance off: then the next step", opts: SessionOptions{Manual: true}, ops: []sessOp{
			start,
			{at: 10 * sec, do: "tick", want: []string{"step_done@10s #0 legs elapsed=10s"}},
			{at: 12 * sec, do: "ask", state: "checkin #0 30s/30s"},
			{at: 13 * sec, do: "answer:relaxed", want: []string{"checkin@13s #0 legs cue=relaxed manual"}, state: "running #1 30s/30s"},
		}},
	})
}

func TestSessionCheckInAnswers(t *testing.T) {
	after := func(more ...sessOp) []sessOp { return ops(toLegsCheckIn, more) }
	runSessCases(t, []sessCase{
		{name: "relaxed goes on", ops: after(
			sessOp{at: 75 * sec, do: "answer:relaxed", want: []string{"checkin@1m15s #2 legs cue=relaxed"}, state: "running #3 40s/40s",
				check: func(t *testing.T, st State) {
					if st.Cue != CueRelaxed || st.Response.Action != ActionGoOn || st.Response.Say == "" {
						t.Errorf("Cue %q Response %+v", st.Cue, st.Response)
					}
				}},
		)},
		{name: "content goes on", ops: after(
			sessOp{at: 75 * sec, do: "answer:content", want: []string{"checkin@1m15s #2 legs cue=content"}, state: "running #3 40s/40s"},
		)},
		{name: "subtle: a 15 s hold, then slower", ops: after(
			sessOp{at: 75 * sec, do: "answer:subtle", want: []string{"checkin@1m15s #2 legs cue=subtle", "hold@1m15s #2 legs hold=15s"}, state: "holding #2 15s/15s slow",
				check: func(t *testing.T, st State) {
					// the hold's 15 s, then slowed: wheel 60 + sun 30 + sweep 30,
					// 40 s more than at the usual pace
					if st.Left != 120*sec || st.CheckInRegion.ID != "legs" || st.SlowBy != 40*sec {
						t.Errorf("Left %s CheckInRegion %q SlowBy %s; want 2m0s, legs, 40s", st.Left, st.CheckInRegion.ID, st.SlowBy)
					}
				}},
			sessOp{at: 89 * sec, do: "tick", state: "holding #2 1s/15s slow"},
			sessOp{at: 90 * sec, do: "tick", state: "running #3 1m0s/1m0s slow"},
			sessOp{at: 150 * sec, do: "tick", want: []string{"step_done@2m30s #3 tummy elapsed=1m0s"}},
		)},
		{name: "subtle: next ends the hold early", ops: after(
			sessOp{at: 75 * sec, do: "answer:subtle", want: []string{"checkin@1m15s #2 legs cue=subtle", "hold@1m15s #2 legs hold=15s"}},
			sessOp{at: 80 * sec, do: "next", state: "running #3 1m0s/1m0s slow"},
		)},
		{name: "subtle does not slow resting hands", ops: []sessOp{
			start,
			{at: 2 * sec, do: "ask"},
			{at: 3 * sec, do: "answer:subtle", want: []string{"checkin@3s #0 legs cue=subtle manual", "hold@3s #0 legs hold=15s"}},
			{at: 18 * sec, do: "tick", state: "running #0 8s/10s slow"},
			{at: 20 * sec, do: "back", want: []string{"back@20s #0 legs elapsed=4s"}, state: "running #0 10s/10s slow"},
		}},
		{name: "relaxed after subtle: back to the normal pace", ops: after(
			sessOp{at: 75 * sec, do: "answer:subtle", want: []string{"checkin@1m15s #2 legs cue=subtle", "hold@1m15s #2 legs hold=15s"}},
			sessOp{at: 76 * sec, do: "next", state: "running #3 1m0s/1m0s slow"},
			sessOp{at: 80 * sec, do: "next", want: []string{"step_skipped@1m20s #3 tummy elapsed=4s"}, state: "checkin #3 30s/30s slow"},
			sessOp{at: 81 * sec, do: "answer:relaxed", want: []string{"checkin@1m21s #3 tummy cue=relaxed"}, state: "running #4 20s/20s"},
		)},
		{name: "fussing: a 20 s hold, then the offer; next goes on, slower", ops: after(
			sessOp{at: 75 * sec, do: "answer:fussing", want: []string{"checkin@1m15s #2 legs cue=fussing", "hold@1m15s #2 legs hold=20s"}, state: "holding #2 20s/20s"}, // not slower yet: the time left stays
			sessOp{at: 95 * sec, do: "tick", state: "offering #2 30s/30s"},
			sessOp{at: 124 * sec, do: "tick", state: "offering #2 1s/30s"},
			sessOp{at: 124 * sec, do: "next", want: []string{"chose@2m4s #2 legs choice=go-on"}, state: "running #3 1m0s/1m0s slow"}, // slower and lighter
		)},
		{name: "fussing: nobody chooses, so it ends, saved as such", ops: after(
			sessOp{at: 75 * sec, do: "answer:fussing", want: []string{"checkin@1m15s #2 legs cue=fussing", "hold@1m15s #2 legs hold=20s"}},
			sessOp{at: 95 * sec, do: "tick", state: "offering #2 30s/30s"},
			sessOp{at: 100 * sec, do: "pause", want: []string{"pause@1m40s #2 legs"}, state: "paused offering #2 25s/30s"},
			sessOp{at: 500 * sec, do: "tick", state: "paused offering #2 25s/30s"}, // paused, it waits
			sessOp{at: 500 * sec, do: "resume", want: []string{"resume@8m20s #2 legs"}},
			sessOp{at: 525 * sec, do: "tick", want: []string{"chose@8m45s #2 legs choice=end waited", "end@8m45s #2 legs reason=fussing"}, state: "ended #2 fussing"},
		)},
		{name: "fussing: the offer's wait is an option", opts: SessionOptions{OfferWait: 5 * sec}, ops: after(
			sessOp{at: 75 * sec, do: "answer:fussing", want: []string{"checkin@1m15s #2 legs cue=fussing", "hold@1m15s #2 legs hold=20s"}},
			sessOp{at: 100 * sec, do: "tick", want: []string{"chose@1m40s #2 legs choice=end waited", "end@1m40s #2 legs reason=fussing"}},
		)},
		{name: "fussing: next ends the hold early; skip leaves out the next region", ops: after(
			sessOp{at: 75 * sec, do: "answer:fussing", want: []string{"checkin@1m15s #2 legs cue=fussing", "hold@1m15s #2 legs hold=20s"}},
			sessOp{at: 80 * sec, do: "next", state: "offering #2 30s/30s"},
			sessOp{at: 85 * sec, do: "skip", want: []string{"chose@1m25s #2 legs choice=skip-region", "region_skipped@1m25s #3 tummy"}, state: "running #5 30s/30s slow"},
		)},
		{name: "fussing: end from the offer", ops: after(
			sessOp{at: 75 * sec, do: "answer:fussing", want: []string{"checkin@1m15s #2 legs cue=fussing", "hold@1m15s #2 legs hold=20s"}},
			sessOp{at: 95 * sec, do: "tick", state: "offering #2 30s/30s"},
			sessOp{at: 96 * sec, do: "end", want: []string{"chose@1m36s #2 legs choice=end", "end@1m36s #2 legs reason=fussing"}, state: "ended #2 fussing"},
		)},
		{name: "crying ends", ops: after(
			sessOp{at: 75 * sec, do: "answer:crying", want: []string{"checkin@1m15s #2 legs cue=crying", "end@1m15s #2 legs reason=crying"}, state: "ended #2 crying"},
			sessOp{at: 76 * sec, do: "next"},
			sessOp{at: 76 * sec, do: "end"},
		)},
		{name: "asleep ends", ops: after(
			sessOp{at: 75 * sec, do: "answer:asleep", want: []string{"checkin@1m15s #2 legs cue=asleep", "end@1m15s #2 legs reason=asleep"}, state: "ended #2 asleep"},
		)},
		{name: "unanswered after 30 s goes on", ops: after(
			sessOp{at: 99 * sec, do: "tick", state: "checkin #2 1s/30s"},
			sessOp{at: 100 * sec, do: "tick", want: []string{"checkin@1m40s #2 legs cue=unanswered"}, state: "running #3 40s/40s"},
		)},
		{name: "check-in wait is an option", opts: SessionOptions{CheckInWait: 10 * sec}, ops: []sessOp{
			start,
			{at: 40 * sec, do: "tick", want: []string{"step_done@10s #0 legs elapsed=10s", "step_done@40s #1 legs elapsed=30s"}},
			{at: 41 * sec, do: "next", want: []string{"step_skipped@41s #2 legs elapsed=1s"}, state: "checkin #2 10s/10s"},
			{at: 51 * sec, do: "tick", want: []string{"checkin@51s #2 legs cue=unanswered"}, state: "running #3 40s/40s"},
		}},
		{name: "an answer only counts during a check-in, and must be a cue", ops: []sessOp{
			start,
			{at: 1 * sec, do: "answer:relaxed", state: "running #0 9s/10s"},
			{at: 2 * sec, do: "ask"},
			{at: 3 * sec, do: "answer:grumpy", state: "checkin #0 29s/30s"},
		}},
	})
}

func TestSessionResponses(t *testing.T) {
	with := func(c Cue, resp Response) func() *Routine {
		return func() *Routine {
			r := sessRoutine(false)
			r.Responses = map[Cue]Response{c: resp}
			return r
		}
	}
	after := func(more ...sessOp) []sessOp { return ops(toLegsCheckIn, more) }
	runSessCases(t, []sessCase{
		{name: "relaxed: skip the next region", r: with(CueRelaxed, Response{Action: ActionSkipRegion}), ops: after(
			sessOp{at: 75 * sec, do: "answer:relaxed", want: []string{"checkin@1m15s #2 legs cue=relaxed", "region_skipped@1m15s #3 tummy"}, state: "running #5 20s/20s"},
		)},
		{name: "subtle: slow down with no hold", r: with(CueSubtle, Response{Action: ActionSlowDown}), ops: after(
			sessOp{at: 75 * sec, do: "answer:subtle", want: []string{"checkin@1m15s #2 legs cue=subtle"}, state: "running #3 1m0s/1m0s slow"},
		)},
		{name: "fussing: a shorter hold", r: with(CueFussing, Response{Action: ActionHoldOffer, Hold: 5 * sec}), ops: after(
			sessOp{at: 75 * sec, do: "answer:fussing", want: []string{"checkin@1m15s #2 legs cue=fussing", "hold@1m15s #2 legs hold=5s"}},
			sessOp{at: 80 * sec, do: "tick", state: "offering #2 30s/30s"},
		)},
		{name: "crying ends, whatever the routine says", r: with(CueCrying, Response{Action: ActionGoOn}), ops: after(
			sessOp{at: 75 * sec, do: "answer:crying", want: []string{"checkin@1m15s #2 legs cue=crying", "end@1m15s #2 legs reason=crying"}},
		)},
		{name: "unanswered: end", r: with(CueUnanswered, Response{Action: ActionEnd}), ops: after(
			sessOp{at: 100 * sec, do: "tick", want: []string{"checkin@1m40s #2 legs cue=unanswered", "end@1m40s #2 legs reason=ended"}},
		)},
		{name: "content: go to a step", r: with(CueContent, Response{Action: ActionGoOn, Goto: "sweep"}), ops: after(
			sessOp{at: 75 * sec, do: "answer:content", want: []string{"checkin@1m15s #2 legs cue=content"}, state: "running #5 20s/20s"},
		)},
		{name: "content: go back to a two-sided step starts at its left side", r: with(CueContent, Response{Action: ActionGoOn, Goto: "milk"}), ops: after(
			sessOp{at: 75 * sec, do: "answer:content", want: []string{"checkin@1m15s #2 legs cue=content"}, state: "running #1 30s/30s",
				check: func(t *testing.T, st State) {
					if st.Step.Title() != "Milking (left)" {
						t.Errorf("step %q, want Milking (left)", st.Step.Title())
					}
				}},
		)},
		{name: "subtle: hold, then go to a step", r: with(CueSubtle, Response{Action: ActionSlowDown, Hold: 5 * sec, Goto: "sweep"}), ops: after(
			sessOp{at: 75 * sec, do: "answer:subtle", want: []string{"checkin@1m15s #2 legs cue=subtle", "hold@1m15s #2 legs hold=5s"}},
			sessOp{at: 80 * sec, do: "tick", state: "running #5 30s/30s slow"},
		)},
		{name: "a goto to a step called ask lands in the routine, not the opening", opening: true,
			r: func() *Routine {
				r := sessRoutine(true)
				r.Regions[2].Steps[0].ID = "ask"
				r.Responses = map[Cue]Response{CueRelaxed: {Action: ActionGoOn, Goto: "ask"}}
				return r
			},
			ops: []sessOp{
				start,
				{at: 33 * sec, do: "tick", want: []string{"step_done@20s #0 opening elapsed=20s", "step_done@28s #1 opening elapsed=8s", "step_done@33s #2 opening elapsed=5s"}},
				{at: 33 * sec, do: "next", want: []string{"step_done@33s #3 opening"}, state: "running #4 10s/10s"},
				{at: 34 * sec, do: "ask"},
				{at: 35 * sec, do: "answer:relaxed", want: []string{"checkin@35s #4 legs cue=relaxed manual"}, state: "running #9 20s/20s"},
			}},
	})
}

func TestSessionManual(t *testing.T) {
	runSessCases(t, []sessCase{
		{name: "a step whose time is up waits for next", opts: SessionOptions{Manual: true}, ops: []sessOp{
			start,
			{at: 10 * sec, do: "tick", want: []string{"step_done@10s #0 legs elapsed=10s"}, state: "waiting #0 0s/10s timeup"},
			{at: 600 * sec, do: "tick", state: "waiting #0 0s/10s timeup"},
			{at: 602 * sec, do: "next", state: "running #1 30s/30s"},
			{at: 632 * sec, do: "tick", want: []string{"step_done@10m32s #1 legs elapsed=30s"}, state: "waiting #1 0s/30s timeup"},
			{at: 635 * sec, do: "back", want: []string{"back@10m35s #1 legs"}, state: "running #0 10s/10s"},
		}},
		{name: "check-ins still time out", opts: SessionOptions{Manual: true}, ops: []sessOp{
			start,
			{at: 10 * sec, do: "next", want: []string{"step_done@10s #0 legs elapsed=10s"}, state: "running #1 30s/30s"},
			{at: 11 * sec, do: "next", want: []string{"step_skipped@11s #1 legs elapsed=1s"}},
			{at: 41 * sec, do: "tick", want: []string{"step_done@41s #2 legs elapsed=30s"}, state: "waiting #2 0s/30s timeup"},
			{at: 50 * sec, do: "next", state: "checkin #2 30s/30s"},
			{at: 80 * sec, do: "tick", want: []string{"checkin@1m20s #2 legs cue=unanswered"}, state: "running #3 40s/40s"},
		}},
	})
}

func TestSessionLeftOut(t *testing.T) {
	runSessCases(t, []sessCase{
		{name: "left-out regions are skipped and listed at the start", opts: SessionOptions{LeftOut: []string{"tummy", "no-such", "opening"}}, opening: true, ops: []sessOp{
			{do: "start", want: []string{"start@0s #0 left_out=tummy"}, check: func(t *testing.T, st State) {
				// legs 70 + back 20: the opening ritual is no massage
				if st.Left != 90*sec || st.Regions != 2 || st.RegionNum != 0 {
					t.Errorf("Left %s Regions %d RegionNum %d; want 1m30s, 2, 0", st.Left, st.Regions, st.RegionNum)
				}
			}},
			{at: 33 * sec, do: "tick", want: []string{"step_done@20s #0 opening elapsed=20s", "step_done@28s #1 opening elapsed=8s", "step_done@33s #2 opening elapsed=5s"}},
			{at: 33 * sec, do: "next", want: []string{"step_done@33s #3 opening"}},
			{at: 103 * sec, do: "tick", want: []string{
				"step_done@43s #4 legs elapsed=10s",
				"step_done@1m13s #5 legs elapsed=30s",
				"step_done@1m43s #6 legs elapsed=30s",
			}, state: "checkin #6 30s/30s", check: func(t *testing.T, st State) {
				if st.NextRegion == nil || st.NextRegion.ID != "back" || st.Left != 20*sec {
					t.Errorf("NextRegion %v Left %s; want back, its 20s", st.NextRegion, st.Left)
				}
			}},
			{at: 104 * sec, do: "answer:relaxed", want: []string{"checkin@1m44s #6 legs cue=relaxed"}, state: "running #9 20s/20s", check: func(t *testing.T, st State) {
				if st.RegionNum != 2 || st.Regions != 2 || st.Next != nil {
					t.Errorf("region %d of %d, Next %v; want 2 of 2, nil", st.RegionNum, st.Regions, st.Next)
				}
			}},
		}},
	})
}

func TestSessionEndReasons(t *testing.T) {
	runSessCases(t, []sessCase{
		{name: "ended", ops: []sessOp{start, {at: 5 * sec, do: "end", want: []string{"end@5s #0 legs elapsed=5s reason=ended"}, state: "ended #0 ended"}}},
		{name: "ended while getting ready, before the ask: no \"not now\"", opening: true, ops: []sessOp{start, {at: 5 * sec, do: "end", want: []string{"end@5s #0 opening reason=ended"}}}},
		{name: "not now, at the asking", opening: true, ops: []sessOp{
			start,
			{at: 40 * sec, do: "tick", want: []string{"step_done@20s #0 opening elapsed=20s", "step_done@28s #1 opening elapsed=8s", "step_done@33s #2 opening elapsed=5s"}},
			{at: 60 * sec, do: "end", want: []string{"end@1m0s #3 opening reason=not_now"}, state: "ended #3 not_now"},
		}},
		{name: "ended after the opening", opening: true, ops: []sessOp{
			start,
			{at: 40 * sec, do: "tick", want: []string{"step_done@20s #0 opening elapsed=20s", "step_done@28s #1 opening elapsed=8s", "step_done@33s #2 opening elapsed=5s"}},
			{at: 40 * sec, do: "next", want: []string{"step_done@40s #3 opening"}},
			{at: 41 * sec, do: "end", want: []string{"end@41s #4 legs elapsed=1s reason=ended"}},
		}},
		{name: "finished", ops: []sessOp{start, {at: time.Hour, do: "tick", want: wholeRun, state: "ended #6 finished"}}},
		{name: "an explicit reason is kept; a second end does nothing", ops: []sessOp{
			start,
			{at: 1 * sec, do: "end:fussing", want: []string{"end@1s #0 legs elapsed=1s reason=fussing"}},
			{at: 2 * sec, do: "end"},
			{at: 3 * sec, do: "tick"},
		}},
	})
	t.Run("finished, crying and asleep", func(t *testing.T) {
		for cue, reason := range map[string]EndReason{"relaxed": EndFinished, "crying": EndCrying, "asleep": EndAsleep} {
			h := newSessRun(sessRoutine(false), SessionOptions{})
			h.do(t, 0, "start")
			h.do(t, 1*sec, "skip")
			h.do(t, 2*sec, "skip")
			h.do(t, 22*sec, "tick") // sweep done: the back check-in
			evs := h.do(t, 23*sec, "answer:"+cue)
			last := evs[len(evs)-1]
			if last.Kind != EvEnd || last.Reason != reason || !last.At.Equal(sessT0.Add(23*sec)) {
				t.Errorf("%s: last event %s, want end at 23s for %s", cue, evString(last), reason)
			}
			if st := h.s.State(); st.Phase != PhaseEnded || st.Reason != reason {
				t.Errorf("%s: state %s", cue, stateString(st))
			}
		}
	})
}

func TestSessionState(t *testing.T) {
	type want struct {
		region        string
		regionNum     int
		regions       int
		stepInRegion  int
		stepsInRegion int
		step          string // title
		next          string // title, "" for none
		nextRegion    string
		left          time.Duration
	}
	check := func(w want) func(t *testing.T, st State) {
		return func(t *testing.T, st State) {
			t.Helper()
			got := want{region: st.Region.ID, regionNum: st.RegionNum, regions: st.Regions,
				stepInRegion: st.StepInRegion, stepsInRegion: st.StepsInRegion, step: st.Step.Title(), left: st.Left}
			if st.Next != nil {
				got.next = st.Next.Title()
			}
			if st.NextRegion != nil {
				got.nextRegion = st.NextRegion.ID
			}
			if got != w {
				t.Errorf("state\n got  %+v\n want %+v", got, w)
			}
			if st.Steps != 10 && st.Steps != 6 {
				t.Errorf("Steps %d", st.Steps)
			}
		}
	}
	runSessCases(t, []sessCase{
		{name: "with the opening", opening: true, ops: []sessOp{
			{do: "start", want: []string{"start@0s #0"}, check: check(want{"opening", 0, 3, 1, 4, "A few slow breaths", "Rub your hands", "", 150 * sec})}, // the ritual is no massage
			{at: 33 * sec, do: "tick", want: []string{"step_done@20s #0 opening elapsed=20s", "step_done@28s #1 opening elapsed=8s", "step_done@33s #2 opening elapsed=5s"},
				check: check(want{"opening", 0, 3, 4, 4, "Ask, and wait for a yes", "Resting hands", "legs", 150 * sec})},
			{at: 40 * sec, do: "next", want: []string{"step_done@40s #3 opening"},
				check: check(want{"legs", 1, 3, 1, 3, "Resting hands", "Milking (left)", "", 150 * sec})},
			{at: 45 * sec, do: "tick", check: check(want{"legs", 1, 3, 1, 3, "Resting hands", "Milking (left)", "", 145 * sec})},
			{at: 50 * sec, do: "tick", want: []string{"step_done@50s #4 legs elapsed=10s"},
				check: check(want{"legs", 1, 3, 2, 3, "Milking (left)", "Milking (right)", "", 140 * sec})},
			{at: 80 * sec, do: "tick", want: []string{"step_done@1m20s #5 legs elapsed=30s"},
				check: check(want{"legs", 1, 3, 3, 3, "Milking (right)", "Water wheel", "tummy", 110 * sec})},
			{at: 110 * sec, do: "tick", want: []string{"step_done@1m50s #6 legs elapsed=30s"}, state: "checkin #6 30s/30s",
				check: check(want{"legs", 1, 3, 3, 3, "Milking (right)", "Water wheel", "tummy", 80 * sec})}, // the check-in's wait holds still
			{at: 111 * sec, do: "answer:relaxed", want: []string{"checkin@1m51s #6 legs cue=relaxed"},
				check: check(want{"tummy", 2, 3, 1, 2, "Water wheel", "Sun and moon", "", 80 * sec})},
			{at: 112 * sec, do: "skip", want: []string{"region_skipped@1m52s #7 tummy elapsed=1s"},
				check: check(want{"back", 3, 3, 1, 1, "Sweep", "", "", 20 * sec})},
		}},
		{name: "slowed", ops: ops(toLegsCheckIn, []sessOp{
			{at: 75 * sec, do: "answer:subtle", want: []string{"checkin@1m15s #2 legs cue=subtle", "hold@1m15s #2 legs hold=15s"},
				check: check(want{"legs", 1, 3, 3, 3, "Milking (right)", "Water wheel", "tummy", 120 * sec})}, // slower now; the hold is no massage
			{at: 90 * sec, do: "tick", check: check(want{"tummy", 2, 3, 1, 2, "Water wheel", "Sun and moon", "", 120 * sec})},
		})},
		{name: "a manual check-in shows the step it will go back to", ops: []sessOp{
			start,
			{at: 15 * sec, do: "tick", want: []string{"step_done@10s #0 legs elapsed=10s"}},
			{at: 15 * sec, do: "ask", check: check(want{"legs", 1, 3, 2, 3, "Milking (left)", "Milking (left)", "", 135 * sec})},
		}},
		{name: "finished", ops: []sessOp{
			start,
			{at: 1 * sec, do: "skip", want: []string{"region_skipped@1s #0 legs elapsed=1s"}},
			{at: 2 * sec, do: "skip", want: []string{"region_skipped@2s #3 tummy elapsed=1s"}},
			{at: 3 * sec, do: "skip", want: []string{"region_skipped@3s #5 back elapsed=1s", "end@3s #6 reason=finished"},
				check: check(want{regions: 3})},
		}},
	})
}

func TestSessionResume(t *testing.T) {
	// saved runs a first session and returns its events, as the store
	// would hand them back after the terminal went away.
	saved := func(t *testing.T, opening bool, opts SessionOptions, ops []sessOp) []Event {
		t.Helper()
		h := newSessRun(sessRoutine(opening), opts)
		h.run(t, ops)
		return h.log
	}
	yes := []sessOp{start,
		{at: 33 * sec, do: "tick", want: []string{"step_done@20s #0 opening elapsed=20s", "step_done@28s #1 opening elapsed=8s", "step_done@33s #2 opening elapsed=5s"}},
		{at: 33 * sec, do: "next", want: []string{"step_done@33s #3 opening"}},
	}
	cases := []struct {
		name    string
		opening bool
		opts    SessionOptions // of the first session
		first   []sessOp
		resume  SessionOptions // of the second, besides Resume
		want    []string
		state   string
		check   func(t *testing.T, h *sessRun)
	}{
		{name: "after a step done: the baby is asked again, then the next step", opening: true,
			first: ops(yes, []sessOp{{at: 53 * sec, do: "tick", want: []string{"step_done@43s #4 legs elapsed=10s"}}}),
			want:  []string{"reopen@1h0m0s #5 legs"}, state: "waiting #3 0s/0s",
			check: func(t *testing.T, h *sessRun) {
				if ev := h.log[0]; ev.Step != "Milking (left)" {
					t.Errorf("reopen names step %q, want Milking (left)", ev.Step)
				}
				h.run(t, []sessOp{
					{at: time.Hour + sec, do: "next", want: []string{"step_done@1h0m1s #3 opening"}, state: "running #5 30s/30s"},
					{at: time.Hour + 2*sec, do: "end", want: []string{"end@1h0m2s #5 legs elapsed=1s reason=ended"}},
				})
			}},
		// ctrl+c (or a signal) mid-step: the clock stops there, the event
		// says what quit and how long the step had run; picked up again,
		// that step starts over.
		{name: "quit mid-step: the same step again", opening: true,
			first: ops(yes, []sessOp{
				{at: 53 * sec, do: "tick", want: []string{"step_done@43s #4 legs elapsed=10s"}},
				{at: 60 * sec, do: "quit:ctrl+c", want: []string{"quit@1m0s #5 legs elapsed=17s by=ctrl+c"}, state: "paused running #5 13s/30s"},
				{at: 90 * sec, do: "tick", state: "paused running #5 13s/30s"},
			}),
			want: []string{"reopen@1h0m0s #5 legs"}, state: "waiting #3 0s/0s",
			check: func(t *testing.T, h *sessRun) {
				h.run(t, []sessOp{{at: time.Hour + sec, do: "next", want: []string{"step_done@1h0m1s #3 opening"}, state: "running #5 30s/30s"}})
			}},
		{name: "cut off again right after the fresh yes: the same step", opening: true,
			first: ops(yes, []sessOp{
				{at: 53 * sec, do: "tick", want: []string{"step_done@43s #4 legs elapsed=10s"}},
			}),
			want: []string{"reopen@1h0m0s #5 legs"}, state: "waiting #3 0s/0s",
			check: func(t *testing.T, h *sessRun) {
				h.run(t, []sessOp{{at: time.Hour + sec, do: "next", want: []string{"step_done@1h0m1s #3 opening"}}})
				again := newSessRun(sessRoutine(true), SessionOptions{Resume: append(append([]Event(nil), h.first...), h.log...)})
				again.run(t, []sessOp{{at: 2 * time.Hour, do: "start", want: []string{"reopen@2h0m0s #5 legs"}, state: "waiting #3 0s/0s"}})
			}},
		{name: "s at the fresh yes goes straight back to the body", opening: true,
			first: ops(yes, []sessOp{{at: 53 * sec, do: "tick", want: []string{"step_done@43s #4 legs elapsed=10s"}}}),
			want:  []string{"reopen@1h0m0s #5 legs"}, state: "waiting #3 0s/0s",
			check: func(t *testing.T, h *sessRun) {
				h.run(t, []sessOp{{at: time.Hour + sec, do: "skip", want: []string{"region_skipped@1h0m1s #3 opening"}, state: "running #5 30s/30s"}})
			}},
		{name: "interrupted in the opening: asked again, then the body", opening: true,
			first: []sessOp{start, {at: 21 * sec, do: "tick", want: []string{"step_done@20s #0 opening elapsed=20s"}}},
			want:  []string{"reopen@1h0m0s #4 legs"}, state: "waiting #3 0s/0s",
			check: func(t *testing.T, h *sessRun) {
				h.run(t, []sessOp{
					{at: time.Hour + sec, do: "next", want: []string{"step_done@1h0m1s #3 opening"}, state: "running #4 10s/10s"},
					{at: time.Hour + 2*sec, do: "back", want: []string{"back@1h0m2s #4 legs elapsed=1s"}, state: "running #4 10s/10s"},
				})
			}},
		{name: "after a skipped step", first: []sessOp{start, {at: 3 * sec, do: "next", want: []string{"step_skipped@3s #0 legs elapsed=3s"}}},
			want: []string{"reopen@1h0m0s #1 legs"}, state: "running #1 30s/30s"},
		{name: "after a back", first: []sessOp{start,
			{at: 3 * sec, do: "next", want: []string{"step_skipped@3s #0 legs elapsed=3s"}},
			{at: 4 * sec, do: "next", want: []string{"step_skipped@4s #1 legs elapsed=1s"}},
			{at: 5 * sec, do: "back", want: []string{"back@5s #2 legs elapsed=1s"}}},
			want: []string{"reopen@1h0m0s #1 legs"}, state: "running #1 30s/30s"},
		{name: "after a region skip", first: []sessOp{start, {at: 3 * sec, do: "skip", want: []string{"region_skipped@3s #0 legs elapsed=3s"}}},
			want: []string{"reopen@1h0m0s #3 tummy"}, state: "running #3 40s/40s"},
		{name: "after a region skipped from a fussing offer: slower, as after the hold",
			first: ops(toLegsCheckIn, []sessOp{
				{at: 71 * sec, do: "answer:fussing", want: []string{"checkin@1m11s #2 legs cue=fussing", "hold@1m11s #2 legs hold=20s"}},
				{at: 72 * sec, do: "skip", want: []string{"chose@1m12s #2 legs choice=skip-region", "region_skipped@1m12s #3 tummy"}},
			}),
			want: []string{"reopen@1h0m0s #5 back"}, state: "running #5 30s/30s slow"},
		{name: "after a subtle cue: still slow",
			first: ops(toLegsCheckIn, []sessOp{{at: 71 * sec, do: "answer:subtle", want: []string{"checkin@1m11s #2 legs cue=subtle", "hold@1m11s #2 legs hold=15s"}}}),
			want:  []string{"reopen@1h0m0s #3 tummy"}, state: "running #3 1m0s/1m0s slow"},
		{name: "after subtle then relaxed: normal pace",
			first: ops(toLegsCheckIn, []sessOp{
				{at: 71 * sec, do: "answer:subtle", want: []string{"checkin@1m11s #2 legs cue=subtle", "hold@1m11s #2 legs hold=15s"}},
				{at: 72 * sec, do: "next"},
				{at: 73 * sec, do: "ask"},
				{at: 74 * sec, do: "answer:content", want: []string{"checkin@1m14s #3 tummy cue=content manual"}},
			}),
			want: []string{"reopen@1h0m0s #3 tummy"}, state: "running #3 40s/40s"},
		{name: "left-out regions stay left out", opts: SessionOptions{LeftOut: []string{"tummy"}},
			first: ops([]sessOp{{do: "start", want: []string{"start@0s #0 left_out=tummy"}}}, []sessOp{{at: 70 * sec, do: "tick", want: []string{
				"step_done@10s #0 legs elapsed=10s", "step_done@40s #1 legs elapsed=30s", "step_done@1m10s #2 legs elapsed=30s"}}}),
			want: []string{"reopen@1h0m0s #5 back"}, state: "running #5 20s/20s",
			check: func(t *testing.T, h *sessRun) {
				if st := h.s.State(); st.Regions != 2 || st.RegionNum != 2 {
					t.Errorf("region %d of %d, want 2 of 2", st.RegionNum, st.Regions)
				}
			}},
		{name: "nothing done yet", first: []sessOp{start},
			want: []string{"reopen@1h0m0s #0 legs"}, state: "running #0 10s/10s"},
		{name: "everything done: finishes at once", first: []sessOp{start,
			{at: 2 * sec, do: "skip", want: []string{"region_skipped@2s #0 legs elapsed=2s"}},
			{at: 3 * sec, do: "skip", want: []string{"region_skipped@3s #3 tummy elapsed=1s"}},
			{at: 4 * sec, do: "next", want: []string{"step_skipped@4s #5 back elapsed=1s"}}},
			want: []string{"reopen@1h0m0s #6", "end@1h0m0s #6 reason=finished"}, state: "ended #6 finished"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			evs := saved(t, c.opening, c.opts, c.first)
			opts := c.resume
			opts.Resume = evs
			h := newSessRun(sessRoutine(c.opening), opts)
			h.first = evs
			h.run(t, []sessOp{{at: time.Hour, do: "start", want: c.want, state: c.state}})
			if c.check != nil {
				c.check(t, h)
			}
		})
	}
	t.Run("saved events that do not fit the routine", func(t *testing.T) {
		for _, evs := range [][]Event{
			{{Kind: EvRegionSkipped, Index: -3, Region: "legs"}},
			{{Kind: EvRegionSkipped, Index: 99, Region: "legs"}},
			{{Kind: EvStepDone, Index: -7}},
			{{Kind: EvBack, Index: -1}},
			{{Kind: EvBack, Index: 1000}},
			{{Kind: EvStepDone, Index: 1 << 40}},
			{{Kind: EvCheckIn, Cue: "grumpy"}},
		} {
			h := newSessRun(sessRoutine(true), SessionOptions{Resume: evs})
			got := h.do(t, 0, "start")
			if len(got) == 0 || got[0].Kind != EvReopen {
				t.Errorf("%v: Start gave %v", evs, got)
			}
		}
	})
}

// TestSessionNoDrift runs a 20-minute routine with ticks every second plus
// jitter and pauses at odd moments. However late the ticks, the session
// ends exactly at start + length + time paused, and every step ends at its
// deadline.
func TestSessionNoDrift(t *testing.T) {
	r := &Routine{ID: "long", Title: "Long", NoOpening: true}
	lengths := []int{45, 90, 30, 60, 75, 20, 120, 33, 47, 60, 90, 100, 40, 50, 61, 19, 80, 70, 10, 100} // 1200 s
	for i, l := range lengths {
		r.Regions = append(r.Regions, Region{ID: fmt.Sprintf("r%d", i), Name: "R", Steps: []Step{
			{Name: "S", Kind: StepStroke, Duration: time.Duration(l) * sec},
		}})
	}
	if r.Length() != 20*time.Minute {
		t.Fatalf("routine is %s long", r.Length())
	}
	late := 0
	defer func() {
		if late == 0 {
			t.Error("no pause came after a deadline no tick had seen: the test misses the case")
		}
	}()
	for _, seed := range []int64{1, 2, 3, 42, 2025} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewSource(seed))
			clk := testclock.New(sessT0)
			s := NewSession(r, clk, SessionOptions{})
			var log []Event
			log = append(log, s.Start()...)
			var paused time.Duration
			var pausedAt time.Time
			var isPaused bool
			var pauses, lateOnes int
			for i := 0; s.State().Phase != PhaseEnded; i++ {
				if i > 10000 {
					t.Fatal("no end after 10000 ticks")
				}
				step := sec + time.Duration(rng.Int63n(int64(900*time.Millisecond)))
				if rng.Intn(60) == 0 { // now and then a tick very late (a busy machine)
					step += time.Duration(rng.Int63n(int64(3 * time.Minute)))
				}
				if !isPaused && rng.Intn(40) == 0 {
					// space, somewhere between two ticks; half the time just
					// after a deadline the next tick has not seen yet
					at := time.Duration(rng.Int63n(int64(step)))
					if left := s.State().Remaining; left < step && rng.Intn(2) == 0 {
						at = left + time.Duration(rng.Int63n(int64(step-left)))
					}
					clk.Add(at)
					evs := s.Pause()
					log = append(log, evs...)
					if len(evs) > 1 {
						lateOnes++ // after a deadline no tick had seen yet
					}
					if s.State().Paused {
						isPaused, pausedAt = true, clk.Now()
						pauses++
					}
					continue
				}
				clk.Add(step)
				if isPaused && rng.Intn(20) == 0 {
					// space again, between two ticks
					clk.Add(time.Duration(rng.Int63n(int64(sec))))
					log = append(log, s.Resume()...)
					paused += clk.Now().Sub(pausedAt)
					isPaused = false
					continue
				}
				log = append(log, s.Tick()...) // does nothing while paused
			}
			end := log[len(log)-1]
			want := sessT0.Add(20*time.Minute + paused)
			if end.Kind != EvEnd || end.Reason != EndFinished || !end.At.Equal(want) {
				t.Fatalf("end event %s; want finished at %s (20m + %s paused)", evString(end), want.Sub(sessT0), paused)
			}
			// every step ends at its length plus what was paused during it
			var stepPaused time.Duration
			begin := sessT0
			n := 0
			for _, ev := range log {
				switch ev.Kind {
				case EvPause:
					pausedAt = ev.At
				case EvResume:
					stepPaused += ev.At.Sub(pausedAt)
				case EvStepDone:
					if want := begin.Add(time.Duration(lengths[n])*sec + stepPaused); !ev.At.Equal(want) {
						t.Fatalf("step %d done at %s, want %s", n, ev.At.Sub(sessT0), want.Sub(sessT0))
					}
					begin, stepPaused = ev.At, 0
					n++
				}
			}
			if n != len(lengths) {
				t.Fatalf("%d steps done, want %d", n, len(lengths))
			}
			if pauses < 3 || paused == 0 {
				t.Fatalf("only %d pauses (%s): the test is too easy", pauses, paused)
			}
			late += lateOnes
			t.Logf("%d pauses (%d after an unseen deadline), %s paused", pauses, lateOnes, paused)
		})
	}
}

// Auto-advance can be turned off and on during a session: off, a step
// whose time is up waits; on again, it moves past it at once.
func TestSessionSetManual(t *testing.T) {
	h := newSessRun(sessRoutine(false), SessionOptions{})
	h.run(t, []sessOp{start,
		{at: 1 * sec, do: "manual:on", state: "running #0 9s/10s"},
		{at: 12 * sec, do: "tick", want: []string{"step_done@10s #0 legs elapsed=10s"}, state: "waiting #0 0s/10s timeup"},
		{at: 20 * sec, do: "tick", state: "waiting #0 0s/10s timeup"},
		{at: 21 * sec, do: "manual:off", state: "running #1 30s/30s"},
		{at: 52 * sec, do: "tick", want: []string{"step_done@51s #1 legs elapsed=30s"}, state: "running #2 29s/30s"},
	})
	if h.s.Manual() {
		t.Fatal("Manual() is true after turning auto-advance back on")
	}
}

// A check-in names the step it was about when it was asked during a step
// or after a step that asks; at the end of a region it names none, since
// the answer is about the whole region. The insights count answers per
// stroke from this.
func TestCheckInNamesItsStep(t *testing.T) {
	h := newSessRun(sessRoutine(false), SessionOptions{})
	h.do(t, 0, "start")
	h.do(t, 4*sec, "ask")
	manual := h.do(t, 5*sec, "answer:relaxed")
	h.do(t, 11*sec, "tick")                        // resting hands done: milking (left)
	h.do(t, 71*sec, "tick")                        // both sides of milking: the end of legs
	regionEnd := h.do(t, 72*sec, "answer:content") // then water wheel, which asks after itself
	h.do(t, 112*sec, "tick")
	stepEnd := h.do(t, 113*sec, "answer:subtle")
	for _, c := range []struct {
		name      string
		evs       []Event
		step      string
		region    string
		wantFirst EventKind
	}{
		{"asked during resting hands", manual, "Resting hands", "legs", EvCheckIn},
		{"at the end of legs", regionEnd, "", "legs", EvCheckIn},
		{"after water wheel, which asks", stepEnd, "Water wheel", "tummy", EvCheckIn},
	} {
		if len(c.evs) == 0 || c.evs[0].Kind != c.wantFirst {
			t.Fatalf("%s: events %v", c.name, c.evs)
		}
		if ev := c.evs[0]; ev.Step != c.step || ev.Region != c.region {
			t.Errorf("%s: check-in step %q region %q, want %q %q", c.name, ev.Step, ev.Region, c.step, c.region)
		}
	}
}

func TestStepName(t *testing.T) {
	for in, want := range map[string]string{
		"Rolling (left)": "Rolling", "Rolling (right)": "Rolling", "Rolling": "Rolling", "Toe roll (both)": "Toe roll (both)",
	} {
		if got := StepName(in); got != want {
			t.Errorf("StepName(%q) = %q, want %q", in, got, want)
		}
	}
}

// resumedAfter runs a fresh session with the opening ritual to the baby's
// yes and on to sessT0+until, then picks it up an hour later, as a new
// start after a closed terminal would.
func resumedAfter(t *testing.T, until time.Duration) (*Session, *testclock.Clock) {
	t.Helper()
	clk := testclock.New(sessT0)
	first := NewSession(sessRoutine(true), clk, SessionOptions{})
	log := first.Start()
	clk.Set(sessT0.Add(33 * sec)) // the ritual's timed steps are over
	log = append(log, first.Tick()...)
	if st := first.State(); st.Phase != PhaseWaiting || st.Step.Kind != StepPermission {
		t.Fatalf("after the ritual: phase %s, step %q; want waiting at the ask", phaseNames[st.Phase], st.Step.Name)
	}
	log = append(log, first.Next()...) // yes
	clk.Set(sessT0.Add(until))
	log = append(log, first.Tick()...)
	clk.Set(sessT0.Add(time.Hour))
	s := NewSession(sessRoutine(true), clk, SessionOptions{Resume: log})
	s.Start()
	if st := s.State(); st.Phase != PhaseWaiting || st.Step.Kind != StepPermission {
		t.Fatalf("a resumed session opens on phase %s, step %q; want the ask", phaseNames[st.Phase], st.Step.Name)
	}
	return s, clk
}

// Going back from the ask of a resumed session, and letting the earlier
// ritual step run out, leads to the ask again, never straight on.
func TestResumeOnlyGoesOnAfterAYes(t *testing.T) {
	s, clk := resumedAfter(t, 53*sec)
	s.Back()
	back := s.State()
	if !back.Region.Opening || back.Step.Kind == StepPermission {
		t.Fatalf("back from the ask went to %q in %q; want an earlier ritual step", back.Step.Name, back.Region.ID)
	}
	clk.Add(time.Minute)
	s.Tick()
	if st := s.State(); st.Step.Kind != StepPermission {
		t.Fatalf("after the ritual step ran out: %q in %q; want the ask again", st.Step.Name, st.Region.ID)
	}
	s.Next() // yes
	if st := s.State(); st.Region.Opening || st.Phase != PhaseRunning {
		t.Fatalf("after yes: %q in %q (%s); want the massage going on", st.Step.Name, st.Region.ID, phaseNames[st.Phase])
	}
}

// Ending at the ask of a resumed session is "not now" only when the baby
// had not said yes before it was cut off.
func TestResumedEndAtTheAsk(t *testing.T) {
	t.Run("cut off before the yes", func(t *testing.T) {
		clk := testclock.New(sessT0)
		first := NewSession(sessRoutine(true), clk, SessionOptions{})
		log := first.Start()
		clk.Set(sessT0.Add(33 * sec)) // at the ask, no answer yet
		log = append(log, first.Tick()...)
		clk.Set(sessT0.Add(time.Hour))
		s := NewSession(sessRoutine(true), clk, SessionOptions{Resume: log})
		s.Start()
		if evs := s.End(""); len(evs) == 0 || evs[len(evs)-1].Reason != EndNotNow {
			t.Fatalf("End gave %v; want not_now", evs)
		}
	})
	for _, tc := range []struct {
		name  string
		until time.Duration
		want  EndReason
	}{
		{"a second into the first stroke", 34 * sec, EndEarly},
		{"legs done", 200 * sec, EndEarly},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := resumedAfter(t, tc.until)
			evs := s.End("")
			if len(evs) == 0 || evs[len(evs)-1].Kind != EvEnd {
				t.Fatalf("End gave %v; want an end event", evs)
			}
			if got := evs[len(evs)-1].Reason; got != tc.want {
				t.Fatalf("reason %s; want %s", got, tc.want)
			}
		})
	}
}

// Moving on with next from a paused check-in into a hold: the hold, still
// paused, has its whole length left, not the check-in's.
func TestPausedNextIntoAHold(t *testing.T) {
	r := sessRoutine(false)
	r.Responses = map[Cue]Response{CueUnanswered: {Action: ActionSlowDown, Hold: 15 * sec}}
	clk := testclock.New(sessT0)
	s := NewSession(r, clk, SessionOptions{})
	s.Start()
	clk.Set(sessT0.Add(70 * sec)) // the legs are done: their check-in
	s.Tick()
	if st := s.State(); st.Phase != PhaseCheckIn {
		t.Fatalf("phase %s; want the legs' check-in", phaseNames[st.Phase])
	}
	clk.Add(8 * sec)
	s.Pause()
	s.Next()
	st := s.State()
	if st.Phase != PhaseHolding || !st.Paused {
		t.Fatalf("phase %s, paused %v; want a paused hold", phaseNames[st.Phase], st.Paused)
	}
	if st.Remaining != 15*sec || st.Length != 15*sec {
		t.Fatalf("the hold shows %s left of %s; want 15s of 15s", st.Remaining, st.Length)
	}
}

// A session cut off after fussing's offer is picked up at the pace the
// parent chose: slower only if they went on after it.
func TestResumeKeepsThePaceAfterAnOffer(t *testing.T) {
	for _, tc := range []struct {
		name   string
		goOn   bool
		slower bool
	}{
		{"cut off during the rest", false, false},
		{"cut off after going on", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clk := testclock.New(sessT0)
			first := NewSession(sessRoutine(false), clk, SessionOptions{})
			log := first.Start()
			clk.Set(sessT0.Add(70 * sec)) // the legs' check-in
			log = append(log, first.Tick()...)
			log = append(log, first.Answer(CueFussing)...)
			if tc.goOn {
				clk.Add(20 * sec)
				log = append(log, first.Tick()...) // the rest is over: the offer
				log = append(log, first.Next()...) // go on
				clk.Add(50 * sec)
				log = append(log, first.Next()...) // a step of the tummy, then cut off
				if !first.State().Slow {
					t.Fatal("the live session is not slower after going on")
				}
			}
			clk.Set(sessT0.Add(time.Hour))
			s := NewSession(sessRoutine(false), clk, SessionOptions{Resume: log})
			s.Start()
			if got := s.State().Slow; got != tc.slower {
				t.Fatalf("picked up slower: %v; want %v", got, tc.slower)
			}
		})
	}
}

// A readiness check at a resume may leave out more: the reopen event
// records it, and a later resume of the same session keeps it left out,
// with what was left out at the start.
func TestResumeLeavesOutMore(t *testing.T) {
	clk := testclock.New(sessT0)
	first := NewSession(sessRoutine(false), clk, SessionOptions{LeftOut: []string{"back"}})
	log := first.Start()
	clk.Set(sessT0.Add(5 * sec))
	log = append(log, first.Next()...) // past resting hands
	clk.Set(sessT0.Add(time.Hour))
	second := NewSession(sessRoutine(false), clk, SessionOptions{Resume: log, LeftOut: []string{"tummy", "back"}})
	evs := second.Start()
	if len(evs) == 0 || evs[0].Kind != EvReopen || strings.Join(evs[0].LeftOut, ",") != "tummy" {
		t.Fatalf("reopen events %v; want a reopen leaving out the tummy (the back was left out already)", evs)
	}
	log = append(log, evs...)
	clk.Set(sessT0.Add(2 * time.Hour))
	third := NewSession(sessRoutine(false), clk, SessionOptions{Resume: log})
	third.Start()
	if st := third.State(); st.Regions != 1 {
		t.Fatalf("after a second resume %d regions are left, want 1 (legs): tummy and back stay left out", st.Regions)
	}
	if sum := Summarize(sessRoutine(false), append(log, third.End("")...)); !sum.Regions[1].LeftOut || !sum.Regions[2].LeftOut {
		t.Errorf("the summary does not show tummy and back left out: %+v", sum.Regions)
	}
}

// A session picked up again says where it goes on before it does: the
// ask-again shows the step that was cut off and what is left from there,
// and ResumePlace, which the resume screen reads, says the same.
func TestResumeShowsWhereItGoesOn(t *testing.T) {
	r := sessRoutine(true)
	h := newSessRun(r, SessionOptions{})
	h.do(t, 0, "start")
	h.do(t, 33*sec, "tick")
	h.do(t, 33*sec, "next")                                                                 // yes
	h.do(t, 78*sec, "tick")                                                                 // resting hands and the left side done
	h.do(t, 80*sec, "pause")                                                                // cut off during the right side
	want := Place{Region: r.Regions[0], StepInRegion: 3, StepsInRegion: 3, Left: 110 * sec} // 30 + 40 + 20 + 20
	p, ok := ResumePlace(r, h.log)
	if !ok || p.Region.ID != "legs" || p.Step.Title() != "Milking (right)" || p.StepInRegion != want.StepInRegion ||
		p.StepsInRegion != want.StepsInRegion || p.Left != want.Left {
		t.Fatalf("ResumePlace: %v %+v; want legs, Milking (right), 3 of 3, 1m50s", ok, p)
	}
	again := newSessRun(r, SessionOptions{Resume: h.log})
	again.do(t, time.Hour, "start")
	st := again.s.State()
	if st.Step.Kind != StepPermission || st.Resume == nil || st.Resume.Step.Title() != "Milking (right)" || st.Resume.Left != want.Left {
		t.Fatalf("at the ask again: step %q, resume %+v", st.Step.Title(), st.Resume)
	}
	if st.Next == nil || st.Next.Title() != "Milking (right)" || st.Left != want.Left {
		t.Errorf("at the ask again: next %v, left %s; want the step cut off, 1m50s", st.Next, st.Left)
	}
	again.do(t, time.Hour+sec, "next") // yes
	if st := again.s.State(); st.Step.Title() != "Milking (right)" || st.Resume != nil || st.Left != want.Left {
		t.Errorf("after the yes: %q, resume %+v, left %s", st.Step.Title(), st.Resume, st.Left)
	}
	// Nothing left to do: nowhere to go on.
	done := newSessRun(sessRoutine(false), SessionOptions{})
	done.do(t, 0, "start")
	done.do(t, time.Hour, "tick")
	if _, ok := ResumePlace(sessRoutine(false), done.log); ok {
		t.Error("a finished session has a place to go on")
	}
}

// A check-in says where it was asked: after the step that asks, during a
// step, or after the region.
func TestCheckInStepOnScreen(t *testing.T) {
	runSessCases(t, []sessCase{
		{name: "a step that asks after itself", ops: ops(toLegsCheckIn, []sessOp{
			{at: 71 * sec, do: "answer:relaxed", want: []string{"checkin@1m11s #2 legs cue=relaxed"}},
			{at: 111 * sec, do: "tick", want: []string{"step_done@1m51s #3 tummy elapsed=40s"}, state: "checkin #3 30s/30s",
				check: func(t *testing.T, st State) {
					if got := st.CheckInPlace(); got != "after Water wheel" {
						t.Errorf("place %q", got)
					}
				}},
		})},
		{name: "during a step", ops: []sessOp{start, {at: 4 * sec, do: "ask", check: func(t *testing.T, st State) {
			if got := st.CheckInPlace(); got != "during Resting hands" {
				t.Errorf("place %q", got)
			}
		}}}},
		// The time left is the massage still to do: a check-in's wait is
		// not massage, so the time left holds still while it waits.
		{name: "at the end of a region; the time left holds still while it waits", ops: ops(toLegsCheckIn, []sessOp{{at: 75 * sec, do: "tick", check: func(t *testing.T, st State) {
			if got := st.CheckInPlace(); got != "after legs" || st.Left != 80*sec {
				t.Errorf("place %q, left %s; want after legs, 1m20s", got, st.Left)
			}
		}}})},
		{name: "the offer says what going on adds to the time left, which holds still", ops: ops(toLegsCheckIn, []sessOp{
			{at: 75 * sec, do: "answer:fussing", want: []string{"checkin@1m15s #2 legs cue=fussing", "hold@1m15s #2 legs hold=20s"}},
			{at: 95 * sec, do: "tick", state: "offering #2 30s/30s", check: func(t *testing.T, st State) {
				if st.GoOnSlowBy != 40*sec || st.Left != 80*sec { // 40 + 20 + 20, slower: 60 + 30 + 30
					t.Errorf("go on adds %s, left %s; want 40s, 1m20s", st.GoOnSlowBy, st.Left)
				}
			}},
		})},
	})
}

// A baby in a hip harness: the moves that load the hips are left out one
// by one, never reached, not counted in the region's steps nor its length,
// and a region of nothing but such moves is left out whole. Run to the
// end, every region is done and the session finished; a readiness check at
// a resume that first hears of the harness leaves out the moves still to
// come, and the summary counts without them.
func TestHipHarnessLeavesOutTheHipMoves(t *testing.T) {
	lib := map[string]*Routine{}
	rs, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		lib[r.ID] = r
	}
	colic := lib["colic"]
	clk := testclock.New(sessT0)
	s := NewSession(colic, clk, SessionOptions{NoHips: true})
	full := NewSession(colic, clk, SessionOptions{})
	if d := full.State().Left - s.State().Left; d != 2*(6*6+6*5)*time.Second {
		t.Errorf("the harness takes %s off what is left; want the four moves' length", d)
	}
	log := s.Start()
	if got := strings.Join(log[0].LeftOut, ","); got != "legs-to-tummy" {
		t.Fatalf("start leaves out regions %q; want legs-to-tummy", got)
	}
	if len(log[0].StepsOut) != 2 {
		t.Fatalf("start leaves out steps %v; want the two moves of the second knees to tummy", log[0].StepsOut)
	}
	var names []string
	for n := 0; s.State().Phase != PhaseEnded && n < 500; n++ {
		st := s.State()
		if st.Phase == PhaseCheckIn {
			log = append(log, s.Answer(CueRelaxed)...)
			continue
		}
		if st.Step.Kind != StepPrepare && st.Step.Kind != StepPermission && st.Region.ID != "opening" {
			names = append(names, st.Region.ID+"/"+st.Step.Name)
			if LoadsHips(st.Region, st.Step) {
				t.Fatalf("a hip move is reached: %s", st.Step.Name)
			}
			if st.Region.ID == "legs-again" && st.StepsInRegion != 1 {
				t.Errorf("the second knees to tummy counts %d steps; want 1 (the resting hands)", st.StepsInRegion)
			}
			if st.Phase == PhaseRunning { // each step runs its time
				clk.Add(st.Remaining)
				log = append(log, s.Tick()...)
				continue
			}
		}
		log = append(log, s.Next()...)
	}
	sum := Summarize(colic, log)
	if sum.Ending != EndingFinished {
		t.Errorf("ending %q; want finished (regions %+v)", sum.Ending, sum.Regions)
	}
	if !slices.Contains(names, "legs-again/Resting hands") {
		t.Errorf("the closing resting hands were left out with the moves: %v", names)
	}

	// Told of the harness only at a resume: the moves still to come go.
	clk = testclock.New(sessT0)
	first := NewSession(lib["full-body"], clk, SessionOptions{})
	log = first.Start()
	for first.State().Region.ID != "legs" || first.State().Step.Kind != StepStroke {
		log = append(log, first.Next()...)
	}
	clk.Set(sessT0.Add(time.Hour))
	again := NewSession(lib["full-body"], clk, SessionOptions{Resume: log, NoHips: true})
	evs := again.Start()
	if len(evs) == 0 || evs[0].Kind != EvReopen || len(evs[0].StepsOut) != 2 {
		t.Fatalf("reopen %+v; want the two sides of leg rolling left out", evs)
	}
	p := ProgressOf(lib["full-body"], append(log, evs...))
	for _, rg := range p.Regions {
		if rg.ID == "legs" && slices.ContainsFunc(rg.Steps, func(i int) bool { return slices.Contains(evs[0].StepsOut, i) }) {
			t.Errorf("the legs still count the steps left out at the resume: %v", rg.Steps)
		}
	}
}

// The time left never grows, whatever happens (steps run out or are moved
// on from, check-ins wait and are answered, still hands, the choice after
// fussing, regions skipped, pauses), except when an answer slows the pace,
// which the screen then says. Going back a step is the parent's own
// choice to do it again, and is left out here.
func TestLeftOnlyGoesDown(t *testing.T) {
	lib, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewSource(12))
	for _, r := range lib {
		for run := range 20 {
			clk := testclock.New(sessT0)
			s := NewSession(r, clk, SessionOptions{})
			s.Start()
			prev := s.State()
			for n := 0; n < 400 && prev.Phase != PhaseEnded; n++ {
				op := ""
				switch k := rnd.Intn(10); {
				case k < 4:
					clk.Add(time.Duration(1+rnd.Intn(20)) * time.Second)
					s.Tick()
					op = "tick"
				case k < 6:
					s.Next()
					op = "next"
				case k < 7:
					s.AskNow()
					op = "ask"
				case k < 9:
					c := Cues[rnd.Intn(len(Cues))]
					s.Answer(c)
					op = "answer " + string(c)
				default:
					if rnd.Intn(4) == 0 {
						s.SkipRegion()
						op = "skip"
					} else {
						s.TogglePause()
						op = "pause"
					}
				}
				st := s.State()
				if st.Left > prev.Left && !(st.Slow && !prev.Slow) {
					t.Fatalf("%s, run %d, step %d (%s): time left went from %s to %s (%v %q -> %v %q)",
						r.ID, run, n, op, prev.Left, st.Left, prev.Phase, prev.Step.Title(), st.Phase, st.Step.Title())
				}
				prev = st
			}
		}
	}
}

// A session can be picked up only in a routine that still has its plan:
// the same routine, or one whose words changed, fits; one whose steps or
// regions moved does not.
func TestRoutineFits(t *testing.T) {
	r := sessRoutine(true)
	s := NewSession(r, testclock.New(sessT0), SessionOptions{})
	saved := s.Start()
	reworded := *r
	reworded.Regions = slices.Clone(r.Regions)
	reworded.Regions[0].Name = "Legs, feet and toes"
	shorter := *r
	shorter.Regions = r.Regions[1:]
	moved := *r
	moved.Regions = slices.Clone(r.Regions)
	moved.Regions[0].Steps = moved.Regions[0].Steps[1:]
	for _, c := range []struct {
		name string
		r    *Routine
		want bool
	}{
		{"the same routine", r, true},
		{"new words", &reworded, true},
		{"a region taken out", &shorter, false},
		{"a step taken out", &moved, false},
	} {
		if got := c.r.Fits(saved); got != c.want {
			t.Errorf("%s: fits %v, want %v", c.name, got, c.want)
		}
	}
	if !shorter.Fits([]Event{{Kind: EvStart}}) {
		t.Error("a session saved before the plan was recorded does not fit")
	}
}

// A process stopped for a while (a suspended job, a debugger) sees its
// tick come late. Told so, the session pauses where it stood when the
// freeze began: the steps it would have run through unseen are not done,
// what ended before the freeze is, and going on resumes with the time
// the step had.
func TestSessionFrozen(t *testing.T) {
	runSessCases(t, []sessCase{
		{name: "frozen mid-step: paused where it stood", ops: []sessOp{
			start,
			{at: 4 * sec, do: "frozen:4s", want: []string{"pause@4s #0 legs"}, state: "paused running #0 6s/10s"},
			{at: 60 * sec, do: "tick", state: "paused running #0 6s/10s"},
			{at: 61 * sec, do: "resume", want: []string{"resume@1m1s #0 legs"}, state: "running #0 6s/10s"},
			{at: 67 * sec, do: "tick", want: []string{"step_done@1m7s #0 legs elapsed=10s"}, state: "running #1 30s/30s"},
		}},
		{name: "a step that ended before the freeze is done; the next is paused at its start", ops: []sessOp{
			start,
			{at: 50 * sec, do: "frozen:12s", want: []string{"step_done@10s #0 legs elapsed=10s", "pause@12s #1 legs"}, state: "paused running #1 28s/30s"},
		}},
		{name: "frozen at a check-in: its wait is kept", ops: ops(toLegsCheckIn, []sessOp{
			{at: 200 * sec, do: "frozen:75s", want: []string{"pause@1m15s #2 legs"}, state: "paused checkin #2 25s/30s"},
		})},
	})
}
