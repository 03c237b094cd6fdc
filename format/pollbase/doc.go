// Package pollbase reads the GB voting-intention polls of Mark Pack's
// PollBase (markpack.org.uk/opinion-polls) as a CSV with one row per poll:
//
//	year,month,fieldwork,fieldwork_start,published_day,pollster,publisher,
//	con,lab,ld,green,reform,ukip,mode,geography_note,mrp
//
// (the layout of ../shared/data/uk/polls/pollbase_2019-2024_voting_intention.csv).
// Credit "PollBase, Mark Pack, markpack.org.uk/opinion-polls" where its
// figures are shown.
//
// Each row becomes an [election.Poll]:
//
//   - the party columns are percentages (whole or decimal, 0–100); an empty
//     cell means the poll did not report that party (it is absent, not 0).
//     They are keyed by the House of Commons Library's party codes: con Con,
//     lab Lab, ld LD, green Green, reform RUK (the column holds the Brexit
//     Party until its renaming as Reform UK in January 2021, the same party),
//     ukip UKIP. PollBase is GB-only: there is no SNP or Plaid Cymru column,
//     so they are in what a poll leaves to others;
//   - fieldwork_start (YYYY-MM-DD) is the poll's date; it may be empty (some
//     MRP series give "n/a" fieldwork), and the poll then has no date;
//   - year and month (English month name or abbreviation, "Sept" and
//     trailing spaces accepted) give the month PollBase files it under;
//   - mrp non-blank marks an MRP poll; pollster "Result" marks the election
//     result row (Poll.Result), which is not a poll;
//   - fieldwork, publisher, published_day, mode and geography_note are free
//     text and are kept as given (published_day is not interpreted: the file
//     has values such as "4/2" and spreadsheet serial numbers).
//
// Every row is used or the read fails with file:line: a share that is not a
// number, is negative or above 100; shares of one poll summing to more than
// 100 plus half a point per reported share (the most rounding can add); a bad
// date, year or month; an empty pollster. Nothing is skipped or repaired.
//
// The package reads only; averaging polls is swing.AveragePolls.
package pollbase
