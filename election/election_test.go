package election

import (
	"strings"
	"testing"
)

func sample() *Election {
	return &Election{Contests: []Contest{{
		ID: "A", Name: "Alpha", Seats: 1, Electorate: Unknown, Invalid: Unknown, Pos: Pos{File: "f", Line: 2},
		Candidates: []Candidate{{Name: "Ann", Party: "Red", Votes: 5, Pos: Pos{File: "f", Line: 2}}, {Name: "Bo", Party: "Blue", Votes: 3, Pos: Pos{File: "f", Line: 3}}},
	}}}
}

func TestValidate(t *testing.T) {
	if err := sample().Validate(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		edit func(*Election)
		want string
	}{
		{"no contests", func(e *Election) { e.Contests = nil }, "no contests"},
		{"negative", func(e *Election) { e.Contests[0].Candidates[1].Votes = -1 }, `f:3: contest "Alpha": candidate "Bo" has -1 votes; expected a count from 0`},
		{"duplicate", func(e *Election) {
			e.Contests[0].Candidates[1] = e.Contests[0].Candidates[0]
			e.Contests[0].Candidates[1].Pos.Line = 3
		},
			`f:3: contest "Alpha": duplicate candidate "Ann" ("Red"), first at f:2`},
		{"no party", func(e *Election) { e.Contests[0].Candidates[0].Party = "" }, `f:2: contest "Alpha": candidate "Ann" has no party`},
		{"no candidates", func(e *Election) { e.Contests[0].Candidates = nil }, `f:2: contest "Alpha": expected at least 1 candidate(s) for 1 seat(s), found 0`},
		{"only an aggregate", func(e *Election) {
			e.Contests[0].Candidates = []Candidate{{Name: "others", Party: "Other", Votes: 4, Aggregate: true}}
		}, "found 0"},
		{"zero seats", func(e *Election) { e.Contests[0].Seats = 0 }, "expected at least 1 seat, found 0"},
		{"too many votes", func(e *Election) { e.Contests[0].Candidates[0].Votes = MaxVotes + 1 }, "expected a count from 0 to 1000000000000"},
		{"small electorate", func(e *Election) { e.Contests[0].Electorate, e.Contests[0].Invalid = 9, 2 }, `contest "Alpha": electorate 9 is smaller than its 8 valid and 2 rejected ballots`},
		{"repeated ID", func(e *Election) { e.Contests = append(e.Contests, e.Contests[0]) }, `contest "A" appears twice`},
		{"no name", func(e *Election) { e.Contests[0].Name = "" }, `contest "A" has an empty name`},
	}
	for _, c := range cases {
		e := sample()
		c.edit(e)
		err := e.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
	// Unnamed lines of the same party (notional results) are not duplicates.
	e := sample()
	e.Contests[0].Candidates = append(e.Contests[0].Candidates, Candidate{Party: "Ind", Votes: 1}, Candidate{Party: "Ind", Votes: 2})
	if err := e.Validate(); err != nil {
		t.Error(err)
	}
}

func TestErrorIsOneLine(t *testing.T) {
	err := Errorf(Pos{File: "a\nb.csv", Line: 3}, "bad %q", "x\ny")
	if strings.Contains(err.Error(), "\n") || err.Error() != `a\nb.csv:3: bad "x\ny"` {
		t.Errorf("%q", err)
	}
	if s := (&Error{Msg: "line one\nline two"}).Error(); s != `line one\nline two` {
		t.Errorf("%q", s)
	}
}

func TestAddTotals(t *testing.T) {
	e, o := sample(), sample()
	o.Contests[0].Electorate, o.Contests[0].Invalid = 20, 1
	if err := e.AddTotals(o); err != nil || e.Contests[0].Electorate != 20 || e.Contests[0].Invalid != 1 {
		t.Errorf("%v %+v", err, e.Contests[0])
	}
	o.Contests[0].Candidates[0].Votes++
	e = sample()
	if err := e.AddTotals(o); err == nil || !strings.Contains(err.Error(), "8 valid votes here but 9") || e.Contests[0].Electorate != Unknown {
		t.Errorf("%v", err)
	}
	o.Contests[0].ID = "Z"
	if err := e.AddTotals(o); err == nil {
		t.Error("missing contest accepted")
	}
}

func TestPartyNames(t *testing.T) {
	var p PartyNames
	for _, n := range []string{"Labour", "Labour and Co-operative", "Labour"} {
		p.Add("Lab", n)
	}
	p.Add("Green", "Scottish Green Party")
	p.Add("Green", "Green")
	got := p.Parties()
	if len(got) != 2 || got[0] != (Party{ID: "Lab", Name: "Labour"}) || got[1] != (Party{ID: "Green", Name: "Green"}) {
		t.Errorf("%v", got)
	}
	if g := p.Grouped(); len(g) != 2 || g[0] != "Lab: Labour, Labour and Co-operative" {
		t.Errorf("%v", g)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 10432726: "10,432,726", -1500: "-1,500", 100000: "100,000",
		-9223372036854775808: "-9,223,372,036,854,775,808"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestListNames(t *testing.T) {
	if got := ListNames([]string{"A", "B", "C"}, 3); got != "A, B, C" {
		t.Errorf("got %q", got)
	}
	if got := ListNames([]string{"A", "B", "C", "D"}, 2); got != "A, B and 2 more" {
		t.Errorf("got %q", got)
	}
}

func TestSortByStanding(t *testing.T) {
	type row struct {
		id    string
		seats int
		votes int64
	}
	rs := []row{{"C", 1, 50}, {"A", 2, 10}, {"B", 1, 50}, {"D", 1, 70}, {"E", 0, 99}}
	SortByStanding(rs, func(r *row) (int, int64, string) { return r.seats, r.votes, r.id })
	var got []string
	for _, r := range rs {
		got = append(got, r.id)
	}
	if strings.Join(got, "") != "ADBCE" {
		t.Errorf("order %v, expected A (most seats), D (more votes), B, C (by ID), E", got)
	}
}
