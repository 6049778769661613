package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// SoundKind names a moment worth hearing, so the parent can keep their
// eyes on the baby.
type SoundKind int

const (
	SoundStroke  SoundKind = iota // a new stroke or hold
	SoundRegion                   // a new body region
	SoundCheckIn                  // "how is your baby?"
	SoundEnd                      // the session is over
	SoundSoon                     // the last seconds of a step: finish the stroke
)

func (k SoundKind) String() string {
	switch k {
	case SoundStroke:
		return "stroke"
	case SoundRegion:
		return "region"
	case SoundCheckIn:
		return "check-in"
	case SoundEnd:
		return "end"
	case SoundSoon:
		return "soon"
	}
	return "?"
}

// Sound plays a cue. It returns a command, so no sound is made in Update.
type Sound interface {
	Play(SoundKind) tea.Cmd
}

// Bell rings the terminal bell, in a pattern for each cue that an ear
// tells apart without counting hard: one ring for a new stroke (and for
// the last seconds of one), two for a new region, three for a check-in,
// and a slow four for the end.
type Bell struct{}

// bellPatterns are the instants, from the cue, at which the bell rings.
var bellPatterns = map[SoundKind][]time.Duration{
	SoundStroke:  {0},
	SoundSoon:    {0},
	SoundRegion:  {0, 350 * time.Millisecond},
	SoundCheckIn: {0, 300 * time.Millisecond, 600 * time.Millisecond},
	SoundEnd:     {0, 700 * time.Millisecond, 1400 * time.Millisecond, 2100 * time.Millisecond},
}

// Play rings the bell in the cue's pattern. The later rings are timers:
// they cost a wake-up each, only when a cue is heard.
func (Bell) Play(k SoundKind) tea.Cmd {
	var cmds []tea.Cmd
	for _, at := range bellPatterns[k] {
		if at == 0 {
			cmds = append(cmds, tea.Raw("\a"))
			continue
		}
		cmds = append(cmds, tea.Tick(at, func(time.Time) tea.Msg { return tea.RawMsg{Msg: "\a"} }))
	}
	return tea.Batch(cmds...)
}

// Silent makes no sound.
type Silent struct{}

// Play does nothing.
func (Silent) Play(SoundKind) tea.Cmd { return nil }
