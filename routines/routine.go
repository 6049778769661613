// Package routines holds cradle's domain: routines made of regions and
// steps, the cues a baby gives and what each answer does next, the parser
// for routine files, and Session, the state machine that walks a routine.
// Nothing here knows about terminals or databases.
package routines

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/cradle-coach/cradle/internal/plural"
)

// StepKind says what the hands do during a step.
type StepKind string

const (
	StepStroke      StepKind = "stroke"      // a moving stroke, repeated
	StepResting     StepKind = "resting"     // resting hands: still, warm, no stroking
	StepMovement    StepKind = "movement"    // passive movement: bending and straightening a limb
	StepIntegration StepKind = "integration" // one long sweep joining a region to the body
	StepHold        StepKind = "hold"        // a still, containing hold
	// StepPrepare is getting ready, not massage: turning the baby over, wiping
	// the oil off the hands, letting an arm relax. It waits for the parent
	// and goes on by itself after its length; it is not a step done.
	StepPrepare    StepKind = "prepare"
	StepPermission StepKind = "permission" // asking the baby; waits for a "yes" cue
)

// StepKinds lists the step kinds a routine file may use.
var StepKinds = []StepKind{StepStroke, StepResting, StepMovement, StepIntegration, StepHold, StepPrepare}

// Side says which side of the body a step works on.
type Side string

const (
	SideNone  Side = ""
	SideLeft  Side = "left"
	SideRight Side = "right"
	SideBoth  Side = "both" // expanded into a left step and a right step
)

// Routine is a parsed, validated routine.
type Routine struct {
	ID      string
	Title   string
	Purpose string
	Ages    AgeRange
	// Clearance, when set, is shown before the start and must be confirmed:
	// the routine is for babies whose clinician has cleared it.
	Clearance string
	// Base is the id of the built-in routine a routine shaped by the
	// baby's answers was made from; "" for any other routine.
	Base string
	// For is the baby a shaped routine was made for (its number in the
	// database, and its name then): it is offered only for that baby.
	For ForBaby
	// Why is one line on what studies found about massage like this one,
	// and how sure that is.
	Why     string
	Notes   string
	Sources []string
	Regions []Region
	// Responses overrides what a check-in answer does in this routine.
	Responses map[Cue]Response
	// NoOpening leaves out the opening ritual (breaths, hands, asking).
	NoOpening bool

	// File is where the routine came from ("library/full-body.yaml" for a
	// built-in one); Builtin is true for the embedded catalogue.
	File    string
	Builtin bool
	// Replaces is true for a user's routine that has a built-in routine's
	// id, and is offered in its place.
	Replaces bool

	idLine, idCol int // where the id is written, for errors about it
}

// SameAs reports whether two routines say the same thing, wherever each
// came from (its file, built-in or not, where its id was written).
func (r *Routine) SameAs(o *Routine) bool {
	a, b := *r, *o
	for _, x := range []*Routine{&a, &b} {
		x.File, x.Builtin, x.Replaces, x.idLine, x.idCol = "", false, false, 0, 0
	}
	return reflect.DeepEqual(a, b)
}

// ForBaby names the baby a shaped routine was made for; the zero value
// for any other routine.
type ForBaby struct {
	ID   uint64
	Name string
}

// Region is one body region: a named run of steps.
type Region struct {
	ID    string
	Name  string
	NoOil bool // face: no oil
	// Position is how the baby lies for the region; cradle asks the parent
	// to turn the baby when it changes. PositionAny: however suits.
	Position Position
	Notes    string
	// Teach holds talking points for an instructor teaching a room: why
	// these strokes, what to watch for. Never shown to a parent during a
	// session.
	Teach   []string
	CheckIn bool // ask how the baby is at the end of the region
	// LeftOutWhen lists readiness answers that leave this region out.
	LeftOutWhen []Readiness
	Steps       []Step
	Opening     bool // the opening ritual, not a body region
}

// Step is one prompt: a stroke, a hold, a movement.
type Step struct {
	ID        string
	Name      string
	Kind      StepKind
	Side      Side
	Reps      int           // repetitions; 0 when Duration is a plain length
	Each      time.Duration // seconds per repetition (one out-and-back)
	Duration  time.Duration // a plain length, when Reps is 0
	Do        string        // what the hands do, in plain words
	Pressure  string
	Direction string
	Caution   string
	Sources   []string
	// Teach holds talking points for an instructor, as Region.Teach.
	Teach   []string
	CheckIn bool // ask how the baby is after this step
}

// Length is how long the step runs at normal pace.
func (s Step) Length() time.Duration {
	if s.Reps > 0 {
		return time.Duration(s.Reps) * s.Each
	}
	return s.Duration
}

// Title is the step's name with its side, as the parent sees it.
func (s Step) Title() string {
	if s.Side == SideLeft || s.Side == SideRight {
		return s.Name + " (" + string(s.Side) + ")"
	}
	return s.Name
}

// StepName is a step title without the side Title adds: "Rolling (left)"
// is "Rolling". Insights count both sides of a stroke together.
func StepName(title string) string {
	for _, side := range []Side{SideLeft, SideRight} {
		if n, ok := strings.CutSuffix(title, " ("+string(side)+")"); ok {
			return n
		}
	}
	return title
}

// Length is the sum of every step, both sides counted: the figure the home
// screen shows.
func (r *Routine) Length() time.Duration {
	var d time.Duration
	for _, rg := range r.Regions {
		d += rg.Length()
	}
	return d
}

// Length of a region, both sides counted. Getting ready is not massage:
// a prepare step's length is how long it waits at most, and is left out.
func (rg Region) Length() time.Duration {
	var d time.Duration
	for _, s := range rg.Steps {
		if s.Kind == StepPrepare {
			continue
		}
		n := time.Duration(1)
		if s.Side == SideBoth {
			n = 2
		}
		d += n * s.Length()
	}
	return d
}

// TeachCount is how many talking points for an instructor the routine's
// regions and steps hold.
func (r *Routine) TeachCount() int {
	n := 0
	for _, rg := range r.Regions {
		n += len(rg.Teach)
		for _, st := range rg.Steps {
			n += len(st.Teach)
		}
	}
	return n
}

// RegionIndex is the position of the region with the given id, or -1.
func (r *Routine) RegionIndex(id string) int {
	for i, rg := range r.Regions {
		if rg.ID == id {
			return i
		}
	}
	return -1
}

// Region returns the region with the given id.
func (r *Routine) Region(id string) (Region, bool) {
	for _, rg := range r.Regions {
		if rg.ID == id {
			return rg, true
		}
	}
	return Region{}, false
}

// AgeRange is the span of ages a routine suits. Zero To means "and older".
type AgeRange struct {
	From, To Age
}

// Age is a baby's age in days, written in files as 10d, 6w or 3m.
type Age int

func (a Age) String() string {
	switch {
	case a == 0:
		return "birth"
	case a%30 == 0:
		return plural.Of(int(a/30), "month")
	case a%7 == 0:
		return plural.Of(int(a/7), "week")
	default:
		return plural.Of(int(a), "day")
	}
}

func (ar AgeRange) String() string {
	switch {
	case ar.From == 0 && ar.To == 0:
		return "any age"
	case ar.To == 0:
		return "from " + ar.From.String()
	case ar.From == 0:
		return "birth to " + ar.To.String()
	default:
		return ar.From.String() + " to " + ar.To.String()
	}
}

// FormatLength renders a routine or step length the way a parent reads it:
// "45 s", "6 min", "17 min 30 s".
func FormatLength(d time.Duration) string {
	d = d.Round(time.Second)
	m, s := int(d/time.Minute), int(d%time.Minute/time.Second)
	switch {
	case m == 0:
		return fmt.Sprintf("%d s", s)
	case s == 0:
		return fmt.Sprintf("%d min", m)
	default:
		return fmt.Sprintf("%d min %d s", m, s)
	}
}

// Clean removes control characters and escape sequences from text that came
// from a file, so a routine cannot move the cursor, retitle the window or
// clear the screen. Newlines and tabs become spaces.
func Clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == 0x1b || r == 0x9b || r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f:
			i = skipEscape(rs, i)
		case r == '\n' || r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			// other C0 and C1 controls are dropped
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			// bidirectional overrides can disguise text
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// skipEscape returns the index of the last rune of the escape sequence that
// starts at rs[i].
func skipEscape(rs []rune, i int) int {
	kind := rs[i]
	if kind == 0x1b {
		if i+1 >= len(rs) {
			return i
		}
		i++
		switch rs[i] {
		case '[':
			kind = 0x9b
		case ']':
			kind = 0x9d
		case 'P', '^', '_', 'X':
			kind = 0x90
		default:
			return i // a two-rune sequence such as ESC c
		}
	}
	for i++; i < len(rs); i++ {
		r := rs[i]
		if kind == 0x9b {
			if r >= 0x40 && r <= 0x7e {
				return i
			}
			continue
		}
		// OSC, DCS and friends end at BEL or ST (ESC \ or 0x9c).
		if r == 0x07 || r == 0x9c {
			return i
		}
		if r == 0x1b && i+1 < len(rs) && rs[i+1] == '\\' {
			return i + 1
		}
	}
	return len(rs) - 1
}
