package routines

import "time"

// steadyClock never goes back. A session reads every instant through one,
// so a wall clock set back (by hand, or by a network time update) neither
// stretches the step on screen by the jump nor dates an event before the
// one it follows: time goes on from the last reading. Go's time.Now
// carries a monotonic reading that already behaves so, and then the jump
// never shows here; a clock without one (a test's, say) is steadied.
type steadyClock struct {
	clock  Clock
	ahead  time.Duration // how far the clock has been set back in all
	last   time.Time
	primed bool
}

func (c *steadyClock) Now() time.Time {
	now := c.clock.Now().Add(c.ahead)
	if c.primed && now.Before(c.last) {
		c.ahead += c.last.Sub(now)
		now = c.last
	}
	c.last, c.primed = now, true
	return now
}
