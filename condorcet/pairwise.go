package condorcet

import (
	"fmt"
	"slices"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/internal/enum"
)

// Unranked says how a ballot compares a candidate it ranks with one it
// leaves unranked.
type Unranked uint8

const (
	// UnrankedBelow: every candidate a ballot ranks is preferred to every
	// candidate it leaves unranked, and the unranked ones are equal to each
	// other (Schulze 2011, §2.1; Debian Constitution A.6(1); Tideman 2006).
	UnrankedBelow Unranked = iota
	// UnrankedIgnored: a ballot states a preference only between two
	// candidates it both ranks; a pair with an unranked candidate counts
	// for neither.
	UnrankedIgnored
)

var unrankedNames = []string{"below", "ignored"}

func (u Unranked) String() string { return enum.Name(unrankedNames, u, "Unranked") }

// ParseUnranked reads an Unranked by its String name.
func ParseUnranked(s string) (Unranked, error) {
	return enum.Parse[Unranked](unrankedNames, s, "unranked convention")
}

// Overvote says how a rank holding several candidates is read in a format
// where that is an overvote (the ballot paper allows one candidate a rank:
// BLT "a=b", two rows for one rank in a ballot_id,rank,choice file). In
// formats that allow equal rankings ([ballot.Profile.EqualRanks]: PrefLib
// .toc/.toi, the Debian tally sheets) they are always equal rankings.
type Overvote uint8

const (
	// OvervoteEqual reads the overvoted candidates as ranked equally at
	// that rank: each is preferred to every candidate ranked lower, and none
	// to another.
	OvervoteEqual Overvote = iota
	// OvervoteExhaust ends the ballot's ranking before the overvoted rank:
	// the overvoted candidates, and every later mark, count as unranked (the
	// reading under which an instant-runoff count exhausts the ballot there).
	OvervoteExhaust
	// OvervoteSkip passes over the overvoted rank: its candidates count as
	// unranked and the later ranks still count.
	OvervoteSkip
)

var overvoteNames = []string{"equal", "exhaust", "skip"}

func (o Overvote) String() string { return enum.Name(overvoteNames, o, "Overvote") }

// ParseOvervote reads an Overvote by its String name.
func ParseOvervote(s string) (Overvote, error) {
	return enum.Parse[Overvote](overvoteNames, s, "overvote reading")
}

// Options say how ballots become pairwise preferences. The zero value ranks
// unranked candidates below ranked ones and reads an overvote as an equal
// ranking.
//
// Fixed readings (not options): a candidate marked more than once counts at
// its first (highest) mark; skipped ranks and marks naming no candidate are
// passed over; withdrawn candidates ([ballot.Profile.Withdrawn]) take no
// part and marks for them are passed over. The ballots read so are counted
// ([Matrix.Duplicate], [Matrix.SkippedRank], [Matrix.Unknown]), never
// passed over silently.
type Options struct {
	Unranked Unranked
	Overvote Overvote
}

// String describes the options in one line, e.g. "unranked=below
// overvote=equal".
func (o Options) String() string {
	return fmt.Sprintf("unranked=%s overvote=%s", o.Unranked, o.Overvote)
}

// A Matrix is the pairwise comparison of the candidates: for each ordered
// pair (a, b), the number of ballots that prefer a to b. Candidates are
// indexed 0..N()-1 in the profile's order with withdrawn candidates left
// out. Units: ballots.
type Matrix struct {
	// Names of the candidates, in matrix order.
	Names []string
	// Source maps a matrix index to the candidate's index in the profile.
	Source []int
	// Ballots in the profile, blank ones included. Empty ballots state no
	// preference: no candidate is read from them (blank papers, ballots
	// marking only withdrawn candidates or unknown marks, an overvote at
	// the first rank read as OvervoteExhaust). EqualRanking counts the
	// ballots with two or more candidates at one rank (equal rankings, or
	// overvotes read as OvervoteEqual); Overvote the ballots with an
	// overvote read as OvervoteExhaust or OvervoteSkip.
	Ballots, Empty, EqualRanking, Overvote int64
	// Ballots with marks the fixed readings passed over (see Options):
	// Unknown, a mark naming no candidate (among them an overvote whose
	// candidates the file does not give, BLT "-=-", under OvervoteEqual:
	// there is nothing to rank equally); Duplicate, a candidate marked
	// again (counted at its first mark); SkippedRank, a blank rank before a
	// later mark. A ballot with several kinds counts under each.
	Unknown, Duplicate, SkippedRank int64
	// Options used.
	Options Options
	// EqualRanks: the format allows equal rankings, so no rank is an
	// overvote and Options.Overvote had nothing to read.
	EqualRanks bool

	n int
	d []int64 // d[a*n+b]
}

// N is the number of candidates.
func (m *Matrix) N() int { return m.n }

// Prefer is the number of ballots that prefer a to b (d[a,b] in Schulze's
// notation, V(a,b) in the Debian constitution).
func (m *Matrix) Prefer(a, b int) int64 { return m.d[a*m.n+b] }

// Beats reports whether a majority of the ballots expressing a preference
// between a and b prefer a: Prefer(a,b) > Prefer(b,a).
func (m *Matrix) Beats(a, b int) bool { return m.d[a*m.n+b] > m.d[b*m.n+a] }

// Margin is Prefer(a,b) − Prefer(b,a).
func (m *Matrix) Margin(a, b int) int64 { return m.d[a*m.n+b] - m.d[b*m.n+a] }

// Index returns the matrix index of the named candidate, or -1.
func (m *Matrix) Index(name string) int {
	for i, s := range m.Names {
		if s == name {
			return i
		}
	}
	return -1
}

// NewMatrix returns a matrix of the given candidates with the given counts:
// prefer[a][b] ballots prefer a to b. It is for tests and for tallies made
// elsewhere; prefer must be square with a zero diagonal and no negative
// count.
func NewMatrix(names []string, prefer [][]int64) (*Matrix, error) {
	n := len(names)
	if len(prefer) != n {
		return nil, fmt.Errorf("condorcet: %d rows for %d candidates", len(prefer), n)
	}
	m := &Matrix{Names: names, Source: make([]int, n), n: n, d: make([]int64, n*n)}
	for a := range prefer {
		if len(prefer[a]) != n {
			return nil, fmt.Errorf("condorcet: row %d has %d counts for %d candidates", a+1, len(prefer[a]), n)
		}
		m.Source[a] = a
		for b, v := range prefer[a] {
			if v < 0 || (a == b && v != 0) {
				return nil, fmt.Errorf("condorcet: count %d for (%d,%d) is not allowed", v, a+1, b+1)
			}
			m.d[a*n+b] = v
		}
	}
	return m, nil
}

// A reader turns a ranking as marked into ranks of matrix candidates, by
// the Options' readings.
type reader struct {
	opt        Options
	equalRanks bool
	index      []int32 // profile index → matrix index, -1 withdrawn
	seen       []int32
	stamp      int32
	flat       []int32 // ranked candidates, rank by rank
	ends       []int   // end of each rank in flat
	// equal: a rank held several candidates; over: an overvote was
	// exhausted or skipped; unknown, dup, skipped: a mark naming no
	// candidate, a repeated candidate, a blank rank before a later mark
	// were passed over.
	equal, over, unknown, dup, skipped bool
}

// newReader returns the reader for p and the matrix's candidates (names and
// profile indices).
func newReader(p *ballot.Profile, opt Options) (*reader, []string, []int) {
	nc := len(p.Candidates)
	out := make([]bool, nc)
	for _, w := range p.Withdrawn {
		if w >= 0 && w < nc {
			out[w] = true
		}
	}
	rd := &reader{opt: opt, equalRanks: p.EqualRanks, index: make([]int32, nc)}
	var names []string
	var source []int
	for c := 0; c < nc; c++ {
		rd.index[c] = -1
		if !out[c] {
			rd.index[c] = int32(len(names))
			names = append(names, p.Candidates[c])
			source = append(source, c)
		}
	}
	rd.seen = make([]int32, len(names))
	return rd, names, source
}

// read splits marks into ranks (rd.flat, rd.ends). A rank with two or more
// marks (distinct candidates or marks naming no candidate) is an overvote
// in a format without equal rankings, and the exhaust and skip readings
// apply to it whatever its marks name, as an instant-runoff count reads it.
// Otherwise withdrawn candidates, candidates ranked before and marks naming
// no candidate are passed over, a rank left empty is dropped, and a rank
// left with several candidates is an equal ranking. What it passes over is
// flagged (rd.unknown, rd.dup, rd.skipped) for the matrix's counts.
func (rd *reader) read(marks []ballot.Mark) {
	rd.stamp++
	rd.flat, rd.ends = rd.flat[:0], rd.ends[:0]
	rd.equal, rd.over, rd.unknown, rd.dup, rd.skipped = false, false, false, false, false
	gap := false
	ballot.Ranks(marks, func(rank []ballot.Mark) bool {
		if len(rank) == 0 {
			gap = true
			return true
		}
		if gap {
			rd.skipped, gap = true, false
		}
		start := len(rd.flat)
		marked := 0 // distinct candidates and unknown marks at this rank
		unknown, dup := false, false
		for j, mk := range rank {
			switch {
			case mk == ballot.Unknown:
				marked++
				unknown = true
			case mk >= 0 && !slices.Contains(rank[:j], mk):
				marked++
			}
			if mk < 0 {
				continue
			}
			c := rd.index[mk]
			if c < 0 {
				continue
			}
			if rd.seen[c] == rd.stamp {
				dup = true
				continue
			}
			rd.seen[c] = rd.stamp
			rd.flat = append(rd.flat, c)
		}
		if marked > 1 && !rd.equalRanks {
			switch rd.opt.Overvote {
			case OvervoteExhaust:
				rd.flat = rd.flat[:start]
				rd.over = true
				return false
			case OvervoteSkip:
				// As if the rank were blank: a later mark for one of
				// these candidates counts.
				for _, c := range rd.flat[start:] {
					rd.seen[c] = 0
				}
				rd.flat = rd.flat[:start]
				rd.over = true
				return true
			}
		}
		rd.unknown = rd.unknown || unknown
		rd.dup = rd.dup || dup
		k := len(rd.flat) - start
		if k == 0 {
			return true
		}
		rd.equal = rd.equal || k > 1
		rd.ends = append(rd.ends, len(rd.flat))
		return true
	})
}

// Tally builds the pairwise matrix of a profile. Each distinct ranking is
// read once and counted with its weight: for the usual convention
// (UnrankedBelow) a ballot adds its weight to a candidate's whole row and
// takes it back for the candidates ranked at or above that candidate, so the
// work per ranking grows with the square of the candidates it ranks, not of
// the candidates standing. Counts are exact int64.
func Tally(p *ballot.Profile, opt Options) *Matrix {
	rd, names, source := newReader(p, opt)
	n := len(names)
	m := &Matrix{Names: names, Source: source, Options: opt, EqualRanks: p.EqualRanks, Ballots: p.Ballots(), n: n, d: make([]int64, n*n)}
	row := make([]int64, n) // UnrankedBelow: weight added to a's whole row
	for i := 0; i < p.Len(); i++ {
		w := p.Weight(i)
		rd.read(p.Ranking(i))
		flat := rd.flat
		if rd.over {
			m.Overvote += w
		}
		if rd.unknown {
			m.Unknown += w
		}
		if rd.dup {
			m.Duplicate += w
		}
		if rd.skipped {
			m.SkippedRank += w
		}
		if len(flat) == 0 {
			m.Empty += w
			continue
		}
		if rd.equal {
			m.EqualRanking += w
		}
		lo := 0
		for _, hi := range rd.ends {
			for _, a := range flat[lo:hi] {
				r := m.d[int(a)*n : int(a)*n+n]
				if opt.Unranked == UnrankedBelow {
					// a beats everyone but the candidates at its rank or
					// above.
					row[a] += w
					for _, b := range flat[:hi] {
						r[b] -= w
					}
				} else {
					for _, b := range flat[hi:] {
						r[b] += w
					}
				}
			}
			lo = hi
		}
	}
	if opt.Unranked == UnrankedBelow {
		for a := 0; a < n; a++ {
			r := m.d[a*n : a*n+n]
			for b := range r {
				r[b] += row[a]
			}
			r[a] = 0
		}
	}
	return m
}

// CondorcetWinner returns the candidate who beats every other candidate
// head to head (Beats), or -1 when there is none.
func (m *Matrix) CondorcetWinner() int {
	for a := 0; a < m.n; a++ {
		if m.beatsAll(a, true) {
			return a
		}
	}
	return -1
}

// CondorcetLoser returns the candidate whom every other candidate beats
// head to head, or -1 when there is none.
func (m *Matrix) CondorcetLoser() int {
	for a := 0; a < m.n; a++ {
		if m.beatsAll(a, false) {
			return a
		}
	}
	return -1
}

func (m *Matrix) beatsAll(a int, win bool) bool {
	if m.n < 2 {
		return m.n == 1 && win
	}
	for b := 0; b < m.n; b++ {
		if b == a {
			continue
		}
		if win && !m.Beats(a, b) || !win && !m.Beats(b, a) {
			return false
		}
	}
	return true
}
