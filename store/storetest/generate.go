// Package storetest fills a cradle database with made-up but realistic
// history, for golden views, benchmarks and trying cradle out. It drives
// the real session engine with a fake clock and saves each engine call's
// events in one commit, as the app does. The same seed gives the same
// database.
package storetest

import (
	"fmt"
	"math/rand"
	"time"

	"github.com/cradle-coach/cradle/internal/testclock"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// Profile is a made-up baby and how it tends to answer.
type Profile struct {
	Name       string
	Birth, Due time.Time
	// Regions gives, per region id, relative weights of the answers
	// relaxed, content, subtle, fussing, crying, asleep (routines.Cues
	// order). Regions not listed answer mostly relaxed or content.
	Regions map[string][6]int
	// Strokes gives the same per stroke name (without its side), for the
	// check-ins a parent asks during a stroke.
	Strokes map[string][6]int
}

// Config says what to generate.
type Config struct {
	Seed   int64
	Start  time.Time // the first day (its date; sessions are in the evening, local time)
	Days   int
	Babies []Profile
	// PerDay is the chance of a session on a day, per baby (1: daily).
	PerDay float64
	// Routines are chosen from, with these weights by id; unknown ids
	// and zero weights are never chosen.
	Weights map[string]int
	// LeaveUnfinished cuts the very last session off midway, as a closed
	// terminal would.
	LeaveUnfinished bool
	// OneCommit saves each session's events in one commit instead of one
	// per engine call: much faster for a big database. The app commits
	// per call; docs/PERFORMANCE.md states the file size both ways.
	OneCommit bool
}

// Twins is two babies born early with clear likes and dislikes, so the
// insights have something to say.
func Twins(start time.Time) []Profile {
	birth := start.AddDate(0, -2, -10)
	return []Profile{
		{Name: "Ada", Birth: birth, Due: birth.AddDate(0, 0, 24),
			Regions: map[string][6]int{
				"back": {14, 4, 1, 0, 0, 1}, "face": {2, 2, 3, 6, 1, 0}, "legs": {6, 6, 2, 1, 0, 0},
				"tummy": {5, 5, 3, 1, 0, 0}, "chest": {5, 6, 2, 1, 0, 0}, "arms": {4, 6, 3, 1, 0, 0},
			},
			Strokes: map[string][6]int{"Toe roll": {1, 1, 2, 6, 1, 0}, "Back and forth": {9, 2, 0, 0, 0, 0}},
		},
		{Name: "Bea", Birth: birth, Due: birth.AddDate(0, 0, 24),
			Regions: map[string][6]int{
				"tummy": {12, 5, 1, 0, 0, 0}, "arms": {2, 2, 4, 5, 1, 0}, "back": {6, 5, 1, 1, 0, 3},
				"legs": {7, 5, 2, 0, 0, 0}, "face": {4, 5, 3, 2, 0, 0}, "chest": {6, 5, 2, 0, 0, 0},
			},
			Strokes: map[string][6]int{"Sun and moon": {10, 3, 0, 0, 0, 0}},
		},
	}
}

// TenYears is the benchmarks' database: ten years of daily full-body
// sessions for twins, from start, one commit per session.
func TenYears(start time.Time) Config {
	return Config{Seed: 1, Start: start, Days: 3650, Babies: Twins(start), PerDay: 1,
		Weights: map[string]int{"full-body": 1}, OneCommit: true}
}

// DefaultWeights choose mostly the full-body routine.
var DefaultWeights = map[string]int{"full-body": 14, "bedtime": 3, "colic": 2, "newborn": 1}

// Generate adds the babies of cfg and their sessions to st, and returns
// the babies as saved.
func Generate(st *store.Store, lib []*routines.Routine, cfg Config) ([]store.Baby, error) {
	rng := rand.New(rand.NewSource(cfg.Seed))
	byID := map[string]*routines.Routine{}
	var ids []string
	total := 0
	for _, r := range lib {
		if w := cfg.Weights[r.ID]; w > 0 {
			byID[r.ID] = r
			ids = append(ids, r.ID)
			total += w
		}
	}
	if total == 0 {
		return nil, fmt.Errorf("no routine to choose from")
	}
	pick := func() *routines.Routine {
		n := rng.Intn(total)
		for _, id := range ids {
			if n -= cfg.Weights[id]; n < 0 {
				return byID[id]
			}
		}
		return byID[ids[0]]
	}
	var babies []store.Baby
	for _, p := range cfg.Babies {
		b, err := st.SaveBaby(store.Baby{Name: p.Name, Birth: p.Birth, Due: p.Due, Added: cfg.Start.Add(-time.Hour)})
		if err != nil {
			return nil, err
		}
		babies = append(babies, b)
	}
	if len(babies) > 0 {
		if err := st.SetLastBaby(babies[0].ID); err != nil {
			return nil, err
		}
	}
	day0 := time.Date(cfg.Start.Year(), cfg.Start.Month(), cfg.Start.Day(), 0, 0, 0, 0, time.Local)
	for d := range cfg.Days {
		evening := day0.AddDate(0, 0, d).Add(18 * time.Hour)
		for i, p := range cfg.Babies {
			last := d == cfg.Days-1 && i == len(cfg.Babies)-1
			if rng.Float64() >= cfg.PerDay && !(last && cfg.LeaveUnfinished) {
				continue
			}
			started := evening.Add(time.Duration(i*50+rng.Intn(40)) * time.Minute).Add(time.Duration(rng.Intn(60)) * time.Second)
			g := &gen{rng: rng, st: st, p: p, clk: testclock.New(started), cut: last && cfg.LeaveUnfinished, batch: cfg.OneCommit}
			if err := g.session(babies[i], pick()); err != nil {
				return nil, err
			}
		}
	}
	return babies, nil
}

// gen walks one session.
type gen struct {
	rng  *rand.Rand
	st   *store.Store
	p    Profile
	clk  *testclock.Clock
	cut  bool
	rec  store.Session
	sess *routines.Session

	batch   bool
	pending []routines.Event
}

func (g *gen) save(evs []routines.Event) error {
	if g.batch {
		g.pending = append(g.pending, evs...)
		return nil
	}
	if len(evs) == 0 {
		return nil
	}
	return g.st.Append(g.rec.ID, evs...)
}

func (g *gen) flush() error {
	evs := g.pending
	g.pending = nil
	if len(evs) == 0 {
		return nil
	}
	return g.st.Append(g.rec.ID, evs...)
}

func (g *gen) wait(d time.Duration) { g.clk.Add(d) }

// answer draws a cue from weights (relaxed ... asleep).
func (g *gen) answer(w [6]int, ok bool) routines.Cue {
	if !ok {
		w = [6]int{6, 6, 2, 1, 0, 0}
	}
	sum := 0
	for _, x := range w {
		sum += x
	}
	n := g.rng.Intn(sum)
	for i, x := range w {
		if n -= x; n < 0 {
			return routines.Cues[i]
		}
	}
	return routines.CueRelaxed
}

func (g *gen) session(baby store.Baby, r *routines.Routine) error {
	var err error
	g.rec, err = g.st.StartSession(store.Session{BabyID: baby.ID, BabyName: baby.Name, RoutineID: r.ID,
		RoutineTitle: r.Title, RoutineFile: r.File, Started: g.clk.Now()})
	if err != nil {
		return err
	}
	var opts routines.SessionOptions
	if g.rng.Intn(20) == 0 {
		if rg := r.Regions[g.rng.Intn(len(r.Regions))]; len(r.Regions) > 1 {
			opts.LeftOut = []string{rg.ID}
		}
	}
	g.sess = routines.NewSession(r, g.clk, opts)
	if err := g.save(g.sess.Start()); err != nil {
		return err
	}
	for calls := 0; g.sess.State().Phase != routines.PhaseEnded; calls++ {
		if g.cut && calls > g.sess.Len()/2 { // midway, whatever the routine's length
			break
		}
		if err := g.save(g.step()); err != nil {
			return err
		}
	}
	return g.flush()
}

// step makes one move a parent would make, and returns its events.
func (g *gen) step() []routines.Event {
	s, rng := g.sess, g.rng
	st := s.State()
	switch st.Phase {
	case routines.PhaseWaiting:
		g.wait(time.Duration(3+rng.Intn(10)) * time.Second)
		if rng.Intn(25) == 0 {
			return s.End("") // not now
		}
		return s.Next()
	case routines.PhaseCheckIn:
		if rng.Intn(10) == 0 {
			g.wait(st.Remaining)
			return s.Tick() // hands busy: unanswered
		}
		g.wait(time.Duration(2+rng.Intn(6)) * time.Second)
		w, ok := g.p.Regions[st.CheckInRegion.ID]
		if st.Manual {
			if sw, sok := g.p.Strokes[routines.StepName(st.Step.Title())]; sok {
				w, ok = sw, true
			}
		}
		return s.Answer(g.answer(w, ok))
	case routines.PhaseOffering:
		g.wait(time.Duration(2+rng.Intn(5)) * time.Second)
		switch rng.Intn(5) {
		case 0:
			return s.End("")
		case 1:
			return s.SkipRegion()
		}
		return s.Next()
	case routines.PhaseHolding:
		g.wait(st.Remaining)
		return s.Tick()
	}
	// A step counts down.
	_, stroke := g.p.Strokes[routines.StepName(st.Step.Title())]
	switch n := rng.Intn(100); {
	case st.RegionNum > 0 && (n < 3 || stroke && n < 30):
		g.wait(st.Remaining / 2)
		return s.AskNow()
	case n < 5:
		g.wait(st.Remaining / 3)
		evs := s.Pause()
		g.wait(time.Duration(20+rng.Intn(120)) * time.Second)
		return append(evs, s.Resume()...)
	case n < 8:
		g.wait(st.Remaining / 2)
		return s.Next()
	case n < 9 && st.RegionNum > 0 && rng.Intn(2) == 0:
		g.wait(st.Remaining / 2)
		return s.SkipRegion()
	case n < 10 && st.RegionNum > 0 && rng.Intn(3) == 0:
		g.wait(st.Remaining / 2)
		return s.End("")
	}
	g.wait(st.Remaining)
	return s.Tick()
}
