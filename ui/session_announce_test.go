package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/cradle-coach/cradle/routines"
	"github.com/cradle-coach/cradle/store"
)

// heard is what one step of a test should make heard: the sounds, then
// the words.
type heard struct {
	sounds []SoundKind
	words  []string
}

// expect runs act and checks exactly what it made heard.
func (h *harness) expect(what string, act func(), want heard) {
	h.t.Helper()
	h.sound.played, h.voice.said = nil, nil
	act()
	if !slices.Equal(h.sound.played, want.sounds) {
		h.t.Errorf("%s: sounds %v, want %v", what, h.sound.played, want.sounds)
	}
	if !slices.Equal(h.voice.said, want.words) {
		h.t.Errorf("%s: said %q\nwant %q", what, h.voice.said, want.words)
	}
}

const checkInAsked = "How is your baby? 1, relaxed. 2, alert and content. 3, subtle cues. 4, fussing. 5, crying. 6, fell asleep."

// Every transition asks for its sound and its words, exactly once: a new
// region, a new stroke, the last three seconds of a step long enough to
// need them, a check-in, resting hands, the offer, the end; a pause and
// the going on are spoken only.
func TestAnnouncements(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("enter") // full-body
	hs.want("Before you start")
	hs.expect("start", hs.answerReady, heard{[]SoundKind{SoundRegion}, []string{"Getting ready. A few slow breaths, twenty seconds."}})
	hs.expect("16 s in", func() { hs.tick(16 * time.Second) }, heard{})
	hs.expect("3 s left", func() { hs.tick(time.Second) }, heard{[]SoundKind{SoundSoon}, []string{"Three, two, one."}})
	hs.expect("2 s left", func() { hs.tick(time.Second) }, heard{})
	hs.expect("next step", func() { hs.tick(2 * time.Second) }, heard{[]SoundKind{SoundStroke}, []string{"Rub your hands, eight seconds."}})
	hs.expect("3 s left of 8", func() { hs.tick(5 * time.Second) }, heard{[]SoundKind{SoundSoon}, []string{"Three, two, one."}})
	hs.expect("short step", func() { hs.tick(3 * time.Second) }, heard{[]SoundKind{SoundStroke}, []string{"Show your hands, five seconds."}})
	hs.expect("a 5 s step has no warning", func() { hs.tick(2 * time.Second) }, heard{})
	hs.expect("asking", func() { hs.tick(3 * time.Second) },
		heard{[]SoundKind{SoundStroke}, []string{"Ask, and wait for a yes. When your baby says yes, press space."}})
	hs.expect("yes: a new region", func() { hs.press("space") },
		heard{[]SoundKind{SoundRegion}, []string{"Legs and feet. Resting hands, fifteen seconds."}})
	hs.expect("next stroke", func() { hs.press("n") },
		heard{[]SoundKind{SoundStroke}, []string{"Indian milking, left side, three times, light, from the thigh down to the ankle, away from the heart. Keep the touch light."}})
	hs.expect("pause", func() { hs.press("space") }, heard{nil, []string{"Paused."}})
	hs.expect("paused, time passes", func() { hs.tick(30 * time.Second) }, heard{})
	hs.expect("go on", func() { hs.press("space") }, heard{nil, []string{"Going on."}})
	hs.expect("check in now", func() { hs.press("c") }, heard{[]SoundKind{SoundCheckIn}, []string{checkInAsked}})
	hs.expect("subtle cues", func() { hs.press("3") }, heard{[]SoundKind{SoundStroke}, []string{
		"Resting hands. Your baby may need a little less. Rest your hands still for a moment, then go slower and lighter. Less eye contact or talking can help too."}})
	hs.expect("the hold's last seconds", func() { hs.tick(12 * time.Second) }, heard{[]SoundKind{SoundSoon}, []string{"Three, two, one."}})
	hs.expect("back to the stroke", func() { hs.tick(3 * time.Second) },
		heard{[]SoundKind{SoundStroke}, []string{"Indian milking, left side, three times, light, from the thigh down to the ankle, away from the heart. Slower and lighter now, as your baby asked. Keep the touch light."}})
	hs.expect("fussing", func() { hs.press("c", "4") }, heard{[]SoundKind{SoundCheckIn, SoundStroke}, []string{checkInAsked,
		"Resting hands. Stop stroking and rest your hands still and warm on your baby. Breathe slowly."}})
	hs.expect("the hold's last seconds", func() { hs.tick(17 * time.Second) }, heard{[]SoundKind{SoundSoon}, []string{"Three, two, one."}})
	hs.expect("the offer", func() { hs.tick(3 * time.Second) },
		heard{[]SoundKind{SoundCheckIn}, []string{"How would you like to go on? 1, one more stroke, slower, then I ask again. 2, skip. 3, end here. If nobody chooses, cradle ends gently in 30 seconds."}})
	hs.expect("end", func() { hs.press("3") }, heard{[]SoundKind{SoundEnd}, []string{
		"Ended gently. Stopping when your baby stays unsettled is the right choice. Pick your baby up and comfort them; try again another day."}})
}

// The tick that brings the hold's last seconds and the one that ends it
// are separate above; here one late tick crosses both, and only the end
// of the hold is heard.
func TestLateTickSkipsTheWarning(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("enter")
	hs.answerReady()
	hs.tick(16 * time.Second) // 4 s of the 20 s breaths left
	hs.expect("a late tick", func() { hs.jump(5 * time.Second) }, heard{[]SoundKind{SoundStroke}, []string{"Rub your hands, eight seconds."}})
}

// Ending on a cue speaks the kind words the summary shows.
func TestEndWords(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("enter")
	hs.answerReady()
	hs.press("s", "space", "c")
	hs.expect("crying", func() { hs.press("5") }, heard{[]SoundKind{SoundEnd}, []string{
		"Ended gently. Your baby is telling you it is enough for today. Pick them up and comfort them; that is exactly right. Try again another day."}})
}

// Without sound or voice, a session asks for exactly the same ticks: the
// warning before a step ends, and the pace guide, ride on the ticks the
// countdown needs anyway, so they cost no wake-up when nobody hears them
// (nor when somebody does).
func TestAnnouncingCostsNoWakeUps(t *testing.T) {
	waits := func(cfg Config) ([]time.Duration, int) {
		cfg.Store = withBaby()
		hs := newHarnessWith(t, 80, 24, cfg)
		hs.press("enter")
		hs.answerReady()
		var got []time.Duration
		for range 80 { // through the opening ritual and into the strokes
			ss := hs.session()
			d, _ := ss.tickDelay(ss.sess.State())
			got = append(got, d)
			hs.tick(time.Second)
			if hs.session().sess.State().Step.Kind == "permission" {
				hs.press("space")
			}
		}
		return got, hs.timers
	}
	loud, loudTimers := waits(Config{})
	quiet, quietTimers := waits(Config{Voice: silentVoice{}, Sound: Silent{}})
	if !slices.Equal(loud, quiet) || loudTimers != quietTimers {
		t.Fatalf("ticks with sound and voice %v (%d timers)\nwithout %v (%d timers)", loud, loudTimers, quiet, quietTimers)
	}
	for i, d := range loud {
		if d != time.Second {
			t.Fatalf("tick %d waits %v: a timed step with whole seconds needs one tick a second, no more", i, d)
		}
	}
}

type silentVoice struct{}

func (silentVoice) Say(string) tea.Cmd { return nil }

// The bell's patterns tell the cues apart: one ring for a stroke, two for
// a region, three for a check-in, a longer four for the end.
func TestBellPatterns(t *testing.T) {
	rings := map[SoundKind]int{SoundStroke: 1, SoundSoon: 1, SoundRegion: 2, SoundCheckIn: 3, SoundEnd: 4}
	for kind, n := range rings {
		pattern := bellPatterns[kind]
		if len(pattern) != n || pattern[0] != 0 || !slices.IsSorted(pattern) {
			t.Errorf("%v rings at %v, want %d rings from 0", kind, pattern, n)
		}
		cmd := Bell{}.Play(kind)
		var cmds []tea.Cmd
		if n == 1 {
			cmds = []tea.Cmd{cmd}
		} else if batch, ok := cmd().(tea.BatchMsg); ok {
			cmds = batch
		}
		if len(cmds) != n {
			t.Fatalf("%v: %d commands, want %d", kind, len(cmds), n)
		}
		// The first ring is at once (the later ones are timers).
		if raw, ok := cmds[0]().(tea.RawMsg); !ok || raw.Msg != "\a" {
			t.Errorf("%v: the first ring is %#v, want the bell", kind, raw)
		}
	}
	if end := bellPatterns[SoundEnd]; end[len(end)-1] < 2*time.Second {
		t.Errorf("the end's pattern lasts %v: it should be long and slow", end[len(end)-1])
	}
	if (Silent{}).Play(SoundEnd) != nil {
		t.Error("silent plays something")
	}
}

// Prompts read as speech: sides and parenthesised words become phrases,
// numbers small enough become words.
func TestSpokenWords(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{number(6), "six"},
		{number(21), "21"},
		{times(1), "once"},
		{times(2), "twice"},
		{times(6), "six times"},
		{seconds(15 * time.Second), "fifteen seconds"},
		{seconds(time.Minute), "one minute"},
		{seconds(90 * time.Second), "one minute 30 seconds"},
		{seconds(time.Second), "one second"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if got := checkInWords(); !strings.HasPrefix(got, "How is your baby? 1, relaxed.") {
		t.Errorf("check-in words %q", got)
	}
}

// A notice (no speech program, say) stays at the foot of the screen until
// a key is pressed.
func TestNotice(t *testing.T) {
	hs := newHarnessWith(t, 80, 24, Config{Store: withBaby(), Notice: "No voice: no speech program found."})
	hs.want("No voice: no speech program found.")
	hs.press("down")
	if v := hs.view(); strings.Contains(v, "No voice") {
		t.Fatalf("the notice stayed after a key:\n%s", v)
	}
}

// A notice shown on the offer to pick up a massage is shown on the home
// screen after it too: keys on the offer do not count as reading it.
func TestNoticeOutlastsTheOffer(t *testing.T) {
	st := withBaby()
	cutOff(st, store.Baby{ID: 1, Name: "Mia"}, time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC))
	const notice = "Sound falls back to its default: config.yaml:2:8: sound must be on or off."
	hs := newHarnessWith(t, 100, 30, Config{Store: st, Notice: notice})
	hs.want("Pick up where you stopped?")
	hs.want(notice)
	hs.press("esc")
	hs.want("Choose a massage")
	hs.want(notice)
	hs.press("down") // read on the home screen: gone
	if v := hs.view(); strings.Contains(v, "Sound falls back") {
		t.Fatalf("the notice stayed after a key on the home screen:\n%s", v)
	}
}

// failingVoice is a voice whose every prompt goes unheard, as espeak-ng's
// on a machine with no sound device.
type failingVoice struct{ asked int }

func (v *failingVoice) Say(string) tea.Cmd {
	v.asked++
	return func() tea.Msg {
		return VoiceFailedMsg{errors.New("espeak-ng could not speak: ALSA: cannot find card '0'")}
	}
}

// A voice that is not heard is said once, in one line, and the bell goes
// on: the parent is never left relying on a silent voice.
func TestVoiceFailureSaidOnce(t *testing.T) {
	v := &failingVoice{}
	hs := newHarnessWith(t, 200, 40, Config{Store: withBaby(), Voice: v})
	const notice = "The voice is not heard; the bell goes on. espeak-ng could not speak: ALSA: cannot find card '0' (cradle voice test tries it)."
	hs.press("enter")
	hs.answerReady()
	if v.asked == 0 {
		t.Fatal("nothing was given to the voice")
	}
	hs.want(notice)
	if n := strings.Count(hs.view(), "The voice is not heard"); n != 1 {
		t.Errorf("said %d times", n)
	}
	hs.sound.played = nil
	asked := v.asked
	hs.press("s", "space") // the notice goes with a key; the next prompts fail too
	if v.asked == asked {
		t.Fatal("no more prompts were given to the voice")
	}
	if strings.Contains(hs.view(), "The voice is not heard") {
		t.Error("the failure was said again")
	}
	if len(hs.sound.played) == 0 {
		t.Error("the bell stopped with the voice")
	}
}

// Each new stroke, region, check-in and the end ask for a sound.
func TestSounds(t *testing.T) {
	hs := newHarness(t, 80, 24, withBaby())
	hs.press("enter")
	hs.answerReady()
	if !slices.Equal(hs.sound.played, []SoundKind{SoundRegion}) {
		t.Fatalf("at start: %v", hs.sound.played)
	}
	hs.tick(20 * time.Second) // next ritual step
	hs.press("n", "n", "space")
	hs.sound.played = nil
	hs.press("n")
	if !slices.Equal(hs.sound.played, []SoundKind{SoundStroke}) {
		t.Fatalf("next stroke: %v", hs.sound.played)
	}
	for hs.session().sess.State().Phase != routines.PhaseCheckIn {
		hs.press("n")
	}
	if got := hs.sound.played[len(hs.sound.played)-1]; got != SoundCheckIn {
		t.Fatalf("check-in sound %v", got)
	}
	hs.press("1")
	if got := hs.sound.played[len(hs.sound.played)-1]; got != SoundRegion {
		t.Fatalf("new region sound %v", got)
	}
	hs.press("e", "y")
	if got := hs.sound.played[len(hs.sound.played)-1]; got != SoundEnd {
		t.Fatalf("end sound %v", got)
	}
}
