package routines

import "time"

// OpeningID is the id of the opening ritual's region, in events and
// plans; no routine file may give a region this id.
const OpeningID = "opening"

// Opening is the ritual that starts every session (docs/SOURCES.md, "The
// opening ritual"; [S3][S5][S9][S22]): the parent settles, the baby hears
// and sees that massage is coming, and the parent asks and waits for a
// "yes". The last step waits for the parent; ending the session there
// records that the baby said "not now".
func Opening() Region {
	return Region{
		ID: OpeningID, Name: "Getting ready", Opening: true,
		Teach: []string{"Instructors say the ritual teaches the baby that their body is their own, and teaches the parent to read the baby's cues. [S3][S27]"},
		Steps: []Step{
			{ID: "breathe", Name: "A few slow breaths", Kind: StepHold, Duration: 20 * time.Second,
				Do:      "Sit comfortably and breathe in and out slowly, three or four times. Let your shoulders drop: your baby feels your calm.",
				Sources: []string{"S9", "S22"},
				Teach:   []string{"A tense parent passes the tension on, so the parent settles first. [S9][S22]"}},
			{ID: "rub-hands", Name: "Rub your hands", Kind: StepHold, Duration: 8 * time.Second,
				Do:      "Warm a little oil in your palms if you use it, and rub your hands together near your baby's ear. In time this sound tells your baby that massage is coming.",
				Sources: []string{"S5", "S22", "S35"},
				Teach:   []string{"Over time the sound of rubbing hands becomes the baby's signal that massage is coming. [S5][S22][S35]"}},
			{ID: "show-hands", Name: "Show your hands", Kind: StepHold, Duration: 5 * time.Second,
				Do:      "Hold your open hands where your baby can see them.",
				Sources: []string{"S9"}},
			{ID: "ask", Name: "Ask, and wait for a yes", Kind: StepPermission,
				Do:      "Look at your baby and ask, \"Would you like a massage?\" Then watch. Bright eyes, a smile, a still and open body mean yes. Turning away or fussing means not now, and that answer counts too. It can take a few weeks before your baby answers clearly.",
				Sources: []string{"S5", "S3", "S9"},
				Teach: []string{"Wait and watch for the answer, and respect a no: asking means little if the answer is then ignored. [S5][S3]",
					"Instructors say it can take weeks before a baby answers clearly. [S5]"}},
		},
	}
}
