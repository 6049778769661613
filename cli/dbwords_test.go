package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cradle-coach/cradle/store"
)

// The store says what happened to a database; the command line adds what
// a person can do about it, for each way it fails, wrapped or not.
func TestDatabaseAdvice(t *testing.T) {
	for kind, advice := range dbAdvice {
		oe := &store.OpenError{Path: "/d/cradle.db", Kind: kind, Err: errors.New("boom")}
		for _, err := range []error{oe, fmt.Errorf("cannot back up: %w", oe)} {
			got := withAdvice(err).Error()
			if got != err.Error()+". "+advice {
				t.Errorf("kind %d: %q, want the error then %q", kind, got, advice)
			}
			if !errors.Is(withAdvice(err), oe) {
				t.Errorf("kind %d: the advice hides the error", kind)
			}
		}
	}
	if len(dbAdvice) != 4 {
		t.Errorf("advice for %d kinds of failure, want 4", len(dbAdvice))
	}
	plain := errors.New("disk full")
	if withAdvice(plain) != plain {
		t.Error("an error that is not about opening the database got advice")
	}

	// And a person sees it, whichever command opened the file.
	notDB := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("not a database\n", 400)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"class", "list", "--db", notDB}, {"export", "--format", "csv", "--db", notDB}} {
		code, _, errOut := cradle(t, args...)
		if code == 0 || !strings.Contains(errOut, "is not a cradle database") || !strings.Contains(errOut, dbAdvice[store.OpenNotDatabase]) {
			t.Errorf("cradle %s: status %d, %q; want the problem and what to do", strings.Join(args, " "), code, errOut)
		}
	}
}
