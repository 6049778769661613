package routines

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cradle-coach/cradle/internal/testclock"
)

// rule is one row of the safety table: a rule in a few words, the source
// ids it rests on (tags of docs/SOURCES.md, space-separated), the case
// run through safety.go, and the outcome that case must have.
//
// To add a row, pick the helper below that runs your kind of rule (or
// write one that turns the case into a short outcome), and write the
// outcome you expect. See the header of safety.go.
type rule struct {
	rule string
	src  string
	got  string
	want string
}

// safetyRules holds every rule of safety.go. lib is the built-in
// catalogue, by id. The rows come in groups, each headed by the name of
// its rule in docs/SOURCES.md, "Safety rules", which says what the
// sources say and what cradle chose.
func safetyRules(lib map[string]*Routine) []rule {
	full, colic, bedtime := lib["full-body"], lib["colic"], lib["bedtime"]
	newborn, protocol, onTheMove := lib["newborn"], lib["stroking-movement"], lib["on-the-move"]
	week4, _ := LearningPlan(full, 4)
	week5, _ := LearningPlan(full, 5)
	ok := Answers{Warm: true}
	with := func(change func(*Answers)) Answers {
		a := ok
		change(&a)
		return a
	}
	all := []*Routine{full, colic, bedtime, newborn, onTheMove, protocol}
	morning := time.Date(2026, 3, 4, 9, 10, 0, 0, time.UTC)
	clear, _ := AllClear(full, ok, morning)
	early := Known(date("2026-01-01"), date("2026-02-26"), EarlyNotAsked, time.Time{}, date("2026-03-26")) // born 8 weeks early
	aged := func(days Age) Answers { return with(func(a *Answers) { a.Age, a.AgeKnown = days, true }) }

	return []rule{
		// "When not to massage now".
		{"nothing in the way: begin", "S34 S38", ready(full, ok), "begin"},
		{"a fever or illness stops the massage", "S34 S38 S39 S82", ready(full, with(func(a *Answers) { a.Unwell = true })), "stop unwell"},
		{"vaccinations in the last 48 hours stop the massage: wait, ask the clinician", "S34 S36 S37 S38 S39",
			ready(full, with(func(a *Answers) { a.Vaccine = true })), "stop vaccine"},
		{"the vaccination stop says 48 hours and to check with your clinician", "S34 S37 S38",
			has(StopVaccine.Why(), "at least 48 hours", "check with your clinician"), "yes"},
		{"the vaccination stop says the waits are not from studies", "S34 S36 S37 S39",
			has(StopVaccine.Why(), "from a day to a week", "practice rather than from studies"), "yes"},
		{"a vaccination never just leaves areas out", "S34 S38",
			ready(full, with(func(a *Answers) { a.Vaccine, a.Avoid = true, []string{"legs"} })), "stop vaccine"},
		{"an illness stop says to check with your clinician", "S34 S82", has(StopUnwell.Why(), "Check with your clinician"), "yes"},
		{"just fed: wait about half an hour", "S38 S85 S93 S40", ready(full, with(func(a *Answers) { a.Fed = true })), "stop fed"},
		{"hungry, tired or upset: not now", "S34 S27", ready(full, with(func(a *Answers) { a.Unsettled = true })), "stop unsettled"},
		{"every reason to stop is given", "S34 S38 S39",
			ready(full, with(func(a *Answers) { a.Unwell, a.Vaccine, a.Fed = true, true, true })), "stop unwell vaccine fed"},
		{"a rash: the areas picked are left out", "S36 S38 S39",
			ready(full, with(func(a *Answers) { a.Skin, a.Avoid = true, []string{"legs", "face"} })), "begin without legs face"},
		{"a rash with no area picked: keep off it", "S36 S38 S39",
			tips(full, with(func(a *Answers) { a.Skin = true })), "Keep your hands off any rash, broken skin or bruise."},
		{"the skin question names bruises and weeping eczema too", "S36 S38 S39",
			has(question(full, ReadinessSkin).Title, "rash", "broken skin", "bruise", "weeping eczema"), "yes"},
		{"the calm question asks whether the baby is asleep: a sleeping baby is not woken for it", "S34 S38",
			has(question(full, ReadinessUnsettled).Title, "asleep") + " " + has(StopUnsettled.Why(), "sleeping baby is not woken"), "yes yes"},
		{"the unsettled stop never sends a parent back before half an hour after a feed", "S38 S85 S34",
			has(StopUnsettled.Why(), "about half an hour after a feed") + " " + has(StopUnsettled.Why(), "after a feed, a nap"), "yes no"},
		{"the cord stump: the tummy is left out", "S7 S36", ready(full, with(func(a *Answers) { a.Stump = true })), "begin without tummy"},
		{"the cord stump: both tummy parts of colic relief are left out", "S7 S36",
			ready(colic, with(func(a *Answers) { a.Stump = true })), "begin without tummy tummy-again"},
		{"diarrhoea: no tummy strokes", "S39", ready(full, with(func(a *Answers) { a.Diarrhoea = true })), "begin without tummy"},
		{"a region may be left out while the room is cool", "S85 S22 S24",
			ready(coldOrOil, with(func(a *Answers) { a.Warm = false })), "begin without tummy"},
		{"a cool room: warm it first", "S85 S22 S24 S33",
			has(strings.Join(Assess(full, with(func(a *Answers) { a.Warm = false })).Tips, " "), "Warm the room"), "yes"},
		{"a region may be left out with oil (no oil on the face)", "S19",
			ready(coldOrOil, with(func(a *Answers) { a.Oil = true })), "begin without face"},
		{"oil: unscented, safe to swallow, none on the face", "S84 S43 S83 S19",
			has(strings.Join(Assess(full, with(func(a *Answers) { a.Oil = true })).Tips, " "), "unscented", "safe to swallow", "none on the face"), "yes"},
		{"oil: not a nut oil", "S15 S43", has(tips(full, with(func(a *Answers) { a.Oil = true })), "not a nut oil"), "yes"},
		{"oil: a patch test on the baby's skin, a day before", "S43",
			has(tips(full, with(func(a *Answers) { a.Oil = true })), "a drop on a small patch of your baby's skin", "wait a day"), "yes"},
		{"oil under 6 weeks: no oil needed, the newborn skin's barrier", "S79",
			has(tips(newborn, with(func(a *Answers) { a.Oil, a.Age, a.AgeKnown = true, 41, true })), OilNewbornSkin), "yes"},
		{"oil under 6 weeks: the caution first, and oil only as the parent's choice", "S79 S43",
			tips(newborn, with(func(a *Answers) { a.Oil, a.Age, a.AgeKnown = true, 41, true })), OilNewbornSkin + " If you use oil all the same, choose a little unscented plant oil" + strings.TrimPrefix(OilTip, "Use a little unscented plant oil")},
		{"oil from 6 weeks, or at an age not known: no newborn-skin word", "S79",
			has(tips(full, with(func(a *Answers) { a.Oil, a.Age, a.AgeKnown = true, 42, true })), OilNewbornSkin) + " " +
				has(tips(full, with(func(a *Answers) { a.Oil = true })), OilNewbornSkin), "no no"},
		{"a feed or a baby not calm passes: a class's family may ask again later", "S38 S85 S34",
			passes(full, with(func(a *Answers) { a.Fed = true })) + " " + passes(full, with(func(a *Answers) { a.Unsettled = true })) + " " +
				passes(full, with(func(a *Answers) { a.Fed, a.Unsettled = true, true })), "fed passes unsettled passes fed unsettled passes"},
		{"illness, vaccinations, a doctor's care, no go-ahead stay for the class", "S34 S38 S39 S49 S50",
			passes(full, with(func(a *Answers) { a.Unwell = true })) + " " + passes(full, with(func(a *Answers) { a.Vaccine = true })) + " " +
				passes(full, with(func(a *Answers) { a.Care = true })) + " " + passes(full, with(func(a *Answers) { a.BornEarly = true })) + " " +
				passes(protocol, ok), "unwell stays vaccine stays care stays early stays clearance stays"},
		{"a feed with an illness: the illness keeps it for the class", "S34 S38",
			passes(full, with(func(a *Answers) { a.Fed, a.Unwell = true, true })), "unwell fed stays"},
		{"nothing to wait for: nothing passes", "S34", passes(full, ok), "passes no"},
		{"nothing left of the routine: not today", "S7 S36 S39",
			ready(tummyOnly, with(func(a *Answers) { a.Stump = true })), "stop nothing-left"},
		{"the tummy questions are asked of a routine with a tummy", "S7 S36 S39 S41", asks(full), "fed-lately fed unsettled unwell care vaccine skin stump diarrhoea harness cold oil"},
		{"a routine with no tummy does not ask about the stump, diarrhoea or 45 minutes after a feed", "S7 S36 S39", asks(newborn), "fed unsettled unwell care vaccine skin cold oil"},
		{"the cord stump is asked of a baby under 6 weeks, or of an age not known; not from 6 weeks, when it has long healed", "S86 S87",
			has(asksOf(full, aged(41)), "stump") + " " + has(asks(full), "stump") + " " + has(asksOf(full, aged(42)), "stump") + " " + has(asksOf(full, aged(90)), "stump"), "yes yes no no"},
		{"a 3-month-old is asked everything else about the tummy", "S86 S87 S7 S36 S39 S41",
			asksOf(full, aged(90)), "fed-lately fed unsettled unwell care vaccine skin diarrhoea harness cold oil"},
		{"a baby born early goes by the corrected age, so is asked about the stump longer", "S86 S87 S49",
			has(asksOf(full, early), "stump"), "yes"},
		{"the check asks it as the questions do", "S86 S87",
			has(fmt.Sprint(Check(full, aged(41))), "stump") + " " + has(fmt.Sprint(Check(full, aged(90))), "stump"), "yes no"},
		{"an all-clear without the stump covers a baby past 6 weeks, not one of an age not known", "S86 S87",
			sameDayOf(must(AllClear(full, aged(90), morning)), full, aged(90), morning.Add(time.Hour)) + ", " +
				sameDayOf(must(AllClear(full, aged(90), morning)), full, Answers{}, morning.Add(time.Hour)), "offered, asked again"},

		// "Feeds": a feed, 30 minutes for the massage and 45 for tummy strokes.
		{"a feed 30 to 45 minutes ago: the tummy is left out", "S41 S40 S93",
			ready(full, with(func(a *Answers) { a.FedLately = true })), "begin without tummy"},
		{"a feed 30 to 45 minutes ago: colic relief's knees to tummy and bicycling wait with its tummy strokes, so nothing of it remains", "S41 S13 S24 S91",
			ready(colic, with(func(a *Answers) { a.FedLately = true })), "stop nothing-left"},
		{"diarrhoea: colic relief's knees to tummy and bicycling, a move for wind and constipation, are left out with its tummy strokes", "S39 S24 S91",
			ready(colic, with(func(a *Answers) { a.Diarrhoea = true })), "stop nothing-left"},
		{"the cord stump leaves out colic relief's tummy strokes, not its knees to tummy", "S7 S36",
			ready(colic, with(func(a *Answers) { a.Stump = true })), "begin without tummy tummy-again"},
		{"a feed in the last 30 minutes still stops the whole massage", "S38 S85",
			ready(full, with(func(a *Answers) { a.FedLately, a.Fed = true, true })), "stop fed"},
		{"in the last 30 minutes? is asked only after a yes to 45", "S38 S85 S41",
			fmt.Sprint(Asked(question(full, ReadinessFed), ok), Asked(question(full, ReadinessFed), with(func(a *Answers) { a.FedLately = true }))), "false true"},
		{"a feed 30 to 45 minutes ago is never an all-clear", "S41 S40", allClear(full, with(func(a *Answers) { a.FedLately = true })), "not clear"},

		// "Under a doctor's care": a baby under a doctor's care (jaundice, an operation, ...).
		{"under a doctor's care: ask the doctor first", "S39 S74", ready(full, with(func(a *Answers) { a.Care = true })), "stop care"},
		{"the doctor's-care question names jaundice and an operation", "S39 S74",
			has(question(newborn, ReadinessCare).Title+" "+question(newborn, ReadinessCare).Why, "doctor's care", "jaundice", "an operation"), "yes"},
		{"the doctor's-care stop says to ask the baby's doctor first", "S39 S74", has(StopCare.Why(), "please ask your baby's doctor first"), "yes"},

		// "The research protocol".
		{"the research protocol needs the clinician's go-ahead", "S49 S36 S50c S59", ready(protocol, ok), "stop clearance"},
		{"with the go-ahead it may begin", "S49 S36", ready(protocol, with(func(a *Answers) { a.Cleared = true })), "begin"},
		{"the research protocol is a matter for the clinician, not of age", "S49 S36", fit(protocol, 40, true), "clinician decides"},
		{"the research protocol never says any age", "S49 S36", protocol.Suits(), "Only with your clinician's go-ahead"},
		{"no go-ahead: hold close or a still hand, never another routine instead", "S49 S36 S50 S88",
			has(StopClearance.Why(), UntilAsked) + " " + has(StopClearance.Why(), "choose another routine"), "yes no"},
		{"colour or breathing changes: the research protocol says what to do in its clearance and on its first stroke", "S51 S49 S50",
			has(protocol.Clearance, ColourOrBreathing) + " " + has(firstStroke(protocol).Caution, ColourOrBreathing), "yes yes"},
		{"colour or breathing changes: fussing and crying say it in a routine a clinician clears, whatever its file says", "S51 S49 S50",
			has(protocol.Response(CueFussing).Say, ColourOrBreathing) + " " + has(protocol.Response(CueCrying).Say, ColourOrBreathing) + " " +
				has(clearedCopy(full).Response(CueFussing).Say, ColourOrBreathing) + " " + has(full.Response(CueFussing).Say, ColourOrBreathing), "yes yes yes no"},
		{"the fussing answer lists stiff limbs and a colour change among its signs", "S35 S96 S28",
			has(CueFussing.Info().Hint, "stiff", "colour change"), "yes"},

		// "A baby born early, whatever the routine".
		{"born more than 3 weeks before the due date: born early", "S49 S36",
			fmt.Sprint(BornEarly(date("2026-01-01"), date("2026-01-23"), EarlyNotAsked), BornEarly(date("2026-01-01"), date("2026-01-22"), EarlyNotAsked), BornEarly(date("2026-01-01"), time.Time{}, EarlyNotAsked)), "true false false"},
		{"dates that say early overrule a no; a parent's yes is never overruled by dates (a due date typed wrong must not skip the go-ahead)", "S49 S36",
			fmt.Sprint(BornEarly(date("2026-01-01"), date("2026-01-23"), EarlyNo), BornEarly(date("2026-01-01"), date("2026-01-15"), EarlyYes), BornEarly(date("2026-01-01"), date("2026-01-15"), EarlyNo)), "true true false"},
		{"without a due date, the parent's answer says: a yes is born early, a no or nothing is not", "S49 S36",
			fmt.Sprint(BornEarly(date("2026-01-01"), time.Time{}, EarlyYes), BornEarly(time.Time{}, time.Time{}, EarlyYes), BornEarly(date("2026-01-01"), time.Time{}, EarlyNo), BornEarly(time.Time{}, time.Time{}, EarlyNotAsked)), "true true false false"},
		{"no due date and never answered: the check asks whether the baby was born early, once", "S49 S36",
			fmt.Sprint(AskEarly(time.Time{}, EarlyNotAsked), AskEarly(time.Time{}, EarlyNo), AskEarly(time.Time{}, EarlyYes), AskEarly(date("2026-01-23"), EarlyNotAsked)), "true false false false"},
		{"a yes without a due date asks for the go-ahead first", "S49 S36 S50",
			firstAsked(full, Known(time.Time{}, time.Time{}, EarlyYes, time.Time{}, date("2026-03-26"))), "early"},
		{"the question names 3 weeks before the due date, as the class asks it", "S49 S36",
			has(EarlyQuestion("Ada"), "Was Ada born more than 3 weeks before the due date?"), "yes"},
		{"the answer kept is yes when the dates or the parent say so, no when the dates say not and the parent did not say yes", "S49 S36",
			fmt.Sprintf("%q", []Early{KeptEarly(date("2026-01-01"), date("2026-01-23"), EarlyNo), KeptEarly(date("2026-01-01"), date("2026-01-15"), EarlyYes), KeptEarly(date("2026-01-01"), date("2026-01-15"), EarlyNotAsked), KeptEarly(date("2026-01-01"), time.Time{}, EarlyYes), KeptEarly(time.Time{}, time.Time{}, EarlyNotAsked), KeptEarly(date("2026-01-01"), time.Time{}, EarlyNo)}), `["yes" "yes" "no" "yes" "" "no"]`},
		{"the baby form asks it in the same words", "S49 S36",
			EarlyField, "Born more than 3 weeks before the due date?"},
		{"a baby born early is asked for the go-ahead first, before any routine", "S49 S36 S50",
			firstAsked(full, early) + " " + firstAsked(newborn, early) + " " + firstAsked(bedtime, early), "early early early"},
		{"a yes is remembered with the baby: not asked again", "S49 S36",
			firstAsked(full, Known(date("2026-01-01"), date("2026-02-26"), EarlyNotAsked, date("2026-03-03"), date("2026-03-26"))), "fed-lately"},
		{"a baby born at term, or less than 3 weeks early, is not asked", "S49 S36",
			firstAsked(full, Known(date("2026-01-01"), date("2026-01-15"), EarlyNotAsked, time.Time{}, date("2026-03-26"))), "fed-lately"},
		{"no go-ahead for a baby born early: hold close or a still hand, never another routine", "S49 S36 S50 S88",
			ready(newborn, early) + ": " + has(StopEarly.Why(), UntilAsked), "stop early: yes"},
		{"with the go-ahead a baby born early may begin", "S49 S36", ready(newborn, with(func(a *Answers) { a.BornEarly, a.GoAhead = true, true })), "begin"},
		{"no go-ahead ends the questions at once: the rest, the routine's clearance too, wait", "S49 S36 S50c",
			stopsAfter(protocol, early, false), "stop early after 1 of 11"},
		{"a fever ends the questions at once, as at home", "S34 S38 S39 S82",
			stopsAfter(full, ok, false, false, true), "stop unwell after 4 of 12"},
		{"until the go-ahead, no routine is marked as suiting a baby born early", "S49 S36",
			fmt.Sprint(NeedsGoAhead(date("2026-01-01"), date("2026-02-26"), EarlyNotAsked, time.Time{}), NeedsGoAhead(date("2026-01-01"), date("2026-02-26"), EarlyNotAsked, date("2026-03-01")), NeedsGoAhead(time.Time{}, time.Time{}, EarlyYes, time.Time{})), "true false true"},
		{"the research protocol asks its own clearance even after the baby's go-ahead", "S49 S36 S50c",
			firstAsked(protocol, Known(date("2026-01-01"), date("2026-02-26"), EarlyNotAsked, date("2026-03-03"), date("2026-03-26"))), "clearance"},
		{"a go-ahead never makes an all-clear of the day: the questions are asked again", "S49 S36",
			sameDay(must(AllClear(full, with(func(a *Answers) { a.BornEarly, a.GoAhead = true, true }), morning)), full, morning.Add(time.Hour)), "offered"},

		// "Ages", corrected for a baby born early.
		{"a 10-day-old is too young for the full routine", "S40 S43 S8", fit(full, 10, true), "too young"},
		{"from 6 weeks the full routine suits", "S40 S8 S45", fit(full, 42, true), "suits"},
		{"at 6 months the full routine needs adapting", "S47 S46 S48", fit(full, 180, true), "too old"},
		{"the newborn routine is for the first 6 weeks", "S43 S40", fit(newborn, 41, true) + ", " + fit(newborn, 42, true), "suits, too old"},
		{"too young for a routine in the first weeks: short and feather-light", "S43 S40",
			has(AgeAdvice(AgeFit(full, 10, true), 10), "short and feather-light"), "yes"},
		{"too old from 6 months: wriggling and crawling", "S47 S46", has(AgeAdvice(AgeFit(newborn, 200, true), 200), "crawl"), "yes"},
		{"an age not known is not guessed", "S43 S40", fit(full, 0, false), "age unknown"},
		{"the full routine suits from 6 weeks, but is long for 6 to 12 weeks: 10 to 15 minutes", "S40 S44",
			fmt.Sprint(LongFor(full, 42), LongFor(full, 83), LongFor(full, 84)) + "; " + LongWords(50), "true true false; 10 to 15 min suggested: do one or two regions"},
		{"the newborn routine is not long for a newborn: 5 to 10 minutes", "S43 S40 S42", fmt.Sprint(LongFor(newborn, 10)) + " " + AgeLengthWords(10), "false 5 to 10 minutes"},
		{"the lengths for the age, in words", "S40 S45 S48", AgeLengthWords(90) + "; " + AgeLengthWords(200), "10 to 20 minutes; under 15 minutes"},

		// "More time, from an instructor".
		{"an instructor's + gives the step on screen 30 s more", "S40 S44", moreTime(full, 1), "50s left, 0 refused"},
		{"more time never leaves more than 15 minutes of one step, however often asked", "S40 S44", moreTime(full, 100), "14m50s left, 71 refused"},
		{"the bound is the longest session the parenting sources suggest for a baby of 6 to 12 weeks", "S40 S44",
			fmt.Sprint(MaxLeft == AgeLength(8*7)), "true"},
		{"for a 10-day-old the routine that suits is the newborn one", "S43 S40", suited(all, 10, full), "newborn"},
		{"for a 3-month-old the routine that suits is the full one", "S40 S45", suited(all, 90, newborn), "full-body"},
		{"for a 7-month-old the routine that suits is the one for babies on the move", "S47 S46 S48", suited(all, 210, full), "on-the-move"},
		{"the research protocol is never the one that suits", "S49 S36", suited([]*Routine{protocol}, 10, nil), "none"},
		{"the routine that suits is found by its ages, not its id: another for 6 months on is found too", "S47 S46 S48",
			suited([]*Routine{full, colic, bedtime, newborn, protocol, crawlers}, 7*30, newborn), "crawlers"},
		{"corrected age: counted from the due date", "S49 S50",
			babyAge("2026-01-01", "2026-02-26", "2026-03-26"), "28 days corrected"},
		{"before the due date the corrected age is 0", "S49 S50",
			babyAge("2026-01-01", "2026-02-26", "2026-02-01"), "0 days corrected"},
		{"a baby born on or after the due date: age from birth", "S49 S50",
			babyAge("2026-01-10", "2026-01-03", "2026-02-21"), "42 days"},
		{"a corrected age of 4 weeks is too young for the full routine", "S49 S50 S40",
			fit(full, ageOf("2025-12-01", "2026-02-26", "2026-03-26"), true), "too young"},

		// "What a check-in answer does".
		{"subtle cues: rest the hands, then slower and lighter", "S9 S36 S32", answer(full, CueSubtle), "slow-down 15s: slower and lighter"},
		{"fussing: stop stroking, hold, then the parent chooses", "S35 S96", answer(full, CueFussing), "hold-offer 20s: slower and lighter"},
		{"subtle cues during a stroke: the rest of that stroke goes slower too, after the still hands", "S9 S36 S32",
			restOfStroke(full, CueSubtle), "8s a stroke, then 12s"},
		{"a moderate-pressure routine is never made lighter", "S58 S89 S49", answer(protocol, CueSubtle), "slow-down 15s: slower, with the same steady touch"},
		{"a moderate-pressure routine is never made lighter after fussing either", "S58 S89 S49", answer(protocol, CueFussing), "hold-offer 20s: slower, with the same steady touch"},
		{"the screen and the voice say steady, not lighter, in a moderate routine", "S58 S89",
			protocol.SlowNote(firstStroke(protocol)), "Slower now, as your baby asked, with the same steady touch."},
		{"resting hands and holds do not slow: still hands stay still", "S9 S1",
			protocol.SlowNote(Step{Kind: StepResting}) + full.SlowNote(Step{Kind: StepHold}) + "-", "-"},
		{"a moderate step is never made lighter, whatever the routine", "S58 S89",
			full.Slower(Step{Pressure: "moderate, firm enough not to tickle"}), "slower, with the same steady touch"},
		{"the default words for subtle cues keep a moderate touch steady", "S58 S89",
			has(moderateCopy(full).Response(CueSubtle).Say, "steady rather than lighter"), "yes"},
		{"a file's slow-down without words of its own keeps a moderate touch steady too", "S58 S89",
			has(slowsOn(moderateCopy(full), CueFussing).Response(CueFussing).Say, "steady rather than lighter") + " " +
				has(slowsOn(full, CueFussing).Response(CueFussing).Say, "slower and lighter"), "yes yes"},
		{"crying ends the session, whatever the routine says", "S34 S35 S96a", answer(forcing(full, CueCrying), CueCrying), "end"},
		{"falling asleep ends the session, whatever the routine says", "S34 S38", answer(forcing(full, CueAsleep), CueAsleep), "end"},
		{"fussing that does not settle: nobody choosing after the still hands ends the session, saved as such", "S34 S35 S96a",
			offerUnanswered(full), "chose end waited, end fussing"},
		{"going on after fussing is one more stroke, slower, then cradle asks again", "S35 S96",
			goOnAfterFussing(full) + "; " + goOnAfterFussing(protocol), "slower and lighter, 1 step, then asks; slower, with the same steady touch, 1 step, then asks"},
		{"going on after fussing in a step of repeated strokes is one stroke, not the rest of the step, then cradle asks again", "S35 S96",
			goOnOneStroke(full), "stroke 3 of 3, one stroke slower, then asks after it"},
		{"the still hands and the wait after fussing last under about a minute", "S35",
			fmt.Sprint(full.Response(CueFussing).Hold+OfferWait <= time.Minute), "true"},

		// "A baby who falls asleep".
		{"asleep: turn a baby lying face-down onto their back", "S100 S101 S102",
			has(bedtime.Response(CueAsleep).Say, "face-down, gently turn them onto their back"), "yes"},
		{"asleep: on their back, on a firm, flat surface of their own", "S100 S101 S102",
			has(full.Response(CueAsleep).Say, "on their back, on a firm, flat surface of their own"), "yes"},
		{"asleep: the advice names its source", "S100 S102", has(newborn.Response(CueAsleep).Say, "American Academy of Pediatrics"), "yes"},
		{"asleep: never \"let them sleep\" where they lie", "S100 S101",
			has(strings.ToLower(bedtime.Response(CueAsleep).Say+full.Response(CueAsleep).Say), "let them sleep"), "no"},
		{"an ending that invites sleep says how to lay the baby down", "S100 S101",
			has(SleepAfter, "on their back, on a firm, flat surface of their own") + " " + closingSays(full) + " " + closingSays(bedtime), "yes yes yes"},

		// The readiness check again: the same day, and a resume.
		{"an all-clear is offered again the same day", "S34 S38", sameDay(clear, full, morning.Add(6*time.Hour)), "offered"},
		{"not the next day", "S34 S38", sameDay(clear, full, morning.Add(20*time.Hour)), "asked again"},
		{"a cord stump or a rash is never an all-clear", "S7 S36", allClear(full, with(func(a *Answers) { a.Stump = true })), "not clear"},
		{"nor is anything else to keep in mind: a recent feed, diarrhoea, a hip harness", "S34 S38",
			allClear(full, with(func(a *Answers) { a.FedLately = true })) + ", " + allClear(full, with(func(a *Answers) { a.Diarrhoea = true })) + ", " +
				allClear(full, with(func(a *Answers) { a.Harness = true })), "not clear, not clear, not clear"},
		{"a cool room does not stop a massage, but is not carried over either", "S34 S38",
			fmt.Sprint(Assess(full, with(func(a *Answers) { a.Warm = false })).Go()) + ", " + allClear(full, with(func(a *Answers) { a.Warm = false })), "true, not clear"},
		{"an all-clear from a routine without a tummy does not cover one with", "S7 S36 S39",
			sameDay(must(AllClear(newborn, ok, morning)), full, morning.Add(time.Hour)), "asked again"},
		{"a clearance is never carried over: the research protocol asks every time", "S49 S36",
			sameDay(must(AllClear(protocol, with(func(a *Answers) { a.Cleared = true }), morning)), protocol, morning.Add(time.Hour)), "asked again"},
		{"a resume within 30 minutes goes straight on", "S34 S38", resume(29 * time.Minute), "goes on"},
		{"a resume after 30 minutes asks again", "S34 S38", resume(31 * time.Minute), "asks again"},

		// "The routine shaped by the baby's answers".
		{"often: at least half of at least 3 sessions", "S36", often(2, 4) + " " + often(1, 3) + " " + often(2, 2), "often rarely rarely"},
		{"only a built-in routine is reshaped, never a shaped one", "S43 S90", reshapable(full) + " " + reshapable(shapedFrom(full)), "yes no"},
		{"the research protocol is never reshaped", "S53 S58 S50b", reshapable(protocol), "no"},
		{"a fifth longer than the base at most", "S43 S90", limit(full, 0, false), "23 min 8 s"},
		{"never grown past the sources' length for the age", "S40 S45", limit(colic, 21, true), "8 min"},
		{"a base already longer than the age allows is not grown", "S40 S44", limit(full, 60, true), "19 min 17 s"},
		{"age lengths: 10, 15, 20 minutes, then under 15 from 6 months", "S40 S43 S45 S48",
			lengths(0, 41, 42, 83, 84, 179, 180), "10 min 10 min 15 min 15 min 20 min 20 min 15 min"},
		{"resting hands, the closing cuddle and every step that is not a stroke are kept", "S1 S2 S9 S18 S4 S20",
			keeps(StepResting, StepHold, StepPrepare) + " " + keeps(StepStroke, StepIntegration, StepMovement), "kept dropped"},
		{"regions moved later stay before the back, which ends the routine", "S4 S14 S21",
			order(full, "legs", "tummy"), "chest arms face legs tummy back"},
		{"a shaped routine does not open with the face (cradle's own choice: the face is sensitive)", "S36 S52",
			order(full, "legs", "tummy", "chest", "arms"), "legs face tummy chest arms back"},
		{"the learning plan keeps the course's order: week 5 opens with the face, the newest region", "S8",
			week5.Regions[0].ID, "face"},
		{"the back is never moved from the end", "S4 S14 S21", order(full, "back"), "legs tummy chest arms face back"},
		{"the shaper keeps getting ready, such as letting the arms relax", "S25 S17 S7", keeps(StepPrepare), "kept"},

		// "Getting ready", in whatever order the regions come.
		{"turned onto the front before the back, and onto the back again after it", "S14 S21 S8",
			preparations(week4), "back: turn-onto-front; legs: turn-onto-back"},
		{"turning onto the front leaves room to rest a cheek", "S21",
			has(turnSteps[PositionFront].Caution, "room to rest a cheek"), "yes"},
		{"the turn for the back lays the baby down, since the back's strokes take both hands: upright at the shoulder stays a note", "S14 S21",
			has(turnFront(newborn), "face-down across your thighs or on the mat") + " " + has(turnFront(newborn), "shoulder") + " " + has(turnFront(full), "shoulder"), "yes no no"},
		{"no oil on the face: the hands are wiped before it and oiled again after", "S19 S5 S22",
			preparations(full), "face: wipe-hands; back: turn-onto-front oil-hands"},
		{"no oil used: nothing to wipe", "S19", needs(setup{position: PositionBack, hands: handsOily, noOil: true}, full.Regions[4]), "none"},
		{"a session picked up later turns the baby over again", "S14 S21", needs(setup{hands: handsOily}, full.Regions[5]), "turn-onto-front"},
		{"no oil used: a session picked up again asks nothing about oil, with or without a new check", "S19",
			resumedAtFace(full, SessionOptions{NoOil: true}, SessionOptions{}) + " " + resumedAtFace(full, SessionOptions{NoOil: true}, SessionOptions{Checked: true, NoOil: true}), "Resting hands Resting hands"},
		{"oil said at the check of a resume: the hands are wiped before the face", "S19",
			resumedAtFace(full, SessionOptions{NoOil: true}, SessionOptions{Checked: true}) + "; " + resumedAtFace(full, SessionOptions{}, SessionOptions{}), "wipe-hands; wipe-hands"},
		{"the baby sits up for the back from 6 months", "S47", preparations(onTheMove), "back: sit-up"},
		{"every turn into the research protocol's phases", "S53", preparations(protocol), "stroking: turn-onto-front; movement: turn-onto-back; stroking-again: turn-onto-front"},
		{"the arms open by letting them relax: never pull an arm straight", "S25 S17 S7",
			has(full.Regions[3].Steps[0].Caution, "Never pull an arm straight"), "yes"},

		// "The limbs".
		{"a move that loads the hips carries the harness caution (design default; the moves' sources)", "S24 S53 S10",
			hipsCaution(all), "every one of 7"},
		{"a hip harness: the moves that load the hips are left out, one by one", "S24 S53 S10",
			hipsOut(full) + "; " + hipsOut(protocol), "Rolling (left), Rolling (right); Bend and straighten the leg (left), Bend and straighten the leg (right), Both legs together"},
		{"a hip harness: a region of nothing but such moves is left out whole", "S24 S53",
			ready(colic, with(func(a *Answers) { a.Harness = true })) + "; " + hipsOut(colic), "begin without legs-to-tummy; Knees to tummy, Bicycling"},
		{"a hip harness: ask the doctor before any movement of the legs (a design default)", "S24 S53 S10",
			has(tips(full, with(func(a *Answers) { a.Harness = true })), HarnessTip) + " " + has(HarnessTip, "ask your baby's doctor"), "yes yes"},
		{"the harness question is asked only of a routine with a move that loads the hips", "S24 S53 S10",
			has(asks(full), "harness") + " " + has(asks(colic), "harness") + " " + has(asks(newborn), "harness") + " " + has(asks(bedtime), "harness"), "yes yes no no"},
		{"a hip harness is never an all-clear", "S24 S53", allClear(full, with(func(a *Answers) { a.Harness = true })), "not clear"},
		{"a session picked up again keeps the hip moves left out, with or without a new check", "S24 S53 S10",
			resumedHipsOut(full), "Rolling (left), Rolling (right)"},
		{"Indian milking says its direction, away from the heart, and to keep it light", "S12 S9 S10",
			milking(full), "away from the heart, light; away from the heart, light"},
		{"Swedish milking only: every Indian milking is done as Swedish milking, in its place", "S12 S1",
			milking(SwedishOnly(full)), "towards the heart, light; towards the heart, light"},
		{"Swedish milking only keeps the step's caution: never pull the arm straight", "S25 S12",
			has(armMilking(SwedishOnly(full)).Caution, "never pull the arm straight"), "yes"},

		// The readings of the baby's answers follow the session's rules.
		{"a region that often brings fussing: try it shorter or later", "S36", ReadingAdvice(ReadUpset, []*Routine{full}), "try it shorter or later"},
		{"a stroke that often brings fussing: you could leave it out", "S36", ReadingAdvice(ReadStroke, []*Routine{full}), "you could leave it out"},
		{"a region that often brings subtle cues: slower and lighter", "S9 S36 S32",
			ReadingAdvice(ReadSubtle, []*Routine{full}), "slower and lighter may suit your baby there"},
		{"a reading never says lighter of a moderate-pressure routine", "S58 S89",
			ReadingAdvice(ReadSubtle, []*Routine{moderateCopy(full)}), "slower, with the same steady touch, may suit your baby there"},
		{"a reading never makes the research protocol shorter or later: ask the nurse or doctor", "S49 S36 S53",
			has(ReadingAdvice(ReadUpset, []*Routine{protocol}), "nurse or doctor") + " " + has(ReadingAdvice(ReadUpset, []*Routine{protocol}), "shorter"), "yes no"},
		{"a reading never leaves out a stroke of the research protocol: ask the nurse or doctor", "S49 S36 S53",
			has(ReadingAdvice(ReadStroke, []*Routine{protocol}), "nurse or doctor") + " " + has(ReadingAdvice(ReadStroke, []*Routine{protocol}), "leave"), "yes no"},
		{"a reading never says lighter of the research protocol: ask the nurse or doctor", "S49 S36 S58",
			has(ReadingAdvice(ReadSubtle, []*Routine{protocol}), "nurse or doctor") + " " + has(ReadingAdvice(ReadSubtle, []*Routine{protocol}), "lighter"), "yes no"},
		{"a region in the research protocol and another routine: the protocol's rule", "S49 S36 S53",
			has(ReadingAdvice(ReadUpset, []*Routine{full, protocol}), "nurse or doctor"), "yes"},
		{"Swedish milking only keeps the routine's length", "S12", FormatLength(SwedishOnly(full).Length()), FormatLength(full.Length())},
	}
}

// preparations is what a session adds before each region, by region and
// step id: "back: turn-onto-front; legs: turn-onto-back".
func preparations(r *Routine) string {
	var out []string
	for i, steps := range Preparations(r) {
		if len(steps) == 0 {
			continue
		}
		var ids []string
		for _, st := range steps {
			ids = append(ids, st.ID)
		}
		out = append(out, r.Regions[i].ID+": "+strings.Join(ids, " "))
	}
	return strings.Join(out, "; ")
}

// needs is what getting ready su asks before rg: step ids, or "none".
func needs(su setup, rg Region) string {
	var ids []string
	for _, st := range su.needs(rg) {
		ids = append(ids, st.ID)
	}
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, " ")
}

// hipsCaution says whether every move of rs that loads the hips carries
// the harness caution: "every one of N", or the first that does not.
func hipsCaution(rs []*Routine) string {
	n := 0
	for _, r := range rs {
		for _, rg := range r.Regions {
			for _, st := range rg.Steps {
				if !LoadsHips(rg, st) {
					continue
				}
				if !strings.Contains(st.Caution, HipCaution) {
					return "not " + r.ID + "/" + st.Name
				}
				n++
			}
		}
	}
	return fmt.Sprintf("every one of %d", n)
}

// milking is the direction, and "light" for a light caution, of each
// milking stroke where r has Indian milking.
func milking(r *Routine) string {
	var out []string
	for _, rg := range r.Regions {
		for _, st := range rg.Steps {
			if st.ID != "indian-milking-leg" && st.ID != "indian-milking-arm" {
				continue
			}
			d := st.Direction[strings.LastIndex(st.Direction, ", ")+2:]
			if strings.Contains(st.Caution, "light") {
				d += ", light"
			}
			out = append(out, d)
		}
	}
	return strings.Join(out, "; ")
}

// The routines the rules are tried on.
var (
	coldOrOil = mustParse(`id: x
title: X
regions:
  - {id: legs, name: Legs, steps: [{name: S, duration: 5s}]}
  - {id: tummy, name: Tummy, left_out_when: [cold], steps: [{name: S, duration: 5s}]}
  - {id: face, name: Face, left_out_when: [oil], steps: [{name: S, duration: 5s}]}
`)
	crawlers = mustParse(`id: crawlers
title: For crawlers
ages: {from: 6m}
regions:
  - {id: hands, name: Hands, steps: [{name: S, duration: 5s}]}
`)
	tummyOnly = mustParse(`id: t
title: T
regions:
  - {id: tummy, name: Tummy, left_out_when: [stump], steps: [{name: S, duration: 5s}]}
`)
)

func mustParse(src string) *Routine {
	r, err := Parse("rule.yaml", []byte(src))
	if err != nil {
		panic(err)
	}
	return r
}

func must(c Clear, _ bool) Clear { return c }

// --- helpers: each runs a case and says the outcome in a few words ---

// ready is the verdict: "begin", "begin without ID ...", "stop WHY ...".
func ready(r *Routine, a Answers) string {
	v := Assess(r, a)
	switch {
	case !v.Go():
		return "stop " + strings.Join(strs(v.Stops), " ")
	case len(v.LeftOut) > 0:
		return "begin without " + strings.Join(v.LeftOut, " ")
	}
	return "begin"
}

// stopsAfter answers the readiness check of r for a baby known as
// known, in order (a follow-up not asked is passed by), and says where
// the answers so far (SoFar) first stop the massage: "stop WHY after N
// of M", or "no stop".
func stopsAfter(r *Routine, known Answers, answers ...bool) string {
	qs := Check(r, known)
	a := known
	at := 0
	for _, yes := range answers {
		for at < len(qs) && !Asked(qs[at], a) {
			at++
		}
		*a.To(qs[at].About) = yes
		at++
		if v := Assess(r, SoFar(qs, a, at)); !v.Go() {
			return fmt.Sprintf("stop %s after %d of %d", strings.Join(strs(v.Stops), " "), at, len(qs))
		}
	}
	return "no stop"
}

// passes says, for the answers a, each stop and whether the family of a
// class may ask again later (Stop.Passes), then whether the verdict
// does: "fed passes", "unwell fed stays".
func passes(r *Routine, a Answers) string {
	v := Assess(r, a)
	var out []string
	for _, s := range v.Stops {
		out = append(out, string(s))
	}
	word := "stays"
	if v.Passes() {
		word = "passes"
	}
	if len(v.Stops) == 0 {
		word = "passes no"
	}
	return strings.Join(append(out, word), " ")
}

func tips(r *Routine, a Answers) string { return strings.Join(Assess(r, a).Tips, " ") }

// asks lists the readiness questions r asks of a baby of an age not known.
func asks(r *Routine) string { return asksOf(r, Answers{}) }

// asksOf lists the readiness questions r asks of the baby cradle knows as
// known.
func asksOf(r *Routine, known Answers) string {
	var out []string
	for _, q := range Questions(r, known) {
		out = append(out, string(q.About))
	}
	return strings.Join(out, " ")
}

// turnFront is what r's session says to turn the baby onto the front.
func turnFront(r *Routine) string {
	return startSetup(r, false).needs(Region{Position: PositionFront})[0].Do
}

// firstStroke is r's first moving stroke.
func firstStroke(r *Routine) Step {
	for _, rg := range r.Regions {
		for _, st := range rg.Steps {
			if st.Kind == StepStroke {
				return st
			}
		}
	}
	return Step{}
}

// has is "yes" when text holds every part.
func has(text string, parts ...string) string {
	for _, p := range parts {
		if !strings.Contains(text, p) {
			return "no"
		}
	}
	return "yes"
}

var fitWords = map[Fit]string{FitUnknown: "age unknown", FitSuits: "suits", FitTooYoung: "too young", FitTooOld: "too old", FitClinician: "clinician decides"}

func fit(r *Routine, days Age, known bool) string { return fitWords[AgeFit(r, days, known)] }

func suited(rs []*Routine, days Age, not *Routine) string {
	if r := Suited(rs, days, not); r != nil {
		return r.ID
	}
	return "none"
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func babyAge(birth, due, now string) string {
	age, corrected, ok := BabyAge(date(birth), date(due), date(now))
	if !ok {
		return "unknown"
	}
	s := fmt.Sprintf("%d days", age)
	if corrected {
		s += " corrected"
	}
	return s
}

func ageOf(birth, due, now string) Age {
	age, _, _ := BabyAge(date(birth), date(due), date(now))
	return age
}

// answer is what a check-in answer does: its action, its hold, and how
// the routine goes on after it.
func answer(r *Routine, c Cue) string {
	resp := r.Response(c)
	s := string(resp.Action)
	if resp.Hold > 0 {
		s += " " + resp.Hold.String()
	}
	if resp.Action == ActionSlowDown || resp.Action == ActionHoldOffer {
		s += ": " + r.Slower(r.Regions[0].Steps[len(r.Regions[0].Steps)-1])
	}
	return s
}

// toTheOffer runs r to the choice after fussing's still hands: past the
// ritual, the baby's yes and any getting ready, a check-in answered
// "fussing", and the still hands.
func toTheOffer(r *Routine) (*Session, *testclock.Clock) {
	clk := testclock.New(sessT0)
	s := NewSession(r, clk, SessionOptions{})
	s.Start()
	s.SkipRegion() // past the ritual, to the ask
	s.Next()       // yes
	for s.State().Step.Kind == StepPrepare {
		s.Next() // turned, hands ready
	}
	s.AskNow()
	s.Answer(CueFussing)
	clk.Add(r.Response(CueFussing).Hold)
	s.Tick()
	return s, clk
}

// offerUnanswered runs r to the choice after fussing's still hands and
// lets its wait run out: the events that follow, in short.
func offerUnanswered(r *Routine) string {
	s, clk := toTheOffer(r)
	clk.Add(OfferWait)
	var out []string
	for _, ev := range s.Tick() {
		w := string(ev.Kind)
		if ev.Choice != "" {
			w += " " + string(ev.Choice)
		}
		if ev.Waited {
			w += " waited"
		}
		if ev.Reason != "" {
			w += " " + string(ev.Reason)
		}
		out = append(out, w)
	}
	return strings.Join(out, ", ")
}

// hipsOut lists, by step id, what a session of r leaves out for a hip
// harness.
func hipsOut(r *Routine) string {
	s := NewSession(r, testclock.New(sessT0), SessionOptions{NoHips: true})
	var ids []string
	for _, ev := range s.Start() {
		for _, i := range ev.StepsOut {
			ids = append(ids, s.plan[i].step.Title())
		}
	}
	return strings.Join(ids, ", ")
}

// resumedHipsOut starts r for a baby in a hip harness, stops at the
// first step, then picks it up again as a resume within 30 minutes does
// (no new check): the steps it leaves out, by id.
func resumedHipsOut(r *Routine) string {
	clk := testclock.New(sessT0)
	s := NewSession(r, clk, SessionOptions{NoHips: true})
	evs := s.Start()
	again := NewSession(r, clk, SessionOptions{Resume: evs})
	again.Start()
	var ids []string
	for i := range again.plan {
		if again.skip(i) && !again.leftOut[again.plan[i].region] {
			ids = append(ids, again.plan[i].step.Title())
		}
	}
	return strings.Join(ids, ", ")
}

// restOfStroke answers c during the first repeated stroke of r's first
// region, a third of the way in, and lets the hold run out: the tempo of
// one repetition before and after.
func restOfStroke(r *Routine, c Cue) string {
	clk := testclock.New(sessT0)
	s := NewSession(r, clk, SessionOptions{NoOil: true})
	s.Start()
	s.SkipRegion() // past the ritual, to the ask
	s.Next()       // yes
	for n := 0; s.State().Step.Reps == 0 && n < 20; n++ {
		s.Next()
	}
	before := s.State()
	clk.Add(before.Length / 3)
	s.AskNow()
	s.Answer(c)
	clk.Add(r.Response(c).Hold)
	s.Tick()
	after := s.State()
	if after.Step.Title() != before.Step.Title() {
		return "went on to " + after.Step.Title()
	}
	return fmt.Sprintf("%v a stroke, then %v", before.Each, after.Each)
}

// resumedAtFace runs r with first up to its face region, cuts it off
// there and picks it up with again: the step shown after the baby's yes
// (a getting-ready step by its id, else the step's title).
func resumedAtFace(r *Routine, first, again SessionOptions) string {
	clk := testclock.New(sessT0)
	s := NewSession(r, clk, first)
	evs := s.Start()
	evs = append(evs, s.SkipRegion()...) // past the ritual, to the ask
	evs = append(evs, s.Next()...)       // yes
	for n := 0; s.State().Region.ID != "face" && n < 20; n++ {
		evs = append(evs, s.SkipRegion()...)
	}
	again.Resume = evs
	r2 := NewSession(r, clk, again)
	r2.Start()
	r2.Next() // yes, again
	if st := r2.State(); st.Step.Kind == StepPrepare {
		return st.Step.ID
	}
	return r2.State().Step.Title()
}

// firstAsked is the first question of r's check, given what cradle knows.
func firstAsked(r *Routine, known Answers) string {
	qs := Check(r, known)
	if len(qs) == 0 {
		return "none"
	}
	return string(qs[0].About)
}

// question is r's readiness question about a, asked of a baby of an age
// not known.
func question(r *Routine, a Readiness) Question {
	for _, q := range Questions(r, Answers{}) {
		if q.About == a {
			return q
		}
	}
	return Question{}
}

// clearedCopy is r as a routine a clinician must clear, with no
// responses of its own.
func clearedCopy(r *Routine) *Routine {
	x := *r
	x.Clearance, x.Responses = "Only if your baby's doctor says so.", nil
	return &x
}

// slowsOn is r with a file's response that slows down at c, with no words
// of its own (the parser gives it the default words for slowing down).
func slowsOn(r *Routine, c Cue) *Routine {
	x := *r
	x.Responses = map[Cue]Response{c: {Action: ActionSlowDown, Hold: 15 * time.Second, Say: DefaultResponses[CueSubtle].Say}}
	return &x
}

// closingSays is "yes" when r's last step says how to lay a baby who
// drifts off.
func closingSays(r *Routine) string {
	last := r.Regions[len(r.Regions)-1]
	return has(last.Steps[len(last.Steps)-1].Do, "lay them on their back, on a firm, flat surface of their own")
}

// armMilking is the step of r's arms that is Indian milking in full-body.
func armMilking(r *Routine) Step {
	for _, rg := range r.Regions {
		for _, st := range rg.Steps {
			if st.ID == "indian-milking-arm" {
				return st
			}
		}
	}
	return Step{}
}

// goOnAfterFussing runs r to the choice after fussing's still hands,
// chooses to go on, and lets the steps run their time: how the step after
// goes, how many steps run before cradle asks again, and whether it does.
func goOnAfterFussing(r *Routine) string {
	s, clk := toTheOffer(r)
	s.Next() // go on
	st := s.State()
	pace := "not slower"
	if st.Slow {
		pace = r.Slower(st.Step)
	}
	steps := 0
	for st = s.State(); st.Phase == PhaseRunning && steps < 20; st = s.State() {
		clk.Add(st.Remaining)
		s.Tick()
		steps++
	}
	if st.Phase != PhaseCheckIn || st.Manual {
		return fmt.Sprintf("%s, %d steps, then %v", pace, steps, st.Phase)
	}
	return fmt.Sprintf("%s, %d step, then asks", pace, steps)
}

// goOnOneStroke runs r to its first step of repeated strokes, asks how
// the baby is after a second of it, answers fussing, goes on after the
// still hands, and lets the step run: which stroke the guide shows, how
// long it runs against one stroke at the slower pace, and what follows.
func goOnOneStroke(r *Routine) string {
	clk := testclock.New(sessT0)
	s := NewSession(r, clk, SessionOptions{})
	s.Start()
	s.SkipRegion() // past the ritual, to the ask
	s.Next()       // yes
	for st := s.State(); st.Step.Kind == StepPrepare || st.Step.Reps < 2; st = s.State() {
		s.Next()
	}
	clk.Add(time.Second)
	s.AskNow()
	s.Answer(CueFussing)
	clk.Add(r.Response(CueFussing).Hold)
	s.Tick()
	s.Next() // go on
	st := s.State()
	out := fmt.Sprintf("stroke %d of %d", int((st.Length-st.Remaining)/st.Each)+1, st.Step.Reps)
	if st.Remaining == lengthAt(st.Step, true)/time.Duration(st.Step.Reps) && st.Slow {
		out += ", one stroke slower"
	} else {
		out += fmt.Sprintf(", %s to run, a stroke %s", st.Remaining, st.Each)
	}
	step := st.Step.Title()
	clk.Add(st.Remaining)
	s.Tick()
	if st = s.State(); st.Phase != PhaseCheckIn || st.Manual || st.CheckInStep != step {
		return out + fmt.Sprintf(", then %v %s", st.Phase, st.CheckInPlace())
	}
	return out + ", then asks after it"
}

// forcing is r with a file's response that tries to go on after c.
func forcing(r *Routine, c Cue) *Routine {
	x := *r
	x.Responses = map[Cue]Response{c: {Action: ActionGoOn}}
	return &x
}

// moderateCopy is r with its first step at moderate pressure and no
// responses of its own.
func moderateCopy(r *Routine) *Routine {
	x := *r
	x.Responses = nil
	x.Regions = slices.Clone(r.Regions)
	x.Regions[0].Steps = slices.Clone(r.Regions[0].Steps)
	x.Regions[0].Steps[0].Pressure = "moderate"
	return &x
}

// sameDay is whether c is offered for r at now, to a baby of an age not
// known.
func sameDay(c Clear, r *Routine, now time.Time) string { return sameDayOf(c, r, Answers{}, now) }

func sameDayOf(c Clear, r *Routine, known Answers, now time.Time) string {
	if c.SameDay(r, known, now) {
		return "offered"
	}
	return "asked again"
}

func allClear(r *Routine, a Answers) string {
	if _, ok := AllClear(r, a, time.Now()); ok {
		return "clear"
	}
	return "not clear"
}

func resume(after time.Duration) string {
	cut := time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)
	if ResumeNeedsCheck(cut, cut.Add(after)) {
		return "asks again"
	}
	return "goes on"
}

func often(n, of int) string {
	if Often(n, of) {
		return "often"
	}
	return "rarely"
}

func reshapable(r *Routine) string {
	if Reshapable(r) {
		return "yes"
	}
	return "no"
}

func shapedFrom(base *Routine) *Routine {
	x := *base
	x.ID, x.Base, x.Builtin = base.ID+"-mia", base.ID, false
	return &x
}

func limit(base *Routine, days Age, known bool) string {
	return FormatLength(ShapeLimit(base, days, known))
}

func lengths(days ...Age) string {
	var out []string
	for _, d := range days {
		out = append(out, FormatLength(AgeLength(d)))
	}
	return strings.Join(out, " ")
}

func keeps(kinds ...StepKind) string {
	kept := 0
	for _, k := range kinds {
		if Keeps(Step{Kind: k}) {
			kept++
		}
	}
	switch kept {
	case len(kinds):
		return "kept"
	case 0:
		return "dropped"
	}
	return "mixed"
}

func order(r *Routine, later ...string) string {
	var ids []string
	for _, rg := range ShapeOrder(slices.Clone(r.Regions), later) {
		ids = append(ids, rg.ID)
	}
	return strings.Join(ids, " ")
}

// --- the test ---

// sourceTags are the tags docs/SOURCES.md lists in its tables.
func sourceTags(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "docs", "SOURCES.md"))
	if err != nil {
		t.Fatal(err)
	}
	tags := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\| (S\d+[a-z]?) \|`).FindAllStringSubmatch(string(data), -1) {
		tags[m[1]] = true
	}
	return tags
}

// Every rule a parent's hands depend on holds, and rests on sources the
// project lists.
func TestSafetyRules(t *testing.T) {
	lib := map[string]*Routine{}
	for _, r := range libRoutines(t) {
		lib[r.ID] = r
	}
	tags := sourceTags(t)
	rules := safetyRules(lib)
	for _, r := range rules {
		if r.got != r.want {
			t.Errorf("%s\n  got  %q\n  want %q", r.rule, r.got, r.want)
		}
		if strings.TrimSpace(r.src) == "" {
			t.Errorf("%s: names no source", r.rule)
		}
		for _, id := range strings.Fields(r.src) {
			if !tags[id] {
				t.Errorf("%s: source %s is not listed in docs/SOURCES.md", r.rule, id)
			}
		}
	}
	// Every reason to stop, and every readiness answer, has a row.
	outcomes := ""
	for _, r := range rules {
		outcomes += " " + r.want + " " + r.got
	}
	for _, s := range []Stop{StopClearance, StopEarly, StopCare, StopUnwell, StopVaccine, StopFed, StopUnsettled, StopNothingLeft} {
		if !strings.Contains(outcomes, "stop "+string(s)) && !strings.Contains(outcomes, " "+string(s)) {
			t.Errorf("no row holds the stop %q", s)
		}
		if s.Why() == "" {
			t.Errorf("the stop %q has no words", s)
		}
	}
	for _, a := range ReadinessAnswers {
		if !strings.Contains(asks(lib["full-body"]), string(a)) {
			t.Errorf("no row asks about %q", a)
		}
	}
}

// moreTime presses an instructor's + n times during the first step of
// r (20 s of slow breaths) and says what is left of it, and how many
// presses gave nothing.
func moreTime(r *Routine, n int) string {
	s := NewSession(r, testclock.New(sessT0), SessionOptions{})
	s.Start()
	refused := 0
	for range n {
		if _, ok := s.Extend(MoreTime); !ok {
			refused++
		}
	}
	return fmt.Sprintf("%v left, %d refused", s.State().Remaining, refused)
}
