// Package mixed allocates seats under mixed-member systems, in which some
// members are elected in single-member constituencies (by plurality) and the
// rest from party lists:
//
//   - [AMS], the additional member system of the Scottish Parliament
//     (Scotland Act 1998 ss 6–8), the Senedd before 2026 (Government of
//     Wales Act 2006 ss 6–9) and the London Assembly (Greater London
//     Authority Act 1999 s 4, Sch. 2): each region's list seats by D'Hondt,
//     each party's votes divided by its constituency seats plus list seats
//     plus one; a regional threshold where the law has one (London 5%);
//   - [MMP], mixed-member proportional representation: the list votes fix
//     each qualifying party's total, with the law's choice of what happens
//     to overhang seats — kept with the house enlarged (New Zealand,
//     Electoral Act 1993 s 191), levelled by enlarging the house until no
//     party is over its share, or, as in Germany since 2023
//     (Bundeswahlgesetz §§ 4–6), constituency winners not covered by their
//     party's second-vote seats in the Land are not seated, the weakest
//     share first; optionally each party's seats distributed among regions
//     (Länder) first;
//   - [Parallel] voting: list seats apportioned on the list votes alone and
//     added to the constituency seats.
//
// Tested against official results: the German 2025 Bundestag (every
// party's 630-seat total and each of the 299 constituencies' published
// second-vote coverage) and the London Assembly 2021; the New Zealand
// overhang rule on edge case 28.
//
// The list apportionments are package apportion's, with its exact
// arithmetic and recorded tie rules; winners with equal first-vote shares
// at the edge of coverage are a tie decided by the same rule (the German
// law: by lot). The package does not count constituencies (package
// plurality does; [Winners] turns its results into winners), read files or
// print. Levelling is implemented with one national tier only; the German
// 2013–2020 rules (minimum seats per Land list, three unlevelled overhangs)
// are not.
package mixed
