// Package plural holds the one way cradle counts things in words: "1
// session", "3 sessions".
package plural

import (
	"strconv"
	"strings"
)

// Of is n and the word for one or more of it: one unchanged, else many
// when given, else the word's regular plural ("day" → "days", "baby" →
// "babies"). A phrase such as "session was" / "sessions were" needs many.
func Of(n int, one string, many ...string) string {
	word := one
	switch {
	case n == 1:
	case len(many) > 0:
		word = many[0]
	case consonantY(one):
		word = one[:len(one)-1] + "ies"
	default:
		word = one + "s"
	}
	return strconv.Itoa(n) + " " + word
}

// consonantY is true for a word whose plural is -ies: a y after a
// consonant (baby, entry), not after a vowel (day, key).
func consonantY(w string) bool {
	return len(w) >= 2 && w[len(w)-1] == 'y' && !strings.ContainsRune("aeiou", rune(w[len(w)-2]))
}
