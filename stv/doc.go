// Package stv counts ranked ballots by the single transferable vote: by
// instant-runoff (single-seat STV) round by round, and by multi-seat STV
// in its statutory variants stage by stage, and leaves a transcript a
// returning officer could check line by line against the official
// declaration.
//
// A counting rule is a value: [Rules] is a struct of named options with
// the ballot validity rules of package ballot inside it. [Presets] name the
// rules of real jurisdictions, each citing its source and listing where
// psephos departs from it:
//
//   - instant-runoff: San Francisco and Alameda County, Pierce County,
//     Burlington 2009, Minneapolis, Alaska, Aspen, RCTab's usual rule;
//   - multi-seat STV (Method Gregory): "scotland" (Scottish Local
//     Government Elections Order 2007, Sch. 1 rr.45–52: weighted inclusive
//     Gregory, five decimal places), "ireland" (Electoral Act 1992 Part
//     XIX: the last parcel, whole papers last filed, deferred surpluses),
//     "australian-senate" (Commonwealth Electoral Act 1918 s.273:
//     unweighted inclusive Gregory, votes truncated to whole numbers with
//     the loss by fraction recorded, exclusions by transfer value),
//     "minneapolis-stv" (Minneapolis Code ch. 167), "alameda-stv" (Albany
//     2022: the quota recomputed on continuing votes), "ers97" and
//     "gregory" (exact textbook STV);
//   - "meek-nz" (New Zealand's Schedule 1A: Meek in fixed point to nine
//     places), "meek" and "warren" (exact rational arithmetic);
//   - "bottoms-up-15" (exclusion to a 15% threshold).
//
// The options that distinguish the statutes are orthogonal: the quota
// (Droop, Hare, whole or exact, reached or exceeded, fixed or recomputed
// each stage), which papers a surplus examines (all, or the last parcel),
// how their values are weighted (weighted, unweighted, whole papers) and
// rounded (per paper, fraction first, per parcel to whole votes), the
// order and deferral of surpluses, how an exclusion moves papers (at once,
// or by transfer value), bulk exclusion, the end of the last vacancy, and
// the arithmetic: fixed-point decimals with the statute's places (int64
// units, products and quotients through 128 bits so that no quota
// overflows), or exact rationals (math/big). One counting core, generic
// over its number type, serves them all; Meek's and Warren's methods share
// the quota, tie and transcript code and walk a trie of the rankings.
//
// The transcript ([Result.Stages], one [Stage] a stage or count) has each
// candidate's votes and papers, the values of the papers moved, the
// non-transferable votes and papers by reason, the loss by fraction, the
// quota, who was elected or excluded and why, deferred surpluses, keep
// factors and iterations (Meek), and every tie. Votes are exact
// [Value]s: fixed-point decimals or rationals, never floating point.
//
// Ties are never broken silently: every tie is recorded with the method
// that broke it (countback over earlier stages, backward or forward as the
// statute says; a seeded lot whose draw is recorded; or a named order), and
// [FallbackNone] stops the count with a [TieError] for a returning
// officer's lot.
//
// What it does not do: it does not read files or print; Irish recoupment
// of expenses (s.121(1)) and the ERS97 rules' finer points are not
// applied (see the presets); RCTab's own random tie-break and its report
// of the last winner's surplus after the count are not reproduced.
package stv
