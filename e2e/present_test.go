//go:build unix

package e2e

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui/bigtext"
)

// hasBlock reports whether the lines of block stand one under the other
// on the screen, at the same column.
func hasBlock(screen string, block []string) bool {
	var lines [][]rune
	for _, l := range strings.Split(screen, "\n") {
		lines = append(lines, []rune(l))
	}
	for i := 0; i+len(block) <= len(lines); i++ {
		for col := range lines[i] {
			ok := true
			for j, b := range block {
				row := []rune(strings.TrimRight(b, " "))
				l := lines[i+j]
				if col+len(row) > len(l) || string(l[col:col+len(row)]) != string(row) {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// bigTime finds which of the times is on screen in block letters at least
// two lines tall, or "".
func bigTime(screen string, times []string) string {
	for _, tm := range times {
		if big(screen, tm, 2) {
			return tm
		}
	}
	return ""
}

// big reports whether text is on screen in block letters of scale from
// or larger.
func big(screen, text string, from int) bool {
	for scale := from; scale <= 8; scale++ {
		if hasBlock(screen, bigtext.Render(text, scale)) {
			return true
		}
	}
	return false
}

// cradle --present runs a demonstration: the countdown in large block
// letters, the controls as usual, and no database opened, let alone
// written.
func TestPresentRunsADemonstration(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cradle.db")
	routine, err := filepath.Abs(filepath.Join("..", "bench", "twenty-minutes.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	a := start(t, db, 100, 30, "--present", "--sound", "off", "run", routine)
	var times []string // the first step's two minutes, as the screen counts
	for s := 120; s >= 100; s-- {
		times = append(times, fmt.Sprintf("%d:%02d", s/60, s%60))
	}
	a.waitUntil("a large countdown", func(s string) bool { return bigTime(s, times) != "" })
	first := bigTime(a.screen(), times)
	a.waitUntil("the large countdown to tick", func(s string) bool {
		now := bigTime(s, times)
		return now != "" && now != first
	})
	if s := a.screen(); !big(s, "SLOW", 1) {
		t.Errorf("the step's name is not in block letters:\n%s", s)
	}
	// The instructor's keys work as usual.
	a.press(space)
	a.waitUntil("Paused, in words or block letters", func(s string) bool {
		return strings.Contains(s, "Paused") || big(s, "PAUSED", 1)
	})
	a.press(space, "n")
	a.waitUntil("the second step", func(s string) bool { return big(s, "TWO", 1) })
	a.press("e")
	a.waitFor("End now?")
	a.press("y")
	a.waitFor("A demonstration: nothing was saved.")
	a.press(enter)
	a.waitFor("for Demo doll")
	a.press("q")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", code, a.stderr.String())
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatalf("the demonstration made a database (%v)", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("the demonstration left files: %v", entries)
	}
}

// An existing database is neither read nor changed by a demonstration:
// no offer to resume its unfinished session, not a byte written.
func TestPresentLeavesTheDatabaseAlone(t *testing.T) {
	binary(t)
	db := filepath.Join(t.TempDir(), "cradle.db")
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	baby, err := s.SaveBaby(store.Baby{Name: "Mia"})
	if err == nil {
		_, err = s.StartSession(store.Session{BabyID: baby.ID, BabyName: baby.Name, RoutineID: "newborn", Started: time.Now()})
	}
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}

	a := start(t, db, 80, 24, "--present")
	a.waitFor("Choose a massage")
	a.waitFor("for Demo doll")
	if sc := a.screen(); strings.Contains(sc, "Mia") || strings.Contains(sc, "Pick up") {
		t.Fatalf("the demonstration shows the family's data:\n%s", sc)
	}
	a.press("4", enter) // the newborn routine: no form for the doll's name, no questions for a doll
	a.waitFor("GETTING READY")
	a.press("e")
	a.waitFor("End now?")
	a.press("y")
	a.waitFor("A demonstration: nothing was saved.")
	a.press(enter, "q")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", code, a.stderr.String())
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatal("the demonstration changed the database")
	}
}

// Under a locale that is not UTF-8 cradle writes ASCII only: the home
// screen, a session and its big letters, with every rule, bar and mark
// in its ASCII stand-in.
func TestASCIILocale(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cradle.db")
	a := startWith(t, db, 80, 24, []string{"LANG=C"}, "--present", "--sound", "off", "run", "newborn")
	a.waitFor("Newborn first touch")
	a.waitFor("----------")
	a.press(space)     // the doll says yes
	a.press("p")       // the normal view
	a.waitFor("* o o") // the step dots
	a.press("p")
	a.waitFor("##") // block letters
	a.press("\x03")
	if code := a.waitExit(); code != 0 {
		t.Errorf("exit status %d", code)
	}
	out := a.transcript()
	for i := 0; i < len(out); i++ {
		if out[i] >= 0x80 {
			t.Fatalf("byte %#x at %d is not ASCII: %q", out[i], i, out[max(i-40, 0):min(i+40, len(out))])
		}
	}
}

// An instructor's demonstration as it goes: q pauses for questions on a
// card of its own and any key goes back to the step, where it was; +
// gives the step 30 s more; t shows the talking points; e ends; and
// nothing is saved, not a file made.
func TestPresentInstructorKeys(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cradle.db")
	a := start(t, db, 120, 40, "--present", "--sound", "off", "run", "colic")
	var times []string // the first step's 20 s, and with 30 s more
	for s := 50; s >= 0; s-- {
		times = append(times, fmt.Sprintf("0:%02d", s))
	}
	a.waitUntil("a large countdown", func(s string) bool { return bigTime(s, times) != "" })
	a.press("q")
	a.waitFor("We go on with A few slow breaths")
	card := a.screen()
	if !big(card, "QUESTIONS?", 1) || bigTime(card, times) != "" {
		t.Fatalf("q does not show the Questions card alone:\n%s", card)
	}
	a.press("q", "q", "q") // pressed quickly: closes, opens, closes
	a.waitUntil("the step again, its countdown going on", func(s string) bool {
		return !strings.Contains(s, "We go on with") && bigTime(s, times) != ""
	})
	shown := bigTime(a.screen(), times)
	a.press("+")
	a.waitFor("30 s more for this step.")
	a.waitUntil("the countdown 30 s longer", func(s string) bool {
		now := bigTime(s, times)
		return now != "" && now > shown // m:ss of one minute compare as text
	})
	a.press("t")
	a.waitFor("Talking points")
	a.press("e")
	a.waitFor("End now?")
	a.press("y")
	a.waitFor("A demonstration: nothing was saved.")
	a.press(enter)
	a.press("q")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", code, a.stderr.String())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("the demonstration left files: %v", entries)
	}
}
