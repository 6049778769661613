// Package testclock is the clock every test moves by hand, so that no
// test sleeps: the session engine, the screens and a class read the time
// through routines.Clock, and a test passes one of these.
package testclock

import (
	"sync"
	"time"
)

// Clock is a clock that stands still until it is moved. It is safe for
// concurrent use: a class's goroutines read it while a test moves it.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// New is a clock showing t.
func New(t time.Time) *Clock { return &Clock{now: t} }

// Now is the time the clock shows.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set moves the clock to t, forwards or back.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// Add moves the clock on by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
