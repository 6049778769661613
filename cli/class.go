package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/cradle-coach/cradle/class"
	"github.com/cradle-coach/cradle/class/screens"
	"github.com/cradle-coach/cradle/class/server"
	"github.com/cradle-coach/cradle/internal/plural"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
	"github.com/cradle-coach/cradle/ui"
)

// classFPS is how often the instructor's console may be drawn: the room
// sees a new step within a frame of the families.
const classFPS = 20

// hostKeyName is the class's host key, in cradle's data folder.
const hostKeyName = "class_host_ed25519"

// classCommand is "cradle class": host a class, list the classes held.
func (inv *invocation) classCommand() *cobra.Command {
	cmd := group(&cobra.Command{
		Use:   "class",
		Short: "teach a room: families follow your session on their own laptops, over ssh",
		Long: `Teach a room. cradle class host runs your session for the room (the big view,
for a projector) and serves it over SSH: each family follows on their own
laptop with nothing but ssh, answers how their baby is, and takes their
session home at the end. cradle class roster opens the roster in a second
window; cradle class list shows the classes held.`,
	})
	var o hostOptions
	host := &cobra.Command{
		Use:   "host [ROUTINE]",
		Short: "run a class of ROUTINE (full-body unless named) that families join with ssh",
		Long: `Run a class of ROUTINE (an id, a learning-plan week, or a routine file;
full-body unless named) and serve it over SSH. It prints the class code and
the command families type; they join with ssh -p PORT HOST, type the code and
their baby's first name, and say whether you may keep their answers. Each
family sees your region, step and countdown in their own terminal, answers
with 1 to 6 and raises a hand with h; your screen shows the room's view and,
on r, the roster. At the end each family's screen shows the line that takes
their session home. cradle class roster opens the roster in a window of your
own, one the projector does not show.

Only this computer can join unless --listen names an address of the network
(--listen :2323 takes every one). Your database keeps the room's answers, and
the sessions of the families who said yes.`,
		Example: `  cradle class host
  cradle class host colic --listen :2323
  cradle class host newborn --listen 192.168.1.20:2323 --code "maple otter drum"`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: inv.completeRoutines,
		RunE: func(cmd *cobra.Command, args []string) error {
			id := "full-body"
			if len(args) == 1 {
				id = args[0]
			}
			if err := o.check(cmd); err != nil {
				return err
			}
			set, notes := inv.settings(cmd)
			for _, n := range notes {
				fmt.Fprintln(inv.std.Err, "cradle class host:", n)
			}
			o.theme = set["theme"].v
			return status(inv.hostClass(id, o))
		},
	}
	host.Flags().StringVar(&o.listen, "listen", "", "serve on this `ADDRESS`, host:port (else "+server.DefaultAddr+", this computer only; :2323 is every address of this computer)")
	host.Flags().StringVar(&o.code, "code", "", "the class code, three short `WORDS` (else three are drawn)")
	host.Flags().IntVar(&o.max, "max-families", 0, fmt.Sprintf("take at most `N` families (else %d)", class.DefaultMaxFamilies))
	for i := range settings { // the console's colours, as every screen's
		if s := &settings[i]; s.name == "theme" {
			var v string
			host.Flags().VarPF(settingFlag{s, &v}, s.name, "", s.usage)
			_ = host.RegisterFlagCompletionFunc(s.name, cobra.FixedCompletions(s.choices, cobra.ShellCompDirectiveNoFileComp))
		}
	}
	inv.addDBFlag(host.Flags())
	inv.addRoutinesFlag(host.Flags())

	list := &cobra.Command{
		Use:   "list",
		Short: "the classes held: the room's answers, region by region, and the sessions kept",
		RunE: func(*cobra.Command, []string) error {
			return status(listClasses(inv.flagDB, inv.std.Out, inv.std.Err))
		},
	}
	inv.addDBFlag(list.Flags())
	roster := &cobra.Command{
		Use:   "roster",
		Short: "the roster of the class this computer hosts, in a window of your own",
		Long: `Open the roster of the class this computer hosts (cradle class host) in this
terminal: each family by their baby's first name, their last answer and when,
the room's counts for the region, raised hands. Names are for the
instructor's eyes only: with the room's view on a projector, open the roster
in a window the projector does not show. q closes it; the class goes on.`,
		RunE: func(*cobra.Command, []string) error {
			return status(inv.openRoster())
		},
	}
	cmd.AddCommand(host, roster, list)
	return cmd
}

// hostOptions are cradle class host's flags.
type hostOptions struct {
	listen, code, theme string
	max                 int
	classCode           class.Code // the code, drawn or as --code gave it
}

// check reads the flags, before anything else (a terminal, a port): one
// not understood is a usage error, exit status 2, as everywhere in cradle.
func (o *hostOptions) check(cmd *cobra.Command) error {
	if !cmd.Flags().Changed("max-families") {
		o.max = class.DefaultMaxFamilies
	}
	if o.max < 1 || o.max > 500 {
		return usagef(cmd, "--max-families takes 1 to 500, not %d", o.max)
	}
	if o.listen == "" {
		o.listen = server.DefaultAddr
	}
	if _, port, err := net.SplitHostPort(o.listen); err != nil || !validPort(port) {
		return usagef(cmd, "--listen takes host:port, such as 127.0.0.1:2323 or :2323, not %q", o.listen)
	}
	var err error
	if o.code == "" {
		o.classCode, err = class.NewCode(nil)
		return err
	}
	if o.classCode, err = class.ParseCode(o.code); err != nil {
		return usagef(cmd, "--code: %v", err)
	}
	return nil
}

// validPort is a port number, 0 (any free one) to 65535.
func validPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n >= 0 && n <= 65535
}

// hostClass runs a class until the instructor closes it.
func (inv *invocation) hostClass(id string, o hostOptions) int {
	stderr := inv.std.Err
	fail := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "cradle class host: "+format+"\n", args...)
		return Problem
	}
	in, _ := inv.std.In.(*os.File)
	out, _ := inv.std.Out.(*os.File)
	if in == nil || !term.IsTerminal(in.Fd()) || out == nil {
		return fail("standard input is not a terminal. The class is run from a terminal window: the room's view and your keys are there.")
	}
	code := o.classCode
	cat, err := inv.catalog()
	if err != nil {
		return fail("%v", err)
	}
	r, err := Pick(id, cat)
	if err != nil {
		return fail("%v", err)
	}
	keyDir, err := dataFolder.path()
	if err != nil {
		return fail("%v", err)
	}
	key, err := server.HostKey(filepath.Join(keyDir, hostKeyName))
	if err != nil {
		return fail("%v.", err)
	}
	path, err := DBPath(inv.flagDB)
	if err != nil {
		return fail("%v", err)
	}
	db, err := store.Open(path, store.Options{})
	if err != nil {
		return fail("%v", withAdvice(err))
	}
	defer db.Close()

	l, err := net.Listen("tcp", o.listen)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fail("%s is in use: another class, or another program, listens there. Choose another port, such as --listen %s.", o.listen, nextPort(o.listen))
		}
		return fail("cannot listen on %s: %v. --listen takes host:port, such as 127.0.0.1:2323 or :2323.", o.listen, err)
	}
	defer l.Close()

	hub := class.New(class.Config{Routine: r, Code: code, MaxFamilies: o.max,
		Save: func(c store.Class) (store.Class, error) { return db.SaveClass(c) }})
	rosterToken, removeRoster, rosterErr := offerRoster(l.Addr())
	defer removeRoster()
	joins := joinCommands(l.Addr())
	srv, err := server.New(server.Config{Hub: hub, Limiter: class.NewLimiter(routines.WallClock{}), HostKey: key,
		RosterToken: rosterToken, Join: joins[0]})
	if err != nil {
		return fail("%v", err)
	}
	fmt.Fprintf(out, "Class: %s. Class code: %s\nFamilies join with: %s\n", r.Title, code, strings.Join(joins, "  or  "))
	if isLoopback(l.Addr()) {
		fmt.Fprintln(out, "Only this computer can join: --listen :2323 lets the room's laptops in.")
	}
	if rosterErr == nil {
		fmt.Fprintln(out, "The roster in a window of your own (names are for your eyes only): cradle class roster")
	} else {
		fmt.Fprintf(out, "No roster window (%v): r shows the roster on this screen.\n", rosterErr)
	}

	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan struct{})
	go func() {
		defer close(ran)
		hub.Run(ctx)
	}()
	served := make(chan error, 1)
	go func() { served <- server.Serve(ctx, srv, l) }()

	theme := ui.Theme(o.theme)
	if theme == "auto" {
		theme = ""
	}
	console := screens.NewConsole(hub, joins[0], theme)
	p := tea.NewProgram(console, tea.WithFPS(classFPS), tea.WithInput(in), tea.WithOutput(out))
	_, runErr := p.Run()
	hub.Close() // closing the console ends the class for everyone, and every screen
	cancel()
	<-ran
	srvErr := <-served
	if runErr != nil && !errors.Is(runErr, tea.ErrInterrupted) {
		return fail("%v", runErr)
	}
	if srvErr != nil {
		return fail("the class's server stopped: %v", srvErr)
	}
	roster := hub.Roster()
	kept, followed := 0, 0
	for _, m := range roster.Families {
		if m.Stage == class.FamilyDone || m.Stage == class.FamilyFollowing {
			followed++
			if m.Keep {
				kept++
			}
		}
	}
	if err := hub.SaveErr(); err != nil {
		return fail("the class record could not be saved in %s: %v.", path, err)
	}
	if followed > 0 {
		fmt.Fprintf(out, "The class is over: %s followed it; %d let you keep their answers. Saved in %s: cradle class list shows it.\n",
			plural.Of(followed, "family", "families"), kept, path)
	}
	return OK
}

// joinCommands are the commands families can type to join a class that
// listens at addr: one per address of this computer they can reach.
func joinCommands(addr net.Addr) []string {
	ta, ok := addr.(*net.TCPAddr)
	if !ok {
		return []string{"ssh " + addr.String()}
	}
	port := ""
	if ta.Port != 22 {
		port = fmt.Sprintf("-p %d ", ta.Port)
	}
	var hosts []string
	switch {
	case ta.IP.IsUnspecified():
		hosts = lanAddresses()
	default:
		hosts = []string{server.JoinHost(ta.IP)}
	}
	if len(hosts) == 0 {
		hosts = []string{"localhost"}
	}
	var out []string
	for _, h := range hosts {
		out = append(out, "ssh "+port+h)
	}
	return out
}

// lanAddresses are this computer's addresses on its networks (IPv4, the
// kind a family types), those of interfaces that are up.
func lanAddresses() []string {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var out []string
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := ifc.Addrs()
		for _, a := range addrs {
			if ipn, ok := a.(*net.IPNet); ok && ipn.IP.To4() != nil && !ipn.IP.IsLinkLocalUnicast() {
				out = append(out, ipn.IP.String())
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func isLoopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}

// nextPort is addr with the next port, for a message.
func nextPort(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "127.0.0.1:2424"
	}
	var n int
	if _, err := fmt.Sscan(port, &n); err != nil || n <= 0 || n >= 65535 {
		return net.JoinHostPort(host, "2424")
	}
	return net.JoinHostPort(host, fmt.Sprint(n+1))
}

// listClasses prints the classes held with the database: when, what, how
// many families, the room's answers region by region, and the sessions
// kept with the families' yes.
func listClasses(db string, stdout, stderr io.Writer) int {
	path, err := existingDB(db)
	if err != nil {
		fmt.Fprintln(stderr, "cradle class list:", err)
		return Problem
	}
	s, err := store.Open(path, store.Options{})
	if err != nil {
		fmt.Fprintln(stderr, "cradle class list:", withAdvice(err))
		return Problem
	}
	defer s.Close()
	classes, err := s.Classes()
	if err != nil {
		fmt.Fprintln(stderr, "cradle class list:", err)
		return Problem
	}
	if len(classes) == 0 {
		fmt.Fprintln(stdout, "No class held yet. cradle class host runs one.")
		return OK
	}
	for i, c := range classes {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		length := "cut off"
		if !c.Ended.IsZero() {
			length = routines.FormatLength(c.Ended.Sub(c.Started).Round(time.Second))
		}
		fmt.Fprintf(stdout, "%s  %s · %s · %s\n", c.Started.Local().Format("2006-01-02 15:04"), routines.Clean(c.RoutineTitle),
			plural.Of(c.Families, "family", "families"), length)
		for _, ra := range c.Answers {
			var parts []string
			for _, cue := range routines.Cues {
				if n := ra.Counts[cue]; n > 0 {
					parts = append(parts, fmt.Sprintf("%d %s", n, cue))
				}
			}
			fmt.Fprintf(stdout, "  %-16s %s\n", routines.Clean(ra.Name), strings.Join(parts, ", "))
		}
		if len(c.Answers) == 0 {
			fmt.Fprintln(stdout, "  no answers")
		}
		var names []string
		for _, k := range c.Kept {
			names = append(names, routines.Clean(k.BabyName))
		}
		if len(names) > 0 {
			fmt.Fprintf(stdout, "  Kept with their yes: %s\n", strings.Join(names, ", "))
		}
	}
	return OK
}
