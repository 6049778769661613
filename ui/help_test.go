package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// The home screen's help names the digits that choose a routine by its
// place in the list, as the guide says, and a digit does just that.
func TestHomeHelpNamesTheDigits(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("?")
	hs.want("1-9     choose the routine at that place in the list")
	hs.press("esc", "3", "enter")
	hs.answerReady()
	if got := hs.session().r.ID; got != hs.m.app.homeRoutines()[2].ID {
		t.Errorf("3 started %q", got)
	}
}

// Help shows the keys of the moment: the yes at the start, the three
// choices after resting hands; and those keys do what help says.
func TestHelpForTheMoment(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.startNewborn()
	hs.press("s") // the ritual: straight to asking
	hs.want("space yes, begin · e not now")
	hs.press("?")
	hs.want("space   yes, begin")
	hs.press("esc") // closes help
	// Keys pressed to go on through the ritual do not pass the baby's yes.
	hs.press("enter", "n", "right", "pgdown", "s", "c")
	if st := hs.session().sess.State(); !st.Region.Opening || st.Phase != routines.PhaseWaiting {
		t.Fatalf("a key but space passed the ask: %q %v", st.Step.Name, st.Phase)
	}
	hs.press("space")
	if st := hs.session().sess.State(); st.Region.Opening {
		t.Fatalf("space at the ask did not begin: %q", st.Step.Name)
	}
	for hs.session().sess.State().Phase != routines.PhaseCheckIn {
		hs.press("n")
	}
	hs.press("4", "right") // fussing; the hold cut short: the offer
	hs.press("?")
	hs.want("1       go on")
	hs.want("2       skip the region it names")
	if strings.Contains(hs.view(), "During a stroke") {
		t.Fatalf("help at the offer lists keys that do nothing there:\n%s", hs.view())
	}
	hs.want("3       end")
	hs.press("esc")
	next := hs.session().sess.State().NextRegion
	if next == nil {
		t.Fatal("the offer names no next region")
	}
	hs.press("2")
	log := hs.session().log
	if last := log[len(log)-1]; last.Kind != routines.EvRegionSkipped || last.Region != next.ID {
		t.Fatalf("2 at the offer logged %s of %q; want %s skipped", last.Kind, last.Region, next.ID)
	}
}

// A narrow help bar keeps "? help" and the way out; the others give way.
func TestHelpBarKeepsHelpAndTheWayOut(t *testing.T) {
	hs := newHarness(t, 40, 12, withBaby())
	a, k := hs.m.app, hs.m.app.keys
	bar := ansi.Strip(a.helpBar(38, k.Start, k.History, k.Insights, k.Babies, k.Baby, k.Help, k.Quit))
	if !strings.Contains(bar, "? help") || !strings.Contains(bar, "q quit") || !strings.HasPrefix(bar, "enter start") {
		t.Fatalf("bar at 38 columns: %q", bar)
	}
	if w := ansi.StringWidth(bar); w > 38 {
		t.Fatalf("bar is %d wide: %q", w, bar)
	}
	if bar := ansi.Strip(a.helpBar(200, k.Start, k.History, k.Help)); bar != "enter start · h history · ? help" {
		t.Fatalf("bar with room: %q", bar)
	}
}

// Help lists u only when there is something cut off to pick up.
func TestHelpListsOnlyKeysThatWork(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("?")
	if strings.Contains(hs.view(), "unfinished") {
		t.Errorf("help offers u with nothing unfinished:\n%s", hs.view())
	}
	st := withBaby()
	cutOff(st, store.Baby{ID: 1, Name: "Mia"}, time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC))
	hs = newHarness(t, 80, 24, st)
	hs.press("esc", "?")
	hs.want("unfinished")
}

// A help longer than the window scrolls with ↑/↓ and says so; any other
// key closes it. One that fits closes on any key, ↓ too.
func TestHelpScrollsWhereItDoesNotFit(t *testing.T) {
	hs := newHarness(t, 60, 20, withBaby())
	hs.press("?")
	hs.want("Choose a massage")
	hs.want("↑/↓ more · any other key closes help")
	hs.wantNot("Anywhere")
	for range 30 { // past the end: it stops there
		hs.press("down")
	}
	hs.want("Anywhere")
	hs.want("ctrl+c")
	hs.wantSaid("Steps move on by themselves: your hands can stay on your baby.")
	hs.wantNot("Keys")
	for range 30 {
		hs.press("k")
	}
	hs.want("Keys")
	hs.wantNot("Anywhere")
	hs.press("x")
	if hs.m.help {
		t.Fatal("x did not close help")
	}
	hs.want("Choose a massage")

	hs = newHarness(t, 100, 40, withBaby())
	hs.press("?")
	hs.want("Anywhere")
	hs.want("any key closes help")
	hs.wantNot("more")
	hs.press("down")
	if hs.m.help {
		t.Fatal("a help that fits did not close on ↓")
	}
}

// Where ? is the screen's own, it is not help: a name typed with a ?
// keeps it, and ? answers "remove this baby?" with no.
func TestHelpKeyTyped(t *testing.T) {
	st := twins()
	hs := newHarness(t, 100, 30, st)
	hs.press("b", "a", "J", "o", "?", "enter", "enter", "enter", "enter")
	hs.want("Babies")
	if n := len(st.babies); n != 3 || st.babies[2].Name != "Jo?" {
		t.Fatalf("the name typed with a ? was saved as %+v", st.babies)
	}
	hs.press("1", "x")
	hs.want("Remove Ada?")
	hs.press("?")
	if hs.m.help || len(st.babies) != 3 {
		t.Fatalf("? opened help (%v) or removed a baby: %+v", hs.m.help, st.babies)
	}
	hs.press("?")
	if !hs.m.help {
		t.Error("? on the list of babies did not open help")
	}
}
