package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/cradle-coach/cradle/routines"
)

// announce makes a change of state heard: the sound of its kind, and with
// a voice, the words. Both run in commands.
func (ss *sessionScreen) announce(prev, st routines.State) tea.Cmd {
	kind, words, ring := ss.cue(prev, st)
	var cmds []tea.Cmd
	if ring {
		cmds = append(cmds, ss.a.cfg.Sound.Play(kind))
	}
	if v := ss.a.cfg.Voice; v != nil && words != "" {
		cmds = append(cmds, v.Say(words))
	}
	return tea.Batch(cmds...)
}

// cue decides what a change of state is worth hearing: a new region, a new
// stroke, a check-in, the end, the last seconds of a step; and, for the
// voice only, a pause and the going on after it.
func (ss *sessionScreen) cue(prev, st routines.State) (kind SoundKind, words string, ring bool) {
	stepping := func(p routines.Phase) bool { return p == routines.PhaseRunning || p == routines.PhaseWaiting }
	switch {
	case st.Phase == routines.PhaseEnded && prev.Phase != routines.PhaseEnded:
		return SoundEnd, endWords(ss.r, ss.log, ss.a.demo()), true
	case st.Phase == routines.PhaseCheckIn && prev.Phase != routines.PhaseCheckIn:
		return SoundCheckIn, checkInWords(), true
	case st.Phase == routines.PhaseOffering && prev.Phase != routines.PhaseOffering:
		return SoundCheckIn, offerWords(st.Remaining), true
	case st.Phase == routines.PhaseHolding && prev.Phase != routines.PhaseHolding:
		return SoundStroke, holdWords(st), true
	case stepping(st.Phase) && (prev.Steps == 0 || !stepping(prev.Phase) || st.Index != prev.Index || st.Step.Title() != prev.Step.Title()):
		if st.Region.ID != prev.Region.ID || prev.Steps == 0 {
			return SoundRegion, stepWords(ss.r, st, true, ss.a.keyWord(ss.begin())), true
		}
		return SoundStroke, stepWords(ss.r, st, false, ss.a.keyWord(ss.begin())), true
	case st.Paused != prev.Paused && st.Phase == prev.Phase:
		if st.Paused {
			return 0, sayPaused, false
		}
		return 0, sayResumed, false
	case endingSoon(prev, st):
		return SoundSoon, saySoon, true
	}
	return 0, "", false
}

// endingSoon is true at the tick that crosses into a step's (or a hold's)
// last seconds. Ticks come every second anyway, so hearing it costs no
// extra wake-up; a step too short to need a warning gets none.
func endingSoon(prev, st routines.State) bool {
	timed := st.Phase == routines.PhaseRunning || st.Phase == routines.PhaseHolding
	return timed && !st.Paused && prev.Phase == st.Phase && prev.Index == st.Index &&
		st.Length >= 2*soonBefore && prev.Remaining > soonBefore && st.Remaining <= soonBefore && st.Remaining > 0
}
