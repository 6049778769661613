package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/internal/scratch"
	"github.com/cradle-coach/cradle/store"
)

// export --out and backup follow one rule for what they write to. A pipe
// and a device are written into, as standard output is, with or without
// --force, and stay what they are: never replaced by a file.
func TestWriteIntoAPipeOrADevice(t *testing.T) {
	src := seedDB(t)
	for _, args := range [][]string{
		{"export", "--format", "csv", "--out"},
		{"backup", "--force"},
		{"backup"},
	} {
		fifo := filepath.Join(t.TempDir(), "pipe")
		mkfifo(t, fifo)
		got := readPipe(fifo)
		code, out, errOut := cradle(t, append(append([]string{args[0], "--db", src}, args[1:]...), fifo)...)
		var data []byte
		select { // cradle is done: whatever it wrote into the pipe has come
		case data = <-got:
		case <-time.After(10 * time.Second):
			t.Fatalf("%v: nothing came through the pipe (%d %q)", args, code, errOut)
		}
		if code != OK || out != "" || len(data) == 0 {
			t.Errorf("%v into a pipe: %d %q %q; the pipe read %d bytes", args, code, out, errOut, len(data))
		}
		if args[0] == "backup" {
			copyPath := filepath.Join(t.TempDir(), "copy.db")
			os.WriteFile(copyPath, data, 0o600)
			if err := store.Check(copyPath); err != nil {
				t.Errorf("the backup read from the pipe: %v", err)
			}
		}
		if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("%v: the pipe was replaced: %v %v", args, info.Mode(), err)
		}

		dev := charDevice(t)
		before, err := os.Lstat(dev)
		if err != nil {
			t.Fatal(err)
		}
		code, out, errOut = cradle(t, append(append([]string{args[0], "--db", src}, args[1:]...), dev)...)
		if code != OK || out != "" || !strings.Contains(errOut, dev) {
			t.Errorf("%v into %s: %d %q %q", args, dev, code, out, errOut)
		}
		if after, err := os.Lstat(dev); err != nil || after.Mode()&os.ModeCharDevice == 0 || !os.SameFile(before, after) {
			t.Fatalf("%v: %s is no longer the device it was: %v %v", args, dev, after.Mode(), err)
		}
	}
}

// readPipe reads the named pipe at path, once a writer opens it, to its
// end.
func readPipe(path string) <-chan []byte {
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			got <- nil
			return
		}
		data, _ := io.ReadAll(f)
		f.Close()
		got <- data
	}()
	return got
}

// Through a link, the file it leads to is replaced (with --force), keeps
// its permissions, and the link stays a link; a link to nothing yet makes
// the file it names. A link to standard output writes to standard output.
func TestWriteThroughALink(t *testing.T) {
	src := seedDB(t)
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		ok   func(path string) bool
	}{
		{[]string{"export", "--format", "csv", "--out"}, func(path string) bool {
			data, _ := os.ReadFile(path)
			return bytes.HasPrefix(data, []byte("session_id,"))
		}},
		{[]string{"backup"}, func(path string) bool { return store.Check(path) == nil }},
	} {
		real, link := filepath.Join(dir, c.args[0]+"-real"), filepath.Join(dir, c.args[0]+"-link")
		if err := os.WriteFile(real, []byte("old"), 0o640); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Base(real), link); err != nil {
			t.Fatal(err)
		}
		cmd := append([]string{c.args[0], "--db", src}, c.args[1:]...)
		code, _, errOut := cradle(t, append(cmd, link)...)
		if data, _ := os.ReadFile(real); code != Problem || string(data) != "old" ||
			!strings.Contains(errOut, link+" (a link to "+real+") already exists; choose another name, or add --force to replace it") {
			t.Errorf("%v without --force: %d %q; the file holds %q", c.args, code, errOut, data)
		}
		code, out, errOut := cradle(t, append([]string{c.args[0], "--force", "--db", src}, append(c.args[1:], link)...)...)
		if code != OK || out != "" || !strings.Contains(errOut, link+" (a link to "+real+")") {
			t.Errorf("%v --force: %d %q %q", c.args, code, out, errOut)
		}
		if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%v: the link was replaced: %v %v", c.args, info.Mode(), err)
		}
		if info, err := os.Stat(real); err != nil || info.Mode().Perm() != 0o640 || !c.ok(real) {
			t.Errorf("%v: the file the link leads to: %v %v", c.args, info.Mode(), err)
		}
		// A link to a file not there yet: the file is made.
		dangling, made := filepath.Join(dir, c.args[0]+"-dangling"), filepath.Join(dir, c.args[0]+"-made")
		if err := os.Symlink(filepath.Base(made), dangling); err != nil {
			t.Fatal(err)
		}
		if code, _, errOut := cradle(t, append(cmd, dangling)...); code != OK || !c.ok(made) {
			t.Errorf("%v through a link to nothing yet: %d %q", c.args, code, errOut)
		}
		if info, err := os.Lstat(dangling); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%v: the link to nothing yet was replaced", c.args)
		}
	}
	// A link to /dev/stdout (as /dev/stdout itself is one) is standard
	// output, whatever standard output is.
	toStdout := filepath.Join(dir, "stdout")
	if err := os.Symlink("/dev/stdout", toStdout); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cradle(t, "export", "--db", src, "--format", "csv", "--out", toStdout)
	if code != OK || !strings.HasPrefix(out, "session_id,") || errOut != "" {
		t.Errorf("export --out a link to /dev/stdout: %d %q %q", code, out, errOut)
	}
	if info, err := os.Lstat(toStdout); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link to /dev/stdout was replaced")
	}
}

// export and backup replace a file only with --force, and say what they
// wrote on standard error, with a size a person reads; standard output
// holds only what was asked for (an export without --out).
func TestReplaceOnlyWithForce(t *testing.T) {
	src := seedDB(t)
	dir := t.TempDir()
	for _, c := range []struct {
		args  []string
		file  string
		wrote string // SIZE: the file's size
	}{
		{[]string{"export", "--out"}, filepath.Join(dir, "all.json"), "Wrote SIZE to " + filepath.Join(dir, "all.json") + ".\n"},
		{[]string{"backup"}, filepath.Join(dir, "b.db"), "Saved a copy of " + src + " (SIZE) as " + filepath.Join(dir, "b.db") + ".\nTo restore it, quit cradle and run: cradle import " + filepath.Join(dir, "b.db") + "\n"},
	} {
		if err := os.WriteFile(c.file, []byte("the parent's own"), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := append([]string{c.args[0], "--db", src}, c.args[1:]...)
		code, out, errOut := cradle(t, append(cmd, c.file)...)
		if data, _ := os.ReadFile(c.file); code != Problem || out != "" || string(data) != "the parent's own" ||
			errOut != "cradle "+c.args[0]+": "+c.file+" already exists; choose another name, or add --force to replace it.\n" {
			t.Errorf("%v over a file: %d %q %q; it holds %q", c.args, code, out, errOut, data)
		}
		code, out, errOut = cradle(t, append([]string{c.args[0], "--force", "--db", src}, append(c.args[1:], c.file)...)...)
		data, _ := os.ReadFile(c.file)
		wrote := strings.Replace(c.wrote, "SIZE", humanSize(int64(len(data))), 1)
		if code != OK || out != "" || errOut != wrote || string(data) == "the parent's own" {
			t.Errorf("%v --force: %d %q %q; want %q", c.args, code, out, errOut, wrote)
		}
	}
}

func TestHumanSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1: "1 byte", 999: "999 bytes", 1000: "1 KB", 32768: "33 KB", 999_499: "999 KB",
		999_500: "1000 KB", 1_000_000: "1.0 MB", 675_840_000: "675.8 MB", 84_000_000_000: "84.0 GB"} {
		if got := humanSize(n); got != want {
			t.Errorf("humanSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// export without a format it can work out says what to give, and every
// problem with its flags at once, as a usage error.
func TestExportSaysWhatToGive(t *testing.T) {
	src := seedDB(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "cradle export: give --format csv or json: standard output has no name to tell the format from.\n"},
		{[]string{"--out", "x.txt"}, "cradle export: give --format csv or json: cradle cannot tell the format from the name x.txt (it can from a name ending in .csv or .json).\n"},
		{[]string{"--out", "x.txt", "--since", "yesterday"}, "cradle export: give --format csv or json: cradle cannot tell the format from the name x.txt (it can from a name ending in .csv or .json).\n" +
			"cradle export: --since \"yesterday\" is not a date; write it as year-month-day, like 2026-05-14.\n"},
		{[]string{"--format", "csv", "--since", "2026-02-30"}, "cradle export: --since \"2026-02-30\" is not a date; write it as year-month-day, like 2026-05-14.\n"},
	} {
		code, out, errOut := cradle(t, append([]string{"export", "--db", src}, c.args...)...)
		if code != Usage || out != "" || errOut != c.want+"Run cradle help export for more.\n" {
			t.Errorf("export %v: %d %q %q; want %q", c.args, code, out, errOut, c.want)
		}
	}
	if _, err := os.Stat("x.txt"); !os.IsNotExist(err) {
		t.Error("x.txt was written")
	}
}

// told is a writer that signals when what it is written holds want.
type told struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want string
	seen chan struct{}
}

func (w *told) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	had := strings.Contains(w.buf.String(), w.want)
	w.buf.Write(p)
	if !had && strings.Contains(w.buf.String(), w.want) {
		close(w.seen)
	}
	return len(p), nil
}

// A pipe nobody reads yet: export says it waits for a reader, and how to
// stop, instead of hanging without a word; a reader then gets it all.
func TestExportWaitsForAReader(t *testing.T) {
	src := seedDB(t)
	fifo := filepath.Join(t.TempDir(), "pipe")
	mkfifo(t, fifo)
	defer func(d time.Duration) { scratch.WaitNotice = d }(scratch.WaitNotice)
	scratch.WaitNotice = time.Millisecond
	errOut := &told{want: "cradle export: waiting for something to read from " + fifo + " (ctrl+c stops).\n", seen: make(chan struct{})}
	code := make(chan int, 1)
	go func() {
		code <- Run([]string{"export", "--db", src, "--format", "csv", "--out", fifo}, Stdio{In: strings.NewReader(""), Out: io.Discard, Err: errOut})
	}()
	<-errOut.seen
	data := <-readPipe(fifo)
	if c := <-code; c != OK || !bytes.HasPrefix(data, []byte("session_id,")) {
		t.Errorf("exit %d, the pipe read %q, stderr %q", c, data, errOut.buf.String())
	}
}
