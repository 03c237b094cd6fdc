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
// seats[i] seats (equal lengths). Shares are of the sums of votes and seats.
// With no seats, the seat-based indices (all but ENPVotes) are NaN, not 0:
// nothing is known about proportionality yet. With no votes, all are NaN.
func ComputeIndices(votes []int64, seats []int) Indices {
	var tv, ts float64
	for i := range votes {
		tv += float64(votes[i])
		ts += float64(seats[i])
	}
	nan := math.NaN()
	ix := Indices{Gallagher: nan, LoosemoreHanby: nan, SainteLague: nan, ENPVotes: nan, ENPSeats: nan}
	if tv == 0 {
		return ix
	}
	var pv float64
	for i := range votes {
		v := float64(votes[i]) / tv
		pv += v * v
	}
	ix.ENPVotes = 1 / pv
	if ts == 0 {
		return ix
	}
	var sq, abs, sl, ps float64
	for i := range votes {
		v := 100 * float64(votes[i]) / tv
		s := 100 * float64(seats[i]) / ts
		d := v - s
		sq += d * d
		abs += math.Abs(d)
		if votes[i] > 0 {
			sl += d * d / v
		}
		ps += (s / 100) * (s / 100)
	}
	ix.Gallagher = math.Sqrt(sq / 2)
	ix.LoosemoreHanby = abs / 2
	ix.SainteLague = sl
	ix.ENPSeats = 1 / ps
	return ix
}
