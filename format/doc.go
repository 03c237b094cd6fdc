// Package format finds the right reader for a results file and runs it. The
// readers themselves live in the sub-packages: hoc (House of Commons Library
// results by candidate and by constituency), ukparl (the UK Parliament
// election results website's candidate-level export, e.g. the 2019
// notional results) and csv (psephos's documented generic long CSV).
//
// Detection looks only at the header line; it never guesses from the data.
// A header that matches no format is an error that lists the formats and how
// to force one.
package format
