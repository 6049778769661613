package store

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// A running cradle holds its database under bbolt's exclusive lock, and
// bbolt's read-only open asks for a shared lock, which that excludes: a
// second process cannot read the file while cradle runs. Copying the raw
// bytes instead could catch a commit half written. So the running cradle
// serves consistent copies itself, from a read transaction (which sees
// one committed state while saves go on), over a Unix socket beside the
// database that only its owner may open. Backup asks it when the file
// is locked.

// SocketPath is where a running cradle answers backup requests for the
// database at dbPath.
func SocketPath(dbPath string) string { return dbPath + ".sock" }

// backupDeadline bounds one copy sent over the socket: a reader that
// stalls must not hold a read transaction open for ever.
const backupDeadline = 2 * time.Minute

// ServeBackups answers backup requests from other cradle processes until
// stop is called; call stop before Close. An error means no requests will
// be answered (Backup then says to close cradle first); cradle works on.
func (s *Store) ServeBackups() (stop func(), err error) {
	sock := SocketPath(s.path)
	// A socket left by a cradle that was killed: this process holds the
	// database's lock, so no other cradle is serving it.
	if info, err := os.Lstat(sock); err == nil && info.Mode()&fs.ModeSocket != 0 {
		_ = os.Remove(sock)
	}
	ln, err := net.Listen("unix", sock)
	if err != nil {
		return func() {}, fmt.Errorf("cannot answer backup requests at %s: %w", sock, err)
	}
	if err := os.Chmod(sock, 0o600); err != nil {
		ln.Close()
		return func() {}, fmt.Errorf("cannot answer backup requests at %s: %w", sock, err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return // closed by stop
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				s.serveOne(conn)
			}()
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			ln.Close() // removes the socket file too
			wg.Wait()
		})
	}, nil
}

// serveOne answers one request: "backup\n" gets "ok SIZE\n" and then
// exactly SIZE bytes of database, or "error MESSAGE\n".
func (s *Store) serveOne(conn net.Conn) {
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	line, err := bufio.NewReader(io.LimitReader(conn, 64)).ReadString('\n')
	if err != nil {
		return
	}
	if strings.TrimSpace(line) != "backup" {
		fmt.Fprintf(conn, "error unknown request\n")
		return
	}
	_ = conn.SetDeadline(time.Now().Add(backupDeadline))
	sent := false
	err = s.view(func(tx *bbolt.Tx) error {
		sent = true
		if _, err := fmt.Fprintf(conn, "ok %d\n", tx.Size()); err != nil {
			return err
		}
		_, err := tx.WriteTo(conn)
		return err
	})
	if err != nil && !sent {
		fmt.Fprintf(conn, "error %s\n", strings.ReplaceAll(err.Error(), "\n", " "))
	}
	// A failure part way closes the connection early: the reader sees a
	// copy shorter than announced.
}

// BackupVia says where a backup's copy came from.
type BackupVia int

const (
	FromFile    BackupVia = iota // no cradle had the file open: read directly
	FromRunning                  // a running cradle sent it
)

// BackupError is a backup that could not be made; the destination is
// left as it was.
type BackupError struct {
	Err error
}

func (e *BackupError) Error() string { return e.Err.Error() }
func (e *BackupError) Unwrap() error { return e.Err }

// Backup writes a consistent copy of the database at dbPath to dst:
// straight from the file when no cradle has it open, else from the
// running cradle. The copy is written beside dst, synced, checked page by
// page, and only then given dst's name, so dst is either the whole copy
// or untouched. An existing dst is replaced only when overwrite is set.
func Backup(dbPath, dst string, overwrite bool) (BackupVia, error) {
	fail := func(err error) (BackupVia, error) { return FromFile, &BackupError{Err: err} }
	if !overwrite {
		if _, err := os.Lstat(dst); err == nil {
			return fail(fmt.Errorf("%s already exists; choose another name, or add --force to replace it", dst))
		}
	}
	if info, err := os.Stat(dbPath); err != nil {
		return fail(fmt.Errorf("cannot read the database %s: %w", dbPath, unwrapPathError(err)))
	} else if info.Size() == 0 {
		return fail(fmt.Errorf("the database %s is empty: there is nothing to back up yet", dbPath))
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".partial-*")
	if err != nil {
		return fail(fmt.Errorf("cannot write the backup in %s: %w", filepath.Dir(dst), unwrapPathError(err)))
	}
	keep := false
	defer func() {
		tmp.Close()
		if !keep {
			_ = os.Remove(tmp.Name())
		}
	}()
	out := &destWriter{w: tmp}
	via, err := copyDatabase(dbPath, out)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if out.err != nil {
		err = out.err
	}
	if err != nil {
		if out.err != nil {
			return fail(fmt.Errorf("cannot write the backup in %s: %w", filepath.Dir(dst), unwrapPathError(err)))
		}
		return fail(err)
	}
	// The copy must open as a cradle database with every page in place.
	src, err := openSource(tmp.Name(), time.Second)
	if err != nil {
		return fail(fmt.Errorf("the copy did not check out, so it was not kept: %v", err))
	}
	src.Close()
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return fail(err)
	}
	if overwrite {
		err = os.Rename(tmp.Name(), dst)
	} else {
		err = os.Link(tmp.Name(), dst) // fails rather than replace a file made meanwhile
	}
	if err != nil {
		return fail(fmt.Errorf("cannot name the backup %s: %w", dst, unwrapPathError(err)))
	}
	if d, err := os.Open(filepath.Dir(dst)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return via, nil
}

// copyDatabase writes one committed state of the database to w.
func copyDatabase(dbPath string, w io.Writer) (BackupVia, error) {
	var db *bbolt.DB
	err := guard(func() (err error) {
		db, err = bbolt.Open(dbPath, 0, &bbolt.Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
		return err
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return FromRunning, askRunning(dbPath, w)
	}
	if err != nil {
		return FromFile, classify(dbPath, err)
	}
	defer db.Close()
	if _, _, err := inspect(db, dbPath, SchemaVersion); err != nil {
		return FromFile, err
	}
	err = guard(func() error {
		return db.View(func(tx *bbolt.Tx) error {
			_, err := tx.WriteTo(w)
			return err
		})
	})
	if err != nil {
		return FromFile, fmt.Errorf("copying %s: %w", dbPath, err)
	}
	return FromFile, nil
}

// askRunning gets a copy from the cradle that has dbPath open.
func askRunning(dbPath string, w io.Writer) error {
	sock := SocketPath(dbPath)
	notAnswering := func(err error) error {
		return fmt.Errorf("cradle is open in another terminal with %s, and it did not answer the backup request (%v). Close cradle there and run the backup again", dbPath, err)
	}
	conn, err := net.DialTimeout("unix", sock, 2*time.Second)
	if err != nil {
		return notAnswering(unwrapNetError(err))
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(backupDeadline))
	if _, err := io.WriteString(conn, "backup\n"); err != nil {
		return notAnswering(err)
	}
	r := bufio.NewReader(conn)
	line, err := r.ReadString('\n')
	if err != nil {
		return notAnswering(err)
	}
	line = strings.TrimSpace(line)
	if msg, ok := strings.CutPrefix(line, "error "); ok {
		return fmt.Errorf("the running cradle could not make a copy: %s", msg)
	}
	sizeText, ok := strings.CutPrefix(line, "ok ")
	size, err := strconv.ParseInt(sizeText, 10, 64)
	if !ok || err != nil || size <= 0 {
		return notAnswering(fmt.Errorf("unexpected answer %q", line))
	}
	n, err := io.Copy(w, io.LimitReader(r, size))
	if err != nil {
		return fmt.Errorf("the copy from the running cradle was cut off: %w", err)
	}
	if n != size {
		return fmt.Errorf("the copy from the running cradle was cut off after %d of %d bytes", n, size)
	}
	return nil
}

// destWriter remembers a failed write, so a full disk is told apart from
// a problem with the database.
type destWriter struct {
	w   io.Writer
	err error
}

func (d *destWriter) Write(p []byte) (int, error) {
	n, err := d.w.Write(p)
	if err != nil && d.err == nil {
		d.err = err
	}
	return n, err
}

func unwrapNetError(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return unwrapPathError(op.Err)
	}
	return err
}
