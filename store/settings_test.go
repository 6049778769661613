package store

import (
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"
)

// The parent's choices are none until saved, then kept across opening
// the file again; a newer record is refused, not misread.
func TestSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cradle.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.Settings(); err != nil || got != (Settings{}) {
		t.Fatalf("a new file's settings: %+v, %v", got, err)
	}
	if err := s.SaveSettings(Settings{Milking: MilkingSwedishOnly}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, err := s.Settings(); err != nil || got.Milking != MilkingSwedishOnly {
		t.Fatalf("after reopening: %+v, %v", got, err)
	}
	if err := s.update(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySettings, []byte(`{"v":9,"milking":"x"}`))
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Settings(); err == nil {
		t.Fatal("a record of a newer version was read")
	}
}
