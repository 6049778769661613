package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A database file that is missing or empty is named, and told apart.
func TestExportNeedsADatabase(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ db, want string }{
		{filepath.Join(dir, "gone.db"), "there is no cradle database at " + filepath.Join(dir, "gone.db") + " yet"},
		{empty, empty + " is empty: it holds no cradle data yet"},
	} {
		var out, errOut bytes.Buffer
		if code := runExport([]string{"--format", "csv"}, c.db, &out, &errOut); code == OK || !strings.Contains(errOut.String(), c.want) || out.Len() != 0 {
			t.Errorf("export of %s: exit %d, stdout %q, stderr %q; want %q", c.db, code, out.String(), errOut.String(), c.want)
		}
	}
}
