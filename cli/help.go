package cli

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cradle-coach/cradle/ui"
)

// helpWidth is the widest help is wrapped to: it reads in any terminal
// and through a pager. A narrower terminal gets it narrower.
const helpWidth = 80

// helpColumns is the width to wrap w's help to: helpWidth, or a terminal's
// width when that is less (never under 40 columns).
func helpColumns(w io.Writer) int {
	if f, ok := w.(*os.File); ok && term.IsTerminal(f.Fd()) {
		if cols, _, err := term.GetSize(f.Fd()); err == nil && cols > 0 {
			return max(40, min(helpWidth, cols-1))
		}
	}
	return helpWidth
}

// reflow wraps text's paragraphs to width; an indented line (an example,
// a table) is kept as it is.
func reflow(text string, width int) string {
	paras := strings.Split(text, "\n\n")
	for i, p := range paras {
		if !strings.HasPrefix(p, "  ") {
			paras[i] = strings.Join(wrap(p, width), "\n") // show.go's: between words only
		}
	}
	return strings.Join(paras, "\n\n")
}

// exitHelp documents the exit statuses in every command's help.
const exitHelp = "Exit status: 0 done, 1 something failed, 2 the command was not understood."

// signalStatuses are the statuses of a data command (export, backup,
// import) stopped by a signal, as a shell reports them; help and the man
// page say them.
const signalStatuses = "128 and the signal's number: 129 when its terminal closes (SIGHUP), 130 for ctrl+c, 141 when what reads its output stops (| head; quietly), 143 for SIGTERM."

// stopsOnSignal marks a command that exits as signalStatuses says.
const stopsOnSignal = "stops-on-signal"

// exitHelpOf is cmd's exit statuses.
func exitHelpOf(cmd *cobra.Command) string {
	if cmd.Annotations[stopsOnSignal] != "" {
		return exitHelp + " Stopped by a signal, it leaves nothing half written and exits with " + signalStatuses
	}
	return exitHelp
}

// settingsHelp says, under the flags that are settings, how they are
// worked out.
const settingsHelp = `Settings: a flag beats its variable in the environment (CRADLE_THEME,
CRADLE_SOUND, ...), which beats the settings file; cradle config shows each
value and where it comes from.`

// help writes cmd's help to standard output: what it does, how to call
// it, its commands, its flags, the files it uses and its exit statuses.
func (inv *invocation) help(cmd *cobra.Command, _ []string) {
	w := cmd.OutOrStdout()
	cols := helpColumns(w)
	text := cmd.Long
	if text == "" {
		text = sentence(cmd.Short)
	}
	fmt.Fprintf(w, "%s\n\nUsage:\n", reflow(text, cols))
	if cmd.Runnable() && !cmd.HasAvailableSubCommands() || !cmd.HasParent() {
		fmt.Fprintf(w, "  %s\n", useLine(cmd))
	}
	if cmd.HasAvailableSubCommands() {
		fmt.Fprintf(w, "  %s COMMAND [ARGS] [flags]\n\nCommands:\n", cmd.CommandPath())
		writeCommands(w, cmd, cols)
	}
	if cmd.Example != "" {
		fmt.Fprintf(w, "\nExamples:\n%s\n", strings.TrimRight(cmd.Example, "\n"))
	}
	if flags := cmdFlags(cmd); flags.HasAvailableFlags() {
		fmt.Fprintf(w, "\nFlags:\n%s", flags.FlagUsagesWrapped(cols))
	}
	if files := inv.files(cmd); len(files) > 0 {
		fmt.Fprintf(w, "\nFiles (unless a flag names others):\n")
		for _, f := range files {
			fmt.Fprintf(w, "  %-14s %s\n", f.what, f.path)
		}
	}
	if cmd.Flags().Lookup("theme") != nil {
		fmt.Fprintf(w, "\n%s\n", reflow(settingsHelp, cols))
	}
	fmt.Fprintf(w, "\n%s\n", reflow(exitHelpOf(cmd), cols))
	if cmd.HasAvailableSubCommands() {
		fmt.Fprintf(w, "Run %s COMMAND for more about a command.\n", strings.Replace(cmd.CommandPath(), "cradle", "cradle help", 1))
	}
	if !cmd.HasParent() {
		fmt.Fprintf(w, "\n%s\n", reflow(ui.Notice, cols))
	}
}

// useLine is how cmd is called: cradle run ID|FILE [flags].
func useLine(cmd *cobra.Command) string {
	line := cmd.CommandPath()
	if _, args, ok := strings.Cut(cmd.Use, " "); ok {
		line += " " + args
	}
	if hasFlags(cmd) {
		line += " [flags]"
	}
	return line
}

// hasFlags is whether cmd takes flags besides --help.
func hasFlags(cmd *cobra.Command) bool {
	n := 0
	cmdFlags(cmd).VisitAll(func(f *pflag.Flag) {
		if !f.Hidden && f.Name != "help" {
			n++
		}
	})
	return n > 0
}

// writeCommands lists cmd's commands with what each does, in one column.
func writeCommands(w io.Writer, cmd *cobra.Command, cols int) {
	var names []string
	var subs []*cobra.Command
	for _, sub := range cmd.Commands() {
		if sub.IsAvailableCommand() || sub.Name() == "help" {
			names = append(names, strings.TrimPrefix(useLine(sub), cmd.CommandPath()+" "))
			subs = append(subs, sub)
		}
	}
	width := 0
	for _, n := range names {
		width = max(width, len(strings.TrimSuffix(n, " [flags]")))
	}
	for i, sub := range subs {
		n := strings.TrimSuffix(names[i], " [flags]")
		desc := strings.Join(wrap(sub.Short, cols-width-5), "\n")
		desc = strings.ReplaceAll(desc, "\n", "\n"+strings.Repeat(" ", width+5))
		fmt.Fprintf(w, "  %-*s   %s\n", width, n, desc)
	}
}

// cmdFlags are the flags cmd takes: its own and those it inherits.
func cmdFlags(cmd *cobra.Command) *pflag.FlagSet {
	fs := pflag.NewFlagSet(cmd.Name(), pflag.ContinueOnError)
	fs.SortFlags = false
	fs.AddFlagSet(cmd.LocalFlags())
	fs.AddFlagSet(cmd.InheritedFlags())
	return fs
}

// sentence capitalises s and ends it with a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// file is a file cradle uses, and where it is.
type file struct{ what, path string }

// files says where the files cmd uses are on this computer (in the man
// page: where they are on each system).
func (inv *invocation) files(cmd *cobra.Command) []file {
	var fs []file
	if cmd.Flags().Lookup("theme") != nil {
		fs = append(fs, file{"settings", inv.where(ConfigFile, ConfigFileHint())})
	}
	if cmd.Flags().Lookup("db") != nil {
		fs = append(fs, file{"database", inv.where(func() (string, error) { return DBFile("") }, DBHint())})
	}
	if cmd.Flags().Lookup("routines") != nil {
		fs = append(fs, file{"your routines", inv.where(func() (string, error) { return RoutinesDir("") }, RoutinesDirHint())})
	}
	return fs
}

// where is the path path() finds on this computer; hint describes it
// for every system, and is used in the man page or when there is none.
func (inv *invocation) where(path func() (string, error), hint string) string {
	if inv.generic {
		return hint
	}
	p, err := path()
	if err != nil {
		return hint
	}
	return Safe(p)
}

// manCommand prints cradle's man page, made from the command table. The
// release build writes it into the archives; it is hidden from help.
func (inv *invocation) manCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "man",
		Short:  "print the man page",
		Hidden: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			generic := &invocation{std: inv.std, generic: true}
			_, err := io.WriteString(cmd.OutOrStdout(), generic.manPage(generic.commands()))
			return err
		},
	}
}

// manPage writes root's man page in roff, for man(1).
func (inv *invocation) manPage(root *cobra.Command) string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	text := func(s string) { // paragraphs; indented lines are kept as they are
		for i, p := range strings.Split(s, "\n\n") {
			if i > 0 {
				line(".PP")
			}
			if strings.HasPrefix(p, "  ") {
				line(".nf\n%s\n.fi", roffEscape(p))
				continue
			}
			line("%s", roffEscape(strings.Join(strings.Fields(p), " ")))
		}
	}
	flags := func(fs *pflag.FlagSet, skip func(*pflag.Flag) bool) {
		fs.VisitAll(func(f *pflag.Flag) {
			if f.Hidden || skip(f) {
				return
			}
			name, usage := pflag.UnquoteUsage(f)
			head := "\\fB\\-\\-" + roffEscape(f.Name) + "\\fR"
			if f.Shorthand != "" {
				head = "\\fB\\-" + f.Shorthand + "\\fR, " + head
			}
			if name != "" && name != "bool" {
				head += " \\fI" + roffEscape(name) + "\\fR"
			}
			line(".TP\n%s", head)
			text(usage)
		})
	}
	line(`.TH CRADLE 1 "" "cradle %s" "User Commands"`, roffEscape(Version()))
	line(".SH NAME\ncradle \\- %s", roffEscape(root.Short))
	line(".SH SYNOPSIS")
	walk(root, func(c *cobra.Command) {
		if c.Runnable() && !c.Hidden && (c.Name() != "help" || !c.HasParent()) && (c.Name() == "cradle" || !c.HasSubCommands()) {
			line(".B %s\n.br", roffEscape(useLine(c)))
		}
	})
	line(".SH DESCRIPTION")
	text(root.Long)
	line(".SH OPTIONS")
	flags(cmdFlags(root), func(*pflag.Flag) bool { return false })
	line(".SH COMMANDS")
	walk(root, func(c *cobra.Command) {
		if c == root || c.Hidden || c.HasSubCommands() {
			return
		}
		line(".SS %s", roffEscape(useLine(c)))
		text(cmp.Or(c.Long, sentence(c.Short)))
		if c.Example != "" {
			line(".PP\nExamples:\n.nf\n%s\n.fi", roffEscape(strings.TrimRight(c.Example, "\n")))
		}
		// The flags cradle itself takes are said once, under OPTIONS.
		said := func(f *pflag.Flag) bool { return root.Flags().Lookup(f.Name) != nil }
		own := 0
		cmdFlags(c).VisitAll(func(f *pflag.Flag) {
			if !said(f) {
				own++
			}
		})
		if own > 0 {
			line(".PP\nFlags:")
			flags(cmdFlags(c), said)
		}
	})
	line(".SH SETTINGS")
	text(settingsHelp)
	line(".SH ENVIRONMENT")
	for _, st := range settings {
		line(".TP\n.B %s\nThe %s setting, as --%s takes it.", st.env, st.name, st.name)
	}
	line(".TP\n.B CRADLE_DB\nThe database file, unless --db names one.")
	line(".TP\n.B NO_COLOR\nNo colours, unless a theme is named by a flag, CRADLE_THEME or the settings file.")
	line(".TP\n.B XDG_CONFIG_HOME, XDG_DATA_HOME\nOn Linux and BSD, where the config and data folders are; a relative path is ignored.")
	line(".SH FILES")
	for _, f := range inv.files(root) {
		line(".TP\n.I %s\n%s", roffEscape(f.path), roffEscape(sentence(f.what)))
	}
	line(".SH EXIT STATUS")
	text(exitHelp + " Stopped by a signal, export, backup and import leave nothing half written and exit with " + signalStatuses)
	line(".SH NOTES")
	text(ui.Notice)
	return b.String()
}

// roffEscape makes s safe as roff text: a backslash is printed, a dash is
// a dash (not a hyphen), and a line cannot start a request.
func roffEscape(s string) string {
	s = strings.NewReplacer(`\`, `\e`, "-", `\-`).Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			lines[i] = `\&` + l
		}
	}
	return strings.Join(lines, "\n")
}
