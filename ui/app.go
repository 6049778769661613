// Package ui is cradle's Bubble Tea interface: a root model that routes
// messages to one screen at a time, and owns what outlives a screen (the
// window size, the styles, the data every screen reads, which screens
// change only by reporting it (app_data.go), and the queue of events on
// their way to the store).
package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/internal/plural"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui/layout"
)

// Store is what the UI needs from storage. Every call runs inside a
// tea.Cmd, never in Update.
type Store interface {
	Path() string
	Babies() ([]store.Baby, error)
	SaveBaby(store.Baby) (store.Baby, error)
	LastBaby() (uint64, error)
	SetLastBaby(uint64) error
	StartSession(store.Session) (store.Session, error)
	Append(id string, evs ...routines.Event) error
	Unfinished() ([]store.Session, error)
	Events(id string) ([]routines.Event, error)
	CloseInterrupted(id string, at time.Time) error
	Settings() (store.Settings, error)
	SaveSettings(store.Settings) error

	// History and insights read a page, or a few weeks, at a time.
	Sessions(before string, n int) ([]store.Session, error)
	BabySessions(baby uint64, before string, n int) ([]store.Session, error)
	SessionsSince(baby uint64, since time.Time) ([]store.Session, error)
	CountSessions(baby uint64) (int, error)
	RemoveBaby(id uint64) (int, error)

	// Clears are each baby's last all-clear of the readiness check;
	// SaveClear keeps one ("same as this morning?").
	Clears() (map[uint64]routines.Clear, error)
	SaveClear(baby uint64, c routines.Clear) error
}

// Config is everything the UI is given at start.
type Config struct {
	Store    Store
	Routines []*routines.Routine
	Clock    routines.Clock
	Sound    Sound
	Theme    Theme
	// CheckInWait is how long a check-in waits before the routine goes on.
	CheckInWait time.Duration
	// FPS is the renderer's frame rate (tea.WithFPS). When set, and a frame
	// divides a second exactly, the clock is aligned to the renderer's
	// frames; see frameClock.
	FPS int
	// Start, when set, skips the home screen and starts this routine
	// straight away (cradle run: a class demo starts with one command).
	Start *routines.Routine
	// Broken are the user's routine files that could not be used; the
	// home screen lists each with its first problem.
	Broken []routines.Broken
	// RoutinesDirErr says why the user's routines folder could not be
	// read; the home screen says so in one line.
	RoutinesDirErr error
	// RoutinesDir is the folder of the parent's own routine files, where
	// a routine shaped by the baby's answers is saved; "" when unknown.
	RoutinesDir string

	// Voice, when set, speaks each prompt (--voice).
	Voice Voice
	// Present opens sessions in the presentation view (--present).
	Present bool
	// Notice is one line shown at the foot of every screen until a key is
	// pressed, such as "no speech program found".
	Notice string
	// Manual starts every session with auto-advance off: a step whose
	// time is up waits for the parent (the auto-advance setting).
	Manual bool
	// Baby, when set, names the baby chosen at start (the baby setting);
	// else the baby chosen last.
	Baby string
	// Milking, when set, is the choice about Indian milking for this run
	// (the swedish-milking-only setting); else the one the parent made
	// in cradle, asked once.
	Milking store.Milking
	// ASCII draws every screen in ASCII, for a terminal whose locale is
	// not UTF-8 (ASCIIOnly).
	ASCII bool
	// Plain is plain mode (RunPlain sets it): lines for a screen reader
	// or a terminal that cannot hold a full screen.
	Plain bool
}

// app is what every screen reads: the window's size, the styles, the
// keys, the clock, the saver, the configuration (never changed after
// start), and the data the root owns (data, changed only by report).
type app struct {
	cfg    Config
	clock  routines.Clock // what the session and the screens read
	frames *frameClock    // the frame-aligned clock, when FPS is set
	styles Styles
	keys   KeyMap
	w, h   int

	saver saver

	data appData
	// noticed is true once Notice was shown in this run: by the first
	// baby form, or else by the first readiness check.
	noticed bool
}

// Model is the root Bubble Tea model.
type Model struct {
	app    *app
	screen screen
	help   bool
	// helpTop is the first line of help shown, where it does not fit.
	helpTop  int
	quitting bool
	// suspended is true when the parent quit during a session, which
	// stays unfinished to be picked up again.
	suspended bool
}

// New builds the root model.
func New(cfg Config) Model {
	if cfg.Clock == nil {
		cfg.Clock = routines.WallClock{}
	}
	if cfg.Sound == nil {
		cfg.Sound = Bell{}
	}
	a := &app{cfg: cfg, clock: cfg.Clock, styles: NewStyles(cfg.Theme), keys: Keys, w: 80, h: 24}
	if cfg.FPS > 0 && time.Second%(time.Second/time.Duration(cfg.FPS)) == 0 {
		a.frames = &frameClock{wall: cfg.Clock, period: time.Second / time.Duration(cfg.FPS)}
		a.clock = a.frames
	}
	a.saver.store = cfg.Store
	a.data = appData{
		routines: cfg.Routines,
		notice:   cfg.Notice,
		plan:     planState{sessions: map[uint64][]routines.PlanSession{}, chosen: map[uint64]int{}},
	}
	return Model{app: a, screen: newHome(a)}
}

// Init runs right after Bubble Tea starts its renderer, so this instant is
// the origin of the renderer's frame grid.
func (m Model) Init() tea.Cmd {
	if f := m.app.frames; f != nil {
		f.origin = f.wall.Now()
	}
	st := m.app.cfg.Store
	load := func() tea.Msg {
		var msg loadedMsg
		var err error
		if msg.babies, err = st.Babies(); err != nil {
			msg.err = err
		} else if msg.last, err = st.LastBaby(); err != nil {
			msg.err = err
		} else if msg.unfinished, err = st.Unfinished(); err != nil {
			msg.err = err
		} else if msg.clears, err = st.Clears(); err != nil {
			msg.clears = nil // only saves a few questions: no need to say so
		} else if msg.settings, err = st.Settings(); err != nil {
			msg.err = err
		}
		return msg
	}
	// The window may have been resized between Bubble Tea reading its size
	// and listening for changes (the first frame is painted before the
	// program starts, so a quick hand can do it): ask once more.
	return tea.Batch(load, tea.RequestWindowSize, m.app.loadPlan(), m.app.askBackground())
}

func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	a := m.app
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.w, a.h = msg.Width, msg.Height
		return m, m.screen.SetSize(msg.Width, msg.Height)
	case loadedMsg:
		a.report(msg)
		if a.cfg.Start != nil {
			// cradle run: straight to the routine, through the same checks
			// as the home screen (a demonstration on a doll skips them),
			// the first start's baby form too: who the baby is, the
			// welcome, and then the age check.
			var cmd tea.Cmd
			if !a.demo() && (len(a.data.babies) == 0 || a.data.baby.ID == 0) {
				m.screen, cmd = newBabyScreen(a, newHome(a), a.cfg.Start)
				return m, cmd
			}
			m.screen, cmd = beginFor(a, a.cfg.Start, newHome(a))
			return m, cmd
		}
		if len(a.data.unfinished) > 0 {
			if _, ok := m.screen.(*homeScreen); ok {
				var cmd tea.Cmd
				m.screen, cmd = newResume(a, m.screen)
				return m, cmd
			}
		}
		return m, nil
	case settingsSavedMsg:
		return m, a.report(msg)
	case savedMsg:
		cmd := a.saver.saved(msg)
		if m.quitting && a.saver.idle() {
			return m, tea.Quit
		}
		return m, cmd
	case begunMsg:
		cmd := a.saver.begun(msg)
		return m, cmd
	case retrySaveMsg:
		return m, a.saver.flush()
	case tea.BackgroundColorMsg:
		a.followBackground(msg.IsDark())
		return m, nil
	case VoiceFailedMsg, planMsg:
		return m, a.report(msg)
	case tea.KeyPressMsg:
		if _, before := m.screen.(doorway); !before {
			a.report(noticeMsg{}) // a key pressed: the notice was read
		}
		if key := msg.String(); key == "ctrl+c" {
			return m.quit("ctrl+c")
		}
		if m.quitting {
			return m, nil
		}
		if m.help {
			// ↑/↓ scroll a help that does not fit; any other key closes it.
			switch scrolls := !helpFits(a, m.screen); {
			case scrolls && key.Matches(msg, a.keys.Up):
				m.helpTop = helpTop(a, m.screen, m.helpTop-1)
			case scrolls && key.Matches(msg, a.keys.Down):
				m.helpTop = helpTop(a, m.screen, m.helpTop+1)
			default:
				m.help = false
			}
			return m, nil
		}
		if msg.String() == "?" && acceptsHelp(m.screen) {
			m.help, m.helpTop = true, 0
			return m, nil
		}
	case quitMsg:
		return m.quit("")
	case StopMsg:
		return m.quit(msg.By)
	}
	var cmd tea.Cmd
	m.screen, cmd = m.screen.Update(msg)
	return m, cmd
}

// quitMsg asks the root to save what is pending and quit.
type quitMsg struct{}

// StopMsg asks cradle to save and quit, as ctrl+c does: By says what
// asked ("ctrl+c", or a signal such as "SIGTERM"), and the timeline of a
// session cut off by it says so.
type StopMsg struct{ By string }

// quit saves and leaves. A running session is stopped where it is, not
// ended, so the next start offers to resume it; by says what quit.
func (m Model) quit(by string) (tea.Model, tea.Cmd) {
	if m.quitting {
		return m, tea.Quit // a second ctrl+c: do not wait any longer
	}
	m.quitting = true
	var cmd tea.Cmd
	if s, ok := m.screen.(suspender); ok {
		cmd, m.suspended = s.suspend(by), true
	}
	if m.app.saver.idle() && cmd == nil {
		return m, tea.Quit
	}
	return m, cmd
}

// Farewell is what to say in the shell once cradle has quit: that a
// session cut off is saved and will be offered again (or that not all of
// it could be saved); "" when there is nothing to say.
func (m Model) Farewell() string {
	switch {
	case !m.suspended || m.app.demo():
		return ""
	case !m.app.saver.idle():
		return "Not everything could be saved (" + plainError(m.app.saver.errOr()) + "). What was saved, cradle's home screen offers to pick up again."
	}
	return "Saved. Open cradle (its home screen) to pick this up again."
}

func (m Model) View() tea.View {
	a := m.app
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = "cradle"
	v.BackgroundColor = a.themeBackground()
	if s, ok := m.screen.(titled); ok {
		v.WindowTitle = s.windowTitle()
	}
	var body string
	switch {
	case a.w < layout.MinWidth || a.h < layout.MinHeight:
		body = layout.TooSmall(a.w, a.h, a.styles.Warn)
	case m.quitting:
		body = a.frame("", a.quittingView(), "")
	case m.help:
		body = helpView(a, m.screen, m.helpTop)
	default:
		body = m.screen.View()
	}
	if a.cfg.ASCII {
		body, v.WindowTitle = asciiText(body), asciiText(v.WindowTitle)
	}
	v.SetContent(body)
	return v
}

// quittingView is the screen while cradle saves what is left before it
// quits.
func (a *app) quittingView() string {
	msg := a.quittingWords()
	if msg == "" {
		return a.styles.Dim.Render(savingWords)
	}
	lines := append([]string{"", "  " + a.styles.Dim.Render(savingWords), ""}, wrap(msg, min(a.w-4, 70), "  ")...)
	return strings.Join(lines, "\n")
}

// quittingWords say, while saving is not done, that a second ctrl+c
// quits at once and what that would lose: while saving fails (a full
// disk) it could wait for ever.
func (a *app) quittingWords() string {
	n, first, unsaved := a.saver.pending()
	if n == 0 {
		return ""
	}
	key := a.keys.ForceQuit.Help().Key
	since := ""
	if !first.At.IsZero() {
		since = ", since " + first.At.Format("15:04:05")
	}
	events := "event"
	if n > 1 {
		events = plural.Of(n, "event")
	}
	msg := fmt.Sprintf("%s again quits now; the %s not saved yet would be lost.", key, events)
	switch { // the reason saving fails is on the line above the footer
	case a.saver.err != nil && unsaved:
		msg = fmt.Sprintf("Press %s again to quit now: this massage, not saved at all yet, would be lost.", key)
	case a.saver.err != nil:
		msg = fmt.Sprintf("Press %s again to quit now: the last %s%s, would be lost. "+
			"What was saved before stays, and the next start offers to pick the session up from there.", key, events, since)
	}
	return msg
}

// acceptsHelp is false where "?" is the screen's own: text being typed,
// or an answer.
func acceptsHelp(s screen) bool {
	t, ok := s.(helpTaker)
	return !ok || !t.takesHelpKey()
}
