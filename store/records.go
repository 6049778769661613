package store

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"github.com/cradle-coach/cradle/routines"
)

// recordVersion is the "v" written into every JSON value.
const recordVersion = 1

// ErrNotFound is returned (wrapped) when a baby or session does not exist.
var ErrNotFound = errors.New("not found")

// ErrEnded is returned for events added to a session that has ended.
var ErrEnded = errors.New("has ended")

// SameName reports whether two babies' names are the same to cradle:
// case and the spaces around them aside. The baby form, export --baby and
// import all match names so.
func SameName(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) }

// Baby is a child the parent massages.
type Baby struct {
	ID    uint64    `json:"id"`
	Name  string    `json:"name"`
	Birth time.Time `json:"birth,omitzero"` // zero when not given
	Due   time.Time `json:"due,omitzero"`   // due date, for preterm babies
	// GoAhead is when the parent said the baby's doctor or nurse had said
	// yes to massage, for a baby born early (routines.BornEarly); zero
	// until then, and again once the parent withdraws it.
	GoAhead time.Time `json:"go_ahead,omitzero"`
	// Early is the parent's answer to routines.EarlyQuestion, which the
	// readiness check asks when no due date says: "" until asked (and in
	// every record written before cradle asked it).
	Early routines.Early `json:"early,omitempty"`
	Added time.Time      `json:"added"`
	// Goal is the weekly goal in sessions: 0 means the default
	// (DefaultGoal), NoGoal means none. See WeeklyGoal.
	Goal int `json:"goal,omitempty"`
	// Rest lists the weeks the parent called rest weeks, by the date of
	// their Monday (2006-01-02), oldest first.
	Rest []string `json:"rest,omitempty"`
}

// BornEarly reports whether b was born early, by the dates when the due
// date is known, else by the parent's answer (routines.BornEarly).
func (b Baby) BornEarly() bool { return routines.BornEarly(b.Birth, b.Due, b.Early) }

// DefaultGoal is the gentle weekly goal a baby starts with.
const DefaultGoal = 3

// NoGoal as Baby.Goal turns the weekly goal off.
const NoGoal = -1

// WeeklyGoal is the number of sessions a week the parent aims for; 0 means
// no goal.
func (b Baby) WeeklyGoal() int {
	switch {
	case b.Goal == 0:
		return DefaultGoal
	case b.Goal < 0:
		return 0
	}
	return b.Goal
}

// Resting reports whether the week that starts on monday is a rest week.
func (b Baby) Resting(monday time.Time) bool {
	day := monday.Format(DateLayout)
	for _, r := range b.Rest {
		if r == day {
			return true
		}
	}
	return false
}

// DateLayout is how dates are written: in rest weeks, exports, flags.
const DateLayout = "2006-01-02"

// Status is where a session stands.
type Status string

const (
	StatusInProgress Status = "in_progress"
	StatusDone       Status = "done"
)

// Session is one massage, as far as it went. Names and titles are copied
// in so history still reads well after a baby is renamed or a routine file
// is gone.
type Session struct {
	ID           string             `json:"id"` // 32 lower-case hex chars = the 16-byte key
	BabyID       uint64             `json:"baby_id"`
	BabyName     string             `json:"baby_name"`
	RoutineID    string             `json:"routine_id"`
	RoutineTitle string             `json:"routine_title"`
	RoutineFile  string             `json:"routine_file"`
	Started      time.Time          `json:"started"`
	Ended        time.Time          `json:"ended,omitzero"`
	Status       Status             `json:"status"`
	Reason       routines.EndReason `json:"reason,omitempty"`
	Events       int                `json:"events"` // how many events were saved
	Stats        Stats              `json:"stats"`  // kept up to date by Append
}

// The stored shapes: the record plus its version. The embedded struct's
// fields are promoted, so the JSON is flat: {"v":1,"id":...}.
type (
	babyRecord struct {
		V int `json:"v"`
		Baby
	}
	sessionRecord struct {
		V int `json:"v"`
		Session
	}
	eventRecord struct {
		V int `json:"v"`
		routines.Event
	}
)

func u64(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

// decode unmarshals a record and checks its version; v points at the
// record's V field.
func decode(data []byte, rec any, v *int) error {
	if err := json.Unmarshal(data, rec); err != nil {
		return err
	}
	if *v != recordVersion {
		return fmt.Errorf("record version %d, want %d", *v, recordVersion)
	}
	return nil
}

// bucket returns a bucket that must exist once Open has run the migrations;
// its absence means the file was damaged behind our back.
//
// Sessions, events and the by-baby index get their keys in time order,
// nearly always after the last one. bbolt splits a full page at half by
// default, which suits keys that land anywhere but leaves every page of
// an append-mostly bucket half empty; at 90% the file is about half the
// size (see docs/PERFORMANCE.md).
func bucket(tx *bbolt.Tx, name []byte) (*bbolt.Bucket, error) {
	if b := tx.Bucket(name); b != nil {
		switch string(name) {
		case string(bucketSessions), string(bucketEvents), string(bucketByBaby):
			b.FillPercent = 0.9
		}
		return b, nil
	}
	return nil, fmt.Errorf("bucket %s is missing", name)
}

// Babies lists every baby by ID.
func (s *Store) Babies() ([]Baby, error) {
	var out []Baby
	err := s.view(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketBabies)
		if err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			var rec babyRecord
			if err := decode(v, &rec, &rec.V); err != nil {
				return fmt.Errorf("baby %x: %w", k, err)
			}
			out = append(out, rec.Baby)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("listing babies: %w", err)
	}
	return out, nil
}

// SaveBaby adds a baby (ID 0) or updates one. The name is cleaned of
// control characters, trimmed, cut to MaxNameLength and must not be
// blank. Added is set on creation and kept on update when zero.
func (s *Store) SaveBaby(baby Baby) (Baby, error) {
	baby.Name, _ = tidyText(baby.Name, MaxNameLength)
	if baby.Name == "" {
		return Baby{}, errors.New("saving baby: the name is empty")
	}
	err := s.update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketBabies)
		if err != nil {
			return err
		}
		if baby.ID == 0 {
			if baby.ID, err = newBabyID(b); err != nil {
				return err
			}
			if baby.Added.IsZero() {
				baby.Added = time.Now()
			}
		} else {
			old := b.Get(u64(baby.ID))
			if old == nil {
				return fmt.Errorf("baby %d: %w", baby.ID, ErrNotFound)
			}
			if baby.Added.IsZero() {
				var rec babyRecord
				if err := decode(old, &rec, &rec.V); err != nil {
					return fmt.Errorf("baby %d: %w", baby.ID, err)
				}
				baby.Added = rec.Added
			}
		}
		data, err := json.Marshal(babyRecord{V: recordVersion, Baby: baby})
		if err != nil {
			return err
		}
		return b.Put(u64(baby.ID), data)
	})
	if err != nil {
		return Baby{}, fmt.Errorf("saving baby: %w", err)
	}
	return baby, nil
}

// LastBaby is the baby chosen last time, or 0 when none.
func (s *Store) LastBaby() (uint64, error) {
	var id uint64
	err := s.view(func(tx *bbolt.Tx) error {
		meta, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		if v := meta.Get(keyLastBaby); len(v) == 8 {
			id = binary.BigEndian.Uint64(v)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("reading the last baby: %w", err)
	}
	return id, nil
}

// SetLastBaby remembers the chosen baby; 0 forgets it.
func (s *Store) SetLastBaby(id uint64) error {
	err := s.update(func(tx *bbolt.Tx) error {
		meta, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		if id != 0 {
			babies, err := bucket(tx, bucketBabies)
			if err != nil {
				return err
			}
			if babies.Get(u64(id)) == nil {
				return fmt.Errorf("baby %d: %w", id, ErrNotFound)
			}
		}
		return meta.Put(keyLastBaby, u64(id))
	})
	if err != nil {
		return fmt.Errorf("saving the last baby: %w", err)
	}
	return nil
}

// sessionKeyLen is a session key's length: start time, then a sequence.
const sessionKeyLen = 16

// sessionKey parses a session ID back into its 16-byte key.
func sessionKey(id string) ([]byte, error) {
	key, err := hex.DecodeString(id)
	if err != nil || len(key) != sessionKeyLen || id != strings.ToLower(id) {
		return nil, fmt.Errorf("session %q: not a session id: %w", id, ErrNotFound)
	}
	return key, nil
}

func getSession(b *bbolt.Bucket, key []byte) (Session, error) {
	v := b.Get(key)
	if v == nil {
		return Session{}, fmt.Errorf("session %x: %w", key, ErrNotFound)
	}
	return decodeSession(key, v)
}

// decodeSession reads a session record stored under key.
func decodeSession(key, v []byte) (Session, error) {
	var rec sessionRecord
	if err := decode(v, &rec, &rec.V); err != nil {
		return Session{}, fmt.Errorf("session %x: %w", key, err)
	}
	rec.ID = hex.EncodeToString(key)
	return rec.Session, nil
}

func putSession(b *bbolt.Bucket, key []byte, sess Session) error {
	data, err := json.Marshal(sessionRecord{V: recordVersion, Session: sess})
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

// StartSession saves a new session and returns it with its ID, Status
// StatusInProgress and no events. A zero Started becomes now, since the
// key sorts by it.
func (s *Store) StartSession(sess Session) (Session, error) {
	if sess.Started.IsZero() {
		sess.Started = time.Now()
	}
	sess.Status, sess.Ended, sess.Reason, sess.Events, sess.Stats = StatusInProgress, time.Time{}, "", 0, Stats{}
	err := s.update(func(tx *bbolt.Tx) error {
		sessions, err := bucket(tx, bucketSessions)
		if err != nil {
			return err
		}
		open, err := bucket(tx, bucketOpen)
		if err != nil {
			return err
		}
		byBaby, err := bucket(tx, bucketByBaby)
		if err != nil {
			return err
		}
		key, err := freshKey(sessions, u64(uint64(sess.Started.UnixNano())))
		if err != nil {
			return err
		}
		sess.ID = hex.EncodeToString(key)
		if err := putSession(sessions, key, sess); err != nil {
			return err
		}
		if err := byBaby.Put(babyKey(sess.BabyID, key), nil); err != nil {
			return err
		}
		return open.Put(key, nil)
	})
	if err != nil {
		return Session{}, fmt.Errorf("starting a session: %w", err)
	}
	return sess, nil
}

// Append saves a batch of events in one transaction, so a crash keeps all
// of it or none. An EvEnd, which must come last, ends the session in the
// same transaction. An empty batch does nothing.
func (s *Store) Append(id string, evs ...routines.Event) error {
	if len(evs) == 0 {
		return nil
	}
	key, err := sessionKey(id)
	if err != nil {
		return fmt.Errorf("saving events: %w", err)
	}
	err = s.update(func(tx *bbolt.Tx) error {
		sessions, err := bucket(tx, bucketSessions)
		if err != nil {
			return err
		}
		events, err := bucket(tx, bucketEvents)
		if err != nil {
			return err
		}
		open, err := bucket(tx, bucketOpen)
		if err != nil {
			return err
		}
		sess, err := getSession(sessions, key)
		if err != nil {
			return err
		}
		for i, ev := range evs {
			if sess.Status != StatusInProgress {
				return fmt.Errorf("session %s %w", id, ErrEnded)
			}
			if ev.At.IsZero() {
				return fmt.Errorf("event %d (%s) has no time", i, ev.Kind)
			}
			seq, err := events.NextSequence()
			if err != nil {
				return err
			}
			evKey := eventKey(key, ev.At, seq)
			data, err := json.Marshal(eventRecord{V: recordVersion, Event: ev})
			if err != nil {
				return err
			}
			if err := events.Put(evKey, data); err != nil {
				return err
			}
			sess.Events++
			sess.Stats.add(ev)
			if ev.Kind == routines.EvEnd {
				sess.Status, sess.Ended, sess.Reason = StatusDone, ev.At, ev.Reason
				if err := open.Delete(key); err != nil {
					return err
				}
			}
		}
		return putSession(sessions, key, sess)
	})
	if err != nil {
		return fmt.Errorf("saving events: %w", err)
	}
	return nil
}

// Session reads one session; the error wraps ErrNotFound when it is missing.
func (s *Store) Session(id string) (Session, error) {
	key, err := sessionKey(id)
	if err != nil {
		return Session{}, fmt.Errorf("reading session: %w", err)
	}
	var sess Session
	err = s.view(func(tx *bbolt.Tx) error {
		sessions, err := bucket(tx, bucketSessions)
		if err != nil {
			return err
		}
		sess, err = getSession(sessions, key)
		return err
	})
	if err != nil {
		return Session{}, fmt.Errorf("reading session: %w", err)
	}
	return sess, nil
}

// Events returns a session's events in saved order: by time, then arrival.
func (s *Store) Events(id string) ([]routines.Event, error) {
	key, err := sessionKey(id)
	if err != nil {
		return nil, fmt.Errorf("reading events: %w", err)
	}
	var out []routines.Event
	err = s.view(func(tx *bbolt.Tx) error {
		events, err := bucket(tx, bucketEvents)
		if err != nil {
			return err
		}
		out, err = sessionEvents(events, key)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading events: %w", err)
	}
	return out, nil
}

// Unfinished lists the sessions still in progress, newest first. It reads
// the small `open` index, so its cost does not grow with history.
func (s *Store) Unfinished() ([]Session, error) {
	return s.indexed(bucketOpen, "listing unfinished sessions", func(c *bbolt.Cursor, visit func(k, v []byte) error) error {
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			if err := visit(k, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// indexed reads the sessions an index names, in the order walk visits
// the index's keys. An index key ends with its session's key: by_baby
// puts the baby's id before it, open has the session key alone.
func (s *Store) indexed(index []byte, what string, walk func(c *bbolt.Cursor, visit func(k, v []byte) error) error) ([]Session, error) {
	var out []Session
	err := s.view(func(tx *bbolt.Tx) error {
		idx, err := bucket(tx, index)
		if err != nil {
			return err
		}
		sessions, err := bucket(tx, bucketSessions)
		if err != nil {
			return err
		}
		return walk(idx.Cursor(), func(k, _ []byte) error {
			if len(k) < sessionKeyLen {
				return fmt.Errorf("index %s: key %x is too short", index, k)
			}
			sess, err := getSession(sessions, k[len(k)-sessionKeyLen:])
			if err != nil {
				return err
			}
			out = append(out, sess)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// CloseInterrupted ends a session that was left open when the terminal
// went away.
func (s *Store) CloseInterrupted(id string, at time.Time) error {
	return s.Append(id, routines.Event{Kind: routines.EvEnd, At: at, Reason: routines.EndInterrupted})
}

// Sessions returns up to n sessions newest first, strictly older than the
// session id before ("" starts at the newest). Pass the last ID of one page
// as before to get the next.
func (s *Store) Sessions(before string, n int) ([]Session, error) {
	var from []byte
	if before != "" {
		var err error
		if from, err = sessionKey(before); err != nil {
			return nil, fmt.Errorf("listing sessions: %w", err)
		}
	}
	var out []Session
	err := s.view(func(tx *bbolt.Tx) error {
		sessions, err := bucket(tx, bucketSessions)
		if err != nil {
			return err
		}
		return newestFirst(sessions.Cursor(), from, nil, n, func(k, v []byte) error {
			sess, err := decodeSession(k, v)
			if err != nil {
				return err
			}
			out = append(out, sess)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("listing sessions: %w", err)
	}
	return out, nil
}

// newestFirst walks c back from the last key before from (from nil: the
// very last key) while keys start with prefix, handing up to n of them to
// fn: one page of a list kept in time order, newest first.
func newestFirst(c *bbolt.Cursor, from, prefix []byte, n int, fn func(k, v []byte) error) error {
	var k, v []byte
	switch {
	case from == nil:
		k, v = c.Last()
	default:
		if k, _ = c.Seek(from); k == nil {
			k, v = c.Last() // every key is before from
		} else {
			k, v = c.Prev() // Seek landed on from, or on the first key after it
		}
	}
	for count := 0; k != nil && bytes.HasPrefix(k, prefix) && count < n; k, v = c.Prev() {
		if err := fn(k, v); err != nil {
			return err
		}
		count++
	}
	return nil
}

// BabyNamed is the one baby called name (SameName), for a --baby given
// to any command. No baby so called, or several (names differing only in
// case, from before cradle refused them), is an error wrapping
// ErrNoSuchBaby or ErrSeveralBabies whose words name the babies there
// are: picking one would be a silent guess, and a session saved under
// the wrong twin stays in their history.
func BabyNamed(babies []Baby, name string) (Baby, error) {
	name = strings.TrimSpace(name)
	var names, same []string
	var found Baby
	for _, b := range babies {
		names = append(names, b.Name)
		if SameName(b.Name, name) {
			same = append(same, b.Name)
			found = b
		}
	}
	switch len(same) {
	case 1:
		return found, nil
	case 0:
		known := "there are no babies yet"
		if len(names) > 0 {
			known = "the babies are " + strings.Join(names, ", ")
		}
		return Baby{}, &nameError{ErrNoSuchBaby, fmt.Sprintf("there is no baby called %q: %s", name, known)}
	}
	return Baby{}, &nameError{ErrSeveralBabies, fmt.Sprintf("%d babies are called %q (%s), so it is not clear which is meant. Nothing was done: give one of them another name in cradle (b, then e), then try again",
		len(same), name, strings.Join(same, ", "))}
}
