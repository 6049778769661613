package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"cradle/routines"
	"cradle/store"
)

// saver queues a session's events on their way to the store. One batch is
// in flight at a time, so events land in order; a failed batch (a full
// disk, say) stays queued and is retried, so nothing is lost while cradle
// runs, and the screen says what is wrong.
type saver struct {
	store   Store
	rec     store.Session // the session record; ID "" until it has begun
	pending []routines.Event
	busy    bool // a Begin or an Append is in flight
	saving  int  // events in flight
	err     error
}

// savedMsg reports a batch written (or not).
type savedMsg struct {
	n   int
	err error
}

type retrySaveMsg struct{}

// retryAfter is how long a failed save waits before it tries again.
const retryAfter = 3 * time.Second

// begunMsg reports the session record written (or not).
type begunMsg struct {
	rec store.Session
	err error
}

// begin starts a new session record; events queued meanwhile follow it.
// An already saved session (one picked up again) needs no record.
func (s *saver) begin(rec store.Session) tea.Cmd {
	s.rec, s.pending, s.saving, s.err, s.busy = rec, nil, 0, nil, false
	return s.flush()
}

func (s *saver) begun(msg begunMsg) tea.Cmd {
	s.busy = false
	if msg.err != nil {
		s.err = msg.err
		return retry()
	}
	s.rec, s.err = msg.rec, nil
	return s.flush()
}

func retry() tea.Cmd {
	return tea.Tick(retryAfter, func(time.Time) tea.Msg { return retrySaveMsg{} })
}

// add queues events and starts a save if none is in flight.
func (s *saver) add(evs []routines.Event) tea.Cmd {
	if len(evs) == 0 {
		return nil
	}
	s.pending = append(s.pending, evs...)
	return s.flush()
}

func (s *saver) flush() tea.Cmd {
	if s.busy || len(s.pending) == 0 {
		return nil
	}
	st, rec := s.store, s.rec
	s.busy = true
	if rec.ID == "" {
		return func() tea.Msg {
			r, err := st.Begin(rec)
			return begunMsg{r, err}
		}
	}
	batch := append([]routines.Event(nil), s.pending...)
	s.saving = len(batch)
	return func() tea.Msg {
		return savedMsg{n: len(batch), err: st.Append(rec.ID, batch...)}
	}
}

func (s *saver) saved(msg savedMsg) tea.Cmd {
	s.busy, s.saving = false, 0
	if msg.err != nil {
		s.err = msg.err
		return retry()
	}
	s.err = nil
	s.pending = s.pending[msg.n:]
	return s.flush()
}

// idle is true when nothing waits to be saved.
func (s *saver) idle() bool { return !s.busy && len(s.pending) == 0 }
