// Package preflib reads and writes ordinal preference data in the PrefLib
// formats (Mattei and Walsh, "PrefLib: A Library of Preference Data",
// ADT 2013; the file layout of preflib.org since 2022):
//
//	# FILE NAME: 00001-00000001.soi
//	# DATA TYPE: soi
//	# NUMBER ALTERNATIVES: 3
//	# NUMBER VOTERS: 10
//	# NUMBER UNIQUE ORDERS: 3
//	# ALTERNATIVE NAME 1: Alice
//	# ALTERNATIVE NAME 2: Bob
//	# ALTERNATIVE NAME 3: Carol
//	5: 1,2,3
//	3: 2,{1,3}
//	2: 3
//
// .soc (strict, complete orders) and .soi (strict, incomplete orders) hold
// no ties; in .toc and .toi (orders with ties) the braces put alternatives at
// one rank, an equal ranking (ballot.Profile.EqualRanks). The reader checks
// the declared data type, the numbers of alternatives, voters and unique
// orders against the data, and that .soc/.toc orders are complete.
package preflib
