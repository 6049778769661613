// Package server serves a class over SSH with wish: each family joins
// with a plain ssh client and gets a Bubble Tea program of their own
// (class/screens), and takes their session home with a one-time token.
// Nothing else is offered: no shell, no command, no file transfer, no
// forwarding of ports, agents or X11.
package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"github.com/cradle-coach/cradle/class"
	"github.com/cradle-coach/cradle/class/screens"
)

// DefaultAddr is where a class listens unless told otherwise: this
// computer only. --listen opens it to the network.
const DefaultAddr = "127.0.0.1:2323"

// FPS is how often a family's screen may be drawn. A step change is sent
// within one frame of the host's; each frame wakes every family's
// program, so the rate is modest. See docs/PERFORMANCE.md.
const FPS = 20

// handshakeTimeout bounds how long a connection may take to say who it
// is: a client that connects and sends nothing holds nothing for long.
const handshakeTimeout = 30 * time.Second

// Config is what a class's server is made from.
type Config struct {
	Hub     *class.Hub
	Limiter *class.Limiter
	Addr    string // host:port to listen on; DefaultAddr when ""
	HostKey []byte // the host's private key, PEM (see HostKey)
	// MaxConns bounds the connections open at once: families, people
	// still typing the code, take-homes. 0 allows twice the class's
	// families and ten more.
	MaxConns int
	// Join is how families join, as the roster window says it ("ssh -p
	// 2323 192.168.1.20"); "" says it from the window's own connection.
	Join string
	// RosterToken lets the instructor open the roster in a window of
	// their own (cradle class roster), as the user RosterUser+token, from
	// this computer only; "" allows no roster window.
	RosterToken string
	// Log, when set, is told of each refusal and failure, one line each.
	Log func(format string, args ...any)
}

// RosterUser is how the roster window's user name begins: roster-TOKEN.
const RosterUser = "roster-"

// New makes the class's server; start it with ListenAndServe (or Serve).
func New(cfg Config) (*ssh.Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = 2*cfg.Hub.MaxFamilies() + 10
	}
	if cfg.Log == nil {
		cfg.Log = func(string, ...any) {}
	}
	g := &gate{cfg: cfg}
	return wish.NewServer(
		wish.WithAddress(cfg.Addr),
		wish.WithHostKeyPEM(cfg.HostKey),
		wish.WithVersion("cradle-class"),
		wish.WithMiddleware(bm.MiddlewareWithProgramHandler(g.program), g.guard),
		wish.WithSubsystem("default", g.noSubsystem),
		func(s *ssh.Server) error {
			s.HandshakeTimeout = handshakeTimeout
			s.ChannelHandlers = map[string]ssh.ChannelHandler{"session": refuseForwarding}
			s.RequestHandlers = map[string]ssh.RequestHandler{} // no tcpip-forward: every global request is refused
			return nil
		},
	)
}

// gate decides what each connection gets.
type gate struct {
	cfg   Config
	conns atomic.Int64
}

// screenKey keeps a connection's screen in its context, so what it holds
// (a family's seat, a roster window's notices) is given up when the
// connection ends.
type screenKey struct{}

// rosterKey marks a connection that is the instructor's roster window.
type rosterKey struct{}

// guard turns away what the class does not offer, before any screen: too
// many connections, a command, no terminal. A take-home user gets their
// session, and nothing else.
func (g *gate) guard(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if n := g.conns.Add(1); n > int64(g.cfg.MaxConns) {
			g.conns.Add(-1)
			g.refuse(sess, "too many connections", "The class is busy: too many connections at once. Try again in a minute.")
			return
		}
		defer g.conns.Add(-1)
		if token, ok := strings.CutPrefix(sess.User(), class.TakeHomeUser); ok {
			g.takeHome(sess, token)
			return
		}
		if token, ok := strings.CutPrefix(sess.User(), RosterUser); ok {
			if !g.rosterAllowed(sess, token) {
				return
			}
			sess.Context().SetValue(rosterKey{}, true)
		}
		join := "ssh " + portFlag(sess.LocalAddr()) + joinHost(sess.LocalAddr())
		if cmd := sess.RawCommand(); cmd != "" {
			g.refuse(sess, "a command", fmt.Sprintf("cradle's class is followed on a screen; it runs no commands. Join with: %s (nothing after it).", join))
			return
		}
		if _, _, ok := sess.Pty(); !ok {
			g.refuse(sess, "no terminal", fmt.Sprintf("cradle's class needs a terminal. Join from a terminal window with: %s (without -T, and not through a pipe).", join))
			return
		}
		next(sess)
		if sc, ok := sess.Context().Value(screenKey{}).(interface{ Close() }); ok {
			sc.Close()
		}
		select {
		case <-g.cfg.Hub.Closed():
			// The screen has quit and given the terminal back; a last
			// plain line says why the connection is about to go.
			fmt.Fprint(sess, "\r\n"+ClosedLine+"\r\n")
		default:
		}
	}
}

// program is a family's own Bubble Tea program, in their terminal's size
// (bounded: a terminal may claim any size, and the screen's buffers grow
// with it).
func (g *gate) program(sess ssh.Session) *tea.Program {
	pty, _, _ := sess.Pty()
	w, h := class.Bound(pty.Window.Width, pty.Window.Height)
	opts := append(bm.MakeOptions(sess),
		tea.WithFPS(FPS),
		tea.WithWindowSize(w, h),
		tea.WithFilter(bound))
	if sess.Context().Value(rosterKey{}) == true {
		join := g.cfg.Join
		if join == "" {
			join = "ssh " + portFlag(sess.LocalAddr()) + joinHost(sess.LocalAddr())
		}
		r := screens.NewRosterWindow(g.cfg.Hub, join, "")
		sess.Context().SetValue(screenKey{}, r)
		return g.quitOnClose(sess, tea.NewProgram(r, opts...))
	}
	f := screens.NewFamily(g.cfg.Hub, g.cfg.Limiter, class.Host(sess.RemoteAddr().String()),
		joinHost(sess.LocalAddr()), portOf(sess.LocalAddr()), w, h)
	sess.Context().SetValue(screenKey{}, f)
	return g.quitOnClose(sess, tea.NewProgram(f, opts...))
}

// ClosedLine is the last a family's terminal shows when the instructor
// closes the class, under their own screen given back.
const ClosedLine = "The class is closed. Thank you for coming."

// quitOnClose ends p when the class is closed, as a key that quits would:
// Bubble Tea leaves the alternate screen and shows the cursor again, in
// the family's own terminal, before the connection goes.
func (g *gate) quitOnClose(sess ssh.Session, p *tea.Program) *tea.Program {
	go func() {
		select {
		case <-g.cfg.Hub.Closed():
			p.Quit()
		case <-sess.Context().Done():
		}
	}()
	return p
}

// rosterAllowed lets the roster window in: from this computer, with the
// token the host gave (compared in constant time), under the wrong-try
// limit. Anything else is refused in words.
func (g *gate) rosterAllowed(sess ssh.Session, token string) bool {
	addr := class.Host(sess.RemoteAddr().String())
	// From this computer: over loopback, or to the address the class
	// listens on from that same address.
	if ip := net.ParseIP(addr); ip == nil || !ip.IsLoopback() && addr != hostOf(sess.LocalAddr()) {
		g.refuse(sess, "a roster window from another computer", "The roster opens only on the instructor's own computer.")
		return false
	}
	if wait := g.cfg.Limiter.Wait(addr); wait > 0 {
		g.refuse(sess, "roster: waiting", fmt.Sprintf("Too many wrong tries: wait %d s.", int(wait.Seconds()+0.999)))
		return false
	}
	got, want := sha256.Sum256([]byte(token)), sha256.Sum256([]byte(g.cfg.RosterToken))
	if g.cfg.RosterToken == "" || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
		g.cfg.Limiter.Fail(addr)
		g.refuse(sess, "roster: wrong token", "That is not this class's roster. Open it with: cradle class roster")
		return false
	}
	return true
}

// bound keeps every window size a family's terminal reports within
// class.MaxWidth×MaxHeight.
func bound(_ tea.Model, msg tea.Msg) tea.Msg {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		ws.Width, ws.Height = class.Bound(ws.Width, ws.Height)
		return ws
	}
	return msg
}

// takeHome sends a family's session, for their one-time token, as a JSON
// export on standard output; words go to standard error.
func (g *gate) takeHome(sess ssh.Session, token string) {
	addr := class.Host(sess.RemoteAddr().String())
	if wait := g.cfg.Limiter.Wait(addr); wait > 0 {
		g.refuse(sess, "take-home: waiting", fmt.Sprintf("Too many wrong take-home lines from this computer: wait %d s, then try again.", int(wait.Seconds()+0.999)))
		return
	}
	data, name, done, err := g.cfg.Hub.TakeHome(token)
	if err != nil {
		g.cfg.Limiter.Fail(addr)
		g.refuse(sess, "take-home: unknown token", "That take-home line is not one this class gave, or it was used already. Check it on your class screen, or ask your instructor.")
		return
	}
	_, err = sess.Write(data)
	done(err == nil)
	if err != nil {
		g.cfg.Log("class: %s's session was not sent: %v", name, err)
		return
	}
	fmt.Fprintf(sess.Stderr(), "%s's class session is here. Add it to your cradle with: cradle import FILE (the file you saved it to).\n", name)
	_ = sess.Exit(0)
}

// noSubsystem refuses sftp and every other subsystem, in words.
func (g *gate) noSubsystem(sess ssh.Session) {
	g.refuse(sess, "subsystem "+sess.Subsystem(), "cradle's class has no files to copy. To take your session home, use the line on your class screen.")
}

// refuse says why on standard error and ends the session with status 1.
func (g *gate) refuse(sess ssh.Session, what, msg string) {
	g.cfg.Log("class: refused %s from %s", what, sess.RemoteAddr())
	fmt.Fprintln(sess.Stderr(), msg)
	_ = sess.Exit(1)
}

// refuseForwarding is the session channel as charm's ssh serves it, but
// with agent and X11 forwarding refused: the class opens no channel back
// to the family's machine, and says so. (Port forwarding is refused by
// the server as a whole: it has no handler for it.)
func refuseForwarding(srv *ssh.Server, conn *gossh.ServerConn, newChan gossh.NewChannel, ctx ssh.Context) {
	ssh.DefaultSessionHandler(srv, conn, filtered{newChan}, ctx)
}

// filtered is a session channel whose forwarding requests are refused
// before the session sees them.
type filtered struct{ gossh.NewChannel }

func (f filtered) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := f.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		for req := range reqs {
			switch req.Type {
			case "auth-agent-req@openssh.com", "x11-req":
				if req.WantReply {
					_ = req.Reply(false, nil)
				}
				continue
			}
			out <- req
		}
	}()
	return ch, out, nil
}

// hostOf is the address a family reached, as they would type it.
func hostOf(a net.Addr) string {
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// JoinHost is a class's address as the lobby tells families to type it,
// and so as every later line does (the take-home's): ssh's known_hosts
// keys the class's host key by the name typed, and asks again for
// another. Loopback is "localhost".
func JoinHost(ip net.IP) string {
	if ip.IsLoopback() {
		return "localhost"
	}
	return ip.String()
}

// joinHost is JoinHost of the address a family reached.
func joinHost(a net.Addr) string {
	if ta, ok := a.(*net.TCPAddr); ok {
		return JoinHost(ta.IP)
	}
	return hostOf(a)
}

// portOf is the port a family reached.
func portOf(a net.Addr) string {
	_, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return ""
	}
	return port
}

// portFlag is "-p PORT " unless the port is ssh's own.
func portFlag(a net.Addr) string {
	if p := portOf(a); p != "" && p != "22" {
		return "-p " + p + " "
	}
	return ""
}

// closeGrace is how long a closing class waits for the families'
// screens to quit, and give their terminals back, before it cuts the
// connections left.
const closeGrace = 3 * time.Second

// Serve serves the class on l until ctx is done, then closes every
// connection: first it lets each screen end (close the hub before ctx,
// Hub.Close), for at most closeGrace.
func Serve(ctx context.Context, srv *ssh.Server, l net.Listener) error {
	closed := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(closed)
		grace, cancel := context.WithTimeout(context.Background(), closeGrace)
		defer cancel()
		_ = srv.Shutdown(grace)
		_ = srv.Close()
	})
	err := srv.Serve(l)
	if !stop() {
		<-closed
		if ctx.Err() != nil {
			return nil
		}
	}
	return err
}
