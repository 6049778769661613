package class

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/internal/testclock"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

var t0 = time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)

const sec = time.Second

// classRoutine is a small routine without the opening ritual:
//
//	#0 rest   legs   resting 10 s
//	#1 milk   legs   stroke  30 s   (check-in: end of legs)
//	#2 wheel  tummy  stroke  20 s   (check-in: end of tummy; left out for a healing cord stump)
//	#3 sweep  back   stroke  20 s
func classRoutine() *routines.Routine {
	return &routines.Routine{ID: "test", Title: "Test", NoOpening: true, Regions: []routines.Region{
		{ID: "legs", Name: "Legs", CheckIn: true, Steps: []routines.Step{
			{ID: "rest", Name: "Resting hands", Kind: routines.StepResting, Duration: 10 * sec},
			{ID: "milk", Name: "Milking", Kind: routines.StepStroke, Duration: 30 * sec},
		}},
		{ID: "tummy", Name: "Tummy", CheckIn: true, LeftOutWhen: []routines.Readiness{routines.ReadinessStump}, Steps: []routines.Step{
			{ID: "wheel", Name: "Water wheel", Kind: routines.StepStroke, Duration: 20 * sec},
		}},
		{ID: "back", Name: "Back", Steps: []routines.Step{
			{ID: "sweep", Name: "Sweep", Kind: routines.StepStroke, Duration: 20 * sec},
		}},
	}}
}

// born is the birth date the test families give: a baby of 10 weeks.
var born = t0.AddDate(0, 0, -70)

// ready are answers that let the massage begin.
var ready = routines.Answers{Warm: true}

type testClass struct {
	t     *testing.T
	clk   *testclock.Clock
	h     *Hub
	saved []store.Class
}

func newTestClass(t *testing.T, cfg Config) *testClass {
	tc := &testClass{t: t, clk: testclock.New(t0)}
	if cfg.Routine == nil {
		cfg.Routine = classRoutine()
	}
	cfg.Clock = tc.clk
	cfg.Code = "maple otter drum"
	if cfg.Rand == nil {
		cfg.Rand = bytes.NewReader(bytes.Repeat([]byte("abcdefghijklmnopqrstuvwxyz"), 100))
	}
	cfg.Save = func(c store.Class) (store.Class, error) {
		if c.ID == "" {
			c.ID = fmt.Sprintf("%032x", len(tc.saved)+1)
		}
		tc.saved = append(tc.saved, c)
		return c, nil
	}
	tc.h = New(cfg)
	return tc
}

// at moves the clock to t0+d and lets the hub see it.
func (tc *testClass) at(d time.Duration) {
	tc.clk.Set(t0.Add(d))
	tc.h.Tick()
}

func (tc *testClass) join(name string, keep bool, a routines.Answers) *Seat {
	tc.t.Helper()
	s, err := tc.h.Join(name, born)
	if err != nil {
		tc.t.Fatalf("joining as %q: %v", name, err)
	}
	tc.t.Cleanup(s.Close)
	s.Ready(a, keep)
	return s
}

// evString shows an event compactly: kind@offset #index region, then what is set.
func evString(ev routines.Event) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s@%s #%d", ev.Kind, ev.At.Sub(t0), ev.Index)
	if ev.Region != "" {
		b.WriteString(" " + ev.Region)
	}
	if ev.Cue != "" {
		fmt.Fprintf(&b, " cue=%s", ev.Cue)
	}
	if ev.Manual {
		b.WriteString(" manual")
	}
	if ev.Reason != "" {
		fmt.Fprintf(&b, " reason=%s", ev.Reason)
	}
	if len(ev.LeftOut) > 0 {
		fmt.Fprintf(&b, " left_out=%s", strings.Join(ev.LeftOut, ","))
	}
	return b.String()
}

func logOf(s *Seat) []string {
	s.h.mu.Lock()
	defer s.h.mu.Unlock()
	var out []string
	for _, ev := range s.f.log {
		out = append(out, evString(ev))
	}
	return out
}

func wantLog(t *testing.T, who string, s *Seat, want ...string) {
	t.Helper()
	if got := logOf(s); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("%s's session:\n  got:  %s\n  want: %s", who, strings.Join(got, "\n        "), strings.Join(want, "\n        "))
	}
}

// The countdown every screen shows comes from the start the host
// published, not from ticks: a screen drawn at any moment, without a
// tick since, shows the right second; pauses and more time move the
// start, and a late joiner sees what the others see.
func TestCountdownFromTheStart(t *testing.T) {
	tc := newTestClass(t, Config{})
	h := tc.h
	if s := h.Snapshot(); s.Stage != StageLobby || !s.Start.IsZero() {
		t.Fatalf("before the start: stage %v, start %v", s.Stage, s.Start)
	}
	h.Begin()
	snap := h.Snapshot()
	for _, c := range []struct {
		at   time.Duration
		want time.Duration
	}{{0, 10 * sec}, {3500 * time.Millisecond, 6500 * time.Millisecond}, {9999 * time.Millisecond, time.Millisecond}} {
		if got := snap.Remaining(t0.Add(c.at)); got != c.want {
			t.Errorf("%s in, with no tick since the start: %s left, want %s", c.at, got, c.want)
		}
	}
	tc.at(25 * sec) // the resting hands ended at 10 s: milking, 15 s in
	late := tc.join("Ada", false, ready)
	snap = h.Snapshot()
	st := snap.StateAt(tc.clk.Now())
	if st.Step.Name != "Milking" || st.Remaining != 15*sec || !snap.Start.Equal(t0.Add(10*sec)) {
		t.Fatalf("at 25 s a late joiner sees %s with %s left (started %s), want Milking, 15s, from 10s",
			st.Step.Name, st.Remaining, snap.Start.Sub(t0))
	}
	if st.Left != 15*sec+20*sec+20*sec { // the steps; a check-in's wait counts once on screen
		t.Errorf("what is left of the class at 25 s: %s", st.Left)
	}
	wantLog(t, "the late joiner", late, "start@25s #0")

	h.TogglePause()
	tc.clk.Set(t0.Add(100 * sec))
	if got := h.Snapshot().Remaining(tc.clk.Now()); got != 15*sec {
		t.Fatalf("paused at 25 s, at 100 s: %s left, want 15s", got)
	}
	h.TogglePause() // at 100 s: ends at 115 s
	if !h.More() {  // and 30 s more: 145 s
		t.Fatal("more time was refused")
	}
	snap = h.Snapshot()
	if got := snap.Remaining(t0.Add(140 * sec)); got != 5*sec || snap.State.Length != 60*sec {
		t.Fatalf("after a pause and 30 s more, at 140 s: %s left of %s, want 5s of 1m0s", got, snap.State.Length)
	}
}

// Each family's session is the instructor's as it applies to them: their
// own answers (the check-in's, and any given during a step), the
// check-ins they left unanswered, the regions left out for their baby,
// and the end.
func TestFamilySessions(t *testing.T) {
	tc := newTestClass(t, Config{})
	h := tc.h
	ada := tc.join("Ada", true, ready)
	ben := tc.join("Ben", false, routines.Answers{Warm: true, Stump: true}) // no tummy
	h.Begin()
	tc.at(5 * sec)
	ada.Answer(routines.CueContent) // during the resting hands
	ada.Answer(routines.CueContent) // pressed twice: kept once
	tc.at(40 * sec)                 // legs done: the check-in opens
	if h.Snapshot().State.Phase != routines.PhaseCheckIn {
		t.Fatal("no check-in at the end of the legs")
	}
	tc.at(42 * sec)
	ada.Answer(routines.CueSubtle)
	ada.Answer(routines.CueRelaxed) // a second thought: kept, as one asked for
	tc.at(70 * sec)                 // nobody else answered: the wait runs out
	tc.at(90 * sec)                 // the water wheel is done; tummy's check-in
	ben.Answer(routines.CueRelaxed) // Ben's baby, left out of the tummy, answers anyway
	h.Next()                        // the instructor goes on
	tc.at(95 * sec)
	h.End()

	wantLog(t, "Ada", ada,
		"start@0s #0",
		"checkin@5s #0 legs cue=content manual",
		"step_done@10s #0 legs",
		"step_done@40s #1 legs",
		"checkin@42s #1 legs cue=subtle",
		"checkin@42s #1 legs cue=relaxed manual",
		"step_done@1m30s #2 tummy",
		"checkin@1m30s #2 tummy cue=unanswered",
		"end@1m35s #3 back reason=ended",
	)
	wantLog(t, "Ben", ben,
		"start@0s #0 left_out=tummy",
		"step_done@10s #0 legs",
		"step_done@40s #1 legs",
		"checkin@1m10s #1 legs cue=unanswered",
		"checkin@1m30s #2 tummy cue=relaxed",
		"end@1m35s #3 back reason=ended",
	)
	for _, s := range []*Seat{ada, ben} {
		if v := s.View(); v.Stage != FamilyDone || v.Token == "" {
			t.Fatalf("%s after the end: stage %v, token %q", v.Name, v.Stage, v.Token)
		}
	}
}

// Crying and sleep end a family's massage at once, whatever the class
// does next; fussing lets them end it gently themselves.
func TestAnswersThatEnd(t *testing.T) {
	tc := newTestClass(t, Config{})
	h := tc.h
	ada := tc.join("Ada", false, ready)
	ben := tc.join("Ben", false, ready)
	cai := tc.join("Cai", false, ready)
	h.Begin()
	tc.at(3 * sec)
	ada.Answer(routines.CueCrying)
	ben.Answer(routines.CueAsleep)
	cai.Answer(routines.CueFussing)
	cai.End()
	tc.at(20 * sec)
	ada.Answer(routines.CueRelaxed) // after the end: nothing
	h.End()
	wantLog(t, "Ada", ada, "start@0s #0", "checkin@3s #0 legs cue=crying manual", "end@3s #0 legs reason=crying")
	wantLog(t, "Ben", ben, "start@0s #0", "checkin@3s #0 legs cue=asleep manual", "end@3s #0 legs reason=asleep")
	wantLog(t, "Cai", cai, "start@0s #0", "checkin@3s #0 legs cue=fussing manual", "end@3s #0 legs reason=fussing")
	if v := ada.View(); v.Stage != FamilyDone || v.Reason != routines.EndCrying || v.Token == "" {
		t.Fatalf("Ada after crying: %+v", v)
	}
}

// At the ask, a family's end is their baby's "not now"; the questions
// before the start can keep a family to watching, with no session.
func TestNotNowAndNotToday(t *testing.T) {
	r := classRoutine()
	r.NoOpening = false
	tc := newTestClass(t, Config{Routine: r})
	h := tc.h
	ada := tc.join("Ada", false, ready)
	ben := tc.join("Ben", false, routines.Answers{Warm: true, Unwell: true})
	if v := ben.View(); v.Stage != FamilyWatching || v.Verdict.Go() {
		t.Fatalf("a baby with a fever: %+v, want watching", v)
	}
	h.Begin()
	h.SkipRegion() // to the ask
	if st := h.Snapshot().State; st.Step.Kind != routines.StepPermission {
		t.Fatalf("skipping the opening went to %q, not the ask", st.Step.Title())
	}
	ada.End()
	if v := ada.View(); v.Reason != routines.EndNotNow {
		t.Fatalf("Ada ended at the ask: %s, want not_now", v.Reason)
	}
	if ben.Answer(routines.CueRelaxed) || len(logOf(ben)) != 0 {
		t.Fatal("a family watching has a session")
	}
}

// Who may join: a name in use by a family here is refused (in any case),
// a family that dropped out gets their own record back, a full class
// turns a new family away kindly, and a family that left before
// answering the questions frees their place.
func TestJoin(t *testing.T) {
	tc := newTestClass(t, Config{MaxFamilies: 2})
	h := tc.h
	ada := tc.join("Ada", true, ready)
	h.Begin()
	tc.at(5 * sec)
	ada.Answer(routines.CueRelaxed)
	if _, err := h.Join("  ADA ", born); !errors.Is(err, ErrNameInUse) {
		t.Fatalf("a second Ada while Ada is here: %v, want ErrNameInUse", err)
	}
	if _, err := h.Join("\x1b[2J\x07", born); !errors.Is(err, ErrNoName) {
		t.Fatalf("a name of escape sequences: %v, want ErrNoName", err)
	}
	half, err := h.Join("Ben", born) // gives the name and date, then goes before the questions
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Join("Cai", born); !errors.Is(err, ErrFull) {
		t.Fatalf("a third family in a class of 2: %v, want ErrFull", err)
	}
	half.Close()
	cai := tc.join("Cai", false, ready)

	ada.Close()
	if r := h.Roster(); r.Families[0].Here || r.Families[0].Left.IsZero() {
		t.Fatalf("Ada dropped out, the roster says %+v", r.Families[0])
	}
	tc.at(12 * sec)
	back, err := h.Join("ada", born)
	if err != nil {
		t.Fatalf("Ada joining again: %v", err)
	}
	defer back.Close()
	if !back.Returning() {
		t.Fatal("Ada joined again but is not returning")
	}
	if v := back.View(); v.Name != "Ada" || v.Last == nil || v.Last.Cue != routines.CueRelaxed || v.Stage != FamilyFollowing {
		t.Fatalf("Ada's record after joining again: %+v", v)
	}
	wantLog(t, "Ada", back, "start@0s #0", "checkin@5s #0 legs cue=relaxed manual", "step_done@10s #0 legs")
	if len(h.Roster().Families) != 2 {
		t.Fatalf("the roster: %+v", h.Roster().Families)
	}
	_ = cai
}

// A family that dropped out gets their session back with their baby's
// name and birth date, never with the name alone: anyone in the room may
// hear a baby's name. Another date is refused, and takes nothing; the
// date they go by is the last they gave; a family that left before
// giving one holds no name; nobody is on the roster before their date.
func TestRejoinNeedsTheBirthDate(t *testing.T) {
	tc := newTestClass(t, Config{MaxFamilies: 2})
	h := tc.h
	other := born.AddDate(0, 0, 1)
	ada := tc.join("Ada", true, ready)
	h.Begin()
	tc.at(5 * sec)
	ada.Answer(routines.CueRelaxed)
	ada.Close()

	if err := h.CanJoin("ADA"); err != nil {
		t.Fatalf("the name of a family that dropped out, before the date: %v, want it asked", err)
	}
	if s, err := h.Join("ada", other); !errors.Is(err, ErrNameTaken) || s != nil {
		t.Fatalf("Ada's name with another birth date: %v, want ErrNameTaken", err)
	}
	if r := h.Roster(); len(r.Families) != 1 || r.Families[0].Here {
		t.Fatalf("after a wrong date, the roster: %+v", r.Families)
	}
	if err := h.CanJoin("Ben"); err != nil { // nobody is on the roster before their date
		t.Fatalf("Ben in a class of 2 with one family: %v", err)
	}
	back, err := h.Join("ada", born.Add(13*time.Hour)) // the same day
	if err != nil || !back.Returning() || back.View().Last == nil {
		t.Fatalf("Ada with her name and birth date: %v, returning %v", err, err == nil && back.Returning())
	}
	back.Close()

	// The date a family goes by is the last they gave (they may go back
	// and change it before the questions).
	cai, err := h.Join("Cai", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cai.Baby(born, time.Time{}); err != nil {
		t.Fatal(err)
	}
	cai.Ready(ready, false)
	cai.Close()
	if _, err := h.Join("cai", other); !errors.Is(err, ErrNameTaken) {
		t.Fatalf("Cai with the date she changed: %v, want ErrNameTaken", err)
	}
	// A full class still takes back a family that dropped out, with their
	// date; a new name is turned away before the date is asked.
	if err := h.CanJoin("Dee"); !errors.Is(err, ErrFull) {
		t.Fatalf("a new family in a full class: %v, want ErrFull", err)
	}
	if err := h.CanJoin("Cai"); err != nil {
		t.Fatalf("Cai's name in a full class: %v, want her date asked", err)
	}
	again, err := h.Join("Cai", born)
	if err != nil || !again.Returning() {
		t.Fatalf("Cai with her date: %v", err)
	}
	again.Close()

	// A family that leaves before the questions holds nothing: not their
	// name, not a place.
	h2 := newTestClass(t, Config{}).h
	half, err := h2.Join("Ben", born)
	if err != nil {
		t.Fatal(err)
	}
	half.Close()
	fresh, err := h2.Join("Ben", other)
	if err != nil || fresh.Returning() {
		t.Fatalf("Ben after a Ben who left before the questions: %v", err)
	}
	fresh.Close()
	if _, err := h2.Join("Eve", time.Time{}); !errors.Is(err, ErrBabyDates) {
		t.Fatalf("joining without a birth date: %v, want ErrBabyDates", err)
	}
}

// The roster counts each family's last answer in the region on screen,
// the families yet to answer there, and raised hands; the record keeps
// the room's counts for every region, and the sessions of the families
// who said yes only.
func TestRosterAndRecord(t *testing.T) {
	tc := newTestClass(t, Config{})
	h := tc.h
	seats := map[string]*Seat{}
	for i, n := range []string{"Ada", "Ben", "Cai", "Dee"} {
		seats[n] = tc.join(n, i%2 == 0, ready)
	}
	h.Begin()
	tc.at(2 * sec)
	seats["Ada"].Answer(routines.CueRelaxed)
	seats["Ben"].Answer(routines.CueSubtle)
	seats["Cai"].Answer(routines.CueFussing)
	seats["Cai"].Answer(routines.CueRelaxed) // Cai's baby settled: the last answer counts
	seats["Dee"].Hand()
	r := h.Roster()
	if r.Region.ID != "legs" || r.Counts[routines.CueRelaxed] != 2 || r.Counts[routines.CueSubtle] != 1 || r.Waiting != 1 || r.Hands != 1 {
		t.Fatalf("the roster at the legs: region %s, counts %v, waiting %d, hands %d", r.Region.ID, r.Counts, r.Waiting, r.Hands)
	}
	seats["Dee"].Hand()
	if h.Roster().Hands != 0 {
		t.Fatal("a hand lowered stays up")
	}
	tc.at(40 * sec)
	seats["Ada"].Answer(routines.CueContent)
	h.End()
	if err := h.SaveNow(); err != nil {
		t.Fatal(err)
	}
	rec := tc.saved[len(tc.saved)-1]
	if rec.Families != 4 || len(rec.Answers) != 1 || rec.Answers[0].Region != "legs" {
		t.Fatalf("the record: %+v", rec)
	}
	if got := rec.Answers[0].Counts; got[routines.CueContent] != 1 || got[routines.CueSubtle] != 1 || got[routines.CueRelaxed] != 1 || len(got) != 3 {
		t.Fatalf("the room's answers at the legs: %v, want 1 content (Ada's last), 1 subtle, 1 relaxed", got)
	}
	var kept []string
	for _, k := range rec.Kept {
		kept = append(kept, k.BabyName)
	}
	if strings.Join(kept, ",") != "Ada,Cai" {
		t.Fatalf("the record keeps the sessions of %v, want Ada and Cai only (they said yes)", kept)
	}
	if !rec.Ended.Equal(t0.Add(40*sec)) || rec.ID == "" {
		t.Fatalf("the record's end %v, id %q", rec.Ended, rec.ID)
	}
}

// A family's session goes home once, with the token they were shown: in
// the format cradle import reads, and only when it was sent whole.
func TestTakeHome(t *testing.T) {
	tc := newTestClass(t, Config{})
	h := tc.h
	ada := tc.join("Ada", false, ready)
	h.Begin()
	tc.at(15 * sec)
	ada.Answer(routines.CueRelaxed)
	if _, _, _, err := h.TakeHome("anything"); !errors.Is(err, ErrNoSuchToken) {
		t.Fatalf("a token never given: %v", err)
	}
	h.End()
	tok := ada.View().Token
	if len(tok) != tokenLength || strings.Trim(tok, tokenAlphabet) != "" {
		t.Fatalf("token %q", tok)
	}
	data, name, done, err := h.TakeHome(strings.ToUpper(tok))
	if err != nil || name != "Ada" {
		t.Fatalf("taking Ada's session home: %q, %v", name, err)
	}
	var doc struct {
		Format   string
		Babies   []store.Baby
		Sessions []struct {
			BabyName string `json:"baby_name"`
			Status   string
			Reason   string
			Events   []routines.Event
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("the take-home is not JSON: %v\n%s", err, data)
	}
	if doc.Format != store.ExportFormat || len(doc.Babies) != 1 || doc.Babies[0].Name != "Ada" || len(doc.Sessions) != 1 {
		t.Fatalf("the take-home: %s", data)
	}
	if s := doc.Sessions[0]; s.BabyName != "Ada" || s.Status != "done" || s.Reason != "ended" || len(s.Events) != len(logOf(ada)) {
		t.Fatalf("the session taken home: %+v", s)
	}
	done(false) // the connection broke: the token still works
	_, _, done, err = h.TakeHome(tok)
	if err != nil {
		t.Fatalf("a token whose fetch failed is gone: %v", err)
	}
	done(true)
	if _, _, _, err := h.TakeHome(tok); !errors.Is(err, ErrNoSuchToken) {
		t.Fatalf("a token used twice: %v", err)
	}
	if !ada.View().Taken {
		t.Fatal("Ada's screen does not know her session went home")
	}
}

// A family's screen hears of the class's changes and its own, never of
// another family's; the instructor's hears of everything.
func TestNotices(t *testing.T) {
	tc := newTestClass(t, Config{})
	h := tc.h
	ada := tc.join("Ada", false, ready)
	ben := tc.join("Ben", false, ready)
	inst := h.Subscribe()
	defer inst.Close()
	drain := func(c <-chan struct{}) {
		select {
		case <-c:
		default:
		}
	}
	heard := func(c <-chan struct{}) bool {
		select {
		case <-c:
			return true
		default:
			return false
		}
	}
	h.Begin()
	for _, c := range []<-chan struct{}{ada.C(), ben.C(), inst.C} {
		if !heard(c) {
			t.Fatal("a screen did not hear the class begin")
		}
	}
	tc.at(1 * sec)
	drain(ada.C())
	drain(ben.C())
	drain(inst.C)
	ada.Answer(routines.CueRelaxed)
	if !heard(ada.C()) || !heard(inst.C) {
		t.Fatal("Ada's answer was not heard by her screen or the instructor's")
	}
	if heard(ben.C()) {
		t.Fatal("Ben's screen heard of Ada's answer")
	}
}

// A baby in a hip harness leaves out the moves that load the hips, one
// by one, as a session at home does: their session records the steps
// left out and holds none of those steps.
func TestHipHarness(t *testing.T) {
	r := classRoutine()
	r.Regions[0].Steps = append(r.Regions[0].Steps, routines.Step{ID: "bike", Name: "Bicycling", Kind: routines.StepMovement, Duration: 10 * sec})
	tc := newTestClass(t, Config{Routine: r})
	h := tc.h
	ada := tc.join("Ada", false, routines.Answers{Warm: true, Harness: true})
	ben := tc.join("Ben", false, ready)
	if v := ada.View(); !v.Verdict.Go() || len(v.StepsOut) != 1 || v.StepsOut[0] != 2 {
		t.Fatalf("Ada, in a hip harness: %+v", v)
	}
	h.Begin()
	tc.at(50 * sec) // rest, milking, bicycling
	wantLog(t, "Ada", ada, "start@0s #0", "step_done@10s #0 legs", "step_done@40s #1 legs")
	wantLog(t, "Ben", ben, "start@0s #0", "step_done@10s #0 legs", "step_done@40s #1 legs", "step_done@50s #2 legs")
	ada.h.mu.Lock()
	out := ada.f.log[0].StepsOut
	ada.h.mu.Unlock()
	if len(out) != 1 || out[0] != 2 {
		t.Fatalf("Ada's start event leaves out steps %v, want [2]", out)
	}
}

// What an answer does is the routine's: one a routine ends on (fussing,
// in this one) ends the family's session as it would at home, and crying
// ends it whatever the routine says.
func TestTheRoutineDecidesWhatAnAnswerEnds(t *testing.T) {
	r := classRoutine()
	r.Responses = map[routines.Cue]routines.Response{
		routines.CueFussing: {Action: routines.ActionEnd, Say: "Enough for today."},
		routines.CueCrying:  {Action: routines.ActionGoOn},
	}
	tc := newTestClass(t, Config{Routine: r})
	ada := tc.join("Ada", false, ready)
	ben := tc.join("Ben", false, ready)
	tc.h.Begin()
	tc.at(2 * sec)
	ada.Answer(routines.CueFussing)
	ben.Answer(routines.CueCrying)
	wantLog(t, "Ada", ada, "start@0s #0", "checkin@2s #0 legs cue=fussing manual", "end@2s #0 legs reason=ended")
	wantLog(t, "Ben", ben, "start@0s #0", "checkin@2s #0 legs cue=crying manual", "end@2s #0 legs reason=crying")
}

// A baby's age, as at home: the routine's ages (corrected for a baby born
// early), the built-in routine made for the age, the go-ahead a baby born
// early needs, and the dates going home with the session.
func TestBabyAge(t *testing.T) {
	r := classRoutine()
	r.Ages = routines.AgeRange{From: 6 * 7, To: 6 * 30}
	tc := newTestClass(t, Config{Routine: r})
	h := tc.h
	days := func(n int) time.Time { return t0.AddDate(0, 0, -n) }
	seat := func(name string) *Seat {
		s, err := h.Join(name, born)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		return s
	}

	ada := seat("Ada") // 10 weeks: the routine suits her
	c, err := ada.Baby(days(70), time.Time{})
	if err != nil || c.Fit != routines.FitSuits || c.Outside() || c.Suited != nil || c.Known.BornEarly {
		t.Fatalf("a baby of 10 weeks: %+v, %v", c, err)
	}
	ada.Ready(ready, true)

	ben := seat("Ben") // 10 days: too young; the newborn routine is his
	c, _ = ben.Baby(days(10), time.Time{})
	if c.Fit != routines.FitTooYoung || !c.Outside() || c.Suited == nil || c.Suited.ID != "newborn" {
		t.Fatalf("a baby of 10 days: %+v", c)
	}
	if !ben.Watch() || ben.Watch() {
		t.Fatal("Ben chose to watch: once, and only while joining")
	}
	if v := ben.View(); v.Stage != FamilyWatching || !v.AgeWatch || v.Baby.Fit != routines.FitTooYoung {
		t.Fatalf("Ben watching: %+v", v)
	}
	if _, err := ben.Baby(days(70), time.Time{}); err != nil || ben.View().Baby.Fit != routines.FitTooYoung {
		t.Fatal("the dates changed after the choice")
	}

	// Born 12 weeks early, 13 weeks ago: a corrected age of 1 week, and
	// no go-ahead given: the massage waits.
	cai := seat("Cai")
	c, _ = cai.Baby(days(91), days(7))
	if !c.Known.BornEarly || c.Known.Age != 7 || c.Fit != routines.FitTooYoung {
		t.Fatalf("a baby born early: %+v", c)
	}
	qs := routines.Check(r, c.Known)
	if len(qs) == 0 || qs[0].About != routines.ReadinessEarly {
		t.Fatalf("a baby born early is not asked for the go-ahead first: %+v", qs)
	}
	if v := cai.Ready(ready, true); v.Go() || v.Stops[0] != routines.StopEarly || cai.View().Stage != FamilyWatching {
		t.Fatalf("born early, without the go-ahead: %+v", v)
	}

	// Born 4 weeks early, 14 weeks ago: 10 weeks corrected, the go-ahead
	// given. The answers cannot say the baby was not born early.
	dee := seat("Dee")
	dee.Baby(days(98), days(70))
	if v := dee.Ready(routines.Answers{Warm: true, GoAhead: true}, false); !v.Go() || dee.View().Stage != FamilyFollowing {
		t.Fatalf("born early, with the go-ahead: %+v", v)
	}
	eve := seat("Eve")
	eve.Baby(days(98), days(70))
	if v := eve.Ready(routines.Answers{Warm: true, BornEarly: false, AgeKnown: false}, false); v.Go() {
		t.Fatal("answers that say nothing of the go-ahead let a baby born early begin")
	}

	for _, bad := range [][2]time.Time{{}, {t0.Add(time.Hour), time.Time{}}, {days(30), days(30)}, {days(30), days(40)}} {
		s := seat("Fay")
		if _, err := s.Baby(bad[0], bad[1]); !errors.Is(err, ErrBabyDates) {
			t.Errorf("birth %v, due %v: %v, want ErrBabyDates", bad[0], bad[1], err)
		}
		s.Close()
	}

	// The room: Ben, Cai and Eve watch, Ada and Dee follow; the record
	// counts those who followed.
	h.Begin()
	tc.at(5 * sec)
	ada.Answer(routines.CueRelaxed)
	if ben.Answer(routines.CueRelaxed) || cai.Answer(routines.CueRelaxed) {
		t.Fatal("a family watching answered")
	}
	ro := h.Roster()
	stages := map[string]FamilyStage{}
	for _, m := range ro.Families {
		stages[m.Name] = m.Stage
	}
	if stages["Ben"] != FamilyWatching || stages["Cai"] != FamilyWatching || stages["Eve"] != FamilyWatching || stages["Dee"] != FamilyFollowing ||
		ro.Counts[routines.CueRelaxed] != 1 || ro.Waiting != 1 {
		t.Fatalf("the roster: %+v, counts %v, waiting %d", stages, ro.Counts, ro.Waiting)
	}
	h.End()
	h.SaveNow()
	if rec := tc.saved[len(tc.saved)-1]; rec.Families != 2 {
		t.Fatalf("the record counts %d families who followed, want 2 (Ada, Dee)", rec.Families)
	}

	// What goes home: the birth date, and for a baby born early the due
	// date and the day the go-ahead was said.
	for _, c := range []struct {
		s                   *Seat
		birth, due, goAhead time.Time
	}{{ada, days(70), time.Time{}, time.Time{}}, {dee, days(98), days(70), t0}} {
		data, _, _, err := h.TakeHome(c.s.View().Token)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct{ Babies []store.Baby }
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		if b := doc.Babies[0]; !b.Birth.Equal(c.birth) || !b.Due.Equal(c.due) || !b.GoAhead.Equal(c.goAhead) {
			t.Errorf("%s goes home with %+v", b.Name, b)
		}
	}
}

// Questions pause the class for everyone, the countdown frozen from the
// host's state, and going on resumes it where it was; a class the
// instructor had paused stays paused after them; any other move of the
// instructor's, or the end, ends them first. The family's session notes
// the pause as a pause.
func TestQuestions(t *testing.T) {
	tc := newTestClass(t, Config{})
	h := tc.h
	if h.Questions() {
		t.Fatal("questions in the lobby")
	}
	ada := tc.join("Ada", false, ready)
	h.Begin()
	tc.at(4 * sec)
	if !h.Questions() || h.Questions() {
		t.Fatal("questions were refused, or taken twice")
	}
	snap := h.Snapshot()
	tc.at(60 * sec)
	if !snap.Questions || !snap.State.Paused || snap.Remaining(tc.clk.Now()) != 6*sec || h.Snapshot().State.Step.Name != "Resting hands" {
		t.Fatalf("at questions: questions %v, paused %v, %s left at 60 s", snap.Questions, snap.State.Paused, snap.Remaining(tc.clk.Now()))
	}
	if !h.EndQuestions() || h.EndQuestions() {
		t.Fatal("going on from the questions was refused, or taken twice")
	}
	snap = h.Snapshot()
	if snap.Questions || snap.State.Paused || snap.Remaining(t0.Add(62*sec)) != 4*sec {
		t.Fatalf("after the questions: questions %v, paused %v, %s left 2 s on", snap.Questions, snap.State.Paused, snap.Remaining(t0.Add(62*sec)))
	}
	wantLog(t, "Ada", ada, "start@0s #0", "pause@4s #0 legs", "resume@1m0s #0 legs")

	h.TogglePause() // the instructor's own pause, at 60 s
	h.Questions()
	h.EndQuestions()
	if !h.Snapshot().State.Paused {
		t.Fatal("questions during the instructor's pause went on")
	}
	h.TogglePause()

	h.Questions()
	h.Next()
	if snap := h.Snapshot(); snap.Questions || snap.State.Paused || snap.State.Step.Name != "Milking" {
		t.Fatalf("next during the questions: questions %v, paused %v, step %s", snap.Questions, snap.State.Paused, snap.State.Step.Name)
	}
	h.Questions()
	h.TogglePause() // space goes on, as any key does on the card
	if snap := h.Snapshot(); snap.Questions || snap.State.Paused {
		t.Fatalf("space during the questions: questions %v, paused %v", snap.Questions, snap.State.Paused)
	}
	h.Questions()
	h.End()
	if snap := h.Snapshot(); snap.Questions || snap.Stage != StageOver {
		t.Fatalf("the end during the questions: questions %v, stage %v", snap.Questions, snap.Stage)
	}
}

// The talking points are the instructor's: shown on t, and while a
// roster window is open, the snapshot says so, for the console to leave
// them to it.
func TestTalkingPointsWindow(t *testing.T) {
	tc := newTestClass(t, Config{})
	h := tc.h
	h.ToggleTalkingPoints()
	if s := h.Snapshot(); !s.TalkingPoints || s.Windows != 0 {
		t.Fatalf("after t: %+v", s)
	}
	w := h.SubscribeWindow()
	if s := h.Snapshot(); s.Windows != 1 {
		t.Fatalf("a roster window open: %d", s.Windows)
	}
	w.Close()
	w.Close()
	if s := h.Snapshot(); s.Windows != 0 {
		t.Fatalf("the roster window closed (twice): %d", s.Windows)
	}
	h.ToggleTalkingPoints()
	if h.Snapshot().TalkingPoints {
		t.Fatal("t again left them shown")
	}
}

// A family watching because their baby has just fed, or is not calm,
// may answer the questions again later in the class and follow from
// then, keeping what they said of keeping; one watching for an illness
// may not, nor one whose class has ended.
func TestFollowLater(t *testing.T) {
	tc := newTestClass(t, Config{})
	h := tc.h
	fed := tc.join("Ada", true, routines.Answers{Warm: true, Fed: true})
	ill := tc.join("Bea", false, routines.Answers{Warm: true, Unwell: true})
	if v := fed.View(); v.Stage != FamilyWatching || !v.Again {
		t.Fatalf("just fed: %v, again %v", v.Stage, v.Again)
	}
	if v := ill.View(); v.Stage != FamilyWatching || v.Again {
		t.Fatalf("unwell: %v, again %v", v.Stage, v.Again)
	}
	h.Begin()
	tc.at(12 * sec)
	if v := fed.Ready(routines.Answers{Warm: true, Unsettled: true}, false); v.Go() || !fed.View().Again {
		t.Fatal("answered again, not calm: not watching for a stop that passes")
	}
	tc.at(15 * sec)
	if v := fed.Ready(ready, false); !v.Go() || fed.View().Stage != FamilyFollowing || fed.View().Again {
		t.Fatalf("answered again, all clear: %v", fed.View().Stage)
	}
	wantLog(t, "Ada", fed, "start@15s #0")
	if m := h.Roster().Families[0]; !m.Keep {
		t.Fatal("answering again changed the keeping")
	}
	if v := ill.Ready(ready, false); v.Go() || ill.View().Stage != FamilyWatching {
		t.Fatal("a family watching for an illness followed")
	}
	late := tc.join("Cai", false, routines.Answers{Warm: true, Fed: true})
	h.End()
	if late.View().Again || late.Ready(ready, false).Go() {
		t.Fatal("asked again after the class ended")
	}
}
