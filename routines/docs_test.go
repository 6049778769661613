package routines

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	var kinds, sides = map[Kind]bool{}, map[Side]bool{}
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
	if len(kinds) < 4 || !sides[Both] || !checkinStep || !gotoStep || len(r.Responses) < 3 ||
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
	for _, keys := range [][]string{routineKeys, ageKeys, regionKeys, stepKeys, responseKeys} {
		words = append(words, keys...)
	}
	words = append(words, strs(Kinds)...)
	words = append(words, strs(Actions)...)
	words = append(words, strs(ReadinessAnswers)...)
	words = append(words, strs(Cues)...)
	words = append(words, string(Unanswered), string(Left), string(Right), string(Both))
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
