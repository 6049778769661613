// Package speech speaks short prompts through the system's speech program
// (say on macOS, Windows' own voice through PowerShell, espeak-ng or
// spd-say elsewhere), one at a time: a new prompt cuts off the one being
// spoken. It tells a prompt that was heard from one that failed, even
// when the program says so only in its error output.
package speech

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
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
	// env, when set, passes the text in the environment rather than in
	// the arguments, for a program whose arguments are a script.
	env func(text string) []string
}

// The programs, in the order they are tried on each system. The rates are
// a little slower than each program's default: calm, clear prompts.
var (
	espeak = program{name: "espeak-ng", args: func(t string) []string { return []string{"-s", "150", t} }}
	// spd-say hands the text to speech-dispatcher and returns at once; its
	// default "text" priority makes a new prompt replace the one before.
	spdSay = program{name: "spd-say", args: func(t string) []string { return []string{"-r", "-15", t} }}
	say    = program{name: "say", args: func(t string) []string { return []string{"-r", "165", t} }}
	// Windows' own voice (System.Speech). The text comes in the
	// environment, never in the script.
	powershell = program{
		name: "powershell",
		args: func(string) []string {
			return []string{"-NoProfile", "-NonInteractive", "-Command",
				"Add-Type -AssemblyName System.Speech; $v = New-Object System.Speech.Synthesis.SpeechSynthesizer; $v.Rate = -1; $v.Speak($env:CRADLE_SAY)"}
		},
		env: func(t string) []string { return []string{"CRADLE_SAY=" + t} },
	}
)

// programsFor are the programs tried on goos, in order.
func programsFor(goos string) []program {
	switch goos {
	case "darwin":
		return []program{say, espeak}
	case "windows":
		return []program{powershell}
	}
	return []program{espeak, spdSay, say}
}

// Names lists the programs looked for on this system, in order.
func Names() []string {
	var out []string
	for _, p := range programsFor(runtime.GOOS) {
		out = append(out, p.name)
	}
	return out
}

// ErrNone is returned by Detect when no speech program is installed.
var ErrNone = errors.New("no speech program found (looked for " + strings.Join(Names(), ", ") + ")")

// Speaker speaks through one program.
type Speaker struct {
	prog program
	path string

	tickets atomic.Uint64 // the order prompts were asked for

	mu      sync.Mutex
	newest  uint64   // the ticket of the prompt started last
	current *running // the utterance being spoken, if any
}

type running struct {
	cmd    *exec.Cmd
	errOut limitedBuffer
	done   chan struct{} // closed once the process has been reaped
	cut    bool          // cut off by a newer prompt or Stop (guarded by Speaker.mu)
	err    error         // why it was not heard; set before done is closed
}

// Detect finds the first speech program of this system on the PATH;
// lookPath is exec.LookPath outside tests.
func Detect(lookPath func(string) (string, error)) (*Speaker, error) {
	return detect(runtime.GOOS, lookPath)
}

func detect(goos string, lookPath func(string) (string, error)) (*Speaker, error) {
	for _, p := range programsFor(goos) {
		if path, err := lookPath(p.name); err == nil {
			return &Speaker{prog: p, path: path}, nil
		}
	}
	return nil, ErrNone
}

// Name is the program's name, such as espeak-ng.
func (s *Speaker) Name() string { return s.prog.name }

// Path is where the program is.
func (s *Speaker) Path() string { return s.path }

// Ticket reserves the next place in line. Take it when the prompt is
// decided and pass it to Speak or Say, which may run later on another
// goroutine: a prompt that was overtaken is then dropped, not spoken late.
func (s *Speaker) Ticket() uint64 { return s.tickets.Add(1) }

// Speak cuts off what is being said and starts saying text. It returns as
// soon as the program has started. A prompt older than the one started
// last is dropped.
func (s *Speaker) Speak(ticket uint64, text string) error {
	_, err := s.start(ticket, text)
	return err
}

// Say is Speak, then waits until the text has been said or cut off. Its
// error says why it was not heard: the program could not start, ended with
// an error, or wrote one (espeak-ng with no sound device says so on its
// error output and exits 0). A prompt cut off or dropped is no error.
func (s *Speaker) Say(ticket uint64, text string) error {
	r, err := s.start(ticket, text)
	if err != nil || r == nil {
		return err
	}
	<-r.done
	return r.err
}

func (s *Speaker) start(ticket uint64, text string) (*running, error) {
	text = Clean(text)
	s.mu.Lock()
	defer s.mu.Unlock()
	if ticket <= s.newest {
		return nil, nil
	}
	s.newest = ticket
	s.stopLocked()
	if text == "" {
		return nil, nil
	}
	cmd := exec.Command(s.path, s.prog.args(text)...)
	if s.prog.env != nil {
		cmd.Env = append(os.Environ(), s.prog.env(text)...)
	}
	// No stdin or stdout, and the error output kept here: the program must
	// never write over the screen.
	r := &running{cmd: cmd, done: make(chan struct{})}
	cmd.Stderr = &r.errOut
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s could not start: %w", s.prog.name, err)
	}
	s.current = r
	go func() {
		err := cmd.Wait()
		s.mu.Lock()
		if s.current == r {
			s.current = nil
		}
		if !r.cut {
			r.err = failure(s.prog.name, err, r.errOut.String())
		}
		s.mu.Unlock()
		close(r.done)
	}()
	return r, nil
}

// Stop cuts off what is being said.
func (s *Speaker) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopLocked()
}

func (s *Speaker) stopLocked() {
	if s.current != nil {
		s.current.cut = true
		_ = s.current.cmd.Process.Kill()
		s.current = nil
	}
}

// alsaLine is one line of ALSA's error output, whose useful part follows
// the source position: "ALSA lib confmisc.c:855:(parse_card) cannot find
// card '0'".
var alsaLine = regexp.MustCompile(`^ALSA lib \S+:\d+:\(\w+\)\s*`)

// failure says why an utterance was not heard, in one line, or nil.
func failure(name string, waitErr error, errOut string) error {
	first := ""
	for _, line := range strings.Split(errOut, "\n") {
		if line = strings.TrimSpace(ansi.Strip(line)); line != "" {
			first = alsaLine.ReplaceAllString(line, "ALSA: ")
			break
		}
	}
	switch {
	case waitErr != nil && first != "":
		return fmt.Errorf("%s could not speak: %s (%v)", name, first, waitErr)
	case waitErr != nil:
		return fmt.Errorf("%s could not speak: %v", name, waitErr)
	case first != "":
		return fmt.Errorf("%s could not speak: %s", name, first)
	}
	return nil
}

// limitedBuffer keeps the first few KiB written to it: enough to say
// what went wrong, however much a program writes.
type limitedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

const errOutLimit = 4 << 10

func (b *limitedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := errOutLimit - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *limitedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
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
