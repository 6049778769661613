package routines

import (
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// libRoutines loads the embedded catalogue once per test and fails the test on
// any parse error.
func libRoutines(t *testing.T) []*Routine {
	t.Helper()
	rs, err := Builtin()
	if err != nil {
		t.Fatalf("Builtin() returned an error:\n%v", err)
	}
	return rs
}

func libRoutine(t *testing.T, id string) *Routine {
	t.Helper()
	for _, r := range libRoutines(t) {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no built-in routine %q", id)
	return nil
}

func TestLibraryIDsAndOrder(t *testing.T) {
	rs := libRoutines(t)
	want := []string{"full-body", "colic", "bedtime", "newborn", "on-the-move", "stroking-movement"}
	var got []string
	for _, r := range rs {
		got = append(got, r.ID)
		if !r.Builtin {
			t.Errorf("%s: Builtin is false", r.ID)
		}
		if r.File == "" {
			t.Errorf("%s: File is empty", r.ID)
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("built-in ids = %v, want %v", got, want)
	}
}

// libStepSum adds up a routine's steps of massage (getting ready waits
// for the parent and is left out) without Routine.Length, so a change to
// either the content or the method shows up here.
func libStepSum(r *Routine) time.Duration {
	var total time.Duration
	for _, rg := range r.Regions {
		for _, s := range rg.Steps {
			if s.Kind == StepPrepare {
				continue
			}
			var d time.Duration
			if s.Reps > 0 {
				d = time.Duration(s.Reps) * s.Each
			} else {
				d = s.Duration
			}
			if s.Side == SideBoth {
				d *= 2
			}
			total += d
		}
	}
	return total
}

func TestLibraryLengths(t *testing.T) {
	bounds := map[string][2]time.Duration{
		"full-body":         {15 * time.Minute, 25 * time.Minute},
		"colic":             {5 * time.Minute, 10 * time.Minute},
		"bedtime":           {5 * time.Minute, 8 * time.Minute},
		"newborn":           {4 * time.Minute, 6 * time.Minute},
		"on-the-move":       {5 * time.Minute, 15 * time.Minute}, // under 15 min [S48]
		"stroking-movement": {15 * time.Minute, 15 * time.Minute},
	}
	for _, r := range libRoutines(t) {
		got := r.Length()
		if want := libStepSum(r); got != want {
			t.Errorf("%s: Length() = %s, sum of steps = %s", r.ID, got, want)
		}
		b, ok := bounds[r.ID]
		if !ok {
			t.Errorf("%s: no length bounds in this test; add them", r.ID)
			continue
		}
		if got < b[0] || got > b[1] {
			t.Errorf("%s: length %s, want between %s and %s", r.ID, FormatLength(got), FormatLength(b[0]), FormatLength(b[1]))
		}
		for _, rg := range r.Regions {
			for _, s := range rg.Steps {
				if s.Length() <= 0 {
					t.Errorf("%s/%s/%s: step has no length", r.ID, rg.ID, s.Name)
				}
			}
		}
	}
}

func TestLibraryFullBodyShape(t *testing.T) {
	r := libRoutine(t, "full-body")
	var ids []string
	for _, rg := range r.Regions {
		ids = append(ids, rg.ID)
	}
	wantOrder := []string{"legs", "tummy", "chest", "arms", "face", "back"}
	if strings.Join(ids, ",") != strings.Join(wantOrder, ",") {
		t.Fatalf("full-body regions = %v, want %v (IAIM order, back last)", ids, wantOrder)
	}
	for _, rg := range r.Regions {
		if len(rg.Steps) == 0 {
			t.Fatalf("region %s has no steps", rg.ID)
		}
		first := rg.Steps[0]
		for _, st := range rg.Steps {
			if st.Kind != StepPrepare {
				first = st
				break
			}
		}
		if first.Kind != StepResting {
			t.Errorf("region %s opens with a %q step, want resting hands", rg.ID, first.Kind)
		}
		// The baby lies on their back for the front of the body and on
		// their front for the back [S8][S14][S21].
		want := PositionBack
		if rg.ID == "back" {
			want = PositionFront
		}
		if rg.Position != want {
			t.Errorf("region %s: position %q, want %q", rg.ID, rg.Position, want)
		}
		if rg.ID == "face" {
			if !rg.NoOil {
				t.Error("face region should have oil: false")
			}
		} else if rg.NoOil {
			t.Errorf("region %s has NoOil; only the face should", rg.ID)
		}
	}
	tummy, _ := r.Region("tummy")
	if !containsR(tummy.LeftOutWhen, ReadinessStump) {
		t.Errorf("tummy LeftOutWhen = %v, want it to include %q", tummy.LeftOutWhen, ReadinessStump)
	}
	// Integration closes legs, chest and arms [S1] and no other region.
	for _, rg := range r.Regions {
		last := rg.Steps[len(rg.Steps)-1]
		has := false
		for _, s := range rg.Steps {
			if s.Kind == StepIntegration {
				has = true
			}
		}
		switch rg.ID {
		case "legs", "chest", "arms":
			if last.Kind != StepIntegration {
				t.Errorf("region %s ends with %q (%s), want an integration stroke", rg.ID, last.Kind, last.Name)
			}
		default:
			if has {
				t.Errorf("region %s has an integration stroke; the curriculum has them only after legs, chest and arms", rg.ID)
			}
		}
	}
	// Legs and arms work each side as its own step.
	for _, id := range []string{"legs", "arms"} {
		rg, _ := r.Region(id)
		sided := 0
		for _, s := range rg.Steps {
			if s.Side == SideBoth {
				sided++
			}
		}
		if sided < 4 {
			t.Errorf("region %s has %d side: both steps, want the limb strokes done left and right", id, sided)
		}
	}
	// The I Love You stroke is drawn from the baby's side, said explicitly.
	found := false
	for _, s := range tummy.Steps {
		if s.ID == "i-love-you" {
			found = true
			if !strings.Contains(s.Do, "your baby's left") {
				t.Errorf("I Love You should name your baby's left explicitly: %q", s.Do)
			}
		}
	}
	if !found {
		t.Error("full-body tummy has no i-love-you step")
	}
	// Waiting for tucked-in arms is a step before the arm strokes
	// [S25][S17][S7], so it is on screen at that moment.
	arms, _ := r.Region("arms")
	if st := arms.Steps[0]; st.Kind != StepPrepare || !strings.Contains(st.Caution, "Never pull an arm straight") {
		t.Errorf("arms open with %q (%s, caution %q), want a prepare step: never pull an arm straight", st.Name, st.Kind, st.Caution)
	}
}

// The turning step for the back gives the positions and room to rest a
// cheek [S14][S21], whichever routine it is in.
func TestTurningForTheBack(t *testing.T) {
	turn := turnSteps[PositionFront]
	if !strings.Contains(turn.Do, "thighs") || !strings.Contains(turn.Do, "mat") || !strings.Contains(turn.Caution, "rest a cheek") {
		t.Errorf("turning onto the front: %q, caution %q", turn.Do, turn.Caution)
	}
	for _, r := range libRoutines(t) {
		for i, steps := range Preparations(r) {
			if rg := r.Regions[i]; rg.Position == PositionFront && (i == 0 || r.Regions[i-1].Position != PositionFront) {
				if len(steps) == 0 || steps[0].ID != turn.ID {
					t.Errorf("%s: region %s is done face-down, but nothing turns the baby over before it", r.ID, rg.ID)
				}
			}
		}
	}
}

// libSteps lists every step of every built-in routine, with where it is.
func libSteps(t *testing.T) (where []string, steps []Step) {
	for _, r := range libRoutines(t) {
		for _, rg := range r.Regions {
			for _, st := range rg.Steps {
				where = append(where, r.ID+"/"+rg.ID+"/"+st.Name)
				steps = append(steps, st)
			}
		}
	}
	return where, steps
}

// Moves that load the hips carry the hip harness caution (a design
// default: docs/SOURCES.md, "Safety rules", "The limbs"): every
// knees-to-tummy, bicycling, leg bend and leg rolling. The rule is
// LoadsHips; this finds its cases in the files.
func TestHipLoadingMovesCarryTheHarnessCaution(t *testing.T) {
	n := 0
	for _, r := range libRoutines(t) {
		for _, rg := range r.Regions {
			for _, st := range rg.Steps {
				if !LoadsHips(rg, st) {
					continue
				}
				n++
				if !strings.Contains(st.Caution, HipCaution) {
					t.Errorf("%s/%s/%s loads the hips but its caution is %q", r.ID, rg.ID, st.Name, st.Caution)
				}
			}
		}
	}
	if n < 7 {
		t.Errorf("found %d hip-loading moves, want 7 or more; LoadsHips no longer finds them", n)
	}
}

// Indian milking goes away from the heart and says so, light, on legs and
// arms alike; and no stroke advises against itself while its timer runs
// (the choice of Swedish milking only is made once, before:
// docs/SOURCES.md, "Choices between sources"; [S12]).
func TestIndianMilkingSaysItsDirection(t *testing.T) {
	where, steps := libSteps(t)
	n := 0
	for i, st := range steps {
		if strings.Contains(st.Caution, "no longer teach") || strings.Contains(st.Caution, "skip it") {
			t.Errorf("%s advises against itself: %q", where[i], st.Caution)
		}
		if !IsIndianMilking(st) {
			continue
		}
		n++
		if !strings.Contains(st.Direction, "away from the heart") || st.Pressure != "light" || !strings.Contains(st.Caution, "light") {
			t.Errorf("%s: direction %q, pressure %q, caution %q", where[i], st.Direction, st.Pressure, st.Caution)
		}
	}
	if n != 2 {
		t.Errorf("%d Indian milking steps, want the legs and the arms of full-body", n)
	}
}

// The routine for babies on the move follows [S46][S47][S48]: hands and
// feet first, face to face, a rhyme, the back sitting up, under 15
// minutes.
func TestLibraryOnTheMove(t *testing.T) {
	r := libRoutine(t, "on-the-move")
	if r.Ages.From != 6*30 {
		t.Errorf("ages %s, want from 6 months", r.Ages)
	}
	var ids []string
	for _, rg := range r.Regions {
		ids = append(ids, rg.ID)
	}
	if strings.Join(ids, ",") != "hands,feet,back" {
		t.Errorf("regions %v, want hands and feet first, then the back", ids)
	}
	back, _ := r.Region("back")
	if back.Position != PositionSitting {
		t.Errorf("the back is done %q, want sitting up", back.Position)
	}
	rhyme := false
	for _, rg := range r.Regions {
		for _, st := range rg.Steps {
			rhyme = rhyme || strings.Contains(strings.ToLower(st.Do), "rhyme") || strings.Contains(st.Do, "This Little Piggy")
			if IsIndianMilking(st) {
				t.Errorf("%s has Indian milking", st.Name)
			}
		}
	}
	if !rhyme || !strings.Contains(r.Regions[0].Steps[0].Do, "face to face") {
		t.Errorf("no rhyme, or not face to face first")
	}
}

func TestLibraryColicShape(t *testing.T) {
	r := libRoutine(t, "colic")
	var tummyRegions int
	kinds := map[string]bool{}
	for _, rg := range r.Regions {
		if strings.HasPrefix(rg.ID, "tummy") {
			tummyRegions++
			if !containsR(rg.LeftOutWhen, ReadinessStump) {
				t.Errorf("colic region %s should be left out while the stump has not healed", rg.ID)
			}
		}
		for _, s := range rg.Steps {
			kinds[strings.ToLower(s.Name)] = true
		}
	}
	if tummyRegions == 0 {
		t.Error("colic has no tummy region")
	}
	for _, name := range []string{"sun and moon", "i love you", "knees to tummy", "bicycling"} {
		if !kinds[name] {
			t.Errorf("colic has no %q step", name)
		}
	}
}

func TestLibraryNewbornHasNoTummy(t *testing.T) {
	r := libRoutine(t, "newborn")
	bad := regexp.MustCompile(`(?i)tummy|stomach|belly|abdom`)
	for _, rg := range r.Regions {
		if bad.MatchString(rg.ID) || bad.MatchString(rg.Name) {
			t.Errorf("newborn region %q (%s) mentions the tummy", rg.ID, rg.Name)
		}
		for _, s := range rg.Steps {
			if bad.MatchString(s.ID) || bad.MatchString(s.Name) {
				t.Errorf("newborn step %q (%s) mentions the tummy", s.ID, s.Name)
			}
		}
	}
	if r.Ages.To == 0 || r.Ages.To > 6*7 {
		t.Errorf("newborn ages go to %s, want at most 6 weeks", r.Ages.To)
	}
	if d := r.Length(); d < 4*time.Minute || d > 6*time.Minute {
		t.Errorf("newborn lasts %s, want 4 to 6 minutes", FormatLength(d))
	}
}

func TestLibraryStrokingMovementPhases(t *testing.T) {
	r := libRoutine(t, "stroking-movement")
	if strings.TrimSpace(r.Clearance) == "" {
		t.Error("stroking-movement needs a clearance sentence")
	}
	if len(r.Regions) != 3 {
		t.Fatalf("stroking-movement has %d regions, want 3 phases", len(r.Regions))
	}
	for _, rg := range r.Regions {
		if d := rg.Length(); d != 5*time.Minute {
			t.Errorf("phase %s lasts %s, want exactly 5 min", rg.ID, FormatLength(d))
		}
	}
	if d := r.Length(); d != 15*time.Minute {
		t.Errorf("stroking-movement lasts %s, want exactly 15 min", FormatLength(d))
	}
	// Stroking, then passive movement, then the stroking again.
	kindsOf := func(rg Region) map[StepKind]bool {
		m := map[StepKind]bool{}
		for _, s := range rg.Steps {
			m[s.Kind] = true
		}
		return m
	}
	first, mid, last := kindsOf(r.Regions[0]), kindsOf(r.Regions[1]), kindsOf(r.Regions[2])
	if !first[StepStroke] || first[StepMovement] || !last[StepStroke] || last[StepMovement] {
		t.Errorf("phases 1 and 3 should be stroking only: %v, %v", first, last)
	}
	if !mid[StepMovement] || mid[StepStroke] {
		t.Errorf("phase 2 should be passive movement only: %v", mid)
	}
	counted := func(rg Region) (n int) {
		for _, s := range rg.Steps {
			if s.Counts() {
				n++
			}
		}
		return n
	}
	if counted(r.Regions[0]) != counted(r.Regions[2]) {
		t.Errorf("the third phase should repeat the first: %d vs %d steps", counted(r.Regions[0]), counted(r.Regions[2]))
	}
	// A still hand comes before any stroking (start with a still hold
	// [S49]), outside the studied 15 minutes.
	if st := r.Regions[0].Steps[0]; st.Kind != StepPrepare || !strings.Contains(st.Do, "still") {
		t.Errorf("the protocol should open with a still hand, outside its 15 minutes: %+v", st)
	}
	// The counts are from a secondary source; the notes must say so.
	if !strings.Contains(strings.ToLower(r.Notes), "not been checked") {
		t.Errorf("stroking-movement notes should say the counts are unconfirmed: %q", r.Notes)
	}
}

var libSourceTag = regexp.MustCompile(`^S[0-9]+[a-z]?$`)

func TestLibraryTextAndSources(t *testing.T) {
	doc, err := os.ReadFile("../docs/SOURCES.md")
	if err != nil {
		t.Fatalf("docs/SOURCES.md: %v", err)
	}
	sourcesDoc := string(doc)
	flat := strings.Join(strings.Fields(sourcesDoc), " ") // lines joined, as a text is read
	for _, r := range libRoutines(t) {
		if strings.TrimSpace(r.Purpose) == "" {
			t.Errorf("%s: empty purpose", r.ID)
		}
		if strings.TrimSpace(r.Title) == "" {
			t.Errorf("%s: empty title", r.ID)
		}
		if len(r.Sources) == 0 {
			t.Errorf("%s: no sources", r.ID)
		}
		listed := map[string]bool{}
		for _, tag := range r.Sources {
			if !libSourceTag.MatchString(tag) {
				t.Errorf("%s: source %q is not a tag like S12", r.ID, tag)
			}
			if listed[tag] {
				t.Errorf("%s: source %s listed twice", r.ID, tag)
			}
			listed[tag] = true
			if !strings.Contains(sourcesDoc, "| "+tag+" |") {
				t.Errorf("%s: source %s is not in docs/SOURCES.md", r.ID, tag)
			}
		}
		if !strings.Contains(sourcesDoc, "`"+r.ID+"`") {
			t.Errorf("%s: docs/SOURCES.md has no section for this routine", r.ID)
		}
		if strings.TrimSpace(r.Why) == "" {
			t.Errorf("%s: no why line", r.ID)
		} else if !strings.Contains(flat, r.Why) {
			t.Errorf("%s: its why line is not in docs/SOURCES.md, with its sources: %q", r.ID, r.Why)
		}
		texts := []string{r.Title, r.Purpose, r.Why, r.Notes, r.Clearance}
		for _, resp := range r.Responses {
			texts = append(texts, resp.Say)
		}
		for _, rg := range r.Regions {
			texts = append(texts, rg.Name, rg.Notes)
			for _, s := range rg.Steps {
				where := r.ID + "/" + rg.ID + "/" + s.Name
				if strings.TrimSpace(s.Do) == "" {
					t.Errorf("%s: empty do text", where)
				}
				if n := len([]rune(s.Do)); n >= 240 {
					t.Errorf("%s: do text is %d characters; keep it under 240 (a glance with oily hands)", where, n)
				}
				if len(s.Sources) == 0 {
					t.Errorf("%s: no sources", where)
				}
				for _, tag := range s.Sources {
					if !listed[tag] {
						t.Errorf("%s: source %s is not in the routine's sources", where, tag)
					}
				}
				texts = append(texts, s.Name, s.Do, s.Pressure, s.Direction, s.Caution)
			}
		}
		for _, txt := range texts {
			if Clean(txt) != txt {
				t.Errorf("%s: text has control characters: %q", r.ID, txt)
			}
		}
	}
}

// The parser cleans every text it keeps, so also check the files as
// written: no tabs, escapes, bidi overrides or other control characters.
func TestLibraryFilesAreClean(t *testing.T) {
	names, err := fs.Glob(library, "library/*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no library files: %v", err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(library, name)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if Clean(line) != line {
				t.Errorf("%s:%d: control characters in %q", name, i+1, line)
			}
		}
	}
}

// Swedish milking only: every Indian milking step becomes the region's
// Swedish milking, in its place, and the routine keeps its length and its
// steps their places.
func TestSwedishOnly(t *testing.T) {
	full := libRoutine(t, "full-body")
	sw := SwedishOnly(full)
	if HasIndianMilking(sw) || !HasIndianMilking(full) {
		t.Fatalf("Indian milking left in the Swedish-only routine, or taken out of the original")
	}
	if sw.Length() != full.Length() {
		t.Errorf("length %s, was %s", sw.Length(), full.Length())
	}
	for i, rg := range sw.Regions {
		if len(rg.Steps) != len(full.Regions[i].Steps) {
			t.Fatalf("%s: %d steps, was %d", rg.ID, len(rg.Steps), len(full.Regions[i].Steps))
		}
		for j, st := range rg.Steps {
			was := full.Regions[i].Steps[j]
			if !IsIndianMilking(was) {
				if !reflect.DeepEqual(st, was) {
					t.Errorf("%s/%s changed", rg.ID, was.Name)
				}
				continue
			}
			if st.Name != "Swedish milking" || !strings.Contains(st.Direction, "towards the heart") || st.ID != was.ID || st.Reps != was.Reps || st.Side != was.Side {
				t.Errorf("%s: Indian milking became %+v", rg.ID, st)
			}
		}
	}
	// A routine without it is the same routine.
	if colic := libRoutine(t, "colic"); SwedishOnly(colic) != colic {
		t.Error("a routine without Indian milking was copied")
	}
	// A region with no Swedish milking of its own gets cradle's words.
	r := &Routine{ID: "x", Title: "X", Regions: []Region{{ID: "arms", Name: "Arms", Steps: []Step{
		{Name: "indian Milking ", Kind: StepStroke, Reps: 3, Each: 6 * time.Second, Direction: "down"}}}}}
	if st := SwedishOnly(r).Regions[0].Steps[0]; st.Name != "Swedish milking" || st.Direction != swedishMilking.Direction {
		t.Errorf("without a Swedish milking to copy: %+v", st)
	}
}
