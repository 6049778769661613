package routines

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cradle-coach/cradle/internal/scratch"
	"go.yaml.in/yaml/v3"
)

// The shape of a routine file, for writing. Parse reads the same keys;
// defaults are left out so a written file reads like a hand-written one.
type (
	fileRoutine struct {
		ID        string                  `yaml:"id"`
		Title     string                  `yaml:"title"`
		Purpose   string                  `yaml:"purpose,omitempty"`
		Why       string                  `yaml:"why,omitempty"`
		Ages      *fileAges               `yaml:"ages,omitempty"`
		Clearance string                  `yaml:"clearance,omitempty"`
		Base      string                  `yaml:"base,omitempty"`
		Baby      *fileBaby               `yaml:"baby,omitempty"`
		Notes     string                  `yaml:"notes,omitempty"`
		Sources   []string                `yaml:"sources,omitempty,flow"`
		Opening   *bool                   `yaml:"opening,omitempty"`
		Responses map[string]fileResponse `yaml:"responses,omitempty"`
		Regions   []fileRegion            `yaml:"regions"`
	}
	fileBaby struct {
		ID   uint64 `yaml:"id"`
		Name string `yaml:"name,omitempty"`
	}
	fileAges struct {
		From string `yaml:"from,omitempty"`
		To   string `yaml:"to,omitempty"`
	}
	fileResponse struct {
		Do   string `yaml:"do"`
		Hold string `yaml:"hold,omitempty"`
		Goto string `yaml:"goto,omitempty"`
		Say  string `yaml:"say,omitempty"`
	}
	fileRegion struct {
		ID          string     `yaml:"id"`
		Name        string     `yaml:"name"`
		Position    string     `yaml:"position,omitempty"`
		Oil         *bool      `yaml:"oil,omitempty"`
		Notes       string     `yaml:"notes,omitempty"`
		Teach       []string   `yaml:"teach,omitempty"`
		CheckIn     *bool      `yaml:"checkin,omitempty"`
		LeftOutWhen []string   `yaml:"left_out_when,omitempty,flow"`
		Steps       []fileStep `yaml:"steps"`
	}
	fileStep struct {
		Name      string   `yaml:"name"`
		ID        string   `yaml:"id,omitempty"`
		Kind      string   `yaml:"kind,omitempty"`
		Side      string   `yaml:"side,omitempty"`
		Reps      int      `yaml:"reps,omitempty"`
		Each      string   `yaml:"each,omitempty"`
		Duration  string   `yaml:"duration,omitempty"`
		CheckIn   bool     `yaml:"checkin,omitempty"`
		Do        string   `yaml:"do,omitempty"`
		Pressure  string   `yaml:"pressure,omitempty"`
		Direction string   `yaml:"direction,omitempty"`
		Caution   string   `yaml:"caution,omitempty"`
		Sources   []string `yaml:"sources,omitempty,flow"`
		Teach     []string `yaml:"teach,omitempty"`
	}
)

// Marshal writes a routine in the routine file format, with header (if
// any) as comment lines at the top. Parse reads the result back into the
// same routine. The routine is checked first: what Marshal returns always
// parses.
func Marshal(r *Routine, header string) ([]byte, error) {
	f := fileRoutine{ID: r.ID, Title: r.Title, Purpose: r.Purpose, Why: r.Why, Clearance: r.Clearance, Base: r.Base, Notes: r.Notes, Sources: r.Sources}
	if r.For.ID != 0 {
		f.Baby = &fileBaby{ID: r.For.ID, Name: r.For.Name}
	}
	if r.Ages != (AgeRange{}) {
		f.Ages = &fileAges{From: ageText(r.Ages.From), To: ageText(r.Ages.To)}
		if r.Ages.To == 0 {
			f.Ages.To = ""
		}
	}
	if r.NoOpening {
		f.Opening = new(bool)
	}
	if len(r.Responses) > 0 {
		f.Responses = map[string]fileResponse{}
		for c, resp := range r.Responses {
			fr := fileResponse{Do: string(resp.Action), Goto: resp.Goto, Say: resp.Say}
			if resp.Hold > 0 {
				fr.Hold = durationText(resp.Hold)
			}
			f.Responses[string(c)] = fr
		}
	}
	for _, rg := range r.Regions {
		fr := fileRegion{ID: rg.ID, Name: rg.Name, Position: string(rg.Position), Notes: rg.Notes, Teach: rg.Teach}
		if rg.NoOil {
			fr.Oil = new(bool)
		}
		if !rg.CheckIn {
			fr.CheckIn = new(bool)
		}
		for _, a := range rg.LeftOutWhen {
			fr.LeftOutWhen = append(fr.LeftOutWhen, string(a))
		}
		for _, st := range rg.Steps {
			fs := fileStep{Name: st.Name, ID: st.ID, Side: string(st.Side), CheckIn: st.CheckIn,
				Do: st.Do, Pressure: st.Pressure, Direction: st.Direction, Caution: st.Caution, Sources: st.Sources, Teach: st.Teach}
			if st.Kind != StepStroke {
				fs.Kind = string(st.Kind)
			}
			if st.Reps > 0 {
				fs.Reps, fs.Each = st.Reps, durationText(st.Each)
			} else {
				fs.Duration = durationText(st.Duration)
			}
			fr.Steps = append(fr.Steps, fs)
		}
		f.Regions = append(f.Regions, fr)
	}
	var buf bytes.Buffer
	if header != "" {
		for _, line := range strings.Split(header, "\n") {
			buf.WriteString(strings.TrimRight("# "+line, " ") + "\n")
		}
	}
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("writing routine %q: %w", r.ID, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("writing routine %q: %w", r.ID, err)
	}
	if _, err := Parse(r.ID+".yaml", buf.Bytes()); err != nil {
		return nil, fmt.Errorf("routine %q would not read back: %w", r.ID, err)
	}
	return buf.Bytes(), nil
}

// durationText is a length as a file writes it: "6s", "1m30s", "2m".
func durationText(d time.Duration) string {
	s := d.Round(time.Second).String()
	for _, zero := range []string{"0s", "0m"} {
		if len(s) > len(zero) && s[len(s)-len(zero):] == zero && (s[len(s)-len(zero)-1] < '0' || s[len(s)-len(zero)-1] > '9') {
			s = s[:len(s)-len(zero)]
		}
	}
	return s
}

// ageText is an age as a file writes it: 10d, 6w or 3m.
func ageText(a Age) string {
	switch {
	case a == 0:
		return "0d"
	case a%30 == 0:
		return fmt.Sprintf("%dm", a/30)
	case a%7 == 0:
		return fmt.Sprintf("%dw", a/7)
	}
	return fmt.Sprintf("%dd", a)
}

// FilePath is where SaveFile puts the routine id in dir.
func FilePath(dir, id string) string { return filepath.Join(dir, id+".yaml") }

// FileSaved is when the file SaveFile would write for id in dir was last
// saved; zero when there is none.
func FileSaved(dir, id string) time.Time {
	if info, err := os.Stat(FilePath(dir, id)); err == nil {
		return info.ModTime()
	}
	return time.Time{}
}

// DeleteFile removes the file SaveFile wrote for id in dir; a file
// already gone is no error.
func DeleteFile(dir, id string) error {
	err := os.Remove(FilePath(dir, id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// SaveFile writes r as ID.yaml into dir (made if missing), replacing an
// earlier file of that name only once the new one is complete, and
// returns the file's path.
func SaveFile(dir string, r *Routine, header string) (string, error) {
	data, err := Marshal(r, header)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("cannot create the routines folder: %w", err)
	}
	path := FilePath(dir, r.ID)
	if err := scratch.WriteFile(path, data, 0o644, true); err != nil {
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	return path, nil
}
