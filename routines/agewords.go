package routines

import (
	"time"

	"github.com/cradle-coach/cradle/internal/plural"
)

// The words a parent reads about a baby's age and a routine's ages: the
// home screen's check before a routine outside the baby's ages and a
// family's screen in a class say them alike.

// TimeWords is a length of time in the units parents use: days, then weeks,
// then months, then years.
func TimeWords(d time.Duration) string {
	days := int(d.Hours() / 24)
	switch {
	case days < 14:
		return plural.Of(days, "day")
	case days < 12*7:
		return plural.Of(days/7, "week")
	case days < 2*365:
		return plural.Of(days*12/365, "month")
	default:
		return plural.Of(days/365, "year")
	}
}

// AgeWords are the age of a baby called name, born at birth and due on
// due (zero when not born early), at now, in a sentence's words: "Mia is
// 10 days old", "Mia's corrected age is 4 weeks, counted from the due
// date", "Mia's due date is in 2 weeks".
func AgeWords(name string, birth, due, now time.Time) string {
	if !due.IsZero() && due.After(birth) {
		if now.Before(due) {
			return name + "'s due date is in " + TimeWords(due.Sub(now))
		}
		return name + "'s corrected age is " + TimeWords(now.Sub(due)) + ", counted from the due date"
	}
	return name + " is " + TimeWords(now.Sub(birth)) + " old"
}

// Words are the ages in a sentence's words: "from 6 weeks to 6 months",
// "from birth to 6 weeks", "from 10 days".
func (ar AgeRange) Words() string {
	if ar.To == 0 {
		return "from " + ar.From.String()
	}
	return "from " + ar.From.String() + " to " + ar.To.String()
}

// FitTitle heads the check before a routine outside a baby's ages.
func FitTitle(f Fit) string {
	if f == FitTooOld {
		return "Made for younger babies"
	}
	return "Made for older babies"
}

// MadeFor says why r asks first for a baby whose age fits it as f: its
// ages, the baby's (AgeWords), and the advice for the age (AgeAdvice).
func MadeFor(r *Routine, f Fit, name string, birth, due, now time.Time) string {
	age, _, _ := BabyAge(birth, due, now)
	text := r.Title + " is made for babies " + r.Ages.Words() + ", and " + AgeWords(name, birth, due, now) + "."
	if advice := AgeAdvice(f, age); advice != "" {
		text += " " + advice
	}
	return text
}
