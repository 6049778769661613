package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/cradle-coach/cradle/store"
)

// settingsState is the parent's choices and their saving. One save is in
// flight at a time; a change made meanwhile is saved when it answers, so
// a key pressed twice quickly never leaves the older choice on disk.
type settingsState struct {
	now           store.Settings
	saving, dirty bool
}

// settingsSavedMsg answers a save of the settings.
type settingsSavedMsg struct{ err error }

// save keeps the settings as they are now, in a command.
func (ss *settingsState) save(a *app) tea.Cmd {
	if ss.saving {
		ss.dirty = true
		return nil
	}
	ss.saving = true
	st, now := a.cfg.Store, ss.now
	return func() tea.Msg { return settingsSavedMsg{st.SaveSettings(now)} }
}

func (ss *settingsState) saved(a *app, msg settingsSavedMsg) tea.Cmd {
	ss.saving = false
	if msg.err != nil {
		a.notice = "Your choice could not be saved (" + plainError(msg.err) + "); cradle keeps it until you quit."
	}
	if ss.dirty {
		ss.dirty = false
		return ss.save(a)
	}
	return nil
}
