package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/cradle-coach/cradle/internal/fserr"
	"github.com/cradle-coach/cradle/internal/scratch"
	"github.com/cradle-coach/cradle/routines"
)

var (
	validID   = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	idLine    = regexp.MustCompile(`(?m)^id:.*$`)
	titleLine = regexp.MustCompile(`(?m)^title:.*$`)
)

// create writes a starter routine file: a built-in routine's file with
// a new id, and comments that explain the format.
func (c *command) create(id, from, out string) int {
	if !validID.MatchString(id) {
		return c.usageError(fmt.Sprintf("%q cannot be an id: use lower-case letters, digits and dashes, such as my-bedtime", id))
	}
	lib, err := c.inv.builtin()
	if err != nil {
		return c.fail("%v", err)
	}
	if from == "" {
		from = "full-body" // the whole routine: the easiest to shorten
		for _, r := range lib {
			if r.ID == id {
				from = id
			}
		}
	}
	var base *routines.Routine
	var ids []string
	for _, r := range lib {
		ids = append(ids, r.ID)
		if r.ID == from {
			base = r
		}
	}
	if base == nil {
		return c.usageError(fmt.Sprintf("--from needs a built-in routine: one of %s", strings.Join(ids, ", ")))
	}
	text, err := Starter(base, id)
	if err != nil {
		return c.fail("%v", err)
	}
	if out == "-" {
		_, _ = c.stdout.Write(text)
		return OK
	}
	path := out
	switch {
	case path == "" && c.dirErr != nil:
		return c.fail("%v", c.dirErr)
	case path == "":
		path = filepath.Join(c.dir, id+".yaml")
	case isDir(path):
		path = filepath.Join(path, id+".yaml")
	}
	if filepath.Dir(path) == filepath.Clean(c.dir) {
		// two files with one id: the second would not be used
		mine, _, _ := routines.LoadDir(c.dir)
		for _, r := range mine {
			if r.ID == id && filepath.Base(r.File) != filepath.Base(path) {
				return c.fail("your routine %s already has the id %q; choose another id, or change that file instead.", r.File, id)
			}
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return c.fail("cannot make the folder %s: %v", filepath.Dir(path), reason(err))
	}
	err = scratch.WriteFile(path, text, 0o644, false)
	if errors.Is(err, fs.ErrExist) {
		return c.fail("%s already exists, and cradle does not write over it. Choose another id, or move that file away first.", path)
	}
	if err != nil {
		return c.fail("cannot write %s: %v", path, reason(err))
	}
	what := fmt.Sprintf("a copy of the built-in routine %q (%s)", base.Title, base.ID)
	if id == base.ID {
		what += ", which it replaces on the home screen"
	}
	fmt.Fprintf(c.stdout, "Wrote %s: your routine %q, %s.\n", Safe(path), id, what)
	if filepath.Dir(path) == filepath.Clean(c.dir) {
		// cradle reads the folder when it opens: a cradle open now lists
		// it after a restart, and saying "now" would send a parent looking.
		fmt.Fprintf(c.stdout, "It is on cradle's home screen the next time cradle opens, marked \"yours\".\n")
	} else {
		fmt.Fprintf(c.stdout, "cradle offers the routines in %s on its home screen; this one runs with: cradle run %s\n", Safe(c.dir), Safe(path))
	}
	fmt.Fprintf(c.stdout, "Change it as you like, then check it with:\n  cradle routines validate %s\n", Safe(path))
	return OK
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

func reason(err error) string { return fserr.WithoutPath(err).Error() }

// starterIntro opens a starter file; it is wrapped into comment lines.
// %[1]s is the new id, %[2]s the built-in routine's title, %[3]s its id.
const starterIntro = `%[1]s: a cradle routine of your own, started as a copy of the built-in routine %[2]q (%[3]s). Change it as you like: remove steps or regions to make it shorter, move them to change the order, change the timings and the words.
After each change, check it with: cradle routines validate (which checks every file in your routines folder; give a file's path to check one elsewhere). The format is described in full at ` + formatPage + `.`

// starterKeys follows the intro.
const starterKeys = `#
# The keys, in short:
#   id         lower-case letters, digits and dashes. A routine with the id
#              of a built-in routine is offered in its place.
#   title      what the home screen shows. Also: purpose, why (what
#              studies say, and how sure), notes, sources, clearance, and
#              ages (from/to, such as 10d, 6w or 3m).
#   opening    false leaves out the getting-ready ritual at the start.
#   responses  what a check-in answer does in this routine (relaxed,
#              content, subtle, fussing, crying, asleep, unanswered), with
#              do: go-on, slow-down, hold-offer, skip-region or end, and
#              maybe hold: 20s, goto: a step id, say: "words to show".
#   regions    done in the order written. Each has an id, a name and steps;
#              position: back, front or sitting (how your baby lies:
#              cradle asks you to turn your baby when it changes); notes;
#              checkin: false (no check-in at its end); oil: false (no oil
#              here: cradle asks you to wipe your hands first);
#              left_out_when: readiness answers that leave it out.
#   steps      a name, and either duration: 30s, or reps: 3 with each: 6s
#              (seconds for one repetition). kind: stroke (the usual),
#              resting, movement, integration, hold, or prepare (getting
#              ready: waits for you, and goes on by itself after its
#              duration, 30s if none). side: left, right
#              or both (both is done on the left, then on the right). do,
#              pressure, direction, caution, sources. id, for a goto.
#              checkin: true asks how your baby is after the step.
#   teach      on a region or a step: talking points for an instructor
#              teaching a room, a list of short texts (at most 8, each at
#              most 300 characters). cradle routines show --teach prints
#              them; a session never shows them to a parent.
#   Lengths: 1 second to 1 hour a step, 3 hours a routine.
#
`

// Starter is the text of a new routine file with the given id, made from
// a built-in routine: a header of comments that explain the format, then
// the built-in file with its own opening comments left out, its id
// changed, and, when the id is new, a title made from the id.
func Starter(base *routines.Routine, id string) ([]byte, error) {
	src, err := routines.BuiltinSource(base)
	if err != nil {
		return nil, err
	}
	body := string(src)
	for strings.HasPrefix(body, "#") { // the built-in file's own header
		_, body, _ = strings.Cut(body, "\n")
	}
	if !idLine.MatchString(body) || !titleLine.MatchString(body) {
		return nil, fmt.Errorf("the built-in routine %s has no id or title line to change (this is a bug)", base.ID)
	}
	body = replaceFirst(idLine, body, "id: "+id)
	if id != base.ID {
		body = replaceFirst(titleLine, body, "title: "+strconv.Quote(titleFromID(id)))
	}
	var head strings.Builder
	for _, para := range strings.Split(fmt.Sprintf(starterIntro, id, base.Title, base.ID), "\n") {
		for _, l := range wrap(para, 74) {
			head.WriteString("# " + l + "\n")
		}
	}
	return []byte(head.String() + starterKeys + body), nil
}

func replaceFirst(re *regexp.Regexp, s, with string) string {
	loc := re.FindStringIndex(s)
	return s[:loc[0]] + with + s[loc[1]:]
}

// titleFromID makes a first title from an id: "my-bedtime" becomes
// "My bedtime".
func titleFromID(id string) string {
	t := strings.TrimSpace(strings.ReplaceAll(id, "-", " "))
	if t == "" {
		return id
	}
	return strings.ToUpper(t[:1]) + t[1:]
}
