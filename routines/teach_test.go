package routines

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// The talking points of the built-in routines: every region has some,
// each is short, names its sources at its end, and keeps to what the
// sources can carry.
var (
	// teachTags is the run of source tags that ends a talking point.
	teachTags = regexp.MustCompile(`((?:\[S[0-9]+[a-z]?\])+)$`)
	teachTag  = regexp.MustCompile(`S[0-9]+[a-z]?`)
	// preterm are the studies and reviews of babies born early: a point
	// resting on them says so, so that no finding is read as one about
	// every baby.
	preterm = map[string]bool{"S50": true, "S50b": true, "S50c": true, "S54": true, "S55": true, "S56": true, "S57": true,
		"S58": true, "S59": true, "S60": true, "S61": true, "S62": true, "S63": true, "S64": true,
		// The teaching adaptation of the protocol from those studies.
		"S53": true}
	// promise catches a talking point that could be heard as a cure.
	promise = regexp.MustCompile(`(?i)\b(cures?|cured|treatment|treats colic|heals colic)\b`)
)

// maxLibraryTeach is how long a built-in talking point may be: one or
// two sentences, read aloud.
const maxLibraryTeach = 200

// talkingPointSources are the tags docs/SOURCES.md lists in its section
// on talking points.
func talkingPointSources(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile("../docs/SOURCES.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n## Talking points")
	if !ok {
		t.Fatal(`docs/SOURCES.md has no "## Talking points" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	tags := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\| (S[0-9]+[a-z]?) \|`).FindAllStringSubmatch(section, -1) {
		tags[m[1]] = true
	}
	return tags
}

func TestLibraryTalkingPoints(t *testing.T) {
	listed := talkingPointSources(t)
	used := map[string]bool{}
	check := func(where, p string) {
		if n := utf8.RuneCountInString(p); n > maxLibraryTeach {
			t.Errorf("%s: a talking point of %d characters; keep it to %d: %q", where, n, maxLibraryTeach, p)
		}
		m := teachTags.FindStringSubmatch(p)
		if m == nil {
			t.Errorf("%s: a talking point that does not end with its sources, such as [S12]: %q", where, p)
			return
		}
		for _, tag := range teachTag.FindAllString(m[1], -1) {
			used[tag] = true
			if !listed[tag] {
				t.Errorf("%s: source %s is not in the talking points section of docs/SOURCES.md", where, tag)
			}
			if preterm[tag] && !strings.Contains(p, "born early") {
				t.Errorf("%s: %s is a study of babies born early, and the point does not say so: %q", where, tag, p)
			}
		}
		if strings.Contains(strings.TrimSuffix(p, m[1]), "[") {
			t.Errorf("%s: sources belong at the end of a point: %q", where, p)
		}
		if w := promise.FindString(p); w != "" && !strings.Contains(p, "not a "+strings.ToLower(w)) {
			t.Errorf("%s: %q could be heard as a promise: %q", where, w, p)
		}
	}
	rs := libRoutines(t)
	opening := &Routine{ID: "every routine", Regions: []Region{Opening()}}
	for _, r := range append(rs, opening) {
		for _, rg := range r.Regions {
			where := r.ID + "/" + rg.ID
			if len(rg.Teach) == 0 {
				t.Errorf("%s: no talking point for the region", where)
			}
			for _, p := range rg.Teach {
				check(where, p)
			}
			for _, st := range rg.Steps {
				for _, p := range st.Teach {
					check(where+"/"+st.Name, p)
				}
			}
		}
		if r.TeachCount() < len(r.Regions)+2 {
			t.Errorf("%s: %d talking points; its main steps need some too", r.ID, r.TeachCount())
		}
	}
	// the section lists no tag that no point uses
	for tag := range listed {
		if !used[tag] {
			t.Errorf("docs/SOURCES.md lists %s for the talking points, and none uses it", tag)
		}
	}
}
