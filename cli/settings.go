package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

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
	onOff    = []string{"on", "off"}
	settings = []setting{
		{"theme", "CRADLE_THEME", []string{"light", "dark", "night", "auto"}, "auto",
			"the colours: night is dim and low in blue, for bedtime; auto follows the terminal's background", ""},
		{"sound", "CRADLE_SOUND", onOff, "on",
			"ring the terminal bell at each new stroke, region and check-in; off also keeps the voice quiet", ""},
		{"voice", "CRADLE_VOICE", onOff, "off",
			"speak each prompt and check-in aloud through " + orList(speech.Names()), ""},
		{"auto-advance", "CRADLE_AUTO_ADVANCE", onOff, "on",
			"go on to the next step when a step's time is up; off waits for → (the a key turns it on or off)", ""},
		{"baby", "CRADLE_BABY", nil, "",
			"start with this baby, by `NAME` (else the baby chosen last)", "the baby chosen last"},
		{"swedish-milking-only", "CRADLE_SWEDISH_MILKING_ONLY", onOff, "",
			"on: every Indian milking stroke is done as Swedish milking, towards the heart; off: both (else cradle asks once, and m changes it)", "asked once in cradle"},
		{"plain", "CRADLE_PLAIN", onOff, "",
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
	if slices.Equal(s.choices, onOff) {
		switch low {
		case "1", "yes", "true":
			low = "on"
		case "0", "no", "false":
			low = "off"
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

// settingsFile is what the settings file says, and its problems.
type settingsFile struct {
	path     string
	values   map[string]value
	problems routines.Errors
	err      error // the file could not be read
}

// readSettings reads the settings file at path. A file that does not
// exist sets nothing.
func readSettings(path string) settingsFile {
	f := settingsFile{path: path, values: map[string]value{}}
	if path == "" {
		return f
	}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return f
	case err != nil:
		f.err = fmt.Errorf("cannot read the settings in %s: %w", path, unwrapPath(err))
		return f
	}
	f.values, f.problems = parseSettings(path, data)
	return f
}

// parseSettings reads a settings file: one "name: value" line for each
// setting it sets. Every problem is reported with its line and column,
// as routine files' are; a line with a problem sets nothing.
func parseSettings(path string, data []byte) (map[string]value, routines.Errors) {
	values := map[string]value{}
	root, err := routines.Document(path, data, "settings", maxSettingsFile)
	if err != nil {
		var es routines.Errors
		if errors.As(err, &es) {
			return values, es
		}
		return values, routines.Errors{{File: path, Msg: err.Error()}}
	}
	if root == nil {
		return values, nil // empty, or only comments
	}
	at := func(n *yaml.Node, format string, args ...any) *routines.Error {
		return &routines.Error{File: path, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
	}
	if root.Kind != yaml.MappingNode {
		return values, routines.Errors{at(root, "the settings must be lines of name: value, such as theme: night")}
	}
	var problems routines.Errors
	var names []string
	for i := range settings {
		names = append(names, settings[i].name)
	}
	line := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		s := findSetting(k.Value)
		switch {
		case s == nil:
			msg := fmt.Sprintf("there is no setting %q", k.Value)
			if near := routines.Nearest(k.Value, names); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			} else {
				msg += "; the settings are " + orList(names)
			}
			problems = append(problems, at(k, "%s", msg))
			continue
		case line[s.name] != 0:
			problems = append(problems, at(k, "%s is set twice; the first is on line %d", s.name, line[s.name]))
			continue
		}
		line[s.name] = k.Line
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			want := "a name"
			if s.choices != nil {
				want = orList(s.choices)
			}
			problems = append(problems, at(v, "%s needs a value: %s", s.name, want))
			continue
		}
		got, err := s.parse(v.Value)
		if err != nil {
			problems = append(problems, at(v, "%s %v", s.name, err))
			continue
		}
		values[s.name] = value{got, fmt.Sprintf("%s:%d", filepath.Base(path), k.Line)} // the path is said once, below the table
	}
	return values, problems
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

// resolve works out each setting: the flag, else the environment, else
// the file, else its default. NO_COLOR turns the colours off unless a
// theme was asked for by name (no-color.org: a setting of the user's
// wins). A variable with a bad value is a problem, and is not used.
func resolve(flags *pflag.FlagSet, getenv func(string) string, file settingsFile) (map[string]value, []string) {
	out := map[string]value{}
	var problems []string
	for i := range settings {
		s := &settings[i]
		v := value{v: s.unset}
		if f := flags.Lookup(s.name); f != nil && f.Changed {
			v = value{f.Value.String(), "--" + s.name}
		} else if text := getenv(s.env); text != "" {
			if got, err := s.parse(text); err != nil {
				problems = append(problems, fmt.Sprintf("%s %v", s.env, err))
			} else {
				v = value{got, s.env}
			}
		}
		if v.from == "" {
			if fv, ok := file.values[s.name]; ok {
				v = fv
			}
		}
		out[s.name] = v
	}
	if out["theme"].from == "" && getenv("NO_COLOR") != "" {
		out["theme"] = value{"mono", "NO_COLOR"}
	}
	return out, problems
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
	set, problems := resolve(cmd.Flags(), os.Getenv, file)
	if file.err != nil {
		notes = append(notes, Safe(file.err.Error())+".")
	}
	if len(file.problems) > 0 {
		// One line at the foot of the screen: the file's name is enough
		// there, and cradle config says the rest.
		first := *file.problems[0]
		first.File = filepath.Base(first.File)
		more := ""
		if n := len(file.problems) - 1; n > 0 {
			more = fmt.Sprintf(" (and %d more)", n)
		}
		notes = append(notes, fmt.Sprintf("%s%s; not used: see cradle config.", Safe(first.Error()), more))
	}
	for _, p := range problems {
		notes = append(notes, Safe(p)+"; it is not used.")
	}
	return set, notes
}
