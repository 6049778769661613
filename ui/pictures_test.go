package ui

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cradle-coach/cradle/internal/golden"
)

// The pictures of the README and the guide are drawn from styled golden
// files by docs/pictures/make.sh, which records each golden file's SHA-256
// in docs/pictures/sums. A golden file changed since its picture was
// drawn fails here until the pictures are remade; so does a picture no
// page shows (the README, or a page in docs/), or a golden file that does
// not turn back into the same terminal output.
func TestPicturesAreCurrent(t *testing.T) {
	dir := filepath.Join("..", "docs", "pictures")
	f, err := os.Open(filepath.Join(dir, "sums"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	shown := shownPictures(t)
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 3 {
			t.Fatalf("docs/pictures/sums: %q is not SHA-256, golden file, picture", sc.Text())
		}
		sum, name, picture := fields[0], fields[1], fields[2]
		n++
		data, err := os.ReadFile(filepath.Join("testdata", name+".golden"))
		if err != nil {
			t.Errorf("docs/pictures/%s is drawn from %s, which is gone: %v", picture, name, err)
			continue
		}
		if got := fmt.Sprintf("%x", sha256.Sum256(data)); got != sum {
			t.Errorf("ui/testdata/%s.golden changed since docs/pictures/%s was drawn from it: run docs/pictures/make.sh", name, picture)
		}
		if info, err := os.Stat(filepath.Join(dir, picture)); err != nil || info.Size() == 0 {
			t.Errorf("docs/pictures/%s: missing or empty (%v)", picture, err)
		}
		if !shown[picture] {
			t.Errorf("no page shows docs/pictures/%s: not the README, nor any page in docs/", picture)
		}
		ansi, err := golden.ANSI(string(data))
		if err != nil {
			t.Errorf("%s: %v", name, err)
		} else if back := golden.Markup(ansi); back != string(data) {
			t.Errorf("%s does not turn back into the same terminal output", name)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 4 {
		t.Errorf("docs/pictures/sums names %d pictures: the session, the check-in, the insights and the big view were drawn", n)
	}
}

// shownPictures are the pictures of docs/pictures that the README or a
// page in docs/ links to, each by its path from that page.
func shownPictures(t *testing.T) map[string]bool {
	t.Helper()
	pages, _ := filepath.Glob(filepath.Join("..", "docs", "*.md"))
	shown := map[string]bool{}
	for _, page := range append(pages, filepath.Join("..", "README.md")) {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		prefix := "(pictures/"
		if filepath.Base(page) == "README.md" {
			prefix = "(docs/pictures/"
		}
		for _, part := range strings.Split(string(data), prefix)[1:] {
			if name, _, ok := strings.Cut(part, ")"); ok {
				shown[name] = true
			}
		}
	}
	return shown
}
