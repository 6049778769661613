package speech

import (
	"errors"
	"os/exec"
	"slices"
	"syscall"
	"testing"
	"time"
)

func TestDetectOrder(t *testing.T) {
	for _, tc := range []struct {
		installed []string
		want      string
	}{
		{[]string{"say", "spd-say", "espeak-ng"}, "espeak-ng"},
		{[]string{"say", "spd-say"}, "spd-say"},
		{[]string{"say"}, "say"},
	} {
		look := func(name string) (string, error) {
			if slices.Contains(tc.installed, name) {
				return "/usr/bin/" + name, nil
			}
			return "", exec.ErrNotFound
		}
		sp, err := Detect(look)
		if err != nil || sp.Name() != tc.want {
			t.Errorf("with %v: %v, %v; want %s", tc.installed, sp, err, tc.want)
		}
	}
	if _, err := Detect(func(string) (string, error) { return "", exec.ErrNotFound }); !errors.Is(err, ErrNone) {
		t.Errorf("with nothing installed: %v, want ErrNone", err)
	}
}

// fake speaks by sleeping, so a test can see an utterance being cut off.
func fake(t *testing.T) *Speaker {
	t.Helper()
	path, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep program")
	}
	s := &Speaker{name: "fake", path: path, args: func(string) []string { return []string{"30"} }}
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
