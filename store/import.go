package store

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"github.com/cradle-coach/cradle/routines"
)

// ImportResult says what an import did.
type ImportResult struct {
	BabiesAdded, BabiesMatched int // new babies; babies found here already
	Sessions, Skipped          int // sessions added; sessions already here, left as they were
	Events                     int // events added
}

// ImportError is a problem with the file being imported: it is not a
// cradle export or database, or it is damaged. Nothing of it was added
// unless Partial says so.
type ImportError struct {
	Path string
	Err  error
	// Partial is what was added before the problem was found.
	Partial ImportResult
}

func (e *ImportError) Error() string {
	msg := fmt.Sprintf("%s cannot be imported: %v", e.Path, e.Err)
	if p := e.Partial; p.Sessions > 0 {
		msg += fmt.Sprintf(". %d sessions before that were imported; once the problem is fixed, importing again adds the rest and skips those", p.Sessions)
	}
	return msg
}

func (e *ImportError) Unwrap() error { return e.Err }

// importBatch is how many sessions go into one transaction: enough to be
// quick, few enough that a big import does not hold it all in memory.
const importBatch = 256

// Import adds what a backup (a cradle database file) or a JSON export
// holds: babies are matched to the babies here by id and date added, else
// by name, and added when new; a session already here (same id) is
// skipped, so importing the same file twice adds nothing. Nothing here is
// changed or removed. Import never writes to the file it reads.
func (s *Store) Import(path string) (ImportResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return ImportResult{}, &ImportError{Path: path, Err: unwrapPathError(err)}
	}
	defer f.Close()
	head := make([]byte, 32)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	m := &merger{s: s}
	switch {
	case len(head) >= 24 && binary.LittleEndian.Uint32(head[16:20]) == 0xED0CDAED: // bbolt's magic, in its first meta page
		f.Close()
		err = m.fromDatabase(path)
	case len(bytes.TrimSpace(head)) > 0 && bytes.TrimSpace(head)[0] == '{':
		// Read it through once without saving anything, so that a file
		// broken half way adds nothing at all; then import.
		dry := &merger{s: s, dry: true}
		if _, err = f.Seek(0, io.SeekStart); err == nil {
			err = dry.fromJSON(path, f)
		}
		if _, serr := f.Seek(0, io.SeekStart); err == nil && serr == nil {
			err = m.fromJSON(path, f)
		}
	case n == 0:
		err = errors.New("the file is empty")
	default:
		err = errors.New("it is neither a cradle backup nor a JSON export from cradle export --format json")
	}
	if err != nil {
		if m.storeErr != nil {
			msg := fmt.Errorf("could not save into %s: %w", s.path, m.storeErr)
			if m.res.Sessions > 0 {
				msg = fmt.Errorf("%w. %d sessions were imported before that; importing again adds the rest and skips those", msg, m.res.Sessions)
			}
			return m.res, msg
		}
		var oe *OpenError
		if errors.As(err, &oe) && oe.Path == path {
			switch oe.Kind {
			case Locked:
				err = errors.New("it is open in a cradle that is running; close that cradle first, or import a backup of it (cradle backup)")
			case NotDatabase:
				err = fmt.Errorf("it is not a cradle database, or it is damaged (%v)", oe.Err)
			case NewerSchema:
				err = fmt.Errorf("it was written by a newer cradle (schema %d; this cradle reads up to %d). Update cradle first", oe.Schema, SchemaVersion)
			default:
				err = oe.Err
			}
		}
		return m.res, &ImportError{Path: path, Err: err, Partial: m.res}
	}
	return m.res, nil
}

// merger adds incoming babies and sessions to the store.
type merger struct {
	s      *Store
	res    ImportResult
	babies map[uint64]uint64 // incoming id -> id here
	known  []Baby            // babies here
	batch  []exportSession
	// storeErr marks an error of this store (a full disk), not the file's.
	storeErr error
	// dry only reads and checks: nothing is saved.
	dry bool
}

// addBabies matches or adds the incoming babies, in one transaction.
func (m *merger) addBabies(in []Baby) error {
	m.babies = map[uint64]uint64{0: 0}
	if m.dry {
		return nil
	}
	err := m.s.update(func(tx *bbolt.Tx) error {
		m.res.BabiesAdded, m.res.BabiesMatched = 0, 0
		babies, err := bucket(tx, bucketBabies)
		if err != nil {
			return err
		}
		m.known = nil
		if err := babies.ForEach(func(k, v []byte) error {
			var rec babyRecord
			if err := decode(v, &rec, &rec.V); err != nil {
				return fmt.Errorf("baby %x: %w", k, err)
			}
			m.known = append(m.known, rec.Baby)
			return nil
		}); err != nil {
			return err
		}
		for _, b := range in {
			id, err := m.baby(babies, b)
			if err != nil {
				return err
			}
			m.babies[b.ID] = id
		}
		return nil
	})
	if err != nil {
		m.storeErr = err
	}
	return err
}

// baby finds the baby here that b is, or adds b, and returns its id here.
func (m *merger) baby(babies *bbolt.Bucket, b Baby) (uint64, error) {
	for _, k := range m.known {
		if k.ID == b.ID && k.Added.Equal(b.Added) {
			m.res.BabiesMatched++
			return k.ID, nil
		}
	}
	for _, k := range m.known {
		if SameName(k.Name, b.Name) {
			m.res.BabiesMatched++
			return k.ID, nil
		}
	}
	b.Name = strings.TrimSpace(routines.Clean(b.Name))
	if b.Name == "" {
		b.Name = "Baby"
	}
	if b.Added.IsZero() {
		b.Added = time.Now()
	}
	// Keep the id when it is free, so a restore into an empty file gives
	// back the same ids; else take the next.
	if b.ID == 0 || babies.Get(u64(b.ID)) != nil {
		id, err := babies.NextSequence()
		if err != nil {
			return 0, err
		}
		b.ID = id
	} else if b.ID > babies.Sequence() {
		if err := babies.SetSequence(b.ID); err != nil {
			return 0, err
		}
	}
	data, err := json.Marshal(babyRecord{V: recordVersion, Baby: b})
	if err != nil {
		return 0, err
	}
	if err := babies.Put(u64(b.ID), data); err != nil {
		return 0, err
	}
	m.known = append(m.known, b)
	m.res.BabiesAdded++
	return b.ID, nil
}

// check says what is wrong with an incoming session, if anything.
func checkSession(in exportSession) ([]byte, error) {
	key, err := sessionKey(in.ID)
	if err != nil {
		return nil, fmt.Errorf("session %q: its id is not a cradle session id", in.ID)
	}
	if in.Started.IsZero() {
		return nil, fmt.Errorf("session %s has no start time", in.ID)
	}
	for i, ev := range in.Events {
		if ev.At.IsZero() {
			return nil, fmt.Errorf("session %s: event %d (%q) has no time", in.ID, i+1, ev.Kind)
		}
		if !knownKind(ev.Kind) {
			return nil, fmt.Errorf("session %s: event %d is of an unknown kind %q", in.ID, i+1, ev.Kind)
		}
		if ev.Cue != "" && !ev.Cue.Valid() {
			return nil, fmt.Errorf("session %s: event %d has an unknown answer %q", in.ID, i+1, ev.Cue)
		}
		if ev.Kind == routines.EvEnd && i != len(in.Events)-1 {
			return nil, fmt.Errorf("session %s: events follow its end", in.ID)
		}
	}
	return key, nil
}

var eventKinds = []routines.EventKind{routines.EvStart, routines.EvStepDone, routines.EvStepSkipped, routines.EvBack,
	routines.EvRegionSkipped, routines.EvCheckIn, routines.EvHold, routines.EvPause, routines.EvResume, routines.EvReopen, routines.EvEnd}

func knownKind(k routines.EventKind) bool {
	for _, x := range eventKinds {
		if x == k {
			return true
		}
	}
	return false
}

// add queues a session; a full batch is written.
func (m *merger) add(in exportSession) error {
	if _, err := checkSession(in); err != nil {
		return err
	}
	m.batch = append(m.batch, in)
	if len(m.batch) >= importBatch {
		return m.flush()
	}
	return nil
}

// flush writes the queued sessions in one transaction.
func (m *merger) flush() error {
	if len(m.batch) == 0 {
		return nil
	}
	if m.dry {
		m.batch = m.batch[:0]
		return nil
	}
	var res ImportResult
	err := m.s.update(func(tx *bbolt.Tx) error {
		res = ImportResult{}
		var bks [5]*bbolt.Bucket
		for i, name := range [][]byte{bucketBabies, bucketSessions, bucketEvents, bucketOpen, bucketByBaby} {
			b, err := bucket(tx, name)
			if err != nil {
				return err
			}
			bks[i] = b
		}
		babies, sessions, events, open, byBaby := bks[0], bks[1], bks[2], bks[3], bks[4]
		for _, in := range m.batch {
			key, _ := checkSession(in)
			if sessions.Get(key) != nil {
				res.Skipped++
				continue
			}
			baby, ok := m.babies[in.BabyID]
			if !ok { // a session whose baby the file does not list
				var err error
				if baby, err = m.baby(babies, Baby{ID: in.BabyID, Name: in.BabyName}); err != nil {
					return err
				}
				m.babies[in.BabyID] = baby
			}
			sess := Session{ID: in.ID, BabyID: baby, BabyName: in.BabyName, RoutineID: in.RoutineID, RoutineTitle: in.RoutineTitle,
				RoutineFile: in.RoutineFile, Started: in.Started, Status: InProgress, Events: len(in.Events), Stats: StatsOf(in.Events)}
			for _, ev := range in.Events {
				seq, err := events.NextSequence()
				if err != nil {
					return err
				}
				data, err := json.Marshal(eventRecord{V: recordVersion, Event: ev})
				if err != nil {
					return err
				}
				evKey := eventKey(key, ev.At, seq)
				if err := events.Put(evKey, data); err != nil {
					return err
				}
				if ev.Kind == routines.EvEnd {
					sess.Status, sess.Ended, sess.Reason = Done, ev.At, ev.Reason
				}
			}
			if err := putSession(sessions, key, sess); err != nil {
				return err
			}
			// Begin makes keys from the time and the next sequence: keep the
			// sequence past the keys added, so a new key never meets one.
			if seq := binary.BigEndian.Uint64(key[8:]); seq > sessions.Sequence() {
				if err := sessions.SetSequence(seq); err != nil {
					return err
				}
			}
			if err := byBaby.Put(babyKey(baby, key), nil); err != nil {
				return err
			}
			if sess.Status == InProgress {
				if err := open.Put(key, nil); err != nil {
					return err
				}
			}
			res.Sessions++
			res.Events += len(in.Events)
		}
		return nil
	})
	if err != nil {
		m.storeErr = err
		return err
	}
	m.res.Sessions += res.Sessions
	m.res.Skipped += res.Skipped
	m.res.Events += res.Events
	m.batch = m.batch[:0]
	return nil
}

// fromJSON reads a JSON export, a session at a time.
func (m *merger) fromJSON(path string, r io.Reader) error {
	dec := json.NewDecoder(bufio.NewReader(r))
	err := m.readJSON(dec)
	if err == nil {
		err = m.flush()
	}
	if err != nil && m.storeErr == nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
			err = errors.New("the file ends too early; it may have been cut off while it was written or copied")
		case errors.As(err, &syn):
			err = fmt.Errorf("not valid JSON at line %d: %v", lineAt(path, syn.Offset), syn)
		case errors.As(err, &typ):
			err = fmt.Errorf("at line %d, %s should be %s, not %s", lineAt(path, typ.Offset), typ.Field, typ.Type, typ.Value)
		}
	}
	return err
}

func (m *merger) readJSON(dec *json.Decoder) error {
	if err := expectDelim(dec, '{'); err != nil {
		return errors.New("it is not a cradle export: a JSON export starts with {")
	}
	format, version := "", 0
	babiesSeen := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case "format":
			if err := dec.Decode(&format); err != nil {
				return err
			}
			if format != ExportFormat {
				return fmt.Errorf("it is not a cradle export (its format is %q)", format)
			}
		case "version":
			if err := dec.Decode(&version); err != nil {
				return err
			}
			if version > exportVersion {
				return fmt.Errorf("it was made by a newer cradle (export version %d; this cradle reads up to %d). Update cradle first", version, exportVersion)
			}
		case "babies":
			var babies []Baby
			if err := dec.Decode(&babies); err != nil {
				return err
			}
			if format == "" {
				return errors.New("it is not a cradle export: \"format\" must come first")
			}
			if err := m.addBabies(babies); err != nil {
				return err
			}
			babiesSeen = true
		case "sessions":
			if !babiesSeen {
				return errors.New("it is not a cradle export as written by cradle export: \"babies\" must come before \"sessions\"")
			}
			if err := expectDelim(dec, '['); err != nil {
				return errors.New("\"sessions\" should be a list")
			}
			for dec.More() {
				var in exportSession
				if err := dec.Decode(&in); err != nil {
					return err
				}
				if err := m.add(in); err != nil {
					return err
				}
			}
			if err := expectDelim(dec, ']'); err != nil {
				return err
			}
		default:
			var skip json.RawMessage // a field from a newer cradle: ignored
			if err := dec.Decode(&skip); err != nil {
				return err
			}
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return err
	}
	if format == "" {
		return errors.New("it is not a cradle export: it has no \"format\"")
	}
	if !babiesSeen {
		return m.addBabies(nil)
	}
	return nil
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != d {
		return fmt.Errorf("expected %q, found %v", d, tok)
	}
	return nil
}

// lineAt is the line of a byte offset in a file (1 if it cannot tell).
func lineAt(path string, off int64) int {
	f, err := os.Open(path)
	if err != nil {
		return 1
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, off))
	if err != nil {
		return 1
	}
	return 1 + bytes.Count(data, []byte("\n"))
}

// fromDatabase reads a cradle database file (a backup) without writing
// to it: opened read-only, checked page by page first.
func (m *merger) fromDatabase(path string) error {
	src, err := openSource(path, DefaultTimeout)
	if err != nil {
		return err
	}
	defer src.Close()
	err = src.View(func(tx *bbolt.Tx) error {
		var bks [3]*bbolt.Bucket
		for i, name := range [][]byte{bucketBabies, bucketSessions, bucketEvents} {
			if bks[i] = tx.Bucket(name); bks[i] == nil {
				return fmt.Errorf("it has no %s; it is not a whole cradle database", name)
			}
		}
		var babies []Baby
		if err := bks[0].ForEach(func(k, v []byte) error {
			var rec babyRecord
			if err := decode(v, &rec, &rec.V); err != nil {
				return fmt.Errorf("baby %x is unreadable: %w", k, err)
			}
			babies = append(babies, rec.Baby)
			return nil
		}); err != nil {
			return err
		}
		if err := m.addBabies(babies); err != nil {
			return err
		}
		c := bks[1].Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			sess, err := getSession(bks[1], k)
			if err != nil {
				return fmt.Errorf("a session is unreadable: %w", err)
			}
			evs, err := sessionEvents(bks[2], k)
			if err != nil {
				return fmt.Errorf("session %s: %w", sess.ID, err)
			}
			if err := m.add(toExport(sess, evs)); err != nil {
				return err
			}
		}
		return m.flush()
	})
	if err != nil {
		err = guardErr(err)
	}
	return err
}

// guardErr words a panic caught inside bbolt as damage.
func guardErr(err error) error {
	if errors.Is(err, errDamaged) {
		return fmt.Errorf("it is damaged (%v)", err)
	}
	return err
}

// source is a cradle database opened read-only.
type source struct {
	db *bbolt.DB
}

func (s *source) View(fn func(*bbolt.Tx) error) error {
	return guard(func() error { return s.db.View(fn) })
}

func (s *source) Close() error { return s.db.Close() }

// openSource opens a cradle database read-only, never writing to it: a
// shared lock (so it fails with Locked while a cradle has it open), the
// schema checked, and every page checked for damage.
func openSource(path string, timeout time.Duration) (*source, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, &OpenError{Path: path, Kind: OtherFailure, Err: unwrapPathError(err)}
	}
	if info.Size() == 0 {
		return nil, notDatabase(path, errors.New("the file is empty"))
	}
	var db *bbolt.DB
	err = guard(func() (err error) {
		db, err = bbolt.Open(path, 0, &bbolt.Options{ReadOnly: true, Timeout: timeout})
		return err
	})
	if err != nil {
		return nil, classify(path, err)
	}
	schema, _, err := inspect(db, path, SchemaVersion)
	if err == nil && schema == 0 {
		err = notDatabase(path, errors.New("it holds no cradle data"))
	}
	if err == nil {
		if err = guard(func() error { return db.View(consistent) }); err != nil {
			err = notDatabase(path, err)
		}
	}
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return &source{db: db}, nil
}

// consistent runs bbolt's consistency check on a transaction: every page
// reachable once, none both free and in use, keys in order.
func consistent(tx *bbolt.Tx) error {
	var problems []string
	for e := range tx.Check() {
		if len(problems) < 3 {
			problems = append(problems, e.Error())
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("its pages do not add up: %s", strings.Join(problems, "; "))
	}
	return nil
}

// Check opens the cradle database at path read-only and runs bbolt's
// consistency check over every page; nil means it is whole. It never
// writes to the file, and it fails with Locked while a cradle has it open.
func Check(path string) error {
	src, err := openSource(path, DefaultTimeout)
	if err != nil {
		return err
	}
	return src.Close()
}
