//go:build unix

package e2e

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/store/storetest"
)

// runCmd runs cradle with args and no terminal, as a script would.
func runCmd(t *testing.T, dbPath string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runCmdWith(t, dbPath, nil, args...)
}

// runCmdWith is runCmd with more environment variables (NAME=value,
// which win over appEnv's).
func runCmdWith(t *testing.T, dbPath string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append(appEnv(t, dbPath), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(waitTimeout):
		_ = cmd.Process.Kill()
		t.Fatalf("cradle %v did not finish within %v", args, waitTimeout)
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatalf("running cradle %v: %v", args, err)
	}
	return out.String(), errb.String(), code
}

// massage goes from the readiness check through the opening into the
// first region, and ends there.
func massage(a *app, baby string) {
	a.t.Helper()
	answerReadiness(a)
	a.waitFor("Newborn first touch · " + baby)
	passOpening(a)
	a.press("e")
	a.waitFor("End the massage now?")
	a.press("y")
	a.waitFor("Ended early. Short sessions count too.")
	a.press(enter)
	a.waitFor("Choose a massage")
}

// countLines is how many screen lines contain text.
func countLines(screen, text string) int {
	n := 0
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, text) {
			n++
		}
	}
	return n
}

// Twins, a session each: the history shows each baby's apart, and both
// in "everyone"; the exports hold every event of both, in rows.
func TestTwinsHistoryAndExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cradle.db")
	a := start(t, db, 100, 30)
	startNewborn(a)
	nameBaby(a, "Ada")
	massage(a, "Ada")

	// A second baby, from the babies screen.
	a.press("b")
	a.waitFor("Babies")
	a.press("a")
	a.waitFor("Your baby's name")
	a.press(strings.Split("Bea", "")...)
	a.waitFor("> Bea")
	a.press(enter, enter)
	a.waitUntil("the due date to have the focus", func(s string) bool { return strings.Contains(s, "┃ Due date") })
	a.press(enter)
	a.waitUntil("born early to have the focus", func(s string) bool { return strings.Contains(s, "┃ "+routines.EarlyField) })
	a.press(enter)
	a.waitFor("next massage")
	a.press("\x1b") // esc: home
	a.waitFor("for Bea")

	// Starting now asks whose massage it is; Bea, just added, is chosen.
	startNewborn(a)
	a.waitFor("Whose massage is this?")
	a.waitFor("▌ Bea")
	a.press(enter)
	massage(a, "Bea")

	a.press("h")
	a.waitFor("tab: Everyone")
	if s := a.screen(); countLines(s, "Newborn first") != 1 {
		t.Fatalf("Bea's history should list one session:\n%s", s)
	}
	a.press("\t")
	a.waitFor("tab: Ada")
	a.waitUntil("both sessions in everyone's history", func(s string) bool {
		return countLines(s, "Newborn first") == 2 && strings.Contains(s, "Ada") && strings.Contains(s, "Bea")
	})
	a.press("\t")
	a.waitFor("tab: Bea")
	if s := a.screen(); countLines(s, "Newborn first") != 1 {
		t.Fatalf("Ada's history should list one session:\n%s", s)
	}
	a.press(enter)
	a.waitFor("Newborn first touch · Ada")
	a.waitFor("✓ Ask, and wait for a yes")
	a.press("\x1b")
	a.waitFor("tab: Bea")
	a.press("\x1b")
	a.waitFor("Choose a massage")
	a.press("q")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", code, a.stderr.String())
	}

	var sessions []store.Session
	events := map[string][]routines.Event{}
	readDB(t, db, func(db *store.Store) {
		sessions = mustSessions(t, db)
		for _, s := range sessions {
			events[s.ID] = mustEvents(t, db, s.ID)
		}
	})
	if len(sessions) != 2 || sessions[0].BabyName != "Bea" || sessions[1].BabyName != "Ada" || sessions[0].BabyID == sessions[1].BabyID {
		t.Fatalf("sessions %+v", sessions)
	}

	// CSV: a header, then one row per event of both sessions.
	out, errOut, code := runCmd(t, db, "export", "--format", "csv")
	if code != 0 {
		t.Fatalf("export csv: %d %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not read: %v\n%s", err, out)
	}
	if strings.Join(rows[0], ",") != strings.Join(store.CSVColumns, ",") {
		t.Fatalf("header %v", rows[0])
	}
	perSession := map[string]int{}
	for _, r := range rows[1:] {
		id := strings.TrimPrefix(r[0], "'") // an id that looks like a number is marked as text
		perSession[id]++
		want := "Ada"
		if id == sessions[0].ID {
			want = "Bea"
		}
		if r[2] != want || r[3] != "newborn" {
			t.Errorf("row %v: baby %q routine %q", r, r[2], r[3])
		}
	}
	for _, s := range sessions {
		if perSession[s.ID] != len(events[s.ID]) {
			t.Errorf("session %s: %d rows, %d events", s.BabyName, perSession[s.ID], len(events[s.ID]))
		}
	}
	// Ada's only, in a file.
	file := filepath.Join(t.TempDir(), "ada.csv")
	if _, errOut, code := runCmd(t, db, "export", "--format", "csv", "--baby", "ada", "--out", file); code != 0 {
		t.Fatalf("export to a file: %d %s", code, errOut)
	}
	data, _ := os.ReadFile(file)
	if got := strings.Count(string(data), "\n"); got != 1+len(events[sessions[1].ID]) || strings.Contains(string(data), "Bea") {
		t.Errorf("Ada's export has %d lines:\n%s", got, data)
	}

	// JSON: both babies, both sessions with all their events.
	out, errOut, code = runCmd(t, db, "export", "--format", "json")
	if code != 0 {
		t.Fatalf("export json: %d %s", code, errOut)
	}
	var doc struct {
		Format   string
		Babies   []store.Baby
		Sessions []struct {
			ID       string
			BabyName string `json:"baby_name"`
			Events   []routines.Event
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("the JSON does not read: %v", err)
	}
	if doc.Format != store.ExportFormat || len(doc.Babies) != 2 || len(doc.Sessions) != 2 {
		t.Fatalf("json: format %q, %d babies, %d sessions", doc.Format, len(doc.Babies), len(doc.Sessions))
	}
	for _, s := range doc.Sessions {
		if len(s.Events) != len(events[s.ID]) || s.Events[0].Kind != routines.EvStart || s.Events[len(s.Events)-1].Kind != routines.EvEnd {
			t.Errorf("json session %s: %d events, want %d", s.BabyName, len(s.Events), len(events[s.ID]))
		}
	}

	// Bad input gets a clear message and no output.
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--format", "xml"}, "--format must be csv or json"},
		{[]string{"export", "--format", "csv", "--baby", "Cy"}, `there is no baby called "Cy": the babies are Ada, Bea`},
		{[]string{"export", "--format", "csv", "--since", "last week"}, "is not a date"},
		{[]string{"import", file}, "neither a cradle backup nor a JSON export"},
	} {
		out, errOut, code := runCmd(t, db, c.args...)
		if code == 0 || !strings.Contains(errOut, c.want) || (c.args[0] == "export" && out != "") {
			t.Errorf("cradle %v: code %d, stdout %q, stderr %q; want %q", c.args, code, out, errOut, c.want)
		}
	}
}

// While cradle runs, cradle backup gets a consistent copy from it, and
// the copy restores into a new database with cradle import.
func TestBackupWhileRunningAndRestore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cradle.db")
	a := start(t, db, 80, 24)
	startNewborn(a)
	nameBaby(a, "Mia")
	answerReadiness(a)
	passOpening(a) // a session in progress, saving as it goes
	waitForSaved(t, a, db, "the opening", func(st *store.Store) bool {
		un, _ := st.Unfinished()
		return len(un) == 1 && un[0].Events >= 5
	})

	copyPath := filepath.Join(t.TempDir(), "backup.cradle")
	out, errOut, code := runCmd(t, db, "backup", copyPath)
	if code != 0 || out != "" || !strings.Contains(errOut, "sent by the cradle running now") {
		t.Fatalf("backup while running: code %d\n%s%s", code, out, errOut)
	}
	// It does not replace a file without --force.
	if _, errOut, code := runCmd(t, db, "backup", copyPath); code == 0 || !strings.Contains(errOut, "already exists") {
		t.Errorf("backup over an existing file: %d %s", code, errOut)
	}
	// The app goes on, unharmed.
	a.press("n")
	a.waitForLine(firstSteps[1])

	restored := filepath.Join(t.TempDir(), "restored.db")
	out, errOut, code = runCmd(t, restored, "import", copyPath)
	if code != 0 || out != "" || !strings.Contains(errOut, "Imported 1 session") {
		t.Fatalf("import: %d\n%s%s", code, out, errOut)
	}
	readDB(t, restored, func(st *store.Store) {
		un := mustUnfinished(t, st)
		if len(un) != 1 || un[0].BabyName != "Mia" || len(mustEvents(t, st, un[0].ID)) != un[0].Events || un[0].Events < 5 {
			t.Errorf("restored: %+v", un)
		}
	})
	// Import needs the database to itself.
	if _, errOut, code := runCmd(t, db, "import", copyPath); code == 0 || !strings.Contains(errOut, "already open in another terminal") {
		t.Errorf("import while running: %d %s", code, errOut)
	}
	a.press("\x03") // ctrl+c: save and quit
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	// Back in the shell, cradle says the session is kept.
	if !strings.Contains(a.transcript(), "Saved. Open cradle (its home screen) to pick this up again.") {
		t.Errorf("nothing said in the shell after ctrl+c:\n%s", a.screen())
	}
	leftovers(t) // the socket, or a copy made for the backup
}

// A long session's timeline, scrolled a line at a time, stays in place
// on the real terminal: the renderer sends only what changed from one
// frame to the next, so a view that drifts between frames shows here as
// a staircase, and a fresh draw after a resize is the same screen.
func TestTimelineScrollsInPlace(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cradle.db")
	st, err := store.Open(db, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	begin := time.Now().AddDate(0, 0, -2) // one full-body massage: more lines than the window holds
	_, err = storetest.Generate(st, lib, storetest.Config{Seed: 7, Start: begin, Days: 1,
		Babies: storetest.Twins(begin)[:1], PerDay: 1, Weights: map[string]int{"full-body": 1}, OneCommit: true})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}

	a := start(t, db, 100, 30)
	a.waitFor("Choose a massage")
	a.press("h")
	a.waitUntil("the session in the history", func(s string) bool {
		return strings.Contains(s, "cradle · history") && strings.Contains(s, "▌")
	})
	a.press(enter)
	a.waitFor("✓ A few slow breaths")
	first := stampColumns(a.screen())
	if len(first) == 0 {
		t.Fatalf("no time stamps on the timeline:\n%s", a.screen())
	}
	for range 6 {
		before := a.screen()
		a.press(down)
		a.waitUntil("the timeline to scroll", func(s string) bool { return s != before })
	}
	scrolled := a.screen()
	for _, c := range stampColumns(scrolled) {
		if c != first[0] {
			t.Fatalf("a time stamp moved from column %d to %d after scrolling:\n%s", first[0], c, scrolled)
		}
	}
	if strings.Contains(scrolled, "✓ A few slow breaths") {
		t.Fatalf("the timeline did not scroll:\n%s", scrolled)
	}

	a.resize(80, 30) // a narrower column: the app draws its lines afresh
	a.waitUntil("the timeline drawn at 80 columns", func(s string) bool {
		cols := stampColumns(s)
		return len(cols) > 0 && cols[0] != first[0]
	})
	a.resize(100, 30)
	a.waitUntil("a fresh draw to be the scrolled screen:\n"+scrolled, func(s string) bool { return s == scrolled })
}

// stampColumns is the column of each time stamp on a timeline.
func stampColumns(screen string) []int {
	var cols []int
	for _, l := range strings.Split(screen, "\n") {
		if loc := timeStamp.FindStringIndex(l); loc != nil {
			cols = append(cols, len([]rune(l[:loc[0]])))
		}
	}
	return cols
}

var timeStamp = regexp.MustCompile(`\d\d:\d\d:\d\d  `)
