package condorcet

import "github.com/psephos/psephos/ballot"

// BordaDetail holds each candidate's Borda score in half points (a score
// can end in .5 where candidates share positions). Units: half points.
type BordaDetail struct {
	Half []int64
}

// borda is the Borda count over the n candidates standing: on a full
// ballot the first preference gets n−1 points, the next n−2, and so on down
// to 0. Candidates ranked equally share the points of the positions they
// occupy (each gets their average). A truncated ballot is scored by the
// variant (see Emerson 2013, "The original Borda count and partial
// voting", Social Choice and Welfare 40:353–358):
//
//   - "averaged": the unranked candidates share the points of the positions
//     left (each gets their average). The score then equals, for each
//     opponent, the ballots preferring the candidate plus half those
//     expressing no preference — the pairwise matrix's row with ties
//     halved.
//   - "truncated": ranked candidates get the points of their positions on a
//     full ballot; unranked ones get 0.
//   - "modified": Emerson's modified Borda count: a ballot ranking k
//     candidates gives k points to the first, k−1 to the next, down to 1;
//     unranked ones get 0.
//
// Ballots are read with the matrix's Options (overvotes, withdrawn
// candidates, repeats); its Unranked option does not apply here. The
// ranking is by score.
func borda(p *ballot.Profile, m *Matrix, variant string) *Result {
	rd, _, _ := newReader(p, m.Options)
	n := int64(m.n)
	half := make([]int64, m.n)
	var base int64 // averaged: half points every candidate gets
	for i := 0; i < p.Len(); i++ {
		w := p.Weight(i)
		rd.read(p.Ranking(i))
		k := int64(len(rd.flat))
		if k == 0 {
			continue
		}
		top := 2 * (n - 1) // half points of position 0
		if variant == "modified" {
			top = 2 * k
		}
		if variant == "averaged" && k < n {
			// The n−k unranked share positions k..n−1: each gets
			// (n−1−k) half points.
			u := (n - 1 - k) * w
			base += u
			for _, a := range rd.flat {
				half[a] -= u
			}
		}
		lo := 0
		for _, hi := range rd.ends {
			// Positions lo..hi−1: average half points top − (lo+hi−1).
			v := (top - int64(lo+hi-1)) * w
			for _, a := range rd.flat[lo:hi] {
				half[a] += v
			}
			lo = hi
		}
	}
	for a := range half {
		half[a] += base
	}
	r := &Result{Ranking: byScore(half, true), Borda: &BordaDetail{Half: half}}
	r.Winners = r.Ranking[0]
	return r
}
