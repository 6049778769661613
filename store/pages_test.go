package store_test

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/cradle-coach/cradle/store"
)

// branchPages is the page ids of a bbolt file's branch pages.
func branchPages(data []byte, pageSize int) []int {
	var out []int
	for id := 2; (id+1)*pageSize <= len(data); id++ {
		p := data[id*pageSize:]
		if binary.LittleEndian.Uint64(p) == uint64(id) && binary.LittleEndian.Uint16(p[8:]) == 0x01 {
			out = append(out, id)
		}
	}
	return out
}

// A backup whose tree points outside the file, or back up into itself,
// would crash bbolt's own consistency check, which walks the pages in a
// goroutine of its own where no fault or runaway recursion can be caught.
// cradle walks the file first, and refuses it in words.
func TestADamagedTreeIsRefusedNotACrash(t *testing.T) {
	st, path := history(t)
	st.Close()
	lib := readAll(t, path)
	pageSize := os.Getpagesize()
	branches := branchPages(lib, pageSize)
	if len(branches) == 0 {
		t.Fatal("no branch page to damage")
	}
	for _, c := range []struct {
		name  string
		child func(page int) uint64
		want  string
	}{
		{"past the end of the file", func(int) uint64 { return 1 << 30 }, "outside the database"},
		{"back to itself", func(page int) uint64 { return uint64(page) }, "reached twice"},
	} {
		t.Run(c.name, func(t *testing.T) {
			// Every page that reads as a branch (some are free, left from
			// before) gets its first element's child changed.
			data := append([]byte(nil), lib...)
			for _, b := range branches {
				binary.LittleEndian.PutUint64(data[b*pageSize+16+8:], c.child(b))
			}
			file := writeTemp(t, "damaged.db", data)
			here := emptyStore(t)
			_, err := here.Import(file)
			wantImportError(t, err, "damaged.db", c.want)
			nothingAdded(t, here)
			if err := store.Check(file); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Check: %v", err)
			}
		})
	}
}

// A file without the list of free pages every cradle database keeps is
// not opened: bbolt would rebuild the list in a goroutine where damage
// crashes the process.
func TestAFileWithoutAFreelistIsNotOpened(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nofree.db")
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{NoFreelistSync: true})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bbolt.Tx) error {
		for _, name := range []string{"meta", "babies", "sessions", "events", "open", "by_baby"} {
			b, err := tx.CreateBucket([]byte(name))
			if err != nil {
				return err
			}
			if name == "meta" {
				if err := b.Put([]byte("schema"), []byte("2")); err != nil {
					return err
				}
			}
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	_, err = store.Open(path, store.Options{})
	var oe *store.OpenError
	if !errors.As(err, &oe) || oe.Kind != store.OpenNotDatabase || !strings.Contains(err.Error(), "no list of free pages") {
		t.Errorf("Open: %v", err)
	}
	_, err = emptyStore(t).Import(path)
	wantImportError(t, err, "no list of free pages")
}
