package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt's consistency check (Tx.Check) walks the pages in a goroutine of
// its own, where a damaged file can crash the whole process: a branch
// that points past the end of the file faults on memory the file does not
// back, and a branch that points back up the tree recurses until the
// stack overflows. Neither can be recovered. So a file from elsewhere (a
// backup to import, a copy to check) is first walked here, reading the
// file rather than its mapping, and only a file whose every page lies
// within it, once, is handed to Tx.Check.

// bbolt's file format (go.etcd.io/bbolt/internal/common), little-endian.
const (
	pageHeaderSize  = 16 // id u64, flags u16, count u16, overflow u32
	elementSize     = 16 // branch: pos u32, ksize u32, pgid u64; leaf: flags u32, pos u32, ksize u32, vsize u32
	bucketHeader    = 16 // root pgid u64, sequence u64; root 0: an inline page follows
	branchPage      = 0x01
	leafPage        = 0x02
	freelistPage    = 0x10
	bucketLeafFlag  = 0x01
	boltMagic       = 0xED0CDAED
	boltVersion     = 2
	noFreelist      = ^uint64(0)
	maxTreeDepth    = 64
	metaChecksumEnd = 56 // the meta's bytes its checksum covers
)

// pageWalk checks that every page reachable in a bbolt file lies inside
// it, whole, and is reached once.
type pageWalk struct {
	f        io.ReaderAt
	size     int64  // the file's length
	pageSize int64  // from the meta page
	pgid     uint64 // the high water mark: pages in use are below it
	seen     map[uint64]bool
}

// soundPages walks the bbolt file at path (with pages of pageSize bytes,
// as bbolt read them) without mapping it.
func soundPages(path string, pageSize int) error {
	return withMeta(path, pageSize, func(w *pageWalk, root, freelist uint64) error {
		buf, err := w.read(freelist)
		if err != nil {
			return fmt.Errorf("its list of free pages: %w", err)
		}
		if binary.LittleEndian.Uint16(buf[8:]) != freelistPage {
			return fmt.Errorf("page %d is not the list of free pages it should be", freelist)
		}
		first, count := uint64(0), uint64(binary.LittleEndian.Uint16(buf[10:]))
		if count == 0xFFFF { // the count did not fit: it is the first entry
			if len(buf) < pageHeaderSize+8 {
				return errors.New("its list of free pages is cut short")
			}
			first, count = 1, binary.LittleEndian.Uint64(buf[pageHeaderSize:])
		}
		if count > uint64(len(buf)) || pageHeaderSize+(first+count)*8 > uint64(len(buf)) {
			return errors.New("its list of free pages runs past its page")
		}
		return w.walk(root, 0)
	})
}

// keepsFreelist says whether the bbolt file at path keeps its list of
// free pages, as every database cradle writes does. Without one, opening
// it for writing makes bbolt rebuild the list by walking the whole file
// in a goroutine that takes any damage down with the process.
func keepsFreelist(path string, pageSize int) error {
	return withMeta(path, pageSize, func(*pageWalk, uint64, uint64) error { return nil })
}

// withMeta reads the meta page of the bbolt file at path and hands fn a
// walk of the file, the root bucket's page and the free list's page. A
// file without a free list is refused here.
func withMeta(path string, pageSize int, fn func(w *pageWalk, root, freelist uint64) error) error {
	if pageSize < 512 || pageSize > 1<<20 {
		return fmt.Errorf("a page size of %d bytes", pageSize)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	w := &pageWalk{f: f, size: info.Size(), pageSize: int64(pageSize), seen: map[uint64]bool{}}
	root, freelist, err := w.meta()
	if err != nil {
		return err
	}
	if freelist == noFreelist {
		return errors.New("it keeps no list of free pages, as cradle's databases do")
	}
	return fn(w, root, freelist)
}

// meta reads the meta page bbolt uses (the valid one of the two with the
// later transaction) and returns the root bucket's page and the list of
// free pages' page.
func (w *pageWalk) meta() (root, freelist uint64, err error) {
	var best []byte
	var bestTx uint64
	for i := range int64(2) {
		buf := make([]byte, pageHeaderSize+64)
		if _, err := w.f.ReadAt(buf, i*w.pageSize); err != nil {
			continue
		}
		m := buf[pageHeaderSize:]
		h := fnv.New64a()
		h.Write(m[:metaChecksumEnd])
		if binary.LittleEndian.Uint32(m) != boltMagic || binary.LittleEndian.Uint32(m[4:]) != boltVersion ||
			binary.LittleEndian.Uint64(m[metaChecksumEnd:]) != h.Sum64() {
			continue
		}
		if tx := binary.LittleEndian.Uint64(m[48:]); best == nil || tx > bestTx {
			best, bestTx = m, tx
		}
	}
	if best == nil {
		return 0, 0, errors.New("neither of its meta pages is whole")
	}
	w.pgid = binary.LittleEndian.Uint64(best[40:])
	if w.pgid < 2 || w.pgid > uint64(w.size/w.pageSize) {
		return 0, 0, fmt.Errorf("it says it has %d pages, and the file holds %d", w.pgid, w.size/w.pageSize)
	}
	return binary.LittleEndian.Uint64(best[16:]), binary.LittleEndian.Uint64(best[32:]), nil
}

// read reads page id with its overflow pages, all inside the file and
// below the high water mark.
func (w *pageWalk) read(id uint64) ([]byte, error) {
	if id < 2 || id >= w.pgid {
		return nil, fmt.Errorf("page %d is outside the database's %d pages", id, w.pgid)
	}
	head := make([]byte, pageHeaderSize)
	if _, err := w.f.ReadAt(head, int64(id)*w.pageSize); err != nil {
		return nil, fmt.Errorf("page %d: %w", id, err)
	}
	if got := binary.LittleEndian.Uint64(head); got != id {
		return nil, fmt.Errorf("page %d calls itself %d", id, got)
	}
	span := uint64(binary.LittleEndian.Uint32(head[12:])) + 1
	if id+span > w.pgid {
		return nil, fmt.Errorf("page %d runs past the database's %d pages", id, w.pgid)
	}
	buf := make([]byte, int64(span)*w.pageSize)
	if _, err := w.f.ReadAt(buf, int64(id)*w.pageSize); err != nil {
		return nil, fmt.Errorf("page %d: %w", id, err)
	}
	return buf, nil
}

// walk checks page id and the pages it leads to.
func (w *pageWalk) walk(id uint64, depth int) error {
	if depth > maxTreeDepth {
		return fmt.Errorf("its tree is more than %d pages deep", maxTreeDepth)
	}
	if w.seen[id] {
		return fmt.Errorf("page %d is reached twice", id)
	}
	w.seen[id] = true
	buf, err := w.read(id)
	if err != nil {
		return err
	}
	return w.elements(buf, id, depth)
}

// elements checks the elements of a branch or leaf page held in buf (a
// page read from the file, or a bucket's inline page): each key and value
// inside buf, and each page they lead to.
func (w *pageWalk) elements(buf []byte, id uint64, depth int) error {
	if len(buf) < pageHeaderSize {
		return fmt.Errorf("page %d is cut short", id)
	}
	flags, count := binary.LittleEndian.Uint16(buf[8:]), int64(binary.LittleEndian.Uint16(buf[10:]))
	size := int64(len(buf))
	if pageHeaderSize+count*elementSize > size {
		return fmt.Errorf("page %d holds more elements than fit in it", id)
	}
	for i := range count {
		e := buf[pageHeaderSize+i*elementSize:]
		at := pageHeaderSize + i*elementSize // where the element is; its pos counts from there
		switch flags {
		case branchPage:
			pos, ksize := int64(binary.LittleEndian.Uint32(e)), int64(binary.LittleEndian.Uint32(e[4:]))
			if at+pos+ksize > size {
				return fmt.Errorf("a key of page %d runs past its end", id)
			}
			if err := w.walk(binary.LittleEndian.Uint64(e[8:]), depth+1); err != nil {
				return err
			}
		case leafPage:
			leafFlags := binary.LittleEndian.Uint32(e)
			pos, ksize, vsize := int64(binary.LittleEndian.Uint32(e[4:])), int64(binary.LittleEndian.Uint32(e[8:])), int64(binary.LittleEndian.Uint32(e[12:]))
			end := at + pos + ksize + vsize
			if end > size {
				return fmt.Errorf("a key or value of page %d runs past its end", id)
			}
			if leafFlags&bucketLeafFlag == 0 {
				continue
			}
			v := buf[at+pos+ksize : end]
			if len(v) < bucketHeader {
				return fmt.Errorf("a bucket in page %d is cut short", id)
			}
			var err error
			if root := binary.LittleEndian.Uint64(v); root == 0 {
				err = w.elements(v[bucketHeader:], id, depth+1) // an inline bucket: its page is in the value
			} else {
				err = w.walk(root, depth+1)
			}
			if err != nil {
				return err
			}
		default:
			return fmt.Errorf("page %d is neither a branch nor a leaf (flags %#x)", id, flags)
		}
	}
	return nil
}
