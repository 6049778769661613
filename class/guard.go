package class

import (
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// WrongCodes wrong codes from one address within WrongCodeWindow make it
// wait until the first of them is that old: a guesser gets five tries a
// minute, a family who mistypes gets their next try soon.
const (
	WrongCodes      = 5
	WrongCodeWindow = time.Minute
)

// maxAddresses bounds the addresses the limiter remembers: past it, the
// oldest are forgotten first (they are the least likely to be locked).
const maxAddresses = 4096

// Limiter counts wrong codes (and wrong take-home tokens) per address.
// Its methods are safe for concurrent use.
type Limiter struct {
	clock routines.Clock
	mu    sync.Mutex
	fails map[string][]time.Time // each address's wrong tries in the window, oldest first
}

// NewLimiter makes a limiter on clock.
func NewLimiter(clock routines.Clock) *Limiter {
	return &Limiter{clock: clock, fails: map[string][]time.Time{}}
}

// Wait is how long addr must wait before it may try again; 0 when it may
// now.
func (l *Limiter) Wait(addr string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.wait(addr, l.clock.Now())
}

func (l *Limiter) wait(addr string, now time.Time) time.Duration {
	tries := l.recent(addr, now)
	if len(tries) < WrongCodes {
		return 0
	}
	return tries[len(tries)-WrongCodes].Add(WrongCodeWindow).Sub(now)
}

// recent drops addr's tries older than the window and returns the rest.
func (l *Limiter) recent(addr string, now time.Time) []time.Time {
	tries := l.fails[addr]
	i := 0
	for i < len(tries) && !tries[i].Add(WrongCodeWindow).After(now) {
		i++
	}
	tries = tries[i:]
	if len(tries) == 0 {
		delete(l.fails, addr)
		return nil
	}
	l.fails[addr] = tries
	return tries
}

// Fail records a wrong try from addr and returns how long it must now
// wait (0: it may try again at once).
func (l *Limiter) Fail(addr string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	if _, known := l.fails[addr]; !known && len(l.fails) >= maxAddresses {
		l.forgetOldest(now)
	}
	tries := append(l.recent(addr, now), now)
	if len(tries) > WrongCodes { // only the last ones set the wait
		tries = tries[len(tries)-WrongCodes:]
	}
	l.fails[addr] = tries
	return l.wait(addr, now)
}

// forgetOldest makes room: first every address whose tries are all past
// the window, then the one whose last try is oldest.
func (l *Limiter) forgetOldest(now time.Time) {
	oldest, at := "", now
	for addr := range l.fails {
		tries := l.recent(addr, now)
		if len(tries) > 0 && tries[len(tries)-1].Before(at) {
			oldest, at = addr, tries[len(tries)-1]
		}
	}
	if len(l.fails) >= maxAddresses {
		delete(l.fails, oldest)
	}
}

// Host is an address without its port: the family's machine, whatever
// port its client chose this time.
func Host(addr string) string {
	if i := strings.LastIndexByte(addr, ':'); i >= 0 && !strings.HasSuffix(addr, "]") {
		addr = addr[:i]
	}
	return strings.TrimSuffix(strings.TrimPrefix(addr, "["), "]")
}

// CleanName is a baby's first name as a family typed it, as the app's
// baby form keeps it: control characters and escape sequences taken out,
// spaces trimmed, at most store.MaxNameLength characters. "" when nothing
// is left.
func CleanName(s string) string {
	s = strings.Join(strings.Fields(routines.Clean(s)), " ")
	if utf8.RuneCountInString(s) > store.MaxNameLength {
		s = strings.TrimSpace(string([]rune(s)[:store.MaxNameLength]))
	}
	return s
}

// Largest window a family's screen is drawn for: a larger one is drawn at
// this size, in its top left corner. A terminal can claim any size; the
// screen's buffers grow with it, so an absurd one must not reach them.
const (
	MaxWidth  = 400
	MaxHeight = 150
)

// Bound is a window size within MaxWidth×MaxHeight (and not negative).
func Bound(w, h int) (int, int) {
	return min(max(w, 0), MaxWidth), min(max(h, 0), MaxHeight)
}
