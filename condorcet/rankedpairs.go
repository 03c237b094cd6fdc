package condorcet

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/psephos/psephos/internal/lot"
)

// A Pair is a majority: Winner beats Loser, For ballots to Against.
type Pair struct {
	Winner, Loser int
	For, Against  int64
	// Locked: Ranked Pairs locked it in; otherwise it would have made a
	// cycle with stronger (or earlier) locked majorities.
	Locked bool
	// Group numbers the majorities of equal strength (1 the strongest).
	Group int
	// Contested: the pair is in a group whose order decided which pairs
	// were locked, so the tie-breaking ranking ordered it.
	Contested bool
}

// RankedPairsDetail lists the majorities in the order considered.
type RankedPairsDetail struct {
	Pairs []Pair
	// Explored: without a tie-break policy, the steps searched to find
	// every candidate who wins under some order of the contested pairs.
	Explored int
}

// MaxRankedPairsOrders bounds the steps Ranked Pairs takes, without a
// tie-break policy, to find every candidate who wins under some order of
// contested majorities.
const MaxRankedPairsOrders = 100000

// rankedPairs is Tideman's Ranked Pairs (Tideman 1987): the majorities are
// taken strongest first (winning votes: more ballots for the winner, then
// fewer for the loser; margins: larger margin) and each is locked unless
// it makes a cycle with those already locked. The winner is the candidate
// no locked majority points to; the ranking follows the locked majorities.
//
// Majorities of equal strength form a group. When locking a group's pairs
// in any order gives the same locked set, no tie arises. Otherwise their
// order matters: with a policy, they are ordered by a tie-breaking ranking
// of the candidates (Zavist and Tideman 1989) — by the position of the
// pair's winner (earlier first), then of its loser (later first) — and the
// ranking used is recorded; with none, every outcome of every order is
// found (within MaxRankedPairsOrders steps) and the winners are all
// candidates who win under some order.
func rankedPairs(m *Matrix, margins bool, tb TieBreak) (*Result, error) {
	n := m.n
	var pairs []Pair
	for a := 0; a < n; a++ {
		for b := 0; b < n; b++ {
			if a != b && m.Beats(a, b) {
				pairs = append(pairs, Pair{Winner: a, Loser: b, For: m.Prefer(a, b), Against: m.Prefer(b, a)})
			}
		}
	}
	strength := func(p Pair) Strength {
		if margins {
			return Strength{p.For - p.Against, 0}
		}
		return Strength{p.For, p.Against}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return strength(pairs[i]).Stronger(strength(pairs[j])) })
	var groups [][]int // indices into pairs
	for i := range pairs {
		if i == 0 || strength(pairs[i-1]) != strength(pairs[i]) {
			groups = append(groups, nil)
		}
		pairs[i].Group = len(groups)
		groups[len(groups)-1] = append(groups[len(groups)-1], i)
	}
	r := &Result{RankedPairs: &RankedPairsDetail{Pairs: pairs}}
	g := newLockGraph(n)

	// Find the contested groups first, walking with any order: a group is
	// contested when its order can matter given what was locked before.
	var tbrc []int // position of each candidate in the tie-breaking ranking
	for gi, grp := range groups {
		cand := g.lockable(pairs, grp)
		if len(cand) <= 1 || g.clone().lockAll(pairs, cand) {
			for _, i := range cand {
				pairs[i].Locked = true
			}
			g.lockAll(pairs, cand)
			continue
		}
		for _, i := range cand {
			pairs[i].Contested = true
		}
		if tb.Fallback == FallbackNone {
			winners, explored, err := possibleWinners(g, pairs, groups[gi:], n)
			if err != nil {
				return nil, err
			}
			r.RankedPairs.Explored = explored
			r.Winners = winners
			r.Notes = append(r.Notes, fmt.Sprintf("Majorities of equal strength (group %d) conflict: the order they are locked in decides the result. No tie-break policy was given, so no ranking is defined; the winners are the candidates who win under some order (%d steps searched).", pairs[cand[0]].Group, explored))
			return r, nil
		}
		if tbrc == nil {
			var order []string
			var err error
			if tbrc, order, err = tieRanking(m, tb); err != nil {
				return nil, err
			}
			r.Tie = &Tie{Method: tb.Fallback.String(), Order: order, Seed: tb.Seed, Winner: -1}
			if tb.Fallback == FallbackLot {
				r.Tie.Stream = "ranked-pairs:pairs"
			}
			r.Notes = append(r.Notes, "Majorities of equal strength conflict; they were locked in the order of the tie-breaking ranking "+strings.Join(order, " > ")+" (the pair whose winner ranks higher first; for one winner, the pair whose loser ranks lower first).")
		}
		sort.SliceStable(cand, func(x, y int) bool {
			p, q := pairs[cand[x]], pairs[cand[y]]
			if tbrc[p.Winner] != tbrc[q.Winner] {
				return tbrc[p.Winner] < tbrc[q.Winner]
			}
			return tbrc[p.Loser] > tbrc[q.Loser]
		})
		for _, i := range cand {
			if g.lock(pairs[i].Winner, pairs[i].Loser) {
				pairs[i].Locked = true
			}
		}
	}
	if r.Tie != nil {
		r.Tie.Candidates = contested(pairs)
	}
	r.Ranking = tiers(n, func(a, b int) bool { return g.reach[a].has(b) })
	r.Winners = r.Ranking[0]
	return r, nil
}

// contested returns the candidates of the contested pairs so far,
// ascending.
func contested(pairs []Pair) []int {
	var out []int
	for _, p := range pairs {
		if p.Contested {
			out = append(out, p.Winner, p.Loser)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// tieRanking returns each candidate's position in the tie-breaking ranking
// and the ranking by name: tb.Order (which must name every candidate), or a
// lot drawn over the candidates sorted by name.
func tieRanking(m *Matrix, tb TieBreak) ([]int, []string, error) {
	n := m.n
	pos := make([]int, n)
	var order []int
	switch tb.Fallback {
	case FallbackLot:
		canon := byName(m.Names, all(n))
		perm := lot.Permutation(tb.Seed, "ranked-pairs:pairs", n)
		for _, k := range perm {
			order = append(order, canon[k])
		}
	case FallbackOrder:
		seen := make([]bool, n)
		for _, name := range tb.Order {
			k := m.Index(name)
			if k >= 0 && !seen[k] {
				seen[k] = true
				order = append(order, k)
			}
		}
		if len(order) != n {
			var missing []string
			for k := range seen {
				if !seen[k] {
					missing = append(missing, m.Names[k])
				}
			}
			return nil, nil, fmt.Errorf("ranked pairs: majorities of equal strength conflict and the tie order must rank every candidate; it does not name %s", strings.Join(missing, ", "))
		}
	}
	for i, k := range order {
		pos[k] = i
	}
	return pos, names(m.Names, order), nil
}

// A lockGraph holds the locked majorities and, for each candidate, the set
// of candidates reachable from it.
type lockGraph struct {
	edge, reach []bitset
}

func newLockGraph(n int) *lockGraph {
	g := &lockGraph{edge: make([]bitset, n), reach: make([]bitset, n)}
	for i := range g.edge {
		g.edge[i], g.reach[i] = newBitset(n), newBitset(n)
	}
	return g
}

func (g *lockGraph) clone() *lockGraph {
	c := &lockGraph{edge: make([]bitset, len(g.edge)), reach: make([]bitset, len(g.reach))}
	for i := range g.edge {
		c.edge[i] = slices.Clone(g.edge[i])
		c.reach[i] = slices.Clone(g.reach[i])
	}
	return c
}

// lock adds a→b unless b already reaches a (a cycle); it reports whether it
// locked.
func (g *lockGraph) lock(a, b int) bool {
	if g.reach[b].has(a) {
		return false
	}
	g.edge[a].add(b)
	for x := range g.reach {
		if x == a || g.reach[x].has(a) {
			g.reach[x].add(b)
			g.reach[x].or(g.reach[b])
		}
	}
	return true
}

// lockable returns the pairs of the group that do not make a cycle with
// what is locked: the others are skipped whatever the order.
func (g *lockGraph) lockable(pairs []Pair, grp []int) []int {
	var out []int
	for _, i := range grp {
		if !g.reach[pairs[i].Loser].has(pairs[i].Winner) {
			out = append(out, i)
		}
	}
	return out
}

// lockAll locks the pairs in order and reports whether every one locked.
func (g *lockGraph) lockAll(pairs []Pair, is []int) bool {
	ok := true
	for _, i := range is {
		ok = g.lock(pairs[i].Winner, pairs[i].Loser) && ok
	}
	return ok
}

// possibleWinners finds the candidates who win under some order of the
// contested pairs in the groups left. Locking a group in some order ends
// with a maximal set of its pairs that makes no cycle with what was locked
// before, and every such set is the end of some order (lock its pairs
// first), so it walks those sets depth first instead of every order.
func possibleWinners(g *lockGraph, pairs []Pair, groups [][]int, n int) ([]int, int, error) {
	win := newBitset(n)
	explored := 0
	tooMany := fmt.Errorf("ranked pairs: majorities of equal strength conflict and more than %d ways of locking them would have to be tried to find every possible winner; give a tie-break policy (lot or order)", MaxRankedPairsOrders)
	var walk func(g *lockGraph, gi int) error
	walk = func(g *lockGraph, gi int) error {
		for ; gi < len(groups); gi++ {
			cand := g.lockable(pairs, groups[gi])
			if len(cand) <= 1 || g.clone().lockAll(pairs, cand) {
				g.lockAll(pairs, cand)
				continue
			}
			var err error
			var pick func(i int, h *lockGraph, skipped []int)
			pick = func(i int, h *lockGraph, skipped []int) {
				if err != nil {
					return
				}
				if explored++; explored > MaxRankedPairsOrders {
					err = tooMany
					return
				}
				if i == len(cand) {
					for _, j := range skipped { // maximal: each skipped pair now makes a cycle
						if !h.reach[pairs[j].Loser].has(pairs[j].Winner) {
							return
						}
					}
					err = walk(h, gi+1)
					return
				}
				p := pairs[cand[i]]
				if !h.reach[p.Loser].has(p.Winner) {
					k := h.clone()
					k.lock(p.Winner, p.Loser)
					pick(i+1, k, skipped)
				}
				pick(i+1, h, append(skipped[:len(skipped):len(skipped)], cand[i]))
			}
			pick(0, g, nil)
			return err
		}
		for b := 0; b < n; b++ {
			top := true
			for a := 0; a < n; a++ {
				if g.edge[a].has(b) {
					top = false
					break
				}
			}
			if top {
				win.add(b)
			}
		}
		return nil
	}
	if err := walk(g.clone(), 0); err != nil {
		return nil, explored, err
	}
	var out []int
	for b := 0; b < n; b++ {
		if win.has(b) {
			out = append(out, b)
		}
	}
	return out, explored, nil
}
