//go:build unix

package e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/store/storetest"
)

// weeks is a database of a few weeks of twins' sessions, closed.
func weeks(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "cradle.db")
	st, err := store.Open(db, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	begin := time.Now().AddDate(0, 0, -60)
	if _, err := storetest.Generate(st, lib, storetest.Config{Seed: 11, Start: begin, Days: 50, Babies: storetest.Twins(begin),
		PerDay: 1, Weights: storetest.DefaultWeights, OneCommit: true}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return db
}

// While cradle runs on a database, neither export nor backup writes over
// it, by its name or through a link, --force or not; cradle saves on, and
// the file it leaves is whole.
func TestNothingWritesOverTheRunningDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cradle.db")
	a := start(t, db, 80, 24)
	startNewborn(a)
	nameBaby(a, "Mia")
	answerReadiness(a)
	passOpening(a)
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(db)
	for _, args := range [][]string{
		{"export", "--format", "csv", "--out", db},
		{"export", "--format", "json", "--out", link},
		{"backup", "--force", db},
		{"backup", "--force", link},
		{"backup", "--force", "--db", link, db},
	} {
		out, errOut, code := runCmd(t, db, args...)
		if code != 1 || !strings.Contains(errOut, "is the database being read") || !strings.Contains(errOut, "Choose another file") {
			t.Errorf("cradle %v: code %d\n%s%s", args, code, out, errOut)
		}
	}
	if after, err := os.Stat(db); err != nil || !os.SameFile(before, after) {
		t.Fatal("the database was replaced")
	}
	// Saving goes on into the same file.
	a.press("n")
	a.waitForLine(firstSteps[1])
	waitForSaved(t, a, db, "the step skipped after the refusals", func(st *store.Store) bool {
		un, _ := st.Unfinished()
		if len(un) != 1 {
			return false
		}
		evs, _ := st.Events(un[0].ID)
		return len(evs) > 0 && evs[len(evs)-1].Kind == routines.EvStepSkipped
	})
	a.press("\x03")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	if err := store.Check(db); err != nil {
		t.Fatal(err)
	}
	leftovers(t)
}

// A running cradle that stops sending part way (here a stand-in holding
// the database and its socket): ctrl+c, SIGTERM or a closed terminal
// stops export and backup, and nothing is left beside the file named, in
// the temporary folder, or in place of the file that was there.
func TestStoppedBySignalLeavesNothing(t *testing.T) {
	db := weeks(t)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	t.Setenv("XDG_RUNTIME_DIR", shared(t).runtime) // where the child looks
	sock, err := store.SocketPath(db)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	sent := make(chan struct{}, 1)
	go func() { // answers with the first part of a long copy, then nothing
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				bufio.NewReader(conn).ReadString('\n')
				fmt.Fprintf(conn, "ok %d\n", 10<<20)
				conn.Write(bytes.Repeat([]byte("x"), 64<<10))
				sent <- struct{}{}
				io.Copy(io.Discard, conn) // until the client is gone
			}()
		}
	}()
	dir := t.TempDir()
	old := filepath.Join(dir, "kept.json")
	if err := os.WriteFile(old, []byte("the file that was there"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sig    syscall.Signal
		code   int
		args   []string
		beside bool // a file is being written beside the name
		say    string
	}{
		{syscall.SIGINT, 130, []string{"export", "--out", filepath.Join(dir, "new.csv")}, true, "interrupted (ctrl+c). Nothing was exported."},
		{syscall.SIGTERM, 143, []string{"export", "--force", "--out", old}, true, "asked to stop (SIGTERM). Nothing was exported."},
		{syscall.SIGHUP, 129, []string{"export", "--format", "json"}, false, "its terminal closed (SIGHUP). Nothing was exported."},
		{syscall.SIGTERM, 143, []string{"backup", "--force", old}, true, "asked to stop (SIGTERM). No backup was written, and " + old + " is as it was."},
	} {
		cmd := exec.Command(binary(t), c.args...)
		cmd.Env = appEnv(t, db)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		select {
		case <-sent:
		case <-time.After(waitTimeout):
			cmd.Process.Kill()
			t.Fatalf("cradle %v never asked", c.args)
		}
		// The copy is under way: a file beside the name (for --out), or
		// the private one.
		waitUntil(t, "the copy to be under way", func() bool {
			entries, _ := os.ReadDir(dir)
			return !c.beside || len(entries) > 1
		})
		if err := cmd.Process.Signal(c.sig); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != c.code || !strings.Contains(errOut.String(), c.say) {
			t.Errorf("cradle %v, %v: exit %d (%v), stderr %q; want %d and %q", c.args, c.sig, code, err, errOut.String(), c.code, c.say)
		}
		if out.Len() != 0 {
			t.Errorf("cradle %v wrote %d bytes to standard output", c.args, out.Len())
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 || entries[0].Name() != "kept.json" {
			t.Errorf("after %v: %v in the folder", c.sig, entries)
		}
		if data, _ := os.ReadFile(old); string(data) != "the file that was there" {
			t.Errorf("the file that was there now holds %q", data)
		}
		leftoversIn(t, shared(t).tmp) // the runtime folder holds the stand-in's socket
	}
}

// export | head: the reader goes away after a few lines; cradle stops
// quietly, as shell tools do, and leaves nothing in the temporary folder.
func TestExportIntoHead(t *testing.T) {
	db := weeks(t)
	cmd := exec.Command(binary(t), "export", "--format", "csv")
	cmd.Env = appEnv(t, db)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = w, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	head := make([]byte, 200)
	if _, err := io.ReadFull(r, head); err != nil {
		t.Fatal(err)
	}
	r.Close() // as head does once it has its lines
	err = cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 141 || errOut.Len() != 0 || !bytes.HasPrefix(head, []byte("session_id,")) {
		t.Errorf("exit %d (%v), stderr %q, first bytes %q", code, err, errOut.String(), head)
	}
	leftovers(t)
}

// waitUntil polls ok until it holds, or fails the test.
func waitUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(waitTimeout)
	for !ok() {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("waited %v for %s", waitTimeout, what)
		}
	}
}

// crashRoutine is a routine of 180 one-second steps, without the ritual
// or check-ins: a session that saves an event every second and never ends
// during the test.
func crashRoutine(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("id: crash-steps\ntitle: Crash steps\npurpose: One-second steps.\nopening: false\nregions:\n")
	for r := range 3 {
		fmt.Fprintf(&b, "  - id: r%d\n    name: Region %d\n    checkin: false\n    steps:\n", r, r)
		for i := range 60 {
			fmt.Fprintf(&b, "      - {name: Step %03d, duration: 1s, do: Stroke.}\n", r*60+i+1)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "crash-steps.yaml"), []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

var stepLine = regexp.MustCompile(`(?m)^\s*Step (\d{3})\s*$`)

// shownStep is the step on screen (the title line, not "Next"), or 0.
func shownStep(screen string) int {
	m := stepLine.FindStringSubmatch(screen)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// Thirty times, cradle is killed (SIGKILL: a crash, a closed laptop) at a
// random moment of a session, while steps run out, are skipped, paused
// and gone back to. After each kill bbolt's consistency check passes,
// nothing shown before the kill is missing (the session goes on at the
// step on screen when it was killed, or the one after, and a pause on
// screen was saved), and the next start offers to pick the session up.
func TestKilledThirtyTimes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cradle.db")
	routinesDir := crashRoutine(t)
	seed := time.Now().UnixNano()
	rnd := rand.New(rand.NewSource(seed))
	t.Logf("seed %d", seed)

	a := start(t, db, 100, 30, "--routines", routinesDir, "run", "crash-steps")
	firstBaby(a)
	for range 12 { // the readiness check: nothing in the way, a warm room, no oil
		a.waitUntil("a readiness question or the first step", func(s string) bool {
			return strings.Contains(s, "y or n") || strings.Contains(s, "enter begin") || shownStep(s) > 0
		})
		s := a.screen()
		question := regexp.MustCompile(`┃ (.*\?)`).FindStringSubmatch(s)
		switch {
		case shownStep(s) > 0:
		case question == nil:
			a.press(enter)
		case strings.Contains(question[1], "warm"):
			a.press("y")
		default:
			a.press("n")
		}
		if shownStep(s) > 0 {
			break
		}
		a.waitUntil("the next screen", func(next string) bool { return next != s })
	}
	for kill := 1; kill <= 30; kill++ {
		a.waitUntil("a step on screen", func(s string) bool { return shownStep(s) > 0 })
		// Steps run out, and now and then the keys come: skip, pause and
		// go on, go back. Then, at a random moment, the kill.
		until := time.Now().Add(time.Duration(50+rnd.Intn(850)) * time.Millisecond)
		var lastKey time.Time
		for time.Now().Before(until) {
			switch r := rnd.Intn(100); {
			case r < 4:
				a.press("n")
			case r < 6:
				a.press(space)
			case r < 8:
				a.press("b")
			default:
				time.Sleep(20 * time.Millisecond) // the pace of the keys, not a wait for the app
				continue
			}
			lastKey = time.Now()
		}
		// What the screen shows of the keys is a frame (200 ms) behind
		// them, more on a busy machine: the keys rest a while before the
		// kill, and the steps go on running out meanwhile.
		if wait := time.Until(lastKey.Add(time.Duration(500+rnd.Intn(500)) * time.Millisecond)); wait > 0 {
			time.Sleep(wait)
		}
		screen := a.screen()
		shown, paused := shownStep(screen), strings.Contains(screen, "Paused")
		a.kill()

		if err := store.Check(db); err != nil {
			t.Fatalf("kill %d: %v", kill, err)
		}
		if paused {
			readDB(t, db, func(st *store.Store) {
				un := mustUnfinished(t, st)
				evs := mustEvents(t, st, un[0].ID)
				last := routines.EventKind("none")
				for _, ev := range evs {
					if ev.Kind == routines.EvPause || ev.Kind == routines.EvResume || ev.Kind == routines.EvReopen {
						last = ev.Kind
					}
				}
				if last != routines.EvPause {
					t.Fatalf("kill %d: paused on screen, but the last pause, resume or reopen saved is %s", kill, last)
				}
			})
		}
		a = start(t, db, 100, 30, "--routines", routinesDir)
		a.waitFor("Pick up where you stopped?")
		a.waitUntil("where it goes on", func(s string) bool { return regexp.MustCompile(`at Step \d{3}`).MatchString(s) })
		at, _ := strconv.Atoi(regexp.MustCompile(`at Step (\d{3})`).FindStringSubmatch(a.screen())[1])
		if at != shown && at != shown+1 {
			t.Fatalf("kill %d: Step %03d was on screen, and the session goes on at Step %03d\n%s", kill, shown, at, a.screen())
		}
		a.press("r")
	}
	a.press("\x03")
	a.waitExit()
}

// import - stopped by a signal while it still reads standard input says
// that nothing was imported (nothing was), makes no database, and leaves
// nothing in the temporary folder.
func TestImportStoppedBeforeSaving(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db")
	cmd := exec.Command(binary(t), "import", "-")
	cmd.Env = appEnv(t, db)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	head := `{"format": "cradle export", "version": 1, "babies": [`
	if _, err := io.WriteString(stdin, head); err != nil {
		t.Fatal(err)
	}
	// The start is checked and kept; cradle waits for the rest.
	waitUntil(t, "standard input to be kept", func() bool {
		entries, _ := os.ReadDir(shared(t).tmp)
		if len(entries) != 1 {
			return false
		}
		info, err := entries[0].Info()
		return err == nil && info.Size() == int64(len(head))
	})
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	exited(t, cmd)
	if code := cmd.ProcessState.ExitCode(); code != 143 || out.Len() != 0 || errOut.String() != "cradle import: asked to stop (SIGTERM). Nothing was imported.\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a database was made: %v", err)
	}
	leftovers(t)
}

// import - with the terminal as standard input (the file forgotten) says
// so at once, rather than wait for typing.
func TestImportFromTheTerminal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db")
	cmd := exec.Command(binary(t), "import", "-")
	cmd.Env = appEnv(t, db)
	cmd.Stdin = terminalStdin(t)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited(t, cmd)
	if code := cmd.ProcessState.ExitCode(); code != 1 || out.Len() != 0 ||
		errOut.String() != "cradle import: standard input is this terminal, not a file. Give the file's name, or pipe it in: cradle import - < FILE. Nothing was imported.\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
	leftovers(t)
}

// exited waits for cmd to end, or kills it and fails the test.
func exited(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(waitTimeout):
		cmd.Process.Kill()
		<-done
		t.Fatalf("cradle %v did not end within %v", cmd.Args[1:], waitTimeout)
	}
}
