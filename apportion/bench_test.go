package apportion_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/psephos/psephos/apportion"
)

// generated returns n parties with a skewed (Zipf-like) spread of votes, as
// real party systems have: party i has about 10^9/(i+1) votes.
func generated(n int) []apportion.Party {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	ps := make([]apportion.Party, n)
	for i := range ps {
		ps[i] = apportion.Party{ID: fmt.Sprintf("party-%06d", i), Votes: 1_000_000_000/int64(i+1) + rng.Int64N(1000)}
	}
	return ps
}

// Cost grows as (parties + seats) · log(parties): compare the rows with 10×
// the seats or 10× the parties.
func BenchmarkApportion(b *testing.B) {
	sizes := []struct{ parties, seats int }{
		{1_000, 100_000}, {10_000, 100_000}, {1_000, 1_000_000}, {10_000, 1_000_000}, {100_000, 1_000_000},
	}
	methods := []apportion.Method{apportion.DHondt, apportion.SainteLague, apportion.HuntingtonHill, apportion.Dean, apportion.Hare, apportion.Droop}
	for _, m := range methods {
		for _, sz := range sizes {
			ps := generated(sz.parties)
			rule := apportion.Rule{Method: m}
			b.Run(fmt.Sprintf("%s/parties=%d/seats=%d", m.Name(), sz.parties, sz.seats), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					r, err := rule.Apportion(ps, sz.seats)
					if err != nil {
						b.Fatal(err)
					}
					if r.Total()+r.Pending != sz.seats {
						b.Fatalf("%d seats", r.Total())
					}
				}
			})
		}
	}
}

// The real files: the Dutch 2023 national apportionment and the German 2025
// federal one, read once.
func BenchmarkOfficial(b *testing.B) {
	nl := readTable(b, "nl/uitslag_TK20231122_Nederland.csv")
	de := readTable(b, "de/bundestag-2025/2025-02_gesamtergebnis.xml")
	german := apportion.Rule{Method: apportion.SainteLague, Threshold: apportion.Threshold{Share: apportion.Ratio{Num: 5, Den: 100}, Wins: 3, Exempt: []string{"SSW"}}}
	b.Run("nl-2023-dhondt-150", func(b *testing.B) {
		for b.Loop() {
			if _, err := dutchRule.ApportionTable(nl, 150, false); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("de-2025-sainte-lague-630", func(b *testing.B) {
		for b.Loop() {
			if _, err := german.ApportionTable(de, 630, false); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// Inputs full of exact ties: 100:50 votes tie at every second D'Hondt seat
// (100/2k = 50/k), and 1,000 parties with equal votes tie at every round of
// every method; all these ties are at seats that every tied party gets, so
// they decide nothing.
func BenchmarkTies(b *testing.B) {
	equal := make([]apportion.Party, 1000)
	for i := range equal {
		equal[i] = apportion.Party{ID: fmt.Sprintf("p%04d", i), Votes: 1000}
	}
	cases := []struct {
		name    string
		method  apportion.Method
		parties []apportion.Party
		seats   int
	}{
		{"dhondt/100:50/seats=1000000", apportion.DHondt, []apportion.Party{{ID: "A", Votes: 100}, {ID: "B", Votes: 50}}, 1_000_000},
		{"sainte-lague/100:50/seats=1000000", apportion.SainteLague, []apportion.Party{{ID: "A", Votes: 100}, {ID: "B", Votes: 50}}, 1_000_000},
		{"dhondt/1000-equal/seats=1000000", apportion.DHondt, equal, 1_000_000},
		{"hare/1000-equal/seats=1000000", apportion.Hare, equal, 1_000_000},
	}
	for _, c := range cases {
		rule := apportion.Rule{Method: c.method}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r, err := rule.Apportion(c.parties, c.seats)
				if err != nil {
					b.Fatal(err)
				}
				if r.Total() != c.seats {
					b.Fatalf("%d seats", r.Total())
				}
			}
		})
	}
}
