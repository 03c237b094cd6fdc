// Package partyvotes reads psephos's documented generic party-votes CSV:
// one row per party (list), nationwide or per district, for list
// proportional representation and the list tier of mixed systems. The file
// is RFC 4180 CSV, UTF-8 (a leading byte-order mark is allowed), with a
// header line. Columns, matched by name ignoring case and surrounding
// spaces, in any order:
//
//	party               required  the party's (list's) name or code
//	votes               required  whole votes ≥ 0; quoted numbers may group
//	                              digits with commas ("12,345")
//	district            optional  the district (multi-member constituency,
//	                              region); without it the file is one
//	                              nationwide district
//	district_seats      optional  seats to fill in the district (≥ 1); may be
//	                              given on every row of a district or on some,
//	                              and must agree where given twice
//	constituency_seats  optional  single-member constituencies the party won
//	                              (alias: electorate_seats), for mixed systems
//	                              and a threshold's constituency route
//	coalition           optional  1/0 (or true/false, yes/no): the list is a
//	                              coalition of parties
//	official_seats      optional  the seats the source says the list won,
//	                              shown beside psephos's apportionment
//
// Other columns are ignored. Rows of one district need not be adjacent. A
// party may appear once per district. Every row is used or the read fails
// with file:line, what was expected and what was found.
//
// Example (the 2014 European Parliament vote in one region; 7 seats):
//
//	party,votes,district_seats
//	Amber,4240,7
//	Blue,1890,7
package partyvotes
