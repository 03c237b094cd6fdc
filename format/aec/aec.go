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

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/internal/csvio"
)

// Format is the reader's name.
const Format = "aec-senate"

// Options configure Read.
type Options struct {
	// Candidates is the AEC candidates file, needed for the 2016 layout.
	Candidates io.Reader
	// CandidatesName names it in errors.
	CandidatesName string
	// State (e.g. "NT") picks the state's candidates from that file; ""
	// takes it from the preferences file's name (...-NT.csv.gz).
	State string
	// KeepOrder keeps the papers' order (ballot.Profile.KeepOrder).
	KeepOrder bool
}

var gzipMagic = []byte{0x1f, 0x8b}

// Is reports whether head (the start of a file, decompressed) is an AEC
// formal preferences file.
func Is(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	return bytes.HasPrefix(head, []byte("ElectorateNm,VoteCollectionPointNm,")) ||
		bytes.HasPrefix(head, []byte("State,Division,Vote Collection Point Name,"))
}

// IsGzip reports whether head starts a gzip stream.
func IsGzip(head []byte) bool { return bytes.HasPrefix(head, gzipMagic) }

// Read reads a formal preferences file, gzipped or not. name names it in
// errors (and gives the state for the 2016 layout).
func Read(r io.Reader, name string, opt Options) (*ballot.Profile, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	if b, _ := br.Peek(2); IsGzip(b) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, &election.Error{Pos: election.Pos{File: name}, Msg: "gzip: " + err.Error()}
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 256<<10)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	hdr, err := cr.Read()
	if err != nil {
		return nil, csvErr(name, err, "a header line")
	}
	hdr = append([]string(nil), hdr...)
	if len(hdr) > 0 {
		hdr[0] = strings.TrimPrefix(hdr[0], "\uFEFF")
	}
	for i := range hdr {
		hdr[i] = strings.TrimSpace(hdr[i])
	}
	var s *sheet
	fixed := 6
	switch {
	case len(hdr) == 6 && hdr[0] == "ElectorateNm" && hdr[5] == "Preferences":
		if opt.Candidates == nil {
			return nil, &election.Error{Pos: election.Pos{File: name, Line: 1}, Msg: "the 2016 layout does not name the candidates: give the AEC candidates file (e.g. 2016federalelection-all-candidates-nat-30-06-924.csv)"}
		}
		state := opt.State
		if state == "" {
			state = stateFromName(name)
		}
		if state == "" {
			return nil, &election.Error{Pos: election.Pos{File: name}, Msg: "cannot tell the state from the file name (expected ...-STATE.csv.gz); give the state"}
		}
		if s, err = candidates2016(opt.Candidates, opt.CandidatesName, state); err != nil {
			return nil, err
		}
		// The dashed line.
		rec, err := cr.Read()
		if err != nil {
			return nil, csvErr(name, err, "the dashed second header line")
		}
		if len(rec) == 0 || strings.Trim(rec[0], "-") != "" {
			return nil, &election.Error{Pos: election.Pos{File: name, Line: 2}, Msg: fmt.Sprintf("expected the dashed second header line, found %q", strings.Join(rec, ","))}
		}
	case len(hdr) > 6 && hdr[0] == "State" && hdr[1] == "Division":
		if s, err = sheet2019(hdr[fixed:], name); err != nil {
			return nil, err
		}
	default:
		return nil, &election.Error{Pos: election.Pos{File: name, Line: 1}, Msg: "expected an AEC formal preferences header (ElectorateNm,...,Preferences or State,Division,...), found " + strings.Join(hdr[:min(len(hdr), 8)], ",")}
	}
	p := ballot.NewProfile(s.names)
	p.Parties = s.parties
	if opt.KeepOrder {
		p.KeepOrder()
	}
	g, c := len(s.groups), len(s.names)
	vals := make([]int, g+c)
	var marks []ballot.Mark
	var informal int64
	var prefBuf []string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvErr(name, err, "a paper")
		}
		line, _ := cr.FieldPos(0)
		var boxes []string
		if s.packed {
			if len(rec) != 6 {
				return nil, &election.Error{Pos: election.Pos{File: name, Line: line}, Msg: fmt.Sprintf("expected 6 fields, found %d", len(rec))}
			}
			prefBuf = splitComma(rec[5], prefBuf[:0])
			boxes = prefBuf
		} else {
			if len(rec) < fixed {
				return nil, &election.Error{Pos: election.Pos{File: name, Line: line}, Msg: fmt.Sprintf("expected at least %d fields, found %d", fixed, len(rec))}
			}
			boxes = rec[fixed:]
		}
		if len(boxes) > g+c {
			return nil, &election.Error{Pos: election.Pos{File: name, Line: line}, Msg: fmt.Sprintf("expected at most %d boxes (%d groups, %d candidates), found %d", g+c, g, c, len(boxes))}
		}
		for i := range vals {
			vals[i] = 0
		}
		for i, b := range boxes {
			v, err := box(b)
			if err != nil {
				return nil, &election.Error{Pos: election.Pos{File: name, Line: line}, Msg: fmt.Sprintf("box %d: %v", i+1, err)}
			}
			vals[i] = v
		}
		marks = marks[:0]
		btl := sequence(vals[g:])
		switch {
		case len(btl) >= min(6, c):
			for _, k := range btl {
				marks = append(marks, ballot.Mark(k))
			}
		default:
			atl := sequence(vals[:g])
			if len(atl) == 0 {
				informal++
			}
			for _, k := range atl {
				for _, m := range s.groups[k] {
					marks = append(marks, ballot.Mark(m))
				}
			}
		}
		p.Add(marks, 1)
	}
	if informal > 0 {
		p.Notes = append(p.Notes, fmt.Sprintf("%d papers are formal neither below the line (s.268A) nor above it (s.269); kept as blank ballots", informal))
	}
	return p, nil
}

// sequence returns the boxes numbered 1, 2, 3, ... in order, up to the first
// number missing or repeated (s.268A(2)(b)). A number above the count of
// boxes can never be reached and is ignored.
func sequence(vals []int) []int {
	at := make([]int, len(vals)+2) // number → box+1; -1 repeated
	for i, v := range vals {
		if v < 1 || v > len(vals) {
			continue
		}
		if at[v] != 0 {
			at[v] = -1
		} else {
			at[v] = i + 1
		}
	}
	var out []int
	for n := 1; n <= len(vals) && at[n] > 0; n++ {
		out = append(out, at[n]-1)
	}
	return out
}

// box reads one square: empty, a number, or a tick or cross ('/' or '*' in
// AEC files), which counts as 1.
func box(s string) (int, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "":
		return 0, nil
	case "/", "*":
		return 1, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("expected a preference number, a tick or cross ('/' or '*'), or nothing, found %q", s)
	}
	return n, nil
}

func splitComma(s string, out []string) []string {
	for {
		i := strings.IndexByte(s, ',')
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		s = s[i+1:]
	}
}

// sheet is the ballot paper's layout.
type sheet struct {
	groups  [][]int // per group (above the line): its candidates in ballot order
	names   []string
	parties []string
	packed  bool // 2016: one Preferences field
}

var stateRE = regexp.MustCompile(`-([A-Z]{2,3})\.csv`)

func stateFromName(name string) string {
	m := stateRE.FindStringSubmatch(filepath.Base(name))
	if m == nil {
		return ""
	}
	return m[1]
}

// ticketLess orders tickets A < B < ... < Z < AA < AB ...; UG last.
func ticketLess(a, b string) bool {
	if a == "UG" || b == "UG" {
		return a != "UG" && b == "UG"
	}
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

func sheet2019(cols []string, name string) (*sheet, error) {
	s := &sheet{}
	prev := ""
	i := 0
	for ; i < len(cols); i++ {
		t, _, ok := strings.Cut(cols[i], ":")
		if !ok {
			return nil, &election.Error{Pos: election.Pos{File: name, Line: 1}, Msg: fmt.Sprintf("column %d: expected TICKET:NAME, found %q", i+7, cols[i])}
		}
		if prev != "" && !ticketLess(prev, t) {
			break
		}
		prev = t
		s.groups = append(s.groups, nil)
	}
	groupOf := map[string]int{}
	for k := 0; k < len(s.groups); k++ {
		t, party, _ := strings.Cut(cols[k], ":")
		groupOf[t] = k
		_ = party
	}
	prev = ""
	for ; i < len(cols); i++ {
		t, nm, ok := strings.Cut(cols[i], ":")
		if !ok {
			return nil, &election.Error{Pos: election.Pos{File: name, Line: 1}, Msg: fmt.Sprintf("column %d: expected TICKET:NAME, found %q", i+7, cols[i])}
		}
		if prev != "" && ticketLess(t, prev) {
			return nil, &election.Error{Pos: election.Pos{File: name, Line: 1}, Msg: fmt.Sprintf("column %d: candidates out of ticket order (%s after %s)", i+7, t, prev)}
		}
		prev = t
		party := ""
		if k, ok := groupOf[t]; ok {
			s.groups[k] = append(s.groups[k], len(s.names))
			_, party, _ = strings.Cut(cols[k], ":")
		} else if t != "UG" {
			return nil, &election.Error{Pos: election.Pos{File: name, Line: 1}, Msg: fmt.Sprintf("column %d: candidate of ticket %s, which has no group column", i+7, t)}
		}
		s.names = append(s.names, strings.TrimSpace(nm))
		s.parties = append(s.parties, strings.TrimSpace(party))
	}
	if len(s.names) == 0 {
		return nil, &election.Error{Pos: election.Pos{File: name, Line: 1}, Msg: "no candidate columns found"}
	}
	for k, g := range s.groups {
		if len(g) == 0 {
			return nil, &election.Error{Pos: election.Pos{File: name, Line: 1}, Msg: fmt.Sprintf("group %q has no candidate columns", cols[k])}
		}
	}
	return s, nil
}

func candidates2016(r io.Reader, name, state string) (*sheet, error) {
	if name == "" {
		name = "candidates file"
	}
	cr, err := csvio.New(r, name, 0)
	if err != nil {
		return nil, err
	}
	cols, err := cr.Require("nom_ty", "state_ab", "ticket", "ballot_position", "surname", "ballot_given_nm", "party_ballot_nm")
	if err != nil {
		return nil, err
	}
	type cand struct {
		ticket      string
		pos         int
		name, party string
	}
	var cs []cand
	for {
		rec, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if rec[cols[0]] != "S" || rec[cols[1]] != state {
			continue
		}
		pos, err := strconv.Atoi(rec[cols[3]])
		if err != nil {
			return nil, cr.Errorf("ballot_position: expected a whole number, found %q", rec[cols[3]])
		}
		cs = append(cs, cand{rec[cols[2]], pos, rec[cols[4]] + ", " + rec[cols[5]], rec[cols[6]]})
	}
	if len(cs) == 0 {
		return nil, &election.Error{Pos: election.Pos{File: name}, Msg: fmt.Sprintf("no Senate candidates (nom_ty S) for state %q", state)}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].ticket != cs[j].ticket {
			return ticketLess(cs[i].ticket, cs[j].ticket)
		}
		return cs[i].pos < cs[j].pos
	})
	s := &sheet{packed: true}
	group := map[string]int{}
	for i, c := range cs {
		if c.ticket != "UG" {
			k, ok := group[c.ticket]
			if !ok {
				k = len(s.groups)
				group[c.ticket] = k
				s.groups = append(s.groups, nil)
			}
			s.groups[k] = append(s.groups[k], i)
		}
		s.names = append(s.names, c.name)
		s.parties = append(s.parties, c.party)
	}
	return s, nil
}

func csvErr(name string, err error, what string) error {
	if err == io.EOF {
		return &election.Error{Pos: election.Pos{File: name}, Msg: "unexpected end of file: expected " + what}
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &election.Error{Pos: election.Pos{File: name, Line: pe.Line, Col: pe.Column}, Msg: "malformed CSV: " + pe.Err.Error()}
	}
	return &election.Error{Pos: election.Pos{File: name}, Msg: err.Error()}
}
