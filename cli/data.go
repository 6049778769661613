package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/cradle-coach/cradle/internal/scratch"
	"github.com/cradle-coach/cradle/store"
)

// exportCommand is "cradle export": sessions and events as CSV or JSON.
func (inv *invocation) exportCommand() *cobra.Command {
	var o exportOptions
	cmd := &cobra.Command{
		Use:   "export",
		Short: "write sessions and events as CSV or JSON, to standard output or a file",
		Long: `Write sessions and events to standard output, or to a file with --out: CSV
(one row per event, for a spreadsheet) or JSON (everything, for cradle import).
It never writes to the database, and works while cradle runs: the running
cradle makes the export then. A file is written whole or not at all, and is
never a cradle database.`,
		Example: `  cradle export --format csv > sessions.csv
  cradle export --out ada.json --baby Ada --since 2026-05-01`,
		RunE: func(*cobra.Command, []string) error {
			return status(runExport(o, inv.flagDB, inv.std.Out, inv.std.Err))
		},
	}
	choiceFlag(cmd, &o.format, "format", "csv: one row per event; json: everything, for import (default: from the --out file's name)", "csv", "json")
	cmd.Flags().StringVar(&o.baby, "baby", "", "only this baby's sessions, by `NAME`")
	cmd.Flags().StringVar(&o.since, "since", "", "only sessions started on or after this `DATE` (YYYY-MM-DD)")
	cmd.Flags().StringVar(&o.out, "out", "", "write to this `FILE` (- or none: standard output)")
	inv.addDBFlag(cmd.Flags())
	return cmd
}

// backupCommand is "cradle backup FILE".
func (inv *invocation) backupCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: "write a consistent copy of the database, even while cradle runs",
		Args:  exactArgs(1, "backup needs one file to write the copy to, such as cradle backup cradle-2026-11-27.db"),
		RunE: func(_ *cobra.Command, args []string) error {
			return status(runBackup(args[0], force, inv.flagDB, inv.std.Out, inv.std.Err))
		},
	}
	switchVar(cmd.Flags(), &force, "force", "", "replace FILE if it exists")
	inv.addDBFlag(cmd.Flags())
	return cmd
}

// importCommand is "cradle import FILE".
func (inv *invocation) importCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "add the sessions of a backup or a JSON export; those already here are skipped",
		Long: `Add the babies and sessions of a backup (from cradle backup) or a JSON export
(from cradle export --format json); - reads standard input. The whole file is
checked before anything is saved: a damaged file adds nothing. Those already
here are skipped, so importing twice adds nothing. Quit cradle first.`,
		Args: exactArgs(1, "import needs one file: a backup (from cradle backup) or a JSON export (from cradle export --format json), or - for standard input"),
		RunE: func(_ *cobra.Command, args []string) error {
			return status(runImport(args[0], inv.flagDB, inv.std.In, inv.std.Out, inv.std.Err))
		},
	}
	inv.addDBFlag(cmd.Flags())
	return cmd
}

// exportOptions are cradle export's flags.
type exportOptions struct {
	format, baby, since, out string
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

func runExport(o exportOptions, db string, stdout, stderr io.Writer) int {
	format, baby, since, out := o.format, o.baby, o.since, o.out
	if out == "-" {
		out = "" // standard output
	}
	if format == "" {
		switch strings.ToLower(filepath.Ext(out)) {
		case ".csv":
			format = "csv"
		case ".json":
			format = "json"
		}
	}
	if format != "csv" && format != "json" {
		fmt.Fprintln(stderr, "cradle export: --format must be csv or json.")
		return Usage
	}
	var f store.Filter
	f.Baby = baby
	if since != "" {
		t, err := time.ParseInLocation(store.DateLayout, since, time.Local)
		if err != nil {
			fmt.Fprintf(stderr, "cradle export: --since %q is not a date; write it as year-month-day, like 2026-05-14.\n", since)
			return Usage
		}
		f.Since = t
	}
	path, err := existingDB(db)
	if err != nil {
		fail(stderr, err)
		return Problem
	}
	if out != "" {
		if err := store.CheckOutput(path, out, false); err != nil {
			fail(stderr, err)
			return Problem
		}
	}
	defer scratch.RemoveOnSignal(stopped(stderr, "Nothing was exported"))()
	dst, err := newOutput(out, stdout)
	if err != nil {
		fail(stderr, err)
		return Problem
	}
	defer dst.abort()
	if _, err := store.Export(path, dst, format, f); err != nil {
		if dst.failed != nil {
			err = dst.failed
		}
		return dst.report(err, stderr)
	}
	if err := dst.commit(); err != nil {
		return dst.report(err, stderr)
	}
	if out != "" {
		fmt.Fprintf(stdout, "Wrote %s.\n", out)
	}
	return OK
}

// output is where an export goes, whole or not at all. A file is written
// beside its name and renamed over it once complete. Standard output (or
// a pipe or a device named with --out) is fed from a private temporary
// file once the database has been let go, so a slow reader (less, a
// stalled pipe) never keeps cradle from its database, and a running
// cradle never waits for it.
type output struct {
	name   string        // the file named, "" for standard output
	beside *scratch.File // a file's copy being written, or nil
	spool  *os.File      // else the private file
	done   func()
	to     io.Writer // where the spool goes: standard output, or an open pipe or device
	w      *bufio.Writer
	failed error // the first write that failed
}

func newOutput(name string, stdout io.Writer) (*output, error) {
	o := &output{name: name, to: stdout}
	info, err := os.Stat(name)
	switch {
	case name != "" && (err != nil || info.Mode().IsRegular()):
		if o.beside, err = scratch.Beside(name); err != nil {
			return nil, fmt.Errorf("cannot write %s: %w", name, unwrapPath(err))
		}
		o.w = bufio.NewWriterSize(o.beside, 1<<16)
	default:
		if o.spool, o.done, err = scratch.Private(); err != nil {
			return nil, fmt.Errorf("cannot make a temporary file: %w", unwrapPath(err))
		}
		o.w = bufio.NewWriterSize(o.spool, 1<<16)
	}
	return o, nil
}

func (o *output) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if err != nil && o.failed == nil {
		o.failed = err
	}
	return n, err
}

// commit gives the file its name, or sends the spool on.
func (o *output) commit() error {
	if err := o.w.Flush(); err != nil {
		o.failed = err
		return err
	}
	if o.beside != nil {
		return o.beside.Commit(true)
	}
	if _, err := o.spool.Seek(0, io.SeekStart); err != nil {
		return err
	}
	to := o.to
	if o.name != "" {
		f, err := os.OpenFile(o.name, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		to = f
	}
	_, err := io.Copy(to, o.spool)
	return err
}

// abort removes what was written; after commit it does nothing more.
func (o *output) abort() {
	if o.beside != nil {
		o.beside.Abort()
	}
	if o.done != nil {
		o.done()
	}
}

// report says why an export failed. A reader that went away (| head) is
// no failure of cradle's: it stops quietly, as a shell's tools do.
func (o *output) report(err error, stderr io.Writer) int {
	if errors.Is(err, syscall.EPIPE) {
		return scratch.ExitCode(syscall.SIGPIPE)
	}
	if errors.Is(err, o.failed) && o.name != "" {
		err = fmt.Errorf("writing %s: %w; nothing was written there", o.name, unwrapPath(err))
	}
	fail(stderr, err)
	return Problem
}

// fail says what went wrong, as one sentence on standard error.
func fail(stderr io.Writer, err error) {
	msg := err.Error()
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") {
		msg += "."
	}
	fmt.Fprintln(stderr, "cradle:", Safe(msg))
}

// stopped is what a data command says when a signal stops it.
func stopped(stderr io.Writer, what string) func(os.Signal) {
	return func(sig os.Signal) {
		fmt.Fprintf(stderr, "cradle: %s. %s.\n", scratch.Describe(sig), what)
	}
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func runBackup(file string, force bool, db string, stdout, stderr io.Writer) int {
	path, err := existingDB(db)
	if err != nil {
		fail(stderr, err)
		return Problem
	}
	defer scratch.RemoveOnSignal(stopped(stderr, "No backup was written, and "+file+" is as it was"))()
	via, err := store.Backup(path, file, force)
	if err != nil {
		fail(stderr, err)
		return Problem
	}
	size := ""
	if info, err := os.Stat(file); err == nil {
		size = fmt.Sprintf(" (%.1f MB)", float64(info.Size())/1e6)
	}
	from := ""
	if via == store.FromRunning {
		from = ", sent by the cradle running now"
	}
	fmt.Fprintf(stdout, "Saved a copy of %s as %s%s%s.\nTo restore it, quit cradle and run: cradle import %s\n", path, file, size, from, file)
	return OK
}

func runImport(file string, db string, stdin io.Reader, stdout, stderr io.Writer) int {
	path, err := DBPath(db)
	if err != nil {
		fail(stderr, err)
		return Problem
	}
	defer scratch.RemoveOnSignal(stopped(stderr, "What was imported before is kept whole; importing the file again adds the rest"))()
	name := file
	if file == "-" {
		// A database is read by name, and a JSON export twice (checked
		// whole, then saved): standard input is kept in a file first.
		name = "standard input"
		spool, done, err := scratch.Named()
		if err != nil {
			fmt.Fprintf(stderr, "cradle: cannot keep standard input in a temporary file: %v\n", unwrapPath(err))
			return Problem
		}
		defer done()
		_, err = io.Copy(spool, stdin)
		if err == nil {
			err = spool.Close()
		}
		if err != nil {
			fmt.Fprintf(stderr, "cradle: cannot read standard input: %v. Nothing was imported.\n", unwrapPath(err))
			return Problem
		}
		file = spool.Name()
	}
	if name != "standard input" { // said before the database is opened (or made) for it
		if err := store.CheckImport(file, path); err != nil {
			fail(stderr, err)
			return Problem
		}
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		fail(stderr, err)
		return Problem
	}
	defer st.Close()
	res, err := st.ImportAs(file, name)
	if err != nil {
		fail(stderr, err)
		return Problem
	}
	if res.Sessions == 0 && res.BabiesAdded == 0 {
		fmt.Fprintf(stdout, "Nothing new in %s: %s already in %s.\n", name, plural(res.Skipped, "session is", "sessions are"), path)
		return OK
	}
	fmt.Fprintf(stdout, "Imported %s (%s) into %s.", plural(res.Sessions, "session"), plural(res.Events, "event"), path)
	if res.BabiesAdded > 0 {
		fmt.Fprintf(stdout, " %s added.", plural(res.BabiesAdded, "new baby"))
	}
	if res.Skipped > 0 {
		fmt.Fprintf(stdout, " %s already here, left as they were.", plural(res.Skipped, "session was", "sessions were"))
	}
	if res.Shortened > 0 {
		fmt.Fprintf(stdout, " %s longer than cradle keeps, shortened.", plural(res.Shortened, "text was", "texts were"))
	}
	fmt.Fprintln(stdout)
	return OK
}

// plural is "1 session" or "3 sessions"; a second form is the plural.
func plural(n int, one string, many ...string) string {
	if n == 1 {
		return "1 " + one
	}
	if len(many) > 0 {
		return fmt.Sprintf("%d %s", n, many[0])
	}
	if strings.HasSuffix(one, "y") && !strings.HasSuffix(one, "ey") {
		return fmt.Sprintf("%d %sies", n, one[:len(one)-1])
	}
	return fmt.Sprintf("%d %ss", n, one)
}
