// Package fserr holds the one way cradle words a file system error: the
// reason alone, without the path, because every message that shows one
// names the file itself, in its own words.
package fserr

import (
	"errors"
	"io/fs"
)

// WithoutPath is err without the operation and path an *fs.PathError
// wraps it in ("open /a/b: permission denied" becomes "permission
// denied"); any other error is returned as it is.
func WithoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
