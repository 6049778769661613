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
	"time"

	"github.com/spf13/cobra"

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
It reads a copy of the database, so it works while cradle runs.`,
		Example: `  cradle export --format csv > sessions.csv
  cradle export --out ada.json --baby Ada --since 2026-05-01`,
		RunE: func(*cobra.Command, []string) error {
			return status(runExport(o, inv.flagDB, inv.std.Out, inv.std.Err))
		},
	}
	choiceFlag(cmd, &o.format, "format", "csv: one row per event; json: everything, for import (default: from the --out file's name)", "csv", "json")
	cmd.Flags().StringVar(&o.baby, "baby", "", "only this baby's sessions, by `NAME`")
	cmd.Flags().StringVar(&o.since, "since", "", "only sessions started on or after this `DATE` (YYYY-MM-DD)")
	cmd.Flags().StringVar(&o.out, "out", "", "write to this `FILE` instead of standard output")
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
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists")
	inv.addDBFlag(cmd.Flags())
	return cmd
}

// importCommand is "cradle import FILE".
func (inv *invocation) importCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "add the sessions of a backup or a JSON export; those already here are skipped",
		Args:  exactArgs(1, "import needs one file: a backup (from cradle backup) or a JSON export (from cradle export --format json)"),
		RunE: func(_ *cobra.Command, args []string) error {
			return status(runImport(args[0], inv.flagDB, inv.std.Out, inv.std.Err))
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

// snapshot opens a copy of the database taken in one committed state, so
// that reading never writes to it and works while cradle runs elsewhere.
// The copy is removed by the returned function.
func snapshot(dbPath string) (*store.Store, func(), error) {
	dir, err := os.MkdirTemp("", "cradle-export-")
	if err != nil {
		return nil, nil, fmt.Errorf("cannot make a temporary folder for the copy: %w", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	copyPath := filepath.Join(dir, "cradle.db")
	if _, err := store.Backup(dbPath, copyPath, false); err != nil {
		cleanup()
		return nil, nil, err
	}
	st, err := store.Open(copyPath, store.Options{})
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	return st, func() { st.Close(); cleanup() }, nil
}

func runExport(o exportOptions, db string, stdout, stderr io.Writer) int {
	format, baby, since, out := o.format, o.baby, o.since, o.out
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
		return 2
	}
	var f store.Filter
	f.Baby = baby
	if since != "" {
		t, err := time.ParseInLocation(store.DateLayout, since, time.Local)
		if err != nil {
			fmt.Fprintf(stderr, "cradle export: --since %q is not a date; write it as year-month-day, like 2026-05-14.\n", since)
			return 2
		}
		f.Since = t
	}
	path, err := existingDB(db)
	if err != nil {
		fmt.Fprintln(stderr, "cradle:", err)
		return 1
	}
	st, done, err := snapshot(path)
	if err != nil {
		fmt.Fprintln(stderr, "cradle:", err)
		return 1
	}
	defer done()
	// The store would refuse too; here it is said in the parent's words.
	same, err := babiesCalled(st, baby)
	if err != nil {
		fmt.Fprintln(stderr, "cradle:", err)
		return 1
	}
	if len(same) > 1 {
		fmt.Fprintf(stderr, "cradle export: %d babies are called %q (%s), so it is not clear whose sessions to export. Nothing was exported: give one of them another name in cradle (b, then e), then export again.\n",
			len(same), strings.TrimSpace(baby), strings.Join(same, ", "))
		return 1
	}
	write := func(w io.Writer) error {
		if format == "csv" {
			return st.ExportCSV(w, f)
		}
		return st.ExportJSON(w, f)
	}
	if out == "" {
		bw := bufio.NewWriter(stdout)
		err = write(bw)
		if err == nil {
			err = bw.Flush()
		}
	} else {
		err = writeFileWhole(out, write)
	}
	if err != nil {
		fmt.Fprintln(stderr, "cradle:", err)
		return 1
	}
	if out != "" {
		fmt.Fprintf(stdout, "Wrote %s.\n", out)
	}
	return 0
}

// babiesCalled is the names of the babies --baby name matches, as the
// export matches them.
func babiesCalled(st *store.Store, name string) ([]string, error) {
	if strings.TrimSpace(name) == "" {
		return nil, nil
	}
	babies, err := st.Babies()
	if err != nil {
		return nil, err
	}
	var same []string
	for _, b := range babies {
		if store.SameName(b.Name, name) {
			same = append(same, b.Name)
		}
	}
	return same, nil
}

// writeFileWhole writes a file beside its final name and renames it into
// place only once it is complete: a full disk never leaves half a file,
// nor replaces a good one.
func writeFileWhole(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".partial-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o600)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w; nothing was written there", path, unwrapPath(err))
	}
	return nil
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
		fmt.Fprintln(stderr, "cradle:", err)
		return 1
	}
	via, err := store.Backup(path, file, force)
	if err != nil {
		fmt.Fprintln(stderr, "cradle:", err)
		return 1
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
	return 0
}

func runImport(file string, db string, stdout, stderr io.Writer) int {
	path, err := DBPath(db)
	if err != nil {
		fmt.Fprintln(stderr, "cradle:", err)
		return 1
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		fmt.Fprintln(stderr, "cradle:", err)
		return 1
	}
	defer st.Close()
	res, err := st.Import(file)
	if err != nil {
		fmt.Fprintln(stderr, "cradle:", err)
		return 1
	}
	if res.Sessions == 0 && res.BabiesAdded == 0 {
		fmt.Fprintf(stdout, "Nothing new in %s: %s already in %s.\n", file, plural(res.Skipped, "session is", "sessions are"), path)
		return 0
	}
	fmt.Fprintf(stdout, "Imported %s (%s) into %s.", plural(res.Sessions, "session"), plural(res.Events, "event"), path)
	if res.BabiesAdded > 0 {
		fmt.Fprintf(stdout, " %s added.", plural(res.BabiesAdded, "new baby"))
	}
	if res.Skipped > 0 {
		fmt.Fprintf(stdout, " %s already here, left as they were.", plural(res.Skipped, "session was", "sessions were"))
	}
	fmt.Fprintln(stdout)
	return 0
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
