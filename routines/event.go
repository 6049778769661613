package routines

import "time"

// EventKind names something that happened in a session. Every event is
// saved the moment it happens.
type EventKind string

const (
	EvStart         EventKind = "start"          // the session began
	EvStepDone      EventKind = "step_done"      // a step ran its full time (or, for a permission step, the baby said yes)
	EvStepSkipped   EventKind = "step_skipped"   // the parent moved on before the step's time was up
	EvReady         EventKind = "ready"          // a getting-ready step was done, or went on by itself (not a step of massage)
	EvBack          EventKind = "back"           // the parent went back a step
	EvRegionSkipped EventKind = "region_skipped" // a region was skipped during the session
	EvCheckIn       EventKind = "checkin"        // a check-in was answered (or left unanswered)
	EvHold          EventKind = "hold"           // a resting-hands hold began
	EvPause         EventKind = "pause"
	EvResume        EventKind = "resume"
	EvReopen        EventKind = "reopen" // an interrupted session was picked up again
	EvChose         EventKind = "chose"  // the choice after fussing's still hands: go on, skip or end
	// EvQuit: cradle was quit (ctrl+c) or stopped by a signal mid-session;
	// the clock stopped there, and the session can be picked up again.
	EvQuit EventKind = "quit"
	EvEnd  EventKind = "end"
)

// EndReason says why a session ended.
type EndReason string

const (
	EndFinished    EndReason = "finished"    // every step done
	EndEarly       EndReason = "ended"       // the parent chose to end
	EndNotNow      EndReason = "not_now"     // the baby did not say yes at the start
	EndCrying      EndReason = "crying"      // ended gently on a crying check-in
	EndFussing     EndReason = "fussing"     // ended after fussing's still hands: chosen, or nobody chose
	EndAsleep      EndReason = "asleep"      // ended on a sleeping baby
	EndInterrupted EndReason = "interrupted" // closed later, after the terminal went away
)

// Event is one thing that happened, with enough context to rebuild the
// timeline without the routine file.
type Event struct {
	Kind   EventKind `json:"kind"`
	At     time.Time `json:"at"`
	Region string    `json:"region,omitempty"` // region id
	// Step is the step title as shown. A check-in names a step only when
	// it was about that step (asked during it, or after a step that asks);
	// a check-in at the end of a region names none.
	Step  string `json:"step,omitempty"`
	Index int    `json:"index"` // position in the session's plan
	// Elapsed is how long the step ran before it was done or skipped
	// (pauses left out); on a back, region skipped, quit or end event, how
	// long the step of massage it cut short had run.
	Elapsed time.Duration `json:"elapsed,omitempty"`
	Cue     Cue           `json:"cue,omitempty"`
	Manual  bool          `json:"manual,omitempty"` // a check-in the parent asked for
	Hold    time.Duration `json:"hold,omitempty"`
	Reason  EndReason     `json:"reason,omitempty"`
	// LeftOut lists regions the readiness check left out: on the start
	// event, and on a reopen event the regions a readiness check at the
	// resume left out besides.
	LeftOut []string `json:"left_out,omitempty"`
	// StepsOut lists, by plan position, the steps left out one by one (the
	// moves that load the hips, for a baby in a hip harness): on the start
	// event, and on a reopen event those left out besides.
	StepsOut []int `json:"steps_out,omitempty"`
	// Plan lists the body regions and their steps (start event), so that
	// "3 of 14 steps" can be said later whatever becomes of the routine.
	Plan []PlanRegion `json:"plan,omitempty"`
	// Choice is what was chosen after fussing's still hands (chose
	// event); Waited is true when nobody chose and the gentler choice was
	// taken when the wait ran out.
	Choice Action `json:"choice,omitempty"`
	Waited bool   `json:"waited,omitempty"`
	// Oil is whether the parent uses oil, as the readiness check heard it:
	// on the start event, and on a reopen event after a check at the
	// resume. A session picked up without a check keeps the last said, so
	// nothing asks to wipe hands that never had oil on them.
	Oil OilUse `json:"oil,omitempty"`
	// By says, on a quit event, what quit cradle: "ctrl+c", or the signal
	// that stopped it ("SIGTERM", "SIGHUP").
	By string `json:"by,omitempty"`
}

// OilUse is the readiness check's answer about oil, as a session keeps it.
type OilUse string

const (
	OilUsed OilUse = "used"
	OilNone OilUse = "none"
)

// Valid reports whether o is a value cradle writes ("" for a session
// saved before it was kept).
func (o OilUse) Valid() bool { return o == "" || o == OilUsed || o == OilNone }

// oilUse is the answer as a session records it.
func oilUse(noOil bool) OilUse {
	if noOil {
		return OilNone
	}
	return OilUsed
}

// PlanRegion is one body region of a session's plan.
type PlanRegion struct {
	ID   string `json:"region"`
	Name string `json:"name"`
	// Steps are the plan positions of the region's steps that count, both
	// sides of a two-sided step apart.
	Steps []int `json:"steps"`
}
