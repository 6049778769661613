package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// endless is a stream that never ends, of line over and over; it fails
// the test once more than a megabyte of it is read.
type endless struct {
	t    *testing.T
	line []byte
	read int
}

func (e *endless) Read(p []byte) (int, error) {
	if e.read > 1<<20 {
		e.t.Errorf("read more than 1 MB of %q", e.line)
		return 0, os.ErrClosed
	}
	n := 0
	for n < len(p) {
		n += copy(p[n:], e.line[(e.read+n)%len(e.line):])
	}
	e.read += n
	return n, nil
}

// import - of a stream whose first bytes already show it is neither a
// backup nor a JSON export answers at once, whatever follows, and makes
// no database for it.
func TestImportRefusesAWrongStreamAtOnce(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{"\x00", "it is neither a cradle backup nor a JSON export"},
		{"\n", "it is neither a cradle backup nor a JSON export"},
		{`{"format":1}` + "\n", `it is not a cradle export: its "format" should be "cradle export", not a number`},
		{`{"format":"notes"}` + "\n", `it is not a cradle export (its format is "notes")`},
		{`{"babies":[],"format":"cradle export"}`, `it is not a cradle export: a JSON export starts with its "format"`},
		{"session_id,baby_id\n", "it is neither a cradle backup nor a JSON export"},
	} {
		db := filepath.Join(t.TempDir(), "new.db")
		in := &endless{t: t, line: []byte(c.line)}
		var out, errOut bytes.Buffer
		code := Run([]string{"import", "--db", db, "-"}, Stdio{In: in, Out: &out, Err: &errOut})
		if code != Problem || out.Len() != 0 || !strings.Contains(errOut.String(), "standard input cannot be imported: "+c.want) ||
			!strings.HasSuffix(errOut.String(), "Nothing was imported.\n") {
			t.Errorf("%q, over and over: %d %q; want %q", c.line, code, errOut.String(), c.want)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Errorf("%q: a database was made", c.line)
		}
	}
}

// A value of the wrong kind in a JSON export is named, with its line and
// what it should be, in words.
func TestImportNamesTheField(t *testing.T) {
	for _, c := range []struct{ file, want string }{
		{"{\"format\":\"cradle export\",\n\n\"version\":\"1\"}", `at line 3, "version" should be a number, not text`},
		{"{\"format\":\"cradle export\",\"version\":1,\"babies\":[],\"sessions\":[\n{\"id\":\"a\",\"started\":\"2026-09-02T10:00:00Z\",\"status\":\"done\",\"events\":[{\"kind\":\"start\",\"at\":\"2026-09-02T10:00:00Z\"}]},\n{\"id\":\"b\",\n\"started\":]}", `session 2 (line 3) is not valid JSON at line 4`},
		{"{\"format\":\"cradle export\",\"version\":1,\n\"babies\":[{\"id\":1,\"name\":5}],\"sessions\":[]}", `baby 1 (line 2): at line 2, "name" should be text, not a number`},
		{`{"format":"cradle export","version":1,"babies":[],"sessions":[{"id":"a","started":"2026-09-02T10:00:00Z","events":[{"kind":7}]}]}`,
			`session 1 (line 1): at line 1, "events.kind" should be text, not a number`},
		{`{"format":"cradle export","version":1,"babies":[],"sessions":[[1]]}`, `session 1 (line 1): at line 1, the session should be an object, not a list`},
	} {
		var errOut bytes.Buffer
		code := Run([]string{"import", "--db", filepath.Join(t.TempDir(), "new.db"), "-"}, Stdio{In: strings.NewReader(c.file), Out: &bytes.Buffer{}, Err: &errOut})
		if code != Problem || !strings.Contains(errOut.String(), c.want) {
			t.Errorf("%s: %d %q; want %q", c.file, code, errOut.String(), c.want)
		}
	}
}
