package ui

import (
	"image/color"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// Theme names a palette.
type Theme string

const (
	Dark  Theme = "dark"
	Light Theme = "light"
)

// palette is the handful of colours every screen is drawn with.
type palette struct {
	bg, text, dim, faint, accent, calm, warn, alert, line color.Color
}

var palettes = map[Theme]palette{
	// Warm, soft colours; text stays well above 7:1 on a dark background.
	Dark: {
		bg:     lipgloss.Color("#1E1B18"),
		text:   lipgloss.Color("#EDE6DD"),
		dim:    lipgloss.Color("#A59C92"),
		faint:  lipgloss.Color("#6E665E"),
		accent: lipgloss.Color("#F4B183"),
		calm:   lipgloss.Color("#93CDBE"),
		warn:   lipgloss.Color("#E9C46A"),
		alert:  lipgloss.Color("#F09A9A"),
		line:   lipgloss.Color("#4A443E"),
	},
	Light: {
		bg:     lipgloss.Color("#FBF7F2"),
		text:   lipgloss.Color("#2B2520"),
		dim:    lipgloss.Color("#5F574F"),
		faint:  lipgloss.Color("#8C8279"),
		accent: lipgloss.Color("#A44A1C"),
		calm:   lipgloss.Color("#1F6B5A"),
		warn:   lipgloss.Color("#7A5600"),
		alert:  lipgloss.Color("#9E2F2F"),
		line:   lipgloss.Color("#CFC6BC"),
	},
}

// Styles is the one set of styles the screens use, built from a theme.
type Styles struct {
	Theme Theme
	p     palette

	Brand, Title, Subtitle lipgloss.Style
	Text, Dim, Faint       lipgloss.Style
	Accent, Calm           lipgloss.Style
	Warn, Alert            lipgloss.Style
	Region, Stroke         lipgloss.Style
	Timer, TimerPaused     lipgloss.Style
	BarFull, BarEmpty      lipgloss.Style
	Selected, Marker       lipgloss.Style
	Key, KeyDesc, KeySep   lipgloss.Style
	Rule                   lipgloss.Style
	Panel                  lipgloss.Style
}

// NewStyles builds the styles for a theme.
func NewStyles(t Theme) Styles {
	p, ok := palettes[t]
	if !ok {
		t, p = Dark, palettes[Dark]
	}
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	return Styles{
		Theme:       t,
		p:           p,
		Brand:       fg(p.accent).Bold(true),
		Title:       fg(p.text).Bold(true),
		Subtitle:    fg(p.dim),
		Text:        fg(p.text),
		Dim:         fg(p.dim),
		Faint:       fg(p.faint),
		Accent:      fg(p.accent),
		Calm:        fg(p.calm),
		Warn:        fg(p.warn),
		Alert:       fg(p.alert),
		Region:      fg(p.calm).Bold(true),
		Stroke:      fg(p.accent).Bold(true),
		Timer:       fg(p.text).Bold(true),
		TimerPaused: fg(p.warn).Bold(true),
		BarFull:     fg(p.calm),
		BarEmpty:    fg(p.line),
		Selected:    fg(p.accent).Bold(true),
		Marker:      fg(p.accent),
		Key:         fg(p.text).Bold(true),
		KeyDesc:     fg(p.dim),
		KeySep:      fg(p.faint),
		Rule:        fg(p.line),
		Panel:       lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.line).Padding(0, 2),
	}
}

// huhTheme dresses huh's forms in the app's palette.
func huhTheme(st Styles) huh.Theme {
	p := st.p
	return huh.ThemeFunc(func(bool) *huh.Styles {
		t := huh.ThemeBase(st.Theme == Dark)
		fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
		f := &t.Focused
		f.Base = f.Base.BorderForeground(p.accent)
		f.Card = f.Base
		f.Title = fg(p.text).Bold(true)
		f.NoteTitle = fg(p.calm).Bold(true).MarginBottom(1)
		f.Description = fg(p.dim)
		f.ErrorIndicator = fg(p.alert).SetString(" *")
		f.ErrorMessage = fg(p.alert)
		f.SelectSelector = fg(p.accent).SetString("› ")
		f.MultiSelectSelector = fg(p.accent).SetString("› ")
		f.Option = fg(p.text)
		f.SelectedOption = fg(p.calm)
		f.SelectedPrefix = fg(p.calm).SetString("✓ ")
		f.UnselectedOption = fg(p.text)
		f.UnselectedPrefix = fg(p.faint).SetString("• ")
		f.FocusedButton = lipgloss.NewStyle().Padding(0, 2).MarginRight(1).Foreground(p.bg).Background(p.accent).Bold(true)
		f.BlurredButton = lipgloss.NewStyle().Padding(0, 2).MarginRight(1).Foreground(p.dim).Background(p.line)
		f.Next = f.FocusedButton
		f.TextInput.Cursor = fg(p.accent)
		f.TextInput.Placeholder = fg(p.faint)
		f.TextInput.Prompt = fg(p.accent)
		f.TextInput.Text = fg(p.text)
		t.Blurred = *f
		t.Blurred.Base = f.Base.BorderStyle(lipgloss.HiddenBorder())
		t.Blurred.Card = t.Blurred.Base
		t.Blurred.Title = fg(p.dim)
		t.Blurred.NextIndicator = lipgloss.NewStyle()
		t.Blurred.PrevIndicator = lipgloss.NewStyle()
		t.Group.Title = f.Title
		t.Group.Description = f.Description
		t.Help.ShortKey = fg(p.text).Bold(true)
		t.Help.ShortDesc = fg(p.dim)
		t.Help.ShortSeparator = fg(p.faint)
		t.Help.FullKey = t.Help.ShortKey
		t.Help.FullDesc = t.Help.ShortDesc
		t.Help.FullSeparator = t.Help.ShortSeparator
		return t
	})
}
