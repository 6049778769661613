// Package cli is cradle's command line: one table of commands (cradle
// itself, run, routines, export, backup, import, version, completion,
// help), the help, man page and shell completions made from that table,
// and where the database and the user's routine files live.
//
// cradle and cradle run start the full-screen interface; every other
// command prints plain text (results on standard output, messages on
// standard error) and works from scripts, pipes and cron.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cradle-coach/cradle/routines"
)

// Exit statuses, as cradle --help documents them.
const (
	OK      = 0 // done
	Problem = 1 // something failed: a file has a problem, or could not be read or written
	Usage   = 2 // the command was not understood
)

// Stdio is where one run of cradle reads and writes.
type Stdio struct {
	In  io.Reader
	Out io.Writer // results
	Err io.Writer // messages
}

// Std is the process's own standard input, output and error.
func Std() Stdio { return Stdio{In: os.Stdin, Out: os.Stdout, Err: os.Stderr} }

// Run runs cradle with args (without the program's name) and returns the
// exit status.
func Run(args []string, std Stdio) int {
	inv := &invocation{std: std}
	root := inv.commands()
	args, after := switchWords(root, args)
	namingSwitches(root, after)
	root.SetArgs(args)
	root.SetIn(std.In)
	root.SetOut(std.Out)
	root.SetErr(std.Err)
	return inv.exit(root.ExecuteC())
}

// invocation is one run of cradle: its streams, and what its commands
// share, each worked out once.
type invocation struct {
	std     Stdio
	generic bool // help and the man page describe files for every system, not where they are here

	flagDB, flagRoutines string // --db and --routines

	lib    []*routines.Routine // the built-in routines, once loaded
	libErr error
	cat    *routines.Catalog // the built-in and the user's routines, once loaded
}

// builtin loads the built-in routines once.
func (inv *invocation) builtin() ([]*routines.Routine, error) {
	if inv.lib == nil && inv.libErr == nil {
		inv.lib, inv.libErr = routines.Builtin()
		if inv.libErr != nil {
			inv.libErr = fmt.Errorf("a built-in routine is broken (this is a bug):\n%v", inv.libErr)
		}
	}
	return inv.lib, inv.libErr
}

// catalog is every routine cradle can run: the built-in ones and the
// user's, loaded once.
func (inv *invocation) catalog() (routines.Catalog, error) {
	if inv.cat != nil {
		return *inv.cat, nil
	}
	lib, err := inv.builtin()
	if err != nil {
		return routines.Catalog{}, err
	}
	cat := routines.Catalog{Routines: lib}
	if dir, err := RoutinesDir(inv.flagRoutines); err != nil {
		cat.DirErr = err
	} else {
		cat = routines.LoadCatalog(lib, dir)
	}
	inv.cat = &cat
	return cat, nil
}

// exitStatus carries a command's exit status through cobra; the command
// has already said why.
type exitStatus int

func (s exitStatus) Error() string { return "exit status " + strconv.Itoa(int(s)) }

// status is the error a command returns for its exit status.
func status(code int) error {
	if code == OK {
		return nil
	}
	return exitStatus(code)
}

// usageError is a command that was not understood.
type usageError struct {
	cmd *cobra.Command
	msg string
}

func (e *usageError) Error() string { return e.msg }

// usagef makes a usage error of cmd.
func usagef(cmd *cobra.Command, format string, args ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, args...)}
}

// exit prints what went wrong, if anything, and returns the exit status.
func (inv *invocation) exit(cmd *cobra.Command, err error) int {
	var st exitStatus
	var ue *usageError
	switch {
	case err == nil:
		return OK
	case errors.As(err, &st):
		return int(st)
	case errors.As(err, &ue):
		inv.usageError(ue.cmd, ue.msg)
		return Usage
	}
	name := "cradle"
	if cmd != nil {
		name = cmd.CommandPath() // the command's own name, as its usage errors say
	}
	fmt.Fprintf(inv.std.Err, "%s: %s\n", name, Safe(err.Error()))
	return Problem
}

// usageError says, in two lines on standard error, what was not
// understood and where help is.
func (inv *invocation) usageError(cmd *cobra.Command, msg string) {
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") {
		msg += "."
	}
	fmt.Fprintf(inv.std.Err, "%s: %s\nRun %s for more.\n", cmd.CommandPath(), Safe(msg), helpCommand(cmd))
}

// helpCommand is how to ask for cmd's help.
func helpCommand(cmd *cobra.Command) string {
	if !cmd.HasParent() || cmd.Name() == "help" {
		return "cradle --help"
	}
	return "cradle help " + strings.TrimPrefix(cmd.CommandPath(), "cradle ")
}

// flagError turns pflag's errors into usage errors in plain words, with
// the nearest flag the command knows.
func flagError(cmd *cobra.Command, err error) error {
	var notExist *pflag.NotExistError
	var needs *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	switch {
	case errors.As(err, &notExist):
		if group := notExist.GetSpecifiedShortnames(); group != "" {
			if cmd.Flags().Lookup(group) != nil {
				return usagef(cmd, "there is no flag -%s: long flags take two dashes. Did you mean --%s?", group, group)
			}
			return usagef(cmd, "there is no flag -%s", notExist.GetSpecifiedName())
		}
		typed := notExist.GetSpecifiedName()
		return usagef(cmd, "there is no flag --%s%s", typed, didYouMean(nearestFlag(cmd, typed)))
	case errors.As(err, &needs):
		f := needs.GetFlag()
		name, _ := pflag.UnquoteUsage(f)
		return usagef(cmd, "--%s needs a value: --%s %s", f.Name, f.Name, name)
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		return usagef(cmd, "--%s must be %s, not %q", f.Name, valueName(f), invalid.GetValue())
	}
	return usagef(cmd, "%v", err)
}

// valueName is what a flag takes, in words: "light, dark or night", FILE.
func valueName(f *pflag.Flag) string {
	switch v := f.Value.(type) {
	case *choice:
		return orList(v.choices)
	case settingFlag:
		if v.s.choices == nil {
			return "a name"
		}
		return orList(v.s.choices)
	}
	name, _ := pflag.UnquoteUsage(f)
	if name == "" || name == "bool" {
		return "on or off"
	}
	return name
}

// didYouMean is ". Did you mean X?" or nothing.
func didYouMean(s string) string {
	if s == "" {
		return ""
	}
	return ". Did you mean " + s + "?"
}

// nearestFlag is the flag of cmd nearest to what was typed ("--theme"
// for "thme"), or "".
func nearestFlag(cmd *cobra.Command, typed string) string {
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	if near := routines.Nearest(typed, names); near != "" {
		return "--" + near
	}
	return ""
}

// nearestCommand is the command under cmd nearest to what was typed
// ("cradle run" for "rn"), or "".
func nearestCommand(cmd *cobra.Command, typed string) string {
	var names []string
	for _, sub := range cmd.Commands() {
		if sub.IsAvailableCommand() {
			names = append(names, sub.Name())
		}
	}
	if near := routines.Nearest(typed, names); near != "" {
		return cmd.CommandPath() + " " + near
	}
	return ""
}

// noArgs accepts no arguments; a word that is not a command is named,
// with the nearest command.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if cmd.HasSubCommands() {
		return usagef(cmd, "there is no command %q%s", args[0], didYouMean(nearestCommand(cmd, args[0])))
	}
	return usagef(cmd, "%s takes no arguments, and was given %q", cmd.Name(), args[0])
}

// exactArgs accepts n arguments; what says what they are.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef(cmd, "%s", what)
		}
		return nil
	}
}
