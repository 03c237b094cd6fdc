// Package apportion distributes seats among parties in proportion to their
// votes, by the methods parliaments use:
//
//   - divisor (highest-averages) methods ([Divisor]): D'Hondt (Jefferson),
//     Sainte-Laguë (Webster), modified Sainte-Laguë with any first divisor
//     (1.4 in Norway), Danish, Imperiali, Huntington–Hill, Adams and Dean;
//   - largest-remainder (quota) methods ([LargestRemainder]) with the Hare,
//     Droop, Hagenbach-Bischoff and Imperiali quotas, exact or rounded to
//     whole votes;
//   - legal thresholds ([Threshold]): a share of the national or district
//     vote (a higher one for coalitions), an alternative route by
//     constituency seats won, and named exempt parties;
//   - ties ([TieRule]): detected exactly and reported, broken only by the
//     steps a rule names (more votes, one vote added, a named order,
//     psephos's seeded lot), each decision recorded in the result.
//
// A [Rule] bundles a method, a threshold and a tie rule; [Rule.Apportion]
// apportions a list of parties, [Rule.ApportionTable] an
// election.PartyVotes nationwide or district by district. The [Result]
// keeps every party's seats, the order in which seats were awarded with
// each quotient (the quotient table), the highest quotient that missed, and
// every tie that decided a seat (equal quotients that every tied party gets
// decide nothing: they are counted and marked on their awards). A party's
// list limit (Party.Max) passes its further seats to the next quotients
// under a divisor method, and excludes it after that many seats under
// largest remainder. Shares (thresholds) are read by [ParseShare] as a
// percent or a fraction of the votes; one apportionment takes at most
// [MaxSeats] seats, and [Rule.ApportionTable] rejects party names (exempt,
// tie order) that are not in the table.
//
// Arithmetic is exact. Votes are integers; a quotient v/d(s) is compared
// with another by cross-multiplication in 128-bit integers, falling back to
// math/big when a product does not fit (Huntington–Hill squares the votes);
// thresholds compare votes·den with num·total; largest-remainder quotas and
// remainders are exact fractions. Floating point is used only to display
// values. The result does not depend on the order parties are given in.
//
// Sources: F. Pukelsheim, Proportional Representation: Apportionment Methods
// and Their Applications, 2nd ed., Springer 2017 (definitions, the
// quotient-table characterisation of divisor methods); M. Balinski and
// H. P. Young, Fair Representation, 2nd ed., Brookings 2001 (house
// monotonicity, the quota rule, the Alabama paradox). Laws whose rules are
// reproduced and tested on official results: the Dutch Kieswet P 5–P 9
// (D'Hondt among lists with a full quota), the Slovak Act 180/2014 §§ 63–68
// (Hagenbach-Bischoff with largest remainders, 5%/7% thresholds), the German
// Bundeswahlgesetz as amended in 2023 (Sainte-Laguë over 630 seats, 5% or
// three constituencies, national minorities exempt).
//
// The package does not read files or print, and it does not decide what a
// statute says about a tie: the caller chooses the TieRule the law
// prescribes. Mixed-member systems (AMS, MMP) that build on it are in
// package mixed.
package apportion
