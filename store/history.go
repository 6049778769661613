package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"github.com/cradle-coach/cradle/routines"
)

// babyKey is a by_baby key: the baby's id, then the session key, so a
// baby's sessions sort by time.
func babyKey(baby uint64, session []byte) []byte {
	return append(u64(baby), session...)
}

// migrateIndexAndStats is the migration from schema 1 to 2: it indexes
// every session under its baby and counts its events into its Stats.
func migrateIndexAndStats(tx *bbolt.Tx) error {
	byBaby, err := tx.CreateBucketIfNotExists(bucketByBaby)
	if err != nil {
		return fmt.Errorf("creating bucket %s: %w", bucketByBaby, err)
	}
	sessions, err := bucket(tx, bucketSessions)
	if err != nil {
		return err
	}
	events, err := bucket(tx, bucketEvents)
	if err != nil {
		return err
	}
	var keys [][]byte
	if err := sessions.ForEach(func(k, _ []byte) error {
		keys = append(keys, bytes.Clone(k))
		return nil
	}); err != nil {
		return err
	}
	for _, key := range keys {
		sess, err := getSession(sessions, key)
		if err != nil {
			return err
		}
		evs, err := sessionEvents(events, key)
		if err != nil {
			return err
		}
		sess.Stats = StatsOf(evs)
		if err := putSession(sessions, key, sess); err != nil {
			return err
		}
		if err := byBaby.Put(babyKey(sess.BabyID, key), nil); err != nil {
			return err
		}
	}
	return nil
}

// sessionEvents reads a session's events in the order they were saved.
// An event's key is its session's key, its time, then a sequence the
// store gives (eventKey); the sequence, not the time, orders them, so a
// wall clock set back during a session leaves them as they happened.
func sessionEvents(events *bbolt.Bucket, key []byte) ([]routines.Event, error) {
	type saved struct {
		seq uint64
		ev  routines.Event
	}
	var out []saved
	c := events.Cursor()
	for k, v := c.Seek(key); k != nil && bytes.HasPrefix(k, key); k, v = c.Next() {
		if len(k) < len(key)+8 {
			return nil, fmt.Errorf("event %x: the key is too short", k)
		}
		var rec eventRecord
		if err := decode(v, &rec, &rec.V); err != nil {
			return nil, fmt.Errorf("event %x: %w", k, err)
		}
		out = append(out, saved{binary.BigEndian.Uint64(k[len(k)-8:]), rec.Event})
	}
	slices.SortStableFunc(out, func(a, b saved) int { return cmp.Compare(a.seq, b.seq) })
	var evs []routines.Event
	for _, s := range out {
		evs = append(evs, s.ev)
	}
	return evs, nil
}

// eventKey is where an event is kept: its session's key, its time, and
// the sequence that orders it (see sessionEvents).
func eventKey(session []byte, at time.Time, seq uint64) []byte {
	k := make([]byte, 0, sessionKeyLen+16)
	k = append(k, session...)
	k = binary.BigEndian.AppendUint64(k, uint64(at.UnixNano()))
	return binary.BigEndian.AppendUint64(k, seq)
}

// BabySessions returns up to n of one baby's sessions, newest first,
// strictly older than the session id before ("" starts at the newest).
// It reads only that baby's part of the index, however long the other
// babies' histories are.
func (s *Store) BabySessions(baby uint64, before string, n int) ([]Session, error) {
	prefix := u64(baby)
	from := append(bytes.Clone(prefix), 0xff) // past the baby's last key
	if before != "" {
		key, err := sessionKey(before)
		if err != nil {
			return nil, fmt.Errorf("listing sessions: %w", err)
		}
		from = babyKey(baby, key)
	}
	return s.indexed(bucketByBaby, "listing sessions", func(c *bbolt.Cursor, visit func(k, v []byte) error) error {
		return newestFirst(c, from, prefix, n, visit)
	})
}

// SessionsSince returns one baby's sessions that started at or after
// since, oldest first: what the insights count.
func (s *Store) SessionsSince(baby uint64, since time.Time) ([]Session, error) {
	prefix := u64(baby)
	from := babyKey(baby, u64(uint64(max(since.UnixNano(), 0))))
	return s.indexed(bucketByBaby, "reading sessions", func(c *bbolt.Cursor, visit func(k, v []byte) error) error {
		for k, v := c.Seek(from); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if err := visit(k, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// CountSessions is how many sessions a baby has.
func (s *Store) CountSessions(baby uint64) (int, error) {
	prefix := u64(baby)
	n := 0
	err := s.view(func(tx *bbolt.Tx) error {
		byBaby, err := bucket(tx, bucketByBaby)
		if err != nil {
			return err
		}
		c := byBaby.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("counting sessions: %w", err)
	}
	return n, nil
}

// RemoveBaby deletes a baby with every session and event of theirs, in
// one transaction, and returns how many sessions went with them. The
// baby chosen last is forgotten if it was this one.
func (s *Store) RemoveBaby(id uint64) (int, error) {
	removed := 0
	err := s.update(func(tx *bbolt.Tx) error {
		removed = 0
		babies, err := bucket(tx, bucketBabies)
		if err != nil {
			return err
		}
		if babies.Get(u64(id)) == nil {
			return fmt.Errorf("baby %d: %w", id, ErrNotFound)
		}
		buckets := map[string]*bbolt.Bucket{}
		for _, name := range [][]byte{bucketByBaby, bucketSessions, bucketEvents, bucketOpen, bucketMeta} {
			if buckets[string(name)], err = bucket(tx, name); err != nil {
				return err
			}
		}
		byBaby, events := buckets[string(bucketByBaby)], buckets[string(bucketEvents)]
		prefix := u64(id)
		var keys [][]byte
		c := byBaby.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			keys = append(keys, bytes.Clone(k))
		}
		for _, k := range keys {
			sessKey := k[8:]
			var evKeys [][]byte
			ec := events.Cursor()
			for ek, _ := ec.Seek(sessKey); ek != nil && bytes.HasPrefix(ek, sessKey); ek, _ = ec.Next() {
				evKeys = append(evKeys, bytes.Clone(ek))
			}
			for _, ek := range evKeys {
				if err := events.Delete(ek); err != nil {
					return err
				}
			}
			for _, b := range []*bbolt.Bucket{buckets[string(bucketSessions)], buckets[string(bucketOpen)]} {
				if err := b.Delete(sessKey); err != nil {
					return err
				}
			}
			if err := byBaby.Delete(k); err != nil {
				return err
			}
			removed++
		}
		if err := babies.Delete(u64(id)); err != nil {
			return err
		}
		meta := buckets[string(bucketMeta)]
		if err := meta.Delete(clearKey(id)); err != nil {
			return err
		}
		if v := meta.Get(keyLastBaby); len(v) == 8 && binary.BigEndian.Uint64(v) == id {
			return meta.Delete(keyLastBaby)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("removing baby: %w", err)
	}
	return removed, nil
}
