package routines

import (
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cradle-coach/cradle/internal/testclock"
)

// FuzzParse feeds Parse every built-in routine, the error cases of
// parse_test.go and some hand-made files, mutated. Parse must never panic;
// its errors must be Errors naming the file; a routine it accepts must keep
// the limits, hold no control characters, and walk to its end in a Session
// without panicking or running on for ever. The walk's moves are a second
// input, so the fuzzer can vary them without breaking the file.
func FuzzParse(f *testing.F) {
	add := func(data []byte) {
		f.Add(data, data)
		f.Add(data, []byte{0, 0, 0, 0, 0, 0, 0}) // next at every turn; at check-ins, pause first
	}
	files, err := filepath.Glob(filepath.Join("library", "*.yaml"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no library files to seed with (%v)", err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		add(data)
	}
	if doc, err := os.ReadFile(filepath.Join("..", "docs", "ROUTINES.md")); err == nil {
		add([]byte(docExample(string(doc))))
	}
	for _, c := range parseErrCases {
		if len(c.src) <= 64<<10 {
			f.Add([]byte(c.src), []byte(nil))
		}
	}
	for _, s := range []string{
		parseBase,
		// a goto loop: relaxed goes back to the step that asks
		"id: loop\ntitle: Loop\nresponses:\n  relaxed: {do: go-on, goto: a}\n  unanswered: {do: slow-down, hold: 1s, goto: a}\nregions:\n  - id: r\n    name: R\n    steps:\n      - {name: A, id: a, duration: 1s, checkin: true, side: both}\n",
		// every action
		"id: acts\ntitle: Acts\nopening: false\nresponses:\n  relaxed: {do: skip-region}\n  content: {do: end}\n  subtle: {do: hold-offer, hold: 1s}\n  fussing: {do: slow-down}\n  crying: {do: go-on, goto: b}\n  asleep: {do: go-on}\nregions:\n  - id: r\n    name: R\n    left_out_when: [fed]\n    steps:\n      - {name: A, duration: 2s, kind: movement}\n  - id: s\n    name: S\n    checkin: false\n    steps:\n      - {name: B, id: b, reps: 2, each: 1, kind: resting}\n",
		"id: anchors\ntitle: A\nstep: &s {name: S, duration: 3s}\nregions:\n  - {id: a, name: A, steps: [*s, *s]}\n",
		"id: x\ntitle: \"\\e]0;t\\a\\u202e\"\nregions: &r [*r]\n",
		// merges: a step copied and changed, a merge loop, merges of merges
		"id: m\ntitle: M\nregions:\n  - id: r\n    name: R\n    steps:\n      - &s {name: S, id: s, side: both, reps: 2, each: 1s}\n      - {<<: *s, id: t, side: left}\n      - &u {<<: [*s, {kind: hold}], id: u}\n      - {<<: *u, id: v}\n",
		"id: m\ntitle: M\nregions:\n  - &r\n    <<: *r\n    id: r\n    name: R\n    steps: [{name: S, duration: 1s}]\n",
		// a goto to one side of a two-sided step
		"id: g\ntitle: G\nresponses:\n  relaxed: {do: go-on, goto: a-right}\nregions:\n  - id: r\n    name: R\n    steps:\n      - {name: A, id: a, duration: 1s, side: both, checkin: true}\n",
	} {
		add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data, moves []byte) {
		r, err := Parse("fuzz.yaml", data)
		if err != nil {
			if r != nil {
				t.Fatal("a routine and an error")
			}
			es, ok := err.(Errors)
			if !ok || len(es) == 0 {
				t.Fatalf("error is %T %v, want a non-empty Errors", err, err)
			}
			for _, e := range es {
				if e == nil || e.File != "fuzz.yaml" || e.Msg == "" || e.Line < 0 || e.Col < 0 || (e.Line > 0) != (e.Col > 0) {
					t.Fatalf("bad error %#v", e)
				}
			}
			return
		}
		checkRoutine(t, r)
		walkSession(t, r, moves)
	})
}

// checkRoutine checks what Parse promises of a routine it accepts.
func checkRoutine(t *testing.T, r *Routine) {
	t.Helper()
	if !idPattern.MatchString(r.ID) || len(r.Regions) == 0 || r.Length() > MaxRoutineTime || r.File != "fuzz.yaml" {
		t.Fatalf("routine %q: %d regions, %s", r.ID, len(r.Regions), r.Length())
	}
	if r.Title == "" || r.Ages.From < 0 || r.Ages.To < 0 || r.Ages.To > MaxAge || r.Ages.From > MaxAge {
		t.Fatalf("routine %q: title %q, ages %+v", r.ID, r.Title, r.Ages)
	}
	texts := append([]string{r.Title, r.Purpose, r.Clearance, r.Notes}, r.Sources...)
	for _, resp := range r.Responses {
		texts = append(texts, resp.Say)
		if !containsA(Actions, resp.Action) {
			t.Fatalf("response action %q", resp.Action)
		}
	}
	for _, rg := range r.Regions {
		if !idPattern.MatchString(rg.ID) || rg.ID == "opening" || len(rg.Steps) == 0 || rg.Name == "" {
			t.Fatalf("region %q with %d steps", rg.ID, len(rg.Steps))
		}
		texts = append(texts, rg.Name, rg.Notes)
		for _, points := range append([][]string{rg.Teach}, stepTeach(rg.Steps)...) {
			if len(points) > MaxTeachPoints {
				t.Fatalf("region %q: %d talking points in one place", rg.ID, len(points))
			}
			for _, p := range points {
				if p == "" || utf8.RuneCountInString(p) > MaxTeachLength {
					t.Fatalf("region %q: talking point %q", rg.ID, p)
				}
			}
			texts = append(texts, points...)
		}
		for _, st := range rg.Steps {
			if l := st.Length(); l <= 0 || l > MaxStepLength || l%time.Second != 0 {
				t.Fatalf("step %q is %s long", st.Name, l)
			}
			if st.ID != "" && !idPattern.MatchString(st.ID) || !containsK(StepKinds, st.Kind) || st.Name == "" {
				t.Fatalf("step id %q kind %q name %q", st.ID, st.Kind, st.Name)
			}
			texts = append(texts, st.Name, st.Do, st.Pressure, st.Direction, st.Caution)
			texts = append(texts, st.Sources...)
		}
	}
	// every step id is unique once two-sided steps are split in two
	seen := map[string]bool{}
	for _, rg := range r.Regions {
		for _, st := range rg.Steps {
			ids := []string{st.ID}
			if st.Side == SideBoth {
				ids = []string{st.ID + "-left", st.ID + "-right"}
			}
			for _, id := range ids {
				if st.ID != "" && seen[id] {
					t.Fatalf("step id %q twice once sides are split", id)
				}
				seen[id] = true
			}
		}
	}
	for _, s := range texts {
		if hasControl(s) {
			t.Fatalf("text not cleaned: %q", s)
		}
	}
}

// walkSession walks a session over r to its end, choosing what to do from
// data, with a fake clock; the time moves on between calls, sometimes a lot.
func walkSession(t *testing.T, r *Routine, data []byte) {
	t.Helper()
	clk := testclock.New(sessT0)
	drive(t, r, NewSession(r, clk, SessionOptions{Manual: len(data)%5 == 0}), clk, data)
}

// drive starts s (a session over r on clk) and walks it to its end,
// choosing what to do from data; see walkSession.
func drive(t *testing.T, r *Routine, s *Session, clk *testclock.Clock, data []byte) {
	t.Helper()
	last := clk.Now()
	check := func(evs []Event) {
		for _, ev := range evs {
			if ev.At.Before(last) || ev.At.After(clk.Now()) {
				t.Fatalf("event %s at %s: before the one before (%s) or after now (%s)", ev.Kind, ev.At, last, clk.Now())
			}
			if ev.Index < 0 || ev.Index > s.Len() {
				t.Fatalf("event %s index %d of %d", ev.Kind, ev.Index, s.Len())
			}
			last = ev.At
		}
		st := s.State()
		if st.Remaining < 0 || st.Left < 0 || st.Index < 0 || st.Index > s.Len() {
			t.Fatalf("state %+v", st)
		}
		if st.Phase != PhaseEnded && st.Phase != PhaseOffering && st.Remaining > st.Length {
			t.Fatalf("%s left of %s", st.Remaining, st.Length)
		}
		first := 1
		if st.Step.Kind == StepPrepare {
			first = 0 // getting ready for the region's first step
		}
		if st.Phase != PhaseEnded && (st.RegionNum < 0 || st.RegionNum > st.Regions || st.StepInRegion < first || st.StepInRegion > st.StepsInRegion) {
			t.Fatalf("region %d of %d, step %d of %d", st.RegionNum, st.Regions, st.StepInRegion, st.StepsInRegion)
		}
	}
	check(s.Start())
	hasGoto := false
	for _, resp := range r.Responses {
		hasGoto = hasGoto || resp.Goto != ""
	}
	// Each step takes at most five moves: the step, a check-in, a hold, an
	// offer, and three getting ready (wipe, turn, oil). A detour (back,
	// ask, pause) costs at most nine more, and there are at most two per
	// step.
	maxDetours := 2 * s.Len()
	limit := 8*s.Len() + 9*maxDetours + 20
	detours := 0
	for i := 0; s.State().Phase != PhaseEnded; i++ {
		if i >= limit {
			if !hasGoto {
				t.Fatalf("no end after %d moves over %d steps", i, s.Len())
			}
			check(s.End(""))
			break
		}
		b := byte(i)
		if len(data) > 0 {
			b = data[i%len(data)]
		}
		clk.Add(time.Duration(b%7) * time.Second)
		if b%11 == 0 {
			clk.Add(time.Duration(b) * time.Minute) // a very late tick
		}
		check(s.Tick())
		if s.State().Phase == PhaseEnded {
			break
		}
		switch st := s.State(); {
		case st.Phase == PhaseCheckIn && b%3 == 0 && detours < maxDetours:
			// Moved past unanswered, sometimes paused first.
			detours++
			if b%2 == 0 {
				check(s.TogglePause())
			}
			check(s.Next())
		case st.Phase == PhaseCheckIn:
			check(s.Answer(Cues[int(b)%len(Cues)]))
		case b%13 == 1 && detours < maxDetours:
			detours++
			check(s.Back())
		case b%13 == 2 && detours < maxDetours:
			detours++
			check(s.AskNow())
		case b%13 == 3 && detours < maxDetours:
			detours++
			check(s.TogglePause())
		case b%13 == 4 && st.Phase == PhaseOffering:
			check(s.SkipRegion())
		default:
			check(s.Next())
		}
	}
	if st := s.State(); st.Phase != PhaseEnded || st.Reason == "" {
		t.Fatalf("not ended: %+v", st)
	}
	if s.Next() != nil || s.End("") != nil || s.Tick() != nil {
		t.Fatal("events after the end")
	}
}

// stepTeach is the talking points of each step.
func stepTeach(steps []Step) [][]string {
	out := make([][]string, len(steps))
	for i, st := range steps {
		out[i] = st.Teach
	}
	return out
}
