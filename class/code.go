package class

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strings"
	"unicode"
)

// Code is a class's code: three short words a family types to join, said
// aloud or written on a board. It is stored as the words, lower case,
// one space between them.
type Code string

// codeWords are the words codes are made of: short, common, spelt as they
// sound, none a homophone of another, none unkind. 256 words make
// 16,777,216 codes; five wrong tries a minute from an address (WrongCodes)
// leave a guesser nowhere near in a class's hour.
var codeWords = strings.Fields(`
acorn amber anchor apple apron arrow aspen autumn badger bakery bamboo banjo
barley basket beach beacon beaver berry birch biscuit blanket blossom bonnet
bramble breeze brook bubble bucket bunny butter button cabin cactus camel
candle canoe canyon carrot castle cedar cherry chestnut cider circle clover
cobble comet cookie copper coral cotton cradle crayon cricket crocus daisy
dandelion dawn desert dolphin donkey dragon drum dune eagle easel echo ember
falcon fawn feather fern fiddle finch fjord flannel flute forest fossil fox
garden garnet gecko ginger glacier glove goose granite grape gravel harbor
harvest hazel heron hickory hill honey hoop island ivory jacket jasmine jelly
jigsaw kettle kitten koala ladder lagoon lantern lark lemon lily linen llama
lobster lotus lupin magnet mango maple marble meadow melon mint mitten moon
moss muffin nectar nest nutmeg oak oasis ocean olive orbit orchard otter owl
paddle panda pansy paper parsley peach pebble pelican pepper petal piano
pillow pine planet plum pocket pony poppy prairie puffin pumpkin quail quilt
rabbit radish rain raven reed ribbon river robin rocket rose ruby saddle
saffron sailor salmon sandal sapling scarf seal shell shore silver sketch
sled sloth snail sparrow spruce squirrel star stone straw summit sunset swan
teapot thistle thunder tiger timber toast topaz tortoise tulip tundra turnip
valley velvet violet walnut walrus wander whale wheat willow window winter
wool wren yarrow yoghurt zebra zephyr zinnia basil cocoa fable gully hammock
iris juniper kayak lilac mural noodle opal pinecone quartz rhubarb sequoia
thimble tidepool umber vanilla wafer yodel harp lemur orca pearl bison lynx tapir
`)

// CodeLength is how many words a code has.
const CodeLength = 3

// NewCode draws a code from the word list with r (crypto/rand.Reader, or a
// fixed source in tests).
func NewCode(r io.Reader) (Code, error) {
	if r == nil {
		r = rand.Reader
	}
	words := make([]string, CodeLength)
	for i := range words {
		n, err := rand.Int(r, big.NewInt(int64(len(codeWords))))
		if err != nil {
			return "", fmt.Errorf("making a class code: %w", err)
		}
		words[i] = codeWords[n.Int64()]
	}
	return Code(strings.Join(words, " ")), nil
}

// ParseCode reads a code an instructor chose (--code): three words of
// letters, in any case, separated by spaces, hyphens or dots.
func ParseCode(s string) (Code, error) {
	words := codeFields(s)
	if len(words) != CodeLength {
		return "", fmt.Errorf("a class code is %d short words, such as %q; %q has %d", CodeLength, "maple otter drum", s, len(words))
	}
	for _, w := range words {
		if len([]rune(w)) > 12 {
			return "", fmt.Errorf("%q is a long word for a class code: families type it, so keep each word to 12 letters", w)
		}
		for _, r := range w {
			if !unicode.IsLetter(r) {
				return "", fmt.Errorf("a class code is made of letters only; %q has %q", w, string(r))
			}
		}
	}
	if words[0] == words[1] && words[1] == words[2] {
		return "", errors.New("a class code of one word three times is easy to guess: choose three different words")
	}
	return Code(strings.Join(words, " ")), nil
}

// codeFields splits typed text into lower-case words, at spaces, hyphens,
// dots and commas, as a family may type the code off a board.
func codeFields(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '.' || r == ',' || r == '_'
	})
}

// Matches reports whether typed is the code, in any case and with any
// separators. It compares digests of the same length in constant time,
// so how long it takes says nothing of how much was right.
func (c Code) Matches(typed string) bool {
	got := sha256.Sum256([]byte(strings.Join(codeFields(typed), " ")))
	want := sha256.Sum256([]byte(c))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}

// Words are the code's words.
func (c Code) Words() []string { return slices.Clone(strings.Fields(string(c))) }
