package store

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"go.etcd.io/bbolt"

	"github.com/cradle-coach/cradle/routines"
)

// bucketClasses holds the classes an instructor held (cradle class host):
// 16-byte key (started UnixNano, sequence) -> JSON Class. Made on the
// first class; a database without classes has no such bucket.
var bucketClasses = []byte("classes")

// Class is a class an instructor held: what the room answered, region by
// region, and the sessions of the families who agreed to leave theirs.
// A family who did not agree is only in the counts.
type Class struct {
	ID           string    `json:"id"` // 32 lower-case hex chars = the 16-byte key
	RoutineID    string    `json:"routine_id"`
	RoutineTitle string    `json:"routine_title"`
	Started      time.Time `json:"started"`
	Ended        time.Time `json:"ended,omitzero"` // zero while it runs, or if the host was cut off
	// Families is how many families followed it (a family that joined
	// twice counts once).
	Families int `json:"families"`
	// Answers are, for each region, how many families last answered
	// there with each answer.
	Answers []RegionAnswers `json:"answers,omitempty"`
	// Kept are the sessions of the families who said the instructor may
	// keep their answers.
	Kept []KeptSession `json:"kept,omitempty"`
}

// RegionAnswers counts the room's answers in one region: each family's
// last answer there, once.
type RegionAnswers struct {
	Region string               `json:"region"` // the region's id
	Name   string               `json:"name"`
	Counts map[routines.Cue]int `json:"counts"`
}

// KeptSession is one family's session in a class, kept with their yes.
type KeptSession struct {
	BabyName string           `json:"baby_name"`
	Events   []routines.Event `json:"events"`
}

type classRecord struct {
	V int `json:"v"`
	Class
}

// SaveClass keeps a class: a new one when its ID is "" (the ID given is
// returned), else in place of the one saved before.
func (s *Store) SaveClass(c Class) (Class, error) {
	err := s.update(func(tx *bbolt.Tx) error {
		classes, err := tx.CreateBucketIfNotExists(bucketClasses)
		if err != nil {
			return err
		}
		var key []byte
		if c.ID == "" {
			if key, err = freshKey(classes, u64(uint64(max(c.Started.UnixNano(), 0)))); err != nil {
				return err
			}
			c.ID = hex.EncodeToString(key)
		} else if key, err = sessionKey(c.ID); err != nil {
			return err
		}
		data, err := json.Marshal(classRecord{V: recordVersion, Class: c})
		if err != nil {
			return err
		}
		return classes.Put(key, data)
	})
	if err != nil {
		return Class{}, fmt.Errorf("saving the class: %w", err)
	}
	return c, nil
}

// Classes lists the classes held, newest first.
func (s *Store) Classes() ([]Class, error) {
	var out []Class
	err := s.view(func(tx *bbolt.Tx) error {
		classes := tx.Bucket(bucketClasses)
		if classes == nil {
			return nil
		}
		c := classes.Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var rec classRecord
			if err := decode(v, &rec, &rec.V); err != nil {
				return fmt.Errorf("class %x: %w", k, err)
			}
			rec.ID = hex.EncodeToString(k)
			out = append(out, rec.Class)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing classes: %w", err)
	}
	return out, nil
}

// WriteSession writes one baby's one session as a JSON export, the format
// cradle export writes and cradle import reads: a family takes a class
// session home with it. The session's ID is left to the database that
// imports it; the session is given the baby's id and name.
func WriteSession(w io.Writer, b Baby, sess Session, evs []routines.Event) error {
	sess.BabyID, sess.BabyName = b.ID, b.Name
	doc := struct {
		Format   string          `json:"format"`
		Version  int             `json:"version"`
		Babies   []Baby          `json:"babies"`
		Sessions []exportSession `json:"sessions"`
	}{ExportFormat, exportVersion, []Baby{b}, []exportSession{toExport(sess, evs)}}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(bytes.TrimSpace(data), '\n'))
	return err
}
