package ui

import tea "charm.land/bubbletea/v2"

// SoundKind names a moment worth hearing, so the parent can keep their
// eyes on the baby.
type SoundKind int

const (
	SoundStroke  SoundKind = iota // a new stroke or hold
	SoundRegion                   // a new body region
	SoundCheckIn                  // "how is your baby?"
	SoundEnd                      // the session is over
)

// Sound plays a cue. It returns a command, so no sound is made in Update.
type Sound interface {
	Play(SoundKind) tea.Cmd
}

// Bell rings the terminal bell for every cue.
type Bell struct{}

// Play rings the bell.
func (Bell) Play(SoundKind) tea.Cmd { return tea.Raw("\a") }

// Silent makes no sound.
type Silent struct{}

// Play does nothing.
func (Silent) Play(SoundKind) tea.Cmd { return nil }
