//go:build linux

package server

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"charm.land/wish/v2/testsession"

	"github.com/cradle-coach/cradle/class"
	"github.com/cradle-coach/cradle/routines"
)

// The load benchmark: a class of 50 families, each an x/crypto/ssh client
// with a terminal of its own (80×24, read by a terminal emulator), in a
// second process so that the host's figures are the host's alone.
//
//	go test ./class/server -run XXX -bench Class50 -benchtime 1x
//
// It reports, on this machine:
//   - late-p50-ms, late-p99-ms: how late a family's screen shows a step
//     change after the host's session made it (goal: p99 at most 100 ms);
//   - cpu-s/family/min: the host's CPU for each family, each minute a
//     stroke counts down, over the host's own with no family in the same
//     sitting (goal: at most 0.15 s);
//   - MiB/family: the host's memory (RSS) for each family (goal: at most
//     3 MiB);
//   - host-alone-cpu-s/min: that baseline.

const (
	loadFamilies = 50
	loadSteps    = 10              // steps whose change is timed
	loadStep     = 3 * time.Second // each
	loadWindow   = 30 * time.Second
)

// loadRoutine: a step to wait in while the families join, the timed
// steps, and a long stroke to measure the CPU of a countdown by.
func loadRoutine() *routines.Routine {
	steps := []routines.Step{{ID: "warm", Name: "Warming up", Kind: routines.StepResting, Duration: 10 * time.Minute}}
	for i := 1; i <= loadSteps; i++ {
		steps = append(steps, routines.Step{ID: fmt.Sprintf("s%d", i), Name: fmt.Sprintf("Step %02d", i), Kind: routines.StepStroke, Duration: loadStep})
	}
	steps = append(steps, routines.Step{ID: "long", Name: "Long stroke", Kind: routines.StepStroke, Reps: 10, Each: 9 * time.Second})
	return &routines.Routine{ID: "load", Title: "Load", NoOpening: true, Regions: []routines.Region{{ID: "legs", Name: "Legs", Steps: steps}}}
}

func BenchmarkClass50(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("reads /proc")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // as cradle runs (main.go)
	for range b.N {
		loadRun(b)
	}
}

func loadRun(b *testing.B) {
	hub := class.New(class.Config{Routine: loadRoutine(), Code: code, MaxFamilies: loadFamilies})
	key, err := HostKey(filepath.Join(b.TempDir(), "key"))
	if err != nil {
		b.Fatal(err)
	}
	srv, err := New(Config{Hub: hub, Limiter: class.NewLimiter(routines.WallClock{}), HostKey: key, Addr: "127.0.0.1:0"})
	if err != nil {
		b.Fatal(err)
	}
	addr := testsession.Listen(b, srv)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go hub.Run(ctx)
	hub.Begin()

	// The host alone, counting the warm-up down.
	rss0 := settledRSS()
	alone := cpuOver(loadWindow / 2)

	// The families join, in a process of their own.
	child := exec.Command(os.Args[0], "-test.run=^TestLoadFamilies$", "-test.v")
	child.Env = append(os.Environ(), "CLASS_LOAD_ADDR="+addr, "CLASS_LOAD_N="+strconv.Itoa(loadFamilies))
	child.Stderr = os.Stderr
	out, err := child.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	in, err := child.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := child.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { in.Close(); _ = child.Wait() }()
	lines := bufio.NewScanner(out)
	seen := map[string][]int64{} // a step's title: when each family first saw it
	var seenMu sync.Mutex
	joined := make(chan struct{})
	go func() {
		for lines.Scan() {
			f := strings.Fields(lines.Text())
			switch {
			case len(f) == 1 && f[0] == "joined":
				close(joined)
			case len(f) == 4 && f[0] == "seen":
				ns, _ := strconv.ParseInt(f[3], 10, 64)
				seenMu.Lock()
				seen[strings.ReplaceAll(f[2], "_", " ")] = append(seen[strings.ReplaceAll(f[2], "_", " ")], ns)
				seenMu.Unlock()
			}
		}
	}()
	select {
	case <-joined:
	case <-time.After(5 * time.Minute):
		b.Fatal("the families did not join in 5 minutes")
	}
	if s := hub.Snapshot(); s.Here != loadFamilies {
		b.Fatalf("%d families here, want %d", s.Here, loadFamilies)
	}
	rss1 := settledRSS()

	// The timed steps: the instructor goes on from the warm-up; each step
	// changes at its start, Start of the snapshot that shows it.
	hub.Next()
	first := hub.Snapshot().Start
	for hub.Snapshot().State.Step.ID != "long" { // the class runs in real time
		time.Sleep(50 * time.Millisecond)
	}
	// The long stroke: the families' screens count down. (A CPU figure is
	// CPU over a stretch of real time: the window is waited out.)
	time.Sleep(3 * time.Second)
	with := cpuOver(loadWindow)

	seenMu.Lock()
	var late []float64
	missed := 0
	for i := 1; i <= loadSteps+1; i++ {
		title := fmt.Sprintf("Step %02d", i)
		if i > loadSteps {
			title = "Long stroke"
		}
		at := first.Add(time.Duration(i-1) * loadStep).UnixNano()
		times := seen[title]
		missed += loadFamilies - len(times)
		for _, ns := range times {
			late = append(late, float64(ns-at)/1e6)
		}
	}
	seenMu.Unlock()
	if missed > 0 {
		b.Errorf("%d step changes were never seen", missed)
	}
	slices.Sort(late)
	pct := func(p float64) float64 { return late[min(int(p*float64(len(late))), len(late)-1)] }
	perFamily := (with - alone) / loadFamilies
	b.ReportMetric(pct(0.50), "late-p50-ms")
	b.ReportMetric(pct(0.99), "late-p99-ms")
	b.ReportMetric(perFamily, "cpu-s/family/min")
	b.ReportMetric(alone, "host-alone-cpu-s/min")
	b.ReportMetric(float64(rss1-rss0)/loadFamilies/(1<<20), "MiB/family")
	b.Logf("load: %d changes seen, late p50 %.1f ms, p99 %.1f ms, max %.1f ms; CPU %.3f s/min alone, %.3f with %d families: %.4f s per family per minute; RSS %.1f → %.1f MiB",
		len(late), pct(0.5), pct(0.99), late[len(late)-1], alone, with, loadFamilies, perFamily, float64(rss0)/(1<<20), float64(rss1)/(1<<20))
}

// cpuOver is this process's CPU (user and system) over d, per minute.
func cpuOver(d time.Duration) float64 {
	before := cpuNow()
	time.Sleep(d) // the figure is CPU over a stretch of real time
	return (cpuNow() - before).Seconds() / d.Minutes()
}

func cpuNow() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// settledRSS is this process's resident memory after a collection.
func settledRSS() int64 {
	runtime.GC()
	runtime.GC()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// TestLoadFamilies is the benchmark's families, in their own process: it
// runs only when the benchmark starts it. Each joins, then says when its
// screen first shows each step.
func TestLoadFamilies(t *testing.T) {
	addr := os.Getenv("CLASS_LOAD_ADDR")
	if addr == "" {
		t.Skip("the families of BenchmarkClass50; it starts this")
	}
	n, _ := strconv.Atoi(os.Getenv("CLASS_LOAD_N"))
	var mu sync.Mutex
	say := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Printf(format+"\n", args...)
	}
	titles := []string{"Long stroke"}
	for i := 1; i <= loadSteps; i++ {
		titles = append(titles, fmt.Sprintf("Step %02d", i))
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tm := openTerm(t, addr, 80, 24)
			tm.join(code, fmt.Sprintf("Baby %02d", i), false)
			tm.waitFor("Warming up")
			shown := map[string]bool{}
			tm.mu.Lock()
			tm.seen = func(screen string, at time.Time) {
				now := at.UnixNano() // as a terminal shows it: when it arrives
				for _, l := range strings.Split(screen, "\n") {
					l = strings.TrimSpace(l)
					if !shown[l] && slices.Contains(titles, l) {
						shown[l] = true
						say("seen %d %s %d", i, strings.ReplaceAll(l, " ", "_"), now)
					}
				}
			}
			tm.mu.Unlock()
		}()
	}
	wg.Wait()
	say("joined")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n') // until the benchmark is done
}
