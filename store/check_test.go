package store

import (
	"errors"
	"fmt"
	"testing"

	berrors "go.etcd.io/bbolt/errors"
)

// damagedOnPurpose are the files a test damaged itself: the check at
// closing passes over them.
var damagedOnPurpose = map[string]bool{}

// Every database a test opens ends with bbolt's consistency check, as
// bbolt's own test helper does: a test that leaves a page lost, doubly
// used or out of order fails there, whatever it set out to check.
func init() {
	closing = func(s *Store) {
		if damagedOnPurpose[s.path] {
			return
		}
		err := s.view(consistent)
		if err != nil && !errors.Is(err, berrors.ErrDatabaseNotOpen) {
			panic(fmt.Sprintf("consistency check of %s: %v", s.path, err))
		}
	}
}

// damageOnPurpose exempts a file the test damages from the closing check.
func damageOnPurpose(t *testing.T, path string) {
	damagedOnPurpose[path] = true
	t.Cleanup(func() { delete(damagedOnPurpose, path) })
}
