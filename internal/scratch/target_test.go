package scratch

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The one rule for a name given to write to: standard output by any of
// its names (or a link to one), a file through any link to it (made
// where a link leads to nothing yet), and a folder refused by name.
func TestResolve(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.csv")
	if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	dangling := filepath.Join(dir, "dangling.csv")
	toStdout := filepath.Join(dir, "out")
	loop := filepath.Join(dir, "loop")
	for _, l := range [][2]string{{"real.csv", link}, {"missing.csv", dangling}, {"/dev/stdout", toStdout}, {"loop", loop}} {
		if err := os.Symlink(l[0], l[1]); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name   string
		kind   TargetKind
		path   string
		exists bool
		err    string
	}{
		{name: "", kind: TargetStdout},
		{name: "-", kind: TargetStdout},
		{name: "/dev/stdout", kind: TargetStdout},
		{name: "/dev/fd/1", kind: TargetStdout},
		{name: toStdout, kind: TargetStdout},
		{name: filepath.Join(dir, "new.csv"), kind: TargetFile, path: filepath.Join(dir, "new.csv")},
		{name: real, kind: TargetFile, path: real, exists: true},
		{name: link, kind: TargetFile, path: real, exists: true},
		{name: dangling, kind: TargetFile, path: filepath.Join(dir, "missing.csv")},
		{name: dir, err: dir + " is a folder; give the name of a file to write"},
		{name: loop, err: "cannot write " + loop},
	} {
		got, err := Resolve(c.name)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("Resolve(%q) = %+v, %v; want the error %q", c.name, got, err, c.err)
			}
			continue
		}
		if err != nil || got.Kind != c.kind || got.Path != c.path || got.Exists != c.exists {
			t.Errorf("Resolve(%q) = %+v, %v; want kind %d, path %q, exists %v", c.name, got, err, c.kind, c.path, c.exists)
		}
	}
}

// Standard output is written to as it is, whole, once all is written.
func TestOutToStdout(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	var stdout bytes.Buffer
	o, err := Create(Target{Name: "-", Kind: TargetStdout}, &stdout, false)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Abort()
	o.Write([]byte("a,b\n"))
	if stdout.Len() != 0 || o.WorkFile() != "" {
		t.Fatalf("before the commit: %q, work file %q", stdout.String(), o.WorkFile())
	}
	if err := o.Commit(false); err != nil || stdout.String() != "a,b\n" || o.Size() != 4 {
		t.Fatalf("after the commit: %v %q, size %d", err, stdout.String(), o.Size())
	}
}

// A file written through a link replaces the file the link leads to, and
// keeps its permissions; the link stays a link.
func TestOutThroughALink(t *testing.T) {
	dir := t.TempDir()
	real, link := filepath.Join(dir, "real.db"), filepath.Join(dir, "link.db")
	if err := os.WriteFile(real, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.db", link); err != nil {
		t.Fatal(err)
	}
	to, err := Resolve(link)
	if err != nil {
		t.Fatal(err)
	}
	o, err := Create(to, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	o.Write([]byte("new"))
	if err := o.Flush(); err != nil || filepath.Dir(o.WorkFile()) != dir {
		t.Fatalf("the copy is written at %q (%v), not beside %s", o.WorkFile(), err, real)
	}
	if err := o.Commit(true); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", info.Mode(), err)
	}
	info, _ := os.Stat(real)
	if data, _ := os.ReadFile(real); string(data) != "new" || info.Mode().Perm() != 0o640 {
		t.Fatalf("the file the link leads to: %q, %v", data, info.Mode())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("left in the folder: %v", entries)
	}
}
