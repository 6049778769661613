package routines

import (
	"testing"
	"time"

	"github.com/cradle-coach/cradle/internal/testclock"
)

// FuzzResume picks a session up from any list of saved events, as cradle
// does after a crash, a closed terminal or an import: whatever the list
// (events out of order, of steps no routine has, a clock set back, an end
// in the middle), the session starts with a reopen, shows a state that
// makes sense, and walks to its end.
//
//	go test ./routines -run XXX -fuzz FuzzResume -fuzztime 10m -parallel 1
func FuzzResume(f *testing.F) {
	lib, err := Builtin()
	if err != nil {
		f.Fatal(err)
	}
	// Seeds: each built-in routine walked for a while, its events saved.
	for i, r := range lib {
		clk := testclock.New(sessT0)
		s := NewSession(r, clk, SessionOptions{})
		var saved []Event
		saved = append(saved, s.Start()...)
		for j := 0; j < 12+3*i && s.State().Phase != PhaseEnded; j++ {
			clk.Add(7 * time.Second)
			saved = append(saved, s.Tick()...)
			saved = append(saved, s.Next()...)
		}
		f.Add(uint8(i), encodeEvents(saved, r), []byte{0, 1, 2, 3})
	}
	f.Add(uint8(0), []byte{}, []byte{})
	f.Add(uint8(1), []byte{byte(len(eventKindsForFuzz) - 1), 200, 0, 0, 0, 255, 1, 1}, []byte{7})
	f.Fuzz(func(t *testing.T, which uint8, saved, moves []byte) {
		r := lib[int(which)%len(lib)]
		evs := decodeEvents(saved, r)
		clk := testclock.New(sessT0.Add(time.Hour))
		s := NewSession(r, clk, SessionOptions{Resume: evs})
		if first := s.Start(); len(first) == 0 || first[0].Kind != EvReopen {
			t.Fatalf("a resumed session starts with %v, want a reopen", first)
		}
		s2 := NewSession(r, clk, SessionOptions{Resume: evs})
		drive(t, r, s2, clk, moves)
	})
}

var eventKindsForFuzz = []EventKind{EvStart, EvStepDone, EvStepSkipped, EvBack, EvRegionSkipped, EvCheckIn, EvHold, EvPause, EvResume, EvReopen, EvEnd}

// decodeEvents makes a list of saved events from data, four bytes an
// event: its kind, its place in the plan (any number, even negative),
// its region (one of the routine's, the opening, none or a stranger) and
// its answer or reason; the time moves on, or back.
func decodeEvents(data []byte, r *Routine) []Event {
	regions := []string{"opening", "", "nowhere"}
	for _, rg := range r.Regions {
		regions = append(regions, rg.ID)
	}
	reasons := []EndReason{EndFinished, EndEarly, EndNotNow, EndCrying, EndAsleep, EndInterrupted, EndFussing, "odd"}
	evs := []Event{}
	at := sessT0
	for i := 0; i+4 <= len(data); i += 4 {
		b := data[i : i+4]
		at = at.Add(time.Duration(int8(b[3])) * time.Second)
		ev := Event{Kind: eventKindsForFuzz[int(b[0])%len(eventKindsForFuzz)], At: at, Index: int(int8(b[1])), Region: regions[int(b[2])%len(regions)]}
		switch ev.Kind {
		case EvCheckIn:
			ev.Cue = append(Cues, CueUnanswered, "odd")[int(b[3])%(len(Cues)+2)]
		case EvEnd:
			ev.Reason = reasons[int(b[3])%len(reasons)]
		case EvStart:
			if b[2]%2 == 1 {
				ev.LeftOut = []string{regions[int(b[3])%len(regions)]}
			}
		}
		evs = append(evs, ev)
	}
	return evs
}

// encodeEvents is decodeEvents' inverse, as near as four bytes allow.
func encodeEvents(evs []Event, r *Routine) []byte {
	var out []byte
	regions := []string{"opening", "", "nowhere"}
	for _, rg := range r.Regions {
		regions = append(regions, rg.ID)
	}
	prev := sessT0
	for _, ev := range evs {
		var b [4]byte
		for k, kind := range eventKindsForFuzz {
			if kind == ev.Kind {
				b[0] = byte(k)
			}
		}
		b[1] = byte(int8(ev.Index))
		for k, id := range regions {
			if id == ev.Region {
				b[2] = byte(k)
			}
		}
		b[3] = byte(int8(min(ev.At.Sub(prev)/time.Second, 127)))
		prev = ev.At
		out = append(out, b[:]...)
	}
	return out
}
