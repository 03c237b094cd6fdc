// Package stv counts ranked ballots by instant-runoff voting (the
// alternative vote, ranked-choice voting: single-seat STV), round by round,
// and leaves a transcript: each round's votes, the threshold, the exhausted
// ballots by reason, who was excluded or elected and why, and where each
// excluded candidate's ballots went.
//
// A counting rule is a value: [Rules] is a struct of named options
// (majority base, batch exclusion, continue until two remain, write-ins
// first, tie-break by countback then a seeded lot or a fixed order) with
// the ballot validity rules of package ballot inside it. [Presets] name the
// rules of real jurisdictions (San Francisco and Alameda County, Pierce
// County, Burlington 2009, Minneapolis, Alaska), each citing its source.
//
// The counting core keeps ballots in piles, one per candidate, each entry a
// distinct ranking with its weight, so excluding a candidate touches only
// that candidate's ballots, and a count's memory grows with the number of
// distinct rankings. Votes are whole numbers of ballots (int64); exact
// arithmetic throughout, no floating point.
//
// Ties are never broken silently: every tie is recorded in the round's
// [Tie] with the method that broke it (countback, a seeded lot whose draw
// is recorded, or a named order), and [FallbackNone] stops the count with a
// [TieError] for a returning officer's lot.
//
// What it does not do (yet): multi-seat STV with surplus transfers (quota,
// transfer values, Scottish, Irish, Senate and Meek rules) is the next
// step of this package and will reuse the same piles; several seats can
// only be filled one after another by instant-runoff ([Rules.Sequential]).
// It does not read files or print.
package stv
