package cli

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	gossh "golang.org/x/crypto/ssh"

	"github.com/cradle-coach/cradle/class/server"
	"github.com/cradle-coach/cradle/internal/scratch"
)

// The roster in a window of its own: the host leaves, in a file only its
// user can read, where it listens and a token; cradle class roster reads
// it and opens the roster over SSH on this computer, checking the class's
// own host key. The file goes when the class is closed.

// rosterFile is where a class host leaves the way to its roster: the
// user's runtime folder, else the temporary folder under a name that is
// the user's own, so that two users of one computer never share it.
func rosterFile() string {
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if dir == "" || !filepath.IsAbs(dir) {
		name := "cradle-class-roster"
		if uid := os.Getuid(); uid >= 0 {
			name = fmt.Sprintf("%s-%d", name, uid)
		}
		return filepath.Join(os.TempDir(), name)
	}
	return filepath.Join(dir, "cradle-class-roster")
}

// offerRoster makes the roster's token and leaves it, with the address
// to reach it from this computer, in rosterFile; the returned func
// removes the file if it is still this class's. A file that cannot be
// written only costs the second window: the console's r still shows the
// roster. Nor is a file taken from another class of this user's that
// still answers: its roster window stays its own.
func offerRoster(l net.Addr) (token string, remove func(), err error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", func() {}, err
	}
	token = hex.EncodeToString(b)
	addr := l.String()
	if ta, ok := l.(*net.TCPAddr); ok && ta.IP.IsUnspecified() {
		addr = net.JoinHostPort("127.0.0.1", fmt.Sprint(ta.Port))
	}
	path := rosterFile()
	if other := liveRoster(path); other != "" && other != addr {
		return "", func() {}, fmt.Errorf("another class on this computer, at %s, has it", other)
	}
	content := fmt.Appendf(nil, "%s %s\n", addr, token)
	if err := scratch.WriteFile(path, content, 0o600, true); err != nil {
		return "", func() {}, err
	}
	return token, func() {
		if now, err := os.ReadFile(path); err == nil && string(now) == string(content) {
			os.Remove(path)
		}
	}, nil
}

// liveRoster is the address in the roster file at path when a class
// still listens there, else "" (no file, or one a stopped class left).
func liveRoster(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	fields := strings.Fields(string(data))
	if len(fields) != 2 {
		return ""
	}
	c, err := net.DialTimeout("tcp", fields[0], 500*time.Millisecond)
	if err != nil {
		return ""
	}
	c.Close()
	return fields[0]
}

// openRoster is cradle class roster: the roster of the class this
// computer hosts, in this terminal, until q.
func (inv *invocation) openRoster() int {
	stderr := inv.std.Err
	fail := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "cradle class roster: "+format+"\n", args...)
		return Problem
	}
	in, _ := inv.std.In.(*os.File)
	out, _ := inv.std.Out.(*os.File)
	if in == nil || out == nil || !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return fail("the roster is a screen: open it in a terminal window.")
	}
	data, err := os.ReadFile(rosterFile())
	if errors.Is(err, fs.ErrNotExist) {
		return fail("no class is being hosted on this computer. cradle class host starts one; then its roster opens here.")
	}
	fields := strings.Fields(string(data))
	if err != nil || len(fields) != 2 {
		return fail("the class's roster file (%s) cannot be read: %v.", rosterFile(), err)
	}
	keyDir, err := dataFolder.path()
	if err != nil {
		return fail("%v", err)
	}
	pem, err := server.HostKey(filepath.Join(keyDir, hostKeyName))
	if err != nil {
		return fail("%v.", err)
	}
	signer, err := gossh.ParsePrivateKey(pem)
	if err != nil {
		return fail("%v.", err)
	}
	client, err := gossh.Dial("tcp", fields[0], &gossh.ClientConfig{User: server.RosterUser + fields[1],
		HostKeyCallback: gossh.FixedHostKey(signer.PublicKey()), Timeout: 5 * time.Second})
	if err != nil {
		return fail("no class answers at %s (%v). Is cradle class host still running?", fields[0], err)
	}
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		return fail("%v.", err)
	}
	defer sess.Close()
	w, h, err := term.GetSize(out.Fd())
	if err != nil {
		w, h = 80, 24
	}
	termName := os.Getenv("TERM")
	if termName == "" {
		termName = "xterm-256color"
	}
	if err := sess.RequestPty(termName, h, w, gossh.TerminalModes{}); err != nil {
		return fail("%v.", err)
	}
	state, err := term.MakeRaw(in.Fd())
	if err != nil {
		return fail("%v.", err)
	}
	defer term.Restore(in.Fd(), state)
	sess.Stdin, sess.Stdout, sess.Stderr = in, out, stderr
	if err := sess.Shell(); err != nil {
		return fail("%v.", err)
	}
	stop := followSize(out, sess)
	defer stop()
	_ = sess.Wait() // the window closed (q), or the class did
	return OK
}
