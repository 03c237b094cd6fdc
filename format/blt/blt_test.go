package blt

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/internal/ballottest"
	"github.com/psephos/psephos/internal/datadir"
)

func read(t testing.TB, s string) (*ballot.Profile, error) {
	t.Helper()
	return Read(strings.NewReader(s), "test.blt", Options{})
}

func TestDialects(t *testing.T) {
	for _, c := range []struct {
		name, in  string
		cands     []string
		parties   []string
		title     string
		withdrawn []int
		rankings  [][]ballot.Mark
		weights   []int64
	}{
		{"quoted, US RCV extensions", "# comment\n3 1\n1 1 2 3 0\n1 1 - 3 0\n2 1=2 - 0\n1 -=- 3 0\n1 - - 0\n0\n\"A\"\n\"B \"\"b\"\"\"\n\"C\"\n\"Title\"\n",
			[]string{"A", `B "b"`, "C"}, nil, "Title", nil,
			[][]ballot.Mark{{0, 1, 2}, {0, ballot.Skip, 2}, {0, ballot.Equal, 1, ballot.Skip}, {ballot.Unknown, ballot.Equal, ballot.Unknown, 2}, {ballot.Skip, ballot.Skip}},
			[]int64{1, 1, 2, 1, 1}},
		{"bare names, no trailing newline, withdrawn", "3 1\n-2\n4 2 1 0\n0\nAnn (Lab)\nBob (Con)\nCal\nWard 7", []string{"Ann (Lab)", "Bob (Con)", "Cal"}, nil, "Ward 7", []int{1},
			[][]ballot.Mark{{1, 0}}, []int64{4}},
		{"comment names", "2 1\n5 1 0\n0\n# ALTERNATIVE NAME 1: Ann (Lab)\n# ALTERNATIVE NAME 2: Bob\nCalton ward", []string{"Ann (Lab)", "Bob"}, nil, "Calton ward", nil,
			[][]ballot.Mark{{0}}, []int64{5}},
		{"name and party, options, trailing text", "2 1\n[withdrawn 2] [tie 2 1]\n3 1 2 0\n3 1 2 0\n0\n\"Ann\" \"Labour\"\n\"Bob\" \"Green\"\n\"T\" \n\nA: 3 votes\n",
			[]string{"Ann", "Bob"}, []string{"Labour", "Green"}, "T", []int{1}, [][]ballot.Mark{{0, 1}}, []int64{6}},
		{"nicknames, candidate number above the list", "3 1\n[nick a b c]\n5 a b 0\n1 b=c 0\n1 4 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"eq\"\n",
			[]string{"A", "B", "C"}, nil, "eq", nil, [][]ballot.Mark{{0, 1}, {1, ballot.Equal, 2}, {ballot.Unknown}}, []int64{5, 1, 1}},
	} {
		p, err := read(t, c.in)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var rk [][]ballot.Mark
		var w []int64
		for i := 0; i < p.Len(); i++ {
			rk = append(rk, append([]ballot.Mark{}, p.Ranking(i)...))
			w = append(w, p.Weight(i))
		}
		if !reflect.DeepEqual(p.Candidates, c.cands) || p.Title != c.title || !reflect.DeepEqual(p.Withdrawn, c.withdrawn) ||
			!reflect.DeepEqual(rk, c.rankings) || !reflect.DeepEqual(w, c.weights) || !reflect.DeepEqual(p.Parties, c.parties) {
			t.Errorf("%s: got %q %q %q withdrawn %v rankings %v weights %v", c.name, p.Candidates, p.Parties, p.Title, p.Withdrawn, rk, w)
		}
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "test.blt: empty file"},
		{"5 1,\n", "test.blt:1: expected a BLT header line"},
		{"2 1\n1 1 2\n0\n", "test.blt:2: expected a ballot line ending in 0"},
		{"2 1\n1 1 x 0\n0\n", "test.blt:2: expected a preference"},
		{"2 1\n0 1 0\n0\n", "test.blt:2: expected a ballot line starting with a weight"},
		{"2 1\n1 1 0 2\n0\n", "test.blt:2: expected nothing after the 0"},
		{"2 1\n1 1 0\n", "unexpected end of file: expected the line \"0\""},
		{"2 1\n1 1 0\n0\n\"A\"\n", "expected 2 candidate names"},
		{"2 1\n-3\n", "test.blt:2: expected withdrawn candidates"},
		{"2 1\n[foo 1]\n", "test.blt:2: unknown BLT option [foo]"},
		{"2 1\n1 1 0\n0\n\"A\n\"B\"\n", "test.blt:4: candidate 1's name: expected a closing quote"},
		{"2 1\n1000000000001 1 0\n0\n\"A\"\n\"B\"\n", "test.blt:2: expected a ballot line starting with a weight from 1 to 1000000000000"},
		// A header that undercounts the candidates: ballots name candidate
		// 4 of "3", and four names plus a title follow. Counting would
		// drop D's votes and take "D" for the title.
		{"3 1\n10 4 1 0\n9 2 1 0\n5 2 0\n4 3 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"D\"\n\"Mayor 2024\"\n", "test.blt:10: the header gives 3 candidates, but ballots name candidates above 3"},
	} {
		_, err := read(t, c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want an error containing %q", c.in, err, c.want)
		}
	}
}

func TestWriteRoundTrip(t *testing.T) {
	in := "3 2\n-3\n[tie 2 1]\n[undeclared 3]\n2 1 2 0\n1 1=2 - 3 0\n1 -=- 4 0\n1 0\n0\n\"A\" \"P\"\n\"B \"\"x\"\"\" \"Q\"\n\"C\" \"\"\n\"T\"\n"
	p, err := read(t, in)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, p); err != nil {
		t.Fatal(err)
	}
	q, err := read(t, b.String())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	same(t, p, q)
}

func same(t *testing.T, p, q *ballot.Profile) {
	t.Helper()
	if !reflect.DeepEqual(p.Candidates, q.Candidates) || p.Title != q.Title || !reflect.DeepEqual(p.Withdrawn, q.Withdrawn) ||
		!reflect.DeepEqual(p.TieOrder, q.TieOrder) || !reflect.DeepEqual(p.WriteIns, q.WriteIns) || p.Len() != q.Len() || p.Ballots() != q.Ballots() {
		t.Fatalf("round trip: %+v\nvs %+v", p, q)
	}
	for i := 0; i < p.Len(); i++ {
		if !reflect.DeepEqual(p.Ranking(i), q.Ranking(i)) || p.Weight(i) != q.Weight(i) {
			t.Fatalf("ranking %d: %v×%d vs %v×%d", i, p.Ranking(i), p.Weight(i), q.Ranking(i), q.Weight(i))
		}
	}
}

// Real files: the Glasgow 2007 Calton ward in scot-elex gives its names only
// in "# ALTERNATIVE NAME" comments; San Francisco 2011 has 197,242 ballots
// (official total, data README) and 25 candidates; the Droop test file
// SCw.blt withdraws candidate 4 on a negative line and SCwopt.blt with
// [withdrawn 4]: both must read the same.
func TestRealFiles(t *testing.T) {
	open := func(rel string) *ballot.Profile {
		path := datadir.Path(t, rel)
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		p, err := Read(f, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	calton := open("ranked/scot-elex/blt_files/10_cands/glasgow_2007_calton.blt")
	if calton.Candidates[9] != "Alison E Thewliss (SNP)" || calton.Title != "Calton ward" || calton.Seats != 3 {
		t.Errorf("Calton: %q, %q, %d seats", calton.Candidates, calton.Title, calton.Seats)
	}
	sf := open("ranked/us-rcv-blt/data/2011-San_Francisco-Mayor.blt")
	if sf.Ballots() != 197242 || len(sf.Candidates) != 25 || sf.Candidates[12] != "ED LEE" {
		t.Errorf("SF 2011: %d ballots, %d candidates, 13th %q", sf.Ballots(), len(sf.Candidates), sf.Candidates[12])
	}
	a, b := open("ranked/droop-rule-refs/blt/SCw.blt"), open("ranked/droop-rule-refs/blt/SCwopt.blt")
	if !reflect.DeepEqual(a.Withdrawn, []int{3}) {
		t.Errorf("SCw.blt withdrawn %v, want [3]", a.Withdrawn)
	}
	same(t, a, b)
}

func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"3 1\n1 1 2 3 0\n1 1 - 3 0\n2 1=2 - 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n",
		"2 1\n-2\n[tie 2 1]\n5 1 0\n0\nA\nB\nTitle",
		"2 1\n5 1 0\n0\n# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\nT",
		"3 2\n[nick a b c]\n5 a b 0\n1 b=c 0\n0\n\"A\" \"p\"\n\"B\"\n\"C\"\n\"x\"\n",
		"\xEF\xBB\xBF1 1\n1 -=- 0\n0\n\"\"\"\"\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Read(strings.NewReader(s), "f.blt", Options{KeepOrder: true})
		if !ballottest.Read(t, p, err, "f.blt") {
			return
		}
		var b bytes.Buffer
		if err := Write(&b, p); err != nil {
			t.Fatal(err)
		}
		q, err := Read(&b, "again.blt", Options{})
		if err != nil {
			t.Fatalf("reading the written file: %v\n%s", err, b.String())
		}
		if q.Ballots() != p.Ballots() || q.Len() != p.Len() {
			t.Fatalf("round trip: %d/%d ballots, %d/%d rankings", q.Ballots(), p.Ballots(), q.Len(), p.Len())
		}
		_ = ballot.Rules{Overvote: ballot.OvervoteExhaustIfMultipleContinuing}.Prepare(p)
	})
}

// San Francisco 2011 mayor (197,242 ballots), read from memory.
func BenchmarkReadSanFrancisco2011(b *testing.B) {
	data, err := os.ReadFile(datadir.Path(b, "ranked/us-rcv-blt/data/2011-San_Francisco-Mayor.blt"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), "sf.blt", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// The parallel reader gives the same profile as the sequential one (used
// when the order is kept), ranking for ranking, and reports the first bad
// line of the file whichever worker meets it.
func TestParallelSameAsSequential(t *testing.T) {
	var b strings.Builder
	b.WriteString("4 1\n")
	// Past parallelAfter (lowered to 1 MB here) of ballot lines the
	// workers run.
	defer func(n int64) { parallelAfter = n }(parallelAfter)
	parallelAfter = 1 << 20
	for i := 0; i < 400000; i++ {
		fmt.Fprintf(&b, "%d %d %d 0\n", 1+i%3, 1+i%4, 1+(i/7)%4)
	}
	b.WriteString("0\n\"A\"\n\"B\"\n\"C\"\n\"D\"\n\"T\"\n")
	in := b.String()
	par, err := Read(strings.NewReader(in), "p.blt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	seq, err := Read(strings.NewReader(in), "p.blt", Options{KeepOrder: true})
	if err != nil {
		t.Fatal(err)
	}
	same(t, par, seq)
	// Bad lines at 300,001 and 350,001 (in different batches): the first
	// is reported.
	ls := strings.Split(in, "\n")
	ls[300000] = "1 9x 0"
	ls[350000] = "x 1 0"
	_, err = Read(strings.NewReader(strings.Join(ls, "\n")), "p.blt", Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "p.blt:300001: expected a preference") {
		t.Errorf("got %v, want the error at line 300001", err)
	}
}

func BenchmarkReadSanFrancisco2011Sequential(b *testing.B) {
	data, err := os.ReadFile(datadir.Path(b, "ranked/us-rcv-blt/data/2011-San_Francisco-Mayor.blt"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), "sf.blt", Options{KeepOrder: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// A ballot naming a candidate above the header's count, with exactly the
// names and a title after the ballots (as the San Francisco 2010 District 2
// file has), is read, and the profile says so in a note.
func TestUnknownCandidateNoted(t *testing.T) {
	p, err := read(t, "2 1\n3 3 1 0\n2 2 0\n0\n\"A\"\n\"B\"\n\"T\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "T" || len(p.Notes) != 1 || !strings.Contains(p.Notes[0], "above the header's 2 candidates") {
		t.Errorf("title %q notes %q", p.Title, p.Notes)
	}
}

// Totals that would overflow, and two candidates of one name, make the
// profile unusable: Err says so, and counts refuse it.
func TestProfileErr(t *testing.T) {
	in := "2 1\n"
	for i := 0; i < 3; i++ {
		in += "900000000000 1 0\n"
	}
	in += "0\n\"A\"\n\"B\"\n"
	p, err := read(t, in)
	if err == nil {
		err = p.Err()
	}
	if err == nil || !strings.Contains(err.Error(), "more than 1000000000000 ballots") {
		t.Errorf("err = %v", err)
	}
	prof := ballot.NewProfile([]string{"A", "B"})
	prof.Add([]ballot.Mark{0}, ballot.MaxBallots)
	prof.Add([]ballot.Mark{1}, 1)
	if prof.Err() == nil || prof.Ballots() != ballot.MaxBallots {
		t.Errorf("the profile took %d ballots without an error", prof.Ballots())
	}
	p, _ = read(t, "2 1\n1 1 0\n0\n\"A\"\n\"A\"\n")
	if e := p.Err(); e == nil || !strings.Contains(e.Error(), `candidates 1 and 2 have the same name "A"`) {
		t.Errorf("Err = %v", e)
	}
}
