//go:build unix

package e2e

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A prompt being spoken when cradle quits is cut off: the speech program
// does not go on talking to an empty room.
//
// A fake espeak-ng first on PATH opens a fifo for writing, says it has
// started, and keeps the fifo open while it "speaks" for a minute. The
// test reads the fifo: its end (EOF) comes only once every fake speaker
// has gone, so no sleep or polling is needed to see that they have.
func TestQuitCutsOffSpeech(t *testing.T) {
	binary(t) // skips under -short before the fifo's reader starts
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "speaking")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// It ignores SIGHUP: here cradle leads the pty's session, so its exit
	// would hang up on the speaker, which a shell's terminal would not do.
	fake := "#!/bin/sh\ntrap '' HUP\nexec 3>'" + fifo + "'\necho started >&3\nexec sleep 60\n"
	if err := os.WriteFile(filepath.Join(bin, "espeak-ng"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}

	// Opening a fifo for reading waits for its first writer.
	opened := make(chan *os.File, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			t.Error(err)
			close(opened)
			return
		}
		opened <- f
	}()

	env := []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")}
	a := startWith(t, filepath.Join(dir, "cradle.db"), 100, 30, env, "--present", "--voice", "run", "colic")

	var f *os.File
	select {
	case f = <-opened:
	case <-time.After(waitTimeout):
		t.Fatalf("cradle --voice did not start the speech program\nscreen:\n%s", a.screen())
	}
	if f == nil {
		t.FailNow()
	}
	defer f.Close()
	lines := make(chan string)
	go func() {
		r := bufio.NewReader(f)
		for {
			line, err := r.ReadString('\n')
			if err == io.EOF {
				close(lines)
				return
			}
			if err != nil {
				t.Error(err)
				close(lines)
				return
			}
			lines <- line
		}
	}()
	select {
	case <-lines:
	case <-time.After(waitTimeout):
		t.Fatal("the speech program did not start speaking")
	}

	a.press("\x03") // ctrl+c
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", code, a.stderr.String())
	}
	deadline := time.After(waitTimeout)
	for {
		select {
		case _, more := <-lines:
			if !more {
				return // every speaker has stopped
			}
		case <-deadline:
			t.Fatalf("the speech program was still speaking %v after cradle quit", waitTimeout)
		}
	}
}

// On a machine with no sound device espeak-ng exits 0 and says so only on
// its error output: cradle says once, in one line, that the voice is not
// heard, and the session goes on with the bell.
func TestVoiceFailureShown(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	fake := "#!/bin/sh\necho \"ALSA lib confmisc.c:855:(parse_card) cannot find card '0'\" >&2\necho 'error: No such file or directory' >&2\nexit 0\n"
	if err := os.WriteFile(filepath.Join(bin, "espeak-ng"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")}
	a := startWith(t, filepath.Join(dir, "cradle.db"), 160, 30, env, "--voice", "run", "colic")
	answerReadiness(a) // the voice first speaks at the session
	a.waitFor("The voice is not heard; the bell goes on. espeak-ng could not speak: ALSA: cannot find card '0'")
	a.waitFor("A few slow breaths") // the session goes on
	if n := strings.Count(a.screen(), "The voice is not heard"); n != 1 {
		t.Errorf("said %d times\n%s", n, a.screen())
	}
	a.press("\x03")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", code, a.stderr.String())
	}
	if strings.Contains(a.transcript(), "ALSA lib") {
		t.Error("the speech program's error output reached the screen")
	}
}
