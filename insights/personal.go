package insights

import (
	"fmt"
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

// The thresholds of Personalize, on sessions with an answer there.
const (
	dislikeShare = 0.4 // fussing or crying this often: shorter and later
	likeShare    = 0.8 // relaxed or content this often: more time
	strokeShare  = 0.5 // a stroke that upsets this often is left out
)

// Personalize proposes a version of r shaped by the report's answers:
// regions the baby often fussed or cried in are shorter (half the
// repetitions) and come later, just before a favourite last region;
// regions where the baby was nearly always calm get half as much time
// again, the calmest first, as long as the whole grows by a fifth at
// most; strokes that often upset are left out. Only regions and strokes
// with answers from MinSessions sessions change. It returns nil when
// nothing would change.
func Personalize(r *routines.Routine, rep Report) (*routines.Routine, []Change) {
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
		case share(t.Upset(), t.N) >= dislikeShare:
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
		if !t.Enough() || share(t.Upset(), t.N) < strokeShare {
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
				if st.Name != t.Stroke {
					kept = append(kept, st)
					if st.Kind != routines.Resting && st.Kind != routines.Hold {
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
	// a fifth over the original: young babies often will not last a long
	// massage, however much they enjoy parts of it.
	sort.SliceStable(liked, func(i, j int) bool {
		a, b := byRegion[liked[i]], byRegion[liked[j]]
		return share(a.Calm()+1, a.N+2) > share(b.Calm()+1, b.N+2)
	})
	budget := r.Length() * 6 / 5
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
	moveLater(p, later, byRegion, changes)
	if len(changes) == 0 || p.Length() > routines.MaxRoutineTime {
		return nil, nil
	}
	return p, changes
}

// moveLater puts the disliked regions at the end, in their order, but
// keeps a favourite last region last: the massage still ends on what the
// baby enjoys.
func moveLater(p *routines.Routine, ids []string, byRegion map[string]Tally, changes []Change) {
	if len(ids) == 0 {
		return
	}
	disliked := map[string]bool{}
	for _, id := range ids {
		disliked[id] = true
	}
	var stay, moved []routines.Region
	for _, rg := range p.Regions {
		if disliked[rg.ID] {
			moved = append(moved, rg)
		} else {
			stay = append(stay, rg)
		}
	}
	var tail []routines.Region
	if n := len(stay); n > 0 {
		last := stay[n-1]
		if t, ok := byRegion[last.ID]; ok && share(t.Calm(), t.N) >= 0.7 && p.Regions[len(p.Regions)-1].ID == last.ID {
			stay, tail = stay[:n-1], []routines.Region{last}
		}
	}
	order := append(append(append([]routines.Region(nil), stay...), moved...), tail...)
	for i, rg := range order {
		if rg.ID != p.Regions[i].ID && disliked[rg.ID] {
			where := "moved to the end"
			if len(tail) > 0 {
				where = "moved later, before " + lower(tail[0].Name)
			}
			for j := range changes {
				if changes[j].Region == rg.Name {
					changes[j].What += ", " + where
				}
			}
		}
	}
	p.Regions = order
}

// scale changes the repetitions (and plain lengths) of a region's
// strokes, movements and integrations by f, keeping resting hands and
// holds as they are, and returns a typical repetition count before and
// after (0 when no step repeats).
func scale(rg *routines.Region, f float64) (from, to int) {
	for i := range rg.Steps {
		st := &rg.Steps[i]
		if st.Kind == routines.Resting || st.Kind == routines.Hold {
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

// Named gives a personal routine its id, title and notes for a baby: the
// id is the routine's with the baby's name after it, so shaping it again
// replaces the file rather than adding another.
func Named(p *routines.Routine, from *routines.Routine, baby store.Baby, changes []Change, now time.Time) {
	slug := Slug(baby)
	p.ID = from.ID
	if !strings.HasSuffix(p.ID, "-"+slug) {
		p.ID += "-" + slug
	}
	p.Title = from.Title
	if !strings.HasSuffix(p.Title, " for "+baby.Name) {
		p.Title += " for " + baby.Name
	}
	p.Builtin, p.File = false, ""
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

// MostUsed is the routine the baby had most sessions of in the report's
// answer weeks (ties: the first in lib), or nil.
func MostUsed(rep Report, lib []*routines.Routine) *routines.Routine {
	var best *routines.Routine
	for _, r := range lib {
		if n := rep.Routines[r.ID]; n > 0 && (best == nil || n > rep.Routines[best.ID]) {
			best = r
		}
	}
	return best
}
