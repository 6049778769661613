package cli

import (
	"runtime/debug"
	"testing"
)

// The home screen and a session run at the lower target, unless GOGC is
// set, which wins as it does for any Go program.
func TestLowerGCTarget(t *testing.T) {
	was := debug.SetGCPercent(100)
	defer debug.SetGCPercent(was)

	lowerGCTarget(func(string) string { return "" })
	if got := debug.SetGCPercent(100); got != sessionGCPercent {
		t.Errorf("GOGC unset: the target is %d, want %d", got, sessionGCPercent)
	}
	lowerGCTarget(func(k string) string {
		if k == "GOGC" {
			return "200"
		}
		return ""
	})
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC=200: the target was changed to %d", got)
	}
}
