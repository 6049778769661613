package scratch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// A file written beside its name has the name only once committed: over
// what was there when asked to, else only if nothing is. Aborted, it
// leaves nothing; either way it is no longer one a signal would remove.
func TestBeside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Beside(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("new")
	if data, _ := os.ReadFile(path); string(data) != "old" || !pending.names[f.Name()] {
		t.Fatalf("before the commit: %q, pending %v", data, pending.names)
	}
	if err := f.Commit(false); err == nil {
		t.Fatal("committed over a file without replace")
	}
	if data, _ := os.ReadFile(path); string(data) != "old" {
		t.Fatalf("a failed commit changed the file: %q", data)
	}

	// A file replaced keeps its permissions; a new one is its owner's alone.
	f, _ = Beside(path)
	f.WriteString("new")
	if err := f.Commit(true); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if data, _ := os.ReadFile(path); string(data) != "new" || info.Mode().Perm() != 0o644 {
		t.Fatalf("after the commit: %q, %v", data, info.Mode())
	}
	fresh := filepath.Join(dir, "fresh.csv")
	f, _ = Beside(fresh)
	if err := f.Commit(false); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(fresh); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("a new file: %v %v", info.Mode(), err)
	}
	os.Remove(fresh)
	f.Abort() // after Commit: nothing
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}

	f, _ = Beside(filepath.Join(dir, "gone.csv"))
	f.Abort()
	if entries, _ := os.ReadDir(dir); len(entries) != 1 || len(pending.names) != 0 {
		t.Fatalf("after an abort: %v, pending %v", entries, pending.names)
	}
}

// WriteFile is Beside and Commit in one call: a new file gets the
// permissions asked for, one replaced keeps its own, and without replace
// a file already there is left whole and the error says it exists.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "routine.yaml")
	if err := WriteFile(path, []byte("one"), 0o644, true); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o644 {
		t.Errorf("a new file: %v, want 0644", info.Mode())
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("two"), 0o644, true); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if data, _ := os.ReadFile(path); string(data) != "two" || info.Mode().Perm() != 0o640 {
		t.Errorf("replaced: %q, %v; want two, 0640 kept", data, info.Mode())
	}
	if err := WriteFile(path, []byte("three"), 0o600, false); !errors.Is(err, fs.ErrExist) {
		t.Errorf("without replace over a file: %v, want fs.ErrExist", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "two" {
		t.Errorf("a refused write changed the file: %q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 || len(pending.names) != 0 {
		t.Errorf("left behind: %v, pending %v", entries, pending.names)
	}
	if err := WriteFile(filepath.Join(dir, "no", "such", "folder"), nil, 0o600, true); err == nil {
		t.Error("writing into a missing folder did not fail")
	}
}

// A private file has no name from the start; a named one is removed when
// done, and both are gone from what a signal would remove.
func TestPrivateAndNamed(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	f, done, err := Private()
	if err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(os.TempDir()); len(entries) != 0 {
		t.Errorf("a private file has a name: %v", entries)
	}
	f.WriteString("x")
	done()
	g, done, err := Named()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(g.Name()); err != nil || !pending.names[g.Name()] {
		t.Fatalf("a named file: %v, pending %v", err, pending.names)
	}
	done()
	if entries, _ := os.ReadDir(os.TempDir()); len(entries) != 0 || len(pending.names) != 0 {
		t.Errorf("left: %v, pending %v", entries, pending.names)
	}
}
