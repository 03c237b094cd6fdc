// Package debian reads the tally sheets the Debian Project Secretary
// publishes after each vote (the devotee voting system's
// "leaderYYYY_tally.txt"): a header, one line per option ("Option 3--->:
// Steve McIntyre"), then one line per ballot, "V: 3-12---4 <hash>", whose
// i-th character is the rank the voter gave option i: 1 is the most
// preferred, equal digits are equal rankings, and "-" leaves the option
// unranked. Only the order of the digits matters (ranks may skip numbers).
//
// Each ballot becomes a ranking with equal ranks allowed
// ([ballot.Profile.EqualRanks]); the default option ("None Of The Above")
// is an ordinary option here, and the Debian counting rule (condorcet) finds
// it by name. Option names that are not valid UTF-8 are read as ISO 8859-1
// (the 2007 sheet spells "Raphaël" so), and a note says so.
//
// It does not check the hashes (they identify voters to themselves) and
// reads ranks 1 to 9 only: a sheet for more than nine options would need
// another rank alphabet, which is reported as an error.
package debian
