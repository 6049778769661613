package routines

import (
	"testing"
	"time"
)

// The words about a baby's age and a routine's ages, as the check before
// a routine outside the baby's ages says them, at home and in a class.
func TestAgeWords(t *testing.T) {
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	days := func(n int) time.Time { return now.AddDate(0, 0, -n) }
	full := &Routine{Title: "Full-body massage", Ages: AgeRange{From: 6 * 7, To: 6 * 30}}
	for _, c := range []struct {
		birth, due time.Time
		want       string
	}{
		{days(10), time.Time{}, "Full-body massage is made for babies from 6 weeks to 6 months, and Ada is 10 days old. In the first weeks, massage is best kept short and feather-light."},
		{days(70), days(28), "Full-body massage is made for babies from 6 weeks to 6 months, and Ada's corrected age is 4 weeks, counted from the due date. In the first weeks, massage is best kept short and feather-light."},
		{days(30), now.AddDate(0, 0, 14), "Full-body massage is made for babies from 6 weeks to 6 months, and Ada's due date is in 2 weeks. In the first weeks, massage is best kept short and feather-light."},
		{days(240), time.Time{}, "Full-body massage is made for babies from 6 weeks to 6 months, and Ada is 7 months old. From about 6 months babies wriggle, roll and crawl, and massage needs adapting to them."},
	} {
		age, _, _ := BabyAge(c.birth, c.due, now)
		if got := MadeFor(full, AgeFit(full, age, true), "Ada", c.birth, c.due, now); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
	if FitTitle(FitTooYoung) != "Made for older babies" || FitTitle(FitTooOld) != "Made for younger babies" {
		t.Error("the titles")
	}
	if got := (AgeRange{To: 6 * 7}).Words(); got != "from birth to 6 weeks" {
		t.Error(got)
	}
	if got := (AgeRange{From: 10}).Words(); got != "from 10 days" {
		t.Error(got)
	}
}
