// Command cradle is a terminal coach for infant massage: it walks a parent
// through a massage region by region, times each stroke, asks how the baby
// is doing and changes course on the answer, and keeps every outcome in a
// local database.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"github.com/cradle-coach/cradle/cli"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui"
	"github.com/cradle-coach/cradle/ui/speech"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// fps is how often Bubble Tea may redraw. Every frame wakes the process,
// and on a quiet countdown those wake-ups are nearly all the CPU cradle
// spends, so the rate is low. Timed changes are aligned to the frames
// (ui.frameClock), so the countdown is never late whatever the rate; a key
// is answered within one frame; the first screen is painted before the
// renderer starts (ui.PaintFirstFrame). A frame must divide a second
// exactly for the alignment. See the README's "Performance" section.
const fps = 5

func main() {
	// A terminal coach has no parallel work, and with one P an idle wake-up
	// (a frame, a tick) costs about a third less CPU: no second thread
	// spins looking for work. GOMAXPROCS in the environment still wins.
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin *os.File, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cradle", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbFlag := fs.String("db", "", "the database `file` (default: $CRADLE_DB, else "+cli.DBHint()+")")
	soundFlag := fs.String("sound", "on", "`on` or off: ring the terminal bell at each new stroke, region and check-in (off also keeps the voice quiet)")
	routinesFlag := fs.String("routines", "", "the `folder` of your own routine files (default: "+cli.RoutinesDirHint()+")")
	voiceFlag := fs.Bool("voice", envOn("CRADLE_VOICE"), "speak each prompt and check-in through espeak-ng, spd-say or say (or set CRADLE_VOICE=1)")
	themeFlag := fs.String("theme", "", "`light`, dark or night (dim, low in blue, for bedtime); default: follow the terminal's background. NO_COLOR is honoured")
	presentFlag := fs.Bool("present", false, "big letters for a room: a demonstration on a doll, with nothing read or saved")
	showVersion := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "cradle: a terminal coach for infant massage.\n\nUsage:\n  cradle [flags]              choose a massage and follow it\n  cradle run [flags] ID|FILE  start a routine straight away (its id, learning-plan-week-1 to 6, or a routine file)\n  cradle routines list|show|validate|new\n                              your own routine files, in plain text (cradle routines help)\n%s\nFlags:\n", cli.CommandsUsage)
		fs.PrintDefaults()
		fmt.Fprintf(stderr, "\n%s\n", ui.Notice)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *showVersion {
		fmt.Fprintln(stdout, "cradle", version)
		return 0
	}
	if fs.NArg() > 0 {
		if cmd, ok := cli.Commands[fs.Arg(0)]; ok {
			return cmd(fs.Args()[1:], *dbFlag, stdout, stderr)
		}
	}
	var start string
	if fs.NArg() > 0 && fs.Arg(0) == "routines" {
		return cli.Routines(fs.Args()[1:], stdout, stderr, *routinesFlag)
	}
	if fs.NArg() > 0 {
		if fs.Arg(0) != "run" {
			fmt.Fprintf(stderr, "cradle: unknown command %q. Run cradle --help for usage.\n", fs.Arg(0))
			return 2
		}
		// Flags may also follow the command: cradle run --sound off colic.
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return 2
		}
		if fs.NArg() != 1 {
			fmt.Fprintln(stderr, "cradle: run needs one routine: its id (such as full-body) or a routine file.")
			return 2
		}
		start = fs.Arg(0)
	}
	var sound ui.Sound = ui.Bell{}
	switch *soundFlag {
	case "on":
	case "off":
		sound = ui.Silent{}
	default:
		fmt.Fprintf(stderr, "cradle: --sound must be on or off, not %q.\n", *soundFlag)
		return 2
	}
	theme, ok := pickTheme(*themeFlag, os.Getenv("NO_COLOR"))
	if !ok {
		fmt.Fprintf(stderr, "cradle: --theme must be light, dark or night, not %q.\n", *themeFlag)
		return 2
	}
	voice, hush, notice := pickVoice(*voiceFlag, *soundFlag == "off")
	defer hush() // a prompt being spoken must not outlast cradle

	if !term.IsTerminal(stdin.Fd()) {
		fmt.Fprintln(stderr, "cradle: standard input is not a terminal. cradle is interactive: run it in a terminal window (not through a pipe or a file).")
		return 1
	}

	lib, err := routines.Builtin()
	if err != nil {
		fmt.Fprintf(stderr, "cradle: a built-in routine is broken (this is a bug):\n%v\n", err)
		return 1
	}

	cat := routines.Catalog{Routines: lib}
	dir, err := cli.RoutinesDir(*routinesFlag)
	if err != nil {
		cat.DirErr = err
	} else {
		cat = routines.LoadCatalog(lib, dir)
	}

	var first *routines.Routine
	if start != "" {
		if first, err = cli.Pick(start, cat); err != nil {
			fmt.Fprintln(stderr, "cradle:", cli.Safe(err.Error()))
			return 1
		}
	}

	// A demonstration never opens the database: nothing is read, nothing
	// written, and it runs beside a cradle that has the database open.
	var st ui.Store = ui.DemoStore()
	if !*presentFlag {
		path, err := cli.DBPath(*dbFlag)
		if err != nil {
			fmt.Fprintln(stderr, "cradle:", err)
			return 1
		}
		db, err := store.Open(path, store.Options{})
		if err != nil {
			fmt.Fprintln(stderr, "cradle:", err)
			return 1
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
		Voice: voice, Theme: theme, Present: *presentFlag, Notice: notice})
	undo := func() {}
	if first == nil { // cradle run opens on the session, not on this screen
		undo = ui.PaintFirstFrame(os.Stdout, m)
	}
	p := tea.NewProgram(m, tea.WithFPS(fps))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrInterrupted) {
		undo()
		fmt.Fprintln(stderr, "cradle:", err)
		return 1
	}
	return 0
}

// pickTheme reads --theme; NO_COLOR (any value but empty, as no-color.org
// asks) wins over it. "" follows the terminal's background.
func pickTheme(flagValue, noColor string) (ui.Theme, bool) {
	if noColor != "" {
		return ui.Mono, true
	}
	if flagValue == "" || flagValue == "auto" {
		return "", true
	}
	for _, t := range ui.Themes {
		if string(t) == flagValue {
			return t, true
		}
	}
	return "", false
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
