package ui

import (
	"fmt"
	"time"

	"github.com/cradle-coach/cradle/routines"
)

// span is a length of time in the units parents use (routines.TimeWords).
func span(d time.Duration) string { return routines.TimeWords(d) }

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
