package condorcet

// CopelandScore is one candidate's pairwise record.
type CopelandScore struct {
	Wins, Losses, Ties int
	// Half is the Copeland score in half points: 2 per win, and per
	// pairwise tie 1 (variant "half", score = wins + ties/2), 0 ("zero") or
	// 2 ("one", Llull's rule).
	Half int64
}

// CopelandDetail holds each candidate's record.
type CopelandDetail struct {
	Scores []CopelandScore
}

// copeland counts pairwise wins (Copeland 1951). The convention for a
// pairwise tie is the variant: "half" (the usual convention: a tie is worth
// half a win, so the ranking equals that by wins minus losses), "zero"
// (Copeland^0) or "one" (Copeland^1, Llull's rule). The ranking is by score; equal scores tie.
func copeland(m *Matrix, variant string) *Result {
	n := m.n
	tie := int64(1)
	switch variant {
	case "zero":
		tie = 0
	case "one":
		tie = 2
	}
	d := &CopelandDetail{Scores: make([]CopelandScore, n)}
	score := make([]int64, n)
	for a := 0; a < n; a++ {
		s := &d.Scores[a]
		for b := 0; b < n; b++ {
			switch {
			case a == b:
			case m.Beats(a, b):
				s.Wins++
			case m.Beats(b, a):
				s.Losses++
			default:
				s.Ties++
			}
		}
		s.Half = 2*int64(s.Wins) + tie*int64(s.Ties)
		score[a] = s.Half
	}
	r := &Result{Ranking: byScore(score, true), Copeland: d}
	r.Winners = r.Ranking[0]
	return r
}

// MinimaxDetail holds each candidate's score: its worst pairwise result as
// the variant measures it (ballots). The winner has the smallest.
type MinimaxDetail struct {
	Scores []int64
	// Against is the opponent giving that worst result (-1 if none).
	Against []int
}

// minimax elects the candidate whose worst pairwise result is least bad
// (Simpson 1969, Kramer 1977). Variants: "winning-votes" — the most ballots
// any opponent who beats it has against it, 0 if it is unbeaten;
// "margins" — the largest Margin(b, a) over opponents b (negative when it
// beats everyone); "opposition" — the most ballots preferring any opponent
// to it, beaten or not (not Condorcet-consistent). The ranking is by score,
// smallest first.
func minimax(m *Matrix, variant string) *Result {
	n := m.n
	d := &MinimaxDetail{Scores: make([]int64, n), Against: make([]int, n)}
	for a := 0; a < n; a++ {
		worst, who, first := int64(0), -1, true
		for b := 0; b < n; b++ {
			if b == a {
				continue
			}
			var v int64
			switch variant {
			case "margins":
				v = m.Margin(b, a)
			case "opposition":
				v = m.Prefer(b, a)
			default:
				if !m.Beats(b, a) {
					continue
				}
				v = m.Prefer(b, a)
			}
			if first || v > worst {
				worst, who, first = v, b, false
			}
		}
		d.Scores[a], d.Against[a] = worst, who
	}
	r := &Result{Ranking: byScore(d.Scores, false), Minimax: d}
	r.Winners = r.Ranking[0]
	return r
}
