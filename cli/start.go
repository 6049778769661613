package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui"
	"github.com/cradle-coach/cradle/ui/speech"
)

// fps is how often Bubble Tea may redraw. Every frame wakes the process,
// and on a quiet countdown those wake-ups are nearly all the CPU cradle
// spends, so the rate is low. Timed changes are aligned to the frames
// (ui.frameClock), so the countdown is never late whatever the rate; a key
// is answered within one frame; the first screen is painted before the
// renderer starts (ui.PaintFirstFrame). A frame must divide a second
// exactly for the alignment. See the README's "Performance" section.
const fps = 5

// sessionFlags are the flags of the full-screen interface (cradle and
// cradle run).
type sessionFlags struct {
	theme, sound   string
	voice, present bool
}

// addSessionFlags adds the interface's flags to cmd.
func (inv *invocation) addSessionFlags(cmd *cobra.Command) *sessionFlags {
	f := &sessionFlags{}
	fs := cmd.Flags()
	choiceFlag(cmd, &f.theme, "theme", "the colours: night is dim and low in blue, for bedtime (default: follow the terminal's background; NO_COLOR: none)", "light", "dark", "night")
	choiceFlag(cmd, &f.sound, "sound", "ring the terminal bell at each new stroke, region and check-in; off also keeps the voice quiet (default: on)", "on", "off")
	fs.BoolVar(&f.voice, "voice", envOn("CRADLE_VOICE"), "speak each prompt and check-in through espeak-ng, spd-say or say (also CRADLE_VOICE=1)")
	fs.BoolVar(&f.present, "present", false, "big letters for a room: a demonstration on a doll, with nothing read or saved")
	inv.addDBFlag(fs)
	inv.addRoutinesFlag(fs)
	return f
}

// rootCommand is cradle itself: the home screen.
func (inv *invocation) rootCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cradle",
		Short: "a terminal coach for infant massage",
		Long: `cradle: a terminal coach for infant massage. It walks you through a massage
region by region, times every stroke, asks how your baby is doing and changes
course on the answer, and keeps every session in a database on this computer.
Alone, it opens the home screen: choose a massage and follow it.`,
	}
	f := inv.addSessionFlags(cmd)
	var version bool
	cmd.Flags().BoolVarP(&version, "version", "v", false, "print the version")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if version {
			printVersion(cmd)
			return nil
		}
		return status(inv.start(nil, f))
	}
	return cmd
}

// runCommand is "cradle run ID|FILE": a routine straight away.
func (inv *invocation) runCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "run ID|FILE",
		Short: "start a routine straight away, by its id or its file",
		Long: `Start a routine straight away, for the baby chosen last and without the
readiness questions: a class demonstration in one command. Give the routine's
id (cradle routines list shows them), learning-plan-week-1 to 6, or a routine
file.`,
		Example: `  cradle run colic
  cradle run newborn --sound off
  cradle run --present --theme night bedtime
  cradle run class-handout.yaml`,
		Args:              exactArgs(1, "run needs one routine: its id (such as full-body) or a routine file"),
		ValidArgsFunction: inv.completeRoutines, // and files: cradle run class-handout.yaml
	}
	f := inv.addSessionFlags(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		cat, err := inv.catalog()
		if err != nil {
			return err
		}
		r, err := Pick(args[0], cat)
		if err != nil {
			return err
		}
		return status(inv.start(r, f))
	}
	return cmd
}

// start opens the full-screen interface: on the home screen, or on the
// routine first (cradle run).
func (inv *invocation) start(first *routines.Routine, f *sessionFlags) int {
	stderr := inv.std.Err
	var sound ui.Sound = ui.Bell{}
	if f.sound == "off" {
		sound = ui.Silent{}
	}
	theme := pickTheme(f.theme, os.Getenv("NO_COLOR"))
	voice, hush, notice := pickVoice(f.voice, f.sound == "off")
	defer hush() // a prompt being spoken must not outlast cradle

	in, _ := inv.std.In.(*os.File)
	out, _ := inv.std.Out.(*os.File)
	if in == nil || !term.IsTerminal(in.Fd()) || out == nil {
		fmt.Fprintln(stderr, "cradle: standard input is not a terminal. cradle is interactive: run it in a terminal window (not through a pipe or a file).")
		return Problem
	}

	cat, err := inv.catalog()
	if err != nil {
		fmt.Fprintln(stderr, "cradle:", err)
		return Problem
	}
	dir, _ := RoutinesDir(inv.flagRoutines)

	// A demonstration never opens the database: nothing is read, nothing
	// written, and it runs beside a cradle that has the database open.
	var st ui.Store = ui.DemoStore()
	if !f.present {
		path, err := DBPath(inv.flagDB)
		if err != nil {
			fmt.Fprintln(stderr, "cradle:", err)
			return Problem
		}
		db, err := store.Open(path, store.Options{})
		if err != nil {
			fmt.Fprintln(stderr, "cradle:", err)
			return Problem
		}
		defer db.Close()
		st = db
		// Another cradle process asks this one for consistent copies
		// (cradle backup, cradle export): bbolt's lock keeps it from
		// reading the file. Without the server those say to close cradle
		// first; cradle works on. It starts at once, before the first
		// frame, which it does not delay.
		stopServing, _ := db.ServeBackups()
		defer stopServing()
	}

	// dir is "" when unknown: a shaped routine then cannot be saved, and says so.
	m := ui.New(ui.Config{Store: st, Routines: cat.Routines, Broken: cat.Broken, RoutinesDirErr: cat.DirErr,
		RoutinesDir: dir, Sound: sound, Start: first, FPS: fps,
		Voice: voice, Theme: theme, Present: f.present, Notice: notice})
	undo := func() {}
	if first == nil { // cradle run opens on the session, not on this screen
		undo = ui.PaintFirstFrame(out, m)
	}
	p := tea.NewProgram(m, tea.WithFPS(fps), tea.WithInput(in), tea.WithOutput(out))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrInterrupted) {
		undo()
		fmt.Fprintln(stderr, "cradle:", err)
		return Problem
	}
	return OK
}

// pickTheme reads --theme; NO_COLOR (any value but empty, as no-color.org
// asks) wins over it. "" follows the terminal's background.
func pickTheme(flagValue, noColor string) ui.Theme {
	if noColor != "" {
		return ui.Mono
	}
	return ui.Theme(flagValue)
}

// pickVoice finds the speech program for --voice. Without one, cradle goes
// on silently and says so in one line.
func pickVoice(want, soundOff bool) (v ui.Voice, hush func(), notice string) {
	hush = func() {}
	if !want {
		return nil, hush, ""
	}
	if soundOff {
		return nil, hush, "--sound off: the voice stays quiet too."
	}
	sp, err := speech.Detect(exec.LookPath)
	if err != nil {
		return nil, hush, "No voice: no speech program (" + strings.Join(speech.Names(), ", ") + ") is installed."
	}
	return ui.Speech(sp), sp.Stop, ""
}

// envOn reads a yes/no setting from the environment.
func envOn(name string) bool {
	switch strings.ToLower(os.Getenv(name)) {
	case "1", "on", "yes", "true":
		return true
	}
	return false
}
