package condorcet_test

import (
	"os"
	"testing"

	"github.com/psephos/psephos/condorcet"
	"github.com/psephos/psephos/format/rankcsv"
	"github.com/psephos/psephos/internal/datadir"
)

// Case 26 (../shared/cases/26-condorcet-symmetric-cycle, expected.json):
// A>B>C, B>C>A, C>A>B five times each. Every pairwise contest is 10–5 in a
// cycle: no Condorcet winner; Smith set {Alice, Bob, Carol}; Schulze winners
// all three with a tie flag; Borda 15 each; Copeland 0 each (wins minus
// losses). The fault it guards against — a winner taken from list order —
// must be impossible for every method: each one must report the three-way
// tie and elect nobody without a tie-break policy.
func TestCase26SymmetricCycle(t *testing.T) {
	path := datadir.Case(t, "26-condorcet-symmetric-cycle/ballots.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := rankcsv.ReadCounted(f, path, rankcsv.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := condorcet.Tally(p, condorcet.Options{})
	a, b, c := m.Index("Alice"), m.Index("Bob"), m.Index("Carol")
	for _, x := range []struct{ w, l int }{{a, b}, {b, c}, {c, a}} {
		if m.Prefer(x.w, x.l) != 10 || m.Prefer(x.l, x.w) != 5 {
			t.Errorf("%s>%s: %d–%d, want 10–5", m.Names[x.w], m.Names[x.l], m.Prefer(x.w, x.l), m.Prefer(x.l, x.w))
		}
	}
	if m.CondorcetWinner() != -1 || m.CondorcetLoser() != -1 || !m.Cycle() {
		t.Errorf("Condorcet winner %d, loser %d; want none", m.CondorcetWinner(), m.CondorcetLoser())
	}
	if s := m.Smith(); len(s) != 3 {
		t.Errorf("Smith set %v, want all three", s)
	}
	for _, spec := range []string{"schulze", "schulze:margins", "ranked-pairs", "ranked-pairs:margins", "copeland", "copeland:zero", "copeland:one",
		"minimax", "minimax:margins", "minimax:opposition", "borda", "borda:truncated", "borda:modified", "kemeny"} {
		r := countMatrix(t, p, m, spec, condorcet.TieBreak{})
		if winners(r) != "Alice,Bob,Carol" || r.Winner != -1 || r.Tie == nil || r.Tie.Winner != -1 || len(r.Tie.Candidates) != 3 {
			t.Errorf("%s: winners %s, elected %d, tie %+v; want a three-way tie, nobody elected", spec, winners(r), r.Winner, r.Tie)
		}
		switch spec {
		case "borda", "borda:truncated":
			for k, h := range r.Borda.Half {
				if h != 30 {
					t.Errorf("%s: %s has %d half points, want 15 points", spec, m.Names[k], h)
				}
			}
		case "copeland":
			for k, s := range r.Copeland.Scores {
				if s.Wins-s.Losses != 0 || s.Wins != 1 || s.Half != 2 {
					t.Errorf("copeland: %s %+v, want 1 win 1 loss (0 net, 1 point)", m.Names[k], s)
				}
			}
		case "ranked-pairs", "ranked-pairs:margins":
			for _, q := range r.RankedPairs.Pairs {
				if !q.Contested || !q.Depends || q.Locked {
					t.Errorf("%s: pair %+v; want contested, locked under some tie-breaking rankings only", spec, q)
				}
			}
		case "kemeny":
			if r.Kemeny.Optimal != 3 || r.Kemeny.Score != 25 || r.Ranking != nil {
				t.Errorf("kemeny: %d optimal rankings of score %d, ranking %v; want 3 of 25, none defined", r.Kemeny.Optimal, r.Kemeny.Score, r.Ranking)
			}
		}
	}
	// A seeded lot elects one of the three and records the draw; the same
	// seed gives the same draw.
	tb := condorcet.TieBreak{Fallback: condorcet.FallbackLot, Seed: 7}
	r1 := countMatrix(t, p, m, "schulze", tb)
	r2 := countMatrix(t, p, m, "schulze", tb)
	if r1.Winner < 0 || r1.Tie.Method != "lot" || r1.Tie.Seed != 7 || r1.Tie.Stream != condorcet.WinnerStream || r1.Winner != r2.Winner {
		t.Errorf("lot: elected %d (again %d), tie %+v", r1.Winner, r2.Winner, r1.Tie)
	}
	// The same tied set and seed give the same candidate under every method.
	for _, spec := range []string{"copeland", "borda", "kemeny", "minimax"} {
		if r := countMatrix(t, p, m, spec, tb); r.Winner != r1.Winner {
			t.Errorf("%s: lot elected %d, schulze %d", spec, r.Winner, r1.Winner)
		}
	}
}
