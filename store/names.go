package store

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/cradle-coach/cradle/internal/fserr"
	"go.etcd.io/bbolt"
)

// BabyNames lists the babies' names in the database at path, in the
// order of their ids, for a shell completing --baby. It only reads, and
// never waits: a database a running cradle holds is not waited for (an
// OpenError of Kind OpenLocked), a missing file is not made, and a damaged one
// is an error, never a crash.
func BabyNames(path string) ([]string, error) {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, &OpenError{Path: path, Kind: OpenFailed, Err: fserr.WithoutPath(err)}
	case !info.Mode().IsRegular() || info.Size() == 0:
		return nil, notDatabase(path, errors.New("it is not a cradle database"))
	}
	var db *bbolt.DB
	err = guard(func() (err error) {
		// bbolt treats 1 ms as "try the lock once".
		db, err = bbolt.Open(path, 0, &bbolt.Options{ReadOnly: true, Timeout: time.Millisecond})
		return err
	})
	if err != nil {
		return nil, classify(path, err)
	}
	defer db.Close()
	schema, _, err := inspect(db, path, SchemaVersion)
	if err == nil && schema == 0 {
		return nil, nil
	}
	if err == nil { // a page loop would crash the walk below, not panic
		if perr := soundPages(path, db.Info().PageSize); perr != nil {
			err = notDatabase(path, fmt.Errorf("its pages do not add up: %v", perr))
		}
	}
	if err != nil {
		return nil, err
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
