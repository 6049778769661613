package class

import (
	"time"

	"github.com/cradle-coach/cradle/routines"
)

// Roster is the class as the instructor sees it: every family, and the
// room's answers in the region on screen. Only the instructor's screen
// shows it: a family never sees another family's name.
type Roster struct {
	Families []Member
	// Region is the region the counts are about: the one on screen, or
	// the one a check-in asks about.
	Region routines.Region
	// Counts are each family's last answer about Region, once;
	// Waiting counts the families following, and here, who have not
	// answered there.
	Counts  map[routines.Cue]int
	Waiting int
	Hands   int // hands raised
	// SaveErr is why the class record could not be kept, if it could not.
	SaveErr error
}

// Member is one family on the roster.
type Member struct {
	Name   string
	Stage  FamilyStage
	Here   bool
	Left   time.Time // when they dropped out; zero while here
	Keep   bool      // they let the instructor keep their answers
	Last   *Answer
	Hand   time.Time // when they raised their hand; zero when it is down
	Reason routines.EndReason
	Taken  bool // their session has gone home
	// LeftOut are the regions the questions before the start left out
	// for their baby.
	LeftOut []string
}

// Roster is the class now, families in the order they joined.
func (h *Hub) Roster() Roster {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := Roster{Counts: map[routines.Cue]int{}, SaveErr: h.saveErr}
	if h.stage != StageLobby {
		st := h.sess.State()
		r.Region = st.Region
		if st.Phase == routines.PhaseCheckIn || st.Phase == routines.PhaseHolding || st.Phase == routines.PhaseOffering {
			r.Region = st.CheckInRegion
		}
	}
	for _, f := range h.families {
		m := Member{Name: f.name, Stage: f.stage, Here: f.conns > 0, Left: f.left, Keep: f.keep,
			Hand: f.hand, Reason: f.reason, Taken: f.taken, LeftOut: f.verdict.LeftOut}
		if f.last != nil {
			l := *f.last
			m.Last = &l
		}
		if !f.hand.IsZero() {
			r.Hands++
		}
		r.Families = append(r.Families, m)
		if r.Region.ID == "" || len(f.log) == 0 {
			continue
		}
		if c, ok := f.lastIn(r.Region.ID); ok {
			r.Counts[c]++
		} else if f.stage == following && f.conns > 0 {
			r.Waiting++
		}
	}
	return r
}

// Standing is how many families stand where: a family whose connection
// went is counted as left, whatever their stage, as the roster's list
// shows them.
type Standing struct{ Following, Watching, Joining, Ended, Left int }

// Standing counts the families by where they stand.
func (r Roster) Standing() Standing {
	var n Standing
	for _, m := range r.Families {
		switch {
		case !m.Here:
			n.Left++
		case m.Stage == FamilyFollowing:
			n.Following++
		case m.Stage == FamilyWatching:
			n.Watching++
		case m.Stage == FamilyJoining:
			n.Joining++
		default:
			n.Ended++
		}
	}
	return n
}
