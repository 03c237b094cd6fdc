package rankcsv

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/internal/ballottest"
	"github.com/psephos/psephos/internal/datadir"
)

func rankings(p *ballot.Profile) (out [][]ballot.Mark, w []int64) {
	for i := 0; i < p.Len(); i++ {
		out = append(out, append([]ballot.Mark{}, p.Ranking(i)...))
		w = append(w, p.Weight(i))
	}
	return
}

func TestLong(t *testing.T) {
	in := "ballot_id,rank,choice\nb1,2,Bob\nb1,1,Ann\nb2,1,Bob\nb2,1,Cal\nb2,3,Ann\nb3,1,$OVERVOTE\nb3,2,$UNDERVOTE\nb4,1,Ann\nb4,2,Bob\n"
	p, err := ReadLong(strings.NewReader(in), "t.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	rk, w := rankings(p)
	if !reflect.DeepEqual(p.Candidates, []string{"Bob", "Ann", "Cal"}) {
		t.Fatalf("candidates %q", p.Candidates)
	}
	// Candidates in order of first appearance: Bob 0, Ann 1, Cal 2.
	want := [][]ballot.Mark{{1, 0}, {0, ballot.Equal, 2, ballot.Skip, 1}, {ballot.Unknown, ballot.Equal, ballot.Unknown, ballot.Skip}}
	if !reflect.DeepEqual(rk, want) || !reflect.DeepEqual(w, []int64{2, 1, 1}) {
		t.Errorf("rankings %v weights %v", rk, w)
	}
	for _, c := range []struct{ in, want string }{
		{"ballot_id,rank,choice\nb1,1,A\nb2,1,B\nb1,2,C\n", "t.csv:4: rows of ballot \"b1\" do not stand together: it also has rows from line 2"},
		{"ballot_id,rank,choice\nb1,0,A\n", "t.csv:2: expected a rank"},
		{"ballot_id,rank,choice\n,1,A\n", "t.csv:2: expected a ballot_id"},
		{"id,rank,choice\n", "expected the header ballot_id,rank,choice"},
		{"ballot_id,rank,choice\nb1,1,A\nb1,1,A\n", `t.csv:3: ballot "b1" has the row (rank 1, "A") twice`},
	} {
		if _, err := ReadLong(strings.NewReader(c.in), "t.csv", Options{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
}

func TestCounted(t *testing.T) {
	in := "count,ranking\n12,Alice\n5,Carol=Dave>Erin\n3,\n2,A>>B\n"
	p, err := ReadCounted(strings.NewReader(in), "t.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	rk, w := rankings(p)
	want := [][]ballot.Mark{{0}, {1, ballot.Equal, 2, 3}, {}, {4, ballot.Skip, 5}}
	if !reflect.DeepEqual(rk, want) || !reflect.DeepEqual(w, []int64{12, 5, 3, 2}) {
		t.Errorf("rankings %v weights %v", rk, w)
	}
	var b bytes.Buffer
	if err := WriteCounted(&b, p); err != nil {
		t.Fatal(err)
	}
	if b.String() != "count,ranking\n12,Alice\n5,Carol=Dave>Erin\n3,\n2,A>>B\n" {
		t.Errorf("written:\n%s", b.String())
	}
	for _, c := range []struct{ in, want string }{
		{"count,ranking\n0,A\n", "t.csv:2: expected a count of ballots ≥ 1"},
		{"count,ranking\nx,A\n", "t.csv:2: count: expected a whole number"},
		{"count,ranking\n1,A=>B\n", "t.csv:2: expected candidate names"},
	} {
		if _, err := ReadCounted(strings.NewReader(c.in), "t.csv", Options{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
}

// Burlington 2009 in ranked.vote's normalised layout: 8,980 ballots (data
// README), six candidates; six ballots hold an anonymous overvote (the BLT
// file of the same election also has six overvoted ballots).
func TestBurlington(t *testing.T) {
	path := datadir.Path(t, "ranked/burlington-2009/us_vt_btv_2009_03_mayor.normalized.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := ReadLong(f, path, Options{KeepOrder: true})
	if err != nil {
		t.Fatal(err)
	}
	d := ballot.Rules{}.Prepare(p).Defects
	var ordered int64
	for _, r := range p.Order() {
		ordered += r.Count
	}
	if p.Ballots() != 8980 || len(p.Candidates) != 6 || ordered != 8980 || d.Overvote != 6 {
		t.Errorf("%d ballots, %d candidates %q, %d in order, %d overvoted", p.Ballots(), len(p.Candidates), p.Candidates, ordered, d.Overvote)
	}
}

func FuzzReadLong(f *testing.F) {
	f.Add("ballot_id,rank,choice\nb1,2,Bob\nb1,1,Ann\nb2,1,Bob\nb2,1,Cal\nb2,3,$OVERVOTE\n")
	f.Add("\xEF\xBB\xBFballot_id,rank,choice\r\nx,1,\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ReadLong(strings.NewReader(s), "f.csv", Options{})
		if !ballottest.Read(t, p, err, "f.csv") {
			return
		}
	})
}

func FuzzReadCounted(f *testing.F) {
	f.Add("count,ranking\n12,Alice\n5,Carol=Dave>Erin\n3,\n")
	f.Add("count,ranking\n\"1,000\",A>B\n")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ReadCounted(strings.NewReader(s), "f.csv", Options{})
		if !ballottest.Read(t, p, err, "f.csv") {
			return
		}
		var b bytes.Buffer
		if err := WriteCounted(&b, p); err != nil {
			return // names holding '>' or '=' cannot be written
		}
		q, err := ReadCounted(&b, "again.csv", Options{})
		if err != nil || q.Ballots() != p.Ballots() {
			t.Fatalf("round trip: %v; %d vs %d ballots\n%s", err, q.Ballots(), p.Ballots(), b.String())
		}
	})
}
