package screens

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"github.com/cradle-coach/cradle/class"
	"github.com/cradle-coach/cradle/internal/plural"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui"
	"github.com/cradle-coach/cradle/ui/layout"
)

// Ranks of a followed step's parts, from first to give way on a short
// window to last: what comes next and the air go first; the countdown, the
// answers, the step's caution and its name stay.
const (
	rankNext = iota
	rankAir
	rankWords
	rankDetail
	rankNote
	rankHead
	rankBar
	rankTitle
	rankCaution
	rankMust
	rankTimer
)

// The lines of a followed step that change every second are drawn from
// the clock at each frame; the rest of the screen is kept from one change
// of the class to the next, as a countdown costs little more than its
// digits. A live line's text is what stands before its time.
const (
	liveTimer layout.Live = iota + 1 // a step's countdown: the words on its left
	liveBar                          // the step's progress
	liveWait                         // a check-in's countdown: the words before it
	liveClass                        // the class, seen after the family's own end
)

// followParts collects the parts of the followed screen, its words
// wrapped to w.
type followParts struct {
	list []layout.Part
	w    int
}

// add is a part of drawn lines, shown whole or not at all.
func (p *followParts) add(rank int, ls ...string) { p.list = append(p.list, layout.Drawn(rank, ls...)) }

// words is text that loses lines from its end where it does not fit.
func (p *followParts) words(rank int, st *lipgloss.Style, text string) {
	p.list = append(p.list, layout.Words(rank, lines(text, p.w), st))
}

// live is drawn lines whose last is drawn again each second, of kind:
// its text is what stands before the time.
func (p *followParts) live(rank int, kind layout.Live, ls ...string) {
	p.list = append(p.list, layout.Part{Rank: rank, Lines: ls, Live: kind})
}

// followCache is the followed class's screen without its live lines.
type followCache struct {
	key            followKey
	header, footer string
	body           []layout.Line // fitted to the window; live lines still to draw
}

// followKey is everything the kept lines are drawn from: a change in any
// of it draws them again.
type followKey struct {
	seq           uint64
	w, winW, winH int
	theme         ui.Theme
	confirmEnd    bool
}

// follow is the class as the family follows it: the header's two sides,
// the body and the footer, with this second's countdown.
func (f *Family) follow(w int) (header, right string, body []string, footer string) {
	s := &f.styles
	snap := f.hub.Snapshot()
	st := snap.StateAt(f.hub.Now())
	c := &f.cache
	if key := (followKey{snap.Seq, w, f.w, f.h, s.Theme, f.confirmEnd}); c.body == nil || c.key != key {
		*c = followCache{key: key}
		c.header, c.body, c.footer = f.followView(w, snap, st)
	}
	if snap.Stage == class.StageRunning {
		right = fmt.Sprintf("Region %d of %d · %s left", st.RegionNum, st.Regions, ui.FormatCountdown(st.Left))
		if st.RegionNum == 0 {
			right = "getting started"
		}
		if st.Paused {
			right = "paused by your instructor"
		}
		if snap.Questions {
			right = "paused for questions"
		}
		right = s.Dim.Render(right)
	}
	body = make([]string, len(c.body))
	for i, l := range c.body {
		switch l.Live {
		case layout.Still:
			body[i] = l.Text
		case liveTimer:
			timer := s.Timer.Render(ui.FormatCountdown(st.Remaining))
			if st.Paused {
				timer = s.TimerPaused.Render(pausedWords(snap) + "  " + ui.FormatCountdown(st.Remaining))
			}
			body[i] = spread(w, l.Text, timer)
		case liveBar:
			frac := 0.0
			if st.Length > 0 {
				frac = 1 - float64(st.Remaining)/float64(st.Length)
			}
			body[i] = layout.Bar(w, frac, s.BarFull, s.BarEmpty)
		case liveWait:
			body[i] = l.Text + s.Timer.Render(ui.FormatCountdown(st.Remaining))
		case liveClass:
			body[i] = s.Dim.Render(layout.Cut(fmt.Sprintf("The class: %s · %s · %s", st.Region.Name, st.Step.Title(), ui.FormatCountdown(st.Remaining)), w))
		}
	}
	return c.header, right, body, c.footer
}

// followView draws what does not change from one second to the next:
// the header's left side, the body (live lines marked) and the footer.
func (f *Family) followView(w int, snap *class.Snapshot, st routines.State) (header string, body []layout.Line, footer string) {
	s, k := &f.styles, f.keys
	h := f.hub
	v := f.seat.View()
	header = s.Brand.Render("cradle") + s.Dim.Render(" · "+h.Routine().Title+" · "+v.Name)
	room := f.h - 4
	answers := layout.Relabel(k.Answer, "1-6", "how is your baby")
	hand := layout.Relabel(k.Hand, "h", "raise your hand")
	if v.Hand {
		hand = layout.Relabel(k.Hand, "h", "lower your hand")
	}
	end := layout.Relabel(k.End, "e", "end mine")
	leave := layout.Relabel(k.ForceQuit, "ctrl+c", "leave")
	keys := []key.Binding{answers, hand, end, leave}

	p := &followParts{w: w, list: make([]layout.Part, 0, 16)} // room for most screens: 6 to 12 parts
	switch {
	case v.Stage == class.FamilyDone || snap.Stage == class.StageOver:
		keys = []key.Binding{leave}
		f.endParts(w, v, snap, p)
	case snap.Stage == class.StageLobby:
		p.add(rankTitle, "", s.Title.Render("Welcome, "+v.Name))
		p.add(rankAir, "")
		p.words(rankMust, &s.Text, "The class begins when your instructor starts it. While you wait: a towel or mat in front of you, a warm room without draughts, your jewellery off and your hands warm.")
		p.add(rankAir, "")
		p.words(rankDetail, &s.Dim, fmt.Sprintf("%s in the class.", plural.Of(snap.Families, "family", "families")))
		if long := longLine(v); long != "" {
			p.words(rankDetail, &s.Calm, long)
		}
		if v.Stage == class.FamilyWatching {
			p.words(rankDetail, &s.Dim, watchWords(v))
		}
		keys = []key.Binding{hand, leave}
	default:
		if v.Stage == class.FamilyWatching {
			keys = []key.Binding{hand, leave}
		}
		if snap.Questions {
			p.words(rankMust, &s.Warn, questionsWords)
			p.add(rankAir, "")
		}
		if st.Phase == routines.PhaseCheckIn && v.Stage == class.FamilyFollowing {
			f.checkInParts(w, v, snap, st, p)
			break
		}
		f.stepParts(w, v, st, p)
	}
	if v.Again && snap.Stage != class.StageOver {
		keys = append([]key.Binding{layout.Relabel(k.FollowNow, "f", "follow now")}, keys...)
	}
	if v.Hand {
		p.add(rankMust, "", s.Warn.Render("Your hand is up: your instructor can see it. h lowers it."))
	}
	if f.confirmEnd {
		footer = s.Warn.Render("End "+v.Name+"'s massage here?") + "  " + keysLine(s, f.w-30,
			layout.Relabel(k.Yes, "y", "end it gently"), layout.Relabel(k.No, "any other key", "keep following"))
	} else {
		footer = keysLine(s, f.w-2, keys...)
	}
	return header, layout.Fit(p.list, room, w), footer
}

// stepParts are the step on screen: the region and where in it, the
// step's name, what to do (or that the region is left out for this baby),
// the countdown, the family's own last answer there, what comes next.
func (f *Family) stepParts(w int, v class.View, st routines.State, p *followParts) {
	s := &f.styles
	step := st.Step
	pos := fmt.Sprintf("step %d of %d", st.StepInRegion, st.StepsInRegion)
	switch {
	case step.Kind == routines.StepPrepare:
		pos = "getting ready"
	case st.RegionNum == 0:
		pos = "before the massage"
	}
	p.add(rankHead, spread(w, s.Region.Render(strings.ToUpper(st.Region.Name)), s.Dim.Render(pos)))
	if long := longLine(v); long != "" {
		p.add(rankNext, styled(s.Dim, lines(long, w))...) // whole, or not at all
	}
	p.add(rankAir, "")
	watching := v.Stage == class.FamilyWatching
	if watching {
		p.words(rankMust, &s.Calm, watchWords(v))
		p.add(rankAir, "")
	}
	p.add(rankTitle, s.Stroke.Render(layout.Cut(step.Title(), w)))
	if !watching && slices.Contains(v.StepsOut, st.Index) && step.Kind != routines.StepPrepare {
		p.words(rankMust, &s.Calm, fmt.Sprintf("Left out for %s today: this move bends or rolls the hips, and your baby wears a hip harness or brace. Rest a still, warm hand on your baby, or simply watch.", v.Name))
	} else if i := slices.Index(v.Verdict.LeftOut, st.Region.ID); !watching && i >= 0 {
		why := ""
		if i < len(v.Verdict.Why) {
			why = " (" + strings.TrimSuffix(v.Verdict.Why[i], ".") + ")"
		}
		p.words(rankMust, &s.Calm, fmt.Sprintf("Left out for %s today%s. Rest a still, warm hand on your baby, or simply watch.", v.Name, why))
	} else {
		p.words(rankWords, &s.Text, step.Do)
		detail := func(label, text string) {
			if text == "" {
				return
			}
			for i, l := range lines(text, w-11) {
				lab := ""
				if i == 0 {
					lab = label
				}
				p.add(rankDetail, s.Dim.Render(fmt.Sprintf("%-10s ", lab))+s.Text.Render(l))
			}
		}
		if step.Pressure != "" || step.Direction != "" || step.Caution != "" {
			p.add(rankAir, "")
		}
		detail("Pressure", step.Pressure)
		detail("Direction", step.Direction)
		if step.Caution != "" {
			var c []string
			for i, l := range lines(step.Caution, w-11) {
				lab := ""
				if i == 0 {
					lab = "Take care"
				}
				c = append(c, s.Dim.Render(fmt.Sprintf("%-10s ", lab))+s.Warn.Render(l))
			}
			p.add(rankCaution, c...)
		}
	}
	p.add(rankAir, "")
	switch {
	case st.Phase == routines.PhaseWaiting && !st.TimeUp:
		p.words(rankMust, &s.Calm, "Watch for your baby's yes. The class goes on when your instructor does.")
	default:
		left := ""
		if step.Reps > 0 {
			left = fmt.Sprintf("%d times · about %s each", step.Reps, routines.FormatLength(step.Each))
		}
		if st.Paused {
			left = ""
		}
		p.live(rankTimer, liveTimer, s.Dim.Render(left))
		p.live(rankBar, liveBar, "")
	}
	if l := v.Last; l != nil && l.Region == st.Region.ID && v.Stage == class.FamilyFollowing {
		f.noteParts(w, v, st, p)
	}
	switch {
	case st.NextRegion != nil:
		p.add(rankNext, "", s.Dim.Render("Next region  ")+s.Text.Render(layout.Cut(st.NextRegion.Name, w-13)))
	case st.Next != nil:
		p.add(rankNext, "", s.Dim.Render("Next  ")+s.Text.Render(layout.Cut(st.Next.Title(), w-6)))
	}
}

// longLine tells a family following a routine that suits their baby's
// age but is long for it, in the home screen's words: "Long for this age
// · 10 to 15 min suggested: do one or two regions". "" otherwise.
func longLine(v class.View) string {
	if !v.Baby.Long || v.Stage != class.FamilyFollowing {
		return ""
	}
	return strings.ToUpper(routines.LongForAge[:1]) + routines.LongForAge[1:] + " · " + routines.LongWords(v.Baby.Known.Age)
}

// questionsWords tell a family the instructor has paused the class for
// the room's questions (the room's view shows the Questions card).
const questionsWords = "The class is paused for questions: ask yours, or press h to raise your hand. It goes on from here."

// pausedWords say who paused the countdown: the instructor, or the
// room's questions.
func pausedWords(snap *class.Snapshot) string {
	if snap.Questions {
		return "Paused for questions"
	}
	return "Paused by your instructor"
}

// watchWords say, on a watching family's screen, what they do instead:
// with their baby held, or a still hand on them, when the massage waits
// for their baby's age or a go-ahead (still, gentle touch, as for a baby
// born early without one); else only that it waits.
func watchWords(v class.View) string {
	still := v.AgeWatch
	for _, stop := range v.Verdict.Stops {
		still = still || stop == routines.StopEarly || stop == routines.StopClearance
	}
	switch {
	case still:
		return fmt.Sprintf("You are watching today, with %s in your arms or a still, warm hand resting on them.", v.Name)
	case v.Again:
		return fmt.Sprintf("You are watching for now. When %s is ready, f asks the questions again, and you follow from there.", v.Name)
	}
	return fmt.Sprintf("You are watching today: %s's massage waits for another time.", v.Name)
}

// checkInParts ask how the baby is, until the family has answered; then
// they say the answer was noted, and what it means for them.
func (f *Family) checkInParts(w int, v class.View, snap *class.Snapshot, st routines.State, p *followParts) {
	s := &f.styles
	about := st.CheckInPlace()
	p.add(rankTitle, s.Title.Render("How is "+v.Name+"?"))
	p.add(rankDetail, s.Dim.Render(layout.Cut(strings.ToUpper(about[:1])+about[1:], w)))
	p.add(rankAir, "")
	if v.Answered {
		f.noteParts(w, v, st, p)
	} else {
		var answers []string
		for i, c := range routines.Cues {
			info := c.Info()
			line := s.Key.Render(fmt.Sprint(i+1)) + "  " + s.Text.Render(fmt.Sprintf("%-19s", info.Label))
			if info.Hint != "" && w > 44 {
				line += s.Dim.Render(layout.Cut(info.Hint, w-24))
			}
			answers = append(answers, line)
		}
		p.add(rankMust, answers...)
	}
	p.add(rankAir, "")
	wait := "The class goes on in "
	if st.Paused {
		p.add(rankTimer, s.TimerPaused.Render(pausedWords(snap)))
		return
	}
	p.live(rankTimer, liveWait, s.Dim.Render(wait))
}

// noteParts say the family's last answer was noted, and what it asks of
// them: the routine's own words for it (slower and lighter, or steady at
// moderate pressure; resting hands), and after fussing, that they may end
// gently.
func (f *Family) noteParts(w int, v class.View, st routines.State, p *followParts) {
	s := &f.styles
	c := v.Last.Cue
	resp := f.hub.Routine().Response(c)
	p.add(rankNote, "")
	p.words(rankNote, &s.Calm, strings.TrimSpace("✓ Noted: "+strings.ToLower(c.Info().Label)+". "+resp.Say))
	if c == routines.CueFussing {
		how := "follow on with the class" // still hands and getting ready do not slow
		if routines.Slowed(st.Step) {
			how = "follow on, " + f.hub.Routine().Slower(st.Step)
		}
		p.words(rankNote, &s.Calm, "When your baby has settled, "+how+". If not, e ends your massage here, gently: you can try again another day.")
	}
}

// massaged reports whether the family's massage ended after they took
// part, ended by the class or by them: not watching, not a baby who said
// not now, and not crying or sleep, whose own words say what to do.
func massaged(v class.View) bool {
	if v.Stage == class.FamilyWatching {
		return false
	}
	switch v.Reason {
	case routines.EndFinished, routines.EndFussing, routines.EndEarly:
		return true
	}
	return false
}

// endParts are the end of the family's massage (or of the class): how it
// ended, and the line that takes their session home.
func (f *Family) endParts(w int, v class.View, snap *class.Snapshot, p *followParts) {
	s := &f.styles
	r := f.hub.Routine()
	title, say := "The class has ended", "Thank you for coming."
	switch v.Reason {
	case routines.EndFinished:
		title, say = "All done", "Well done, you and "+v.Name+"."
	case routines.EndCrying:
		title, say = "Ended gently", r.Response(routines.CueCrying).Say
	case routines.EndAsleep:
		title, say = "Asleep", r.Response(routines.CueAsleep).Say
	case routines.EndFussing:
		title, say = "Ended gently", "There is no rush. If your baby is still unsettled, a cuddle is just right: you can try again another day."
	case routines.EndNotNow:
		title, say = "Not now", "Your baby said not now, and that is fine: you can try again another day."
	case routines.EndEarly:
		if snap.Stage != class.StageOver {
			title, say = "Your massage has ended", "You are welcome to stay and watch the class."
		}
	}
	if v.Stage == class.FamilyWatching {
		title, say = "The class has ended", "Thank you for watching."
	}
	p.add(rankTitle, "", s.Title.Render(title))
	p.add(rankAir, "")
	sayRank := rankDetail // thanks give way to the safety words and the way home
	if v.Reason == routines.EndCrying || v.Reason == routines.EndAsleep {
		sayRank = rankMust // what to do for a crying or sleeping baby
	}
	p.words(sayRank, &s.Text, say)
	if massaged(v) { // the safe-sleep words: kept whole, as safety words are
		p.add(rankDetail, "")
		p.words(rankMust, &s.Calm, routines.AfterMassage)
	}
	if snap.Stage == class.StageRunning {
		p.live(rankDetail, liveClass, "", "")
	}
	if v.Stage == class.FamilyWatching {
		return
	}
	file := fileName(v.Name)
	p.add(rankAir, "")
	switch {
	case v.Taken:
		p.words(rankMust, &s.Calm, "✓ Taken home. If you have not yet, add it to your cradle with:")
		p.add(rankMust, "    "+s.Key.Render("cradle import "+file))
	case v.Token != "":
		lead, take, file := takeHomeLines(w, TakeHomeCommand(f.host, f.port, v.Token), file)
		if lipgloss.Width(lead+take) > w {
			// Copied from a window too narrow for it, a wrapped or cut
			// command would run in pieces: ask for the room instead.
			need := lipgloss.Width(take) + f.w - w
			p.words(rankMust, &s.Warn, fmt.Sprintf("Widen this window to %d columns to see the line that takes %s's session home.", need, v.Name))
			p.add(rankAir, "")
		} else {
			p.words(rankMust, &s.Text, "Take "+v.Name+"'s session home into your own cradle. In a terminal on this computer, type:")
			p.add(rankMust, "", lead+s.Key.Render(take), lead+s.Key.Render("cradle import "+file), "")
		}
		p.words(rankDetail, &s.Dim, "It works once, while your instructor keeps the class open.")
	default:
		p.words(rankDetail, &s.Dim, "This session could not be made ready to take home.")
	}
}

// TakeHomeCommand is the ssh command that fetches a session with token
// from a class at host and port.
func TakeHomeCommand(host, port, token string) string {
	p := ""
	if port != "22" && port != "" {
		p = "-p " + port + " "
	}
	return "ssh " + p + class.TakeHomeUser + token + "@" + host
}

// takeHomeLines lays out the take-home command for a width of w: never
// wrapped, since a command copied in two pieces runs in two. Indented if
// it fits, else from the margin, else with the shorter file name
// class.json; failing those, from the margin as it is, and the caller
// asks for a wider window. It returns the lead, the command and the file
// name the import line then uses.
func takeHomeLines(w int, ssh, file string) (lead, take, name string) {
	for _, c := range []struct{ lead, file string }{{"    ", file}, {"", file}, {"", "class.json"}} {
		if take := ssh + " > " + c.file; lipgloss.Width(c.lead+take) <= w {
			return c.lead, take, c.file
		}
	}
	return "", ssh + " > " + file, file
}

// fileName is a file name for a baby's class session: "ada-class.json".
func fileName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	base := strings.Trim(b.String(), "-")
	if base == "" {
		base = "baby"
	}
	return base + "-class.json"
}
