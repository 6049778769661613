package speech

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestDetectOrder(t *testing.T) {
	for _, tc := range []struct {
		goos      string
		installed []string
		want      string
	}{
		{"linux", []string{"say", "spd-say", "espeak-ng"}, "espeak-ng"},
		{"linux", []string{"say", "spd-say"}, "spd-say"},
		{"linux", []string{"say"}, "say"},
		{"darwin", []string{"say", "espeak-ng"}, "say"},
		{"darwin", []string{"espeak-ng"}, "espeak-ng"},
		{"windows", []string{"powershell", "espeak-ng"}, "powershell"},
	} {
		look := func(name string) (string, error) {
			if slices.Contains(tc.installed, name) {
				return "/usr/bin/" + name, nil
			}
			return "", exec.ErrNotFound
		}
		sp, err := detect(tc.goos, look)
		if err != nil || sp.Name() != tc.want {
			t.Errorf("on %s with %v: %v, %v; want %s", tc.goos, tc.installed, sp, err, tc.want)
		}
	}
	if _, err := detect("windows", func(string) (string, error) { return "/usr/bin/espeak-ng", nil }); err != nil {
		t.Errorf("windows: %v", err)
	}
	if _, err := Detect(func(string) (string, error) { return "", exec.ErrNotFound }); !errors.Is(err, ErrNone) {
		t.Errorf("with nothing installed: %v, want ErrNone", err)
	}
}

// Windows' voice gets the text in its environment: the PowerShell script
// never holds words it would read as code.
func TestPowerShellTextNotInScript(t *testing.T) {
	text := `Ask; and wait for a "yes" (then $(go))`
	args := strings.Join(powershell.args(text), " ")
	if strings.Contains(args, "yes") || !strings.Contains(args, "$env:CRADLE_SAY") {
		t.Errorf("the script holds the text: %s", args)
	}
	if env := powershell.env(text); len(env) != 1 || env[0] != "CRADLE_SAY="+text {
		t.Errorf("env %q", env)
	}
}

// script is a speech program written as a shell script.
func script(t *testing.T, body string) *Speaker {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake speech programs are shell scripts")
	}
	path := filepath.Join(t.TempDir(), "speak")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	s := &Speaker{prog: program{name: "fake-speech", args: func(t string) []string { return []string{t} }}, path: path}
	t.Cleanup(s.Stop)
	return s
}

// Say tells a prompt that was heard from one that was not, whatever way
// the program fails: a missing sound device reported only on the error
// output (espeak-ng exits 0 then), a non-zero exit, or no program at all.
func TestSayReportsFailure(t *testing.T) {
	alsa := `echo "ALSA lib confmisc.c:855:(parse_card) cannot find card '0'" >&2
echo "ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default" >&2
echo "error: No such file or directory" >&2
exit 0`
	for _, c := range []struct {
		name, body, want string
	}{
		{"heard", "exit 0", ""},
		{"no sound device, exit 0", alsa, "fake-speech could not speak: ALSA: cannot find card '0'"},
		{"a non-zero exit", "exit 3", "fake-speech could not speak: exit status 3"},
		{"both", "echo 'no voice called xx' >&2; exit 1", "fake-speech could not speak: no voice called xx (exit status 1)"},
		{"only blank lines", "echo '  ' >&2; echo >&2", ""},
	} {
		s := script(t, c.body)
		err := s.Say(s.Ticket(), "Tummy. Water wheel")
		if got := fmt.Sprint(err); c.want == "" && err != nil || c.want != "" && got != c.want {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	s := script(t, "exit 0")
	s.path = filepath.Join(t.TempDir(), "gone")
	if err := s.Say(s.Ticket(), "Legs"); err == nil || !strings.HasPrefix(err.Error(), "fake-speech could not start: ") {
		t.Errorf("a missing program: %v", err)
	}
}

// A prompt cut off by a newer one, or by Stop, was not a failure.
func TestCutOffIsNoFailure(t *testing.T) {
	s := script(t, "exec sleep 30")
	for _, cut := range []func(){
		func() { _ = s.Speak(s.Ticket(), "") }, // a newer, empty prompt
		s.Stop,
	} {
		r, err := s.start(s.Ticket(), "Legs")
		if err != nil || r == nil {
			t.Fatalf("start: %v, %v", r, err)
		}
		cut()
		select {
		case <-r.done:
			if r.err != nil {
				t.Errorf("cut off: %v", r.err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the cut-off utterance is still running")
		}
	}
}

// fake speaks by sleeping, so a test can see an utterance being cut off.
func fake(t *testing.T) *Speaker {
	t.Helper()
	path, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep program")
	}
	s := &Speaker{prog: program{name: "fake", args: func(string) []string { return []string{"30"} }}, path: path}
	t.Cleanup(s.Stop)
	return s
}

func waitDone(t *testing.T, r *running) {
	t.Helper()
	select {
	case <-r.done:
	case <-time.After(10 * time.Second):
		t.Fatal("the cut-off utterance is still running")
	}
}

// A new prompt cuts off the one being spoken; Speak returns at once.
func TestNewPromptCutsOff(t *testing.T) {
	s := fake(t)
	first, second := s.Ticket(), s.Ticket()
	if err := s.Speak(first, "Tummy. Water wheel"); err != nil {
		t.Fatal(err)
	}
	old := s.current
	if old == nil {
		t.Fatal("nothing is being spoken")
	}
	if err := s.Speak(second, "How is your baby?"); err != nil {
		t.Fatal(err)
	}
	waitDone(t, old)
	if ws, ok := old.cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("the first utterance ended with %v, want it killed", old.cmd.ProcessState)
	}
	s.mu.Lock()
	cur := s.current
	s.mu.Unlock()
	if cur == nil || cur == old {
		t.Fatal("the second prompt is not being spoken")
	}
	s.Stop()
	waitDone(t, cur)
}

// Prompts are spoken in the order they were decided, even when their
// commands run in another order: an overtaken one is dropped.
func TestOvertakenPromptIsDropped(t *testing.T) {
	s := fake(t)
	older, newer := s.Ticket(), s.Ticket()
	if err := s.Speak(newer, "Chest"); err != nil {
		t.Fatal(err)
	}
	cur := s.current
	if err := s.Speak(older, "Tummy"); err != nil {
		t.Fatal(err)
	}
	if s.current != cur {
		t.Fatal("an older prompt replaced a newer one")
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"Tummy. Water wheel, 6 times":            "Tummy. Water wheel, 6 times",
		"--help me":                              "help me",
		"[[rate 400]]fast <speak>x</speak>":      "rate 400fast speakx speak",
		"a\x1b[31mred\x07\nline":                 "ared line",
		"Indian milking (left) · thigh/ankle":    "Indian milking (left) thigh ankle",
		"  ":                                     "",
		"Ask, and wait for a \"yes\"":            "Ask, and wait for a \"yes\"",
		"L’huile — douce":                        "L’huile douce",
		"-":                                      "",
		"1  Relaxed\t2  Alert":                   "1 Relaxed 2 Alert",
		"Sweep down; then up: lighter each time": "Sweep down; then up: lighter each time",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}
