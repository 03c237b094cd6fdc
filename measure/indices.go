package measure

import "math"

// Indices are the disproportionality and party-system indices of one set of
// party votes and seats.
type Indices struct {
	Gallagher      float64 // least-squares index, percentage points
	LoosemoreHanby float64 // ½ Σ |v − s|, percentage points
	SainteLague    float64 // Σ (s − v)² / v over parties with votes, in percent
	ENPVotes       float64 // effective number of parties by votes (Laakso–Taagepera)
	ENPSeats       float64 // effective number of parties by seats
}

// ComputeIndices returns the indices for parties with votes[i] votes and
// seats[i] seats (equal lengths). Shares are of the sums of votes and seats;
// with no votes or no seats the indices that need them are 0.
func ComputeIndices(votes []int64, seats []int) Indices {
	var tv, ts float64
	for i := range votes {
		tv += float64(votes[i])
		ts += float64(seats[i])
	}
	var ix Indices
	if tv == 0 || ts == 0 {
		return ix
	}
	var sq, abs, sl, pv, ps float64
	for i := range votes {
		v := 100 * float64(votes[i]) / tv
		s := 100 * float64(seats[i]) / ts
		d := v - s
		sq += d * d
		abs += math.Abs(d)
		if votes[i] > 0 {
			sl += d * d / v
		}
		pv += (v / 100) * (v / 100)
		ps += (s / 100) * (s / 100)
	}
	ix.Gallagher = math.Sqrt(sq / 2)
	ix.LoosemoreHanby = abs / 2
	ix.SainteLague = sl
	ix.ENPVotes = 1 / pv
	ix.ENPSeats = 1 / ps
	return ix
}
