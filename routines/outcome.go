package routines

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cradle-coach/cradle/internal/plural"
)

// AtOnce is how soon a step may be moved on from and not count as done:
// one gone through in less time was passed by, not practised (a toddler
// on the arrow key, a parent trying the keys). A step that ran its time
// counts, however short.
const AtOnce = 3 * time.Second

// Practised reports whether a step event counts a step of its region as
// gone through: run to its time, or moved on from after AtOnce.
func Practised(ev Event) bool {
	return ev.Kind == EvStepDone || ev.Kind == EvStepSkipped && ev.Elapsed >= AtOnce
}

// Status is the word a parent reads for how one region of a session went.
// Progress.Status decides it, from the session's events alone; the
// summary, the history, the timeline, export and the resume screen all
// read it from there, so they never disagree.
type Status string

const (
	StatusDone       Status = "done"        // every step gone through
	StatusPart       Status = "part done"   // some steps, the rest passed by
	StatusSkipped    Status = "skipped"     // skipped during the session (s, or an answer's choice)
	StatusEndedHere  Status = "ended here"  // the session ended before its last step
	StatusNotReached Status = "not reached" // the session ended before it
	StatusLeftOut    Status = "left out"    // by the readiness check
)

// Meaning says what a status word means, for the line that explains the
// words a screen shows.
func (s Status) Meaning() string {
	switch s {
	case StatusPart:
		return "some of its steps were passed by"
	case StatusSkipped:
		return "skipped with s, by a choice after an answer, or by moving on from its steps at once"
	case StatusEndedHere:
		return "the session ended during it"
	case StatusNotReached:
		return "the session ended before it"
	case StatusLeftOut:
		return "left out by the questions before the start"
	}
	return ""
}

// Ending is how a whole session went, in a word or two.
type Ending string

const (
	EndingFinished    Ending = "finished"     // to the end, every region done
	EndingPartDone    Ending = "part done"    // to the end, some regions skipped or some steps passed by
	EndingAllSkipped  Ending = "all skipped"  // to the end, no region done
	EndingEarly       Ending = "ended early"  // the parent ended it
	EndingNotBegun    Ending = "not begun"    // ended while getting ready, before asking the baby
	EndingNotNow      Ending = "not now"      // the baby said no at the ask
	EndingGently      Ending = "ended gently" // crying, or fussing that did not settle
	EndingAsleep      Ending = "fell asleep"
	EndingInterrupted Ending = "interrupted" // cut off, and closed later
	EndingUnfinished  Ending = "unfinished"  // cut off, not closed yet
)

// Meaning says what an ending word means, for the words that need it.
func (e Ending) Meaning() string {
	switch e {
	case EndingPartDone:
		return "went to the end with some regions skipped or some steps passed by"
	case EndingAllSkipped:
		return "went to the end with every region skipped"
	case EndingNotBegun:
		return "stopped while getting ready, before asking your baby"
	case EndingInterrupted:
		return "cut off, and closed later"
	case EndingUnfinished:
		return "cut off; it can still be picked up"
	}
	return ""
}

// RegionProgress is how far a session got in one body region.
type RegionProgress struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// Steps are the plan positions of its steps (from the start event);
	// nil for a session saved before the plan was recorded.
	Steps []int `json:"steps,omitempty"`
	// Done counts the steps gone through (Practised): run to their time,
	// or moved on from after AtOnce. Going back and doing one again does
	// not count it twice: Gone holds their plan positions.
	Done int   `json:"done,omitempty"`
	Gone []int `json:"gone,omitempty"`
	// Early is true when a step was moved on from before its time;
	// Passed when one was moved on from at once (under AtOnce); Behind
	// once the session has gone on to another region, or ended.
	Early     bool `json:"early,omitempty"`
	Passed    bool `json:"passed,omitempty"`
	Behind    bool `json:"behind,omitempty"`
	Skipped   bool `json:"skipped,omitempty"`
	EndedHere bool `json:"ended_here,omitempty"`
	LeftOut   bool `json:"left_out,omitempty"`
}

// Of is how many steps the region has; 0 when not known.
func (r RegionProgress) Of() int { return len(r.Steps) }

// Status is the word for how the region went: the one rule for it.
func (r RegionProgress) Status() Status {
	complete := r.Done > 0 && (r.Of() == 0 || r.Done >= r.Of())
	switch {
	case r.LeftOut:
		return StatusLeftOut
	case complete && !r.Skipped:
		return StatusDone
	case r.Skipped:
		return StatusSkipped
	case r.EndedHere:
		return StatusEndedHere
	case r.Done > 0:
		return StatusPart
	case r.Passed && r.Behind:
		return StatusSkipped // every step it reached was passed by at once
	case r.Passed:
		return StatusPart // where a session cut off stands: begun, nothing done yet
	}
	return StatusNotReached
}

// Words are the status as a parent reads it, with the count of steps when
// only some were done: "done", "part done · 3 of 14 steps", "skipped".
func (r RegionProgress) Words() string {
	st := r.Status()
	w := string(st)
	switch {
	case st == StatusDone && r.Early:
		w += ", some steps moved on early"
	case st != StatusDone && (r.Done > 0 || st == StatusPart) && r.Of() > 0:
		w += fmt.Sprintf(" · %d of %s", r.Done, plural.Of(r.Of(), "step"))
	case st != StatusDone && r.Done > 0:
		w += " · " + plural.Of(r.Done, "step")
	}
	return w
}

// Progress follows a session event by event: how far it got in each
// region, and how it ended. Add counts one event, so the store can keep
// it up to date as events are saved; Status and Ending are the words.
type Progress struct {
	Regions []RegionProgress `json:"regions,omitempty"`
	// Started is true once the start event was counted; Planned when it
	// listed the plan (sessions saved before then did not).
	Started bool      `json:"started,omitempty"`
	Planned bool      `json:"planned,omitempty"`
	Ended   bool      `json:"ended,omitempty"`
	Reason  EndReason `json:"reason,omitempty"`
	// BeforeAsk is true for a session ended while getting ready, before
	// the baby was asked.
	BeforeAsk bool `json:"before_ask,omitempty"`
	// Waited is true when it ended because nobody chose after fussing's
	// still hands.
	Waited bool `json:"waited,omitempty"`
}

// Add counts one event.
func (p *Progress) Add(ev Event) {
	if body(ev.Region) || ev.Kind == EvEnd {
		for i := range p.Regions { // gone on from, or ended
			if p.Regions[i].ID != ev.Region || ev.Kind == EvEnd {
				p.Regions[i].Behind = true
			}
		}
	}
	switch ev.Kind {
	case EvStart:
		p.Started = true
		if len(ev.Plan) > 0 {
			p.Planned = true
			for _, pr := range ev.Plan {
				rg := p.region(pr.ID)
				rg.Name, rg.Steps = pr.Name, pr.Steps
			}
		}
		for _, id := range ev.LeftOut {
			p.region(id).LeftOut = true
		}
	case EvStepDone, EvStepSkipped:
		if !body(ev.Region) {
			return
		}
		rg := p.region(ev.Region)
		if !Practised(ev) {
			rg.Passed = true
			return
		}
		if ev.Kind == EvStepSkipped {
			rg.Early = true
		}
		if rg.Steps == nil {
			rg.Done++ // no plan: every step event counts
			return
		}
		if len(rg.Gone) == 0 && rg.Done > 0 {
			// Counted by an earlier cradle, which kept only how far the
			// region got: its first Done steps.
			rg.Gone = slices.Clone(rg.Steps[:min(rg.Done, len(rg.Steps))])
		}
		if slices.Contains(rg.Steps, ev.Index) && !slices.Contains(rg.Gone, ev.Index) {
			rg.Gone = append(rg.Gone, ev.Index)
		}
		rg.Done = len(rg.Gone)
	case EvReopen:
		for _, id := range ev.LeftOut { // left out by the check at a resume
			p.region(id).LeftOut = true
		}
		for i := range p.Regions { // steps left out by it: no longer to do
			rg := &p.Regions[i]
			rg.Steps = slices.DeleteFunc(slices.Clone(rg.Steps), func(j int) bool { return slices.Contains(ev.StepsOut, j) })
		}
	case EvRegionSkipped:
		if body(ev.Region) {
			p.region(ev.Region).Skipped = true
		}
	case EvChose:
		p.Waited = ev.Waited
	case EvEnd:
		p.Ended, p.Reason = true, ev.Reason
		if body(ev.Region) {
			p.region(ev.Region).EndedHere = true
		}
		p.BeforeAsk = ev.Region == OpeningID && ev.Step != "" && ev.Step != askTitle()
	}
}

func body(region string) bool { return region != "" && region != OpeningID }

// region finds (or adds) the region with this id.
func (p *Progress) region(id string) *RegionProgress {
	for i := range p.Regions {
		if p.Regions[i].ID == id {
			return &p.Regions[i]
		}
	}
	p.Regions = append(p.Regions, RegionProgress{ID: id})
	return &p.Regions[len(p.Regions)-1]
}

// Massaged is true once a step of a body region was gone through.
func (p Progress) Massaged() bool {
	for _, rg := range p.Regions {
		if rg.Done > 0 {
			return true
		}
	}
	return false
}

// Has reports whether a region of the session has status s.
func (p Progress) Has(s Status) bool {
	for _, rg := range p.Regions {
		if rg.Status() == s {
			return true
		}
	}
	return false
}

// Ending is the word for how the session went: the one rule for it.
func (p Progress) Ending() Ending {
	if !p.Ended {
		return EndingUnfinished
	}
	switch p.Reason {
	case EndFinished:
		if !p.Planned {
			return EndingFinished // the steps of each region are not known
		}
		all, some := true, false
		for _, rg := range p.Regions {
			switch rg.Status() {
			case StatusLeftOut:
			case StatusDone:
				some = true
			default:
				all = false
				some = some || rg.Done > 0
			}
		}
		switch {
		case all:
			return EndingFinished
		case some:
			return EndingPartDone
		}
		return EndingAllSkipped
	case EndEarly, EndNotNow:
		switch {
		case p.Massaged():
			return EndingEarly
		case p.BeforeAsk:
			return EndingNotBegun
		case p.Reason == EndNotNow:
			return EndingNotNow
		}
		return EndingEarly
	}
	return EndingOf(p.Reason)
}

// EndingOf is the ending word a reason gives on its own: for a session
// whose events were not counted (saved before they were).
func EndingOf(reason EndReason) Ending {
	switch reason {
	case EndFinished:
		return EndingFinished
	case EndEarly:
		return EndingEarly
	case EndNotNow:
		return EndingNotNow
	case EndCrying, EndFussing:
		return EndingGently
	case EndAsleep:
		return EndingAsleep
	case EndInterrupted:
		return EndingInterrupted
	case "":
		return EndingUnfinished
	}
	return Ending(reason)
}

// ProgressOf counts a session's events. When they hold no plan (a session
// saved before the plan was recorded) and the routine is known, its plan
// stands in, so the regions still say "3 of 14 steps".
func ProgressOf(r *Routine, events []Event) Progress {
	var p Progress
	for i, ev := range events {
		if i == 0 && ev.Kind == EvStart && len(ev.Plan) == 0 && r != nil {
			ev.Plan = PlanOf(r)
		}
		p.Add(ev)
	}
	return p
}

// PlanOf is the body regions of r's plan, as the start event records them.
func PlanOf(r *Routine) []PlanRegion {
	regions, plan := expand(r)
	var out []PlanRegion
	for i, rg := range regions {
		if rg.Opening {
			continue
		}
		pr := PlanRegion{ID: rg.ID, Name: rg.Name, Steps: []int{}}
		for j, p := range plan {
			if p.region == i && p.step.Counts() {
				pr.Steps = append(pr.Steps, j)
			}
		}
		out = append(out, pr)
	}
	return out
}

// withoutSteps is plan without the steps at the positions in out.
func withoutSteps(plan []PlanRegion, out map[int]bool) []PlanRegion {
	if len(out) == 0 {
		return plan
	}
	for i := range plan {
		plan[i].Steps = slices.DeleteFunc(plan[i].Steps, func(j int) bool { return out[j] })
	}
	return plan
}

// Counts reports whether a step is one of the steps a region's "3 of 14"
// counts: the massage itself, not asking the baby nor getting ready.
func (s Step) Counts() bool { return s.Kind != StepPermission && s.Kind != StepPrepare }

// CheckInPlace says where a check-in was asked, in the words the check-in
// screen and the timeline both use: "during Combing" (asked during a
// step), "after Swooping to the bottom" (a step that asks after itself),
// "after back" (at the end of a region).
func CheckInPlace(manual bool, step, region string) string {
	switch {
	case manual && step != "":
		return "during " + step
	case manual:
		return "during " + InSentence(region)
	case step != "":
		return "after " + step
	}
	return "after " + InSentence(region)
}

// askTitle is the title of the opening's permission step.
func askTitle() string {
	for _, st := range Opening().Steps {
		if st.Kind == StepPermission {
			return st.Title()
		}
	}
	return ""
}

// InSentence is a region's name as it reads inside a sentence ("after
// legs and feet"). Only a name in plain sentence case, "Legs and feet",
// has its first letter lowered; any other capital is the author's own and
// kept: "I Love You", "Ada's arms", "MIA".
func InSentence(name string) string {
	first, size := utf8.DecodeRuneInString(name)
	if !unicode.IsUpper(first) {
		return name
	}
	word, _, _ := strings.Cut(name, " ")
	if utf8.RuneCountInString(strings.TrimRight(word, ",.;:")) < 2 || strings.ContainsAny(word, "'’") {
		return name
	}
	for _, r := range name[size:] {
		if unicode.IsUpper(r) {
			return name
		}
	}
	return string(unicode.ToLower(first)) + name[size:]
}
