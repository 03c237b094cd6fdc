package aec

import (
	"bufio"
	"bytes"
	"fmt"
	"github.com/klauspost/compress/gzip"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/internal/csvio"
	"github.com/psephos/psephos/format/internal/lines"
	"github.com/psephos/psephos/format/internal/pipeline"
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
	rr := &records{lr: lines.New(br, name)}
	hdrB, err := rr.next()
	if err != nil {
		return nil, err
	}
	if hdrB == nil {
		return nil, &election.Error{Pos: election.Pos{File: name}, Msg: "empty file: expected a header line"}
	}
	hdr := make([]string, len(hdrB))
	for i := range hdrB {
		hdr[i] = strings.TrimSpace(string(hdrB[i]))
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
		rec, err := rr.next()
		if err != nil {
			return nil, err
		}
		if len(rec) == 0 || len(bytes.Trim(rec[0], "-")) != 0 {
			return nil, rr.lr.Errorf("expected the dashed second header line, found %s", lines.Show(bytes.Join(rec, []byte{','})))
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
	// Lines are parsed by a pipeline of workers for a large file (line by
	// line when the order must be kept), with the same result.
	pl := pipeline.New(p, pipeline.Options{File: name, KeepOrder: opt.KeepOrder,
		NewParser: func() pipeline.Parser { return newPaperParser(s, fixed) }})
	for {
		line, err := rr.lr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, pl.Fail(err, rr.lr.Line())
		}
		if err := pl.Line(line, rr.lr.Line()); err != nil {
			return nil, pl.Fail(err, rr.lr.Line())
		}
	}
	if err := pl.Finish(); err != nil {
		return nil, err
	}
	var informal int64
	for _, x := range pl.Parsers() {
		informal += x.(*paperParser).informal
	}
	if informal > 0 {
		p.Notes = append(p.Notes, fmt.Sprintf("%d papers are formal neither below the line (s.268A) nor above it (s.269); kept as blank ballots", informal))
	}
	return p, nil
}

// paperParser turns one ballot paper (a CSV line) into a ranking.
type paperParser struct {
	s        *sheet
	fixed    int
	vals     []int
	at       []int
	btl, atl []int
	fields   [][]byte
	buf      []byte
	prefs    [][]byte
	informal int64
}

func newPaperParser(s *sheet, fixed int) *paperParser {
	g, c := len(s.groups), len(s.names)
	return &paperParser{s: s, fixed: fixed, vals: make([]int, g+c), at: make([]int, g+c+2)}
}

// Parse reads the paper's boxes: below the line when at least six (or all)
// are numbered in sequence (s.268A), else above the line, each group's
// candidates in ballot order (s.269); a paper formal neither way is a
// blank ballot.
func (x *paperParser) Parse(line []byte, marks []ballot.Mark) ([]ballot.Mark, int64, error) {
	s := x.s
	g, c := len(s.groups), len(s.names)
	vals := x.vals
	if !s.packed && x.fastBoxes(line) {
		return x.marks(vals, marks), 1, nil
	}
	var err error
	x.fields, x.buf, err = splitRecord(line, x.fields[:0], x.buf[:0])
	if err != nil {
		return marks, 0, err
	}
	rec := x.fields
	var boxes [][]byte
	if s.packed {
		if len(rec) != 6 {
			return marks, 0, fmt.Errorf("expected 6 fields, found %d", len(rec))
		}
		x.prefs = splitBytes(rec[5], x.prefs[:0])
		boxes = x.prefs
	} else {
		if len(rec) < x.fixed {
			return marks, 0, fmt.Errorf("expected at least %d fields, found %d", x.fixed, len(rec))
		}
		boxes = rec[x.fixed:]
	}
	if len(boxes) > g+c {
		return marks, 0, fmt.Errorf("expected at most %d boxes (%d groups, %d candidates), found %d", g+c, g, c, len(boxes))
	}
	clear(vals)
	for i, b := range boxes {
		v, err := box(b)
		if err != nil {
			return marks, 0, fmt.Errorf("box %d: %v", i+1, err)
		}
		vals[i] = v
	}
	return x.marks(vals, marks), 1, nil
}

// fastBoxes reads the boxes of a line with no quotes straight into
// x.vals, for the usual line: it reports false for anything unusual,
// which the general path then reads (and reports).
func (x *paperParser) fastBoxes(line []byte) bool {
	if bytes.IndexByte(line, '"') >= 0 {
		return false
	}
	for f := 0; f < x.fixed; f++ {
		i := bytes.IndexByte(line, ',')
		if i < 0 {
			return false
		}
		line = line[i+1:]
	}
	vals := x.vals
	clear(vals)
	for b := 0; ; b++ {
		if b >= len(vals) {
			return false
		}
		i := 0
		for i < len(line) && line[i] == ' ' {
			i++
		}
		v, digits := 0, 0
		switch {
		case i < len(line) && (line[i] == '/' || line[i] == '*'):
			v, digits = 1, 1
			i++
		default:
			for i < len(line) && line[i] >= '0' && line[i] <= '9' && v <= 1e6 {
				v = v*10 + int(line[i]-'0')
				i++
				digits++
			}
			if digits > 0 && v < 1 {
				return false
			}
		}
		for i < len(line) && line[i] == ' ' {
			i++
		}
		switch {
		case i == len(line):
			vals[b] = v
			return true
		case line[i] != ',' || v > 1e6:
			return false
		}
		vals[b] = v
		line = line[i+1:]
	}
}

// marks turns the boxes' numbers into a ranking: below the line when at
// least six (or all) boxes are numbered in sequence (s.268A), else above
// the line (s.269); a paper formal neither way is a blank ballot.
func (x *paperParser) marks(vals []int, marks []ballot.Mark) []ballot.Mark {
	s := x.s
	g, c := len(s.groups), len(s.names)
	x.btl = sequenceBuf(vals[g:], x.at, x.btl)
	switch {
	case len(x.btl) >= min(6, c):
		for _, k := range x.btl {
			marks = append(marks, ballot.Mark(k))
		}
	default:
		x.atl = sequenceBuf(vals[:g], x.at, x.atl)
		if len(x.atl) == 0 {
			x.informal++
		}
		for _, k := range x.atl {
			for _, m := range s.groups[k] {
				marks = append(marks, ballot.Mark(m))
			}
		}
	}
	return marks
}

// sequence returns the boxes numbered 1, 2, 3, ... in order, up to the first
// number missing or repeated (s.268A(2)(b)). A number above the count of
// boxes can never be reached and is ignored.
func sequence(vals []int) []int { return sequenceBuf(vals, nil, nil) }

// sequenceBuf is sequence with reusable buffers at (number → box+1, -1 when
// repeated; any length) and out.
func sequenceBuf(vals, at, out []int) []int {
	if cap(at) < len(vals)+2 {
		at = make([]int, len(vals)+2)
	}
	at = at[:len(vals)+2]
	clear(at)
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
	out = out[:0]
	for n := 1; n <= len(vals) && at[n] > 0; n++ {
		out = append(out, at[n]-1)
	}
	return out
}

// box reads one square: empty, a number, or a tick or cross ('/' or '*' in
// AEC files), which counts as 1.
func box(b []byte) (int, error) {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
		return 0, nil
	case len(b) == 1 && (b[0] == '/' || b[0] == '*'):
		return 1, nil
	}
	n := 0
	for _, d := range b {
		if d < '0' || d > '9' || n > 1e6 {
			return 0, fmt.Errorf("expected a preference number, a tick or cross ('/' or '*'), or nothing, found %q", b)
		}
		n = n*10 + int(d-'0')
	}
	if n < 1 {
		return 0, fmt.Errorf("expected a preference number ≥ 1, a tick or cross ('/' or '*'), or nothing, found %q", b)
	}
	return n, nil
}

// splitBytes splits b at commas.
func splitBytes(b []byte, out [][]byte) [][]byte {
	for {
		i := bytes.IndexByte(b, ',')
		if i < 0 {
			return append(out, b)
		}
		out = append(out, b[:i])
		b = b[i+1:]
	}
}

// records reads CSV records line by line: fields may be quoted ("" for a
// quote inside) but may not run over a line, which AEC files never do.
type records struct {
	lr  *lines.Reader
	out [][]byte
	buf []byte
}

// next returns the next record (valid until the next call), or nil at the
// end of the file.
func (r *records) next() ([][]byte, error) {
	line, err := r.lr.Next()
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.out, r.buf, err = splitRecord(line, r.out[:0], r.buf[:0])
	if err != nil {
		return nil, r.lr.Errorf("%v", err)
	}
	return r.out, nil
}

// splitRecord splits a CSV line into fields, appended to out; quoted
// fields are unquoted into buf. The fields are valid while line and buf
// are.
func splitRecord(line []byte, out [][]byte, buf []byte) ([][]byte, []byte, error) {
	i, n := 0, len(line)
	for {
		if i < n && line[i] == '"' {
			start := len(buf)
			i++
			for {
				j := bytes.IndexByte(line[i:], '"')
				if j < 0 {
					return out, buf, fmt.Errorf("malformed CSV: a quoted field is not closed on its line")
				}
				buf = append(buf, line[i:i+j]...)
				i += j + 1
				if i < n && line[i] == '"' {
					buf = append(buf, '"')
					i++
					continue
				}
				break
			}
			out = append(out, buf[start:len(buf):len(buf)])
			if i < n && line[i] != ',' {
				return out, buf, fmt.Errorf("malformed CSV: expected ',' after a closing quote, found %q", line[i:i+1])
			}
		} else {
			j := bytes.IndexByte(line[i:], ',')
			if j < 0 {
				return append(out, line[i:]), buf, nil
			}
			out = append(out, line[i:i+j])
			i += j
		}
		if i >= n {
			return out, buf, nil
		}
		i++ // the comma
	}
}

// sheet is the ballot paper's layout.
type sheet struct {
	groups  [][]int // per group (above the line): its candidates in ballot order
	names   []string
	parties []string
	packed  bool // 2016: one Preferences field
}

var stateRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`-([A-Z]{2,3})\.csv`) })

func stateFromName(name string) string {
	m := stateRE().FindStringSubmatch(filepath.Base(name))
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
