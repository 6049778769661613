package ui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/ui/speech"
)

// Voice speaks prompts aloud. Say returns a command, so nothing is spoken
// in Update; a new prompt cuts off the one before.
type Voice interface {
	Say(text string) tea.Cmd
}

// Speech is the Voice of the system's speech program.
func Speech(sp *speech.Speaker) Voice { return speechVoice{sp} }

type speechVoice struct{ sp *speech.Speaker }

// Say takes its place in line now, while Update decides, and speaks in a
// command, on another goroutine, which waits for the words to end: one
// that were not heard come back as a VoiceFailedMsg.
func (v speechVoice) Say(text string) tea.Cmd {
	ticket := v.sp.Ticket()
	return func() tea.Msg {
		if err := v.sp.Say(ticket, text); err != nil {
			return VoiceFailedMsg{err}
		}
		return nil
	}
}

// VoiceFailedMsg says a prompt was not heard: the speech program could
// not start, failed, or wrote an error (no sound device). The root says
// so once, in one line; the bell goes on.
type VoiceFailedMsg struct{ Err error }

// voiceFailedNotice is the one line that says the voice is not heard.
func voiceFailedNotice(err error) string {
	// What matters first, for a narrow window: the detail may be cut.
	return fmt.Sprintf("The voice is not heard; the bell goes on. %s (cradle voice test tries it).", plainError(err))
}

// soonBefore is how long before the end of a step the parent hears that
// it is ending, so the hands can finish the stroke they are in.
const soonBefore = 3 * time.Second

// What the voice says for the moments that have no text of their own.
const (
	sayPaused  = "Paused."
	sayResumed = "Going on."
	saySoon    = "Three, two, one."
)

// stepWords is a step as a spoken prompt: the region when it is new, the
// step's name, how many times, how firmly and which way: "Tummy. Water
// wheel, three times, gentle, yet firm enough not to tickle, from below
// the ribs down."
//
// begin names the key that says the baby said yes: space, or in plain
// mode enter.
func stepWords(r *routines.Routine, st routines.State, newRegion bool, begin string) string {
	step := st.Step
	var b strings.Builder
	if newRegion && st.Region.Name != "" {
		b.WriteString(sentence(st.Region.Name))
		b.WriteByte(' ')
	}
	b.WriteString(spokenName(step))
	switch {
	case step.Kind == routines.StepPermission:
		return b.String() + ". When your baby says yes, press " + begin + "."
	case step.Kind == routines.StepPrepare:
		// Getting ready is said whole: the hands are busy turning the baby.
		b.WriteString(". " + sentence(step.Do))
		if step.Caution != "" {
			b.WriteString(" " + sentence(step.Caution))
		}
		return b.String()
	case step.Reps > 0:
		fmt.Fprintf(&b, ", %s", times(step.Reps))
	case step.Duration > 0:
		fmt.Fprintf(&b, ", %s", seconds(st.Length))
	}
	if step.Pressure != "" {
		b.WriteString(", " + strings.TrimRight(step.Pressure, "."))
	}
	if step.Direction != "" {
		// The way the hands go is heard too: eyes stay on the baby, and
		// clockwise on the tummy is the rule every source gives.
		b.WriteString(", " + strings.TrimRight(step.Direction, "."))
	}
	b.WriteString(".")
	if note := r.SlowNote(step); st.Slow && note != "" {
		b.WriteString(" " + note) // the words the screen shows
	}
	if step.Caution != "" {
		b.WriteString(" " + sentence(step.Caution)) // safety words are heard too
	}
	return b.String()
}

// spokenName reads a step's title aloud: "Indian milking, left side" for
// "Indian milking (left)", "Smile, upper lip" for "Smile (upper lip)".
func spokenName(step routines.Step) string {
	name := step.Name
	if i := strings.Index(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		name = name[:i] + ", " + name[i+2:len(name)-1]
	}
	if step.Side == routines.SideLeft || step.Side == routines.SideRight {
		name += ", " + string(step.Side) + " side"
	}
	return name
}

// checkInWords asks the question, with the digit of each answer.
func checkInWords() string {
	parts := []string{"How is your baby?"}
	for i, c := range routines.Cues {
		parts = append(parts, fmt.Sprintf("%d, %s.", i+1, strings.ToLower(c.Info().Label)))
	}
	return strings.Join(parts, " ")
}

// holdWords say what to do while the hands rest after an answer.
func holdWords(st routines.State) string {
	if st.Response.Say == "" {
		return "Resting hands."
	}
	return "Resting hands. " + st.Response.Say
}

// offerWords ask for the choice after fussing's still hands, and say what
// happens if nobody chooses.
func offerWords(wait time.Duration) string {
	return "How would you like to go on? 1, one more stroke, slower, then I ask again. 2, skip. 3, end here. If nobody chooses, cradle ends gently in " + seconds(wait) + "."
}

// endWords close the session as its summary does.
func endWords(r *routines.Routine, log []routines.Event, demo bool) string {
	sum := routines.Summarize(r, log)
	words := headline(sum, demo)
	if words == "" {
		words = "The end."
	}
	if say := endingWords(r, sum, log); say != "" {
		words += " " + say
	}
	return words
}

// sentence ends s with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

var numberWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}

// number is n in words up to twenty, in digits above (which speech
// programs read well).
func number(n int) string {
	if n >= 0 && n < len(numberWords) {
		return numberWords[n]
	}
	return fmt.Sprint(n)
}

func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return number(n) + " times"
}

// seconds says a length: "fifteen seconds", "1 minute 30 seconds".
func seconds(d time.Duration) string {
	secs := int(d.Round(time.Second) / time.Second)
	unit := func(n int, name string) string {
		if n == 1 {
			return "one " + name
		}
		return number(n) + " " + name + "s"
	}
	switch m, s := secs/60, secs%60; {
	case m == 0:
		return unit(s, "second")
	case s == 0:
		return unit(m, "minute")
	default:
		return unit(m, "minute") + " " + unit(s, "second")
	}
}
