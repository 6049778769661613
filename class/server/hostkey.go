package server

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/cradle-coach/cradle/internal/scratch"
	gossh "golang.org/x/crypto/ssh"
)

// HostKey reads the class's host key from path, making it the first time:
// an ed25519 key, readable by its owner only (0600). The same key every
// class, so a family's ssh knows the host again and never warns them.
func HostKey(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err == nil {
		if _, err := gossh.ParsePrivateKey(data); err != nil {
			return nil, fmt.Errorf("the class's host key %s is damaged (%v): move it away, and a new one is made (families' ssh will then warn them once)", path, err)
		}
		return data, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading the class's host key: %w", err)
	}
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("making the class's host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(key, "cradle class host key")
	if err != nil {
		return nil, fmt.Errorf("making the class's host key: %w", err)
	}
	data = pem.EncodeToMemory(block)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("making the folder for the class's host key: %w", err)
	}
	// Written whole beside it, then linked into place: two classes started
	// at once make one key between them, and neither reads half of it.
	if err := scratch.WriteFile(path, data, 0o600, false); errors.Is(err, fs.ErrExist) {
		return HostKey(path)
	} else if err != nil {
		return nil, fmt.Errorf("saving the class's host key: %w", err)
	}
	return data, nil
}
