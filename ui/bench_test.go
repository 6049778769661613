package ui

import (
	"testing"
	"time"
)

// BenchmarkSessionTick is the work cradle does once a second while a
// stroke counts down: the tick, the engine, and drawing the screen.
func BenchmarkSessionTick(b *testing.B) {
	t := &testing.T{}
	hs := newHarness(t, 100, 30, withBaby())
	hs.press("enter")
	hs.answerReady()
	hs.press("s", "space", "n")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		hs.tick(time.Second)
		_ = hs.m.View()
		if hs.session().sess.State().Remaining < 2*time.Second {
			hs.press("b") // stay on strokes: back restarts the step
		}
	}
}

// BenchmarkPresentTick is the same second in the presentation view, at a
// projector's 200x60: the big countdown is drawn again each second.
func BenchmarkPresentTick(b *testing.B) {
	hs := presentHarness(&testing.T{}, 200, 60, Config{})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		hs.tick(time.Second)
		_ = hs.m.View()
		if hs.session().sess.State().Remaining < 2*time.Second {
			hs.press("b")
		}
	}
}
