package routines

import "time"

// Cue is the parent's answer to "how is the baby?".
type Cue string

const (
	CueUnanswered Cue = "unanswered" // the check-in timed out; hands were busy
	CueRelaxed    Cue = "relaxed"    // relaxed, engaged
	CueContent    Cue = "content"    // alert and content
	CueSubtle     Cue = "subtle"     // looks away, yawns, a brief grimace
	CueFussing    Cue = "fussing"
	CueCrying     Cue = "crying"
	CueAsleep     Cue = "asleep"
)

// Cues are the answers in the order the check-in offers them; the parent
// answers with the digit of its place (1 = relaxed ... 6 = asleep).
var Cues = []Cue{CueRelaxed, CueContent, CueSubtle, CueFussing, CueCrying, CueAsleep}

// CueInfo is how a cue is shown.
type CueInfo struct {
	Label string // short: "Relaxed"
	Hint  string // what it looks like
}

var cueInfo = map[Cue]CueInfo{
	CueRelaxed:    {"Relaxed", "soft body, steady breathing, looking at you"},
	CueContent:    {"Alert and content", "bright eyes, smooth movements, cooing"},
	CueSubtle:     {"Subtle cues", "looks away, yawns, a brief grimace"},
	CueFussing:    {"Fussing", "arches, pushes away, stiff, colour change, hiccups"},
	CueCrying:     {"Crying", ""},
	CueAsleep:     {"Fell asleep", ""},
	CueUnanswered: {"No answer", ""},
}

// Info returns how the cue is shown.
func (c Cue) Info() CueInfo { return cueInfo[c] }

// Valid reports whether c is one of the answers or CueUnanswered.
func (c Cue) Valid() bool { _, ok := cueInfo[c]; return ok }

// EndReason is how a session that an answer ends ended: crying or
// asleep by name, any other answer a routine ends on as ended early.
func (c Cue) EndReason() EndReason {
	switch c {
	case CueCrying:
		return EndCrying
	case CueAsleep:
		return EndAsleep
	}
	return EndEarly
}

// CueByDigit maps "1".."6" to a cue.
func CueByDigit(d string) (Cue, bool) {
	if len(d) == 1 && d[0] >= '1' && d[0] <= byte('0'+len(Cues)) {
		return Cues[d[0]-'1'], true
	}
	return "", false
}

// Action is what a check-in answer does next.
type Action string

const (
	ActionGoOn       Action = "go-on"       // carry on
	ActionSlowDown   Action = "slow-down"   // slower, lighter, after a short resting-hands hold
	ActionHoldOffer  Action = "hold-offer"  // resting hands, then ask: go on, skip the region or end
	ActionSkipRegion Action = "skip-region" // leave out the region that comes next
	ActionEnd        Action = "end"         // end the session with a kind word
)

// Actions lists the actions a routine file may name.
var Actions = []Action{ActionGoOn, ActionSlowDown, ActionHoldOffer, ActionSkipRegion, ActionEnd}

// Response is what the session does with an answer.
type Response struct {
	Action Action
	Hold   time.Duration // resting-hands hold before going on (ActionSlowDown, ActionHoldOffer)
	Goto   string        // step id to continue from, instead of the next step
	Say    string        // what the parent reads
}

// DefaultResponses are the answers' effects when a routine does not
// override them. They follow what instructors teach (docs/SOURCES.md,
// "Check-in responses"; [S9][S35][S96]): carry on when the baby is
// engaged; slow down, lighten and rest the hands at subtle cues; stop
// stroking and hold at fussing, then let the parent choose; stop and
// comfort at crying; end when the baby sleeps. Routine.Response (in
// safety.go) adds the rules no routine can change.
var DefaultResponses = map[Cue]Response{
	CueRelaxed:    {Action: ActionGoOn, Say: "Lovely. Carry on, and keep talking or singing to your baby."},
	CueContent:    {Action: ActionGoOn, Say: "Your baby is enjoying this. Carry on."},
	CueUnanswered: {Action: ActionGoOn},
	CueSubtle: {Action: ActionSlowDown, Hold: 15 * time.Second,
		Say: "Your baby may need a little less. Rest your hands still for a moment, then go slower and lighter. Less eye contact or talking can help too."},
	CueFussing: {Action: ActionHoldOffer, Hold: 20 * time.Second,
		Say: "Stop stroking and rest your hands still and warm on your baby. Breathe slowly."},
	CueCrying: {Action: ActionEnd,
		Say: "Your baby is telling you it is enough for today. Pick them up and comfort them; that is exactly right. Try again another day."},
	CueAsleep: {Action: ActionEnd,
		Say: "Your baby has drifted off. Massage can wait until they are awake and calm."},
}

// Readiness names an answer of the readiness check. A region lists the
// answers that leave it out; some answers rule the massage out for now.
type Readiness string

const (
	ReadinessFed       Readiness = "fed"       // fed in the last 30 minutes; as a region's left_out_when: in the last 45 minutes
	ReadinessUnsettled Readiness = "unsettled" // asleep, hungry, tired or upset
	ReadinessUnwell    Readiness = "unwell"    // fever or illness
	ReadinessSkin      Readiness = "skin"      // rash or broken skin
	ReadinessVaccine   Readiness = "vaccine"   // vaccinations in the last 48 hours
	ReadinessStump     Readiness = "stump"     // umbilical stump not yet healed
	ReadinessDiarrhoea Readiness = "diarrhoea" // diarrhoea: no tummy strokes
	ReadinessHarness   Readiness = "harness"   // a hip harness or brace: no moves that load the hips
	ReadinessCold      Readiness = "cold"      // room or hands not warm yet
	ReadinessOil       Readiness = "oil"       // using oil
)

// The check's other questions, which no region lists: the go-ahead for
// a baby born early, a routine's clearance, a feed in the last 45
// minutes (asked before "in the last 30?" of a routine with tummy
// strokes), and a doctor's care.
const (
	ReadinessEarly     Readiness = "early"
	ReadinessClearance Readiness = "clearance"
	ReadinessFedLately Readiness = "fed-lately"
	ReadinessCare      Readiness = "care"
)

// ReadinessAnswers lists the answers a region may be left out for.
var ReadinessAnswers = []Readiness{ReadinessFed, ReadinessUnsettled, ReadinessUnwell, ReadinessSkin, ReadinessVaccine, ReadinessStump, ReadinessDiarrhoea, ReadinessHarness, ReadinessCold, ReadinessOil}
