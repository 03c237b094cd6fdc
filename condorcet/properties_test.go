package condorcet_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/condorcet"
)

var allSpecs = []string{"schulze", "schulze:margins", "ranked-pairs", "ranked-pairs:margins", "copeland", "copeland:zero", "copeland:one",
	"minimax", "minimax:margins", "minimax:opposition", "borda", "borda:truncated", "borda:modified", "kemeny", "debian"}

// randomProfile draws a small profile: n candidates A.., rankings that may
// be truncated and, when equal is set, hold equal ranks.
func randomProfile(rng *rand.Rand, n int, full, equal bool) *ballot.Profile {
	names := make([]string, n)
	for i := range names {
		names[i] = string(rune('A' + i))
	}
	p := ballot.NewProfile(names)
	p.EqualRanks = equal
	for k := 1 + rng.IntN(12); k > 0; k-- {
		perm := rng.Perm(n)
		cut := n
		if !full {
			cut = 1 + rng.IntN(n)
		}
		var marks []ballot.Mark
		for i, c := range perm[:cut] {
			if i > 0 {
				if equal && rng.IntN(4) == 0 {
					marks = append(marks, ballot.Equal)
				}
			}
			marks = append(marks, ballot.Mark(c))
		}
		p.Add(marks, 1+rng.Int64N(20))
	}
	return p
}

// relabel returns p with its candidates listed in the order perm (new
// index i is old candidate perm[i]).
func relabel(p *ballot.Profile, perm []int) *ballot.Profile {
	names := make([]string, len(perm))
	inv := make([]int, len(perm))
	for i, old := range perm {
		names[i] = p.Candidates[old]
		inv[old] = i
	}
	q := ballot.NewProfile(names)
	q.EqualRanks = p.EqualRanks
	for i := 0; i < p.Len(); i++ {
		r := slices.Clone(p.Ranking(i))
		for j, m := range r {
			if m >= 0 {
				r[j] = ballot.Mark(inv[m])
			}
		}
		q.Add(r, p.Weight(i))
	}
	return q
}

func run(t *testing.T, p *ballot.Profile, spec string, tb condorcet.TieBreak) *condorcet.Result {
	t.Helper()
	m := condorcet.Tally(p, condorcet.Options{})
	s, _ := condorcet.ParseSpec(spec)
	r, err := condorcet.Count(p, m, s, tb, condorcet.DebianRule{Default: "A", NoQuorum: true})
	if err != nil {
		t.Fatalf("%s: %v", spec, err)
	}
	return r
}

func elected(r *condorcet.Result) string {
	if r.Winner < 0 {
		return "-"
	}
	return r.Names[r.Winner]
}

// The result never depends on the order the candidates are listed in: the
// same winners, the same ranking, and (a tie being broken by a lot over
// the candidates sorted by name) the same candidate elected.
func TestIndependentOfCandidateOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	lot := condorcet.TieBreak{Fallback: condorcet.FallbackLot, Seed: 3}
	for trial := 0; trial < 300; trial++ {
		n := 2 + rng.IntN(5)
		p := randomProfile(rng, n, trial%3 == 0, trial%2 == 0)
		q := relabel(p, rng.Perm(n))
		for _, spec := range allSpecs {
			a, b := run(t, p, spec, condorcet.TieBreak{}), run(t, q, spec, condorcet.TieBreak{})
			if winners(a) != winners(b) || ranking(a) != ranking(b) || elected(a) != elected(b) {
				t.Fatalf("trial %d %s: winners %s / %s, ranking %s / %s", trial, spec, winners(a), winners(b), ranking(a), ranking(b))
			}
			if a, b := run(t, p, spec, lot), run(t, q, spec, lot); elected(a) != elected(b) || a.Winner < 0 {
				t.Fatalf("trial %d %s, lot: elected %s / %s", trial, spec, elected(a), elected(b))
			}
		}
	}
}

// A Condorcet winner wins under every Condorcet method (and under Debian's
// rule without a quorum); a Condorcet loser never wins under Schulze,
// Ranked Pairs, Copeland, Kemeny–Young or the averaged Borda count. The
// winners of Schulze lie in the Schwartz set, which lies in the Smith set,
// which holds the Copeland, Ranked Pairs and Kemeny winners.
func TestCondorcetCriteria(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	winner, loser := 0, 0
	for trial := 0; trial < 600; trial++ {
		p := randomProfile(rng, 2+rng.IntN(5), trial%3 == 0, trial%2 == 0)
		m := condorcet.Tally(p, condorcet.Options{})
		smith, schwartz := m.Smith(), m.Schwartz()
		for _, k := range schwartz {
			if !slices.Contains(smith, k) {
				t.Fatalf("trial %d: Schwartz %v not in Smith %v", trial, schwartz, smith)
			}
		}
		w, l := m.CondorcetWinner(), m.CondorcetLoser()
		if w >= 0 && (len(smith) != 1 || smith[0] != w) {
			t.Fatalf("trial %d: Condorcet winner %d, Smith set %v", trial, w, smith)
		}
		for _, spec := range append(condorcetMethods, "debian", "borda") {
			r := run(t, p, spec, condorcet.TieBreak{})
			if w >= 0 && spec != "borda" && (len(r.Winners) != 1 || r.Winners[0] != w) {
				t.Fatalf("trial %d: %s elects %v, Condorcet winner %d", trial, spec, r.Winners, w)
			}
			if l >= 0 && spec != "debian" && !strings.HasPrefix(spec, "minimax") && slices.Contains(r.Winners, l) {
				t.Fatalf("trial %d: %s elects the Condorcet loser %d (%v)", trial, spec, l, r.Winners)
			}
			var in []int
			switch spec {
			case "schulze", "schulze:margins":
				in = schwartz
			case "copeland", "ranked-pairs", "kemeny":
				in = smith
			default:
				continue
			}
			for _, k := range r.Winners {
				if !slices.Contains(in, k) {
					t.Fatalf("trial %d: %s winner %d outside %v", trial, spec, k, in)
				}
			}
		}
		if w >= 0 {
			winner++
		}
		if l >= 0 {
			loser++
		}
	}
	if winner < 100 || loser < 100 {
		t.Errorf("only %d profiles with a Condorcet winner and %d with a loser: the test is too weak", winner, loser)
	}
}

// Reversal symmetry (Saari; Schulze 2011, §4.4): reversing every ballot
// transposes the matrix, and a candidate who is the unique winner of a
// profile is not the unique winner of its reversal, under Schulze, Ranked
// Pairs, Kemeny–Young, Copeland and Borda.
func TestReversalSymmetry(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	checked := 0
	for trial := 0; trial < 400; trial++ {
		n := 2 + rng.IntN(5)
		p := randomProfile(rng, n, true, false)
		rev := ballot.NewProfile(p.Candidates)
		for i := 0; i < p.Len(); i++ {
			r := slices.Clone(p.Ranking(i))
			slices.Reverse(r)
			rev.Add(r, p.Weight(i))
		}
		m, mr := condorcet.Tally(p, condorcet.Options{}), condorcet.Tally(rev, condorcet.Options{})
		for a := 0; a < n; a++ {
			for b := 0; b < n; b++ {
				if m.Prefer(a, b) != mr.Prefer(b, a) {
					t.Fatalf("trial %d: reversal does not transpose d[%d,%d]", trial, a, b)
				}
			}
		}
		for _, spec := range []string{"schulze", "schulze:margins", "ranked-pairs", "ranked-pairs:margins", "kemeny", "copeland", "borda"} {
			a, b := run(t, p, spec, condorcet.TieBreak{}), run(t, rev, spec, condorcet.TieBreak{})
			if len(a.Winners) == 1 && len(b.Winners) == 1 && a.Winners[0] == b.Winners[0] {
				t.Fatalf("trial %d: %s elects %s both ways", trial, spec, elected(a))
			}
			if len(a.Winners) == 1 {
				checked++
			}
		}
	}
	if checked < 500 {
		t.Errorf("only %d unique winners checked", checked)
	}
}

// The averaged Borda score is the pairwise matrix's row with ties halved:
// for each opponent, the ballots preferring the candidate plus half those
// (not blank) expressing no preference between the two.
func TestBordaAveragedIsPairwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for trial := 0; trial < 300; trial++ {
		p := randomProfile(rng, 2+rng.IntN(5), false, trial%2 == 0)
		m := condorcet.Tally(p, condorcet.Options{})
		r := run(t, p, "borda", condorcet.TieBreak{})
		voters := m.Ballots - m.Empty
		for a := 0; a < m.N(); a++ {
			var want int64
			for b := 0; b < m.N(); b++ {
				if b != a {
					want += 2*m.Prefer(a, b) + (voters - m.Prefer(a, b) - m.Prefer(b, a))
				}
			}
			if r.Borda.Half[a] != want {
				t.Fatalf("trial %d: %s has %d half points, pairwise gives %d", trial, m.Names[a], r.Borda.Half[a], want)
			}
		}
	}
}

// Kemeny–Young by the Smith levels and the subset programme agrees with a
// brute-force search over every ranking: the best score, how many
// rankings reach it, and the candidates first in one.
func TestKemenyBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := 0; trial < 300; trial++ {
		n := 1 + rng.IntN(6)
		p := randomProfile(rng, n, trial%2 == 0, trial%3 == 0)
		m := condorcet.Tally(p, condorcet.Options{})
		r := run(t, p, "kemeny", condorcet.TieBreak{})
		best, count := int64(-1), uint64(0)
		first := map[int]bool{}
		permutations(n, func(o []int) {
			var s int64
			for i := range o {
				for j := i + 1; j < len(o); j++ {
					s += m.Prefer(o[i], o[j])
				}
			}
			switch {
			case s > best:
				best, count = s, 1
				clear(first)
				first[o[0]] = true
			case s == best:
				count++
				first[o[0]] = true
			}
		})
		var fs []int
		for k := range first {
			fs = append(fs, k)
		}
		slices.Sort(fs)
		if r.Kemeny.Score != best || r.Kemeny.Optimal != count || !slices.Equal(r.Winners, fs) {
			t.Fatalf("trial %d: score %d count %d winners %v; brute force %d %d %v", trial, r.Kemeny.Score, r.Kemeny.Optimal, r.Winners, best, count, fs)
		}
		for _, o := range r.Kemeny.Rankings {
			var s int64
			for i := range o {
				for j := i + 1; j < len(o); j++ {
					s += m.Prefer(o[i], o[j])
				}
			}
			if s != best || len(o) != n {
				t.Fatalf("trial %d: listed ranking %v scores %d, best %d", trial, o, s, best)
			}
		}
	}
}

func permutations(n int, f func([]int)) {
	a := make([]int, n)
	for i := range a {
		a[i] = i
	}
	var rec func(k int)
	rec = func(k int) {
		if k == n {
			f(a)
			return
		}
		for i := k; i < n; i++ {
			a[k], a[i] = a[i], a[k]
			rec(k + 1)
			a[k], a[i] = a[i], a[k]
		}
	}
	rec(0)
}

// The tally walks each distinct ranking once by the row trick; it must
// equal a direct count over every pair of candidates, for both readings of
// unranked candidates.
func TestTallyDirect(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for trial := 0; trial < 300; trial++ {
		n := 1 + rng.IntN(6)
		p := randomProfile(rng, n, false, trial%2 == 0)
		for _, u := range []condorcet.Unranked{condorcet.UnrankedBelow, condorcet.UnrankedIgnored} {
			m := condorcet.Tally(p, condorcet.Options{Unranked: u})
			want := make([][]int64, n)
			for a := range want {
				want[a] = make([]int64, n)
			}
			for i := 0; i < p.Len(); i++ {
				rank := make([]int, n) // 0 unranked, else rank number
				r := 0
				ballot.Ranks(p.Ranking(i), func(marks []ballot.Mark) bool {
					r++
					for _, mk := range marks {
						if mk >= 0 && rank[mk] == 0 {
							rank[mk] = r
						}
					}
					return true
				})
				for a := 0; a < n; a++ {
					for b := 0; b < n; b++ {
						switch {
						case rank[a] == 0:
						case rank[b] == 0 && u == condorcet.UnrankedBelow, rank[b] > rank[a]:
							want[a][b] += p.Weight(i)
						}
					}
				}
			}
			if got := matrix(m); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("trial %d, unranked=%s: %v, want %v", trial, u, got, want)
			}
		}
	}
}

// Without a tie-break policy, Ranked Pairs' winners are the candidates who
// win under some tie-breaking ranking: checked against the result with
// every order of the candidates given as the policy (each of which elects
// one of them).
func TestRankedPairsPossibleWinners(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	contested := 0
	for trial := 0; trial < 1500; trial++ {
		n := 3 + rng.IntN(3)
		p := randomProfile(rng, n, trial%2 == 0, true)
		if trial%4 != 0 { // small weights make majorities of equal strength common
			q := ballot.NewProfile(p.Candidates)
			q.EqualRanks = true
			for i := 0; i < p.Len(); i++ {
				q.Add(p.Ranking(i), 1+rng.Int64N(2))
			}
			p = q
		}
		for _, spec := range []string{"ranked-pairs", "ranked-pairs:margins"} {
			r := run(t, p, spec, condorcet.TieBreak{})
			want := map[int]bool{}
			permutations(n, func(o []int) {
				var order []string
				for _, k := range o {
					order = append(order, p.Candidates[k])
				}
				e := run(t, p, spec, condorcet.TieBreak{Fallback: condorcet.FallbackOrder, Order: order})
				want[e.Winner] = true
			})
			var ws []int
			for k := range want {
				ws = append(ws, k)
			}
			slices.Sort(ws)
			if !slices.Equal(r.Winners, ws) {
				t.Fatalf("trial %d %s: winners %v, under every tie order %v (pairs %+v)", trial, spec, r.Winners, ws, r.RankedPairs.Pairs)
			}
			if r.RankedPairs.Rankings > 0 {
				contested++
				if r.Ranking != nil {
					t.Fatalf("trial %d %s: a ranking %v despite the contested pairs", trial, spec, r.Ranking)
				}
			}
		}
	}
	if contested < 20 {
		t.Errorf("only %d contested cases", contested)
	}
}
