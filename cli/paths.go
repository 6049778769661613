package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// Where cradle keeps its files, by system:
//
//	             settings and routines          database
//	Linux, BSD   $XDG_CONFIG_HOME/cradle        $XDG_DATA_HOME/cradle
//	             (else ~/.config/cradle)        (else ~/.local/share/cradle)
//	macOS        ~/Library/Application Support/cradle, for both
//	Windows      %AppData%\cradle               %LocalAppData%\cradle
//
// A relative XDG_* value is ignored, as the XDG base directory spec asks.
// macOS uses its Library folder whatever XDG_* says, so the folder help
// names is always the one used.

// folder is one of cradle's folders.
type folder int

const (
	configFolder folder = iota // settings and routines
	dataFolder                 // the database
)

// where finds f on goos, from the environment and the home folder.
func (f folder) where(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	base := func(env string, under ...string) (string, error) {
		if d := getenv(env); d != "" && (filepath.IsAbs(d) || goos == "windows" && isAbsWindows(d)) {
			return d, nil
		}
		h, err := home()
		if err != nil {
			return "", fmt.Errorf("cannot find your home folder: %w", err)
		}
		return filepath.Join(append([]string{h}, under...)...), nil
	}
	var dir string
	var err error
	switch {
	case goos == "darwin":
		dir, err = base("", "Library", "Application Support")
	case goos == "windows" && f == configFolder:
		dir, err = base("AppData", "AppData", "Roaming")
	case goos == "windows":
		dir, err = base("LocalAppData", "AppData", "Local")
	case f == configFolder:
		dir, err = base("XDG_CONFIG_HOME", ".config")
	default:
		dir, err = base("XDG_DATA_HOME", ".local", "share")
	}
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "cradle"), nil
}

// isAbsWindows is filepath.IsAbs for a Windows path, on any system (the
// tests of Windows' folders run everywhere).
func isAbsWindows(p string) bool {
	return len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/') || len(p) >= 2 && p[0] == '\\' && p[1] == '\\'
}

// hint is how f is written in help and the man page, for this system.
func (f folder) hint(goos string) string {
	switch {
	case goos == "darwin":
		return "~/Library/Application Support/cradle"
	case goos == "windows" && f == configFolder:
		return `%AppData%\cradle`
	case goos == "windows":
		return `%LocalAppData%\cradle`
	case f == configFolder:
		return "$XDG_CONFIG_HOME/cradle"
	}
	return "$XDG_DATA_HOME/cradle"
}

// path is f on this computer.
func (f folder) path() (string, error) {
	return f.where(runtime.GOOS, os.Getenv, os.UserHomeDir)
}

// join writes a path under a hint with the system's separator.
func join(hint string, names ...string) string {
	sep := "/"
	if runtime.GOOS == "windows" {
		sep = `\`
	}
	for _, n := range names {
		hint += sep + n
	}
	return hint
}

// RoutinesDir is the folder of the user's own routine files: flagValue
// (--routines) when given, else routines in cradle's config folder.
func RoutinesDir(flagValue string) (string, error) {
	if flagValue != "" {
		// absolute, so the file a session names stays findable
		if abs, err := filepath.Abs(flagValue); err == nil {
			return abs, nil
		}
		return flagValue, nil
	}
	dir, err := configFolder.path()
	if err != nil {
		return "", fmt.Errorf("%v; use --routines to say where your routine files are", err)
	}
	return filepath.Join(dir, "routines"), nil
}

// RoutinesDirHint is how the default routines folder is written in help.
func RoutinesDirHint() string { return join(configFolder.hint(runtime.GOOS), "routines") }

// ConfigFile is the settings file: config.yaml in cradle's config folder.
func ConfigFile() (string, error) {
	dir, err := configFolder.path()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "config.yaml"), nil
}

// ConfigFileHint is how the settings file is written in help.
func ConfigFileHint() string { return join(configFolder.hint(runtime.GOOS), "config.yaml") }

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
		dir, err := dataFolder.path()
		if err != nil {
			return "", fmt.Errorf("%v; use --db or $CRADLE_DB to say where the database goes", err)
		}
		path = filepath.Join(dir, "cradle.db")
	}
	return path, nil
}

// DBHint says where the database is by default, for usage texts.
func DBHint() string { return join(dataFolder.hint(runtime.GOOS), "cradle.db") }
