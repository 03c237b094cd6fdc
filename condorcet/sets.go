package condorcet

import "math/bits"

// bitset is a set of candidate indices.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (s bitset) has(i int) bool { return s[i>>6]&(1<<(i&63)) != 0 }
func (s bitset) add(i int)      { s[i>>6] |= 1 << (i & 63) }

// or adds t to s and reports whether s changed.
func (s bitset) or(t bitset) bool {
	changed := false
	for i := range s {
		v := s[i] | t[i]
		changed = changed || v != s[i]
		s[i] = v
	}
	return changed
}

func (s bitset) count() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

// closure returns the transitive closure of the relation rel (rel[a] is the
// set of b with a→b) restricted to the candidates in, by Warshall's
// algorithm on bit rows: reach[a] is the set of b reachable from a by one
// or more steps.
func closure(rel []bitset, in []int) []bitset {
	reach := make([]bitset, len(rel))
	for _, a := range in {
		reach[a] = append(bitset(nil), rel[a]...)
	}
	for _, k := range in {
		for _, a := range in {
			if reach[a].has(k) {
				reach[a].or(reach[k])
			}
		}
	}
	return reach
}

// all returns 0..n-1.
func all(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// Smith returns the Smith set (Smith 1973; Schwartz's GETCHA): the smallest
// non-empty set of candidates each of whom beats (Beats) every candidate
// outside it. It is the set of candidates from whom every other candidate
// can be reached by a chain of "beats or ties" steps. Indices ascending.
func (m *Matrix) Smith() []int { return m.smithOf(all(m.n)) }

// smithOf is the Smith set of the candidates in (ascending indices).
func (m *Matrix) smithOf(in []int) []int {
	return top(m.n, in, func(a, b int) bool { return !m.Beats(b, a) }, func(reach []bitset, a, b int) bool { return reach[a].has(b) })
}

// Schwartz returns the Schwartz set (Schwartz 1986, GOCHA): the union of the
// smallest sets of candidates that no outside candidate beats. A candidate a
// is in it when every candidate b that reaches a by a chain of defeats
// (Beats) is also reached from a by one (the Debian Constitution's wording,
// A.6(6)). It is a subset of the Smith set; the two differ only when some
// pairs tie. Indices ascending.
func (m *Matrix) Schwartz() []int {
	return schwartzOf(m.n, all(m.n), func(a, b int) bool { return m.Beats(a, b) })
}

// schwartzOf is the Schwartz set of the candidates in under the defeat
// relation beats.
func schwartzOf(n int, in []int, beats func(a, b int) bool) []int {
	return top(n, in, beats, func(reach []bitset, a, b int) bool { return !reach[b].has(a) || reach[a].has(b) })
}

// top returns the candidates a of in for which keep(reach, a, b) holds for
// every other b of in, reach being the transitive closure of rel on in.
func top(n int, in []int, rel func(a, b int) bool, keep func(reach []bitset, a, b int) bool) []int {
	r := make([]bitset, n)
	for _, a := range in {
		r[a] = newBitset(n)
		for _, b := range in {
			if a != b && rel(a, b) {
				r[a].add(b)
			}
		}
	}
	reach := closure(r, in)
	var out []int
	for _, a := range in {
		ok := true
		for _, b := range in {
			if b != a && !keep(reach, a, b) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, a)
		}
	}
	return out
}

// SmithLevels splits the candidates into successive Smith sets: the Smith
// set, then the Smith set of those left, and so on. Every candidate of a
// level beats every candidate of each later level. Indices ascending in
// each level.
func (m *Matrix) SmithLevels() [][]int {
	left := all(m.n)
	var out [][]int
	for len(left) > 0 {
		s := m.smithOf(left)
		out = append(out, s)
		in := newBitset(m.n)
		for _, a := range s {
			in.add(a)
		}
		rest := left[:0:0]
		for _, a := range left {
			if !in.has(a) {
				rest = append(rest, a)
			}
		}
		left = rest
	}
	return out
}

// Cycle reports whether some candidates beat one another in a cycle
// (a beats b beats ... beats a): the majority relation is not transitive.
func (m *Matrix) Cycle() bool {
	rel := make([]bitset, m.n)
	in := all(m.n)
	for a := range rel {
		rel[a] = newBitset(m.n)
		for b := range rel {
			if a != b && m.Beats(a, b) {
				rel[a].add(b)
			}
		}
	}
	for a, r := range closure(rel, in) {
		if r.has(a) {
			return true
		}
	}
	return false
}
