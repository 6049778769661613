package screens

import (
	"testing"
	"time"
)

// What a family's screen costs the host: drawn afresh when the class
// changes (a new step), and each second (only the countdown).
//
//	go test ./class/screens -run XXX -bench FamilyView
func BenchmarkFamilyView(b *testing.B) {
	r := newRoom(b, 0)
	s := r.join("10.0.0.5", "Ada", false, 80, 24)
	f := s.m.(*Family)
	r.hub.Begin()
	r.at(2 * time.Second)
	b.Run("new-step", func(b *testing.B) {
		for b.Loop() {
			f.cache = followCache{}
			_ = f.View()
		}
	})
	b.Run("second", func(b *testing.B) {
		for b.Loop() {
			_ = f.View()
		}
	})
}
