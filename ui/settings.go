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
func (ss *settingsState) save(st Store) tea.Cmd {
	if ss.saving {
		ss.dirty = true
		return nil
	}
	ss.saving = true
	now := ss.now
	return func() tea.Msg { return settingsSavedMsg{st.SaveSettings(now)} }
}

// saved follows a save's answer: a change made meanwhile is saved now.
func (ss *settingsState) saved(st Store) tea.Cmd {
	ss.saving = false
	if ss.dirty {
		ss.dirty = false
		return ss.save(st)
	}
	return nil
}
