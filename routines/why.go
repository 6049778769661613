package routines

// Finding is one thing studies found about infant massage, in plain words,
// with how sure it is and where it comes from (source ids, listed in
// docs/SOURCES.md). The "Why massage?" page shows them.
type Finding struct {
	Title   string
	Text    string
	Sure    string // how sure that is, in plain words
	Sources []string
}

// WhyMassage is what the studies found (docs/SOURCES.md, "Why massage?"),
// most solid first. Nothing here promises a cure.
var WhyMassage = []Finding{
	{Title: "Babies born early: moderate, not feather-light",
		Text:    "In studies of babies born early, moderate pressure, gentle yet firm enough not to tickle, calmed babies more than a feather-light touch: less fussing and crying, a slower heart rate and higher vagal tone (more activity of the vagus nerve). At home, instructors start newborns with a lighter touch.",
		Sure:    "Trials in hospital, in babies born early; the lighter touch for newborns is instructors' advice.",
		Sources: []string{"S58", "S89", "S43"}},
	{Title: "How it may work, in babies born early",
		Text:    "After moderate-pressure massage, the same researchers found more stomach activity and higher insulin and IGF-1 in babies born early, and the change in the vagus nerve's activity went with much of it. They think this is how massage helped those babies gain weight.",
		Sure:    "One research group's explanation, from small studies.",
		Sources: []string{"S54", "S55"}},
	{Title: "Weight and going home sooner",
		Text:    "In hospital trials, babies born early who were massaged gained about a third to a half more weight a day and went home several days sooner. A Cochrane review found about 5 g a day more and 4.5 fewer days in hospital, but rated the trials as weak, and one later trial found no difference overall.",
		Sure:    "Several small trials, and a review that rates them as weak.",
		Sources: []string{"S55", "S56", "S59", "S60"}},
	{Title: "Moving the arms and legs",
		Text:    "Gently bending and straightening the arms and legs, added to the stroking, went with more weight gain and denser bones in babies born early.",
		Sure:    "A review of studies in babies born early.",
		Sources: []string{"S54"}},
	{Title: "Babies born at term",
		Text:    "For healthy babies born at term the evidence is weaker, and many studies are at high risk of bias. The clearest benefits are for parent and baby together: how they get on, crying and sleep, not growth.",
		Sure:    "Reviews of studies of mixed quality.",
		Sources: []string{"S65", "S66", "S68"}},
	{Title: "Crying and colic",
		Text:    "Small trials suggest massage may shorten crying in colic. It is comfort, not a cure. On average, babies' crying falls to about half by 10 to 12 weeks.",
		Sure:    "Small trials of mixed quality.",
		Sources: []string{"S70", "S71", "S73"}},
	{Title: "Sleep",
		Text:    "In one small trial, babies whose mothers gave them a 30-minute massage at bedtime every day for two weeks settled into a day and night rhythm sooner.",
		Sure:    "One small trial.",
		Sources: []string{"S78", "S78b"}},
	{Title: "For parents",
		Text:    "Reviews found the strongest evidence for mother and baby together: a closer relationship, and less low mood after the birth.",
		Sure:    "Reviews of studies of mixed quality.",
		Sources: []string{"S68", "S69"}},
	{Title: "Reading your baby",
		Text:    "Asking first, watching how your baby answers your touch and stopping at a no is how instructors teach a parent to read their baby's cues. Instructors say it also shows a baby that their body is theirs.",
		Sure:    "What instructors teach; not tested in trials.",
		Sources: []string{"S3", "S27"}},
}

// WhyPrefix introduces a routine's why line where it is shown. Not "what
// studies say": some routines follow instructors' advice, and their why
// line says so.
const WhyPrefix = "Why this routine: "

// WhyNotATreatment closes the page.
const WhyNotATreatment = "None of this makes massage a treatment for any illness. If you are worried about your baby, ask your doctor or health visitor."
