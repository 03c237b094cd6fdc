// Package blt reads and writes ranked ballots in the BLT format of the
// Electoral Reform Society's counting programs and OpenSTV, in every dialect
// found in real election data:
//
//	# comment lines, anywhere
//	4 1                      candidates and seats
//	-2                       optional: withdrawn candidates, negative
//	[withdrawn 2] [tie 3 2 1 4] [undeclared 4]   optional bracketed options
//	5 2 1 0                  weight, preferences (1-based), 0 ends the ballot
//	1 1 - 3 0                "-" a skipped rank (US RCV data extension)
//	1 1=2 3 0                "a=b" two candidates at one rank: an overvote;
//	                         "-=-" an overvote whose candidates are not known;
//	                         a number above the number of candidates is a
//	                         mark for an unknown candidate (ballot.Unknown)
//	[nick a b c]             nicknames usable instead of numbers in ballots
//	[droop ...]              options for another program: kept as a note
//	0                        end of ballots
//	"Alice"                  one name per candidate: quoted ("" for a quote
//	"Bob" "Labour"           inside) and optionally followed by a quoted party,
//	Carol (Lab)              bare, or given instead in comment lines
//	# ALTERNATIVE NAME 3: Carol    (PrefLib style, before the title)
//	"Title"                  the title, quoted or bare
//	any further text         ignored
//
// Weights are whole numbers of ballots. Every error names file:line and
// what was expected. The reader streams: memory grows with the number of
// distinct rankings, not of ballots.
//
// The format has no formal specification; the layout above follows the ERS
// and OpenSTV programs and the data it was checked on (Scottish council
// wards 2007–2022, US instant-runoff contests 2006–2011, the Glasgow 2007
// and Droop test files). It does not read OpenSTV's ballot ids.
package blt
