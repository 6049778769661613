//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
)

// mkfifo makes a named pipe at path.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
}

// charDevice is a character device to write into: one of the test's own
// (the null device, 1:3 on Linux) where the test runs as root, who could replace
// /dev/null itself if cradle were wrong; else /dev/null, which only root
// can replace.
func charDevice(t *testing.T) string {
	t.Helper()
	if os.Getuid() != 0 {
		return "/dev/null"
	}
	if runtime.GOOS != "linux" {
		t.Skip("the null device's numbers are Linux's here")
	}
	dev := filepath.Join(t.TempDir(), "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("cannot make a device to write into: %v", err)
	}
	return dev
}
