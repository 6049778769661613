package ui

import (
	"strings"
	"testing"

	"github.com/cradle-coach/cradle/routines"
)

// teachFragments are the opening words of every talking point a session
// of r could reach (the opening ritual's too): enough to know a point on
// a screen, however its lines are wrapped.
func teachFragments(r *routines.Routine) []string {
	var out []string
	for _, rg := range append([]routines.Region{routines.Opening()}, r.Regions...) {
		points := append([]string(nil), rg.Teach...)
		for _, st := range rg.Steps {
			points = append(points, st.Teach...)
		}
		for _, p := range points {
			if rs := []rune(p); len(rs) > 40 {
				p = string(rs[:40])
			}
			out = append(out, p)
		}
	}
	return out
}

// noTalkingPoint fails if text holds any of the fragments.
func noTalkingPoint(t *testing.T, where, text string, fragments []string) {
	t.Helper()
	flat := strings.Join(strings.Fields(text), " ")
	for _, f := range fragments {
		if strings.Contains(flat, f) {
			t.Fatalf("%s shows a talking point meant for the instructor, %q:\n%s", where, f, text)
		}
	}
}

// walk takes a session to its end as a parent who answers "relaxed"
// would, calling look at every screen on the way, the summary included.
func walk(t *testing.T, hs *harness, look func()) {
	t.Helper()
	for range 1000 {
		look()
		ss, ok := hs.m.screen.(*sessionScreen)
		if !ok {
			return
		}
		st := ss.sess.State()
		switch st.Phase {
		case routines.PhaseEnded:
			return
		case routines.PhaseWaiting:
			hs.press("space")
		case routines.PhaseCheckIn:
			hs.press("1")
		default:
			hs.tick(st.Remaining)
		}
	}
	t.Fatal("the session never ended")
}

// Talking points are for the instructor. A session never shows one to a
// parent: not in the session view, the big letters, the summary or the
// voice, on the way from cradle run through the readiness check, nor in
// a demonstration with --present; plain mode, the same screens in lines,
// prints none either.
func TestSessionShowsNoTalkingPoint(t *testing.T) {
	lib, err := routines.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range lib {
		fragments := teachFragments(r)
		if len(fragments) == 0 {
			t.Fatalf("%s has no talking points to look for", r.ID)
		}
		for _, mode := range []string{"session", "big letters", "present"} {
			t.Run(r.ID+"/"+mode, func(t *testing.T) {
				var hs *harness
				if mode == "present" {
					hs = newHarnessWith(t, 120, 40, Config{Store: DemoStore(), Present: true, Start: r})
				} else {
					hs = newHarnessWith(t, 120, 40, Config{Store: withBaby(), Start: r})
					hs.answerReady()
					if mode == "big letters" {
						hs.press("p")
					}
				}
				screens := 0
				walk(t, hs, func() {
					screens++
					noTalkingPoint(t, mode, hs.view(), fragments)
				})
				if _, ended := hs.m.screen.(*sessionScreen); ended || screens < 10 {
					t.Fatalf("the walk saw %d screens and ended on %T:\n%s", screens, hs.m.screen, hs.view())
				}
				noTalkingPoint(t, "the voice", strings.Join(hs.voice.said, "\n"), fragments)
			})
		}
		t.Run(r.ID+"/plain", func(t *testing.T) {
			p := newPlainRun(t, Config{Start: r}, "")
			if rs, ok := p.m.root.screen.(*readyScreen); ok && rs.stage == ageStage {
				p.typeLine("y") // this routine anyway, whatever the baby's age
			}
			p.answerReady()
			for range 1000 {
				ss, ok := p.m.root.screen.(*sessionScreen)
				if !ok {
					break
				}
				switch st := ss.sess.State(); st.Phase {
				case routines.PhaseWaiting:
					p.typeLine("space")
				case routines.PhaseCheckIn:
					p.typeLine("1")
				default:
					p.tick(st.Remaining)
				}
			}
			out := p.said()
			if !strings.Contains(out, r.Regions[len(r.Regions)-1].Name) {
				t.Fatalf("plain mode never reached the last region:\n%s", out)
			}
			noTalkingPoint(t, "plain mode", out, fragments)
		})
	}
}
