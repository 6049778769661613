package ui

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// saver queues sessions' events on their way to the store. One write is
// in flight at a time, so events land in order; a failed write (a full
// disk, say) stays queued and is retried, so nothing is lost while cradle
// runs, and the screen says what is wrong. Each session is a job of its
// own: a new massage begun while an earlier one's events still wait
// queues behind them, never in their place.
type saver struct {
	store Store
	jobs  []*saveJob // oldest first; the last is the session on screen
	busy  bool       // a StartSession or an Append is in flight
	err   error
}

// saveJob is one session's record and the events not yet written.
type saveJob struct {
	rec    store.Session // ID "" until the record is written
	events []routines.Event
}

// savedMsg reports a batch of a job's events written (or not).
type savedMsg struct {
	job *saveJob
	n   int
	err error
}

type retrySaveMsg struct{}

// retryAfter is how long a failed save waits before it tries again.
const retryAfter = 3 * time.Second

// begunMsg reports a job's session record written (or not).
type begunMsg struct {
	job *saveJob
	rec store.Session
	err error
}

// begin queues a new session; its events follow its record. An already
// saved session (one picked up again) needs no record.
func (s *saver) begin(rec store.Session) tea.Cmd {
	s.jobs = append(s.jobs, &saveJob{rec: rec})
	return s.flush()
}

func (s *saver) begun(msg begunMsg) tea.Cmd {
	s.busy = false
	if msg.err != nil {
		s.err = msg.err
		return retry()
	}
	msg.job.rec, s.err = msg.rec, nil
	return s.flush()
}

func retry() tea.Cmd {
	return tea.Tick(retryAfter, func(time.Time) tea.Msg { return retrySaveMsg{} })
}

// add queues events of the session on screen and starts a save if none
// is in flight.
func (s *saver) add(evs []routines.Event) tea.Cmd {
	if len(evs) == 0 || len(s.jobs) == 0 {
		return nil
	}
	j := s.jobs[len(s.jobs)-1]
	j.events = append(j.events, evs...)
	return s.flush()
}

// flush starts the next write: the oldest job's record, or its events.
func (s *saver) flush() tea.Cmd {
	if s.busy {
		return nil
	}
	// Jobs with nothing left to write are done, but for the last one,
	// which may get more events.
	for len(s.jobs) > 1 && len(s.jobs[0].events) == 0 {
		s.jobs = s.jobs[1:]
	}
	if len(s.jobs) == 0 || len(s.jobs[0].events) == 0 {
		return nil
	}
	st, j := s.store, s.jobs[0]
	s.busy = true
	if rec := j.rec; rec.ID == "" {
		return func() tea.Msg {
			r, err := st.StartSession(rec)
			return begunMsg{j, r, err}
		}
	}
	id, batch := j.rec.ID, append([]routines.Event(nil), j.events...)
	return func() tea.Msg {
		return savedMsg{j, len(batch), st.Append(id, batch...)}
	}
}

func (s *saver) saved(msg savedMsg) tea.Cmd {
	s.busy = false
	if errors.Is(msg.err, store.ErrNotFound) || errors.Is(msg.err, store.ErrEnded) {
		// The session was removed (with its baby) or has ended: its
		// events have nowhere to go, and retrying would hold up every
		// later session.
		msg.job.events, s.err = nil, nil
		return s.flush()
	}
	if msg.err != nil {
		s.err = msg.err
		return retry()
	}
	s.err = nil
	msg.job.events = msg.job.events[msg.n:]
	return s.flush()
}

// errOr is the last save's error, or one saying saves were still under
// way.
func (s *saver) errOr() error {
	if s.err != nil {
		return s.err
	}
	return errors.New("cradle was closed while saving")
}

// idle is true when nothing waits to be saved.
func (s *saver) idle() bool {
	if s.busy {
		return false
	}
	for _, j := range s.jobs {
		if len(j.events) > 0 {
			return false
		}
	}
	return true
}

// pending is how many events wait to be saved, and the first of them: what
// quitting now would lose. unsaved is true when a session with events
// waiting has no record saved yet: all of it would be lost.
func (s *saver) pending() (n int, first routines.Event, unsaved bool) {
	for _, j := range s.jobs {
		if len(j.events) == 0 {
			continue
		}
		if n == 0 {
			first = j.events[0]
		}
		n += len(j.events)
		unsaved = unsaved || j.rec.ID == ""
	}
	return n, first, unsaved
}
