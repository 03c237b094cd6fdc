package preflib

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/internal/lines"
)

// Format is the reader's name.
const Format = "preflib"

// Is reports whether head starts a PrefLib file.
func Is(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	return bytes.HasPrefix(head, []byte("# FILE NAME:")) || bytes.HasPrefix(head, []byte("# DATA TYPE:")) || bytes.HasPrefix(head, []byte("# TITLE:"))
}

// Options configure Read.
type Options struct {
	// KeepOrder keeps the order of the lines (ballot.Profile.KeepOrder).
	KeepOrder bool
}

// Read reads a PrefLib .soc, .soi, .toc or .toi file.
func Read(r io.Reader, name string, opt Options) (*ballot.Profile, error) {
	lr := lines.New(r, name)
	meta := map[string]string{}
	metaLine := map[string]int{}
	alt := map[int]string{}
	var p *ballot.Profile
	var marks []ballot.Mark
	var voters, unique int64
	dataType := ""
	nAlt := 0
	start := func() error {
		dataType = strings.ToLower(meta["DATA TYPE"])
		switch dataType {
		case "soc", "soi", "toc", "toi":
		case "":
			return lr.Errorf("expected a \"# DATA TYPE:\" line (soc, soi, toc or toi) before the orders")
		default:
			return election.Errorf(election.Pos{File: name, Line: metaLine["DATA TYPE"]}, "data type %q is not ordinal preferences read here; expected soc, soi, toc or toi", meta["DATA TYPE"])
		}
		n, err := strconv.Atoi(meta["NUMBER ALTERNATIVES"])
		if err != nil || n < 1 || n > ballot.MaxCandidates {
			return lr.Errorf("expected \"# NUMBER ALTERNATIVES: n\" before the orders, found %q", meta["NUMBER ALTERNATIVES"])
		}
		nAlt = n
		cands := make([]string, n)
		for i := range cands {
			s, ok := alt[i+1]
			if !ok {
				return lr.Errorf("expected \"# ALTERNATIVE NAME %d:\" before the orders", i+1)
			}
			cands[i] = s
		}
		p = ballot.NewProfile(cands)
		p.Title = meta["TITLE"]
		p.EqualRanks = dataType == "toc" || dataType == "toi"
		if opt.KeepOrder {
			p.KeepOrder()
		}
		return nil
	}
	for {
		t, err := lr.NextText()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if t[0] == '#' {
			if p != nil {
				return nil, lr.Errorf("expected an order \"count: a,b,...\", found a comment after the orders began")
			}
			k, v, ok := strings.Cut(strings.TrimSpace(string(t[1:])), ":")
			if !ok {
				continue
			}
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if num, found := strings.CutPrefix(k, "ALTERNATIVE NAME "); found {
				i, err := strconv.Atoi(num)
				if err != nil || i < 1 {
					return nil, lr.Errorf("expected \"# ALTERNATIVE NAME n: name\" with n ≥ 1, found %s", lines.Show(t))
				}
				alt[i] = v
				continue
			}
			meta[k] = v
			metaLine[k] = lr.Line()
			continue
		}
		if p == nil {
			if err := start(); err != nil {
				return nil, err
			}
		}
		cs, os, ok := bytes.Cut(t, []byte{':'})
		if !ok {
			return nil, lr.Errorf("expected an order \"count: a,b,...\", found %s", lines.Show(t))
		}
		n, err := strconv.ParseInt(string(bytes.TrimSpace(cs)), 10, 64)
		if err != nil || n < 1 || n > ballot.MaxBallots {
			return nil, lr.Errorf("expected a count from 1 to %d before ':', found %s", ballot.MaxBallots, lines.Show(cs))
		}
		marks, err = order(marks[:0], os, nAlt, dataType)
		if err != nil {
			return nil, lr.Errorf("%v", err)
		}
		p.Add(marks, n)
		voters += n
		unique++
	}
	if p == nil {
		if err := start(); err != nil {
			return nil, err
		}
	}
	for _, c := range []struct {
		key string
		got int64
	}{{"NUMBER VOTERS", voters}, {"NUMBER UNIQUE ORDERS", unique}} {
		if s, ok := meta[c.key]; ok {
			want, err := strconv.ParseInt(s, 10, 64)
			if err != nil || want != c.got {
				return nil, election.Errorf(election.Pos{File: name, Line: metaLine[c.key]}, "%s says %s; the file's orders give %d", c.key, s, c.got)
			}
		}
	}
	return p, nil
}

// order parses "1,2,{3,4},5".
func order(marks []ballot.Mark, s []byte, n int, dataType string) ([]ballot.Mark, error) {
	seen := make(map[int]bool, n)
	count := 0
	add := func(tok []byte) error {
		a, err := strconv.Atoi(string(bytes.TrimSpace(tok)))
		if err != nil || a < 1 || a > n {
			return fmt.Errorf("expected an alternative number from 1 to %d, found %q", n, bytes.TrimSpace(tok))
		}
		if seen[a] {
			return fmt.Errorf("alternative %d appears twice in one order", a)
		}
		seen[a] = true
		count++
		marks = append(marks, ballot.Mark(a-1))
		return nil
	}
	i := 0
	sep := false
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) {
			break
		}
		if sep {
			if s[i] != ',' {
				return nil, fmt.Errorf("expected ',' between ranks, found %q", s[i:i+1])
			}
			i++
			sep = false
			continue
		}
		if s[i] == '{' {
			if dataType == "soc" || dataType == "soi" {
				return nil, fmt.Errorf("unexpected '{': %s orders have no ties", dataType)
			}
			j := bytes.IndexByte(s[i:], '}')
			if j < 0 {
				return nil, fmt.Errorf("expected '}' closing a tie")
			}
			parts := bytes.Split(s[i+1:i+j], []byte{','})
			for k, part := range parts {
				if k > 0 {
					marks = append(marks, ballot.Equal)
				}
				if err := add(part); err != nil {
					return nil, err
				}
			}
			i += j + 1
			sep = true
			continue
		}
		j := bytes.IndexByte(s[i:], ',')
		if j < 0 {
			j = len(s) - i
		}
		if err := add(s[i : i+j]); err != nil {
			return nil, err
		}
		i += j
		sep = true
	}
	if (dataType == "soc" || dataType == "toc") && count != n {
		return nil, fmt.Errorf("a complete order (%s) must rank all %d alternatives, found %d", dataType, n, count)
	}
	return marks, nil
}

// Write writes p as PrefLib data: .soc, .soi, .toc or .toi, whichever fits
// (ties make it toc/toi; rankings of every candidate make it soc/toc).
// fileName is written in the "# FILE NAME" line. Skipped ranks and marks
// naming no candidate cannot be written and are an error.
func Write(w io.Writer, p *ballot.Profile, fileName string) error {
	ties := false
	complete := true
	for i := 0; i < p.Len(); i++ {
		n := 0
		for _, m := range p.Ranking(i) {
			switch {
			case m == ballot.Equal:
				ties = true
			case m == ballot.Skip, m == ballot.Unknown:
				return fmt.Errorf("ranking %d has a skipped rank or a mark naming no candidate, which PrefLib cannot hold (BLT can)", i+1)
			default:
				n++
			}
		}
		if n != len(p.Candidates) {
			complete = false
		}
	}
	dt := map[[2]bool]string{{false, true}: "soc", {false, false}: "soi", {true, true}: "toc", {true, false}: "toi"}[[2]bool{ties, complete}]
	var b bytes.Buffer
	fmt.Fprintf(&b, "# FILE NAME: %s\n# TITLE: %s\n# DATA TYPE: %s\n# NUMBER ALTERNATIVES: %d\n", fileName, p.Title, dt, len(p.Candidates))
	fmt.Fprintf(&b, "# NUMBER VOTERS: %d\n# NUMBER UNIQUE ORDERS: %d\n", p.Ballots(), p.Len())
	for i, c := range p.Candidates {
		fmt.Fprintf(&b, "# ALTERNATIVE NAME %d: %s\n", i+1, c)
	}
	for i := 0; i < p.Len(); i++ {
		fmt.Fprintf(&b, "%d: ", p.Weight(i))
		first := true
		ballot.Ranks(p.Ranking(i), func(rank []ballot.Mark) bool {
			if !first {
				b.WriteByte(',')
			}
			first = false
			if len(rank) > 1 {
				b.WriteByte('{')
			}
			for _, m := range rank {
				if m == ballot.Equal {
					b.WriteByte(',')
				} else {
					b.WriteString(strconv.Itoa(int(m) + 1))
				}
			}
			if len(rank) > 1 {
				b.WriteByte('}')
			}
			return true
		})
		b.WriteByte('\n')
	}
	_, err := w.Write(b.Bytes())
	return err
}
