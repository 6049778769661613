package store

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
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
	"syscall"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/cradle-coach/cradle/internal/fserr"
	"github.com/cradle-coach/cradle/internal/scratch"
)

// A running cradle holds its database under bbolt's exclusive lock, and
// bbolt's read-only open asks for a shared lock, which that excludes: a
// second process cannot read the file while cradle runs. Copying the raw
// bytes instead could catch a commit half written. So the running cradle
// answers for it, over a Unix socket only its owner may open: it writes
// what is asked (a copy of the database, or an export) from one read
// transaction into a private temporary file, ends the transaction, and
// only then sends the file. A client that reads slowly, or not at all,
// never holds the database: saving goes on, and quitting does not wait.

// SocketPath is where a running cradle answers for the database at dbPath:
// in $XDG_RUNTIME_DIR (else the temporary folder), named from the file's
// device and inode, so every path to the same database (a symbolic or a
// hard link, a relative name) finds the same socket, and the name stays
// short whatever the database's path (a socket's path may not be longer
// than about 100 bytes).
func SocketPath(dbPath string) (string, error) {
	info, err := os.Stat(dbPath)
	if err != nil {
		return "", fserr.WithoutPath(err)
	}
	id := fileID(info)
	if id == "" {
		if id, err = filepath.Abs(dbPath); err == nil {
			id, err = filepath.EvalSymlinks(id)
		}
		if err != nil {
			return "", err
		}
	}
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if st, err := os.Stat(dir); dir == "" || err != nil || !st.IsDir() {
		dir = os.TempDir()
	}
	sum := sha256.Sum256([]byte(id))
	path := filepath.Join(dir, fmt.Sprintf("cradle-%d-%x.sock", os.Getuid(), sum[:8]))
	if len(path) > maxSocketPath {
		return "", fmt.Errorf("the folder for it (%s) has too long a name for a socket; set XDG_RUNTIME_DIR or TMPDIR to a folder with a shorter one", dir)
	}
	return path, nil
}

// maxSocketPath is the longest socket path every system takes (104 bytes
// on macOS, 108 on Linux, the final zero byte included).
const maxSocketPath = 100

const (
	// stallLimit is how long a client may take nothing before it is
	// dropped, and how long a client waits for the next bytes.
	stallLimit = 10 * time.Second
	// stopWait bounds how long quitting waits for requests being answered.
	stopWait = 2 * time.Second
	// keepAlive is how often a client hears that its answer is being
	// made: a big export takes seconds, more on a busy machine.
	keepAlive = 2 * time.Second
)

// request is what a client asks the running cradle for: one line of JSON.
type request struct {
	Op     string `json:"op"`               // "backup" or "export"
	Format string `json:"format,omitempty"` // export: "csv" or "json"
	Filter Filter `json:"filter"`
}

// server answers requests for one open store.
type server struct {
	s        *Store
	ln       net.Listener
	stopping chan struct{} // closed by stop: copies under way give up
	mu       sync.Mutex
	closed   bool
	conns    map[net.Conn]bool
	wg       sync.WaitGroup // requests being answered
}

// ServeBackups answers backup and export requests from other cradle
// processes until stop is called; call stop before Close. stop returns
// within 2 s whatever the clients do. An error means no requests will be
// answered (Backup and Export then say why); cradle works on.
func (s *Store) ServeBackups() (stop func(), err error) {
	sock, err := SocketPath(s.path)
	if err != nil {
		return func() {}, fmt.Errorf("cannot answer backup requests: %w", err)
	}
	// A socket left by a cradle that was killed: this process holds the
	// database's lock, so no other cradle answers for it.
	if info, err := os.Lstat(sock); err == nil {
		if info.Mode()&fs.ModeSocket == 0 || !ownedByUs(info) {
			return func() {}, fmt.Errorf("cannot answer backup requests: %s is there and is not this cradle's", sock)
		}
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
	srv := &server{s: s, ln: ln, stopping: make(chan struct{}), conns: map[net.Conn]bool{}}
	go srv.accept()
	var once sync.Once
	return func() { once.Do(srv.stop) }, nil
}

func (srv *server) accept() {
	for {
		conn, err := srv.ln.Accept()
		if err != nil {
			return // closed by stop
		}
		srv.mu.Lock()
		if srv.closed {
			srv.mu.Unlock()
			conn.Close()
			return
		}
		srv.conns[conn] = true
		srv.wg.Add(1)
		srv.mu.Unlock()
		go func() {
			defer srv.wg.Done()
			srv.answer(conn)
			srv.mu.Lock()
			delete(srv.conns, conn)
			srv.mu.Unlock()
			conn.Close()
		}()
	}
}

// stop closes the socket (removing its file), drops every client, makes
// a copy under way give up, and waits for it all at most stopWait.
func (srv *server) stop() {
	srv.mu.Lock()
	srv.closed = true
	close(srv.stopping)
	srv.ln.Close()
	for c := range srv.conns {
		c.Close()
	}
	srv.mu.Unlock()
	done := make(chan struct{})
	go func() {
		srv.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(stopWait):
	}
}

// answer serves one request. The answer is "ok SIZE\n" and then exactly
// SIZE bytes, or "error MESSAGE\n", after a "wait\n" every keepAlive
// while it is being made.
func (srv *server) answer(conn net.Conn) {
	_ = conn.SetReadDeadline(time.Now().Add(stallLimit))
	line, err := bufio.NewReader(io.LimitReader(conn, 4096)).ReadString('\n')
	if err != nil {
		return
	}
	var req request
	if strings.TrimSpace(line) == "backup" { // the request of cradles before requests were JSON
		req.Op = "backup"
	} else if err := json.Unmarshal([]byte(line), &req); err != nil || !req.understood() {
		fmt.Fprintf(conn, "error %s\n", "the request was not understood")
		return
	}
	tmp, done, err := scratch.Private()
	if err != nil {
		fmt.Fprintf(conn, "error cannot make a temporary file: %s\n", oneLine(fserr.WithoutPath(err)))
		return
	}
	defer done()
	// The transaction lasts as long as writing a local file: not a moment
	// of the client's pace. Meanwhile the client hears that work goes on.
	w := &stopWriter{w: bufio.NewWriterSize(tmp, 1<<20), stop: srv.stopping}
	out := &deadlineWriter{conn: conn}
	working, quiet := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(quiet)
		t := time.NewTicker(keepAlive)
		defer t.Stop()
		for {
			select {
			case <-working:
				return
			case <-t.C:
				if _, err := io.WriteString(out, "wait\n"); err != nil {
					return
				}
			}
		}
	}()
	err = srv.s.view(func(tx *bbolt.Tx) error { return req.fill(tx, w) })
	if err == nil {
		if err = w.w.Flush(); err != nil {
			w.failed = err
		}
	}
	close(working)
	<-quiet
	var ne *nameError
	switch {
	case err == nil:
	case errors.Is(err, errStopping):
		return
	case errors.As(err, &ne):
		fmt.Fprintf(conn, "error %s\n", oneLine(err))
		return
	case w.failed != nil: // its temporary folder is full, say
		fmt.Fprintf(conn, "error the running cradle could not make the copy in its temporary folder (%s)\n", oneLine(fserr.WithoutPath(w.failed)))
		return
	default:
		fmt.Fprintf(conn, "error the running cradle could not read its database (%s)\n", oneLine(err))
		return
	}
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err == nil {
		_, err = tmp.Seek(0, io.SeekStart)
	}
	if err != nil {
		fmt.Fprintf(conn, "error %s\n", oneLine(err))
		return
	}
	if _, err := fmt.Fprintf(out, "ok %d\n", size); err != nil {
		return
	}
	_, _ = io.Copy(out, tmp) // a failure part way: the client sees a copy shorter than announced
}

// understood reports whether this cradle can answer the request.
func (req request) understood() bool {
	return req.Op == "backup" || req.Op == "export" && (req.Format == "csv" || req.Format == "json")
}

// fill writes what the request asks for from tx.
func (req request) fill(tx *bbolt.Tx, w io.Writer) error {
	switch {
	case req.Op == "backup":
		_, err := tx.WriteTo(w)
		return err
	case req.Op == "export" && req.Format == "csv":
		return exportCSV(tx, w, req.Filter)
	case req.Op == "export" && req.Format == "json":
		return exportJSON(tx, w, req.Filter)
	}
	return fmt.Errorf("the request %q was not understood", req.Op)
}

func oneLine(err error) string { return strings.ReplaceAll(err.Error(), "\n", " ") }

// errStopping is a copy given up because cradle is quitting.
var errStopping = errors.New("cradle is quitting")

// stopWriter gives up as soon as stop is closed.
type stopWriter struct {
	w      *bufio.Writer
	stop   chan struct{}
	failed error // the first write to the file that failed
}

func (s *stopWriter) Write(p []byte) (int, error) {
	select {
	case <-s.stop:
		return 0, errStopping
	default:
	}
	n, err := s.w.Write(p)
	if err != nil && s.failed == nil {
		s.failed = err
	}
	return n, err
}

// deadlineWriter drops a client that takes nothing for stallLimit.
type deadlineWriter struct{ conn net.Conn }

func (d *deadlineWriter) Write(p []byte) (int, error) {
	_ = d.conn.SetWriteDeadline(time.Now().Add(stallLimit))
	return d.conn.Write(p)
}

// BackupVia says where a backup's copy came from.
type BackupVia int

const (
	BackupFromFile    BackupVia = iota // no cradle had the file open: read directly
	BackupFromRunning                  // a running cradle sent it
)

// BackupError is a backup that could not be made; the destination is
// left as it was.
type BackupError struct {
	Err error
}

func (e *BackupError) Error() string { return e.Err.Error() }
func (e *BackupError) Unwrap() error { return e.Err }

// Backup writes a consistent copy of the database at dbPath to out:
// straight from the file when no cradle has it open, else from the
// running cradle. The copy is synced and checked page by page before out
// is committed (over a file already there only when replace is set), so
// what out names is either the whole copy or untouched. It is never the
// database itself or a database in use (see CheckOutput). out must have
// a WorkFile: a pipe's copy is checked before a byte of it is sent.
func Backup(dbPath string, out *scratch.Out, replace bool) (BackupVia, error) {
	fail := func(err error) (BackupVia, error) { return BackupFromFile, &BackupError{Err: err} }
	if info, err := os.Stat(dbPath); err != nil {
		return fail(fmt.Errorf("cannot read the database %s: %w", dbPath, fserr.WithoutPath(err)))
	} else if info.Size() == 0 {
		return fail(fmt.Errorf("the database %s is empty: there is nothing to back up yet", dbPath))
	}
	if err := CheckOutput(dbPath, out.Name, true); err != nil {
		return fail(err)
	}
	via, err := copyDatabase(dbPath, out)
	if err == nil {
		err = out.Flush()
	}
	if out.Failed() != nil {
		return fail(fmt.Errorf("cannot write the backup in %s: %w", filepath.Dir(out.WorkFile()), fserr.WithoutPath(out.Failed())))
	}
	if err != nil {
		return fail(err)
	}
	// The copy must open as a cradle database with every page in place.
	if err := Check(out.WorkFile()); err != nil {
		return fail(fmt.Errorf("the copy did not check out, so it was not kept: %v", err))
	}
	// Checked again at the last moment: a cradle may have opened it.
	if err := CheckOutput(dbPath, out.Name, true); err != nil {
		return fail(err)
	}
	if err := out.Commit(replace); err != nil {
		return via, &BackupError{Err: fmt.Errorf("cannot write the backup to %s: %w", out.Name, fserr.WithoutPath(err))}
	}
	return via, nil
}

// copyDatabase writes one committed state of the database to w.
func copyDatabase(dbPath string, w io.Writer) (BackupVia, error) {
	return readDatabase(dbPath, request{Op: "backup"}, w)
}

// Export writes the sessions f keeps from the database at dbPath to w, as
// CSV or JSON (format "csv" or "json"): read straight from the file when
// no cradle has it open (read-only: the file is never written, nor
// copied), else made by the running cradle.
func Export(dbPath string, w io.Writer, format string, f Filter) (BackupVia, error) {
	return readDatabase(dbPath, request{Op: "export", Format: format, Filter: f}, w)
}

// readDatabase answers req from the database at dbPath into w.
func readDatabase(dbPath string, req request, w io.Writer) (BackupVia, error) {
	var db *bbolt.DB
	err := guard(func() (err error) {
		db, err = bbolt.Open(dbPath, 0, &bbolt.Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
		return err
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return BackupFromRunning, askRunning(dbPath, req, w)
	}
	if err != nil {
		return BackupFromFile, classify(dbPath, err)
	}
	defer db.Close()
	schema, _, err := inspect(db, dbPath, SchemaVersion)
	switch {
	case err != nil:
		return BackupFromFile, err
	case req.Op == "export" && schema < SchemaVersion:
		return BackupFromFile, fmt.Errorf("%s was written by an older cradle (schema %d). Open it with cradle once, which upgrades it (keeping a copy of the old file), then export again", dbPath, schema)
	}
	err = guard(func() error { return db.View(func(tx *bbolt.Tx) error { return req.fill(tx, w) }) })
	if err != nil {
		var ne *nameError
		if errors.As(err, &ne) || errors.Is(err, errDamaged) {
			return BackupFromFile, err
		}
		return BackupFromFile, fmt.Errorf("reading %s: %w", dbPath, err)
	}
	return BackupFromFile, nil
}

// askRunning gets what req asks for from the cradle that has dbPath open.
// Every way of not getting it is said in words.
func askRunning(dbPath string, req request, w io.Writer) error {
	open := fmt.Sprintf("cradle is open in another terminal with %s", dbPath)
	sock, err := SocketPath(dbPath)
	if err != nil {
		return fmt.Errorf("%s, and it cannot be asked for a copy: %v. Close cradle there and try again", open, err)
	}
	// In a shared temporary folder anyone could make a socket by that
	// name: only this user's is asked.
	if info, err := os.Lstat(sock); err == nil && (info.Mode()&fs.ModeSocket == 0 || !ownedByUs(info)) {
		return fmt.Errorf("%s, but %s is not that cradle's: it belongs to another user, or is not a socket. Close cradle there and try again", open, sock)
	}
	conn, err := net.DialTimeout("unix", sock, stallLimit)
	if err != nil {
		why := unwrapNetError(err)
		switch {
		case errors.Is(why, fs.ErrNotExist):
			return fmt.Errorf("%s, but it is not answering copy requests (there is no %s: it may be an older cradle, or it could not set that up). Close cradle there and try again", open, sock)
		case errors.Is(why, syscall.ECONNREFUSED):
			return fmt.Errorf("%s, but nobody answers at %s: that cradle may have stopped responding. Close it and try again", open, sock)
		case errors.Is(why, fs.ErrPermission):
			return fmt.Errorf("%s, but %s belongs to another user, so it cannot be asked for a copy. Run this as the user who runs cradle", open, sock)
		case errors.Is(why, os.ErrDeadlineExceeded):
			return fmt.Errorf("%s, but it did not answer within %v. Try again, or close cradle there first", open, stallLimit)
		}
		return fmt.Errorf("%s, but it could not be asked for a copy (%v). Close cradle there and try again", open, why)
	}
	defer conn.Close()
	line, _ := json.Marshal(req)
	_ = conn.SetDeadline(time.Now().Add(stallLimit))
	if _, err := conn.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("%s, but the request could not be sent (%v). Try again", open, unwrapNetError(err))
	}
	r := bufio.NewReader(&deadlineReader{conn})
	head := "wait"
	for head == "wait" {
		line, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("%s, but it gave no answer (%v). Try again, or close cradle there first", open, unwrapNetError(err))
		}
		head = strings.TrimSpace(line)
	}
	if msg, ok := strings.CutPrefix(head, "error "); ok {
		return errors.New(msg)
	}
	sizeText, ok := strings.CutPrefix(head, "ok ")
	size, err := strconv.ParseInt(sizeText, 10, 64)
	if !ok || err != nil || size < 0 {
		return fmt.Errorf("%s, and its answer was not understood (%q)", open, head)
	}
	in := &readError{r: io.LimitReader(r, size)}
	n, err := io.Copy(w, in)
	if err != nil && in.err == nil {
		return err // writing where it goes failed (a full disk, a closed pipe)
	}
	if err != nil {
		return fmt.Errorf("the copy from the running cradle was cut off: %w", unwrapNetError(err))
	}
	if n != size {
		return fmt.Errorf("the copy from the running cradle was cut off after %d of %d bytes", n, size)
	}
	return nil
}

// readError remembers a failed read, so a copy cut off is told apart
// from a failure to write it.
type readError struct {
	r   io.Reader
	err error
}

func (r *readError) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && err != io.EOF {
		r.err = err
	}
	return n, err
}

// deadlineReader gives up on a cradle that sends nothing for stallLimit.
type deadlineReader struct{ conn net.Conn }

func (d *deadlineReader) Read(p []byte) (int, error) {
	_ = d.conn.SetReadDeadline(time.Now().Add(stallLimit))
	return d.conn.Read(p)
}

// CheckOutput says why a command reading the database at dbPath may not
// write to out, if it may not: out is that database itself (by device
// and inode, whatever name or link leads to it), a cradle database some
// cradle has open now, or a folder. Another database is replaced only when
// replaceDatabase is set (a backup with --force); an export never does.
// A missing out is fine.
func CheckOutput(dbPath, out string, replaceDatabase bool) error {
	oi, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", out, fserr.WithoutPath(err))
	}
	if oi.IsDir() {
		return fmt.Errorf("%s is a folder; give the name of a file to write", out)
	}
	if di, err := os.Stat(dbPath); err == nil && os.SameFile(oi, di) {
		if filepath.Clean(out) == filepath.Clean(dbPath) {
			return fmt.Errorf("%s is the database being read: writing there would replace it. Choose another file", out)
		}
		return fmt.Errorf("%s is the database being read (%s, by another name): writing there would replace it. Choose another file", out, dbPath)
	}
	if !oi.Mode().IsRegular() || !isDatabase(out) { // a pipe or a device is never read: it could block
		return nil
	}
	if inUse(out) {
		return fmt.Errorf("%s is a cradle database that a cradle has open now: writing there would replace it under that cradle. Choose another file", out)
	}
	if !replaceDatabase {
		return fmt.Errorf("%s is a cradle database: writing there would replace it. Choose another file", out)
	}
	return nil
}

// isDatabase reports whether the file at path starts as a bbolt database.
func isDatabase(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 32)
	n, _ := io.ReadFull(f, head)
	return n >= 24 && isBolt(head)
}

// isBolt reports whether head (a file's first 24 bytes at least) holds
// bbolt's magic number in its first meta page.
func isBolt(head []byte) bool {
	return len(head) >= 24 && head[16] == 0xED && head[17] == 0xDA && head[18] == 0x0C && head[19] == 0xED
}

// inUse reports whether a process holds the database at path under its
// lock, as a running cradle does.
func inUse(path string) bool {
	var db *bbolt.DB
	err := guard(func() (err error) {
		db, err = bbolt.Open(path, 0, &bbolt.Options{ReadOnly: true, Timeout: 50 * time.Millisecond})
		return err
	})
	if err == nil {
		db.Close()
	}
	return errors.Is(err, berrors.ErrTimeout)
}

func unwrapNetError(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return fserr.WithoutPath(op.Err)
	}
	return err
}
