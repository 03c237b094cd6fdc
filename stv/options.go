package stv

import "fmt"

// Method is the counting method a rule uses.
type Method uint8

const (
	// InstantRunoff: single-seat STV, round by round (several seats only
	// through a Filling). The zero value, for the instant-runoff presets.
	InstantRunoff Method = iota
	// Gregory: multi-seat STV with a quota and surplus transfers by the
	// Gregory method in one of its statutory forms (weighted or
	// unweighted, inclusive or last parcel, or the Irish transfer of whole
	// papers): Scotland, Ireland, the Australian Senate, Minneapolis,
	// Alameda County.
	Gregory
	// Meek: Meek's method (B. L. Meek, 1969; I. D. Hill, B. A. Wichmann and
	// D. R. Woodall, "Algorithm 123", Voting matters 1, 1987): keep
	// factors of elected candidates found by iteration, every ballot
	// recounted at every iteration; New Zealand local elections (Local
	// Electoral Regulations 2001, Schedule 1A).
	Meek
	// Warren: as Meek, but each candidate keeps from a ballot the whole of
	// its keep value while the ballot has that much left (C. H. E.
	// Warren, "Counting in STV elections", Voting matters 1, 1994).
	Warren
	// BottomsUp elects every candidate left when all continuing candidates
	// have at least a share of the active ballots (RCTab
	// "multiSeatBottomsUpPercentageThreshold"): the lowest candidate is
	// excluded one at a time, the share recomputed each round.
	BottomsUp
)

var methodNames = []string{"instant-runoff", "gregory", "meek", "warren", "bottoms-up"}

func (m Method) String() string { return name(methodNames, int(m), "Method") }

// ParseMethod reads a Method by its String name.
func ParseMethod(s string) (Method, error) {
	i, err := parse(methodNames, s, "method")
	return Method(i), err
}

// QuotaFormula is how the quota is computed from the votes V and the seats
// S.
type QuotaFormula uint8

const (
	// QuotaDroop is floor(V/(S+1)) + 1 whole votes: Scottish Local
	// Government Elections Order 2007 Sch. 1 r.46; Electoral Act 1992
	// (Ireland) s.120(2); Commonwealth Electoral Act 1918 s.273(8);
	// Minneapolis Code §167.20; RCTab's usual threshold.
	QuotaDroop QuotaFormula = iota
	// QuotaDroopExact is V/(S+1) in the count's arithmetic (rounded down to
	// its precision): the Hagenbach-Bischoff quota, normally with
	// [ExceedQuota]; Meek counts in exact arithmetic.
	QuotaDroopExact
	// QuotaDroopNZ is V/(S+1) rounded down to the precision, plus one
	// unit of the precision (10^-9 in New Zealand's Schedule 1A, cl. 5);
	// with exact arithmetic it is QuotaDroopExact.
	QuotaDroopNZ
	// QuotaHare is V/S.
	QuotaHare
	// QuotaHareWhole is floor(V/S), the Hare quota in whole votes.
	QuotaHareWhole
)

var quotaNames = []string{"droop", "droop-exact", "droop-nz", "hare", "hare-whole"}

func (q QuotaFormula) String() string { return name(quotaNames, int(q), "QuotaFormula") }

// ParseQuotaFormula reads a QuotaFormula by its String name.
func ParseQuotaFormula(s string) (QuotaFormula, error) {
	i, err := parse(quotaNames, s, "quota")
	return QuotaFormula(i), err
}

// QuotaCriterion says whether a candidate must reach or exceed the quota.
type QuotaCriterion uint8

const (
	// ReachQuota elects a candidate whose votes equal or exceed the quota
	// (all the statutes with a whole-number quota).
	ReachQuota QuotaCriterion = iota
	// ExceedQuota elects only a candidate with more votes than the quota
	// (the fractional Hagenbach-Bischoff quota).
	ExceedQuota
)

var criterionNames = []string{"reach", "exceed"}

func (c QuotaCriterion) String() string { return name(criterionNames, int(c), "QuotaCriterion") }

// QuotaBase says which votes the quota is computed from, and when.
type QuotaBase uint8

const (
	// QuotaValidBallots computes the quota once, from the valid (non-blank)
	// ballots (Scotland r.46(1); Ireland s.120(2); Senate s.273(8)).
	QuotaValidBallots QuotaBase = iota
	// QuotaFirstStageVotes computes the quota once, from the votes counting
	// for a candidate at the first stage, ballots exhausted at once left
	// out (RCTab's threshold, as Minneapolis 2013 was reported).
	QuotaFirstStageVotes
	// QuotaContinuing recomputes the quota at every stage from the votes
	// still counting for a candidate, elected or continuing (Alameda
	// County's multi-seat ranked-choice voting, e.g. Albany 2022).
	QuotaContinuing
)

var quotaBaseNames = []string{"valid-ballots", "first-stage-votes", "continuing"}

func (q QuotaBase) String() string { return name(quotaBaseNames, int(q), "QuotaBase") }

// Quota is how the quota is set.
type Quota struct {
	Formula   QuotaFormula
	Criterion QuotaCriterion
	Base      QuotaBase
}

// ArithmeticKind is exact rational or fixed-point decimal arithmetic.
type ArithmeticKind uint8

const (
	// FixedPoint: values are decimals with Arithmetic.Decimals places;
	// every division and product rounds as the rule says (down, unless
	// the rule says up), as the statutes prescribe (Scotland: five places,
	// remainder ignored).
	FixedPoint ArithmeticKind = iota
	// Exact: rational numbers (math/big), no rounding except where a rule
	// rounds to whole votes.
	Exact
)

var arithmeticNames = []string{"fixed", "exact"}

func (a ArithmeticKind) String() string { return name(arithmeticNames, int(a), "ArithmeticKind") }

// Arithmetic is how a count computes with fractions of votes.
type Arithmetic struct {
	Kind ArithmeticKind
	// Decimals for FixedPoint (0 to 9): 5 in Scotland, 4 in Minneapolis,
	// 9 in New Zealand, 0 for whole votes.
	Decimals int
}

func (a Arithmetic) String() string {
	if a.Kind == Exact {
		return "exact"
	}
	return fmt.Sprintf("fixed-%d", a.Decimals)
}

// SurplusPapers says which papers of an elected candidate a surplus
// transfer examines.
type SurplusPapers uint8

const (
	// AllPapers: every paper the candidate holds (the inclusive Gregory
	// method: Scotland r.48(1); Senate s.273(9)).
	AllPapers SurplusPapers = iota
	// LastParcel: the papers received at the transfer that elected the
	// candidate, or all papers for a candidate elected at the first stage
	// (Ireland s.121(2)(b); ERS97; Northern Ireland).
	LastParcel
)

var surplusPapersNames = []string{"all", "last-parcel"}

func (s SurplusPapers) String() string { return name(surplusPapersNames, int(s), "SurplusPapers") }

// Weighting is how a transferred paper's new value depends on its value
// when received.
type Weighting uint8

const (
	// Weighted: new value = value × surplus / the candidate's votes (the
	// weighted inclusive Gregory method: Scotland r.48(3)).
	Weighted Weighting = iota
	// Unweighted: every paper gets surplus / number of papers, whatever
	// its value (the unweighted inclusive Gregory method of the Senate,
	// s.273(9)(b)).
	Unweighted
	// WholePapers moves whole papers at their full value: the number
	// moved to each continuing candidate is in proportion to the papers
	// showing a next preference for them, remainders to the largest
	// fractions, and the papers moved are those last filed (Ireland
	// s.121(4)–(6)).
	WholePapers
)

var weightingNames = []string{"weighted", "unweighted", "whole-papers"}

func (w Weighting) String() string { return name(weightingNames, int(w), "Weighting") }

// Rounding is where a surplus transfer rounds.
type Rounding uint8

const (
	// RoundPerPaper rounds each paper's new value down to the precision,
	// computing value × surplus / votes in one step (Scotland r.48(3)).
	RoundPerPaper Rounding = iota
	// RoundFractionFirst rounds the surplus fraction surplus/votes down to
	// the precision first, then each paper's value × fraction down
	// (Minneapolis Code §167.20 "surplus fraction" and "transfer value";
	// RCTab).
	RoundFractionFirst
	// RoundParcelWhole rounds the votes a candidate receives from each
	// parcel down to a whole number; the fractions lost are recorded
	// (Senate s.273(9)(c), (13)(b)).
	RoundParcelWhole
)

var roundingNames = []string{"per-paper", "fraction-first", "parcel-whole"}

func (r Rounding) String() string { return name(roundingNames, int(r), "Rounding") }

// SurplusOrder is the order in which several surpluses are transferred.
type SurplusOrder uint8

const (
	// LargestFirst transfers the largest surplus first, among all not yet
	// transferred (Scotland r.49(1)).
	LargestFirst SurplusOrder = iota
	// ElectionOrder transfers surpluses in the order the candidates were
	// elected, the larger first among those elected at the same stage
	// (Senate s.273(10)–(11); Ireland s.121(3)).
	ElectionOrder
)

var surplusOrderNames = []string{"largest-first", "election-order"}

func (s SurplusOrder) String() string { return name(surplusOrderNames, int(s), "SurplusOrder") }

// Deferral says when the transfer of surpluses may wait.
type Deferral uint8

const (
	// DeferNever transfers every surplus before any exclusion.
	DeferNever Deferral = iota
	// DeferIfNoEffect postpones the transfer while all the surpluses not
	// yet transferred together are less than the difference between the
	// two lowest continuing candidates' votes and could not bring the
	// highest continuing candidate to the quota (Electoral Act 1992
	// (Ireland) s.121(1) proviso as the count guides apply it; ERS97
	// 5.2.5); the lowest candidate is excluded instead.
	DeferIfNoEffect
)

var deferralNames = []string{"never", "if-no-effect"}

func (d Deferral) String() string { return name(deferralNames, int(d), "Deferral") }

// ExclusionTransfer says how an excluded candidate's papers are moved.
type ExclusionTransfer uint8

const (
	// ExcludeInOneStage moves all the papers at once, each at its value
	// (Scotland r.50(4); Ireland s.122).
	ExcludeInOneStage ExclusionTransfer = iota
	// ExcludeByTransferValue moves the papers in parcels of equal transfer
	// value, highest first, each a count of its own; candidates who reach
	// the quota in between are elected (Senate s.273(13)(a)–(b)).
	ExcludeByTransferValue
)

var exclusionTransferNames = []string{"one-stage", "by-transfer-value"}

func (e ExclusionTransfer) String() string {
	return name(exclusionTransferNames, int(e), "ExclusionTransfer")
}

// LastVacancy is an early end for the last vacancy.
type LastVacancy uint8

const (
	// LastVacancyNone: the count goes on until a quota or until the
	// continuing candidates equal the vacancies.
	LastVacancyNone LastVacancy = iota
	// LastVacancyHigherOfTwo: with one vacancy and two continuing
	// candidates, the one with more votes is elected (Senate s.273(17)).
	LastVacancyHigherOfTwo
	// LastVacancyUnbeatable: with one vacancy, a continuing candidate
	// whose votes exceed all the other continuing candidates' votes
	// together with all surpluses not transferred is elected (Ireland
	// s.124(2)).
	LastVacancyUnbeatable
)

var lastVacancyNames = []string{"none", "higher-of-two", "unbeatable"}

func (l LastVacancy) String() string { return name(lastVacancyNames, int(l), "LastVacancy") }

// Surplus is how surpluses are transferred.
type Surplus struct {
	Papers    SurplusPapers
	Weighting Weighting
	Rounding  Rounding
	// TransferableOnly divides the surplus among the transferable papers
	// only (those with a next available preference), and moves them at
	// their own value when they are fewer than the surplus (Ireland
	// s.121(4); ERS97 5.3.4); otherwise the non-transferable papers share
	// in the value and their share is non-transferable.
	TransferableOnly bool
	Order            SurplusOrder
	Defer            Deferral
	// ZeroStage makes a stage of the transfer of a surplus of zero, as
	// RCTab reports one (a round in which nothing moves).
	ZeroStage bool
}

// MeekOptions are the options of the Meek and Warren methods.
type MeekOptions struct {
	// Omega ends an iteration when the total surplus is at most
	// 10^-Omega votes (New Zealand Schedule 1A: 5, surplus below 0.00001).
	Omega int
	// RoundUp rounds each candidate's share of a ballot up, and the
	// remainder passed on too, as New Zealand's Schedule 1A cl. 7 does;
	// otherwise both are rounded down (exact arithmetic ignores it).
	RoundUp bool
}

// ParseQuotaCriterion reads a QuotaCriterion by its String name.
func ParseQuotaCriterion(s string) (QuotaCriterion, error) {
	i, err := parse(criterionNames, s, "quota criterion")
	return QuotaCriterion(i), err
}

// ParseQuotaBase reads a QuotaBase by its String name.
func ParseQuotaBase(s string) (QuotaBase, error) {
	i, err := parse(quotaBaseNames, s, "quota base")
	return QuotaBase(i), err
}

// ParseArithmetic reads an Arithmetic: "exact", or "fixed-N" with N
// decimal places (0 to 9).
func ParseArithmetic(s string) (Arithmetic, error) {
	if s == "exact" {
		return Arithmetic{Kind: Exact}, nil
	}
	var d int
	if n, err := fmt.Sscanf(s, "fixed-%d", &d); err != nil || n != 1 || d < 0 || d > 9 || fmt.Sprintf("fixed-%d", d) != s {
		return Arithmetic{}, fmt.Errorf("unknown arithmetic %q; expected exact or fixed-N with N from 0 to 9 decimal places", s)
	}
	return Arithmetic{Kind: FixedPoint, Decimals: d}, nil
}

// ParseSurplusPapers reads a SurplusPapers by its String name.
func ParseSurplusPapers(s string) (SurplusPapers, error) {
	i, err := parse(surplusPapersNames, s, "surplus papers")
	return SurplusPapers(i), err
}

// ParseWeighting reads a Weighting by its String name.
func ParseWeighting(s string) (Weighting, error) {
	i, err := parse(weightingNames, s, "weighting")
	return Weighting(i), err
}

// ParseRounding reads a Rounding by its String name.
func ParseRounding(s string) (Rounding, error) {
	i, err := parse(roundingNames, s, "rounding")
	return Rounding(i), err
}

// ParseSurplusOrder reads a SurplusOrder by its String name.
func ParseSurplusOrder(s string) (SurplusOrder, error) {
	i, err := parse(surplusOrderNames, s, "surplus order")
	return SurplusOrder(i), err
}

// ParseDeferral reads a Deferral by its String name.
func ParseDeferral(s string) (Deferral, error) {
	i, err := parse(deferralNames, s, "deferral")
	return Deferral(i), err
}

// ParseExclusionTransfer reads an ExclusionTransfer by its String name.
func ParseExclusionTransfer(s string) (ExclusionTransfer, error) {
	i, err := parse(exclusionTransferNames, s, "exclusion transfer")
	return ExclusionTransfer(i), err
}

// ParseLastVacancy reads a LastVacancy by its String name.
func ParseLastVacancy(s string) (LastVacancy, error) {
	i, err := parse(lastVacancyNames, s, "last vacancy")
	return LastVacancy(i), err
}
