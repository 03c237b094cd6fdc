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
	// cycle with stronger (or earlier) locked majorities. Without a
	// tie-break policy and with contested pairs: locked under every
	// tie-breaking ranking.
	Locked bool
	// Group numbers the majorities of equal strength (1 the strongest).
	Group int
	// Contested: the pair is in a group whose order decided which pairs
	// were locked, so the tie-breaking ranking ordered it.
	Contested bool
	// Depends: without a tie-break policy, locked under some tie-breaking
	// rankings and not under others.
	Depends bool
}

// RankedPairsDetail lists the majorities in the order considered.
type RankedPairsDetail struct {
	Pairs []Pair
	// Rankings: without a tie-break policy and with contested pairs, the
	// tie-breaking rankings tried to find every possible winner.
	Rankings int
}

// MaxRankedPairsTieCandidates bounds the candidates whose order Ranked
// Pairs tries exhaustively, without a tie-break policy, to find every
// candidate who wins under some tie-breaking ranking (8! = 40,320
// rankings).
const MaxRankedPairsTieCandidates = 8

// A RankedPairsLimitError is returned when, without a tie-break policy,
// majorities of equal strength conflict among more than
// MaxRankedPairsTieCandidates candidates: finding every possible winner
// would try Candidates! tie-breaking rankings.
type RankedPairsLimitError struct {
	Candidates int
}

func (e *RankedPairsLimitError) Error() string {
	return fmt.Sprintf("ranked pairs: majorities of equal strength conflict among %d candidates, and finding every possible winner would try %d! tie-breaking rankings (the limit is %d candidates); give a tie-break policy (lot or order)", e.Candidates, e.Candidates, MaxRankedPairsTieCandidates)
}

// rankedPairs is Tideman's Ranked Pairs (Tideman 1987): the majorities are
// taken strongest first (winning votes: more ballots for the winner, then
// fewer for the loser; margins: larger margin) and each is locked unless
// it makes a cycle with those already locked. The winner is the candidate
// no locked majority points to; the ranking follows the locked majorities.
//
// Majorities of equal strength form a group. When locking a group's pairs
// in any order gives the same locked set, no tie arises. Otherwise their
// order matters, and they are ordered by a tie-breaking ranking of the
// candidates (Zavist and Tideman 1989) — by the position of the pair's
// winner (earlier first), then of its loser (later first). With a policy
// the ranking is the given order or a drawn one, and is recorded; with
// none, every ranking of the candidates met in groups of equal strength is
// tried (up to MaxRankedPairsTieCandidates of them), and the winners are
// the candidates who win under some ranking — every result the policy
// could give.
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
	ranking := func(g *lockGraph) [][]int {
		return tiers(n, func(a, b int) bool { return g.reach[a].has(b) })
	}
	g, locked, contested := lockGroups(pairs, groups, n, nil)
	if !contested[0] {
		for i := range pairs {
			pairs[i].Locked = locked[i]
		}
		r.Ranking = ranking(g)
		r.Winners = r.Ranking[0]
		return r, nil
	}
	if tb.Fallback != FallbackNone {
		tbrc, order, err := tieRanking(m, tb)
		if err != nil {
			return nil, err
		}
		g, locked, contested = lockGroups(pairs, groups, n, tbrc)
		for i := range pairs {
			pairs[i].Locked, pairs[i].Contested = locked[i], contested[i+1]
		}
		r.Tie = &Tie{Candidates: contestedCandidates(pairs), Method: tb.Fallback.String(), Order: order, Seed: tb.Seed, Winner: -1}
		if tb.Fallback == FallbackLot {
			r.Tie.Stream = "ranked-pairs:pairs"
		}
		r.Notes = append(r.Notes, "Majorities of equal strength conflict; they were locked in the order of the tie-breaking ranking "+strings.Join(order, " > ")+" (the pair whose winner ranks higher first; for one winner, the pair whose loser ranks lower first).")
		r.Ranking = ranking(g)
		r.Winners = r.Ranking[0]
		return r, nil
	}
	// No policy: try every ranking of the candidates met in groups of more
	// than one majority (the others' places never matter).
	var tied []int
	seen := newBitset(n)
	for _, grp := range groups {
		if len(grp) < 2 {
			continue
		}
		for _, i := range grp {
			for _, c := range []int{pairs[i].Winner, pairs[i].Loser} {
				if !seen.has(c) {
					seen.add(c)
					tied = append(tied, c)
				}
			}
		}
	}
	if len(tied) > MaxRankedPairsTieCandidates {
		return nil, &RankedPairsLimitError{len(tied)}
	}
	slices.Sort(tied)
	win := newBitset(n)
	always := make([]bool, len(pairs))
	for i := range always {
		always[i] = true
	}
	ever := make([]bool, len(pairs))
	some := make([]bool, len(pairs))
	tbrc := make([]int, n)
	permute(tied, func(order []int) bool {
		r.RankedPairs.Rankings++
		for i := range tbrc {
			tbrc[i] = len(order) // not met: after the others, never compared
		}
		for i, c := range order {
			tbrc[c] = i
		}
		g, locked, contested := lockGroups(pairs, groups, n, tbrc)
		for _, k := range ranking(g)[0] {
			win.add(k)
		}
		for i := range pairs {
			always[i] = always[i] && locked[i]
			some[i] = some[i] || locked[i]
			ever[i] = ever[i] || contested[i+1]
		}
		return true
	})
	for i := range pairs {
		pairs[i].Locked, pairs[i].Contested, pairs[i].Depends = always[i], ever[i], some[i] && !always[i]
	}
	for b := 0; b < n; b++ {
		if win.has(b) {
			r.Winners = append(r.Winners, b)
		}
	}
	r.Notes = append(r.Notes, fmt.Sprintf("Majorities of equal strength conflict: the order they are locked in decides the result. No tie-break policy was given, so no ranking is defined; the winners are the candidates who win under some tie-breaking ranking (%d tried).", r.RankedPairs.Rankings))
	return r, nil
}

// lockGroups runs Ranked Pairs over the groups of majorities. It returns
// the locked graph, which pairs it locked, and contested: contested[0]
// says some group's order mattered, contested[i+1] that pair i was in such
// a group. With tbrc nil it stops at the first such group (it only
// detects); otherwise a contested group is ordered by the tie-breaking
// ranking's positions tbrc.
func lockGroups(pairs []Pair, groups [][]int, n int, tbrc []int) (*lockGraph, []bool, []bool) {
	g := newLockGraph(n)
	locked := make([]bool, len(pairs))
	contested := make([]bool, len(pairs)+1)
	for _, grp := range groups {
		cand := g.lockable(pairs, grp)
		if len(cand) > 1 && !g.clone().lockAll(pairs, cand) {
			contested[0] = true
			if tbrc == nil {
				return g, locked, contested
			}
			for _, i := range cand {
				contested[i+1] = true
			}
			cand = slices.Clone(cand)
			sort.SliceStable(cand, func(x, y int) bool {
				p, q := pairs[cand[x]], pairs[cand[y]]
				if tbrc[p.Winner] != tbrc[q.Winner] {
					return tbrc[p.Winner] < tbrc[q.Winner]
				}
				return tbrc[p.Loser] > tbrc[q.Loser]
			})
		}
		for _, i := range cand {
			locked[i] = g.lock(pairs[i].Winner, pairs[i].Loser)
		}
	}
	return g, locked, contested
}

// contestedCandidates returns the candidates of the contested pairs,
// ascending.
func contestedCandidates(pairs []Pair) []int {
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

// permute calls f with every order of xs (Heap's algorithm) until f returns
// false.
func permute(xs []int, f func([]int) bool) {
	a := slices.Clone(xs)
	c := make([]int, len(a))
	if !f(a) {
		return
	}
	for i := 0; i < len(a); {
		if c[i] < i {
			if i%2 == 0 {
				a[0], a[i] = a[i], a[0]
			} else {
				a[c[i]], a[i] = a[i], a[c[i]]
			}
			if !f(a) {
				return
			}
			c[i]++
			i = 0
		} else {
			c[i] = 0
			i++
		}
	}
}
