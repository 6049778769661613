package ui

import (
	"charm.land/bubbles/v2/key"

	"github.com/cradle-coach/cradle/routines"
)

// helpView lists the keys of the screen underneath, from line top on
// (helpTop) where they do not all fit: ↑/↓ then scroll them.
func helpView(a *app, under screen, top int) string {
	s := a.styles
	lines, room := helpLines(a, under), helpRoom(a)
	header := headerLine(a.w-2, s.Brand.Render("cradle"), s.Dim.Render("help"))
	if len(lines) <= room {
		return a.frame(header, center(lines, a.w, a.h-4, min(a.w-4, 76)), s.Dim.Render(closeHelpWords))
	}
	top = min(top, len(lines)-room)
	footer := a.keyName("↑/↓") + " more · any other key closes help"
	return a.frame(header, center(lines[top:top+room], a.w, room, min(a.w-4, 76)), s.Dim.Render(footer))
}

// closeHelpWords say how help closes.
const closeHelpWords = "any key closes help"

// helpRoom is how many lines of help a window shows.
func helpRoom(a *app) int { return max(a.h-4-len(a.bottomLines()), 1) }

// helpFits reports whether the help for under fits the window whole.
func helpFits(a *app, under screen) bool { return len(helpLines(a, under)) <= helpRoom(a) }

// helpTop keeps a help scrolled to line top inside what there is to
// scroll: 0 when it all fits.
func helpTop(a *app, under screen, top int) int {
	return max(min(top, len(helpLines(a, under))-helpRoom(a)), 0)
}

// helpLines are the keys of the screen underneath, grouped, from the key
// map.
func helpLines(a *app, under screen) []string {
	s, k := a.styles, a.keys
	var groups []struct {
		title string
		keys  []key.Binding
	}
	add := func(title string, bs ...key.Binding) {
		groups = append(groups, struct {
			title string
			keys  []key.Binding
		}{title, bs})
	}
	switch u := under.(type) {
	case *sessionScreen:
		// The keys of the moment on screen, when they differ.
		switch st := u.sess.State(); {
		case st.Phase == routines.PhaseOffering: // only the three choices work here
			add("After resting hands", k.GoOn, k.SkipRest, k.EndGently, relabel(k.Pause, "space", "pause the countdown"))
		case st.Step.Kind == routines.StepPrepare:
			add("Getting ready (turning your baby, wiping your hands)", k.Ready, k.Back, k.Skip, k.CheckIn, k.End, k.Auto)
			add("During a stroke", k.Pause, k.Next, k.Present)
		case st.Phase == routines.PhaseWaiting && st.Step.Kind == routines.StepPermission:
			add("During a stroke", k.Pause, k.Next, k.Back, k.Skip, k.CheckIn, k.End, k.Auto, k.Present)
			add("When your baby says yes", k.Begin)
		default:
			add("During a stroke", k.Pause, k.Next, k.Back, k.Skip, k.CheckIn, k.End, k.Auto, k.Present)
			add("At a check-in", k.Answer, k.Next)
		}
		if u.instructs() {
			add("For the instructor", k.Questions, k.MoreTime, k.Teach)
		}
	case *readyScreen:
		switch u.stage {
		case ageStage:
			add("A routine for another age", k.Instead, k.Anyway, k.Leave)
		case sameStage:
			add("Same as before today?", k.Same, k.AskAgain, k.Leave)
		case formStage:
			add("Before you start", k.AnswerYes, k.AnswerNo, k.Previous, k.Pick, k.GoOnAreas, k.Leave)
		default:
			add("Before you start", relabel(k.Start, "enter", "begin, or stop here"), k.ChangeAnswers, k.Leave)
		}
	case *homeScreen:
		// Only the keys that do something now: u with nothing cut off
		// would lead nowhere.
		unfinished := k.Unfinished
		unfinished.SetEnabled(len(a.data.unfinished) > 0)
		week := relabel(k.Week, "←/→", "another week of the learning plan")
		if a.demo() { // a demonstration: nothing of a family's own
			add("Choose a massage", k.Up, k.Down, k.Choose, k.Start, week, k.Why, k.Quit)
			break
		}
		add("Choose a massage", k.Up, k.Down, k.Choose, k.Start, week, k.History, k.Insights, k.Babies, k.Baby, unfinished, k.Why, k.Milking, k.Quit)
	case *whyScreen:
		add("Why massage?", k.Up, k.Down, k.PageUp, k.PageDown, k.Leave)
	case *milkingScreen:
		add("One choice before you start", k.KeepIndian, k.SwedishOnly)
	case *resumeScreen:
		add("Unfinished massage", k.Up, k.Resume, k.Close)
	case *babyListScreen:
		add("Babies", k.Up, k.Down, k.Open, k.Add, k.Edit, k.Remove, k.Withdraw, k.Leave)
	case *historyScreen:
		add("History", k.Up, k.Down, k.PageUp, k.PageDown, k.Open, k.NextBaby, k.Leave)
	case *timelineScreen:
		add("A session", k.Up, k.Down, k.PageUp, k.PageDown, k.Resume, k.Close, k.Leave)
	case *insightsScreen:
		add("Insights", k.Up, k.Down, k.NextBaby, k.GoalUp, k.Rest, k.Shape, k.Leave)
	case *shapeScreen:
		add("A routine shaped by your baby", k.Other, k.Save, k.Delete, k.Leave)
	}
	add("Anywhere", k.Help, k.ForceQuit)
	var b []string
	b = append(b, s.Title.Render("Keys"), "")
	for _, g := range groups {
		b = append(b, s.Calm.Render(g.title))
		for _, bind := range g.keys {
			if !bind.Enabled() {
				continue
			}
			h := bind.Help()
			b = append(b, "  "+s.Key.Render(padRight(a.keyName(h.Key), 8))+s.Text.Render(h.Desc))
		}
		b = append(b, "")
	}
	for _, l := range wrap("Steps move on by themselves: your hands can stay on your baby.", min(a.w-4, 76), "") {
		b = append(b, s.Dim.Render(l))
	}
	return b
}
