package store_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// hostile is a store whose texts are what a shared routine file or an
// edited import could hold: formulas, escape sequences, and session ids
// that look like numbers (a key whose hex digits are all decimal, or
// decimal with one "e").
func hostile(t *testing.T) *store.Store {
	t.Helper()
	st := emptyStore(t)
	baby, err := st.SaveBaby(store.Baby{Name: "Ada"})
	if err != nil {
		t.Fatal(err)
	}
	titles := []string{`=HYPERLINK("http://example.com/x","Click")`, "=2*3", "+1", "-1", "@SUM(1,2)", "\t=1", "\r=1", "\x1b]0;owned\x07Colic\x1b[2J", "Bedtime"}
	starts := []int64{0x1800000000000000, 0x18e0000000000000}
	for i, title := range titles {
		started := time.Unix(0, starts[i%2]+int64(i)*0x100000000000)
		if i >= 2 {
			started = day0.Add(time.Duration(i) * time.Hour)
		}
		sess, err := st.StartSession(store.Session{BabyID: baby.ID, BabyName: baby.Name, RoutineID: "x", RoutineTitle: title, Started: started})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Append(sess.ID, routines.Event{Kind: routines.EvStart, At: started},
			routines.Event{Kind: routines.EvStepDone, At: started.Add(time.Minute), Region: "=tummy", Step: "\x1b[31m-Water wheel", Elapsed: time.Minute},
			routines.Event{Kind: routines.EvEnd, At: started.Add(2 * time.Minute), Reason: routines.EndFinished}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// Every cell a spreadsheet would take for a formula or a number is
// written so that it reads as the text it is, and no control character
// reaches whoever prints the CSV on a terminal.
func TestCSVIsSafeInASpreadsheet(t *testing.T) {
	st := hostile(t)
	var buf bytes.Buffer
	if err := st.ExportCSV(&buf, store.Filter{}); err != nil {
		t.Fatal(err)
	}
	for i, r := range buf.String() {
		if r != '\n' && (unicode.IsControl(r) || r == 0x1b) {
			t.Fatalf("control character %U at byte %d:\n%q", r, i, buf.String())
		}
	}
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sessions, _ := st.Sessions("", 100)
	ids := map[string]bool{}
	for _, s := range sessions {
		ids[s.ID] = true
	}
	numeric := regexp.MustCompile(`^[0-9]+(e[0-9]+)?$`)
	numericIDs := 0
	for _, row := range rows[1:] {
		for i, cell := range row {
			if strings.ContainsAny(cell[:min(1, len(cell))], "=+-@\t\r") {
				t.Errorf("column %s begins as a formula: %q", store.CSVColumns[i], cell)
			}
		}
		id := strings.TrimPrefix(row[0], "'")
		if !ids[id] {
			t.Errorf("session_id %q is no session's", row[0])
		}
		if numeric.MatchString(id) {
			numericIDs++
			if row[0] != "'"+id {
				t.Errorf("session_id %q would read as a number", row[0])
			}
		}
	}
	if numericIDs < 6 {
		t.Errorf("%d rows with an id that looks like a number; the test means several", numericIDs)
	}
	if got := rows[1][4]; got != `'=HYPERLINK("http://example.com/x","Click")` {
		t.Errorf("the routine titled with a link: %q", got)
	}
	titles := map[string]bool{}
	for _, row := range rows[1:] {
		titles[row[4]] = true
	}
	if !titles["Colic"] || !titles["'=2*3"] || !titles["'\t=1"] && !titles["' =1"] {
		t.Errorf("titles %v", titles)
	}
}

// The same CSV opened by a spreadsheet (LibreOffice, when it is
// installed): no cell is a formula, and no id a number.
func TestCSVInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if testing.Short() || err != nil {
		t.Skip("needs LibreOffice (soffice), and time: skipped without it or with -short")
	}
	st := hostile(t)
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "sessions.csv")
	var buf bytes.Buffer
	if err := st.ExportCSV(&buf, store.Filter{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(csvPath, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "html", "--outdir", dir, csvPath)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	html, err := os.ReadFile(filepath.Join(dir, "sessions.html"))
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile(`(?s)<tr.*?</tr>`).FindAll(html, -1)
	cellRe := regexp.MustCompile(`(?s)<td([^>]*)>(.*?)</td>`)
	tags := regexp.MustCompile(`<[^>]*>`)
	if len(rows) != 1+3*9 {
		t.Fatalf("%d rows in the spreadsheet", len(rows))
	}
	for _, row := range rows[1:] {
		cells := cellRe.FindAllSubmatch(row, -1)
		for i, c := range cells {
			text := string(tags.ReplaceAll(c[2], nil))
			// A value Calc computed or took for a number carries sdval.
			if name := store.CSVColumns[i]; bytes.Contains(c[1], []byte("sdval")) && !strings.HasSuffix(name, "_s") && name != "index" && name != "baby_id" {
				t.Errorf("%s is a number or a formula in Calc: %q", name, text)
			}
			if strings.Contains(string(c[2]), "<a ") {
				t.Errorf("%s is a link in Calc: %q", store.CSVColumns[i], text)
			}
		}
	}
}
