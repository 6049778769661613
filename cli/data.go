package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cradle-coach/cradle/store"
)

// Commands are the data commands (export, backup, import). Like the
// routines commands they print plain text and never start the full-screen
// interface: they work from scripts, pipes and cron.
var Commands = map[string]func(args []string, db string, stdout, stderr io.Writer) int{
	"export": runExport,
	"backup": runBackup,
	"import": runImport,
}

// CommandsUsage is their part of cradle --help.
const CommandsUsage = `  cradle export --format csv|json [--baby NAME] [--since YYYY-MM-DD] [--out FILE]
                              write sessions and events to standard output or FILE
  cradle backup [--force] FILE
                              write a consistent copy of the database, even while cradle runs
  cradle import FILE          add the sessions of a backup or a JSON export; those already here are skipped
`

// subFlags is a subcommand's flag set; --db may also come after the
// command (cradle export --db FILE ...).
func subFlags(name, usage string, db *string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("cradle "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(db, "db", *db, "the database `file` (default: $CRADLE_DB, else "+DBHint()+")")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage:\n  %s\n\nFlags:\n", usage)
		fs.PrintDefaults()
	}
	return fs
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

func runExport(args []string, db string, stdout, stderr io.Writer) int {
	var format, baby, since, out string
	fs := subFlags("export", "cradle export --format csv|json [--baby NAME] [--since YYYY-MM-DD] [--out FILE]", &db, stderr)
	fs.StringVar(&format, "format", "", "`csv` (one row per event) or json (everything, for import)")
	fs.StringVar(&baby, "baby", "", "only this baby's sessions (by `name`)")
	fs.StringVar(&since, "since", "", "only sessions started on or after this `date` (YYYY-MM-DD)")
	fs.StringVar(&out, "out", "", "write to this `file` instead of standard output")
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return exitFlag(err)
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "cradle export: unexpected %q. Use --out FILE to write to a file.\n", rest[0])
		return 2
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

func runBackup(args []string, db string, stdout, stderr io.Writer) int {
	var force bool
	fs := subFlags("backup", "cradle backup [--force] FILE", &db, stderr)
	fs.BoolVar(&force, "force", false, "replace FILE if it exists")
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return exitFlag(err)
	}
	if len(rest) != 1 {
		fmt.Fprintln(stderr, "cradle backup: give one file to write the copy to, such as cradle backup cradle-2026-11-27.db")
		return 2
	}
	path, err := existingDB(db)
	if err != nil {
		fmt.Fprintln(stderr, "cradle:", err)
		return 1
	}
	via, err := store.Backup(path, rest[0], force)
	if err != nil {
		fmt.Fprintln(stderr, "cradle:", err)
		return 1
	}
	size := ""
	if info, err := os.Stat(rest[0]); err == nil {
		size = fmt.Sprintf(" (%.1f MB)", float64(info.Size())/1e6)
	}
	from := ""
	if via == store.FromRunning {
		from = ", sent by the cradle running now"
	}
	fmt.Fprintf(stdout, "Saved a copy of %s as %s%s%s.\nTo restore it, quit cradle and run: cradle import %s\n", path, rest[0], size, from, rest[0])
	return 0
}

func runImport(args []string, db string, stdout, stderr io.Writer) int {
	fs := subFlags("import", "cradle import FILE", &db, stderr)
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return exitFlag(err)
	}
	if len(rest) != 1 {
		fmt.Fprintln(stderr, "cradle import: give one file: a backup (from cradle backup) or a JSON export (from cradle export --format json)")
		return 2
	}
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
	res, err := st.Import(rest[0])
	if err != nil {
		fmt.Fprintln(stderr, "cradle:", err)
		return 1
	}
	if res.Sessions == 0 && res.BabiesAdded == 0 {
		fmt.Fprintf(stdout, "Nothing new in %s: %s already in %s.\n", rest[0], plural(res.Skipped, "session is", "sessions are"), path)
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

func exitFlag(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}
