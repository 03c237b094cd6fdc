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
// The workbook is read with github.com/xuri/excelize/v2, row by row.
package ess

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/election"
)

// Format is the reader's name.
const Format = "ess-xlsx"

// WriteInName is the candidate that undeclared write-ins count for.
const WriteInName = "Undeclared Write-ins"

// Options configure Read. The zero value reads the usual ES&S export.
type Options struct {
	// FirstRank is the 1-based column of the first rank; 0 finds the first
	// header containing "CHOICE" or "RANK".
	FirstRank int
	// Ranks is the number of rank columns; 0 takes every column after
	// FirstRank up to a COUNT column or the end.
	Ranks int
	// Labels; "" gives the defaults "overvote", "undervote", "UWI".
	Overvote, Undervote, WriteIn string
	// KeepOrder keeps the ballots' order (ballot.Profile.KeepOrder).
	KeepOrder bool
}

// Is reports whether head starts a zip archive (an .xlsx workbook).
func Is(head []byte) bool { return bytes.HasPrefix(head, []byte("PK\x03\x04")) }

// Read reads the first sheet of an ES&S cast-vote-record workbook.
func Read(r io.Reader, name string, opt Options) (*ballot.Profile, error) {
	errAt := func(line int, format string, a ...any) error {
		return &election.Error{Pos: election.Pos{File: name, Line: line}, Msg: fmt.Sprintf(format, a...)}
	}
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, errAt(0, "expected an Excel workbook (.xlsx): %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errAt(0, "the workbook has no sheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, errAt(0, "sheet %q: %v", sheets[0], err)
	}
	defer rows.Close()
	over, under, uwi := label(opt.Overvote, "overvote"), label(opt.Undervote, "undervote"), label(opt.WriteIn, "UWI")
	if !rows.Next() {
		return nil, errAt(1, "empty sheet %q: expected a header row", sheets[0])
	}
	hdr, err := rows.Columns()
	if err != nil {
		return nil, errAt(1, "%v", err)
	}
	first := opt.FirstRank - 1
	if first < 0 {
		for i, h := range hdr {
			u := strings.ToUpper(h)
			if strings.Contains(u, "CHOICE") || strings.Contains(u, "RANK") {
				first = i
				break
			}
		}
		if first < 0 {
			return nil, errAt(1, "expected rank columns (headers containing CHOICE or RANK), found %q", hdr)
		}
	}
	countCol := -1
	for i, h := range hdr {
		if strings.EqualFold(strings.TrimSpace(h), "COUNT") {
			countCol = i
		}
	}
	last := len(hdr)
	if countCol > first {
		last = countCol
	}
	if opt.Ranks > 0 {
		last = first + opt.Ranks
	}
	if first >= last || last > len(hdr) {
		return nil, errAt(1, "expected rank columns from column %d, found %d columns", first+1, len(hdr))
	}
	p := ballot.NewProfile(nil)
	if opt.KeepOrder {
		p.KeepOrder()
	}
	index := map[string]ballot.Mark{}
	var marks []ballot.Mark
	line := 1
	for rows.Next() {
		line++
		rec, err := rows.Columns()
		if err != nil {
			return nil, errAt(line, "%v", err)
		}
		if len(rec) == 0 {
			continue
		}
		w := int64(1)
		if countCol >= 0 && countCol < len(rec) {
			n, err := strconv.ParseInt(strings.TrimSpace(rec[countCol]), 10, 64)
			if err != nil || n < 1 {
				return nil, errAt(line, "COUNT: expected a whole number ≥ 1, found %q", rec[countCol])
			}
			w = n
		}
		marks = marks[:0]
		for c := first; c < last; c++ {
			cell := ""
			if c < len(rec) {
				cell = strings.TrimSpace(rec[c])
			}
			switch {
			case cell == "" || strings.EqualFold(cell, under):
				marks = append(marks, ballot.Skip)
			case strings.EqualFold(cell, over):
				marks = append(marks, ballot.Unknown, ballot.Equal, ballot.Unknown)
			default:
				nm := cell
				if cell == uwi {
					nm = WriteInName
				}
				m, ok := index[nm]
				if !ok {
					m = p.AddCandidate(nm)
					index[nm] = m
					if cell == uwi {
						p.WriteIns = append(p.WriteIns, int(m))
					}
				}
				marks = append(marks, m)
			}
		}
		for len(marks) > 0 && marks[len(marks)-1] == ballot.Skip {
			marks = marks[:len(marks)-1]
		}
		p.Add(marks, w)
	}
	if err := rows.Error(); err != nil {
		return nil, errAt(line, "%v", err)
	}
	return p, nil
}

func label(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
