package profile

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/internal/ballottest"
	"github.com/psephos/psephos/internal/datadir"
)

func TestCounted(t *testing.T) {
	in := "A_ x,B,C\nP,Q,R\n-+-+-\n(A_ x,B) : 5\n(C) : 2\n() : 1\n"
	p, err := ReadCounted(strings.NewReader(in), "t.profile", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p.Candidates, []string{"A_ x", "B", "C"}) || !reflect.DeepEqual(p.Parties, []string{"P", "Q", "R"}) || p.Ballots() != 8 || p.Len() != 3 {
		t.Errorf("%q %q %d ballots %d rankings", p.Candidates, p.Parties, p.Ballots(), p.Len())
	}
	for _, c := range []struct{ in, want string }{
		{"A,B\nP,Q\n-+-\n(A,D) : 1\n", "t.profile:4: unknown candidate"},
		{"A,B\nP,Q\n-+-\n(A) : 0\n", "t.profile:4: expected a count"},
		{"A,B\nP\n-+-\n", "t.profile:2: expected one party per candidate"},
		{"A,B\nP,Q\nxx\n", "t.profile:3: expected the separator line"},
	} {
		if _, err := ReadCounted(strings.NewReader(c.in), "t.profile", Options{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
}

func TestVoteKit(t *testing.T) {
	in := "VoteKit RankProfile\nCandidates\n(ANN A:ANN),(BOB B:BOB)\nMax Ranking Length\n2\nIncludes Voter Set\nFalse\n=,=,=\nRanking_1,Ranking_2,&,Weight,&\n{'ANN'},{'BOB'},&,2.0,&\n{'ANN', 'BOB'},,&,1.0,&\n,,&,1,&\n"
	p, err := ReadVoteKit(strings.NewReader(in), "t.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p.Candidates, []string{"ANN A", "BOB B"}) || p.Ballots() != 4 || !p.EqualRanks ||
		!reflect.DeepEqual(p.Ranking(1), []ballot.Mark{0, ballot.Equal, 1}) || len(p.Ranking(2)) != 0 {
		t.Errorf("%q, %d ballots, rankings %v %v %v", p.Candidates, p.Ballots(), p.Ranking(0), p.Ranking(1), p.Ranking(2))
	}
	bad := strings.Replace(in, "2.0", "0.5", 1)
	if _, err := ReadVoteKit(strings.NewReader(bad), "t.csv", Options{}); err == nil || !strings.Contains(err.Error(), "t.csv:10: weight: expected a whole number") {
		t.Errorf("fractional weight: %v", err)
	}
}

// Alaska 2022 special election profile: 188,454 ballots in the full
// profile (the study's cleaning), 4 candidates; Albany 2022: 7,159 ballots
// (data README), first preferences as the county's first round: Miki 2,152,
// Hansen Romero 1,814, Lopez 1,642, Pilch 1,237, Pinguelo 314.
func TestReal(t *testing.T) {
	open := func(rel string) *os.File {
		f, err := os.Open(datadir.Path(t, rel))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	f := open("ranked/alaska-2022/special_election_v1.profile")
	p, err := ReadCounted(f, f.Name(), Options{})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if p.Ballots() != 188454 || len(p.Candidates) != 4 {
		t.Errorf("Alaska: %d ballots, %q", p.Ballots(), p.Candidates)
	}
	f = open("ranked/albany-2022/albany_profile.csv")
	p, err = ReadVoteKit(f, f.Name(), Options{})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	first := map[string]int64{}
	for i := 0; i < p.Len(); i++ {
		if r := p.Ranking(i); len(r) > 0 && r[0] >= 0 && (len(r) == 1 || r[1] != ballot.Equal) {
			first[p.Candidates[r[0]]] += p.Weight(i)
		}
	}
	want := map[string]int64{"JOHN ANTHONY MIKI": 2152, "JENNIFER HANSEN ROMERO": 1814, "ROBIN D  LOPEZ": 1642, "NICK PILCH": 1237, "JEREMIAH GARRETT PINGUELO": 314}
	if p.Ballots() != 7159 || !reflect.DeepEqual(first, want) {
		t.Errorf("Albany: %d ballots, first preferences %v, want %v", p.Ballots(), first, want)
	}
}

func FuzzReadCounted(f *testing.F) {
	f.Add("A_ x,B,C\nP,Q,R\n-+-+-\n(A_ x,B) : 5\n(C) : 2\n")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ReadCounted(strings.NewReader(s), "f", Options{})
		if !ballottest.Read(t, p, err, "f") {
			return
		}
	})
}

func FuzzReadVoteKit(f *testing.F) {
	f.Add("VoteKit RankProfile\nCandidates\n(ANN A:ANN),(BOB B:BOB)\nMax Ranking Length\n2\nIncludes Voter Set\nFalse\n=,=,=\nRanking_1,Ranking_2,&,Weight,&\n{'ANN'},{'BOB'},&,2.0,&\n{'ANN', 'BOB'},,&,1.0,&\n")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ReadVoteKit(strings.NewReader(s), "f", Options{})
		if !ballottest.Read(t, p, err, "f") {
			return
		}
	})
}
