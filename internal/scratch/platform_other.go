//go:build !unix

package scratch

import "os"

const noCTTY = 0

// keepOwner does nothing where files have no owner cradle can set.
func keepOwner(*os.File, os.FileInfo) {}
