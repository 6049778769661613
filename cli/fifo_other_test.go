//go:build !unix

package cli

import "testing"

// mkfifo stops the test where there are no named pipes to make.
func mkfifo(t *testing.T, _ string) {
	t.Helper()
	t.Skip("no named pipes on this system")
}

// charDevice stops the test where devices are not files.
func charDevice(t *testing.T) string {
	t.Helper()
	t.Skip("no device files on this system")
	return ""
}
