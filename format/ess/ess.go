package ess

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/thedatashed/xlsxreader"

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

// Read reads the first sheet of an ES&S cast-vote-record workbook. The
// workbook is read into memory (a zip archive needs random access); its
// rows are then streamed.
func Read(r io.Reader, name string, opt Options) (*ballot.Profile, error) {
	errAt := func(line int, format string, a ...any) error {
		return &election.Error{Pos: election.Pos{File: name, Line: line}, Msg: fmt.Sprintf(format, a...)}
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, errAt(0, "%v", err)
	}
	xl, err := xlsxreader.NewReader(data)
	if err != nil {
		return nil, errAt(0, "expected an Excel workbook (.xlsx): %v", err)
	}
	if len(xl.Sheets) == 0 {
		return nil, errAt(0, "the workbook has no sheet")
	}
	rows := xl.ReadRows(xl.Sheets[0])
	defer func() {
		for range rows { // let the reader's goroutine finish
		}
	}()
	over, under, uwi := label(opt.Overvote, "overvote"), label(opt.Undervote, "undervote"), label(opt.WriteIn, "UWI")
	var hdr []string
	var p *ballot.Profile
	var first, last, countCol int
	index := map[string]ballot.Mark{}
	var marks []ballot.Mark
	var rec []string
	for row := range rows {
		if row.Error != nil {
			return nil, errAt(row.Index, "%v", row.Error)
		}
		// Cells may be missing where empty: place them by column.
		rec = rec[:0]
		for _, c := range row.Cells {
			i := c.ColumnIndex()
			if i < 0 || i > 1<<14 {
				return nil, errAt(row.Index, "cell %s%d: column out of range", c.Column, row.Index)
			}
			for len(rec) <= i {
				rec = append(rec, "")
			}
			rec[i] = c.Value
		}
		if hdr == nil {
			if row.Index != 1 {
				return nil, errAt(1, "expected a header row in row 1, found row %d first", row.Index)
			}
			hdr = append([]string{}, rec...)
			if first, last, countCol, err = columns(hdr, opt); err != nil {
				return nil, errAt(1, "%v", err)
			}
			p = ballot.NewProfile(nil)
			if opt.KeepOrder {
				p.KeepOrder()
			}
			continue
		}
		if len(rec) == 0 {
			continue
		}
		w := int64(1)
		if countCol >= 0 && countCol < len(rec) {
			n, err := strconv.ParseInt(strings.TrimSpace(rec[countCol]), 10, 64)
			if err != nil || n < 1 {
				return nil, errAt(row.Index, "COUNT: expected a whole number ≥ 1, found %q", rec[countCol])
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
	if p == nil {
		return nil, errAt(1, "empty sheet %q: expected a header row", xl.Sheets[0])
	}
	return p, nil
}

// columns finds the rank columns [first, last) and the COUNT column (-1).
func columns(hdr []string, opt Options) (first, last, countCol int, err error) {
	first = opt.FirstRank - 1
	if first < 0 {
		for i, h := range hdr {
			u := strings.ToUpper(h)
			if strings.Contains(u, "CHOICE") || strings.Contains(u, "RANK") {
				first = i
				break
			}
		}
		if first < 0 {
			return 0, 0, 0, fmt.Errorf("expected rank columns (headers containing CHOICE or RANK), found %q", hdr)
		}
	}
	countCol = -1
	for i, h := range hdr {
		if strings.EqualFold(strings.TrimSpace(h), "COUNT") {
			countCol = i
		}
	}
	last = len(hdr)
	if countCol > first {
		last = countCol
	}
	if opt.Ranks > 0 {
		last = first + opt.Ranks
	}
	if first >= last || last > len(hdr) {
		return 0, 0, 0, fmt.Errorf("expected rank columns from column %d, found %d columns", first+1, len(hdr))
	}
	return first, last, countCol, nil
}

func label(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
