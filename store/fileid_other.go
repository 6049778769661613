//go:build !unix

package store

import "os"

// fileID is "" where a file's identity is not at hand: the socket is then
// named from the database's resolved path.
func fileID(os.FileInfo) string { return "" }

// ownedByUs is true where ownership is not at hand.
func ownedByUs(os.FileInfo) bool { return true }
