package cli

import "runtime/debug"

// sessionGCPercent halves the garbage collector's target for the home
// screen and a session. With Go's default of 100 the heap of a session
// (about 1.5 MB alive) grows to the collector's floor of 4 MB between
// collections; at 50 the floor is 2 MB. A countdown makes little garbage,
// so that is one more collection a minute or so, about a millisecond of
// CPU each, for 1.4 MB less peak memory. See docs/PERFORMANCE.md.
const sessionGCPercent = 50

// lowerGCTarget sets sessionGCPercent unless GOGC in the environment says
// otherwise. Only the interactive commands call it: the data commands and
// a class's host hold far more alive, where a lower target would cost CPU.
func lowerGCTarget(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(sessionGCPercent)
	}
}
