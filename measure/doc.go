// Package measure turns counted contests into seats-against-votes facts:
// per party and per area (the whole election, or each nation or region),
// seats, votes, vote and seat shares, placings, votes per seat, votes that
// elected nobody, winners' surplus votes, winners short of an absolute
// majority, the smallest and largest majorities; and the standard
// disproportionality and party-system indices.
//
// Shares are percentages (0–100) and differences percentage points. The
// indices follow:
//
//   - Gallagher (least-squares) index: sqrt(½ Σ (vᵢ − sᵢ)²), vote and seat
//     percentages; M. Gallagher, "Proportionality, disproportionality and
//     electoral systems", Electoral Studies 10(1), 1991.
//   - Loosemore–Hanby index: ½ Σ |vᵢ − sᵢ|; J. Loosemore and V. J. Hanby,
//     "The theoretical limits of maximum distortion", British Journal of
//     Political Science 1(4), 1971.
//   - Sainte-Laguë index: Σ (sᵢ − vᵢ)² / vᵢ over parties with votes, in
//     percentages; Gallagher 1991 (after Sainte-Laguë's least-squares
//     criterion).
//   - Effective number of parties: 1 / Σ pᵢ², with pᵢ the vote or seat
//     fraction; M. Laakso and R. Taagepera, "'Effective' number of parties",
//     Comparative Political Studies 12(1), 1979.
//
// The indices are computed over the party groups the election defines (see
// election.Election.Notes): grouping changes them, so reports state it.
//
// "Wasted votes" has more than one definition in the literature. psephos
// reports the parts separately so each can be formed:
//
//   - unelected votes: votes for candidates who were not elected (the
//     Electoral Reform Society's usual "votes that elected nobody");
//   - surplus votes: each winner's votes beyond the runner-up's plus one,
//     the votes the winner did not need to win;
//   - excess over half: each winner's votes beyond floor(valid/2)+1, the
//     efficiency-gap definition (N. Stephanopoulos and E. McGhee,
//     "Partisan gerrymandering and the efficiency gap", University of
//     Chicago Law Review 82, 2015); zero for a winner short of a majority.
//
// Wasted votes are unelected plus surplus votes by default; the efficiency
// gap's alternative is unelected plus excess over half.
//
// Floats here are for display and statistics only; no seat depends on them.
package measure
