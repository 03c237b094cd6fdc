package stv

import (
	"errors"
	"fmt"
	"math/big"
	"sort"

	"github.com/psephos/psephos/ballot"
)

// meekCount counts by Meek's or Warren's method. Every elected candidate
// has a keep factor kf: the share of each ballot's value reaching them
// that they keep (Meek), or the value they keep from each ballot while it
// has that much (Warren); the rest passes on. Keep factors are found by
// iteration so that every elected candidate keeps about a quota.
type meekCount[N any] struct {
	core[N]
	warren bool
	walk   []bool // hopeful or elected: the ballot stops at them
	kf     []N
	exh    N // votes kept by no one (exhausted and rounding residue)
	omega  N
	iters  int
	guard  int64 // exact keep factors are rounded up to multiples of 1/guard
	trie   []trieNode
}

func newMeek[N any](ar arith[N], pp *ballot.Prepared, r *Rules, seats int) *meekCount[N] {
	m := &meekCount[N]{core: newCore(ar, pp, r, seats), warren: r.Method == Warren}
	m.walk, m.kf = make([]bool, m.n), make([]N, m.n)
	for k := range m.kf {
		m.kf[k] = ar.whole(1)
		m.walk[k] = m.state[k] != withdrawn
		if !m.walk[k] {
			m.kf[k] = ar.whole(0)
		}
	}
	// omega = 10^-Omega.
	om := r.Meek.Omega
	if om <= 0 {
		om = 6
	}
	pow := int64(1)
	for i := 0; i < om && i < 18; i++ {
		pow *= 10
	}
	m.omega = ar.mulDiv(ar.whole(1), ar.whole(1), ar.whole(pow))
	if ar.sign(m.omega) == 0 {
		m.omega = ar.unit()
	}
	m.ties = tieBreaker[N]{ar: ar, tb: r.TieBreak, names: m.names, hist: &m.hist}
	g := int64(1)
	for i := 0; i < om+8 && i < 18; i++ {
		g *= 10
	}
	m.guard = g
	m.trie = buildTrie(pp)
	return m
}

// roundUpRat rounds an exact value up to a multiple of 1/den.
func roundUpRat[N any](ar arith[N], v N, den int64) N {
	zero := ar.whole(0)
	x := ar.mulInt(v, den)
	ceil := ar.sub(zero, ar.floorWhole(ar.sub(zero, x)))
	return ar.divInt(ceil, den)
}

// A trie of the rankings: ballots that share the first k preferences
// share a path, so a distribution walks each shared prefix once, and stops
// at the first continuing (hopeful) candidate of each path.
type trieNode struct {
	cand    int32
	child   int32 // first child, or -1
	next    int32 // next sibling, or -1
	through int64 // ballots whose ranking passes through this node
	end     int64 // ballots whose ranking ends at this node
}

// buildTrie builds the trie when every prepared ranking is plain (only
// candidates, no overvote groups); else nil, and the count walks ballot by
// ballot.
func buildTrie(pp *ballot.Prepared) []trieNode {
	nodes := []trieNode{{cand: -1, child: -1, next: -1}}
	kids := map[uint64]int32{}
	for i := 0; i < pp.Len(); i++ {
		e := pp.Entries(i)
		w := pp.Weight(i)
		at := int32(0)
		for _, c := range e {
			if c < 0 {
				return nil
			}
			key := uint64(at)<<21 | uint64(c)
			ch, ok := kids[key]
			if !ok {
				ch = int32(len(nodes))
				nodes = append(nodes, trieNode{cand: int32(c), child: -1, next: nodes[at].child})
				nodes[at].child = ch
				kids[key] = ch
			}
			nodes[ch].through += w
			at = ch
		}
		nodes[at].end += w
	}
	return nodes
}

// share is what an elected candidate with keep factor kf keeps of a value
// v reaching them, and what passes on.
func (m *meekCount[N]) share(v, kf N) (keep, rem N) {
	ar := m.ar
	switch {
	case m.warren:
		keep = kf
		if ar.cmp(keep, v) > 0 {
			keep = v
		}
		return keep, ar.sub(v, keep)
	case ar.exact():
		keep = ar.mul(v, kf)
		return keep, ar.sub(v, keep)
	case m.r.Meek.RoundUp:
		return ar.mulUp(v, kf), ar.mulUp(v, ar.sub(ar.whole(1), kf))
	default:
		return ar.mul(v, kf), ar.mul(v, ar.sub(ar.whole(1), kf))
	}
}

// walkTrie distributes value v (per ballot) reaching the children of node.
func (m *meekCount[N]) walkTrie(node int32, v N) {
	ar := m.ar
	for ch := m.trie[node].child; ch >= 0; ch = m.trie[ch].next {
		n := &m.trie[ch]
		c := n.cand
		switch m.state[c] {
		case hopeful:
			m.vote[c] = ar.add(m.vote[c], ar.mulInt(v, n.through))
		case elected:
			keep, rem := m.share(v, m.kf[c])
			m.vote[c] = ar.add(m.vote[c], ar.mulInt(keep, n.through))
			if ar.sign(rem) > 0 {
				if n.end > 0 {
					m.exh = ar.add(m.exh, ar.mulInt(rem, n.end))
				}
				m.walkTrie(ch, rem)
			}
		default: // excluded or withdrawn: passed over
			if n.end > 0 {
				m.exh = ar.add(m.exh, ar.mulInt(v, n.end))
			}
			m.walkTrie(ch, v)
		}
	}
}

// distribute passes every ballot down its ranking: a hopeful candidate
// takes what is left; an elected one keeps its keep factor's share.
func (m *meekCount[N]) distribute() {
	ar, pp := m.ar, m.pp
	if m.trie != nil {
		for k := range m.vote {
			m.vote[k] = ar.whole(0)
		}
		m.exh = ar.whole(0)
		m.walkTrie(0, ar.whole(1))
		return
	}
	zero := ar.whole(0)
	for k := range m.vote {
		m.vote[k] = zero
	}
	one := ar.whole(1)
	exh := zero
	for i := 0; i < pp.Len(); i++ {
		w := pp.Weight(i)
		rem := one
		pos := int32(0)
		for {
			st, c, at, _ := pp.Next(i, pos, m.walk)
			if st != ballot.Counts {
				break
			}
			if m.state[c] == hopeful {
				m.vote[c] = ar.add(m.vote[c], ar.mulInt(rem, w))
				rem = zero
				break
			}
			keep, left := m.share(rem, m.kf[c])
			m.vote[c] = ar.add(m.vote[c], ar.mulInt(keep, w))
			rem = left
			if ar.sign(rem) <= 0 {
				break
			}
			pos = pp.After(i, at)
		}
		if ar.sign(rem) > 0 {
			exh = ar.add(exh, ar.mulInt(rem, w))
		}
	}
	m.exh = exh
}

func (m *meekCount[N]) computeQuota() N {
	ar := m.ar
	base := m.counting()
	s := int64(m.seats)
	switch m.r.Quota.Formula {
	case QuotaDroopNZ:
		if ar.exact() {
			return ar.divInt(base, s+1)
		}
		return ar.add(ar.divInt(base, s+1), ar.unit())
	case QuotaDroop:
		return ar.add(ar.floorWhole(ar.divInt(base, s+1)), ar.whole(1))
	default:
		return ar.divInt(base, s+1)
	}
}

func (m *meekCount[N]) surplus() N {
	t := m.ar.whole(0)
	for k, s := range m.state {
		if s == elected {
			if d := m.ar.sub(m.vote[k], m.quota); m.ar.sign(d) > 0 {
				t = m.ar.add(t, d)
			}
		}
	}
	return t
}

func (m *meekCount[N]) record(st Stage) *Stage {
	st.KeepFactors = make([]Value, m.n)
	for k := range m.kf {
		st.KeepFactors[k] = m.ar.value(m.kf[k])
	}
	st.Exhausted = m.ar.value(m.exh)
	st.LossByFraction = m.ar.value(m.ar.whole(0))
	return m.snapshot(st)
}

func (m *meekCount[N]) elect(st *Stage, k int, why string) { m.markElected(st, k, why) }

func (m *meekCount[N]) exclude(k int) {
	m.state[k] = excluded
	m.walk[k] = false
	m.kf[k] = m.ar.whole(0)
}

// iterate updates keep factors until a candidate is elected, the surplus
// is at most omega or stops falling, or (ExcludeBatch) there are sure
// losers to exclude. It returns whether someone was elected, and the sure
// losers.
func (m *meekCount[N]) iterate(st *Stage) (bool, []int, error) {
	ar := m.ar
	var last N
	haveLast := false
	for it := 1; ; it++ {
		m.distribute()
		m.quota = m.computeQuota()
		st.Iterations = it
		m.iters++
		var got []int
		for _, k := range m.hopefuls() {
			if m.hasQuota(m.vote[k]) {
				got = append(got, k)
			}
		}
		if len(got) > 0 {
			sort.SliceStable(got, func(i, j int) bool { return ar.cmp(m.vote[got[i]], m.vote[got[j]]) > 0 })
			for _, k := range got {
				if m.nElected < m.seats {
					m.elect(st, k, "quota")
				}
			}
			return true, nil, nil
		}
		s := m.surplus()
		if ar.cmp(s, m.omega) <= 0 {
			st.Note = "surplus " + ar.value(s).String() + " at most omega"
			return false, nil, nil
		}
		if haveLast && ar.cmp(s, last) >= 0 {
			st.Note = "surplus stable at " + ar.value(s).String()
			return false, nil, nil
		}
		if m.r.Exclusion == ExcludeBatch {
			if b := m.sureLosers(m.hopefuls(), s); len(b) > 0 {
				st.Note = "sure losers at surplus " + ar.value(s).String()
				return false, b, nil
			}
		}
		if it > 1000000 {
			return false, nil, errors.New("Meek iteration did not converge")
		}
		last, haveLast = s, true
		for k, stt := range m.state {
			if stt != elected {
				continue
			}
			if ar.exact() {
				// Exact keep factors would grow without end in size;
				// they are rounded up to Omega+8 decimal places, far
				// below omega, so the count stays exact where it decides.
				m.kf[k] = roundUpRat(ar, ar.mulDiv(m.kf[k], m.quota, m.vote[k]), m.guard)
			} else {
				m.kf[k] = ar.mulDivUp(m.kf[k], m.quota, m.vote[k])
			}
		}
	}
}

func (m *meekCount[N]) run() error {
	ar := m.ar
	// First stage: first preferences, every keep factor one.
	m.distribute()
	m.quota = m.computeQuota()
	m.record(Stage{Kind: FirstStage})
	for {
		left := m.seats - m.nElected
		hs := m.hopefuls()
		cur := &m.stages[len(m.stages)-1]
		if left <= 0 {
			return nil
		}
		if len(hs) <= left {
			sort.SliceStable(hs, func(i, j int) bool { return ar.cmp(m.vote[hs[i]], m.vote[hs[j]]) > 0 })
			for _, k := range hs {
				m.elect(cur, k, "remaining")
			}
			return nil
		}
		var st Stage
		st.Kind = IterationStage
		got, out, err := m.iterate(&st)
		if err != nil {
			return err
		}
		if !got {
			// Exclude the sure losers, or the lowest hopeful candidate.
			st.ExclusionReason = "bulk"
			if len(out) == 0 {
				st.ExclusionReason = "lowest"
				// The stage's votes join the history for the countback.
				m.hist = append(m.hist, append([]N(nil), m.vote...))
				low, err := m.lowest(&st, len(m.stages)+1)
				m.hist = m.hist[:len(m.hist)-1]
				if err != nil {
					return err
				}
				out = []int{low}
			}
			for _, k := range out {
				m.exclude(k)
			}
			st.Excluded = out
		}
		m.record(st)
	}
}

// sureLosers is the largest set of lowest hopeful candidates whose votes
// together with the total surplus are fewer than the next candidate's,
// leaving enough hopefuls for the vacancies and never parting candidates
// within the surplus of each other (Droop's "defeat_batch=safe").
func (m *meekCount[N]) sureLosers(hs []int, surplus N) []int {
	ar := m.ar
	s := append([]int(nil), hs...)
	sort.SliceStable(s, func(i, j int) bool { return ar.cmp(m.vote[s[i]], m.vote[s[j]]) < 0 })
	// Groups of candidates within the surplus of the group's first (of
	// zero, for the first group).
	var groups [][]int
	ref := ar.whole(0)
	for _, k := range s {
		if ar.cmp(ar.add(ref, surplus), m.vote[k]) >= 0 {
			if len(groups) == 0 {
				groups = append(groups, nil)
			}
			groups[len(groups)-1] = append(groups[len(groups)-1], k)
			continue
		}
		groups = append(groups, []int{k})
		ref = m.vote[k]
	}
	maxOut := len(s) - (m.seats - m.nElected)
	sum := ar.whole(0)
	out, n, best := []int(nil), 0, -1
	for g := 0; g+1 < len(groups); g++ {
		n += len(groups[g])
		if n > maxOut {
			break
		}
		for _, k := range groups[g] {
			sum = ar.add(sum, m.vote[k])
		}
		if ar.cmp(ar.add(sum, surplus), m.vote[groups[g+1][0]]) < 0 {
			best = g
		}
	}
	for g := 0; g <= best; g++ {
		out = append(out, groups[g]...)
	}
	return out
}

// countMeek runs a Meek or Warren count in the rule's arithmetic.
func countMeek(pp *ballot.Prepared, r *Rules, seats int) (stages []Stage, elected []int, quota Value, err error) {
	defer func() {
		if e := recover(); e != nil {
			if o, ok := e.(overflowError); ok {
				err = o
				return
			}
			panic(e)
		}
	}()
	if r.Arithmetic.Kind == Exact {
		m := newMeek[*big.Rat](ratArith{}, pp, r, seats)
		err = m.run()
		return m.stages, m.electedOrder(), m.stages[0].Quota, err
	}
	if r.Arithmetic.Decimals < 1 || r.Arithmetic.Decimals > 9 {
		return nil, nil, Value{}, fmt.Errorf("Meek in fixed-point arithmetic with %d decimals: expected 1 to 9 (or exact arithmetic)", r.Arithmetic.Decimals)
	}
	m := newMeek[int64](newFixed(r.Arithmetic.Decimals), pp, r, seats)
	err = m.run()
	return m.stages, m.electedOrder(), m.stages[0].Quota, err
}
