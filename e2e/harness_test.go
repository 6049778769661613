//go:build unix

// Package e2e drives the real cradle binary in a pseudo-terminal, reads
// the screen through a terminal emulator, and checks the database it
// leaves behind.
package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"github.com/cradle-coach/cradle/store"
)

// waitTimeout bounds every wait on the app. It is generous: CI machines
// are slow, and a wait returns as soon as its condition holds.
const waitTimeout = 10 * time.Second

// Keys as a terminal sends them.
const (
	enter = "\r"
	space = " "
	right = "\x1b[C"
	down  = "\x1b[B"
)

var (
	binDir   string // removed by TestMain
	binPath  string
	buildOut []byte
	buildErr error
	build    sync.Once
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "cradle-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// binary skips the test under -short, else builds cradle once per run and
// returns its path.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("e2e: builds and runs the real binary in a pseudo-terminal; skipped with -short")
	}
	build.Do(func() {
		root, err := filepath.Abs("..") // the module root, from the package folder
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(binDir, "cradle")
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		cmd.Dir = root
		buildOut, buildErr = cmd.CombinedOutput()
		consultSources(root)
	})
	if buildErr != nil {
		t.Fatalf("building cradle: %v\n%s", buildErr, buildOut)
	}
	return binPath
}

// consultSources looks at every file the binary is built from. The
// binary is built while the tests run, where go test's cache cannot see
// it; the cache does see the files a test looks at, so a change to any of
// them runs these tests again instead of reusing a pass from before it.
func consultSources(root string) {
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(name) {
		case ".go", ".yaml", ".yml", ".mod", ".sum":
			os.Stat(path)
		}
		return nil
	})
}

// appEnv is the whole environment of the app: the database in dbPath, and
// home and data folders inside a temporary folder, so a test never touches
// the real user's files. The runtime and temporary folders are the
// test's own (see shared), so what cradle leaves there can be checked.
func appEnv(t *testing.T, dbPath string) []string {
	home := t.TempDir()
	return []string{
		"CRADLE_DB=" + dbPath,
		"TERM=xterm-256color",
		"LANG=C.UTF-8", // the emulator's; a test of another locale sets its own
		"HOME=" + home,
		"XDG_DATA_HOME=" + filepath.Join(home, "data"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, "cache"),
		"XDG_STATE_HOME=" + filepath.Join(home, "state"),
		"XDG_RUNTIME_DIR=" + shared(t).runtime,
		"TMPDIR=" + shared(t).tmp,
	}
}

// folders are a test's runtime and temporary folders, shared by every
// cradle it starts: a running cradle and a backup beside it meet in the
// runtime folder. Their paths are short, as a socket's path must be.
type folders struct{ runtime, tmp string }

var (
	sharedMu sync.Mutex
	sharedBy = map[*testing.T]folders{}
)

func shared(t *testing.T) folders {
	sharedMu.Lock()
	defer sharedMu.Unlock()
	if f, ok := sharedBy[t]; ok {
		return f
	}
	var f folders
	for _, p := range []*string{&f.runtime, &f.tmp} {
		dir, err := os.MkdirTemp("", "ce2e-")
		if err != nil {
			t.Fatal(err)
		}
		*p = dir
		t.Cleanup(func() { os.RemoveAll(dir) })
	}
	sharedBy[t] = f
	t.Cleanup(func() {
		sharedMu.Lock()
		delete(sharedBy, t)
		sharedMu.Unlock()
	})
	return f
}

// leftovers fails the test if cradle left anything in the test's runtime
// or temporary folder.
func leftovers(t *testing.T) {
	t.Helper()
	f := shared(t)
	leftoversIn(t, f.runtime, f.tmp)
}

// leftoversIn fails the test if anything is in the folders.
func leftoversIn(t *testing.T, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf("left in %s: %s", dir, strings.Join(names, ", "))
		}
	}
}

// app is cradle running in a pseudo-terminal behind an emulator.
type app struct {
	t      *testing.T
	cmd    *exec.Cmd
	pty    *os.File // the terminal's side of the pty
	stderr lockedBuffer

	mu  sync.Mutex // guards emu and raw
	emu *vt.Emulator
	raw bytes.Buffer // every byte the app wrote to the terminal

	exited  chan struct{} // closed once the process has exited
	waitErr error         // cmd.Wait's result; read after exited
	output  chan struct{} // closed once the output pump has stopped
}

// start runs cradle, with args, on the database at dbPath in a terminal
// of w×h cells.
func start(t *testing.T, dbPath string, w, h int, args ...string) *app {
	t.Helper()
	return startWith(t, dbPath, w, h, nil, args...)
}

// startWith is start with more environment variables (NAME=value, which
// win over appEnv's) and command-line arguments.
func startWith(t *testing.T, dbPath string, w, h int, env []string, args ...string) *app {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append(appEnv(t, dbPath), env...)
	return startCmd(t, cmd, w, h)
}

// startCmd runs cmd (cradle, or another program such as ssh) in a
// terminal of w×h cells.
func startCmd(t *testing.T, cmd *exec.Cmd, w, h int) *app {
	t.Helper()
	a := &app{t: t, emu: vt.NewEmulator(w, h), exited: make(chan struct{}), output: make(chan struct{})}
	a.cmd = cmd
	a.cmd.Stderr = &a.stderr // apart from the screen, so a panic is easy to spot
	f, err := pty.StartWithSize(a.cmd, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
	if err != nil {
		t.Fatalf("starting %s in a pty: %v", filepath.Base(cmd.Path), err)
	}
	a.pty = f
	if err := pty.Setsize(f, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)}); err != nil {
		t.Fatalf("setting the pty size: %v", err)
	}
	go func() {
		a.waitErr = a.cmd.Wait()
		close(a.exited)
	}()
	go a.pumpOutput()
	replies := make(chan struct{})
	go a.pumpReplies(replies)
	t.Cleanup(func() {
		if !a.hasExited() {
			_ = a.cmd.Process.Kill()
		}
		<-a.exited
		select { // the pump stops when the last holder of the tty is gone
		case <-a.output:
		case <-time.After(waitTimeout):
			t.Errorf("the pty output pump did not stop")
		}
		_ = a.pty.Close()
		// Stop the replies pump without touching the emulator's state.
		if c, ok := a.emu.InputPipe().(io.Closer); ok {
			_ = c.Close()
		}
		<-replies
	})
	return a
}

// pumpOutput feeds what the app writes into the emulator.
func (a *app) pumpOutput() {
	defer close(a.output)
	buf := make([]byte, 32*1024)
	for {
		n, err := a.pty.Read(buf)
		if n > 0 {
			a.mu.Lock()
			_, _ = a.emu.Write(buf[:n])
			a.raw.Write(buf[:n])
			a.mu.Unlock()
		}
		if err != nil {
			return // EIO once the app has exited
		}
	}
}

// pumpReplies writes the emulator's answers to terminal queries back to
// the app. It must keep reading until the end: an unread reply would block
// the emulator, and with it the output pump.
func (a *app) pumpReplies(done chan struct{}) {
	defer close(done)
	buf := make([]byte, 4096)
	for {
		n, err := a.emu.Read(buf)
		if n > 0 {
			_, _ = a.pty.Write(buf[:n])
		}
		if err != nil {
			return
		}
	}
}

// press writes keys to the app, one write per key, as a person types them.
func (a *app) press(keys ...string) {
	a.t.Helper()
	for _, k := range keys {
		if _, err := a.pty.Write([]byte(k)); err != nil {
			a.t.Fatalf("pressing %q: %v\n%s", k, err, a.screen())
		}
	}
}

// screen is the emulator's screen as plain text.
func (a *app) screen() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.emu.String()
}

// waitFor waits until the screen contains text. Text a narrow window wrapped
// over several lines still matches: lines are also compared joined, with
// runs of spaces squeezed to one.
func (a *app) waitFor(text string) {
	a.t.Helper()
	a.waitUntil(fmt.Sprintf("the screen to show %q", text), func(s string) bool {
		return strings.Contains(s, text) || strings.Contains(squeeze(s), squeeze(text))
	})
}

// waitForLine waits until a line of the screen is text, spaces around it
// aside: the step on screen, not the one "Next" names.
func (a *app) waitForLine(text string) {
	a.t.Helper()
	a.waitUntil(fmt.Sprintf("a screen line to be %q", text), func(s string) bool {
		return hasLine(s, text)
	})
}

func hasLine(screen, text string) bool {
	for _, l := range strings.Split(screen, "\n") {
		if strings.TrimSpace(l) == text {
			return true
		}
	}
	return false
}

// waitUntil polls the screen until ok holds, the app exits, or the time
// is up.
func (a *app) waitUntil(what string, ok func(screen string) bool) {
	a.t.Helper()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(waitTimeout)
	for {
		if ok(a.screen()) {
			return
		}
		select {
		case <-tick.C:
		case <-a.exited:
			if ok(a.screen()) {
				return
			}
			a.t.Fatalf("waiting for %s: cradle exited (%v)\nstderr:\n%s\nscreen:\n%s", what, a.waitErr, a.stderr.String(), a.screen())
		case <-deadline:
			a.t.Fatalf("waited %v for %s\nscreen:\n%s", waitTimeout, what, a.screen())
		}
	}
}

// waitExit waits for the app to exit, and for all it wrote to the
// terminal to be read (what it says in the shell as it leaves comes last,
// and under load the pump may not have read it when the process is
// gone), and returns its exit code.
func (a *app) waitExit() int {
	a.t.Helper()
	select {
	case <-a.exited:
	case <-time.After(waitTimeout):
		a.t.Fatalf("cradle did not exit within %v\nscreen:\n%s", waitTimeout, a.screen())
	}
	select { // the pump stops at the end of what was written (EIO)
	case <-a.output:
	case <-time.After(waitTimeout):
		a.t.Fatalf("cradle exited, but its terminal output did not end within %v", waitTimeout)
	}
	var ee *exec.ExitError
	switch {
	case a.waitErr == nil:
		return 0
	case errors.As(a.waitErr, &ee):
		return ee.ExitCode()
	}
	a.t.Fatalf("waiting for cradle: %v", a.waitErr)
	return -1
}

// kill ends the app with SIGKILL, as a closed laptop or a crash would.
func (a *app) kill() {
	a.t.Helper()
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		a.t.Fatalf("killing cradle: %v", err)
	}
	select {
	case <-a.exited:
	case <-time.After(waitTimeout):
		a.t.Fatalf("cradle survived SIGKILL for %v", waitTimeout)
	}
}

// resize changes the terminal's size, as dragging the window's corner
// does: the emulator and the pty change, and the app gets SIGWINCH (the
// kernel sends one too; a second one is harmless).
func (a *app) resize(w, h int) {
	a.t.Helper()
	a.mu.Lock()
	a.emu.Resize(w, h)
	a.mu.Unlock()
	if err := pty.Setsize(a.pty, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)}); err != nil {
		a.t.Fatalf("resizing the pty to %dx%d: %v", w, h, err)
	}
	if err := a.cmd.Process.Signal(syscall.SIGWINCH); err != nil {
		a.t.Fatalf("sending SIGWINCH: %v", err)
	}
}

func (a *app) hasExited() bool {
	select {
	case <-a.exited:
		return true
	default:
		return false
	}
}

// transcript is every byte the app wrote to the terminal.
func (a *app) transcript() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.raw.String()
}

// runPlain runs cradle to its end without a screen: stdin is given, stdout
// and stderr are collected together.
func runPlain(t *testing.T, dbPath string, stdin *os.File, args ...string) (out string, code int, took time.Duration) {
	t.Helper()
	return runPlainEnv(t, dbPath, stdin, nil, args...)
}

// runPlainEnv is runPlain with more environment variables.
func runPlainEnv(t *testing.T, dbPath string, stdin *os.File, env []string, args ...string) (out string, code int, took time.Duration) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append(appEnv(t, dbPath), env...)
	cmd.Stdin = stdin
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	begin := time.Now()
	err := cmd.Run()
	took = time.Since(begin)
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatalf("running cradle: %v", err)
	}
	return buf.String(), code, took
}

// terminalStdin is the terminal side of a new pty, for a stdin that must
// be a terminal when no screen is needed.
func terminalStdin(t *testing.T) *os.File {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("opening a pty: %v", err)
	}
	t.Cleanup(func() { tty.Close(); ptmx.Close() })
	return tty
}

// waitForSaved polls a copy of the database while the app holds it (and
// its lock) until ok holds for that copy: events are saved in the
// background, so the screen can be ahead of the file. A copy taken in the
// middle of a write may be unreadable; the next poll takes another.
func waitForSaved(t *testing.T, a *app, dbPath, what string, ok func(*store.Store) bool) {
	t.Helper()
	snap := filepath.Join(t.TempDir(), "snapshot.db")
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(waitTimeout)
	var last error
	for {
		if last = checkCopy(dbPath, snap, ok); last == nil {
			return
		}
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("waited %v for the database to hold %s: %v\nscreen:\n%s", waitTimeout, what, last, a.screen())
		}
	}
}

func checkCopy(dbPath, snap string, ok func(*store.Store) bool) error {
	data, err := os.ReadFile(dbPath)
	if err != nil {
		return err
	}
	if err := os.WriteFile(snap, data, 0o600); err != nil {
		return err
	}
	db, err := store.Open(snap, store.Options{Timeout: time.Millisecond})
	if err != nil {
		return err
	}
	defer db.Close()
	if !ok(db) {
		return errors.New("not yet")
	}
	return nil
}

// squeeze joins lines and squeezes runs of white space to one space.
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// lockedBuffer is a bytes.Buffer safe for the writer goroutine of exec and
// the test reading it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
