package condorcet

import (
	"fmt"
	"math"
	"math/bits"
)

// MaxKemeny is the most candidates in one Smith level that Kemeny–Young is
// computed for: exactly, by dynamic programming over the 2^k subsets of the
// level (2^20 subsets: 16 MiB and well under a second).
const MaxKemeny = 20

// MaxKemenyListed is the most optimal rankings a result lists.
const MaxKemenyListed = 10

// KemenyDetail describes the Kemeny–Young rankings.
type KemenyDetail struct {
	// Score of an optimal ranking: the sum, over every pair of candidates,
	// of the ballots preferring the one it ranks higher. Units: ballots.
	Score int64
	// Optimal is the number of rankings with that score; Saturated says
	// the true number is larger than the integer can hold.
	Optimal   uint64
	Saturated bool
	// Rankings lists optimal rankings (candidate indices, best first), at
	// most MaxKemenyListed, in a fixed order.
	Rankings [][]int
	// Levels are the successive Smith sets, computed separately.
	Levels [][]int
}

// A KemenyLimitError is returned when a Smith level is too large to compute
// exactly.
type KemenyLimitError struct {
	Level, Size int
}

func (e *KemenyLimitError) Error() string {
	return fmt.Sprintf("kemeny: Smith level %d has %d candidates who beat one another in a cycle; the exact computation (every subset of a level) is limited to %d candidates per level", e.Level, e.Size, MaxKemeny)
}

// kemeny finds the rankings of all the candidates (strict orders) that
// agree with the most pairwise preferences (Kemeny 1959; Young and
// Levenglick 1978). Every such ranking puts each Smith level above the next
// (Truchon 1998, "An extension of the Condorcet criterion and Kemeny
// orders": swapping a lower-level candidate ranked just above a
// higher-level one would gain a majority), so each level is solved alone:
// best[S], the best score of an order of the subset S placed at the top of
// the level, is the maximum over its last candidate c of best[S∖c] plus the
// ballots preferring the members of S∖c to c. The winners are the
// candidates first in some optimal ranking; a ranking is given only when
// the optimal one is unique.
func kemeny(m *Matrix) (*Result, error) {
	levels := m.SmithLevels()
	d := &KemenyDetail{Levels: levels, Optimal: 1}
	r := &Result{Kemeny: d}
	var per [][][]int // optimal orders listed per level
	for li, lv := range levels {
		if len(lv) > MaxKemeny {
			return nil, &KemenyLimitError{li + 1, len(lv)}
		}
		s := solveLevel(m, lv)
		d.Score += s.score
		hi, lo := bits.Mul64(d.Optimal, s.count)
		d.Saturated = d.Saturated || s.saturated || hi != 0
		d.Optimal = lo
		if hi != 0 {
			d.Optimal = math.MaxUint64
		}
		per = append(per, s.orders)
		if li == 0 {
			r.Winners = s.first
		}
		for _, a := range lv { // pairs across levels: the higher level's
			for _, later := range levels[li+1:] {
				for _, b := range later {
					d.Score += m.Prefer(a, b)
				}
			}
		}
	}
	// Combine the levels' listed orders, first level varying slowest.
	combos := [][]int{nil}
	for _, orders := range per {
		var next [][]int
		for _, c := range combos {
			for _, o := range orders {
				if len(next) == MaxKemenyListed {
					break
				}
				next = append(next, append(append([]int(nil), c...), o...))
			}
		}
		combos = next
	}
	d.Rankings = combos
	if d.Optimal == 1 && !d.Saturated {
		for _, a := range combos[0] {
			r.Ranking = append(r.Ranking, []int{a})
		}
	} else {
		r.Notes = append(r.Notes, fmt.Sprintf("%s rankings have the best Kemeny score; no single ranking is defined.", countText(d.Optimal, d.Saturated)))
	}
	return r, nil
}

func countText(n uint64, saturated bool) string {
	if saturated {
		return "More than 18,446,744,073,709,551,615"
	}
	return fmt.Sprint(n)
}

type levelSolution struct {
	score     int64
	count     uint64
	saturated bool
	orders    [][]int // optimal orders (matrix indices), at most MaxKemenyListed
	first     []int   // candidates first in some optimal order, ascending
}

// solveLevel runs the subset dynamic programme over the candidates lv.
func solveLevel(m *Matrix, lv []int) levelSolution {
	k := len(lv)
	full := uint32(1)<<k - 1
	// above(S, c): ballots preferring the members of S to c, from two
	// tables over the low and high halves of S.
	h := k / 2
	lo := make([][]int64, k)
	hi := make([][]int64, k)
	for c := 0; c < k; c++ {
		lo[c] = make([]int64, 1<<h)
		hi[c] = make([]int64, 1<<(k-h))
		for s := 1; s < len(lo[c]); s++ {
			b := bits.TrailingZeros(uint(s))
			lo[c][s] = lo[c][s&(s-1)] + m.Prefer(lv[b], lv[c])
		}
		for s := 1; s < len(hi[c]); s++ {
			b := bits.TrailingZeros(uint(s))
			hi[c][s] = hi[c][s&(s-1)] + m.Prefer(lv[h+b], lv[c])
		}
	}
	maskLo := uint32(1)<<h - 1
	above := func(s uint32, c int) int64 { return lo[c][s&maskLo] + hi[c][s>>h] }
	best := make([]int64, full+1)
	count := make([]uint64, full+1)
	count[0] = 1
	sat := false
	for s := uint32(1); s <= full; s++ {
		b, n, first := int64(0), uint64(0), true
		for t := s; t != 0; t &= t - 1 {
			c := bits.TrailingZeros32(t)
			prev := s &^ (1 << c)
			v := best[prev] + above(prev, c)
			switch {
			case first || v > b:
				b, n, first = v, count[prev], false
			case v == b:
				var carry uint64
				n, carry = bits.Add64(n, count[prev], 0)
				if carry != 0 {
					n, sat = math.MaxUint64, true
				}
			}
		}
		best[s], count[s] = b, n
	}
	out := levelSolution{score: best[full], count: count[full], saturated: sat}
	// Candidates first in an optimal order: walk back from the full set
	// through the subsets that are tops of optimal orders.
	top := make([]bool, full+1)
	top[full] = true
	for s := full; s > 0; s-- {
		if !top[s] {
			continue
		}
		for t := s; t != 0; t &= t - 1 {
			c := bits.TrailingZeros32(t)
			prev := s &^ (1 << c)
			if best[prev]+above(prev, c) == best[s] {
				top[prev] = true
			}
		}
	}
	for c := 0; c < k; c++ {
		if top[1<<c] {
			out.first = append(out.first, lv[c])
		}
	}
	// List optimal orders: choose the last candidate, lowest index first.
	order := make([]int, k)
	var walk func(s uint32, pos int)
	walk = func(s uint32, pos int) {
		if len(out.orders) == MaxKemenyListed {
			return
		}
		if s == 0 {
			out.orders = append(out.orders, append([]int(nil), order...))
			return
		}
		for t := s; t != 0; t &= t - 1 {
			c := bits.TrailingZeros32(t)
			prev := s &^ (1 << c)
			if best[prev]+above(prev, c) == best[s] {
				order[pos] = lv[c]
				walk(prev, pos-1)
			}
		}
	}
	walk(full, k-1)
	return out
}
