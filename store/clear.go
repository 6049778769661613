package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"go.etcd.io/bbolt"

	"github.com/cradle-coach/cradle/routines"
)

// keyClear starts the meta key of a baby's last all-clear: "clear" and the
// baby's 8-byte id. Only the last one is kept: it is offered again the
// same day ("same as this morning?") and means nothing after.
var keyClear = []byte("clear")

func clearKey(baby uint64) []byte { return append(bytes.Clone(keyClear), u64(baby)...) }

type clearRecord struct {
	V int `json:"v"`
	routines.Clear
}

// Clears are each baby's last readiness check that found nothing in the
// way, by baby id. A record that cannot be read is left out: it only
// saves the parent a few questions.
func (s *Store) Clears() (map[uint64]routines.Clear, error) {
	out := map[uint64]routines.Clear{}
	err := s.view(func(tx *bbolt.Tx) error {
		meta, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		c := meta.Cursor()
		for k, v := c.Seek(keyClear); k != nil && bytes.HasPrefix(k, keyClear); k, v = c.Next() {
			var rec clearRecord
			if len(k) != len(keyClear)+8 || decode(v, &rec, &rec.V) != nil {
				continue
			}
			out[binary.BigEndian.Uint64(k[len(keyClear):])] = rec.Clear
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the last all-clears: %w", err)
	}
	return out, nil
}

// SaveClear keeps a baby's all-clear in place of the one before.
func (s *Store) SaveClear(baby uint64, c routines.Clear) error {
	data, err := json.Marshal(clearRecord{V: recordVersion, Clear: c})
	if err != nil {
		return err
	}
	err = s.update(func(tx *bbolt.Tx) error {
		meta, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		babies, err := bucket(tx, bucketBabies)
		if err != nil {
			return err
		}
		if babies.Get(u64(baby)) == nil {
			return fmt.Errorf("baby %d: %w", baby, ErrNotFound)
		}
		return meta.Put(clearKey(baby), data)
	})
	if err != nil {
		return fmt.Errorf("saving the all-clear: %w", err)
	}
	return nil
}
