package stv

import (
	"math/big"
	"testing"

	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
)

// The trie walk gives exactly the ballot-by-ballot distribution: SC.blt
// (exact Meek and Warren) and Dublin North (New Zealand Meek, fixed
// point), every stage's votes and keep factors equal.
func TestMeekTrieSameAsBallots(t *testing.T) {
	for _, c := range []struct {
		file, rule string
		seats      int
	}{
		{"ranked/droop-rule-refs/blt/SC.blt", "meek", 4},
		{"ranked/droop-rule-refs/blt/SC.blt", "warren", 4},
		{"ranked/ireland-2002/dnorth.txt", "meek-nz", 4},
	} {
		p, _, err := format.ReadBallotsFile(datadir.Path(t, c.file), format.BallotOptions{})
		if err != nil {
			t.Fatal(err)
		}
		r := Presets[c.rule]
		pp := r.Ballot.Prepare(p)
		run := func(trie bool) []Stage {
			if r.Arithmetic.Kind == Exact {
				m := newMeek[*big.Rat](ratArith{}, pp, &r, c.seats)
				if !trie {
					m.trie = nil
				} else if m.trie == nil {
					t.Fatalf("%s: no trie", c.file)
				}
				if err := m.run(); err != nil {
					t.Fatal(err)
				}
				return m.stages
			}
			m := newMeek[int64](newFixed(r.Arithmetic.Decimals), pp, &r, c.seats)
			if !trie {
				m.trie = nil
			} else if m.trie == nil {
				t.Fatalf("%s: no trie", c.file)
			}
			if err := m.run(); err != nil {
				t.Fatal(err)
			}
			return m.stages
		}
		a, b := run(true), run(false)
		if len(a) != len(b) {
			t.Fatalf("%s %s: %d stages with the trie, %d without", c.file, c.rule, len(a), len(b))
		}
		for i := range a {
			for k := range a[i].Votes {
				if a[i].Votes[k].Cmp(b[i].Votes[k]) != 0 || a[i].KeepFactors[k].Cmp(b[i].KeepFactors[k]) != 0 {
					t.Fatalf("%s %s stage %d candidate %d: %s/%s with the trie, %s/%s without", c.file, c.rule, i+1, k,
						a[i].Votes[k], a[i].KeepFactors[k], b[i].Votes[k], b[i].KeepFactors[k])
				}
			}
			if a[i].Exhausted.Cmp(b[i].Exhausted) != 0 {
				t.Fatalf("%s %s stage %d: exhausted %s with the trie, %s without", c.file, c.rule, i+1, a[i].Exhausted, b[i].Exhausted)
			}
		}
	}
}
