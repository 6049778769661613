package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// formatPage is where the routine format is described for someone who has
// only the program: a package manager installs no docs/ folder.
const formatPage = "https://github.com/cradle-coach/cradle/blob/main/docs/ROUTINES.md"

// routinesCommand is "cradle routines": the user's own routine files.
func (inv *invocation) routinesCommand() *cobra.Command {
	cmd := group(&cobra.Command{
		Use:   "routines",
		Short: "your own routine files, in plain text: list, show, validate, new",
		Long: `Your own routines are the *.yaml (or *.yml) files in your routines folder
(under Files below). They show on the home screen beside the built-in ones, marked "yours";
one with the id of a built-in routine replaces it. To begin one, cradle routines new ID
writes a copy of a built-in routine with comments that explain each part. The whole
format is in docs/ROUTINES.md, in the release archive beside cradle, and at
` + formatPage + `.`,
	})
	inv.addRoutinesFlag(cmd.PersistentFlags())
	var from, out string
	newCmd := &cobra.Command{
		Use:   "new ID",
		Short: "start a routine of your own from a built-in one",
		Long: `Write a starter routine file with the id ID: a copy of a built-in routine
(--from, else the one of that id, else full-body) with comments that explain
the format, into your routines folder.`,
		Example: `  cradle routines new my-bedtime --from bedtime
  cradle routines new class-handout --out ~/Desktop
  cradle routines new printed --out -`,
		Args: exactArgs(1, "new needs the id of your new routine, such as: cradle routines new my-bedtime"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return status(inv.routinesRun(cmd).create(args[0], from, out))
		},
	}
	newCmd.Flags().StringVar(&from, "from", "", "the built-in routine to start from, by `ID`")
	newCmd.Flags().StringVar(&out, "out", "", "write to this `FILE` or FOLDER instead, or - for standard output")
	var teach bool
	showCmd := &cobra.Command{
		Use:               "show ID|FILE",
		Short:             "a routine's regions and steps, with timings",
		Example:           "  cradle routines show bedtime\n  cradle routines show full-body --teach",
		Args:              exactArgs(1, "show needs one routine: an id (see cradle routines list) or a routine file"),
		ValidArgsFunction: inv.completeRoutines,
		RunE: func(cmd *cobra.Command, args []string) error {
			return status(inv.routinesRun(cmd).show(args[0], teach))
		},
	}
	switchVar(showCmd.Flags(), &teach, "teach", "", "also print the talking points for an instructor teaching a room")
	cmd.AddCommand(
		&cobra.Command{
			Use:   "list",
			Short: "every routine: id, title, length, where it comes from",
			RunE: func(cmd *cobra.Command, _ []string) error {
				return status(inv.routinesRun(cmd).list())
			},
		},
		showCmd,
		&cobra.Command{
			Use:   "validate [FILE...]",
			Short: "check routine files, every problem as file:line:column (no FILE: your routines folder)",
			Args:  cobra.ArbitraryArgs,
			ValidArgsFunction: func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
				return []cobra.Completion{"yaml"}, cobra.ShellCompDirectiveFilterFileExt
			},
			RunE: func(cmd *cobra.Command, args []string) error {
				return status(inv.routinesRun(cmd).validate(args))
			},
		},
		newCmd,
	)
	return cmd
}

// completeRoutines completes a routine's id, with its title; a file's
// name is completed too, by the shell.
func (inv *invocation) completeRoutines(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	cat, err := inv.catalog()
	if err != nil {
		return nil, cobra.ShellCompDirectiveDefault
	}
	var ids []cobra.Completion
	for _, r := range cat.Routines {
		ids = append(ids, cobra.CompletionWithDesc(r.ID, r.Title))
	}
	if full, ok := cat.Find(routines.PlanFrom); ok {
		for week := 1; week <= routines.PlanWeeks; week++ {
			if r, err := routines.LearningPlan(full, week); err == nil {
				ids = append(ids, cobra.CompletionWithDesc(r.ID, r.Title))
			}
		}
	}
	return ids, cobra.ShellCompDirectiveDefault
}

// completeBabies completes --baby with the babies' names in the
// database. A database that a running cradle holds is not waited for:
// nothing is offered then, as nothing is when there is no database yet.
func (inv *invocation) completeBabies(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	path, err := DBFile(inv.flagDB)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	names, _ := store.BabyNames(path)
	return names, cobra.ShellCompDirectiveNoFileComp
}

// routinesRun is the run of one routines command.
func (inv *invocation) routinesRun(cmd *cobra.Command) *command {
	c := &command{inv: inv, cmd: cmd, stdout: inv.std.Out, stderr: inv.std.Err, name: cmd.CommandPath()}
	c.dir, c.dirErr = RoutinesDir(inv.flagRoutines)
	return c
}

// command is one run of a subcommand.
type command struct {
	inv            *invocation
	cmd            *cobra.Command
	stdout, stderr io.Writer
	name           string
	dir            string // the user's routines folder
	dirErr         error  // why there is none
}

func (c *command) usageError(msg string) int {
	c.inv.usageError(c.cmd, msg)
	return Usage
}

func (c *command) fail(format string, args ...any) int {
	fmt.Fprintf(c.stderr, "%s: %s\n", c.name, Safe(fmt.Sprintf(format, args...)))
	return Problem
}

func (c *command) list() int {
	cat, err := c.inv.catalog()
	if err != nil {
		return c.fail("%v", err)
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tMASSAGE\tIN ALL\tFROM")
	row := func(r *routines.Routine, from string) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Title, routines.FormatLength(r.Length()), r.Span().About(), Safe(from))
	}
	for _, r := range cat.Routines {
		row(r, source(r))
	}
	// The learning plan's weeks are derived from the built-in full-body
	// routine, not listed in the catalogue; cradle run takes their ids.
	for _, r := range cat.Routines {
		if r.ID != routines.PlanFrom || !r.Builtin {
			continue
		}
		for week := 1; week <= routines.PlanWeeks; week++ {
			if p, err := routines.LearningPlan(r, week); err == nil {
				row(p, "the learning plan, from "+r.ID)
			}
		}
	}
	tw.Flush()
	code := OK
	if len(cat.Broken) > 0 {
		code = Problem
		fmt.Fprintf(c.stderr, "Could not be used (cradle routines validate FILE shows every problem):\n")
		for _, b := range cat.Broken {
			fmt.Fprintln(c.stderr, Safe(b.First()))
		}
	}
	// Notes for a person go to standard error: standard output is the
	// table alone, for a script or a pipe.
	fmt.Fprintf(c.stderr, "In all: the massage with getting ready and each check-in's wait of %s when nobody answers.\n",
		routines.FormatLength(routines.CheckInWait))
	switch {
	case cat.DirErr != nil:
		code = Problem
		fmt.Fprintf(c.stderr, "Your own routines could not be read: %s\n", Safe(cat.DirErr.Error()))
	case !exists(c.dir):
		fmt.Fprintf(c.stderr, "Your own routines go in %s (it does not exist yet; cradle routines new ID makes it).\n", Safe(c.dir))
	default:
		fmt.Fprintf(c.stderr, "Your own routines go in %s.\n", Safe(c.dir))
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

func (c *command) show(arg string, teach bool) int {
	cat, err := c.inv.catalog()
	if err != nil {
		return c.fail("%v", err)
	}
	r, err := Pick(arg, cat)
	if err != nil {
		return c.fail("%v", err)
	}
	Show(c.stdout, r, teach)
	return OK
}

// Pick finds the routine to run or show: a file when one exists at that
// path (or the argument ends in .yaml or .yml), else a routine's id. A
// folder that is not an id is said to be one.
func Pick(arg string, cat routines.Catalog) (*routines.Routine, error) {
	info, statErr := os.Stat(arg)
	if statErr == nil && !info.IsDir() || statErr != nil && routines.IsRoutineFile(filepath.Base(arg)) {
		r, err := routines.LoadFile(arg)
		if err != nil {
			return nil, fmt.Errorf("%s cannot be used:\n%w", arg, err)
		}
		// Saved with the session, so a resume from anywhere reads it again.
		if abs, err := filepath.Abs(arg); err == nil {
			r.File = abs
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
	if statErr == nil { // a folder
		//lint:ignore ST1005 the person reads this as it is: two sentences
		return nil, fmt.Errorf("%s is a folder, not a routine file. Give one of the files in it, or offer them all on the home screen with cradle --routines %s.", arg, arg)
	}
	for _, b := range cat.Broken {
		if routines.RoutineName(filepath.Base(b.File)) == arg {
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
		fmt.Fprintf(c.stdout, "No routine files (*.yaml or *.yml) in %s. Give files to check, or make one with cradle routines new ID.\n", Safe(c.dir))
		return OK
	}
	return c.report(rs, broken, len(rs)+len(broken))
}

// report prints every problem of every file, file by file, and a line
// for each good file. Two files with one id are a problem, as they would
// be in the routines folder.
func (c *command) report(good []*routines.Routine, broken []routines.Broken, files int) int {
	lib, _ := c.inv.builtin()
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
