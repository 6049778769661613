package store

import (
	"errors"
	"math/rand"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/cradle-coach/cradle/routines"
)

// The stats kept as events arrive give the same time as the summary
// screen, whatever the order of starts, pauses, reopens and ends, and
// whether the events come one by one or in batches.
func TestStatsMatchSummarize(t *testing.T) {
	kinds := []routines.EventKind{routines.EvStepDone, routines.EvStepSkipped, routines.EvCheckIn, routines.EvPause,
		routines.EvResume, routines.EvReopen, routines.EvHold, routines.EvBack}
	rng := rand.New(rand.NewSource(1))
	s, err := Open(filepath.Join(t.TempDir(), "cradle.db"), Options{NoSync: true}) // many commits; durability is not the point
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range 200 {
		at := t0.Add(time.Duration(i) * time.Hour)
		evs := []routines.Event{{Kind: routines.EvStart, At: at}}
		for range rng.Intn(30) {
			at = at.Add(time.Duration(rng.Intn(90)+1) * time.Second)
			ev := routines.Event{Kind: kinds[rng.Intn(len(kinds))], At: at, Region: []string{"legs", "opening", "face"}[rng.Intn(3)], Index: rng.Intn(10)}
			if ev.Kind == routines.EvCheckIn {
				ev.Cue = append(routines.Cues, routines.CueUnanswered)[rng.Intn(len(routines.Cues)+1)]
				ev.Manual = rng.Intn(2) == 0
			}
			evs = append(evs, ev)
		}
		if rng.Intn(3) > 0 {
			at = at.Add(time.Duration(rng.Intn(100000)) * time.Second)
			evs = append(evs, routines.Event{Kind: routines.EvEnd, At: at,
				Reason: []routines.EndReason{routines.EndFinished, routines.EndInterrupted, routines.EndEarly}[rng.Intn(3)]})
		}
		sess := begin(t, s, evs[0].At)
		for j := 0; j < len(evs); {
			n := min(rng.Intn(4)+1, len(evs)-j)
			if err := s.Append(sess.ID, evs[j:j+n]...); err != nil {
				t.Fatal(err)
			}
			j += n
		}
		got, err := s.Session(sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := routines.Summarize(nil, evs)
		if got.Stats.Length() != want.Active {
			t.Fatalf("session %d: length %v, Summarize %v\n%+v", i, got.Stats.Length(), want.Active, evs)
		}
		if whole := StatsOf(evs); whole.Length() != want.Active {
			t.Fatalf("session %d: statsOf %v, Summarize %v", i, whole.Length(), want.Active)
		}
		done, answers := 0, 0
		for _, r := range want.Regions {
			if r.ID != "opening" {
				done += r.Done
				for _, c := range r.Cues {
					if c != routines.CueUnanswered {
						answers++
					}
				}
			}
		}
		if got.Stats.Done+got.Stats.Skipped != done || len(got.Stats.Answers) != answers {
			t.Fatalf("session %d: stats %+v, want %d steps and %d answers", i, got.Stats, done, answers)
		}
		// The history's word is the summary's.
		if got.Status == StatusDone && got.Ending() != want.Ending {
			t.Fatalf("session %d: the history says %q, the summary %q", i, got.Ending(), want.Ending)
		}
	}
}

func TestBabySessions(t *testing.T) {
	s := openTemp(t)
	ada, _ := s.SaveBaby(Baby{Name: "Ada"})
	bea, _ := s.SaveBaby(Baby{Name: "Bea"})
	var adas, beas []string
	for i := range 30 {
		baby := ada
		if i%3 == 0 {
			baby = bea
		}
		sess, err := s.StartSession(Session{BabyID: baby.ID, BabyName: baby.Name, Started: t0.Add(time.Duration(i) * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if baby.ID == ada.ID {
			adas = append([]string{sess.ID}, adas...) // newest first
		} else {
			beas = append([]string{sess.ID}, beas...)
		}
	}
	for _, c := range []struct {
		baby Baby
		want []string
	}{{ada, adas}, {bea, beas}} {
		var got []string
		before := ""
		for {
			page, err := s.BabySessions(c.baby.ID, before, 7)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			for _, sess := range page {
				if sess.BabyID != c.baby.ID {
					t.Fatalf("%s's page holds %s's session", c.baby.Name, sess.BabyName)
				}
				got = append(got, sess.ID)
			}
			before = page[len(page)-1].ID
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %d sessions paged, want %d in order", c.baby.Name, len(got), len(c.want))
		}
		if n, err := s.CountSessions(c.baby.ID); err != nil || n != len(c.want) {
			t.Errorf("CountSessions(%s) = %d, %v", c.baby.Name, n, err)
		}
	}
	// The last baby's sessions, and a baby with none.
	if page, err := s.BabySessions(bea.ID, "", 100); err != nil || len(page) != 10 {
		t.Errorf("Bea: %d, %v", len(page), err)
	}
	if page, err := s.BabySessions(99, "", 100); err != nil || len(page) != 0 {
		t.Errorf("nobody: %d, %v", len(page), err)
	}
	if _, err := s.BabySessions(ada.ID, "nonsense", 5); !errors.Is(err, ErrNotFound) {
		t.Errorf("bad before: %v", err)
	}

	// SessionsSince: oldest first, from the given time on.
	since, err := s.SessionsSince(ada.ID, t0.Add(20*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var hours []int
	for _, sess := range since {
		hours = append(hours, int(sess.Started.Sub(t0).Hours()))
	}
	if !reflect.DeepEqual(hours, []int{20, 22, 23, 25, 26, 28, 29}) {
		t.Errorf("since hour 20: %v", hours)
	}
}

func TestRemoveBaby(t *testing.T) {
	s := openTemp(t)
	ada, _ := s.SaveBaby(Baby{Name: "Ada"})
	bea, _ := s.SaveBaby(Baby{Name: "Bea"})
	if err := s.SetLastBaby(ada.ID); err != nil {
		t.Fatal(err)
	}
	var keep Session
	for i := range 6 {
		baby := []Baby{ada, bea}[i%2]
		sess, err := s.StartSession(Session{BabyID: baby.ID, BabyName: baby.Name, Started: t0.Add(time.Duration(i) * time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		evs := []routines.Event{ev(routines.EvStart, sess.Started), ev(routines.EvStepDone, sess.Started.Add(time.Second))}
		if i < 4 { // the last two stay unfinished
			evs = append(evs, routines.Event{Kind: routines.EvEnd, At: sess.Started.Add(time.Minute), Reason: routines.EndFinished})
		}
		if err := s.Append(sess.ID, evs...); err != nil {
			t.Fatal(err)
		}
		if baby.ID == bea.ID {
			keep = sess
		}
	}
	n, err := s.RemoveBaby(ada.ID)
	if err != nil || n != 3 {
		t.Fatalf("RemoveBaby = %d, %v; want 3", n, err)
	}
	babies, _ := s.Babies()
	if len(babies) != 1 || babies[0].ID != bea.ID {
		t.Errorf("babies left: %+v", babies)
	}
	if last, _ := s.LastBaby(); last != 0 {
		t.Errorf("the last baby is still the removed one: %d", last)
	}
	all, _ := s.Sessions("", 100)
	if len(all) != 3 {
		t.Errorf("%d sessions left, want Bea's 3", len(all))
	}
	for _, sess := range all {
		if sess.BabyID != bea.ID {
			t.Errorf("Ada's session %s is still there", sess.ID)
		}
	}
	if un, _ := s.Unfinished(); len(un) != 1 || un[0].BabyID != bea.ID {
		t.Errorf("unfinished: %+v", un)
	}
	if evs, _ := s.Events(keep.ID); len(evs) != 2 {
		t.Errorf("Bea's events: %d", len(evs))
	}
	// No event of Ada's is left in the file.
	s.view(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketEvents).ForEach(func(k, _ []byte) error {
			for _, sess := range all {
				if sessionKey2(sess.ID) == string(k[:16]) {
					return nil
				}
			}
			t.Errorf("event %x of a removed session is left", k)
			return nil
		})
	})
	if _, err := s.RemoveBaby(ada.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing twice: %v", err)
	}
	// Bea stays the last baby when someone else is removed.
	if err := s.SetLastBaby(bea.ID); err != nil {
		t.Fatal(err)
	}
	cy, _ := s.SaveBaby(Baby{Name: "Cy"})
	if _, err := s.RemoveBaby(cy.ID); err != nil {
		t.Fatal(err)
	}
	if last, _ := s.LastBaby(); last != bea.ID {
		t.Errorf("last baby %d, want Bea", last)
	}
}

func sessionKey2(id string) string {
	k, _ := sessionKey(id)
	return string(k)
}
