package ui

import (
	"strings"
	"testing"

	"github.com/cradle-coach/cradle/internal/golden"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui/layout"
)

// "Why massage?" from the home screen: every finding with how sure it is,
// scrolled on a small window, and back with esc.
func TestWhyPage(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("w")
	hs.want("Why massage?")
	golden.Check(t, "why-80x24", hs.view())
	all := ""
	for range 80 {
		all += hs.view()
		hs.press("down")
	}
	flat := strings.Join(strings.Fields(all), " ")
	for _, f := range routines.WhyMassage {
		if !strings.Contains(flat, f.Title) || !strings.Contains(flat, "How sure: "+f.Sure) {
			t.Errorf("the page lacks %q or how sure it is", f.Title)
		}
	}
	if !strings.Contains(flat, strings.Join(strings.Fields(routines.WhyNotATreatment), " ")) {
		t.Error("the page does not say massage is no treatment")
	}
	hs.send(sizeMsg(layout.MinWidth, layout.MinHeight))
	for range 20 {
		hs.press("pgup")
	}
	golden.Check(t, "why-40x12", hs.view())
	hs.press("esc")
	hs.want("enter start")
}
