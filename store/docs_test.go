package store_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cradle-coach/cradle/store"
)

// docs/DATA.md says what each column of the CSV holds: its table names
// every column ExportCSV writes, in the order it writes them, and no other.
func TestDataDocNamesEveryColumn(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "DATA.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n## The CSV\n")
	if !ok {
		t.Fatal(`docs/DATA.md has no "## The CSV" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	name := regexp.MustCompile("`([^`]+)`")
	var documented []string
	for _, line := range strings.Split(section, "\n") {
		if cells := strings.Split(line, "|"); len(cells) > 2 && strings.HasPrefix(line, "| `") {
			for _, m := range name.FindAllStringSubmatch(cells[1], -1) {
				documented = append(documented, m[1])
			}
		}
	}
	if !slices.Equal(documented, store.CSVColumns) {
		t.Errorf("docs/DATA.md's table of the CSV names the columns\n%q\nExportCSV writes\n%q", documented, store.CSVColumns)
	}
}
