package routines

// Every rule a parent's hands depend on lives in this file, as pure code:
// when not to massage now (the readiness verdict), which ages a routine
// suits, what a check-in answer does to pressure and pace, what to do with
// a baby who falls asleep, and how far a routine shaped by the baby's
// answers may move from the one it came from. Screens, the voice, the
// command line and the shaper ask these functions; none decides for
// itself.
//
// Each rule is held by rows of the table in safety_test.go, and each row
// names its sources: the source ids of docs/SOURCES.md, such as S34. To
// add a rule:
//
//  1. write it here, as a case of a function below or a function of its
//     own, and keep it pure (no clock, no files: pass them in);
//  2. add a row to safetyRules in safety_test.go: the rule in a few
//     words, its source ids, the case (a helper there turns it into a
//     short outcome such as "stop vaccine") and the outcome you expect;
//  3. if a source id is new, list it in docs/SOURCES.md, under "Safety
//     rules", with what it says. The test fails on an id
//     docs/SOURCES.md does not list.
//
// A rule without a row is a bug. Break the rule once to see its row fail.

import (
	"slices"
	"strings"
	"time"
)

// --- When not to massage: the readiness check (SOURCES.md, "Safety rules") ---

// Answers are the parent's answers to the readiness check.
type Answers struct {
	Cleared   bool     // the clinician has cleared this routine (asked only when it needs it)
	GoAhead   bool     // for a baby born early: the doctor or nurse said yes to massage (asked once, then remembered)
	Fed       bool     // fed in the last 30 minutes
	FedLately bool     // fed in the last 45 minutes (asked of a routine with tummy strokes)
	Unsettled bool     // asleep, hungry, tired or upset right now
	Unwell    bool     // a fever, or seems unwell
	Care      bool     // under a doctor's care for anything right now
	Skin      bool     // a rash, broken skin, a bruise or weeping eczema
	Vaccine   bool     // vaccinations in the last 48 hours
	Stump     bool     // the cord stump still healing
	Diarrhoea bool     // diarrhoea
	Harness   bool     // a hip harness or brace (asked of a routine with a move that loads the hips)
	Warm      bool     // the room and the parent's hands are warm
	Oil       bool     // using oil
	Avoid     []string // region ids to keep away from (a rash)

	// What cradle knows of the baby, not asked: the age (corrected for a
	// baby born early), when known, and whether the baby was born early
	// (BornEarly).
	Age       Age
	AgeKnown  bool
	BornEarly bool
}

// Known are the answers cradle knows before it asks: a baby born at
// birth, due on due (either may be zero), of whom the parent said early
// (EarlyQuestion's answer), whose doctor or nurse said yes to massage on
// goAhead (zero: not yet), at now. The room is taken to be warm until the
// parent says otherwise.
func Known(birth, due time.Time, early Early, goAhead, now time.Time) Answers {
	a := Answers{Warm: true, BornEarly: BornEarly(birth, due, early), GoAhead: !goAhead.IsZero()}
	a.Age, _, a.AgeKnown = BabyAge(birth, due, now)
	return a
}

// To is the answer a readiness question sets: a "yes" sets it true
// (for Cold, the question is whether the room is warm: a "yes" sets
// Warm). nil for an answer no question asks.
func (a *Answers) To(q Readiness) *bool {
	switch q {
	case ReadinessClearance:
		return &a.Cleared
	case ReadinessEarly:
		return &a.GoAhead
	case ReadinessFed:
		return &a.Fed
	case ReadinessFedLately:
		return &a.FedLately
	case ReadinessCare:
		return &a.Care
	case ReadinessUnsettled:
		return &a.Unsettled
	case ReadinessUnwell:
		return &a.Unwell
	case ReadinessSkin:
		return &a.Skin
	case ReadinessVaccine:
		return &a.Vaccine
	case ReadinessStump:
		return &a.Stump
	case ReadinessDiarrhoea:
		return &a.Diarrhoea
	case ReadinessHarness:
		return &a.Harness
	case ReadinessCold:
		return &a.Warm
	case ReadinessOil:
		return &a.Oil
	}
	return nil
}

// Question is one question of the readiness check, by the answer it is
// about.
type Question struct {
	About Readiness
	Title string
	Why   string // a line under the question; may be ""
	// Clear is the harmless answer in a few words, as "same as this
	// morning?" lists it ("no fever or illness"); "" for a question with
	// no harmful answer, or one the all-clear never covers.
	Clear string
	// If names the answer a "yes" to which this question follows up; it is
	// asked only then ("Was it in the last 30 minutes?" after a feed in
	// the last 45). "" for a question always asked.
	If Readiness
}

// Check is every question of the readiness check for r, in the order it
// asks them, given what cradle knows (Known): first, for a baby born
// early without one, the doctor's or nurse's go-ahead for any massage;
// then r's own clearance, if it needs one; then Questions(r, known).
func Check(r *Routine, known Answers) []Question {
	var qs []Question
	if known.BornEarly && !known.GoAhead {
		qs = append(qs, Question{About: ReadinessEarly, Title: "Has your baby's doctor or nurse said massage is right for your baby now?",
			Why: EarlyWhy + " cradle asks once, and remembers a yes (the babies screen can withdraw it)."})
	}
	if r.Clearance != "" {
		qs = append(qs, Question{About: ReadinessClearance, Title: "Has your baby's doctor or nurse said this routine is right for your baby?", Why: r.Clearance})
	}
	return append(qs, Questions(r, known)...)
}

// EarlyWhy is why a baby born early is asked for the go-ahead.
const EarlyWhy = "Your baby was born more than 3 weeks before the due date."

// Asked reports whether question q of qs is asked, given the answers so
// far: a follow-up only after a yes to the question it follows.
func Asked(q Question, a Answers) bool {
	if q.If == "" {
		return true
	}
	v := a.To(q.If)
	return v != nil && *v
}

// SoFar is the answers given before question at of qs, to judge on the
// way (Assess) whether the massage must wait: a go-ahead not reached yet
// counts as given, so a question not asked yet is never taken for a
// "no". A stop among them ends the questions at once, at home and in a
// class alike: there is no point asking about oil for a feverish baby.
func SoFar(qs []Question, a Answers, at int) Answers {
	for i := max(at, 0); i < len(qs); i++ {
		if GoAheadFirst(qs[i]) {
			*a.To(qs[i].About) = true
		}
	}
	return a
}

// GoAheadFirst reports whether q is a go-ahead question (the baby's, or a
// routine's clearance): until it is answered it counts as given, so a
// question not reached yet is never taken for a "no".
func GoAheadFirst(q Question) bool { return q.About == ReadinessEarly || q.About == ReadinessClearance }

// Questions are the readiness questions for r, in the order they are
// asked, given what cradle knows of the baby (Known): first those that
// can stop the massage, then those that change it. A question that only
// leaves regions out (the cord stump, diarrhoea) is asked only when r
// has a region it leaves out, and the cord stump only of a baby who may
// still have one (AsksStump). A routine with tummy strokes, left out
// after a recent feed, asks about a feed in the last 45 minutes, and
// only after a yes whether it was in the last 30: most parents answer
// one question, as before.
func Questions(r *Routine, known Answers) []Question {
	fed := []Question{{About: ReadinessFed, Title: "Has your baby fed in the last 30 minutes?", Why: "A full tummy needs time to settle.", Clear: "not fed in the last half hour"}}
	if leavesOut(r, ReadinessFed) {
		fed = []Question{
			{About: ReadinessFedLately, Title: "Has your baby fed in the last 45 minutes?", Why: "A full tummy needs time to settle: tummy strokes wait 45 minutes after a feed, the rest 30.", Clear: "not fed in the last 45 minutes"},
			{About: ReadinessFed, Title: "Was the feed in the last 30 minutes?", Why: "If it was, the whole massage waits a little; if not, only the tummy is left out.", If: ReadinessFedLately},
		}
	}
	qs := append(fed, []Question{
		{About: ReadinessUnsettled, Title: "Is your baby asleep, hungry, tired or upset right now?", Why: "Massage goes best when your baby is awake, calm and alert.", Clear: "awake, calm and alert"},
		{About: ReadinessUnwell, Title: "Does your baby have a fever or seem unwell?", Clear: "no fever or illness"},
		{About: ReadinessCare, Title: "Is your baby under a doctor's care for anything right now?", Why: "Such as jaundice, an operation, or a heart or other condition. If their doctor has already said massage is fine, answer n.", Clear: "nothing a doctor needs asking about first"},
		{About: ReadinessVaccine, Title: "Vaccinations in the last 48 hours?", Clear: "no vaccinations in the last 48 hours"},
		{About: ReadinessSkin, Title: "Any rash, broken skin, bruise or weeping eczema?", Why: "Or any other sore or infected skin.", Clear: "no rash, broken skin or bruise"},
		{About: ReadinessStump, Title: "Is the cord stump still healing?", Why: "The tummy is left out until it has.", Clear: "the cord stump healed"},
		{About: ReadinessDiarrhoea, Title: "Does your baby have diarrhoea?", Why: "The tummy is left out while they do.", Clear: "no diarrhoea"},
		{About: ReadinessHarness, Title: "Does your baby wear a hip harness or brace?", Why: "The moves that bend or roll the hips are then left out.", Clear: "no hip harness or brace"},
		{About: ReadinessCold, Title: "Is the room warm, and are your hands warm?", Why: "Your baby may be undressed.", Clear: "the room and your hands warm"},
		{About: ReadinessOil, Title: "Will you use oil?", Why: "Oil is optional."},
	}...)
	return slices.DeleteFunc(qs, func(q Question) bool {
		return (q.About == ReadinessStump || q.About == ReadinessDiarrhoea) && !leavesOut(r, q.About) ||
			q.About == ReadinessStump && !AsksStump(known) ||
			q.About == ReadinessHarness && !loadsHips(r) && !leavesOut(r, ReadinessHarness)
	})
}

// StumpHealed is the age from which cradle no longer asks about a healing
// cord stump: the stump falls off within about 5 to 15 days [S86], or by
// about week 3 [S87]; 6 weeks leaves a margin for one that is slow.
const StumpHealed Age = 6 * 7

// AsksStump reports whether the readiness check asks about a healing
// cord stump, given what cradle knows of the baby: when the age is not
// known, or is under StumpHealed. The age is the corrected age for a
// baby born early, never more than the age since birth, so such a baby
// is asked at least as long.
func AsksStump(known Answers) bool { return !known.AgeKnown || known.Age < StumpHealed }

// loadsHips reports whether r has a move that loads the hips.
func loadsHips(r *Routine) bool {
	for _, rg := range r.Regions {
		for _, st := range rg.Steps {
			if LoadsHips(rg, st) {
				return true
			}
		}
	}
	return false
}

// HarnessTip is what a parent whose baby wears a hip harness or brace is
// told (no source was found; the cautious design default, docs/SOURCES.md
// "The limbs", asks the doctor and leaves out the moves that load the hips).
const HarnessTip = "With a hip harness or brace, ask your baby's doctor before any movement of the legs. cradle leaves out the moves that bend or roll the hips."

// EarlyBy is how long before the due date a baby is born early enough
// that cradle asks for the doctor's or nurse's go-ahead before any
// massage: more than 3 weeks, before 37 weeks of pregnancy.
const EarlyBy = 21 * 24 * time.Hour

// BornEarly reports whether a baby born at birth, due on due, was born
// more than EarlyBy before the due date: a baby born early is massaged
// only with the doctor's or nurse's OK [S49][S36]. Either says so: the
// dates, or the parent's yes to EarlyQuestion. A yes is the careful
// answer, so dates that disagree (a due date typed a month wrong) never
// overrule it; not asked yet is not known to be early, and AskEarly asks.
func BornEarly(birth, due time.Time, said Early) bool {
	return said == EarlyYes || DatesEarly(birth, due)
}

// DatesEarly reports whether the dates alone say a baby was born more
// than EarlyBy before the due date.
func DatesEarly(birth, due time.Time) bool {
	return !birth.IsZero() && !due.IsZero() && due.Sub(birth) > EarlyBy
}

// Early is a parent's answer to EarlyQuestion, kept with the baby.
type Early string

const (
	EarlyNotAsked Early = ""    // not asked yet (and every baby saved before cradle asked)
	EarlyYes      Early = "yes" // born more than 3 weeks before the due date
	EarlyNo       Early = "no"  // not: never asked again
)

// EarlyQuestion asks whether the baby called name was born early: the
// same words at home and at a class's join.
func EarlyQuestion(name string) string {
	return "Was " + name + " born " + earlyWhen + "?"
}

// EarlyField is EarlyQuestion as the baby form's field asks it.
const EarlyField = "Born " + earlyWhen + "?"

// earlyWhen is what born early means to cradle (EarlyBy).
const earlyWhen = "more than 3 weeks before the due date"

// KeptEarly is the answer to keep with a baby born at birth, due on due,
// of whom the parent said said: yes when either the parent or the dates
// say so (BornEarly), so that the baby stays born early should the due
// date be taken away later; no when both dates say not; else what the
// parent said.
func KeptEarly(birth, due time.Time, said Early) Early {
	switch {
	case BornEarly(birth, due, said):
		return EarlyYes
	case due.IsZero() || birth.IsZero():
		return said
	}
	return EarlyNo
}

// EarlyQuestionWhy is the line under EarlyQuestion.
const EarlyQuestionWhy = "A baby born early is massaged only with the go-ahead of their doctor or nurse."

// AskEarly reports whether the readiness check first asks EarlyQuestion
// of a baby: when no due date says, and the parent has not answered it.
// A baby born early needs the doctor's or nurse's go-ahead [S49][S36],
// and the due date is optional, so cradle asks rather than assume a baby
// born at term. A no is kept, and never asked again.
func AskEarly(due time.Time, said Early) bool { return due.IsZero() && said == EarlyNotAsked }

// NeedsGoAhead reports whether a baby born at birth, due on due, of
// whom the parent said early, needs the doctor's or nurse's go-ahead
// before any massage, given the day it was given (zero: not yet). Until
// then no routine is marked as suiting the baby.
func NeedsGoAhead(birth, due time.Time, early Early, goAhead time.Time) bool {
	return BornEarly(birth, due, early) && goAhead.IsZero()
}

// leavesOut reports whether an answer leaves a region of r out.
func leavesOut(r *Routine, a Readiness) bool {
	for _, rg := range r.Regions {
		if slices.Contains(rg.LeftOutWhen, a) {
			return true
		}
	}
	return false
}

// Stop is a reason the massage waits for another time.
type Stop string

const (
	StopClearance   Stop = "clearance"    // a routine for babies a clinician has cleared, not cleared
	StopEarly       Stop = "early"        // a baby born early, without the doctor's or nurse's go-ahead
	StopCare        Stop = "care"         // under a doctor's care
	StopUnwell      Stop = "unwell"       // fever or illness
	StopVaccine     Stop = "vaccine"      // vaccinations in the last 48 hours
	StopFed         Stop = "fed"          // just fed
	StopUnsettled   Stop = "unsettled"    // hungry, tired or upset
	StopNothingLeft Stop = "nothing-left" // every region left out
)

// stopWords say why, kindly, and what to do instead.
var stopWords = map[Stop]string{
	StopClearance:   "This routine is the one used in studies of babies born early, under medical care. Please ask your baby's doctor or nurse first. " + UntilAsked,
	StopEarly:       "Your baby was born early: please ask your baby's doctor or nurse first. " + UntilAsked,
	StopCare:        "Your baby is under a doctor's care, so please ask your baby's doctor first whether massage is right for them now. Some conditions, such as jaundice or a recent operation, need their go-ahead before a massage.",
	StopUnwell:      "Your baby has a fever or seems unwell, so let them rest today. Massage can wait until they are better. Check with your clinician if you are worried about them.",
	StopVaccine:     "Your baby had vaccinations in the last 48 hours. Give them time to recover, and you time to see how they react: wait at least 48 hours after vaccinations before a massage. Sources differ on how long to wait, from a day to a week, and the waits come from practice rather than from studies, so check with your clinician.",
	StopFed:         "Wait a little: cradle waits about half an hour after a feed (the sources say 30 to 45 minutes), so the tummy can settle.",
	StopUnsettled:   "Massage works best when your baby is awake, calm and alert, and a sleeping baby is not woken for it. Try again later: once your baby has fed and settled (about half an hour after a feed), had a nap, or had a cuddle.",
	StopNothingLeft: "With those areas left out, nothing of this routine remains. Try another routine, or this one later.",
}

// UntilAsked is what a parent can do for a baby whose doctor or nurse has
// not yet said massage is right: still, gentle touch, which fragile babies
// do best with [S50][S88], and no other routine instead.
const UntilAsked = "Until then, you can hold your baby close or rest a still, warm hand on them. Ask the doctor or nurse which massage, if any, suits your baby now."

// Why is the reason in plain words.
func (s Stop) Why() string { return stopWords[s] }

// Passes reports whether a stop passes within the hour: a feed (about
// half an hour [S38][S85]) and a baby not calm (after a feed, a nap or a
// cuddle [S34]). A family watching a class for it may answer the
// questions again later in the class, as a resume after ResumeAsks asks
// them again at home. Illness, vaccinations, a doctor's care and a
// go-ahead not given stay for the day, and every region left out leaves
// nothing to follow.
func (s Stop) Passes() bool { return s == StopFed || s == StopUnsettled }

// Passes reports whether the massage waits only for stops that pass
// within the hour: asked again later, the answers may let it begin.
func (v Verdict) Passes() bool {
	for _, s := range v.Stops {
		if !s.Passes() {
			return false
		}
	}
	return len(v.Stops) > 0
}

// Verdict is what the readiness answers mean for this massage.
type Verdict struct {
	Stops   []Stop   // why massage waits; none: it may begin
	LeftOut []string // region ids left out
	Why     []string // why each region is left out, in plain words
	Tips    []string // things to do first
}

// Go reports whether the massage may begin.
func (v Verdict) Go() bool { return len(v.Stops) == 0 }

// Assess turns the answers into a verdict. A go-ahead not given (for a
// baby born early, or a routine that needs one), a doctor's care, a fever
// or illness, a vaccination in the last 48 hours, a feed in the last 30
// minutes and a baby who is not calm stop the massage; a feed in the last
// 45 minutes, a rash, the cord stump, diarrhoea, a cool room and oil
// leave out the regions that list them (and the areas the parent picked
// for a rash).
func Assess(r *Routine, a Answers) Verdict {
	var v Verdict
	stop := func(on bool, s Stop) {
		if on {
			v.Stops = append(v.Stops, s)
		}
	}
	stop(a.BornEarly && !a.GoAhead, StopEarly)
	stop(r.Clearance != "" && !a.Cleared, StopClearance)
	stop(a.Care, StopCare)
	stop(a.Unwell, StopUnwell)
	stop(a.Vaccine, StopVaccine)
	stop(a.Fed, StopFed)
	stop(a.Unsettled, StopUnsettled)
	leave := func(id, why string) {
		if _, ok := r.Region(id); !ok || slices.Contains(v.LeftOut, id) {
			return
		}
		v.LeftOut = append(v.LeftOut, id)
		v.Why = append(v.Why, why)
	}
	for _, rg := range r.Regions {
		for _, x := range rg.LeftOutWhen {
			switch {
			case x == ReadinessStump && a.Stump:
				leave(rg.ID, rg.Name+": left out until the cord stump has healed.")
			case x == ReadinessFed && (a.FedLately || a.Fed):
				leave(rg.ID, rg.Name+": left out until 45 minutes after a feed.")
			case x == ReadinessHarness && a.Harness:
				leave(rg.ID, rg.Name+": left out while your baby wears a hip harness or brace.")
			case x == ReadinessDiarrhoea && a.Diarrhoea:
				leave(rg.ID, rg.Name+": left out while your baby has diarrhoea.")
			case x == ReadinessSkin && a.Skin:
				leave(rg.ID, rg.Name+": left out today.")
			case x == ReadinessCold && !a.Warm:
				leave(rg.ID, rg.Name+": left out while the room or your hands are cool.")
			case x == ReadinessOil && a.Oil:
				leave(rg.ID, rg.Name+": left out, as you are using oil.")
			}
		}
	}
	if a.Harness {
		for _, rg := range r.Regions {
			var hips, counted int
			for _, st := range rg.Steps {
				if st.Counts() {
					counted++
					if LoadsHips(rg, st) {
						hips++
					}
				}
			}
			switch {
			case hips == 0:
			case hips == counted:
				leave(rg.ID, rg.Name+": left out while your baby wears a hip harness or brace.")
			default:
				if !slices.Contains(v.LeftOut, rg.ID) {
					for _, st := range rg.Steps {
						if LoadsHips(rg, st) {
							v.Why = append(v.Why, st.Name+" ("+rg.Name+"): left out while your baby wears a hip harness or brace.")
						}
					}
				}
			}
		}
		v.Tips = append(v.Tips, HarnessTip)
	}
	if a.Skin {
		for _, id := range a.Avoid {
			if rg, ok := r.Region(id); ok {
				leave(id, rg.Name+": left out, to keep off the sore skin.")
			}
		}
		if len(a.Avoid) == 0 {
			v.Tips = append(v.Tips, "Keep your hands off any rash, broken skin or bruise.")
		}
	}
	if !a.Warm {
		v.Tips = append(v.Tips, "Warm the room and rub your hands warm first: your baby may be undressed. Cover what you are not massaging if your baby feels cool.")
	}
	if a.Oil {
		if a.AgeKnown && a.Age < NewbornSkin {
			// The caution first, then the oil as a choice, never as advice
			// to use one (facts §4.2's design default: do not push oil).
			v.Tips = append(v.Tips, OilNewbornSkin, OilAllTheSame)
		} else {
			v.Tips = append(v.Tips, OilTip)
		}
	}
	if v.Go() && len(r.Regions) > 0 && len(v.LeftOut) == len(r.Regions) {
		v.Stops = append(v.Stops, StopNothingLeft)
	}
	return v
}

// oilKind is which oil, and how: unscented, plant, safe to swallow, not a
// nut oil, none on the face, and a patch test first [S15][S19][S43][S84].
const oilKind = "a little unscented plant oil that is safe to swallow, such as sunflower oil, not a nut oil, and none on the face. Before the first time, put a drop on a small patch of your baby's skin, such as the inside of the wrist, and wait a day to see whether the skin reacts."

// OilTip is what a parent who uses oil is told.
const OilTip = "Use " + oilKind

// OilAllTheSame is the oil tip for a baby in the first weeks, said after
// OilNewbornSkin: the choice stays the parent's.
const OilAllTheSame = "If you use oil all the same, choose " + oilKind

// OilNewbornSkin is said instead of OilTip, first, for a baby in the first
// weeks: a pilot trial found plant oils slowed the newborn skin's barrier
// [S79].
const OilNewbornSkin = "In the first weeks no oil is needed: one small trial found that olive and sunflower oil slowed the development of the newborn skin's barrier, compared with no oil."

// NewbornSkin is the age until which the newborn-skin caution is said.
const NewbornSkin Age = 6 * 7

// Clear is a readiness check that found nothing in the way: every
// question asked had the harmless answer. It is remembered for the rest
// of the day, so a later massage of the same baby can begin with "same as
// this morning?" instead of every question again.
type Clear struct {
	At    time.Time   `json:"at"`
	Asked []Readiness `json:"asked"` // the questions answered
	Oil   bool        `json:"oil,omitempty"`
}

// AllClear is the Clear of answers given at when nothing in them stops
// the massage or leaves a region out; false otherwise.
func AllClear(r *Routine, a Answers, at time.Time) (Clear, bool) {
	a.Cleared = true // asked on every path; never remembered here
	a.GoAhead = true // remembered with the baby, not with the day
	v := Assess(r, a)
	if !v.Go() || len(v.LeftOut) > 0 || a.Skin || a.Stump || a.Diarrhoea || a.FedLately || a.Harness || !a.Warm {
		return Clear{}, false
	}
	c := Clear{At: at, Oil: a.Oil}
	for _, q := range Questions(r, a) {
		c.Asked = append(c.Asked, q.About)
	}
	return c, true
}

// SameDay reports whether an all-clear may be offered again at now for r:
// given earlier on the same day (in now's time zone), and covering every
// question r asks of the baby cradle knows as known. A clearance is never
// carried over, so a routine that needs one asks every question.
func (c Clear) SameDay(r *Routine, known Answers, now time.Time) bool {
	if c.At.IsZero() || c.At.After(now) || r.Clearance != "" {
		return false
	}
	at := c.At.In(now.Location())
	if y, m, d := at.Date(); y != now.Year() || m != now.Month() || d != now.Day() {
		return false
	}
	for _, q := range Questions(r, known) {
		if !slices.Contains(c.Asked, q.About) {
			return false
		}
	}
	return true
}

// Answers are the answers the all-clear stands for, with what cradle
// knows of the baby (Known).
func (c Clear) Answers(known Answers) Answers {
	known.Warm, known.Oil = true, c.Oil
	return known
}

// ResumeAsks is how long after a session was cut off a resume asks the
// readiness questions again: within it, nothing much can have changed.
const ResumeAsks = 30 * time.Minute

// ResumeNeedsCheck reports whether picking up a session cut off at cut
// asks the readiness questions again at now.
func ResumeNeedsCheck(cut, now time.Time) bool { return now.Sub(cut) > ResumeAsks }

// --- Ages (SOURCES.md, "Safety rules", "Ages") ---

// BabyAge is a baby's age for the age bands, in days: since birth, or,
// for a baby born early (a due date after the birth date), since the due
// date: the corrected age (a design default [S49][S50]). Before the due
// date it is 0. ok is false when the birth date is not known or is after
// now.
func BabyAge(birth, due, now time.Time) (age Age, corrected, ok bool) {
	if birth.IsZero() || now.Before(birth) {
		return 0, false, false
	}
	from := birth
	if !due.IsZero() && due.After(birth) {
		from, corrected = due, true
	}
	if now.Before(from) {
		return 0, corrected, true
	}
	return Age(now.Sub(from).Hours() / 24), corrected, true
}

// Fit is how a routine suits a baby's age.
type Fit int

const (
	FitUnknown   Fit = iota // the baby's age is not known
	FitSuits                // within the routine's ages
	FitTooYoung             // before its ages
	FitTooOld               // past them
	FitClinician            // a routine for babies a clinician has cleared: not a matter of age
)

// AgeFit says how r suits a baby of age (known false: age not known). A
// routine with a clearance is for the clinician to choose at any age; a
// routine with no ages suits any. Ages run from From up to, not
// including, To.
func AgeFit(r *Routine, age Age, known bool) Fit {
	switch {
	case r.Clearance != "":
		return FitClinician
	case !known:
		return FitUnknown
	case age < r.Ages.From:
		return FitTooYoung
	case r.Ages.To != 0 && age >= r.Ages.To:
		return FitTooOld
	}
	return FitSuits
}

// Suited is the routine of rs made most closely for a baby of age, other
// than not: of those whose ages include it, with no clearance, the one of
// the narrowest range (an open-ended range is the widest; of two, the one
// that starts later), the first in rs of equals. nil when none suits.
func Suited(rs []*Routine, age Age, not *Routine) *Routine {
	var best *Routine
	narrower := func(a, b AgeRange) bool {
		switch {
		case a.To == 0 && b.To == 0:
			return a.From > b.From
		case a.To == 0 || b.To == 0:
			return b.To == 0
		}
		return a.To-a.From < b.To-b.From
	}
	for _, r := range rs {
		if r == not || (not != nil && r.ID == not.ID) || AgeFit(r, age, true) != FitSuits {
			continue
		}
		if best == nil || narrower(r.Ages, best.Ages) {
			best = r
		}
	}
	return best
}

// Suits is the routine's ages as the home screen and `routines show`
// give them. A routine for babies a clinician has cleared never says
// "any age": its clinician decides.
func (r *Routine) Suits() string {
	if r.Clearance != "" {
		return "Only with your clinician's go-ahead"
	}
	return "Suits " + r.Ages.String()
}

// AgeAdvice says in a sentence why a routine outside a baby's ages asks
// first: "" when the fit needs no word.
func AgeAdvice(f Fit, age Age) string {
	switch {
	case f == FitTooYoung && age < 6*7:
		return "In the first weeks, massage is best kept short and feather-light."
	case f == FitTooOld && age >= 6*30:
		return "From about 6 months babies wriggle, roll and crawl, and massage needs adapting to them."
	}
	return ""
}

// AgeLength is the longest massage the sources give for a baby of this
// age [S40][S43][S44][S45][S48]: 10 minutes to 6 weeks, 15 to 12 weeks,
// 20 to 6 months, and under 15 for a baby of 6 months or more.
func AgeLength(age Age) time.Duration {
	switch {
	case age < 6*7:
		return 10 * time.Minute
	case age < 12*7:
		return 15 * time.Minute
	case age < 6*30:
		return 20 * time.Minute
	}
	return 15 * time.Minute
}

// AgeLengthWords are the sources' lengths for a baby of this age, as a
// parent reads them: "5 to 10 minutes" to 6 weeks, "10 to 15 minutes" to
// 12 weeks, "10 to 20 minutes" to 6 months, "under 15 minutes" after.
func AgeLengthWords(age Age) string {
	switch {
	case age < 6*7:
		return "5 to 10 minutes"
	case age < 12*7:
		return "10 to 15 minutes"
	case age < 6*30:
		return "10 to 20 minutes"
	}
	return "under 15 minutes"
}

// LongFor reports whether r's massage is longer than the sources give for
// a baby of age (AgeLength): a routine that suits the age may still be
// long for it, and the home screen says so beside its tick.
func LongFor(r *Routine, age Age) bool { return r.Length() > AgeLength(age) }

// LongForAge is what the home screen says beside a routine that suits a
// baby's age but is long for it (LongFor); a class says it to the family.
const LongForAge = "long for this age"

// LongWords say, in a few words, what a routine long for a baby's age
// suggests: "10 to 15 min suggested: do one or two regions".
func LongWords(age Age) string {
	return strings.Replace(AgeLengthWords(age), "minutes", "min", 1) + " suggested: do one or two regions"
}

// --- Check-in answers: pressure, pace, a sleeping baby (SOURCES.md, "Check-in responses") ---

// Ends reports whether an answer always ends the session, whatever a
// routine file says: crying (stop and comfort, try another day) and
// falling asleep (a sleeping baby is not massaged on).
func Ends(c Cue) bool { return c == CueCrying || c == CueAsleep }

// OfferWait is how long the choice after fussing's still hands (go on,
// skip, or end) waits for the parent before OfferDefault is taken. With
// the 20 s hold before it, an unsettled baby is held still for under a
// minute before the massage stops (stop if distress lasts beyond about a
// minute [S35]).
const OfferWait = 30 * time.Second

// GoOnSteps is how far "go on" at the choice after fussing's still hands
// goes before cradle asks again how the baby is: one more stroke, slower
// (a design default: after the hold, offer one more stroke, with "end"
// always available; docs/SOURCES.md, "What a check-in answer does"). A
// step of repeated strokes goes on for one repetition, not the rest of
// the step, as the choice says. An unsettled baby is never taken through
// the rest of the routine on one choice.
const GoOnSteps = 1

// OfferDefault is what happens when nobody chooses after fussing's still
// hands: the gentler choice for the baby, to stop, saved as such
// (fussing that does not settle: stop and comfort [S34][S35][S96a]).
const OfferDefault = ActionEnd

// SafeSleep is said whenever a baby falls asleep during a massage: a baby
// lying face-down for the back is no longer on supervised tummy time.
const SafeSleep = "If your baby is lying face-down, gently turn them onto their back. Lay a sleeping baby down on their back, on a firm, flat surface of their own, with nothing soft or loose around them (the safe-sleep advice of the American Academy of Pediatrics)."

// ColourOrBreathing is what to do when a baby born early changes colour
// or breathing (preterm stress cues [S51][S49][S50]). A routine a
// clinician clears says it at fussing and crying, whatever its file says;
// the research protocol also says it in its clearance, its notes and the
// caution of its first stroke.
const ColourOrBreathing = "If your baby's colour changes (pale or blotchy), their breathing changes, or they pause in their breathing: stop stroking, rest a still hand on them or hold them, and call your baby's nurse or doctor."

// SleepAfter is said wherever an ending invites sleep: the safe-sleep
// advice, short [S100][S101].
const SleepAfter = "If your baby drifts off, lay them on their back, on a firm, flat surface of their own."

// AfterMassage is said when a massage of a real baby ends, at home or in
// a class: what babies are often ready for afterwards [S35][S41], and
// SleepAfter.
const AfterMassage = "After a massage many babies are ready to feed, sleep or simply be held. " + SleepAfter

// Response returns what the answer does in this routine: the routine's own
// response if it has one, else the default. Crying and falling asleep
// always end the session; falling asleep always ends with SafeSleep. In a
// moderate-pressure routine the default words for slowing down (the
// default for subtle cues, and for any answer a file makes slow down
// without words of its own) keep the touch steady rather than lighter. In
// a routine a clinician clears, fussing and crying also say
// ColourOrBreathing.
func (r *Routine) Response(c Cue) Response {
	resp, own := r.Responses[c]
	if !own {
		resp = DefaultResponses[c]
	}
	if resp.Say == DefaultResponses[CueSubtle].Say && r.Moderate() {
		resp.Say = steadySubtle
	}
	if Ends(c) {
		resp.Action, resp.Hold, resp.Goto = ActionEnd, 0, ""
	}
	if c == CueAsleep {
		resp.Say = strings.TrimSpace(resp.Say + " " + SafeSleep)
	}
	if r.Clearance != "" && (c == CueFussing || c == CueCrying) && !strings.Contains(resp.Say, ColourOrBreathing) {
		resp.Say = strings.TrimSpace(resp.Say + " " + ColourOrBreathing)
	}
	return resp
}

// steadySubtle is the default answer to subtle cues in a moderate-pressure
// routine.
const steadySubtle = "Your baby may need a little less. Rest your hands still for a moment, then go on more slowly, keeping the touch steady rather than lighter. Less eye contact or talking can help too."

// Moderate reports whether r uses moderate pressure: one of its steps
// says so. In the preterm studies moderate pressure did better than
// light, so an answer never lightens it.
func (r *Routine) Moderate() bool {
	for _, rg := range r.Regions {
		for _, st := range rg.Steps {
			if moderate(st.Pressure) {
				return true
			}
		}
	}
	return false
}

func moderate(pressure string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(pressure)), "moderate")
}

// Lighter reports whether going slower for the baby also lightens the
// touch at step st: not in a moderate-pressure routine, and not at a step
// of moderate pressure.
func (r *Routine) Lighter(st Step) bool { return !r.Moderate() && !moderate(st.Pressure) }

// Slower says how a step goes on after subtle cues or fussing, in a few
// words: "slower and lighter", or "slower, with the same steady touch".
func (r *Routine) Slower(st Step) string {
	if r.Lighter(st) {
		return "slower and lighter"
	}
	return "slower, with the same steady touch"
}

// Slowed reports whether a step goes slower after subtle cues or
// fussing: the moving ones. Resting hands and holds stay as they are.
func Slowed(st Step) bool {
	return st.Kind == StepStroke || st.Kind == StepMovement || st.Kind == StepIntegration
}

// SlowNote is the line the session screen shows, and the voice says, at a
// step while the pace is slower; "" at a step that does not slow.
func (r *Routine) SlowNote(st Step) string {
	if !Slowed(st) {
		return ""
	}
	if r.Lighter(st) {
		return "Slower and lighter now, as your baby asked."
	}
	return "Slower now, as your baby asked, with the same steady touch."
}

// --- The routine shaped by the baby's answers (insights.Personalize) ---

// OftenSessions is the fewest sessions "often" is said of.
const OftenSessions = 3

// Often reports whether n of sessions is often: at least half, of at least
// OftenSessions sessions. The readings and the shaper both mean this.
func Often(n, sessions int) bool { return sessions >= OftenSessions && 2*n >= sessions }

// Reading names what a reading of the baby's answers is about: a region
// that often brings fussing or crying, one that often brings subtle
// cues, or a stroke that often brings fussing or crying.
type Reading int

const (
	ReadUpset Reading = iota
	ReadSubtle
	ReadStroke
)

// ReadingAdvice is what a reading may suggest for a region or stroke of
// the routines rs (those of the sessions it counts): the readings follow
// the same rules as the session. Never "lighter" in a moderate-pressure
// routine; and a routine a clinician clears (the research protocol,
// followed as it was studied) is never made shorter, later or left out in
// part: the parent asks the baby's nurse or doctor instead.
func ReadingAdvice(rd Reading, rs []*Routine) string {
	cleared, moderate := false, false
	for _, r := range rs {
		cleared = cleared || r.Clearance != ""
		moderate = moderate || r.Moderate()
	}
	switch {
	case cleared:
		return "ask your baby's nurse or doctor how to go on, as this routine is followed as it was studied"
	case rd == ReadUpset:
		return "try it shorter or later"
	case rd == ReadStroke:
		return "you could leave it out"
	case moderate:
		return "slower, with the same steady touch, may suit your baby there"
	}
	return "slower and lighter may suit your baby there"
}

// Reshapable reports whether a routine may be shaped by the baby's
// answers: a built-in routine only, so a shaped routine always starts
// from the routine it came from, and never one a clinician must clear
// (the research protocol is followed as it was studied).
func Reshapable(r *Routine) bool { return r.Builtin && r.Clearance == "" && r.Base == "" }

// ShapeLimit is the longest a routine shaped from base may be for a baby
// of age (known false: age not known): a fifth over base at most, and
// never grown past AgeLength. A base already longer than that is not
// grown at all.
func ShapeLimit(base *Routine, age Age, known bool) time.Duration {
	limit := base.Length() * 6 / 5
	if known {
		limit = min(limit, max(AgeLength(age), base.Length()))
	}
	return limit
}

// Keeps reports whether the shaper keeps a step as it is, whatever the
// answers: every step that is not a moving one (Slowed), such as resting
// hands, which open every region, still holds, such as the closing
// cuddle, and any step that gets the baby or the hands ready.
func Keeps(st Step) bool { return !Slowed(st) }

// ShapeOrder puts the regions with the ids in later after the others, in
// their order, while keeping the ritual: the last region stays last (it
// holds the turn onto the tummy for the back and the closing cuddle), and
// the face does not come first. That last is cradle's own choice for a
// shaped routine (the face is sensitive, and some babies dislike it), not
// a rule of the sources: the learning plan's week 5 opens with the face,
// as the course it follows does.
func ShapeOrder(regions []Region, later []string) []Region {
	if len(regions) == 0 {
		return regions
	}
	last := regions[len(regions)-1]
	var stay, moved []Region
	for _, rg := range regions[:len(regions)-1] {
		if slices.Contains(later, rg.ID) {
			moved = append(moved, rg)
		} else {
			stay = append(stay, rg)
		}
	}
	out := append(append(stay, moved...), last)
	if len(out) > 2 && face(out[0]) {
		out[0], out[1] = out[1], out[0]
	}
	return out
}

// face reports whether a region is the face: no oil there.
func face(rg Region) bool { return rg.ID == "face" || rg.NoOil }

// --- Getting ready: turning the baby, the oil on the hands (SOURCES.md, "Getting ready") ---
//
// Before any step of a region the baby is turned as the region says
// (onto the front for the back, with room to rest a cheek; onto the back
// for the front of the body), and the hands are wiped before a region
// without oil (the face) and oiled again after it. The session asks
// these; they follow what it knows, not the order of the file, so a
// reordered routine, a skipped region, a step back and a resume all get
// them. The words are in prepare.go.

// setup is what a session believes about the baby and the parent's
// hands, from the steps done so far.
type setup struct {
	position Position // PositionAny: not known
	hands    hands
	noOil    bool // the parent uses no oil: nothing to wipe or put on
}

// hands says whether the parent's hands have oil on them.
type hands int8

const (
	handsUnknown hands = iota // nothing said yet (no opening ritual)
	handsOily                 // warmed with oil, if it is used
	handsClean                // wiped for a region without oil
)

// needs lists the getting-ready steps due before a step of rg, in order:
// hands wiped before turning, oiled after it, so a baby is never turned
// with slippery hands.
func (su setup) needs(rg Region) []Step {
	if rg.Opening {
		return nil
	}
	var out []Step
	if rg.NoOil && su.hands == handsOily && !su.noOil {
		out = append(out, wipeStep(rg))
	}
	if rg.Position != PositionAny && rg.Position != su.position {
		out = append(out, turnSteps[rg.Position])
	}
	if !rg.NoOil && su.hands == handsClean && !su.noOil {
		out = append(out, oilStep)
	}
	return out
}

// did notes a getting-ready step done (or gone on from).
func (su *setup) did(st Step) {
	switch st.ID {
	case "wipe-hands":
		su.hands = handsClean
	case "oil-hands":
		su.hands = handsOily
	default:
		for p, turn := range turnSteps {
			if st.ID == turn.ID {
				su.position = p
			}
		}
	}
}

// in notes a step of rg begun: the baby lies as rg says, and the hands
// are as rg has them.
func (su *setup) in(rg Region) {
	if rg.Opening {
		return
	}
	if rg.Position != PositionAny {
		su.position = rg.Position
	}
	su.hands = handsOily
	if rg.NoOil {
		su.hands = handsClean
	}
}

// afterOpening notes the baby's yes at the end of the opening ritual,
// which is asked face to face: the baby on their back.
func (su *setup) afterOpening() {
	su.position = PositionBack
}

// startSetup is what a session knows at its start: the opening ritual
// warms the oil in the hands; without it, nothing is known.
func startSetup(r *Routine, noOil bool) setup {
	su := setup{noOil: noOil}
	if !r.NoOpening {
		su.hands = handsOily
	}
	return su
}

// --- The limbs: hips and the milking strokes (SOURCES.md, "The limbs") ---

// HipCaution is the caution of every move that loads the hips (a cautious
// design default: no source was found on hip harnesses, so the move is
// left out and the doctor asked).
const HipCaution = "If your baby wears a hip harness or brace, leave this out and ask your doctor."

// LoadsHips reports whether a step bends the legs at the hip or rolls
// them: knees to tummy, bicycling, the leg bends of the research
// protocol, leg rolling.
func LoadsHips(rg Region, st Step) bool {
	name := strings.ToLower(st.Name)
	if st.Kind == StepMovement {
		for _, w := range []string{"knee", "bicycl", "leg"} {
			if strings.Contains(name, w) {
				return true
			}
		}
	}
	return strings.Contains(name, "rolling") && strings.Contains(strings.ToLower(rg.ID+" "+rg.Name), "leg")
}

// Indian milking strokes down a limb, away from the heart; Swedish milking
// strokes up it. A UK instructor body stopped teaching Indian milking for
// a reason in theory only (no harm was found), while IAIM still teaches it
// [S12] (docs/SOURCES.md, "Choices between sources"). The design default:
// keep the stroke, light, and offer "Swedish milking only", a choice the
// parent makes once, which then holds in every routine.

// IsIndianMilking reports whether st is the Indian milking stroke, by its
// name, as routine files write it.
func IsIndianMilking(st Step) bool { return strokeIs(st, "indian milking") }

func strokeIs(st Step, name string) bool {
	return st.Kind == StepStroke && strings.EqualFold(strings.TrimSpace(st.Name), name)
}

// HasIndianMilking reports whether r has an Indian milking step.
func HasIndianMilking(r *Routine) bool {
	for _, rg := range r.Regions {
		for _, st := range rg.Steps {
			if IsIndianMilking(st) {
				return true
			}
		}
	}
	return false
}

// swedishMilking is the stroke for a region that has Indian milking but no
// Swedish milking of its own to copy.
var swedishMilking = Step{Name: "Swedish milking", Kind: StepStroke,
	Do:        "Hold the hand or foot and glide your other hand up the limb, towards the body. Swap hands and go again, hand over hand.",
	Direction: "up the limb, towards the heart",
	Sources:   []string{"S1", "S12"}}

// SwedishOnly is r with every Indian milking step done as Swedish milking
// instead, in its place: with the region's own Swedish milking words when
// it has them. The step keeps its id, side, repetitions and check-in, so
// the routine keeps its length and its steps their places (a session cut
// off before the choice changed resumes where it was). r itself is not
// changed; without Indian milking, r is returned as it is.
func SwedishOnly(r *Routine) *Routine {
	if !HasIndianMilking(r) {
		return r
	}
	out := *r
	out.Regions = make([]Region, len(r.Regions))
	for i, rg := range r.Regions {
		swedish := swedishMilking
		for _, st := range rg.Steps {
			if strokeIs(st, "swedish milking") {
				swedish = st
				break
			}
		}
		rg.Steps = append([]Step(nil), rg.Steps...)
		for j, st := range rg.Steps {
			if !IsIndianMilking(st) {
				continue
			}
			st.Name, st.Do, st.Direction, st.Sources = swedish.Name, swedish.Do, swedish.Direction, swedish.Sources
			// The step keeps its own pressure and caution where the
			// Swedish stroke gives none: "never pull the arm straight"
			// holds whichever way the hand glides.
			if swedish.Pressure != "" {
				st.Pressure = swedish.Pressure
			}
			if swedish.Caution != "" {
				st.Caution = swedish.Caution
			}
			rg.Steps[j] = st
		}
		out.Regions[i] = rg
	}
	return &out
}

// --- More time, from an instructor (SOURCES.md, "Safety rules", "More time") ---

// MoreTime is what an instructor's + gives the step on screen (in a
// demonstration or a class): a moment longer for a question or a slow
// baby.
const MoreTime = 30 * time.Second

// MaxLeft bounds what more time may leave of one step, a hold or a wait:
// never past 15 minutes, the longest session the parenting sources
// suggest for a baby of 6 to 12 weeks [S40][S44]. More time is for a question or a slow
// baby, not for leaving a stroke running.
const MaxLeft = 15 * time.Minute
