package store

import (
	"encoding/json"
	"fmt"

	"go.etcd.io/bbolt"
)

// Settings are the parent's choices that hold for every routine and baby.
// One small record, kept in the meta bucket, so that a configuration file
// can later give the same choices.
type Settings struct {
	// Milking is the parent's choice about Indian milking [S12]:
	// "" until they have chosen, MilkingBoth or MilkingSwedishOnly.
	Milking Milking `json:"milking,omitempty"`
}

// Milking is the choice about the Indian milking stroke.
type Milking string

const (
	MilkingBoth        Milking = "indian-and-swedish" // keep Indian milking, light
	MilkingSwedishOnly Milking = "swedish-only"       // every Indian milking done as Swedish milking
)

var keySettings = []byte("settings")

type settingsRecord struct {
	V int `json:"v"`
	Settings
}

// Settings reads the parent's choices; none saved yet is the zero value.
func (s *Store) Settings() (Settings, error) {
	var rec settingsRecord
	err := s.view(func(tx *bbolt.Tx) error {
		meta, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		data := meta.Get(keySettings)
		if data == nil {
			rec.V = recordVersion
			return nil
		}
		return decode(data, &rec, &rec.V)
	})
	if err != nil {
		return Settings{}, fmt.Errorf("reading your settings: %w", err)
	}
	return rec.Settings, nil
}

// SaveSettings keeps the parent's choices.
func (s *Store) SaveSettings(st Settings) error {
	data, err := json.Marshal(settingsRecord{V: recordVersion, Settings: st})
	if err != nil {
		return err
	}
	err = s.update(func(tx *bbolt.Tx) error {
		meta, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		return meta.Put(keySettings, data)
	})
	if err != nil {
		return fmt.Errorf("saving your settings: %w", err)
	}
	return nil
}
