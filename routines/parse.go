package routines

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Limits a routine file must keep.
const (
	MaxFileSize    = 1 << 20 // bytes
	MaxStepLength  = time.Hour
	MaxRoutineTime = 3 * time.Hour
	// MaxText is the longest text a session keeps from its routine, in
	// characters: its title, a region's or a step's name. An import cuts
	// a longer one; a routine file's title is held to it.
	MaxText = 200
)

// Error is one problem in a routine file, at a line and column.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Errors is every problem found in one file, in file order.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// First returns the first problem.
func (es Errors) First() *Error { return es[0] }

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Parse reads one routine file. file names it in errors. On failure the
// error is an Errors listing every problem found with its position.
func Parse(file string, data []byte) (*Routine, error) {
	root, err := Document(file, data, "routine", MaxFileSize)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, Errors{{File: file, Msg: "the file is empty; a routine needs at least id, title and regions"}}
	}
	d := &decoder{file: file, misspelt: map[*yaml.Node][]string{}}
	r := d.routine(root)
	r.File = file
	if len(d.errs) > 0 {
		sort.SliceStable(d.errs, func(i, j int) bool {
			a, b := d.errs[i], d.errs[j]
			return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
		})
		return nil, dedupe(d.errs)
	}
	return r, nil
}

// Document reads the one YAML document of a file of cradle's own (a
// routine, the settings), with the checks every such file gets: its size,
// UTF-8, no control characters, one document, no aliases that repeat too
// much. kind names the file in messages ("routine"). An empty file is a
// nil node. On failure the error is an Errors with the problem's position.
func Document(file string, data []byte, kind string, maxSize int) (*yaml.Node, error) {
	if len(data) > maxSize {
		return nil, Errors{{File: file, Msg: fmt.Sprintf("the file is %d KiB; a %s file must be at most %d KiB", (len(data)+1023)>>10, kind, maxSize>>10)}}
	}
	if !utf8.Valid(data) {
		line, col := badUTF8(data)
		return nil, Errors{{File: file, Line: line, Col: col, Msg: "text is not UTF-8; save the file as UTF-8"}}
	}
	if off, r := controlChar(data); off >= 0 {
		line, col := lineCol(data, off)
		return nil, Errors{{File: file, Line: line, Col: col, Msg: fmt.Sprintf("the file contains a control character (%U); remove it", r)}}
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, Errors{yamlError(file, data, err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, Errors{{File: file, Line: extra.Line, Col: extra.Column, Msg: fmt.Sprintf("a second document (after ---); a %s file holds only one", kind)}}
	} else if !errors.Is(err, io.EOF) {
		return nil, Errors{yamlError(file, data, err)}
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	if a := aliasBomb(&root); a != nil {
		return nil, Errors{{File: file, Line: a.Line, Col: a.Column, Msg: "aliases (*name) repeat too much of the file; write it out in full instead"}}
	}
	return root.Content[0], nil
}

// dedupe drops repeats of the same problem at the same place: a step
// written once and used through an alias (or a << merge) several times is
// reported once.
func dedupe(es Errors) Errors {
	seen := map[Error]bool{}
	out := es[:0]
	for _, e := range es {
		if !seen[*e] {
			seen[*e] = true
			out = append(out, e)
		}
	}
	return out
}

var (
	yamlLine   = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)
	yamlAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
)

// yamlParserProblems are the YAML parser's own messages (the others come
// from its scanner). For these it reports a line counted from 0.
var yamlParserProblems = []string{
	"did not find expected <stream-start>", "did not find expected <document start>",
	"did not find expected node content", "did not find expected key",
	"did not find expected '-' indicator", "did not find expected ',' or ']'",
	"did not find expected ',' or '}'", "found duplicate %YAML directive",
	"found incompatible YAML document", "found undefined tag handle",
	"found duplicate %TAG directive",
}

// yamlError turns the YAML parser's message into a positioned Error. The
// parser gives a line but no column, leaves the line out for a problem on
// the first line, and counts lines from 0 for some problems.
func yamlError(file string, data []byte, err error) *Error {
	msg := err.Error()
	e := &Error{File: file, Msg: "not valid YAML: " + msg}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		e.Msg = "not valid YAML: " + m[2]
		e.Line, e.Col = 1, 1
		if m[1] != "" {
			e.Line, _ = strconv.Atoi(m[1])
			if contains(yamlParserProblems, m[2]) {
				e.Line++
			}
		} else if a := yamlAnchor.FindStringSubmatch(m[2]); a != nil {
			// not a parse position: the parser names the anchor only
			if off := bytes.Index(data, []byte("*"+a[1])); off >= 0 {
				e.Line, e.Col = lineCol(data, off)
			}
		}
	}
	return e
}

// lineCol is the line and column (in characters, from 1) of data[off].
func lineCol(data []byte, off int) (line, col int) {
	before := data[:off]
	return 1 + bytes.Count(before, []byte("\n")), 1 + utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
}

// controlChar finds the first character the YAML parser refuses (control
// characters other than tab and line breaks), so the error can say where it
// is; the parser itself gives no position. It returns -1 if there is none.
func controlChar(data []byte) (int, rune) {
	for off, r := range string(data) {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		case r < 0x20 || r >= 0x7f && r < 0xa0 || r == 0xfffe || r == 0xffff:
			return off, r
		}
	}
	return -1, 0
}

// maxAliasNodes bounds how many nodes aliases may add when they are
// followed: a few lines of anchors and aliases can otherwise stand for
// billions of steps and hang the program.
const maxAliasNodes = 100_000

// aliasBomb returns the first alias of a document whose aliases, followed,
// add more than maxAliasNodes nodes to what is written, or nil.
func aliasBomb(root *yaml.Node) *yaml.Node {
	var first *yaml.Node
	var written func(n *yaml.Node) int
	written = func(n *yaml.Node) int {
		if n.Kind == yaml.AliasNode && first == nil {
			first = n
		}
		c := 1
		for _, k := range n.Content {
			c += written(k)
		}
		return c
	}
	limit := written(root) + maxAliasNodes
	if first == nil {
		return nil
	}
	memo := map[*yaml.Node]int{}
	var expanded func(n *yaml.Node) int
	expanded = func(n *yaml.Node) int {
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		if c, ok := memo[n]; ok {
			return c
		}
		memo[n] = 1 // an alias back into a node being counted counts once
		c := 1
		for _, k := range n.Content {
			if c += expanded(k); c > limit {
				c = limit + 1
				break
			}
		}
		memo[n] = c
		return c
	}
	if expanded(root) > limit {
		return first
	}
	return nil
}

func badUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[n:]
	}
	return line, col
}

type decoder struct {
	file string
	errs Errors
	// misspelt holds, for each mapping, the known keys its unknown keys
	// are near to: a missing key that was only misspelt is reported once,
	// as the misspelling.
	misspelt map[*yaml.Node][]string
	owner    *yaml.Node // the mapping being read
}

func (d *decoder) errf(n *yaml.Node, format string, args ...any) {
	d.errs = append(d.errs, &Error{File: d.file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)})
}

// field is a key of a mapping with its value.
type field struct {
	key, val *yaml.Node
}

// mapping reads a mapping node, reporting unknown and repeated keys. A
// merge key (<<: *name, or a list of them) brings in the keys of the
// mappings it names, as YAML defines it: a key written in the mapping
// itself wins over a merged one, and an earlier merged mapping over a
// later one.
func (d *decoder) mapping(n *yaml.Node, what string, known []string) map[string]field {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errf(n, "%s should be a mapping of keys (key: value), not %s", what, describe(n))
		return nil
	}
	out := map[string]field{}
	d.owner = n
	d.fields(n, what, known, out, nil)
	return out
}

// isMisspelt reports whether mapping n has an unknown key near one of
// keys.
func (d *decoder) isMisspelt(n *yaml.Node, keys ...string) bool {
	for _, k := range d.misspelt[resolve(n)] {
		if contains(keys, k) {
			return true
		}
	}
	return false
}

// maxMergeDepth bounds merges inside merged mappings.
const maxMergeDepth = 10

// fields adds the keys of mapping n to out. merging holds the mappings
// being merged on the way here, which are left out of a merge loop; it is
// nil for the mapping itself, whose repeated keys are an error.
func (d *decoder) fields(n *yaml.Node, what string, known []string, out map[string]field, merging []*yaml.Node) {
	own := map[string]bool{}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if isMerge(k) {
			merges = append(merges, k, v)
			continue
		}
		name := k.Value
		if own[name] {
			d.errf(k, "%q is given twice in %s; keep one", name, what)
			continue
		}
		own[name] = true
		if !contains(known, name) {
			if k.Kind != yaml.ScalarNode {
				d.errf(k, "a key in %s should be a plain word, not %s; known keys are %s", what, describe(k), strings.Join(known, ", "))
			} else if near := Nearest(name, known); near != "" {
				d.errf(k, "unknown key %q in %s; did you mean %q?", name, what, near)
				d.misspelt[d.owner] = append(d.misspelt[d.owner], near)
			} else {
				d.errf(k, "unknown key %q in %s; known keys are %s", name, what, strings.Join(known, ", "))
			}
			continue
		}
		if _, set := out[name]; !set || merging == nil {
			out[name] = field{k, v}
		}
	}
	for i := 0; i < len(merges); i += 2 {
		k, v := merges[i], resolve(merges[i+1])
		var maps []*yaml.Node
		switch v.Kind {
		case yaml.MappingNode:
			maps = []*yaml.Node{v}
		case yaml.SequenceNode:
			for _, it := range v.Content {
				maps = append(maps, resolve(it))
			}
		}
		if len(maps) == 0 {
			d.errf(k, "<< (merge) needs a mapping to copy keys from, such as <<: *gentle-stroke, or a list of them; got %s", describe(v))
			continue
		}
		for _, m := range maps {
			switch {
			case m.Kind != yaml.MappingNode:
				d.errf(k, "<< (merge) can copy keys only from a mapping, not from %s", describe(m))
			case slices.Contains(merging, m) || m == n:
				d.errf(k, "<< (merge) copies a mapping into itself; copy from another one")
			case len(merging) >= maxMergeDepth:
				d.errf(k, "<< (merge) goes more than %d merges deep; write the keys out instead", maxMergeDepth)
			default:
				d.fields(m, what, known, out, append(merging, n))
			}
		}
	}
}

// isMerge reports a YAML merge key: << written plainly.
func isMerge(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && (k.Tag == "!!merge" || k.Tag == "tag:yaml.org,2002:merge")
}

func (d *decoder) require(m map[string]field, parent *yaml.Node, what string, keys ...string) {
	for _, k := range keys {
		if _, ok := m[k]; !ok && m != nil && !d.isMisspelt(parent, k) {
			d.errf(parent, "%s is missing %q", what, k)
		}
	}
}

func (d *decoder) str(f field) string {
	n := resolve(f.val)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.errf(n, "%q should be text, not %s", f.key.Value, describe(n))
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// text reads text a person will read, cleaned of control characters and
// escape sequences.
func (d *decoder) text(f field) string {
	return strings.TrimSpace(Clean(d.str(f)))
}

// name reads text that must not be empty, such as a title: empty, or
// nothing left once control characters are removed, is an error that
// says what to write.
func (d *decoder) name(f field, hint string) string {
	n := len(d.errs)
	raw := d.str(f)
	s := strings.TrimSpace(Clean(raw))
	switch {
	case len(d.errs) > n:
	case raw == "":
		d.errf(f.val, "%q is empty; %s", f.key.Value, hint)
	case s == "":
		d.errf(f.val, "%q has only control characters or escape sequences, which cradle removes, so nothing is left; %s", f.key.Value, hint)
	}
	return s
}

// short holds a title or a name to MaxText characters, what a session
// keeps of it: what says which it is, advice how to shorten it.
func (d *decoder) short(f field, s, what, advice string) {
	if n := utf8.RuneCountInString(s); n > MaxText {
		d.errf(f.val, "%s is %d characters; keep it to %d at most (%s)", what, n, MaxText, advice)
	}
}

func (d *decoder) id(f field) string {
	n := len(d.errs)
	s := d.str(f)
	if len(d.errs) == n && !idPattern.MatchString(s) {
		d.errf(f.val, "%q should be lower-case letters, digits and dashes, like \"full-body\"; got %q", f.key.Value, s)
	}
	return s
}

func (d *decoder) boolean(f field) bool {
	n := resolve(f.val)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	}
	d.errf(n, "%q should be true or false, not %s", f.key.Value, describe(n))
	return false
}

func (d *decoder) integer(f field) int {
	n := resolve(f.val)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!int" {
		if v, err := strconv.Atoi(n.Value); err == nil {
			return v
		}
	}
	d.errf(n, "%q should be a whole number, not %s", f.key.Value, describe(n))
	return 0
}

// duration reads 6 (seconds), "6s", "1m30s" or "2m", and checks it is
// above zero and at most an hour.
func (d *decoder) duration(f field) time.Duration {
	n := resolve(f.val)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Tag == "!!bool" {
		d.errf(n, "%q should be a length such as 6s, 1m30s or 45, not %s", f.key.Value, describe(n))
		return 0
	}
	var dur time.Duration
	if v, err := strconv.ParseFloat(n.Value, 64); err == nil && (n.Tag == "!!int" || n.Tag == "!!float") {
		v = min(max(v, -1e6), 1e6) // keep huge numbers huge: converted, they would wrap round
		dur = time.Duration(v * float64(time.Second))
	} else if v, err := time.ParseDuration(strings.ReplaceAll(n.Value, " ", "")); err == nil {
		dur = v
	} else {
		d.errf(n, "%q should be a length such as 6s, 1m30s or 45 (seconds); got %q", f.key.Value, n.Value)
		return 0
	}
	switch {
	case dur <= 0:
		d.errf(n, "%q must be longer than zero; got %s", f.key.Value, n.Value)
		return 0
	case dur > MaxStepLength:
		d.errf(n, "%q must be at most an hour (1h); got %s", f.key.Value, n.Value)
		return 0
	case dur%time.Second != 0:
		d.errf(n, "%q should be whole seconds; got %s", f.key.Value, n.Value)
		return 0
	}
	return dur
}

func (d *decoder) list(f field) []*yaml.Node {
	n := resolve(f.val)
	if n.Kind != yaml.SequenceNode {
		d.errf(n, "%q should be a list (lines starting with \"- \"), not %s", f.key.Value, describe(n))
		return nil
	}
	return n.Content
}

func (d *decoder) strList(f field) []string {
	var out []string
	for _, it := range d.list(f) {
		out = append(out, d.str(field{f.key, it}))
	}
	return out
}

// Talking points are read aloud, or at a glance, by an instructor: a few
// short points a region or a step.
const (
	MaxTeachPoints = 8
	MaxTeachLength = 300 // characters in one point
)

// teach reads talking points: a list of texts, or one text for a single
// point. Each is cleaned, and must be neither empty nor long.
func (d *decoder) teach(f field) []string {
	n := resolve(f.val)
	items := []*yaml.Node{n}
	switch {
	case n.Kind == yaml.SequenceNode:
		items = n.Content
	case n.Kind == yaml.MappingNode:
		d.errf(n, "\"teach\" should be a list of talking points, each on a line starting with \"- \", not a mapping")
		return nil
	case n.Tag == "!!null":
		items = nil
	}
	if len(items) == 0 {
		d.errf(n, "\"teach\" is empty; write a talking point for the instructor, or remove it")
		return nil
	}
	if len(items) > MaxTeachPoints {
		d.errf(items[MaxTeachPoints], "\"teach\" has %d talking points; keep at most %d here, the ones an instructor will say", len(items), MaxTeachPoints)
	}
	var out []string
	for _, it := range items {
		it = resolve(it)
		switch {
		case it.Kind == yaml.MappingNode:
			d.errf(it, "a talking point should be text, not a mapping; put a point holding \": \" in quotes, such as - \"Why legs first: ...\"")
			continue
		case it.Kind != yaml.ScalarNode:
			d.errf(it, "a talking point should be text, not %s", describe(it))
			continue
		}
		raw := strings.TrimSpace(it.Value)
		s := strings.TrimSpace(Clean(raw))
		switch n := utf8.RuneCountInString(s); {
		case it.Tag == "!!null" || raw == "":
			d.errf(it, "a talking point is empty; write the point, or remove the line")
		case s == "":
			d.errf(it, "a talking point has only control characters or escape sequences, which cradle removes, so nothing is left; write the point in words")
		case n > MaxTeachLength:
			d.errf(it, "a talking point is %d characters; keep each to %d at most (one or two sentences), or split it in two", n, MaxTeachLength)
		default:
			out = append(out, s)
		}
	}
	return out
}

// MaxAge is the oldest age a routine file may name: five years (60m,
// 260w or 1825d).
const MaxAge Age = 5 * 365

func (d *decoder) age(f field) Age {
	n := resolve(f.val)
	s := n.Value
	if n.Kind == yaml.ScalarNode && len(s) >= 2 && s[0] >= '0' && s[0] <= '9' {
		days := map[byte]int{'d': 1, 'w': 7, 'm': 30}[s[len(s)-1]]
		if v, err := strconv.Atoi(s[:len(s)-1]); days > 0 && (err == nil || errors.Is(err, strconv.ErrRange)) {
			if err != nil || v > int(MaxAge)/days {
				d.errf(n, "%q should be at most 5 years (60m); got %s", f.key.Value, s)
				return 0
			}
			return Age(v * days)
		}
	}
	if n.Kind == yaml.ScalarNode && s == "0" {
		return 0
	}
	d.errf(n, "%q should be an age such as 10d, 6w or 3m (days, weeks, months); got %s", f.key.Value, describe(n))
	return 0
}

var (
	routineKeys  = []string{"id", "title", "purpose", "why", "ages", "clearance", "base", "baby", "notes", "sources", "opening", "responses", "regions"}
	babyKeys     = []string{"id", "name"}
	ageKeys      = []string{"from", "to"}
	regionKeys   = []string{"id", "name", "position", "oil", "notes", "teach", "checkin", "left_out_when", "steps"}
	stepKeys     = []string{"name", "id", "kind", "side", "reps", "each", "duration", "do", "pressure", "direction", "caution", "sources", "teach", "checkin"}
	responseKeys = []string{"do", "hold", "goto", "say"}
)

func (d *decoder) routine(n *yaml.Node) *Routine {
	r := &Routine{}
	m := d.mapping(n, "the routine", routineKeys)
	d.require(m, n, "the routine", "id", "title", "regions")
	if f, ok := m["id"]; ok {
		r.ID = d.id(f)
		r.idLine, r.idCol = f.val.Line, f.val.Column
	}
	if f, ok := m["title"]; ok {
		r.Title = d.name(f, "give the routine a title, such as \"Bedtime wind-down\"")
		d.short(f, r.Title, "the title", "a few words are best: the home screen gives it one line")
	}
	if f, ok := m["purpose"]; ok {
		r.Purpose = d.text(f)
	}
	if f, ok := m["clearance"]; ok {
		r.Clearance = d.text(f)
	}
	if f, ok := m["base"]; ok {
		r.Base = d.id(f)
	}
	if f, ok := m["baby"]; ok {
		bm := d.mapping(f.val, "baby", babyKeys)
		d.require(bm, f.val, "baby", "id")
		if b, ok := bm["id"]; ok {
			if id := d.integer(b); id > 0 {
				r.For.ID = uint64(id)
			} else if resolve(b.val).Tag == "!!int" {
				d.errf(b.val, "the baby's id should be 1 or more, not %d", id)
			}
		}
		if b, ok := bm["name"]; ok {
			r.For.Name = d.text(b)
		}
	}
	if f, ok := m["why"]; ok {
		r.Why = d.text(f)
	}
	if f, ok := m["notes"]; ok {
		r.Notes = d.text(f)
	}
	if f, ok := m["sources"]; ok {
		r.Sources = cleanAll(d.strList(f))
	}
	if f, ok := m["opening"]; ok {
		r.NoOpening = !d.boolean(f)
	}
	if f, ok := m["ages"]; ok {
		am := d.mapping(f.val, "ages", ageKeys)
		if a, ok := am["from"]; ok {
			r.Ages.From = d.age(a)
		}
		if a, ok := am["to"]; ok {
			r.Ages.To = d.age(a)
			if r.Ages.To != 0 && r.Ages.To < r.Ages.From {
				d.errf(a.val, "ages: \"to\" (%s) comes before \"from\" (%s)", r.Ages.To, r.Ages.From)
			}
		}
	}
	regionIDs := map[string]bool{}
	ids := &stepIDs{declared: map[string]*yaml.Node{}, both: map[string]bool{}}
	if f, ok := m["regions"]; ok {
		items := d.list(f)
		if len(items) == 0 && resolve(f.val).Kind == yaml.SequenceNode {
			d.errf(f.val, "regions is empty; a routine needs at least one region")
		}
		for _, it := range items {
			rg := d.region(it, ids)
			switch {
			case rg.ID == "":
			case rg.ID == OpeningID:
				d.errf(it, "region id %q is kept for the getting-ready ritual cradle adds at the start; choose another id", rg.ID)
			case regionIDs[rg.ID]:
				d.errf(it, "region id %q is used twice; give each region its own id", rg.ID)
			}
			regionIDs[rg.ID] = true
			r.Regions = append(r.Regions, rg)
		}
	}
	if f, ok := m["responses"]; ok {
		r.Responses = d.responses(f, ids)
	}
	if total := r.Length(); total > MaxRoutineTime {
		d.errf(n, "the routine lasts %s; a routine must be at most 3 hours", FormatLength(total))
	}
	return r
}

func (d *decoder) region(n *yaml.Node, ids *stepIDs) Region {
	rg := Region{CheckIn: true}
	m := d.mapping(n, "a region", regionKeys)
	d.require(m, n, "a region", "id", "name", "steps")
	if f, ok := m["id"]; ok {
		rg.ID = d.id(f)
	}
	if f, ok := m["name"]; ok {
		rg.Name = d.name(f, "give the region a name, such as \"Legs and feet\"")
		d.short(f, rg.Name, "the region's name", "a few words are best: the session shows it above every step")
	}
	if f, ok := m["position"]; ok {
		switch p := Position(d.str(f)); {
		case containsP(Positions, p):
			rg.Position = p
		case p != "":
			d.errf(f.val, "position should be %s; got %q", orList(strs(Positions)), p)
		}
	}
	if f, ok := m["oil"]; ok {
		rg.NoOil = !d.boolean(f)
	}
	if f, ok := m["notes"]; ok {
		rg.Notes = d.text(f)
	}
	if f, ok := m["teach"]; ok {
		rg.Teach = d.teach(f)
	}
	if f, ok := m["checkin"]; ok {
		rg.CheckIn = d.boolean(f)
	}
	if f, ok := m["left_out_when"]; ok {
		for _, it := range d.list(f) {
			a := Readiness(d.str(field{f.key, it}))
			if a != "" && !containsR(ReadinessAnswers, a) {
				d.errf(it, "left_out_when: unknown readiness answer %q; use one of %s", a, joinR(ReadinessAnswers))
				continue
			}
			rg.LeftOutWhen = append(rg.LeftOutWhen, a)
		}
	}
	if f, ok := m["steps"]; ok {
		items := d.list(f)
		if len(items) == 0 && resolve(f.val).Kind == yaml.SequenceNode {
			d.errf(f.val, "region %q has no steps; add at least one, or remove the region", rg.ID)
		}
		for _, it := range items {
			rg.Steps = append(rg.Steps, d.step(it, ids))
		}
	}
	return rg
}

func (d *decoder) step(n *yaml.Node, ids *stepIDs) Step {
	st := Step{Kind: StepStroke}
	m := d.mapping(n, "a step", stepKeys)
	d.require(m, n, "a step", "name")
	if f, ok := m["name"]; ok {
		st.Name = d.name(f, "give the step a name, such as \"Resting hands\"")
		d.short(f, st.Name, "the step's name", "a few words are best: it is the step's title; say how in \"do\"")
	}
	idField, hasID := m["id"]
	if hasID {
		st.ID = d.id(idField)
	}
	if f, ok := m["kind"]; ok {
		k := StepKind(d.str(f))
		if k != "" && !containsK(StepKinds, k) {
			msg := fmt.Sprintf("unknown kind %q; use one of %s", k, joinK(StepKinds))
			if near := Nearest(string(k), kindNames()); near != "" {
				msg = fmt.Sprintf("unknown kind %q; did you mean %q?", k, near)
			}
			d.errf(f.val, "%s", msg)
		} else if k != "" {
			st.Kind = k
		}
	}
	if f, ok := m["side"]; ok {
		switch s := Side(d.str(f)); s {
		case SideLeft, SideRight, SideBoth:
			st.Side = s
		case "":
		default:
			d.errf(f.val, "side should be left, right or both; got %q", s)
		}
	}
	reps, hasReps := m["reps"]
	each, hasEach := m["each"]
	dur, hasDur := m["duration"]
	if st.Kind == StepPrepare {
		// Getting ready waits for the parent: it has no repetitions, no
		// side, no pressure of its own, and asks nothing after it.
		for _, k := range []string{"reps", "each", "side", "pressure", "direction", "checkin"} {
			if f, ok := m[k]; ok {
				d.errf(f.key, "%s is not for a prepare step, which waits for you to get ready (turn your baby, wipe your hands); remove it%s", k, prepareHint[k])
			}
		}
		hasReps, hasEach = false, false
	}
	switch {
	case st.Kind == StepPrepare && !hasDur:
		st.Duration = PrepareWait
	case hasDur && (hasReps || hasEach):
		d.errf(dur.key, "give either duration, or reps with each, not both")
	case hasDur:
		st.Duration = d.duration(dur)
	case hasReps && hasEach:
		n := len(d.errs)
		st.Reps = d.integer(reps)
		isInt := len(d.errs) == n // else it is reported already
		st.Each = d.duration(each)
		if isInt && (st.Reps < 1 || st.Reps > 100) {
			d.errf(reps.val, "reps should be between 1 and 100; got %s", reps.val.Value)
			st.Reps = 0
		} else if st.Each > 0 && st.Length() > MaxStepLength {
			d.errf(reps.key, "reps x each is %s; a step must be at most an hour", FormatLength(st.Length()))
		}
	case d.isMisspelt(n, "duration", "reps", "each"):
		// reported as the misspelling
	case hasReps:
		d.errf(reps.key, "reps needs each: the length of one repetition, such as each: 6s")
	case hasEach:
		d.errf(each.key, "each needs reps: how many times to repeat, such as reps: 3")
	default:
		if m != nil {
			d.errf(n, "step %q needs a length: duration: 30s, or reps: 3 with each: 6s", st.Name)
		}
	}
	for key, dst := range map[string]*string{"do": &st.Do, "pressure": &st.Pressure, "direction": &st.Direction, "caution": &st.Caution} {
		if f, ok := m[key]; ok {
			*dst = d.text(f)
		}
	}
	if f, ok := m["sources"]; ok {
		st.Sources = cleanAll(d.strList(f))
	}
	if f, ok := m["teach"]; ok {
		st.Teach = d.teach(f)
	}
	if f, ok := m["checkin"]; ok && st.Kind != StepPrepare {
		st.CheckIn = d.boolean(f)
	}
	if st.Kind == StepPrepare {
		st.Side, st.Pressure, st.Direction = SideNone, "", ""
	}
	if hasID && idPattern.MatchString(st.ID) {
		d.declare(ids, st.ID, st.Side == SideBoth, idField.val)
	}
	return st
}

// stepIDs are the step ids of a routine so far. A step with side: both
// becomes two steps, ID-left and ID-right, and those ids are taken too.
type stepIDs struct {
	declared map[string]*yaml.Node // the ids written in the file
	both     map[string]bool       // ids of steps with side: both
}

// has reports whether a goto may name id: a step's id, or one side of a
// step with side: both.
func (ids *stepIDs) has(id string) bool {
	if _, ok := ids.declared[id]; ok {
		return true
	}
	for _, side := range []Side{SideLeft, SideRight} {
		if base, ok := strings.CutSuffix(id, "-"+string(side)); ok && ids.both[base] {
			return true
		}
	}
	return false
}

// declare records a step id, reporting one used before, whether written
// or made by side: both.
func (d *decoder) declare(ids *stepIDs, id string, both bool, at *yaml.Node) {
	if _, dup := ids.declared[id]; dup {
		d.errf(at, "step id %q is used twice; give each step its own id", id)
		return
	}
	for _, side := range []Side{SideLeft, SideRight} {
		if base, ok := strings.CutSuffix(id, "-"+string(side)); ok && ids.both[base] {
			d.errf(at, "step id %q is taken: step %q has side: both, and its %s side is called %q; choose another id", id, base, side, id)
			return
		}
		if sided := id + "-" + string(side); both {
			if _, dup := ids.declared[sided]; dup {
				d.errf(at, "step %q has side: both, so its %s side is called %q, but another step already has that id; choose another id", id, side, sided)
				return
			}
		}
	}
	ids.declared[id] = at
	if both {
		ids.both[id] = true
	}
}

// unused reports keys of a response that its action would leave unused,
// so that nobody waits for a hold or words that never come.
func (d *decoder) unused(rm map[string]field, a Action) {
	if !containsA(Actions, a) {
		return
	}
	rests := a == ActionSlowDown || a == ActionHoldOffer
	if f, ok := rm["hold"]; ok && !rests {
		d.errf(f.key, "hold is how long the hands rest, which only slow-down and hold-offer do; with %s, remove it", a)
	}
	if f, ok := rm["goto"]; ok && a == ActionEnd {
		d.errf(f.key, "goto has nothing to go on to, as end ends the session; remove it")
	}
	if f, ok := rm["say"]; ok && !rests && a != ActionEnd {
		d.errf(f.key, "say is shown while the hands rest (slow-down, hold-offer) or as the session ends (end); with %s it would never be seen, so remove it", a)
	}
}

// actionSay are the words of an action given to an answer that usually
// does something else, when the routine gives none.
var actionSay = map[Action]string{
	ActionGoOn:       "Carry on.",
	ActionSlowDown:   DefaultResponses[CueSubtle].Say,
	ActionHoldOffer:  DefaultResponses[CueFussing].Say,
	ActionSkipRegion: "Leave out the next part today.",
	ActionEnd:        "That is enough for today. Finish with a cuddle.",
}

// endsWhy says why an answer always ends the session.
var endsWhy = map[Cue]string{
	CueCrying: "a crying baby is comforted, not massaged on",
	CueAsleep: "a sleeping baby is not massaged on",
}

func (d *decoder) responses(f field, ids *stepIDs) map[Cue]Response {
	names := make([]string, 0, len(Cues)+1)
	for _, c := range append([]Cue{CueUnanswered}, Cues...) {
		names = append(names, string(c))
	}
	out := map[Cue]Response{}
	for name, rf := range d.mapping(f.val, "responses", names) {
		c := Cue(name)
		resp := DefaultResponses[c]
		resp.Hold, resp.Goto = 0, ""
		rm := d.mapping(rf.val, "the response to "+name, responseKeys)
		d.require(rm, rf.val, "the response to "+name, "do")
		if af, ok := rm["do"]; ok {
			a := Action(d.str(af))
			if !containsA(Actions, a) {
				d.errf(af.val, "unknown action %q; use one of %s", a, joinA(Actions))
			} else if Ends(c) && a != ActionEnd {
				d.errf(af.val, "%s always ends the session (%s); use do: end, and say: for your own words", c, endsWhy[c])
			}
			if a != resp.Action { // the usual words would not fit
				resp.Say = actionSay[a]
			}
			resp.Action = a
		}
		if hf, ok := rm["hold"]; ok {
			resp.Hold = d.duration(hf)
		} else if resp.Action == ActionSlowDown || resp.Action == ActionHoldOffer {
			resp.Hold = DefaultResponses[c].Hold
			if resp.Hold == 0 {
				resp.Hold = 15 * time.Second
			}
		}
		if gf, ok := rm["goto"]; ok {
			resp.Goto = d.str(gf)
			if !ids.has(resp.Goto) && resp.Goto != "" {
				d.errf(gf.val, "goto points to step %q, which does not exist; give a step that id, or use one of %s", resp.Goto, knownIDs(ids.declared))
			}
		}
		if sf, ok := rm["say"]; ok {
			resp.Say = d.text(sf)
		}
		d.unused(rm, resp.Action)
		out[c] = resp
	}
	return out
}

// prepareHint says, for a key a prepare step may not have, what to write
// instead.
var prepareHint = map[string]string{
	"reps":    "; duration is how long it waits at most",
	"each":    "; duration is how long it waits at most",
	"side":    "",
	"checkin": ", or put checkin on the step before it",
}

// orList is "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// --- small helpers ---

func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return n.Content[0]
	}
	return n
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!null":
		return "nothing"
	case "!!bool":
		return "true/false (" + n.Value + ")"
	case "!!int", "!!float":
		return "a number (" + n.Value + ")"
	}
	return fmt.Sprintf("%q", n.Value)
}

func knownIDs(m map[string]*yaml.Node) string {
	if len(m) == 0 {
		return "none (no step has an id yet)"
	}
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return strings.Join(ids, ", ")
}

func cleanAll(ss []string) []string {
	for i := range ss {
		ss[i] = strings.TrimSpace(Clean(ss[i]))
	}
	return ss
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsK(list []StepKind, k StepKind) bool   { return contains(strs(list), string(k)) }
func containsA(list []Action, a Action) bool       { return contains(strs(list), string(a)) }
func containsR(list []Readiness, r Readiness) bool { return contains(strs(list), string(r)) }
func containsP(list []Position, p Position) bool   { return contains(strs(list), string(p)) }
func joinK(list []StepKind) string                 { return strings.Join(strs(list), ", ") }
func joinA(list []Action) string                   { return strings.Join(strs(list), ", ") }
func joinR(list []Readiness) string                { return strings.Join(strs(list), ", ") }
func kindNames() []string                          { return strs(StepKinds) }

func strs[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = string(x)
	}
	return out
}

// Nearest returns the known word closest to s, if it is close enough to be
// a likely typo.
func Nearest(s string, known []string) string {
	best, bestD := "", 1<<30
	for _, k := range known {
		if diff := len(s) - len(k); diff > len(k) || -diff > len(k) {
			continue // far too long or short to be a typo, and slow to compare
		}
		if dist := editDistance(strings.ToLower(s), k); dist < bestD {
			best, bestD = k, dist
		}
	}
	if bestD <= max(1, len(best)/3) {
		return best
	}
	return ""
}

// editDistance counts the edits from a to b: a character added, removed,
// changed, or two neighbours swapped ("nmae" is one edit from "name").
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// three rows of the table: two back, one back, this one
	prev2, prev, cur := make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
