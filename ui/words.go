package ui

import (
	"time"

	"github.com/cradle-coach/cradle/routines"
)

// span is a length of time in the units parents use (routines.TimeWords).
func span(d time.Duration) string { return routines.TimeWords(d) }
