// Package cli holds cradle's plain-text commands (cradle routines list,
// show, validate and new; export, backup and import) and where the
// database and the user's routine files live. Its commands print text and
// return an exit status; none starts the full-screen interface.
package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/cradle-coach/cradle/routines"
)

// RoutinesDir is the folder of the user's own routine files: flagValue
// (--routines) when given, else the platform's config folder:
// $XDG_CONFIG_HOME/cradle/routines on Linux (~/.config/cradle/routines
// when it is not set), ~/Library/Application Support/cradle/routines on
// macOS, %AppData%\cradle\routines on Windows.
func RoutinesDir(flagValue string) (string, error) {
	if flagValue != "" {
		// absolute, so the file a session names stays findable
		if abs, err := filepath.Abs(flagValue); err == nil {
			return abs, nil
		}
		return flagValue, nil
	}
	dir, err := routines.UserDir()
	if err != nil {
		return "", fmt.Errorf("%v; use --routines to say where your routine files are", err)
	}
	return dir, nil
}

// RoutinesDirHint is how the default routines folder is written in help.
func RoutinesDirHint() string {
	switch runtime.GOOS {
	case "darwin":
		return "~/Library/Application Support/cradle/routines"
	case "windows":
		return `%AppData%\cradle\routines`
	}
	return "$XDG_CONFIG_HOME/cradle/routines"
}

// DBPath resolves the database file: --db, else $CRADLE_DB, else the
// platform's data folder. Its folder is created if needed.
func DBPath(flagValue string) (string, error) {
	path, err := DBFile(flagValue)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", fmt.Errorf("cannot create the folder for the database (%s): %w. Use --db to choose another place", filepath.Dir(path), err)
	}
	return path, nil
}

// DBFile is the database file's path: --db, else $CRADLE_DB, else the
// platform's data folder.
func DBFile(flagValue string) (string, error) {
	path := flagValue
	if path == "" {
		path = os.Getenv("CRADLE_DB")
	}
	if path == "" {
		dir, err := dataDir()
		if err != nil {
			return "", err
		}
		path = filepath.Join(dir, "cradle", "cradle.db")
	}
	return path, nil
}

// dataDir is where the platform keeps an application's data.
func dataDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && runtime.GOOS != "windows" {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find your home folder (%w); use --db or $CRADLE_DB to say where the database goes", err)
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Application Support"), nil
	case "windows":
		if d := os.Getenv("LocalAppData"); d != "" {
			return d, nil
		}
		return filepath.Join(home, "AppData", "Local"), nil
	}
	return filepath.Join(home, ".local", "share"), nil
}

// DBHint says where the database is by default, for usage texts.
func DBHint() string {
	switch runtime.GOOS {
	case "darwin":
		return "~/Library/Application Support/cradle/cradle.db"
	case "windows":
		return `%LocalAppData%\cradle\cradle.db`
	}
	return "$XDG_DATA_HOME/cradle/cradle.db"
}
