package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/cradle-coach/cradle/insights"
	"github.com/cradle-coach/cradle/routines"
)

// The routine shaped by the baby is shown before it is saved, saved as a
// routine file the parser reads back, listed on the home screen, and can
// be deleted.
func TestShapeSavesRoutineFile(t *testing.T) {
	st := twins()
	for i := range 4 {
		addSession(t, st, st.babies[1], time.Date(2026, 11, 26-i, 18, 0, 0, 0, time.UTC), "back:relaxed", "face:crying")
	}
	dir := filepath.Join(t.TempDir(), "cradle", "routines")
	hs := newHarnessWith(t, 100, 40, Config{Store: st, RoutinesDir: dir})
	given := len(hs.m.app.cfg.Routines)
	hs.press("i", "s")
	hs.want("Full-body massage for Bea")
	hs.want("Face: shorter: strokes 3 → 2 times")
	hs.want("crying in 4 of 4 sessions")
	hs.want("Back: more time")
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("saved before the parent said so")
	}
	hs.press("y")
	path := filepath.Join(dir, "full-body-bea.yaml")
	hs.want("Saved as")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := routines.Parse(path, data)
	if err != nil {
		t.Fatalf("the file does not parse: %v\n%s", err, data)
	}
	if face, _ := r.Region("face"); face.Steps[1].Reps != 2 || r.Title != "Full-body massage for Bea" {
		t.Errorf("read back: %q, face %+v", r.Title, face.Steps[1])
	}
	if r.For != (routines.ForBaby{ID: 2, Name: "Bea"}) {
		t.Errorf("the file names the baby it is for as %+v, want Bea, baby 2", r.For)
	}
	if !strings.Contains(string(data), "# Full-body massage for Bea, shaped by cradle") {
		t.Errorf("no header:\n%s", data[:200])
	}
	hs.press("esc", "esc")
	hs.want("Full-body massage for Bea (yours)")
	if n := len(hs.m.app.cfg.Routines); n != given || len(hs.m.app.data.routines) != given+1 {
		t.Errorf("the catalogue held %d routines, the configuration %d, given %d: the saved routine belongs to the root's data, and Config never changes", len(hs.m.app.data.routines), n, given)
	}
	// Shaping again offers to replace it; d deletes it.
	hs.press("i", "s")
	hs.want("It replaces the version saved on")
	hs.press("d")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the file is still there: %v", err)
	}
	hs.press("esc", "esc")
	if strings.Contains(hs.view(), "(yours)") {
		t.Error("the deleted routine is still on the home screen")
	}
	// From too few answers, nothing is proposed.
	rep := insights.Build(st.babies[0], nil, hs.clock.Now(), 12, hs.m.app.data.routines)
	sh, _ := newShape(hs.m.app, nil, rep)
	if v := ansi.Strip(sh.View()); !strings.Contains(strings.Join(strings.Fields(v), " "), "Nothing to change yet") {
		t.Errorf("from no answers:\n%s", v)
	}
}
