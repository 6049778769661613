package store_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// serving is the history of history(), opened and answering requests as
// a running cradle does.
func serving(t *testing.T) (*store.Store, string) {
	t.Helper()
	st, path := history(t)
	stop, err := st.ServeBackups()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return st, path
}

// ask sends one request line to the running cradle at sock and reads its
// answer's first line; the rest of the answer is left in r. The
// connection closes at the end of the test.
func ask(t *testing.T, sock, request string) (r *bufio.Reader, head string) {
	t.Helper()
	conn, err := net.Dial("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "%s\n", request)
	r = bufio.NewReader(conn)
	head, err = answer(r)
	if err != nil {
		t.Fatalf("answer %q: %v", head, err)
	}
	return r, head
}

// answer reads the running cradle's answer line, past the "wait" lines
// it sends while it makes a big answer.
func answer(r *bufio.Reader) (string, error) {
	for {
		line, err := r.ReadString('\n')
		if err != nil || line != "wait\n" {
			return line, err
		}
	}
}

// within fails the test if fn has not returned after limit: a guard
// against a hang, far above what fn needs, never a measure of speed.
func within(t *testing.T, limit time.Duration, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(limit):
		t.Fatalf("%s did not finish within %v", what, limit)
	}
}

// A client that asks for a backup and then stops reading (a suspended
// process, a slow disk) holds nothing: the running cradle saves on, and
// quitting does not wait for it.
func TestAClientThatStopsReadingHoldsNothing(t *testing.T) {
	st, path := history(t)
	stop, err := st.ServeBackups()
	if err != nil {
		t.Fatal(err)
	}
	live, err := st.StartSession(store.Session{BabyID: 1, BabyName: "Ada", Started: day0.AddDate(0, 1, 0)})
	if err != nil {
		t.Fatal(err)
	}
	sock, err := store.SocketPath(path)
	if err != nil {
		t.Fatal(err)
	}
	r, head := ask(t, sock, `{"op":"backup"}`)
	var announced int64
	if _, err := fmt.Sscanf(head, "ok %d", &announced); err != nil {
		t.Fatalf("answer %q", head)
	}
	// The client reads no more. The file grows well past what the
	// database had mapped when the copy began; while a read transaction
	// stays open bbolt cannot map more, and every commit waits for it.
	size, _ := st.Size()
	big := strings.Repeat("x", 4000)
	var saved int
	within(t, time.Minute, "saving 1,000 events beside the stalled client", func() {
		at := live.Started
		for i := range 1000 {
			at = at.Add(time.Second)
			if err := st.Append(live.ID, routines.Event{Kind: routines.EvStepDone, At: at, Region: "legs", Step: big, Index: i}); err != nil {
				t.Error(err)
				return
			}
			saved++
		}
	})
	if grown, _ := st.Size(); saved != 1000 || grown < 2*size {
		t.Fatalf("saved %d events; the file went from %d to %d bytes", saved, size, grown)
	}
	// All the while the client was still being served: it reads the
	// rest now, a whole copy from before those events.
	cp := filepath.Join(t.TempDir(), "copy.db")
	f, _ := os.Create(cp)
	n, err := io.Copy(f, r)
	f.Close()
	if n != announced {
		t.Fatalf("the client got %d of %d bytes (%v)", n, announced, err)
	}
	if err := store.Check(cp); err != nil {
		t.Fatal(err)
	}
	// Quitting with a client stalled part way: it is dropped, and stop is
	// prompt.
	if _, head := ask(t, sock, `{"op":"backup"}`); !strings.HasPrefix(head, "ok ") {
		t.Fatalf("answer %q", head)
	}
	within(t, 2*time.Second+time.Second, "stop", stop)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(sock); !os.IsNotExist(err) {
		t.Errorf("the socket is left behind: %v", err)
	}
}

// The socket's path is short and the same for every path to the
// database: a folder nested deep, a symbolic link, a hard link. Only its
// owner may use it.
func TestTheSocketIsFoundByAnyPath(t *testing.T) {
	deep := t.TempDir()
	for range 8 {
		deep = filepath.Join(deep, strings.Repeat("nested", 3))
	}
	if err := os.MkdirAll(deep, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(deep, "cradle.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.SaveBaby(store.Baby{Name: "Ada"}); err != nil {
		t.Fatal(err)
	}
	stop, err := st.ServeBackups()
	if err != nil {
		t.Fatalf("serving a database %d bytes deep: %v", len(path), err)
	}
	defer stop()
	sock, _ := store.SocketPath(path)
	if len(sock) > 100 || len(path) < 150 {
		t.Errorf("database %d bytes, socket %d bytes: %s", len(path), len(sock), sock)
	}
	if info, err := os.Stat(sock); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("socket %s: %v, %v", sock, info.Mode(), err)
	}
	dir := t.TempDir()
	link, hard := filepath.Join(dir, "link.db"), filepath.Join(dir, "hard.db")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(path, hard); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{link, hard} {
		if s, _ := store.SocketPath(p); s != sock {
			t.Errorf("%s: socket %s, want %s", p, s, sock)
		}
		var buf bytes.Buffer
		if via, err := store.Export(p, &buf, "json", store.Filter{}); err != nil || via != store.BackupFromRunning || !strings.Contains(buf.String(), `"Ada"`) {
			t.Errorf("export through %s: %v, %v\n%s", p, via, err, buf.String())
		}
	}
}

// Every way of not reaching a running cradle is said in words.
func TestUnreachableSaysWhy(t *testing.T) {
	st, path := history(t) // open, not serving
	sock, err := store.SocketPath(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := store.Export(path, &buf, "csv", store.Filter{}); err == nil || !strings.Contains(err.Error(), "not answering copy requests (there is no "+sock) {
		t.Errorf("no socket: %v", err)
	}
	// A socket nobody listens on any more.
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close()
	if _, err := store.Export(path, &buf, "csv", store.Filter{}); err == nil || !strings.Contains(err.Error(), "nobody answers at "+sock) {
		t.Errorf("a dead socket: %v", err)
	}
	os.Remove(sock)
	// Not a socket at all.
	if err := os.WriteFile(sock, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(sock)
	if _, err := store.Export(path, &buf, "csv", store.Filter{}); err == nil || !strings.Contains(err.Error(), "is not that cradle's") {
		t.Errorf("a file where the socket goes: %v", err)
	}
	if _, err := st.ServeBackups(); err == nil || !strings.Contains(err.Error(), "is not this cradle's") {
		t.Errorf("serving where a file is: %v", err)
	}
	if buf.Len() != 0 {
		t.Errorf("written: %q", buf.String())
	}
}

// An export from the running cradle is the export the store makes.
func TestExportFromTheRunningCradle(t *testing.T) {
	st, path := serving(t)
	for _, format := range []string{"csv", "json"} {
		var got, want bytes.Buffer
		f := store.Filter{Baby: "bea", Since: day0.AddDate(0, 0, 7)}
		via, err := store.Export(path, &got, format, f)
		if err != nil || via != store.BackupFromRunning {
			t.Fatalf("%s: %v, %v", format, via, err)
		}
		if format == "csv" {
			err = st.ExportCSV(&want, f)
		} else {
			err = st.ExportJSON(&want, f)
		}
		if err != nil || !bytes.Equal(got.Bytes(), want.Bytes()) || got.Len() < 1000 {
			t.Errorf("%s: %d bytes, want the store's %d (%v)", format, got.Len(), want.Len(), err)
		}
	}
	// A baby nobody is called: the running cradle's words.
	var buf bytes.Buffer
	if _, err := store.Export(path, &buf, "csv", store.Filter{Baby: "Cy"}); err == nil || !strings.Contains(err.Error(), `there is no baby called "Cy": the babies are Ada, Bea`) {
		t.Errorf("an unknown baby: %v", err)
	}
}

// Export opens a database no cradle has open read-only: the file is not
// written (not even its lock), and nothing is copied anywhere.
func TestExportReadsTheFileInPlace(t *testing.T) {
	st, path := history(t)
	var want bytes.Buffer
	if err := st.ExportJSON(&want, store.Filter{}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	before := readAll(t, path)
	info, _ := os.Stat(path)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var got bytes.Buffer
	if via, err := store.Export(path, &got, "json", store.Filter{}); err != nil || via != store.BackupFromFile {
		t.Fatalf("%v, %v", via, err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Error("the export differs from the store's")
	}
	after, _ := os.Stat(path)
	if !bytes.Equal(readAll(t, path), before) || !after.ModTime().Equal(info.ModTime()) {
		t.Error("the database changed")
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("left in the temporary folder: %v", entries)
	}
}

func readAll(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// No command writes to the database it reads, whatever name or link
// leads there, nor to a database a cradle has open, --force or not.
func TestNothingIsWrittenOverADatabase(t *testing.T) {
	_, path := serving(t)
	dir := t.TempDir()
	link, hard := filepath.Join(dir, "link.db"), filepath.Join(dir, "hard.db")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(path, hard); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)
	for _, dst := range []string{path, link, hard} {
		for _, force := range []bool{false, true} {
			_, err := backupFile(path, dst, force)
			if err == nil || !strings.Contains(err.Error(), "is the database being read") {
				t.Errorf("backup onto %s (force %v): %v", dst, force, err)
			}
			if err := store.CheckOutput(link, dst, false); err == nil || !strings.Contains(err.Error(), "is the database being read") {
				t.Errorf("export onto %s: %v", dst, err)
			}
		}
	}
	// Another database, open in another cradle.
	other, otherPath := history(t)
	if _, err := backupFile(path, otherPath, true); err == nil || !strings.Contains(err.Error(), "a cradle has open now") {
		t.Errorf("backup onto a database in use: %v", err)
	}
	if after, err := os.Stat(path); err != nil || !os.SameFile(before, after) {
		t.Error("the database was replaced")
	}
	// A database nobody has open: replaced by a backup with --force, never
	// by an export.
	other.Close()
	if err := store.CheckOutput(path, otherPath, false); err == nil || !strings.Contains(err.Error(), "is a cradle database") {
		t.Errorf("export onto a database: %v", err)
	}
	if _, err := backupFile(path, otherPath, false); err == nil || !strings.Contains(err.Error(), "file exists") {
		t.Errorf("backup onto a database without --force: %v", err)
	}
	if _, err := backupFile(path, otherPath, true); err != nil {
		t.Errorf("backup onto a database with --force: %v", err)
	}
	if err := store.CheckOutput(path, dir, false); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("onto a folder: %v", err)
	}
}

// An old cradle's request ("backup") is still answered.
func TestTheOldRequestIsAnswered(t *testing.T) {
	_, path := serving(t)
	sock, _ := store.SocketPath(path)
	r, head := ask(t, sock, "backup")
	var size int64
	if _, err := fmt.Sscanf(head, "ok %d", &size); err != nil {
		t.Fatalf("answer %q", head)
	}
	if n, _ := io.Copy(io.Discard, r); n != size {
		t.Errorf("%d bytes of %d", n, size)
	}
	// And a request of nonsense gets an error, not a hang.
	if _, head := ask(t, sock, `{"op":"delete"}`); !strings.HasPrefix(head, "error ") {
		t.Errorf("answer to nonsense: %q", head)
	}
}

// A runtime folder with too long a name for a socket is named, with what
// to do about it; cradle works on without answering requests.
func TestASocketFolderTooLong(t *testing.T) {
	st, path := history(t)
	long := t.TempDir()
	for len(long) < 120 {
		long = filepath.Join(long, "a-folder-with-a-long-name")
	}
	if err := os.MkdirAll(long, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_RUNTIME_DIR", long)
	want := "has too long a name for a socket; set XDG_RUNTIME_DIR or TMPDIR to a folder with a shorter one"
	if _, err := st.ServeBackups(); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("serving: %v", err)
	}
	var buf bytes.Buffer
	if _, err := store.Export(path, &buf, "csv", store.Filter{}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("export: %v", err)
	}
}

// The running cradle's temporary folder full: the copy is not sent, and
// the client is told why. (Needs the small file system of FullDiskDir.)
func TestTheRunningCradlesTemporaryFolderIsFull(t *testing.T) {
	dir := store.FullDiskDir(t)
	_, path := serving(t)
	filler, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(filler.Name())
	for {
		if _, err := filler.Write(make([]byte, 4096)); err != nil {
			break
		}
	}
	filler.Close()
	sock, _ := store.SocketPath(path)
	t.Setenv("XDG_RUNTIME_DIR", filepath.Dir(sock)) // the socket stays where it is
	t.Setenv("TMPDIR", dir)                         // read by the serving cradle as it makes each copy
	var buf bytes.Buffer
	_, err = store.Export(path, &buf, "json", store.Filter{})
	want := "the running cradle could not make the copy in its temporary folder (no space left on device)"
	if err == nil || !strings.Contains(err.Error(), want) || buf.Len() != 0 {
		t.Errorf("export: %v, %d bytes", err, buf.Len())
	}
}
