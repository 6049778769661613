package ui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// appData is what cradle holds from the store and the routine files for
// every screen to read: the babies and the one the next massage is for,
// the sessions cut off, the catalogue of routines, the parent's choices.
// The root owns it, and report is the one place that changes it: a
// screen names the change as a message instead of reaching in.
type appData struct {
	loaded     bool
	loadErr    error
	babies     []store.Baby
	baby       store.Baby // the baby the next session is for; ID 0 until saved
	unfinished []store.Session
	// clears are each baby's last all-clear, offered again the same day.
	clears map[uint64]routines.Clear
	// routines is the catalogue the screens offer: Config.Routines at
	// start, with the routines shaped and saved, or deleted, since.
	routines []*routines.Routine

	plan     planState     // each baby's learning-plan sessions, and a week chosen
	settings settingsState // the parent's choices, such as Swedish milking only

	notice      string // Config.Notice, and what went wrong since, until the next key
	voiceFailed bool   // a prompt was not heard, and the parent was told
}

// The changes a screen reports; the root's own (loadedMsg, planMsg,
// settingsSavedMsg, VoiceFailedMsg) go through report too.
type (
	// babyChosenMsg makes the baby with this id the one the next
	// massage is for.
	babyChosenMsg struct{ id uint64 }
	// babyChangedMsg is a baby saved, new or with new details; choose
	// also makes it the one the next massage is for.
	babyChangedMsg struct {
		baby   store.Baby
		choose bool
	}
	// babyRemovedMsg is a baby removed with its sessions: babies and
	// last are the store's list and last choice since.
	babyRemovedMsg struct {
		id     uint64
		babies []store.Baby
		last   uint64
	}
	// unfinishedGoneMsg is a session cut off, resumed or closed since.
	unfinishedGoneMsg struct{ id string }
	// routineSavedMsg is a routine shaped by the baby, saved as a file;
	// routineDeletedMsg, one deleted.
	routineSavedMsg   struct{ r *routines.Routine }
	routineDeletedMsg struct{ id string }
	// clearMsg keeps a baby's all-clear (a zero Clear forgets it).
	clearMsg struct {
		baby  uint64
		clear routines.Clear
	}
	// milkingChosenMsg is the parent's choice about Indian milking.
	milkingChosenMsg struct{ milking store.Milking }
	// planWeekMsg moves the week the home screen offers by step.
	planWeekMsg struct {
		baby uint64
		step int
	}
	// planDoneMsg counts a plan session that has just ended.
	planDoneMsg struct {
		baby    uint64
		session routines.PlanSession
	}
	// noticeMsg sets the line at the foot of every screen ("" clears it).
	noticeMsg struct{ text string }
)

// report applies a change to the data every screen reads, at once, and
// returns what follows from it (a save). It runs inside Update, so the
// very next message sees the change: a change sent back by a tea.Cmd
// would arrive after keys already typed (a baby chosen, then s pressed
// at once, would start the massage for the baby chosen before).
func (a *app) report(msg tea.Msg) tea.Cmd {
	d := &a.data
	switch msg := msg.(type) {
	case loadedMsg:
		d.loaded, d.loadErr = true, msg.err
		d.babies, d.unfinished, d.clears = msg.babies, msg.unfinished, msg.clears
		d.baby = pickBaby(msg.babies, msg.last)
		if name := a.cfg.Baby; name != "" && len(msg.babies) > 0 {
			if b, err := store.BabyNamed(msg.babies, name); err == nil {
				d.baby = b
			} else {
				d.notice = strings.TrimSpace(d.notice + " " + fmt.Sprintf("No baby is called %q: this is %s, the baby chosen last.", name, d.baby.Name))
			}
		}
		d.settings.now = msg.settings
		if a.cfg.Milking != "" { // the settings file's (or a flag's) choice wins, and is not asked
			d.settings.now.Milking = a.cfg.Milking
		}
	case babyChosenMsg:
		for _, b := range d.babies {
			if b.ID == msg.id {
				d.baby = b
			}
		}
	case babyChangedMsg:
		if msg.choose || d.baby.ID == msg.baby.ID {
			d.baby = msg.baby
		}
		d.babies = upsert(d.babies, msg.baby)
	case babyRemovedMsg:
		d.babies = msg.babies
		// The store removed the baby's sessions, the cut-off ones too.
		d.unfinished = slices.DeleteFunc(d.unfinished, func(s store.Session) bool { return s.BabyID == msg.id })
		if d.baby.ID == msg.id || d.baby.ID == 0 {
			d.baby = pickBaby(msg.babies, msg.last)
		}
	case unfinishedGoneMsg:
		d.unfinished = slices.DeleteFunc(d.unfinished, func(s store.Session) bool { return s.ID == msg.id })
	case routineSavedMsg:
		d.routines = replaceRoutine(d.routines, msg.r)
	case routineDeletedMsg:
		d.routines = dropRoutine(d.routines, msg.id)
	case clearMsg:
		if d.clears == nil {
			d.clears = map[uint64]routines.Clear{}
		}
		d.clears[msg.baby] = msg.clear
		st := a.cfg.Store
		return func() tea.Msg {
			_ = st.SaveClear(msg.baby, msg.clear) // lost, it only costs a few questions next time
			return nil
		}
	case milkingChosenMsg:
		d.settings.now.Milking = msg.milking
		return d.settings.save(a.cfg.Store)
	case settingsSavedMsg:
		if msg.err != nil {
			d.notice = "Your choice could not be saved (" + plainError(msg.err) + "); cradle keeps it until you quit."
		}
		return d.settings.saved(a.cfg.Store)
	case planMsg:
		d.plan.load(msg)
	case planWeekMsg:
		d.plan.choose(msg.baby, msg.step)
	case planDoneMsg:
		d.plan.done(msg.baby, msg.session)
	case VoiceFailedMsg:
		if !d.voiceFailed { // once: the next prompts fail the same way
			d.voiceFailed = true
			d.notice = strings.TrimSpace(d.notice + " " + voiceFailedNotice(msg.Err))
		}
	case noticeMsg:
		d.notice = msg.text
	}
	return nil
}

// loadedMsg carries what the app reads from the store at start.
type loadedMsg struct {
	babies     []store.Baby
	last       uint64
	unfinished []store.Session
	clears     map[uint64]routines.Clear
	settings   store.Settings
	err        error
}

func pickBaby(babies []store.Baby, last uint64) store.Baby {
	for _, b := range babies {
		if b.ID == last {
			return b
		}
	}
	if len(babies) > 0 {
		return babies[len(babies)-1]
	}
	return store.Baby{Name: "Baby"}
}

// rememberClear keeps a baby's all-clear, here at once and in the store
// in a command.
func (a *app) rememberClear(baby uint64, c routines.Clear) tea.Cmd {
	return a.report(clearMsg{baby, c})
}

// forgetClear stops offering a baby's all-clear, here and in the store:
// an answer given since (a fever, a rash) must not be forgotten by it.
func (a *app) forgetClear(baby uint64) tea.Cmd {
	if _, ok := a.data.clears[baby]; !ok || baby == 0 {
		return nil
	}
	return a.rememberClear(baby, routines.Clear{})
}
