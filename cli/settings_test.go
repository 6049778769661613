package cli

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// A flag beats the environment, which beats the file, which beats the
// default; NO_COLOR gives way to a theme named anywhere.
func TestSettingsPrecedence(t *testing.T) {
	const file = "/home/ada/.config/cradle/config.yaml"
	for _, c := range []struct {
		name     string
		flags    []string
		env      map[string]string
		text     string // the settings file
		setting  string
		want     value
		problems string
	}{
		{name: "nothing", setting: "theme", want: value{"auto", ""}},
		{name: "nothing: sound", setting: "sound", want: value{"on", ""}},
		{name: "nothing: voice", setting: "voice", want: value{"off", ""}},
		{name: "nothing: auto-advance", setting: "auto-advance", want: value{"on", ""}},
		{name: "nothing: baby", setting: "baby", want: value{"", ""}},
		{name: "nothing: milking", setting: "swedish-milking-only", want: value{"", ""}},
		{name: "milking from the file", text: "swedish-milking-only: yes\n", setting: "swedish-milking-only", want: value{"on", "config.yaml:1"}},
		{name: "milking by flag", flags: []string{"--swedish-milking-only=off"}, text: "swedish-milking-only: on\n", setting: "swedish-milking-only", want: value{"off", "--swedish-milking-only"}},
		{name: "file", text: "theme: night\n", setting: "theme", want: value{"night", "config.yaml:1"}},
		{name: "environment beats file", text: "theme: night\n", env: map[string]string{"CRADLE_THEME": "light"}, setting: "theme", want: value{"light", "CRADLE_THEME"}},
		{name: "flag beats environment and file", flags: []string{"--theme", "dark"}, text: "theme: night\n", env: map[string]string{"CRADLE_THEME": "light"}, setting: "theme", want: value{"dark", "--theme"}},
		{name: "NO_COLOR", env: map[string]string{"NO_COLOR": "1"}, setting: "theme", want: value{"mono", "NO_COLOR"}},
		{name: "a named theme beats NO_COLOR", flags: []string{"--theme", "night"}, env: map[string]string{"NO_COLOR": "1"}, setting: "theme", want: value{"night", "--theme"}},
		{name: "the file's theme beats NO_COLOR", text: "theme: night\n", env: map[string]string{"NO_COLOR": "1"}, setting: "theme", want: value{"night", "config.yaml:1"}},
		{name: "auto beats NO_COLOR too", flags: []string{"--theme=auto"}, env: map[string]string{"NO_COLOR": "1"}, setting: "theme", want: value{"auto", "--theme"}},
		{name: "an empty variable sets nothing", text: "sound: off\n", env: map[string]string{"CRADLE_SOUND": ""}, setting: "sound", want: value{"off", "config.yaml:1"}},
		{name: "CRADLE_VOICE=1 as before", env: map[string]string{"CRADLE_VOICE": "1"}, setting: "voice", want: value{"on", "CRADLE_VOICE"}},
		{name: "--voice alone is on", flags: []string{"--voice"}, text: "voice: off\n", setting: "voice", want: value{"on", "--voice"}},
		{name: "--voice=off beats the environment", flags: []string{"--voice=off"}, env: map[string]string{"CRADLE_VOICE": "on"}, setting: "voice", want: value{"off", "--voice"}},
		{name: "yes and no in the file", text: "auto-advance: no\n", setting: "auto-advance", want: value{"off", "config.yaml:1"}},
		{name: "YAML's off, unquoted", text: "sound: off\nvoice: yes\n", setting: "voice", want: value{"on", "config.yaml:2"}},
		{name: "a bad variable is not used", text: "sound: off\n", env: map[string]string{"CRADLE_SOUND": "loud"}, setting: "sound", want: value{"off", "config.yaml:1"}, problems: `CRADLE_SOUND must be on or off, not "loud"`},
		{name: "baby by flag", flags: []string{"--baby", "Bea"}, text: "baby: Ada\n", setting: "baby", want: value{"Bea", "--baby"}},
		{name: "baby from the environment", env: map[string]string{"CRADLE_BABY": " Ada "}, setting: "baby", want: value{"Ada", "CRADLE_BABY"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := &cobra.Command{Use: "cradle"}
			addSettingFlags(cmd)
			if err := cmd.ParseFlags(c.flags); err != nil {
				t.Fatal(err)
			}
			f := parseSettings(file, []byte(c.text))
			if len(f.problems) > 0 {
				t.Fatal(f.problems)
			}
			run := resolve(cmd.Flags(), func(k string) string { return c.env[k] }, f)
			got, bad := run.set, run.problems
			if got[c.setting] != c.want {
				t.Errorf("%s = %+v, want %+v", c.setting, got[c.setting], c.want)
			}
			if strings.Join(bad, "\n") != c.problems {
				t.Errorf("problems %q, want %q", bad, c.problems)
			}
		})
	}
}

// Every problem of a settings file is found, with its line and column,
// in the words routine files use; a line with a problem sets nothing and
// the others still count, even when the file is not valid YAML as a
// whole; and the settings a problem leaves unset are named.
func TestSettingsFileProblems(t *testing.T) {
	binary := strings.Repeat("\xff\xfe\x00\x01\n", maxNamedLines+1)
	for _, c := range []struct {
		text    string
		want    string // every problem, one a line
		sets    map[string]string
		notUsed map[string]string
	}{
		{"", "", nil, nil},
		{"# only a comment\n", "", nil, nil},
		{"theme: night\nsound: loud\n", `F:2:8: sound must be on or off, not "loud"`, map[string]string{"theme": "night"}, map[string]string{"sound": "F:2"}},
		{"them: night\n", `F:1:1: there is no setting "them"; did you mean "theme"?`, nil, nil},
		{"colour: red\n", `F:1:1: there is no setting "colour"; the settings are theme, sound, voice, auto-advance, baby, swedish-milking-only or plain`, nil, nil},
		{"theme: night\ntheme: dark\n", "F:2:1: theme is set twice; the first is on line 1", map[string]string{"theme": "night"}, nil},
		{"sound: loud\nsound: off\n", "F:1:8: sound must be on or off, not \"loud\"\nF:2:1: sound is set twice; the first is on line 1", nil, map[string]string{"sound": "F:1"}},
		{"baby:\n", "F:1:6: baby needs a value: a name", nil, map[string]string{"baby": "F:1"}},
		{"sound: [on, off]\n", "F:1:8: sound needs a value: on or off", nil, map[string]string{"sound": "F:1"}},
		{"- theme: night\n", "F:1:1: the settings must be lines of name: value, such as theme: night", nil, nil},
		{"theme night\n", "F:1:1: the settings must be lines of name: value, such as theme: night", nil, nil},
		{"# " + strings.Repeat("x", maxSettingsFile) + "\n", "F: the file is 65 KiB; a settings file must be at most 64 KiB", nil, nil},

		// Not valid YAML as a whole: read a line at a time.
		{"theme: night\nsound: off\nbaby: \"Mia\n", `F:3:7: the " that opens the value is not closed on this line; end the value with "`,
			map[string]string{"theme": "night", "sound": "off"}, map[string]string{"baby": "F:3"}},
		{"theme: night\r\nsound: off\r\nbaby: 'Mia\r\n", `F:3:7: the ' that opens the value is not closed on this line; end the value with '`,
			map[string]string{"theme": "night", "sound": "off"}, map[string]string{"baby": "F:3"}},
		{"baby: \"Mia \\\"Mo\\\"\nsound: 'it''s'\nvoice: on\n", "F:1:7: the \" that opens the value is not closed on this line; end the value with \"\nF:2:8: sound must be on or off, not \"it's\"",
			map[string]string{"voice": "on"}, map[string]string{"baby": "F:1", "sound": "F:2"}},
		{"sound: 'off\ntheme: \"night\n", "F:1:8: the ' that opens the value is not closed on this line; end the value with '\nF:2:8: the \" that opens the value is not closed on this line; end the value with \"",
			nil, map[string]string{"sound": "F:1", "theme": "F:2"}},
		{"garbage line without colon\nsound: off\n", "F:1:1: the settings must be lines of name: value, such as theme: night", map[string]string{"sound": "off"}, nil},
		{": weird\nsound: off\n", "F:1:1: the settings must be lines of name: value, such as theme: night", map[string]string{"sound": "off"}, nil},
		{"theme: night: dark\nsound: off\nbaby: \"Mia\n", "F:1:1: not valid YAML: mapping values are not allowed in this context\nF:3:7: the \" that opens the value is not closed on this line; end the value with \"",
			map[string]string{"sound": "off"}, map[string]string{"theme": "F:1", "baby": "F:3"}},
		{"theme: night\n  sound: off\n", "F:2:3: a setting starts at the beginning of its line, with nothing before its name", map[string]string{"theme": "night"}, map[string]string{"sound": "F:2"}},
		{"---\ntheme: night\n---\nsound: off\n", "F:3:1: --- would start a second list of settings; a settings file holds one: take this line out", map[string]string{"theme": "night", "sound": "off"}, nil},
		{"theme: ni\x01ght\nsound: off\n", "F:1:10: the file contains a control character (U+0001); remove it", map[string]string{"sound": "off"}, map[string]string{"theme": "F:1"}},
		{"theme: ni\x01ght\n", "F:1:10: the file contains a control character (U+0001); remove it", nil, map[string]string{"theme": "F:1"}},
		{"baby: Zo\xe9\nsound: off\n", "F:1:9: text is not UTF-8; save the file as UTF-8", map[string]string{"sound": "off"}, map[string]string{"baby": "F:1"}},
		{"theme: [night\nsound: off\n", "F:1:1: not valid YAML: did not find expected ',' or ']'", map[string]string{"sound": "off"}, map[string]string{"theme": "F:1"}},
		// No line reads: no settings file at all, said once.
		{binary, "F:1:1: text is not UTF-8; save the file as UTF-8", nil, nil},
	} {
		f := parseSettings("F", []byte(c.text))
		var got []string
		for _, p := range f.problems {
			got = append(got, p.Error())
		}
		if strings.Join(got, "\n") != c.want {
			t.Errorf("%q:\n got  %q\n want %q", c.text, strings.Join(got, "\n"), c.want)
		}
		sets := map[string]string{}
		for k, v := range f.values {
			sets[k] = v.v
		}
		if !maps.Equal(sets, c.sets) && len(sets)+len(c.sets) > 0 {
			t.Errorf("%q sets %v, want %v", c.text, sets, c.sets)
		}
		if !maps.Equal(f.notUsed, c.notUsed) && len(f.notUsed)+len(c.notUsed) > 0 {
			t.Errorf("%q leaves unused %v, want %v", c.text, f.notUsed, c.notUsed)
		}
	}
}

// cradle config shows each value and where it comes from on standard
// output, and every problem with its position on standard error.
func TestConfigCommand(t *testing.T) {
	home(t)
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("CRADLE_SOUND", "off")
	file := filepath.Join(dir, "cradle", "config.yaml")
	code, out, errOut := cradle(t, "config")
	if code != OK || !strings.Contains(errOut, "No settings file yet: write your settings in "+file) || !strings.Contains(strings.Join(strings.Fields(out), " "), "sound off CRADLE_SOUND voice off default") {
		t.Fatalf("no file: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("theme: night\nauto-advance: off\nvoice: loud\nbaby: Ada\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = cradle(t, "config", "--baby", "Bea")
	want := `SETTING       VALUE                                    FROM
theme         night                                    config.yaml:1
sound         off                                      CRADLE_SOUND
voice         off                                      default (config.yaml:3 not used)
auto-advance  off                                      config.yaml:2
baby          Bea                                      --baby
swedish-milking-only  (asked once in cradle)           default
plain                 (where a full screen cannot work)  default
database      /home/ada/.local/share/cradle/cradle.db  default
routines      D/cradle/routines                        default
`
	hide := strings.NewReplacer(file, "F", dir, "D")
	if got := hide.Replace(out); code != Problem || !sameColumns(got, want) {
		t.Errorf("exit %d (want 1: a line has a problem)\n--- got:\n%s--- want:\n%s", code, got, want)
	}
	if got := hide.Replace(errOut); got != "Settings file: F.\nF:3:8: voice must be on or off, not \"loud\"\nA line with a problem is not used: voice falls back to its default until it is mended (FROM says what is used).\n" {
		t.Errorf("stderr:\n%s", got)
	}
}

// sameColumns compares two tables word by word, as the column widths
// follow the paths' lengths.
func sameColumns(a, b string) bool {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	if len(al) != len(bl) {
		return false
	}
	for i := range al {
		if strings.Join(strings.Fields(al[i]), " ") != strings.Join(strings.Fields(bl[i]), " ") {
			return false
		}
	}
	return true
}

// Where cradle's folders are on each system: a relative XDG_* value is
// ignored (the XDG spec), and macOS uses its Library folder whatever
// XDG_* says, as help names it.
func TestFolders(t *testing.T) {
	home := func() (string, error) { return "/Users/ada", nil }
	for _, c := range []struct {
		goos   string
		env    map[string]string
		f      folder
		want   string
		winSep bool
	}{
		{"linux", nil, configFolder, "/Users/ada/.config/cradle", false},
		{"linux", nil, dataFolder, "/Users/ada/.local/share/cradle", false},
		{"linux", map[string]string{"XDG_CONFIG_HOME": "/xdg/config", "XDG_DATA_HOME": "/xdg/data"}, configFolder, "/xdg/config/cradle", false},
		{"linux", map[string]string{"XDG_CONFIG_HOME": "/xdg/config", "XDG_DATA_HOME": "/xdg/data"}, dataFolder, "/xdg/data/cradle", false},
		{"linux", map[string]string{"XDG_CONFIG_HOME": "rel/config"}, configFolder, "/Users/ada/.config/cradle", false},
		{"freebsd", map[string]string{"XDG_DATA_HOME": "./data"}, dataFolder, "/Users/ada/.local/share/cradle", false},
		{"darwin", map[string]string{"XDG_CONFIG_HOME": "/xdg/config"}, configFolder, "/Users/ada/Library/Application Support/cradle", false},
		{"darwin", map[string]string{"XDG_DATA_HOME": "/xdg/data"}, dataFolder, "/Users/ada/Library/Application Support/cradle", false},
		{"windows", map[string]string{"AppData": `C:\Users\ada\AppData\Roaming`}, configFolder, `C:\Users\ada\AppData\Roaming/cradle`, true},
		{"windows", map[string]string{"LocalAppData": `C:\Users\ada\AppData\Local`, "XDG_DATA_HOME": "/xdg"}, dataFolder, `C:\Users\ada\AppData\Local/cradle`, true},
		{"windows", map[string]string{"LocalAppData": `AppData\Local`}, dataFolder, "/Users/ada/AppData/Local/cradle", false},
	} {
		got, err := c.f.where(c.goos, func(k string) string { return c.env[k] }, home)
		want := filepath.FromSlash(c.want)
		if c.winSep {
			want = filepath.Join(filepath.FromSlash(c.want[:strings.LastIndex(c.want, "/")]), "cradle")
		}
		if err != nil || got != want {
			t.Errorf("%s %v folder %d: %q, %v; want %q", c.goos, c.env, c.f, got, err, want)
		}
	}
	noHome := func() (string, error) { return "", os.ErrNotExist }
	if _, err := configFolder.where("linux", func(string) string { return "" }, noHome); err == nil || !strings.Contains(err.Error(), "cannot find your home folder") {
		t.Errorf("no home: %v", err)
	}
}

// A settings file that cannot be read is said, not skipped in silence;
// one that is not a regular file (a named pipe, a link to a device) is
// refused by name without being read, as reading it could block for
// ever or never end.
func TestSettingsFileUnreadable(t *testing.T) {
	dir := t.TempDir()
	read := func(path string) settingsFile {
		t.Helper()
		done := make(chan settingsFile, 1)
		go func() { done <- readSettings(path) }()
		select {
		case f := <-done:
			return f
		case <-time.After(time.Minute): // a guard against a hang, not a measure of speed
			t.Fatalf("reading %s does not end", path)
		}
		return settingsFile{}
	}
	if f := read(dir); f.err == nil || f.err.Error() != "it is a folder, not a text file" {
		t.Errorf("a folder: %v", f.err)
	}
	if f := read(filepath.Join(dir, "none.yaml")); f.err != nil || len(f.values) != 0 {
		t.Errorf("no file: %+v", f)
	}
	fifo := filepath.Join(dir, "fifo.yaml")
	mkfifo(t, fifo)
	if f := read(fifo); f.err == nil || f.err.Error() != "it is a named pipe, not a text file" {
		t.Errorf("a named pipe: %v", f.err)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		zero := filepath.Join(dir, "zero.yaml")
		if err := os.Symlink("/dev/zero", zero); err != nil {
			t.Skip(err)
		}
		if f := read(zero); f.err == nil || f.err.Error() != "it is a device, not a text file" {
			t.Errorf("a link to /dev/zero: %v", f.err)
		}
	}
}

// The line at the foot of the screen says which settings fall back to
// their defaults because of a problem, before what the problem is; a
// file that cannot be read is named, and its settings are not used.
func TestSettingsNotice(t *testing.T) {
	home(t)
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	file := filepath.Join(dir, "cradle", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	read := func() (map[string]value, string) {
		cmd := &cobra.Command{Use: "cradle"}
		addSettingFlags(cmd)
		set, notes := (&invocation{}).settings(cmd)
		return set, strings.Join(notes, " ")
	}
	notice := func(text string, env ...string) (map[string]value, string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		for i := 0; i+1 < len(env); i += 2 {
			t.Setenv(env[i], env[i+1])
		}
		return read()
	}
	// The tester's file: an unclosed quote on the last line.
	set, got := notice("theme: night\nsound: off\nbaby: \"Mia\n")
	if want := `Baby falls back to its default: config.yaml:3:7: the " that opens the value is not closed on this line; end the value with "; see cradle config.`; got != want {
		t.Errorf("notice\n got  %q\n want %q", got, want)
	}
	if set["theme"].v != "night" || set["sound"].v != "off" {
		t.Errorf("the lines that read cleanly are not used: %v", set)
	}
	_, got = notice("sound: loud\nvoise: on\nbaby: 'Mia\n")
	if want := `Sound and baby fall back to their defaults: config.yaml:1:8: sound must be on or off, not "loud" (and 2 more); see cradle config.`; got != want {
		t.Errorf("notice\n got  %q\n want %q", got, want)
	}
	_, got = notice("voise: on\n")
	if want := `config.yaml:1:1: there is no setting "voise"; did you mean "voice"?; not used: see cradle config.`; got != want {
		t.Errorf("notice\n got  %q\n want %q", got, want)
	}
	// A variable set for this run takes the place of a bad line: nothing
	// falls back.
	_, got = notice("sound: loud\n", "CRADLE_SOUND", "off")
	if want := `config.yaml:1:8: sound must be on or off, not "loud"; not used: see cradle config.`; got != want {
		t.Errorf("notice\n got  %q\n want %q", got, want)
	}
	t.Setenv("CRADLE_SOUND", "")
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	mkfifo(t, file)
	if _, got = read(); got != "config.yaml cannot be read: it is a named pipe, not a text file; its settings are not used." {
		t.Errorf("a named pipe: %q", got)
	}
}

// Whatever the settings file holds, reading it never panics, every
// problem has a place in the file, and what it sets is a value the
// setting takes.
func FuzzSettings(f *testing.F) {
	for _, seed := range []string{"theme: night\nsound: off\n", "baby: [a, b]\n", "- x\n", "a: &x [*x]\n", "theme: night\n---\n", "\"\\u0007\": 1\n"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		f := parseSettings("F", []byte(text))
		values := f.values
		lines := strings.Count(text, "\n") + 2 // YAML places a problem at the end on the line after
		for _, p := range f.problems {
			if p.Line > lines || p.File != "F" {
				t.Errorf("%q: a problem out of the file: %v", text, p)
			}
		}
		for name := range f.notUsed {
			if _, ok := values[name]; ok {
				t.Errorf("%q: %s is both set and not used", text, name)
			}
		}
		for name, v := range values {
			s := findSetting(name)
			if s == nil {
				t.Fatalf("%q sets %q, no setting", text, name)
			}
			if again, err := s.parse(v.v); err != nil || again != v.v {
				t.Errorf("%q sets %s to %q, which it does not take", text, name, v.v)
			}
		}
	})
}
