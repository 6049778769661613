package routines

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cradle-coach/cradle/internal/fserr"
)

//go:embed library/*.yaml
var library embed.FS

// builtinOrder is the order of the built-in routines on the home screen:
// the full routine first, then by purpose.
var builtinOrder = []string{"full-body", "colic", "bedtime", "newborn", "on-the-move", "stroking-movement"}

// Builtin parses the embedded catalogue. A broken built-in routine is a
// bug caught by the tests, so any error here is returned whole.
func Builtin() ([]*Routine, error) {
	rs, broken := Load(library, "library")
	var errs []error
	for _, b := range broken {
		errs = append(errs, b.Err)
	}
	for _, r := range rs {
		r.Builtin = true
	}
	sort.SliceStable(rs, func(i, j int) bool { return rank(rs[i].ID) < rank(rs[j].ID) })
	return rs, errors.Join(errs...)
}

// BuiltinSource returns the text of a built-in routine's file, the way it
// is written in the catalogue.
func BuiltinSource(r *Routine) ([]byte, error) {
	if !r.Builtin {
		return nil, fmt.Errorf("%s is not a built-in routine", r.ID)
	}
	return fs.ReadFile(library, r.File)
}

func rank(id string) int {
	for i, x := range builtinOrder {
		if x == id {
			return i
		}
	}
	return len(builtinOrder)
}

// Broken is a routine file that could not be used, with its problems.
// Err is an Errors.
type Broken struct {
	File string
	Err  error
}

// First is the first problem, "file:line:col: message", ready to show
// on one line.
func (b Broken) First() string {
	var es Errors
	if errors.As(b.Err, &es) && len(es) > 0 {
		return es.First().Error()
	}
	return b.File + ": " + b.Err.Error()
}

// Load parses every *.yaml file in dir of fsys, in name order. Good files
// become routines; bad ones are returned as Broken and never hide the good
// ones. Files are named by their path in fsys.
func Load(fsys fs.FS, dir string) ([]*Routine, []Broken) {
	rs, broken, err := load(fsys, dir, func(name string) string { return name })
	if err != nil {
		broken = append(broken, Broken{File: dir, Err: Errors{{File: dir, Msg: "the folder cannot be read: " + reason(err)}}})
	}
	return rs, broken
}

// LoadDir loads the routine files of a folder on this computer, the same
// way as Load; files are named by their path (dir joined with the file
// name). A folder that does not exist holds no routines and is no error;
// err says why a folder that exists could not be read.
func LoadDir(dir string) (rs []*Routine, broken []Broken, err error) {
	rs, broken, err = load(os.DirFS(dir), ".", func(name string) string {
		return filepath.Join(dir, filepath.FromSlash(name))
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		err = &DirError{Dir: dir, Err: fserr.WithoutPath(err)}
	}
	return rs, broken, err
}

// DirError is a routines folder that exists but could not be read.
type DirError struct {
	Dir string
	Err error // why, without the path
}

func (e *DirError) Error() string { return "cannot read " + e.Dir + ": " + e.Err.Error() }
func (e *DirError) Unwrap() error { return e.Err }

// IsRoutineFile is whether a file's name is a routine file's: it ends in
// .yaml or .yml, in any case (QUICK.YAML, as some editors save it), and
// does not start with a dot (editors' lock and backup files).
func IsRoutineFile(name string) bool {
	return !strings.HasPrefix(name, ".") && RoutineName(name) != name
}

// RoutineName is a routine file's name without its .yaml or .yml.
func RoutineName(name string) string {
	ext := path.Ext(name)
	if strings.EqualFold(ext, ".yaml") || strings.EqualFold(ext, ".yml") {
		return strings.TrimSuffix(name, ext)
	}
	return name
}

// load is the one loader, for the embedded catalogue and for the user's
// folder alike. It reads the routine files (IsRoutineFile) directly in
// dir; other files and sub-folders, even one named like a routine file,
// are left alone.
func load(fsys fs.FS, dir string, show func(name string) string) ([]*Routine, []Broken, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, nil, err
	}
	var rs []*Routine
	var broken []Broken
	for _, e := range entries {
		if !IsRoutineFile(e.Name()) {
			continue
		}
		name := path.Join(dir, e.Name())
		if info, err := fs.Stat(fsys, name); err == nil && info.IsDir() {
			continue // a sub-folder, or a link to one
		}
		file := show(name)
		r, err := parseFS(fsys, name, file)
		if err != nil {
			broken = append(broken, Broken{File: file, Err: err})
			continue
		}
		rs = append(rs, r)
	}
	return rs, broken, nil
}

// LoadFile reads and parses one routine file on this computer.
func LoadFile(file string) (*Routine, error) {
	return parseFS(os.DirFS(filepath.Dir(file)), filepath.Base(file), file)
}

// parseFS reads name from fsys and parses it; errors name it file. Only a
// regular file is opened (a pipe could block for ever), and no more than
// MaxFileSize bytes are read.
func parseFS(fsys fs.FS, name, file string) (*Routine, error) {
	data, err := readFile(fsys, name, file)
	if err != nil {
		return nil, err
	}
	return Parse(file, data)
}

func readFile(fsys fs.FS, name, file string) ([]byte, error) {
	fail := func(msg string) error { return Errors{{File: file, Msg: msg}} }
	info, err := fs.Stat(fsys, name)
	switch {
	case err != nil:
		return nil, fail("cannot be read: " + reason(err))
	case info.IsDir():
		return nil, fail("is a folder, not a routine file")
	case !info.Mode().IsRegular():
		return nil, fail("is not a plain file; a routine file is a text file")
	case info.Size() > MaxFileSize:
		return nil, fail(tooBig(info.Size()))
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fail("cannot be read: " + reason(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fail("cannot be read: " + reason(err))
	}
	return data, nil
}

func tooBig(size int64) string {
	return fmt.Sprintf("the file is %d KiB; a routine file must be at most 1024 KiB", (size+1023)>>10)
}

// reason is what went wrong with a file, without the path the message
// would repeat.
func reason(err error) string { return fserr.WithoutPath(err).Error() }

// Catalog is every routine cradle offers: the built-in ones and the
// user's own.
type Catalog struct {
	// Routines in the order the home screen offers them: the built-in
	// ones, each replaced by the user's routine of the same id if there is
	// one, then the user's other routines by file name.
	Routines []*Routine
	// Broken are the user's files that could not be used, by file name.
	Broken []Broken
	// DirErr says why the user's folder could not be read.
	DirErr error
}

// Find returns the routine with the given id.
func (c Catalog) Find(id string) (*Routine, bool) {
	for _, r := range c.Routines {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}

// IDs lists the routines' ids, in order.
func (c Catalog) IDs() []string {
	ids := make([]string, len(c.Routines))
	for i, r := range c.Routines {
		ids[i] = r.ID
	}
	return ids
}

// LoadCatalog is the built-in routines and the *.yaml files of the user's
// folder dir ("" for none), merged.
func LoadCatalog(builtin []*Routine, dir string) Catalog {
	if dir == "" {
		return Catalog{Routines: builtin}
	}
	user, broken, err := LoadDir(dir)
	c := Merge(builtin, user, broken)
	c.DirErr = err
	return c
}

// Merge puts the built-in and the user's routines together. A user's
// routine with a built-in routine's id replaces it, in its place, and is
// marked Replaces. Of two user routines with the same id, the first by
// file name is kept and the second is broken.
func Merge(builtin, user []*Routine, broken []Broken) Catalog {
	mine := map[string]*Routine{}
	var extra []*Routine
	broken = append([]Broken(nil), broken...)
	for _, r := range user {
		if first, dup := mine[r.ID]; dup {
			broken = append(broken, Broken{File: r.File, Err: Errors{{File: r.File, Line: r.idLine, Col: r.idCol,
				Msg: fmt.Sprintf("id %q is already used by %s, which is the one offered; give this routine its own id", r.ID, filepath.Base(first.File))}}})
			continue
		}
		mine[r.ID] = r
		extra = append(extra, r)
	}
	var c Catalog
	replaced := map[string]bool{}
	for _, b := range builtin {
		if r, ok := mine[b.ID]; ok {
			r.Replaces = true
			replaced[r.ID] = true
			c.Routines = append(c.Routines, r)
			continue
		}
		c.Routines = append(c.Routines, b)
	}
	for _, r := range extra {
		if !replaced[r.ID] {
			c.Routines = append(c.Routines, r)
		}
	}
	sort.SliceStable(broken, func(i, j int) bool { return broken[i].File < broken[j].File })
	c.Broken = broken
	return c
}
