package stv

import "github.com/psephos/psephos/ballot"

// The multi-seat presets. Each Description cites the rule's legal source
// and lists where psephos departs from it.
func init() {
	for _, r := range multiSeatPresets {
		Presets[r.Name] = r
	}
	s := Presets["scotland"]
	s.Name = "scottish"
	Presets["scottish"] = s
}

var multiSeatPresets = []Rules{
	{
		Name: "scotland",
		Description: "Scottish local government STV: the Scottish Local Government Elections Order 2007 (SSI 2007/42), Sch. 1 rules 45–52 " +
			"(unchanged in substance by the 2011 Order). Quota floor(valid papers/(seats+1))+1, reached to be elected (r.46–47); " +
			"weighted inclusive Gregory: every paper of the elected candidate moves at value × surplus / votes, calculated to five decimal " +
			"places, any remainder ignored (r.48(3)); the highest surplus first, equal surpluses by the most recent preceding stage at which " +
			"the candidates' votes differed, then lot (r.49); no deferral; the lowest candidate excluded, papers moved at their value " +
			"(r.50), ties by the most recent preceding stage, then lot (r.51); continuing candidates equal to the vacancies are elected " +
			"and nothing more is transferred (r.52). Deviation: the lot is psephos's seeded lot, recorded.",
		Method:     Gregory,
		Quota:      Quota{Formula: QuotaDroop, Criterion: ReachQuota, Base: QuotaValidBallots},
		Arithmetic: Arithmetic{Kind: FixedPoint, Decimals: 5},
		Surplus:    Surplus{Papers: AllPapers, Weighting: Weighted, Rounding: RoundPerPaper, Order: LargestFirst},
		Exclusion:  ExcludeLowest,
		TieBreak:   TieBreak{Countback: CountbackPrevious, Fallback: FallbackLot},
	},
	{
		Name: "ireland",
		Description: "Irish Dáil: Electoral Act 1992, Part XIX (ss.118–127) as amended. Quota floor(valid papers/(seats+1))+1 (s.120(2)); " +
			"surpluses in the order the candidates were elected, the larger first (s.121(3)); a surplus on first preferences examines all " +
			"the candidate's papers, a later one only the last parcel received (s.121(2)); whole papers move: each sub-parcel of " +
			"transferable papers gives surplus × its papers / transferable papers, fractions ignored, the papers left to the largest " +
			"remainders, all of them when the transferable papers are no more than the surplus, and the papers moved are those last " +
			"filed in the sub-parcel (s.121(4)–(6)); papers are kept in the order of the ballot file; a surplus waits while it cannot " +
			"change the lowest two or elect anyone (s.121(1)); the lowest candidates are excluded together when their votes and the " +
			"surpluses are fewer than the next candidate's (s.122); ties by the first count at which the votes differed, then lot; " +
			"continuing candidates equal to the vacancies are elected, and for the last vacancy a candidate with more votes than all " +
			"the others and the surpluses together (s.124). Deviations: the recoupment-of-expenses test in s.121(1) is not applied; the " +
			"lot is psephos's seeded lot, recorded.",
		Method:      Gregory,
		Quota:       Quota{Formula: QuotaDroop, Criterion: ReachQuota, Base: QuotaValidBallots},
		Arithmetic:  Arithmetic{Kind: FixedPoint, Decimals: 0},
		Surplus:     Surplus{Papers: LastParcel, Weighting: WholePapers, TransferableOnly: true, Order: ElectionOrder, Defer: DeferIfNoEffect},
		Exclusion:   ExcludeBatch,
		LastVacancy: LastVacancyUnbeatable,
		TieBreak:    TieBreak{Countback: CountbackFirst, Fallback: FallbackLot},
	},
	{
		Name: "australian-senate",
		Description: "Australian Senate: Commonwealth Electoral Act 1918 s.273 (as counted since 2016). Quota floor(formal papers/(vacancies+1))+1 " +
			"(s.273(8)); unweighted inclusive Gregory: every paper of an elected candidate moves at surplus / number of papers, whatever " +
			"its value, and each candidate receives that value × papers, fractions disregarded; the loss by fraction is recorded " +
			"(s.273(9)); surpluses in the order of election, the larger first at one count (s.273(10)–(11)); an excluded candidate's " +
			"papers move in parcels of one transfer value, the highest first, each a count, candidates reaching the quota meanwhile " +
			"elected (s.273(13)); elected candidates' surpluses wait until the exclusion ends; with two continuing candidates for the " +
			"last vacancy the one with more votes is elected (s.273(17)); continuing candidates equal to the vacancies are elected " +
			"(s.273(18)); ties by the most recent count at which the votes differed, then lot (s.273(20)–(22)). Exact rational transfer " +
			"values. Deviations: bulk exclusion (s.273(13A)) is not used, as in the AEC's published distributions; the Australian " +
			"Electoral Officer's casting vote is psephos's seeded lot, recorded.",
		Method:            Gregory,
		Quota:             Quota{Formula: QuotaDroop, Criterion: ReachQuota, Base: QuotaValidBallots},
		Arithmetic:        Arithmetic{Kind: Exact},
		Surplus:           Surplus{Papers: AllPapers, Weighting: Unweighted, Rounding: RoundParcelWhole, Order: ElectionOrder},
		ExclusionTransfer: ExcludeByTransferValue,
		Exclusion:         ExcludeLowest,
		LastVacancy:       LastVacancyHigherOfTwo,
		TieBreak:          TieBreak{Countback: CountbackPrevious, Fallback: FallbackLot},
	},
	{
		Name: "meek-nz",
		Description: "Meek's method as New Zealand local elections count it: Local Electoral Regulations 2001, Schedule 1A. Fixed-point " +
			"arithmetic to 9 decimal places; quota = votes for candidates / (vacancies+1), rounded down to 9 places, plus 0.000000001 " +
			"(cl. 5), reached to be elected; each candidate keeps value × keep factor of a ballot, rounded up, and passes on value × " +
			"(1 − keep factor), rounded up (cl. 7); keep factors become keep factor × quota / votes, rounded up (cl. 9); iteration ends " +
			"when a candidate is elected or the total surplus is below 0.00001 (cl. 8); then the lowest candidate is excluded; ties by " +
			"the most recent stage at which the votes differed, then lot. Deviations: the lot is psephos's seeded lot, recorded.",
		Method:     Meek,
		Quota:      Quota{Formula: QuotaDroopNZ, Criterion: ReachQuota},
		Arithmetic: Arithmetic{Kind: FixedPoint, Decimals: 9},
		Meek:       MeekOptions{Omega: 5, RoundUp: true},
		Exclusion:  ExcludeLowest,
		TieBreak:   TieBreak{Countback: CountbackPrevious, Fallback: FallbackLot},
	},
	{
		Name: "meek",
		Description: "Reference Meek STV (Hill, Wichmann and Woodall, \"Algorithm 123 — Single Transferable Vote by Meek's method\", " +
			"Computer Journal 30(3), 1987) in exact rational arithmetic: quota = votes for candidates / (seats+1), exceeded to be " +
			"elected; keep factors updated to keep factor × quota / votes until the surplus is at most 10^-10; sure losers (whose " +
			"votes with the surplus are fewer than the next candidate's) excluded together, else the lowest. As the Droop package " +
			"counts \"meek\" with rational arithmetic. Deviation: ties by psephos's seeded lot, recorded.",
		Method:     Meek,
		Quota:      Quota{Formula: QuotaDroopExact, Criterion: ExceedQuota},
		Arithmetic: Arithmetic{Kind: Exact},
		Meek:       MeekOptions{Omega: 10},
		Exclusion:  ExcludeBatch,
		TieBreak:   TieBreak{Countback: CountbackNone, Fallback: FallbackLot},
	},
	{
		Name: "warren",
		Description: "Warren STV (C. H. E. Warren, \"Counting in STV elections\", Voting matters 1, 1994): as \"meek\", but an elected " +
			"candidate keeps from each ballot reaching them the whole of their keep value while the ballot has that much left. Exact " +
			"rational arithmetic, omega 10^-10, sure losers excluded together. Deviation: ties by psephos's seeded lot, recorded.",
		Method:     Warren,
		Quota:      Quota{Formula: QuotaDroopExact, Criterion: ExceedQuota},
		Arithmetic: Arithmetic{Kind: Exact},
		Meek:       MeekOptions{Omega: 10},
		Exclusion:  ExcludeBatch,
		TieBreak:   TieBreak{Countback: CountbackNone, Fallback: FallbackLot},
	},
	{
		Name: "minneapolis-stv",
		Description: "Minneapolis multi-seat ranked-choice voting: Minneapolis Code of Ordinances ch. 167 (2009–2020), §167.20 and " +
			"§167.70, as RCTab's 2013 park board configuration sets it: three ranks; an overvoted rank skipped; three consecutive " +
			"skipped ranks exhaust; a repeated candidate skipped; threshold floor(first-round votes/(seats+1))+1, reached; undeclared " +
			"write-ins excluded after the first round; the surplus fraction surplus/votes to four decimal places, any remainder " +
			"ignored, and each ballot's value × fraction to four places (§167.20 \"surplus fraction\", \"transfer value\"); the largest " +
			"surplus first, a surplus of zero transferred as a round of its own (as RCTab reports it); the lowest candidate excluded; " +
			"ties by lot. Deviation: the lot is psephos's seeded lot, recorded (RCTab's own random tie-break is not reproduced).",
		Ballot:               ballot.Rules{Overvote: ballot.OvervoteSkip, Duplicate: ballot.DuplicateSkip, ExhaustOnSkipped: 3, MaxRanks: 3},
		Method:               Gregory,
		Quota:                Quota{Formula: QuotaDroop, Criterion: ReachQuota, Base: QuotaFirstStageVotes},
		Arithmetic:           Arithmetic{Kind: FixedPoint, Decimals: 4},
		Surplus:              Surplus{Papers: AllPapers, Weighting: Weighted, Rounding: RoundFractionFirst, Order: LargestFirst, ZeroStage: true},
		Exclusion:            ExcludeLowest,
		ExcludeWriteInsFirst: true,
		TieBreak:             TieBreak{Countback: CountbackNone, Fallback: FallbackLot},
	},
	{
		Name: "alameda-stv",
		Description: "Alameda County multi-seat ranked-choice voting (Albany city council, 2022), as the county's round-by-round report " +
			"shows it: the quota floor(votes counting for a candidate/(seats+1))+1 recomputed every round as ballots exhaust; an " +
			"overvote exhausts; a repeated candidate skipped; the lowest candidate excluded; surpluses transferred fractionally " +
			"(value × surplus / votes, to four decimal places); ties by lot. Deviation: the county's own arithmetic for fractional " +
			"transfers is not published; psephos uses four decimal places, remainder ignored; the lot is psephos's seeded lot.",
		Ballot:     ballot.Rules{Overvote: ballot.OvervoteExhaust, Duplicate: ballot.DuplicateSkip},
		Method:     Gregory,
		Quota:      Quota{Formula: QuotaDroop, Criterion: ReachQuota, Base: QuotaContinuing},
		Arithmetic: Arithmetic{Kind: FixedPoint, Decimals: 4},
		Surplus:    Surplus{Papers: AllPapers, Weighting: Weighted, Rounding: RoundPerPaper, Order: LargestFirst},
		Exclusion:  ExcludeLowest,
		TieBreak:   TieBreak{Countback: CountbackNone, Fallback: FallbackLot},
	},
	{
		Name: "ers97",
		Description: "Electoral Reform Society rules, 1997 edition (R. A. Newland and F. S. Britton, How to conduct an election by the " +
			"Single Transferable Vote, 3rd ed.) as far as psephos's options reach: values to two decimal places; quota total/(seats+1) " +
			"to two places plus 0.01; the last parcel of a surplus moved at surplus / transferable value (or at its value when smaller); " +
			"surpluses deferred while they cannot change the lowest two; the excluded candidate's papers moved in parcels of one " +
			"value, highest first. Deviations: ERS97's deemed-elected-at-quota-of-votes rule, its rounding of the quota and its tie " +
			"rules are not reproduced; the lot is psephos's seeded lot.",
		Method:            Gregory,
		Quota:             Quota{Formula: QuotaDroopNZ, Criterion: ReachQuota, Base: QuotaValidBallots},
		Arithmetic:        Arithmetic{Kind: FixedPoint, Decimals: 2},
		Surplus:           Surplus{Papers: LastParcel, Weighting: Weighted, Rounding: RoundPerPaper, TransferableOnly: true, Order: LargestFirst, Defer: DeferIfNoEffect},
		ExclusionTransfer: ExcludeByTransferValue,
		Exclusion:         ExcludeLowest,
		TieBreak:          TieBreak{Countback: CountbackFirst, Fallback: FallbackLot},
	},
	{
		Name: "gregory",
		Description: "Textbook STV with the weighted inclusive Gregory method in exact rational arithmetic: quota floor(valid papers/" +
			"(seats+1))+1, reached to be elected; every paper of an elected candidate moves at value × surplus / votes; the largest " +
			"surplus first, before any exclusion; the lowest candidate excluded; continuing candidates equal to the vacancies elected. " +
			"The rule of the shared edge cases 08 and 10. Ties by the most recent stage at which the votes differed, then psephos's " +
			"seeded lot.",
		Method:     Gregory,
		Quota:      Quota{Formula: QuotaDroop, Criterion: ReachQuota, Base: QuotaValidBallots},
		Arithmetic: Arithmetic{Kind: Exact},
		Surplus:    Surplus{Papers: AllPapers, Weighting: Weighted, Order: LargestFirst},
		Exclusion:  ExcludeLowest,
		TieBreak:   TieBreak{Countback: CountbackPrevious, Fallback: FallbackLot},
	},
	{
		Name: "bottoms-up-15",
		Description: "Bottoms-up elimination to a 15% threshold (RCTab \"multiSeatBottomsUpPercentageThreshold\", as used for US " +
			"party primaries' delegate thresholds): the lowest candidate excluded one at a time until every continuing candidate has at " +
			"least 15% of the ballots active in that round, equality passing; all those left are elected. Ties by lot.",
		Method:           BottomsUp,
		ThresholdPercent: 15,
		Exclusion:        ExcludeLowest,
		TieBreak:         TieBreak{Countback: CountbackNone, Fallback: FallbackLot},
	},
}
