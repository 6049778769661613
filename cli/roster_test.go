package cli

import (
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
)

// listen is a class host's listener on loopback, closed with the test.
func listen(t *testing.T) net.Listener {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// Two classes of one user on one computer: the second does not take the
// roster window of the first while the first still listens, and closing
// the second leaves the first's file alone. A file a stopped class left
// is taken.
func TestRosterFileIsOneClassAtATime(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	first, second := listen(t), listen(t)

	_, removeFirst, err := offerRoster(first.Addr())
	if err != nil {
		t.Fatalf("the first class: %v", err)
	}
	written, _ := os.ReadFile(rosterFile())
	_, removeSecond, err := offerRoster(second.Addr())
	if err == nil || !strings.Contains(err.Error(), first.Addr().String()) {
		t.Fatalf("a second class while the first listens: err %v, want one naming %s", err, first.Addr())
	}
	removeSecond()
	if now, _ := os.ReadFile(rosterFile()); string(now) != string(written) {
		t.Fatalf("the second class changed the first's roster file: %q, was %q", now, written)
	}

	first.Close() // the first class stopped without removing its file
	if _, remove, err := offerRoster(second.Addr()); err != nil {
		t.Fatalf("a file left by a stopped class: %v", err)
	} else {
		removeFirst() // the first's leftover remover must not take the second's file
		if _, err := os.Stat(rosterFile()); err != nil {
			t.Fatalf("the first class's remover took the second's file: %v", err)
		}
		remove()
		if _, err := os.Stat(rosterFile()); !os.IsNotExist(err) {
			t.Fatalf("the second class's file is still there after it closed: %v", err)
		}
	}
}

// Without a runtime folder the file's name is the user's own.
func TestRosterFileIsTheUsers(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", "")
	if uid := os.Getuid(); uid >= 0 && !strings.HasSuffix(rosterFile(), "-"+strconv.Itoa(uid)) {
		t.Fatalf("rosterFile() = %s, want a name ending in the user id %d", rosterFile(), uid)
	}
}
