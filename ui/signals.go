package ui

import (
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
)

// HandleSignals makes an interrupt, SIGTERM (a shutdown, timeout) and
// SIGHUP (the terminal closed) do what ctrl+c does: a massage is stopped
// where it is and saved, and the next start offers to pick it up. p must
// be made with tea.WithoutSignalHandler, which would otherwise quit
// without a word. A second signal quits at once. stop ends the handling.
func HandleSignals(p *tea.Program) (stop func()) {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case sig := <-sigs:
				p.Send(StopMsg{By: signalName(sig)})
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(sigs)
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
