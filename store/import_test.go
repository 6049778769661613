package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"go.etcd.io/bbolt"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/store/storetest"
)

// nothingAdded fails the test when here holds any baby or session.
func nothingAdded(t *testing.T, here *store.Store) {
	t.Helper()
	if all, _ := here.Sessions("", 10); len(all) != 0 {
		t.Errorf("%d sessions added", len(all))
	}
	if babies, _ := here.Babies(); len(babies) != 0 {
		t.Errorf("babies added: %v", babies)
	}
}

// wantImportError fails the test unless err is an ImportError saying all
// of want.
func wantImportError(t *testing.T, err error, want ...string) {
	t.Helper()
	t.Log(err)
	var ie *store.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v (%T), want an ImportError", err, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
}

// replaceFirst replaces the first match of a pattern in a JSON export,
// and says which record holds it as an import's message names it.
func replaceFirst(t *testing.T, data []byte, pattern, with string) (changed []byte, where string) {
	t.Helper()
	re := regexp.MustCompile(pattern)
	loc := re.FindIndex(data)
	if loc == nil {
		t.Fatalf("%s is not in the export", pattern)
	}
	before := data[:loc[0]]
	start := bytes.LastIndex(before, []byte(`{"id":`))
	what, n := "session", bytes.Count(before, []byte(`{"id":"`))
	if !bytes.Contains(before, []byte(`"sessions"`)) { // a baby, written over several lines
		start = bytes.LastIndexByte(before, '{')
		what, n = "baby", bytes.Count(before, []byte(`"added"`))+1
	}
	where = fmt.Sprintf("%s %d (line %d)", what, n, 1+bytes.Count(data[:start], []byte("\n")))
	return append(append(bytes.Clone(before), with...), data[loc[1]:]...), where
}

// Times and lengths no session can have are refused, with the session
// and the line that hold them, and nothing of the file is added.
func TestImportRefusesImpossibleTimes(t *testing.T) {
	st, _ := history(t)
	good := bytes.ReplaceAll(exportJSON(t, st, store.Filter{}), []byte(`": `), []byte(`":`))
	for _, c := range []struct {
		name    string
		pattern string
		with    string
		want    []string
	}{
		{"a negative length", `"elapsed":\d+`, `"elapsed":-999999999999999999`, []string{"event", "negative length"}},
		{"a negative hold", `"hold":\d+`, `"hold":-5`, []string{"negative hold"}},
		{"a length of years", `"elapsed":\d+`, `"elapsed":999999999999999999`, []string{"longer than any step"}},
		{"a start in year 1", `"started":"2026-`, `"started":"0001-`, []string{"its start", "before 2000"}},
		{"an event in the far future", `"at":"2026-`, `"at":"2999-`, []string{"event 1 (start)", "more than a year from now"}},
		{"an end in 1970", `"ended":"2026-`, `"ended":"1970-`, []string{"its end", "before 2000"}},
		{"a step no routine has", `"index":\d+`, `"index":-3`, []string{"at step -3"}},
		{"a step left out that no routine has", `"index":\d+`, `"index":0,"steps_out":[-7]`, []string{"leaves out step -7"}},
		{"a status of its own", `"status":"done"`, `"status":"half"`, []string{"status \"half\""}},
		{"a birth in the future", `"birth":"2026-`, `"birth":"2999-`, []string{"Ada", "birth date 2999"}},
		{"a birth in 1900", `"birth":"2026-`, `"birth":"1900-`, []string{"Ada", "birth date 1900"}},
		{"a goal of a thousand", `"name":"Ada",`, `"name":"Ada","goal":1000,`, []string{"weekly goal of 1000"}},
		{"a doctor's yes in the far future", `"name":"Ada",`, `"name":"Ada","go_ahead":"2999-01-01T00:00:00Z",`, []string{"doctor or nurse said yes", "more than a year from now"}},
		{"a born-early answer of its own", `"name":"Ada",`, `"name":"Ada","early":"maybe\u001b[31m",`, []string{"born early", `"maybe"`, "yes, no, or none"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			data, where := replaceFirst(t, good, c.pattern, c.with)
			here := emptyStore(t)
			_, err := here.Import(writeTemp(t, "bad.json", data))
			wantImportError(t, err, append(c.want, "bad.json cannot be imported: "+where, "Nothing was imported")...)
			nothingAdded(t, here)
		})
	}
}

// A backup whose 300th session is damaged adds nothing at all: the whole
// file is read and checked before a single session is saved.
func TestImportChecksTheWholeFileFirst(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.db")
	st, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	lib, _ := routines.Builtin()
	if _, err := storetest.Generate(st, lib, storetest.Config{Seed: 3, Start: day0, Days: 160, Babies: storetest.Twins(day0),
		PerDay: 1, Weights: map[string]int{"colic": 1}, OneCommit: true}); err != nil {
		t.Fatal(err)
	}
	all, _ := st.Sessions("", 1000)
	export := exportJSON(t, st, store.Filter{})
	st.Close()
	if len(all) < 300 {
		t.Fatalf("only %d sessions", len(all))
	}
	// The 300th session, oldest first, gets a record that is not JSON.
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bbolt.Tx) error {
		c := tx.Bucket([]byte("sessions")).Cursor()
		k, _ := c.First()
		for range 299 {
			k, _ = c.Next()
		}
		return tx.Bucket([]byte("sessions")).Put(bytes.Clone(k), []byte(`{"v":1,"started":`))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	here := emptyStore(t)
	_, err = here.Import(path)
	wantImportError(t, err, "big.db", "unreadable")
	nothingAdded(t, here)

	// The same in a JSON export: its 300th session cut short.
	lines := bytes.Split(export, []byte("\n"))
	at := 0
	for !bytes.HasPrefix(lines[at], []byte(`    {"id"`)) {
		at++
	}
	lines[at+299] = []byte(`    {"id":"x","baby_id":1,"started":"2026-09-01T19:00:00Z","events":[{"kind":"start","at":12}]},`)
	_, err = here.Import(writeTemp(t, "big.json", bytes.Join(lines, []byte("\n"))))
	wantImportError(t, err, fmt.Sprintf("big.json cannot be imported: session 300 (line %d)", at+300))
	nothingAdded(t, here)
}

// Texts are cleaned as cradle cleans what is typed (no escape sequences
// or control characters reach a screen) and cut to the lengths cradle
// keeps, the import saying how many it cut.
func TestImportTidiesText(t *testing.T) {
	long := strings.Repeat("Otto", 50)
	file := fmt.Sprintf(`{"format":"cradle export","version":1,"babies":[{"id":7,"name":"\u001b]8;;http://x\u0007%s","added":"2026-09-01T10:00:00Z"}],
"sessions":[{"id":"00","baby_id":7,"baby_name":"%s","routine_id":"colic","routine_title":"Colic\u001b[2J relief\r","started":"2026-09-02T10:00:00Z","status":"in_progress",
"events":[{"kind":"start","at":"2026-09-02T10:00:00Z","index":0},{"kind":"step_done","at":"2026-09-02T10:01:00Z","region":"tummy\u0007","step":"%s","index":3,"elapsed":60000000000}]}]}`,
		long, long, strings.Repeat("Stroke ", 100))
	here := emptyStore(t)
	res, err := here.Import(writeTemp(t, "odd.json", []byte(file)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Shortened != 3 || res.Sessions != 1 || res.BabiesAdded != 1 {
		t.Errorf("result %+v, want 1 baby, 1 session and 3 texts shortened", res)
	}
	babies, _ := here.Babies()
	if len(babies) != 1 || babies[0].Name != long[:store.MaxNameLength] {
		t.Errorf("babies %+v, want one called %q", babies, long[:store.MaxNameLength])
	}
	sess, _ := here.Sessions("", 1)
	evs, _ := here.Events(sess[0].ID)
	if sess[0].RoutineTitle != "Colic relief" || sess[0].BabyName != babies[0].Name || evs[1].Region != "tummy" || len([]rune(evs[1].Step)) > 200 {
		t.Errorf("session %+v, events %+v", sess[0], evs)
	}
}

// A record larger than any cradle writes (a 20 MB name) is refused as
// it is read, before it fills the memory.
func TestImportRefusesAHugeRecord(t *testing.T) {
	name := strings.Repeat("a", 20<<20)
	file := `{"format":"cradle export","version":1,"babies":[{"id":1,"name":"` + name + `","added":"2026-09-01T10:00:00Z"}],"sessions":[]}`
	here := emptyStore(t)
	_, err := here.Import(writeTemp(t, "huge.json", []byte(file)))
	wantImportError(t, err, "baby 1 (line 1) is larger than any cradle writes")
	nothingAdded(t, here)
}

// Ids are the store's to give: a baby from a file with the largest id
// there is does not set the number new babies count from, so babies added
// afterwards never wrap round onto one already here.
func TestImportedIDsNeverWrapRound(t *testing.T) {
	here := emptyStore(t)
	ada, err := here.SaveBaby(store.Baby{Name: "Ada"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		if _, err := here.StartSession(store.Session{BabyID: ada.ID, BabyName: "Ada", Started: day0.Add(time.Duration(i) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	file := fmt.Sprintf(`{"format":"cradle export","version":1,"babies":[{"id":%d,"name":"Otto","added":"2026-09-01T10:00:00Z"}],
"sessions":[{"id":"ffffffffffffffffffffffffffffffff","baby_id":%d,"baby_name":"Otto","started":"2026-09-02T10:00:00Z","events":[]}]}`,
		uint64(math.MaxUint64), uint64(math.MaxUint64))
	res, err := here.Import(writeTemp(t, "wrap.json", []byte(file)))
	if err != nil || res.BabiesAdded != 1 || res.Sessions != 1 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	// Two babies added in the app afterwards.
	for _, name := range []string{"Bo", "Cy"} {
		if _, err := here.SaveBaby(store.Baby{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	babies, _ := here.Babies()
	names := map[uint64]string{}
	for _, b := range babies {
		names[b.ID] = b.Name
		if b.ID == 0 || b.ID == math.MaxUint64 {
			t.Errorf("baby %s has id %d", b.Name, b.ID)
		}
	}
	if len(babies) != 4 || len(names) != 4 || names[ada.ID] != "Ada" {
		t.Fatalf("babies after the import and two more: %+v", babies)
	}
	if n, _ := here.CountSessions(ada.ID); n != 10 {
		t.Errorf("Ada has %d sessions, want her 10", n)
	}
	// The session's id is the store's too, and a new session beside it
	// gets one of its own.
	all, _ := here.Sessions("", 100)
	for _, s := range all {
		if strings.HasSuffix(s.ID, "ffffffffffffffff") {
			t.Errorf("the session kept the sequence of the file: %s", s.ID)
		}
	}
	if _, err := here.StartSession(store.Session{BabyName: "Otto", Started: day0}); err != nil {
		t.Error(err)
	}
}

// A session the file calls done, though its end was never saved, stays
// done: it is not offered to be picked up again, and not called finished.
func TestImportDoneWithoutAnEnd(t *testing.T) {
	file := `{"format":"cradle export","version":1,"babies":[],"sessions":[
{"id":"1","baby_id":0,"baby_name":"Baby","routine_id":"colic","started":"2026-09-02T10:00:00Z","status":"done",
"events":[{"kind":"start","at":"2026-09-02T10:00:00Z","index":0},{"kind":"step_done","at":"2026-09-02T10:01:00Z","index":1,"elapsed":60000000000}]},
{"id":"2","baby_id":0,"baby_name":"Baby","routine_id":"colic","started":"2026-09-03T10:00:00Z","status":"done","ended":"2026-09-03T10:09:00Z","reason":"asleep",
"events":[{"kind":"start","at":"2026-09-03T10:00:00Z","index":0}]}]}`
	here := emptyStore(t)
	if _, err := here.Import(writeTemp(t, "done.json", []byte(file))); err != nil {
		t.Fatal(err)
	}
	if un, _ := here.Unfinished(); len(un) != 0 {
		t.Errorf("offered to be picked up again: %+v", un)
	}
	all, _ := here.Sessions("", 10)
	if len(all) != 2 {
		t.Fatalf("%d sessions", len(all))
	}
	second, first := all[0], all[1]
	if first.Status != store.StatusDone || first.Reason != routines.EndInterrupted || !first.Ended.Equal(time.Date(2026, 9, 2, 10, 1, 0, 0, time.UTC)) {
		t.Errorf("done without an end or a reason: %+v", first)
	}
	if second.Status != store.StatusDone || second.Reason != routines.EndAsleep || !second.Ended.Equal(time.Date(2026, 9, 3, 10, 9, 0, 0, time.UTC)) {
		t.Errorf("done without an end, with a reason: %+v", second)
	}
}

// Only a regular file is read, and never the database being imported
// into, whichever name or link leads to it.
func TestImportRefusesWhatIsNotAFile(t *testing.T) {
	here, path := history(t)
	before, _ := here.Sessions("", 1000)
	dir := t.TempDir()
	link := filepath.Join(dir, "link.db")
	hard := filepath.Join(dir, "hard.db")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(path, hard); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ file, want string }{
		{path, "into itself"},
		{link, "into itself"},
		{hard, "into itself"},
		{dir, "it is a folder"},
		{"/dev/null", "not a regular file"},
	} {
		_, err := here.Import(c.file)
		wantImportError(t, err, c.file, c.want)
	}
	if after, _ := here.Sessions("", 1000); len(after) != len(before) {
		t.Errorf("%d sessions, then %d", len(before), len(after))
	}
}

// A JSON export saved again in another encoding imports as the UTF-8
// cradle wrote: with UTF-8's byte order mark (some editors), as UTF-16
// with its mark (Windows PowerShell 5's > redirection) or without one.
// A mistake in it is still found at its line.
func TestImportOtherEncodings(t *testing.T) {
	src, _ := history(t)
	data := exportJSON(t, src, store.Filter{})
	want, err := emptyStore(t).Import(writeTemp(t, "plain.json", data))
	if err != nil || want.Sessions == 0 {
		t.Fatalf("the export as written: %+v, %v", want, err)
	}
	encode := func(b []byte, big, mark bool) []byte {
		var out []byte
		if mark {
			out = append(out, 0xFF, 0xFE)
			if big {
				out = []byte{0xFE, 0xFF}
			}
		}
		for _, c := range utf16.Encode([]rune(string(b))) {
			if big {
				out = append(out, byte(c>>8), byte(c))
			} else {
				out = append(out, byte(c), byte(c>>8))
			}
		}
		return out
	}
	// A name beyond the BMP, in two UTF-16 units, and one past the first
	// few thousand bytes, where the decoding goes on from a new read.
	data = bytes.Replace(data, []byte(`"Bea"`), []byte(`"Bea 🌙"`), -1)
	if len(data) < 3*4096 {
		t.Fatalf("the export is %d bytes: too short to be read in several goes", len(data))
	}
	for name, b := range map[string][]byte{
		"utf-8 with a mark":     append([]byte{0xEF, 0xBB, 0xBF}, data...),
		"utf-16le with a mark":  encode(data, false, true),
		"utf-16be with a mark":  encode(data, true, true),
		"utf-16le without mark": encode(data, false, false),
	} {
		t.Run(name, func(t *testing.T) {
			here := emptyStore(t)
			res, err := here.Import(writeTemp(t, "saved.json", b))
			if err != nil || res.Sessions != want.Sessions || res.Events != want.Events || res.BabiesAdded != want.BabiesAdded {
				t.Fatalf("%+v, %v; want %+v", res, err, want)
			}
			babies, _ := here.Babies()
			if !slices.ContainsFunc(babies, func(b store.Baby) bool { return b.Name == "Bea 🌙" }) {
				t.Errorf("babies %+v: the moon is lost", babies)
			}
		})
	}
	bad, where := replaceFirst(t, data, `"kind":"checkin"`, `"kind":"dance"`)
	_, err = emptyStore(t).Import(writeTemp(t, "odd.json", encode(bad, false, true)))
	wantImportError(t, err, "dance", where)
}
