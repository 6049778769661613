package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/routines"
)

// run runs "cradle routines ARGS" with dir as the routines folder, and
// returns the exit status, stdout and stderr with dir written as DIR.
func run(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	code, out, errOut := cradle(t, append([]string{"routines", "--routines", dir}, args...)...)
	hide := func(s string) string { return strings.ReplaceAll(s, dir, "DIR") }
	return code, hide(out), hide(errOut)
}

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestShowBuiltinGolden(t *testing.T) {
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(lib) != 6 {
		t.Fatalf("%d built-in routines", len(lib))
	}
	dir := t.TempDir()
	for _, r := range lib {
		code, out, errOut := run(t, dir, "show", r.ID)
		if code != OK || errOut != "" {
			t.Fatalf("show %s: exit %d, stderr %q", r.ID, code, errOut)
		}
		golden.Check(t, "show-"+r.ID, out)
	}
}

// A routine that uses every part of the format, shown.
const everything = `id: everything
title: Everything at once
purpose: A routine that uses every key.
ages: {from: 2w, to: 6m}
clearance: Ask your baby's doctor first.
notes: Made for a test.
sources: [S1, S2]
opening: false
responses:
  subtle: {do: slow-down, hold: 10s}
  fussing: {do: hold-offer, hold: 30s, goto: glide-right, say: "Hands still. Breathe."}
  content: {do: skip-region}
  unanswered: {do: end, say: Nobody answered; we stop here.}
regions:
  - id: legs
    name: Legs
    checkin: false
    oil: false
    left_out_when: [skin, cold]
    notes: Legs first.
    teach: ["Why legs first: they are the least sensitive place. [S5]"]
    steps:
      - name: Rest
        kind: resting
        duration: 1m30s
      - name: Glide
        id: glide
        side: both
        reps: 3
        each: 8s
        pressure: light
        direction: up
        caution: Go gently.
        do: Glide up the leg.
        teach:
          - Parents often press too hard here; show the weight of a hand.
          - Watch the face.
        checkin: true
      - {name: Bend, kind: movement, side: left, duration: 20s}
      - {name: Sweep, kind: integration, side: right, reps: 2, each: 5s}
      - {name: Hold, kind: hold, duration: 10s}
`

func TestShowUserRoutineGolden(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "everything.yaml", everything)
	code, out, errOut := run(t, dir, "show", "everything")
	if code != OK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	golden.Check(t, "show-everything", out)
	// a file works as well as an id, and says where it is from
	code, byFile, _ := run(t, t.TempDir(), "show", p)
	if code != OK || !strings.Contains(byFile, "from: "+p) {
		t.Fatalf("show FILE: exit %d\n%s", code, byFile)
	}
}

// show --teach prints every talking point under its region or step, and
// show alone none of them, only how to see them.
func TestShowTeach(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "everything.yaml", everything)
	code, out, errOut := run(t, dir, "show", "--teach", "full-body")
	if code != OK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	golden.Check(t, "show-full-body-teach", out)
	for _, id := range []string{"full-body", "everything"} {
		_, taught, _ := run(t, dir, "show", id, "--teach")
		_, plain, _ := run(t, dir, "show", id)
		r, _ := Pick(id, mustCatalog(t, dir))
		flat := strings.Join(strings.Fields(taught), " ")
		var points []string
		if !r.NoOpening {
			points = append(points, routines.Opening().Teach...)
			for _, st := range routines.Opening().Steps {
				points = append(points, st.Teach...)
			}
		}
		for _, rg := range r.Regions {
			points = append(points, rg.Teach...)
			for _, st := range rg.Steps {
				points = append(points, st.Teach...)
			}
		}
		if len(points) == 0 {
			t.Fatalf("%s has no talking points to show", id)
		}
		for _, p := range points {
			if !strings.Contains(flat, "Teach: "+p) {
				t.Errorf("%s: show --teach leaves out %q", id, p)
			}
		}
		if strings.Contains(plain, "Teach:") || !strings.Contains(plain, fmt.Sprintf("With --teach: %d talking points for an instructor.", len(points))) {
			t.Errorf("%s: show without --teach:\n%s", id, plain)
		}
		if strings.Contains(taught, "With --teach") || strings.Count(taught, "Teach: ") != len(points) {
			t.Errorf("%s: show --teach has %d points, want %d", id, strings.Count(taught, "Teach: "), len(points))
		}
	}
	// a routine without talking points, and without the opening ritual's,
	// says nothing about them
	if _, plain, _ := run(t, dir, "show", "--teach", write(t, t.TempDir(), "bare.yaml", parseBare)); strings.Contains(plain, "Teach:") || strings.Contains(plain, "--teach") {
		t.Errorf("a routine without talking points:\n%s", plain)
	}
}

const parseBare = "id: bare\ntitle: Bare\nopening: false\nregions:\n  - {id: legs, name: Legs, steps: [{name: Glide, duration: 20s}]}\n"

func mustCatalog(t *testing.T, dir string) routines.Catalog {
	t.Helper()
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return routines.LoadCatalog(lib, dir)
}

func TestList(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "everything.yaml", everything)
	write(t, dir, "colic.yaml", strings.Replace(strings.Replace(everything, "id: everything", "id: colic", 1), "Everything at once", "Our colic", 1))
	write(t, dir, "broken.yaml", "id: broken\ntitle: Broken\nregions: []\n")
	write(t, dir, "z\x1b]0;pwned\x07evil.yaml", "id: everything\ntitle: E\nregions: [{id: r, name: R, steps: [{name: S, duration: 5s}]}]\n")
	code, out, errOut := run(t, dir, "list")
	want := `ID                    TITLE                          MASSAGE      IN ALL        FROM
full-body             Full-body massage              19 min 17 s  about 24 min  built-in
colic                 Our colic                      2 min 58 s   about 3 min   DIR/colic.yaml (replaces the built-in)
bedtime               Bedtime wind-down              5 min 56 s   about 8 min   built-in
newborn               Newborn first touch            4 min 56 s   about 8 min   built-in
on-the-move           On the move                    7 min 3 s    about 10 min  built-in
stroking-movement     Stroking and passive movement  15 min       about 19 min  built-in
everything            Everything at once             2 min 58 s   about 3 min   DIR/everything.yaml
learning-plan-week-1  Learning plan · week 1         6 min 9 s    about 7 min   the learning plan, from full-body
learning-plan-week-2  Learning plan · week 2         8 min 15 s   about 10 min  the learning plan, from full-body
learning-plan-week-3  Learning plan · week 3         9 min 43 s   about 12 min  the learning plan, from full-body
learning-plan-week-4  Learning plan · week 4         12 min 11 s  about 16 min  the learning plan, from full-body
learning-plan-week-5  Learning plan · week 5         14 min 15 s  about 18 min  the learning plan, from full-body
learning-plan-week-6  Learning plan · week 6         19 min 17 s  about 24 min  the learning plan, from full-body
learning-plan-week-7  Learning plan · week 7         19 min 17 s  about 24 min  the learning plan, from full-body
`
	// The notes are for a person: standard output is the table alone.
	wantErr := `Could not be used (cradle routines validate FILE shows every problem):
DIR/broken.yaml:3:10: regions is empty; a routine needs at least one region
DIR/zevil.yaml:1:5: id "everything" is already used by everything.yaml, which is the one offered; give this routine its own id
In all: the massage with getting ready and each check-in's wait of 30 s when nobody answers.
Your own routines go in DIR.
`
	if code != Problem || errOut != wantErr || out != want {
		t.Fatalf("exit %d (want 1: some files could not be used)\n--- stdout:\n%s\n--- want:\n%s--- stderr:\n%s\n--- want:\n%s", code, out, want, errOut, wantErr)
	}
}

func TestListNoFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "not-yet")
	code, out, errOut := run(t, dir, "list")
	if code != OK || !strings.Contains(out, "stroking-movement") || errOut != "In all: the massage with getting ready and each check-in's wait of 30 s when nobody answers.\nYour own routines go in DIR (it does not exist yet; cradle routines new ID makes it).\n" {
		t.Fatalf("exit %d\n%s\nstderr:\n%s", code, out, errOut)
	}
}

func TestListUnreadableFolder(t *testing.T) {
	dir := write(t, t.TempDir(), "routines", "a file, not a folder")
	code, out, errOut := run(t, dir, "list")
	if code != Problem || !strings.Contains(out, "full-body") || !strings.Contains(errOut, "Your own routines could not be read: cannot read DIR: not a directory") {
		t.Fatalf("exit %d\n%s\nstderr:\n%s", code, out, errOut)
	}
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "good.yaml", everything)
	over := write(t, dir, "colic.yaml", strings.Replace(everything, "id: everything", "id: colic", 1))
	bad := write(t, dir, "bad.yaml", "id: Bad\ntitle: \"\"\nregions:\n  - id: r\n    name: R\n    steps:\n      - {name: S, duration: 2h}\n      - {name: T, rep: 2}\n")
	twice := write(t, dir, "twice.yaml", everything)

	code, out, errOut := run(t, dir, "validate", good, over)
	if want := "DIR/colic.yaml: ok: colic, \"Everything at once\", 2 min 58 s; it replaces the built-in routine of that id\nDIR/good.yaml: ok: everything, \"Everything at once\", 2 min 58 s\n"; code != OK || out != want || errOut != "" {
		t.Fatalf("good files: exit %d, stderr %q\n--- got:\n%s\n--- want:\n%s", code, errOut, out, want)
	}

	code, out, _ = run(t, dir, "validate", good, bad, twice, filepath.Join(dir, "missing.yaml"), good)
	want := `DIR/bad.yaml:1:5: "id" should be lower-case letters, digits and dashes, like "full-body"; got "Bad"
DIR/bad.yaml:2:8: "title" is empty; give the routine a title, such as "Bedtime wind-down"
DIR/bad.yaml:7:29: "duration" must be at most an hour (1h); got 2h
DIR/bad.yaml:8:19: unknown key "rep" in a step; did you mean "reps"?
DIR/good.yaml: ok: everything, "Everything at once", 2 min 58 s
DIR/missing.yaml: cannot be read: no such file or directory
DIR/twice.yaml:1:5: id "everything" is already used by good.yaml, which is the one offered; give this routine its own id
3 of 4 files checked have problems.
`
	if code != Problem || out != want {
		t.Fatalf("exit %d\n--- got:\n%s\n--- want:\n%s", code, out, want)
	}
}

// Without files, validate checks the routines folder.
func TestValidateFolder(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := run(t, dir, "validate")
	if code != OK || out != "No routine files (*.yaml or *.yml) in DIR. Give files to check, or make one with cradle routines new ID.\n" {
		t.Fatalf("empty folder: exit %d\n%s", code, out)
	}
	write(t, dir, "a.yaml", everything)
	write(t, dir, "b.yaml", "id: b\n")
	code, out, _ = run(t, dir, "validate")
	if want := "DIR/a.yaml: ok: everything, \"Everything at once\", 2 min 58 s\nDIR/b.yaml:1:1: the routine is missing \"title\"\nDIR/b.yaml:1:1: the routine is missing \"regions\"\n1 of 2 files checked has problems.\n"; code != Problem || out != want {
		t.Fatalf("exit %d\n--- got:\n%s\n--- want:\n%s", code, out, want)
	}
}

// Nothing from a file reaches the terminal with its escape sequences.
func TestValidateCleansOutput(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "\x1b[2J\x1b]0;pwned\x07x.yaml", "id: x\n")
	_, out, _ := run(t, dir, "validate", p)
	if strings.ContainsAny(out, "\x1b\x07") || strings.Contains(out, "pwned") || !strings.Contains(out, "DIR/x.yaml:1:1: the routine is missing \"title\"") {
		t.Fatalf("%q", out)
	}
}

func TestNew(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "routines") // made by new
	code, out, errOut := run(t, dir, "new", "my-bedtime", "--from", "bedtime")
	want := "Wrote DIR/my-bedtime.yaml: your routine \"my-bedtime\", a copy of the built-in routine \"Bedtime wind-down\" (bedtime).\n" +
		"It is on cradle's home screen the next time cradle opens, marked \"yours\".\nChange it as you like, then check it with:\n  cradle routines validate DIR/my-bedtime.yaml\n"
	if code != OK || out != want || errOut != "" {
		t.Fatalf("exit %d, stderr %q\n--- got:\n%s\n--- want:\n%s", code, errOut, out, want)
	}
	path := filepath.Join(dir, "my-bedtime.yaml")
	r, err := routines.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "my-bedtime" || r.Title != "My bedtime" || len(r.Regions) == 0 {
		t.Fatalf("the new routine: %+v", r)
	}
	code, out, _ = run(t, dir, "list")
	if code != OK || !strings.Contains(out, "my-bedtime            My bedtime                     5 min 56 s   about 8 min   DIR/my-bedtime.yaml\n") {
		t.Fatalf("list after new: exit %d\n%s", code, out)
	}

	// never over an existing file
	before, _ := os.ReadFile(path)
	code, _, errOut = run(t, dir, "new", "my-bedtime")
	if after, _ := os.ReadFile(path); code != Problem || !bytes.Equal(before, after) ||
		errOut != "cradle routines new: DIR/my-bedtime.yaml already exists, and cradle does not write over it. Choose another id, or move that file away first.\n" {
		t.Fatalf("over an existing file: exit %d, stderr %q", code, errOut)
	}
}

// Every built-in routine makes a starter that passes validate, under a
// new id or under its own (replacing the built-in).
func TestStarterOfEveryBuiltin(t *testing.T) {
	lib, _ := routines.Builtin()
	for _, base := range lib {
		for _, id := range []string{"mine", base.ID} {
			text, err := Starter(base, id)
			if err != nil {
				t.Fatal(err)
			}
			r, err := routines.Parse("starter.yaml", text)
			if err != nil {
				t.Fatalf("starter of %s as %s:\n%v", base.ID, id, err)
			}
			wantTitle := base.Title
			if id == "mine" {
				wantTitle = "Mine"
			}
			if r.ID != id || r.Title != wantTitle || r.Length() != base.Length() || len(r.Regions) != len(base.Regions) {
				t.Errorf("starter of %s as %s: id %q title %q length %s", base.ID, id, r.ID, r.Title, r.Length())
			}
			if !strings.HasPrefix(string(text), "# "+id+": a cradle routine of your own") || !strings.Contains(string(text), "#   steps ") ||
				!strings.Contains(string(text), "#   teach ") {
				t.Errorf("starter of %s lacks its comments:\n%s", base.ID, text[:200])
			}
			// the talking points come along, in their places
			if r.TeachCount() != base.TeachCount() {
				t.Errorf("starter of %s as %s: %d talking points, the built-in has %d", base.ID, id, r.TeachCount(), base.TeachCount())
			}
			for i, rg := range r.Regions {
				if !slices.Equal(rg.Teach, base.Regions[i].Teach) {
					t.Errorf("starter of %s: region %s teaches %q, the built-in %q", base.ID, rg.ID, rg.Teach, base.Regions[i].Teach)
				}
			}
		}
	}
}

// new refuses an id that another file in the folder already has: the
// new file would not be used.
func TestNewRefusesATakenID(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "class.yaml", everything)
	code, _, errOut := run(t, dir, "new", "everything")
	if code != Problem || errOut != "cradle routines new: your routine DIR/class.yaml already has the id \"everything\"; choose another id, or change that file instead.\n" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "everything.yaml")); err == nil {
		t.Fatal("the file was written")
	}
}

func TestNewOptions(t *testing.T) {
	dir := t.TempDir()
	// the id of a built-in: a copy of it, which replaces it
	code, out, _ := run(t, dir, "new", "colic")
	if code != OK || !strings.Contains(out, `a copy of the built-in routine "Colic comfort" (colic), which it replaces on the home screen`) {
		t.Fatalf("new colic: exit %d\n%s", code, out)
	}
	// a new id: a copy of the full routine
	code, out, _ = run(t, dir, "new", "short")
	if code != OK || !strings.Contains(out, `(full-body)`) {
		t.Fatalf("new short: exit %d\n%s", code, out)
	}
	// --out a folder, flags after the id
	other := t.TempDir()
	code, out, _ = run(t, dir, "new", "elsewhere", "--out", other, "--from", "newborn")
	if _, err := os.Stat(filepath.Join(other, "elsewhere.yaml")); code != OK || err != nil {
		t.Fatalf("--out FOLDER: exit %d, %v\n%s", code, err, out)
	}
	if !strings.Contains(out, "cradle offers the routines in DIR on its home screen; this one runs with: cradle run "+filepath.Join(other, "elsewhere.yaml")) {
		t.Fatalf("--out FOLDER does not say how to use it:\n%s", out)
	}
	// --out a file
	code, _, _ = run(t, dir, "new", "named", "--out", filepath.Join(other, "class.yaml"))
	if _, err := os.Stat(filepath.Join(other, "class.yaml")); code != OK || err != nil {
		t.Fatalf("--out FILE: exit %d, %v", code, err)
	}
	// --out -: to standard output, nothing written
	code, out, _ = run(t, dir, "new", "printed", "--out", "-")
	if _, err := routines.Parse("stdout", []byte(out)); code != OK || err != nil {
		t.Fatalf("--out -: exit %d, %v", code, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "printed.yaml")); err == nil {
		t.Fatal("--out - wrote a file")
	}
}

func TestUsage(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args   []string
		code   int
		stderr string // part of it
		stdout string
	}{
		{nil, Usage, "cradle routines: name one of its commands: list, show, validate or new.\nRun cradle help routines for more.\n", ""},
		{[]string{"help"}, OK, "", "validate [FILE...]"},
		{[]string{"list", "-h"}, OK, "", "Usage:"},
		{[]string{"lsit"}, Usage, `cradle routines: there is no command "lsit". Did you mean cradle routines list?`, ""},
		{[]string{"list", "extra"}, Usage, "cradle routines list: list takes no arguments, and was given \"extra\".\nRun cradle help routines list for more.\n", ""},
		{[]string{"show"}, Usage, "show needs one routine", ""},
		{[]string{"show", "a", "b"}, Usage, "show needs one routine", ""},
		{[]string{"show", "--colour"}, Usage, "cradle routines show: there is no flag --colour.", ""},
		{[]string{"show", "nope"}, Problem, `cradle routines show: no routine "nope": give a routine file, or one of full-body, colic, bedtime, newborn, on-the-move, stroking-movement, or learning-plan-week-1 to -7`, ""},
		{[]string{"new"}, Usage, "new needs the id of your new routine", ""},
		{[]string{"new", "My Routine"}, Usage, `"My Routine" cannot be an id: use lower-case letters, digits and dashes, such as my-bedtime`, ""},
		{[]string{"new", "x", "--from", "nope"}, Usage, "--from needs a built-in routine: one of full-body, colic, bedtime, newborn, on-the-move, stroking-movement", ""},
		{[]string{"validate", "--", "-odd-name.yaml"}, Problem, "", "-odd-name.yaml: cannot be read: no such file or directory"},
	} {
		code, out, errOut := run(t, dir, c.args...)
		if code != c.code || !strings.Contains(errOut, c.stderr) || !strings.Contains(out, c.stdout) {
			t.Errorf("%q: exit %d (want %d)\nstdout %q (want %q)\nstderr %q (want %q)", c.args, code, c.code, out, c.stdout, errOut, c.stderr)
		}
	}
}

// --routines after the command wins over the folder given before it.
func TestRoutinesFlagAfterCommand(t *testing.T) {
	mine := t.TempDir()
	write(t, mine, "everything.yaml", everything)
	code, out, errOut := cradle(t, "--routines", t.TempDir(), "routines", "show", "everything", "--routines", mine)
	if code != OK || !strings.HasPrefix(out, "Everything at once\n") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}

func TestRoutinesDir(t *testing.T) {
	if got, _ := RoutinesDir("some/where"); !filepath.IsAbs(got) || !strings.HasSuffix(got, filepath.Join("some", "where")) {
		t.Errorf("--routines some/where gives %q, want it made absolute", got)
	}
	if runtime.GOOS != "linux" {
		t.Skip("XDG_CONFIG_HOME is the Linux convention")
	}
	t.Setenv("XDG_CONFIG_HOME", "/xdg/config")
	if got, err := RoutinesDir(""); err != nil || got != "/xdg/config/cradle/routines" {
		t.Errorf("got %q, %v", got, err)
	}
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("HOME", "/home/mia")
	if got, err := RoutinesDir(""); err != nil || got != "/home/mia/.config/cradle/routines" {
		t.Errorf("without XDG_CONFIG_HOME: got %q, %v", got, err)
	}
}

func TestPick(t *testing.T) {
	lib, _ := routines.Builtin()
	dir := t.TempDir()
	p := write(t, dir, "colic.yaml", strings.Replace(everything, "id: everything", "id: colic", 1))
	cat := routines.LoadCatalog(lib, dir)
	if r, err := Pick("colic", cat); err != nil || r.File != p || !r.Replaces {
		t.Errorf("Pick(colic) = %+v, %v; want the user's file", r, err)
	}
	if r, err := Pick("newborn", cat); err != nil || !r.Builtin {
		t.Errorf("Pick(newborn) = %+v, %v", r, err)
	}
	if r, err := Pick(p, routines.Catalog{}); err != nil || r.ID != "colic" || r.File != p {
		t.Errorf("Pick(FILE) = %+v, %v", r, err)
	}
	if _, err := Pick("gone.yaml", cat); err == nil || !strings.Contains(err.Error(), "gone.yaml: cannot be read: no such file or directory") {
		t.Errorf("Pick(gone.yaml) = %v", err)
	}
	// A routine file with another ending, or in capitals, is a file too.
	if _, err := Pick("GONE.YML", cat); err == nil || !strings.Contains(err.Error(), "GONE.YML: cannot be read: no such file or directory") {
		t.Errorf("Pick(GONE.YML) = %v", err)
	}
	// A folder is said to be one, as routines validate says it, whatever
	// its name; a folder named like an id gives way to the routine.
	folder := filepath.Join(t.TempDir(), "handouts.yaml")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, arg := range []string{dir, folder} {
		want := arg + " is a folder, not a routine file. Give one of the files in it, or offer them all on the home screen with cradle --routines " + arg + "."
		if _, err := Pick(arg, cat); err == nil || err.Error() != want {
			t.Errorf("Pick(FOLDER) = %v\nwant %s", err, want)
		}
	}
	t.Chdir(t.TempDir())
	if err := os.Mkdir("newborn", 0o755); err != nil {
		t.Fatal(err)
	}
	if r, err := Pick("newborn", cat); err != nil || !r.Builtin {
		t.Errorf("Pick(newborn) beside a folder newborn = %+v, %v", r, err)
	}
}

// The complete example of docs/ROUTINES.md passes cradle routines
// validate, as the documentation says.
func TestDocExampleValidates(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "ROUTINES.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(doc), "<!-- example")
	_, after, _ = strings.Cut(after, "```yaml\n")
	example, _, found := strings.Cut(after, "```")
	if !found {
		t.Fatal("no example in docs/ROUTINES.md")
	}
	dir := t.TempDir()
	p := write(t, dir, "class-week-2.yaml", example)
	code, out, errOut := run(t, dir, "validate", p)
	if code != OK || !strings.HasPrefix(out, "DIR/class-week-2.yaml: ok: class-week-2,") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}
