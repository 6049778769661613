package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/cradle-coach/cradle/routines"
)

// Exit statuses.
const (
	OK      = 0 // done, no problem
	Problem = 1 // a routine file has a problem, or something could not be done
	Usage   = 2 // the command was not understood
)

const routinesUsage = `Usage:
  cradle routines list                  every routine: id, title, length, where it comes from
  cradle routines show ID|FILE          a routine's regions and steps, with timings
  cradle routines validate [FILE...]    check routine files (no FILE: your routines folder)
  cradle routines new ID [--from ID] [--out FILE|FOLDER|-]
                                        start a routine of your own from a built-in one

Your own routines are the *.yaml files in your routines folder:
  %s
They show on the home screen beside the built-in ones, marked "yours"; one
with the id of a built-in routine replaces it. The format is described in
docs/ROUTINES.md.

Flags (before or after the command):
  --routines FOLDER   use this routines folder instead

Exit status: 0 all well, 1 a routine file has a problem (or a file could
not be written), 2 the command was not understood.
`

// Routines runs "cradle routines ARGS" and returns the exit status.
// dirFlag is the --routines value given before the command, if any.
func Routines(args []string, stdout, stderr io.Writer, dirFlag string) int {
	if len(args) == 0 {
		usage(stderr, dirFlag)
		return Usage
	}
	cmd, rest := args[0], args[1:]
	fs := flag.NewFlagSet("cradle routines "+cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&dirFlag, "routines", dirFlag, "")
	var from, out string
	if cmd == "new" {
		fs.StringVar(&from, "from", "", "")
		fs.StringVar(&out, "out", "", "")
	}
	switch cmd {
	case "help", "-h", "-help", "--help":
		usage(stdout, dirFlag)
		return OK
	case "list", "show", "validate", "new":
	default:
		fmt.Fprintf(stderr, "cradle routines: unknown command %q.\n\n", cmd)
		usage(stderr, dirFlag)
		return Usage
	}
	pos, err := parseInterleaved(fs, rest)
	if errors.Is(err, flag.ErrHelp) {
		usage(stdout, dirFlag)
		return OK
	}
	if err != nil {
		fmt.Fprintf(stderr, "cradle routines %s: %v\n\n", cmd, err)
		usage(stderr, dirFlag)
		return Usage
	}
	c := &command{stdout: stdout, stderr: stderr, name: "cradle routines " + cmd}
	c.dir, c.dirErr = RoutinesDir(dirFlag)
	switch cmd {
	case "list":
		if len(pos) != 0 {
			return c.usageError("list takes no arguments")
		}
		return c.list()
	case "show":
		if len(pos) != 1 {
			return c.usageError("show needs one routine: an id (see cradle routines list) or a routine file")
		}
		return c.show(pos[0])
	case "validate":
		return c.validate(pos)
	default: // new
		if len(pos) != 1 {
			return c.usageError("new needs the id of your new routine, such as: cradle routines new my-bedtime")
		}
		return c.create(pos[0], from, out)
	}
}

func usage(w io.Writer, dirFlag string) {
	dir, err := RoutinesDir(dirFlag)
	if err != nil {
		dir = RoutinesDirHint()
	}
	fmt.Fprintf(w, routinesUsage, dir)
}

// parseInterleaved parses flags wherever they are among the arguments
// ("show colic --routines DIR" as well as "show --routines DIR colic")
// and returns the other arguments. Everything after "--" is an argument.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var tail []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, tail = args[:i], args[i+1:]
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return append(pos, tail...), nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

// command is one run of a subcommand.
type command struct {
	stdout, stderr io.Writer
	name           string
	dir            string // the user's routines folder
	dirErr         error  // why there is none
}

func (c *command) usageError(msg string) int {
	fmt.Fprintf(c.stderr, "%s: %s. Run cradle routines help for more.\n", c.name, msg)
	return Usage
}

func (c *command) fail(format string, args ...any) int {
	fmt.Fprintf(c.stderr, "%s: %s\n", c.name, Safe(fmt.Sprintf(format, args...)))
	return Problem
}

// catalog loads the built-in routines and the user's.
func (c *command) catalog() (routines.Catalog, error) {
	lib, err := routines.Builtin()
	if err != nil {
		return routines.Catalog{}, fmt.Errorf("a built-in routine is broken (this is a bug):\n%v", err)
	}
	if c.dirErr != nil {
		return routines.Catalog{Routines: lib, DirErr: c.dirErr}, nil
	}
	return routines.LoadCatalog(lib, c.dir), nil
}

func (c *command) list() int {
	cat, err := c.catalog()
	if err != nil {
		return c.fail("%v", err)
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tLENGTH\tFROM")
	for _, r := range cat.Routines {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Title, routines.FormatLength(r.Length()), Safe(source(r)))
	}
	tw.Flush()
	code := OK
	if len(cat.Broken) > 0 {
		code = Problem
		fmt.Fprintf(c.stdout, "\nCould not be used (cradle routines validate FILE shows every problem):\n")
		for _, b := range cat.Broken {
			fmt.Fprintln(c.stdout, Safe(b.First()))
		}
	}
	fmt.Fprintln(c.stdout)
	switch {
	case cat.DirErr != nil:
		code = Problem
		fmt.Fprintf(c.stdout, "Your own routines could not be read: %s\n", Safe(cat.DirErr.Error()))
	case !exists(c.dir):
		fmt.Fprintf(c.stdout, "Your own routines go in %s (it does not exist yet; cradle routines new ID makes it).\n", Safe(c.dir))
	default:
		fmt.Fprintf(c.stdout, "Your own routines go in %s.\n", Safe(c.dir))
	}
	return code
}

// source says where a routine comes from.
func source(r *routines.Routine) string {
	switch {
	case r.Builtin:
		return "built-in"
	case r.Replaces:
		return r.File + " (replaces the built-in)"
	}
	return r.File
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func (c *command) show(arg string) int {
	cat, err := c.catalog()
	if err != nil {
		return c.fail("%v", err)
	}
	r, err := Pick(arg, cat)
	if err != nil {
		return c.fail("%v", err)
	}
	Show(c.stdout, r)
	return OK
}

// Pick finds the routine to run or show: a file when one exists at that
// path (or the argument ends in .yaml), else a routine's id.
func Pick(arg string, cat routines.Catalog) (*routines.Routine, error) {
	if info, err := os.Stat(arg); err == nil && !info.IsDir() || strings.HasSuffix(arg, ".yaml") {
		r, err := routines.LoadFile(arg)
		if err != nil {
			return nil, fmt.Errorf("%s cannot be used:\n%w", arg, err)
		}
		return r, nil
	}
	if r, ok := cat.Find(arg); ok {
		return r, nil
	}
	if week, ok := routines.PlanWeek(arg); ok {
		if full, ok := cat.Find(routines.PlanFrom); ok {
			return routines.LearningPlan(full, week)
		}
	}
	for _, b := range cat.Broken {
		if strings.TrimSuffix(filepath.Base(b.File), ".yaml") == arg {
			return nil, fmt.Errorf("no routine %q: %s could not be used:\n%s", arg, b.File, b.First())
		}
	}
	ids := strings.Join(cat.IDs(), ", ")
	if _, ok := cat.Find(routines.PlanFrom); ok {
		ids += fmt.Sprintf(", or learning-plan-week-1 to -%d", routines.PlanWeeks)
	}
	return nil, fmt.Errorf("no routine %q: give a routine file, or one of %s", arg, ids)
}

func (c *command) validate(files []string) int {
	if len(files) == 0 {
		return c.validateDir()
	}
	var good []*routines.Routine
	var broken []routines.Broken
	seen := map[string]bool{}
	for _, f := range files {
		if seen[filepath.Clean(f)] {
			continue
		}
		seen[filepath.Clean(f)] = true
		r, err := routines.LoadFile(f)
		if err != nil {
			broken = append(broken, routines.Broken{File: f, Err: err})
			continue
		}
		good = append(good, r)
	}
	return c.report(good, broken, len(seen))
}

// validateDir checks every routine file in the user's folder.
func (c *command) validateDir() int {
	if c.dirErr != nil {
		return c.fail("%v", c.dirErr)
	}
	rs, broken, err := routines.LoadDir(c.dir)
	if err != nil {
		return c.fail("%v", err)
	}
	if len(rs)+len(broken) == 0 {
		fmt.Fprintf(c.stdout, "No routine files (*.yaml) in %s. Give files to check, or make one with cradle routines new ID.\n", Safe(c.dir))
		return OK
	}
	return c.report(rs, broken, len(rs)+len(broken))
}

// report prints every problem of every file, file by file, and a line
// for each good file. Two files with one id are a problem, as they would
// be in the routines folder.
func (c *command) report(good []*routines.Routine, broken []routines.Broken, files int) int {
	lib, _ := routines.Builtin()
	builtin := map[string]bool{}
	for _, r := range lib {
		builtin[r.ID] = true
	}
	merged := routines.Merge(nil, good, broken)
	bad := map[string]routines.Broken{}
	for _, b := range merged.Broken {
		bad[b.File] = b
	}
	var order []string
	for _, r := range good {
		order = append(order, r.File)
	}
	for _, b := range broken {
		order = append(order, b.File)
	}
	byFile := map[string]*routines.Routine{}
	for _, r := range good {
		byFile[r.File] = r
	}
	slices.SortStableFunc(order, func(a, b string) int { return strings.Compare(a, b) })
	for _, f := range order {
		if b, ok := bad[f]; ok {
			var es routines.Errors
			if errors.As(b.Err, &es) {
				for _, e := range es {
					fmt.Fprintln(c.stdout, Safe(e.Error()))
				}
			} else {
				fmt.Fprintln(c.stdout, Safe(b.First()))
			}
			continue
		}
		r := byFile[f]
		note := ""
		if builtin[r.ID] {
			note = "; it replaces the built-in routine of that id"
		}
		fmt.Fprintf(c.stdout, "%s: ok: %s, %q, %s%s\n", Safe(f), r.ID, r.Title, routines.FormatLength(r.Length()), note)
	}
	if n := len(bad); n > 0 {
		verb := "has"
		if n > 1 {
			verb = "have"
		}
		fmt.Fprintf(c.stdout, "%d of %s checked %s problems.\n", n, count(files, "file", "files"), verb)
		return Problem
	}
	return OK
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Safe removes control characters and escape sequences from text on its
// way to the terminal, line by line: a file's name or a problem's quote
// cannot move the cursor or retitle the window.
func Safe(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = routines.Clean(l)
	}
	return strings.Join(lines, "\n")
}
