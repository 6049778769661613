//go:build unix

package store

import (
	"fmt"
	"os"
	"syscall"
)

// fileID names a file by its device and inode: the same for every path
// that leads to it, links of either kind included.
func fileID(info os.FileInfo) string {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return fmt.Sprintf("%d:%d", st.Dev, st.Ino)
	}
	return ""
}

// ownedByUs reports whether this process's user owns the file.
func ownedByUs(info os.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return !ok || st.Uid == uint32(os.Getuid())
}
