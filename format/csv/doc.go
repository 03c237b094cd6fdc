// Package csv reads psephos's generic long CSV of candidate results: one row
// per candidate, so that any country's single- or multi-member plurality
// results can be read. The file is RFC 4180 CSV, UTF-8 (a leading byte-order
// mark is allowed), with a header line. Columns, matched by name ignoring case
// and surrounding spaces, in any order:
//
//	contest        required  the contest's (constituency's) name
//	contest_id     optional  a unique code for the contest; default: its name
//	candidate      optional  the candidate's name; without this column each
//	                         row is a party's line and parties may not repeat
//	                         within a contest
//	party          required  the party's code or name; "Ind" for independents
//	votes          required  whole votes ≥ 0; quoted numbers may group digits
//	                         with commas ("12,345")
//	seats          optional  seats to fill in the contest (default 1)
//	electorate     optional  registered electors of the contest
//	invalid_votes  optional  rejected ballots of the contest
//	nation, region optional  the contest's areas (report --by nation|region)
//
// Other columns are ignored. Any of these names can be mapped to another
// column with [Columns], and further area columns named, so a file with
// "Constituency,Name,Party,Total" reads without editing. Per-contest values
// (contest name, seats, electorate, invalid votes, areas) may be given on
// every row or on some; where given twice they must agree. Rows of one
// contest need not be adjacent.
//
// Every row is used or the read fails with file:line, what was expected and
// what was found; nothing is skipped or guessed. In particular a row with more
// or fewer fields than the header (such as an unquoted 1,004) is an error.
package csv
