package insights

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// Change is one way a personal routine differs from the one it was made
// from, and why, in plain words.
type Change struct {
	Region string // region name
	What   string // "shorter: strokes 3 → 2 times, and later"
	Why    string // "fussing or crying in 4 of 6 sessions"
}

func (c Change) String() string { return c.Region + ": " + c.What + " (" + c.Why + ")" }

// likeShare is how often a region must be calm to get more time: nearly
// always. A region that often (routines.Often) brings fussing or crying
// gets shorter and comes later, and a stroke that often does is left out:
// the same rule as the readings the parent sees.
const likeShare = 0.8

// Personalize proposes a version of r shaped by the report's answers:
// regions the baby often fussed or cried in are shorter (half the
// repetitions) and come later, before the last region; regions where the
// baby was nearly always calm get half as much time again, the calmest
// first, within routines.ShapeLimit for the baby's age; strokes that often
// upset are left out. The ritual stays (routines.Keeps, ShapeOrder):
// resting hands open every region, the face never comes first, the last
// region (the back, with the turn onto the tummy, and the closing cuddle)
// stays last. Only a built-in routine a clinician need not clear is
// shaped (routines.Reshapable): never a shaped one, so shaping again
// starts from the same base and cannot grow without bound. It returns nil
// when nothing would change.
func Personalize(r *routines.Routine, rep Report) (*routines.Routine, []Change) {
	if !routines.Reshapable(r) {
		return nil, nil
	}
	byRegion := map[string]Tally{}
	for _, t := range rep.Regions {
		if t.Enough() {
			byRegion[t.Region] = t
		}
	}
	p := clone(r)
	regionChange := map[string]Change{}
	var later, liked []string
	for i := range p.Regions {
		rg := &p.Regions[i]
		t, ok := byRegion[rg.ID]
		if !ok {
			continue
		}
		switch {
		case routines.Often(t.Upset(), t.N):
			from, to := scale(rg, 0.5)
			what := "shorter"
			if from > 0 {
				what = fmt.Sprintf("shorter: strokes %d → %d times", from, to)
			}
			regionChange[rg.ID] = Change{Region: rg.Name, What: what, Why: fmt.Sprintf("%s in %d of %d sessions", upsetWords(t), t.Upset(), t.N)}
			later = append(later, rg.ID)
		case share(t.Calm(), t.N) >= likeShare:
			liked = append(liked, rg.ID)
		}
	}
	var strokeChanges []Change
	for _, t := range rep.Strokes {
		if !routines.Often(t.Upset(), t.N) {
			continue
		}
		for i := range p.Regions {
			rg := &p.Regions[i]
			if rg.ID != t.Region {
				continue
			}
			var kept []routines.Step
			moving := 0
			for _, st := range rg.Steps {
				if st.Name != t.Stroke || routines.Keeps(st) {
					kept = append(kept, st)
					if !routines.Keeps(st) {
						moving++
					}
				}
			}
			if len(kept) == len(rg.Steps) || moving == 0 {
				continue // not in this routine, or nothing would be left
			}
			rg.Steps = kept
			strokeChanges = append(strokeChanges, Change{Region: rg.Name, What: "leaves out " + t.Stroke,
				Why: fmt.Sprintf("%s in %d of %d sessions you asked during it", upsetWords(t), t.Upset(), t.N)})
		}
	}
	// More time where the baby relaxes most, while the whole stays within
	// the shaper's limit: young babies often will not last a long
	// massage, however much they enjoy parts of it.
	sort.SliceStable(liked, func(i, j int) bool {
		a, b := byRegion[liked[i]], byRegion[liked[j]]
		return share(a.Calm()+1, a.N+2) > share(b.Calm()+1, b.N+2)
	})
	age, _, known := routines.BabyAge(rep.Baby.Birth, rep.Baby.Due, rep.Now)
	budget := routines.ShapeLimit(r, age, known)
	for _, id := range liked {
		i := p.RegionIndex(id)
		for _, f := range []float64{1.5, 1.25} {
			rg := p.Regions[i]
			rg.Steps = append([]routines.Step(nil), rg.Steps...)
			from, to := scale(&rg, f)
			old := p.Regions[i]
			p.Regions[i] = rg
			if p.Length() > budget || to == from {
				p.Regions[i] = old
				continue
			}
			t := byRegion[id]
			what := "more time"
			if from > 0 {
				what = fmt.Sprintf("more time: strokes %d → %d times", from, to)
			}
			regionChange[id] = Change{Region: rg.Name, What: what, Why: fmt.Sprintf("%s in %d of %d sessions", calmWords(t), t.Calm(), t.N)}
			break
		}
	}
	var changes []Change
	for _, rg := range r.Regions {
		if c, ok := regionChange[rg.ID]; ok {
			changes = append(changes, c)
		}
	}
	changes = append(changes, strokeChanges...)
	moveLater(p, later, changes)
	if len(changes) == 0 || p.Length() > budget || p.Length() > routines.MaxRoutineTime {
		return nil, nil
	}
	return p, changes
}

// moveLater puts the disliked regions later, in the order
// routines.ShapeOrder keeps (before the last region, face never first),
// and says where each went.
func moveLater(p *routines.Routine, ids []string, changes []Change) {
	if len(ids) == 0 {
		return
	}
	order := routines.ShapeOrder(append([]routines.Region(nil), p.Regions...), ids)
	for i, rg := range order {
		if rg.ID == p.Regions[i].ID || !slices.Contains(ids, rg.ID) {
			continue
		}
		where := "moved later, before " + lower(order[len(order)-1].Name)
		for j := range changes {
			if changes[j].Region == rg.Name {
				changes[j].What += ", " + where
			}
		}
	}
	p.Regions = order
}

// scale changes the repetitions (and plain lengths) of a region's
// strokes, movements and integrations by f, keeping the steps the shaper
// keeps (routines.Keeps) as they are, and returns a typical repetition
// count before and after (0 when no step repeats).
func scale(rg *routines.Region, f float64) (from, to int) {
	for i := range rg.Steps {
		st := &rg.Steps[i]
		if routines.Keeps(*st) {
			continue
		}
		if st.Reps > 0 {
			n := int(float64(st.Reps)*f + 0.5)
			if f < 1 {
				n = (st.Reps + 1) / 2
			}
			n = min(max(n, 1), 100)
			for time.Duration(n)*st.Each > routines.MaxStepLength {
				n--
			}
			if from == 0 {
				from, to = st.Reps, n
			}
			st.Reps = n
			continue
		}
		d := time.Duration(float64(st.Duration) * f).Round(time.Second)
		st.Duration = min(max(d, 5*time.Second), routines.MaxStepLength)
	}
	return from, to
}

// clone copies a routine deep enough to change its regions and steps.
func clone(r *routines.Routine) *routines.Routine {
	p := *r
	p.Regions = make([]routines.Region, len(r.Regions))
	for i, rg := range r.Regions {
		rg.Steps = append([]routines.Step(nil), rg.Steps...)
		p.Regions[i] = rg
	}
	return &p
}

// Named gives a personal routine shaped from the built-in routine from
// its id, title, description and notes for the report's baby, and
// records from as its base. The id is the base's with the baby's name
// after it, so shaping again replaces the file rather than adding
// another. The description says what it is: shaped from how many
// sessions, on which day.
func Named(p *routines.Routine, from *routines.Routine, rep Report, changes []Change, now time.Time) {
	baby := rep.Baby
	p.ID = from.ID + "-" + Slug(baby)
	p.Title = from.Title + " for " + baby.Name
	p.Base = from.ID
	p.For = routines.ForBaby{ID: baby.ID, Name: baby.Name}
	p.Builtin, p.File, p.Replaces = false, "", false
	p.Purpose = fmt.Sprintf("%s, shaped from %s's answers in %s, on %s.", from.Title, baby.Name, count(rep.Answered, "session"), now.Format("2 January 2006"))
	var parts []string
	for _, c := range changes {
		parts = append(parts, lower(c.Region)+" "+c.What)
	}
	note := fmt.Sprintf("Shaped on %s from what you recorded for %s over %d weeks: %s.", now.Format("2 January 2006"), baby.Name, AnswerWeeks, strings.Join(parts, "; "))
	p.Notes = strings.TrimSpace(from.Notes + " " + note)
}

// Slug is a baby's name as it goes into a routine id: lower-case letters,
// digits and dashes.
func Slug(b store.Baby) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(b.Name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			sb.WriteRune(r)
			dash = false
		} else if sb.Len() > 0 && !dash {
			sb.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(sb.String(), "-")
	if s == "" {
		s = fmt.Sprintf("baby-%d", b.ID)
	}
	return s
}

// MostUsed is the routine of choices the baby had most sessions of in
// the report's answer weeks, a routine shaped from it counting as it
// (all is every routine there is, shaped ones too); ties: the first in
// choices. nil when none was used.
func MostUsed(rep Report, choices, all []*routines.Routine) *routines.Routine {
	used := map[string]int{}
	for id, n := range rep.Routines {
		used[id] += n
	}
	for _, r := range all {
		if r.Base != "" {
			used[r.Base] += rep.Routines[r.ID]
		}
	}
	var best *routines.Routine
	for _, r := range choices {
		if n := used[r.ID]; n > 0 && (best == nil || n > used[best.ID]) {
			best = r
		}
	}
	return best
}
