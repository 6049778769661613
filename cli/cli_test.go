package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// cradle runs cradle with args, and returns the exit status, standard
// output and standard error.
func cradle(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(args, Stdio{In: strings.NewReader(""), Out: &out, Err: &errOut})
	return code, out.String(), errOut.String()
}

// home gives cradle a home folder of its own, so the paths help names
// are the same on every Linux machine.
func home(t *testing.T) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the paths in help are Linux's here")
	}
	t.Setenv("HOME", "/home/ada")
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "CRADLE_DB", "CRADLE_VOICE", "NO_COLOR"} {
		t.Setenv(v, "")
	}
}

// Every command's help, asked for in each of the three ways, is the same
// text on standard output, with exit status 0. The texts are golden.
func TestHelpGolden(t *testing.T) {
	home(t)
	var paths [][]string
	walk((&invocation{}).commands(), func(c *cobra.Command) {
		if !c.Hidden {
			paths = append(paths, strings.Fields(c.CommandPath())[1:])
		}
	})
	if len(paths) < 12 {
		t.Fatalf("only %d commands in the table: %v", len(paths), paths)
	}
	for _, p := range paths {
		name := strings.Join(append([]string{"help", "cradle"}, p...), "-")
		code, out, errOut := cradle(t, append(slices.Clone(p), "--help")...)
		if code != OK || errOut != "" {
			t.Errorf("%v --help: exit %d, stderr %q", p, code, errOut)
		}
		golden.Check(t, name, out)
		for _, args := range [][]string{append(slices.Clone(p), "-h"), append([]string{"help"}, p...)} {
			if code, again, errOut := cradle(t, args...); code != OK || errOut != "" || again != out {
				t.Errorf("%q: exit %d, stderr %q, and a help unlike --help's:\n%s", args, code, errOut, again)
			}
		}
		for _, want := range []string{"Usage:\n  cradle", exitHelp} {
			if !strings.Contains(out, want) {
				t.Errorf("%v --help lacks %q", p, want)
			}
		}
		for _, line := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(line); n > helpWidth {
				t.Errorf("%v --help: a line of %d columns, past %d: %s", p, n, helpWidth, line)
			}
		}
	}
}

// Help shows what a flag takes (its choices or a word in capitals), never
// what looks like a default.
func TestHelpShowsChoices(t *testing.T) {
	home(t)
	_, out, _ := cradle(t, "--help")
	for _, want := range []string{"--theme light|dark|night", "--sound on|off", "--db FILE", "--routines FOLDER"} {
		if !strings.Contains(out, want) {
			t.Errorf("cradle --help lacks %q", want)
		}
	}
	for _, bad := range []string{"(default \"", "-theme light ", "string"} {
		if strings.Contains(out, bad) {
			t.Errorf("cradle --help shows %q", bad)
		}
	}
}

func TestVersion(t *testing.T) {
	var first string
	for _, args := range [][]string{{"--version"}, {"-v"}, {"version"}} {
		code, out, errOut := cradle(t, args...)
		if code != OK || errOut != "" || !strings.HasPrefix(out, "cradle ") || strings.Count(out, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
		if first == "" {
			first = out
		} else if out != first {
			t.Errorf("%v prints %q, --version %q", args, out, first)
		}
	}
}

// The version stamped in wins; without one, the module version and the
// commit the toolchain recorded; "dev" only when nothing is known.
func TestDescribeVersion(t *testing.T) {
	vcs := func(version string, settings ...string) *debug.BuildInfo {
		info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/cradle-coach/cradle", Version: version}}
		for i := 0; i < len(settings); i += 2 {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return info
	}
	built := vcs("(devel)", "vcs.revision", "6de4541a1b2c3d4e", "vcs.time", "2026-11-29T18:46:00Z", "vcs.modified", "false")
	for _, c := range []struct {
		version, commit, date string
		info                  *debug.BuildInfo
		want                  string
	}{
		{"1.2.0", "0123456789abcdef", "2026-12-01T10:00:00Z", built, "1.2.0 (commit 0123456, 2026-12-01)"},
		{"", "", "", built, "dev (commit 6de4541, 2026-11-29)"},
		{"", "", "", vcs("v1.2.0"), "v1.2.0"},
		{"", "", "", vcs("v0.0.0-20261129184600-6de4541a1b2c+dirty", "vcs.revision", "6de4541a1b2c", "vcs.modified", "true"), "v0.0.0-20261129184600-6de4541a1b2c+dirty (commit 6de4541)"},
		{"", "", "", vcs("(devel)", "vcs.revision", "6de4541a1b2c", "vcs.modified", "true"), "dev (commit 6de4541, with changes not committed)"},
		{"", "", "", vcs("(devel)"), "dev"},
		{"", "", "", nil, "dev"},
	} {
		if got := describe(c.version, c.commit, c.date, c.info); got != c.want {
			t.Errorf("describe(%q, %q, %q, %+v) = %q, want %q", c.version, c.commit, c.date, c.info, got, c.want)
		}
	}
}

// What is not understood is said on standard error in plain words, with
// the nearest command or flag, and exit status 2; nothing on stdout.
func TestUsageErrors(t *testing.T) {
	home(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"rn", "colic"}, "cradle: there is no command \"rn\". Did you mean cradle run?\nRun cradle --help for more.\n"},
		{[]string{"--thme", "night"}, "cradle: there is no flag --thme. Did you mean --theme?\nRun cradle --help for more.\n"},
		{[]string{"-theme", "night"}, "cradle: there is no flag -theme: long flags take two dashes. Did you mean --theme?\n"},
		{[]string{"--theme", "blue"}, "cradle: --theme must be light, dark, night or auto, not \"blue\".\n"},
		{[]string{"run", "colic", "--sound", "loud"}, "cradle run: --sound must be on or off, not \"loud\".\nRun cradle help run for more.\n"},
		{[]string{"run", "colic", "--sound"}, "cradle run: --sound needs a value: --sound on|off.\n"},
		{[]string{"run"}, "cradle run: run needs one routine"},
		{[]string{"run", "colic", "newborn"}, "cradle run: run needs one routine"},
		{[]string{"routines", "lsit"}, "Did you mean cradle routines list?"},
		{[]string{"export", "--fromat", "csv"}, "cradle export: there is no flag --fromat. Did you mean --format?"},
		{[]string{"help", "exprot"}, "cradle help: there is no command \"exprot\". Did you mean cradle export?\nRun cradle --help for more.\n"},
		{[]string{"version", "now"}, "cradle version: version takes no arguments, and was given \"now\"."},
		{[]string{"completion", "tcsh"}, "cradle completion: cradle has no completion script for tcsh; it writes them for bash, zsh, fish or powershell.\n"},
		{[]string{"completion"}, "cradle completion: completion needs one shell: bash, zsh, fish or powershell.\n"},
		{[]string{"completion", "bash", "zsh"}, "cradle completion: completion needs one shell: bash, zsh, fish or powershell.\n"},
		// A word after a switch that is not on or off: the switch is named.
		{[]string{"run", "colic", "--voice", "loud"}, "cradle run: --voice must be on or off, not \"loud\": write --voice off, or --voice alone for on.\nRun cradle help run for more.\n"},
		{[]string{"config", "--plain", "maybe"}, "cradle config: --plain must be on or off, not \"maybe\": write --plain off, or --plain alone for on."},
		{[]string{"--present", "later"}, "cradle: --present must be on or off, not \"later\""},
		{[]string{"run", "colic", "--voice=loud"}, "cradle run: --voice must be on or off, not \"loud\".\n"},
		{[]string{"run", "colic", "--present=maybe"}, "cradle run: --present must be on or off, not \"maybe\".\n"},
		{[]string{"backup", "b.db", "--force=maybe"}, "cradle backup: --force must be on or off, not \"maybe\".\n"},
		// A class's flags are read before the terminal is looked for (the
		// test's standard input is not one).
		{[]string{"class", "host", "--max-families", "0"}, "cradle class host: --max-families takes 1 to 500, not 0.\nRun cradle help class host for more.\n"},
		{[]string{"class", "host", "--max-families", "501"}, "cradle class host: --max-families takes 1 to 500, not 501."},
		{[]string{"class", "host", "--max-families=-3"}, "cradle class host: --max-families takes 1 to 500, not -3."},
		{[]string{"class", "host", "--code", "a b"}, "cradle class host: --code: a class code is 3 short words"},
		{[]string{"class", "host", "--listen", "nonsense"}, "cradle class host: --listen takes host:port, such as 127.0.0.1:2323 or :2323, not \"nonsense\"."},
		{[]string{"class", "host", "--listen", ":99999"}, "cradle class host: --listen takes host:port"},
	} {
		code, out, errOut := cradle(t, c.args...)
		if code != Usage || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%q: exit %d, stdout %q\nstderr %q\nwant   %q", c.args, code, out, errOut, c.want)
		}
	}
}

// Flags may come before or after the arguments, and before the command.
// cradle run gets as far as asking for a terminal only once its flags
// were understood, wherever they were (plain mode off: it would read
// its answers from anywhere).
func TestFlagsAnywhere(t *testing.T) {
	home(t)
	t.Setenv("CRADLE_PLAIN", "off") // the full screen, which asks for a terminal
	for _, args := range [][]string{
		{"run", "newborn", "--sound", "off"},
		{"run", "--sound", "off", "newborn"},
		{"--sound", "off", "run", "newborn"},
		{"run", "newborn", "--theme=night", "--voice=false", "--present"},
		// Every on/off flag takes its word as --sound does.
		{"run", "newborn", "--voice", "off"},
		{"run", "--voice", "off", "newborn"},
		{"--voice", "no", "run", "newborn"},
		{"run", "--present", "off", "newborn", "--voice", "ON"},
		{"run", "newborn", "--present=yes", "--plain", "off"},
	} {
		code, out, errOut := cradle(t, args...)
		// Led by the command's own name, as its usage errors are.
		if code != Problem || out != "" || !strings.HasPrefix(errOut, "cradle run: standard input is not a terminal") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	dir := t.TempDir()
	for _, args := range [][]string{
		{"routines", "show", "colic", "--routines", dir},
		{"routines", "--routines", dir, "show", "colic"},
		{"--routines", dir, "routines", "show", "colic"},
	} {
		if code, out, errOut := cradle(t, args...); code != OK || !strings.HasPrefix(out, "Colic comfort\n") {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// A switch (--voice, --plain, --present, --force) is on alone, and takes
// on or off as the next word or after =, as --sound does; that word is
// never an argument.
func TestSwitchWords(t *testing.T) {
	home(t)
	t.Setenv("CRADLE_VOICE", "on")
	t.Setenv("CRADLE_PLAIN", "on")
	for _, c := range []struct {
		args        []string
		voice, from string
	}{
		{[]string{"config", "--voice", "off"}, "off", "--voice"},
		{[]string{"config", "--voice", "No"}, "off", "--voice"},
		{[]string{"config", "--voice=off"}, "off", "--voice"},
		{[]string{"--voice", "0", "config"}, "off", "--voice"},
		{[]string{"config", "--voice"}, "on", "--voice"},
		{[]string{"config", "--plain", "off", "--voice", "false"}, "off", "--voice"},
		{[]string{"config"}, "on", "CRADLE_VOICE"},
	} {
		code, out, errOut := cradle(t, c.args...)
		if code != OK || !strings.Contains(squeeze(out), "voice "+c.voice+" "+c.from) {
			t.Errorf("%q: exit %d\n%s%s", c.args, code, out, errOut)
		}
	}
	if _, out, _ := cradle(t, "config", "--plain", "off"); !strings.Contains(squeeze(out), "plain off --plain") {
		t.Errorf("--plain off:\n%s", out)
	}

	root := (&invocation{}).commands()
	for _, c := range []struct{ args, want []string }{
		{[]string{"run", "colic", "--voice", "off"}, []string{"run", "colic", "--voice=off"}},
		{[]string{"backup", "--force", "yes", "b.db"}, []string{"backup", "--force=yes", "b.db"}},
		{[]string{"run", "--voice", "colic"}, []string{"run", "--voice", "colic"}}, // a routine, not a value
		{[]string{"run", "--sound", "off", "colic"}, []string{"run", "--sound", "off", "colic"}},
		{[]string{"run", "--", "--voice", "off"}, []string{"run", "--", "--voice", "off"}},
		// The word being completed is left as typed; one before it is read.
		{[]string{"__complete", "run", "--voice", "off"}, []string{"__complete", "run", "--voice", "off"}},
		{[]string{"__complete", "run", "--voice", "off", ""}, []string{"__complete", "run", "--voice=off", ""}},
	} {
		if got, _ := switchWords(root, c.args); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.args, got, c.want)
		}
	}
}

// Every switch of every command takes on and off: switchWords hands it
// the word, so a plain bool flag would refuse "off".
func TestEverySwitchTakesOnOff(t *testing.T) {
	walk((&invocation{}).commands(), func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if !isSwitch(f) {
				return
			}
			for _, word := range []string{"off", "on", "no", "yes"} {
				if err := f.Value.Set(word); err != nil {
					t.Errorf("%s --%s %s: %v", c.CommandPath(), f.Name, word, err)
				}
			}
		})
	})
}

// squeeze is s with every run of spaces one space.
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// The completion scripts come from the command table, for every shell,
// and the completions they ask cradle for name its routines and choices.
func TestCompletion(t *testing.T) {
	home(t)
	for shell, want := range map[string]string{
		"bash":       "complete -o default -F __start_cradle cradle",
		"zsh":        "#compdef cradle",
		"fish":       "complete -c cradle",
		"powershell": "Register-ArgumentCompleter -CommandName 'cradle'",
	} {
		code, out, errOut := cradle(t, "completion", shell)
		if code != OK || errOut != "" || !strings.Contains(out, want) {
			t.Errorf("completion %s: exit %d, stderr %q, lacks %q", shell, code, errOut, want)
		}
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"run", ""}, []string{"full-body\tFull-body massage", "colic\tColic comfort", "newborn\t"}},
		{[]string{"run", "newborn", "--theme", ""}, []string{"light", "dark", "night"}},
		{[]string{"--sound", ""}, []string{"on", "off"}},
		{[]string{"export", "--format", ""}, []string{"csv", "json"}},
		{[]string{""}, []string{"run\t", "routines\t", "export\t", "version\t"}},
		{[]string{"routines", "show", "c"}, []string{"colic\t"}},
		// The learning plan's weeks, as cradle run learning-plan-week-3 starts one.
		{[]string{"run", "learning"}, []string{"learning-plan-week-1\tLearning plan · week 1", "learning-plan-week-" + strconv.Itoa(routines.PlanWeeks) + "\t"}},
	} {
		_, out, _ := cradle(t, append([]string{"__complete"}, c.args...)...)
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("completing %q: no %q in\n%s", c.args, w, out)
			}
		}
	}
	if _, out, _ := cradle(t, "__complete", "run", "learning"); strings.Contains(out, "learning-plan-week-"+strconv.Itoa(routines.PlanWeeks+1)) {
		t.Errorf("a week past the plan's last:\n%s", out)
	}
}

// --baby completes the babies' names in the database --db names (or
// CRADLE_DB); while a cradle holds the database, nothing, at once.
func TestCompleteBabies(t *testing.T) {
	home(t)
	db := filepath.Join(t.TempDir(), "cradle.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Ada", "Leo"} {
		if _, err := st.SaveBaby(store.Baby{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	complete := func(args ...string) []string {
		_, out, _ := cradle(t, append([]string{"__complete"}, args...)...)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		return lines[:len(lines)-1] // the directive
	}
	if got := complete("run", "colic", "--db", db, "--baby", ""); len(got) != 0 {
		t.Errorf("while cradle holds the database: %q", got)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"run", "colic", "--db", db, "--baby", ""},
		{"--db", db, "--baby", ""},
		{"export", "--db", db, "--baby", ""},
		{"config", "--db", db, "--baby", ""},
	} {
		if got := complete(args...); !slices.Equal(got, []string{"Ada", "Leo"}) {
			t.Errorf("%q: %q", args, got)
		}
	}
	t.Setenv("CRADLE_DB", db)
	if got := complete("run", "colic", "--baby", ""); !slices.Equal(got, []string{"Ada", "Leo"}) {
		t.Errorf("CRADLE_DB: %q", got)
	}
	none := filepath.Join(t.TempDir(), "none.db")
	if got := complete("run", "--db", none, "--baby", ""); len(got) != 0 {
		t.Errorf("no database: %q", got)
	}
	if _, err := os.Stat(none); err == nil {
		t.Error("completing made a database")
	}
}

// The man page is made from the same table, with the files described for
// every system rather than where they are on the machine that made it.
func TestManPage(t *testing.T) {
	home(t)
	code, out, errOut := cradle(t, "man")
	if code != OK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{".TH CRADLE 1", ".SH NAME", ".SH SYNOPSIS", "run", "routines", "export", "\\-\\-theme", ".SH FILES", "$XDG_DATA_HOME/cradle/cradle.db", ".SH EXIT STATUS", "not medical advice"} {
		if !strings.Contains(out, want) {
			t.Errorf("the man page lacks %q", want)
		}
	}
	if strings.Contains(out, "/home/ada") {
		t.Error("the man page names this machine's home folder")
	}
}

// fakeSpeech puts a speech program named name first on the PATH, made of
// a shell script's body, and no other.
func fakeSpeech(t *testing.T, name, body string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake speech program is a shell script")
	}
	dir := t.TempDir()
	if name != "" {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir)
}

// cradle voice test says which program it used and whether it worked,
// even when the program fails quietly: espeak-ng with no sound device
// exits 0 and says so only on its error output.
func TestVoiceTest(t *testing.T) {
	home(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("CRADLE_SOUND", "")
	alsa := `echo "ALSA lib confmisc.c:855:(parse_card) cannot find card '0'" >&2; echo "error: No such file or directory" >&2; exit 0`
	for _, c := range []struct {
		name, body string
		code       int
		out, err   string
	}{
		{"espeak-ng", "exit 0", OK, "espeak-ng spoke without an error. If you heard nothing, turn the volume up.\nThe voice is off (cradle's default): cradle --voice, or voice: on in the settings file, turns it on.\n", ""},
		{"espeak-ng", alsa, Problem, "", "espeak-ng could not speak: ALSA: cannot find card '0'.\nNothing was heard."},
		{"spd-say", "exit 1", Problem, "Speaking through spd-say (", "spd-say could not speak: exit status 1.\n"},
		{"", "", Problem, "", "No speech program: cradle looks for espeak-ng, spd-say or say, and none is installed.\n"},
	} {
		fakeSpeech(t, c.name, c.body)
		code, out, errOut := cradle(t, "voice", "test")
		if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errOut, c.err) {
			t.Errorf("%s %q: exit %d\nstdout %q\nstderr %q", c.name, c.body, code, out, errOut)
		}
		if c.name != "" && !strings.HasPrefix(out, "Speaking through "+c.name+" (") {
			t.Errorf("%s: does not say which program: %q", c.name, out)
		}
	}
	// With the voice on, nothing more is asked of the parent.
	fakeSpeech(t, "espeak-ng", "exit 0")
	t.Setenv("CRADLE_VOICE", "on")
	if _, out, _ := cradle(t, "voice", "test"); strings.Contains(out, "The voice is off") {
		t.Errorf("voice on: %q", out)
	}
}

// Help fits a narrow terminal: paragraphs are wrapped between words, and
// indented lines (a settings file, a table) are kept as they are.
func TestHelpReflow(t *testing.T) {
	home(t)
	root := (&invocation{}).commands()
	config, _, err := root.Find([]string{"config"})
	if err != nil {
		t.Fatal(err)
	}
	got := reflow(config.Long, 44)
	for _, line := range strings.Split(got, "\n") {
		if len(line) > 44 && !strings.HasPrefix(line, "  ") {
			t.Errorf("a line of %d columns: %q", len(line), line)
		}
	}
	for _, want := range []string{"  theme: night                # light, dark, night, or auto: as the terminal\n", "(CRADLE_THEME,"} {
		if !strings.Contains(got, want) {
			t.Errorf("lost %q in\n%s", want, got)
		}
	}
}
