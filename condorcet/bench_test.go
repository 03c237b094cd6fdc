package condorcet_test

import (
	"math/rand/v2"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/condorcet"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
)

const sf2011 = "ranked/us-rcv-blt/data/2011-San_Francisco-Mayor.blt"

// The pairwise matrix of San Francisco's 2011 mayoral election (197,242
// ballots, 25 candidates, about 56,000 distinct rankings) from the profile
// already read.
func BenchmarkTallySanFrancisco2011(b *testing.B) {
	p := read(b, sf2011)
	b.ReportAllocs()
	for b.Loop() {
		if m := condorcet.Tally(p, condorcet.Options{}); m.N() != 25 {
			b.Fatal(m.N())
		}
	}
	b.ReportMetric(float64(p.Len()), "distinct")
}

// Each method on San Francisco 2011's matrix (Borda walks the ballots).
func BenchmarkMethodsSanFrancisco2011(b *testing.B) {
	p := read(b, sf2011)
	m := condorcet.Tally(p, condorcet.Options{})
	for _, spec := range []string{"schulze", "ranked-pairs", "copeland", "minimax", "borda", "kemeny"} {
		s, _ := condorcet.ParseSpec(spec)
		b.Run(spec, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := condorcet.Count(p, m, s, condorcet.TieBreak{}, condorcet.DebianRule{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The whole in-process job for San Francisco 2011: detect the format, read
// the 2.2 MB BLT file, tally, count by Schulze.
func BenchmarkSchulzeSanFrancisco2011FromFile(b *testing.B) {
	path := datadir.Path(b, sf2011)
	b.ReportAllocs()
	for b.Loop() {
		p, _, err := format.ReadBallotsFile(path, format.BallotOptions{})
		if err != nil {
			b.Fatal(err)
		}
		m := condorcet.Tally(p, condorcet.Options{})
		if r, err := condorcet.Count(p, m, condorcet.Spec{Method: condorcet.Schulze}, condorcet.TieBreak{}, condorcet.DebianRule{}); err != nil || r.Winner < 0 {
			b.Fatal(err)
		}
	}
}

// manyRankings builds a profile of at least ballots ballots over c
// candidates from random rankings (1 to c candidates, a rank holding two
// candidates one time in ten) with random weights, until it has distinct
// rankings or the ballots.
func manyRankings(distinct, c int, ballots int64) *ballot.Profile {
	names := make([]string, c)
	for i := range names {
		names[i] = string(rune('A' + i))
	}
	p := ballot.NewProfile(names)
	rng := rand.New(rand.NewPCG(21, 22))
	mean := ballots / int64(distinct)
	var marks []ballot.Mark
	for p.Len() < distinct || p.Ballots() < ballots {
		perm := rng.Perm(c)[:1+rng.IntN(c)]
		marks = marks[:0]
		for i, k := range perm {
			if i > 0 && rng.IntN(10) == 0 {
				marks = append(marks, ballot.Equal)
			}
			marks = append(marks, ballot.Mark(k))
		}
		p.Add(marks, 1+rng.Int64N(mean))
	}
	return p
}

// Ten million ballots as 400,000 distinct rankings over 12 candidates.
func BenchmarkTally10M(b *testing.B) {
	p := manyRankings(400_000, 12, 10_000_000)
	b.ReportAllocs()
	for b.Loop() {
		condorcet.Tally(p, condorcet.Options{})
	}
	b.ReportMetric(float64(p.Ballots()), "ballots")
	b.ReportMetric(float64(p.Len()), "distinct")
}

// Kemeny–Young at its limit: one Smith level of MaxKemeny (20) candidates,
// every ballot a rotation of one order (the subset programme visits 2^20
// subsets).
func BenchmarkKemenyLimit(b *testing.B) {
	n := condorcet.MaxKemeny
	names := make([]string, n)
	for i := range names {
		names[i] = string(rune('a' + i))
	}
	p := ballot.NewProfile(names)
	rng := rand.New(rand.NewPCG(1, 1))
	for s := 0; s < n; s++ {
		marks := make([]ballot.Mark, n)
		for i := range marks {
			marks[i] = ballot.Mark((s + i) % n)
		}
		p.Add(marks, 1+rng.Int64N(3))
	}
	m := condorcet.Tally(p, condorcet.Options{})
	if len(m.Smith()) != n {
		b.Fatalf("Smith set of %d", len(m.Smith()))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := condorcet.Count(p, m, condorcet.Spec{Method: condorcet.Kemeny}, condorcet.TieBreak{}, condorcet.DebianRule{}); err != nil {
			b.Fatal(err)
		}
	}
}
