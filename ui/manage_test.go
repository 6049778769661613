package ui

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/cradle-coach/cradle/insights"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

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

// With twins, the baby is asked before the readiness check, the one used
// last already chosen; the session and the next default are for the baby
// chosen.
func TestPickBabyBeforeReadiness(t *testing.T) {
	st := twins()
	hs := newHarness(t, 80, 24, st)
	hs.want("for Bea")
	hs.press("4", "enter")
	hs.want("Whose massage is this?")
	if v := hs.view(); !strings.Contains(v, "▌ Bea") {
		t.Fatalf("Bea, used last, is not chosen:\n%s", v)
	}
	hs.press("up", "enter")
	hs.want("for Ada") // the readiness check is hers
	if st.last != 1 {
		t.Errorf("last baby %d, want Ada (1)", st.last)
	}
	hs.answerReady()
	hs.press("e", "y")
	rec, _ := hs.st.only(t)
	if rec.BabyID != 1 || rec.BabyName != "Ada" {
		t.Errorf("the session is for %d %s, want Ada", rec.BabyID, rec.BabyName)
	}
	// Next time, Ada is the default.
	hs.press("enter", "4", "enter")
	if v := hs.view(); !strings.Contains(v, "▌ Ada") {
		t.Fatalf("Ada, used last, is not chosen:\n%s", v)
	}
	// One baby: no question.
	one := withBaby()
	hs = newHarness(t, 80, 24, one)
	hs.press("1", "enter") // the full routine suits Mia: no question about age either
	hs.want("Before you start")
}

func TestBabiesAddEditRemove(t *testing.T) {
	st := twins()
	for i := range 3 {
		addSession(t, st, st.babies[0], time.Date(2026, 11, 20+i, 18, 0, 0, 0, time.UTC))
	}
	addSession(t, st, st.babies[1], time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC))
	hs := newHarness(t, 80, 24, st)
	hs.press("b")
	hs.want("Babies")

	// Add a third: name, birth date, due date.
	hs.press("a")
	hs.want("Due date, if your baby was born early")
	for _, k := range []string{"C", "y", "enter", "2", "0", "2", "6", "-", "1", "0", "-", "0", "1", "enter", "2", "0", "2", "6", "-", "1", "1", "-", "0", "1", "enter"} {
		hs.press(k)
	}
	hs.want("Babies")
	if len(st.babies) != 3 || st.babies[2].Name != "Cy" || st.babies[2].Due.Format(dateLayout) != "2026-11-01" || st.last != 3 {
		t.Fatalf("after adding: %+v, last %d", st.babies, st.last)
	}
	hs.want("corrected age")

	// Rename Ada (the first) without making her the next baby.
	hs.press("1", "e")
	hs.want("Your baby's name")
	for range 3 {
		hs.press("backspace")
	}
	for _, k := range []string{"A", "d", "a", " ", "R", "o", "s", "e", "enter", "enter", "enter"} {
		hs.press(k)
	}
	hs.want("Ada Rose")
	if st.babies[0].Name != "Ada Rose" || st.last != 3 {
		t.Fatalf("after renaming: %+v, last %d", st.babies, st.last)
	}

	// Remove her: it says what goes with her, and asks.
	hs.press("x")
	hs.want("Remove Ada Rose? 3 sessions go with them: this cannot be undone.")
	hs.press("n")
	if len(st.babies) != 3 {
		t.Fatal("n removed the baby")
	}
	hs.press("x", "y")
	if len(st.babies) != 2 || len(st.order) != 1 {
		t.Fatalf("after removing: %d babies, %d sessions", len(st.babies), len(st.order))
	}
	if v := hs.view(); strings.Contains(v, "Ada") {
		t.Errorf("Ada is still listed:\n%s", v)
	}
}

// The confirmation agrees with the number of sessions that go.
func TestRemoveSaysHowManySessionsGo(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{
		{0, "Remove Ada? No sessions go with them."},
		{1, "Remove Ada? 1 session goes with them: this cannot be undone."},
		{3, "Remove Ada? 3 sessions go with them: this cannot be undone."},
	} {
		st := twins()
		for i := range c.n {
			addSession(t, st, st.babies[0], time.Date(2026, 11, 20+i, 18, 0, 0, 0, time.UTC))
		}
		hs := newHarness(t, 100, 30, st)
		hs.press("b", "1", "x")
		hs.want(c.want)
		if c.n > 0 { // and how to keep them, without quitting: backup works while cradle runs
			if v := strings.Join(strings.Fields(hs.view()), " "); !strings.Contains(v, keepACopy) || strings.Contains(v, "quit") {
				t.Errorf("%d sessions: the screen does not say how to keep a copy while cradle runs:\n%s", c.n, hs.view())
			}
		}
	}
}

// A baby just added and never massaged is the one chosen last, not the
// one massaged last time: the picker says only what is true of both.
func TestPickerSaysChosenLast(t *testing.T) {
	st := twins()
	hs := newHarness(t, 80, 24, st)
	hs.press("b", "a", "C", "y", "enter", "enter", "enter")
	hs.want("Cy  · next massage")
	hs.press("esc", "4", "enter")
	hs.want("Whose massage is this?")
	hs.want("Cy  · chosen last")
	if v := hs.view(); strings.Contains(v, "last time") {
		t.Errorf("a baby never massaged is labelled as massaged last time:\n%s", v)
	}
}

// Two babies cannot share a name, in any case or with spaces around it:
// the form says so kindly and keeps the name to change. A baby keeps its
// own name, and may change its case.
func TestBabyNamesDiffer(t *testing.T) {
	st := twins()
	hs := newHarness(t, 100, 30, st)
	hs.press("b", "a")
	for _, k := range []string{" ", "a", "D", "a", " ", "enter"} {
		hs.press(k)
	}
	hs.want("There is already a baby called Ada: add a surname or a nickname.")
	if _, ok := hs.m.screen.(*babyFormScreen); !ok || len(st.babies) != 2 {
		t.Fatalf("a second Ada was saved: %+v", st.babies)
	}
	for _, k := range []string{"M", "a", "e", "enter", "enter", "enter"} {
		hs.press(k)
	}
	hs.want("Babies")
	if len(st.babies) != 3 || st.babies[2].Name != "aDa Mae" {
		t.Fatalf("after adding: %+v", st.babies)
	}

	// Bea renamed ADA is refused; bea, her own name in another case, is not.
	hs.press("2", "e")
	hs.want("Your baby's name")
	for _, k := range []string{"backspace", "backspace", "backspace", "A", "D", "A", "enter"} {
		hs.press(k)
	}
	hs.want("There is already a baby called Ada")
	for _, k := range []string{"backspace", "backspace", "backspace", "b", "e", "a", "enter", "enter", "enter"} {
		hs.press(k)
	}
	hs.want("Babies")
	if st.babies[1].Name != "bea" {
		t.Fatalf("Bea renamed: %+v", st.babies)
	}
}

func TestNameTaken(t *testing.T) {
	babies := []store.Baby{{ID: 1, Name: "Ada"}, {ID: 2, Name: "Baby"}}
	for _, c := range []struct {
		name string
		id   uint64
		err  string
	}{
		{"Bea", 0, ""},
		{"ada", 0, "There is already a baby called Ada: add a surname or a nickname."},
		{"  ADA ", 0, "called Ada"},
		{"ADA", 1, ""},         // her own name, in capitals
		{"", 0, "called Baby"}, // left empty, it would be "Baby"
		{"", 2, ""},
		{"Ada Rose", 0, ""},
	} {
		err := nameTaken(c.name, c.id, babies)
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("nameTaken(%q, %d) = %v, want %q", c.name, c.id, err, c.err)
		}
	}
}

func TestAgeText(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	birth := time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		b            store.Baby
		text, detail string
	}{
		{store.Baby{Birth: birth}, "3 months", "3 months old"},
		{store.Baby{Birth: birth, Due: birth.AddDate(0, 0, 56)}, "corrected age 8 weeks", "3 months old; corrected age 8 weeks"},
		{store.Baby{Birth: now.AddDate(0, 0, -10), Due: now.AddDate(0, 0, 21)}, "due date in 3 weeks", "10 days old; due date in 3 weeks"},
		{store.Baby{Birth: birth, Due: birth.AddDate(0, 0, -3)}, "3 months", "3 months old"}, // born after the due date
		{store.Baby{}, "", ""},
		{store.Baby{Birth: now.AddDate(-3, 0, -2)}, "3 years", "3 years old"},
	} {
		if got := ageText(c.b, now); got != c.text {
			t.Errorf("ageText(%v, %v) = %q, want %q", c.b.Birth, c.b.Due, got, c.text)
		}
		if got := ageDetail(c.b, now); got != c.detail {
			t.Errorf("ageDetail = %q, want %q", got, c.detail)
		}
	}
}

func TestParseDue(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct{ due, birth, err string }{
		{"", "", ""},
		{"2026-10-01", "2026-09-01", ""},
		{"2026-10-01", "", "give the birth date too"},
		{"2026-08-01", "2026-09-01", "only needed for a baby born before it"},
		{"2027-03-01", "2026-09-01", "more than 20 weeks"},
		{"1 Oct", "2026-09-01", "year-month-day"},
	} {
		_, err := parseDue(c.due, c.birth, now)
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("parseDue(%q, %q) = %v, want %q", c.due, c.birth, err, c.err)
		}
	}
}

// countingStore counts the pages the history asks for.
type countingStore struct {
	*memStore
	pages atomic.Int32
}

func (c *countingStore) BabySessions(baby uint64, before string, n int) ([]store.Session, error) {
	c.pages.Add(1)
	if n > historyPage {
		panic("a page larger than historyPage")
	}
	return c.memStore.BabySessions(baby, before, n)
}

// The history reads a page at a time as the cursor goes down, newest
// first, one baby at a time; tab shows the other, then everyone.
func TestHistoryPagesAndTwins(t *testing.T) {
	st := twins()
	t0 := time.Date(2026, 6, 1, 18, 0, 0, 0, time.UTC)
	for i := range 120 {
		addSession(t, st, st.babies[1], t0.Add(time.Duration(i)*24*time.Hour), "legs:relaxed")
	}
	addSession(t, st, st.babies[0], t0.Add(time.Hour), "face:fussing")
	cs := &countingStore{memStore: st}
	hs := newHarnessWith(t, 100, 30, Config{Store: cs})
	hs.press("h")
	if n := cs.pages.Load(); n != 1 {
		t.Fatalf("%d pages read on opening, want 1", n)
	}
	hs.want("Bea")
	hs.want("Thu 24 Sep 18:00") // the newest of Bea's
	if v := hs.view(); strings.Contains(v, "fussing") {
		t.Errorf("Ada's session shows in Bea's history:\n%s", v)
	}
	for range 30 {
		hs.press("down")
	}
	if n := cs.pages.Load(); n != 2 {
		t.Fatalf("%d pages after 30 rows, want 2", n)
	}
	h := hs.m.screen.(*historyScreen)
	if len(h.rows) != 100 || h.rows[99].Started.After(h.rows[98].Started) {
		t.Fatalf("%d rows after two pages", len(h.rows))
	}
	hs.press("tab")
	hs.want("Everyone")
	if h := hs.m.screen.(*historyScreen); len(h.rows) != historyPage {
		t.Errorf("everyone: %d rows, want a page", len(h.rows))
	}
	hs.press("tab")
	hs.want("Ada")
	hs.want("1 fussing")
	if v := hs.view(); strings.Contains(v, "relaxed") {
		t.Errorf("Bea's sessions show in Ada's history:\n%s", v)
	}
}

// An unfinished session in the history can be closed from its timeline.
func TestTimelineClosesUnfinished(t *testing.T) {
	st := twins()
	done := addSession(t, st, st.babies[1], time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC), "back:relaxed")
	open := cutOff(st, store.Baby{ID: 2, Name: "Bea"}, time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC))
	hs := newHarness(t, 100, 30, st)
	hs.press("esc") // decide later
	hs.want("press u")
	hs.press("h")
	hs.want("unfinished")
	hs.press("enter")
	hs.want("Cut off: r resumes it, x closes it as interrupted.")
	hs.press("x")
	if st.sessions[open.ID].Status != store.StatusDone || st.sessions[open.ID].Reason != routines.EndInterrupted {
		t.Fatalf("not closed: %+v", st.sessions[open.ID])
	}
	hs.want("interrupted")
	if len(hs.m.app.unfinished) != 0 {
		t.Error("still listed as unfinished")
	}
	// A finished one shows its timeline, with times.
	hs.press("down", "enter")
	hs.want("18:02:00  ? how is your baby after back: relaxed")
	_ = done
}

// Several unfinished sessions are listed; each can be closed or resumed.
func TestResumeList(t *testing.T) {
	st := twins()
	var ids []string
	for i, b := range st.babies {
		rec := cutOff(st, b, time.Date(2026, 11, 26, 18, 10*i, 0, 0, time.UTC))
		ids = append(ids, rec.ID)
	}
	hs := newHarness(t, 80, 24, st)
	hs.want("2 massages were cut off")
	hs.press("down", "x") // Ada's is the older, listed second
	if st.sessions[ids[0]].Status != store.StatusDone {
		t.Fatal("Ada's session was not closed")
	}
	hs.want("Pick up where you stopped?")
	hs.want("with Bea")
	hs.press("r") // cut off hours ago: the readiness questions first, for Bea
	hs.want("for Bea")
	hs.answerReady()
	if ss := hs.session(); hs.m.app.baby.ID != 2 || ss == nil {
		t.Fatal("not resumed for Bea")
	}
}

func TestInsightsGoalAndRest(t *testing.T) {
	st := twins()
	for i := range 4 {
		addSession(t, st, st.babies[1], time.Date(2026, 11, 26-i, 18, 0, 0, 0, time.UTC), "back:relaxed", "face:crying")
	}
	hs := newHarness(t, 100, 40, st)
	hs.press("i")
	hs.want("goal 3 a week")
	hs.want("4 sessions this week: goal of 3 reached. Lovely.")
	hs.want("Back is the favourite: relaxed in 4 of 4 sessions.")
	hs.want("Face often brings crying (4 of 4 sessions)")
	hs.press("+", "+")
	if st.babies[1].Goal != 5 {
		t.Fatalf("goal %d, want 5", st.babies[1].Goal)
	}
	hs.want("1 more reaches your goal of 5")
	hs.press("r")
	if !reflect.DeepEqual(st.babies[1].Rest, []string{"2026-11-23"}) {
		t.Fatalf("rest weeks %v", st.babies[1].Rest)
	}
	hs.want("A rest week.")
	hs.press("r")
	if len(st.babies[1].Rest) != 0 {
		t.Fatalf("rest weeks %v", st.babies[1].Rest)
	}
	for range 6 {
		hs.press("-")
	}
	if st.babies[1].Goal != store.NoGoal {
		t.Fatalf("goal %d, want none", st.babies[1].Goal)
	}
	hs.want("no weekly goal")
	hs.press("tab")
	hs.want("Ada")
	hs.want("Readings start once an area has answers from 3 sessions")
}

// The answers say what they count in plain words: the sessions and those
// with answers, each row's sessions, and why a row or a stroke has no
// reading yet.
func TestInsightsSayWhatTheyCount(t *testing.T) {
	st := twins()
	bea := st.babies[1]
	for i := range 3 {
		addSession(t, st, bea, time.Date(2026, 11, 26-i, 18, 0, 0, 0, time.UTC), "back:relaxed", "legs/Toe roll:relaxed")
	}
	addSession(t, st, bea, time.Date(2026, 11, 22, 18, 0, 0, 0, time.UTC), "chest:fussing", "face/Open book:content")
	addSession(t, st, bea, time.Date(2026, 11, 21, 18, 0, 0, 0, time.UTC)) // no answers
	hs := newHarness(t, 100, 40, st)
	hs.press("i")
	hs.want("last 12 weeks · 5 sessions, 4 with answers")
	v := hs.view()
	for _, want := range []string{"3 sessions", "1 session", "Answers from fewer than 3 sessions are too few for a reading yet.",
		"A stroke is shown here once it has answers from 3 sessions."} {
		if !strings.Contains(v, want) {
			t.Errorf("the insights lack %q:\n%s", want, v)
		}
	}
	for _, line := range strings.Split(v, "\n") {
		if strings.Contains(line, "Chest") && !strings.HasSuffix(line, " 1 session") {
			t.Errorf("the chest row does not say its one session: %q", line)
		}
		if strings.HasSuffix(line, " few") || strings.Contains(line, "Open book") {
			t.Errorf("a row says too little, or a stroke from one session is drawn: %q", line)
		}
	}
	// With every row from enough sessions, neither note shows.
	st = twins()
	for i := range 3 {
		addSession(t, st, st.babies[1], time.Date(2026, 11, 26-i, 18, 0, 0, 0, time.UTC), "back:relaxed")
	}
	hs = newHarness(t, 100, 40, st)
	hs.press("i")
	hs.want("last 12 weeks · 3 sessions, 3 with answers")
	if v := hs.view(); strings.Contains(v, "too few") || strings.Contains(v, "A stroke is shown") {
		t.Errorf("a note with nothing to explain:\n%s", v)
	}
}

// The routine shaped by the baby is shown before it is saved, saved as a
// routine file the parser reads back, listed on the home screen, and can
// be deleted.
func TestShapeSavesRoutineFile(t *testing.T) {
	st := twins()
	for i := range 4 {
		addSession(t, st, st.babies[1], time.Date(2026, 11, 26-i, 18, 0, 0, 0, time.UTC), "back:relaxed", "face:crying")
	}
	dir := filepath.Join(t.TempDir(), "cradle", "routines")
	hs := newHarnessWith(t, 100, 40, Config{Store: st, RoutinesDir: dir})
	hs.press("i", "s")
	hs.want("Full-body massage for Bea")
	hs.want("Face: shorter: strokes 3 → 2 times")
	hs.want("crying in 4 of 4 sessions")
	hs.want("Back: more time")
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("saved before the parent said so")
	}
	hs.press("y")
	path := filepath.Join(dir, "full-body-bea.yaml")
	hs.want("Saved as")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := routines.Parse(path, data)
	if err != nil {
		t.Fatalf("the file does not parse: %v\n%s", err, data)
	}
	if face, _ := r.Region("face"); face.Steps[1].Reps != 2 || r.Title != "Full-body massage for Bea" {
		t.Errorf("read back: %q, face %+v", r.Title, face.Steps[1])
	}
	if r.For != (routines.ForBaby{ID: 2, Name: "Bea"}) {
		t.Errorf("the file names the baby it is for as %+v, want Bea, baby 2", r.For)
	}
	if !strings.Contains(string(data), "# Full-body massage for Bea, shaped by cradle") {
		t.Errorf("no header:\n%s", data[:200])
	}
	hs.press("esc", "esc")
	hs.want("Full-body massage for Bea (yours)")
	// Shaping again offers to replace it; d deletes it.
	hs.press("i", "s")
	hs.want("It replaces the version saved on")
	hs.press("d")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the file is still there: %v", err)
	}
	hs.press("esc", "esc")
	if strings.Contains(hs.view(), "(yours)") {
		t.Error("the deleted routine is still on the home screen")
	}
	// From too few answers, nothing is proposed.
	rep := insights.Build(st.babies[0], nil, hs.clock.Now(), 12, hs.m.app.cfg.Routines)
	sh, _ := newShape(hs.m.app, nil, rep)
	if v := ansi.Strip(sh.View()); !strings.Contains(strings.Join(strings.Fields(v), " "), "Nothing to change yet") {
		t.Errorf("from no answers:\n%s", v)
	}
}

// The home list can shrink under its cursor: a shaped routine deleted
// while the cursor was on the last entry leaves it on the new last one.
func TestHomeCursorAfterARoutineIsDeleted(t *testing.T) {
	st := twins()
	for i := range 4 {
		addSession(t, st, st.babies[1], time.Date(2026, 11, 26-i, 18, 0, 0, 0, time.UTC), "back:relaxed", "face:crying")
	}
	dir := filepath.Join(t.TempDir(), "cradle", "routines")
	hs := newHarnessWith(t, 100, 40, Config{Store: st, RoutinesDir: dir})
	hs.press("i", "s", "y", "esc", "esc")
	n := len(hs.m.app.homeRoutines())
	hs.press("up") // from the first to the last entry
	if h := hs.m.screen.(*homeScreen); h.cursor != n-1 {
		t.Fatalf("cursor %d; want the last of %d", h.cursor, n)
	}
	hs.press("i", "s", "d", "esc", "esc")
	rs := hs.m.app.homeRoutines()
	if len(rs) != n-1 {
		t.Fatalf("%d routines after the delete; want %d", len(rs), n-1)
	}
	hs.press("enter") // must not reach past the end of the list
	b, ok := hs.m.screen.(*babyListScreen)
	if !ok {
		t.Fatalf("enter on the last entry went to %T; want whose-massage", hs.m.screen)
	}
	if last := rs[len(rs)-1]; b.next.ID != last.ID {
		t.Fatalf("starting %q; want the last entry, %q", b.next.Title, last.Title)
	}
}

// Removing a baby removes their cut-off session from the offer to resume.
func TestRemovingABabyDropsTheirUnfinished(t *testing.T) {
	st := twins()
	cutOff(st, store.Baby{ID: 2, Name: "Bea"}, time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC))
	hs := newHarness(t, 80, 24, st)
	hs.press("esc") // decide later
	hs.want("press u")
	hs.press("b", "x") // Bea, the baby used last, is chosen
	hs.want("Remove Bea")
	hs.press("y")
	if len(hs.m.app.babies) != 1 || hs.m.app.babies[0].Name != "Ada" {
		t.Fatalf("babies after the remove: %+v", hs.m.app.babies)
	}
	if len(hs.m.app.unfinished) != 0 {
		t.Fatalf("the removed baby's session is still offered: %+v", hs.m.app.unfinished)
	}
	hs.press("esc")
	if strings.Contains(hs.view(), "cut off") {
		t.Fatalf("home still offers it:\n%s", hs.view())
	}
}

// A change of view while a page is on its way (tab, say) still loads the
// new view; the old page is dropped when it comes.
func TestHistoryViewChangeWhileAPageLoads(t *testing.T) {
	st := twins()
	addSession(t, st, st.babies[0], time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC), "back:relaxed")
	addSession(t, st, st.babies[1], time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC), "face:crying")
	hs := newHarness(t, 100, 30, st)
	scr, oldPage := newHistory(hs.m.app, hs.m.screen)
	h := scr.(*historyScreen)
	if !h.busy || len(h.views()) != 3 || h.views()[h.view].Name != "Bea" {
		t.Fatalf("history opens on view %d of %+v, busy %v; want Bea's, loading", h.view, h.views(), h.busy)
	}
	_, newPage := h.Update(keyMsg("tab")) // to everyone; Bea's page has not come yet
	if newPage == nil {
		t.Fatal("tab while a page loads asked for no page of the new view")
	}
	h.Update(oldPage()) // Bea's page arrives late
	h.Update(newPage())
	if !h.loaded || len(h.rows) != 2 {
		t.Fatalf("after the pages came: loaded %v, %d rows; want everyone's 2 sessions", h.loaded, len(h.rows))
	}
}

// While closing a cut-off session is being saved, r does not resume it.
func TestNoResumeWhileClosing(t *testing.T) {
	st := withBaby()
	rec := cutOff(st, store.Baby{ID: 1, Name: "Mia"}, time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC))
	hs := newHarness(t, 80, 24, st)
	hs.want("Pick up where you stopped?")
	m, closing := hs.m.Update(keyMsg("x")) // the close is on its way, not done
	if closing == nil {
		t.Fatal("x asked for no close")
	}
	m, _ = m.(Model).Update(keyMsg("r"))
	if _, ok := m.(Model).screen.(*sessionScreen); ok {
		t.Fatal("r resumed a session that is being closed")
	}
	hs.m = m.(Model)
	hs.run(closing)
	if st.sessions[rec.ID].Status != store.StatusDone {
		t.Fatalf("not closed: %+v", st.sessions[rec.ID])
	}
}
