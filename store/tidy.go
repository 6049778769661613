package store

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cradle-coach/cradle/routines"
)

// What cradle keeps of a file it imports. A file is a parent's own export
// or backup most of the time, but it may have been edited, damaged, or
// made to do harm; nothing in it is trusted as it stands.

// MaxNameLength is the longest baby's name cradle keeps, in characters:
// the baby form stops there, and import cuts a longer one to it.
const MaxNameLength = 40

// MaxGoal is the highest weekly goal, in sessions.
const MaxGoal = 14

const (
	// maxText bounds the other texts a session copies in from its
	// routine (its title, a region, a step), in characters: as long as a
	// routine file's title may be.
	maxText = routines.MaxText
	// maxPath bounds the routine file's name, in bytes.
	maxPath = 4096
	// maxLeftOut bounds the regions a start event names as left out.
	maxLeftOut = 100
	// maxIndex bounds an event's place in the plan: a routine file of at
	// most 1 MiB cannot hold more steps.
	maxIndex = 100_000
	// maxLength bounds a step's time and a hold: a step is at most an
	// hour, an hour and a half slowed.
	maxLength = 24 * time.Hour
	// maxRestWeeks bounds the rest weeks kept for a baby: twenty years.
	maxRestWeeks = 1040
	// maxRecord bounds one baby, or one session with its events, in a
	// file: far more than any cradle writes (a long session is tens of
	// kilobytes), and little enough to read safely.
	maxRecord = 16 << 20
)

// earliest is the first moment cradle takes as a time of a session: no
// cradle ran before it, and before 1970 a time has no place in a key.
var earliest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// possible says what is wrong with t as a moment of a session, if anything:
// from 2000 to a year past now (a computer's clock may be set ahead).
func possible(t time.Time, now time.Time) error {
	switch {
	case t.Before(earliest):
		return fmt.Errorf("%s is before 2000, when no cradle ran", when(t))
	case t.After(now.AddDate(1, 0, 0)):
		return fmt.Errorf("%s is more than a year from now", when(t))
	}
	return nil
}

func when(t time.Time) string { return t.Format("2006-01-02 15:04") }

// length is a duration as a message shows it: to the second, unless it
// is shorter than one.
func length(d time.Duration) string {
	if d.Abs() < time.Second {
		return d.String()
	}
	return d.Round(time.Second).String()
}

// tidyText cleans an incoming text as cradle cleans what is typed or read
// from a routine file (no control characters, no escape sequences, no
// bidirectional overrides), trims it, and cuts it to n characters.
func tidyText(s string, n int) (string, bool) {
	if !plain(s) {
		s = routines.Clean(s)
	}
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s, false
	}
	return strings.TrimSpace(string([]rune(s)[:n])), true
}

// plain reports whether s is printable ASCII, which routines.Clean would
// leave as it is: most texts, which a ten-year export or import then
// need not copy.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// tidyPath is tidyText for a file name, cut in bytes at a rune's edge.
func tidyPath(s string) (string, bool) {
	s = strings.TrimSpace(routines.Clean(s))
	if len(s) <= maxPath {
		return s, false
	}
	cut := maxPath
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut], true
}

// tidier cleans incoming records and counts the texts it had to cut.
type tidier struct {
	now time.Time
	cut int
}

func (t *tidier) text(s *string, n int) {
	var cut bool
	if *s, cut = tidyText(*s, n); cut {
		t.cut++
	}
}

// baby checks and cleans an incoming baby.
func (t *tidier) baby(b *Baby) error {
	t.text(&b.Name, MaxNameLength)
	if b.Name == "" {
		b.Name = "Baby"
	}
	if !b.Added.IsZero() {
		if err := possible(b.Added, t.now); err != nil {
			return fmt.Errorf("the day it was added: %w", err)
		}
	}
	// The bounds the app's own forms keep, but for age: a file may come
	// years after the baby's sessions, so a birth is only as old as the
	// oldest session can be.
	if !b.Birth.IsZero() && (b.Birth.Before(earliest) || b.Birth.After(t.now.AddDate(0, 0, 1))) {
		return fmt.Errorf("its birth date %s is not a possible one", b.Birth.Format(DateLayout))
	}
	if !b.Due.IsZero() && (b.Birth.IsZero() || !b.Due.After(b.Birth) || b.Due.Sub(b.Birth) > MaxEarly) {
		return fmt.Errorf("its due date %s does not go with its birth date", b.Due.Format(DateLayout))
	}
	if !b.GoAhead.IsZero() {
		if err := possible(b.GoAhead, t.now); err != nil {
			return fmt.Errorf("the day its doctor or nurse said yes to massage: %w", err)
		}
	}
	switch b.Early {
	case routines.EarlyNotAsked, routines.EarlyYes, routines.EarlyNo:
	default:
		said, _ := tidyText(string(b.Early), 20)
		return fmt.Errorf("its answer to whether it was born early, %q, is not one cradle keeps: yes, no, or none", said)
	}
	if b.Goal < NoGoal || b.Goal > MaxGoal {
		return fmt.Errorf("its weekly goal of %d is not one cradle sets (0 to %d)", b.Goal, MaxGoal)
	}
	if len(b.Rest) > maxRestWeeks {
		return fmt.Errorf("it has %d rest weeks, more than cradle keeps (%d)", len(b.Rest), maxRestWeeks)
	}
	for _, r := range b.Rest {
		if _, err := time.Parse(DateLayout, r); err != nil {
			return fmt.Errorf("its rest week %q is not a date", routines.Clean(r))
		}
	}
	return nil
}

var reasonPattern = regexp.MustCompile(`^[a-z_]{1,32}$`)

// session checks and cleans an incoming session with its events. Times
// out of the possible range and negative lengths are refused, not mended:
// cradle cannot know what they should have been.
func (t *tidier) session(in *exportSession) error {
	if err := possible(in.Started, t.now); err != nil {
		return fmt.Errorf("its start: %w", err)
	}
	if !in.Ended.IsZero() {
		if err := possible(in.Ended, t.now); err != nil {
			return fmt.Errorf("its end: %w", err)
		}
	}
	switch in.Status {
	case "", StatusInProgress, StatusDone:
	default:
		return fmt.Errorf("its status %q is not one cradle writes (%s or %s)", routines.Clean(string(in.Status)), StatusInProgress, StatusDone)
	}
	if in.Reason != "" && !reasonPattern.MatchString(string(in.Reason)) {
		return fmt.Errorf("its end reason %q is not one cradle writes", routines.Clean(string(in.Reason)))
	}
	t.text(&in.BabyName, MaxNameLength)
	t.text(&in.RoutineID, maxText)
	t.text(&in.RoutineTitle, maxText)
	var cut bool
	if in.RoutineFile, cut = tidyPath(in.RoutineFile); cut {
		t.cut++
	}
	for i := range in.Events {
		ev := &in.Events[i]
		what := fmt.Sprintf("its event %d (%s)", i+1, routines.Clean(string(ev.Kind)))
		if !knownKind(ev.Kind) {
			return fmt.Errorf("its event %d is of a kind cradle does not know (%q)", i+1, routines.Clean(string(ev.Kind)))
		}
		if ev.At.IsZero() {
			return fmt.Errorf("%s has no time", what)
		}
		if err := possible(ev.At, t.now); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if ev.Cue != "" && !ev.Cue.Valid() {
			return fmt.Errorf("%s has an answer cradle does not know (%q)", what, routines.Clean(string(ev.Cue)))
		}
		if ev.Reason != "" && !reasonPattern.MatchString(string(ev.Reason)) {
			return fmt.Errorf("%s has an end reason cradle does not know (%q)", what, routines.Clean(string(ev.Reason)))
		}
		for _, d := range []struct {
			name string
			d    time.Duration
		}{{"length", ev.Elapsed}, {"hold", ev.Hold}} {
			if d.d < 0 {
				return fmt.Errorf("%s has a negative %s (%s)", what, d.name, length(d.d))
			}
			if d.d > maxLength {
				return fmt.Errorf("%s has a %s of %s, longer than any step", what, d.name, length(d.d))
			}
		}
		if ev.Index < 0 || ev.Index > maxIndex {
			return fmt.Errorf("%s is at step %d, which no routine has", what, ev.Index)
		}
		if ev.Kind == routines.EvEnd && i != len(in.Events)-1 {
			return fmt.Errorf("events follow its end")
		}
		if len(ev.LeftOut) > maxLeftOut {
			return fmt.Errorf("%s leaves out %d regions, more than a routine has", what, len(ev.LeftOut))
		}
		if len(ev.StepsOut) > maxIndex {
			return fmt.Errorf("%s leaves out %d steps, more than a routine has", what, len(ev.StepsOut))
		}
		for _, n := range ev.StepsOut {
			if n < 0 || n > maxIndex {
				return fmt.Errorf("%s leaves out step %d, which no routine has", what, n)
			}
		}
		if !ev.Oil.Valid() {
			return fmt.Errorf("%s says of oil %q, which cradle does not write", what, routines.Clean(string(ev.Oil)))
		}
		if ev.Choice != "" && !slices.Contains(routines.Actions, ev.Choice) {
			return fmt.Errorf("%s has a choice cradle does not know (%q)", what, routines.Clean(string(ev.Choice)))
		}
		if len(ev.Plan) > maxLeftOut {
			return fmt.Errorf("%s plans %d regions, more than a routine has", what, len(ev.Plan))
		}
		for j := range ev.Plan {
			pr := &ev.Plan[j]
			if len(pr.Steps) > maxIndex {
				return fmt.Errorf("%s plans %d steps in a region, more than a routine has", what, len(pr.Steps))
			}
			for _, n := range pr.Steps {
				if n < 0 || n > maxIndex {
					return fmt.Errorf("%s plans step %d, which no routine has", what, n)
				}
			}
			t.text(&pr.ID, maxText)
			t.text(&pr.Name, maxText)
		}
		t.text(&ev.Region, maxText)
		t.text(&ev.Step, maxText)
		t.text(&ev.By, maxText)
		for j := range ev.LeftOut {
			t.text(&ev.LeftOut[j], maxText)
		}
	}
	return nil
}

var eventKinds = []routines.EventKind{routines.EvStart, routines.EvStepDone, routines.EvStepSkipped, routines.EvReady, routines.EvBack,
	routines.EvRegionSkipped, routines.EvCheckIn, routines.EvHold, routines.EvPause, routines.EvResume, routines.EvReopen, routines.EvChose, routines.EvQuit, routines.EvEnd}

func knownKind(k routines.EventKind) bool {
	for _, x := range eventKinds {
		if x == k {
			return true
		}
	}
	return false
}

// errTooBig is a record larger than maxRecord.
var errTooBig = errors.New("too big")
