package profile

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/internal/lines"
)

// Format names.
const (
	CountedFormat = "ranking-profile" // (A,B) : n
	VoteKitFormat = "votekit-profile" // VoteKit RankProfile CSV
	separator     = "-+-"             // counted-profile separator prefix
	voteKitMagic  = "VoteKit RankProfile"
)

// IsCounted reports whether head (the start of a file) looks like the
// counted-profile layout: its third line is the "-+-" separator.
func IsCounted(head []byte) bool {
	ls := bytes.SplitN(head, []byte{'\n'}, 4)
	return len(ls) >= 3 && bytes.HasPrefix(bytes.TrimSpace(ls[2]), []byte(separator))
}

// IsVoteKit reports whether head starts a VoteKit RankProfile.
func IsVoteKit(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	return bytes.HasPrefix(head, []byte(voteKitMagic))
}

// Options configure the readers.
type Options struct {
	// KeepOrder keeps the order of the rows (ballot.Profile.KeepOrder).
	KeepOrder bool
}

// ReadCounted reads the counted-profile layout.
func ReadCounted(r io.Reader, name string, opt Options) (*ballot.Profile, error) {
	lr := lines.New(r, name)
	head := make([][]byte, 0, 3)
	for len(head) < 3 {
		b, err := lr.Next()
		if err == io.EOF {
			return nil, lr.Errorf("unexpected end of file: expected candidate names, parties and a \"-+-\" separator line")
		}
		if err != nil {
			return nil, err
		}
		head = append(head, append([]byte(nil), b...))
	}
	if !bytes.HasPrefix(bytes.TrimSpace(head[2]), []byte(separator)) {
		return nil, lr.Errorf("expected the separator line \"-+-+-...\", found %s", lines.Show(head[2]))
	}
	cands := strings.Split(string(head[0]), ",")
	parties := strings.Split(string(head[1]), ",")
	index := map[string]int{}
	for i, c := range cands {
		cands[i] = strings.TrimSpace(c)
		if cands[i] == "" {
			return nil, lineErr(name, 1, "expected candidate names separated by commas, found an empty name")
		}
		if _, dup := index[cands[i]]; dup {
			return nil, lineErr(name, 1, "candidate "+strconv.Quote(cands[i])+" is listed twice")
		}
		index[cands[i]] = i
	}
	if len(parties) != len(cands) {
		return nil, lineErr(name, 2, "expected one party per candidate ("+strconv.Itoa(len(cands))+"), found "+strconv.Itoa(len(parties)))
	}
	p := ballot.NewProfile(cands)
	p.Parties = make([]string, len(cands))
	for i, s := range parties {
		p.Parties[i] = strings.TrimSpace(s)
	}
	if opt.KeepOrder {
		p.KeepOrder()
	}
	var marks []ballot.Mark
	for {
		t, err := lr.NextText()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		open := bytes.IndexByte(t, '(')
		cl := bytes.LastIndexByte(t, ')')
		if open != 0 || cl < 0 {
			return nil, lr.Errorf("expected a ranking \"(A,B,...) : count\", found %s", lines.Show(t))
		}
		rest := bytes.TrimSpace(t[cl+1:])
		if len(rest) == 0 || rest[0] != ':' {
			return nil, lr.Errorf("expected \" : count\" after the ranking, found %s", lines.Show(rest))
		}
		n, err := strconv.ParseInt(string(bytes.TrimSpace(rest[1:])), 10, 64)
		if err != nil || n < 1 || n > ballot.MaxBallots {
			return nil, lr.Errorf("expected a count of ballots from 1 to %d after ':', found %s", ballot.MaxBallots, lines.Show(rest[1:]))
		}
		marks = marks[:0]
		if in := bytes.TrimSpace(t[1:cl]); len(in) > 0 {
			for _, c := range bytes.Split(in, []byte{','}) {
				k, ok := index[string(bytes.TrimSpace(c))]
				if !ok {
					return nil, lr.Errorf("unknown candidate %s in the ranking; the candidates are those of line 1", lines.Show(c))
				}
				marks = append(marks, ballot.Mark(k))
			}
		}
		p.Add(marks, n)
	}
	return p, nil
}

func lineErr(file string, line int, msg string) error {
	return &election.Error{Pos: election.Pos{File: file, Line: line}, Msg: msg}
}

// ReadVoteKit reads a VoteKit RankProfile CSV.
func ReadVoteKit(r io.Reader, name string, opt Options) (*ballot.Profile, error) {
	lr := lines.New(r, name)
	next := func(what string) ([]byte, error) {
		b, err := lr.Next()
		if err == io.EOF {
			return nil, lr.Errorf("unexpected end of file: expected %s", what)
		}
		return b, err
	}
	expect := func(want string) error {
		b, err := next(strconv.Quote(want))
		if err != nil {
			return err
		}
		if strings.TrimSpace(string(b)) != want {
			return lr.Errorf("expected %q, found %s", want, lines.Show(b))
		}
		return nil
	}
	if err := expect(voteKitMagic); err != nil {
		return nil, err
	}
	if err := expect("Candidates"); err != nil {
		return nil, err
	}
	b, err := next("the candidates")
	if err != nil {
		return nil, err
	}
	var cands []string
	codes := map[string]int{}
	for _, e := range splitEntries(string(b)) {
		nm, code, ok := strings.Cut(e, ":")
		if !ok || strings.TrimSpace(code) == "" {
			return nil, lr.Errorf("expected candidates as (NAME:CODE),..., found %q", e)
		}
		codes[strings.TrimSpace(code)] = len(cands)
		cands = append(cands, strings.TrimSpace(nm))
	}
	if len(cands) == 0 {
		return nil, lr.Errorf("expected candidates as (NAME:CODE),..., found none")
	}
	if err := expect("Max Ranking Length"); err != nil {
		return nil, err
	}
	b, err = next("the maximum ranking length")
	if err != nil {
		return nil, err
	}
	maxLen, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || maxLen < 1 {
		return nil, lr.Errorf("expected the maximum ranking length (a whole number), found %s", lines.Show(b))
	}
	if err := expect("Includes Voter Set"); err != nil {
		return nil, err
	}
	if b, err = next("True or False"); err != nil {
		return nil, err
	}
	if s := strings.TrimSpace(string(b)); s != "False" {
		return nil, lr.Errorf("expected \"False\" (profiles with a voter set are not read), found %s", lines.Show(b))
	}
	if b, err = next("a line of '='"); err != nil {
		return nil, err
	}
	if b, err = next("the header Ranking_1,...,&,Weight,&"); err != nil {
		return nil, err
	}
	hdr := strings.Split(strings.TrimSpace(string(b)), ",")
	if len(hdr) != maxLen+3 || hdr[maxLen] != "&" || hdr[maxLen+1] != "Weight" || hdr[maxLen+2] != "&" {
		return nil, lr.Errorf("expected the header Ranking_1,...,Ranking_%d,&,Weight,&, found %s", maxLen, lines.Show(b))
	}
	p := ballot.NewProfile(cands)
	p.EqualRanks = true
	if opt.KeepOrder {
		p.KeepOrder()
	}
	var marks []ballot.Mark
	for {
		b, err := lr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		cells := splitTop(string(b))
		if len(cells) != maxLen+3 || cells[maxLen] != "&" || cells[maxLen+2] != "&" {
			return nil, lr.Errorf("expected %d rank cells, &, a weight and &, found %s", maxLen, lines.Show(b))
		}
		w, err := wholeWeight(cells[maxLen+1])
		if err != nil {
			return nil, lr.Errorf("weight: %v", err)
		}
		marks = marks[:0]
		for _, cell := range cells[:maxLen] {
			cell = strings.TrimSpace(cell)
			if cell == "" || cell == "{}" {
				marks = append(marks, ballot.Skip)
				continue
			}
			if cell[0] != '{' || cell[len(cell)-1] != '}' {
				return nil, lr.Errorf("expected a rank cell like {'CODE'}, found %q", cell)
			}
			for j, c := range strings.Split(cell[1:len(cell)-1], ",") {
				c = strings.Trim(strings.TrimSpace(c), "'\"")
				k, ok := codes[c]
				if !ok {
					return nil, lr.Errorf("unknown candidate code %q; the codes are those of line 3", c)
				}
				if j > 0 {
					marks = append(marks, ballot.Equal)
				}
				marks = append(marks, ballot.Mark(k))
			}
		}
		// Trailing blank ranks carry nothing.
		for len(marks) > 0 && marks[len(marks)-1] == ballot.Skip {
			marks = marks[:len(marks)-1]
		}
		p.Add(marks, w)
	}
	return p, nil
}

// wholeWeight reads a weight that must be a whole number, written "3" or
// "3.0".
func wholeWeight(s string) (int64, error) {
	s = strings.TrimSpace(s)
	whole, frac, _ := strings.Cut(s, ".")
	if strings.Trim(frac, "0") != "" {
		return 0, errorString("expected a whole number of ballots, found " + strconv.Quote(s) + " (fractional weights are not read)")
	}
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || n < 1 || n > ballot.MaxBallots {
		return 0, errorString("expected a whole number of ballots from 1 to " + strconv.FormatInt(ballot.MaxBallots, 10) + ", found " + strconv.Quote(s))
	}
	return n, nil
}

type errorString string

func (e errorString) Error() string { return string(e) }

// splitEntries splits "(A:a),(B:b)" into "A:a", "B:b".
func splitEntries(s string) []string {
	var out []string
	for _, e := range splitTop(strings.TrimSpace(s)) {
		e = strings.TrimSpace(e)
		e = strings.TrimPrefix(e, "(")
		e = strings.TrimSuffix(e, ")")
		out = append(out, e)
	}
	return out
}

// splitTop splits s at commas outside braces and parentheses.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{', '(':
			depth++
		case '}', ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}
