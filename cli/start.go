package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
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
// exactly for the alignment. See docs/PERFORMANCE.md.
const fps = 5

// sessionFlags are the flags of the full-screen interface (cradle and
// cradle run): the settings, and --present.
type sessionFlags struct {
	cmd     *cobra.Command
	present bool
}

// addSessionFlags adds the interface's flags to cmd.
func (inv *invocation) addSessionFlags(cmd *cobra.Command) *sessionFlags {
	f := &sessionFlags{cmd: cmd}
	addSettingFlags(cmd)
	switchVar(cmd.Flags(), &f.present, "present", "", "big letters for a room: a demonstration on a doll, with nothing read or saved")
	inv.addDBFlag(cmd.Flags())
	inv.addRoutinesFlag(cmd.Flags())
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
	switchVar(cmd.Flags(), &version, "version", "v", "print the version")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if version {
			printVersion(cmd)
			return nil
		}
		return status(inv.start(cmd.CommandPath(), nil, f))
	}
	return cmd
}

// runCommand is "cradle run ID|FILE": a routine without the home screen.
func (inv *invocation) runCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "run ID|FILE",
		Short: "start a routine without the home screen, by its id or its file",
		Long: fmt.Sprintf(`Start a routine without the home screen, for the baby chosen last, with the
same checks as the home screen: the readiness questions, and a question first
if the routine is not made for the baby's age. With --present (a
demonstration on a doll) it starts straight away. Give the routine's id
(cradle routines list shows them), learning-plan-week-1 to %d, or a routine
file.`, routines.PlanWeeks),
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
		return status(inv.start(cmd.CommandPath(), r, f))
	}
	return cmd
}

// start opens the full-screen interface: on the home screen, or on the
// routine first (cradle run).
func (inv *invocation) start(name string, first *routines.Routine, f *sessionFlags) int {
	lowerGCTarget(os.Getenv)
	stderr := inv.std.Err
	set, notices := inv.settings(f.cmd)
	var sound ui.Sound = ui.Bell{}
	if set["sound"].v == "off" {
		sound = ui.Silent{}
	}
	theme := ui.Theme(set["theme"].v)
	if theme == "auto" {
		theme = "" // follow the terminal's background
	}
	// A theme asked for by name is drawn in its colours even under
	// NO_COLOR, so the colour profile is worked out without it.
	environ := os.Environ()
	if theme != ui.ThemeMono {
		environ = slices.DeleteFunc(environ, func(kv string) bool { return strings.HasPrefix(kv, "NO_COLOR=") })
	}
	voice, hush, notice := pickVoice(set["voice"].v == "on", set["sound"].v == "off")
	defer hush() // a prompt being spoken must not outlast cradle
	if notice != "" {
		notices = append(notices, notice)
	}

	in, _ := inv.std.In.(*os.File)
	out, _ := inv.std.Out.(*os.File)
	plain := plainMode(set["plain"].v, os.Getenv("TERM"), in, out)
	if !plain && (in == nil || !term.IsTerminal(in.Fd()) || out == nil) {
		fmt.Fprintln(stderr, name+": standard input is not a terminal, and --plain is off. Run cradle in a terminal window for the full screen, or with --plain, which reads one answer a line from anywhere.")
		return Problem
	}

	cat, err := inv.catalog()
	if err != nil {
		fmt.Fprintln(stderr, name+":", err)
		return Problem
	}
	dir, _ := RoutinesDir(inv.flagRoutines)

	// A demonstration never opens the database: nothing is read, nothing
	// written, and it runs beside a cradle that has the database open.
	var st ui.Store = ui.DemoStore()
	if !f.present {
		path, err := DBPath(inv.flagDB)
		if err != nil {
			fmt.Fprintln(stderr, name+":", err)
			return Problem
		}
		db, err := store.Open(path, store.Options{})
		if err != nil {
			fmt.Fprintln(stderr, name+":", withAdvice(err))
			return Problem
		}
		defer db.Close()
		st = db
		// A baby asked for by name must be one of the babies: a massage
		// saved under the wrong twin stays in their history. With no baby
		// yet, the first start's form asks for one, as without the name.
		if name := set["baby"]; name.v != "" {
			babies, err := db.Babies()
			if err != nil {
				fmt.Fprintln(stderr, "cradle:", err)
				return Problem
			}
			if _, err := store.BabyNamed(babies, name.v); err != nil && len(babies) > 0 {
				msg := err.Error()
				if name.from != "--baby" {
					msg += "; the name comes from " + name.from
				}
				inv.usageError(f.cmd, msg)
				return Usage
			}
		}
		// Another cradle process asks this one for consistent copies
		// (cradle backup, cradle export): bbolt's lock keeps it from
		// reading the file. Without the server those say to close cradle
		// first; cradle works on. It starts at once, before the first
		// frame, which it does not delay.
		stopServing, _ := db.ServeBackups()
		defer stopServing()
	}

	// dir is "" when unknown: a shaped routine then cannot be saved, and says so.
	cfg := ui.Config{Store: st, Routines: cat.Routines, Broken: cat.Broken, RoutinesDirErr: cat.DirErr,
		RoutinesDir: dir, Sound: sound, Start: first, FPS: fps,
		Voice: voice, Theme: theme, Present: f.present, Notice: strings.Join(notices, " "),
		Manual: set["auto-advance"].v == "off", Baby: set["baby"].v, Milking: milking(set["swedish-milking-only"].v),
		ASCII: ui.ASCIIOnly(os.Getenv)}
	if plain {
		if err := ui.RunPlain(cfg, inv.std.In, inv.std.Out, tea.WithFPS(fps), tea.WithEnvironment(environ)); err != nil {
			fmt.Fprintln(stderr, name+":", err)
			return Problem
		}
		return OK
	}
	m := ui.New(cfg)
	undo := func() {}
	if first == nil { // cradle run opens on the session, not on this screen
		undo = ui.PaintFirstFrame(out, m, environ)
	}
	// Signals save and quit as ctrl+c does (ui.HandleSignals), instead of
	// Bubble Tea's quitting without a word.
	p := tea.NewProgram(m, tea.WithFPS(fps), tea.WithInput(in), tea.WithOutput(out), tea.WithEnvironment(environ),
		tea.WithoutSignalHandler())
	defer ui.HandleSignals(p, in)()
	final, err := p.Run()
	if err != nil && !errors.Is(err, tea.ErrInterrupted) {
		undo()
		fmt.Fprintln(stderr, name+":", err)
		return Problem
	}
	// ctrl+c (or a signal) during a massage: say, back in the shell, that
	// it is kept.
	if fm, ok := final.(ui.Model); ok {
		if bye := fm.Farewell(); bye != "" {
			fmt.Fprintln(out, bye)
		}
	}
	return OK
}

// milking is the swedish-milking-only setting as the store writes the
// choice; "" leaves it to the parent's choice in cradle.
func milking(v string) store.Milking {
	switch v {
	case "on":
		return store.MilkingSwedishOnly
	case "off":
		return store.MilkingBoth
	}
	return ""
}

// plainMode decides between plain lines and the full screen: the
// setting, or with auto, plain lines where a full screen cannot work:
// TERM=dumb (or no TERM, but on Windows, which sets none), or input or
// output that is not a terminal (a pipe, a file).
func plainMode(setting, termName string, in, out *os.File) bool {
	switch setting {
	case "on":
		return true
	case "off":
		return false
	}
	isTerm := func(f *os.File) bool { return f != nil && term.IsTerminal(f.Fd()) }
	noTerm := termName == "" && runtime.GOOS != "windows"
	return termName == "dumb" || noTerm || !isTerm(in) || !isTerm(out)
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
