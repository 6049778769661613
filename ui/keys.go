package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/cradle-coach/cradle/ui/layout"
)

// KeyMap is the one key map of the app. The help bar and the help screen
// are built from it, so they never drift from the keys. No key needs a
// modifier, so a foot pedal or a remote that sends keys can drive it (a
// presenter's clicker sends page down and page up: next and back).
type KeyMap struct {
	Up, Down, Start, Baby, Quit key.Binding // home
	Choose                      key.Binding // home: a routine by its place, 1 to 9
	History, Insights, Babies   key.Binding // home: the other screens
	Why, Milking                key.Binding // home: why massage; the milking strokes
	Unfinished, Week            key.Binding
	Open, Leave, NextBaby       key.Binding // lists: history, babies
	LeaveForm                   key.Binding // the baby form: leave, asking first when something was typed
	PageUp, PageDown            key.Binding
	Add, Edit, Remove, Withdraw key.Binding // babies; Withdraw: the doctor's or nurse's yes
	GoalUp, GoalDown, Rest      key.Binding // insights
	Shape, Save, Other, Delete  key.Binding // a routine shaped by the baby
	Resume, Close               key.Binding // an unfinished session
	Pause, Next, Back, Skip     key.Binding // a session
	CheckIn, End, Auto          key.Binding
	Present                     key.Binding // big letters for a room, and back
	Answer                      key.Binding // 1-6 at a check-in
	KeepIndian, SwedishOnly     key.Binding // the choice about Indian milking, asked once
	Begin                       key.Binding // the baby said yes
	Ready                       key.Binding // getting ready is done: go on
	GoOn, SkipRest, EndGently   key.Binding // after resting hands: the parent's choice
	ChangeAnswers               key.Binding // readiness: a verdict, back to the questions
	Instead, Anyway             key.Binding // a routine outside the baby's ages: the one that suits, or this one
	Same, AskAgain              key.Binding // "same as this morning?"
	AnswerYes, AnswerNo         key.Binding // a readiness question
	Previous                    key.Binding // the question before
	Pick, GoOnAreas             key.Binding // the areas to leave out
	Yes, No                     key.Binding // confirmations
	Help, ForceQuit, Home       key.Binding
	Hand, MoreTime, Roster      key.Binding // a class: a family's raised hand; the instructor's more time, the roster
	FollowNow                   key.Binding // a class: a family watching for a feed or a baby not calm asks again
	Questions, Teach            key.Binding // an instructor's: pause for questions; the talking points
}

// Keys is the key map.
var Keys = KeyMap{
	Up:    key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
	Down:  key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
	Start: key.NewBinding(key.WithKeys("enter", "space"), key.WithHelp("enter", "start")),
	Baby:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "baby's details")),
	Quit:  key.NewBinding(key.WithKeys("q", "esc"), key.WithHelp("q", "quit")),
	Choose: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"),
		key.WithHelp("1-9", "choose the routine at that place in the list")),

	History:    key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "history")),
	Insights:   key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "insights")),
	Babies:     key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "babies")),
	Why:        key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "why massage?")),
	Milking:    key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "Indian or Swedish milking")),
	Unfinished: key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "unfinished")),
	Week:       key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "another week")),
	Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
	Leave:      key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc", "back")),
	NextBaby:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next baby")),
	PageUp:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
	PageDown:   key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn", "page down")),
	Add:        key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add")),
	Edit:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
	Remove:     key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "remove")),
	Withdraw:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "withdraw the doctor's yes")),
	GoalUp:     key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+/-", "goal")),
	GoalDown:   key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "lower goal")),
	Rest:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rest week")),
	Shape:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "shape routine")),
	Save:       key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "save it")),
	Other:      key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "another routine")),
	Delete:     key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete the file")),

	Resume:  key.NewBinding(key.WithKeys("r", "enter"), key.WithHelp("r", "resume")),
	Close:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "close it")),
	Pause:   key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "pause")),
	Next:    key.NewBinding(key.WithKeys("right", "n", "l", "pgdown"), key.WithHelp("→", "next")),
	Back:    key.NewBinding(key.WithKeys("left", "b", "h", "pgup"), key.WithHelp("←", "back")),
	Skip:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip region")),
	CheckIn: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "check in")),
	End:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "end")),
	Auto:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "auto-advance")),
	Present: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "big letters")),
	Answer:  key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6"), key.WithHelp("1-6", "answer")),
	Begin:   key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "yes, begin")), // only the baby's yes: enter or next passing by must not

	KeepIndian:  key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "keep it")),
	SwedishOnly: key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "Swedish only")),
	Ready:       key.NewBinding(key.WithKeys("space", "enter"), key.WithHelp("space", "ready, go on")),
	GoOn:        key.NewBinding(key.WithKeys("1", "enter"), key.WithHelp("1", "go on")),
	SkipRest:    key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "skip the region it names")),
	EndGently:   key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "end")),
	LeaveForm:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave")),
	Yes:         key.NewBinding(key.WithKeys("y", "e"), key.WithHelp("y", "yes")),
	No:          key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "no")),
	Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
	ForceQuit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "save and quit")),
	Home:        key.NewBinding(key.WithKeys("enter", "space", "q", "esc"), key.WithHelp("enter", "home")),

	ChangeAnswers: key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "change answers")),
	Instead:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "the routine that suits")),
	Anyway:        key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "this one anyway")),
	Same:          key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes, the same")),
	AskAgain:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "something changed: ask me")),
	// Each readiness question needs its own y or n: enter is no answer,
	// so a second press, or a key held down, never passes the check
	// unread.
	AnswerYes: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
	AnswerNo:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "no")),
	Previous:  key.NewBinding(key.WithKeys("up", "shift+tab", "backspace"), key.WithHelp("↑", "previous")),
	Pick:      key.NewBinding(key.WithKeys("space", "x"), key.WithHelp("space", "pick")),
	GoOnAreas: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go on")),

	Hand:      key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "raise your hand")),
	MoreTime:  key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "30 s more")),
	Roster:    key.NewBinding(key.WithKeys("r", "tab"), key.WithHelp("r", "roster")),
	FollowNow: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "follow now")),
	// A clicker's "blank screen" button sends "." on many models: the
	// room's pause for questions.
	Questions: key.NewBinding(key.WithKeys("q", "."), key.WithHelp("q", "questions")),
	Teach:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "talking points")),
}

// footerRank says which keys a footer too narrow for all keeps, the
// highest first, and of equal rank the first the screen gives: the end
// of a massage, help and the ways out always; then an answer, space
// (pause, yes, ready), next, the way back from the big letters, checking
// in. A key not named here ranks 20;
// skipping (a region, the rest of the ritual) 15, auto-advance 10: they
// give way first.
var footerRank = map[string]int{
	"e": layout.Always, "?": layout.Always, "q": layout.Always, "esc": layout.Always, "ctrl+c": layout.Always,
	"1": 60, "space": 50, "enter": 50, "right": 40, "c": 35,
}

// keyRank is b's rank in a short footer (footerRank).
func keyRank(b key.Binding) int {
	switch desc := b.Help().Desc; {
	case strings.HasPrefix(desc, "skip"):
		return 15
	case desc == Keys.Auto.Help().Desc:
		return 10
	case desc == normalViewDesc:
		return 36 // p, back from the big letters: before checking in
	}
	rank := 0
	for _, k := range b.Keys() {
		r, ok := footerRank[k]
		if !ok {
			r = 20
		}
		rank = max(rank, r)
	}
	return rank
}

// keyWord is how a sentence names b's key: as the help shows it ("space",
// "→", in ASCII "right"), or in plain mode as it is typed: enter where b
// takes enter, else its letter or name.
func (a *app) keyWord(b key.Binding) string {
	if a.cfg.Plain {
		if slices.Contains(b.Keys(), "enter") {
			return "enter"
		}
		return typed(b)
	}
	return a.keyName(b.Help().Key)
}

// enabledIf returns b, disabled unless on.
func enabledIf(on bool, b key.Binding) key.Binding {
	b.SetEnabled(on)
	return b
}
