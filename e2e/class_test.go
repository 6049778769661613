//go:build unix

package e2e

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/store"
)

// sshClient is OpenSSH's client, or the test is skipped: CI installs it
// (.ci/run), as families have it on macOS, Linux and Windows.
func sshClient(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("e2e: no ssh client (apt install openssh-client)")
	}
	return path
}

// questionAt finds "Before you start · 3 of 11": the question's place.
var questionAt = regexp.MustCompile(`Before you start · (\d+ of \d+)`)

// freePort is a loopback port nothing listens on now.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// sshArgs are the options of a family's first visit: the host key is
// new to them (and kept in the test's own file), nothing of the real
// user's ssh set-up is read.
func sshArgs(t *testing.T, port string) []string {
	known := filepath.Join(t.TempDir(), "known_hosts")
	return []string{"-F", "/dev/null", "-p", port, "-o", "StrictHostKeyChecking=accept-new", "-o", "UserKnownHostsFile=" + known,
		"-o", "LogLevel=ERROR", "-o", "BatchMode=yes"}
}

// An instructor hosts a class; a family joins with the real OpenSSH
// client on loopback, sees the step, answers a check-in; the instructor's
// roster shows it; at the end the family takes the session home with the
// line on their screen and imports it into their own cradle.
func TestClassOverSSH(t *testing.T) {
	binary(t)
	ssh := sshClient(t)
	port := freePort(t)
	hostDB := filepath.Join(t.TempDir(), "instructor.db")
	home := t.TempDir() // the instructor's: the host key, and the roster window, are found there
	instructor := []string{"HOME=" + home, "XDG_DATA_HOME=" + filepath.Join(home, "data"), "XDG_CONFIG_HOME=" + filepath.Join(home, "config")}
	host := startWith(t, hostDB, 100, 30, instructor, "class", "host", "--listen", "127.0.0.1:"+port, "--code", "maple otter drum")
	host.waitFor("Families join with")
	host.waitFor("ssh -p " + port + " localhost")

	args := sshArgs(t, port)
	fam := startCmd(t, exec.Command(ssh, append(args, "localhost")...), 80, 24)
	fam.waitFor("Class code")
	fam.press("maple otter drum", enter)
	fam.waitFor("First name")
	fam.press("Ada", enter)
	// A baby of 10 weeks, born when due: full-body is made for the age.
	born := time.Now().AddDate(0, 0, -70).Format(store.DateLayout)
	fam.waitFor("How old is Ada?")
	fam.press(born, enter)
	fam.waitFor("Born early?")
	fam.press("n")
	fam.waitFor("May your instructor keep Ada's answers")
	fam.press("y")
	// The questions before the start, each read before it is answered:
	// a baby ready for a massage, in a warm room, without oil.
	fam.waitFor("Before you start")
	for place := ""; ; {
		var m []string
		fam.waitUntil("the next question, or the lobby", func(s string) bool {
			m = questionAt.FindStringSubmatch(squeeze(s))
			return m == nil || m[1] != place
		})
		if m == nil {
			break
		}
		place = m[1]
		if strings.Contains(fam.screen(), "room warm") {
			fam.press("y")
		} else {
			fam.press("n")
		}
	}
	fam.waitFor("Welcome, Ada")
	host.waitFor("1 family here")

	host.press(enter) // begin
	fam.waitFor("A few slow breaths")
	host.press("s", space) // to the ask, and the babies' yes
	fam.waitFor("LEGS AND FEET")
	fam.waitForLine("Resting hands")
	host.press("c") // how are the babies?
	fam.waitFor("How is Ada?")
	fam.press("1")
	fam.waitFor("✓ Noted: relaxed.")
	host.press("r")
	host.waitFor("Relaxed · just now")
	host.waitFor("Legs and feet: 1 relaxed")
	host.press("r")

	// The roster in a second window of the instructor's, while the room's
	// view stays on the first.
	roster := startWith(t, hostDB, 100, 30, instructor, "class", "roster")
	roster.waitFor("for your eyes only")
	roster.waitFor("Ada")
	roster.waitFor("Relaxed")
	roster.press("q")
	if code := roster.waitExit(); code != 0 {
		t.Fatalf("the roster window exited with %d\n%s", code, roster.stderr.String())
	}

	host.press("e", "y")
	fam.waitFor("Take Ada's session home")
	var line string
	for _, l := range strings.Split(fam.screen(), "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "ssh ") {
			line = l
		}
	}
	fields := strings.Fields(line)
	if len(fields) != 6 || fields[1] != "-p" || fields[2] != port || fields[4] != ">" || fields[5] != "ada-class.json" ||
		!strings.HasSuffix(fields[3], "@localhost") { // the host the join line named: ssh knows its key
		t.Fatalf("the take-home line is %q", line)
	}
	file := filepath.Join(t.TempDir(), fields[5])
	out, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	take := exec.Command(ssh, append(args, fields[3])...)
	var msg strings.Builder
	take.Stdout, take.Stderr = out, &msg
	err = take.Run()
	out.Close()
	if err != nil {
		t.Fatalf("taking the session home: %v\n%s", err, msg.String())
	}
	if !strings.Contains(msg.String(), "Ada's class session is here.") {
		t.Errorf("the take-home says %q", msg.String())
	}
	fam.waitFor("✓ Taken home.")

	homeDB := filepath.Join(t.TempDir(), "family.db")
	res, code, _ := runPlain(t, homeDB, nil, "import", file)
	if code != 0 || !strings.Contains(res, "Imported 1 session") {
		t.Fatalf("cradle import %s: exit %d\n%s", fields[5], code, res)
	}
	db, err := store.Open(homeDB, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sessions, err := db.Sessions("", 5)
	babies, berr := db.Babies()
	db.Close()
	if err != nil || len(sessions) != 1 || sessions[0].BabyName != "Ada" || sessions[0].RoutineID != "full-body" {
		t.Fatalf("the family's cradle holds %+v, %v", sessions, err)
	}
	if berr != nil || len(babies) != 1 || babies[0].Birth.Format(store.DateLayout) != born {
		t.Fatalf("the family's cradle has Ada as %+v, %v; born %s", babies, berr, born)
	}

	host.press("q")
	if code := host.waitExit(); code != 0 {
		t.Fatalf("the host exited with %d", code)
	}
	// The family's terminal is given back before the connection goes:
	// out of the alternate screen, the cursor shown, and a last line.
	fam.waitExit()
	raw := fam.transcript()
	enter, leave, show := strings.LastIndex(raw, "\x1b[?1049h"), strings.LastIndex(raw, "\x1b[?1049l"), strings.LastIndex(raw, "\x1b[?25h")
	if leave < enter || show < enter || !strings.Contains(raw[max(leave, 0):], "The class is closed. Thank you for coming.") {
		t.Fatalf("the family's terminal at the end: %q", raw[max(len(raw)-300, 0):])
	}
	leftovers(t) // the roster's file goes with the class
	listed, code, _ := runPlain(t, hostDB, nil, "class", "list")
	if code != 0 || !strings.Contains(listed, "Full-body massage · 1 family") || !strings.Contains(listed, "1 relaxed") ||
		!strings.Contains(listed, "Kept with their yes: Ada") {
		t.Fatalf("cradle class list after the class:\n%s", listed)
	}
}
