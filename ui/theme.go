package ui

import (
	"image/color"

	tea "charm.land/bubbletea/v2"
)

// askBackground asks the terminal for its background colour when no theme
// was chosen. The answer arrives as a message whenever the terminal sends
// it; until then, and if it never does, the dark theme stands, so the
// first frame never waits for it.
func (a *app) askBackground() tea.Cmd {
	if a.cfg.Theme != "" {
		return nil
	}
	return tea.RequestBackgroundColor
}

// followBackground picks the light or the dark theme for the terminal's
// background, unless a theme was chosen.
func (a *app) followBackground(dark bool) {
	if a.cfg.Theme != "" {
		return
	}
	t := ThemeLight
	if dark {
		t = ThemeDark
	}
	if a.styles.Theme != t {
		a.styles = NewStyles(t)
	}
}

// themeBackground is the colour a chosen theme paints the terminal's
// background with, so its contrast holds whatever the terminal's own
// colours are (night on a white terminal, say). A theme that follows the
// terminal, and Mono, leave the background alone.
func (a *app) themeBackground() color.Color {
	if a.cfg.Theme == "" {
		return nil
	}
	return a.styles.background()
}
