package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui/layout"
)

// babyListScreen lists the babies: add, edit (rename, dates) and remove
// them, and choose whom the next massage is for. Started from home with a
// routine (next), it asks whose massage this is, the baby used last
// chosen already, and goes on to the readiness check.
type babyListScreen struct {
	drawnToSize
	a      *app
	back   screen
	next   *routines.Routine
	cursor int
	remove *removal // the removal being confirmed
	err    error
	busy   string // what is being saved
}

// removal is a baby about to be removed, with what goes with it.
type removal struct {
	baby     store.Baby
	sessions int
	counted  bool
}

type countedMsg struct {
	id  uint64
	n   int
	err error
}

type removedMsg struct {
	id     uint64
	n      int
	babies []store.Baby
	last   uint64
	err    error
}

type lastSetMsg struct{ err error }

// goAheadSavedMsg reports a baby's go-ahead saved (given or withdrawn).
type goAheadSavedMsg struct{ err error }

// setGoAhead keeps, for baby b born early, the day the parent said the
// doctor or nurse had said yes to massage (zero: withdrawn). It holds at
// once; the store follows in a command. A yes that fails to save is asked
// for again next time; a withdrawal that fails is said on the babies
// screen.
func (a *app) setGoAhead(b store.Baby, at time.Time) tea.Cmd {
	b.GoAhead = at
	return a.keepBaby(b)
}

func newBabiesScreen(a *app, back screen, next *routines.Routine) (screen, tea.Cmd) {
	b := &babyListScreen{a: a, back: back, next: next}
	b.selectBaby(a.data.baby.ID)
	return b, nil
}

// selectBaby puts the cursor on the baby with this id, if listed.
func (b *babyListScreen) selectBaby(id uint64) {
	for i, x := range b.a.data.babies {
		if x.ID == id {
			b.cursor = i
		}
	}
}

func (b *babyListScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	a, k := b.a, b.a.keys
	switch msg := msg.(type) {
	case countedMsg:
		if b.remove != nil && b.remove.baby.ID == msg.id {
			b.remove.sessions, b.remove.counted, b.err = msg.n, msg.err == nil, msg.err
		}
		return b, nil
	case removedMsg:
		b.busy = ""
		if msg.err != nil {
			b.err = msg.err
			return b, nil
		}
		a.report(babyRemovedMsg{msg.id, msg.babies, msg.last})
		b.cursor = min(b.cursor, max(len(a.data.babies)-1, 0))
		return b, nil
	case lastSetMsg:
		b.busy = ""
		if msg.err != nil {
			b.err = msg.err
		}
		return b, nil
	case goAheadSavedMsg:
		b.busy = ""
		if msg.err != nil {
			b.err = msg.err
		}
		return b, nil
	case tea.KeyPressMsg:
		if b.busy != "" {
			return b, nil
		}
		if b.remove != nil {
			return b.confirm(msg)
		}
		n := len(a.data.babies)
		switch {
		case key.Matches(msg, k.Up) && n > 0:
			b.cursor = (b.cursor - 1 + n) % n
		case key.Matches(msg, k.Down) && n > 0:
			b.cursor = (b.cursor + 1) % n
		case key.Matches(msg, k.Add):
			return newBabyForm(a, b, b.next, store.Baby{}, true)
		case key.Matches(msg, k.Edit) && n > 0:
			return newBabyForm(a, b, nil, a.data.babies[b.cursor], false)
		case key.Matches(msg, k.Remove) && n > 0:
			baby := a.data.babies[b.cursor]
			b.remove, b.err = &removal{baby: baby}, nil
			st := a.cfg.Store
			return b, func() tea.Msg {
				n, err := st.CountSessions(baby.ID)
				return countedMsg{baby.ID, n, err}
			}
		case key.Matches(msg, k.Open) && n > 0:
			return b.choose(a.data.babies[b.cursor])
		case key.Matches(msg, k.Withdraw) && n > 0 && !a.data.babies[b.cursor].GoAhead.IsZero():
			// One key, no question: withdrawing only makes cradle ask
			// again before the next massage.
			b.err, b.busy = nil, savingWords
			return b, a.setGoAhead(a.data.babies[b.cursor], time.Time{})
		case key.Matches(msg, k.Leave):
			return b.back, nil
		default:
			if d := msg.String(); len(d) == 1 && d[0] >= '1' && d[0] <= '9' && int(d[0]-'1') < n {
				b.cursor = int(d[0] - '1')
			}
		}
	}
	return b, nil
}

// choose makes baby the one the next massage is for, and goes on to the
// readiness check when a routine is waiting.
func (b *babyListScreen) choose(baby store.Baby) (screen, tea.Cmd) {
	a := b.a
	a.report(babyChosenMsg{baby.ID})
	st := a.cfg.Store
	remember := func() tea.Msg { return lastSetMsg{st.SetLastBaby(baby.ID)} }
	if b.next != nil {
		next, cmd := beginFor(a, b.next, b.back)
		return next, tea.Batch(remember, cmd)
	}
	b.busy = savingWords
	return b, remember
}

// confirm handles the answer to "remove this baby?".
func (b *babyListScreen) confirm(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	r := b.remove
	if !key.Matches(msg, b.a.keys.Yes) || msg.String() != "y" || !r.counted {
		b.remove = nil // anything but y keeps the baby
		return b, nil
	}
	b.remove, b.busy = nil, "Removing…"
	st, id := b.a.cfg.Store, r.baby.ID
	return b, func() tea.Msg {
		n, err := st.RemoveBaby(id)
		msg := removedMsg{id: id, n: n, err: err}
		if err == nil {
			msg.babies, msg.err = st.Babies()
		}
		if msg.err == nil {
			msg.last, msg.err = st.LastBaby()
		}
		return msg
	}
}

func (b *babyListScreen) View() string {
	a, s := b.a, b.a.styles
	w := min(a.w-4, 76)
	header := headerLine(a.w-2, s.Brand.Render("cradle")+s.Dim.Render(" · babies"), "")
	var lines []string
	lines = append(lines, s.Title.Render(b.title()), "")
	if len(a.data.babies) == 0 {
		lines = append(lines, s.Dim.Render(b.none()))
	}
	for i, x := range a.data.babies {
		name, tag, detail := b.describe(x)
		if tag != "" {
			name += s.Dim.Render("  · " + tag)
		}
		if i == b.cursor {
			lines = append(lines, s.Marker.Render("▌ ")+s.Selected.Render(name))
			if detail != "" {
				lines = append(lines, s.Marker.Render("▌ ")+s.Dim.Render(layout.Cut(detail, w-2)))
			}
			if said := goAheadLine(x); said != "" {
				for _, l := range wrap(said, w-2, "") {
					lines = append(lines, s.Marker.Render("▌ ")+s.Calm.Render(l))
				}
			}
		} else {
			lines = append(lines, "  "+s.Text.Render(name))
		}
	}
	lines = append(lines, "")
	if b.remove != nil {
		lines = append(append(lines, paint(b.removeWords(), w, "")...), "")
	}
	if b.busy != "" {
		lines = append(lines, s.Dim.Render(b.busy))
	}
	if b.err != nil {
		lines = append(lines, paint([]para{b.errWords()}, w, "")...)
	}
	footer := a.helpBar(a.w-2, b.keysNow()...)
	return a.frame(header, layout.Centre(lines, a.w, a.h-4, w), footer)
}

func (b *babyListScreen) title() string {
	if b.next != nil {
		return "Whose massage is this?"
	}
	return "Babies"
}

func (b *babyListScreen) none() string {
	return "No babies yet. Press " + b.a.keyWord(b.a.keys.Add) + " to add one."
}

// describe is a baby as the list shows it: the name, a word on whom the
// next massage is for, and the dates.
func (b *babyListScreen) describe(x store.Baby) (name, tag, detail string) {
	a := b.a
	switch {
	case x.ID == a.data.baby.ID && b.next != nil:
		// The baby chosen last, who may be new and never massaged:
		// "last time" would claim a massage that never happened.
		tag = "chosen last"
	case x.ID == a.data.baby.ID:
		tag = "next massage"
	}
	detail = ageDetail(x, a.clock.Now())
	if !x.Birth.IsZero() {
		detail = "born " + x.Birth.Format("2 Jan 2006") + " · " + detail
	}
	return x.Name, tag, detail
}

// keepACopy says how to keep the sessions before they go: cradle backup
// asks the cradle running now for its copy, so nobody needs to quit.
const keepACopy = "To keep a copy first, run cradle backup FILE in another terminal: it works while cradle runs."

// removeWords ask before a baby is removed, with what goes with them.
func (b *babyListScreen) removeWords() []para {
	s, r := b.a.styles, b.remove
	ask := fmt.Sprintf("Remove %s? ", r.baby.Name)
	switch {
	case !r.counted && b.err == nil:
		ask += "Counting the sessions…"
	case r.sessions == 0:
		ask += "No sessions go with them."
	case r.sessions == 1:
		ask += "1 session goes with them: this cannot be undone."
	default:
		ask += fmt.Sprintf("%d sessions go with them: this cannot be undone.", r.sessions)
	}
	out := []para{{ask, s.Warn}}
	if r.counted && r.sessions > 0 {
		out = append(out, para{keepACopy, s.Dim})
	}
	return out
}

func (b *babyListScreen) errWords() para {
	return para{"Could not do that: " + plainError(b.err), b.a.styles.Alert}
}

func (b *babyListScreen) keysNow() []key.Binding {
	a := b.a
	switch {
	case b.remove != nil:
		return []key.Binding{layout.Relabel(a.keys.Yes, "y", "remove"), layout.Relabel(a.keys.No, "any other key", "keep")}
	case b.next != nil:
		return []key.Binding{layout.Relabel(a.keys.Open, "enter", "this baby"), a.keys.Up, a.keys.Add, a.keys.Leave, a.keys.Help}
	}
	withdraw := a.keys.Withdraw
	withdraw.SetEnabled(len(a.data.babies) > 0 && !a.data.babies[min(b.cursor, len(a.data.babies)-1)].GoAhead.IsZero())
	return []key.Binding{layout.Relabel(a.keys.Open, "enter", "next massage"), a.keys.Add, a.keys.Edit, a.keys.Remove, withdraw, a.keys.Leave, a.keys.Help}
}

// plain says the babies, numbered, then the one chosen and what enter
// does; a removal asks in a line of its own.
func (b *babyListScreen) plain() []block {
	a := b.a
	list := []string{b.title()}
	if len(a.data.babies) == 0 {
		list = append(list, b.none())
	}
	var ids []string
	for i, x := range a.data.babies {
		name, tag, detail := b.describe(x)
		line := fmt.Sprintf("%d. %s", i+1, name)
		for _, more := range []string{tag, detail} {
			if more != "" {
				line += ", " + more
			}
		}
		list = append(list, line+".")
		if said := goAheadLine(x); said != "" {
			list = append(list, said)
		}
		ids = append(ids, fmt.Sprint(x.ID, x.Name, x.Birth, x.Due, x.GoAhead))
	}
	key := "babies:" + strings.Join(ids, ",")
	blocks := []block{{key, list}}
	if b.cursor < len(a.data.babies) {
		open := b.keysNow()[0].Help().Desc
		chosen := fmt.Sprintf("Chosen: %d, %s. Press enter for %s, or type another number. Type help for more.", b.cursor+1, a.data.babies[b.cursor].Name, open)
		blocks = append(blocks, block{fmt.Sprint(key, ":", b.cursor, b.remove != nil), []string{chosen}})
	}
	if b.remove != nil {
		ask := append(texts(b.removeWords()), "Type y to remove them, or n to keep them.")
		blocks = append(blocks, block{fmt.Sprint("babies:remove:", b.remove.baby.ID, b.remove.counted, b.remove.sessions), ask})
	}
	if b.busy != "" {
		blocks = append(blocks, block{"babies:busy:" + b.busy, []string{b.busy}})
	}
	if b.err != nil {
		blocks = append(blocks, block{"babies:err:" + b.err.Error(), []string{b.errWords().text}})
	}
	return blocks
}

func (b *babyListScreen) HelpKeys() []keyGroup {
	k := b.a.keys
	return []keyGroup{{"Babies", []key.Binding{k.Up, k.Down, k.Open, k.Add, k.Edit, k.Remove, k.Withdraw, k.Leave}}}
}

// takesHelpKey is true while a removal is asked about: ? answers it (no).
func (b *babyListScreen) takesHelpKey() bool { return b.remove != nil }
