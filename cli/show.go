package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/cradle-coach/cradle/internal/plural"
	"github.com/cradle-coach/cradle/routines"
)

// width is the width show wraps its text to.
const width = 78

var kindText = map[routines.StepKind]string{
	routines.StepStroke:      "stroke",
	routines.StepResting:     "resting hands",
	routines.StepMovement:    "passive movement",
	routines.StepIntegration: "integration",
	routines.StepHold:        "still hold",
	routines.StepPrepare:     "getting ready",
	routines.StepPermission:  "asking your baby",
}

// ReadinessText says in plain words what each readiness answer means.
var ReadinessText = map[routines.Readiness]string{
	routines.ReadinessFed:       "fed in the last 45 minutes",
	routines.ReadinessUnsettled: "asleep, hungry, tired or upset",
	routines.ReadinessUnwell:    "a fever, or unwell",
	routines.ReadinessSkin:      "a rash, broken skin, a bruise or weeping eczema",
	routines.ReadinessVaccine:   "vaccinations in the last 48 hours",
	routines.ReadinessStump:     "the cord stump still healing",
	routines.ReadinessDiarrhoea: "the baby has diarrhoea",
	routines.ReadinessHarness:   "a hip harness or brace",
	routines.ReadinessCold:      "the room or your hands not warm yet",
	routines.ReadinessOil:       "using oil",
}

// Show prints a routine as plain text: where it comes from, its regions
// and steps with their timings, the check-in points and what each answer
// does. teach adds the talking points for an instructor under their
// region and step; without it, a routine that has some says how to see
// them.
func Show(w io.Writer, r *routines.Routine, teach bool) {
	p := &printer{w: w, teach: teach}
	p.line("", r.Title)
	facts := []string{"id: " + r.ID, strings.ToLower(r.Suits()[:1]) + r.Suits()[1:]}
	p.line("  ", strings.Join(facts, " · "))
	p.para("  ", r.Span().Words()+" (a check-in waits "+routines.FormatLength(routines.CheckInWait)+" when nobody answers)")
	p.line("  ", "from: "+source(r))
	p.blank()
	if r.Purpose != "" {
		p.para("", r.Purpose)
	}
	if r.Why != "" {
		p.para("", routines.WhyPrefix+r.Why)
	}
	if r.Clearance != "" {
		p.para("", "Only with your clinician's go-ahead: "+r.Clearance)
	}
	if r.Notes != "" {
		p.para("", "Notes: "+r.Notes)
	}
	if len(r.Sources) > 0 {
		p.para("", "Sources: "+strings.Join(r.Sources, ", "))
	}

	p.blank()
	if r.NoOpening {
		p.line("", "No getting-ready ritual (opening: false): the first region starts at once.")
	} else {
		op := routines.Opening()
		p.line("", "Getting ready · "+routines.FormatLength(op.Length())+", then cradle waits for your baby's yes")
		p.line("  ", "(cradle's opening ritual before every routine; opening: false leaves it out)")
		p.teachPoints("  ", op.Teach)
		for _, st := range op.Steps {
			t := routines.FormatLength(st.Length())
			if st.Kind == routines.StepPermission {
				t = "waits for you"
			}
			p.line("  ", "- "+st.Name+" · "+t)
			p.teachPoints("    ", st.Teach)
		}
	}

	preps := routines.Preparations(r)
	for i, rg := range r.Regions {
		p.blank()
		p.line("", fmt.Sprintf("%d. %s [%s] · %s", i+1, rg.Name, rg.ID, routines.FormatLength(rg.Length())))
		if rg.Position != routines.PositionAny && (i == 0 || r.Regions[i-1].Position != rg.Position) {
			p.para("   ", "Your baby: "+positionText[rg.Position]+" (position: "+string(rg.Position)+").")
		}
		if len(rg.LeftOutWhen) > 0 {
			var why []string
			for _, a := range rg.LeftOutWhen {
				why = append(why, string(a)+" ("+ReadinessText[a]+")")
			}
			p.para("   ", "Left out when: "+strings.Join(why, ", "))
		}
		if rg.NoOil {
			p.line("   ", "No oil here (oil: false).")
		}
		if rg.Notes != "" {
			p.para("   ", rg.Notes)
		}
		p.teachPoints("   ", rg.Teach)
		if len(preps[i]) > 0 {
			p.para("   ", "First, getting ready: cradle adds this, as the region before leaves your baby or your hands otherwise.")
		}
		for _, st := range preps[i] {
			p.step("+", st)
		}
		for j, st := range rg.Steps {
			p.step(fmt.Sprintf("%d.%d", i+1, j+1), st)
		}
		if rg.CheckIn {
			p.line("   ", "Check-in at the end of "+rg.Name+": how is your baby?")
		} else {
			p.line("   ", "No check-in at the end of this region (checkin: false).")
		}
	}

	p.blank()
	p.line("", "Check-in answers (a digit at a check-in; * marks this routine's own)")
	cues := append(append([]routines.Cue(nil), routines.Cues...), routines.CueUnanswered)
	for i, c := range cues {
		num := fmt.Sprintf("%d", i+1)
		if c == routines.CueUnanswered {
			num = "-"
		}
		_, own := r.Responses[c]
		mark := " "
		if own {
			mark = "*"
		}
		resp := r.Response(c)
		head := fmt.Sprintf("%s %s %-18s ", mark, num, c.Info().Label)
		p.hang(head, does(r, resp))
		if shown := resp.Action == routines.ActionSlowDown || resp.Action == routines.ActionHoldOffer || resp.Action == routines.ActionEnd; own && shown && resp.Say != "" {
			p.para(strings.Repeat(" ", len(head)), "Says: "+resp.Say)
		}
	}
	n := r.TeachCount()
	if !r.NoOpening {
		n += (&routines.Routine{Regions: []routines.Region{routines.Opening()}}).TeachCount()
	}
	if n > 0 && !teach {
		p.blank()
		p.para("", fmt.Sprintf("With --teach: %s for an instructor.", plural.Of(n, "talking point")))
	}
}

// teachPoints prints talking points, each under a "Teach:" label, when
// they are asked for.
func (p *printer) teachPoints(indent string, points []string) {
	if !p.teach {
		return
	}
	for _, t := range points {
		p.hang(indent+"Teach: ", t)
	}
}

// does says what an answer's response does.
func does(r *routines.Routine, resp routines.Response) string {
	var s string
	switch resp.Action {
	case routines.ActionGoOn:
		s = "go on"
	case routines.ActionSlowDown:
		s = "rest your hands " + routines.FormatLength(resp.Hold) + ", then go on " + r.Slower(routines.Step{})
	case routines.ActionHoldOffer:
		s = "rest your hands " + routines.FormatLength(resp.Hold) + ", then choose: go on, skip the region or end"
	case routines.ActionSkipRegion:
		s = "leave out the next region"
	case routines.ActionEnd:
		s = "end gently"
	default:
		s = string(resp.Action)
	}
	if resp.Goto != "" {
		s += ", going on from step [" + resp.Goto + "]"
	}
	return s
}

func (p *printer) step(num string, st routines.Step) {
	head := st.Name
	if st.ID != "" {
		head += " [" + st.ID + "]"
	}
	head += " · " + kindText[st.Kind] + " · " + timing(st)
	p.hang("   "+num+" ", head)
	in := "   " + strings.Repeat(" ", len(num)+1)
	if st.Do != "" {
		p.para(in, st.Do)
	}
	for _, f := range []struct{ label, text string }{
		{"Pressure", st.Pressure}, {"Direction", st.Direction}, {"Caution", st.Caution},
	} {
		if f.text != "" {
			p.para(in, f.label+": "+f.text)
		}
	}
	p.teachPoints(in, st.Teach)
	if st.CheckIn {
		p.line(in, "Check-in after this step.")
	}
}

// positionText says how the baby lies in each position.
var positionText = map[routines.Position]string{
	routines.PositionBack:    "on their back, facing you",
	routines.PositionFront:   "on their front, face-down",
	routines.PositionSitting: "sitting up",
}

// timing is a step's length: "15 s", "3 × 8 s = 24 s", and for a
// two-sided step "... a side, 48 s in all (left, then right)".
func timing(st routines.Step) string {
	var t string
	if st.Kind == routines.StepPrepare {
		return "waits for you, then goes on by itself after " + routines.FormatLength(st.Duration)
	}
	if st.Reps > 0 {
		t = fmt.Sprintf("%d × %s = %s", st.Reps, routines.FormatLength(st.Each), routines.FormatLength(st.Length()))
	} else {
		t = routines.FormatLength(st.Duration)
	}
	switch st.Side {
	case routines.SideBoth:
		t += " a side, " + routines.FormatLength(2*st.Length()) + " in all (left, then right)"
	case routines.SideLeft, routines.SideRight:
		t += ", " + string(st.Side) + " side"
	}
	return t
}

// printer writes lines wrapped to width.
type printer struct {
	w     io.Writer
	last  string
	teach bool // print the talking points
}

func (p *printer) line(indent, s string) {
	p.last = indent + s
	fmt.Fprintln(p.w, p.last)
}

func (p *printer) blank() {
	if p.last != "" {
		p.line("", "")
	}
}

// para wraps text with indent on every line.
func (p *printer) para(indent, text string) {
	for _, l := range wrap(text, width-len(indent)) {
		p.line(indent, l)
	}
}

// hang wraps text after a first-line prefix; later lines are indented to
// line up under the text.
func (p *printer) hang(prefix, text string) {
	lines := wrap(text, width-len(prefix))
	for i, l := range lines {
		if i == 0 {
			p.line(prefix, l)
		} else {
			p.line(strings.Repeat(" ", len(prefix)), l)
		}
	}
}

// wrap breaks text into lines of at most w characters, at spaces.
func wrap(text string, w int) []string {
	w = max(w, 20)
	var lines []string
	var cur []rune
	var words []string
	for _, word := range strings.Fields(text) {
		// keep a number with its unit and its sign: "48 s", "3 × 8 s"
		if n := len(words); n > 0 && (word == "s" || word == "min" || word == "=" || word == "×" ||
			strings.HasSuffix(words[n-1], "×") || strings.HasSuffix(words[n-1], "=")) {
			words[n-1] += " " + word
			continue
		}
		words = append(words, word)
	}
	for _, word := range words {
		r := []rune(word)
		if len(cur) > 0 && len(cur)+1+len(r) > w {
			lines = append(lines, string(cur))
			cur = cur[:0]
		}
		if len(cur) > 0 {
			cur = append(cur, ' ')
		}
		cur = append(cur, r...)
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}
