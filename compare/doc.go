// Package compare puts one constituency election through several electoral
// systems side by side: the first-past-the-post count as held, list
// proportional representation nationwide or in multi-member districts
// formed from existing areas (for the UK, the 12 nations and regions, each
// keeping its seats), the additional member system and parallel voting.
// Each outcome gives every party's seats, the Gallagher index and the other
// measure.Indices on the same party groups, the largest party, and a line
// that states the method and every assumption.
//
// Everything but FPTP is a projection, not a count: a single constituency
// vote is taken as a vote for the party's list (as Electoral Reform Society
// and Commons Library projections do), independents and the Speaker stand
// as one-person lists that can win one seat at most (under largest
// remainder an individual who would win more keeps one and is excluded, and
// the other seats are apportioned again), and for AMS and parallel voting the constituency tier is modelled
// by scaling each region's FPTP wins to its constituency seats by largest
// remainder (as if constituencies were merged), because new constituency
// boundaries cannot be drawn from the results. The list share of seats is a
// stated option. Ties in these hypothetical apportionments go to the party
// with more votes, then to psephos's seeded lot, and are listed in the
// outcome's notes.
//
// Ranked puts one ranked-ballot election through several counting methods:
// instant-runoff (package stv) and the pairwise methods (package
// condorcet), with each method's winners, ties and ranking, so that a
// reader sees where they disagree (Burlington 2009: instant-runoff elected
// Kiss, every Condorcet method Montroll).
//
// The package does not read files or print; apportionments are package
// apportion's and package mixed's, measures package measure's.
package compare
