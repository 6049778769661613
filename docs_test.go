package main

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// Every relative link in README.md and docs/*.md leads somewhere: the file
// or folder it names exists, and an anchor (#a-heading) is a heading of
// the page it points into. A page moved or a heading renamed fails here,
// naming the page and the link.
func TestDocLinks(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join("docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	pages = append([]string{"README.md"}, pages...)
	anchorsOf := map[string]map[string]bool{}
	anchors := func(page string) map[string]bool {
		if a, ok := anchorsOf[page]; ok {
			return a
		}
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		anchorsOf[page] = headingAnchors(string(data))
		return anchorsOf[page]
	}
	checked := 0
	for _, page := range pages {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, target := range markdownLinks(string(data)) {
			if u, err := url.Parse(target); err != nil || u.Scheme != "" || strings.HasPrefix(target, "//") {
				continue // a web address, not ours to check
			}
			checked++
			path, frag, _ := strings.Cut(target, "#")
			path, err := url.PathUnescape(path)
			if err != nil {
				t.Errorf("%s: link %q: %v", page, target, err)
				continue
			}
			dest := page
			if path != "" {
				dest = filepath.Join(filepath.Dir(page), filepath.FromSlash(path))
				if _, err := os.Stat(dest); err != nil {
					t.Errorf("%s: link %q: there is no %s", page, target, filepath.ToSlash(dest))
					continue
				}
			}
			switch {
			case frag == "":
			case strings.HasSuffix(dest, ".md"):
				if !anchors(dest)[frag] {
					t.Errorf("%s: link %q: %s has no heading #%s", page, target, filepath.ToSlash(dest), frag)
				}
			case !regexp.MustCompile(`^L\d+(-L\d+)?$`).MatchString(frag):
				t.Errorf("%s: link %q: an anchor into %s, which is not a page", page, target, filepath.ToSlash(dest))
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d relative links found in %d pages: is the link pattern still right?", checked, len(pages))
	}
}

var (
	fence     = regexp.MustCompile("(?m)^ {0,3}(```|~~~)")
	codeSpan  = regexp.MustCompile("`[^`\n]*`")
	inlineRef = regexp.MustCompile(`\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	refDef    = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)`)
	heading   = regexp.MustCompile(`(?m)^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$`)
	htmlID    = regexp.MustCompile(`<a\s+(?:id|name)="([^"]+)"`)
	linkText  = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
)

// prose is a page without its fenced code blocks, so a heading or a link
// shown as an example is not taken for one.
func prose(doc string) string {
	var b strings.Builder
	in := false
	for _, line := range strings.SplitAfter(doc, "\n") {
		if fence.MatchString(line) {
			in = !in
			continue
		}
		if !in {
			b.WriteString(line)
		}
	}
	return b.String()
}

// markdownLinks are the targets of a page's links and images, inline or
// by reference, leaving out those inside code.
func markdownLinks(doc string) []string {
	text := codeSpan.ReplaceAllString(prose(doc), "")
	var out []string
	for _, m := range inlineRef.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	// A reference definition ([x]: target) starts a block of its own: in
	// a paragraph, "[S50]: ..." at the start of a line is only text.
	blockStart := true
	for _, line := range strings.Split(text, "\n") {
		m := refDef.FindStringSubmatch(line)
		if m != nil && blockStart {
			out = append(out, m[1])
		}
		blockStart = m != nil && blockStart || strings.TrimSpace(line) == ""
	}
	return out
}

// headingAnchors are the anchors GitHub gives a page's headings: the
// heading's text in lower case, without punctuation but hyphens and
// underscores, spaces made hyphens; a repeated one gets -1, -2... Named
// anchors (<a id="...">) count too.
func headingAnchors(doc string) map[string]bool {
	text := prose(doc)
	seen := map[string]bool{}
	for _, m := range heading.FindAllStringSubmatch(text, -1) {
		slug := slugOf(linkText.ReplaceAllString(m[1], "$1"))
		for n, s := 1, slug; ; n++ {
			if !seen[s] {
				seen[s] = true
				break
			}
			s = slug + "-" + strconv.Itoa(n)
		}
	}
	for _, m := range htmlID.FindAllStringSubmatch(text, -1) {
		seen[m[1]] = true
	}
	return seen
}

// slugOf is a heading's anchor.
func slugOf(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r) || unicode.Is(unicode.Pc, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// slugOf follows GitHub's rule for a heading's anchor: punctuation goes,
// underscores and hyphens stay, each space is a hyphen.
func TestSlugOf(t *testing.T) {
	for heading, want := range map[string]string{
		"Getting ready: turning the baby, oil, `prepare` steps":        "getting-ready-turning-the-baby-oil-prepare-steps",
		"Plain lines, for a screen reader or a plain terminal":         "plain-lines-for-a-screen-reader-or-a-plain-terminal",
		"`left_out_when` and `checkin`":                                "left_out_when-and-checkin",
		"Why massage? (`routines/why.go`) and the routines' why lines": "why-massage-routineswhygo-and-the-routines-why-lines",
		"The learning plan · week 1 to 7":                              "the-learning-plan--week-1-to-7",
	} {
		if got := slugOf(heading); got != want {
			t.Errorf("slugOf(%q) = %q, want %q", heading, got, want)
		}
	}
	got := headingAnchors("# A\n\n```\n# Not a heading\n```\n\n## A\n\n## B [link](x.md)\n")
	for _, want := range []string{"a", "a-1", "b-link"} {
		if !got[want] {
			t.Errorf("headingAnchors: no %q in %v", want, got)
		}
	}
	if got["not-a-heading"] {
		t.Error("headingAnchors: a heading inside a code block was taken")
	}
}
