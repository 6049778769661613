// Package cli holds cradle's plain-text commands (cradle routines list,
// show, validate and new) and where the user's routine files live. Its
// commands print text and return an exit status; none starts the
// full-screen interface.
package cli

import (
	"fmt"
	"path/filepath"
	"runtime"

	"cradle/routines"
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
