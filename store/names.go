package store

import (
	"time"
)

// BabyNames lists the babies' names in the database at path, in the
// order of their ids, for a shell completing --baby. It only reads, and
// never waits: a database a running cradle holds is not waited for (an
// OpenError of Kind OpenLocked), a missing file is not made, and a damaged one
// is an error, never a crash.
func BabyNames(path string) ([]string, error) {
	// bbolt treats 1 ms as "try the lock once".
	db, schema, err := openReadOnly(path, time.Millisecond)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if schema == 0 {
		return nil, nil
	}
	babies, err := (&Store{db: db, path: path}).Babies()
	if err != nil {
		return nil, err
	}
	names := make([]string, len(babies))
	for i, b := range babies {
		names[i] = b.Name
	}
	return names, nil
}
