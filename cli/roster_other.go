//go:build !unix

package cli

import (
	"os"
	"time"

	"github.com/charmbracelet/x/term"
	gossh "golang.org/x/crypto/ssh"
)

// followSize tells the session each new size of the terminal out: with no
// signal for it here, it looks once a second.
func followSize(out *os.File, sess *gossh.Session) (stop func()) {
	done := make(chan struct{})
	go func() {
		w0, h0, _ := term.GetSize(out.Fd())
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if w, h, err := term.GetSize(out.Fd()); err == nil && (w != w0 || h != h0) {
					w0, h0 = w, h
					_ = sess.WindowChange(h, w)
				}
			}
		}
	}()
	return func() { close(done) }
}
