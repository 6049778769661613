//go:build unix

package cli

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/charmbracelet/x/term"
	gossh "golang.org/x/crypto/ssh"
)

// followSize tells the session each new size of the terminal out.
func followSize(out *os.File, sess *gossh.Session) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGWINCH)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-ch:
				if w, h, err := term.GetSize(out.Fd()); err == nil {
					_ = sess.WindowChange(h, w)
				}
			}
		}
	}()
	return func() { signal.Stop(ch); close(done) }
}
