package store

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "cradle.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func wantOpenError(t *testing.T, err error, kind OpenErrorKind) *OpenError {
	t.Helper()
	var oe *OpenError
	if !errors.As(err, &oe) {
		t.Fatalf("Open error = %v (%T), want *OpenError", err, err)
	}
	if oe.Kind != kind {
		t.Fatalf("Open error kind = %d, want %d: %v", oe.Kind, kind, err)
	}
	return oe
}

// schemaOf reads meta/schema straight from the file.
func schemaOf(t *testing.T, path string) string {
	t.Helper()
	db, err := bbolt.Open(path, 0, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var schema string
	db.View(func(tx *bbolt.Tx) error {
		if b := tx.Bucket(bucketMeta); b != nil {
			schema = string(b.Get(keySchema))
		}
		return nil
	})
	return schema
}

func TestMigrationsMatchSchemaVersion(t *testing.T) {
	if len(migrations) != SchemaVersion {
		t.Fatalf("%d migrations, SchemaVersion %d", len(migrations), SchemaVersion)
	}
}

func TestNewFileGetsSchemaAndMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cradle.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", info.Mode().Perm())
	}
	if got := schemaOf(t, path); got != strconv.Itoa(SchemaVersion) {
		t.Errorf("schema = %q, want %d", got, SchemaVersion)
	}
	if _, err := os.Stat(path + ".schema0.bak"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a new file was backed up: %v", err)
	}
	// Reopening an up-to-date file works and changes nothing it need not.
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

func TestEmptyFileOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cradle.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if got := schemaOf(t, path); got != strconv.Itoa(SchemaVersion) {
		t.Errorf("schema = %q, want %d", got, SchemaVersion)
	}
}

func TestMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "cradle.db")
	_, err := Open(path, Options{})
	oe := wantOpenError(t, err, OpenFailed)
	if !strings.Contains(err.Error(), path) || !errors.Is(oe, os.ErrNotExist) {
		t.Errorf("message %q should name the file and wrap ErrNotExist", err)
	}
}

func TestPermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores file permissions")
	}
	path := filepath.Join(t.TempDir(), "cradle.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	_, err = Open(path, Options{})
	wantOpenError(t, err, OpenFailed)
	if !strings.Contains(err.Error(), path) || !errors.Is(err, os.ErrPermission) {
		t.Errorf("message %q should name the file and wrap ErrPermission", err)
	}
	t.Log(err)
}

func TestSecondOpenIsLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cradle.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	// flock locks belong to an open file description, so a second open in
	// the same process conflicts just as another process would.
	_, err = Open(path, Options{Timeout: 100 * time.Millisecond})
	wantOpenError(t, err, OpenLocked)
	if want := "cradle is already open in another terminal (" + path + ")"; !strings.Contains(err.Error(), want) {
		t.Errorf("message %q does not contain %q", err, want)
	}
	if !errors.Is(err, berrors.ErrTimeout) {
		t.Errorf("error does not wrap berrors.ErrTimeout: %v", err)
	}

	// Once the first closes, the file opens again.
	s.Close()
	s2, err := Open(path, Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
}

// noise is random bytes that are the same on every run, so a failure
// can be run again.
func noise() *rand.ChaCha8 { return rand.NewChaCha8([32]byte{'c', 'r', 'a', 'd', 'l', 'e'}) }

func TestNotADatabaseIsLeftUntouched(t *testing.T) {
	rnd := noise()
	random := make([]byte, 3*4096+123)
	rnd.Read(random)
	bigRandom := make([]byte, 64*1024)
	rnd.Read(bigRandom)
	text := []byte(strings.Repeat("Massage the legs gently, from hip to ankle.\n", 200))

	// A real database with some data, cut short.
	real := filepath.Join(t.TempDir(), "real.db")
	s, err := Open(real, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		if _, err := s.SaveBaby(Baby{Name: strings.Repeat("baby ", 20) + strconv.Itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	whole := readFile(t, real)
	if len(whole) < 8*4096 {
		t.Fatalf("test database only %d bytes", len(whole))
	}

	// Good headers, random pages.
	damaged := bytes.Clone(whole)
	rnd.Read(damaged[2*4096:])

	for name, data := range map[string][]byte{
		"random bytes":       random,
		"large random bytes": bigRandom,
		"short text":         []byte("hello\n"),
		"text file":          text,
		"truncated database": whole[:len(whole)/2],
		"headers only":       whole[:2*4096],
		"one page":           whole[:4096],
		"damaged pages":      damaged,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cradle.db")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path, Options{})
			wantOpenError(t, err, OpenNotDatabase)
			msg := err.Error()
			if !strings.HasPrefix(msg, path+" is not a cradle database, or it is damaged (") || !strings.Contains(msg, "untouched") {
				t.Errorf("message %q", msg)
			}
			t.Log(msg)
			if !bytes.Equal(readFile(t, path), data) {
				t.Error("the file was changed")
			}
			if _, err := os.Stat(path + ".schema0.bak"); err == nil {
				t.Error("a backup was written")
			}
		})
	}
}

// A damaged page anywhere must come back as an error, never a panic: from
// Open (NotDatabase, file untouched) or from the method that reads it.
func TestDamagedPageNeverPanics(t *testing.T) {
	path := filepath.Join(t.TempDir(), "good.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		sess, err := s.StartSession(Session{BabyName: strings.Repeat("Ada ", 30), Started: t0.Add(time.Duration(i) * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Append(sess.ID, ev("start", sess.Started), ev("step_done", sess.Started.Add(time.Minute))); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveBaby(Baby{Name: strings.Repeat("Bo ", 30)}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	good := readFile(t, path)
	const page = 4096
	junk := make([]byte, page)
	rnd := noise()
	opened := 0
	for p := 2; p < len(good)/page; p++ {
		data := bytes.Clone(good)
		rnd.Read(junk)
		copy(data[p*page:], junk)
		path := filepath.Join(t.TempDir(), "cradle.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		damageOnPurpose(t, path)
		s, err := Open(path, Options{})
		if err != nil {
			wantOpenError(t, err, OpenNotDatabase)
			if !bytes.Equal(readFile(t, path), data) {
				t.Errorf("page %d: the file was changed", p)
			}
			continue
		}
		// Unused pages may hold anything; the rest must fail politely.
		opened++
		s.Babies()
		s.Unfinished()
		for before := ""; ; {
			page, err := s.Sessions(before, 7)
			if err != nil || len(page) == 0 {
				break
			}
			before = page[len(page)-1].ID
			s.Events(before)
		}
		s.SaveBaby(Baby{Name: "Cy"})
		if sess, err := s.StartSession(Session{Started: t0}); err == nil {
			s.Append(sess.ID, ev("start", t0))
		}
		s.Close()
	}
	t.Logf("%d of %d damaged files opened", opened, len(good)/page-2)
}

func TestPathIsADirectory(t *testing.T) {
	path := t.TempDir()
	_, err := Open(path, Options{})
	wantOpenError(t, err, OpenFailed)
	if !strings.Contains(err.Error(), path) {
		t.Errorf("message %q does not name the path", err)
	}
	t.Log(err)
}

func TestForeignBboltFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bbolt.Tx) error {
		b, err := tx.CreateBucket([]byte("widgets"))
		if err != nil {
			return err
		}
		return b.Put([]byte("k"), []byte("v"))
	})
	db.Close()
	before := readFile(t, path)

	_, err = Open(path, Options{})
	wantOpenError(t, err, OpenNotDatabase)
	if !bytes.Equal(readFile(t, path), before) {
		t.Error("the file was changed")
	}
}

// writeSchema makes a cradle file and sets meta/schema behind cradle's back.
func writeSchema(t *testing.T, schema string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cradle.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveBaby(Baby{Name: "Ada"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, []byte(schema))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func TestNewerSchema(t *testing.T) {
	path := writeSchema(t, strconv.Itoa(SchemaVersion+1))
	before := readFile(t, path)
	_, err := Open(path, Options{})
	oe := wantOpenError(t, err, OpenNewerSchema)
	if oe.Schema != SchemaVersion+1 {
		t.Errorf("Schema = %d, want %d", oe.Schema, SchemaVersion+1)
	}
	msg := err.Error()
	if !strings.Contains(msg, path) || !strings.Contains(msg, "newer cradle") {
		t.Errorf("message %q", msg)
	}
	if !bytes.Equal(readFile(t, path), before) {
		t.Error("the file was changed")
	}
}

func TestBadSchema(t *testing.T) {
	path := writeSchema(t, "one")
	before := readFile(t, path)
	_, err := Open(path, Options{})
	wantOpenError(t, err, OpenNotDatabase)
	if !bytes.Equal(readFile(t, path), before) {
		t.Error("the file was changed")
	}
}

func TestSchemaZeroMigrates(t *testing.T) {
	// What bbolt leaves behind for a new file: no buckets at all.
	path := filepath.Join(t.TempDir(), "cradle.db")
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveBaby(Baby{Name: "Ada"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if got := schemaOf(t, path); got != strconv.Itoa(SchemaVersion) {
		t.Errorf("schema = %q, want %d", got, SchemaVersion)
	}
	if _, err := os.Stat(path + ".schema0.bak"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an empty database was backed up: %v", err)
	}
}

func TestMigrationBacksUpFirst(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cradle.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveBaby(Baby{Name: "Ada"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	cur := SchemaVersion
	backup := fmt.Sprintf("%s.schema%d.bak", path, cur)

	// A pretend next schema whose migration checks the backup is already there.
	var sawBackup bool
	migs := append(append([]func(*bbolt.Tx) error(nil), migrations...), func(tx *bbolt.Tx) error {
		_, err := os.Stat(backup)
		sawBackup = err == nil
		_, err = tx.CreateBucket([]byte("new_in_2"))
		return err
	})
	s, err = open(path, Options{}, migs)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if !sawBackup {
		t.Error("the migration ran before the backup was written")
	}
	if got := schemaOf(t, path); got != strconv.Itoa(cur+1) {
		t.Errorf("schema = %q, want %d", got, cur+1)
	}
	if got := schemaOf(t, backup); got != strconv.Itoa(cur) {
		t.Errorf("backup schema = %q, want %d", got, cur)
	}
	// The backup is a working database of the current schema with the
	// baby in it.
	s, err = Open(backup, Options{})
	if err != nil {
		t.Fatal(err)
	}
	babies, err := s.Babies()
	s.Close()
	if err != nil || len(babies) != 1 || babies[0].Name != "Ada" {
		t.Errorf("backup babies = %v, %v", babies, err)
	}

	// A failed migration leaves the file at the last good schema, and a
	// second backup does not overwrite the first.
	path2 := filepath.Join(t.TempDir(), "cradle.db")
	if err := os.WriteFile(path2, readFile(t, backup), 0o600); err != nil {
		t.Fatal(err)
	}
	older := fmt.Sprintf("%s.schema%d.bak", path2, cur)
	if err := os.WriteFile(older, []byte("older"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	migs[len(migs)-1] = func(*bbolt.Tx) error { return boom }
	_, err = open(path2, Options{}, migs)
	wantOpenError(t, err, OpenFailed)
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), fmt.Sprintf("%s.schema%d.1.bak", path2, cur)) {
		t.Errorf("error %v", err)
	}
	if got := schemaOf(t, path2); got != strconv.Itoa(cur) {
		t.Errorf("schema after failed migration = %q, want %d", got, cur)
	}
	if string(readFile(t, older)) != "older" {
		t.Error("an older backup was overwritten")
	}
	if err := Check(path2); err != nil { // never handed out, so not checked at its closing
		t.Errorf("after the failed migration: %v", err)
	}
}

func TestClosedStoreReturnsErrors(t *testing.T) {
	s := openTemp(t)
	sess, err := s.StartSession(Session{BabyName: "Ada", Started: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Append(sess.ID, ev("start", time.Now())); err == nil {
		t.Error("Append after Close succeeded")
	}
	if _, err := s.Babies(); err == nil {
		t.Error("Babies after Close succeeded")
	}
	if _, err := s.Unfinished(); err == nil {
		t.Error("Unfinished after Close succeeded")
	}
	if _, err := s.Sessions("", 10); err == nil {
		t.Error("Sessions after Close succeeded")
	}
	if _, err := s.StartSession(Session{}); err == nil {
		t.Error("StartSession after Close succeeded")
	}
}
