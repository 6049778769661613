package server

import (
	"bytes"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// waitTimeout bounds every wait on a screen: generous for a slow machine,
// and a wait returns as soon as its condition holds.
const waitTimeout = 10 * time.Second

// term is a family's terminal: an SSH client with a pseudo-terminal of
// w×h, its output read by a terminal emulator, as OpenSSH and the
// family's terminal window would.
type term struct {
	t      testing.TB
	client *gossh.Client
	sess   *gossh.Session
	stdin  io.WriteCloser
	stderr bytes.Buffer

	mu  sync.Mutex
	emu *vt.Emulator
	raw bytes.Buffer // every byte the class sent
	// seen, when set, is called with the screen after each read, and when
	// the bytes that made it arrived.
	seen func(screen string, at time.Time)
	done chan struct{}
}

// dial connects as user, without a terminal yet.
func dial(t testing.TB, addr, user string) *gossh.Client {
	t.Helper()
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: user, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: waitTimeout})
	if err != nil {
		t.Fatalf("connecting to the class: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// openTerm connects and opens a shell in a w×h terminal.
func openTerm(t testing.TB, addr string, w, h int) *term {
	t.Helper()
	return openTermAs(t, addr, "family", w, h)
}

// openTermAs is openTerm as user.
func openTermAs(t testing.TB, addr, user string, w, h int) *term {
	t.Helper()
	tm := &term{t: t, client: dial(t, addr, user), emu: vt.NewEmulator(w, h), done: make(chan struct{})}
	sess, err := tm.client.NewSession()
	if err != nil {
		t.Fatalf("opening a session: %v", err)
	}
	tm.sess = sess
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatalf("asking for a terminal: %v", err)
	}
	if tm.stdin, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	sess.Stderr = &tm.stderr
	if err := sess.Shell(); err != nil {
		t.Fatalf("opening the shell: %v", err)
	}
	go tm.pump(out)
	go tm.replies()
	t.Cleanup(func() {
		sess.Close()
		<-tm.done
		if c, ok := tm.emu.InputPipe().(io.Closer); ok {
			c.Close()
		}
	})
	return tm
}

// pump feeds what the class sends into the emulator.
func (tm *term) pump(out io.Reader) {
	defer close(tm.done)
	buf := make([]byte, 32*1024)
	for {
		n, err := out.Read(buf)
		at := time.Now()
		if n > 0 {
			tm.mu.Lock()
			tm.raw.Write(buf[:n])
			_, _ = tm.emu.Write(buf[:n])
			seen := tm.seen
			var screen string
			if seen != nil {
				screen = tm.emu.String()
			}
			tm.mu.Unlock()
			if seen != nil {
				seen(screen, at)
			}
		}
		if err != nil {
			return
		}
	}
}

// replies sends the emulator's answers to the class's questions (the
// background colour) back, as a terminal does.
func (tm *term) replies() {
	buf := make([]byte, 1024)
	for {
		n, err := tm.emu.Read(buf)
		if n > 0 {
			_, _ = tm.stdin.Write(buf[:n])
		}
		if err != nil {
			return
		}
	}
}

// press types keys, one write each.
func (tm *term) press(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		if _, err := tm.stdin.Write([]byte(k)); err != nil {
			tm.t.Fatalf("typing %q: %v", k, err)
		}
	}
}

func (tm *term) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.emu.String()
}

// waitFor waits until the screen shows text (lines joined, spaces
// squeezed, so a wrapped sentence matches).
func (tm *term) waitFor(text string) {
	tm.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		s := tm.screen()
		if strings.Contains(squeeze(s), squeeze(text)) {
			return
		}
		select {
		case <-tm.done:
			if s := tm.screen(); strings.Contains(squeeze(s), squeeze(text)) {
				return
			}
			tm.t.Fatalf("waiting for %q: the connection closed\nstderr: %s\nscreen:\n%s", text, tm.stderr.String(), tm.screen())
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited %v for the screen to show %q\nscreen:\n%s", waitTimeout, text, s)
		}
	}
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// join types the code, the name, the birth date of a baby of 10 weeks
// (born when due), whether the instructor keeps the answers, and clear
// answers to the questions before the start, waiting for each screen as
// a person would.
func (tm *term) join(code, name string, keep bool) {
	tm.t.Helper()
	tm.waitFor("Class code")
	tm.press(code, "\r")
	tm.waitFor("First name")
	tm.press(name, "\r")
	tm.waitFor("Birth date")
	tm.press("2026-09-21\r")
	tm.waitFor("Born early?")
	tm.press("n")
	tm.waitFor("May your instructor keep")
	if keep {
		tm.press("y")
	} else {
		tm.press("n")
	}
	tm.answerQuestions()
}

// joinAs types the code and the name, and waits for the birth date.
func (tm *term) joinAs(name string) {
	tm.t.Helper()
	tm.waitFor("Class code")
	tm.press(code, "\r")
	tm.waitFor("First name")
	tm.press(name, "\r")
	tm.waitFor("Birth date")
}

// questionAt finds "Before you start · 3 of 11" on a screen: the
// question's place, or "" when no question is on it.
var questionAt = regexp.MustCompile(`Before you start · (\d+ of \d+)`)

// answerQuestions answers the questions before the start as a parent
// whose baby is ready: yes only to a warm room, and to the questions
// with any of the words yes. It waits for each question to be on screen
// before it answers, as a person reads it.
func (tm *term) answerQuestions(yes ...string) {
	tm.t.Helper()
	tm.waitFor("Before you start")
	deadline := time.Now().Add(waitTimeout)
	last := ""
	for time.Now().Before(deadline) {
		s := squeeze(tm.screen())
		m := questionAt.FindStringSubmatch(s)
		switch {
		case m == nil && last != "":
			return // past the last question
		case m == nil || m[1] == last:
			time.Sleep(5 * time.Millisecond) // waiting on the next screen
			continue
		}
		last = m[1]
		if strings.Contains(s, "room warm") || slices.ContainsFunc(yes, func(w string) bool { return strings.Contains(s, w) }) {
			tm.press("y")
		} else {
			tm.press("n")
		}
	}
	tm.t.Fatalf("the questions before the start did not end\nscreen:\n%s", tm.screen())
}
