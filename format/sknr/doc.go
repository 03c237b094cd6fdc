// Package sknr reads the Slovak National Council (Národná rada) national
// result file of psephos's shared data (list/sk_nr_2020.csv): UTF-8,
// semicolon-separated, no header line, one row per list:
//
//	party;coalition;votes;seats
//
// party is the list's name, coalition 1 when the list is a coalition of
// parties (held to a higher threshold) and 0 otherwise, votes its valid
// votes and seats its official seats. The whole country is one district of
// 150 seats (Act No. 180/2014 Coll. on the conditions for exercising the
// right to vote, §§ 63–68: a 5% threshold, 7% for a coalition of two or three
// parties and 10% for more; seats by the Hagenbach-Bischoff quota with
// largest remainders). The reader does not apportion.
package sknr
