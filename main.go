// Command cradle is a terminal coach for infant massage: it walks a parent
// through a massage region by region, times each stroke, asks how the baby
// is doing and changes course on the answer, and keeps every outcome in a
// local database. Its commands live in package cli.
package main

import (
	"os"
	"runtime"

	"github.com/cradle-coach/cradle/cli"
)

func main() {
	// A terminal coach has no parallel work, and with one P an idle wake-up
	// (a frame, a tick) costs about a third less CPU: no second thread
	// spins looking for work. GOMAXPROCS in the environment still wins.
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	os.Exit(cli.Run(os.Args[1:], cli.Std()))
}
