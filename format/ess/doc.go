// Package ess reads cast-vote records exported by ES&S (Election Systems &
// Software) tabulators as an Excel workbook (.xlsx), the layout RCTab reads
// with its "ess" provider: one row per ballot on the first sheet, a header
// row, a precinct column, one column per rank ("1ST CHOICE ...", "2ND
// CHOICE ..."), and optionally a COUNT column giving the row's weight.
//
// A cell holds a candidate's name or a label: "undervote" (a blank rank),
// "overvote" (several candidates marked: the file does not say which, so
// it is an overvote of unknown candidates, ballot.Unknown=ballot.Unknown),
// or "UWI" (an undeclared write-in, counted for the candidate "Undeclared
// Write-ins", which is listed in ballot.Profile.WriteIns). An empty cell is
// a blank rank. Candidates are numbered in order of first appearance.
//
// The workbook is read with github.com/thedatashed/xlsxreader, row by row
// (excelize, used in the tests to write workbooks, costs some 25 ms at
// program start, which would double psephos's start-up for every command).
package ess
