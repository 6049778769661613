package ui

import (
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
)

// PaintFirstFrame draws the opening screen before Bubble Tea starts.
//
// Bubble Tea draws only on its frame ticker, whose first tick comes one
// frame after the program starts. cradle runs its renderer at a low frame
// rate to keep a ticking countdown cheap, so without this the first screen
// would wait a whole frame (200 ms) on top of the start-up. The renderer's
// own first frame then redraws the same screen in place.
//
// environ is the environment the colour profile is read from, the one
// given to Bubble Tea. It returns a function that undoes the drawing, for
// when the program fails to start; on a normal run Bubble Tea restores
// the screen itself.
func PaintFirstFrame(out *os.File, m Model, environ []string) (undo func()) {
	w, h, err := term.GetSize(out.Fd())
	if err != nil || w <= 0 || h <= 0 {
		return func() {}
	}
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	content := next.(Model).View().Content
	cw := colorprofile.NewWriter(out, environ)
	// The terminal is not in raw mode yet: \n alone would not return.
	frame := ansi.SetModeAltScreenSaveCursor + ansi.HideCursor + ansi.EraseEntireScreen + ansi.CursorHomePosition +
		strings.ReplaceAll(content, "\n", "\r\n")
	if _, err := cw.WriteString(frame); err != nil {
		return func() {}
	}
	return func() {
		_, _ = out.WriteString(ansi.ResetModeAltScreenSaveCursor + ansi.ShowCursor)
	}
}
