package stv_test

import (
	"bytes"
	"math/rand/v2"
	"os"
	"runtime"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/stv"
)

// benchFile reads a file into memory once, then each iteration parses it
// (the format detected, as the command line does) and counts it.
func benchFile(b *testing.B, rel, preset string, seats int) {
	data, err := os.ReadFile(datadir.Path(b, rel))
	if err != nil {
		b.Fatal(err)
	}
	r, err := stv.Preset(preset)
	if err != nil {
		b.Fatal(err)
	}
	r.Seats = seats
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		p, _, err := format.ReadBallots(bytes.NewReader(data), rel, format.BallotOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := stv.Count(p, r); err != nil {
			b.Fatal(err)
		}
	}
}

// San Francisco 2011 mayor: 197,242 ballots, 25 candidates, 12 rounds.
func BenchmarkSanFrancisco2011(b *testing.B) {
	benchFile(b, "ranked/us-rcv-blt/data/2011-San_Francisco-Mayor.blt", "san-francisco", 1)
}

// Tasmania Senate 2019: 351,988 ballots, 44 candidates, gzipped CSV, above
// the line expanded; counted here by instant-runoff for one seat (the
// six-seat Senate count is STV, not this package's single-seat core).
func BenchmarkTasmania2019(b *testing.B) {
	benchFile(b, "ranked/aus-senate/fed2019/tas/data/aec-senate-formalpreferences-24310-TAS.csv.gz", "rctab", 1)
}

// generated builds a profile of n ballots over c candidates: first
// preferences skewed (candidate k drawn with weight c-k), then 0 to 5 more
// preferences drawn at random, so distinct rankings stay far fewer than
// ballots (as in real elections).
func generated(n, c int) *ballot.Profile {
	names := make([]string, c)
	for i := range names {
		names[i] = string(rune('A' + i))
	}
	p := ballot.NewProfile(names)
	rng := rand.New(rand.NewPCG(1, 2))
	total := c * (c + 1) / 2
	marks := make([]ballot.Mark, 0, 6)
	seen := make([]bool, c)
	for i := 0; i < n; i++ {
		marks = marks[:0]
		for k := range seen {
			seen[k] = false
		}
		x := rng.IntN(total)
		k := 0
		for x >= c-k {
			x -= c - k
			k++
		}
		marks = append(marks, ballot.Mark(k))
		seen[k] = true
		for more := rng.IntN(6); more > 0; more-- {
			k = rng.IntN(c)
			if !seen[k] {
				seen[k] = true
				marks = append(marks, ballot.Mark(k))
			}
		}
		p.Add(marks, 1)
	}
	return p
}

// Ten million generated ballots over 12 candidates: the profile is built
// once (its size is reported), then each iteration prepares and counts it.
func Benchmark10MBallots(b *testing.B) {
	p := generated(10_000_000, 12)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(p.Len()), "distinct")
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "profile-MiB")
	r, _ := stv.Preset("rctab")
	b.ReportAllocs()
	for b.Loop() {
		res, err := stv.Count(p, r)
		if err != nil {
			b.Fatal(err)
		}
		if res.Ballots != 10_000_000 {
			b.Fatal(res.Ballots)
		}
	}
}
