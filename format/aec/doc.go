// Package aec reads the Australian Electoral Commission's Senate formal
// preferences files (aec-senate-formalpreferences-EVENT-STATE.csv, usually
// gzipped), in the two layouts the AEC has published since the 2016 reform:
//
//   - 2016: ElectorateNm,VoteCollectionPointNm,VoteCollectionPointId,
//     BatchNo,PaperNo,Preferences, a dashed second header line, and one
//     quoted Preferences field per paper: the above-the-line boxes (one per
//     group) then the below-the-line boxes (one per candidate). The file
//     does not name the groups or candidates: they come from the AEC's
//     candidates file (Options.Candidates: the all-candidates CSV with
//     nom_ty, state_ab, ticket, ballot_position, surname, ballot_given_nm,
//     party_ballot_nm columns).
//   - 2019 on: State,Division,Vote Collection Point Name,Vote Collection
//     Point ID,Batch No,Paper No, then one column per group ("A:Party")
//     and one per candidate ("A:SURNAME Given", "UG:..." for ungrouped).
//
// Each paper becomes a ranking of candidates as the Commonwealth Electoral
// Act 1918 counts it. Below the line (s.268A): a single tick or cross is a
// 1; numbers are counted from 1 up to the first number that is missing or
// repeated; the vote is formal when at least 1 to 6 are so numbered (or
// every square, when there are 6 or fewer). Above the line (s.269): the same
// savings, and formal with at least a 1. A paper formal below the line is
// counted below the line; otherwise each group numbered above the line
// stands for its candidates in the order printed on the ballot paper
// (s.272). A paper formal in neither way (none should be in a file of
// formal preferences) is kept as a blank ballot and counted in a note.
package aec
