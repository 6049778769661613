package ui

import (
	"bufio"
	"errors"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui/layout"
)

// Plain mode is cradle for a terminal that cannot hold a full screen
// (TERM=dumb, output into a pipe) and for a screen reader, which reads
// what is new, line by line: no alternate screen, no cursor movement, no
// terminal queries. It is not a second program: the same root model, the
// same screens, session engine and saver run in the same Bubble Tea
// program, without its renderer and without its keyboard reader.
//
//   - Out: each screen says what it shows as blocks of plain lines
//     (plain()), each with a key naming what it says. After every message
//     the blocks whose keys were not on the page before are printed, in
//     order: a new step, a question, a countdown's half way and last
//     seconds, a pause. The words are the screen's own.
//   - In: one line at a time from standard input, read in a command. A
//     line becomes the key presses the screen takes: a digit, a key's
//     name or letter ("n", "space"), or the words of a key's help ("next",
//     "check in"), among the keys the screen offers now (keysNow, which
//     also makes its footer). Enter alone is enter where enter acts, else
//     it says again where you are. A line of text the screen asks for
//     (the baby's details) is read by huh's accessible form.
//
// Printing runs in commands, as all I/O does; the printer writes the
// lines in the order they were said, whichever command runs first.

// block is a few lines a screen says in plain mode, and the key that
// tells them from what it said before.
type block struct {
	key   string
	lines []string
}

// formDoneMsg says the form of a formScreen has been answered; ended is
// true when the input ended before it was.
type formDoneMsg struct{ ended bool }

// inputEnded says the input has ended.
const inputEnded = "The input has ended: cradle saves and closes."

// lineMsg is a line typed (without its end); eof is true once the input
// has ended.
type lineMsg struct {
	text string
	eof  bool
}

// maxLine bounds a line read: longer ones are cut (nothing cradle asks
// for is longer than a name).
const maxLine = 512

// lineReader reads standard input line by line on a goroutine of its
// own, for one reader at a time: the program, or a form.
type lineReader struct {
	lines chan string // closed when the input ends
	rest  []byte      // what a form has not read yet of the last line
	ended atomic.Bool // a form met the end of the input
}

func newLineReader(r io.Reader) *lineReader {
	l := &lineReader{lines: make(chan string)}
	go func() {
		defer close(l.lines)
		br := bufio.NewReader(r)
		for {
			line, err := readLine(br)
			if err != nil && line == "" {
				return
			}
			l.lines <- line
			if err != nil {
				return
			}
		}
	}()
	return l
}

// readLine reads one line, at most maxLine bytes of it, without its end
// (\n or \r\n).
func readLine(br *bufio.Reader) (string, error) {
	var b []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(b) < maxLine {
			b = append(b, chunk[:min(len(chunk), maxLine-len(b))]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue // a long line: the rest is dropped
		}
		return strings.ToValidUTF8(strings.TrimRight(string(b), "\r\n"), ""), err
	}
}

// next waits for the next line, in a command.
func (l *lineReader) next() tea.Cmd {
	return func() tea.Msg {
		s, ok := <-l.lines
		return lineMsg{text: s, eof: !ok}
	}
}

// Read gives a form the lines, one per call, so a form's own buffered
// scanner never holds a line meant for the program.
func (l *lineReader) Read(p []byte) (int, error) {
	if len(l.rest) == 0 {
		s, ok := <-l.lines
		if !ok {
			l.ended.Store(true)
			return 0, io.EOF
		}
		l.rest = []byte(s + "\n")
	}
	n := copy(p, l.rest)
	l.rest = l.rest[n:]
	return n, nil
}

// printer writes the lines said, in order, each once: a command holds
// all of them said so far and writes those not written yet, so commands
// that run out of order still print in order.
type printer struct {
	mu    sync.Mutex
	w     io.Writer
	ascii bool
	done  int
}

func (p *printer) write(said []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done >= len(said) {
		return
	}
	text := strings.Join(said[p.done:], "\n") + "\n"
	if p.ascii {
		text = asciiText(text)
	}
	_, _ = io.WriteString(p.w, text)
	p.done = len(said)
}

// plainWriter is a form's output in plain mode: no escape sequences, and
// ASCII when the locale asks for it.
type plainWriter struct {
	w     io.Writer
	ascii bool
}

func (w plainWriter) Write(b []byte) (int, error) {
	// A prompt is drawn as a block padded to its widest line: the spaces
	// would put the typing far to the right.
	lines := strings.Split(ansi.Strip(string(b)), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	s := strings.Join(lines, "\n")
	if w.ascii {
		s = asciiText(s)
	}
	_, err := io.WriteString(w.w, s)
	return len(b), err
}

// plainModel runs the root model in plain mode.
type plainModel struct {
	root    Model
	in      *lineReader
	out     *printer
	said    []string        // every line said, in order
	shown   map[string]bool // the keys of the blocks on the page now
	reading bool            // a line is being waited for
	form    bool            // a form is reading the input
	ended   bool            // the input has ended: nothing more is read
}

// RunPlain runs cradle in plain mode, reading lines from in and writing
// them to out, until the parent quits or the input ends; what was done is
// saved as in the full screen. opts are Bubble Tea's (the frame rate,
// the environment).
func RunPlain(cfg Config, in io.Reader, out io.Writer, opts ...tea.ProgramOption) error {
	cfg.Plain = true
	m := newPlain(cfg, in, out)
	opts = append(opts, tea.WithoutRenderer(), tea.WithInput(nil), tea.WithOutput(out),
		tea.WithWindowSize(80, 24), tea.WithoutSignalHandler())
	p := tea.NewProgram(m, opts...)
	defer HandleSignals(p, nil)()
	final, err := p.Run()
	if fm, ok := final.(plainModel); ok {
		if bye := fm.root.Farewell(); bye != "" {
			fm.say(bye)
		}
		fm.out.write(fm.said) // and what the last commands had no time to print
	}
	if errors.Is(err, tea.ErrInterrupted) {
		return nil
	}
	return err
}

func newPlain(cfg Config, in io.Reader, out io.Writer) plainModel {
	return plainModel{root: New(cfg), in: newLineReader(in), out: &printer{w: out, ascii: cfg.ASCII}, shown: map[string]bool{}}
}

// Init starts the root model; the first page is said, and the first
// line read, once it has read the store.
func (m plainModel) Init() tea.Cmd {
	return m.root.Init()
}

func (m plainModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case lineMsg:
		m.reading = false
		for _, k := range m.keysFor(msg) {
			cmds = append(cmds, m.send(k))
		}
	case formDoneMsg:
		m.form = false
		m.ended = msg.ended
		cmds = append(cmds, m.send(msg))
		if msg.ended { // nothing more to read: save and quit
			m.say(inputEnded)
			cmds = append(cmds, m.send(keyPress("ctrl+c")))
		}
	case tea.WindowSizeMsg:
		return m, nil // no window: the lines have no width
	default:
		cmds = append(cmds, m.send(msg))
	}
	cmd := m.settle(tea.Batch(cmds...)) // before m is returned: it changes m
	return m, cmd
}

// send hands msg to the root model.
func (m *plainModel) send(msg tea.Msg) tea.Cmd {
	next, cmd := m.root.Update(msg)
	m.root = next.(Model)
	return cmd
}

// settle prints what is new on the page, runs a form the screen asks
// for, or else waits for the next line, after cmd.
func (m *plainModel) settle(cmd tea.Cmd) tea.Cmd {
	m.page()
	cmds := []tea.Cmd{cmd}
	if f, ok := m.root.screen.(formScreen); ok && !m.form && !m.root.quitting {
		if form := f.plainForm(); form != nil {
			m.form = true
			cmds = append(cmds, m.runForm(form))
			return tea.Batch(cmds...)
		}
	}
	said := m.said
	pr := m.out
	cmds = append(cmds, func() tea.Msg { pr.write(said); return nil })
	// A line typed early waits for the first page, and for a screen to
	// be done saving: the next screen is the one it answers.
	busy, _ := m.root.screen.(busyScreen)
	if !m.reading && !m.form && !m.ended && m.root.app.data.loaded && (busy == nil || !busy.busySaving()) {
		m.reading = true
		cmds = append(cmds, m.in.next())
	}
	return tea.Batch(cmds...)
}

// runForm prints what was said so far, then runs form on the input.
func (m *plainModel) runForm(form *huh.Form) tea.Cmd {
	said, pr, in := m.said, m.out, m.in
	return func() (done tea.Msg) {
		pr.write(said)
		// huh's accessible list reads choice 0 when the input ends after
		// a wrong answer and indexes before its first option (huh
		// v2.0.3, field_select.go): the form is over, as at the end of
		// the input, never a crash.
		defer func() {
			if recover() != nil {
				done = formDoneMsg{ended: true}
			}
		}()
		err := form.WithAccessible(true).WithInput(in).WithOutput(plainWriter{pr.w, pr.ascii}).Run()
		return formDoneMsg{ended: err != nil || in.ended.Load()}
	}
}

// say adds lines to what is said.
func (m *plainModel) say(lines ...string) {
	m.said = append(m.said, lines...)
}

// page says the blocks of the page that were not on it before.
func (m *plainModel) page() {
	blocks := m.root.plain()
	shown := make(map[string]bool, len(blocks))
	for _, b := range blocks {
		if !m.shown[b.key] {
			m.say(b.lines...)
		}
		shown[b.key] = true
	}
	m.shown = shown
}

// keysFor turns a line typed into the key presses the screen takes, or
// says why it takes none.
func (m *plainModel) keysFor(l lineMsg) []tea.Msg {
	if l.eof {
		m.ended = true
		m.say(inputEnded)
		return []tea.Msg{StopMsg{By: byInputEnd}}
	}
	text := strings.ToLower(strings.TrimSpace(l.text))
	keys := m.root.plainKeys()
	switch text {
	case "?", "help":
		m.say(m.root.plainHelp(keys)...)
		return nil
	case "quit", "exit":
		return []tea.Msg{StopMsg{By: byQuit}}
	case "ctrl+c":
		return []tea.Msg{keyPress("ctrl+c")}
	case "":
		if offers(keys, "enter") {
			return []tea.Msg{keyPress("enter")}
		}
		m.say(m.root.plainAgain()...) // enter alone: where am I?
		return nil
	}
	// A line of text the screen asks for (a date), as it was typed.
	if ls, ok := m.root.screen.(lineScreen); ok && ls.takesLine() {
		if text == "esc" || text == "back" {
			return []tea.Msg{keyPress("esc")}
		}
		return []tea.Msg{lineTypedMsg{l.text}}
	}
	// Numbers: answers, choices, areas ("2 4").
	if fields := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == ',' }); allDigits(fields) {
		var out []tea.Msg
		for _, f := range fields {
			out = append(out, keyPress(f))
		}
		return out
	}
	if k, ok := plainKey(keys, text); ok {
		return []tea.Msg{keyPress(k)}
	}
	m.say("\"" + routines.Clean(layout.Cut(l.text, 40)) + "\" does nothing here: type help for what does.")
	return nil
}

// choose offers choices in a line: "Choose: enter (begin), b (change
// answers) or esc (back)."
func choose(cs []choice) string {
	var opts []string
	for _, c := range cs {
		opts = append(opts, c.key+" ("+c.text+")")
	}
	return "Choose: " + orList(opts) + "."
}

// orList is "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// allDigits is true for one or more single digits.
func allDigits(fields []string) bool {
	for _, f := range fields {
		if len(f) != 1 || f[0] < '1' || f[0] > '9' {
			return false
		}
	}
	return len(fields) > 0
}

// offers is true when one of keys takes the key named k.
func offers(keys []key.Binding, k string) bool {
	for _, b := range keys {
		if b.Enabled() && slices.Contains(b.Keys(), k) {
			return true
		}
	}
	return false
}

// plainKey finds the key a word names among keys: a key's own name ("n",
// "space", "esc"), or the words of its help, whole or the first
// ("next", "skip region", "skip").
func plainKey(keys []key.Binding, word string) (string, bool) {
	for _, b := range keys {
		if b.Enabled() && slices.Contains(b.Keys(), word) {
			return word, true
		}
	}
	for _, b := range keys {
		if !b.Enabled() || len(b.Keys()) == 0 {
			continue
		}
		desc := strings.ToLower(strings.Trim(b.Help().Desc, ".?! "))
		first, _, _ := strings.Cut(desc, " ")
		if word == desc || word == strings.TrimRight(first, ",:") {
			return b.Keys()[0], true
		}
	}
	return "", false
}

// typed is how a key is typed in plain mode: its letter or digit, else
// its name ("space", "enter").
func typed(b key.Binding) string {
	keys := b.Keys()
	for _, k := range keys {
		if len(k) == 1 {
			return k
		}
	}
	if len(keys) > 0 {
		return keys[0]
	}
	return ""
}

// namedKeys are the keys a key map names in words.
var namedKeys = map[string]rune{
	"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
	"delete": tea.KeyDelete, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
}

// keyPress is the key press a key's name stands for: "enter", "space",
// "ctrl+c", or a character.
func keyPress(k string) tea.KeyPressMsg {
	switch code, ok := namedKeys[k]; {
	case ok:
		return tea.KeyPressMsg{Code: code}
	case k == "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case k == "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)
	if len(r) == 0 {
		return tea.KeyPressMsg{}
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// View draws nothing: plain mode prints its lines as they come.
func (m plainModel) View() tea.View { return tea.View{} }

// keysNow are the keys the screen on show takes now.
func (m Model) keysNow() []key.Binding {
	if k, ok := m.screen.(keyedScreen); ok && !m.quitting {
		return k.keysNow()
	}
	return nil
}

// plainKeys are the keys plain mode takes now: the screen's, but help
// (a word of plain mode's own) and the big letters (there is no screen).
func (m Model) plainKeys() []key.Binding {
	k := m.app.keys
	keys := m.keysNow()
	if more, ok := m.screen.(moreKeyed); ok && !m.quitting {
		keys = append(keys, more.moreKeys()...)
	}
	return slices.DeleteFunc(keys, func(b key.Binding) bool {
		return len(b.Keys()) == 0 || key.Matches(keyPress(b.Keys()[0]), k.Help, k.Present)
	})
}

// plain is the page in plain mode: the screen's blocks, then a problem
// saving and the notice.
func (m Model) plain() []block {
	a := m.app
	if m.quitting {
		out := []block{{"quitting", []string{savingWords}}}
		if msg := a.quittingWords(); msg != "" && a.saver.err != nil { // saving fails: say what a second ctrl+c loses
			out = append(out, block{"quitting:" + msg, []string{msg}})
		}
		return out
	}
	var out []block
	if ps, ok := m.screen.(plainScreen); ok {
		out = ps.plain()
	}
	if msg := a.saveProblem(); msg != "" {
		out = append(out, block{"save:" + msg, []string{msg}})
	}
	if a.data.notice != "" {
		out = append(out, block{"notice:" + a.data.notice, []string{a.data.notice}})
	}
	return out
}

// plainAgain is what enter alone says where it does nothing.
func (m Model) plainAgain() []string {
	if s, ok := m.screen.(againScreen); ok {
		return s.plainAgain()
	}
	var out []string
	for _, b := range m.plain() {
		out = append(out, b.lines...)
	}
	return out
}

// plainHelp says what can be typed now, from the keys the screen offers
// (its footer's), and what works everywhere.
func (m Model) plainHelp(keys []key.Binding) []string {
	var parts []string
	for _, b := range keys {
		if !b.Enabled() {
			continue
		}
		parts = append(parts, b.Help().Desc+" ("+plainKeyLabel(b)+")")
	}
	var out []string
	if len(parts) > 0 {
		out = append(out, "Type a word or a key, then press enter: "+strings.Join(parts, "; ")+".")
	}
	if !offers(keys, "enter") {
		out = append(out, "Enter alone says again where you are.")
	}
	return append(out, "Anywhere: help lists these; quit saves and stops (ctrl+c too), and a massage cut off can be picked up at the next start.")
}

// plainKeyLabel is a key as plain mode's help names it: as typed, where
// the full screen's help shows an arrow.
func plainKeyLabel(b key.Binding) string {
	label := b.Help().Key
	switch {
	case slices.Contains(b.Keys(), "enter"):
		return "enter"
	case strings.ContainsAny(label, "→←↑↓"):
		return typed(b)
	}
	return label
}
