package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// screen is one full-window view, and all the root needs of it: the
// root sends it messages, draws it, tells it the window's new size (the
// app's w and h hold it already), and shows its keys on the help page.
// What it changes of the data every screen reads, it reports (report).
type screen interface {
	Update(msg tea.Msg) (screen, tea.Cmd)
	View() string
	SetSize(w, h int) tea.Cmd
	// HelpKeys are the screen's keys now, in groups, for the help page;
	// the keys that work anywhere follow them.
	HelpKeys() []keyGroup
}

// keyGroup is a few keys under a title, on the help page.
type keyGroup struct {
	title string
	keys  []key.Binding
}

// drawnToSize is SetSize for a screen that reads the window's size as it
// draws: it has nothing to do until then.
type drawnToSize struct{}

func (drawnToSize) SetSize(w, h int) tea.Cmd { return nil }

// What a screen may also be, which the root and plain mode ask for.
type (
	// titled is a screen that names the window (the session: the
	// region being massaged); else the window is "cradle".
	titled interface{ windowTitle() string }

	// suspender is a screen whose work outlives a quit: suspend stops it
	// where it is (ctrl+c or a signal, named in by), to be picked up
	// again at the next start.
	suspender interface{ suspend(by string) tea.Cmd }

	// helpTaker is a screen that takes ? itself while takesHelpKey is
	// true: text being typed, or the answer to a question.
	helpTaker interface{ takesHelpKey() bool }

	// plainScreen is a screen that can say what it shows in plain lines.
	plainScreen interface{ plain() []block }

	// keyedScreen is a screen that says which keys act now: the
	// footer's, which plain mode also takes as words.
	keyedScreen interface{ keysNow() []key.Binding }

	// moreKeyed is a screen that takes keys its footer has no room for,
	// which plain mode offers too.
	moreKeyed interface{ moreKeys() []key.Binding }

	// formScreen is a screen that asks for text: in plain mode its form
	// is run whole, in huh's accessible mode, and the screen gets
	// formDoneMsg.
	formScreen interface{ plainForm() *huh.Form }

	// againScreen says where things stand when enter alone is typed
	// where it does nothing; a screen without one says its page again.
	againScreen interface{ plainAgain() []string }

	// doorway is a screen asked before the home screen (the offer to
	// pick up a massage cut off): its keys do not count as reading the
	// notice at the foot, so the home screen after it says it too.
	doorway interface{ beforeHome() }

	// busyScreen is a screen that may be saving what was just given,
	// such as the baby's details, before the screen the next line
	// answers comes: plain mode reads no line meanwhile.
	busyScreen interface{ busySaving() bool }
)
