package stv_test

import (
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/stv"
)

// profileFrom builds a small profile from fuzz bytes: the first byte sets
// the candidates (2–7) and seats, then each ballot is a weight byte and
// marks until a zero byte.
func profileFrom(data []byte) (*ballot.Profile, int) {
	if len(data) < 2 {
		return nil, 0
	}
	n := 2 + int(data[0]%6)
	seats := 1 + int(data[0]/6)%(n-1)
	names := make([]string, n)
	for i := range names {
		names[i] = string(rune('A' + i))
	}
	p := ballot.NewProfile(names)
	data = data[1:]
	for len(data) > 0 {
		w := int64(data[0]%9) + 1
		data = data[1:]
		var marks []ballot.Mark
		for len(data) > 0 && data[0] != 0 {
			m := ballot.Mark(int(data[0]) % (n + 1))
			if int(m) == n {
				m = ballot.Skip
			}
			marks = append(marks, m)
			data = data[1:]
		}
		if len(data) > 0 {
			data = data[1:]
		}
		p.Add(marks, w)
	}
	return p, seats
}

// Every multi-seat preset counts any small profile: it ends, fills its
// seats with distinct candidates (or says why not), and the Gregory
// counts conserve every vote at every stage.
func FuzzCount(f *testing.F) {
	f.Add([]byte{9, 3, 1, 2, 0, 2, 2, 1, 0, 1, 3, 0, 5, 1, 0})
	f.Add([]byte{23, 1, 1, 0, 1, 2, 0, 1, 3, 0, 1, 4, 0, 1, 5, 0})
	f.Add([]byte{4, 8, 1, 2, 3, 0, 8, 2, 1, 3, 0, 8, 3, 1, 2, 0})
	f.Add([]byte{17, 2, 1, 1, 1, 0, 2, 2, 2, 0, 2, 3, 3, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		p, seats := profileFrom(data)
		if p == nil {
			return
		}
		for _, name := range []string{"scotland", "ireland", "australian-senate", "meek", "meek-nz", "warren", "minneapolis-stv", "alameda-stv", "ers97", "gregory"} {
			r, _ := stv.Preset(name)
			r.Seats = seats
			r.TieBreak.Fallback = stv.FallbackLot
			res, err := stv.Count(p, r)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			seen := map[int]bool{}
			for _, k := range res.Elected {
				if seen[k] {
					t.Fatalf("%s: %s elected twice", name, p.Candidates[k])
				}
				seen[k] = true
			}
			if len(res.Elected) != seats {
				t.Fatalf("%s: %d elected for %d seats", name, len(res.Elected), seats)
			}
			if r.Method != stv.Gregory {
				continue
			}
			var valid int64 = p.Ballots() - res.Defects.Blank
			for _, st := range res.Stages {
				sum := st.Exhausted.Add(st.LossByFraction)
				for _, v := range st.Votes {
					sum = sum.Add(v)
				}
				if sum.Cmp(stv.Whole(valid)) != 0 {
					t.Fatalf("%s stage %d: votes, exhausted and loss add to %s, not %d", name, st.Number, sum, valid)
				}
			}
		}
	})
}
