//go:build unix

package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// classDemo is a user's routine short enough to run to its end in a few
// seconds: no opening ritual, no check-in, a two-sided step.
const classDemo = `# A class demo: three seconds of hands.
id: class-demo
title: Class demo
opening: false
regions:
  - id: hands
    name: Hands
    checkin: false
    steps:
      - {name: Palm circles, duration: 1s}
      - {name: Finger roll, side: both, duration: 1s}
`

// userConfig makes a config folder holding the given routine files
// (name → text) and returns XDG_CONFIG_HOME for it and the routines
// folder.
func userConfig(t *testing.T, files map[string]string) (env []string, dir string) {
	t.Helper()
	cfg := t.TempDir()
	dir = filepath.Join(cfg, "cradle", "routines")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return []string{"XDG_CONFIG_HOME=" + cfg}, dir
}

// checkDemoSaved checks the database holds one finished session of the
// class demo, naming its file, with every step done.
func checkDemoSaved(t *testing.T, db, file string) {
	t.Helper()
	readDB(t, db, func(db *store.Store) {
		ss := mustSessions(t, db)
		if len(ss) != 1 {
			t.Fatalf("%d sessions saved, want 1: %+v", len(ss), ss)
		}
		s := ss[0]
		if s.RoutineID != "class-demo" || s.RoutineFile != file || s.RoutineTitle != "Class demo" {
			t.Errorf("session names routine %q, file %q, title %q; want class-demo, %s, Class demo", s.RoutineID, s.RoutineFile, s.RoutineTitle, file)
		}
		if s.Status != store.StatusDone || s.Reason != routines.EndFinished {
			t.Errorf("session status %q reason %q, want done, finished", s.Status, s.Reason)
		}
		var done []string
		for _, e := range mustEvents(t, db, s.ID) {
			if e.Kind == routines.EvStepDone {
				done = append(done, e.Step)
			}
		}
		if want := []string{"Palm circles", "Finger roll (left)", "Finger roll (right)"}; !slices.Equal(done, want) {
			t.Errorf("steps done %q, want %q", done, want)
		}
	})
}

// A routine written into the user's folder shows on the home screen beside
// the built-in ones, beside a file that could not be used, and runs to its
// end; the saved session names the routine and its file.
func TestUserRoutineFromTheHomeScreen(t *testing.T) {
	env, dir := userConfig(t, map[string]string{
		"class-demo.yaml": classDemo,
		"wobbly.yaml":     strings.Replace(classDemo, "id: class-demo", "id: wobbly\nrepeat: 2", 1),
	})
	db := filepath.Join(t.TempDir(), "cradle.db")
	a := startWith(t, db, 100, 30, env)
	a.waitFor("Class demo (yours)")
	a.waitFor(`wobbly.yaml:3:1: unknown key "repeat" in the routine`)
	a.press("7") // after the six built-in routines
	a.waitFor("▌ Class demo (yours)")
	a.press(enter)
	nameBaby(a, "Mia")
	answerReadiness(a)
	a.waitFor("All done")
	a.press(enter)
	a.waitFor("Choose a massage")
	a.press("q")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", code, a.stderr.String())
	}
	checkDemoSaved(t, db, filepath.Join(dir, "class-demo.yaml"))
}

// cradle run ID finds the user's routine too: a class demo in one command.
func TestRunUserRoutineByID(t *testing.T) {
	env, dir := userConfig(t, map[string]string{"class-demo.yaml": classDemo})
	db := filepath.Join(t.TempDir(), "cradle.db")
	a := startWith(t, db, 80, 24, env, "run", "class-demo")
	answerReadiness(a) // a real baby: the same questions as from the home screen
	a.waitFor("All done")
	a.press(enter)
	a.waitFor("Choose a massage")
	a.press("q")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", code, a.stderr.String())
	}
	checkDemoSaved(t, db, filepath.Join(dir, "class-demo.yaml"))
}

// cradle routines never needs a terminal, and says where the user's
// routines are.
func TestRoutinesCommandsWithoutATerminal(t *testing.T) {
	env, dir := userConfig(t, map[string]string{"class-demo.yaml": classDemo})
	db := filepath.Join(t.TempDir(), "cradle.db")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w.Close()
	out, code, _ := runPlainEnv(t, db, r, env, "routines", "list")
	if code != 0 || !strings.Contains(out, "class-demo            Class demo                     3 s          about 3 s     "+filepath.Join(dir, "class-demo.yaml")) {
		t.Fatalf("routines list: exit %d\n%s", code, out)
	}
	out, code, _ = runPlainEnv(t, db, r, env, "routines", "validate", filepath.Join(dir, "nope.yaml"))
	if code != 1 || !strings.Contains(out, "nope.yaml: cannot be read: no such file or directory") {
		t.Fatalf("routines validate: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("a database was created by a plain-text command")
	}
}
