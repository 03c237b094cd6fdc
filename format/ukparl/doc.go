// Package ukparl reads the candidate-level results export of the UK
// Parliament's election results website (electionresults.parliament.uk),
// such as the Rallings and Thrasher notional results of the 12 December 2019
// general election on the 2024 boundaries
// (candidate-level-results-notional-general-election-12-12-2019.csv).
//
// One row per candidate: "Constituency geographic code" (PCON24CD) keys the
// contest; "Country name" and "English region name" give the nation and region
// (the region is the nation outside England); "Electorate", "Election valid
// vote count" and "Election invalid vote count" are per contest; the
// candidate's party is "Main party abbreviation", or Ind where "Candidate is
// standing as independent" is true, or Spk where "Candidate is standing as
// Commons Speaker" is true. Notional rows carry no candidate names. A row
// whose "Candidate is notional political party aggregate" is true is taken
// as an aggregate of several candidates (counted, never placed). Every row of
// a constituency must repeat its name, areas, electorate and vote counts.
//
// The candidates' votes of each contest must sum to its "Election valid vote
// count"; a row with no party, a bad number or a bad flag is an error with
// file:line. Nothing is skipped.
package ukparl
