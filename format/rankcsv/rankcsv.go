package rankcsv

import (
	"encoding/csv"
	"fmt"
	"hash/maphash"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/format/internal/csvio"
)

// Format names.
const (
	LongFormat    = "ranks-csv"    // ballot_id,rank,choice
	CountedFormat = "rankings-csv" // count,ranking
)

// MaxRank is the highest rank the long layout accepts.
const MaxRank = 1000

// Labels of the long layout (ranked.vote's normalised files).
const (
	Undervote = "$UNDERVOTE"
	Overvote  = "$OVERVOTE"
)

// IsLong reports whether a header is the long layout's.
func IsLong(h []string) bool {
	return len(h) == 3 && csvio.Index(h, "ballot_id") == 0 && csvio.Index(h, "rank") == 1 && csvio.Index(h, "choice") == 2
}

// IsCounted reports whether a header is the counted layout's.
func IsCounted(h []string) bool {
	return len(h) == 2 && csvio.Index(h, "count") == 0 && csvio.Index(h, "ranking") == 1
}

// Options configure the readers.
type Options struct {
	// KeepOrder keeps the ballots' order (ballot.Profile.KeepOrder).
	KeepOrder bool
}

type names struct {
	p     *ballot.Profile
	index map[string]ballot.Mark
}

func (n *names) mark(s string) ballot.Mark {
	if m, ok := n.index[s]; ok {
		return m
	}
	m := n.p.AddCandidate(s)
	n.index[s] = m
	return m
}

// open reads the header, checks it with is, and starts a profile whose
// candidates are named as they appear.
func open(r io.Reader, name string, opt Options, is func([]string) bool, want string) (*csvio.Reader, *names, error) {
	cr, err := csvio.New(r, name, 0)
	if err != nil {
		return nil, nil, err
	}
	if !is(cr.Header) {
		return nil, nil, cr.Errorf("expected the header %s, found %s", want, strings.Join(cr.Header, ","))
	}
	p := ballot.NewProfile(nil)
	if opt.KeepOrder {
		p.KeepOrder()
	}
	return cr, &names{p: p, index: map[string]ballot.Mark{}}, nil
}

// ReadLong reads the long layout. name names the input in errors.
func ReadLong(r io.Reader, name string, opt Options) (*ballot.Profile, error) {
	cr, nm, err := open(r, name, opt, IsLong, "ballot_id,rank,choice")
	if err != nil {
		return nil, err
	}
	p := nm.p
	type mark struct {
		rank int
		m    ballot.Mark
	}
	var cur string
	var marks []mark
	var out []ballot.Mark
	seed := maphash.MakeSeed()
	seen := map[uint64]int{} // hash of ballot id → first line
	startLine := 0
	flush := func() {
		if cur == "" && len(marks) == 0 {
			return
		}
		sort.SliceStable(marks, func(i, j int) bool { return marks[i].rank < marks[j].rank })
		out = out[:0]
		next := 1
		for i, mk := range marks {
			if i > 0 && mk.rank == marks[i-1].rank {
				if mk.m != ballot.Skip && out[len(out)-1] != ballot.Skip {
					out = append(out, ballot.Equal, mk.m)
				} else if out[len(out)-1] == ballot.Skip {
					out[len(out)-1] = mk.m
				}
				continue
			}
			for ; next < mk.rank; next++ {
				out = append(out, ballot.Skip)
			}
			out = append(out, mk.m)
			next = mk.rank + 1
		}
		p.Add(out, 1)
	}
	for {
		rec, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		id := strings.TrimSpace(rec[0])
		if id == "" {
			return nil, cr.Errorf("expected a ballot_id, found an empty field")
		}
		rank, err := strconv.Atoi(strings.TrimSpace(rec[1]))
		if err != nil || rank < 1 || rank > MaxRank {
			return nil, cr.Errorf("expected a rank (a whole number from 1 to %d), found %q", MaxRank, rec[1])
		}
		if id != cur {
			flush()
			h := maphash.String(seed, id)
			if first, ok := seen[h]; ok {
				return nil, cr.Errorf("rows of ballot %q do not stand together: it also has rows from line %d (sort the file by ballot_id)", id, first)
			}
			startLine = cr.Pos().Line
			seen[h] = startLine
			cur = id
			marks = marks[:0]
		}
		switch c := strings.TrimSpace(rec[2]); c {
		case "", Undervote:
			marks = append(marks, mark{rank, ballot.Skip})
		case Overvote:
			marks = append(marks, mark{rank, ballot.Unknown}, mark{rank, ballot.Unknown})
		default:
			m := nm.mark(c)
			for _, x := range marks {
				if x.rank == rank && x.m == m {
					return nil, cr.Errorf("ballot %q has the row (rank %d, %q) twice: expected each choice once per rank", id, rank, c)
				}
			}
			marks = append(marks, mark{rank, m})
		}
	}
	flush()
	return p, nil
}

// ReadCounted reads the counted layout.
func ReadCounted(r io.Reader, name string, opt Options) (*ballot.Profile, error) {
	cr, nm, err := open(r, name, opt, IsCounted, "count,ranking")
	if err != nil {
		return nil, err
	}
	p := nm.p
	var out []ballot.Mark
	for {
		rec, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		n, err := csvio.Votes(rec[0])
		if err != nil {
			return nil, cr.Errorf("count: %v", err)
		}
		if n == 0 {
			return nil, cr.Errorf("expected a count of ballots ≥ 1, found %q", rec[0])
		}
		out = out[:0]
		s := strings.TrimSpace(rec[1])
		if s != "" {
			for _, rank := range strings.Split(s, ">") {
				rank = strings.TrimSpace(rank)
				if rank == "" {
					out = append(out, ballot.Skip)
					continue
				}
				for j, c := range strings.Split(rank, "=") {
					c = strings.TrimSpace(c)
					if c == "" {
						return nil, cr.Errorf("expected candidate names separated by '>' (next rank) or '=' (same rank), found %q", rec[1])
					}
					if j > 0 {
						out = append(out, ballot.Equal)
					}
					out = append(out, nm.mark(c))
				}
			}
		}
		p.Add(out, n)
	}
	return p, nil
}

// WriteCounted writes p in the counted layout, distinct rankings in the
// profile's order. Skipped ranks are written as empty ranks ("A>>B");
// marks naming no candidate cannot be written and are an error.
func WriteCounted(w io.Writer, p *ballot.Profile) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"count", "ranking"})
	var b strings.Builder
	for i := 0; i < p.Len(); i++ {
		b.Reset()
		marks := p.Ranking(i)
		first := true
		var err error
		ballot.Ranks(marks, func(rank []ballot.Mark) bool {
			if !first {
				b.WriteByte('>')
			}
			first = false
			for _, m := range rank {
				switch {
				case m == ballot.Equal:
					b.WriteByte('=')
				case m == ballot.Unknown:
					err = fmt.Errorf("ranking %d has a mark naming no candidate, which the count,ranking layout cannot hold (BLT can)", i+1)
					return false
				default:
					name := p.Candidates[m]
					if strings.ContainsAny(name, "<>=") {
						err = fmt.Errorf("candidate name %q holds '>' or '=', which this layout cannot hold", name)
						return false
					}
					b.WriteString(name)
				}
			}
			return true
		})
		if err != nil {
			return err
		}
		cw.Write([]string{strconv.FormatInt(p.Weight(i), 10), b.String()})
	}
	cw.Flush()
	return cw.Error()
}
