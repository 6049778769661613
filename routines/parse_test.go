package routines

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/cradle-coach/cradle/internal/testclock"
)

// parseBase is a small valid routine; the cases below are variations on it.
// Its lines:
//
//	1 id: test
//	2 title: Test
//	3 regions:
//	4   - id: legs          (the region mapping starts at 4:5)
//	5     name: Legs
//	6     steps:
//	7       - name: Milking (the step mapping starts at 7:9)
//	8         reps: 3
//	9         each: 6s
const parseBase = `id: test
title: Test
regions:
  - id: legs
    name: Legs
    steps:
      - name: Milking
        reps: 3
        each: 6s
`

// swap replaces one piece of parseBase, which must be there.
func swap(old, new string) string {
	if !strings.Contains(parseBase, old) {
		panic("parseBase has no " + old)
	}
	return strings.Replace(parseBase, old, new, 1)
}

// parseErrCases are files Parse must refuse, with where and why. want is
// "line:col: part of the message" ("0:0: ..." for a file-wide problem) and
// must match the first error, in file order.
var parseErrCases = []struct {
	name string
	src  string
	want string
	n    int // how many errors, when it matters
}{
	{name: "unknown key, near a known one", src: swap("reps: 3", "rep: 3"), want: `8:9: unknown key "rep" in a step; did you mean "reps"?`},
	{name: "unknown key, near nothing", src: swap("title: Test", "title: Test\ncolour: blue"), want: `3:1: unknown key "colour" in the routine; known keys are id, title, purpose`},
	{name: "a misspelt key, not also a missing one", src: swap("name: Legs", "nmae: Legs"), want: `5:5: unknown key "nmae" in a region; did you mean "name"?`, n: 1},
	{name: "a misspelt length, not also a missing one", src: swap("reps: 3\n        each: 6s", "durration: 5s"), want: `8:9: unknown key "durration" in a step; did you mean "duration"?`, n: 1},
	{name: "a misspelt each, not also reps without each", src: swap("each: 6s", "eahc: 6s"), want: `9:9: unknown key "eahc" in a step; did you mean "each"?`, n: 1},
	{name: "unknown region key reported at the key", src: swap("name: Legs", "name: Legs\n    chekin: false"), want: `6:5: unknown key "chekin" in a region; did you mean "checkin"?`},
	{name: "key given twice", src: swap("each: 6s", "each: 6s\n        each: 5s"), want: `10:9: "each" is given twice in a step; keep one`},
	{name: "the baby a routine was shaped for, by a number below 1", src: swap("title: Test", "title: Test\nbaby: {id: 0, name: Ada}"), want: `3:12: the baby's id should be 1 or more, not 0`},
	{name: "the baby a routine was shaped for, without its number", src: swap("title: Test", "title: Test\nbaby: {name: Ada}"), want: `3:7: baby is missing "id"`},
	{name: "text where a number goes", src: swap("reps: 3", "reps: three"), want: `8:15: "reps" should be a whole number, not "three"`, n: 1},
	{name: "a fraction where a whole number goes", src: swap("reps: 3", "reps: 2.5"), want: `8:15: "reps" should be a whole number, not a number (2.5)`, n: 1},
	{name: "a list where text goes", src: swap("title: Test", "title: [a, b]"), want: `2:8: "title" should be text, not a list`},
	{name: "a mapping where text goes", src: swap("name: Milking", "name: {a: b}"), want: `7:15: "name" should be text, not a mapping`},
	{name: "nothing where text goes", src: swap("title: Test", "title:"), want: `2:7: "title" should be text, not nothing`},
	{name: "text where a list goes", src: swap("regions:", "sources: S1\nregions:"), want: `3:10: "sources" should be a list (lines starting with "- "), not "S1"`},
	{name: "text where true/false goes", src: swap("name: Legs", "name: Legs\n    checkin: yes"), want: `6:14: "checkin" should be true or false, not "yes"`},
	{name: "a routine that is a list", src: "- id: test\n", want: `1:1: the routine should be a mapping of keys (key: value), not a list`, n: 1},
	{name: "missing id", src: swap("id: test\n", ""), want: `1:1: the routine is missing "id"`, n: 1},
	{name: "missing title", src: swap("title: Test\n", ""), want: `1:1: the routine is missing "title"`, n: 1},
	{name: "missing regions", src: "id: test\ntitle: Test\n", want: `1:1: the routine is missing "regions"`, n: 1},
	{name: "missing region id", src: swap("  - id: legs\n    name: Legs", "  - name: Legs"), want: `4:5: a region is missing "id"`, n: 1},
	{name: "missing region name", src: swap("    name: Legs\n", ""), want: `4:5: a region is missing "name"`, n: 1},
	{name: "missing steps", src: "id: test\ntitle: Test\nregions:\n  - id: legs\n    name: Legs\n", want: `4:5: a region is missing "steps"`, n: 1},
	{name: "missing step name", src: swap("      - name: Milking\n        reps: 3", "      - reps: 3"), want: `7:9: a step is missing "name"`, n: 1},
	{name: "empty id", src: swap("id: test", `id: ""`), want: `1:5: "id" should be lower-case letters, digits and dashes, like "full-body"; got ""`, n: 1},
	{name: "id with capitals", src: swap("id: legs", "id: Legs"), want: `4:9: "id" should be lower-case letters, digits and dashes`},
	{name: "duration zero", src: swap("reps: 3\n        each: 6s", "duration: 0"), want: `8:19: "duration" must be longer than zero; got 0`, n: 1},
	{name: "duration negative", src: swap("reps: 3\n        each: 6s", "duration: -5s"), want: `8:19: "duration" must be longer than zero; got -5s`, n: 1},
	{name: "duration over an hour", src: swap("reps: 3\n        each: 6s", "duration: 61m"), want: `8:19: "duration" must be at most an hour (1h); got 61m`, n: 1},
	{name: "duration far over an hour, in seconds", src: swap("reps: 3\n        each: 6s", "duration: 9300000000"), want: `8:19: "duration" must be at most an hour (1h); got 9300000000`, n: 1},
	{name: "duration huge", src: swap("reps: 3\n        each: 6s", "duration: 1e300"), want: `8:19: "duration" must be at most an hour (1h); got 1e300`, n: 1},
	{name: "duration not a length", src: swap("reps: 3\n        each: 6s", "duration: soon"), want: `8:19: "duration" should be a length such as 6s, 1m30s or 45 (seconds); got "soon"`, n: 1},
	{name: "duration in part-seconds", src: swap("reps: 3\n        each: 6s", "duration: 1.5"), want: `8:19: "duration" should be whole seconds; got 1.5`, n: 1},
	{name: "each zero", src: swap("each: 6s", "each: 0s"), want: `9:15: "each" must be longer than zero; got 0s`, n: 1},
	{name: "reps out of range", src: swap("reps: 3", "reps: 101"), want: `8:15: reps should be between 1 and 100; got 101`, n: 1},
	{name: "reps x each over an hour", src: swap("reps: 3\n        each: 6s", "reps: 100\n        each: 40s"), want: `8:9: reps x each is 66 min 40 s; a step must be at most an hour`, n: 1},
	{name: "routine over three hours", src: swap("reps: 3\n        each: 6s", "duration: 1h\n        side: both\n      - name: More\n        duration: 1h\n        side: both"),
		want: `1:1: the routine lasts 240 min; a routine must be at most 3 hours`, n: 1},
	{name: "empty region", src: "id: test\ntitle: Test\nregions:\n  - id: legs\n    name: Legs\n    steps: []\n",
		want: `6:12: region "legs" has no steps; add at least one, or remove the region`, n: 1},
	{name: "empty regions list", src: "id: test\ntitle: Test\nregions: []\n", want: `3:10: regions is empty; a routine needs at least one region`, n: 1},
	{name: "duplicate region id", src: parseBase + "  - id: legs\n    name: Again\n    steps:\n      - name: M\n        duration: 5s\n",
		want: `10:5: region id "legs" is used twice; give each region its own id`, n: 1},
	{name: "region called opening", src: swap("id: legs", "id: opening"), want: `4:5: region id "opening" is kept for the getting-ready ritual cradle adds at the start; choose another id`, n: 1},
	{name: "empty title", src: swap("title: Test", `title: ""`), want: `2:8: "title" is empty; give the routine a title, such as "Bedtime wind-down"`, n: 1},
	{name: "title too long", src: swap("title: Test", "title: "+strings.Repeat("W", MaxText+1)), want: `2:8: the title is 201 characters; keep it to 200 at most (a few words are best: the home screen gives it one line)`, n: 1},
	{name: "region name too long", src: swap("name: Legs", "name: "+strings.Repeat("L", MaxText+1)),
		want: `5:11: the region's name is 201 characters; keep it to 200 at most (a few words are best: the session shows it above every step)`, n: 1},
	{name: "step name too long", src: swap("name: Milking", "name: "+strings.Repeat("M", MaxText+1)),
		want: `7:15: the step's name is 201 characters; keep it to 200 at most (a few words are best: it is the step's title; say how in "do")`, n: 1},
	{name: "title of spaces", src: swap("title: Test", `title: "   "`), want: `2:8: "title" is empty; give the routine a title`, n: 1},
	{name: "title that is only an escape sequence", src: swap("title: Test", `title: "\e[2J\e]0;x\a"`),
		want: `2:8: "title" has only control characters or escape sequences, which cradle removes, so nothing is left; give the routine a title`, n: 1},
	{name: "empty region name", src: swap("name: Legs", "name: ''"), want: `5:11: "name" is empty; give the region a name, such as "Legs and feet"`, n: 1},
	{name: "empty step name", src: swap("name: Milking", `name: ""`), want: `7:15: "name" is empty; give the step a name, such as "Resting hands"`, n: 1},
	{name: "step name that is only controls", src: swap("name: Milking", `name: "\x07\u202e"`), want: `7:15: "name" has only control characters or escape sequences`, n: 1},
	{name: "step id taken by the left side of a two-sided step", src: swap("      - name: Milking\n", "      - name: A\n        id: glide\n        side: both\n        duration: 5s\n      - name: B\n        id: glide-left\n        duration: 5s\n      - name: Milking\n"),
		want: `12:13: step id "glide-left" is taken: step "glide" has side: both, and its left side is called "glide-left"; choose another id`, n: 1},
	{name: "two-sided step whose right side is taken", src: swap("      - name: Milking\n", "      - name: A\n        id: glide-right\n        duration: 5s\n      - name: B\n        id: glide\n        side: both\n        duration: 5s\n      - name: Milking\n"),
		want: `11:13: step "glide" has side: both, so its right side is called "glide-right", but another step already has that id; choose another id`, n: 1},
	{name: "age too large to hold", src: swap("title: Test", "title: Test\nages: {from: 0d, to: 99999999999999999m}"), want: `3:22: "to" should be at most 5 years (60m); got 99999999999999999m`, n: 1},
	{name: "age over five years", src: swap("title: Test", "title: Test\nages: {to: 261w}"), want: `3:12: "to" should be at most 5 years (60m); got 261w`, n: 1},
	{name: "age with a sign", src: swap("title: Test", "title: Test\nages: {from: +3m}"), want: `3:14: "from" should be an age such as 10d, 6w or 3m (days, weeks, months); got "+3m"`, n: 1},
	{name: "merge of something that is not a mapping", src: swap("name: Milking", "name: Milking\n        <<: 3"), want: `8:9: << (merge) needs a mapping to copy keys from, such as <<: *gentle-stroke, or a list of them; got a number (3)`, n: 1},
	{name: "merge of a list holding text", src: swap("name: Milking", "name: Milking\n        <<: [{kind: stroke}, x]"), want: `8:9: << (merge) can copy keys only from a mapping, not from "x"`, n: 1},
	{name: "merge into itself", src: swap("      - name: Milking\n", "      - &loop\n        name: Loop\n        duration: 5s\n        <<: *loop\n      - name: Milking\n"),
		want: `10:9: << (merge) copies a mapping into itself; copy from another one`, n: 1},
	{name: "a merged key that is unknown, at the anchor", src: swap("      - name: Milking\n", "      - &slow {name: Slow, duration: 5s, speed: slow}\n      - {<<: *slow, name: Slower}\n      - name: Milking\n"),
		want: `7:42: unknown key "speed" in a step; known keys are`, n: 1},
	{name: "an unknown key in a merge of a region", src: swap("  - id: legs\n", "  - &base\n    id: base\n    name: Base\n    steps: [{name: S, duration: 5s}]\n    colour: red\n  - <<: *base\n    id: legs\n"),
		want: `8:5: unknown key "colour" in a region; known keys are`, n: 1},
	{name: "a key that is a list", src: swap("title: Test", "title: Test\n[a]: b"), want: `3:1: a key in the routine should be a plain word, not a list; known keys are id, title`, n: 1},
	{name: "duplicate step id", src: swap("      - name: Milking\n", "      - name: A\n        id: same\n        duration: 5s\n      - name: B\n        id: same\n        duration: 5s\n      - name: Milking\n"),
		want: `11:13: step id "same" is used twice; give each step its own id`, n: 1},
	{name: "reps without each", src: swap("        each: 6s\n", ""), want: `8:9: reps needs each: the length of one repetition, such as each: 6s`, n: 1},
	{name: "each without reps", src: swap("        reps: 3\n", ""), want: `8:9: each needs reps: how many times to repeat, such as reps: 3`, n: 1},
	{name: "no length", src: swap("        reps: 3\n        each: 6s\n", ""), want: `7:9: step "Milking" needs a length: duration: 30s, or reps: 3 with each: 6s`, n: 1},
	{name: "both duration and reps", src: swap("each: 6s", "each: 6s\n        duration: 18s"), want: `10:9: give either duration, or reps with each, not both`, n: 1},
	{name: "goto a step that does not exist", src: swap("title: Test", "title: Test\nresponses:\n  relaxed: {do: go-on, goto: nowhere}"),
		want: `4:30: goto points to step "nowhere", which does not exist; give a step that id, or use one of none (no step has an id yet)`, n: 1},
	{name: "goto lists the ids there are", src: strings.Replace(swap("- name: Milking", "- name: Milking\n        id: milk"), "title: Test", "title: Test\nresponses:\n  fussing:\n    do: hold-offer\n    goto: mlk", 1),
		want: `6:11: goto points to step "mlk", which does not exist; give a step that id, or use one of milk`, n: 1},
	{name: "unknown kind, near one", src: swap("reps: 3", "kind: strok\n        reps: 3"), want: `8:15: unknown kind "strok"; did you mean "stroke"?`, n: 1},
	{name: "unknown kind, near none", src: swap("reps: 3", "kind: permission\n        reps: 3"), want: `8:15: unknown kind "permission"; use one of stroke, resting, movement, integration, hold`, n: 1},
	{name: "unknown position", src: swap("name: Legs", "name: Legs\n    position: upside-down"), want: `6:15: position should be back, front or sitting; got "upside-down"`, n: 1},
	{name: "a prepare step with repetitions", src: swap("reps: 3", "kind: prepare\n        reps: 3"), want: `9:9: reps is not for a prepare step, which waits for you to get ready (turn your baby, wipe your hands); remove it; duration is how long it waits at most`, n: 2},
	{name: "a prepare step on one side", src: swap("reps: 3\n        each: 6s", "kind: prepare\n        side: left"), want: `9:9: side is not for a prepare step`, n: 1},
	{name: "a prepare step with a pressure", src: swap("reps: 3\n        each: 6s", "kind: prepare\n        pressure: firm"), want: `9:9: pressure is not for a prepare step`, n: 1},
	{name: "a prepare step with a direction", src: swap("reps: 3\n        each: 6s", "kind: prepare\n        direction: up"), want: `9:9: direction is not for a prepare step`, n: 1},
	{name: "a prepare step that asks after it", src: swap("reps: 3\n        each: 6s", "kind: prepare\n        checkin: true"), want: `9:9: checkin is not for a prepare step, which waits for you to get ready (turn your baby, wipe your hands); remove it, or put checkin on the step before it`, n: 1},
	{name: "a prepare step waiting no time", src: swap("reps: 3\n        each: 6s", "kind: prepare\n        duration: 0s"), want: `9:19: "duration" must be longer than zero; got 0s`, n: 1},
	// talking points for an instructor, on a step (line 10) or a region (line 6)
	{name: "teach misspelt", src: swap("each: 6s", "each: 6s\n        teech: [Why.]"), want: `10:9: unknown key "teech" in a step; did you mean "teach"?`, n: 1},
	{name: "teach misspelt on a region", src: swap("name: Legs", "name: Legs\n    tech: [Why.]"), want: `6:5: unknown key "tech" in a region; did you mean "teach"?`, n: 1},
	{name: "teach with nothing", src: swap("each: 6s", "each: 6s\n        teach:"), want: `10:15: "teach" is empty; write a talking point for the instructor, or remove it`, n: 1},
	{name: "teach an empty list", src: swap("name: Legs", "name: Legs\n    teach: []"), want: `6:12: "teach" is empty; write a talking point for the instructor, or remove it`, n: 1},
	{name: "teach a mapping", src: swap("each: 6s", "each: 6s\n        teach: {why: Legs first.}"), want: `10:16: "teach" should be a list of talking points, each on a line starting with "- ", not a mapping`, n: 1},
	{name: "a talking point holding an unquoted colon", src: swap("each: 6s", "each: 6s\n        teach:\n          - Why legs first: they are the least sensitive."),
		want: `11:13: a talking point should be text, not a mapping; put a point holding ": " in quotes, such as - "Why legs first: ..."`, n: 1},
	{name: "a talking point that is a list", src: swap("each: 6s", "each: 6s\n        teach: [[a, b]]"), want: `10:17: a talking point should be text, not a list`, n: 1},
	{name: "an empty talking point", src: swap("each: 6s", "each: 6s\n        teach:\n          - Fine.\n          -"), want: `12:12: a talking point is empty; write the point, or remove the line`, n: 1},
	{name: "a talking point of quotes", src: swap("name: Legs", "name: Legs\n    teach: [\"  \"]"), want: `6:13: a talking point is empty; write the point, or remove the line`, n: 1},
	{name: "a talking point of only escapes", src: swap("each: 6s", "each: 6s\n        teach: [\"\\e[2J\\e]0;x\\a\"]"),
		want: `10:17: a talking point has only control characters or escape sequences, which cradle removes, so nothing is left; write the point in words`, n: 1},
	{name: "a talking point too long", src: swap("each: 6s", "each: 6s\n        teach:\n          - "+strings.Repeat("Slow down. ", 28)),
		want: `11:13: a talking point is 307 characters; keep each to 300 at most (one or two sentences), or split it in two`, n: 1},
	{name: "too many talking points", src: swap("name: Legs", "name: Legs\n    teach: [a, b, c, d, e, f, g, h, i]"), want: `6:37: "teach" has 9 talking points; keep at most 8 here, the ones an instructor will say`, n: 1},
	{name: "unknown side", src: swap("reps: 3", "side: middle\n        reps: 3"), want: `8:15: side should be left, right or both; got "middle"`, n: 1},
	{name: "unknown response action", src: swap("title: Test", "title: Test\nresponses:\n  subtle: {do: dance}"), want: `4:16: unknown action "dance"; use one of go-on, slow-down, hold-offer, skip-region, end`, n: 1},
	{name: "hold with an action that does not rest", src: swap("title: Test", "title: Test\nresponses:\n  relaxed: {do: go-on, hold: 10s}"), want: `4:24: hold is how long the hands rest, which only slow-down and hold-offer do; with go-on, remove it`, n: 1},
	{name: "asleep must end", src: swap("title: Test", "title: Test\nresponses:\n  asleep: {do: go-on}"), want: `4:16: asleep always ends the session (a sleeping baby is not massaged on); use do: end, and say: for your own words`, n: 1},
	{name: "crying must end", src: swap("title: Test", "title: Test\nresponses:\n  crying:\n    do: slow-down"), want: `5:9: crying always ends the session (a crying baby is comforted, not massaged on); use do: end, and say: for your own words`, n: 1},
	{name: "goto with end", src: swap("title: Test", "title: Test\nresponses:\n  crying: {do: end, goto: x}"), want: `4:21: goto has nothing to go on to, as end ends the session; remove it`, n: 2},
	{name: "say with skip-region", src: swap("title: Test", "title: Test\nresponses:\n  content:\n    do: skip-region\n    say: Next!"), want: `6:5: say is shown while the hands rest (slow-down, hold-offer) or as the session ends (end); with skip-region it would never be seen, so remove it`, n: 1},
	{name: "response with no action", src: swap("title: Test", "title: Test\nresponses:\n  subtle: {say: Hush}"), want: `4:11: the response to subtle is missing "do"`, n: 1},
	{name: "response to an unknown cue", src: swap("title: Test", "title: Test\nresponses:\n  fusing: {do: end}"), want: `4:3: unknown key "fusing" in responses; did you mean "fussing"?`, n: 1},
	{name: "unknown left_out_when answer", src: swap("name: Legs", "name: Legs\n    left_out_when: [fed, stumps]"), want: `6:26: left_out_when: unknown readiness answer "stumps"; use one of fed, unsettled`, n: 1},
	{name: "ages the wrong way round", src: swap("title: Test", "title: Test\nages: {from: 3m, to: 6w}"), want: `3:22: ages: "to" (6 weeks) comes before "from" (3 months)`, n: 1},
	{name: "age not an age", src: swap("title: Test", "title: Test\nages: {from: newborn}"), want: `3:14: "from" should be an age such as 10d, 6w or 3m (days, weeks, months); got "newborn"`, n: 1},
	{name: "file over 1 MiB", src: parseBase + "# " + strings.Repeat("x", MaxFileSize) + "\n", want: `0:0: the file is 1025 KiB; a routine file must be at most 1024 KiB`, n: 1},
	{name: "file just over 1 MiB", src: parseBase + strings.Repeat("#", MaxFileSize+1-len(parseBase)), want: `0:0: the file is 1025 KiB; a routine file must be at most 1024 KiB`, n: 1},
	{name: "text that is not UTF-8", src: swap("title: Test", "title: Tést \xff"), want: `2:13: text is not UTF-8; save the file as UTF-8`, n: 1},
	{name: "not UTF-8 at the very start", src: "\xfe\xffid: x", want: `1:1: text is not UTF-8`, n: 1},
	{name: "a control character", src: swap("name: Legs", "name: Le\x01gs"), want: `5:13: the file contains a control character (U+0001); remove it`, n: 1},
	{name: "a raw escape", src: swap("name: Milking", "name: \x1b[2JMilking"), want: `7:15: the file contains a control character (U+001B); remove it`, n: 1},
	{name: "a raw C1 control", src: swap("name: Milking", "name: \u009b2JMilking"), want: `7:15: the file contains a control character (U+009B); remove it`, n: 1},
	{name: "invalid YAML", src: swap("name: Legs", "name: [Legs"), want: `5:1: not valid YAML: did not find expected ',' or ']'`, n: 1},
	// the YAML parser gives the line of what it was reading, not of the
	// problem, and no column
	{name: "invalid YAML, tab indent", src: swap("    name: Legs", "\tname: Legs"), want: `4:1: not valid YAML: found a tab character that violates indentation`, n: 1},
	{name: "invalid YAML, a stray character", src: swap("title: Test", "title: Test\n@home: yes"), want: `3:1: not valid YAML: found character that cannot start any token`, n: 1},
	{name: "invalid YAML, a list in a mapping", src: swap("title: Test", "title: Test\n- S1"), want: `3:1: not valid YAML: did not find expected key`, n: 1},
	{name: "invalid YAML, unclosed quote", src: swap("name: Legs", `name: "Legs`), want: `5:1: not valid YAML: found unexpected end of stream`, n: 1},
	{name: "invalid YAML on the first line", src: "id: a: b\n", want: `1:1: not valid YAML: mapping values are not allowed in this context`, n: 1},
	{name: "an alias to no anchor", src: swap("title: Test", "title: Test\nsources: [S1, *nope]"), want: `3:15: not valid YAML: unknown anchor 'nope' referenced`, n: 1},
	{name: "a second YAML document", src: parseBase + "---\nid: other\n", want: `10:1: a second document (after ---); a routine file holds only one`, n: 1},
	{name: "a second, empty document", src: parseBase + "---\n", want: `10:1: a second document (after ---)`, n: 1},
	{name: "empty file", src: "", want: `0:0: the file is empty; a routine needs at least id, title and regions`, n: 1},
	{name: "only comments", src: "# nothing yet\n\n", want: `0:0: the file is empty`, n: 1},
	{name: "only a document marker", src: "---\n", want: `2:1: the routine should be a mapping of keys (key: value), not nothing`, n: 1},
	{name: "aliases that repeat too much, in regions of steps", src: aliasRepeat(500), want: `8:9: aliases (*name) repeat too much of the file`, n: 1},
	{name: "aliases that repeat too much", src: aliasBombYAML, want: `4:10: aliases (*name) repeat too much of the file; write it out in full instead`, n: 1},
}

// aliasRepeat is a routine of n regions, each an alias of a list of n
// steps, each an alias of a step with n sources: about 30 n bytes that
// stand for n*n*n sources.
func aliasRepeat(n int) string {
	var b strings.Builder
	b.WriteString("id: test\ntitle: Test\nregions:\n  - id: r\n    name: R\n    steps: &s\n")
	b.WriteString("      - &st {name: A, duration: 1s, sources: [" + strings.Repeat("S1, ", n-1) + "S1]}\n")
	b.WriteString(strings.Repeat("      - *st\n", n-1))
	b.WriteString(strings.Repeat("  - {id: r, name: R, steps: *s}\n", n-1))
	return b.String()
}

// aliasBombYAML is a few hundred bytes that, with its aliases followed,
// would be a billion sources.
const aliasBombYAML = `id: test
title: Test
x1: &a1 [S, S, S, S, S, S, S, S, S, S]
x2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
x3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
x4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
x5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]
x6: &a6 [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]
x7: &a7 [*a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6]
x8: &a8 [*a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7]
x9: &a9 [*a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8]
regions:
  - id: legs
    name: Legs
    steps:
      - {name: A, duration: 5s, sources: *a9}
`

func TestParseErrors(t *testing.T) {
	for _, c := range parseErrCases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			r, err := Parse("lib/x.yaml", []byte(c.src))
			if time.Since(start) > 5*time.Second {
				t.Errorf("Parse took %s", time.Since(start))
			}
			if err == nil {
				t.Fatalf("Parse accepted it: %+v", r)
			}
			if r != nil {
				t.Errorf("Parse returned a routine with its error")
			}
			es, ok := err.(Errors)
			if !ok || len(es) == 0 {
				t.Fatalf("error is %T, want a non-empty Errors", err)
			}
			for i, e := range es {
				if e.File != "lib/x.yaml" {
					t.Errorf("error %d names file %q", i, e.File)
				}
				if i > 0 && (e.Line < es[i-1].Line || e.Line == es[i-1].Line && e.Col < es[i-1].Col) {
					t.Errorf("errors out of file order:\n%v", err)
				}
			}
			pos, msg, _ := strings.Cut(c.want, ": ")
			first := es[0]
			got := first.Error()
			wantPrefix := "lib/x.yaml:" + pos + ": "
			if pos == "0:0" {
				wantPrefix = "lib/x.yaml: "
			}
			if !strings.HasPrefix(got, wantPrefix) || !strings.Contains(first.Msg, msg) {
				t.Errorf("first error\n  got  %s\n  want %s%s...\nall:\n%v", got, wantPrefix, msg, err)
			}
			if c.n > 0 && len(es) != c.n {
				t.Errorf("%d errors, want %d:\n%v", len(es), c.n, err)
			}
		})
	}
}

func TestParseAllProblemsAtOnce(t *testing.T) {
	src := "id: Test\ntitle: [x]\nregions:\n  - id: a\n    name: A\n    steps:\n      - name: S\n        duration: 0\n      - name: T\n        rep: 2\n"
	_, err := Parse("x.yaml", []byte(src))
	want := []string{
		`x.yaml:1:5: "id" should be lower-case letters, digits and dashes, like "full-body"; got "Test"`,
		`x.yaml:2:8: "title" should be text, not a list`,
		`x.yaml:8:19: "duration" must be longer than zero; got 0`,
		`x.yaml:10:9: unknown key "rep" in a step; did you mean "reps"?`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Fatalf("got\n%v\nwant\n%s", err, strings.Join(want, "\n"))
	}
	var es Errors
	if !errors.As(err, &es) || es.First().Line != 1 {
		t.Fatalf("errors.As(Errors) failed or First is wrong: %v", err)
	}
}

func TestParseGood(t *testing.T) {
	src := `# a routine with everything
id: test-all
title: "  Everything  "
purpose: To test.
why: Small trials suggest so.
ages: {from: 10d, to: 3m}
clearance: Ask your clinician.
notes: Some notes.
sources: [S1, S2]
opening: false
responses:
  subtle:
    do: slow-down
  fussing:
    do: hold-offer
    hold: 30s
    goto: milk
    say: Hold still.
  relaxed: {do: go-on}
regions:
  - id: legs
    name: Legs
    oil: false
    checkin: false
    left_out_when: [skin, stump]
    teach:
      - "Legs first: the least sensitive place to start. [S5]"
      - Watch the face.
    steps:
      - name: Milking
        id: milk
        kind: stroke
        side: both
        reps: 3
        each: 6
        pressure: gentle
        direction: up
        caution: careful
        do: Milk the leg.
        sources: [S3]
        teach: One point, written as text.
        checkin: true
      - name: Rest
        kind: resting
        duration: 1m30s
  - id: back
    name: Back
    position: front
    steps:
      - {name: Wait, kind: prepare, do: Let your baby settle.}
      - {name: Settle, kind: prepare, duration: 10s}
      - {name: Sweep, kind: integration, duration: 20s}
`
	r, err := Parse("x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "test-all" || r.Title != "Everything" || r.File != "x.yaml" || !r.NoOpening || r.Ages != (AgeRange{10, 90}) ||
		r.Why != "Small trials suggest so." {
		t.Errorf("routine %+v", r)
	}
	if back := r.Regions[1]; back.Position != PositionFront || r.Regions[0].Position != PositionAny {
		t.Errorf("positions %q, %q", r.Regions[0].Position, back.Position)
	}
	// A prepare step waits 30 s unless it says; it is not massage, so the
	// length leaves it out.
	if wait, settle := r.Regions[1].Steps[0], r.Regions[1].Steps[1]; wait.Kind != StepPrepare || wait.Duration != PrepareWait || settle.Duration != 10*time.Second {
		t.Errorf("prepare steps %+v, %+v", wait, settle)
	}
	if len(r.Regions) != 2 || r.Regions[0].CheckIn || !r.Regions[1].CheckIn || !r.Regions[0].NoOil || r.Regions[1].NoOil {
		t.Errorf("regions %+v", r.Regions)
	}
	if got, want := r.Regions[0].Teach, []string{"Legs first: the least sensitive place to start. [S5]", "Watch the face."}; !slices.Equal(got, want) {
		t.Errorf("region teach %q, want %q", got, want)
	}
	if got := r.Regions[0].Steps[0].Teach; !slices.Equal(got, []string{"One point, written as text."}) || r.Regions[1].Teach != nil || r.Regions[0].Steps[1].Teach != nil {
		t.Errorf("step teach %q; where none is written, %q and %q", got, r.Regions[1].Teach, r.Regions[0].Steps[1].Teach)
	}
	milk := r.Regions[0].Steps[0]
	if milk.ID != "milk" || milk.Side != SideBoth || milk.Reps != 3 || milk.Each != 6*time.Second || !milk.CheckIn || milk.Length() != 18*time.Second {
		t.Errorf("milk %+v", milk)
	}
	if rest := r.Regions[0].Steps[1]; rest.Kind != StepResting || rest.Duration != 90*time.Second {
		t.Errorf("rest %+v", rest)
	}
	if r.Length() != 2*18*time.Second+90*time.Second+20*time.Second {
		t.Errorf("Length %s", r.Length())
	}
	// (a routine a clinician clears also says what to do when colour or
	// breathing changes, at fussing and crying)
	if got := r.Response(CueFussing); got != (Response{Action: ActionHoldOffer, Hold: 30 * time.Second, Goto: "milk", Say: "Hold still. " + ColourOrBreathing}) {
		t.Errorf("fussing %+v", got)
	}
	// a response without hold keeps the usual one; without say, the usual words
	if got := r.Response(CueSubtle); got.Hold != 15*time.Second || got.Say != DefaultResponses[CueSubtle].Say {
		t.Errorf("subtle %+v", got)
	}
	want := DefaultResponses[CueCrying]
	want.Say += " " + ColourOrBreathing
	if got := r.Response(CueCrying); got != want {
		t.Errorf("crying %+v", got)
	}
}

func TestClean(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain text stays", "Café, 👶 ☺", "Café, 👶 ☺"},
		{"CSI colour", "\x1b[31mred\x1b[0m", "red"},
		{"CSI cursor moves", "a\x1b[2;5Hb\x1b[10Ac\x1b[3D", "abc"},
		{"CSI with a private parameter", "\x1b[?25lhidden cursor\x1b[?1049h", "hidden cursor"},
		{"clear screen", "\x1b[2J\x1b[Hhi", "hi"},
		{"OSC title ending with BEL", "\x1b]0;pwned\x07ok", "ok"},
		{"OSC title ending with ST", "\x1b]2;pwned\x1b\\ok", "ok"},
		{"OSC hyperlink", "\x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"OSC never ended swallows the rest", "ok\x1b]0;pwned", "ok"},
		{"C1 CSI", "\u009b31mred", "red"},
		{"C1 OSC ending with C1 ST", "\u009d0;pwned\u009cok", "ok"},
		{"DCS", "\x1bPq#0;2;0;0;0\x1b\\ok", "ok"},
		{"ESC c reset", "a\x1bcb", "ab"},
		{"trailing ESC", "ab\x1b", "ab"},
		{"other C1 controls", "a\u0085b\u0090\u009cc\u0080d", "abcd"},
		{"C0 controls and DEL", "a\x07b\rc\x7fd\x00e\x08f", "abcdef"},
		{"newlines and tabs become spaces", "a\nb\tc", "a b c"},
		{"bidi overrides", "abc\u202edcba\u202c \u2066x\u2069 \u202ay\u202b\u202d", "abcdcba x y"},
	}
	for _, c := range cases {
		if got := Clean(c.in); got != c.want {
			t.Errorf("%s: Clean(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

// TestParseCleansText checks that every text field of a parsed routine
// comes out cleaned: YAML escapes can put escape sequences in a file that
// holds no control character itself.
func TestParseCleansText(t *testing.T) {
	const evil = `"\e]0;pwned\a\e[2J\e[1;1H\u009b31m\u202eok\u202c\x07\e[0m"`
	src := strings.ReplaceAll(`id: clean
title: EVIL
purpose: EVIL
why: EVIL
clearance: EVIL
notes: EVIL
sources: [EVIL]
responses:
  fussing: {do: hold-offer, say: EVIL}
regions:
  - id: legs
    name: EVIL
    notes: EVIL
    teach: [EVIL]
    steps:
      - name: EVIL
        duration: 5s
        do: EVIL
        pressure: EVIL
        direction: EVIL
        caution: EVIL
        sources: [EVIL]
        teach: [EVIL]
`, "EVIL", evil)
	r, err := Parse("x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	rg, st := r.Regions[0], r.Regions[0].Steps[0]
	fields := map[string]string{
		"title": r.Title, "purpose": r.Purpose, "why": r.Why, "clearance": r.Clearance, "notes": r.Notes, "sources": r.Sources[0],
		"say": r.Responses[CueFussing].Say, "region name": rg.Name, "region notes": rg.Notes, "region teach": rg.Teach[0], "step teach": st.Teach[0],
		"step name": st.Name, "do": st.Do, "pressure": st.Pressure, "direction": st.Direction, "caution": st.Caution, "step sources": st.Sources[0],
	}
	for name, v := range fields {
		if v != "ok" {
			t.Errorf("%s = %q, want %q", name, v, "ok")
		}
	}
	if n := len(fields); n != 17 {
		t.Fatalf("%d fields", n)
	}
}

// hasControl reports a rune Clean should have removed.
func hasControl(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			return true
		}
	}
	return false
}

// TestParseAliases: anchors and aliases used to repeat a step are fine.
func TestParseAliases(t *testing.T) {
	src := `id: test
title: Test
regions:
  - id: legs
    name: Legs
    steps:
      - &rest {name: Rest, kind: resting, duration: 10s, sources: &src [S1, S2]}
      - {name: Milk, duration: 20s, sources: *src}
      - *rest
  - id: arms
    name: Arms
    steps:
      - *rest
`
	r, err := Parse("x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if r.Length() != 50*time.Second || r.Regions[1].Steps[0].Name != "Rest" || len(r.Regions[0].Steps[1].Sources) != 2 {
		t.Fatalf("routine %+v", r)
	}
}

// TestParseMerge: << copies the keys of a step written once, and the keys
// written beside it win, as YAML defines merges.
func TestParseMerge(t *testing.T) {
	src := `id: test
title: Test
regions:
  - id: legs
    name: Legs
    steps:
      - &glide {name: Glide, side: both, reps: 3, each: 6s, pressure: light}
      - <<: *glide
        id: slow-glide
        name: Slow glide
        each: 10s
      - <<: [{name: Hold, kind: hold}, *glide]
        duration: 20s
        reps: 2
`
	_, err := Parse("x.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "x.yaml:13:9: give either duration, or reps with each, not both") {
		t.Fatalf("a merged reps beside a written duration: got %v", err)
	}
	src = strings.Replace(src, "        duration: 20s\n        reps: 2\n", "        side: left\n", 1)
	r, err := Parse("x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	steps := r.Regions[0].Steps
	want := []Step{
		{Name: "Glide", Kind: StepStroke, Side: SideBoth, Reps: 3, Each: 6 * time.Second, Pressure: "light"},
		{ID: "slow-glide", Name: "Slow glide", Kind: StepStroke, Side: SideBoth, Reps: 3, Each: 10 * time.Second, Pressure: "light"},
		{Name: "Hold", Kind: StepHold, Side: SideLeft, Reps: 3, Each: 6 * time.Second, Pressure: "light"},
	}
	if len(steps) != len(want) {
		t.Fatalf("%d steps, want %d", len(steps), len(want))
	}
	for i := range want {
		if fmt.Sprint(steps[i]) != fmt.Sprint(want[i]) {
			t.Errorf("step %d\n  got  %+v\n  want %+v", i, steps[i], want[i])
		}
	}
}

// TestParseRepeatedErrorOnce: a bad step used through aliases is one
// problem, reported once.
func TestParseRepeatedErrorOnce(t *testing.T) {
	src := swap("      - name: Milking\n", "      - &bad {name: Bad, duration: 0}\n      - *bad\n      - *bad\n      - name: Milking\n")
	_, err := Parse("x.yaml", []byte(src))
	if err == nil || err.Error() != `x.yaml:7:36: "duration" must be longer than zero; got 0` {
		t.Fatalf("got %v", err)
	}
}

// TestParseGotoASide: a goto may name one side of a two-sided step.
func TestParseGotoASide(t *testing.T) {
	src := swap("title: Test", "title: Test\nresponses:\n  subtle: {do: slow-down, goto: milk-right}\n  fussing: {do: hold-offer, goto: milk-left}")
	src = strings.Replace(src, "      - name: Milking\n", "      - name: Milking\n        id: milk\n        side: both\n", 1)
	r, err := Parse("x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if r.Responses[CueSubtle].Goto != "milk-right" || r.Responses[CueFussing].Goto != "milk-left" {
		t.Fatalf("responses %+v", r.Responses)
	}
	s := NewSession(r, testclock.New(sessT0), SessionOptions{})
	if s.PlanIndex("milk-right") != s.PlanIndex("milk-left")+1 || s.PlanIndex("milk-left") < 0 {
		t.Fatalf("plan indexes: left %d, right %d", s.PlanIndex("milk-left"), s.PlanIndex("milk-right"))
	}
	// without side: both there is no milk-right
	_, err = Parse("x.yaml", []byte(strings.Replace(src, "        side: both\n", "", 1)))
	if err == nil || !strings.Contains(err.Error(), `goto points to step "milk-right", which does not exist; give a step that id, or use one of milk`) {
		t.Fatalf("got %v", err)
	}
}

func TestParseAgesUpToFiveYears(t *testing.T) {
	for _, c := range []struct {
		src  string
		want AgeRange
	}{
		{"{from: 0, to: 60m}", AgeRange{0, 1800}},
		{"{from: 10d, to: 260w}", AgeRange{10, 1820}},
		{"{to: 1825d}", AgeRange{0, 1825}},
		{"{from: 6w}", AgeRange{42, 0}},
	} {
		r, err := Parse("x.yaml", []byte(swap("title: Test", "title: Test\nages: "+c.src)))
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		if r.Ages != c.want {
			t.Errorf("%s: ages %+v, want %+v", c.src, r.Ages, c.want)
		}
	}
}

// An answer given another action, with no words of its own, gets words
// that fit the action, not the usual words of the answer.
func TestParseResponseWordsFitTheAction(t *testing.T) {
	r, err := Parse("x.yaml", []byte(swap("title: Test", "title: Test\nresponses:\n  relaxed: {do: end}\n  crying: {do: end}\n  content: {do: hold-offer}\n  asleep: {do: end, say: Let them doze.}")))
	if err != nil {
		t.Fatal(err)
	}
	for c, want := range map[Cue]string{
		CueRelaxed: "That is enough for today. Finish with a cuddle.",
		CueCrying:  DefaultResponses[CueCrying].Say,
		CueContent: DefaultResponses[CueFussing].Say,
		CueAsleep:  "Let them doze. " + SafeSleep,
	} {
		if got := r.Response(c).Say; got != want {
			t.Errorf("%s says %q, want %q", c, got, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"name", "name", 0}, {"nmae", "name", 1}, {"rep", "reps", 1}, {"durration", "duration", 1},
		{"eahc", "each", 1}, {"", "id", 2}, {"ca", "abc", 3},
	} {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
