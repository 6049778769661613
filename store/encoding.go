package store

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// A JSON export saved again by another program may come in another
// encoding than the UTF-8 cradle writes: Windows PowerShell 5 writes
// UTF-16 with a byte order mark when output is redirected with >, and
// some editors put UTF-8's byte order mark first. JSON starts with an
// ASCII character, so UTF-16 without a mark shows by its zero bytes.

// asUTF8 reads r as UTF-8 text: without a byte order mark it starts
// with, and turned from UTF-16 into UTF-8 when it is UTF-16.
func asUTF8(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		_, _ = br.Discard(2)
		return &utf16Reader{r: br, order: binary.LittleEndian}
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		_, _ = br.Discard(2)
		return &utf16Reader{r: br, order: binary.BigEndian}
	case len(head) >= 2 && head[0] != 0 && head[1] == 0:
		return &utf16Reader{r: br, order: binary.LittleEndian}
	case len(head) >= 2 && head[0] == 0 && head[1] != 0:
		return &utf16Reader{r: br, order: binary.BigEndian}
	}
	return br
}

// utf16Reader turns UTF-16 into UTF-8 as it is read. What is not UTF-16
// (half a surrogate pair, an odd last byte) reads as U+FFFD, which the
// JSON that holds it then refuses or keeps as text.
type utf16Reader struct {
	r     *bufio.Reader
	order binary.ByteOrder
	out   []byte // turned into UTF-8, not read yet
	err   error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 && u.err == nil {
		u.fill()
	}
	if len(u.out) == 0 {
		return 0, u.err
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// fill turns the next few thousand characters into UTF-8.
func (u *utf16Reader) fill() {
	u.out = u.out[:0]
	for len(u.out) < 4096 {
		c, ok := u.unit()
		if !ok {
			return
		}
		if utf16.IsSurrogate(c) {
			c = u.pair(c)
		}
		u.out = utf8.AppendRune(u.out, c)
	}
}

// pair completes half a surrogate pair with the half that follows; else
// it is U+FFFD, and what follows is read on its own.
func (u *utf16Reader) pair(hi rune) rune {
	next, err := u.r.Peek(2)
	if err != nil {
		return utf8.RuneError
	}
	c := utf16.DecodeRune(hi, rune(u.order.Uint16(next)))
	if c != utf8.RuneError {
		_, _ = u.r.Discard(2)
	}
	return c
}

// unit reads the next UTF-16 code unit; false at the end, or on an error
// kept for Read to return.
func (u *utf16Reader) unit() (rune, bool) {
	var b [2]byte
	n, err := io.ReadFull(u.r, b[:])
	switch {
	case err == nil:
		return rune(u.order.Uint16(b[:])), true
	case n == 1: // an odd last byte
		u.out, u.err = utf8.AppendRune(u.out, utf8.RuneError), io.EOF
	default:
		u.err = err
	}
	return 0, false
}
