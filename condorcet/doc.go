// Package condorcet counts ranked ballots by head-to-head (pairwise)
// comparison: the pairwise matrix, the Condorcet winner and loser, the
// Smith and Schwartz sets, and the Condorcet completion methods, each
// computed exactly in integers.
//
// The matrix ([Tally]) counts, for every ordered pair of candidates (a, b),
// the ballots that prefer a to b. It walks each distinct ranking of a
// [ballot.Profile] once, with its weight. How a ballot is read is stated
// by [Options]: by default a candidate a ballot ranks is preferred to every
// candidate it leaves unranked (Schulze 2011, §2.1; Debian Constitution
// A.6(1)), and several candidates at one rank — an equal ranking where the
// format allows it, an overvote where it does not — are ranked equally.
// The other readings of unranked candidates and of overvotes are options.
//
// Methods ([Count]; variants in brackets, the first the default):
//
//   - Schulze (Schulze 2011, "A new monotonic, clone-independent, reversal
//     symmetric, and Condorcet-consistent single-winner election method",
//     Social Choice and Welfare 36:267–303) [winning-votes, margins];
//   - Ranked Pairs (Tideman 1987, Social Choice and Welfare 4:185–206;
//     ties among majorities of equal strength by a tie-breaking ranking as
//     in Zavist and Tideman 1989) [winning-votes, margins];
//   - Copeland (Copeland 1951) with a pairwise tie worth half a win [half,
//     zero, one];
//   - Minimax (Simpson 1969, Kramer 1977) [winning-votes, margins,
//     opposition];
//   - Borda (de Borda 1781), truncated ballots by the variant of Emerson
//     2013 [averaged, truncated, modified];
//   - Kemeny–Young (Kemeny 1959; Young and Levenglick 1978), exact, for up
//     to [MaxKemeny] candidates in each Smith level;
//   - the Debian Project's rule (Debian Constitution v1.2–v1.4, Appendix
//     A.6): quorum, majority over the default option ("None Of The
//     Above"), Schwartz sequential dropping.
//
// Every comparison is of integers (ballots, or sums of them; Borda in half
// points; the Debian quorum 3·√N/2 by squaring). Ties are never broken
// silently: a [Result] lists all the method's winners, and elects one only
// by an explicit [TieBreak] (a seeded lot from internal/lot, or a named
// order), which it records. A full ranking is given where the method
// defines one; candidates that share a rank are tied there.
//
// The package does not read files (see format/...), does not print (see
// report), and does not count instant-runoff (see stv). It does not
// implement the Schulze method's own tie-breaking by a random ballot, nor
// multi-winner Condorcet methods (Schulze STV, proportional rankings).
package condorcet
