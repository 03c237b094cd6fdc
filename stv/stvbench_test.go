package stv_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/stv"
)

// The scot-elex corpus: 1,099 readable wards, about 5.6 million ballots.
// BenchmarkScotElexRead reads them; BenchmarkScotElexCount counts the
// profiles read once (Scottish rule).
func scotElex(b *testing.B) []string {
	files, err := filepath.Glob(filepath.Join(datadir.Path(b, "ranked/scot-elex/blt_files"), "*", "*.blt"))
	if err != nil || len(files) == 0 {
		b.Fatal(err)
	}
	return files
}

func BenchmarkScotElexRead(b *testing.B) {
	files := scotElex(b)
	for b.Loop() {
		for _, f := range files {
			format.ReadBallotsFile(f, format.BallotOptions{})
		}
	}
}

func BenchmarkScotElexCount(b *testing.B) {
	var ps []*ballot.Profile
	for _, f := range scotElex(b) {
		if p, _, err := format.ReadBallotsFile(f, format.BallotOptions{}); err == nil {
			ps = append(ps, p)
		}
	}
	r := preset(b, "scotland")
	for b.Loop() {
		for _, p := range ps {
			countRule(b, p, r)
		}
	}
}

// Tasmania 2019 Senate: read (the AEC's gzipped CSV) and counted (139
// counts).
func BenchmarkSenateTasmania2019(b *testing.B) {
	path := datadir.Path(b, "ranked/aus-senate/fed2019/tas/data/aec-senate-formalpreferences-24310-TAS.csv.gz")
	r := preset(b, "australian-senate")
	r.Seats = 6
	for b.Loop() {
		p, _, err := format.ReadBallotsFile(path, format.BallotOptions{})
		if err != nil {
			b.Fatal(err)
		}
		countRule(b, p, r)
	}
}

// partyBallots builds n ballots over parties × per candidates, as voters
// in a party election rank them: a party drawn with weight parties-k, its
// candidates in its order (the first two swapped for one voter in four),
// then, for half the voters, one or two more parties' candidates, and for
// one in ten a candidate of any party first. Deterministic (seeded).
func partyBallots(n, parties, per int) *ballot.Profile {
	c := parties * per
	names := make([]string, c)
	for i := range names {
		names[i] = fmt.Sprintf("P%02d-%d", i/per, i%per)
	}
	p := ballot.NewProfile(names)
	rng := rand.New(rand.NewPCG(5, 6))
	total := parties * (parties + 1) / 2
	pick := func() int {
		x := rng.IntN(total)
		k := 0
		for x >= parties-k {
			x -= parties - k
			k++
		}
		return k
	}
	marks := make([]ballot.Mark, 0, c)
	used := make([]bool, parties)
	for i := 0; i < n; i++ {
		marks = marks[:0]
		clear(used)
		if rng.IntN(10) == 0 {
			marks = append(marks, ballot.Mark(rng.IntN(c)))
		}
		for extra := 0; extra < 1+rng.IntN(2)*(1+rng.IntN(2)); extra++ {
			k := pick()
			if used[k] {
				continue
			}
			used[k] = true
			start := len(marks)
			for j := 0; j < per; j++ {
				m := ballot.Mark(k*per + j)
				if len(marks) > 0 && marks[0] == m {
					continue
				}
				marks = append(marks, m)
			}
			if rng.IntN(4) == 0 && len(marks)-start >= 2 {
				marks[start], marks[start+1] = marks[start+1], marks[start]
			}
		}
		p.Add(marks, 1)
	}
	return p
}

// Meek's method (New Zealand rule, fixed point to 9 places) on ten million
// generated ballots over 50 candidates (10 parties of 5) for 10 seats: the
// profile is built once; each iteration prepares and counts it.
func BenchmarkMeek10M(b *testing.B) {
	p := partyBallots(10_000_000, 10, 5)
	r := preset(b, "meek-nz")
	r.Seats = 10
	var res *stv.Result
	b.ReportAllocs()
	for b.Loop() {
		res = countRule(b, p, r)
	}
	iters := 0
	for _, st := range res.Stages {
		iters += st.Iterations
	}
	b.ReportMetric(float64(p.Len()), "distinct")
	b.ReportMetric(float64(len(res.Stages)), "stages")
	b.ReportMetric(float64(iters), "iterations")
}

// Dublin North 2002 (43,942 papers in file order): read and counted by the
// Irish rule.
func BenchmarkDublinNorth(b *testing.B) {
	path := datadir.Path(b, "ranked/ireland-2002/dnorth.txt")
	r := preset(b, "ireland")
	r.Seats = 4
	for b.Loop() {
		p, _, err := format.ReadBallotsFile(path, format.BallotOptions{})
		if err != nil {
			b.Fatal(err)
		}
		countRule(b, p, r)
	}
}
