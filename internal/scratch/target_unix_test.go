//go:build unix

package scratch

import (
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A pipe and a device are written into, never replaced; a socket and a
// disk are refused by name.
func TestResolveWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	for name, kind := range map[string]TargetKind{fifo: TargetThrough, "/dev/null": TargetThrough} {
		if got, err := Resolve(name); err != nil || got.Kind != kind {
			t.Errorf("Resolve(%q) = %+v, %v", name, got, err)
		}
	}
	if _, err := Resolve(sock); err == nil || !strings.Contains(err.Error(), sock+" is a socket") {
		t.Errorf("a socket: %v", err)
	}
	// A disk can be made only by root.
	disk := filepath.Join(dir, "disk")
	if err := syscall.Mknod(disk, syscall.S_IFBLK|0o600, 7<<8); err == nil {
		if _, err := Resolve(disk); err == nil || !strings.Contains(err.Error(), "a block device") {
			t.Errorf("a disk: %v", err)
		}
	}
}

// A pipe nobody reads yet: Out says so once, then writes into it when a
// reader comes, and the pipe stays a pipe.
func TestOutIntoAPipe(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	defer func(d time.Duration) { WaitNotice = d }(WaitNotice)
	WaitNotice = time.Millisecond
	to, err := Resolve(fifo)
	if err != nil {
		t.Fatal(err)
	}
	o, err := Create(to, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Abort()
	waiting := make(chan struct{}, 2)
	o.Waiting = func() { waiting <- struct{}{} }
	o.Write([]byte("session_id\n"))
	done := make(chan error, 1)
	go func() { done <- o.Commit(false) }()
	<-waiting // no reader yet
	r, err := os.Open(fifo)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r)
	r.Close()
	if err := <-done; err != nil || string(got) != "session_id\n" || len(waiting) != 0 {
		t.Fatalf("into the pipe: %v, read %q, told of waiting %d more times", err, got, len(waiting))
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the pipe was replaced: %v %v", info.Mode(), err)
	}
}

// A file that became something else (a pipe, a link) between the start
// of the work and its end is not replaced: a commit never renames over
// anything but a regular file.
func TestCommitReplacesOnlyAFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	for what, swap := range map[string]func() error{
		"a pipe": func() error { return syscall.Mkfifo(path, 0o600) },
		"a link": func() error { return os.Symlink("elsewhere", path) },
	} {
		if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := Beside(path)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("new")
		os.Remove(path)
		if err := swap(); err != nil {
			t.Fatal(err)
		}
		before, _ := os.Lstat(path)
		if err := f.Commit(true); err == nil || !strings.Contains(err.Error(), "is no longer a regular file (it is "+what+")") {
			t.Errorf("over %s: %v", what, err)
		}
		if after, err := os.Lstat(path); err != nil || !os.SameFile(before, after) {
			t.Errorf("%s was replaced", what)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("left in the folder: %v", entries)
		}
		os.Remove(path)
	}
}
