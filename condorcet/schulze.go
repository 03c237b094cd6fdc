package condorcet

// A Strength is the strength of a link or a path between two candidates.
// Winning votes (Schulze 2011, §2.1, the definition he recommends): For is
// the number of ballots preferring the winner of the weakest link, Against
// those preferring its loser; a strength is stronger when For is larger,
// or For equal and Against smaller. Margins: For is the margin, Against 0.
// For < 0 means there is no path.
type Strength struct {
	For, Against int64
}

// None is the strength of a missing path.
var None = Strength{-1, 0}

// Exists reports whether there is a path.
func (s Strength) Exists() bool { return s.For >= 0 }

// Stronger reports whether s is stronger than t.
func (s Strength) Stronger(t Strength) bool {
	return s.For > t.For || s.For == t.For && s.Against < t.Against
}

// link is the strength of the direct link a→b: defined only when a beats b.
func (m *Matrix) link(a, b int, margins bool) Strength {
	if !m.Beats(a, b) {
		return None
	}
	if margins {
		return Strength{m.Margin(a, b), 0}
	}
	return Strength{m.Prefer(a, b), m.Prefer(b, a)}
}

// SchulzeDetail holds the strongest paths: Paths[a][b] is the strength of
// the strongest path from a to b (None when there is none; the diagonal is
// None).
type SchulzeDetail struct {
	Paths [][]Strength
}

// schulze computes the strongest paths by the Floyd–Warshall widest-path
// algorithm (Schulze 2011, §2.3), O(n³). a is better than b when
// p[a,b] is stronger than p[b,a]; the relation is a strict partial order
// (§4.1), the winners are the candidates no one is better than, and the
// ranking is by that relation.
func schulze(m *Matrix, margins bool) *Result {
	n := m.n
	p := make([][]Strength, n)
	for a := range p {
		p[a] = make([]Strength, n)
		for b := range p[a] {
			p[a][b] = None
			if a != b {
				p[a][b] = m.link(a, b, margins)
			}
		}
	}
	for k := 0; k < n; k++ {
		pk := p[k]
		for i := 0; i < n; i++ {
			if i == k || !p[i][k].Exists() {
				continue
			}
			ik, pi := p[i][k], p[i]
			for j := 0; j < n; j++ {
				if j == i || j == k || !pk[j].Exists() {
					continue
				}
				s := ik // the weaker of the two links
				if ik.Stronger(pk[j]) {
					s = pk[j]
				}
				if s.Stronger(pi[j]) {
					pi[j] = s
				}
			}
		}
	}
	better := func(a, b int) bool { return p[a][b].Stronger(p[b][a]) }
	r := &Result{Ranking: tiers(n, better), Schulze: &SchulzeDetail{Paths: p}}
	r.Winners = r.Ranking[0]
	return r
}
