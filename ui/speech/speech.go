// Package speech speaks short prompts through the system's speech program
// (espeak-ng, spd-say or say, whichever is installed), one at a time: a new
// prompt cuts off the one being spoken. Nothing here waits for speech to
// end, so a caller's screen and timers are never held up.
package speech

import (
	"errors"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// program is a speech program and how to ask it to say something.
type program struct {
	name string
	args func(text string) []string
}

// programs are tried in this order. The rates are a little slower than
// each program's default: calm, clear prompts.
var programs = []program{
	{"espeak-ng", func(t string) []string { return []string{"-s", "150", t} }},
	// spd-say hands the text to speech-dispatcher and returns at once; its
	// default "text" priority makes a new prompt replace the one before.
	{"spd-say", func(t string) []string { return []string{"-r", "-15", t} }},
	{"say", func(t string) []string { return []string{"-r", "165", t} }},
}

// Names lists the programs looked for, in order.
func Names() []string {
	var out []string
	for _, p := range programs {
		out = append(out, p.name)
	}
	return out
}

// ErrNone is returned by Detect when no speech program is installed.
var ErrNone = errors.New("no speech program found (looked for " + strings.Join(Names(), ", ") + ")")

// Speaker speaks through one program.
type Speaker struct {
	name string
	path string
	args func(string) []string

	tickets atomic.Uint64 // the order prompts were asked for

	mu      sync.Mutex
	newest  uint64   // the ticket of the prompt started last
	current *running // the utterance being spoken, if any
}

type running struct {
	cmd  *exec.Cmd
	done chan struct{} // closed once the process has been reaped
}

// Detect finds the first speech program on the PATH; lookPath is
// exec.LookPath outside tests.
func Detect(lookPath func(string) (string, error)) (*Speaker, error) {
	for _, p := range programs {
		if path, err := lookPath(p.name); err == nil {
			return &Speaker{name: p.name, path: path, args: p.args}, nil
		}
	}
	return nil, ErrNone
}

// Name is the program's name, such as espeak-ng.
func (s *Speaker) Name() string { return s.name }

// Ticket reserves the next place in line. Take it when the prompt is
// decided and pass it to Speak, which may run later on another goroutine:
// a prompt that was overtaken is then dropped, not spoken late.
func (s *Speaker) Ticket() uint64 { return s.tickets.Add(1) }

// Speak cuts off what is being said and starts saying text. It returns as
// soon as the program has started. A prompt older than the one started
// last is dropped.
func (s *Speaker) Speak(ticket uint64, text string) error {
	text = Clean(text)
	s.mu.Lock()
	defer s.mu.Unlock()
	if ticket <= s.newest {
		return nil
	}
	s.newest = ticket
	s.stopLocked()
	if text == "" {
		return nil
	}
	cmd := exec.Command(s.path, s.args(text)...)
	// No stdin, stdout or stderr: the program must never write over the
	// screen (espeak-ng reports a missing sound card on stderr).
	if err := cmd.Start(); err != nil {
		return err
	}
	r := &running{cmd: cmd, done: make(chan struct{})}
	s.current = r
	go func() {
		_ = cmd.Wait()
		close(r.done)
		s.mu.Lock()
		if s.current == r {
			s.current = nil
		}
		s.mu.Unlock()
	}()
	return nil
}

// Stop cuts off what is being said.
func (s *Speaker) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopLocked()
}

func (s *Speaker) stopLocked() {
	if s.current != nil {
		_ = s.current.cmd.Process.Kill()
		s.current = nil
	}
}

// Clean makes text safe and plain to speak: no control characters, no
// markup a program would act on (say's [[ ]] commands, SSML's < >), and
// never a leading dash that could read as an option.
func Clean(text string) string {
	var b strings.Builder
	for _, r := range ansi.Strip(text) {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r):
			b.WriteRune(r)
		case strings.ContainsRune(".,;:!?'’\"-()", r):
			b.WriteRune(r)
		case unicode.IsSpace(r), r == '/', r == '·', r == '–', r == '—':
			b.WriteByte(' ')
		}
	}
	return strings.TrimLeft(strings.Join(strings.Fields(b.String()), " "), "-.,;:!?'’\"() ")
}
