package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui/speech"
)

// A setting is one of the defaults a family keeps. Each has a flag, a
// variable in the environment and a line in the settings file
// (config.yaml): the flag beats the variable, which beats the file.
type setting struct {
	name    string   // the flag (--theme) and the file's key (theme:)
	env     string   // CRADLE_THEME
	choices []string // the values it takes; nil: a name
	unset   string   // the value when nothing sets it
	usage   string   // for help
	// unsetSays is what cradle config shows when nothing sets it and
	// cradle decides as it goes ("the baby chosen last").
	unsetSays string
}

var (
	onOffChoices = []string{"on", "off"}
	settings     = []setting{
		{"theme", "CRADLE_THEME", []string{"light", "dark", "night", "auto"}, "auto",
			"the colours: night is dim and low in blue, for bedtime; auto follows the terminal's background", ""},
		{"sound", "CRADLE_SOUND", onOffChoices, "on",
			"ring the terminal bell at each new stroke, region and check-in; off also keeps the voice quiet", ""},
		{"voice", "CRADLE_VOICE", onOffChoices, "off",
			"speak each prompt and check-in aloud through " + orList(speech.Names()), ""},
		{"auto-advance", "CRADLE_AUTO_ADVANCE", onOffChoices, "on",
			"go on to the next step when a step's time is up; off waits for → (the a key turns it on or off)", ""},
		{"baby", "CRADLE_BABY", nil, "",
			"start with this baby, by `NAME` (else the baby chosen last)", "the baby chosen last"},
		{"swedish-milking-only", "CRADLE_SWEDISH_MILKING_ONLY", onOffChoices, "",
			"on: every Indian milking stroke is done as Swedish milking, towards the heart; off: both (else cradle asks once, and m changes it)", "asked once in cradle"},
		{"plain", "CRADLE_PLAIN", onOffChoices, "",
			"one line for each prompt, answered a line at a time, for a screen reader or a plain terminal (without it: where a full screen cannot work, as with TERM=dumb or a pipe)",
			"where a full screen cannot work"},
	}
)

// switches are the settings whose flag alone means on (--voice, --plain).
var switches = []string{"voice", "plain"}

// maxSettingsFile is the largest settings file read: a few lines are
// expected.
const maxSettingsFile = 64 << 10

// parse reads text as a value of s: "yes", "true" and "1" are on. Its
// error says what is wrong after the setting's name: "must be on or off".
func (s *setting) parse(text string) (string, error) {
	text = strings.TrimSpace(text)
	if s.choices == nil {
		if text == "" {
			return "", errors.New("needs a name")
		}
		return routines.Clean(text), nil
	}
	low := strings.ToLower(text)
	if on, ok := onOff(text); ok && slices.Equal(s.choices, onOffChoices) {
		low = "off"
		if on {
			low = "on"
		}
	}
	if !slices.Contains(s.choices, low) {
		return "", fmt.Errorf("must be %s, not %q", orList(s.choices), text)
	}
	return low, nil
}

// value is a setting's value and where it came from.
type value struct {
	v    string
	from string // "--theme", "CRADLE_THEME", "config.yaml:LINE", "NO_COLOR"; "" when unset
}

// settingFlag is a setting as a flag: it takes what the file takes, and
// says whether it was given.
type settingFlag struct {
	s   *setting
	val *string
}

func (f settingFlag) String() string { return *f.val }
func (f settingFlag) Set(text string) error {
	v, err := f.s.parse(text)
	if err != nil {
		return err
	}
	*f.val = v
	return nil
}

// Type is what help shows the flag takes: its choices, or nothing for a
// switch that needs no value (--voice; --voice=off).
func (f settingFlag) Type() string {
	switch {
	case slices.Contains(switches, f.s.name):
		return "bool"
	case f.s.choices == nil:
		return "string"
	}
	return strings.Join(f.s.choices, "|")
}

// addSettingFlags adds a flag for each setting to cmd; what they were
// given is read back by resolve.
func addSettingFlags(cmd *cobra.Command) {
	for i := range settings {
		s := &settings[i]
		var v string
		flag := cmd.Flags().VarPF(settingFlag{s, &v}, s.name, "", s.usage)
		if slices.Contains(switches, s.name) {
			flag.NoOptDefVal = "true" // --voice alone means on, as it always has
		}
		if s.choices != nil {
			_ = cmd.RegisterFlagCompletionFunc(s.name, cobra.FixedCompletions(s.choices, cobra.ShellCompDirectiveNoFileComp))
		}
	}
}

// findSetting is the setting called name, or nil.
func findSetting(name string) *setting {
	for i := range settings {
		if settings[i].name == name {
			return &settings[i]
		}
	}
	return nil
}

// resolved is the settings of one run.
type resolved struct {
	set map[string]value
	// problems are the environment's, one a line.
	problems []string
	// notUsed names, for each setting, the places with a problem it
	// passed over: "CRADLE_SOUND", "config.yaml:3".
	notUsed map[string][]string
}

// resolve works out each setting: the flag, else the environment, else
// the file, else its default. NO_COLOR turns the colours off unless a
// theme was asked for by name (no-color.org: a setting of the user's
// wins). A variable with a bad value is a problem, and is not used; nor
// is a line of the file with one.
func resolve(flags *pflag.FlagSet, getenv func(string) string, file settingsFile) resolved {
	out := resolved{set: map[string]value{}, notUsed: map[string][]string{}}
	for i := range settings {
		s := &settings[i]
		v := value{v: s.unset}
		var passed []string
		if f := flags.Lookup(s.name); f != nil && f.Changed {
			v = value{f.Value.String(), "--" + s.name}
		} else if text := getenv(s.env); text != "" {
			if got, err := s.parse(text); err != nil {
				out.problems = append(out.problems, fmt.Sprintf("%s %v", s.env, err))
				passed = append(passed, s.env)
			} else {
				v = value{got, s.env}
			}
		}
		if v.from == "" {
			if fv, ok := file.values[s.name]; ok {
				v = fv
			} else if line := file.notUsed[s.name]; line != "" {
				passed = append(passed, line)
			}
		}
		out.set[s.name] = v
		if passed != nil {
			out.notUsed[s.name] = passed
		}
	}
	if out.set["theme"].from == "" && getenv("NO_COLOR") != "" {
		out.set["theme"] = value{"mono", "NO_COLOR"}
	}
	return out
}

// fellBack names the settings that a line of the file with a problem
// leaves at their default, in the settings' order.
func (r resolved) fellBack(file settingsFile) []string {
	var names []string
	for _, s := range settings {
		if line := file.notUsed[s.name]; line != "" && slices.Contains(r.notUsed[s.name], line) {
			names = append(names, s.name)
		}
	}
	return names
}

// fallBackWords says which settings fell back: "sound and baby fall back
// to their defaults".
func fallBackWords(names []string) string {
	if len(names) == 1 {
		return names[0] + " falls back to its default"
	}
	return andList(names) + " fall back to their defaults"
}

// settings works out the settings of this run, and says in a line each
// what was wrong with the environment or the settings file.
func (inv *invocation) settings(cmd *cobra.Command) (map[string]value, []string) {
	path, err := ConfigFile()
	var notes []string
	if err != nil {
		notes = append(notes, fmt.Sprintf("The settings file could not be found: %v.", err))
	}
	file := readSettings(path)
	run := resolve(cmd.Flags(), os.Getenv, file)
	if file.err != nil {
		// The path is long for the foot of the screen; cradle config says it.
		notes = append(notes, fmt.Sprintf("%s cannot be read: %s; its settings are not used.", filepath.Base(path), Safe(file.err.Error())))
	}
	if len(file.problems) > 0 {
		// One line at the foot of the screen, what it changes first: the
		// file's name is enough there, and cradle config says the rest.
		first := *file.problems[0]
		first.File = filepath.Base(first.File)
		more := ""
		if n := len(file.problems) - 1; n > 0 {
			more = fmt.Sprintf(" (and %d more)", n)
		}
		if fell := run.fellBack(file); len(fell) > 0 {
			what := fallBackWords(fell) // setting names: ASCII
			notes = append(notes, fmt.Sprintf("%s%s: %s%s; see cradle config.", strings.ToUpper(what[:1]), what[1:], Safe(first.Error()), more))
		} else {
			notes = append(notes, fmt.Sprintf("%s%s; not used: see cradle config.", Safe(first.Error()), more))
		}
	}
	for _, p := range run.problems {
		notes = append(notes, Safe(p)+"; it is not used.")
	}
	return run.set, notes
}
