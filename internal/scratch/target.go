package scratch

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/cradle-coach/cradle/internal/fserr"
)

// TargetKind is what a name given to export --out or backup turns out to be.
// The one rule for both: standard output and what is not a file (a
// terminal, a pipe, /dev/null) are written into, as a shell's > does,
// and never replaced; a file is written beside itself and renamed over
// whole, through any link to it; anything else is refused by name.
type TargetKind int

const (
	TargetStdout  TargetKind = iota // "-", or a name for standard output: written to it
	TargetThrough                   // a pipe, a terminal or another character device: written into
	TargetFile                      // a regular file, there or not yet: replaced whole
)

// Target is where a data command writes, worked out once from the name
// given.
type Target struct {
	Name   string // as given
	Kind   TargetKind
	Path   string // TargetFile: the file written, every link followed
	Exists bool   // TargetFile: a file is there now
}

// stdoutNames are the names people give for standard output. They are
// written to standard output itself, not opened: opened, a redirection
// to a file (> out.csv) would be that file, written from its start or
// replaced.
var stdoutNames = map[string]bool{"": true, "-": true, "/dev/stdout": true, "/dev/fd/1": true, "/proc/self/fd/1": true}

// maxLinks bounds a chain of symbolic links, as the system's own does.
const maxLinks = 40

// Resolve works out what name is, following links. It refuses, naming
// it, what cradle cannot write: a folder, a disk (a block device), a
// socket, a link that leads nowhere it can tell.
func Resolve(name string) (Target, error) {
	t := Target{Name: name}
	if isStdout(name) {
		t.Kind = TargetStdout
		return t, nil
	}
	info, err := os.Stat(name) // the system follows every link, /proc's too
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Nothing there, or a link to nothing yet: the file it leads to
		// is made.
		t.Kind = TargetFile
		t.Path, err = lastLink(name)
		if err != nil {
			return t, fmt.Errorf("cannot write %s: %w", name, err)
		}
		return t, nil
	case err != nil:
		return t, fmt.Errorf("cannot write %s: %w", name, fserr.WithoutPath(err))
	}
	mode := info.Mode()
	switch {
	case mode.IsRegular():
		t.Kind, t.Exists = TargetFile, true
		if t.Path, err = filepath.EvalSymlinks(name); err != nil {
			return t, fmt.Errorf("cannot write %s: %w", name, fserr.WithoutPath(err))
		}
	case mode.IsDir():
		return t, fmt.Errorf("%s is a folder; give the name of a file to write", name)
	case mode&fs.ModeNamedPipe != 0, mode&fs.ModeCharDevice != 0:
		t.Kind = TargetThrough
	case mode&fs.ModeDevice != 0:
		return t, fmt.Errorf("%s is a disk or a partition (a block device): cradle writes only to a file, a pipe or a terminal. Give the name of a file", name)
	case mode&fs.ModeSocket != 0:
		return t, fmt.Errorf("%s is a socket: cradle writes only to a file, a pipe or a terminal. Give the name of a file", name)
	default:
		return t, fmt.Errorf("%s is not a file cradle can write (%v). Give the name of a file", name, mode.Type())
	}
	return t, nil
}

// isStdout reports whether name is, or links to, a name for standard
// output.
func isStdout(name string) bool {
	if name == "" || name == "-" {
		return true
	}
	for range maxLinks {
		if stdoutNames[filepath.Clean(name)] {
			return true
		}
		to, err := os.Readlink(name)
		if err != nil {
			return false
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(name), to)
		}
		name = to
	}
	return false
}

// lastLink follows a chain of links that ends in nothing to the name at
// its end, the file that will be made.
func lastLink(name string) (string, error) {
	for range maxLinks {
		info, err := os.Lstat(name)
		if errors.Is(err, fs.ErrNotExist) {
			return name, nil
		}
		if err != nil {
			return "", fserr.WithoutPath(err)
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return name, nil
		}
		to, err := os.Readlink(name)
		if err != nil {
			return "", fserr.WithoutPath(err)
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(name), to)
		}
		name = to
	}
	return "", errors.New("too many links, one after another")
}

// WaitNotice is how long opening a pipe may wait for its reader before
// Out says so.
var WaitNotice = time.Second

// Out writes to a Target whole or not at all. A file is written beside
// its name and renamed over it once complete. Standard output, a pipe or
// a device is fed from a temporary file once everything is in it, so a
// slow reader (less, a stalled pipe) never holds up the work before.
type Out struct {
	Target
	// Waiting, when set, is called once if a pipe has no reader after
	// WaitNotice: opening it waits for one, as a shell's > does.
	Waiting func()

	beside *File    // a file's copy being written, or nil
	spool  *os.File // else the temporary file
	done   func()
	named  bool // the temporary file has a name
	stdout io.Writer
	w      *bufio.Writer
	size   int64
	failed error // the first write that failed
}

// Create starts writing to t; stdout is standard output. named gives the
// temporary file a name (Name), for what must be opened by name.
func Create(t Target, stdout io.Writer, named bool) (*Out, error) {
	o := &Out{Target: t, stdout: stdout, named: named}
	var err error
	switch {
	case t.Kind == TargetFile:
		if o.beside, err = Beside(t.Path); err != nil {
			return nil, fmt.Errorf("cannot write %s: %w", t.Name, fserr.WithoutPath(err))
		}
		o.w = bufio.NewWriterSize(o.beside, 1<<16)
		return o, nil
	case named:
		o.spool, o.done, err = Named()
	default:
		o.spool, o.done, err = Private()
	}
	if err != nil {
		return nil, fmt.Errorf("cannot make a temporary file: %w", fserr.WithoutPath(err))
	}
	o.w = bufio.NewWriterSize(o.spool, 1<<16)
	return o, nil
}

func (o *Out) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	o.size += int64(n)
	if err != nil && o.failed == nil {
		o.failed = err
	}
	return n, err
}

// Flush puts everything written so far into the file WorkFile names.
func (o *Out) Flush() error {
	err := o.w.Flush()
	if err != nil && o.failed == nil {
		o.failed = err
	}
	return err
}

// Failed is the first write that failed (a full disk), or nil.
func (o *Out) Failed() error { return o.failed }

// Size is how many bytes were written.
func (o *Out) Size() int64 { return o.size }

// WorkFile is the file being written: beside the target, or the named
// temporary file ("" for a private one).
func (o *Out) WorkFile() string {
	switch {
	case o.beside != nil:
		return o.beside.Name()
	case o.named:
		return o.spool.Name()
	}
	return ""
}

// Commit gives a file its name (over one already there only when replace
// is set), or sends what was written on to standard output, a pipe or a
// device.
func (o *Out) Commit(replace bool) error {
	if err := o.Flush(); err != nil {
		return err
	}
	if o.beside != nil {
		return o.beside.Commit(replace)
	}
	if _, err := o.spool.Seek(0, io.SeekStart); err != nil {
		return err
	}
	to := o.stdout
	if o.Kind == TargetThrough {
		f, err := o.openThrough()
		if err != nil {
			return err
		}
		defer f.Close()
		to = f
	}
	_, err := io.Copy(to, o.spool)
	return err
}

// openThrough opens a pipe or a device to write into it, saying so if a
// pipe waits for its reader; it is never made, emptied or replaced.
func (o *Out) openThrough() (*os.File, error) {
	type opened struct {
		f   *os.File
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		f, err := os.OpenFile(o.Name, os.O_WRONLY|noCTTY, 0)
		ch <- opened{f, err}
	}()
	var r opened
	select {
	case r = <-ch:
	case <-time.After(WaitNotice):
		if o.Waiting != nil {
			o.Waiting()
		}
		r = <-ch
	}
	if r.err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", o.Name, fserr.WithoutPath(r.err))
	}
	// Swapped for a file since Resolve: writing from its start would
	// leave the end of what it held.
	if info, err := r.f.Stat(); err != nil || info.Mode().IsRegular() {
		r.f.Close()
		return nil, fmt.Errorf("cannot write %s: it changed while cradle worked; try again", o.Name)
	}
	return r.f, nil
}

// Abort removes what was written; after Commit it does nothing more.
func (o *Out) Abort() {
	if o.beside != nil {
		o.beside.Abort()
	}
	if o.done != nil {
		o.done()
		o.done = nil
	}
}
