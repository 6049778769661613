package routines

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Every built-in routine, written out and read back, is the same routine.
func TestMarshalRoundTrip(t *testing.T) {
	lib, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	custom := sessRoutine(true)
	custom.Ages = AgeRange{From: 10, To: 6 * 30}
	custom.Clearance = "Only with your clinician's go-ahead."
	custom.Regions[0].NoOil = true
	custom.Regions[2].CheckIn = false
	custom.Regions[1].Steps[0].Pressure = `gentle: "soft", not # a comment`
	custom.Regions[2].Steps[0].Duration = 90 * time.Second
	custom.Why = "Small trials suggest it."
	custom.Regions[2].Position = PositionFront
	custom.Regions[2].Steps = append([]Step{{Name: "Turn over", Kind: StepPrepare, Duration: PrepareWait, Do: "Turn your baby."}}, custom.Regions[2].Steps...)
	// talking points that YAML would misread unquoted
	custom.Regions[0].Teach = []string{"Why first: the least sensitive place. [S5][S7]", "- not a list", "# not a comment", "yes"}
	custom.Regions[1].Steps[0].Teach = []string{`Say "slowly", twice: it matters.`, strings.TrimSpace(strings.Repeat("Long enough to wrap. ", 14))}
	custom.Regions[2].Steps[0].Teach = []string{"Getting ready has points too."}
	custom.Responses = map[Cue]Response{
		CueFussing: {Action: ActionHoldOffer, Hold: 25 * time.Second, Say: "Rest your hands."},
		CueSubtle:  {Action: ActionSlowDown, Hold: 10 * time.Second, Goto: "sweep", Say: "Slower now."},
		CueCrying:  {Action: ActionEnd, Say: DefaultResponses[CueCrying].Say},
	}
	for _, r := range append(lib, custom) {
		t.Run(r.ID, func(t *testing.T) {
			data, err := Marshal(r, "Made for a test.\nSecond line.")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(data), "# Made for a test.\n# Second line.\n") {
				t.Errorf("header missing:\n%s", data)
			}
			back, err := Parse(r.ID+".yaml", data)
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			if !back.SameAs(r) {
				t.Errorf("read back differs\n got: %+v\nwant: %+v\n%s", *back, *r, data)
			}
		})
	}
}

// A routine that would not parse (here: no regions) is refused, never
// written half-valid.
func TestMarshalRefusesInvalid(t *testing.T) {
	if _, err := Marshal(&Routine{ID: "x", Title: "X"}, ""); err == nil {
		t.Fatal("want an error for a routine without regions")
	}
	r := sessRoutine(false)
	r.Regions[0].Steps[0].Duration = 2 * time.Hour
	if _, err := Marshal(r, ""); err == nil {
		t.Fatal("want an error for a step of two hours")
	}
}

func TestDurationText(t *testing.T) {
	for d, want := range map[time.Duration]string{6 * time.Second: "6s", 90 * time.Second: "1m30s", 2 * time.Minute: "2m",
		10 * time.Second: "10s", time.Hour: "1h", 61 * time.Minute: "1h1m"} {
		if got := durationText(d); got != want {
			t.Errorf("durationText(%v) = %q, want %q", d, got, want)
		}
	}
}

// SaveFile writes a file the loader reads back as the same routine, and
// replaces an earlier version whole.
func TestSaveFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cradle", "routines")
	r := sessRoutine(true)
	for _, title := range []string{"First", "Second"} {
		r.Title = title
		path, err := SaveFile(dir, r, "mine")
		if err != nil {
			t.Fatal(err)
		}
		if path != filepath.Join(dir, "test.yaml") {
			t.Fatalf("path %q", path)
		}
	}
	rs, broken := Load(os.DirFS(dir), ".")
	if len(broken) > 0 || len(rs) != 1 || rs[0].Title != "Second" {
		t.Fatalf("loaded %v, broken %v", rs, broken)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
	if FileSaved(dir, "test").IsZero() || !FileSaved(dir, "other").IsZero() {
		t.Fatalf("FileSaved: test %v, other %v", FileSaved(dir, "test"), FileSaved(dir, "other"))
	}
	for range 2 { // the second time, already gone: no error
		if err := DeleteFile(dir, "test"); err != nil {
			t.Fatal(err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 || !FileSaved(dir, "test").IsZero() {
		t.Fatalf("after DeleteFile: %v", entries)
	}
}
