//go:build unix

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// settingsFile writes config.yaml in a config folder of its own and
// returns the environment that points cradle at it.
func settingsFile(t *testing.T, text string) []string {
	t.Helper()
	cfg := t.TempDir()
	if err := os.MkdirAll(filepath.Join(cfg, "cradle"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfg, "cradle", "config.yaml"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{"XDG_CONFIG_HOME=" + cfg}
}

// The settings file is read by the real binary: a line with a problem is
// said at the foot of the first screen (the readiness check), and
// auto-advance off shows on the session.
func TestSettingsFileApplies(t *testing.T) {
	env := settingsFile(t, "auto-advance: off\nsound: loud\n")
	a := startWith(t, filepath.Join(t.TempDir(), "cradle.db"), 100, 30, env, "run", "colic")
	a.waitFor(`Sound falls back to its default: config.yaml:2:8: sound must be on or off, not "loud"`)
	answerReadiness(a)
	a.waitFor("auto-advance off (a)")
	a.press("\x03")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", code, a.stderr.String())
	}
}

// One slip in the settings file (the tester's: an unclosed quote on the
// last line) costs only its own line: the night theme and the silence
// above it still hold, and both the foot of the screen and cradle config
// say which setting fell back.
func TestSettingsFileSlipKeepsTheRest(t *testing.T) {
	env := settingsFile(t, "theme: night\nsound: off\nbaby: \"Mia\n")
	db := filepath.Join(t.TempDir(), "cradle.db")
	a := startWith(t, db, 100, 30, env, "run", "colic")
	a.waitFor(`Baby falls back to its default: config.yaml:3:7: the " that opens the value is not closed`)
	a.press("\x03")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", code, a.stderr.String())
	}
	out, errOut, code := runCmdWith(t, db, env, "config")
	for _, want := range []string{"theme night config.yaml:1", "sound off config.yaml:2", "baby (the baby chosen last) default (config.yaml:3 not used)"} {
		if !strings.Contains(squeeze(out), want) {
			t.Errorf("cradle config does not say %q:\n%s", want, out)
		}
	}
	if code != 1 || !strings.Contains(errOut, "baby falls back to its default until it is mended") {
		t.Errorf("cradle config: exit %d\n%s", code, errOut)
	}
}

// A settings file that is a named pipe is refused by name, without
// being read (it would block), and the massage starts anyway; cradle
// config ends too.
func TestSettingsFileNamedPipe(t *testing.T) {
	env := settingsFile(t, "")
	file := filepath.Join(strings.TrimPrefix(env[0], "XDG_CONFIG_HOME="), "cradle", "config.yaml")
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(file, 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "cradle.db")
	a := startWith(t, db, 100, 30, env, "run", "colic")
	a.waitFor("config.yaml cannot be read: it is a named pipe, not a text file; its settings are not used.")
	firstBaby(a)
	a.waitFor("Before you start")
	a.press("\x03")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", code, a.stderr.String())
	}
	_, errOut, code := runCmdWith(t, db, env, "config")
	if code != 1 || !strings.Contains(errOut, "it is a named pipe, not a text file") {
		t.Errorf("cradle config: exit %d\n%s", code, errOut)
	}
}

// NO_COLOR turns the colours off, but a theme asked for by name is drawn
// in its colours (no-color.org: the user's explicit choice wins).
func TestNamedThemeBeatsNoColor(t *testing.T) {
	coloured := func(args ...string) bool {
		a := startWith(t, filepath.Join(t.TempDir(), "cradle.db"), 100, 30, []string{"NO_COLOR=1"}, args...)
		a.waitFor("Colic comfort")
		a.press("\x03")
		if code := a.waitExit(); code != 0 {
			t.Fatalf("%q: exit status %d\nstderr:\n%s", args, code, a.stderr.String())
		}
		return strings.Contains(a.transcript(), "\x1b[38;") // a foreground colour
	}
	if coloured("--present", "run", "colic") {
		t.Error("NO_COLOR alone: the screen has colours")
	}
	if !coloured("--present", "--theme", "night", "run", "colic") {
		t.Error("NO_COLOR and --theme night: the screen has no colours")
	}
}
