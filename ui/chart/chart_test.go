package chart

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestShares(t *testing.T) {
	if got := Shares([]int{9, 0, 1, 0, 0, 0}, 20); !reflect.DeepEqual(got, []int{18, 0, 2, 0, 0, 0}) {
		t.Errorf("9 and 1 in 20: %v", got)
	}
	if got := Shares([]int{98, 1, 1}, 10); !reflect.DeepEqual(got, []int{8, 1, 1}) {
		t.Errorf("a small count still shows: %v", got)
	}
	rng := rand.New(rand.NewSource(1))
	for range 2000 {
		counts := make([]int, 6)
		for i := range counts {
			if rng.Intn(2) == 0 {
				counts[i] = rng.Intn(50)
			}
		}
		w := rng.Intn(40) + 1
		got := Shares(counts, w)
		sum, nonzero := 0, 0
		for _, c := range counts {
			if c > 0 {
				nonzero++
			}
		}
		for i, n := range got {
			sum += n
			if n < 0 || counts[i] == 0 && n > 0 {
				t.Fatalf("Shares(%v, %d) = %v", counts, w, got)
			}
			if counts[i] > 0 && n == 0 && nonzero <= w {
				t.Fatalf("Shares(%v, %d) = %v: a count is hidden", counts, w, got)
			}
		}
		if total := sum; nonzero > 0 && total != w {
			t.Fatalf("Shares(%v, %d) = %v: %d cells", counts, w, got, total)
		}
	}
}

func TestColumns(t *testing.T) {
	st := ColumnStyle{}
	rows := Columns([]int{0, 1, 3, 6}, []bool{true, false, false, false}, 3, 3, 2, 1, st)
	want := []string{
		"         ██",
		"┈┈ ┈┈ ▄▄ ██",
		"·· ▄▄ ██ ██",
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("columns:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	for _, r := range rows {
		if w := ansi.StringWidth(r); w != 11 {
			t.Errorf("row %q is %d wide", r, w)
		}
	}
	// A goal of 3 where a week had 14 falls in the bottom row, on a short
	// chart: its line is drawn there rather than lost.
	rows = Columns([]int{0, 1, 14}, nil, 3, 4, 2, 1, st)
	if !strings.Contains(rows[3], "┈┈") {
		t.Errorf("the goal is not shown on a short chart:\n%s", strings.Join(rows, "\n"))
	}
	if got := Stacked([]int{1, 1}, 4, []string{"█", "░"}, []lipgloss.Style{{}, {}}); got != "██░░" {
		t.Errorf("stacked %q", got)
	}
}
