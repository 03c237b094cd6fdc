// Package format finds the right reader for a results file and runs it. The
// readers themselves live in the sub-packages: hoc (House of Commons Library
// results by candidate and by constituency), ukparl (the UK Parliament
// election results website's candidate-level export, e.g. the 2019
// notional results) and csv (psephos's documented generic long CSV).
//
// Detection looks only at the header line; it never guesses from the data.
// A header that matches no format is an error that lists the formats and how
// to force one.
//
// Ranked ballots have their own registry, [BallotFormats], behind one reader
// type, [BallotReader]: blt, irish (the Irish 2002 files), aec (Australian
// Senate formal preferences), rankcsv (ballot_id,rank,choice and
// count,ranking CSVs), profile (ranking-with-count profiles), preflib and
// ess (ES&S cast-vote-record workbooks). [ReadBallots] detects the format
// from the start of the file (after gunzipping it) unless one is forced;
// every reader streams and gives a ballot.Profile.
package format
