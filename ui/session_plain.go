package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"

	"github.com/cradle-coach/cradle/routines"
)

// A session in plain mode is said as it goes: a block for each step,
// check-in, resting hands and choice, in the screen's words, and the
// countdown's moments: its length at the start, half way, the last
// seconds, done. Each block's key names the moment, so it is said once,
// and again only when the session comes back to it (a step back).

// halfFrom is the shortest step whose half way is worth saying.
const halfFrom = 10 * time.Second

func (ss *sessionScreen) plain() []block {
	st := ss.sess.State()
	out := []block{{"session:" + ss.r.ID, []string{fmt.Sprintf("%s, for %s. Type help for the words that work now; enter alone says where you are.", ss.r.Title, ss.a.data.baby.Name)}}}
	if ss.timedOut > 0 {
		out = append(out, block{fmt.Sprint("done:", ss.timedOut), []string{ss.lastDone + ": done."}})
	}
	switch st.Phase {
	case routines.PhaseEnded:
		return out
	case routines.PhaseCheckIn:
		out = append(out, block{fmt.Sprint("checkin:", st.Index, st.CheckInRegion.ID, st.Manual), ss.plainCheckIn(st)})
	case routines.PhaseHolding:
		out = append(out, block{fmt.Sprint("hold:", st.Index, st.Cue), ss.plainHold(st)})
	case routines.PhaseOffering:
		out = append(out, block{fmt.Sprint("offer:", st.Index), ss.plainOffer(st)})
	default:
		if st.Region.ID != "" {
			out = append(out, block{fmt.Sprint("region:", st.Region.ID, st.RegionNum), []string{st.Region.Name + ": " + where(st) + "."}})
		}
		out = append(out, block{fmt.Sprint("step:", st.Index, st.Step.Title(), st.Slow, st.Resume != nil), ss.plainStep(st, true)})
		if st.TimeUp {
			must, _ := ss.mustWords(st)
			out = append(out, block{fmt.Sprint("timeup:", st.Index), []string{must}})
		}
	}
	return append(out, ss.plainMoments(st)...)
}

// plainStep is a step: where it is, its name, what to do, how, and, as
// it starts, for how long.
func (ss *sessionScreen) plainStep(st routines.State, start bool) []string {
	step := st.Step
	pos := "Step " + stepPos(st)
	if step.Kind == routines.StepPrepare {
		pos = "Getting ready"
	}
	lines := []string{pos + ": " + sentence(step.Title())}
	if step.Do != "" {
		lines = append(lines, step.Do)
	}
	for _, d := range stepDetails(st) {
		lines = append(lines, d.label+": "+sentence(d.text))
	}
	lines = append(lines, texts([]para{{ss.slowWords(st), ss.a.styles.Calm}, {plainNote(ss.note), ss.a.styles.Calm}})...)
	if step.Caution != "" {
		lines = append(lines, cautionLabel+": "+sentence(step.Caution))
	}
	if must, _ := ss.mustWords(st); must != "" && !st.TimeUp {
		lines = append(lines, must)
	}
	if st.Phase == routines.PhaseRunning && start {
		lines = append(lines, ss.plainTime(st))
	}
	if label, text, first := nextWords(st); label != "" {
		if first != "" {
			text += ", first: " + first
		}
		lines = append(lines, label+": "+sentence(text))
	}
	return lines
}

// plainTime is the countdown of a running step, as it starts.
func (ss *sessionScreen) plainTime(st routines.State) string {
	words := ss.timeWords(st)
	switch {
	case st.Step.Kind == routines.StepPrepare && words != "":
		return words + " " + length(st.Remaining) + "."
	case words != "":
		return words + ", " + length(st.Remaining) + " in all."
	}
	return "Takes " + length(st.Remaining) + "."
}

// length says a time left in words a screen reader reads well, rounded
// up as the countdown is: "1 min 5 s".
func length(d time.Duration) string {
	return routines.FormatLength(max(d+time.Second-1, 0).Truncate(time.Second))
}

// plainCheckIn asks how the baby is, each answer with its number.
func (ss *sessionScreen) plainCheckIn(st routines.State) []string {
	lines := []string{checkInTitle + " " + sentence(checkInAbout(st))}
	for i, c := range routines.Cues {
		info := c.Info()
		line := fmt.Sprintf("%d. %s", i+1, info.Label)
		if info.Hint != "" {
			line += ": " + info.Hint
		}
		lines = append(lines, line+".")
	}
	wide, _ := countWords(st)
	return append(lines, "Type 1 to 6. "+unsettledWords("type")+" "+wide+length(st.Remaining)+".")
}

// plainHold is resting hands after an answer, and what follows.
func (ss *sessionScreen) plainHold(st routines.State) []string {
	lines := []string{restingTitle + ": " + st.CheckInRegion.Name + "."}
	lines = append(lines, texts([]para{{plainNote(ss.note), ss.a.styles.Calm}, {st.Response.Say, ss.a.styles.Text}})...)
	lines = append(lines, stillWords+": "+length(st.Remaining)+".")
	if then := holdThen(st); then != "" {
		lines = append(lines, "Then: "+then+".")
	}
	return lines
}

// plainOffer is the choice after fussing's still hands.
func (ss *sessionScreen) plainOffer(st routines.State) []string {
	lines := []string{offerTitle, offerRush}
	for _, c := range ss.offerChoices(st) {
		lines = append(lines, c.key+". "+sentence(c.text))
	}
	wide, _ := countWords(st)
	return append(lines, "Type 1, 2 or 3. "+wide+length(st.Remaining)+".")
}

// plainMoments are the countdown's moments (half way, the last seconds),
// a pause and the going on after it, and the question before ending.
func (ss *sessionScreen) plainMoments(st routines.State) []block {
	var out []block
	timed := st.Phase == routines.PhaseRunning || st.Phase == routines.PhaseHolding || st.Phase == routines.PhaseCheckIn || st.Phase == routines.PhaseOffering
	at := fmt.Sprint(st.Phase, ":", st.Index)
	switch {
	case !timed:
	case st.Paused:
		text := ss.pausedWords() + " " + length(st.Remaining) + " left."
		if st.Phase == routines.PhaseCheckIn || st.Phase == routines.PhaseOffering {
			text = pausedWait(st)
		}
		out = append(out, block{"paused:" + at, []string{text}})
	default:
		if st.Length >= halfFrom && st.Remaining <= st.Length/2 && st.Remaining > 0 {
			out = append(out, block{"half:" + at, []string{"Half way: " + length(st.Remaining) + " left."}})
		}
		if st.Length >= 2*soonBefore && st.Remaining <= soonBefore && st.Remaining > 0 {
			out = append(out, block{"soon:" + at, []string{fmt.Sprintf("%d seconds left.", soonBefore/time.Second)}})
		}
	}
	if n := ss.pauses(); n > 0 && !st.Paused {
		out = append(out, block{fmt.Sprint("going:", n), []string{strings.TrimSuffix(sayResumed, ".") + ": " + length(st.Remaining) + " left."}})
	}
	if ss.confirmEnd {
		out = append(out, block{"confirm:" + at, []string{endAsk(st) + " Type y to end and save, or n to keep going."}})
	}
	return out
}

// plainNote is a note without its check mark, which a screen reader
// would read out.
func plainNote(note string) string { return strings.TrimPrefix(note, noteMark) }

// pauses counts the pauses of this sitting (not those before a resume).
func (ss *sessionScreen) pauses() int {
	n := 0
	for _, ev := range ss.log[ss.sitting:] {
		if ev.Kind == routines.EvPause {
			n++
		}
	}
	return n
}

// plainAgain says where the session is: the moment on show, and the time
// left in it.
func (ss *sessionScreen) plainAgain() []string {
	st := ss.sess.State()
	var lines []string
	for _, b := range ss.plain() {
		switch kind, _, _ := strings.Cut(b.key, ":"); kind {
		case "step":
			lines = append(lines, ss.plainStep(st, false)...)
		case "checkin", "hold", "offer", "timeup", "paused", "confirm":
			lines = append(lines, b.lines...)
		}
	}
	if st.Phase == routines.PhaseRunning && !st.Paused {
		now := "Now: " + length(st.Remaining) + " left"
		if p, ok := pace(st); ok {
			now += fmt.Sprintf(", stroke %d of %d", p.rep, p.reps)
		}
		lines = append(lines, now+".")
	}
	return lines
}

// moreKeys are keys a stroke takes that its footer has no room for.
func (ss *sessionScreen) moreKeys() []key.Binding {
	st := ss.sess.State()
	if ss.confirmEnd || st.Phase != routines.PhaseRunning || st.Step.Kind == routines.StepPrepare {
		return nil
	}
	return []key.Binding{ss.a.keys.Auto}
}
