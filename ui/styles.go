package ui

import (
	"image/color"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// Theme names a palette. The empty theme follows the terminal's
// background: light or dark, dark until the terminal answers.
type Theme string

const (
	ThemeDark  Theme = "dark"
	ThemeLight Theme = "light"
	// ThemeNight is dim and low in blue, for a massage at bedtime in a dark room.
	ThemeNight Theme = "night"
	// ThemeMono has no colours, for NO_COLOR: emphasis is bold, underline and
	// reverse video.
	ThemeMono Theme = "mono"
)

// Themes are the names --theme accepts.
var Themes = []Theme{ThemeLight, ThemeDark, ThemeNight}

// palette is the handful of colours every screen is drawn with.
type palette struct {
	bg, text, dim, faint, accent, calm, warn, alert, line color.Color
}

// Every text colour holds a contrast ratio (WCAG 2) of at least 4.5:1 on
// its theme's background, and the body text colour at least 7:1; button
// labels hold 4.5:1 on the button. TestContrast measures them, so a
// palette change that breaks this fails.
var palettes = map[Theme]palette{
	// Warm, soft colours on a dark background.
	ThemeDark: {
		bg:     lipgloss.Color("#1E1B18"),
		text:   lipgloss.Color("#EDE6DD"),
		dim:    lipgloss.Color("#A59C92"),
		faint:  lipgloss.Color("#8F867C"),
		accent: lipgloss.Color("#F4B183"),
		calm:   lipgloss.Color("#93CDBE"),
		warn:   lipgloss.Color("#E9C46A"),
		alert:  lipgloss.Color("#F09A9A"),
		line:   lipgloss.Color("#4A443E"),
	},
	ThemeLight: {
		bg:     lipgloss.Color("#FBF7F2"),
		text:   lipgloss.Color("#2B2520"),
		dim:    lipgloss.Color("#5F574F"),
		faint:  lipgloss.Color("#786E65"),
		accent: lipgloss.Color("#A44A1C"),
		calm:   lipgloss.Color("#1F6B5A"),
		warn:   lipgloss.Color("#7A5600"),
		alert:  lipgloss.Color("#9E2F2F"),
		line:   lipgloss.Color("#CFC6BC"),
	},
	// Amber and olive on near-black: little blue light, and about half the
	// brightness of the dark theme's text, yet still above 7:1.
	ThemeNight: {
		bg:     lipgloss.Color("#120E0B"),
		text:   lipgloss.Color("#CFA983"),
		dim:    lipgloss.Color("#A8825F"),
		faint:  lipgloss.Color("#95755A"),
		accent: lipgloss.Color("#D98F55"),
		calm:   lipgloss.Color("#A39B62"),
		warn:   lipgloss.Color("#C99A48"),
		alert:  lipgloss.Color("#D5745A"),
		line:   lipgloss.Color("#3A2E24"),
	},
	// The terminal's own colours.
	ThemeMono: {
		bg: lipgloss.NoColor{}, text: lipgloss.NoColor{}, dim: lipgloss.NoColor{}, faint: lipgloss.NoColor{},
		accent: lipgloss.NoColor{}, calm: lipgloss.NoColor{}, warn: lipgloss.NoColor{}, alert: lipgloss.NoColor{},
		line: lipgloss.NoColor{},
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
		t, p = ThemeDark, palettes[ThemeDark]
	}
	if t == ThemeMono {
		return monoStyles(p)
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

// monoStyles mark with type what the colour themes mark with colour:
// headings, keys and warnings bold, errors and a paused timer in reverse
// video. Nothing is faint (dim text loses contrast on some terminals) and
// nothing underlined (lipgloss draws underlined text a letter at a time).
func monoStyles(p palette) Styles {
	plain := lipgloss.NewStyle()
	bold := plain.Bold(true)
	return Styles{
		Theme:       ThemeMono,
		p:           p,
		Brand:       bold,
		Title:       bold,
		Subtitle:    plain,
		Text:        plain,
		Dim:         plain,
		Faint:       plain,
		Accent:      bold,
		Calm:        plain,
		Warn:        bold,
		Alert:       bold.Reverse(true),
		Region:      bold,
		Stroke:      bold,
		Timer:       bold,
		TimerPaused: bold.Reverse(true),
		BarFull:     plain,
		BarEmpty:    plain,
		Selected:    bold,
		Marker:      plain,
		Key:         bold,
		KeyDesc:     plain,
		KeySep:      plain,
		Rule:        plain,
		Panel:       plain.Border(lipgloss.RoundedBorder()).Padding(0, 2),
	}
}

// background is the theme's background colour, or nil for the terminal's
// own (Mono).
func (st Styles) background() color.Color {
	if _, none := st.p.bg.(lipgloss.NoColor); none || st.p.bg == nil {
		return nil
	}
	return st.p.bg
}

// huhTheme dresses huh's forms in the app's palette.
func huhTheme(st Styles) huh.Theme {
	p := st.p
	return huh.ThemeFunc(func(bool) *huh.Styles {
		t := huh.ThemeBase(st.Theme != ThemeLight)
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
		f.BlurredButton = lipgloss.NewStyle().Padding(0, 2).MarginRight(1).Foreground(p.text).Background(p.line)
		if st.Theme == ThemeMono {
			f.FocusedButton = lipgloss.NewStyle().Padding(0, 2).MarginRight(1).Reverse(true).Bold(true)
			f.BlurredButton = lipgloss.NewStyle().Padding(0, 2).MarginRight(1)
			f.SelectedOption = lipgloss.NewStyle().Bold(true)
		}
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
