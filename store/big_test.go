package store_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/insights"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/store/storetest"
)

// The big database of the benchmarks: ten years of daily full-body
// sessions for two babies (about 7,300 sessions, some 58 events each),
// plus a third baby with three sessions ten years ago, whose history
// page is the worst case for a store without a per-baby index. It is made
// once per run, in a temporary folder removed at the end.
var big struct {
	once    sync.Once
	dir     string
	path    string
	babies  []store.Baby
	now     time.Time
	err     error
	seconds float64
}

// bigStart is the first day of the big database; bigDays later is "now".
var bigStart = time.Date(2016, 11, 28, 0, 0, 0, 0, time.UTC)

const bigDays = 3650

func bigDB(b *testing.B) (string, []store.Baby, time.Time) {
	b.Helper()
	big.once.Do(func() {
		begin := time.Now()
		big.dir, big.err = os.MkdirTemp("", "cradle-bench-")
		if big.err != nil {
			return
		}
		big.path = filepath.Join(big.dir, "cradle.db")
		st, err := store.Open(big.path, store.Options{NoSync: true})
		if err != nil {
			big.err = err
			return
		}
		defer st.Close()
		lib, err := routines.Builtin()
		if err != nil {
			big.err = err
			return
		}
		cy, err := storetest.Generate(st, lib, storetest.Config{Seed: 7, Start: bigStart, Days: 3,
			Babies: []storetest.Profile{{Name: "Cy"}}, PerDay: 1, Weights: map[string]int{"newborn": 1}, OneCommit: true})
		if err != nil {
			big.err = err
			return
		}
		twins, err := storetest.Generate(st, lib, storetest.TenYears(bigStart))
		if err != nil {
			big.err = err
			return
		}
		big.babies = append(twins, cy...)
		big.now = bigStart.AddDate(0, 0, bigDays)
		big.seconds = time.Since(begin).Seconds()
	})
	if big.err != nil {
		b.Fatal(big.err)
	}
	return big.path, big.babies, big.now
}

func TestMain(m *testing.M) {
	code := m.Run()
	if big.dir != "" {
		os.RemoveAll(big.dir)
	}
	os.Exit(code)
}

func openBig(b *testing.B) (*store.Store, []store.Baby, time.Time) {
	b.Helper()
	path, babies, now := bigDB(b)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st, babies, now
}

// BenchmarkBigDatabase reports the size of the big database.
func BenchmarkBigDatabase(b *testing.B) {
	st, _, _ := openBig(b)
	all, err := st.Sessions("", 1<<20)
	if err != nil {
		b.Fatal(err)
	}
	events := 0
	for _, s := range all {
		events += s.Events
	}
	used, _ := st.Size()
	info, _ := os.Stat(st.Path())
	for b.Loop() {
	}
	b.ReportMetric(float64(len(all)), "sessions")
	b.ReportMetric(float64(events)/float64(len(all)), "events/session")
	b.ReportMetric(float64(used)/float64(len(all)), "used-bytes/session")
	b.ReportMetric(float64(info.Size())/float64(len(all)), "file-bytes/session")
	b.ReportMetric(big.seconds, "s-to-generate")
}

// BenchmarkHistoryFirstPage is opening the history screen: the newest
// page of one baby's sessions.
func BenchmarkHistoryFirstPage(b *testing.B) {
	st, babies, _ := openBig(b)
	for _, baby := range babies {
		b.Run(baby.Name, func(b *testing.B) {
			for b.Loop() {
				page, err := st.BabySessions(baby.ID, "", 50)
				if err != nil || len(page) == 0 {
					b.Fatal(len(page), err)
				}
			}
		})
	}
}

// BenchmarkHistoryWithoutIndex is the same page found the schema-1 way:
// every session newest first, keeping the baby's. It is what the by_baby
// index saves.
func BenchmarkHistoryWithoutIndex(b *testing.B) {
	st, babies, _ := openBig(b)
	for _, baby := range babies {
		b.Run(baby.Name, func(b *testing.B) {
			for b.Loop() {
				var page []store.Session
				before := ""
				for len(page) < 50 {
					all, err := st.Sessions(before, 200)
					if err != nil {
						b.Fatal(err)
					}
					if len(all) == 0 {
						break
					}
					for _, s := range all {
						if s.BabyID == baby.ID && len(page) < 50 {
							page = append(page, s)
						}
					}
					before = all[len(all)-1].ID
				}
				if len(page) == 0 {
					b.Fatal("empty page")
				}
			}
		})
	}
}

// BenchmarkOpenSession is opening one session's timeline: its record and
// its events.
func BenchmarkOpenSession(b *testing.B) {
	st, babies, _ := openBig(b)
	page, err := st.BabySessions(babies[0].ID, "", 2000)
	if err != nil {
		b.Fatal(err)
	}
	id := page[len(page)-1].ID
	for b.Loop() {
		if _, err := st.Session(id); err != nil {
			b.Fatal(err)
		}
		evs, err := st.Events(id)
		if err != nil || len(evs) == 0 {
			b.Fatal(len(evs), err)
		}
	}
}

// BenchmarkInsightsQuery reads what the insights count: one baby's
// sessions of the last 26 weeks, with their kept numbers.
func BenchmarkInsightsQuery(b *testing.B) {
	st, babies, now := openBig(b)
	for b.Loop() {
		ss, err := st.SessionsSince(babies[0].ID, now.AddDate(0, 0, -26*7))
		if err != nil || len(ss) < 150 {
			b.Fatal(len(ss), err)
		}
	}
}

// BenchmarkInsightsFromEvents is the same without the kept numbers: every
// event of those sessions. It is what Stats saves.
func BenchmarkInsightsFromEvents(b *testing.B) {
	st, babies, now := openBig(b)
	for b.Loop() {
		ss, err := st.SessionsSince(babies[0].ID, now.AddDate(0, 0, -26*7))
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, s := range ss {
			evs, err := st.Events(s.ID)
			if err != nil {
				b.Fatal(err)
			}
			n += len(routines.Summarize(nil, evs).Regions)
		}
		if n == 0 {
			b.Fatal(fmt.Sprint(n))
		}
	}
}

// BenchmarkFileSizeAppCommits is the file size per session when every
// engine call is its own commit, as in the app: one year of two babies.
func BenchmarkFileSizeAppCommits(b *testing.B) {
	lib, err := routines.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(filepath.Join(b.TempDir(), "cradle.db"), store.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := storetest.Generate(st, lib, storetest.Config{Seed: 1, Start: bigStart, Days: 365,
		Babies: storetest.Twins(bigStart), PerDay: 1, Weights: map[string]int{"full-body": 1}}); err != nil {
		b.Fatal(err)
	}
	all, _ := st.Sessions("", 1<<20)
	used, _ := st.Size()
	for b.Loop() {
	}
	b.ReportMetric(float64(used)/float64(len(all)), "used-bytes/session")
}

// BenchmarkInsights is computing the insights screen: 26 weeks of one
// baby's sessions read, counted, the readings and a proposed routine.
func BenchmarkInsights(b *testing.B) {
	st, babies, now := openBig(b)
	lib, err := routines.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ss, err := st.SessionsSince(babies[0].ID, insights.Since(now, 26))
		if err != nil {
			b.Fatal(err)
		}
		rep := insights.Build(babies[0], ss, now, 26, lib)
		if len(rep.Readings()) == 0 || len(rep.Regions) == 0 {
			b.Fatal("no insights")
		}
		insights.Personalize(lib[0], rep)
	}
}

var (
	genDB   = flag.String("gen-db", "", "write a generated database to this file (with -run GenerateFile)")
	genDays = flag.Int("gen-days", bigDays, "days of history for -gen-db")
)

// TestGenerateFile writes the benchmarks' kind of database to a file, to
// try cradle on years of history or to time its start:
//
//	go test ./store -run GenerateFile -gen-db /some/where/cradle.db [-gen-days 3650]
func TestGenerateFile(t *testing.T) {
	if *genDB == "" {
		t.Skip("writes a generated database; give -gen-db FILE")
	}
	st, err := store.Open(*genDB, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().AddDate(0, 0, -*genDays)
	if _, err := storetest.Generate(st, lib, storetest.Config{Seed: 1, Start: start, Days: *genDays,
		Babies: storetest.Twins(start), PerDay: 1, Weights: storetest.DefaultWeights, OneCommit: true}); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkStartup is what cradle does with its database before the first
// frame and just after: open it (inspecting it read-only first), and read
// the babies, the last baby and the unfinished sessions. History is not
// read at start, so ten years of it should cost next to nothing.
func BenchmarkStartup(b *testing.B) {
	bigPath, _, _ := bigDB(b)
	empty := filepath.Join(b.TempDir(), "empty.db")
	if st, err := store.Open(empty, store.Options{}); err != nil {
		b.Fatal(err)
	} else {
		st.Close()
	}
	for _, c := range []struct{ name, path string }{{"empty", empty}, {"ten-years", bigPath}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				st, err := store.Open(c.path, store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := st.Babies(); err != nil {
					b.Fatal(err)
				}
				if _, err := st.LastBaby(); err != nil {
					b.Fatal(err)
				}
				if _, err := st.Unfinished(); err != nil {
					b.Fatal(err)
				}
				st.Close()
			}
		})
	}
}
