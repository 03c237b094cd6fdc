// Package irish reads the ballot files of the Irish 2002 electronic-voting
// pilot (Dáil general election, Dublin North, Dublin West and Meath), as
// released by the returning officers: one ballot per line, in the order the
// votes were cast, each a row of quoted candidate codes in order of
// preference, padded to the number of candidates with "XXXXX":
//
//	"Wrig" "Glen" "XXXXX" "XXXXX" ...
//
// The order of the ballots is kept (ballot.Profile.Order): Irish STV
// transfers surpluses by drawing papers from the last parcel in order
// (Electoral Act 1992, Part XIX, the count), so a count must be able to replay it.
// Candidates are the codes, numbered in order of first appearance; the
// files give no names. A line with no preference is a blank ballot. A code
// after "XXXXX", or a code twice, is kept as marked (the validity rules
// decide).
package irish
