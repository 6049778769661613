package routines

import "time"

// Cue is the parent's answer to "how is the baby?".
type Cue string

const (
	Unanswered Cue = "unanswered" // the check-in timed out; hands were busy
	Relaxed    Cue = "relaxed"    // relaxed, engaged
	Content    Cue = "content"    // alert and content
	Subtle     Cue = "subtle"     // looks away, yawns, a brief grimace
	Fussing    Cue = "fussing"
	Crying     Cue = "crying"
	Asleep     Cue = "asleep"
)

// Cues are the answers in the order the check-in offers them; the parent
// answers with the digit of its place (1 = relaxed ... 6 = asleep).
var Cues = []Cue{Relaxed, Content, Subtle, Fussing, Crying, Asleep}

// CueInfo is how a cue is shown.
type CueInfo struct {
	Label string // short: "Relaxed"
	Hint  string // what it looks like
}

var cueInfo = map[Cue]CueInfo{
	Relaxed:    {"Relaxed", "soft body, steady breathing, looking at you"},
	Content:    {"Alert and content", "bright eyes, smooth movements, cooing"},
	Subtle:     {"Subtle cues", "looks away, yawns, a brief grimace"},
	Fussing:    {"Fussing", "arches, pushes away, stiff, colour change, hiccups"},
	Crying:     {"Crying", ""},
	Asleep:     {"Fell asleep", ""},
	Unanswered: {"No answer", ""},
}

// Info returns how the cue is shown.
func (c Cue) Info() CueInfo { return cueInfo[c] }

// Valid reports whether c is one of the answers or Unanswered.
func (c Cue) Valid() bool { _, ok := cueInfo[c]; return ok }

// EndReason is how a session that an answer ends ended: crying or
// asleep by name, any other answer a routine ends on as ended early.
func (c Cue) EndReason() EndReason {
	switch c {
	case Crying:
		return BabyCrying
	case Asleep:
		return BabyAsleep
	}
	return EndedEarly
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
	GoOn       Action = "go-on"       // carry on
	SlowDown   Action = "slow-down"   // slower, lighter, after a short resting-hands hold
	HoldOffer  Action = "hold-offer"  // resting hands, then ask: go on, skip the region or end
	SkipRegion Action = "skip-region" // leave out the region that comes next
	EndGently  Action = "end"         // end the session with a kind word
)

// Actions lists the actions a routine file may name.
var Actions = []Action{GoOn, SlowDown, HoldOffer, SkipRegion, EndGently}

// Response is what the session does with an answer.
type Response struct {
	Action Action
	Hold   time.Duration // resting-hands hold before going on (SlowDown, HoldOffer)
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
	Relaxed:    {Action: GoOn, Say: "Lovely. Carry on, and keep talking or singing to your baby."},
	Content:    {Action: GoOn, Say: "Your baby is enjoying this. Carry on."},
	Unanswered: {Action: GoOn},
	Subtle: {Action: SlowDown, Hold: 15 * time.Second,
		Say: "Your baby may need a little less. Rest your hands still for a moment, then go slower and lighter. Less eye contact or talking can help too."},
	Fussing: {Action: HoldOffer, Hold: 20 * time.Second,
		Say: "Stop stroking and rest your hands still and warm on your baby. Breathe slowly."},
	Crying: {Action: EndGently,
		Say: "Your baby is telling you it is enough for today. Pick them up and comfort them; that is exactly right. Try again another day."},
	Asleep: {Action: EndGently,
		Say: "Your baby has drifted off. Massage can wait until they are awake and calm."},
}

// Readiness names an answer of the readiness check. A region lists the
// answers that leave it out; some answers rule the massage out for now.
type Readiness string

const (
	Fed       Readiness = "fed"       // fed in the last 30 minutes; as a region's left_out_when: in the last 45 minutes
	Unsettled Readiness = "unsettled" // asleep, hungry, tired or upset
	Unwell    Readiness = "unwell"    // fever or illness
	Skin      Readiness = "skin"      // rash or broken skin
	Vaccine   Readiness = "vaccine"   // vaccinations in the last 48 hours
	Stump     Readiness = "stump"     // umbilical stump not yet healed
	Diarrhoea Readiness = "diarrhoea" // diarrhoea: no tummy strokes
	Harness   Readiness = "harness"   // a hip harness or brace: no moves that load the hips
	Cold      Readiness = "cold"      // room or hands not warm yet
	Oil       Readiness = "oil"       // using oil
)

// The check's other questions, which no region lists: the go-ahead for
// a baby born early, a routine's clearance, a feed in the last 45
// minutes (asked before "in the last 30?" of a routine with tummy
// strokes), and a doctor's care.
const (
	Early     Readiness = "early"
	Clearance Readiness = "clearance"
	FedLately Readiness = "fed-lately"
	Care      Readiness = "care"
)

// ReadinessAnswers lists the answers a region may be left out for.
var ReadinessAnswers = []Readiness{Fed, Unsettled, Unwell, Skin, Vaccine, Stump, Diarrhoea, Harness, Cold, Oil}
