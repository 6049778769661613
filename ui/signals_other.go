//go:build !unix

package ui

import "os"

// continued is nil where processes are not stopped and continued.
var continued os.Signal
