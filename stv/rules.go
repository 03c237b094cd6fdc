package stv

import (
	"fmt"
	"sort"
	"strings"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/internal/enum"
)

// Majority says what a winning majority is taken of.
type Majority uint8

const (
	// MajorityContinuing: more than half of the continuing ballots, those
	// counting for a continuing candidate in the round (San Francisco
	// Charter §13.102; Maine 29-250 CMR ch. 535; Minneapolis Code
	// ch. 167; RCTab "single winner majority").
	MajorityContinuing Majority = iota
	// MajorityAllBallots: more than half of all ballots counted (blank
	// ballots aside), exhausted ones included. When no candidate reaches it
	// the count goes on; when two candidates remain the one with more votes
	// wins (as Burlington's and Pierce County's rules end).
	MajorityAllBallots
)

var majorityNames = []string{"continuing", "all-ballots"}

func (m Majority) String() string { return name(majorityNames, int(m), "Majority") }

// Exclusion says how many candidates are excluded after a round.
type Exclusion uint8

const (
	// ExcludeLowest excludes the one candidate with the fewest votes.
	ExcludeLowest Exclusion = iota
	// ExcludeBatch excludes at once the largest set of lowest candidates
	// whose votes together are fewer than the votes of the next candidate
	// up, none of whom could win (San Francisco Charter §13.102,
	// "simultaneous elimination"; RCTab "batch elimination"). When no such
	// set of two or more exists, it excludes the lowest candidate alone.
	ExcludeBatch
)

var exclusionNames = []string{"lowest", "batch"}

func (e Exclusion) String() string { return name(exclusionNames, int(e), "Exclusion") }

// Countback is the first step in breaking a tie between candidates with
// equal votes.
type Countback uint8

const (
	// CountbackNone goes straight to the fallback.
	CountbackNone Countback = iota
	// CountbackPrevious compares the tied candidates' votes in the round
	// before, then the one before that, and so on; the fallback decides
	// only among those still tied after round 1 (RCTab "previous round
	// counts"; the fault in RCTab PR #358 applied it to the whole set).
	CountbackPrevious
	// CountbackFirst compares first-round votes, then the second round's,
	// and so on (the UK Parliamentary Voting System and Constituencies Act
	// 2011, Sch. 10 para 7, rule 49(4)).
	CountbackFirst
)

var countbackNames = []string{"none", "previous-rounds", "first-round"}

func (c Countback) String() string { return name(countbackNames, int(c), "Countback") }

// Fallback decides a tie that the countback leaves.
type Fallback uint8

const (
	// FallbackLot draws a lot from a seeded generator (see [TieBreak]); the
	// draw is recorded in the transcript and replays with the same seed.
	FallbackLot Fallback = iota
	// FallbackOrder uses a fixed order of candidates: of the tied
	// candidates the one listed last in TieBreak.Order is excluded (loses).
	FallbackOrder
	// FallbackNone stops the count with an error naming the tie, for a
	// returning officer to draw the lot and record it with FallbackOrder.
	FallbackNone
)

var fallbackNames = []string{"lot", "order", "none"}

func (f Fallback) String() string { return name(fallbackNames, int(f), "Fallback") }

// TieBreak is the policy for ties between candidates with equal votes, for
// exclusion or for the win. The zero value draws a seeded lot with seed 0.
type TieBreak struct {
	Countback Countback
	Fallback  Fallback
	// Order is the candidates' names for FallbackOrder: the tied candidate
	// listed last loses. Every tied candidate must be listed.
	Order []string
	// Seed seeds the lot (FallbackLot): psephos's documented seeded lot
	// (internal/lot: Fisher–Yates over PCG-DXSM seeded with Seed and the
	// FNV-1a hash of a stream name "instant-runoff seat S round R
	// exclusion|election") over the tied candidates put in order of name,
	// then of position on the ballot paper; the first drawn loses. The
	// same seed gives the same draw whatever the order of the input.
	Seed uint64
}

// Filling says how a rule fills several seats with instant-runoff counts.
type Filling uint8

const (
	// SingleSeat: one seat only; more is an error.
	SingleSeat Filling = iota
	// Sequential fills each seat by a fresh instant-runoff count with the
	// candidates already elected excluded from the start (RCTab
	// "multi-seat sequential winner takes all").
	Sequential
	// AspenTwoVote is the two-seat method of Aspen, Colorado's 2009
	// council election: first and second rankings count one vote each in
	// an initial count, with a threshold of more than half the voters; two
	// candidates over it are elected; one over it wins the first seat and
	// the second goes to a runoff between the next two; with none over it,
	// all but the top four are excluded, the first seat goes to an
	// instant-runoff among the four, and the second to a runoff between
	// the two of the other three with the most first-and-second rankings
	// among them. Sources: the method as the city described it (FairVote,
	// "New variation of IRV used in Aspen city council elections", 9 May
	// 2009) and the city's published count ("Aspen releases full results":
	// top four kept; seat 1 instant runoff; seat 2 Torre v Behrendt).
	AspenTwoVote
)

var fillingNames = []string{"single", "sequential", "aspen-two-vote"}

func (f Filling) String() string { return name(fillingNames, int(f), "Filling") }

// Rules are an instant-runoff (single-seat STV) counting rule: a struct of
// named options. [Presets] names those of real jurisdictions.
type Rules struct {
	// Name of the preset, or "" for a rule made by hand.
	Name string
	// Description says where the rule is used and what it follows.
	Description string
	// Ballot are the ballot validity rules.
	Ballot ballot.Rules
	// Seats to fill: 1 (instant-runoff; 0 means 1), or more with a Filling.
	Seats int
	// Filling says how several seats are filled; multi-seat STV with
	// surplus transfers is a different rule.
	Filling  Filling
	Majority Majority
	// ContinueUntilTwo goes on excluding until two candidates remain even
	// after one has a majority, then elects the one with more votes (Alaska
	// AS 15.15.350; RCTab "continue until two candidates remain").
	ContinueUntilTwo bool
	Exclusion        Exclusion
	// ExcludeWriteInsFirst excludes the undeclared write-in candidates
	// (ballot.Profile.WriteIns) together after the first round, before
	// anyone else (RCTab's treatment of undeclared write-ins).
	ExcludeWriteInsFirst bool
	TieBreak             TieBreak

	// Method is instant-runoff (the zero value, with the options above)
	// or a multi-seat method (Gregory, Meek, Warren, BottomsUp) with the
	// options below. Exclusion and TieBreak serve both; the multi-seat
	// methods ignore Filling, Majority and ContinueUntilTwo.
	Method Method
	// Quota is how the quota is set (Gregory, Meek, Warren).
	Quota Quota
	// Arithmetic is how fractions of votes are computed.
	Arithmetic Arithmetic
	// Surplus is how surpluses are transferred (Gregory).
	Surplus Surplus
	// ExclusionTransfer is how an excluded candidate's papers move
	// (Gregory).
	ExclusionTransfer ExclusionTransfer
	// LastVacancy is an early end for the last vacancy (Gregory).
	LastVacancy LastVacancy
	// Meek are the options of Meek's and Warren's methods.
	Meek MeekOptions
	// ThresholdPercent is the share of the active ballots every elected
	// candidate must hold (BottomsUp), in percent.
	ThresholdPercent int
}

// String describes the options in one line.
func (r Rules) String() string {
	var b strings.Builder
	if r.Name != "" {
		fmt.Fprintf(&b, "%s: ", r.Name)
	}
	fmt.Fprintf(&b, "%s; majority=%s exclusion=%s until-two=%t write-ins-first=%t tie=%s+%s",
		r.Ballot, r.Majority, r.Exclusion, r.ContinueUntilTwo, r.ExcludeWriteInsFirst, r.TieBreak.Countback, r.TieBreak.Fallback)
	if r.TieBreak.Fallback == FallbackLot {
		fmt.Fprintf(&b, " seed=%d", r.TieBreak.Seed)
	}
	if r.Seats > 1 {
		fmt.Fprintf(&b, " seats=%d filling=%s", r.Seats, r.Filling)
	}
	return b.String()
}

// Presets are the instant-runoff rules of the jurisdictions in the data,
// by name. Each lists its source; deviations are in the Description.
var Presets = map[string]Rules{
	"san-francisco": {
		Name: "san-francisco",
		Description: "San Francisco Charter §13.102 (ranked-choice voting, since 2004): three ranks; an overvote exhausts the ballot; " +
			"skipped ranks passed over; a repeated candidate skipped; majority of continuing ballots; simultaneous elimination of " +
			"candidates who cannot win. Ties for last by lot; psephos's lot is seeded.",
		Ballot:    ballot.Rules{Overvote: ballot.OvervoteExhaust, Duplicate: ballot.DuplicateSkip, MaxRanks: 3},
		Seats:     1,
		Majority:  MajorityContinuing,
		Exclusion: ExcludeBatch,
		TieBreak:  TieBreak{Countback: CountbackNone, Fallback: FallbackLot},
	},
	"pierce-county": {
		Name: "pierce-county",
		Description: "Pierce County, Washington, ranked-choice voting (charter amendment of 2006, used 2008–2009), as the official " +
			"round reports show it: three ranks; an overvote exhausts; skipped ranks passed over; majority of continuing ballots; " +
			"candidates who cannot win excluded together (2009 Auditor: Baker and write-ins after round 1); ties by lot.",
		Ballot:    ballot.Rules{Overvote: ballot.OvervoteExhaust, Duplicate: ballot.DuplicateSkip, MaxRanks: 3},
		Seats:     1,
		Majority:  MajorityContinuing,
		Exclusion: ExcludeBatch,
		TieBreak:  TieBreak{Countback: CountbackNone, Fallback: FallbackLot},
	},
	"burlington-2009": {
		Name: "burlington-2009",
		Description: "Burlington, Vermont, City Charter instant runoff for mayor (2005–2010), as the official 2006 and 2009 rounds " +
			"show it: an overvote counts for the one overvoted candidate still continuing and exhausts the ballot if two or more " +
			"are (with both overvoted candidates out it is passed over); skipped ranks passed over; a repeated candidate skipped; " +
			"majority of continuing ballots; candidates whose defeat is mathematically certain excluded together; ties by lot.",
		Ballot:    ballot.Rules{Overvote: ballot.OvervoteExhaustIfMultipleContinuing, Duplicate: ballot.DuplicateSkip},
		Seats:     1,
		Majority:  MajorityContinuing,
		Exclusion: ExcludeBatch,
		TieBreak:  TieBreak{Countback: CountbackNone, Fallback: FallbackLot},
	},
	"minneapolis": {
		Name: "minneapolis",
		Description: "Minneapolis Code of Ordinances ch. 167 (2009–2020), as configured for RCTab's 2013 mayoral test: three ranks; an " +
			"overvote exhausts; two or more consecutive skipped ranks exhaust; a repeated candidate skipped; undeclared write-ins " +
			"excluded after round 1; batch elimination; majority of continuing ballots; ties by lot.",
		Ballot:               ballot.Rules{Overvote: ballot.OvervoteExhaust, Duplicate: ballot.DuplicateSkip, ExhaustOnSkipped: 2, MaxRanks: 3},
		Seats:                1,
		Majority:             MajorityContinuing,
		Exclusion:            ExcludeBatch,
		ExcludeWriteInsFirst: true,
		TieBreak:             TieBreak{Countback: CountbackNone, Fallback: FallbackLot},
	},
	"alaska": {
		Name: "alaska",
		Description: "Alaska Statutes AS 15.15.350 (2020 Ballot Measure 2): an overvote exhausts; two or more consecutive skipped " +
			"rankings exhaust; a repeated candidate skipped; one candidate excluded per round, until two remain; the one with " +
			"more votes wins; ties by lot (AS 15.15.460).",
		Ballot:           ballot.Rules{Overvote: ballot.OvervoteExhaust, Duplicate: ballot.DuplicateSkip, ExhaustOnSkipped: 2},
		Seats:            1,
		Majority:         MajorityContinuing,
		ContinueUntilTwo: true,
		Exclusion:        ExcludeLowest,
		TieBreak:         TieBreak{Countback: CountbackNone, Fallback: FallbackLot},
	},
	"aspen-2009-council": {
		Name: "aspen-2009-council",
		Description: "Aspen, Colorado, two council seats, May 2009 (see AspenTwoVote); overvotes exhaust; majority of continuing " +
			"ballots in the instant-runoff stages; ties by lot.",
		Ballot:   ballot.Rules{Overvote: ballot.OvervoteExhaust, Duplicate: ballot.DuplicateSkip},
		Seats:    2,
		Filling:  AspenTwoVote,
		Majority: MajorityContinuing,
		TieBreak: TieBreak{Countback: CountbackNone, Fallback: FallbackLot},
	},
	"aspen": {
		Name: "aspen",
		Description: "Aspen, Colorado, mayor, May 2009: instant runoff, one candidate excluded per round; overvotes exhaust; " +
			"majority of continuing ballots; ties by lot.",
		Ballot:   ballot.Rules{Overvote: ballot.OvervoteExhaust, Duplicate: ballot.DuplicateSkip},
		Seats:    1,
		Majority: MajorityContinuing,
		TieBreak: TieBreak{Countback: CountbackNone, Fallback: FallbackLot},
	},
	"rctab": {
		Name: "rctab",
		Description: "RCTab's usual single-winner options: overvote exhausts; skipped ranks passed over; repeated candidate skipped; " +
			"majority of continuing ballots; one candidate excluded per round; ties by previous-round counts, then lot.",
		Ballot:   ballot.Rules{Overvote: ballot.OvervoteExhaust, Duplicate: ballot.DuplicateSkip},
		Seats:    1,
		Majority: MajorityContinuing,
		TieBreak: TieBreak{Countback: CountbackPrevious, Fallback: FallbackLot},
	},
}

func init() {
	// Alameda County's cities (Oakland, Berkeley, San Leandro) count with
	// San Francisco's rules: three ranks, simultaneous elimination.
	for _, n := range []string{"alameda", "oakland", "berkeley", "san-leandro"} {
		r := Presets["san-francisco"]
		r.Name = n
		r.Description = strings.Replace(r.Description, "San Francisco Charter §13.102 (ranked-choice voting, since 2004)",
			"Alameda County ranked-choice voting (Oakland, Berkeley, San Leandro, since 2010), counted as San Francisco's", 1)
		Presets[n] = r
	}
}

// PresetNames lists the preset names, sorted.
func PresetNames() []string {
	out := make([]string, 0, len(Presets))
	for n := range Presets {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Preset returns the named preset, or an error listing the names.
func Preset(n string) (Rules, error) {
	r, ok := Presets[n]
	if !ok {
		return Rules{}, fmt.Errorf("unknown rule %q; expected one of: %s", n, strings.Join(PresetNames(), ", "))
	}
	return r, nil
}

// name and parse spell the options' values through internal/enum, the
// one naming scheme every counting rule's options share.
func name(names []string, i int, kind string) string { return enum.Name(names, uint8(i), kind) }

func parse(names []string, s, kind string) (int, error) {
	v, err := enum.Parse[uint8](names, s, kind)
	return int(v), err
}

// ParseMajority reads a Majority by its String name.
func ParseMajority(s string) (Majority, error) {
	i, err := parse(majorityNames, s, "majority")
	return Majority(i), err
}

// ParseExclusion reads an Exclusion by its String name.
func ParseExclusion(s string) (Exclusion, error) {
	i, err := parse(exclusionNames, s, "exclusion")
	return Exclusion(i), err
}

// ParseCountback reads a Countback by its String name.
func ParseCountback(s string) (Countback, error) {
	i, err := parse(countbackNames, s, "countback")
	return Countback(i), err
}

// ParseFallback reads a Fallback by its String name.
func ParseFallback(s string) (Fallback, error) {
	i, err := parse(fallbackNames, s, "tie fallback")
	return Fallback(i), err
}
