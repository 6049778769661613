package ui

import (
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
)

// HandleSignals makes an interrupt, SIGTERM (a shutdown, timeout) and
// SIGHUP (the terminal closed) do what ctrl+c does: a massage is stopped
// where it is and saved, and the next start offers to pick it up. p must
// be made with tea.WithoutSignalHandler, which would otherwise quit
// without a word. A second signal quits at once. With the full screen's
// terminal (tty; nil for plain lines), a process continued after it was
// stopped (SIGCONT: fg after kill -STOP) puts the terminal back in the
// raw mode the shell took away meanwhile, and paints the whole screen
// again. stop ends the handling.
func HandleSignals(p *tea.Program, tty *os.File) (stop func()) {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	cont := make(chan os.Signal, 1)
	if continued != nil && tty != nil && term.IsTerminal(tty.Fd()) {
		signal.Notify(cont, continued)
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case sig := <-sigs:
				p.Send(StopMsg{By: signalName(sig)})
			case <-cont:
				// Bubble Tea keeps the modes it found at its start, and
				// puts them back when it quits.
				_, _ = term.MakeRaw(tty.Fd())
				p.Send(tea.ClearScreen())
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(sigs)
		signal.Stop(cont)
		close(done)
	}
}

// signalName is how the timeline names what stopped cradle: an
// interrupt is the ctrl+c of a terminal in line mode.
func signalName(sig os.Signal) string {
	switch sig {
	case os.Interrupt:
		return "ctrl+c"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return sig.String()
}
