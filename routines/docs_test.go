package routines

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// routinesDoc is the format's documentation.
func routinesDoc(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "docs", "ROUTINES.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// docExample is the complete example of docs/ROUTINES.md: the yaml block
// after the "<!-- example" marker.
func docExample(doc string) string {
	_, after, ok := strings.Cut(doc, "<!-- example")
	if !ok {
		return ""
	}
	_, after, ok = strings.Cut(after, "```yaml\n")
	if !ok {
		return ""
	}
	block, _, _ := strings.Cut(after, "```")
	return block
}

// The example in the documentation is a valid routine that uses the
// parts of the format it is there to show.
func TestDocExample(t *testing.T) {
	src := docExample(routinesDoc(t))
	if src == "" {
		t.Fatal("docs/ROUTINES.md has no example (a ```yaml block after <!-- example -->)")
	}
	r, err := Parse("ROUTINES.md example", []byte(src))
	if err != nil {
		t.Fatalf("the example in docs/ROUTINES.md does not pass:\n%v", err)
	}
	var kinds, sides = map[StepKind]bool{}, map[Side]bool{}
	var checkinStep, gotoStep, regionTeach, stepTeach bool
	for _, rg := range r.Regions {
		regionTeach = regionTeach || len(rg.Teach) > 0
		for _, st := range rg.Steps {
			kinds[st.Kind], sides[st.Side] = true, true
			checkinStep = checkinStep || st.CheckIn
			stepTeach = stepTeach || len(st.Teach) > 0
		}
	}
	for _, resp := range r.Responses {
		gotoStep = gotoStep || resp.Goto != ""
	}
	if len(kinds) < 4 || !sides[SideBoth] || !checkinStep || !gotoStep || len(r.Responses) < 3 ||
		r.Ages.From == 0 || len(r.Regions) < 2 || len(r.Regions[1].LeftOutWhen) == 0 || !regionTeach || !stepTeach {
		t.Errorf("the example no longer shows the format: kinds %v, sides %v, step check-in %v, goto %v, %d responses, ages %v, talking points on a region %v and a step %v",
			kinds, sides, checkinStep, gotoStep, len(r.Responses), r.Ages, regionTeach, stepTeach)
	}
	if got := FormatLength(r.Length()); !strings.Contains(routinesDoc(t), "added up: "+got) {
		t.Errorf("the doc gives the example's length wrong; it is %s", got)
	}
}

// Every key, kind, side, answer, action and readiness answer the parser
// knows is documented, so the documentation cannot fall behind.
func TestDocCoversTheFormat(t *testing.T) {
	doc := routinesDoc(t)
	var words []string
	for _, keys := range [][]string{routineKeys, ageKeys, babyKeys, regionKeys, stepKeys, responseKeys} {
		words = append(words, keys...)
	}
	words = append(words, strs(StepKinds)...)
	words = append(words, strs(Actions)...)
	words = append(words, strs(ReadinessAnswers)...)
	words = append(words, strs(Cues)...)
	words = append(words, string(CueUnanswered), string(SideLeft), string(SideRight), string(SideBoth))
	for _, w := range words {
		if !strings.Contains(doc, "`"+w+"`") {
			t.Errorf("docs/ROUTINES.md does not mention `%s`", w)
		}
	}
	for _, limit := range []string{"1 MiB", "1 hour", "3 hours", "five years", fmt.Sprintf("at most %d characters", MaxText)} {
		if !strings.Contains(doc, limit) {
			t.Errorf("docs/ROUTINES.md does not give the limit %q", limit)
		}
	}
}

// The guide's table of routines and its example of the home screen give
// the figures cradle works out (the massage, the time in all, the ages),
// so there is one figure everywhere.
func TestGuideFigures(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "GUIDE.md"))
	if err != nil {
		t.Fatal(err)
	}
	lib, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "| ") {
			cells := strings.Split(strings.Trim(line, "| "), " | ")
			rows[cells[0]] = cells
		}
	}
	check := func(title string, want ...string) {
		t.Helper()
		cells, ok := rows[title]
		if !ok {
			t.Errorf("docs/GUIDE.md: the table of routines has no row %q", title)
			return
		}
		if len(cells) < 1+len(want) || !slices.Equal(cells[1:1+len(want)], want) {
			t.Errorf("docs/GUIDE.md: the row %q says %q; cradle works out %q", title, cells[1:], want)
		}
	}
	var full *Routine
	for _, r := range lib {
		ages := r.Ages.String()
		if r.Clearance != "" {
			ages = "with your clinician's go-ahead"
		}
		check(r.Title, FormatLength(r.Length()), r.Span().About(), ages)
		if r.ID == PlanFrom {
			full = r
		}
	}
	first, err := LearningPlan(full, 1)
	if err != nil {
		t.Fatal(err)
	}
	last, err := LearningPlan(full, PlanWeeks)
	if err != nil {
		t.Fatal(err)
	}
	minutes := func(d time.Duration) int { return int(d / time.Minute) }
	check(fmt.Sprintf("Learning plan · week 1 to %d", PlanWeeks),
		fmt.Sprintf("%d to %d min", minutes(first.Length()), minutes(last.Length())),
		fmt.Sprintf("%d to %d min", minutes(first.Span().Total().Round(time.Minute)), minutes(last.Span().Total().Round(time.Minute))),
		full.Ages.String())

	// The example of the home screen, under the table.
	words := strings.Join(strings.Fields(string(data)), " ")
	for _, r := range lib {
		if r.ID != "newborn" {
			continue
		}
		sp := r.Span()
		if want := fmt.Sprintf("for %s, %q, and when it is chosen, %q", r.Title, sp.About(), sp.Words()); !strings.Contains(words, want) {
			t.Errorf("docs/GUIDE.md: the example of the home screen is not what it shows: %s", want)
		}
	}
}

// A count of the built-in routines in the documentation is the number
// there are.
func TestDocsCountTheBuiltins(t *testing.T) {
	lib, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	numbers := []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
	count := regexp.MustCompile(`(?i)\b(\w+) built-in routines\b`)
	files, _ := filepath.Glob(filepath.Join("..", "docs", "*.md"))
	for _, f := range append(files, filepath.Join("..", "README.md")) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range count.FindAllStringSubmatch(strings.Join(strings.Fields(string(data)), " "), -1) {
			if n := slices.Index(numbers, strings.ToLower(m[1])); n >= 0 && n != len(lib) {
				t.Errorf("%s: %q, but there are %d", filepath.Base(f), m[0], len(lib))
			}
		}
	}
}
