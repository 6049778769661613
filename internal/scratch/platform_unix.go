//go:build unix

package scratch

import (
	"os"
	"syscall"
)

// noCTTY keeps a terminal opened to write into from becoming cradle's
// controlling terminal.
const noCTTY = syscall.O_NOCTTY

// keepOwner gives f the owner and group of the file it replaces, where
// the system allows it (a file of another user, replaced by root).
func keepOwner(f *os.File, old os.FileInfo) {
	if st, ok := old.Sys().(*syscall.Stat_t); ok && (int(st.Uid) != os.Getuid() || int(st.Gid) != os.Getgid()) {
		_ = f.Chown(int(st.Uid), int(st.Gid))
	}
}
