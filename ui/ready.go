package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/cradle-coach/cradle/routines"
)

// answers are the readiness check's answers.
type answers struct {
	cleared                                      bool // the clinician has cleared this routine (asked only when it needs it)
	fed, unsettled, unwell, skin, vaccine, stump bool
	warm, oil                                    bool
	avoid                                        []string // region ids to keep away from
}

// verdict is what the answers mean for this massage.
type verdict struct {
	stop    []string // reasons massage is ruled out for now
	leftOut []string // region ids left out
	why     []string // why each region is left out, in plain words
	tips    []string // things to do first
}

// assess turns answers into a verdict. The texts come from the facts file
// (§4.1 to §4.3) in our own words; waiting times that sources disagree on
// are given as what most advise, with "check with your clinician".
func assess(r *routines.Routine, ans answers) verdict {
	var v verdict
	if r.Clearance != "" && !ans.cleared {
		v.stop = append(v.stop, "This routine is the one used in studies of babies born early, under medical care. Please ask your baby's doctor or nurse first. Until then, choose another routine: each shows the ages it suits.")
	}
	if ans.unwell {
		v.stop = append(v.stop, "Let your baby rest while they have a fever or seem unwell. Massage can wait until they are better; ask your doctor or health visitor if you are worried.")
	}
	if ans.fed {
		v.stop = append(v.stop, "Wait a little: massage goes best about half an hour after a feed, once the tummy has settled.")
	}
	if ans.unsettled {
		v.stop = append(v.stop, "Massage works best when your baby is calm and alert. Try again after a feed, a nap or a cuddle.")
	}
	leave := func(id, why string) {
		if _, ok := r.Region(id); !ok {
			return
		}
		for _, x := range v.leftOut {
			if x == id {
				return
			}
		}
		v.leftOut = append(v.leftOut, id)
		v.why = append(v.why, why)
	}
	for _, rg := range r.Regions {
		for _, a := range rg.LeftOutWhen {
			switch {
			case a == routines.Stump && ans.stump:
				leave(rg.ID, rg.Name+": left out until the cord stump has healed.")
			case a == routines.Skin && ans.skin, a == routines.Vaccine && ans.vaccine:
				leave(rg.ID, rg.Name+": left out today.")
			case a == routines.Cold && !ans.warm:
				leave(rg.ID, rg.Name+": left out while the room or your hands are cool.")
			case a == routines.Oil && ans.oil:
				leave(rg.ID, rg.Name+": left out, as you are using oil.")
			}
		}
	}
	for _, id := range ans.avoid {
		rg, _ := r.Region(id)
		why := rg.Name + ": left out, to keep off "
		switch {
		case ans.skin && ans.vaccine:
			why += "sore skin and the injection spots."
		case ans.vaccine:
			why += "the injection spots."
		default:
			why += "the rash or broken skin."
		}
		leave(id, why)
	}
	if ans.vaccine {
		v.tips = append(v.tips, "After vaccinations, keep off the injection spots for at least 48 hours. Sources differ on how long to wait, so check with your clinician.")
	}
	if ans.skin && len(ans.avoid) == 0 {
		v.tips = append(v.tips, "Keep your hands off any rash or broken skin.")
	}
	if !ans.warm {
		v.tips = append(v.tips, "Warm the room and rub your hands warm first: your baby will be undressed. Cover what you are not massaging if your baby feels cool.")
	}
	if ans.oil {
		v.tips = append(v.tips, "Use a little unscented plant oil that is safe to swallow, such as sunflower oil, and none on the face. Try a drop on the inside of your wrist a day before first use.")
	}
	if len(v.stop) == 0 && len(r.Regions) > 0 && len(v.leftOut) == len(r.Regions) {
		v.stop = append(v.stop, "With those areas left out, nothing of this routine remains. Try another routine, or another day.")
	}
	return v
}

// readyScreen runs the readiness check, then says what it means: stop
// (kindly, with the reason), leave regions out, or begin.
type readyScreen struct {
	a       *app
	r       *routines.Routine
	back    screen
	form    *huh.Form
	qs      []question
	ans     answers
	verdict *verdict
}

func newReadyScreen(a *app, r *routines.Routine, back screen) (screen, tea.Cmd) {
	rs := &readyScreen{a: a, r: r, back: back}
	rs.ans.warm = true
	rs.form = rs.buildForm()
	return rs, rs.form.Init()
}

// question is one readiness question, asked on its own page.
type question struct {
	title, why string
	val        *bool
	field      *huh.Confirm
}

func (rs *readyScreen) buildForm() *huh.Form {
	ans := &rs.ans
	rs.qs = nil
	ask := func(title, why string, v *bool) {
		rs.qs = append(rs.qs, question{title: title, why: why, val: v,
			field: huh.NewConfirm().Title(title).Description(why).Affirmative("Yes").Negative("No").
				WithButtonAlignment(lipgloss.Left).Value(v)})
	}
	if rs.r.Clearance != "" {
		ask("Has your baby's doctor or nurse said this routine is right for your baby?", rs.r.Clearance, &ans.cleared)
	}
	ask("Has your baby fed in the last 30 minutes?", "A full tummy needs time to settle.", &ans.fed)
	ask("Is your baby hungry, tired or upset right now?", "Massage goes best when your baby is calm and alert.", &ans.unsettled)
	ask("Does your baby have a fever or seem unwell?", "", &ans.unwell)
	ask("Any rash or broken skin?", "", &ans.skin)
	ask("Vaccinations in the last 48 hours?", "", &ans.vaccine)
	ask("Is the cord stump still healing?", "The tummy is left out until it has.", &ans.stump)
	ask("Is the room warm, and are your hands warm?", "Your baby will be undressed.", &ans.warm)
	ask("Will you use oil?", "Oil is optional.", &ans.oil)
	var groups []*huh.Group
	for _, q := range rs.qs {
		groups = append(groups, huh.NewGroup(q.field))
	}
	var opts []huh.Option[string]
	for _, rg := range rs.r.Regions {
		opts = append(opts, huh.NewOption(rg.Name, rg.ID))
	}
	groups = append(groups, huh.NewGroup(huh.NewMultiSelect[string]().
		Title("Which areas should we leave out today?").
		Description("space picks an area, enter goes on. Pick none to keep the whole routine and simply avoid the spot.").
		Options(opts...).Height(min(len(opts), 8)+5).Filterable(false).Value(&ans.avoid)).
		WithHideFunc(func() bool { return !ans.skin && !ans.vaccine }))

	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
	km.Confirm.Prev = key.NewBinding(key.WithKeys("shift+tab", "up", "backspace"), key.WithHelp("↑", "previous"))
	km.Confirm.Next = key.NewBinding(key.WithKeys("enter", "tab", "down"), key.WithHelp("enter", "keep answer"))
	km.Confirm.Submit = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep answer"))
	// The areas list says "space picks an area": its keys say the same.
	km.MultiSelect.Toggle = key.NewBinding(key.WithKeys("space", "x"), key.WithHelp("space", "pick"))
	km.MultiSelect.Next = key.NewBinding(key.WithKeys("enter", "tab"), key.WithHelp("enter", "go on"))
	km.MultiSelect.Submit = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go on"))
	return huh.NewForm(groups...).WithKeyMap(km).WithTheme(huhTheme(rs.a.styles)).
		WithShowHelp(true).WithWidth(min(rs.a.w-4, 72))
}

func (rs *readyScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := rs.a.keys
	if rs.verdict != nil {
		if msg, ok := msg.(tea.KeyPressMsg); ok {
			switch {
			case key.Matches(msg, k.ChangeAnswers):
				rs.verdict, rs.ans = nil, answers{warm: true}
				rs.form = rs.buildForm()
				return rs, rs.form.Init()
			case len(rs.verdict.stop) == 0 && key.Matches(msg, k.Start):
				return newSessionScreen(rs.a, rs.r, routines.Options{LeftOut: rs.verdict.leftOut, CheckInWait: rs.a.cfg.CheckInWait}, nil)
			case key.Matches(msg, k.Start, k.Quit):
				return rs.back, nil
			}
		}
		return rs, nil
	}
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		rs.form = rs.form.WithWidth(min(ws.Width-4, 72))
	}
	f, cmd := rs.form.Update(msg)
	rs.form = f.(*huh.Form)
	// An answer that rules the massage out ends the questions at once:
	// there is no point asking about oil for a feverish baby.
	if v := assess(rs.r, rs.answered()); len(v.stop) > 0 {
		rs.verdict = &v
		return rs, nil
	}
	switch rs.form.State {
	case huh.StateAborted:
		return rs.back, nil
	case huh.StateCompleted:
		v := assess(rs.r, rs.ans)
		if len(v.stop) == 0 && len(v.leftOut) == 0 && len(v.tips) == 0 {
			return newSessionScreen(rs.a, rs.r, routines.Options{CheckInWait: rs.a.cfg.CheckInWait}, nil)
		}
		rs.verdict = &v
		return rs, nil
	}
	return rs, cmd
}

func (rs *readyScreen) View() string {
	a, s := rs.a, rs.a.styles
	header := headerLine(a.w-2, s.Brand.Render("cradle")+s.Dim.Render(" · "+rs.r.Title), babyLabel(a, a.clock.Now()))
	if rs.verdict == nil {
		return a.frame(header, rs.formView(), "")
	}
	v := rs.verdict
	w := min(a.w-6, 76)
	var b []string
	b = append(b, "")
	para := func(style lipgloss.Style, text string) {
		for _, l := range wrap(text, w, "   ") {
			b = append(b, style.Render(l))
		}
		b = append(b, "")
	}
	var footer string
	if len(v.stop) > 0 {
		b = append(b, "  "+s.Title.Render("Not just now"), "")
		for _, why := range v.stop {
			para(s.Text, why)
		}
		footer = a.helpBar(a.w-2, relabel(a.keys.Start, "enter", "stop here"), a.keys.ChangeAnswers)
	} else {
		b = append(b, "  "+s.Title.Render("Ready when you are"), "")
		for _, why := range v.why {
			para(s.Warn, why)
		}
		for _, tip := range v.tips {
			para(s.Text, tip)
		}
		// Region names may hold "and" themselves ("Legs and feet"): more
		// than one would not read as a list in a footer.
		start := "begin"
		switch n := len(v.leftOut); {
		case n == 1:
			start = "begin without " + strings.ToLower(regionNames(rs.r, v.leftOut))
		case n > 1:
			start = fmt.Sprintf("begin without those %d regions", n)
		}
		footer = a.helpBar(a.w-2, relabel(a.keys.Start, "enter", start), a.keys.ChangeAnswers, a.keys.Leave)
	}
	return a.frame(header, strings.Join(b, "\n"), footer)
}

func regionNames(r *routines.Routine, ids []string) string {
	var names []string
	for _, id := range ids {
		if rg, ok := r.Region(id); ok {
			names = append(names, rg.Name)
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// answered is the answers given so far; questions not reached yet count
// as fine (a clearance not asked yet is not a "no").
func (rs *readyScreen) answered() answers {
	ans := rs.ans
	if rs.form.State == huh.StateNormal && rs.r.Clearance != "" && rs.current() == 0 {
		ans.cleared = true
	}
	return ans
}

// current is the index of the question on screen (len(qs) past them).
func (rs *readyScreen) current() int {
	focused := rs.form.GetFocusedField()
	for i, q := range rs.qs {
		if huh.Field(q.field) == focused {
			return i
		}
	}
	return len(rs.qs)
}

// formView shows the question being asked, with the answers given so far
// above it so the parent can see where they are.
func (rs *readyScreen) formView() string {
	s := rs.a.styles
	cur := rs.current()
	var b []string
	where := fmt.Sprintf("  ·  %d of %d  ·  y or n", cur+1, len(rs.qs))
	room := max(rs.a.h-14, 0) // leave the question its space
	// The areas to leave out: a taller list, picked with space.
	if cur >= len(rs.qs) {
		where = "  ·  the areas"
		room = max(room-len(rs.r.Regions)-4, 0)
	}
	b = append(b, "", "  "+s.Title.Render("Before you start")+s.Dim.Render(where), "")
	from := max(0, cur-room)
	for _, q := range rs.qs[from:cur] {
		ans := s.Calm.Render("no")
		if *q.val {
			ans = s.Accent.Render("yes")
		}
		b = append(b, "  "+s.Dim.Render("✓ "+q.title+" ")+ans)
	}
	if cur > 0 {
		b = append(b, "")
	}
	b = append(b, indent(rs.form.View(), "  "))
	return strings.Join(b, "\n")
}
