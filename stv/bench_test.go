package stv_test

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
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
// once, then each iteration prepares and counts it.
func Benchmark10MBallots(b *testing.B) {
	p := generated(10_000_000, 12)
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
	b.ReportMetric(float64(p.Len()), "distinct")
}

// The same ten million ballots written one per line as a BLT file (weight
// 1 each, about 110 MB), then read and counted from the file each
// iteration: the reader streams, so the heap holds the distinct rankings,
// not the ballots (heap-MiB is the live heap after reading).
func Benchmark10MBallotsFromFile(b *testing.B) {
	if testing.Short() {
		b.Skip("writes a 110 MB file")
	}
	path := filepath.Join(b.TempDir(), "10m.blt")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	gen := generated(10_000_000, 12)
	fmt.Fprintf(w, "12 1\n")
	rng := rand.New(rand.NewPCG(3, 4))
	// Expand the profile's weights into single ballots, in a shuffled order
	// of distinct rankings (identical lines are not adjacent).
	order := rng.Perm(gen.Len())
	var line []byte
	for _, i := range order {
		line = line[:0]
		line = append(line, '1')
		for _, m := range gen.Ranking(i) {
			line = append(line, ' ')
			line = strconv.AppendInt(line, int64(m)+1, 10)
		}
		line = append(line, " 0\n"...)
		for k := gen.Weight(i); k > 0; k-- {
			w.Write(line)
		}
	}
	w.WriteString("0\n")
	for _, c := range gen.Candidates {
		fmt.Fprintf(w, "%q\n", c)
	}
	w.WriteString("\"generated\"\n")
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	gen = nil
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	r, _ := stv.Preset("rctab")
	var heap float64
	for b.Loop() {
		p, _, err := format.ReadBallotsFile(path, format.BallotOptions{})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap = float64(ms.HeapAlloc) / (1 << 20)
		res, err := stv.Count(p, r)
		if err != nil || res.Ballots != 10_000_000 {
			b.Fatal(err, res.Ballots)
		}
	}
	b.ReportMetric(heap, "heap-MiB")
}
