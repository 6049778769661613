package store

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/cradle-coach/cradle/routines"
)

var t0 = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

func ev(kind routines.EventKind, at time.Time) routines.Event {
	return routines.Event{Kind: kind, At: at}
}

func begin(t *testing.T, s *Store, started time.Time) Session {
	t.Helper()
	sess, err := s.StartSession(Session{BabyID: 1, BabyName: "Ada", RoutineID: "legs", RoutineTitle: "Legs", RoutineFile: "legs.yaml", Started: started})
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

func checkEvents(t *testing.T, got, want []routines.Event) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d events, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Kind != w.Kind || !g.At.Equal(w.At) || g.Step != w.Step || g.Index != w.Index || g.Reason != w.Reason || g.Elapsed != w.Elapsed || g.Cue != w.Cue || len(g.LeftOut) != len(w.LeftOut) {
			t.Errorf("event %d = %+v, want %+v", i, g, w)
		}
	}
}

func TestEventsRoundTrip(t *testing.T) {
	s := openTemp(t)
	a := begin(t, s, t0)
	b := begin(t, s, t0) // same start: the sequence keeps the keys apart
	if a.ID == b.ID || len(a.ID) != 32 || a.Status != StatusInProgress {
		t.Fatalf("sessions %+v %+v", a, b)
	}

	evA := []routines.Event{
		{Kind: routines.EvStart, At: t0, LeftOut: []string{"face"}},
		{Kind: routines.EvStepDone, At: t0.Add(time.Minute), Region: "legs", Step: "Milking", Index: 1, Elapsed: 40 * time.Second},
		// Two events at the same instant keep their arrival order.
		{Kind: routines.EvCheckIn, At: t0.Add(2 * time.Minute), Cue: "calm", Index: 2},
		{Kind: routines.EvHold, At: t0.Add(2 * time.Minute), Hold: 5 * time.Second, Index: 2},
	}
	evB := []routines.Event{
		{Kind: routines.EvStart, At: t0.Add(time.Second)},
		{Kind: routines.EvPause, At: t0.Add(90 * time.Second)},
	}
	// Interleave the two sessions, some in batches, some one by one.
	steps := []struct {
		id  string
		evs []routines.Event
	}{
		{a.ID, evA[:1]}, {b.ID, evB[:1]}, {a.ID, evA[1:2]}, {b.ID, evB[1:]}, {a.ID, evA[2:]},
	}
	for _, st := range steps {
		if err := s.Append(st.id, st.evs...); err != nil {
			t.Fatal(err)
		}
	}
	gotA, err := s.Events(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkEvents(t, gotA, evA)
	gotB, err := s.Events(b.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkEvents(t, gotB, evB)

	sa, err := s.Session(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sa.Events != 4 || sa.Status != StatusInProgress || sa.RoutineTitle != "Legs" || !sa.Started.Equal(t0) || sa.ID != a.ID {
		t.Errorf("session a = %+v", sa)
	}

	unfinished, err := s.Unfinished()
	if err != nil {
		t.Fatal(err)
	}
	if len(unfinished) != 2 || unfinished[0].ID != b.ID || unfinished[1].ID != a.ID {
		t.Fatalf("Unfinished = %+v, want b then a", unfinished)
	}

	// The end closes the session in the same batch as the last step.
	end := routines.Event{Kind: routines.EvEnd, At: t0.Add(3 * time.Minute), Reason: routines.EndFinished}
	if err := s.Append(a.ID, ev(routines.EvStepDone, t0.Add(170*time.Second)), end); err != nil {
		t.Fatal(err)
	}
	sa, err = s.Session(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sa.Status != StatusDone || sa.Reason != routines.EndFinished || !sa.Ended.Equal(end.At) || sa.Events != 6 {
		t.Errorf("ended session = %+v", sa)
	}
	unfinished, err = s.Unfinished()
	if err != nil {
		t.Fatal(err)
	}
	if len(unfinished) != 1 || unfinished[0].ID != b.ID {
		t.Errorf("Unfinished = %+v, want only b", unfinished)
	}

	// An ended session takes no more events, and the failed batch leaves
	// nothing behind.
	if err := s.Append(a.ID, ev(routines.EvResume, t0.Add(4*time.Minute))); err == nil {
		t.Error("Append to an ended session succeeded")
	}
	if err := s.Append(b.ID, end, ev(routines.EvResume, t0.Add(4*time.Minute))); err == nil {
		t.Error("an event after the end in the same batch was accepted")
	}
	if sb, _ := s.Session(b.ID); sb.Status != StatusInProgress || sb.Events != 2 {
		t.Errorf("session b after a rejected batch = %+v", sb)
	}
	if got, _ := s.Events(b.ID); len(got) != 2 {
		t.Errorf("session b has %d events after a rejected batch", len(got))
	}
	if err := s.Append(a.ID); err != nil {
		t.Errorf("empty batch: %v", err)
	}
}

func TestAppendErrors(t *testing.T) {
	s := openTemp(t)
	for _, id := range []string{"", "nope", "00000000000000000000000000000000", "0123456789ABCDEF0123456789ABCDEF"} {
		err := s.Append(id, ev(routines.EvStart, t0))
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("Append(%q) = %v, want ErrNotFound", id, err)
		}
	}
	if _, err := s.Session("00000000000000000000000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Session(unknown) = %v, want ErrNotFound", err)
	}
	sess := begin(t, s, t0)
	if err := s.Append(sess.ID, routines.Event{Kind: routines.EvStart}); err == nil {
		t.Error("an event without a time was accepted")
	}
}

// The wall clock set back an hour in the middle of a session: the events
// come back in the order they happened, not in the order of their times,
// so the timeline and resuming see the session as it went.
func TestEventsKeepTheirOrderWhenTheClockGoesBack(t *testing.T) {
	s := openTemp(t)
	sess := begin(t, s, t0)
	back := t0.Add(-time.Hour)
	evs := []routines.Event{
		{Kind: routines.EvStart, At: t0},
		{Kind: routines.EvStepDone, At: t0.Add(time.Minute), Region: "legs", Step: "Resting hands", Index: 0},
		{Kind: routines.EvStepDone, At: back, Region: "legs", Step: "Milking", Index: 1},
		{Kind: routines.EvPause, At: back.Add(time.Second), Index: 2},
	}
	if err := s.Append(sess.ID, evs[:2]...); err != nil {
		t.Fatal(err)
	}
	for _, e := range evs[2:] { // one commit each, as the app saves them
		if err := s.Append(sess.ID, e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Events(sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkEvents(t, got, evs)
}

// A database an older cradle imported a baby into with the largest id
// there is has its babies' sequence at the top: a new baby must not wrap
// round onto Ada, nor a new session onto a session's key.
func TestSequencesAtTheTopAreMended(t *testing.T) {
	s := openTemp(t)
	ada, err := s.SaveBaby(Baby{Name: "Ada"})
	if err != nil {
		t.Fatal(err)
	}
	first := begin(t, s, t0)
	err = s.update(func(tx *bbolt.Tx) error {
		if err := tx.Bucket(bucketBabies).SetSequence(math.MaxUint64); err != nil {
			return err
		}
		data, _ := json.Marshal(babyRecord{V: recordVersion, Baby: Baby{ID: math.MaxUint64, Name: "Otto"}})
		if err := tx.Bucket(bucketBabies).Put(u64(math.MaxUint64), data); err != nil {
			return err
		}
		return tx.Bucket(bucketSessions).SetSequence(math.MaxUint64)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Bo", "Cy"} {
		b, err := s.SaveBaby(Baby{Name: name})
		if err != nil || b.ID == ada.ID || b.ID == 0 || b.ID == math.MaxUint64 {
			t.Fatalf("new baby %+v, %v", b, err)
		}
	}
	babies, _ := s.Babies()
	if len(babies) != 4 || babies[0].Name != "Ada" {
		t.Errorf("babies %+v", babies)
	}
	// Two sessions at the instant of the first: three keys.
	a, b := begin(t, s, t0), begin(t, s, t0)
	if a.ID == first.ID || b.ID == first.ID || a.ID == b.ID {
		t.Errorf("session ids %s %s %s", first.ID, a.ID, b.ID)
	}
}

func TestResumeAfterReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cradle.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sess := begin(t, s, t0)
	evs := []routines.Event{ev(routines.EvStart, t0), ev(routines.EvStepDone, t0.Add(time.Minute))}
	for _, e := range evs {
		if err := s.Append(sess.ID, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	unfinished, err := s.Unfinished()
	if err != nil {
		t.Fatal(err)
	}
	if len(unfinished) != 1 || unfinished[0].ID != sess.ID || unfinished[0].Events != 2 {
		t.Fatalf("Unfinished = %+v", unfinished)
	}
	got, err := s.Events(sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkEvents(t, got, evs)

	at := t0.Add(time.Hour)
	if err := s.CloseInterrupted(sess.ID, at); err != nil {
		t.Fatal(err)
	}
	done, err := s.Session(sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if done.Status != StatusDone || done.Reason != routines.EndInterrupted || !done.Ended.Equal(at) || done.Events != 3 {
		t.Errorf("closed session = %+v", done)
	}
	if unfinished, _ := s.Unfinished(); len(unfinished) != 0 {
		t.Errorf("Unfinished after CloseInterrupted = %+v", unfinished)
	}
	got, _ = s.Events(sess.ID)
	if last := got[len(got)-1]; last.Kind != routines.EvEnd || last.Reason != routines.EndInterrupted {
		t.Errorf("last event = %+v", last)
	}
}

func TestBabies(t *testing.T) {
	s := openTemp(t)
	if id, err := s.LastBaby(); err != nil || id != 0 {
		t.Fatalf("LastBaby on a new file = %d, %v", id, err)
	}
	if _, err := s.SaveBaby(Baby{Name: "  "}); err == nil {
		t.Error("a blank name was accepted")
	}
	birth := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	ada, err := s.SaveBaby(Baby{Name: "Ada", Birth: birth})
	if err != nil {
		t.Fatal(err)
	}
	bo, err := s.SaveBaby(Baby{Name: " Bo ", Due: birth.AddDate(0, 1, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if ada.ID == 0 || bo.ID <= ada.ID || ada.Added.IsZero() || bo.Name != "Bo" {
		t.Fatalf("saved %+v and %+v", ada, bo)
	}

	ada.Name = "Ada Rose"
	ada.Added = time.Time{} // zero keeps the stored date
	if _, err := s.SaveBaby(ada); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveBaby(Baby{ID: 99, Name: "Ghost"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("updating an unknown baby = %v, want ErrNotFound", err)
	}

	babies, err := s.Babies()
	if err != nil {
		t.Fatal(err)
	}
	if len(babies) != 2 || babies[0].Name != "Ada Rose" || babies[1].Name != "Bo" {
		t.Fatalf("Babies = %+v", babies)
	}
	if !babies[0].Birth.Equal(birth) || babies[0].Added.IsZero() || !babies[1].Birth.IsZero() || babies[1].Due.IsZero() {
		t.Errorf("Babies dates = %+v", babies)
	}

	if err := s.SetLastBaby(bo.ID); err != nil {
		t.Fatal(err)
	}
	if id, err := s.LastBaby(); err != nil || id != bo.ID {
		t.Errorf("LastBaby = %d, %v, want %d", id, err, bo.ID)
	}
	if err := s.SetLastBaby(99); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetLastBaby(unknown) = %v", err)
	}
	if err := s.SetLastBaby(0); err != nil {
		t.Fatal(err)
	}
	if id, _ := s.LastBaby(); id != 0 {
		t.Errorf("LastBaby after clearing = %d", id)
	}
}

func TestSessionsPaging(t *testing.T) {
	s := openTemp(t)
	var ids []string
	for i := range 25 {
		ids = append(ids, begin(t, s, t0.Add(time.Duration(i)*time.Minute)).ID)
	}
	seen := map[string]bool{}
	before := ""
	var sizes []int
	for {
		page, err := s.Sessions(before, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		sizes = append(sizes, len(page))
		for _, sess := range page {
			if seen[sess.ID] {
				t.Fatalf("session %s twice", sess.ID)
			}
			seen[sess.ID] = true
			if want := ids[25-len(seen)]; sess.ID != want {
				t.Fatalf("session #%d = %s, want %s (newest first)", len(seen), sess.ID, want)
			}
		}
		before = page[len(page)-1].ID
	}
	if len(sizes) != 3 || sizes[0] != 10 || sizes[1] != 10 || sizes[2] != 5 {
		t.Errorf("page sizes %v, want [10 10 5]", sizes)
	}
	// A before that is not a stored key still pages from the right place.
	page, err := s.Sessions("ffffffffffffffffffffffffffffffff", 1)
	if err != nil || len(page) != 1 || page[0].ID != ids[24] {
		t.Errorf("Sessions(after all) = %+v, %v", page, err)
	}
	if page, err := s.Sessions(ids[0], 10); err != nil || len(page) != 0 {
		t.Errorf("Sessions(before oldest) = %+v, %v", page, err)
	}
}

// FullDiskDir is a fresh folder on the small file system named by
// CRADLE_FULL_DISK_DIR; without one the test is skipped. (Exported for
// the package's outside tests too.)
func FullDiskDir(t *testing.T) string {
	t.Helper()
	root := os.Getenv("CRADLE_FULL_DISK_DIR")
	if root == "" {
		t.Skip("set CRADLE_FULL_DISK_DIR to a small file system to run")
	}
	dir, err := os.MkdirTemp(root, "full")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// TestFullDisk needs a small, nearly full file system, e.g.
//
//	mount -t tmpfs -o size=256k tmpfs /mnt/tiny
//	CRADLE_FULL_DISK_DIR=/mnt/tiny go test ./store -run FullDisk
func TestFullDisk(t *testing.T) {
	dir := FullDiskDir(t)
	s, err := Open(filepath.Join(dir, "cradle.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sess := begin(t, s, t0)
	long := strings.Repeat("x", 2000)
	saved := 0
	for ; ; saved++ {
		if saved > 100_000 {
			t.Fatal("the disk never filled up")
		}
		err = s.Append(sess.ID, routines.Event{Kind: routines.EvStepDone, At: t0.Add(time.Duration(saved) * time.Second), Step: long})
		if err != nil {
			break
		}
	}
	t.Logf("after %d events: %v", saved, err)
	// What was committed before the disk filled is still there.
	got, err := s.Events(sess.ID)
	if err != nil || len(got) != saved {
		t.Errorf("Events = %d, %v; want %d", len(got), err, saved)
	}
	if sess, err := s.Session(sess.ID); err != nil || sess.Events != saved {
		t.Errorf("Session = %+v, %v", sess, err)
	}
}
