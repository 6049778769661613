package cli

import (
	"errors"

	"github.com/cradle-coach/cradle/store"
)

// dbAdvice is what a person can do about a database that would not open,
// by the way it failed; the store says only what happened.
var dbAdvice = map[store.OpenErrorKind]string{
	store.OpenLocked:      "Close it there first, or use --db to open a different file.",
	store.OpenNotDatabase: "Move it aside, restore a backup, or use --db to choose another file.",
	store.OpenNewerSchema: "Update cradle, or use --db to choose another file.",
	store.OpenFailed:      "Check that its folder exists and that you may read and write the file, or use --db to choose another file.",
}

// advised is an error followed by what to do about it.
type advised struct {
	err    error
	advice string
}

func (a advised) Error() string { return a.err.Error() + ". " + a.advice }
func (a advised) Unwrap() error { return a.err }

// withAdvice is err, and when a database would not open (a
// *store.OpenError anywhere in it), what to do about that after it.
func withAdvice(err error) error {
	var oe *store.OpenError
	if !errors.As(err, &oe) {
		return err
	}
	return advised{err, dbAdvice[oe.Kind]}
}
