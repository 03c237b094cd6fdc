// Package plurality counts first-past-the-post (FPTP) contests and their
// multi-seat relative, the plurality-at-large count used by block vote and
// SNTV: in a contest for k seats the k candidates with the most votes are
// elected.
//
// For each contest it gives the placings (1st, 2nd, ...; equal votes share a
// position), the winners, the majority (the last winner's votes minus the
// best loser's) and whether the winner had an absolute majority of the valid
// votes.
//
// A tie for the last seat is never broken silently. By default the contest is
// left undecided and reported as needing a lot, as the law requires: in UK
// parliamentary elections rule 49 of the Parliamentary Elections Rules
// (Schedule 1 to the Representation of the People Act 1983) has the returning
// officer decide between equal candidates by lot; Germany's Bundeswahlgesetz
// §5 likewise. A [TieBreak] can record the lot that was drawn, or draw one
// from a seeded, documented source, and the result says which was used.
//
// The package does not read files or print; ballots of two-round systems and
// ranked ballots are counted elsewhere.
package plurality
