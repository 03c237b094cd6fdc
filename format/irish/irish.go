package irish

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/format/internal/lines"
)

// Format is the reader's name.
const Format = "irish-2002"

// Pad is the code that fills unused preferences.
const Pad = "XXXXX"

// Is reports whether head's first line is a row of quoted codes.
func Is(head []byte) bool {
	line, _, _ := bytes.Cut(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), []byte{'\n'})
	line = bytes.TrimSpace(line)
	if len(line) < 2 || line[0] != '"' {
		return false
	}
	_, err := codes(line, nil)
	return err == nil && bytes.Contains(head, []byte(`"`+Pad+`"`))
}

// Options configure Read.
type Options struct{}

// Read reads an Irish 2002 ballot file, keeping ballot order.
func Read(r io.Reader, name string, _ Options) (*ballot.Profile, error) {
	lr := lines.New(r, name)
	p := ballot.NewProfile(nil)
	p.KeepOrder()
	index := map[string]ballot.Mark{}
	var toks [][]byte
	var marks []ballot.Mark
	width := -1
	for {
		t, err := lr.NextText()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		toks, err = codes(t, toks[:0])
		if err != nil {
			return nil, lr.Errorf("%v", err)
		}
		if width < 0 {
			width = len(toks)
		} else if len(toks) != width {
			return nil, lr.Errorf("expected %d quoted codes as on the first ballot line, found %d", width, len(toks))
		}
		marks = marks[:0]
		pad := 0
		for _, c := range toks {
			if string(c) == Pad {
				pad++
				continue
			}
			for ; pad > 0; pad-- {
				marks = append(marks, ballot.Skip)
			}
			m, ok := index[string(c)]
			if !ok {
				m = p.AddCandidate(string(c))
				index[string(c)] = m
			}
			marks = append(marks, m)
		}
		p.Add(marks, 1)
	}
	if width < 0 {
		return nil, lr.Errorf("empty file: expected ballot lines of quoted candidate codes")
	}
	// The file has no list of candidates: they are the codes the ballots
	// use. Say which, with how many ballots mark each, so that a stray
	// code (a typing error would be a new "candidate") can be seen.
	marked := make([]int64, len(p.Candidates))
	for i := 0; i < p.Len(); i++ {
		for _, m := range p.Ranking(i) {
			if m >= 0 {
				marked[m] += p.Weight(i)
			}
		}
	}
	list := make([]string, len(p.Candidates))
	for i, c := range p.Candidates {
		list[i] = fmt.Sprintf("%s (on %d ballots)", c, marked[i])
	}
	p.Notes = append(p.Notes, fmt.Sprintf("the file lists no candidates: the %d codes found on the ballots are taken as the candidates: %s", len(p.Candidates), strings.Join(list, ", ")))
	return p, nil
}

// codes splits a line of space-separated quoted codes.
func codes(t []byte, out [][]byte) ([][]byte, error) {
	for len(t) > 0 {
		if t[0] != '"' {
			return nil, fmt.Errorf("expected a quoted candidate code, found %s", lines.Show(t))
		}
		end := bytes.IndexByte(t[1:], '"')
		if end < 0 {
			return nil, fmt.Errorf("expected a closing quote in %s", lines.Show(t))
		}
		c := t[1 : 1+end]
		if len(c) == 0 {
			return nil, fmt.Errorf("expected a candidate code, found an empty \"\"")
		}
		out = append(out, c)
		t = t[end+2:]
		for len(t) > 0 && (t[0] == ' ' || t[0] == '\t') {
			t = t[1:]
		}
	}
	return out, nil
}
