package ui

import (
	"time"

	"github.com/cradle-coach/cradle/routines"
)

// frameClock tells the time as the screen will show it: rounded up to the
// renderer's next frame. Bubble Tea draws on a fixed grid of frames (one
// every 1/fps seconds from the moment the program starts) and never
// between them. A session timed on that grid has every deadline fall on a
// frame, and a tick that arrives just before the frame makes the change
// visible exactly on time. So the frame rate can stay low (little CPU
// while a countdown runs) without the countdown ever showing late.
type frameClock struct {
	wall   routines.Clock
	period time.Duration
	origin time.Time // the renderer's start; zero until known
}

// lead is how early a tick asks to run before the frame it is drawn on,
// so the update is ready when the renderer looks.
const lead = 8 * time.Millisecond

// Now is the next frame's instant (or the wall time before the grid is
// known).
func (c *frameClock) Now() time.Time {
	now := c.wall.Now()
	if c.origin.IsZero() || now.Before(c.origin) {
		return now
	}
	n := (now.Sub(c.origin) + c.period - 1) / c.period
	return c.origin.Add(n * c.period)
}

// wait is how long a timer must wait to run just before the frame at
// instant at.
func (c *frameClock) wait(at time.Time) time.Duration {
	return max(at.Sub(c.wall.Now())-lead, 0)
}
