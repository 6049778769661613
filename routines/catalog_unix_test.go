//go:build unix

package routines

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A named pipe called *.yaml would block a reader for ever; it is
// refused without being opened.
func TestLoadSkipsPipes(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644); err != nil {
		t.Skip("cannot make a named pipe:", err)
	}
	writeFiles(t, dir, map[string]string{"ok.yaml": short("ok", "OK")})
	rs, broken, err := LoadDir(dir)
	if err != nil || len(rs) != 1 || len(broken) != 1 {
		t.Fatalf("routines %d, broken %v, err %v", len(rs), broken, err)
	}
	if got := broken[0].First(); !strings.HasSuffix(got, "pipe.yaml: is not a plain file; a routine file is a text file") {
		t.Fatalf("got %q", got)
	}
}

// A link to a folder, named like a routine file, is a sub-folder too:
// left alone, as the folders are.
func TestLoadSkipsLinkedFolders(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"ok.yaml": short("ok", "OK")})
	if err := os.Symlink(t.TempDir(), filepath.Join(dir, "elsewhere.yaml")); err != nil {
		t.Skip("cannot make a link:", err)
	}
	rs, broken, err := LoadDir(dir)
	if err != nil || len(rs) != 1 || len(broken) != 0 {
		t.Fatalf("routines %d, broken %v, err %v", len(rs), broken, err)
	}
}
