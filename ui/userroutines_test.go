package ui

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/internal/testclock"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// userDir is where the test's user routine files pretend to be.
const userDir = "/home/mia/.config/cradle/routines/"

const userQuick = `id: quick
title: Quick demo
opening: false
regions:
  - id: hands
    name: Hands
    checkin: false
    steps:
      - {name: Palm circles, duration: 5s}
      - {name: Finger roll, side: both, reps: 2, each: 2s}
`

const userColic = `id: colic
title: Colic relief, our way
purpose: The class version, shorter.
regions:
  - id: tummy
    name: Tummy
    steps:
      - {name: Water wheel, reps: 6, each: 6s}
`

// newUserHarness is newHarness with the built-in routines merged with the
// user's files (name → text): good ones, a replacement of a built-in one,
// broken ones.
func newUserHarness(t *testing.T, w, h int, files map[string]string, dirErr error) *harness {
	t.Helper()
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var user []*routines.Routine
	var broken []routines.Broken
	for _, name := range sortedKeys(files) {
		r, err := routines.Parse(userDir+name, []byte(files[name]))
		if err != nil {
			broken = append(broken, routines.Broken{File: userDir + name, Err: err})
			continue
		}
		user = append(user, r)
	}
	cat := routines.Merge(lib, user, broken)
	st := withBaby()
	hs := &harness{t: t, st: st, clock: testclock.New(t0), sound: &soundLog{}}
	hs.m = New(Config{Store: st, Routines: cat.Routines, Broken: cat.Broken, RoutinesDirErr: dirErr,
		Clock: hs.clock, Sound: hs.sound, CheckInWait: 30 * time.Second})
	hs.send(sizeMsg(w, h))
	hs.run(hs.m.Init())
	return hs
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := range ks {
		for j := i + 1; j < len(ks); j++ {
			if ks[j] < ks[i] {
				ks[i], ks[j] = ks[j], ks[i]
			}
		}
	}
	return ks
}

// userFiles are a user's routine folder: a routine of their own, one that
// replaces a built-in routine, a broken file, and a broken file whose
// name and text hold escape sequences.
var userFiles = map[string]string{
	"quick.yaml":                       userQuick,
	"colic.yaml":                       userColic,
	"wobbly.yaml":                      strings.Replace(userQuick, "id: quick", "id: wobbly\nrepeat: 2", 1),
	"evil\x1b]0;pwned\x07\x1b[2J.yaml": strings.Replace(userQuick, "duration: 5s", "duration: \"\\e[2J\"", 1),
}

func TestHomeWithUserRoutinesGolden(t *testing.T) {
	for _, sz := range sizes {
		hs := newUserHarness(t, sz.w, sz.h, userFiles, nil)
		golden.Check(t, fmt.Sprintf("home-user-%dx%d", sz.w, sz.h), hs.view())
	}
}

func TestHomeMarksUserRoutines(t *testing.T) {
	hs := newUserHarness(t, 120, 40, userFiles, nil)
	v := hs.view()
	for _, want := range []string{
		"Colic relief, our way (yours, replaces the built-in)",
		"Quick demo (yours)",
		"2 routine files could not be used:",
		`• wobbly.yaml:2:1: unknown key "repeat" in the routine; known keys are id,`,
		`• evil.yaml:9:40: "duration" should be a length such as 6s, 1m30s or 45 (seconds); got "\x1b[2J"`,
	} {
		if !strings.Contains(v, want) {
			t.Errorf("home lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "pwned") || strings.Contains(hs.m.View().Content, "\x1b]0;") || strings.Contains(hs.m.View().Content, "\x1b[2J") {
		t.Errorf("escape sequences from a file name reached the screen:\n%q", hs.m.View().Content)
	}
	if strings.Contains(v, "Colic relief  ") || strings.Count(v, "Colic relief") != 1 {
		t.Errorf("the built-in colic routine is still offered beside the user's:\n%s", v)
	}
}

// Only routines can be chosen: the cursor wraps past the last one, and
// the broken files are not part of the list.
func TestHomeBrokenFilesAreNotChosen(t *testing.T) {
	hs := newUserHarness(t, 120, 40, userFiles, nil)
	n := len(hs.m.app.data.routines)
	if n != 7 {
		t.Fatalf("%d routines, want 7 (6 built-in, one replaced, one added)", n)
	}
	hs.press("7")
	hs.want("▌ Quick demo (yours)")
	hs.press("down")
	hs.want("▌ Learning plan") // the plan comes last
	hs.press("down")
	hs.want("▌ Full-body massage")
	hs.press("9") // no ninth routine: nothing changes
	hs.want("▌ Full-body massage")
}

// The user's routine runs to its end, and the saved session names it and
// its file.
func TestRunUserRoutine(t *testing.T) {
	hs := newUserHarness(t, 80, 24, userFiles, nil)
	hs.press("7", "enter")
	hs.answerReady()
	hs.want("Palm circles")
	for range 4 {
		hs.tick(5 * time.Second)
	}
	hs.want("All done")
	rec, evs := hs.st.only(t)
	if rec.RoutineID != "quick" || rec.RoutineFile != userDir+"quick.yaml" || rec.RoutineTitle != "Quick demo" {
		t.Fatalf("session %+v", rec)
	}
	if k := kinds(evs); k[len(k)-1] != "end" {
		t.Fatalf("events %v", k)
	}
}

func TestHomeUnreadableRoutinesFolder(t *testing.T) {
	hs := newUserHarness(t, 80, 24, nil, &routines.DirError{Dir: userDir, Err: os.ErrPermission})
	hs.wantSaid("Your own routines could not be read (permission denied): " + userDir)
	hs.want("Full-body massage")
}

// Broken routine files never go unseen: at any size the home screen says
// how many could not be used and where to see why, under the whole list
// of routines, and lists them when there is room (all of them on a tall
// window, whichever routine is chosen).
func TestHomeCountsBrokenFilesAtEverySize(t *testing.T) {
	files := map[string]string{"quick.yaml": userQuick}
	for i := range 10 {
		files[fmt.Sprintf("bad%d.yaml", i)] = strings.Replace(userQuick, "id: quick", fmt.Sprintf("id: bad%d\nrepeat: 2", i), 1)
	}
	for _, sz := range []struct{ w, h int }{{60, 20}, {80, 24}, {100, 30}, {120, 60}} {
		hs := newUserHarness(t, sz.w, sz.h, files, nil)
		for _, pick := range []string{"1", "8"} { // the full-body routine; the learning plan
			hs.press(pick)
			hs.wantSaid("10 routine files could not be used")
			for _, r := range hs.m.app.homeRoutines() {
				hs.want(routineTitle(r))
			}
			if sz.h >= 60 {
				for i := range 10 {
					hs.want(fmt.Sprintf("• bad%d.yaml:2:1", i))
				}
			}
		}
	}
}

// At 60x20 the list of routines stays whole, a massage cut off or not:
// the chosen routine's description gives way, what matters least first.
func TestHomeKeepsTheListAt60x20(t *testing.T) {
	st := withBaby()
	rec, _ := st.StartSession(store.Session{BabyID: 1, BabyName: "Mia", RoutineID: "full-body", RoutineTitle: "Full-body massage", Started: t0.Add(-time.Hour)})
	_ = st.Append(rec.ID, routines.Event{Kind: routines.EvStart, At: t0.Add(-time.Hour)})
	hs := newHarness(t, 60, 20, st)
	hs.press("esc") // decide later
	hs.want("A massage was cut off")
	for _, r := range hs.m.app.homeRoutines() {
		hs.want(routineTitle(r))
	}
	hs.wantSaid("Suits 6 weeks to 6 months") // the ages are the last to go
}

// The home screen with user routines and broken files fits every window.
func TestHomeWithUserRoutinesFits(t *testing.T) {
	hs := newUserHarness(t, 80, 24, userFiles, errors.New("cannot read "+userDir+": "+strings.Repeat("very ", 40)+"long"))
	for w := 1; w <= 130; w += 3 {
		for h := 1; h <= 45; h += 2 {
			hs.send(sizeMsg(w, h))
			lines := strings.Split(hs.m.View().Content, "\n")
			if len(lines) > h {
				t.Fatalf("%dx%d: %d lines", w, h, len(lines))
			}
			for i, l := range lines {
				if lw := ansi.StringWidth(l); lw > w {
					t.Fatalf("%dx%d: line %d is %d wide: %q", w, h, i, lw, ansi.Strip(l))
				}
			}
		}
	}
}

// An answer a routine makes end the session has its words on the
// summary, whichever answer it is.
func TestSummarySaysTheEndingAnswersWords(t *testing.T) {
	quick := strings.Replace(userQuick, "opening: false\n", "opening: false\nresponses:\n  fussing: {do: end, say: Time for a cuddle instead.}\n", 1)
	quick = strings.Replace(quick, "{name: Palm circles, duration: 5s}", "{name: Palm circles, duration: 5s, checkin: true}", 1)
	for _, c := range []struct{ digit, want string }{
		{"4", "Time for a cuddle instead."},
		{"5", routines.DefaultResponses[routines.CueCrying].Say[:40]},
		{"6", routines.DefaultResponses[routines.CueAsleep].Say[:40]},
	} {
		hs := newUserHarness(t, 120, 40, map[string]string{"quick.yaml": quick}, nil)
		hs.press("7", "enter")
		hs.answerReady()
		hs.tick(5 * time.Second)
		hs.want("How is your baby?")
		hs.press(c.digit)
		hs.want(c.want)
	}
}

// oil: false names the region it is on, not always the face.
func TestNoOilNamesTheRegion(t *testing.T) {
	quick := strings.Replace(userQuick, "    checkin: false\n", "    checkin: false\n    oil: false\n", 1)
	hs := newUserHarness(t, 80, 24, map[string]string{"quick.yaml": quick}, nil)
	hs.press("7", "enter")
	hs.answerReady()
	hs.want("Palm circles")
	hs.want("none on the hands")
}

// A massage run from a routine file (cradle run FILE) and cut off is
// offered again from that file, which is read again; one whose file has
// since been edited so its steps moved says it changed (not that it is
// gone) and can only be closed; one whose file is gone says so, naming
// it. The history's timeline says the same.
func TestResumeFromARoutineFile(t *testing.T) {
	const text = `id: gone
title: Gone test
regions:
  - id: legs
    name: Legs and feet
    steps:
      - {name: One, duration: 40s}
      - {name: Two, duration: 40s}
  - id: arms
    name: Arms
    steps:
      - {name: Three, duration: 40s}
`
	file := t.TempDir() + "/gone.yaml"
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := routines.LoadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	st := withBaby()
	hs := newHarnessWith(t, 100, 30, Config{Store: st, Start: r})
	hs.answerReady()
	hs.press("s", "space")
	hs.tick(45 * time.Second) // One done, 5 s into Two
	hs.press("ctrl+c")

	hs = newHarness(t, 100, 30, st)
	hs.want("It goes on in Legs and feet at Two, step 2 of 2")
	hs.want("resume: ask your baby again")

	edited := strings.Replace(text, "      - {name: One, duration: 40s}\n", "", 1)
	if err := os.WriteFile(file, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	hs = newHarness(t, 100, 30, st)
	hs.wantSaid(`The routine "Gone test" (` + file + `) has changed since this massage began`)
	hs.press("r")
	if _, ok := hs.m.screen.(*resumeScreen); !ok {
		t.Fatalf("r picked up a session whose routine changed:\n%s", hs.view())
	}
	hs.press("esc", "h", "enter")
	hs.wantSaid("has changed since this massage began")

	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	hs = newHarness(t, 100, 30, st)
	hs.wantSaid(`The routine "Gone test" (` + file + `) is no longer available`)
	// Its timeline names the regions as the file wrote them, the one
	// never reached too, which the words under it explain.
	hs.press("esc", "h", "enter")
	hs.wantSaid("Legs and feet · part done · 1 of 2 steps")
	hs.wantSaid("Arms · not reached")
	hs.wantSaid("Not reached: the session ended before it.")
}

// A session that ended while getting ready for its first region shows
// that region in its timeline, "ended here", under the name it was given,
// though no step of it was reached and its routine is gone.
func TestTimelineShowsTheRegionItEndedIn(t *testing.T) {
	st := withBaby()
	at := t0.Add(-time.Hour)
	rec, _ := st.StartSession(store.Session{BabyID: 1, BabyName: "Mia", RoutineID: "odd", RoutineTitle: "=HYPERLINK(odd)", Started: at})
	_ = st.Append(rec.ID,
		routines.Event{Kind: routines.EvStart, At: at, Plan: []routines.PlanRegion{{ID: "sum-1", Name: "@SUM(1)", Steps: []int{4}}}},
		routines.Event{Kind: routines.EvRegionSkipped, At: at.Add(time.Second), Region: "opening", Index: 0},
		routines.Event{Kind: routines.EvStepDone, At: at.Add(5 * time.Second), Region: "opening", Step: "Ask, and wait for a yes", Index: 3},
		routines.Event{Kind: routines.EvEnd, At: at.Add(9 * time.Second), Region: "sum-1", Step: "Turn your baby onto their front", Index: 4, Reason: routines.EndEarly})
	hs := newHarness(t, 100, 30, st)
	hs.press("h", "enter")
	hs.wantSaid("@SUM(1) · ended here")
	hs.wantSaid("Ended here: the session ended during it.")
}

// A long title of the parent's own routine gives way on its home row,
// cut with "…": its "(yours)" mark and its length stay, at every size,
// chosen or not.
func TestHomeRowCutsALongTitleNotItsMark(t *testing.T) {
	long := strings.Replace(userQuick, "title: Quick demo", "title: "+strings.Repeat("Our evening wind-down ", 6), 1)
	for _, sz := range []struct{ w, h int }{{60, 20}, {80, 24}, {100, 30}} {
		hs := newUserHarness(t, sz.w, sz.h, map[string]string{"quick.yaml": long, "colic.yaml": userColic}, nil)
		for _, pick := range []string{"1", "7"} {
			hs.press(pick)
			rows := 0
			for _, l := range strings.Split(hs.view(), "\n") {
				if strings.Contains(l, "Our evening wind-down") {
					rows++
					if !strings.Contains(l, "… (yours)") || !strings.Contains(l, " about 13 s") {
						t.Errorf("%dx%d: the row lost its mark or its length: %q", sz.w, sz.h, l)
					}
				}
			}
			if rows != 1 {
				t.Errorf("%dx%d: %d rows with the title, want 1:\n%s", sz.w, sz.h, rows, hs.view())
			}
			if sz.w >= 80 {
				hs.want("Colic relief, our way (yours, replaces the built-in)")
			} else {
				hs.want("Colic relief, our way (yours)")
			}
		}
	}
}
