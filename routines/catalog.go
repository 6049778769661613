package routines

import (
	"embed"
	"errors"
	"io/fs"
	"path"
	"sort"
)

//go:embed library/*.yaml
var library embed.FS

// builtinOrder is the order of the built-in routines on the home screen:
// the full routine first, then by purpose.
var builtinOrder = []string{"full-body", "colic", "bedtime", "newborn", "stroking-movement"}

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

func rank(id string) int {
	for i, x := range builtinOrder {
		if x == id {
			return i
		}
	}
	return len(builtinOrder)
}

// Broken is a routine file that could not be used, with its problems.
type Broken struct {
	File string
	Err  error
}

// Load parses every *.yaml file in dir of fsys, in name order. Good files
// become routines; bad ones are returned as Broken and never hide the good
// ones.
func Load(fsys fs.FS, dir string) ([]*Routine, []Broken) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, []Broken{{File: dir, Err: err}}
	}
	sort.Strings(names)
	var rs []*Routine
	var broken []Broken
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			broken = append(broken, Broken{File: name, Err: err})
			continue
		}
		r, err := Parse(name, data)
		if err != nil {
			broken = append(broken, Broken{File: name, Err: err})
			continue
		}
		rs = append(rs, r)
	}
	return rs, broken
}
