package routines

import "time"

// Getting ready: what the parent does between strokes that is not massage.
// A routine writes some of it as steps of kind prepare ("let the arms
// relax"); the rest follows from its regions (when each is due is a rule
// of safety.go): a region's position asks for the baby to be turned over,
// a region without oil for the hands to be wiped first and oiled again
// after. This file holds their words. These steps wait for the parent
// (space when ready) and go on by themselves after their length, so
// hands-free following never stops.

// Position is how the baby lies for a region.
type Position string

const (
	PositionAny     Position = ""        // however suits the baby: no turning asked for
	PositionBack    Position = "back"    // on their back, facing the parent
	PositionFront   Position = "front"   // face-down across the thighs or on the mat, or upright at the shoulder
	PositionSitting Position = "sitting" // sitting up, the back within reach
)

// Positions lists the positions a routine file may name.
var Positions = []Position{PositionBack, PositionFront, PositionSitting}

// PrepareWait is how long a prepare step waits for the parent when its
// file gives no length: long enough to turn a baby over and settle them.
const PrepareWait = 30 * time.Second

// oilWait is how long the steps about oil wait: wiping or oiling the
// hands is quicker than turning a baby.
const oilWait = 15 * time.Second

// turnSteps bring the baby into each position (docs/SOURCES.md, "Getting
// ready"; [S8][S14][S21][S47][S53]).
var turnSteps = map[Position]Step{
	PositionBack: {ID: "turn-onto-back", Name: "Turn your baby onto their back", Kind: StepPrepare, Duration: PrepareWait,
		Do:      "Gently turn your baby over onto their back, facing you, and let them settle.",
		Sources: []string{"S8", "S53"}},
	PositionFront: {ID: "turn-onto-front", Name: "Turn your baby onto their front", Kind: StepPrepare, Duration: PrepareWait,
		Do:      "Lay your baby face-down across your thighs or on the mat beside you. Your baby cannot see your face now, so keep talking.",
		Caution: "A baby who cannot yet hold up their head needs room to rest a cheek.",
		Sources: []string{"S14", "S17", "S21"}},
	PositionSitting: {ID: "sit-up", Name: "Sit your baby up", Kind: StepPrepare, Duration: PrepareWait,
		Do:      "Sit your baby up on the mat or on your lap, so you can reach their back. A toy to hold can help.",
		Caution: "Keep a hand close to steady your baby.",
		Sources: []string{"S47"}},
}

// wipeStep comes before a region without oil (no oil on the face [S19]).
func wipeStep(rg Region) Step {
	return Step{ID: "wipe-hands", Name: "Wipe the oil off your hands", Kind: StepPrepare, Duration: oilWait,
		Do:      "No oil on the " + InSentence(rg.Name) + ": if you used oil, wipe your hands clean on a towel first.",
		Sources: []string{"S19"}}
}

// oilStep comes after a region without oil, before one with it.
var oilStep = Step{ID: "oil-hands", Name: "Oil your hands again", Kind: StepPrepare, Duration: oilWait,
	Do:      "If you use oil, warm a little in your palms again.",
	Sources: []string{"S5", "S22"}}

// Preparations lists, for each region of r, the getting-ready steps a
// session adds before it when the routine runs from the start with
// nothing left out and oil in use: what cradle routines show prints.
func Preparations(r *Routine) [][]Step {
	su := startSetup(r, false)
	if !r.NoOpening {
		su.afterOpening()
	}
	out := make([][]Step, len(r.Regions))
	for i, rg := range r.Regions {
		out[i] = su.needs(rg)
		for _, st := range out[i] {
			su.did(st)
		}
		su.in(rg)
	}
	return out
}
