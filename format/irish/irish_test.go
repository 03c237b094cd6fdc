package irish

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/internal/ballottest"
	"github.com/psephos/psephos/internal/datadir"
)

func TestRead(t *testing.T) {
	in := "\"Wrig\" \"Glen\" \"XXXXX\"\n\"Glen\" \"XXXXX\" \"Wrig\"\n\"XXXXX\" \"XXXXX\" \"XXXXX\"\n\"Wrig\" \"Glen\" \"XXXXX\"\n"
	p, err := Read(strings.NewReader(in), "t.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p.Candidates, []string{"Wrig", "Glen"}) || !reflect.DeepEqual(p.Order(), []ballot.Run{{Ranking: 0, Count: 1}, {Ranking: 1, Count: 1}, {Ranking: 2, Count: 1}, {Ranking: 0, Count: 1}}) ||
		!reflect.DeepEqual(p.Ranking(1), []ballot.Mark{1, ballot.Skip, 0}) || len(p.Ranking(2)) != 0 {
		t.Errorf("%q order %v rankings %v %v", p.Candidates, p.Order(), p.Ranking(1), p.Ranking(2))
	}
	if _, err := Read(strings.NewReader("\"A\" \"XXXXX\"\n\"A\"\n"), "t.txt", Options{}); err == nil || !strings.Contains(err.Error(), "t.txt:2: expected 2 quoted codes") {
		t.Errorf("ragged line: %v", err)
	}
	if _, err := Read(strings.NewReader("\"A\" B\n"), "t.txt", Options{}); err == nil || !strings.Contains(err.Error(), "t.txt:1: expected a quoted candidate code") {
		t.Errorf("unquoted: %v", err)
	}
}

// The 2002 pilot files (data README): Dublin North 43,942 ballots, 12
// candidates; Dublin West 29,988 ballots, 9 candidates; the order of the
// ballots is kept.
func TestReal(t *testing.T) {
	for _, c := range []struct {
		rel     string
		ballots int64
		cands   int
		first   []string
	}{
		{"ranked/ireland-2002/dnorth.txt", 43942, 12, []string{"Wrig", "Glen"}},
		{"ranked/ireland-2002/DublinWest.txt", 29988, 9, nil},
	} {
		f, err := os.Open(datadir.Path(t, c.rel))
		if err != nil {
			t.Fatal(err)
		}
		p, err := Read(f, f.Name(), Options{})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if p.Ballots() != c.ballots || len(p.Candidates) != c.cands || ordered(p) != c.ballots {
			t.Errorf("%s: %d ballots, %d candidates, %d in order", c.rel, p.Ballots(), len(p.Candidates), len(p.Order()))
		}
		if c.first != nil {
			r := p.Ranking(int(p.Order()[0].Ranking))
			if len(r) != 2 || p.Candidates[r[0]] != c.first[0] || p.Candidates[r[1]] != c.first[1] {
				t.Errorf("%s: first ballot %v, want %v", c.rel, r, c.first)
			}
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add("\"Wrig\" \"Glen\" \"XXXXX\"\n\"Glen\" \"XXXXX\" \"Wrig\"\n")
	f.Add("\"XXXXX\"\r\n\"A\"\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Read(strings.NewReader(s), "f.txt", Options{})
		if !ballottest.Read(t, p, err, "f.txt") {
			return
		}
		if ordered(p) != p.Ballots() {
			t.Fatalf("order %d, ballots %d", ordered(p), p.Ballots())
		}
		for i := 0; i < p.Len(); i++ {
			if err := ballot.CheckRanking(p.Ranking(i), len(p.Candidates)); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func ordered(p *ballot.Profile) int64 {
	var n int64
	for _, r := range p.Order() {
		n += r.Count
	}
	return n
}
