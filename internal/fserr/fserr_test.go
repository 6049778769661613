package fserr

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWithoutPath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere", "file")
	_, err := os.Open(missing)
	if err == nil {
		t.Fatal("opening a missing file did not fail")
	}
	for _, in := range []error{err, fmt.Errorf("loading: %w", err)} {
		got := WithoutPath(in)
		if strings.Contains(got.Error(), missing) || strings.Contains(got.Error(), "open") {
			t.Errorf("WithoutPath(%q) = %q: still names the path or the operation", in, got)
		}
		if !errors.Is(got, fs.ErrNotExist) {
			t.Errorf("WithoutPath(%q) = %q: no longer says the file does not exist", in, got)
		}
	}
	plain := errors.New("disk full")
	if got := WithoutPath(plain); got != plain {
		t.Errorf("WithoutPath changed an error with no path: %q", got)
	}
	if WithoutPath(nil) != nil {
		t.Error("WithoutPath(nil) is not nil")
	}
}
