//go:build !unix

package cli

import "testing"

// mkfifo stops the test where there are no named pipes to make.
func mkfifo(t *testing.T, _ string) {
	t.Helper()
	t.Skip("no named pipes on this system")
}
