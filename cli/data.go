package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/cradle-coach/cradle/internal/fserr"
	"github.com/cradle-coach/cradle/internal/plural"
	"github.com/cradle-coach/cradle/internal/scratch"
	"github.com/cradle-coach/cradle/store"
)

// exportCommand is "cradle export": sessions and events as CSV or JSON.
func (inv *invocation) exportCommand() *cobra.Command {
	var o exportOptions
	cmd := &cobra.Command{
		Use:         "export",
		Annotations: map[string]string{stopsOnSignal: "yes"},
		Short:       "write sessions and events as CSV or JSON, to standard output or a file",
		Long: `Write sessions and events to standard output, or to a file with --out: CSV
(one row per event, for a spreadsheet) or JSON (everything, for cradle import).
It reads the database without writing to it, even while cradle runs (the
running cradle makes the export then), and never writes over a cradle database.
` + outputRule,
		Example: `  cradle export --format csv > sessions.csv
  cradle export --out ada.json --baby Ada --since 2026-05-01
  cradle export --out sessions.csv --force     # every night, over the last one`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, f, problems := o.check()
			if len(problems) > 0 {
				return usagef(cmd, "%s", strings.Join(problems, ".\n"+cmd.CommandPath()+": "))
			}
			return status(runExport(format, f, o.out, o.force, inv.flagDB, inv.std.Out, inv.std.Err, cmd.CommandPath()))
		},
	}
	choiceFlag(cmd, &o.format, "format", "csv: one row per event; json: everything, for import (default: from the --out file's name, .csv or .json)", "csv", "json")
	cmd.Flags().StringVar(&o.baby, "baby", "", "only this baby's sessions, by `NAME`")
	cmd.Flags().StringVar(&o.since, "since", "", "only sessions started on or after this `DATE` (YYYY-MM-DD)")
	cmd.Flags().StringVar(&o.out, "out", "", "write to this `FILE` (- or none: standard output)")
	switchVar(cmd.Flags(), &o.force, "force", "", "replace the file if it exists")
	inv.addDBFlag(cmd.Flags())
	return cmd
}

// outputRule is what export --out and backup do with the name given, as
// internal/scratch decides it: said once, in both commands' help.
const outputRule = `A file is written whole or not at all, and one already there is replaced only
with --force (keeping its permissions); through a link, the file it leads to
is written. A pipe, a terminal or a device such as /dev/null is written into,
as standard output (-) is.`

// backupCommand is "cradle backup FILE".
func (inv *invocation) backupCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:         "backup FILE",
		Annotations: map[string]string{stopsOnSignal: "yes"},
		Short:       "write a consistent copy of the database, even while cradle runs",
		Long: `Write a consistent copy of the database to FILE: one committed state, checked
page by page before it is kept. It works while cradle runs (the running cradle
makes the copy then), and never writes over the database it copies, nor over
one a cradle has open. ` + outputRule,
		Example: `  cradle backup cradle-2026-11-27.db
  cradle backup - | ssh backup-host 'cat > cradle.db'`,
		Args: exactArgs(1, "backup needs one file to write the copy to, such as cradle backup cradle-2026-11-27.db"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return status(runBackup(args[0], force, inv.flagDB, inv.std.Out, inv.std.Err, cmd.CommandPath()))
		},
	}
	switchVar(cmd.Flags(), &force, "force", "", "replace FILE if it exists")
	inv.addDBFlag(cmd.Flags())
	return cmd
}

// importCommand is "cradle import FILE".
func (inv *invocation) importCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:         "import FILE",
		Annotations: map[string]string{stopsOnSignal: "yes"},
		Short:       "add the sessions of a backup or a JSON export; those already here are skipped",
		Long: `Add the babies and sessions of a backup (from cradle backup) or a JSON export
(from cradle export --format json); - reads standard input. The whole file is
checked before anything is saved: a damaged file adds nothing. Those already
here are skipped, so importing twice adds nothing. Quit cradle first.`,
		Args: exactArgs(1, "import needs one file: a backup (from cradle backup) or a JSON export (from cradle export --format json), or - for standard input"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return status(runImport(args[0], inv.flagDB, inv.std.In, inv.std.Err, cmd.CommandPath()))
		},
	}
	inv.addDBFlag(cmd.Flags())
	return cmd
}

// exportOptions are cradle export's flags.
type exportOptions struct {
	format, baby, since, out string
	force                    bool
}

// check works out the format and the filter, or says every problem
// with the flags, so a second one is not found only after the first is
// fixed.
func (o exportOptions) check() (format string, f store.Filter, problems []string) {
	format = o.format
	if format == "" {
		switch strings.ToLower(filepath.Ext(o.out)) {
		case ".csv":
			format = "csv"
		case ".json":
			format = "json"
		default:
			if o.out == "" || o.out == "-" {
				problems = append(problems, "give --format csv or json: standard output has no name to tell the format from")
			} else {
				problems = append(problems, fmt.Sprintf("give --format csv or json: cradle cannot tell the format from the name %s (it can from a name ending in .csv or .json)", o.out))
			}
		}
	}
	f.Baby = o.baby
	if o.since != "" {
		t, err := time.ParseInLocation(store.DateLayout, o.since, time.Local)
		if err != nil {
			problems = append(problems, fmt.Sprintf("--since %q is not a date; write it as year-month-day, like 2026-05-14", o.since))
		}
		f.Since = t
	}
	return format, f, problems
}

// existingDB resolves the database path and requires the file to exist.
func existingDB(flagValue string) (string, error) {
	path, err := DBFile(flagValue)
	if err != nil {
		return "", err
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("there is no cradle database at %s yet: nothing to read. Use --db to choose another file", path)
	case err != nil:
		return "", fmt.Errorf("cannot read %s: %w", path, err)
	case info.Size() == 0:
		return "", fmt.Errorf("%s is empty: it holds no cradle data yet. Use --db to choose another file", path)
	}
	return path, nil
}

func runExport(format string, f store.Filter, out string, force bool, db string, stdout, stderr io.Writer, name string) int {
	path, err := existingDB(db)
	if err != nil {
		fail(stderr, name, err)
		return Problem
	}
	to, err := destination(path, out, force, false)
	if err != nil {
		fail(stderr, name, err)
		return Problem
	}
	defer scratch.RemoveOnSignal(stopped(stderr, name, "Nothing was exported"))()
	stderr = scratch.Hush(stderr)
	dst, err := scratch.Create(to, stdout, false)
	if err != nil {
		fail(stderr, name, err)
		return Problem
	}
	defer dst.Abort()
	dst.Waiting = waiting(stderr, name, to)
	if _, err := store.Export(path, dst, format, f); err != nil {
		if dst.Failed() != nil {
			err = fmt.Errorf("writing %s: %w; nothing was written there", to.Name, fserr.WithoutPath(dst.Failed()))
		}
		return report(err, stderr, name)
	}
	if err := dst.Commit(force); err != nil {
		if to.Kind == scratch.TargetFile {
			err = fmt.Errorf("writing %s: %w; nothing was written there", to.Name, fserr.WithoutPath(err))
		}
		return report(err, stderr, name)
	}
	if to.Kind != scratch.TargetStdout {
		fmt.Fprintf(stderr, "Wrote %s to %s.\n", humanSize(dst.Size()), wroteTo(to))
	}
	return OK
}

// destination is where export --out or backup writes, by internal/scratch's
// one rule, once it is sure not to be the database read or one in use
// (store.CheckOutput). A file already there is replaced only with
// --force.
func destination(db, name string, force, replaceDatabase bool) (scratch.Target, error) {
	to, err := scratch.Resolve(name)
	if err != nil {
		return to, err
	}
	if to.Kind == scratch.TargetStdout {
		return to, nil
	}
	if err := store.CheckOutput(db, name, replaceDatabase); err != nil {
		return to, err
	}
	if to.Exists && !force {
		return to, fmt.Errorf("%s already exists; choose another name, or add --force to replace it", wroteTo(to))
	}
	return to, nil
}

// wroteTo names a destination, and the file a link leads to.
func wroteTo(to scratch.Target) string {
	if info, err := os.Lstat(to.Name); err == nil && info.Mode()&fs.ModeSymlink != 0 && to.Kind == scratch.TargetFile {
		return fmt.Sprintf("%s (a link to %s)", to.Name, to.Path)
	}
	return to.Name
}

// waiting says, once, that a pipe has no reader yet.
func waiting(stderr io.Writer, name string, to scratch.Target) func() {
	return func() {
		fmt.Fprintf(stderr, "%s: waiting for something to read from %s (ctrl+c stops).\n", name, to.Name)
	}
}

// humanSize is a number of bytes as a person reads it: 512 bytes, 32 KB,
// 4.2 MB, 1.3 GB (of 1000 each, as file managers count).
func humanSize(n int64) string {
	switch {
	case n == 1:
		return "1 byte"
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f GB", float64(n)/1e9)
}

// report says why an export or a backup failed. A reader that went away
// (| head) is no failure of cradle's: it stops quietly, as a shell's
// tools do.
func report(err error, stderr io.Writer, name string) int {
	if errors.Is(err, syscall.EPIPE) {
		return scratch.ExitCode(syscall.SIGPIPE)
	}
	fail(stderr, name, err)
	return Problem
}

// fail says what went wrong, as one sentence on standard error led by
// the command's name (name, "cradle export"), as its usage errors are.
func fail(stderr io.Writer, name string, err error) {
	msg := withAdvice(err).Error()
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") {
		msg += "."
	}
	fmt.Fprintf(stderr, "%s: %s\n", name, Safe(msg))
}

// stopped is what a data command says when a signal stops it.
func stopped(stderr io.Writer, name, what string) func(os.Signal) {
	return func(sig os.Signal) {
		fmt.Fprintf(stderr, "%s: %s. %s.\n", name, scratch.Describe(sig), what)
	}
}

func runBackup(file string, force bool, db string, stdout, stderr io.Writer, name string) int {
	path, err := existingDB(db)
	if err != nil {
		fail(stderr, name, err)
		return Problem
	}
	to, err := destination(path, file, force, true)
	if err != nil {
		fail(stderr, name, err)
		return Problem
	}
	kept := "No backup was written"
	if to.Exists {
		kept += ", and " + file + " is as it was"
	}
	defer scratch.RemoveOnSignal(stopped(stderr, name, kept))()
	stderr = scratch.Hush(stderr)
	dst, err := scratch.Create(to, stdout, true)
	if err != nil {
		fail(stderr, name, err)
		return Problem
	}
	defer dst.Abort()
	dst.Waiting = waiting(stderr, name, to)
	via, err := store.Backup(path, dst, force)
	if err != nil {
		return report(err, stderr, name)
	}
	from := ""
	if via == store.BackupFromRunning {
		from = ", sent by the cradle running now"
	}
	if to.Kind == scratch.TargetStdout {
		fmt.Fprintf(stderr, "Saved a copy of %s (%s) to standard output%s.\n", path, humanSize(dst.Size()), from)
		return OK
	}
	fmt.Fprintf(stderr, "Saved a copy of %s (%s) as %s%s.\n", path, humanSize(dst.Size()), wroteTo(to), from)
	if to.Kind == scratch.TargetFile {
		fmt.Fprintf(stderr, "To restore it, quit cradle and run: cradle import %s\n", file)
	}
	return OK
}

func runImport(file string, db string, stdin io.Reader, stderr io.Writer, name string) int {
	path, err := DBPath(db)
	if err != nil {
		fail(stderr, name, err)
		return Problem
	}
	var saving atomic.Bool
	nothing := stopped(stderr, name, "Nothing was imported")
	some := stopped(stderr, name, "What was saved before it is kept whole; importing the file again adds the rest and skips what is here")
	defer scratch.RemoveOnSignal(func(sig os.Signal) {
		if saving.Load() {
			some(sig)
		} else {
			nothing(sig)
		}
	})()
	stderr = scratch.Hush(stderr)
	source := file
	if file == "-" {
		// A database is read by name, and a JSON export twice (checked
		// whole, then saved): standard input is kept in a file first,
		// once its first bytes show it can be imported at all.
		source = "standard input"
		if f, ok := stdin.(*os.File); ok && term.IsTerminal(f.Fd()) {
			fail(stderr, name, errors.New("standard input is this terminal, not a file. Give the file's name, or pipe it in: cradle import - < FILE. Nothing was imported"))
			return Problem
		}
		spool, done, err := scratch.Named()
		if err != nil {
			fmt.Fprintf(stderr, "%s: cannot keep standard input in a temporary file: %v\n", name, fserr.WithoutPath(err))
			return Problem
		}
		defer done()
		if err := store.CheckImportStart(io.TeeReader(stdin, spool)); err != nil {
			fail(stderr, name, &store.ImportError{Path: source, Err: err})
			return Problem
		}
		_, err = io.Copy(spool, stdin)
		if err == nil {
			err = spool.Close()
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s: cannot read standard input: %v. Nothing was imported.\n", name, fserr.WithoutPath(err))
			return Problem
		}
		file = spool.Name()
	}
	if source != "standard input" { // said before the database is opened (or made) for it
		if err := store.CheckImport(file, path); err != nil {
			fail(stderr, name, err)
			return Problem
		}
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		fail(stderr, name, err)
		return Problem
	}
	defer st.Close()
	res, err := st.ImportAs(file, source, func() { saving.Store(true) })
	if err != nil {
		fail(stderr, name, err)
		return Problem
	}
	if res.Sessions == 0 && res.BabiesAdded == 0 {
		fmt.Fprintf(stderr, "Nothing new in %s: %s already in %s.\n", source, plural.Of(res.Skipped, "session is", "sessions are"), path)
		return OK
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Imported %s (%s) into %s.", plural.Of(res.Sessions, "session"), plural.Of(res.Events, "event"), path)
	if res.BabiesAdded > 0 {
		fmt.Fprintf(&b, " %s added.", plural.Of(res.BabiesAdded, "new baby"))
	}
	if res.Skipped > 0 {
		fmt.Fprintf(&b, " %s already here, left as they were.", plural.Of(res.Skipped, "session was", "sessions were"))
	}
	if res.Shortened > 0 {
		fmt.Fprintf(&b, " %s longer than cradle keeps, shortened.", plural.Of(res.Shortened, "text was", "texts were"))
	}
	fmt.Fprintln(stderr, b.String())
	return OK
}
