//go:build unix

package ui

import (
	"os"
	"syscall"
)

// continued is the signal of a process continued after it was stopped.
var continued os.Signal = syscall.SIGCONT
