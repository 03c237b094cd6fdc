// Package rankcsv reads and writes ranked ballots in two CSV layouts:
//
// The long layout, one row per mark, as in normalised cast-vote records
// (e.g. Burlington 2009):
//
//	ballot_id,rank,choice
//	b001,1,Alice
//	b001,2,Bob
//	b002,1,Bob
//	b002,1,Carol        two rows for one rank: an overvote
//	b002,3,Alice        a missing rank (2): a skipped rank
//
// A ballot's rows must stand together; ranks are whole numbers from 1 and may
// come in any order within the ballot; an empty choice or "$UNDERVOTE" is a
// blank rank, and "$OVERVOTE" an overvote whose candidates the file does not
// give (ballot.Unknown=ballot.Unknown), as in the ranked.vote normalised
// files.
//
// The counted layout, one distinct ranking per row with its count:
//
//	count,ranking
//	12,Alice>Bob
//	5,Carol=Dave>Erin   '=' puts candidates at one rank
//	3,                  an empty ranking: blank ballots
//
// Candidates are numbered in order of first appearance. Errors name
// file:line and what was expected. Both readers stream: memory grows with
// the distinct rankings (and, for the long layout, a hash per ballot, some
// 40 bytes, to check that each ballot's rows stand together).
package rankcsv
