package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/wish/v2/testsession"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"

	"github.com/cradle-coach/cradle/class"
	"github.com/cradle-coach/cradle/internal/testclock"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

var t0 = time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)

const code = "maple otter drum"

// testRoutine is one region of two steps, no opening ritual, made for
// babies of 6 weeks to 6 months.
func testRoutine() *routines.Routine {
	return &routines.Routine{ID: "test", Title: "Test massage", NoOpening: true, Ages: routines.AgeRange{From: 6 * 7, To: 6 * 30}, Regions: []routines.Region{
		{ID: "legs", Name: "Legs", CheckIn: true, Steps: []routines.Step{
			{ID: "rest", Name: "Resting hands", Kind: routines.StepResting, Duration: 20 * time.Second, Do: "Rest your warm hands on your baby's legs."},
			{ID: "milk", Name: "Milking", Kind: routines.StepStroke, Duration: 30 * time.Second, Do: "Stroke from the thigh to the ankle.", Caution: "Never pull."},
		}},
	}}
}

type testClass struct {
	addr string
	hub  *class.Hub
	clk  *testclock.Clock
	lim  *class.Limiter
}

// serve starts a class on a loopback port, with wish's test helpers.
func serve(t *testing.T, max int) *testClass {
	t.Helper()
	clk := testclock.New(t0)
	hub := class.New(class.Config{Routine: testRoutine(), Clock: clk, Code: code, MaxFamilies: max})
	lim := class.NewLimiter(clk)
	key, err := HostKey(filepath.Join(t.TempDir(), "key"))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{Hub: hub, Limiter: lim, HostKey: key, Addr: "127.0.0.1:0", RosterToken: rosterToken})
	if err != nil {
		t.Fatal(err)
	}
	return &testClass{addr: testsession.Listen(t, srv), hub: hub, clk: clk, lim: lim}
}

// A family joins with a plain ssh client, sees the instructor's step and
// countdown, answers, and the instructor's roster has it.
func TestJoinOverSSH(t *testing.T) {
	c := serve(t, 0)
	fam := openTerm(t, c.addr, 80, 24)
	fam.join("Maple Otter Drum", "Ada", true)
	fam.waitFor("Welcome, Ada")
	c.hub.Begin()
	c.clk.Set(t0.Add(4 * time.Second))
	c.hub.Tick()
	fam.waitFor("Resting hands")
	fam.waitFor("0:16")
	fam.press("2")
	fam.waitFor("✓ Noted: alert and content.")
	r := c.hub.Roster()
	if len(r.Families) != 1 || r.Families[0].Name != "Ada" || r.Families[0].Last == nil || r.Families[0].Last.Cue != routines.CueContent {
		t.Fatalf("the roster: %+v", r.Families)
	}
}

// A wrong code says so; the fifth in a minute from one address makes it
// wait, and a new connection from that address waits too.
func TestWrongCodeOverSSH(t *testing.T) {
	c := serve(t, 0)
	fam := openTerm(t, c.addr, 80, 24)
	fam.waitFor("Class code")
	for range class.WrongCodes - 1 {
		fam.press("maple otter drums\r")
		fam.waitFor("That is not this class's code.")
	}
	fam.press("maple otter drums\r")
	fam.waitFor("Too many wrong codes from this computer")
	again := openTerm(t, c.addr, 80, 24)
	again.waitFor("Class code")
	again.press(code + "\r")
	again.waitFor("Too many wrong codes from this computer")
}

// The class is full: the next family is told kindly, and nothing of them
// is kept.
func TestFullOverSSH(t *testing.T) {
	c := serve(t, 1)
	openTerm(t, c.addr, 80, 24).join(code, "Ada", false)
	next := openTerm(t, c.addr, 80, 24)
	next.waitFor("Class code")
	next.press(code+"\r", "Bea\r")
	next.waitFor("The class is full")
	next.waitFor("This class takes 1 family")
	if n := len(c.hub.Roster().Families); n != 1 {
		t.Fatalf("%d families on the roster of a class of 1", n)
	}
}

// Escape sequences in a name (typed or pasted) never reach the
// instructor's roster: only the name's letters do.
func TestEscapesInAName(t *testing.T) {
	c := serve(t, 0)
	fam := openTerm(t, c.addr, 80, 24)
	fam.waitFor("Class code")
	fam.press(code + "\r")
	fam.waitFor("First name")
	// A bracketed paste with a title change and a screen clear, then keys
	// with escape sequences of their own.
	fam.press("\x1b[200~\x1b]0;owned\x07Bea\x1b[2J\x1b[201~", "\x1b[31m", "\r")
	fam.waitFor("How old is Bea?")
	fam.press("2026-09-21\r")
	fam.waitFor("Born early?")
	r := c.hub.Roster()
	if len(r.Families) != 1 || r.Families[0].Name != "Bea" {
		t.Fatalf("the roster has %q", r.Families[0].Name)
	}
}

// A terminal that claims 10,000 columns is drawn at the largest size a
// screen is drawn for, and goes on working; so does one that says so
// later.
func TestHugeWindow(t *testing.T) {
	c := serve(t, 0)
	fam := openTerm(t, c.addr, 10_000, 40)
	fam.waitFor("Class code")
	for _, l := range strings.Split(fam.screen(), "\n") {
		if w := len([]rune(strings.TrimRight(l, " "))); w > class.MaxWidth {
			t.Fatalf("a line %d wide on a 10,000-column terminal", w)
		}
	}
	if err := fam.sess.WindowChange(10_000, 10_000); err != nil {
		t.Fatal(err)
	}
	fam.press(code + "\r")
	fam.waitFor("First name")
}

// No terminal, a command, or a file transfer: each is refused with a
// sentence on standard error and exit status 1.
func TestRefusals(t *testing.T) {
	c := serve(t, 0)
	run := func(name string, do func(*gossh.Session) error, want string) {
		t.Run(name, func(t *testing.T) {
			sess, err := dial(t, c.addr, "family").NewSession()
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			sess.Stderr = &stderr
			err = do(sess)
			if err == nil {
				err = sess.Wait()
			}
			var exit *gossh.ExitError
			if !errors.As(err, &exit) || exit.ExitStatus() != 1 {
				t.Fatalf("%s: %v, want exit status 1", name, err)
			}
			if !strings.Contains(stderr.String(), want) {
				t.Fatalf("%s says %q, want %q", name, stderr.String(), want)
			}
		})
	}
	run("no terminal", func(s *gossh.Session) error { return s.Shell() }, "cradle's class needs a terminal. Join from a terminal window with: ssh -p ")
	run("a command", func(s *gossh.Session) error { return s.Start("cat /etc/passwd") }, "cradle's class is followed on a screen; it runs no commands.")
	run("a command with a terminal", func(s *gossh.Session) error {
		if err := s.RequestPty("xterm", 24, 80, nil); err != nil {
			return err
		}
		return s.Start("sh")
	}, "it runs no commands")
	t.Run("sftp", func(t *testing.T) {
		// A subsystem is no started session to x/crypto/ssh: there is no
		// exit status to wait for, only the words and the end.
		sess, err := dial(t, c.addr, "family").NewSession()
		if err != nil {
			t.Fatal(err)
		}
		stderr, err := sess.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := sess.RequestSubsystem("sftp"); err != nil {
			t.Fatal(err)
		}
		msg, _ := io.ReadAll(stderr)
		if !strings.Contains(string(msg), "cradle's class has no files to copy.") {
			t.Fatalf("sftp is told %q", msg)
		}
	})
}

// Ports, agents and X11 are never forwarded: each request is refused.
func TestNoForwarding(t *testing.T) {
	c := serve(t, 0)
	client := dial(t, c.addr, "family")
	if _, err := client.Listen("tcp", "127.0.0.1:0"); err == nil {
		t.Error("a remote port forward was accepted")
	}
	target, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close()
	if conn, err := client.Dial("tcp", target.Addr().String()); err == nil {
		conn.Close()
		t.Error("a local port forward was accepted")
	}
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if err := agent.RequestAgentForwarding(sess); err == nil {
		t.Error("agent forwarding was accepted")
	}
	ok, err := sess.SendRequest("x11-req", true, gossh.Marshal(struct {
		Single   bool
		Protocol string
		Cookie   string
		Screen   uint32
	}{false, "MIT-MAGIC-COOKIE-1", "0123456789abcdef", 0}))
	if err != nil || ok {
		t.Errorf("X11 forwarding: accepted %v, %v", ok, err)
	}
}

// A family's session goes home once with its token, as a file cradle
// import reads; a wrong or used token is refused in words and counts as a
// wrong try from that address.
func TestTakeHomeOverSSH(t *testing.T) {
	c := serve(t, 0)
	fam := openTerm(t, c.addr, 80, 24)
	fam.join(code, "Ada", false)
	fam.waitFor("Welcome, Ada")
	c.hub.Begin()
	c.clk.Set(t0.Add(2 * time.Second))
	c.hub.Tick()
	fam.press("1")
	fam.waitFor("✓ Noted: relaxed.")
	c.hub.End()
	fam.waitFor("Take Ada's session home")
	tok := ""
	for _, f := range strings.Fields(fam.screen()) {
		if rest, ok := strings.CutPrefix(f, class.TakeHomeUser); ok {
			var host string
			tok, host, _ = strings.Cut(rest, "@")
			if host != "localhost" { // as the lobby's join line names it, so ssh knows the host
				t.Errorf("the take-home line names %q, not localhost", host)
			}
		}
	}
	fetch := func(user string) (stdout, stderr string, err error) {
		sess, err := dial(t, c.addr, user).NewSession()
		if err != nil {
			t.Fatal(err)
		}
		var out, errOut bytes.Buffer
		sess.Stdout, sess.Stderr = &out, &errOut
		err = sess.Run("")
		return out.String(), errOut.String(), err
	}
	out, msg, err := fetch(class.TakeHomeUser + tok)
	if err != nil {
		t.Fatalf("taking Ada's session home: %v (%s)", err, msg)
	}
	if !strings.Contains(msg, "Ada's class session is here.") {
		t.Errorf("the take-home says %q", msg)
	}
	file := filepath.Join(t.TempDir(), "ada-class.json")
	if err := os.WriteFile(file, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(filepath.Join(t.TempDir(), "home.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := db.Import(file)
	if err != nil || res.Sessions != 1 || res.BabiesAdded != 1 {
		t.Fatalf("importing the session taken home: %+v, %v", res, err)
	}
	if babies, err := db.Babies(); err != nil || len(babies) != 1 || babies[0].Birth.Format(store.DateLayout) != "2026-09-21" || !babies[0].Due.IsZero() {
		t.Fatalf("the baby the session brought home: %+v, %v", babies, err)
	}
	// A cradle that has Ada already: the session is hers, and her own
	// record stays as it is.
	had, err := store.Open(filepath.Join(t.TempDir(), "had.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer had.Close()
	if _, err := had.SaveBaby(store.Baby{Name: "ada", Added: t0.AddDate(0, 0, -30)}); err != nil {
		t.Fatal(err)
	}
	res, err = had.Import(file)
	babies, _ := had.Babies()
	if err != nil || res.Sessions != 1 || res.BabiesMatched != 1 || res.BabiesAdded != 0 || len(babies) != 1 || !babies[0].Birth.IsZero() {
		t.Fatalf("importing into a cradle that has Ada: %+v, %v, %+v", res, err, babies)
	}
	fam.waitFor("✓ Taken home.")

	_, msg, err = fetch(class.TakeHomeUser + tok)
	if err == nil || !strings.Contains(msg, "was used already") {
		t.Fatalf("a token used twice: %v, %q", err, msg)
	}
	for range class.WrongCodes - 1 {
		fetch(class.TakeHomeUser + "guessing")
	}
	if _, msg, _ := fetch(class.TakeHomeUser + "guessing"); !strings.Contains(msg, "Too many wrong take-home lines from this computer") {
		t.Fatalf("after %d wrong tokens: %q", class.WrongCodes, msg)
	}
}

// rosterToken opens the test classes' roster windows.
const rosterToken = "0123456789abcdef"

// The roster in a window of its own: with the token, from this computer,
// it shows the families by name and takes no key that paces the class; a
// wrong token is refused in words.
func TestRosterWindow(t *testing.T) {
	c := serve(t, 0)
	openTerm(t, c.addr, 80, 24).join(code, "Ada", true)
	c.hub.Begin()
	w := openTermAs(t, c.addr, RosterUser+rosterToken, 100, 30)
	w.waitFor("for your eyes only")
	w.waitFor("Ada")
	w.press(" ", "e", "y", "\x1b[C")
	w.waitFor("q close this window")
	if s := c.hub.Snapshot(); s.State.Paused || s.Stage != class.StageRunning || s.State.Index != 0 {
		t.Fatalf("keys in the roster window paced the class: %+v", s.State)
	}
	w.press("q")
	<-w.done

	sess, err := dial(t, c.addr, RosterUser+"guessing").NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	sess.Stderr = &stderr
	if err := sess.Run(""); err == nil || !strings.Contains(stderr.String(), "That is not this class's roster.") {
		t.Fatalf("a wrong roster token: %v, %q", err, stderr.String())
	}
}

// The host key is made once, ed25519, readable by its owner only, and the
// same every time after; a damaged one is said, not replaced.
func TestHostKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "class_host_ed25519")
	first, err := HostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the host key's mode: %v, %v", info.Mode(), err)
	}
	signer, err := gossh.ParsePrivateKey(first)
	if err != nil || signer.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Fatalf("the host key: %v, %v", signer, err)
	}
	again, err := HostKey(path)
	if err != nil || !bytes.Equal(first, again) {
		t.Fatalf("the host key changed: %v", err)
	}
	if err := os.WriteFile(path, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := HostKey(path); err == nil || !strings.Contains(err.Error(), "is damaged") {
		t.Fatalf("a damaged host key: %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "garbage" {
		t.Fatal("a damaged host key was replaced")
	}
}

// A family's baby's age over SSH, as a parent at home would be asked it:
// a routine made for the age goes on to the questions; one that is not
// says so, names the routine that is, and lets them watch or follow
// anyway; a baby born early is asked for the go-ahead, and without it
// the family watches; a readiness answer that says stop says why and
// lets them watch; a wrong date is told what to type, and a 10,000-
// character one is cut to a date's length.
func TestBabyAgeOverSSH(t *testing.T) {
	c := serve(t, 0)
	stage := func(name string) class.FamilyStage {
		t.Helper()
		for _, m := range c.hub.Roster().Families {
			if m.Name == name {
				return m.Stage
			}
		}
		t.Fatalf("%s is not on the roster", name)
		return 0
	}
	t.Run("suits", func(t *testing.T) {
		fam := openTerm(t, c.addr, 80, 24)
		fam.joinAs("Ada")
		fam.press("2026-09-21\r")
		fam.waitFor("Was Ada born more than 3 weeks before the due date?")
		fam.press("n")
		fam.waitFor("May your instructor keep Ada's answers")
		fam.press("y")
		fam.answerQuestions()
		fam.waitFor("Welcome, Ada")
		if s := stage("Ada"); s != class.FamilyFollowing {
			t.Fatalf("Ada is %v, want following", s)
		}
	})
	t.Run("too young: watch", func(t *testing.T) {
		fam := openTerm(t, c.addr, 80, 24)
		fam.joinAs("Ben")
		fam.press("2026-11-20\r", "n")
		fam.waitFor("Made for older babies")
		fam.waitFor("Test massage is made for babies from 6 weeks to 6 months, and Ben is 10 days old.")
		fam.waitFor("At home, cradle's Newborn first touch suits Ben's age (birth to 6 weeks).")
		fam.press("\r")
		fam.waitFor("You are watching today, with Ben in your arms or a still, warm hand resting on them.")
		if s := stage("Ben"); s != class.FamilyWatching {
			t.Fatalf("Ben is %v, want watching", s)
		}
	})
	t.Run("too old: follow anyway", func(t *testing.T) {
		fam := openTerm(t, c.addr, 80, 24)
		fam.joinAs("Cai")
		fam.press("2026-03-02\r", "n")
		fam.waitFor("Made for younger babies")
		fam.waitFor("From about 6 months babies wriggle, roll and crawl")
		fam.waitFor("At home, cradle's On the move suits Cai's age (from 6 months).")
		fam.press("y")
		fam.waitFor("May your instructor keep Cai's answers")
	})
	t.Run("born early, with the go-ahead", func(t *testing.T) {
		fam := openTerm(t, c.addr, 80, 24)
		fam.joinAs("Dee")
		fam.press("2026-08-01\r", "y")
		fam.waitFor("Due date")
		fam.press("2026-09-15\r") // 11 weeks corrected: the routine suits
		fam.waitFor("May your instructor keep Dee's answers")
		fam.press("n")
		fam.waitFor("Has your baby's doctor or nurse said massage is right for your baby now?")
		fam.waitFor("Your baby was born more than 3 weeks before the due date.")
		fam.answerQuestions("doctor or nurse said massage")
		fam.waitFor("Welcome, Dee")
		if s := stage("Dee"); s != class.FamilyFollowing {
			t.Fatalf("Dee is %v, want following", s)
		}
	})
	t.Run("born early, no go-ahead", func(t *testing.T) {
		fam := openTerm(t, c.addr, 80, 24)
		fam.joinAs("Eve")
		fam.press("2026-08-01\r", "y")
		fam.waitFor("Due date")
		fam.press("2026-09-15\r", "n")
		fam.answerQuestions()
		fam.waitFor("Not just now")
		fam.waitFor(routines.StopEarly.Why())
		fam.press("\r")
		fam.waitFor("You are watching today, with Eve in your arms")
		if s := stage("Eve"); s != class.FamilyWatching {
			t.Fatalf("Eve is %v, want watching", s)
		}
	})
	t.Run("a stop answer", func(t *testing.T) {
		fam := openTerm(t, c.addr, 80, 24)
		fam.joinAs("Fay")
		fam.press("2026-09-21\r", "n")
		fam.waitFor("May your instructor keep Fay's answers")
		fam.press("n")
		fam.answerQuestions("fever")
		fam.waitFor("Not just now")
		fam.waitFor(routines.StopUnwell.Why())
		fam.press("\r")
		fam.waitFor("You are watching today: Fay's massage waits for another time.")
		if s := stage("Fay"); s != class.FamilyWatching {
			t.Fatalf("Fay is %v, want watching", s)
		}
	})
	t.Run("wrong dates", func(t *testing.T) {
		fam := openTerm(t, c.addr, 80, 24)
		fam.joinAs("Gus")
		fam.press("last tuesday\r")
		fam.waitFor("Type the date as year-month-day, numbers only, like 2026-10-30.")
		fam.press("\x15", "2026-02-30\r")
		fam.waitFor("There is no 30 February 2026. Type the date as year-month-day, numbers only, like 2026-10-30.")
		fam.press("\x15", "2027-01-05\r")
		fam.waitFor("That date is in the future. Type the day Gus was born")
		fam.press("\x15", "2026-09-21\r", "y")
		fam.waitFor("Due date")
		fam.press("2026-09-01\r")
		fam.waitFor("The due date comes after the birth date (2026-09-21).")
		fam.press("\x1b")
		fam.waitFor("Was Gus born more than 3 weeks")
		fam.press("n")
		fam.waitFor("May your instructor keep Gus's answers")
	})
	t.Run("10,000 characters", func(t *testing.T) {
		fam := openTerm(t, c.addr, 80, 24)
		fam.joinAs("Hal")
		fam.press("\x1b[200~" + strings.Repeat("2026-09-21 ", 1000)[:10_000] + "\x1b[201~")
		fam.waitFor("Birth date  › 2026-09-21 2026-09-21 20▏") // 24 characters, no more
		fam.press("\r")
		fam.waitFor("Type the date as year-month-day")
		fam.press("\x15", "2026-09-21\r")
		fam.waitFor("Born early?")
	})
}

// Over SSH: the instructor's pause for questions reaches each family's
// screen, its countdown held; a family watching for a feed answers the
// questions again with f and follows.
func TestQuestionsAndFollowNowOverSSH(t *testing.T) {
	c := serve(t, 0)
	ada := openTerm(t, c.addr, 80, 24)
	ada.join(code, "Ada", true)
	ada.waitFor("Welcome, Ada")
	bea := openTerm(t, c.addr, 60, 20)
	bea.joinAs("Bea")
	bea.press("2026-09-21\r", "n")
	bea.waitFor("May your instructor keep Bea's answers")
	bea.press("n")
	bea.answerQuestions("fed in the last", "feed in the last")
	bea.waitFor("Not just now")
	bea.press("\r")
	bea.waitFor("f follow now")

	c.hub.Begin()
	c.clk.Set(t0.Add(4 * time.Second))
	c.hub.Questions()
	ada.waitFor("The class is paused for questions")
	ada.waitFor("Paused for questions  0:16")
	bea.waitFor("paused for questions")
	c.clk.Set(t0.Add(30 * time.Second))
	c.hub.EndQuestions()
	c.clk.Set(t0.Add(33 * time.Second))
	c.hub.Tick()
	ada.waitFor("0:13")

	bea.press("f")
	bea.answerQuestions()
	bea.waitFor("1-6 how is your baby")
	for _, m := range c.hub.Roster().Families {
		if m.Stage != class.FamilyFollowing {
			t.Fatalf("%s is %v after answering again", m.Name, m.Stage)
		}
	}
}

// When the instructor closes the class, every family's screen quits as
// ctrl+c would, before the connection goes: their terminal leaves the
// alternate screen and shows the cursor again, and the last line says
// the class is closed. So does a screen still at the class code.
func TestCloseGivesTerminalsBack(t *testing.T) {
	clk := testclock.New(t0)
	hub := class.New(class.Config{Routine: testRoutine(), Clock: clk, Code: code})
	key, err := HostKey(filepath.Join(t.TempDir(), "key"))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{Hub: hub, Limiter: class.NewLimiter(clk), HostKey: key})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, srv, l) }()

	ada := openTerm(t, l.Addr().String(), 60, 20)
	ada.join(code, "Ada", false)
	ada.waitFor("Welcome, Ada")
	hub.Begin()
	ada.waitFor("Resting hands")
	late := openTerm(t, l.Addr().String(), 40, 12)
	late.waitFor("Class code")

	hub.Close() // as cradle class host does when the console closes
	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Fatalf("serving: %v", err)
		}
	case <-time.After(waitTimeout):
		t.Fatal("the class's server did not stop")
	}
	for _, tm := range []*term{ada, late} {
		<-tm.done
		tm.mu.Lock()
		raw := tm.raw.String()
		tm.mu.Unlock()
		enter := strings.LastIndex(raw, "\x1b[?1049h")
		leave := strings.LastIndex(raw, "\x1b[?1049l")
		show := strings.LastIndex(raw, "\x1b[?25h")
		if enter < 0 || leave < enter || show < enter || !strings.HasSuffix(raw, "\r\n"+ClosedLine+"\r\n") {
			t.Errorf("the last bytes a family got: %q", raw[max(len(raw)-300, 0):])
		}
	}
}
