package blt

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/internal/lines"
	"github.com/psephos/psephos/format/internal/pipeline"
)

// Format is the reader's name.
const Format = "blt"

// Options configure [Read].
type Options struct {
	// KeepOrder keeps the order of the ballots (see ballot.Profile.KeepOrder).
	KeepOrder bool
}

// Is reports whether head (the start of a file) looks like BLT: after
// optional comment lines, a line starting with a whole number (the count of
// candidates). A malformed header such as "5 1," is thus read as BLT and
// rejected by Read with a precise error.
func Is(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	for len(head) > 0 {
		line, rest, _ := bytes.Cut(head, []byte{'\n'})
		head = rest
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		f := bytes.Fields(line)
		_, err := strconv.ParseUint(string(f[0]), 10, 31)
		return err == nil
	}
	return false
}

// Read reads a BLT file. name names the input in errors.
func Read(r io.Reader, name string, opt Options) (*ballot.Profile, error) {
	lr := lines.New(r, name)
	var altNames []string
	var altLines []int
	// Header.
	var nc, seats int
	for {
		b, err := lr.Next()
		if err == io.EOF {
			return nil, &election.Error{Pos: election.Pos{File: name, Line: lr.Line()}, Msg: "empty file: expected a BLT header line \"candidates seats\""}
		}
		if err != nil {
			return nil, err
		}
		t := bytes.TrimSpace(b)
		if len(t) == 0 || t[0] == '#' {
			if n, s, ok := altName(t); ok {
				altNames, altLines = setAlt(altNames, altLines, n, s, lr.Line())
			}
			continue
		}
		f := bytes.Fields(t)
		if len(f) != 2 {
			return nil, lr.Errorf("expected a BLT header line \"candidates seats\" (two whole numbers), found %s", lines.Show(t))
		}
		var e1, e2 error
		nc, e1 = atoi(f[0])
		seats, e2 = atoi(f[1])
		if e1 != nil || e2 != nil {
			return nil, lr.Errorf("expected a BLT header line \"candidates seats\" (two whole numbers), found %s", lines.Show(t))
		}
		if nc < 1 || nc > ballot.MaxCandidates {
			return nil, lr.Errorf("expected a number of candidates from 1 to %d, found %d", ballot.MaxCandidates, nc)
		}
		break
	}
	p := ballot.NewProfile(make([]string, nc))
	p.Seats = seats
	if opt.KeepOrder {
		p.KeepOrder()
	}
	ended := false
	nicks := map[string]int{}
	sawBallot := false
	// Ballot lines are parsed by a pipeline of workers for a large file
	// (line by line when the order must be kept), with the same result.
	ad := pipeline.New(p, pipeline.Options{File: name, KeepOrder: opt.KeepOrder, ParallelAfter: parallelAfter,
		NewParser: func() pipeline.Parser { return &lineParser{nc: nc, nicks: nicks} }})
	for {
		b, err := lr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, ad.Fail(err, lr.Line())
		}
		t := bytes.TrimSpace(b)
		if len(t) == 0 {
			continue
		}
		if t[0] == '#' {
			if n, s, ok := altName(t); ok {
				altNames, altLines = setAlt(altNames, altLines, n, s, lr.Line())
			}
			continue
		}
		if t[0] == '[' {
			if err := option(lr, p, t, nicks, sawBallot); err != nil {
				return nil, ad.Fail(err, lr.Line())
			}
			continue
		}
		if t[0] == '-' {
			if sawBallot {
				return nil, ad.Fail(lr.Errorf("expected a ballot line (weight, preferences, 0), found %s: withdrawn candidates must come before the ballots", lines.Show(t)), lr.Line())
			}
			for _, x := range bytes.Fields(t) {
				v, err := atoi(bytes.TrimPrefix(x, []byte{'-'}))
				if x[0] != '-' || err != nil || v < 1 || v > nc {
					return nil, ad.Fail(lr.Errorf("expected withdrawn candidates as negative numbers from -1 to -%d, found %s", nc, lines.Show(x)), lr.Line())
				}
				p.Withdrawn = appendOnce(p.Withdrawn, v-1)
			}
			continue
		}
		if len(t) == 1 && t[0] == '0' {
			ended = true
			break
		}
		sawBallot = true
		if err := ad.Line(t, lr.Line()); err != nil {
			return nil, err
		}
	}
	if err := ad.Finish(); err != nil {
		return nil, err
	}
	if !ended {
		return nil, lr.Errorf("unexpected end of file: expected the line \"0\" that ends the ballots")
	}
	// Names, title and trailing text.
	var text [][]byte
	var textLines, extra []int
	for {
		t, err := lr.NextText()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if t[0] == '#' && len(text) < nc {
			if n, s, ok := altName(t); ok {
				altNames, altLines = setAlt(altNames, altLines, n, s, lr.Line())
			}
			continue
		}
		if len(text) <= nc {
			text = append(text, append([]byte(nil), t...))
			textLines = append(textLines, lr.Line())
		} else {
			extra = append(extra, lr.Line())
		}
	}
	// Ballots may name candidates above the header's count (real files do:
	// they are counted as unknown candidates). With more text lines than
	// names and a title, the header's count is more likely wrong, and the
	// lines would shift (a name read as the title): refuse to guess.
	if unknown := unknownMarks(p); unknown > 0 {
		if len(extra) > 0 {
			return nil, &election.Error{Pos: election.Pos{File: name, Line: textLines[nc]}, Msg: fmt.Sprintf(
				"the header gives %d candidates, but ballots name candidates above %d (%d distinct rankings) and %d lines follow the %d names: check the header's candidate count", nc, nc, unknown, len(extra)+1, nc)}
		}
		p.Notes = append(p.Notes, fmt.Sprintf("%d distinct rankings name candidate numbers above the header's %d candidates; those preferences are counted as unknown candidates (see the defects)", unknown, nc))
	} else if len(extra) > 0 {
		p.Notes = append(p.Notes, fmt.Sprintf("%d lines of text after the title (from line %d) were not used", len(extra), extra[0]))
	}
	switch {
	case len(text) >= nc:
		for i := 0; i < nc; i++ {
			s, party, err := nameParty(text[i])
			if err != nil {
				return nil, &election.Error{Pos: election.Pos{File: name, Line: textLines[i]}, Msg: fmt.Sprintf("candidate %d's name: %v", i+1, err)}
			}
			p.Candidates[i] = s
			if party != "" {
				if p.Parties == nil {
					p.Parties = make([]string, nc)
				}
				p.Parties[i] = party
			}
		}
		if len(text) > nc {
			s, err := unquote(text[nc])
			if err != nil {
				return nil, &election.Error{Pos: election.Pos{File: name, Line: textLines[nc]}, Msg: fmt.Sprintf("title: %v", err)}
			}
			p.Title = s
		}
	case countAlt(altNames) == nc:
		copy(p.Candidates, altNames)
		if len(text) > 0 {
			s, err := unquote(text[0])
			if err != nil {
				return nil, &election.Error{Pos: election.Pos{File: name, Line: textLines[0]}, Msg: fmt.Sprintf("title: %v", err)}
			}
			p.Title = s
		}
		if len(text) > 1 {
			return nil, &election.Error{Pos: election.Pos{File: name, Line: textLines[1]}, Msg: fmt.Sprintf("expected %d candidate names or one title line after the ballots, found %d lines", nc, len(text))}
		}
	default:
		return nil, &election.Error{Pos: election.Pos{File: name, Line: lr.Line()}, Msg: fmt.Sprintf("expected %d candidate names after the ballots (quoted or bare lines, or \"# ALTERNATIVE NAME n:\" comments), found %d", nc, len(text))}
	}
	return p, nil
}

// parallelAfter is the bytes of ballot lines read line by line before the
// pipeline's workers start. A BLT line is cheap to parse, and the workers'
// batches cost memory: measured whole process, San Francisco 2011 (2.2 MB)
// reads faster alone (41 ms, 850 page faults, against 51 ms and 1,520
// with the workers), and a 107 MB file faster with them (0.57 s against
// 0.70 s).
var parallelAfter int64 = 16 << 20

// lineParser parses ballot lines for the pipeline.
type lineParser struct {
	nc    int
	nicks map[string]int
}

func (l *lineParser) Parse(t []byte, marks []ballot.Mark) ([]ballot.Mark, int64, error) {
	return ballotLine(t, l.nc, l.nicks, marks)
}

func ballotLine(t []byte, nc int, nicks map[string]int, marks []ballot.Mark) ([]ballot.Mark, int64, error) {
	// A hand-written scanner: this loop is most of the time spent reading
	// a large file.
	i, n := 0, len(t)
	var w int64
	for i < n && t[i] >= '0' && t[i] <= '9' {
		if w = w*10 + int64(t[i]-'0'); w > ballot.MaxBallots {
			return nil, 0, fmt.Errorf("expected a ballot line starting with a weight from 1 to %d, found %s (too large)", ballot.MaxBallots, lines.Show(t))
		}
		i++
	}
	if w < 1 || (i < n && t[i] != ' ' && t[i] != '\t') {
		j := i
		for j < n && t[j] != ' ' && t[j] != '\t' {
			j++
		}
		return nil, 0, fmt.Errorf("expected a ballot line starting with a weight (a whole number ≥ 1), found %s", lines.Show(t[:j]))
	}
	closed := false
	for {
		for i < n && (t[i] == ' ' || t[i] == '\t') {
			i++
		}
		if i >= n {
			break
		}
		j := i
		c := 0
		plain := true
		for j < n && t[j] != ' ' && t[j] != '\t' {
			d := t[j]
			if d >= '0' && d <= '9' && c < 1e8 {
				c = c*10 + int(d-'0')
			} else {
				plain = false
			}
			j++
		}
		f := t[i:j]
		i = j
		if closed {
			return nil, 0, fmt.Errorf("expected nothing after the 0 that ends a ballot, found %s", lines.Show(f))
		}
		if plain {
			switch {
			case c == 0:
				closed = true
			case c > nc:
				marks = append(marks, ballot.Unknown)
			default:
				marks = append(marks, ballot.Mark(c-1))
			}
			continue
		}
		var err error
		if marks, err = token(f, nc, nicks, marks); err != nil {
			return nil, 0, err
		}
	}
	if !closed {
		return nil, 0, fmt.Errorf("expected a ballot line ending in 0, found %s", lines.Show(t))
	}
	return marks, w, nil
}

// token reads a preference other than a plain number: "-", "a=b", "-=-", a
// nickname.
func token(f []byte, nc int, nicks map[string]int, marks []ballot.Mark) ([]ballot.Mark, error) {
	if len(f) == 1 && f[0] == '-' {
		return append(marks, ballot.Skip), nil
	}
	for k := 0; ; k++ {
		part := f
		j := bytes.IndexByte(f, '=')
		if j >= 0 {
			part, f = f[:j], f[j+1:]
		}
		if k > 0 {
			marks = append(marks, ballot.Equal)
		}
		switch {
		case len(part) == 1 && part[0] == '-' && (k > 0 || j >= 0):
			marks = append(marks, ballot.Unknown)
		default:
			c, err := atoi(part)
			if err != nil {
				if v, ok := nicks[string(part)]; ok {
					c, err = v+1, nil
				}
			}
			switch {
			case err != nil || c < 1:
				return nil, fmt.Errorf("expected a preference (a candidate number from 1 to %d, \"-\" or \"a=b\") or the closing 0, found %s", nc, lines.Show(part))
			case c > nc:
				marks = append(marks, ballot.Unknown)
			default:
				marks = append(marks, ballot.Mark(c-1))
			}
		}
		if j < 0 {
			return marks, nil
		}
	}
}

func option(lr *lines.Reader, p *ballot.Profile, t []byte, nicks map[string]int, sawBallot bool) error {
	for len(t) > 0 {
		t = bytes.TrimSpace(t)
		if len(t) == 0 {
			break
		}
		if t[0] != '[' {
			return lr.Errorf("expected a bracketed option such as [withdrawn 2], found %s", lines.Show(t))
		}
		end := bytes.IndexByte(t, ']')
		if end < 0 {
			return lr.Errorf("expected ']' closing the option %s", lines.Show(t))
		}
		f := bytes.Fields(t[1:end])
		whole := string(t[:end+1])
		t = t[end+1:]
		if len(f) == 0 {
			return lr.Errorf("expected an option name inside [ ]")
		}
		switch string(f[0]) {
		case "nick":
			if sawBallot {
				return lr.Errorf("option [nick] must come before the ballots")
			}
			if len(f)-1 != len(p.Candidates) {
				return lr.Errorf("option [nick]: expected %d nicknames, one per candidate, found %d", len(p.Candidates), len(f)-1)
			}
			for i, x := range f[1:] {
				nicks[string(x)] = i
			}
			continue
		case "droop":
			p.Notes = append(p.Notes, fmt.Sprintf("line %d: BLT option %s configures another counting program; not applied", lr.Line(), whole))
			continue
		}
		var nums []int
		for _, x := range f[1:] {
			v, err := atoi(x)
			if err != nil || v < 1 || v > len(p.Candidates) {
				return lr.Errorf("option [%s]: expected candidate numbers from 1 to %d, found %s", f[0], len(p.Candidates), lines.Show(x))
			}
			nums = append(nums, v-1)
		}
		switch string(f[0]) {
		case "withdrawn":
			for _, v := range nums {
				p.Withdrawn = appendOnce(p.Withdrawn, v)
			}
		case "tie":
			p.TieOrder = nums
		case "undeclared":
			for _, v := range nums {
				p.WriteIns = appendOnce(p.WriteIns, v)
			}
		default:
			return lr.Errorf("unknown BLT option [%s]; expected withdrawn, tie or undeclared", f[0])
		}
	}
	return nil
}

func appendOnce(s []int, v int) []int {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

func atoi(b []byte) (int, error) {
	if len(b) == 0 || len(b) > 9 {
		return 0, strconv.ErrSyntax
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, strconv.ErrSyntax
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}

// altName parses "# ALTERNATIVE NAME n: name".
func altName(t []byte) (int, string, bool) {
	const prefix = "ALTERNATIVE NAME "
	s := strings.TrimSpace(strings.TrimPrefix(string(t), "#"))
	if !strings.HasPrefix(s, prefix) {
		return 0, "", false
	}
	num, nm, ok := strings.Cut(s[len(prefix):], ":")
	if !ok {
		return 0, "", false
	}
	n, err := strconv.Atoi(strings.TrimSpace(num))
	if err != nil || n < 1 || n > ballot.MaxCandidates {
		return 0, "", false
	}
	return n, strings.TrimSpace(nm), true
}

func setAlt(names []string, at []int, n int, s string, line int) ([]string, []int) {
	for len(names) < n {
		names = append(names, "")
		at = append(at, 0)
	}
	names[n-1] = s
	at[n-1] = line
	return names, at
}

func countAlt(names []string) int {
	for _, s := range names {
		if s == "" {
			return -1
		}
	}
	return len(names)
}

// nameParty reads a candidate line: a name, or "name" "party".
func nameParty(t []byte) (string, string, error) {
	if len(t) == 0 || t[0] != '"' {
		return string(t), "", nil
	}
	end := closing(t)
	if end < 0 {
		return "", "", fmt.Errorf("expected a closing quote in %s", lines.Show(t))
	}
	rest := bytes.TrimSpace(t[end+1:])
	name, err := unquote(t[:end+1])
	if err != nil || len(rest) == 0 {
		return name, "", err
	}
	party, err := unquote(rest)
	if err != nil || rest[0] != '"' {
		return "", "", fmt.Errorf("expected a quoted name, optionally followed by a quoted party, found %s", lines.Show(t))
	}
	return name, party, nil
}

// closing returns the index of the quote closing the quoted string that
// starts t, or -1.
func closing(t []byte) int {
	for i := 1; i < len(t); i++ {
		switch {
		case t[i] == '"' && i+1 < len(t) && t[i+1] == '"':
			i++
		case t[i] == '"':
			return i
		}
	}
	return -1
}

// unquote reads a name or title: "quoted" (with "" for a quote inside),
// or bare text.
func unquote(t []byte) (string, error) {
	if len(t) == 0 || t[0] != '"' {
		return string(t), nil
	}
	var b strings.Builder
	for i := 1; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '"' && i+1 < len(t) && t[i+1] == '"':
			b.WriteByte('"')
			i++
		case c == '"':
			if rest := bytes.TrimSpace(t[i+1:]); len(rest) > 0 {
				return "", fmt.Errorf("expected nothing after the closing quote, found %s", lines.Show(rest))
			}
			return b.String(), nil
		default:
			b.WriteByte(c)
		}
	}
	return "", fmt.Errorf("expected a closing quote in %s", lines.Show(t))
}

// Write writes p as BLT: the header (seats 1 when p.Seats is 0), the
// withdrawn candidates as a negative line, [tie] and [undeclared] options,
// one line per distinct ranking with its weight (in the profile's order),
// "-" for a skipped rank and "a=b" for several candidates at one rank (the
// US RCV extensions; a lone mark naming no candidate is written as the
// number after the last candidate, "-" within an overvote), quoted names
// (with a quoted party when p has parties) and the quoted title. Reading
// the output gives the same profile.
func Write(w io.Writer, p *ballot.Profile) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	seats := p.Seats
	if seats == 0 {
		seats = 1
	}
	n := len(p.Candidates)
	fmt.Fprintf(bw, "%d %d\n", n, seats)
	if len(p.Withdrawn) > 0 {
		for i, c := range p.Withdrawn {
			if i > 0 {
				bw.WriteByte(' ')
			}
			fmt.Fprintf(bw, "-%d", c+1)
		}
		bw.WriteByte('\n')
	}
	for _, o := range []struct {
		name string
		list []int
	}{{"tie", p.TieOrder}, {"undeclared", p.WriteIns}} {
		if len(o.list) == 0 {
			continue
		}
		fmt.Fprintf(bw, "[%s", o.name)
		for _, c := range o.list {
			fmt.Fprintf(bw, " %d", c+1)
		}
		bw.WriteString("]\n")
	}
	var num []byte
	for i := 0; i < p.Len(); i++ {
		num = strconv.AppendInt(num[:0], p.Weight(i), 10)
		bw.Write(num)
		marks := p.Ranking(i)
		for j, m := range marks {
			if m != ballot.Equal && (j == 0 || marks[j-1] != ballot.Equal) {
				bw.WriteByte(' ')
			}
			switch {
			case m == ballot.Skip:
				bw.WriteByte('-')
			case m == ballot.Equal:
				bw.WriteByte('=')
			case m == ballot.Unknown:
				inGroup := j > 0 && marks[j-1] == ballot.Equal || j+1 < len(marks) && marks[j+1] == ballot.Equal
				if inGroup {
					bw.WriteByte('-')
				} else {
					bw.Write(strconv.AppendInt(num[:0], int64(n+1), 10))
				}
			default:
				bw.Write(strconv.AppendInt(num[:0], int64(m)+1, 10))
			}
		}
		bw.WriteString(" 0\n")
	}
	bw.WriteString("0\n")
	for i, c := range p.Candidates {
		bw.WriteString(quote(c))
		if p.Parties != nil && p.Parties[i] != "" {
			bw.WriteString(" " + quote(p.Parties[i]))
		}
		bw.WriteByte('\n')
	}
	bw.WriteString(quote(p.Title) + "\n")
	return bw.Flush()
}

func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// unknownMarks counts the distinct rankings with a mark for a candidate
// number the header does not have.
func unknownMarks(p *ballot.Profile) int {
	n := 0
	for i := 0; i < p.Len(); i++ {
		for _, m := range p.Ranking(i) {
			if m == ballot.Unknown {
				n++
				break
			}
		}
	}
	return n
}
