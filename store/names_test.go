package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// BabyNames reads the babies' names without writing: a database a
// running cradle holds is not read (Locked, at once), a missing file is
// not made, and a file that is not a database is an error.
func TestBabyNames(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cradle.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Ada", "Bea Rose"} {
		if _, err := s.SaveBaby(Baby{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	_, err = BabyNames(path)
	wantOpenError(t, err, OpenLocked)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	names, err := BabyNames(path)
	if err != nil || !slices.Equal(names, []string{"Ada", "Bea Rose"}) {
		t.Errorf("names %q, %v", names, err)
	}

	missing := filepath.Join(t.TempDir(), "none.db")
	if _, err := BabyNames(missing); err == nil {
		t.Error("a missing file: no error")
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file was made: %v", err)
	}
	other := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(other, []byte("not a database, but long enough to be read as one, perhaps"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = BabyNames(other)
	wantOpenError(t, err, OpenNotDatabase)
}
