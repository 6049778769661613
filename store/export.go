package store

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"github.com/cradle-coach/cradle/routines"
)

// ExportFormat names the JSON export in its "format" field.
const ExportFormat = "cradle export"

// exportVersion is the JSON export's "version": a reader refuses newer.
const exportVersion = 1

// Filter chooses what an export holds.
type Filter struct {
	// Baby keeps one baby's sessions (by name, any case); "" keeps all,
	// the sessions of no baby profile (a cradle run demo) included.
	Baby string
	// Since keeps the sessions started at or after it; zero keeps all.
	Since time.Time
}

// ErrNoSuchBaby is returned (wrapped) when Filter.Baby names nobody.
var ErrNoSuchBaby = errors.New("no such baby")

// ErrSeveralBabies is returned (wrapped) when Filter.Baby names more than
// one baby (names differing only in case, from before cradle refused
// them): mixing their sessions, or picking one, would be a silent guess.
var ErrSeveralBabies = errors.New("several babies have that name")

// nameError is a --baby that names no baby, or several, in words a
// parent can act on; it wraps ErrNoSuchBaby or ErrSeveralBabies.
type nameError struct {
	kind error
	msg  string
}

func (e *nameError) Error() string { return e.msg }
func (e *nameError) Unwrap() error { return e.kind }

// exportSession is a session as the JSON export writes it: the record
// without what is worked out from the events, and the events.
type exportSession struct {
	ID           string             `json:"id"`
	BabyID       uint64             `json:"baby_id"`
	BabyName     string             `json:"baby_name"`
	RoutineID    string             `json:"routine_id"`
	RoutineTitle string             `json:"routine_title"`
	RoutineFile  string             `json:"routine_file,omitempty"`
	Started      time.Time          `json:"started"`
	Ended        time.Time          `json:"ended,omitzero"`
	Status       Status             `json:"status"`
	Reason       routines.EndReason `json:"reason,omitempty"`
	Events       []routines.Event   `json:"events"`
}

func toExport(sess Session, evs []routines.Event) exportSession {
	if evs == nil {
		evs = []routines.Event{}
	}
	return exportSession{ID: sess.ID, BabyID: sess.BabyID, BabyName: sess.BabyName, RoutineID: sess.RoutineID,
		RoutineTitle: sess.RoutineTitle, RoutineFile: sess.RoutineFile, Started: sess.Started, Ended: sess.Ended,
		Status: sess.Status, Reason: sess.Reason, Events: evs}
}

// selection reads, in one transaction, the babies and the keys of the
// sessions a filter keeps, oldest first, and hands each session with its
// events to fn.
func selection(tx *bbolt.Tx, f Filter, begin func([]Baby) error, fn func(Session, []routines.Event) error) error {
	var bks [4]*bbolt.Bucket
	for i, name := range [][]byte{bucketBabies, bucketSessions, bucketEvents, bucketByBaby} {
		b, err := bucket(tx, name)
		if err != nil {
			return err
		}
		bks[i] = b
	}
	babies, sessions, events, byBaby := bks[0], bks[1], bks[2], bks[3]
	var all []Baby
	if err := babies.ForEach(func(k, v []byte) error {
		var rec babyRecord
		if err := decode(v, &rec, &rec.V); err != nil {
			return fmt.Errorf("baby %x: %w", k, err)
		}
		all = append(all, rec.Baby)
		return nil
	}); err != nil {
		return err
	}
	from := u64(uint64(max(f.Since.UnixNano(), 0)))
	var keys [][]byte
	kept := all
	if name := strings.TrimSpace(f.Baby); name != "" {
		b, err := BabyNamed(all, name)
		if err != nil {
			return err
		}
		kept = []Baby{b}
		for _, b := range kept {
			prefix := u64(b.ID)
			c := byBaby.Cursor()
			for k, _ := c.Seek(append(prefix, from...)); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				keys = append(keys, bytes.Clone(k[8:]))
			}
		}
		sort.Slice(keys, func(i, j int) bool { return bytes.Compare(keys[i], keys[j]) < 0 })
	} else {
		c := sessions.Cursor()
		for k, _ := c.Seek(from); k != nil; k, _ = c.Next() {
			keys = append(keys, bytes.Clone(k))
		}
	}
	if err := begin(kept); err != nil {
		return err
	}
	for _, k := range keys {
		sess, err := getSession(sessions, k)
		if err != nil {
			return err
		}
		evs, err := sessionEvents(events, k)
		if err != nil {
			return err
		}
		if err := fn(sess, evs); err != nil {
			return err
		}
	}
	return nil
}

// ExportJSON writes babies, sessions and their events as one JSON
// document: everything Import needs to restore them. Sessions come oldest
// first, one to a line. Event durations (elapsed, hold) are nanoseconds.
func (s *Store) ExportJSON(w io.Writer, f Filter) error {
	return s.view(func(tx *bbolt.Tx) error { return exportJSON(tx, w, f) })
}

func exportJSON(tx *bbolt.Tx, w io.Writer, f Filter) error {
	bw := bufio.NewWriter(w)
	n := 0
	err := selection(tx, f, func(babies []Baby) error {
		if babies == nil {
			babies = []Baby{}
		}
		head, err := json.MarshalIndent(struct {
			Format  string `json:"format"`
			Version int    `json:"version"`
			Babies  []Baby `json:"babies"`
		}{ExportFormat, exportVersion, babies}, "", "  ")
		if err != nil {
			return err
		}
		head = bytes.TrimSuffix(head, []byte("\n}"))
		_, err = bw.Write(append(head, ",\n  \"sessions\": ["...))
		return err
	}, func(sess Session, evs []routines.Event) error {
		line, err := json.Marshal(toExport(sess, evs))
		if err != nil {
			return err
		}
		sep := ",\n    "
		if n == 0 {
			sep = "\n    "
		}
		n++
		_, err = bw.Write(append([]byte(sep), line...))
		return err
	})
	if err == nil {
		end := "\n  ]\n}\n"
		if n == 0 {
			end = "]\n}\n"
		}
		_, err = bw.WriteString(end)
	}
	if err == nil {
		err = bw.Flush()
	}
	if ne := (*nameError)(nil); err != nil && !errors.As(err, &ne) {
		return fmt.Errorf("exporting: %w", err)
	}
	if err != nil {
		return err
	}
	return nil
}

// CSVColumns are the columns of ExportCSV, one row per event;
// docs/DATA.md says what each holds, and a test holds it to this list.
var CSVColumns = []string{"session_id", "baby_id", "baby", "routine_id", "routine", "session_started", "session_status",
	"session_end", "time", "event", "region", "step", "index", "elapsed_s", "cue", "manual", "hold_s", "reason", "left_out",
	"choice", "outcome"}

// reason is the CSV's reason column: how the session ended, on the end
// event; what quit cradle (ctrl+c, a signal), on a quit event.
func reason(ev routines.Event) string {
	if ev.Kind == routines.EvQuit {
		return ev.By
	}
	return string(ev.Reason)
}

// ExportCSV writes one row per event, each with its session's columns, as
// a spreadsheet reads it. Times are RFC 3339 in the zone they were
// recorded in; lengths are seconds.
func (s *Store) ExportCSV(w io.Writer, f Filter) error {
	return s.view(func(tx *bbolt.Tx) error { return exportCSV(tx, w, f) })
}

func exportCSV(tx *bbolt.Tx, w io.Writer, f Filter) error {
	cw := csv.NewWriter(w)
	err := selection(tx, f, func([]Baby) error {
		return cw.Write(CSVColumns)
	}, func(sess Session, evs []routines.Event) error {
		// How the session went, in the words the history uses, worked out
		// from the events themselves.
		outcome := routines.ProgressOf(nil, evs).Ending()
		if sess.Status == StatusInProgress {
			outcome = routines.EndingUnfinished
		}
		for _, ev := range evs {
			manual := ""
			if ev.Kind == routines.EvCheckIn {
				manual = strconv.FormatBool(ev.Manual)
			}
			row := []string{textCell(sess.ID), strconv.FormatUint(sess.BabyID, 10), textCell(sess.BabyName), textCell(sess.RoutineID),
				textCell(sess.RoutineTitle), csvTime(sess.Started), textCell(string(sess.Status)), textCell(string(sess.Reason)),
				csvTime(ev.At), textCell(string(ev.Kind)), textCell(ev.Region), textCell(ev.Step), strconv.Itoa(ev.Index),
				seconds(ev.Elapsed), textCell(string(ev.Cue)), manual, seconds(ev.Hold), textCell(reason(ev)),
				textCell(strings.Join(ev.LeftOut, " ")), textCell(choice(ev)), textCell(string(outcome))}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		cw.Flush()
		err = cw.Error()
	}
	if ne := (*nameError)(nil); err != nil && !errors.As(err, &ne) {
		return fmt.Errorf("exporting: %w", err)
	}
	if err != nil {
		return err
	}
	return nil
}

// textCell is a text as a spreadsheet must read it: as the text it is.
// Control characters and escape sequences are dropped (the CSV may be
// printed on a terminal); a text a spreadsheet would take for a formula
// (=, +, -, @ first, as a routine file shared between families may
// title itself) or for a number (a session id such as 1234e567...,
// which would turn into a float) gets an apostrophe first, which
// spreadsheets read as "this is text", and never run.
func textCell(s string) string {
	if !plain(s) {
		s = routines.Clean(s)
	}
	if s == "" {
		return s
	}
	switch t := strings.TrimLeft(s, " \t\r\n"); {
	case t != "" && strings.ContainsRune("=+-@", rune(t[0])):
		return "'" + s
	case looksLikeNumber(s):
		return "'" + s
	}
	return s
}

// looksLikeNumber reports whether a spreadsheet could read s as a number:
// digits with at most a point, a sign and an exponent, or a word such
// as "inf".
func looksLikeNumber(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || !strings.ContainsRune("0123456789.iInN", rune(s[0])) { // most texts, at once
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	var ne *strconv.NumError
	return err == nil || errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange)
}

// choice is a chose event's choice, and "(nobody chose)" when the wait
// ran out and the gentler one was taken.
func choice(ev routines.Event) string {
	if ev.Waited {
		return string(ev.Choice) + " (nobody chose)"
	}
	return string(ev.Choice)
}

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// seconds is a length in seconds, to the millisecond; "" for none.
func seconds(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return strconv.FormatFloat(d.Round(time.Millisecond).Seconds(), 'f', -1, 64)
}
