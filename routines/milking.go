package routines

import "strings"

// Indian milking strokes down a limb, away from the heart; Swedish milking
// strokes up it. A UK instructor body stopped teaching Indian milking for
// a reason in theory only (no harm was found), while IAIM still teaches it
// (facts §2.1, §7 item 3). The facts file's design default is to keep the
// stroke, light, and to offer "Swedish milking only": a choice the parent
// makes once, which then holds in every routine.

// IsIndianMilking reports whether st is the Indian milking stroke, by its
// name, as routine files write it.
func IsIndianMilking(st Step) bool { return strokeIs(st, "indian milking") }

func strokeIs(st Step, name string) bool {
	return st.Kind == Stroke && strings.EqualFold(strings.TrimSpace(st.Name), name)
}

// HasIndianMilking reports whether r has an Indian milking step.
func HasIndianMilking(r *Routine) bool {
	for _, rg := range r.Regions {
		for _, st := range rg.Steps {
			if IsIndianMilking(st) {
				return true
			}
		}
	}
	return false
}

// swedishMilking is the stroke for a region that has Indian milking but no
// Swedish milking of its own to copy.
var swedishMilking = Step{Name: "Swedish milking", Kind: Stroke,
	Do:        "Hold the hand or foot and glide your other hand up the limb, towards the body. Swap hands and go again, hand over hand.",
	Direction: "up the limb, towards the heart",
	Sources:   []string{"S1", "S12"}}

// SwedishOnly is r with every Indian milking step done as Swedish milking
// instead, in its place: with the region's own Swedish milking words when
// it has them. The step keeps its id, side, repetitions and check-in, so
// the routine keeps its length and its steps their places (a session cut
// off before the choice changed resumes where it was). r itself is not
// changed; without Indian milking, r is returned as it is.
func SwedishOnly(r *Routine) *Routine {
	if !HasIndianMilking(r) {
		return r
	}
	out := *r
	out.Regions = make([]Region, len(r.Regions))
	for i, rg := range r.Regions {
		swedish := swedishMilking
		for _, st := range rg.Steps {
			if strokeIs(st, "swedish milking") {
				swedish = st
				break
			}
		}
		rg.Steps = append([]Step(nil), rg.Steps...)
		for j, st := range rg.Steps {
			if !IsIndianMilking(st) {
				continue
			}
			st.Name, st.Do, st.Direction, st.Caution, st.Sources = swedish.Name, swedish.Do, swedish.Direction, swedish.Caution, swedish.Sources
			st.Pressure = swedish.Pressure
			rg.Steps[j] = st
		}
		out.Regions[i] = rg
	}
	return &out
}
