//go:build unix

package e2e

import (
	"os"
	"path/filepath"
	"strings"
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
	a.waitFor(`config.yaml:2:8: sound must be on or off, not "loud"; not used: see cradle config.`)
	answerReadiness(a)
	a.waitFor("auto-advance off (a)")
	a.press("\x03")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", code, a.stderr.String())
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
