// Package hoc reads the House of Commons Library's general election results
// files, as published with its briefings (CBP-10009 for 4 July 2024, CBP-8749
// for 12 December 2019, at researchbriefings.files.parliament.uk):
//
//   - results by candidate ([Candidates]): one row per candidate, keyed by the
//     constituency's ONS code (PCON24CD / PCON10CD) with the columns
//     "ONS ID", "Constituency name", "Region name", "Country name",
//     "Party name", "Party abbreviation", "Candidate first name",
//     "Candidate surname" and "Votes";
//   - results by constituency ([Constituencies]): one row per constituency,
//     one column of votes per major party between "Majority" and
//     "All other candidates", with "First party", "Second party",
//     "Electorate", "Valid votes" and "Invalid votes".
//
// Files may start with a UTF-8 byte-order mark and end lines in CRLF; numbers
// may be quoted with thousands separators ("35,755"). Text fields are used
// with surrounding spaces removed (the 2024 candidate file has "County " in
// some rows). Parties are grouped by the "Party abbreviation" column, as the
// Library groups them: all independents are one group "Ind", and the three
// Green parties are "Green".
//
// Every row is used or the read fails with file:line and what was wrong;
// nothing is skipped.
package hoc
