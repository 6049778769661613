package ui

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/cradle-coach/cradle/internal/testclock"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// t0 is when every test of the app starts: the test clock's morning.
var t0 = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// memStore keeps everything in memory; fail makes writes fail, as on a
// full disk.
type memStore struct {
	mu       sync.Mutex
	babies   []store.Baby
	last     uint64
	sessions map[string]*store.Session
	events   map[string][]routines.Event
	order    []string
	fail     error
	// calls counts the writes asked of the store, by method name.
	calls    map[string]int
	clears   map[uint64]routines.Clear
	settings store.Settings
}

// newMemStore is a store whose parent has made the choices cradle asks
// once (keep Indian milking), so a test meets them only when it means to.
func newMemStore() *memStore {
	return &memStore{sessions: map[string]*store.Session{}, events: map[string][]routines.Event{}, calls: map[string]int{},
		settings: store.Settings{Milking: store.MilkingBoth}}
}

func (s *memStore) Settings() (store.Settings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings, nil
}
func (s *memStore) SaveSettings(st store.Settings) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls["SaveSettings"]++
	if s.fail != nil {
		return s.fail
	}
	s.settings = st
	return nil
}

func (s *memStore) Path() string { return "/data/cradle.db" }
func (s *memStore) Babies() ([]store.Baby, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]store.Baby(nil), s.babies...), nil
}
func (s *memStore) SaveBaby(b store.Baby) (store.Baby, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls["SaveBaby"]++
	if s.fail != nil {
		return b, s.fail
	}
	if b.ID == 0 {
		for _, x := range s.babies {
			b.ID = max(b.ID, x.ID)
		}
		b.ID++
		s.babies = append(s.babies, b)
		return b, nil
	}
	for i := range s.babies {
		if s.babies[i].ID == b.ID {
			s.babies[i] = b
		}
	}
	return b, nil
}
func (s *memStore) LastBaby() (uint64, error) { return s.last, nil }
func (s *memStore) SetLastBaby(id uint64) error {
	s.last = id
	return nil
}
func (s *memStore) StartSession(rec store.Session) (store.Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return rec, s.fail
	}
	rec.ID = fmt.Sprintf("%032x", len(s.order)+1)
	rec.Status = store.StatusInProgress
	s.sessions[rec.ID] = &rec
	s.order = append(s.order, rec.ID)
	return rec, nil
}
func (s *memStore) Append(id string, evs ...routines.Event) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return s.fail
	}
	rec, ok := s.sessions[id]
	if !ok {
		return fmt.Errorf("session %s: %w", id, store.ErrNotFound)
	}
	if rec.Status != store.StatusInProgress {
		return fmt.Errorf("session %s %w", id, store.ErrEnded)
	}
	for _, ev := range evs {
		if ev.Kind == routines.EvEnd {
			rec.Status, rec.Reason, rec.Ended = store.StatusDone, ev.Reason, ev.At
		}
	}
	s.events[id] = append(s.events[id], evs...)
	rec.Events = len(s.events[id])
	rec.Stats = store.StatsOf(s.events[id])
	return nil
}

// Sessions pages through every session, newest first, as the store does.
func (s *memStore) Sessions(before string, n int) ([]store.Session, error) {
	return s.page(func(store.Session) bool { return true }, before, n), nil
}

func (s *memStore) BabySessions(baby uint64, before string, n int) ([]store.Session, error) {
	return s.page(func(r store.Session) bool { return r.BabyID == baby }, before, n), nil
}

func (s *memStore) page(keep func(store.Session) bool, before string, n int) []store.Session {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []store.Session
	on := before == ""
	for i := len(s.order) - 1; i >= 0 && len(out) < n; i-- {
		r := *s.sessions[s.order[i]]
		if !on {
			on = r.ID == before
			continue
		}
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

func (s *memStore) SessionsSince(baby uint64, since time.Time) ([]store.Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []store.Session
	for _, id := range s.order {
		if r := s.sessions[id]; r.BabyID == baby && !r.Started.Before(since) {
			out = append(out, *r)
		}
	}
	return out, nil
}

func (s *memStore) CountSessions(baby uint64) (int, error) {
	ss, _ := s.SessionsSince(baby, time.Time{})
	return len(ss), nil
}

func (s *memStore) Clears() (map[uint64]routines.Clear, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[uint64]routines.Clear{}
	for k, v := range s.clears {
		out[k] = v
	}
	return out, nil
}

func (s *memStore) SaveClear(baby uint64, c routines.Clear) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls["SaveClear"]++
	if s.clears == nil {
		s.clears = map[uint64]routines.Clear{}
	}
	s.clears[baby] = c
	return nil
}

func (s *memStore) RemoveBaby(id uint64) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls["RemoveBaby"]++
	if s.fail != nil {
		return 0, s.fail
	}
	n := 0
	var order []string
	for _, sid := range s.order {
		if s.sessions[sid].BabyID == id {
			delete(s.sessions, sid)
			delete(s.events, sid)
			n++
			continue
		}
		order = append(order, sid)
	}
	s.order = order
	var babies []store.Baby
	for _, b := range s.babies {
		if b.ID != id {
			babies = append(babies, b)
		}
	}
	s.babies = babies
	if s.last == id {
		s.last = 0
	}
	return n, nil
}
func (s *memStore) Unfinished() ([]store.Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []store.Session
	for i := len(s.order) - 1; i >= 0; i-- {
		if r := s.sessions[s.order[i]]; r.Status == store.StatusInProgress {
			out = append(out, *r)
		}
	}
	return out, nil
}
func (s *memStore) Events(id string) ([]routines.Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]routines.Event(nil), s.events[id]...), nil
}
func (s *memStore) CloseInterrupted(id string, at time.Time) error {
	s.mu.Lock()
	s.calls["CloseInterrupted"]++
	s.mu.Unlock()
	return s.Append(id, routines.Event{Kind: routines.EvEnd, At: at, Reason: routines.EndInterrupted})
}

// only returns the one session's events.
func (s *memStore) only(t *testing.T) (store.Session, []routines.Event) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.order) != 1 {
		t.Fatalf("want 1 session saved, have %d", len(s.order))
	}
	id := s.order[0]
	return *s.sessions[id], append([]routines.Event(nil), s.events[id]...)
}

// voiceLog records what the voice was asked to say.
type voiceLog struct{ said []string }

func (l *voiceLog) Say(text string) tea.Cmd {
	l.said = append(l.said, text)
	return nil
}

// soundLog records the sounds asked for.
type soundLog struct{ played []SoundKind }

func (l *soundLog) Play(k SoundKind) tea.Cmd {
	l.played = append(l.played, k)
	return nil
}

// harness drives the root model the way Bubble Tea would: every command
// runs and its message goes back into Update, except timers, which the
// test fires itself after moving the fake clock (no test ever sleeps).
type harness struct {
	t     *testing.T
	m     Model
	st    *memStore
	clock *testclock.Clock
	sound *soundLog
	voice *voiceLog
	quit  bool
	// timers counts the timers asked for (which the test fires itself):
	// each is a wake-up of the real program.
	timers int
	// holding keeps the store's answers to saves in held instead of
	// sending them: keys pressed meanwhile arrive first, as in the real
	// program when a save takes a moment.
	holding bool
	held    []tea.Msg
}

func newHarness(t *testing.T, w, h int, st *memStore) *harness {
	t.Helper()
	if st == nil {
		st = newMemStore()
	}
	return newHarnessWith(t, w, h, Config{Store: st})
}

// newHarnessWith starts the app with cfg, its store, clock, sound and
// voice filled in with fakes where cfg leaves them empty.
func newHarnessWith(t *testing.T, w, h int, cfg Config) *harness {
	t.Helper()
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	hs := &harness{t: t, clock: testclock.New(t0), sound: &soundLog{}, voice: &voiceLog{}}
	if cfg.Store == nil {
		cfg.Store = newMemStore()
	}
	hs.st, _ = cfg.Store.(*memStore)
	cfg.Routines, cfg.Clock, cfg.CheckInWait = lib, hs.clock, 30*time.Second
	if cfg.Sound == nil {
		cfg.Sound = hs.sound
	}
	if cfg.Voice == nil {
		cfg.Voice = hs.voice
	}
	hs.m = New(cfg)
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(hs.m.Init())
	return hs
}

// withBaby saves a baby first, so the first start does not ask for one.
func withBaby() *memStore {
	st := newMemStore()
	st.babies = []store.Baby{{ID: 1, Name: "Mia", Birth: time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC), Early: routines.EarlyNo}}
	st.last = 1
	return st
}

func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	m, cmd := h.m.Update(msg)
	h.m = m.(Model)
	h.run(cmd)
}

func (h *harness) run(cmd tea.Cmd) {
	if runCmd(cmd, h.deliver, &h.timers) {
		h.quit = true
	}
}

// deliver sends msg to the model, or keeps it back while holding.
func (h *harness) deliver(msg tea.Msg) {
	if h.holding && saveReply(msg) {
		h.held = append(h.held, msg)
		return
	}
	h.send(msg)
}

// runCmd runs cmd as Bubble Tea would, batches and sequences in order,
// and hands each message to deliver. What would block is left out and
// counted in waits: timers (the test fires ticks itself after moving the
// fake clock; no test sleeps), cursor blinks, and plain mode's wait for
// a typed line (the test types lines itself). It reports a quit.
func runCmd(cmd tea.Cmd, deliver func(tea.Msg), waits *int) (quit bool) {
	if cmd == nil {
		return false
	}
	name := runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name()
	for _, blocks := range []string{".Tick.", "Blink", ".Every.", "lineReader"} {
		if strings.Contains(name, blocks) {
			*waits++
			return false
		}
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.QuitMsg:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			quit = runCmd(c, deliver, waits) || quit
		}
	default:
		// tea.Sequence's message is an unexported []Cmd.
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := 0; i < v.Len(); i++ {
				quit = runCmd(v.Index(i).Interface().(tea.Cmd), deliver, waits) || quit
			}
			return quit
		}
		deliver(msg)
	}
	return quit
}

// hold keeps the store's answers to saves from now on until release.
func (h *harness) hold() { h.holding = true }

// saveReply is true for the store's answer to a save of any screen.
func saveReply(msg tea.Msg) bool {
	switch msg.(type) {
	case babySavedMsg, removedMsg, lastSetMsg, closedMsg, goalSavedMsg, shapeSavedMsg, shapeDeletedMsg, settingsSavedMsg:
		return true
	}
	return false
}

// release sends the replies held back, in order, and stops holding.
func (h *harness) release() {
	h.holding = false
	held := h.held
	h.held = nil
	for _, msg := range held {
		h.send(msg)
	}
}

// press sends key presses: "enter", "space", "right", "ctrl+c" or single
// characters.
// typeText types text a letter at a time.
func (h *harness) typeText(text string) {
	h.t.Helper()
	for _, r := range text {
		h.press(string(r))
	}
}

func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyPressMsg { return keyPress(k) }

// tick moves the clock on by d, delivering each timer the session asks
// for on its way, when it is due, as the running program would (a
// second apart at most), and one more at the end.
func (h *harness) tick(d time.Duration) {
	h.t.Helper()
	end := h.clock.Now().Add(d)
	for {
		ss, ok := h.m.screen.(*sessionScreen)
		if !ok || ss.due.IsZero() || ss.due.After(end) {
			break
		}
		if ss.due.After(h.clock.Now()) {
			h.clock.Set(ss.due)
		}
		h.send(tickMsg{ss.tickSeq})
	}
	h.clock.Set(end)
	if ss, ok := h.m.screen.(*sessionScreen); ok {
		h.send(tickMsg{ss.tickSeq})
	}
}

// jump moves the clock on by d with no timer delivered on the way, then
// delivers the one that was due: a tick that comes late, or, later than
// freezeGap, the first after the process was stopped.
func (h *harness) jump(d time.Duration) {
	h.t.Helper()
	h.clock.Add(d)
	if ss, ok := h.m.screen.(*sessionScreen); ok {
		h.send(tickMsg{ss.tickSeq})
	}
}

// view is the screen as plain text, without trailing spaces.
func (h *harness) view() string {
	lines := strings.Split(ansi.Strip(h.m.View().Content), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// TestMain (in bench_test.go) pins the local time zone, so dates shown
// are the same on every machine, and removes the benchmarks' database.

// session returns the running session screen.
func (h *harness) session() *sessionScreen {
	h.t.Helper()
	ss, ok := h.m.screen.(*sessionScreen)
	if !ok {
		h.t.Fatalf("not in a session; screen is %T:\n%s", h.m.screen, h.view())
	}
	return ss
}

func (h *harness) want(text string) {
	h.t.Helper()
	if v := h.view(); !strings.Contains(v, text) {
		h.t.Fatalf("screen lacks %q:\n%s", text, v)
	}
}

// startNewborn goes from home through the readiness check (all clear)
// into the newborn routine's opening ritual.
func (h *harness) startNewborn() {
	h.t.Helper()
	h.press("4", "enter")
	h.answerReady()
}

// answerReady answers every readiness question with "all is well",
// after choosing the routine anyway if it is outside the baby's ages.
func (h *harness) answerReady() {
	h.t.Helper()
	rs, ok := h.m.screen.(*readyScreen)
	if !ok {
		h.t.Fatalf("not at the readiness check; screen is %T", h.m.screen)
	}
	if rs.stage == earlyStage {
		h.press("n") // not born early
	}
	if rs.stage == ageStage {
		h.press("y")
	}
	if rs.stage == sameStage {
		h.press("y") // same as this morning
		h.session()
		return
	}
	h.want("Before you start")
	h.answerEach(func(q routines.Question) string {
		if q.About == routines.ReadinessCold || routines.GoAheadFirst(q) {
			return "y" // the room is warm; the doctor or nurse said yes
		}
		return "n"
	})
	h.session()
}

// answerEach answers the readiness question on screen with the key
// answer gives for it, and the next, as long as questions are on screen:
// a follow-up is answered only when it is asked.
func (h *harness) answerEach(answer func(routines.Question) string) {
	h.t.Helper()
	for n := 0; ; n++ {
		rs, ok := h.m.screen.(*readyScreen)
		if !ok || rs.stage != formStage || rs.at >= len(rs.qs) {
			return
		}
		if n > 50 {
			h.t.Fatalf("the readiness questions never end:\n%s", h.view())
		}
		h.press(answer(rs.qs[rs.at]))
	}
}

func kinds(evs []routines.Event) []string {
	var out []string
	for _, ev := range evs {
		out = append(out, string(ev.Kind))
	}
	return out
}

func sizeMsg(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// twins is a memory store with two babies, Bea used last.
// cutOff saves a newborn-routine session for baby that was cut off just
// after it started.
func cutOff(st *memStore, baby store.Baby, started time.Time) store.Session {
	rec, _ := st.StartSession(store.Session{BabyID: baby.ID, BabyName: baby.Name, RoutineID: "newborn", RoutineTitle: "Newborn first touch", Started: started})
	_ = st.Append(rec.ID, routines.Event{Kind: routines.EvStart, At: started})
	return rec
}

func twins() *memStore {
	st := newMemStore()
	birth := time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)
	st.babies = []store.Baby{
		{ID: 1, Name: "Ada", Birth: birth, Due: birth.AddDate(0, 0, 28), Added: birth},
		{ID: 2, Name: "Bea", Birth: birth, Due: birth.AddDate(0, 0, 28), Added: birth},
	}
	st.last = 2
	return st
}

// addSession saves a finished session with check-in answers "region:cue",
// or "region/Stroke:cue" for one asked during a stroke.
func addSession(t *testing.T, st *memStore, baby store.Baby, at time.Time, answers ...string) store.Session {
	t.Helper()
	rec, err := st.StartSession(store.Session{BabyID: baby.ID, BabyName: baby.Name, RoutineID: "full-body", RoutineTitle: "Full-body massage", Started: at})
	if err != nil {
		t.Fatal(err)
	}
	evs := []routines.Event{{Kind: routines.EvStart, At: at},
		{Kind: routines.EvStepDone, At: at.Add(time.Minute), Region: "legs", Step: "Resting hands", Index: 4, Elapsed: time.Minute}}
	for i, a := range answers {
		where, cue, _ := strings.Cut(a, ":")
		region, step, _ := strings.Cut(where, "/")
		evs = append(evs, routines.Event{Kind: routines.EvCheckIn, At: at.Add(time.Duration(2+i) * time.Minute), Region: region, Step: step, Cue: routines.Cue(cue)})
	}
	evs = append(evs, routines.Event{Kind: routines.EvEnd, At: at.Add(10 * time.Minute), Reason: routines.EndFinished})
	if err := st.Append(rec.ID, evs...); err != nil {
		t.Fatal(err)
	}
	got := *st.sessions[rec.ID]
	return got
}

// squeezed is the screen with runs of white space as one space, so a
// sentence wrapped over lines still matches.
func (h *harness) squeezed() string { return strings.Join(strings.Fields(h.view()), " ") }

func (h *harness) wantSaid(text string) {
	h.t.Helper()
	if !strings.Contains(h.squeezed(), text) {
		h.t.Fatalf("screen does not say %q:\n%s", text, h.view())
	}
}

func (h *harness) wantNot(text string) {
	h.t.Helper()
	if strings.Contains(h.squeezed(), text) {
		h.t.Fatalf("screen says %q:\n%s", text, h.view())
	}
}

// startRoutine starts the n-th routine of the home screen for Mia and
// says yes at the ask, past the opening ritual.
func startRoutine(t *testing.T, n string) *harness {
	t.Helper()
	hs := newHarness(t, 100, 30, withBaby())
	hs.press(n, "enter")
	hs.answerReady()
	hs.press("s", "space")
	return hs
}

// untilPhase presses next until the session is in phase p.
func (h *harness) untilPhase(p routines.Phase) {
	h.t.Helper()
	for range 100 {
		if h.session().sess.State().Phase == p {
			return
		}
		h.press("n")
	}
	h.t.Fatalf("never reached phase %d", p)
}
