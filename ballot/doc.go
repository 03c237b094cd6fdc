// Package ballot holds ranked ballots as a profile: each distinct ranking is
// stored once with a weight (the number of ballots that gave it), so memory
// grows with the number of distinct rankings, not with the number of
// ballots. A real election has far fewer distinct rankings than ballots
// (San Francisco's 2011 mayoral contest: 197,242 ballots, 4,068
// distinct rankings).
//
// A ranking is kept exactly as the voter marked it, as a sequence of
// [Mark]s: candidates, skipped ranks ([Skip]), several candidates at one rank
// ([Equal], an overvote or, where the format allows it, an equal ranking)
// and marks that name no candidate ([Unknown]). Nothing is repaired when a
// file is read. A profile can also keep the order of the ballots in the
// input ([Profile.KeepOrder]), which Irish STV needs (surpluses are
// transferred from the last parcel in the order the papers were counted).
//
// The validity rules are applied when a count is prepared, by [Rules.Prepare],
// with each rule an explicit option and a count per reason:
//
//   - overvote (two or more candidates at one rank): exhaust the ballot when
//     the count reaches it (San Francisco Charter §13.102; Alaska
//     AS 15.15.350), skip to the next rank, or RCTab's "exhaust if
//     multiple continuing" and "count when single continuing", which depend
//     on which candidates are still in the count;
//   - skipped ranks: how many consecutive blank ranks are passed over before
//     the ballot exhausts (Maine 29-250 CMR ch. 535 §4(2)(C), Alaska
//     AS 15.15.350(e): two consecutive blanks exhaust it);
//   - a candidate ranked more than once: skip the repeat or exhaust;
//   - the maximum number of ranks counted;
//   - a mark naming no candidate: skip it or exhaust;
//   - equal rankings, in formats that allow them (PrefLib .toc): one of the
//     overvote rules;
//   - blank ballots (no mark at all) are set aside and counted, never
//     counted as exhausted.
//
// The package does not read files (see format/...) and does not count (see
// stv); a [Prepared] profile is what the counting packages walk.
package ballot
