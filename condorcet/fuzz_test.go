package condorcet_test

import (
	"slices"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/condorcet"
)

// FuzzCount builds a profile from arbitrary bytes (candidates, marks with
// skips, equal ranks and unknown marks, weights) and runs every method
// under every reading: nothing may panic, every method names at least one
// winner among the candidates, and Schulze's winners lie in the Schwartz
// set, which lies in the Smith set.
func FuzzCount(f *testing.F) {
	f.Add([]byte{3, 5, 0, 1, 2, 0, 4, 2, 1, 0}, false)
	f.Add([]byte{4, 1, 0, 254, 1, 255, 2, 0, 3, 3, 2}, true)
	f.Add([]byte{1, 0}, false)
	f.Fuzz(func(t *testing.T, data []byte, equal bool) {
		if len(data) < 2 {
			return
		}
		n := 1 + int(data[0])%7
		names := make([]string, n)
		for i := range names {
			names[i] = string(rune('A' + i))
		}
		p := ballot.NewProfile(names)
		p.EqualRanks = equal
		if data[1]%5 == 0 {
			p.Withdrawn = []int{int(data[1]) % n}
		}
		var marks []ballot.Mark
		for _, b := range data[2:] {
			switch {
			case b == 255: // end of a ballot
				if ballot.CheckRanking(marks, n) == nil {
					p.Add(marks, 1+int64(len(marks)))
				}
				marks = marks[:0]
			case b == 254:
				marks = append(marks, ballot.Equal)
			case b == 253:
				marks = append(marks, ballot.Skip)
			case b == 252:
				marks = append(marks, ballot.Unknown)
			default:
				marks = append(marks, ballot.Mark(int(b)%n))
			}
		}
		if ballot.CheckRanking(marks, n) == nil {
			p.Add(marks, 1)
		}
		for _, opt := range []condorcet.Options{{}, {Unranked: condorcet.UnrankedIgnored}, {Overvote: condorcet.OvervoteExhaust}, {Overvote: condorcet.OvervoteSkip}} {
			m := condorcet.Tally(p, opt)
			if m.N() == 0 {
				continue
			}
			smith, schwartz := m.Smith(), m.Schwartz()
			for _, spec := range allSpecs {
				s, _ := condorcet.ParseSpec(spec)
				r, err := condorcet.Count(p, m, s, condorcet.TieBreak{}, condorcet.DebianRule{Default: "A", NoQuorum: true})
				if err != nil {
					if spec == "debian" && (opt.Unranked != condorcet.UnrankedBelow || m.Index("A") < 0) {
						continue
					}
					t.Fatalf("%s %v: %v", spec, opt, err)
				}
				if len(r.Winners) == 0 {
					t.Fatalf("%s %v: no winner", spec, opt)
				}
				for _, k := range r.Winners {
					if k < 0 || k >= m.N() {
						t.Fatalf("%s: winner %d of %d", spec, k, m.N())
					}
					if spec == "schulze" && !slices.Contains(schwartz, k) {
						t.Fatalf("schulze winner %d outside Schwartz %v", k, schwartz)
					}
				}
			}
			for _, k := range schwartz {
				if !slices.Contains(smith, k) {
					t.Fatalf("Schwartz %v not in Smith %v", schwartz, smith)
				}
			}
		}
	})
}
