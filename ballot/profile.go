package ballot

import (
	"fmt"
	"slices"
)

// A Mark is one entry of a ranking as the voter marked it: a candidate (its
// 0-based index in [Profile.Candidates]) or one of [Skip], [Equal] and
// [Unknown].
type Mark int32

const (
	// Skip is a rank left blank (BLT "-", an empty cast-vote-record cell,
	// an "undervote" label).
	Skip Mark = -1
	// Equal joins the marks either side of it into one rank: "a=b" in BLT,
	// two rows for one rank in a ballot_id,rank,choice file. It is an
	// overvote, or an equal ranking where [Profile.EqualRanks] says the
	// format allows them.
	Equal Mark = -2
	// Unknown is a mark that names no candidate on the ballot paper: BLT
	// "-=-" (an overvote whose candidates the source does not give), or a
	// name missing from a file's candidate list.
	Unknown Mark = -3
)

// MaxCandidates is the most candidates a profile may have.
const MaxCandidates = 1 << 20

// MaxBallots is the most ballots a profile may hold, and so the largest
// weight of one line: a trillion, far more than any electorate, so that
// tallies of ballots can never overflow an int64.
const MaxBallots int64 = 1_000_000_000_000

// A Profile is a set of ranked ballots: each distinct ranking once, with its
// weight (a count of ballots). Build one with [NewProfile] and [Profile.Add].
type Profile struct {
	// Title is the election's title as the file gives it, or "".
	Title string
	// Seats to fill, as the file says; 0 when it does not say.
	Seats int
	// Candidates' names; a [Mark] c ≥ 0 is Candidates[c].
	Candidates []string
	// Parties of the candidates where the file gives them (same length as
	// Candidates), else nil.
	Parties []string
	// Notes on the input that the reader kept but did not apply, e.g. a
	// BLT option meant for another counting program.
	Notes []string
	// Withdrawn candidates (indices) take no part in the count: marks for
	// them are passed over (BLT's negative line or [withdrawn ...] option).
	Withdrawn []int
	// WriteIns are undeclared write-in candidates (indices), which some
	// rules exclude first (RCTab; BLT [undeclared ...]).
	WriteIns []int
	// TieOrder is an order of candidates (indices) given by the file for
	// breaking ties (BLT's [tie ...] option); nil when none.
	TieOrder []int
	// EqualRanks is true when the format allows equal rankings (PrefLib
	// .toc): several candidates at one rank are then an equal ranking, not
	// an overvote.
	EqualRanks bool

	chunks  [][]Mark // every distinct ranking, one after another, in chunks never moved
	spans   []span   // where ranking i is
	nmarks  int64    // marks in all rankings
	weight  []int64
	hash    []uint64 // of each distinct ranking
	table   []int32  // open addressing on hash: ranking index + 1; 0 empty
	ballots int64
	keep    bool
	order   [][]Run // the ballots' order, in chunks never moved
	runs    int     // runs in order
	over    bool    // more than MaxBallots were added: see Err
}

// chunkSize is the most marks in a chunk of the rankings' store: the store
// grows a chunk at a time (the first small, each next twice the last, up
// to chunkSize) and never copies what it holds.
const chunkSize = 1 << 18

type span struct{ chunk, off, n int32 }

// store appends a ranking to the chunked store.
func (p *Profile) store(marks []Mark) span {
	k := len(p.chunks) - 1
	if k < 0 || len(p.chunks[k])+len(marks) > cap(p.chunks[k]) {
		size := 1 << 12
		if k >= 0 {
			size = min(2*cap(p.chunks[k]), chunkSize)
		}
		p.chunks = append(p.chunks, make([]Mark, 0, max(size, len(marks))))
		k++
	}
	c := p.chunks[k]
	sp := span{int32(k), int32(len(c)), int32(len(marks))}
	p.chunks[k] = append(c, marks...)
	p.nmarks += int64(len(marks))
	return sp
}

// A Run is Count consecutive ballots, in input order, with the distinct
// ranking Ranking (an index for [Profile.Ranking]).
type Run struct {
	Ranking int32
	Count   int64
}

// NewProfile returns an empty profile with the given candidates.
func NewProfile(candidates []string) *Profile {
	return &Profile{
		Candidates: candidates,
		table:      make([]int32, 1024),
	}
}

// KeepOrder makes the profile record the order in which ballots are added
// (see [Profile.Order]); call it before the first Add. It costs 16 bytes
// per run of consecutive ballots with the same ranking; a ballot added with
// weight w is w ballots in a row.
func (p *Profile) KeepOrder() { p.keep = true }

// AddCandidate appends a candidate and returns its index.
func (p *Profile) AddCandidate(name string) Mark {
	p.Candidates = append(p.Candidates, name)
	return Mark(len(p.Candidates) - 1)
}

// Add records weight ballots with the given ranking and returns the index of
// the distinct ranking. The marks are copied. Every candidate mark must be
// below len(Candidates), weight must be positive, and Equal may only stand
// between two marks; Add panics otherwise (readers check their input first:
// see [CheckRanking]).
func (p *Profile) Add(marks []Mark, weight int64) int {
	if err := CheckRanking(marks, len(p.Candidates)); err != nil {
		panic("ballot: " + err.Error())
	}
	if weight <= 0 {
		panic(fmt.Sprintf("ballot: weight %d ≤ 0", weight))
	}
	h := Hash(marks)
	mask := uint64(len(p.table) - 1)
	slot := h & mask
	var i int32
	for {
		e := p.table[slot]
		if e == 0 {
			i = int32(len(p.weight))
			p.table[slot] = i + 1
			if len(p.weight) == cap(p.weight) {
				p.Grow(max(2*len(p.weight), 256))
			}
			p.spans = append(p.spans, p.store(marks))
			p.weight = append(p.weight, 0)
			p.hash = append(p.hash, h)
			if 2*len(p.weight) > len(p.table) {
				p.grow()
			}
			break
		}
		if k := e - 1; p.hash[k] == h && slices.Equal(p.Ranking(int(k)), marks) {
			i = k
			break
		}
		slot = (slot + 1) & mask
	}
	if !p.count(weight) {
		return int(i)
	}
	p.weight[i] += weight
	if p.keep {
		p.run(i, weight)
	}
	return int(i)
}

// runChunk is the most runs in a chunk of the ballots' order: like the
// rankings' store, the order grows a chunk at a time and never copies
// what it holds (a file of 200,000 ballots in order would otherwise copy
// its runs a dozen times over while growing).
const runChunk = 1 << 14

// run records weight ballots of ranking i after those added before.
func (p *Profile) run(i int32, weight int64) {
	k := len(p.order) - 1
	if k >= 0 {
		if c := p.order[k]; len(c) > 0 && c[len(c)-1].Ranking == i {
			c[len(c)-1].Count += weight
			return
		}
	}
	if k < 0 || len(p.order[k]) == cap(p.order[k]) {
		size := 256
		if k >= 0 {
			size = min(2*cap(p.order[k]), runChunk)
		}
		p.order = append(p.order, make([]Run, 0, size))
		k++
	}
	p.order[k] = append(p.order[k], Run{i, weight})
	p.runs++
}

// count adds weight to the ballots, or marks the profile as over
// MaxBallots (then nothing more is added: the profile is unusable, see Err).
func (p *Profile) count(weight int64) bool {
	if p.over || weight > MaxBallots || p.ballots > MaxBallots-weight {
		p.over = true
		return false
	}
	p.ballots += weight
	return true
}

// Overflowed reports whether more than MaxBallots ballots were added.
func (p *Profile) Overflowed() bool { return p.over }

// Err reports a profile that must not be counted: more than MaxBallots
// ballots, or two candidates with the same name (a count could not say
// which one a result means). Readers return it as their error; counts
// refuse a profile for which it is not nil.
func (p *Profile) Err() error {
	if p.over {
		return fmt.Errorf("more than %d ballots: expected real counts (a weight or a total too large)", MaxBallots)
	}
	seen := make(map[string]int, len(p.Candidates))
	for i, c := range p.Candidates {
		if j, dup := seen[c]; dup {
			return fmt.Errorf("candidates %d and %d have the same name %q: expected distinct names", j+1, i+1, c)
		}
		seen[c] = i
	}
	return nil
}

// Grow makes room for n distinct rankings in all, so that adding that many
// does not reallocate.
func (p *Profile) Grow(n int) {
	if n <= cap(p.weight) {
		return
	}
	p.spans = append(make([]span, 0, n), p.spans...)
	p.weight = append(make([]int64, 0, n), p.weight...)
	p.hash = append(make([]uint64, 0, n), p.hash...)
	for 2*n > len(p.table) {
		p.grow()
	}
}

// Hash is a hash of a ranking (FNV-1a over the marks, finished by a
// xor-shift so that the low bits depend on all of them), for tables of
// rankings such as the profile's own.
func Hash(marks []Mark) uint64 {
	h := uint64(14695981039346656037)
	for _, m := range marks {
		h ^= uint64(uint32(m))
		h *= 1099511628211
	}
	h ^= uint64(len(marks))
	h *= 1099511628211
	return h ^ h>>32
}

// grow makes the hash table four times as large: fewer rebuilds, each a
// pass of cache misses over a fresh table, for a load between 1/8 and 1/2.
func (p *Profile) grow() {
	t := make([]int32, 4*len(p.table))
	mask := uint64(len(t) - 1)
	for k, h := range p.hash {
		slot := h & mask
		for t[slot] != 0 {
			slot = (slot + 1) & mask
		}
		t[slot] = int32(k) + 1
	}
	p.table = t
}

// AddWeight records weight more ballots with distinct ranking i (as
// returned by Add). It panics when weight ≤ 0.
func (p *Profile) AddWeight(i int, weight int64) {
	if weight <= 0 {
		panic(fmt.Sprintf("ballot: weight %d ≤ 0", weight))
	}
	if !p.count(weight) {
		return
	}
	p.weight[i] += weight
	if p.keep {
		p.run(int32(i), weight)
	}
}

// CheckRanking returns an error when marks are not a well-formed ranking for
// n candidates: a candidate index out of range, a negative value that is not
// Skip, Equal or Unknown, or Equal not standing between two marks that are
// candidates or Unknown.
func CheckRanking(marks []Mark, n int) error {
	for i, m := range marks {
		switch {
		case m >= 0:
			if int(m) >= n {
				return fmt.Errorf("mark %d names candidate %d; there are %d candidates", i+1, m+1, n)
			}
		case m == Equal:
			if i == 0 || i == len(marks)-1 || !named(marks[i-1]) || !named(marks[i+1]) {
				return fmt.Errorf("mark %d: '=' must stand between two candidates", i+1)
			}
		case m == Skip || m == Unknown:
		default:
			return fmt.Errorf("mark %d: invalid value %d", i+1, m)
		}
	}
	return nil
}

func named(m Mark) bool { return m >= 0 || m == Unknown }

// Len is the number of distinct rankings.
func (p *Profile) Len() int { return len(p.weight) }

// Ranking returns distinct ranking i (0 ≤ i < Len) as marked. The slice
// belongs to the profile: do not change it.
func (p *Profile) Ranking(i int) []Mark {
	sp := p.spans[i]
	return p.chunks[sp.chunk][sp.off : sp.off+sp.n : sp.off+sp.n]
}

// Marks is the number of marks in all the distinct rankings.
func (p *Profile) Marks() int64 { return p.nmarks }

// Weight returns the number of ballots with distinct ranking i.
func (p *Profile) Weight(i int) int64 { return p.weight[i] }

// Ballots is the number of ballots in the profile (the sum of the weights),
// blank ones included.
func (p *Profile) Ballots() int64 { return p.ballots }

// Order returns the ballots in the order added, as runs of consecutive
// ballots with the same distinct ranking; nil unless [Profile.KeepOrder]
// was called. Each call makes a new slice (16 bytes a run), so that the
// profile is never written by a reader: call it once.
func (p *Profile) Order() []Run {
	if p.runs == 0 {
		return nil
	}
	out := make([]Run, 0, p.runs)
	for _, c := range p.order {
		out = append(out, c...)
	}
	return out
}

// Ordered reports whether the profile keeps ballot order.
func (p *Profile) Ordered() bool { return p.keep }

// CandidateIndex returns the index of the candidate with the given name, or
// -1.
func (p *Profile) CandidateIndex(name string) int {
	for i, c := range p.Candidates {
		if c == name {
			return i
		}
	}
	return -1
}

// Ranks splits a ranking into ranks: each rank is the marks at one
// preference: one mark; several joined by [Equal] (the Equal marks
// included) for an overvote or equal ranking; none for a skipped rank. It calls f with each rank in order and stops early when f
// returns false.
func Ranks(marks []Mark, f func(rank []Mark) bool) {
	for i := 0; i < len(marks); {
		if marks[i] == Skip {
			if !f(nil) {
				return
			}
			i++
			continue
		}
		j := i + 1
		for j+1 < len(marks) && marks[j] == Equal {
			j += 2
		}
		if !f(marks[i:j]) {
			return
		}
		i = j
	}
}
