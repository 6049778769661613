package routines

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// UserDir is the folder of the parent's own routine files:
// $XDG_CONFIG_HOME/cradle/routines, else cradle/routines in the
// platform's configuration folder (os.UserConfigDir).
func UserDir() (string, error) {
	if d := os.Getenv("XDG_CONFIG_HOME"); d != "" && runtime.GOOS != "windows" {
		return filepath.Join(d, "cradle", "routines"), nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find your configuration folder: %w", err)
	}
	return filepath.Join(d, "cradle", "routines"), nil
}

// SaveFile writes r as ID.yaml into dir (made if missing), replacing an
// earlier file of that name only once the new one is complete, and
// returns the file's path.
func SaveFile(dir string, r *Routine, header string) (string, error) {
	data, err := Marshal(r, header)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("cannot create the routines folder: %w", err)
	}
	path := filepath.Join(dir, r.ID+".yaml")
	tmp, err := os.CreateTemp(dir, "."+r.ID+"-*.yaml")
	if err != nil {
		return "", fmt.Errorf("cannot write in the routines folder: %w", err)
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	return path, nil
}
