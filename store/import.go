package store

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"time"

	"go.etcd.io/bbolt"

	"github.com/cradle-coach/cradle/internal/fserr"
	"github.com/cradle-coach/cradle/routines"
)

// ImportResult says what an import did.
type ImportResult struct {
	BabiesAdded, BabiesMatched int // new babies; babies found here already
	Sessions, Skipped          int // sessions added; sessions already here, left as they were
	Events                     int // events added
	// Shortened counts the texts longer than cradle keeps (a name over
	// MaxNameLength, say), cut to fit.
	Shortened int
}

// ImportError is a problem with the file being imported: it is not a
// cradle export or database, or it is damaged. Nothing of it was added.
type ImportError struct {
	Path string
	Err  error
}

func (e *ImportError) Error() string {
	return fmt.Sprintf("%s cannot be imported: %v. Nothing was imported", e.Path, e.Err)
}

func (e *ImportError) Unwrap() error { return e.Err }

// importBatch is how many sessions go into one transaction: enough to be
// quick, few enough that a big import does not hold it all in memory.
const importBatch = 256

// Import adds what a backup (a cradle database file) or a JSON export at
// path holds. See ImportAs.
func (s *Store) Import(path string) (ImportResult, error) { return s.ImportAs(path, path, nil) }

// ImportAs adds what a backup or a JSON export holds, from the file at
// path, called name in messages (standard input is read into a file
// first, as a database can only be read from one).
//
// The whole file is read and checked before anything is saved, so a file
// damaged anywhere adds nothing. Babies are matched to the babies here
// by id and date added, else by name, and added when new; a session
// already here (the same baby's, started at the same instant) is skipped,
// so importing the same file twice adds nothing. Every id is given here:
// nothing in the file sets a number cradle counts from. Nothing here is
// changed or removed, and the file is never written to.
//
// saving, when set, is called once, just before the first thing is saved:
// until then a stopped import has added nothing.
func (s *Store) ImportAs(path, name string, saving func()) (ImportResult, error) {
	fail := func(err error) (ImportResult, error) { return ImportResult{}, &ImportError{Path: name, Err: err} }
	f, err := openImport(path, s.path)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	backup, err := importKind(f)
	if err != nil {
		return fail(err)
	}
	var src importSource
	if backup {
		f.Close()
		db, err := openSource(path, DefaultTimeout)
		if err != nil {
			return fail(sourceProblem(err, path))
		}
		defer db.Close()
		src = &dbSource{db}
	} else {
		src = &jsonSource{f: f, path: path}
	}

	now := time.Now()
	// First the whole file, read and checked, saving nothing.
	check := &tidier{now: now}
	err = src.walk(func(b *Baby) error { return check.baby(b) }, func(in *exportSession) error { return check.session(in) })
	if err != nil {
		return fail(guardErr(err))
	}
	// Then the same again, saved.
	if saving != nil {
		saving()
	}
	m := &merger{s: s, tidy: &tidier{now: now}, now: now, ids: map[uint64]uint64{0: 0}}
	err = src.walk(m.addBaby, m.add)
	if err == nil {
		err = m.flush()
	}
	m.res.Shortened = m.tidy.cut
	if m.storeErr != nil {
		msg := fmt.Errorf("could not save into %s: %w", s.path, m.storeErr)
		if m.res.Sessions > 0 {
			msg = fmt.Errorf("%w. %d sessions were imported before that; importing again adds the rest and skips those", msg, m.res.Sessions)
		}
		return m.res, msg
	}
	if err != nil { // the file changed between the two readings
		return m.res, fmt.Errorf("%s changed while it was read (%v): %d sessions were imported before that; importing it again adds the rest and skips those", name, err, m.res.Sessions)
	}
	return m.res, nil
}

// CheckImportStart reads no more of r than it needs to tell whether it
// starts as something cradle imports (a backup, or a JSON export), and
// says why not if it does not: a wrong stream on standard input (a disk,
// /dev/zero, the wrong file) is refused at once, not after all of it.
func CheckImportStart(r io.Reader) error {
	_, err := importKind(r)
	return err
}

// leadLimit bounds what is read to tell what a file is: a cradle export
// starts with its "format" at once.
const leadLimit = 64 << 10

// importKind tells from the first bytes of r whether it is a backup (a
// bbolt file) or starts as a JSON export does, with {"format": "cradle
// export"; else it says what is wrong.
func importKind(r io.Reader) (backup bool, err error) {
	head := make([]byte, 24) // as much as isBolt reads
	n, _ := io.ReadFull(r, head)
	head = head[:n]
	switch {
	case n == 0:
		return false, errors.New("the file is empty")
	case isBolt(head):
		return true, nil
	}
	dec := json.NewDecoder(asUTF8(io.MultiReader(bytes.NewReader(head), io.LimitReader(r, leadLimit))))
	return false, readHead(dec)
}

// errNeither is a file that starts as nothing cradle imports.
var errNeither = errors.New("it is neither a cradle backup nor a JSON export from cradle export --format json")

// readHead reads the start of a JSON export: {, then "format" with the
// export's own name, as cradle export writes it.
func readHead(dec *json.Decoder) error {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return errNeither
	}
	if tok, err := dec.Token(); err != nil || tok != "format" {
		return errors.New("it is not a cradle export: a JSON export starts with its \"format\"")
	}
	var format any
	if err := dec.Decode(&format); err != nil {
		return errNeither
	}
	switch f := format.(type) {
	case string:
		if f != ExportFormat {
			return fmt.Errorf("it is not a cradle export (its format is %q)", routines.Clean(f))
		}
	default:
		return fmt.Errorf("it is not a cradle export: its \"format\" should be %q, not %s", ExportFormat, jsonWords(valueKind(f)))
	}
	return nil
}

// valueKind names a decoded JSON value as encoding/json names them.
func valueKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case float64:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "string"
}

// jsonWords names a kind of JSON value in words.
func jsonWords(kind string) string {
	switch kind {
	case "number":
		return "a number"
	case "string":
		return "text"
	case "bool":
		return "true or false"
	case "array":
		return "a list"
	case "object":
		return "an object"
	case "null":
		return "null"
	}
	return kind
}

// typeWords names what a Go type holds, in words.
func typeWords(t reflect.Type) string {
	if t == nil {
		return "something else"
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}

// typeProblem words a value of the wrong kind: at line 3, "events.kind"
// should be text, not a number. what names a value without a field of
// its own (a baby, a session).
func typeProblem(typ *json.UnmarshalTypeError, line int, what string) error {
	field := what
	if typ.Field != "" {
		field = strconv.Quote(typ.Field)
	}
	return fmt.Errorf("at line %d, %s should be %s, not %s", line, field, typeWords(typ.Type), jsonWords(typ.Value))
}

// CheckImport says why the file at path cannot be imported into the
// database at into, if it plainly cannot (missing, a folder, a pipe, that
// database itself), before the database is opened for it.
func CheckImport(path, into string) error {
	f, err := openImport(path, into)
	if err != nil {
		return &ImportError{Path: path, Err: err}
	}
	return f.Close()
}

// openImport opens the file to import, refusing what cannot be one: a
// folder, a pipe or a device (which could block for ever, or give a
// different stream on a second reading), and the database being imported
// into (the same file by device and inode, through any link).
func openImport(path, into string) (*os.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fserr.WithoutPath(err)
	}
	if err := importable(info); err != nil {
		return nil, err
	}
	if here, err := os.Stat(into); err == nil && os.SameFile(info, here) {
		return nil, errors.New("it is the database being imported into: importing a database into itself adds nothing. To restore a backup, import the backup's file")
	}
	// Non-blocking, in case the file was swapped for a pipe since Stat.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fserr.WithoutPath(err)
	}
	if got, err := f.Stat(); err != nil || !os.SameFile(info, got) {
		f.Close()
		return nil, errors.New("it changed while it was opened; try again")
	}
	return f, nil
}

func importable(info os.FileInfo) error {
	switch {
	case info.IsDir():
		return errors.New("it is a folder. Give a file: a backup made by cradle backup, or an export made by cradle export --format json")
	case !info.Mode().IsRegular():
		return errors.New("it is not a regular file (a pipe, a device or a socket). To import from a pipe, use - for standard input: cradle import - < FILE")
	}
	return nil
}

// sourceProblem words a failure to open a database being imported.
func sourceProblem(err error, path string) error {
	var oe *OpenError
	if !errors.As(err, &oe) || oe.Path != path {
		return err
	}
	switch oe.Kind {
	case OpenLocked:
		return errors.New("it is open in a cradle that is running. Make a copy of it with cradle backup --db FILE COPY and import the copy, or close that cradle first")
	case OpenNotDatabase:
		return fmt.Errorf("it is not a cradle database, or it is damaged (%v)", oe.Err)
	case OpenNewerSchema:
		return fmt.Errorf("it was written by a newer cradle (schema %d; this cradle reads up to %d). Update cradle first", oe.Schema, SchemaVersion)
	}
	return oe.Err
}

// guardErr words a panic caught inside bbolt as damage.
func guardErr(err error) error {
	if errors.Is(err, errDamaged) {
		return fmt.Errorf("it is damaged (%v)", err)
	}
	return err
}

// importSource is a file being imported: walk hands over its babies, then
// its sessions, one at a time, each ready to be checked and changed.
type importSource interface {
	walk(baby func(*Baby) error, session func(*exportSession) error) error
}

// merger adds incoming babies and sessions to the store.
type merger struct {
	s     *Store
	tidy  *tidier
	now   time.Time
	res   ImportResult
	ids   map[uint64]uint64 // a baby's id in the file -> its id here
	batch []exportSession
	// storeErr marks an error of this store (a full disk), not the file's.
	storeErr error
}

// addBaby matches an incoming baby to one here, or adds it.
func (m *merger) addBaby(b *Baby) error {
	if err := m.tidy.baby(b); err != nil {
		return err
	}
	err := m.s.update(func(tx *bbolt.Tx) error {
		babies, err := bucket(tx, bucketBabies)
		if err != nil {
			return err
		}
		id, err := m.baby(babies, *b)
		if err == nil {
			m.ids[b.ID] = id
		}
		return err
	})
	if err != nil {
		m.storeErr = err
	}
	return err
}

// baby finds the baby here that b is, or adds b, and returns its id here.
// The file's id only helps to find a baby already here; a new baby gets
// an id from this store.
func (m *merger) baby(babies *bbolt.Bucket, b Baby) (uint64, error) {
	var byName uint64
	err := babies.ForEach(func(k, v []byte) error {
		var rec babyRecord
		if err := decode(v, &rec, &rec.V); err != nil {
			return fmt.Errorf("baby %x here: %w", k, err)
		}
		if rec.ID == b.ID && rec.Added.Equal(b.Added) {
			byName = rec.ID
			return errFound
		}
		if byName == 0 && SameName(rec.Name, b.Name) {
			byName = rec.ID
		}
		return nil
	})
	if err != nil && !errors.Is(err, errFound) {
		return 0, err
	}
	if byName != 0 {
		m.res.BabiesMatched++
		return byName, nil
	}
	if b.Added.IsZero() {
		b.Added = m.now
	}
	id, err := newBabyID(babies)
	if err != nil {
		return 0, err
	}
	b.ID = id
	data, err := json.Marshal(babyRecord{V: recordVersion, Baby: b})
	if err != nil {
		return 0, err
	}
	if err := babies.Put(u64(id), data); err != nil {
		return 0, err
	}
	m.res.BabiesAdded++
	return id, nil
}

var errFound = errors.New("found")

// newBabyID is an id no baby has. The babies bucket's sequence gives it;
// a sequence that would wrap round, or land on a baby (a file imported by
// an older cradle could set it to any number), is mended instead: the id
// after the highest in use, else the first one free.
func newBabyID(babies *bbolt.Bucket) (uint64, error) {
	id, err := babies.NextSequence()
	if err != nil {
		return 0, err
	}
	if id != 0 && babies.Get(u64(id)) == nil {
		return id, nil
	}
	c := babies.Cursor()
	switch k, _ := c.Last(); {
	case k == nil:
		id = 1
	case binary.BigEndian.Uint64(k) < math.MaxUint64:
		id = binary.BigEndian.Uint64(k) + 1
	default:
		id = 1
		for k, _ := c.First(); k != nil && binary.BigEndian.Uint64(k) == id; k, _ = c.Next() {
			id++
		}
	}
	return id, babies.SetSequence(id)
}

// freshKey is a new session key for a session started at started (8
// bytes): the store's next sequence, never a key in use.
func freshKey(sessions *bbolt.Bucket, started []byte) ([]byte, error) {
	for {
		seq, err := sessions.NextSequence()
		if err != nil {
			return nil, err
		}
		key := binary.BigEndian.AppendUint64(bytes.Clone(started), seq)
		if sessions.Get(key) == nil {
			return key, nil
		}
	}
}

// add queues a session; a full batch is written.
func (m *merger) add(in *exportSession) error {
	if err := m.tidy.session(in); err != nil {
		return err
	}
	m.batch = append(m.batch, *in)
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
			baby, ok := m.ids[in.BabyID]
			if !ok { // a session whose baby the file does not list
				b := Baby{ID: in.BabyID, Name: in.BabyName}
				if err := m.tidy.baby(&b); err != nil {
					return err
				}
				var err error
				if baby, err = m.baby(babies, b); err != nil {
					return err
				}
				m.ids[in.BabyID] = baby
			}
			started := u64(uint64(in.Started.UnixNano()))
			if k, _ := byBaby.Cursor().Seek(babyKey(baby, started)); bytes.HasPrefix(k, babyKey(baby, started)) {
				res.Skipped++ // this baby's session that started at that instant
				continue
			}
			key, err := freshKey(sessions, started)
			if err != nil {
				return err
			}
			sess := Session{ID: hex.EncodeToString(key), BabyID: baby, BabyName: in.BabyName, RoutineID: in.RoutineID,
				RoutineTitle: in.RoutineTitle, RoutineFile: in.RoutineFile, Started: in.Started, Status: StatusInProgress,
				Events: len(in.Events), Stats: StatsOf(in.Events)}
			for _, ev := range in.Events {
				seq, err := events.NextSequence()
				if err != nil {
					return err
				}
				data, err := json.Marshal(eventRecord{V: recordVersion, Event: ev})
				if err != nil {
					return err
				}
				if err := events.Put(eventKey(key, ev.At, seq), data); err != nil {
					return err
				}
			}
			ended(&sess, in)
			if err := putSession(sessions, key, sess); err != nil {
				return err
			}
			if err := byBaby.Put(babyKey(baby, key), nil); err != nil {
				return err
			}
			if sess.Status == StatusInProgress {
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

// ended sets how an incoming session ended. Its end event says so when
// it has one. A session the file calls done without one (its end was not
// saved) is kept as done, ended when the file says, else at its last
// event, and for the reason the file gives, else as interrupted: it is
// not offered to be picked up again, nor called finished on no evidence.
func ended(sess *Session, in exportSession) {
	if n := len(in.Events); n > 0 && in.Events[n-1].Kind == routines.EvEnd {
		last := in.Events[n-1]
		sess.Status, sess.Ended, sess.Reason = StatusDone, last.At, last.Reason
		return
	}
	if in.Status != StatusDone {
		return
	}
	sess.Status, sess.Ended, sess.Reason = StatusDone, in.Ended, in.Reason
	if sess.Ended.IsZero() || sess.Ended.Before(in.Started) {
		sess.Ended = in.Started
		for _, ev := range in.Events {
			if ev.At.After(sess.Ended) {
				sess.Ended = ev.At
			}
		}
	}
	if sess.Reason == "" {
		sess.Reason = routines.EndInterrupted
	}
}

// jsonSource is a JSON export.
type jsonSource struct {
	f    *os.File
	path string
}

// boundedReader fails once one record runs past maxRecord bytes, so a
// hostile file (a 200 MB name) is refused before it fills the memory.
type boundedReader struct {
	r    io.Reader
	n    int64 // bytes read so far
	mark int64 // where the record being read began
}

func (b *boundedReader) Read(p []byte) (int, error) {
	room := b.mark + maxRecord - b.n
	if room <= 0 {
		return 0, errTooBig
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	return n, err
}

func (j *jsonSource) walk(baby func(*Baby) error, session func(*exportSession) error) error {
	if _, err := j.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	br := &boundedReader{r: asUTF8(j.f)}
	dec := json.NewDecoder(br)
	err := j.read(dec, br, baby, session)
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		err = errors.New("the file ends too early; it may have been cut off while it was written or copied")
	case errors.As(err, &syn):
		err = fmt.Errorf("not valid JSON at line %d: %v", j.line(syn.Offset), syn)
	case errors.As(err, &typ):
		err = typeProblem(typ, j.line(typ.Offset), "a value")
	}
	return err
}

func (j *jsonSource) read(dec *json.Decoder, br *boundedReader, baby func(*Baby) error, session func(*exportSession) error) error {
	if err := readHead(dec); err != nil {
		return err
	}
	// record decodes the next value of a list into v, with the line it
	// starts on for messages.
	record := func(what string, n int, v any) (where func() string, err error) {
		br.mark = dec.InputOffset()
		start := br.mark
		// Worked out only for a message: it reads the file up to there.
		where = func() string { return fmt.Sprintf("%s %d (line %d)", what, n, j.line(start)) }
		err = dec.Decode(v)
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case err == nil || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		case errors.Is(err, errTooBig):
			err = fmt.Errorf("%s is larger than any cradle writes (over %d MB)", where(), maxRecord>>20)
		// The offsets of a value's errors count from where it began.
		case errors.As(err, &syn):
			err = fmt.Errorf("%s is not valid JSON at line %d: %v", where(), j.line(start+syn.Offset), syn)
		case errors.As(err, &typ):
			err = fmt.Errorf("%s: %w", where(), typeProblem(typ, j.line(start+typ.Offset), "the "+what))
		default:
			err = fmt.Errorf("%s: %v", where(), err)
		}
		return where, err
	}
	version := 0
	babiesSeen := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case "version":
			at := dec.InputOffset()
			if err := dec.Decode(&version); err != nil {
				var typ *json.UnmarshalTypeError
				if errors.As(err, &typ) {
					return typeProblem(typ, j.line(at+typ.Offset), `"version"`)
				}
				return err
			}
			if version > exportVersion {
				return fmt.Errorf("it was made by a newer cradle (export version %d; this cradle reads up to %d). Update cradle first", version, exportVersion)
			}
		case "babies":
			if err := expectDelim(dec, '['); err != nil {
				return errors.New("\"babies\" should be a list")
			}
			for n := 1; dec.More(); n++ {
				var b Baby
				where, err := record("baby", n, &b)
				if err == nil {
					err = baby(&b)
					if err != nil {
						err = fmt.Errorf("%s, %s: %w", where(), b.Name, err)
					}
				}
				if err != nil {
					return err
				}
			}
			if err := expectDelim(dec, ']'); err != nil {
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
			for n := 1; dec.More(); n++ {
				var in exportSession
				where, err := record("session", n, &in)
				if err == nil {
					if err = session(&in); err != nil {
						err = fmt.Errorf("%s: %w", where(), err)
					}
				}
				if err != nil {
					return err
				}
			}
			if err := expectDelim(dec, ']'); err != nil {
				return err
			}
		default:
			br.mark = dec.InputOffset()
			var skip json.RawMessage // a field from a newer cradle: ignored
			if err := dec.Decode(&skip); err != nil {
				return err
			}
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return err
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

// line is the line of the first value at or after a byte offset (1 if it
// cannot tell): a record's offset is where the one before it ended.
func (j *jsonSource) line(off int64) int {
	f, err := os.Open(j.path)
	if err != nil {
		return 1
	}
	defer f.Close()
	r := bufio.NewReader(asUTF8(f)) // the offsets are the decoder's, in UTF-8
	line := 1
	for i := int64(0); ; i++ {
		c, err := r.ReadByte()
		if err != nil || i >= off && !strings.ContainsRune(" \t\r\n,", rune(c)) {
			return line
		}
		if c == '\n' {
			line++
		}
	}
}

// dbSource is a cradle database file (a backup), opened read-only.
type dbSource struct{ db *source }

func (d *dbSource) walk(baby func(*Baby) error, session func(*exportSession) error) error {
	return d.db.View(func(tx *bbolt.Tx) error {
		var bks [3]*bbolt.Bucket
		for i, name := range [][]byte{bucketBabies, bucketSessions, bucketEvents} {
			if bks[i] = tx.Bucket(name); bks[i] == nil {
				return fmt.Errorf("it has no %s; it is not a whole cradle database", name)
			}
		}
		if err := bks[0].ForEach(func(k, v []byte) error {
			if len(v) > maxRecord {
				return fmt.Errorf("baby %x is larger than any cradle writes", k)
			}
			var rec babyRecord
			if err := decode(v, &rec, &rec.V); err != nil {
				return fmt.Errorf("baby %x is unreadable: %w", k, err)
			}
			if err := baby(&rec.Baby); err != nil {
				return fmt.Errorf("baby %d, %s: %w", rec.ID, rec.Name, err)
			}
			return nil
		}); err != nil {
			return err
		}
		c := bks[1].Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			// A session key begins with its start, so even an unreadable
			// session can be named by it.
			where := fmt.Sprintf("session %x", k)
			if len(k) == sessionKeyLen {
				where = fmt.Sprintf("the session started %s (%x)", when(time.Unix(0, int64(binary.BigEndian.Uint64(k)))), k)
			}
			if len(v) > maxRecord {
				return fmt.Errorf("%s is larger than any cradle writes", where)
			}
			sess, err := decodeSession(k, v)
			if err != nil {
				return fmt.Errorf("%s is unreadable: %w", where, errors.Unwrap(err))
			}
			evs, err := sessionEvents(bks[2], k)
			if err == nil {
				in := toExport(sess, evs)
				err = session(&in)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
		}
		return nil
	})
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
// shared lock (so it fails with OpenLocked while a cradle has it open), the
// schema checked, and every page checked for damage.
func openSource(path string, timeout time.Duration) (*source, error) {
	db, schema, err := openReadOnly(path, timeout)
	if err != nil {
		return nil, err
	}
	if schema == 0 {
		err = notDatabase(path, errors.New("it holds no cradle data"))
	} else if err = guard(func() error { return db.View(consistent) }); err != nil {
		err = notDatabase(path, err)
	}
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return &source{db: db}, nil
}

// openReadOnly opens the cradle database at path read-only, trying its
// lock for timeout, and reads its schema (0 when it holds no cradle data
// yet); a database with data has its pages checked for damage first, as
// a damaged file can crash bbolt's own walks. The database is open only
// when err is nil.
func openReadOnly(path string, timeout time.Duration) (db *bbolt.DB, schema int, err error) {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, 0, &OpenError{Path: path, Kind: OpenFailed, Err: fserr.WithoutPath(err)}
	case !info.Mode().IsRegular():
		return nil, 0, notDatabase(path, errors.New("it is not a file"))
	case info.Size() == 0:
		return nil, 0, notDatabase(path, errors.New("the file is empty"))
	}
	err = guard(func() (err error) {
		db, err = bbolt.Open(path, 0, &bbolt.Options{ReadOnly: true, Timeout: timeout})
		return err
	})
	if err != nil {
		return nil, 0, classify(path, err)
	}
	schema, _, err = inspect(db, path, SchemaVersion)
	if err == nil && schema != 0 {
		if perr := soundPages(path, db.Info().PageSize); perr != nil {
			err = notDatabase(path, fmt.Errorf("its pages do not add up: %v", perr))
		}
	}
	if err != nil {
		_ = db.Close()
		return nil, 0, err
	}
	return db, schema, nil
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
// writes to the file, and it fails with OpenLocked while a cradle has it open.
func Check(path string) error {
	src, err := openSource(path, DefaultTimeout)
	if err != nil {
		return err
	}
	return src.Close()
}
