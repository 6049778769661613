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

// readyScreen runs the readiness check, then says what it means: stop
// (kindly, with the reason), leave regions out, or begin.
type readyScreen struct {
	a       *app
	r       *routines.Routine
	back    screen
	form    *huh.Form
	qs      []question
	ans     routines.Answers
	verdict *routines.Verdict
}

func newReadyScreen(a *app, r *routines.Routine, back screen) (screen, tea.Cmd) {
	rs := &readyScreen{a: a, r: r, back: back}
	rs.ans.Warm = true
	rs.form = rs.buildForm()
	return rs, rs.form.Init()
}

// question is one readiness question, asked on its own page.
type question struct {
	about      routines.Readiness // "" for the clearance
	title, why string
	val        *bool
	field      *huh.Confirm
}

func (rs *readyScreen) buildForm() *huh.Form {
	ans := &rs.ans
	rs.qs = nil
	ask := func(about routines.Readiness, title, why string, v *bool) {
		rs.qs = append(rs.qs, question{about: about, title: title, why: why, val: v,
			field: huh.NewConfirm().Title(title).Description(why).Affirmative("Yes").Negative("No").
				WithButtonAlignment(lipgloss.Left).Value(v)})
	}
	if rs.r.Clearance != "" {
		ask("", "Has your baby's doctor or nurse said this routine is right for your baby?", rs.r.Clearance, &ans.Cleared)
	}
	for _, q := range routines.Questions(rs.r) {
		ask(q.About, q.Title, q.Why, ans.To(q.About))
	}
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
		Options(opts...).Height(min(len(opts), 8)+5).Filterable(false).Value(&ans.Avoid)).
		WithHideFunc(func() bool { return !ans.Skin }))

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
				rs.verdict, rs.ans = nil, routines.Answers{Warm: true}
				rs.form = rs.buildForm()
				return rs, rs.form.Init()
			case rs.verdict.Go() && key.Matches(msg, k.Start):
				return newSessionScreen(rs.a, rs.r, routines.Options{LeftOut: rs.verdict.LeftOut, CheckInWait: rs.a.cfg.CheckInWait}, nil)
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
	if v := routines.Assess(rs.r, rs.answered()); !v.Go() {
		rs.verdict = &v
		return rs, nil
	}
	switch rs.form.State {
	case huh.StateAborted:
		return rs.back, nil
	case huh.StateCompleted:
		v := routines.Assess(rs.r, rs.ans)
		if v.Go() && len(v.LeftOut) == 0 && len(v.Tips) == 0 {
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
	if !v.Go() {
		b = append(b, "  "+s.Title.Render("Not just now"), "")
		for _, stop := range v.Stops {
			para(s.Text, stop.Why())
		}
		footer = a.helpBar(a.w-2, relabel(a.keys.Start, "enter", "stop here"), a.keys.ChangeAnswers)
	} else {
		b = append(b, "  "+s.Title.Render("Ready when you are"), "")
		for _, why := range v.Why {
			para(s.Warn, why)
		}
		for _, tip := range v.Tips {
			para(s.Text, tip)
		}
		// Region names may hold "and" themselves ("Legs and feet"): more
		// than one would not read as a list in a footer.
		start := "begin"
		switch n := len(v.LeftOut); {
		case n == 1:
			start = "begin without " + strings.ToLower(regionNames(rs.r, v.LeftOut))
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
func (rs *readyScreen) answered() routines.Answers {
	ans := rs.ans
	if rs.form.State == huh.StateNormal && rs.r.Clearance != "" && rs.current() == 0 {
		ans.Cleared = true
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
