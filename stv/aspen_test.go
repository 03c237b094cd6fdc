package stv

import (
	"errors"
	"testing"

	"github.com/psephos/psephos/ballot"
)

// One candidate over the threshold; the 3rd and 4th tie for the runoff
// place. The count must stop with a tie, whichever order the candidates are
// listed in (a stable sort must not pick one).
func TestAspenRunoffTie(t *testing.T) {
	for _, names := range [][]string{{"A", "B", "C", "D", "E"}, {"A", "B", "D", "C", "E"}} {
		idx := map[string]ballot.Mark{}
		for i, n := range names {
			idx[n] = ballot.Mark(i)
		}
		p := ballot.NewProfile(names)
		p.Seats = 2
		// Two-vote tallies: A 7 (over 6), B 5, C 3, D 3, E 2.
		for _, b := range []struct {
			a, b string
			n    int64
		}{{"A", "B", 3}, {"A", "C", 2}, {"A", "D", 2}, {"B", "E", 2}, {"C", "D", 1}} {
			p.Add([]ballot.Mark{idx[b.a], idx[b.b]}, b.n)
		}
		r, err := Preset("aspen-2009-council")
		if err != nil {
			t.Fatal(err)
		}
		_, err = Count(p, r)
		var te *TieError
		if !errors.As(err, &te) {
			t.Fatalf("%v: err = %v, want a tie between C and D", names, err)
		}
		got := map[string]bool{te.Candidates[0]: true, te.Candidates[1]: true}
		if !got["C"] || !got["D"] {
			t.Errorf("tie between %v", te.Candidates)
		}
	}
}
