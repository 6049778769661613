package ui

import (
	"time"

	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// DemoStore is the store of a demonstration (cradle --present): the baby
// is a doll, and nothing is read from or written to any database.
func DemoStore() Store { return demoStore{} }

type demoStore struct{}

// demoBaby is the doll an instructor demonstrates on.
var demoBaby = store.Baby{ID: 1, Name: "Demo doll"}

func (demoStore) Path() string                                  { return "" }
func (demoStore) Babies() ([]store.Baby, error)                 { return []store.Baby{demoBaby}, nil }
func (demoStore) SaveBaby(b store.Baby) (store.Baby, error)     { return b, nil }
func (demoStore) LastBaby() (uint64, error)                     { return demoBaby.ID, nil }
func (demoStore) SetLastBaby(uint64) error                      { return nil }
func (demoStore) Append(string, ...routines.Event) error        { return nil }
func (demoStore) Unfinished() ([]store.Session, error)          { return nil, nil }
func (demoStore) Events(string) ([]routines.Event, error)       { return nil, nil }
func (demoStore) CloseInterrupted(string, time.Time) error      { return nil }
func (demoStore) Settings() (store.Settings, error)             { return store.Settings{}, nil }
func (demoStore) SaveSettings(store.Settings) error             { return nil }
func (demoStore) Sessions(string, int) ([]store.Session, error) { return nil, nil }
func (demoStore) BabySessions(uint64, string, int) ([]store.Session, error) {
	return nil, nil
}
func (demoStore) SessionsSince(uint64, time.Time) ([]store.Session, error) { return nil, nil }
func (demoStore) CountSessions(uint64) (int, error)                        { return 0, nil }
func (demoStore) RemoveBaby(uint64) (int, error)                           { return 0, nil }
func (demoStore) Clears() (map[uint64]routines.Clear, error)               { return nil, nil }
func (demoStore) SaveClear(uint64, routines.Clear) error                   { return nil }
func (demoStore) StartSession(s store.Session) (store.Session, error) {
	s.ID = "demo"
	return s, nil
}

// demo reports whether this is a demonstration, where nothing is saved.
func (a *app) demo() bool {
	_, ok := a.cfg.Store.(demoStore)
	return ok
}
