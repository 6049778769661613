// Package scratch holds the temporary files of cradle's data commands, so
// that none outlives them: a file written beside the name it will have
// and renamed into place only when whole, a private file without a name,
// and a named temporary file; each removed when the command is done, or
// when a signal (ctrl+c, a termination, a hang-up, a closed pipe) stops
// it first. It also decides, in one place, what a name given to write to
// is (Resolve) and writes there whole (Out).
package scratch

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
)

// pending are the names of the files being written now.
var pending = struct {
	sync.Mutex
	names map[string]bool
}{names: map[string]bool{}}

func hold(name string) {
	pending.Lock()
	pending.names[name] = true
	pending.Unlock()
}

func release(name string) {
	pending.Lock()
	delete(pending.names, name)
	pending.Unlock()
}

// removeAll removes every file being written; a signal's last act.
func removeAll() {
	pending.Lock()
	defer pending.Unlock()
	for name := range pending.names {
		_ = os.Remove(name)
	}
}

// File is a file written beside the name it will have (as
// .NAME.partial-RANDOM, in the same folder, so the rename cannot cross
// file systems). Until Commit the name holds what it held before.
type File struct {
	*os.File
	path string
	perm fs.FileMode // of a new file; one replaced keeps its own
	done bool
}

// Beside starts a file that will be called path.
func Beside(path string) (*File, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".partial-*")
	if err != nil {
		return nil, err
	}
	hold(tmp.Name())
	return &File{File: tmp, path: path, perm: 0o600}, nil
}

// WriteFile writes data as path whole or not at all, through Beside and
// Commit: a new file gets perm, one replaced keeps its permissions; with
// replace false a file already there is left as it is and the error is
// fs.ErrExist. The one way cradle saves a file of its own making (a
// routine, the class's host key, the roster's address).
func WriteFile(path string, data []byte, perm fs.FileMode, replace bool) error {
	f, err := Beside(path)
	if err != nil {
		return err
	}
	f.perm = perm
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	return f.Commit(replace)
}

// Commit makes the file whole on disk and gives it its name: over what
// is there when replace is set, else only if nothing is (a file made
// there meanwhile is not replaced). A new file is readable by its owner
// alone (unless WriteFile says otherwise); a file replaced keeps its permissions (and, where the system
// lets cradle, its owner). Only a regular file is ever replaced: never a
// device, a pipe, a link or a folder.
func (f *File) Commit(replace bool) error {
	if f.done {
		return errors.New("already committed or aborted")
	}
	err := f.Sync()
	mode := f.perm
	if err == nil && replace {
		if old, lerr := os.Lstat(f.path); lerr == nil {
			if !old.Mode().IsRegular() {
				err = fmt.Errorf("%s is no longer a regular file (it is %s): it is not replaced", f.path, describeMode(old.Mode()))
			} else {
				mode = old.Mode().Perm()
				keepOwner(f.File, old)
			}
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), mode)
	}
	if err == nil && replace {
		err = os.Rename(f.Name(), f.path)
	} else if err == nil {
		if err = os.Link(f.Name(), f.path); err == nil {
			_ = os.Remove(f.Name())
		}
	}
	if err != nil {
		f.Abort()
		return err
	}
	f.done = true
	release(f.Name())
	if d, err := os.Open(filepath.Dir(f.path)); err == nil { // the new name, on disk too
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// Abort removes the file; after Commit it does nothing.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.Close()
	_ = os.Remove(f.Name())
	release(f.Name())
}

// Private is a new file only this process can reach, in the temporary
// folder, readable by its owner alone, and without a name from the start
// where the system allows it: nothing is left of it, not even after a
// kill. done closes it (and removes it where it kept its name).
func Private() (f *os.File, done func(), err error) {
	f, err = os.CreateTemp("", "cradle-*")
	if err != nil {
		return nil, nil, err
	}
	if os.Remove(f.Name()) == nil {
		return f, func() { f.Close() }, nil
	}
	hold(f.Name()) // an open file cannot lose its name everywhere
	return f, func() {
		f.Close()
		_ = os.Remove(f.Name())
		release(f.Name())
	}, nil
}

// Named is a new file in the temporary folder, readable by its owner
// alone, for what must be opened by name; done closes and removes it.
func Named() (f *os.File, done func(), err error) {
	f, err = os.CreateTemp("", "cradle-*")
	if err != nil {
		return nil, nil, err
	}
	hold(f.Name())
	return f, func() {
		f.Close()
		if err := os.Remove(f.Name()); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return
		}
		release(f.Name())
	}, nil
}

// Signals are the signals that stop a data command: ctrl+c, a
// termination, a hang-up, and a pipe closed by its reader (| head).
var Signals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGPIPE}

// exiting is taken by a signal's handler and held until the exit: the
// command's own words, and its return, wait for it.
var exiting sync.Mutex

// RemoveOnSignal makes one of Signals remove every file being written,
// call say (unless it is a closed pipe, which needs no words), and exit
// with 128 and the signal's number, as a shell reports it. stop undoes it;
// it waits while a signal is being handled (which exits).
func RemoveOnSignal(say func(os.Signal)) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, Signals...)
	quit := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			exiting.Lock()
			removeAll()
			if sig != syscall.SIGPIPE && say != nil {
				say(sig)
			}
			os.Exit(ExitCode(sig))
		case <-quit:
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			exiting.Lock()
			defer exiting.Unlock()
			signal.Stop(ch)
			close(quit)
		})
	}
}

// Hush wraps w (a command's messages) so that nothing more is written
// once a signal is being handled: the command would speak of files the
// signal has just removed, after the signal's own words.
func Hush(w io.Writer) io.Writer { return hushed{w} }

type hushed struct{ w io.Writer }

func (h hushed) Write(p []byte) (int, error) {
	// Waiting for the lock is the point: while a signal is handled it is
	// held, and nothing is written until the handler has said its words.
	exiting.Lock()
	//lint:ignore SA2001 the lock is only waited for, as said above
	exiting.Unlock()
	return h.w.Write(p)
}

// ExitCode is 128 and the signal's number (130 for ctrl+c).
func ExitCode(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}

// describeMode names what a file that is not regular is, in words.
func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a link"
	case m&fs.ModeNamedPipe != 0:
		return "a pipe"
	case m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeDevice != 0:
		return "a disk"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// Describe names a signal in words, for the message of a stopped command.
func Describe(sig os.Signal) string {
	switch sig {
	case os.Interrupt:
		return "interrupted (ctrl+c)"
	case syscall.SIGTERM:
		return "asked to stop (SIGTERM)"
	case syscall.SIGHUP:
		return "its terminal closed (SIGHUP)"
	}
	return fmt.Sprintf("stopped (%v)", sig)
}
