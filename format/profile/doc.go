// Package profile reads ranking-with-count profiles: files that list each
// distinct ranking once with the number of ballots that gave it. Two
// layouts are read.
//
// The counted-profile layout (used for the Alaska 2022 special election
// data): a line of candidate names, a line of their parties, a separator
// line "-+-+-...", then one ranking per line:
//
//	Begich_ Nick,Palin_ Sarah,Peltola_ Mary S.,Write-in
//	IND,IND,IND,IND
//	-+-+-+-+-
//	(Peltola_ Mary S.,Begich_ Nick) : 22775
//
// VoteKit's RankProfile CSV (used for the Albany 2022 data): a block of
// "VoteKit RankProfile", "Candidates" with "(NAME:CODE),..." entries, "Max
// Ranking Length", "Includes Voter Set", a line of "=", a header
// "Ranking_1,...,&,Weight,&", then rows of rank cells "{'CODE'}" (several
// codes in one cell are an equal ranking; an empty cell a blank rank),
// "&", a whole-number weight ("1.0" is allowed; "0.5" is an error) and "&".
//
// Names are kept exactly as written. Errors name file:line.
package profile
