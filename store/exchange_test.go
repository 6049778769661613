package store_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/cradle-coach/cradle/internal/scratch"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/store/storetest"
)

var day0 = time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)

// history makes a store with a few weeks of twins' sessions (one left
// unfinished) and a demo session of no baby profile.
func history(t testing.TB) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cradle.db")
	st, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := storetest.Generate(st, lib, storetest.Config{Seed: 5, Start: day0, Days: 21, Babies: storetest.Twins(day0),
		PerDay: 0.8, Weights: storetest.DefaultWeights, LeaveUnfinished: true}); err != nil {
		t.Fatal(err)
	}
	demo, err := st.StartSession(store.Session{BabyName: "Baby", RoutineID: "colic", RoutineTitle: "Colic relief", Started: day0.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Append(demo.ID, routines.Event{Kind: routines.EvStart, At: demo.Started},
		routines.Event{Kind: routines.EvEnd, At: demo.Started.Add(time.Minute), Reason: routines.EndNotNow}); err != nil {
		t.Fatal(err)
	}
	return st, path
}

func emptyStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "empty.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func exportJSON(t *testing.T, st *store.Store, f store.Filter) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := st.ExportJSON(&buf, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Export, import into an empty database, export again: the same bytes.
// Importing the same file again adds nothing.
func TestExportImportRoundTrip(t *testing.T) {
	st, _ := history(t)
	first := exportJSON(t, st, store.Filter{})
	file := writeTemp(t, "export.json", first)

	empty := emptyStore(t)
	res, err := empty.Import(file)
	if err != nil {
		t.Fatal(err)
	}
	all, _ := st.Sessions("", 10000)
	if res.Sessions != len(all) || res.Skipped != 0 || res.BabiesAdded != 2 {
		t.Errorf("import: %+v, want %d sessions and 2 babies", res, len(all))
	}
	// The same, but for the sessions' ids, which the store gives.
	if again := exportJSON(t, empty, store.Filter{}); !bytes.Equal(withoutIDs(again), withoutIDs(first)) {
		t.Fatalf("the export of the import differs:\n%s\n---\n%s", clip(again), clip(first))
	}
	imported := exportJSON(t, empty, store.Filter{})
	// The numbers kept per session are rebuilt the same.
	got, _ := empty.Sessions("", 10000)
	for i := range all {
		if got[i].Stats.Length() != all[i].Stats.Length() || len(got[i].Stats.Answers) != len(all[i].Stats.Answers) {
			t.Fatalf("session %s: stats %+v, want %+v", all[i].ID, got[i].Stats, all[i].Stats)
		}
	}
	if un, _ := empty.Unfinished(); len(un) != 1 {
		t.Errorf("the unfinished session is not unfinished after import: %v", un)
	}
	res, err = empty.Import(file)
	if err != nil || res.Sessions != 0 || res.Skipped != len(all) || res.BabiesAdded != 0 || res.BabiesMatched != 2 {
		t.Errorf("second import: %+v, %v", res, err)
	}
	if again := exportJSON(t, empty, store.Filter{}); !bytes.Equal(again, imported) {
		t.Error("importing twice changed the database")
	}
}

var sessionID = regexp.MustCompile(`"id":"[0-9a-f]{32}"`)

// withoutIDs is a JSON export with every session id blanked.
func withoutIDs(b []byte) []byte { return sessionID.ReplaceAll(b, []byte(`"id":"…"`)) }

func clip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

// A backup file merges into a database that has sessions of its own:
// babies with the same name are the same baby, the sessions already there
// are skipped, the others added.
func TestImportBackupMerges(t *testing.T) {
	st, path := history(t)
	backup := filepath.Join(t.TempDir(), "backup.cradle")
	st.Close()
	if via, err := backupFile(path, backup, false); err != nil || via != store.BackupFromFile {
		t.Fatalf("Backup = %v, %v", via, err)
	}
	src, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()

	here := emptyStore(t)
	ada, _ := here.SaveBaby(store.Baby{Name: "ADA"}) // the same baby, written otherwise
	own, err := here.StartSession(store.Session{BabyID: ada.ID, BabyName: "ADA", Started: day0.Add(-48 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	// Half of the backup is here already (as from an earlier import).
	half := exportJSON(t, src, store.Filter{Baby: "bea"})
	if _, err := here.Import(writeTemp(t, "bea.json", half)); err != nil {
		t.Fatal(err)
	}
	res, err := here.Import(backup)
	if err != nil {
		t.Fatal(err)
	}
	all, _ := src.Sessions("", 10000)
	beas, _ := src.CountSessions(2)
	if res.Sessions != len(all)-beas || res.Skipped != beas || res.BabiesAdded != 0 || res.BabiesMatched != 2 {
		t.Errorf("merge: %+v; the backup has %d sessions, %d of them Bea's", res, len(all), beas)
	}
	babies, _ := here.Babies()
	if len(babies) != 2 || babies[0].Name != "ADA" || babies[1].Name != "Bea" {
		t.Errorf("babies after the merge: %+v", babies)
	}
	if n, _ := here.CountSessions(ada.ID); n != len(all)-beas-1+1 { // Ada's from the backup (no demo) and our own
		t.Errorf("ADA has %d sessions", n)
	}
	if got, err := here.Session(own.ID); err != nil || got.BabyName != "ADA" {
		t.Errorf("our own session: %+v, %v", got, err)
	}
	// A new session after the import gets a key of its own.
	next, err := here.StartSession(store.Session{BabyID: ada.ID, BabyName: "ADA", Started: all[0].Started})
	if err != nil || next.ID == all[0].ID {
		t.Errorf("StartSession after import: %v, %v", next.ID, err)
	}
}

// A broken file adds nothing and says what is wrong with it.
func TestImportBrokenFiles(t *testing.T) {
	st, _ := history(t)
	good := exportJSON(t, st, store.Filter{})
	cut := good[:len(good)*2/3]
	badEvent := bytes.Replace(good, []byte(`"kind":"checkin"`), []byte(`"kind":"dance"`), 1)
	garbage := make([]byte, 8192)
	for i := range garbage {
		garbage[i] = byte(i * 7)
	}
	damaged := damagedDatabase(t)
	for _, c := range []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"cut off", "cut.json", cut, "ends too early"},
		{"an unknown event", "odd.json", badEvent, `of a kind cradle does not know ("dance")`},
		{"not json", "notes.txt", []byte("Ada liked the back massage.\n"), "neither a cradle backup nor a JSON export"},
		{"other json", "other.json", []byte(`{"name": "something else"}`), "not a cradle export"},
		{"a newer export", "newer.json", []byte(`{"format": "cradle export", "version": 9, "babies": [], "sessions": []}`), "newer cradle"},
		{"bad json", "bad.json", []byte("{\"format\": \"cradle export\",\n\"babies\": [}\n"), "line 2"},
		{"empty", "empty.json", nil, "empty"},
		{"garbage", "garbage.bin", garbage, "neither"},
		{"a damaged backup", "damaged.cradle", damaged, "damaged"},
	} {
		t.Run(c.name, func(t *testing.T) {
			here := emptyStore(t)
			res, err := here.Import(writeTemp(t, c.file, c.data))
			var ie *store.ImportError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.file) {
				t.Fatalf("error %v, want an ImportError naming the file and saying %q", err, c.want)
			}
			if all, _ := here.Sessions("", 10); len(all) != 0 || res.Sessions != 0 {
				t.Errorf("%d sessions added from a broken file", len(all))
			}
			if babies, _ := here.Babies(); len(babies) != 0 {
				t.Errorf("babies added from a broken file: %v", babies)
			}
		})
	}
	if _, err := emptyStore(t).Import(filepath.Join(t.TempDir(), "missing.json")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("a missing file: %v", err)
	}
}

// damagedDatabase is a backup with a page overwritten in the middle.
func damagedDatabase(t *testing.T) []byte {
	t.Helper()
	st, path := history(t)
	st.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 6 * 4096; i < 7*4096 && i < len(data); i++ {
		data[i] = 0xAB
	}
	return data
}

func TestExportFilters(t *testing.T) {
	st, _ := history(t)
	var buf bytes.Buffer
	since := day0.AddDate(0, 0, 14)
	if err := st.ExportCSV(&buf, store.Filter{Baby: "ada", Since: since}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(store.CSVColumns, ",") || len(rows) < 10 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	sessions := map[string]bool{}
	for _, r := range rows[1:] {
		if r[2] != "Ada" {
			t.Fatalf("a row of %s in Ada's export", r[2])
		}
		started, err := time.Parse(time.RFC3339, r[5])
		if err != nil || started.Before(since) {
			t.Fatalf("session started %q, before %v", r[5], since)
		}
		sessions[r[0]] = true
	}
	all, _ := st.SessionsSince(1, since)
	events := 0
	for _, s := range all {
		events += s.Events
	}
	if len(sessions) != len(all) || len(rows)-1 != events {
		t.Errorf("%d sessions and %d rows, want %d and %d", len(sessions), len(rows)-1, len(all), events)
	}
	if err := st.ExportJSON(&buf, store.Filter{Baby: "Cy"}); !errors.Is(err, store.ErrNoSuchBaby) || !strings.Contains(err.Error(), "Ada, Bea") {
		t.Errorf("an unknown baby: %v", err)
	}
	// A writer that fails (a full disk, a closed pipe) is an error.
	if err := st.ExportCSV(failingWriter{}, store.Filter{}); err == nil || !strings.Contains(err.Error(), "no space") {
		t.Errorf("export to a full disk: %v", err)
	}
}

// A name two babies share (in another case) is refused, not guessed.
func TestExportRefusesASharedName(t *testing.T) {
	st, _ := history(t)
	if _, err := st.SaveBaby(store.Baby{Name: "ADA", Added: day0}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err := st.ExportCSV(&buf, store.Filter{Baby: "ada"})
	if !errors.Is(err, store.ErrSeveralBabies) || !strings.Contains(err.Error(), `2 babies are called "ada" (Ada, ADA)`) || buf.Len() != 0 {
		t.Errorf("a name two babies share: %v, %d bytes written", err, buf.Len())
	}
	if err := st.ExportJSON(&buf, store.Filter{Baby: "bea"}); err != nil {
		t.Errorf("a name one baby has: %v", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) {
	return 0, errors.New("write: no space left on device")
}

// bbolt's read-only open takes a shared lock, which the running cradle's
// exclusive lock excludes: a second process cannot read the file. This is
// what makes the backup server necessary.
func TestReadOnlyOpenWaitsForTheWriter(t *testing.T) {
	_, path := history(t)
	_, err := bbolt.Open(path, 0, &bbolt.Options{ReadOnly: true, Timeout: 50 * time.Millisecond})
	if !errors.Is(err, berrors.ErrTimeout) {
		t.Fatalf("a read-only open beside the writer: %v, want a timeout", err)
	}
}

// While cradle runs and saves, a backup comes from it: one committed
// state, never a commit half written, every time.
func TestBackupWhileRunning(t *testing.T) {
	st, path := history(t)
	stop, err := st.ServeBackups()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	live, err := st.StartSession(store.Session{BabyID: 1, BabyName: "Ada", Started: day0.AddDate(0, 1, 0)})
	if err != nil {
		t.Fatal(err)
	}
	var saved atomic.Int64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the app saving an event after another
		defer wg.Done()
		at := live.Started
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			default:
			}
			at = at.Add(time.Second)
			if err := st.Append(live.ID, routines.Event{Kind: routines.EvStepDone, At: at, Region: "legs", Step: strings.Repeat("x", 300), Index: i}); err != nil {
				t.Error(err)
				return
			}
			saved.Add(1)
		}
	}()
	dir := t.TempDir()
	for i := range 5 {
		dst := filepath.Join(dir, "b"+string(rune('0'+i))+".cradle")
		via, err := backupFile(path, dst, false)
		if err != nil || via != store.BackupFromRunning {
			t.Fatalf("Backup while running: %v, %v", via, err)
		}
		// The copy opens, and the session's count matches its events.
		cp, err := store.Open(dst, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sess, err1 := cp.Session(live.ID)
		evs, err2 := cp.Events(live.ID)
		cp.Close()
		if err1 != nil || err2 != nil || sess.Events != len(evs) {
			t.Fatalf("copy %d: session %d events, %d stored (%v %v)", i, sess.Events, len(evs), err1, err2)
		}
	}
	close(done)
	wg.Wait()
	if saved.Load() == 0 {
		t.Fatal("nothing was saved during the backups")
	}
	// An existing file is not replaced without being asked.
	dst := filepath.Join(dir, "b0.cradle")
	before, _ := os.ReadFile(dst)
	if _, err := backupFile(path, dst, false); err == nil || !strings.Contains(err.Error(), "file exists") {
		t.Errorf("over an existing file: %v", err)
	}
	if after, _ := os.ReadFile(dst); !bytes.Equal(before, after) {
		t.Error("the existing file changed")
	}
	if _, err := backupFile(path, dst, true); err != nil {
		t.Errorf("with overwrite: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "partial") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// Without a running cradle to ask, or with nothing to copy, Backup says
// so and writes nothing.
func TestBackupProblems(t *testing.T) {
	st, path := history(t) // open, and not serving
	dir := t.TempDir()
	dst := filepath.Join(dir, "b.cradle")
	if _, err := backupFile(path, dst, false); err == nil || !strings.Contains(err.Error(), "not answering") {
		t.Errorf("a cradle that does not answer: %v", err)
	}
	st.Close()
	notDB := writeTemp(t, "notes.db", []byte(strings.Repeat("not a database\n", 1000)))
	if _, err := backupFile(notDB, dst, false); err == nil || !strings.Contains(err.Error(), "not a cradle database") {
		t.Errorf("not a database: %v", err)
	}
	if _, err := backupFile(path, filepath.Join(dir, "missing", "b.cradle"), false); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("into a missing folder: %v", err)
	}
	if _, err := backupFile(filepath.Join(dir, "nothing.db"), dst, false); err == nil {
		t.Error("backing up a missing database succeeded")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestFullDiskExchange needs a small file system, as TestFullDisk does:
//
//	mount -t tmpfs -o size=512k tmpfs /mnt/tiny
//	CRADLE_FULL_DISK_DIR=/mnt/tiny go test ./store -run FullDisk
//
// A backup that does not fit leaves nothing behind; an import that does
// not fit keeps what it committed and says how to go on.
func TestFullDiskExchange(t *testing.T) {
	dir := store.FullDiskDir(t)
	// A history bigger than the file system.
	path := filepath.Join(t.TempDir(), "cradle.db")
	st, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	lib, _ := routines.Builtin()
	if _, err := storetest.Generate(st, lib, storetest.Config{Seed: 2, Start: day0, Days: 60, Babies: storetest.Twins(day0),
		PerDay: 1, Weights: map[string]int{"full-body": 1}, OneCommit: true}); err != nil {
		t.Fatal(err)
	}
	export := exportJSON(t, st, store.Filter{})
	st.Close()

	_, err = backupFile(path, filepath.Join(dir, "b.cradle"), false)
	if err == nil || !strings.Contains(err.Error(), "no space left") || !strings.Contains(err.Error(), "cannot write the backup") {
		t.Errorf("backup onto a full disk: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}

	tiny, err := store.Open(filepath.Join(dir, "cradle.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tiny.Close()
	res, err := tiny.Import(writeTemp(t, "export.json", export))
	t.Logf("import: %+v, %v", res, err)
	if err == nil || !strings.Contains(err.Error(), "no space left") || !strings.Contains(err.Error(), "could not save into") {
		t.Fatalf("import onto a full disk: %v", err)
	}
	var n int
	all, _ := tiny.Sessions("", 100000)
	n = len(all)
	if n != res.Sessions {
		t.Errorf("%d sessions in the file, the import says %d", n, res.Sessions)
	}
}

// backupFile backs the database at path up to the file dst, as cradle
// backup does.
func backupFile(path, dst string, replace bool) (store.BackupVia, error) {
	to, err := scratch.Resolve(dst)
	if err != nil {
		return store.BackupFromFile, err
	}
	out, err := scratch.Create(to, io.Discard, true)
	if err != nil {
		return store.BackupFromFile, err
	}
	defer out.Abort()
	return store.Backup(path, out, replace)
}

// A baby's answer to whether it was born early is kept, exported and
// imported; an export written before cradle asked it (no "early" field)
// reads as not asked, so the next massage asks.
func TestBornEarlyAnswerTravels(t *testing.T) {
	st := emptyStore(t)
	for _, b := range []store.Baby{
		{Name: "Ada", Added: day0, Early: routines.EarlyYes},
		{Name: "Ben", Added: day0, Early: routines.EarlyNo},
		{Name: "Cy", Added: day0},
	} {
		if _, err := st.SaveBaby(b); err != nil {
			t.Fatal(err)
		}
	}
	saidOf := func(st *store.Store) string {
		babies, err := st.Babies()
		if err != nil {
			t.Fatal(err)
		}
		var said []string
		for _, b := range babies {
			said = append(said, b.Name+":"+string(b.Early))
		}
		return strings.Join(said, " ")
	}
	if got, want := saidOf(st), "Ada:yes Ben:no Cy:"; got != want {
		t.Fatalf("saved and read back: %s, want %s", got, want)
	}
	data := exportJSON(t, st, store.Filter{})
	elsewhere := emptyStore(t)
	if _, err := elsewhere.Import(writeTemp(t, "export.json", data)); err != nil {
		t.Fatal(err)
	}
	if got, want := saidOf(elsewhere), "Ada:yes Ben:no Cy:"; got != want {
		t.Errorf("imported: %s, want %s", got, want)
	}
	old := regexp.MustCompile(`,?\s*"early":\s*"[a-z]+"`).ReplaceAll(data, nil)
	if bytes.Contains(old, []byte(`"early"`)) {
		t.Fatal("the old export still holds the answer")
	}
	older := emptyStore(t)
	if _, err := older.Import(writeTemp(t, "old.json", old)); err != nil {
		t.Fatal(err)
	}
	if got, want := saidOf(older), "Ada: Ben: Cy:"; got != want {
		t.Errorf("an export without the answer imported as %s, want %s (not asked)", got, want)
	}
}
