// Package store keeps babies, sessions and their events in one bbolt file.
//
// Layout (schema 2):
//
//	meta      "schema" -> decimal ASCII ("2"); "last_baby" -> 8-byte big-endian baby id;
//	          "clear" + 8-byte baby id -> JSON routines.Clear, the baby's last all-clear
//	          "settings" -> JSON Settings (the parent's choices, such as Swedish milking only)
//	babies    8-byte big-endian id -> JSON Baby
//	sessions  16-byte key (started UnixNano, sequence) -> JSON Session, with its Stats
//	events    session key + 8-byte At.UnixNano + 8-byte sequence -> JSON routines.Event;
//	          a session's events are read in sequence order (sessionEvents)
//	open      session key -> empty; the sessions not yet ended
//	by_baby   8-byte baby id + session key -> empty; each baby's sessions in time order
//
// Every JSON value carries a record version "v" so a record's shape can
// change without a schema migration.
//
// Schema 2 added by_baby and the sessions' Stats. Without them a baby's
// history page, or its insights, read every session of every baby (and
// the insights every event): see BenchmarkHistory and BenchmarkInsights.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"strconv"
	"syscall"
	"time"

	"github.com/cradle-coach/cradle/internal/fserr"
	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout this cradle writes and the newest it reads.
const SchemaVersion = 2

// DefaultTimeout is how long Open waits for another cradle to let go of
// the file. The "already open" message must appear within 2 s of start.
const DefaultTimeout = 1500 * time.Millisecond

var (
	bucketMeta     = []byte("meta")
	bucketBabies   = []byte("babies")
	bucketSessions = []byte("sessions")
	bucketEvents   = []byte("events")
	bucketOpen     = []byte("open")
	bucketByBaby   = []byte("by_baby")

	keySchema   = []byte("schema")
	keyLastBaby = []byte("last_baby")
)

// migrations[i] upgrades a database from schema i to i+1. Open runs each in
// its own transaction, which also records the new schema number, so a
// failure leaves the file at the last schema that completed.
var migrations = []func(*bbolt.Tx) error{
	// 0 -> 1: a brand-new file gets its buckets.
	func(tx *bbolt.Tx) error {
		for _, name := range [][]byte{bucketMeta, bucketBabies, bucketSessions, bucketEvents, bucketOpen} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("creating bucket %s: %w", name, err)
			}
		}
		return nil
	},
	// 1 -> 2: each baby's sessions get an index, and each session its
	// Stats, computed from its events.
	migrateIndexAndStats,
}

// Store is an open cradle database. Its methods are safe for concurrent use.
type Store struct {
	db   *bbolt.DB
	path string
}

// Options tune Open.
type Options struct {
	// Timeout is how long to wait for the file lock; 0 means DefaultTimeout.
	Timeout time.Duration
	// NoSync skips the fsync after each commit. Only for generating test
	// data in bulk: a crash may lose what was saved last.
	NoSync bool
}

// OpenErrorKind says which way Open failed, so the UI can choose its words.
type OpenErrorKind int

const (
	OpenFailed      OpenErrorKind = iota // permission, missing folder, I/O
	OpenLocked                           // another cradle holds the file
	OpenNotDatabase                      // not a cradle database, or damaged; left untouched
	OpenNewerSchema                      // written by a newer cradle; left untouched
)

// OpenError is every failure of Open: what happened, in words that name
// the file. What to do about it (close the other cradle, choose another
// file with --db) is the caller's to say, by Kind.
type OpenError struct {
	Path   string
	Kind   OpenErrorKind
	Schema int // the schema found, for OpenNewerSchema
	Err    error
}

func (e *OpenError) Error() string {
	switch e.Kind {
	case OpenLocked:
		return fmt.Sprintf("cradle is already open in another terminal (%s)", e.Path)
	case OpenNotDatabase:
		return fmt.Sprintf("%s is not a cradle database, or it is damaged (%v). cradle left it untouched", e.Path, e.Err)
	case OpenNewerSchema:
		return fmt.Sprintf("%s was written by a newer cradle (schema %d; this cradle reads up to %d)", e.Path, e.Schema, SchemaVersion)
	default:
		return fmt.Sprintf("cradle could not open %s (%v)", e.Path, e.Err)
	}
}

func (e *OpenError) Unwrap() error { return e.Err }

// Open opens the database at path, creating it (mode 0600) if it is
// missing. The parent directory must exist.
func Open(path string, opts Options) (*Store, error) {
	return open(path, opts, migrations)
}

func open(path string, opts Options, migs []func(*bbolt.Tx) error) (*Store, error) {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	deadline := time.Now().Add(timeout)

	// A read-write bbolt.Open trusts the file's header: on a truncated
	// database it reads the freelist past the end of the file and panics
	// (or faults), and on a valid database kept without a synced freelist
	// it writes one. So a non-empty file is first inspected through a
	// read-only handle (O_RDONLY: it cannot write) and opened for writing
	// only if it is a cradle database this cradle can read. A missing or
	// empty file goes straight to bbolt, which initialises it.
	info, err := os.Stat(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, &OpenError{Path: path, Kind: OpenFailed, Err: fserr.WithoutPath(err)}
	}
	if err == nil && !info.Mode().IsRegular() {
		what := "it is not a regular file"
		if info.IsDir() {
			what = "it is a folder, not a file"
		}
		return nil, &OpenError{Path: path, Kind: OpenFailed, Err: errors.New(what)}
	}
	if err == nil && info.Size() > 0 {
		ro, err := bbolt.Open(path, 0, &bbolt.Options{ReadOnly: true, Timeout: timeout})
		if err != nil {
			return nil, classify(path, err)
		}
		_, _, err = inspect(ro, path, len(migs))
		if err == nil {
			if ferr := keepsFreelist(path, ro.Info().PageSize); ferr != nil {
				err = notDatabase(path, ferr)
			}
		}
		if cerr := ro.Close(); err == nil && cerr != nil {
			err = &OpenError{Path: path, Kind: OpenFailed, Err: cerr}
		}
		if err != nil {
			return nil, err
		}
	}

	// The lock wait gets whatever time the read-only open left; bbolt
	// treats 0 as "wait forever" and 1 ms as "try once".
	//
	// Guarded: a damaged freelist, which only a read-write open reads,
	// makes bbolt panic before it writes anything. The panic leaves bbolt's
	// file handle (and lock) to the garbage collector; cradle is about to
	// report the error and exit anyway.
	remaining := max(time.Until(deadline), time.Millisecond)
	var db *bbolt.DB
	err = guard(func() (err error) {
		db, err = bbolt.Open(path, 0o600, &bbolt.Options{Timeout: remaining, NoSync: opts.NoSync})
		return err
	})
	if err != nil {
		return nil, classify(path, err)
	}
	s := &Store{db: db, path: path}
	// Inspect again under the exclusive lock: another process may have
	// changed the file between the two opens.
	schema, hasData, err := inspect(db, path, len(migs))
	if err == nil {
		err = s.migrate(schema, hasData, migs)
	}
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// classify turns an error from bbolt.Open into an OpenError.
func classify(path string, err error) *OpenError {
	var pathErr *fs.PathError
	var errno syscall.Errno
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return &OpenError{Path: path, Kind: OpenLocked, Err: err}
	case errors.As(err, &pathErr):
		return &OpenError{Path: path, Kind: OpenFailed, Err: pathErr.Err}
	case errors.As(err, &errno):
		return &OpenError{Path: path, Kind: OpenFailed, Err: err}
	case errors.Is(err, berrors.ErrInvalid):
		return notDatabase(path, fmt.Errorf("no database header: %w", err))
	case errors.Is(err, berrors.ErrVersionMismatch):
		return notDatabase(path, fmt.Errorf("unsupported bbolt format: %w", err))
	case errors.Is(err, berrors.ErrChecksum):
		return notDatabase(path, fmt.Errorf("header checksum mismatch: %w", err))
	case errors.Is(err, errDamaged):
		return notDatabase(path, err)
	default:
		// Anything else bbolt reports about a file it could open and lock
		// (e.g. "file size too small") means it could not read a database.
		return notDatabase(path, fmt.Errorf("unreadable as a database: %w", err))
	}
}

func notDatabase(path string, err error) *OpenError {
	return &OpenError{Path: path, Kind: OpenNotDatabase, Err: err}
}

// inspect reads the schema without writing. Schema 0 is a bbolt file with
// no buckets at all (what bbolt makes of a new file). hasData says whether
// the file holds any bucket, i.e. whether a migration needs a backup first.
func inspect(db *bbolt.DB, path string, newest int) (schema int, hasData bool, err error) {
	size := int64(-1)
	if info, err := os.Stat(path); err == nil {
		size = info.Size()
	}
	err = guard(func() error {
		return db.View(func(tx *bbolt.Tx) error {
			// bbolt trusts the header's page count and would fault reading
			// pages past the end of a truncated file, so check it first.
			if size >= 0 && tx.Size() > size {
				return notDatabase(path, fmt.Errorf("the file is %d bytes but its header says %d; it may be truncated", size, tx.Size()))
			}
			meta := tx.Bucket(bucketMeta)
			if meta == nil {
				err := tx.ForEach(func([]byte, *bbolt.Bucket) error {
					hasData = true
					return nil
				})
				if err != nil {
					return notDatabase(path, err)
				}
				if hasData {
					return notDatabase(path, errors.New("it has no cradle meta bucket"))
				}
				schema = 0
				return nil
			}
			hasData = true
			raw := meta.Get(keySchema)
			n, err := strconv.Atoi(string(raw))
			if err != nil || n < 0 {
				return notDatabase(path, fmt.Errorf("bad schema number %q", raw))
			}
			if n > newest {
				return &OpenError{Path: path, Kind: OpenNewerSchema, Schema: n, Err: fmt.Errorf("schema %d is newer than %d", n, newest)}
			}
			schema = n
			return nil
		})
	})
	var oe *OpenError
	if err != nil && !errors.As(err, &oe) {
		err = notDatabase(path, err)
	}
	return schema, hasData, err
}

// errDamaged marks a panic inside bbolt turned into an error by guard.
var errDamaged = errors.New("the database is damaged")

// guard runs fn, turning a panic into an error wrapping errDamaged. bbolt
// panics on damaged pages (it asserts page ids and types), and with
// SetPanicOnFault a fault on memory that is mapped but not backed by the
// file (SIGBUS) becomes a panic too, instead of killing cradle mid-massage.
// bbolt's View and Update roll back their transaction as the panic passes.
func guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errDamaged, r)
		}
	}()
	return fn()
}

func (s *Store) view(fn func(*bbolt.Tx) error) error {
	return guard(func() error { return s.db.View(fn) })
}

func (s *Store) update(fn func(*bbolt.Tx) error) error {
	return guard(func() error { return s.db.Update(fn) })
}

// migrate brings the file from schema to len(migs), backing it up first
// unless it holds nothing.
func (s *Store) migrate(schema int, hasData bool, migs []func(*bbolt.Tx) error) error {
	if schema >= len(migs) {
		return nil
	}
	backup := ""
	if hasData {
		var err error
		if backup, err = s.backup(schema); err != nil {
			return &OpenError{Path: s.path, Kind: OpenFailed, Err: fmt.Errorf("backing up before the upgrade from schema %d: %w", schema, err)}
		}
	}
	for i := schema; i < len(migs); i++ {
		err := s.update(func(tx *bbolt.Tx) error {
			if err := migs[i](tx); err != nil {
				return err
			}
			meta, err := tx.CreateBucketIfNotExists(bucketMeta)
			if err != nil {
				return err
			}
			return meta.Put(keySchema, []byte(strconv.Itoa(i+1)))
		})
		if err != nil {
			if backup != "" {
				err = fmt.Errorf("%w; the copy from before the upgrade is %s", err, backup)
			}
			return &OpenError{Path: s.path, Kind: OpenFailed, Err: fmt.Errorf("upgrading from schema %d to %d: %w", i, i+1, err)}
		}
	}
	return nil
}

// backup copies the database to PATH.schemaN.bak from a read transaction.
// An existing backup is never overwritten: it may be the only good copy.
func (s *Store) backup(schema int) (string, error) {
	base := fmt.Sprintf("%s.schema%d", s.path, schema)
	name := base + ".bak"
	var f *os.File
	var err error
	for i := 1; ; i++ {
		f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, fs.ErrExist) || i > 100 {
			break
		}
		name = fmt.Sprintf("%s.%d.bak", base, i)
	}
	if err != nil {
		return "", err
	}
	err = s.view(func(tx *bbolt.Tx) error {
		_, err := tx.WriteTo(f)
		return err
	})
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(name)
		return "", err
	}
	return name, nil
}

// closing, when set, runs on every store about to close. The tests set it
// to end each with bbolt's consistency check on its file (check_test.go).
var closing func(*Store)

// Close releases the file and its lock. Calls after Close return errors.
func (s *Store) Close() error {
	if closing != nil {
		closing(s)
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("closing %s: %w", s.path, err)
	}
	return nil
}

// Path is the file the store was opened from.
func (s *Store) Path() string { return s.path }

// Size is how many bytes of the file the database uses now: its pages up
// to the highest in use, free pages among them included. The file itself
// may be larger: bbolt grows it ahead, in steps of up to 16 MiB.
func (s *Store) Size() (int64, error) {
	var n int64
	err := s.view(func(tx *bbolt.Tx) error {
		n = tx.Size()
		return nil
	})
	return n, err
}
