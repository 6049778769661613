//go:build ignore

// ansi turns a styled golden file (golden.Markup) back into what a
// terminal receives, for freeze to draw: go run docs/pictures/ansi.go FILE.
package main

import (
	"fmt"
	"os"

	"github.com/cradle-coach/cradle/internal/golden"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run docs/pictures/ansi.go GOLDEN")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := golden.ANSI(string(data))
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
	fmt.Print(out)
}
