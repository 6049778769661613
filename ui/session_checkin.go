package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui/layout"
)

// checkInTitle asks the question of a check-in.
const checkInTitle = "How is your baby?"

// checkInAbout says what the check-in is about: "After legs and feet".
func checkInAbout(st routines.State) string {
	about := st.CheckInPlace()
	return strings.ToUpper(about[:1]) + about[1:]
}

// restLonger says what the slower pace just did to the time left, the
// figure at the top that grew with it (by almost half, at times): "the
// rest takes 6 min 6 s longer (19:17 left in all)".
func restLonger(st routines.State) string {
	return "the rest takes " + routines.FormatLength(st.SlowBy) + " longer (" + FormatCountdown(st.Left) + " left in all)"
}

// countWords stand before a check-in's or an offer's countdown: what
// happens if nobody answers; narrow is the shorter form for a narrow
// window.
func countWords(st routines.State) (wide, narrow string) {
	if st.Phase == routines.PhaseOffering {
		return "Nobody choosing? cradle ends gently in ", "Ends gently in "
	}
	return "Hands busy? No need to answer: going on in ", "Going on in "
}

// checkInView asks how the baby is. With wrap, an answer's signs that do
// not fit beside it go on under it; without, they are cut to a line.
func (ss *sessionScreen) checkInView(st routines.State, w int, wrapSigns bool) ([]layout.Part, []key.Binding) {
	s := &ss.a.styles
	b := []layout.Part{layout.Drawn(rankTitle, s.Title.Render(checkInTitle))}
	for _, l := range wrap(checkInAbout(st), w, "") {
		b = append(b, layout.Drawn(rankDetail, s.Dim.Render(l)))
	}
	b = append(b, blank(rankAir))
	answers := layout.Drawn(rankMust)
	for i, c := range routines.Cues {
		info := c.Info()
		line := s.Key.Render(fmt.Sprintf("%d", i+1)) + "  " + s.Text.Render(fmt.Sprintf("%-19s", info.Label))
		if info.Hint == "" || w <= 44 {
			answers.Lines = append(answers.Lines, line)
			continue
		}
		lead := 3 + 19 // the digit, and the answer's label
		if !wrapSigns {
			answers.Lines = append(answers.Lines, line+s.Dim.Render(layout.Cut(info.Hint, w-lead)))
			continue
		}
		for j, l := range wrap(info.Hint, w-lead, "") {
			if j > 0 {
				line = strings.Repeat(" ", lead)
			}
			answers.Lines = append(answers.Lines, line+s.Dim.Render(l))
		}
	}
	b = append(b, answers, blank(rankAir), words(rankDetail, unsettledWords("press"), w, &s.Dim), ss.countPart(st, w))
	return b, ss.checkInKeys()
}

// unsettledWords stand by a check-in's countdown, so that going on by
// itself is never read as going on regardless: fussing that does not
// settle means stop and comfort [S34][S35].
func unsettledWords(verb string) string {
	key := func(c routines.Cue) int { return slices.Index(routines.Cues, c) + 1 }
	return fmt.Sprintf("If your baby is unsettled, %s %d or %d.", verb, key(routines.CueFussing), key(routines.CueCrying))
}

// countPart is the countdown of a check-in or an offer, or what a
// paused one says instead.
func (ss *sessionScreen) countPart(st routines.State, w int) layout.Part {
	s := ss.a.styles
	if st.Paused {
		return layout.Drawn(rankTimer, s.TimerPaused.Render(pausedWait(st)))
	}
	wait, narrow := countWords(st)
	if lipgloss.Width(wait)+len("10:00") > w {
		wait = narrow // a narrow window keeps the countdown
	}
	return layout.LiveLine(rankTimer, liveCount, s.Dim.Render(wait))
}

func (ss *sessionScreen) checkInKeys() []key.Binding {
	k := ss.a.keys
	return []key.Binding{k.Answer, k.Pause, k.Next, k.End, k.Help}
}

// The words of resting hands after an answer.
const (
	restingTitle = "Resting hands"
	stillWords   = "Hands still and warm"
)

func (ss *sessionScreen) holdView(st routines.State, w int) ([]layout.Part, []key.Binding) {
	s := &ss.a.styles
	b := []layout.Part{
		layout.Drawn(rankHead, headerLine(w, s.Region.Render(strings.ToUpper(restingTitle)), s.Dim.Render(st.CheckInRegion.Name))),
		blank(rankAir),
	}
	if ss.note != "" {
		b = append(b, words(rankDetail, ss.note, w, &s.Calm))
	}
	b = append(b, words(rankWords, st.Response.Say, w, &s.Text))
	if st.Response.Action == routines.ActionSlowDown && st.SlowBy > 0 && st.Next != nil {
		// The time left in the header grew with the answer: say why.
		b = append(b, words(rankDetail, "Then "+ss.r.Slower(*st.Next)+": "+restLonger(st)+".", w, &s.Calm))
	}
	b = append(b,
		blank(rankAir),
		layout.LiveLine(rankTimer, liveTimer, s.Dim.Render(stillWords)),
		layout.LiveLine(rankBar, liveBar, ""),
	)
	if st.Paused {
		b = append(b, words(rankDetail, ss.pausedWords(), w, &s.Dim))
	}
	if text := holdThen(st); text != "" {
		b = append(b, layout.Drawn(rankNext, "", s.Dim.Render("Then  ")+s.Text.Render(layout.Cut(text, w-6))))
	}
	return b, ss.holdKeys(st)
}

// holdThen says what follows resting hands: the choice after fussing, or
// the next step (with its region when it is a new one: "Then Resting
// hands" during a resting hold would read as more of the same).
func holdThen(st routines.State) string {
	switch {
	case st.Response.Action == routines.ActionHoldOffer:
		return "you choose: go on, skip or end"
	case st.Next != nil && st.NextRegion != nil:
		return st.NextRegion.Name + " · " + st.Next.Title()
	case st.Next != nil:
		return st.Next.Title()
	}
	return ""
}

func (ss *sessionScreen) holdKeys(st routines.State) []key.Binding {
	k := ss.a.keys
	goOn := layout.Relabel(k.Next, "→", "go on now")
	skip := k.Skip
	if st.Next != nil {
		name := st.Region.Name
		if st.NextRegion != nil {
			name = st.NextRegion.Name
		}
		skip.SetHelp("s", "skip "+routines.InSentence(name))
	}
	return []key.Binding{goOn, k.Pause, skip, k.End, k.Help}
}

// The words of the choice after fussing's still hands.
const (
	offerTitle = "How would you like to go on?"
	offerRush  = "There is no rush. If your baby is still unsettled, ending here is a good choice: you can try again another day."
)

// offerChoices are the three ways on after fussing, with their keys.
// Names as the routine writes them: lower-casing a stroke such as "I
// Love You" would spoil it.
func (ss *sessionScreen) offerChoices(st routines.State) []choice {
	k := ss.a.keys
	next := "Go on"
	skip := "Skip this region"
	if st.Next != nil {
		// Going on is one more stroke, slower (and lighter, unless the
		// touch is moderate), then cradle asks again (routines.GoOnSteps).
		what := st.Next.Title()
		skip = "Skip: " + st.Region.Name
		if st.NextRegion != nil {
			what = st.NextRegion.Name + ", " + st.Next.Title()
			skip = "Skip: " + st.NextRegion.Name
		}
		next = "One more stroke, " + ss.r.Slower(*st.Next) + " (" + what + "), then cradle asks again"
		if !routines.Slowed(*st.Next) {
			// Resting hands, a hold or getting ready: nothing to slow.
			next = "Go on to " + what + ", then cradle asks again"
		}
		// The time left is the header's: say what going on does to it.
		if st.GoOnSlowBy > 0 {
			next += ". The rest takes " + routines.FormatLength(st.GoOnSlowBy) + " longer"
		}
	}
	wide := max(lipgloss.Width(ss.a.keyWord(k.Next)), lipgloss.Width(ss.a.keyWord(k.Skip)), lipgloss.Width(ss.a.keyWord(k.End)))
	key := func(b, digit key.Binding) string {
		if ss.a.cfg.Plain {
			return typed(digit)
		}
		name := ss.a.keyWord(b)
		return name + strings.Repeat(" ", wide-lipgloss.Width(name)+2) + typed(digit)
	}
	return []choice{{key(k.Next, k.GoOn), next}, {key(k.Skip, k.SkipRest), skip}, {key(k.End, k.EndGently), "End here, gently"}}
}

func (ss *sessionScreen) offerView(st routines.State, w int) ([]layout.Part, []key.Binding) {
	s := &ss.a.styles
	cs := ss.offerChoices(st)
	must := layout.Drawn(rankMust)
	for _, c := range cs {
		// A choice is read whole: its words wrap under it.
		pad := strings.Repeat(" ", lipgloss.Width(c.key)+2)
		for i, l := range wrap(c.text, max(w-len(pad), 8), "") {
			lead := pad
			if i == 0 {
				lead = s.Key.Render(c.key) + "  "
			}
			must.Lines = append(must.Lines, lead+s.Text.Render(l))
		}
	}
	b := []layout.Part{
		layout.Drawn(rankTitle, s.Title.Render(offerTitle)),
		blank(rankAir),
		words(rankWords, offerRush, w, &s.Dim),
		blank(rankAir),
		must,
		blank(rankAir),
		ss.countPart(st, w),
	}
	return b, ss.offerKeys(st)
}

func (ss *sessionScreen) offerKeys(st routines.State) []key.Binding {
	k := ss.a.keys
	pause := k.Pause
	if st.Paused {
		pause.SetHelp("space", "count on")
	}
	return []key.Binding{layout.Relabel(k.Next, "→", "go on"), layout.Relabel(k.Skip, "s", "skip"), layout.Relabel(k.End, "e", "end"), pause, k.Help}
}
