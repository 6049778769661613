package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"

	"go.yaml.in/yaml/v3"

	"github.com/cradle-coach/cradle/internal/fserr"
	"github.com/cradle-coach/cradle/routines"
)

// settingsFile is what the settings file says, and its problems.
type settingsFile struct {
	path     string
	values   map[string]value
	problems routines.Errors
	// notUsed names, for each setting whose line has a problem (and no
	// other line sets it), that line as the table shows it:
	// "config.yaml:3".
	notUsed map[string]string
	err     error // the file could not be read
}

// readSettings reads the settings file at path. A file that does not
// exist sets nothing. Only a regular file is read: a pipe or a device
// (config.yaml made a FIFO, or a link to /dev/zero) could block for ever
// or never end, and a problem with the file must never stop a massage.
func readSettings(path string) settingsFile {
	f := settingsFile{path: path, values: map[string]value{}}
	if path == "" {
		return f
	}
	data, err := readRegular(path, maxSettingsFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return f
	case err != nil:
		f.err = fserr.WithoutPath(err)
		return f
	}
	return parseSettings(path, data)
}

// readRegular reads the regular file at path, and at most limit+1 bytes of
// it (so a file that grew past the limit is still said to be too big).
// It looks before it opens, and opens without blocking in case the file
// was swapped for a pipe in between; a folder or anything but a regular
// file is refused by name.
func readRegular(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(info); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if now, err := f.Stat(); err != nil || !os.SameFile(info, now) {
		return nil, errors.New("it changed while it was being opened; try again")
	}
	return io.ReadAll(io.LimitReader(f, limit+1))
}

// regular says why info is not a file to read, if it is not.
func regular(info fs.FileInfo) error {
	m := info.Mode()
	var what string
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		what = "a folder"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		what = "a device"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	default:
		return errors.New("it is not a plain text file")
	}
	return fmt.Errorf("it is %s, not a text file", what)
}

// maxNamedLines is how many lines with a problem are named one by one in
// a file of which no line could be used: more than that, and it is no
// settings file at all (a binary file, another program's file), and its
// first problem stands for the whole.
const maxNamedLines = 10

// parseSettings reads a settings file: one "name: value" line for each
// setting it sets. Every problem is reported with its line and column,
// as routine files' are; a line with a problem sets nothing, and the
// other lines still count. When the file is not valid YAML as a whole
// (an unclosed quote, a stray line), it is read a line at a time, as the
// simple lines it is meant to hold, so one slip does not undo the rest.
func parseSettings(path string, data []byte) settingsFile {
	f := settingsFile{path: path, values: map[string]value{}, notUsed: map[string]string{}}
	r := settingsReader{f: &f, first: map[string]int{}}
	root, err := routines.Document(path, data, "settings", maxSettingsFile)
	switch {
	case err != nil && len(data) <= maxSettingsFile:
		r.byLine(data)
		switch {
		case len(f.values) == 0 && len(f.problems) > maxNamedLines:
			// No settings file at all: its first problem stands for it.
			f.notUsed = map[string]string{}
			f.problems = errorsOf(path, err)
		case len(f.problems) == 0:
			// Every line reads on its own, but not the whole: never in
			// silence.
			f.problems = errorsOf(path, err)
		}
	case err != nil:
		f.problems = errorsOf(path, err)
	case root == nil: // empty, or only comments
	case root.Kind != yaml.MappingNode:
		r.problem(root.Line, root.Column, "", "the settings must be lines of name: value, such as theme: night")
	default:
		r.pairs(root.Content)
	}
	for name := range f.values {
		delete(f.notUsed, name) // set twice: the first line is used
	}
	return f
}

// errorsOf is err as a file's problems.
func errorsOf(path string, err error) routines.Errors {
	var es routines.Errors
	if errors.As(err, &es) {
		return es
	}
	return routines.Errors{{File: path, Msg: err.Error()}}
}

// settingsReader reads the settings of one file into f.
type settingsReader struct {
	f     *settingsFile
	first map[string]int // the line that set each setting first
	begun bool           // a line with a setting has been read
}

// problem notes a problem at line and col; setting is the setting it
// keeps from being set, or "".
func (r *settingsReader) problem(line, col int, setting, format string, args ...any) {
	r.f.problems = append(r.f.problems, &routines.Error{File: r.f.path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
	if setting != "" && r.f.notUsed[setting] == "" {
		r.f.notUsed[setting] = fmt.Sprintf("%s:%d", filepath.Base(r.f.path), line)
	}
}

// pairs reads a mapping's keys and values as settings.
func (r *settingsReader) pairs(content []*yaml.Node) {
	var names []string
	for i := range settings {
		names = append(names, settings[i].name)
	}
	for i := 0; i+1 < len(content); i += 2 {
		k, v := content[i], content[i+1]
		r.begun = true
		s := findSetting(k.Value)
		switch {
		case s == nil:
			msg := fmt.Sprintf("there is no setting %q", k.Value)
			if near := routines.Nearest(k.Value, names); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			} else {
				msg += "; the settings are " + orList(names)
			}
			r.problem(k.Line, k.Column, "", "%s", msg)
			continue
		case r.first[s.name] != 0:
			r.problem(k.Line, k.Column, "", "%s is set twice; the first is on line %d", s.name, r.first[s.name])
			continue
		}
		r.first[s.name] = k.Line
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			want := "a name"
			if s.choices != nil {
				want = orList(s.choices)
			}
			r.problem(v.Line, v.Column, s.name, "%s needs a value: %s", s.name, want)
			continue
		}
		got, err := s.parse(v.Value)
		if err != nil {
			r.problem(v.Line, v.Column, s.name, "%s %v", s.name, err)
			continue
		}
		r.f.values[s.name] = value{got, fmt.Sprintf("%s:%d", filepath.Base(r.f.path), k.Line)} // the path is said once, below the table
	}
}

// keyOf reads the name a line starts with ("sound" of `sound: "off`),
// and where its value starts, for a line YAML could not read.
var keyOf = regexp.MustCompile(`^([A-Za-z][A-Za-z-]*)[ \t]*:[ \t]*`)

// byLine reads data one line at a time, each line as a YAML document of
// its own: the file's lines are simple name: value lines, and a line that
// reads cleanly is used whatever the lines around it hold.
func (r *settingsReader) byLine(data []byte) {
	for i, text := range strings.Split(string(data), "\n") {
		line := i + 1
		text = strings.TrimSuffix(text, "\r")
		rest := strings.TrimLeft(text, " \t")
		if rest == "" || strings.HasPrefix(rest, "#") {
			continue
		}
		setting := ""
		if m := keyOf.FindStringSubmatch(rest); m != nil && findSetting(m[1]) != nil {
			setting = m[1]
		}
		if indent := len(text) - len(rest); indent > 0 {
			r.problem(line, indent+1, setting, "a setting starts at the beginning of its line, with nothing before its name")
			continue
		}
		root, err := routines.Document(r.f.path, []byte(text), "settings", maxSettingsFile)
		if err != nil {
			r.lineError(line, text, setting, err)
			continue
		}
		if root == nil {
			continue
		}
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" && rest == "---" {
			if r.begun { // a document start after settings: a second document
				r.problem(line, 1, "", "--- would start a second list of settings; a settings file holds one: take this line out")
			}
			continue
		}
		at(root, line)
		if root.Kind != yaml.MappingNode {
			r.problem(line, 1, "", "the settings must be lines of name: value, such as theme: night")
			continue
		}
		r.pairs(root.Content)
	}
}

// lineError notes what was found wrong with one line read alone: in
// plain words where the line has no name to begin with, or a quote that
// is not closed; else as YAML says it.
func (r *settingsReader) lineError(line int, text, setting string, err error) {
	for _, e := range errorsOf(r.f.path, err) {
		col := e.Col
		if e.Line != 1 { // YAML found the end of the line first
			col = 1
		}
		if strings.HasPrefix(e.Msg, "not valid YAML") {
			switch m := keyOf.FindStringIndex(text); {
			case m == nil:
				r.problem(line, 1, "", "the settings must be lines of name: value, such as theme: night")
				continue
			case unclosed(text[m[1]:]):
				q := text[m[1]]
				r.problem(line, m[1]+1, setting, "the %c that opens the value is not closed on this line; end the value with %c", q, q)
				continue
			}
		}
		r.problem(line, col, setting, "%s", e.Msg)
	}
}

// unclosed is whether value starts with a quote that does not close:
// YAML's "\"" in double quotes, and ” in single quotes, do not.
func unclosed(value string) bool {
	if value == "" || value[0] != '"' && value[0] != '\'' {
		return false
	}
	q := value[0]
	for i := 1; i < len(value); i++ {
		switch {
		case q == '"' && value[i] == '\\':
			i++
		case value[i] == q && q == '\'' && i+1 < len(value) && value[i+1] == '\'':
			i++
		case value[i] == q:
			return false
		}
	}
	return true
}

// at moves a document read from one line of the file to that line.
func at(n *yaml.Node, line int) {
	n.Line += line - 1
	for _, c := range n.Content {
		at(c, line)
	}
}
