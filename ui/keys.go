package ui

import "charm.land/bubbles/v2/key"

// KeyMap is the one key map of the app. The help bar and the help screen
// are built from it, so they never drift from the keys. No key needs a
// modifier, so a foot pedal or a remote that sends keys can drive it (a
// presenter's clicker sends page down and page up: next and back).
type KeyMap struct {
	Up, Down, Start, Baby, Quit key.Binding // home
	Resume, Close               key.Binding // an unfinished session
	Pause, Next, Back, Skip     key.Binding // a session
	CheckIn, End, Auto          key.Binding
	Present                     key.Binding // big letters for a room, and back
	Answer                      key.Binding // 1-6 at a check-in
	Yes, No                     key.Binding // confirmations
	Help, ForceQuit, Home       key.Binding
}

// Keys is the key map.
var Keys = KeyMap{
	Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
	Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
	Start:     key.NewBinding(key.WithKeys("enter", "space"), key.WithHelp("enter", "start")),
	Baby:      key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "baby's details")),
	Quit:      key.NewBinding(key.WithKeys("q", "esc"), key.WithHelp("q", "quit")),
	Resume:    key.NewBinding(key.WithKeys("r", "enter"), key.WithHelp("r", "resume")),
	Close:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "close it")),
	Pause:     key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "pause")),
	Next:      key.NewBinding(key.WithKeys("right", "n", "l", "pgdown"), key.WithHelp("→", "next")),
	Back:      key.NewBinding(key.WithKeys("left", "b", "h", "pgup"), key.WithHelp("←", "back")),
	Skip:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip region")),
	CheckIn:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "check in")),
	End:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "end")),
	Auto:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "auto-advance")),
	Present:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "big letters")),
	Answer:    key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6"), key.WithHelp("1-6", "answer")),
	Yes:       key.NewBinding(key.WithKeys("y", "e"), key.WithHelp("y", "yes")),
	No:        key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "no")),
	Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
	ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "save and quit")),
	Home:      key.NewBinding(key.WithKeys("enter", "space", "q", "esc"), key.WithHelp("enter", "home")),
}
