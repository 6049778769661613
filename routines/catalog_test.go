package routines

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeFiles writes name → text into dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// short is a valid routine file with the given id and title.
func short(id, title string) string {
	return "id: " + id + "\ntitle: " + title + "\nregions:\n  - id: r\n    name: R\n    steps:\n      - {name: S, duration: 5s}\n"
}

func TestLoadCatalog(t *testing.T) {
	lib, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a-mine.yaml":      short("mine", "Mine"),
		"b-colic.yaml":     short("colic", "My colic"),
		"c-broken.yaml":    strings.Replace(short("broken", "Broken"), "duration: 5s", "duration: 0", 1),
		"d-again.yaml":     "# the same id as a-mine.yaml\n" + short("mine", "Mine again"),
		"e-colic.yaml":     short("colic", "Colic, second go"),
		".#lock.yaml":      "not yaml: [",
		"notes.txt":        "not a routine",
		"folder.yaml/x":    "a folder named like a routine file",
		"z-zzz-late.yaml":  short("late", "Late"),
		"sub/inside.yaml":  short("inside", "Not read: only the folder itself is"),
		"y-ok-twice.yaml~": short("backup", "An editor's backup"),
		"QUICK.YAML":       short("quick", "Saved in capitals"),
		"m-short.yml":      short("short", "The short ending"),
		"n-Mixed.Yml":      short("mixed", "Mixed case"),
		".hidden.yml":      "not yaml: [",
		"sub.yml/x.yaml":   short("deeper", "Not read either"),
	})
	c := LoadCatalog(lib, dir)
	if c.DirErr != nil {
		t.Fatal(c.DirErr)
	}
	var got []string
	for _, r := range c.Routines {
		mark := ""
		if r.Replaces {
			mark = "*"
		}
		if !r.Builtin {
			mark += "+" + filepath.Base(r.File)
		}
		got = append(got, r.ID+mark)
	}
	want := []string{"full-body", "colic*+b-colic.yaml", "bedtime", "newborn", "on-the-move", "stroking-movement", "quick+QUICK.YAML", "mine+a-mine.yaml", "short+m-short.yml", "mixed+n-Mixed.Yml", "late+z-zzz-late.yaml"}
	if !slices.Equal(got, want) {
		t.Errorf("routines\n  got  %v\n  want %v", got, want)
	}
	if r, _ := c.Find("colic"); r.Title != "My colic" || r.Builtin {
		t.Errorf("colic is %q (built-in %v), want the user's", r.Title, r.Builtin)
	}
	var firsts []string
	for _, b := range c.Broken {
		firsts = append(firsts, b.First())
	}
	j := func(name string) string { return filepath.Join(dir, name) }
	wantBroken := []string{
		j("c-broken.yaml") + `:7:29: "duration" must be longer than zero; got 0`,
		j("d-again.yaml") + `:2:5: id "mine" is already used by a-mine.yaml, which is the one offered; give this routine its own id`,
		j("e-colic.yaml") + `:1:5: id "colic" is already used by b-colic.yaml, which is the one offered; give this routine its own id`,
	}
	if !slices.Equal(firsts, wantBroken) {
		t.Errorf("broken\n  got  %q\n  want %q", firsts, wantBroken)
	}
}

func TestLoadCatalogNoFolder(t *testing.T) {
	lib, _ := Builtin()
	c := LoadCatalog(lib, filepath.Join(t.TempDir(), "not", "there"))
	if c.DirErr != nil || len(c.Broken) != 0 || len(c.Routines) != len(lib) {
		t.Fatalf("a missing folder: %+v", c)
	}
	if c := LoadCatalog(lib, ""); len(c.Routines) != len(lib) {
		t.Fatalf("no folder: %+v", c)
	}
}

func TestLoadCatalogUnreadableFolder(t *testing.T) {
	lib, _ := Builtin()
	file := filepath.Join(t.TempDir(), "routines")
	writeFiles(t, filepath.Dir(file), map[string]string{"routines": "a file where the folder should be"})
	c := LoadCatalog(lib, file)
	if c.DirErr == nil || !strings.HasPrefix(c.DirErr.Error(), "cannot read "+file+": ") {
		t.Fatalf("DirErr = %v", c.DirErr)
	}
	if len(c.Routines) != len(lib) {
		t.Fatalf("the built-in routines are hidden: %d", len(c.Routines))
	}
}

func TestLoadFileTooBig(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.yaml")
	writeFiles(t, filepath.Dir(p), map[string]string{"huge.yaml": short("huge", "Huge")})
	// a sparse file of 4 GiB: refused from its size, never read
	if err := os.Truncate(p, 4<<30); err != nil {
		t.Skip("no sparse files here:", err)
	}
	_, err := LoadFile(p)
	if err == nil || err.Error() != p+": the file is 4194304 KiB; a routine file must be at most 1024 KiB" {
		t.Fatalf("got %v", err)
	}
}

func TestLoadFileMissing(t *testing.T) {
	p := filepath.Join(t.TempDir(), "gone.yaml")
	_, err := LoadFile(p)
	if err == nil || err.Error() != p+": cannot be read: no such file or directory" {
		t.Fatalf("got %v", err)
	}
}
