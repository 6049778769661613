package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui/bigtext"
)

// The presentation view is the session for a room: the step's name and
// the countdown in block letters as large as the window allows, in the
// body text colour (7:1 or more in every theme), and nothing personal on
// screen: no baby's name, no history. The keys are the session's own.

// maxScale bounds the block letters: at 8 a digit is 40 cells wide.
const maxScale = 8

func (ss *sessionScreen) presentView(st routines.State) string {
	a, s := ss.a, ss.a.styles
	right := ""
	if st.RegionNum > 0 {
		right = fmt.Sprintf("Region %d of %d · %s left", st.RegionNum, st.Regions, FormatCountdown(st.Left))
	}
	header := headerLine(a.w-2, s.Brand.Render(ss.r.Title), s.Dim.Render(right))
	body, bindings := ss.presentBody(st, a.w, a.h-4)
	footer := a.helpBar(a.w-2, append(bindings, a.keys.Help)...)
	if ss.confirmEnd {
		footer = s.Warn.Render("End now?") + "  " + s.Key.Render("y") + " " + s.KeyDesc.Render("end") + s.KeySep.Render(" · ") +
			s.KeyDesc.Render("any other key keeps going")
	}
	return a.assemble(header, body, footer)
}

// Presenter draws the presentation view's body for a session run
// elsewhere: a class host shows the room its session with it, so a room
// sees what --present shows.
type Presenter struct{ ss *sessionScreen }

// NewPresenter makes a Presenter of routine r, drawn in styles st.
func NewPresenter(r *routines.Routine, st Styles) *Presenter {
	return &Presenter{ss: &sessionScreen{a: &app{styles: st, keys: Keys}, r: r, present: true}}
}

// Body is the presentation view of st in width×height cells: the region
// and step, the step's name and the countdown in block letters as large
// as fit, the caution, what comes next, a pause. It is height lines
// long, blank lines filling the foot.
func (p *Presenter) Body(st routines.State, width, height int) []string {
	body, _ := p.ss.presentBody(st, width, height)
	for len(body) < height {
		body = append(body, "")
	}
	return body[:max(height, 0)]
}

// presentBody is the presentation view between its header and its
// footer, in width×height cells, and the keys its footer offers.
func (ss *sessionScreen) presentBody(st routines.State, width, height int) ([]string, []key.Binding) {
	s, k := ss.a.styles, ss.a.keys
	w := width - 2
	small := min(w, 76) // small lines keep the usual column

	var above, below []string
	title, timer := st.Step.Title(), FormatCountdown(st.Remaining)
	timerStyle := s.Timer
	normal := relabel(k.Present, "p", "normal view")
	bindings := []key.Binding{k.Pause, k.Next, k.Back, k.Skip, k.CheckIn, normal, k.End}
	switch st.Phase {
	case routines.PhaseCheckIn:
		title = "How is your baby?"
		above = []string{s.Dim.Render("After " + strings.ToLower(st.CheckInRegion.Name))}
		if st.Manual {
			above = []string{s.Dim.Render("During " + strings.ToLower(st.CheckInRegion.Name))}
		}
		below = answerLines(s, small)
		bindings = []key.Binding{k.Answer, k.Pause, k.Next, normal, k.End}
	case routines.PhaseHolding:
		above = []string{s.Region.Render("RESTING HANDS")}
		title = "Hands still"
		for _, l := range wrap(st.Response.Say, small, "") {
			below = append(below, s.Text.Render(l))
		}
		bindings = []key.Binding{relabel(k.Next, "→", "go on now"), k.Pause, k.Skip, normal, k.End}
	default:
		region := s.Region.Render(strings.ToUpper(st.Region.Name))
		preparing := st.Step.Kind == routines.StepPrepare
		where := fmt.Sprintf("  ·  step %d of %d", st.StepInRegion, st.StepsInRegion)
		if preparing {
			where = "  ·  getting ready"
		}
		above = []string{region + s.Dim.Render(where)}
		if st.Step.Caution != "" {
			// The caution stays in a room too, in the warning colour.
			for _, l := range wrap("Take care: "+st.Step.Caution, small, "") {
				below = append(below, s.Warn.Render(l))
			}
		}
		if ss.a.cfg.Store != nil && !ss.a.demo() && !preparing {
			// A real baby (not --present, nor a room's Presenter): how
			// firmly, and the slower pace an answer asked for, stay under
			// the countdown too; the step's words give way.
			if p := st.Step.Pressure; p != "" {
				// Beside the caution when both fit on its last line, so
				// the letters keep their size.
				n := len(below)
				if pressure := s.Dim.Render("  ·  Pressure  ") + s.Text.Render(p); n > 0 && st.Step.Caution != "" && lipgloss.Width(below[n-1]+pressure) <= small {
					below[n-1] += pressure
				} else {
					for i, l := range wrap(p, small-10, "") {
						label := "          "
						if i == 0 {
							label = "Pressure  "
						}
						below = append(below, s.Dim.Render(label)+s.Text.Render(l))
					}
				}
			}
			if slow := ss.r.SlowNote(st.Step); st.Slow && slow != "" {
				for _, l := range wrap(slow, small, "") {
					below = append(below, s.Calm.Render(l))
				}
			}
		}
		switch {
		case st.Phase == routines.PhaseWaiting && !st.TimeUp:
			timer = ""
			below = append(below, s.Calm.Render("When your baby says yes, press "+ss.a.keyWord(k.Begin)+"."))
			bindings = []key.Binding{k.Begin, relabel(k.End, "e", "not now"), normal}
		case st.TimeUp && preparing:
			timer = ""
			below = append(below, s.Accent.Render("When you are ready, press "+ss.a.keyWord(k.Ready)+"."))
			bindings = []key.Binding{k.Ready, k.Back, k.Skip, normal, k.End}
		case st.TimeUp:
			timer = ""
			below = append(below, s.Accent.Render("Time is up for this one: press "+ss.a.keyWord(k.Next)+" when you are ready."))
		case preparing:
			below = append(below, s.Calm.Render("When you are ready, press "+ss.a.keyWord(k.Ready)+".")+s.Dim.Render("  ·  goes on by itself"))
			bindings = []key.Binding{k.Ready, k.Back, k.Skip, normal, k.End}
		default:
			if line := ss.paceLine(st, small, 48); line != "" {
				below = append(below, line)
			}
		}
		if st.Next != nil {
			next := s.Dim.Render("Next  ") + s.Text.Render(st.Next.Title())
			if st.NextRegion != nil {
				next = s.Dim.Render("Next region  ") + s.Text.Render(st.NextRegion.Name)
			}
			below = append(below, next)
		}
	}
	if st.Paused {
		// In the place of what comes next, so the letters keep their size.
		timerStyle = s.TimerPaused
		paused := s.TimerPaused.Render(pausedTitle) + s.Dim.Render("  ·  "+ss.a.keyWord(k.Pause)+" goes on")
		if st.Next != nil && len(below) > 0 && st.Phase == routines.PhaseRunning {
			below[len(below)-1] = paused
		} else {
			below = append(below, paused)
		}
		for i, b := range bindings {
			if b.Help().Key == "space" {
				bindings[i] = relabel(b, "space", "go on")
			}
		}
	}
	// Where the letters go changes only with the step, the window or the
	// width of the time; each second only the countdown is drawn again.
	c := &ss.big
	ck := fmt.Sprint(width, height, title, len(timer), len(above), len(below), s.Theme, st.Paused)
	if c.key != ck {
		fixed := len(above) + len(below)
		sn, sc, lines := bigFit(height, w, fixed, title, timer)
		*c = bigCache{key: ck, timerScale: sc, title: blockRows(lines, sn, s.Title, width)}
	}
	var clockRows []string
	if timer != "" {
		clockRows = blockRows([]string{timer}, c.timerScale, timerStyle, width)
	}
	return stack(width, height, centred(above, width), c.title, clockRows, centred(below, width)), bindings
}

// bigCache keeps the presentation view's letters between seconds.
type bigCache struct {
	key        string
	timerScale int
	title      []string // drawn, styled and centred
}

// answerLines lists a check-in's answers compactly: "1 Relaxed   2 Alert
// and content   ...", wrapped to w.
func answerLines(s Styles, w int) []string {
	var lines []string
	line, lineW := "", 0
	for i, c := range routines.Cues {
		item := s.Key.Render(fmt.Sprint(i+1)) + " " + s.Text.Render(c.Info().Label)
		iw := lipgloss.Width(item)
		if lineW > 0 && lineW+3+iw > w {
			lines = append(lines, line)
			line, lineW = "", 0
		}
		if lineW > 0 {
			line += "   "
			lineW += 3
		}
		line += item
		lineW += iw
	}
	return append(lines, line)
}

// bigFit picks the largest block letters for a title and a countdown
// that fit, with fixed small lines, in innerW×height cells: first the
// larger of the two smaller scales, then the larger sum, so neither the
// name nor the time is left tiny. Scale 0 is plain text, for a window too
// small (or a name the font cannot draw). It works from widths alone and
// returns the title's lines at its scale.
func bigFit(height, innerW, fixed int, title, timer string) (titleScale, timerScale int, lines []string) {
	found := false
	var best [2]int
	for sn := 0; sn <= maxScale; sn++ {
		words, ok := bigWrap(title, sn, innerW)
		if !ok {
			continue
		}
		th := bigHeight(len(words), sn)
		for sc := 0; sc <= maxScale; sc++ {
			ch := 0
			if timer != "" {
				if sc > 0 && bigtext.Width(timer, sc) > innerW {
					break
				}
				ch = bigHeight(1, sc)
			} else if sc > 0 {
				break
			}
			if fixed+th+ch > height {
				break // larger letters are taller still
			}
			score := [2]int{sn, sn}
			if timer != "" {
				score = [2]int{min(sn, sc), sn + sc}
			}
			if !found || score[0] > best[0] || score[0] == best[0] && score[1] > best[1] {
				titleScale, timerScale, best, lines, found = sn, sc, score, words, true
			}
		}
	}
	if !found { // nothing fits: plain lines, cut by the frame
		return 0, 0, wrap(title, innerW, "")
	}
	return titleScale, timerScale, lines
}

// blockRows draws lines of text at scale (0: plain), each row styled and
// centred in width cells, a blank row between lines of letters. Styling is
// the style's opening and closing sequences around each row: the rows are
// long, and measuring them again would cost more than drawing them.
func blockRows(lines []string, scale int, st lipgloss.Style, width int) []string {
	open, closing, _ := strings.Cut(st.Render("\x00"), "\x00")
	var out []string
	for i, l := range lines {
		if scale == 0 {
			out = append(out, strings.Repeat(" ", max((width-lipgloss.Width(l))/2, 0))+st.Render(l))
			continue
		}
		if i > 0 {
			out = append(out, "")
		}
		pad := strings.Repeat(" ", max((width-bigtext.Width(l, scale))/2, 0))
		for _, row := range bigtext.Render(l, scale) {
			out = append(out, pad+open+row+closing)
		}
	}
	return out
}

// stack puts the parts (small lines, letters) one under the other in
// height lines, the spare lines between them (up to two each), then
// above them. Small lines are centred in width cells and cut to fit.
func stack(width, height int, parts ...[]string) []string {
	var nonEmpty [][]string
	used := 0
	for _, p := range parts {
		if len(p) > 0 {
			nonEmpty = append(nonEmpty, p)
			used += len(p)
		}
	}
	spare := max(height-used, 0)
	gap := 0
	if n := len(nonEmpty) - 1; n > 0 {
		gap = min(spare/n, 2)
		spare -= gap * n
	}
	out := make([]string, spare/2, height)
	for i, p := range nonEmpty {
		if i > 0 {
			for range gap {
				out = append(out, "")
			}
		}
		out = append(out, p...)
	}
	return out
}

// centred centres small lines in width cells, cut to fit.
func centred(lines []string, width int) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		l = truncate(l, width)
		out[i] = strings.Repeat(" ", max((width-lipgloss.Width(l))/2, 0)) + l
	}
	return out
}

// bigHeight is how many lines n lines of text take at scale: a blank line
// between lines of block letters.
func bigHeight(n, scale int) int {
	if scale == 0 {
		return n
	}
	return n*bigtext.Height(scale) + n - 1
}

// bigWrap wraps text at word boundaries into lines that are at most w
// cells wide at scale (0: plain text). ok is false when a word is too
// wide or a rune has no glyph.
func bigWrap(text string, scale, w int) ([]string, bool) {
	if scale == 0 {
		return wrap(text, w, ""), true
	}
	if !bigtext.Drawable(text) {
		return nil, false
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if bigtext.Width(word, scale) > w {
			return nil, false
		}
		switch {
		case line == "":
			line = word
		case bigtext.Width(line+" "+word, scale) <= w:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines, true
}
