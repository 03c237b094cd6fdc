package stv_test

import (
	"os"
	"reflect"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/format/blt"
	"github.com/psephos/psephos/format/rankcsv"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/stv"
)

// The edge cases in ../shared/cases for instant-runoff. Each expected value
// comes from the case's expected.json (worked by hand in its case.md).

func readCase(t *testing.T, rel string, counted bool) *ballot.Profile {
	t.Helper()
	path := datadir.Case(t, rel)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var p *ballot.Profile
	if counted {
		p, err = rankcsv.ReadCounted(f, path, rankcsv.Options{})
	} else {
		p, err = rankcsv.ReadLong(f, path, rankcsv.Options{})
	}
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// tallies returns each round's votes by candidate name (continuing only).
func tallies(p *ballot.Profile, s stv.Seat) []map[string]int64 {
	var out []map[string]int64
	for _, rd := range s.Rounds {
		m := map[string]int64{}
		for _, k := range rd.Continuing {
			m[p.Candidates[k]] = rd.Votes[k]
		}
		out = append(out, m)
	}
	return out
}

func winner(p *ballot.Profile, r *stv.Result) string { return p.Candidates[r.Elected[0]] }

// plain is the rule of the cases: one candidate excluded per round,
// majority of continuing ballots.
func plain() stv.Rules {
	r, _ := stv.Preset("rctab")
	return r
}

func TestCase01OvervoteExhaustIfMultipleContinuing(t *testing.T) {
	p := readCase(t, "01-irv-overvote-exhaust-if-multiple-continuing/ballots.csv", false)
	r := plain()
	r.Ballot.Overvote = ballot.OvervoteExhaustIfMultipleContinuing
	res, err := stv.Count(p, r)
	if err != nil {
		t.Fatal(err)
	}
	want := []map[string]int64{
		{"Alice": 8, "Bob": 7, "Carol": 3, "Dave": 2},
		{"Alice": 8, "Bob": 9, "Carol": 3},
		{"Alice": 11, "Bob": 9},
	}
	if got := tallies(p, res.Seats[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("rounds %v, want %v", got, want)
	}
	for _, rd := range res.Seats[0].Rounds {
		if rd.Exhausted[ballot.Overvote] != 3 {
			t.Errorf("round %d: %d exhausted by overvote, want 3", rd.Number, rd.Exhausted[ballot.Overvote])
		}
	}
	if w := winner(p, res); w != "Alice" {
		t.Errorf("winner %s, want Alice (known wrong: Bob, RCTab #554)", w)
	}
	// Variants named in expected.json.
	for _, v := range []struct {
		rule        ballot.OvervoteRule
		win         string
		alice, bob  int64
		inactiveR12 int64
	}{
		{ballot.OvervoteExhaust, "Alice", 11, 9, 0},
		{ballot.OvervoteSkip, "Alice", 14, 9, 0},
		{ballot.OvervoteCountIfSingleContinuing, "Bob", 11, 12, 3},
	} {
		r.Ballot.Overvote = v.rule
		res, err := stv.Count(p, r)
		if err != nil {
			t.Fatal(err)
		}
		rs := res.Seats[0].Rounds
		last := tallies(p, res.Seats[0])[len(rs)-1]
		if w := winner(p, res); w != v.win || last["Alice"] != v.alice || last["Bob"] != v.bob {
			t.Errorf("%s: winner %s, final %v; want %s, Alice %d Bob %d", v.rule, w, last, v.win, v.alice, v.bob)
		}
		if rs[0].Inactive != v.inactiveR12 || rs[1].Inactive != v.inactiveR12 {
			t.Errorf("%s: inactive in rounds 1-2 %d, %d; want %d", v.rule, rs[0].Inactive, rs[1].Inactive, v.inactiveR12)
		}
	}
}

func TestCase03DuplicateRankings(t *testing.T) {
	p := readCase(t, "03-irv-duplicate-rankings/ballots.csv", false)
	r := plain()
	res, err := stv.Count(p, r)
	if err != nil {
		t.Fatal(err)
	}
	want := []map[string]int64{
		{"Alice": 7, "Bob": 7, "Carol": 3, "Dave": 2},
		{"Alice": 9, "Bob": 7, "Carol": 3},
		{"Alice": 9, "Bob": 10},
	}
	if got := tallies(p, res.Seats[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("rounds %v, want %v", got, want)
	}
	if w := winner(p, res); w != "Bob" {
		t.Errorf("winner %s, want Bob", w)
	}
	if res.Defects.Duplicate != 3 || res.Ballots != 19 {
		t.Errorf("defects %+v, ballots %d; want 3 duplicate of 19 (none rejected at load)", res.Defects, res.Ballots)
	}
	// Variant: exhaust on duplicate.
	r.Ballot.Duplicate = ballot.DuplicateExhaust
	res, err = stv.Count(p, r)
	if err != nil {
		t.Fatal(err)
	}
	rs := res.Seats[0].Rounds
	last := rs[len(rs)-1]
	if w := winner(p, res); w != "Alice" || last.Exhausted[ballot.Duplicate] != 3 {
		t.Errorf("exhaust on duplicate: winner %s, exhausted %v; want Alice, 3 duplicate", w, last.Exhausted)
	}
	if got := tallies(p, res.Seats[0])[len(rs)-1]; !reflect.DeepEqual(got, map[string]int64{"Alice": 9, "Bob": 7}) {
		t.Errorf("exhaust on duplicate: final %v, want Alice 9 Bob 7", got)
	}
}

func TestCase04ExhaustedBallotsMajority(t *testing.T) {
	p := readCase(t, "04-irv-exhausted-ballots-majority/ballots.csv", true)
	res, err := stv.Count(p, plain())
	if err != nil {
		t.Fatal(err)
	}
	rs := res.Seats[0].Rounds
	want := []map[string]int64{{"Alice": 4, "Bob": 3, "Carol": 2}, {"Alice": 4, "Bob": 3}}
	if got := tallies(p, res.Seats[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("rounds %v, want %v", got, want)
	}
	if w := winner(p, res); w != "Alice" || rs[1].Exhausted[ballot.NoPreferences] != 2 || rs[1].Threshold != 4 {
		t.Errorf("winner %s, exhausted %v, threshold %d; want Alice, 2, 4 (more than half of 7 continuing)", w, rs[1].Exhausted, rs[1].Threshold)
	}
	// The majority of all ballots is a legitimate option: it must not stall
	// (rcir #1); with two left the one with more votes wins.
	r := plain()
	r.Majority = stv.MajorityAllBallots
	if res, err = stv.Count(p, r); err != nil || winner(p, res) != "Alice" {
		t.Errorf("majority of all ballots: %v, %v; want Alice", err, res)
	}
}

func TestCase06EliminationTiePreviousRound(t *testing.T) {
	p := readCase(t, "06-irv-elimination-tie-previous-round/ballots.csv", true)
	r := plain()
	r.TieBreak = stv.TieBreak{Countback: stv.CountbackPrevious, Fallback: stv.FallbackOrder,
		Order: []string{"Alice", "Bob", "Erin", "Dave", "Carol", "Frank"}}
	res, err := stv.Count(p, r)
	if err != nil {
		t.Fatal(err)
	}
	want := []map[string]int64{
		{"Alice": 12, "Bob": 10, "Carol": 5, "Dave": 4, "Erin": 4, "Frank": 2},
		{"Alice": 12, "Bob": 10, "Carol": 5, "Dave": 5, "Erin": 5},
		{"Alice": 12, "Bob": 10, "Carol": 5, "Erin": 9},
		{"Alice": 12, "Bob": 10, "Erin": 14},
		{"Alice": 12, "Erin": 14},
	}
	s := res.Seats[0]
	if got := tallies(p, s); !reflect.DeepEqual(got, want) {
		t.Errorf("rounds %v, want %v", got, want)
	}
	tie := s.Rounds[1].Tie
	names := func(ks []int) (out []string) {
		for _, k := range ks {
			out = append(out, p.Candidates[k])
		}
		return
	}
	if tie == nil || !reflect.DeepEqual(names(tie.Candidates), []string{"Carol", "Dave", "Erin"}) ||
		!reflect.DeepEqual(names(tie.AfterCountback), []string{"Dave", "Erin"}) || p.Candidates[tie.Loser] != "Dave" || tie.Method != "order" {
		t.Fatalf("round 2 tie %+v; want {Carol, Dave, Erin} narrowed to {Dave, Erin}, Dave out by order", tie)
	}
	exh := []int64{0, 0, 1, 1, 11}
	for i, rd := range s.Rounds {
		var e int64
		for _, x := range rd.Exhausted {
			e += x
		}
		if e != exh[i] {
			t.Errorf("round %d: %d exhausted, want %d", i+1, e, exh[i])
		}
	}
	if w := winner(p, res); w != "Erin" {
		t.Errorf("winner %s, want Erin (known wrong: Dave, RCTab PR #358)", w)
	}
	// Variant: previous round, then a lot: whatever the seed, the round-2
	// loser is Dave or Erin, never Carol.
	r.TieBreak.Fallback = stv.FallbackLot
	for seed := uint64(0); seed < 20; seed++ {
		r.TieBreak.Seed = seed
		res, err := stv.Count(p, r)
		if err != nil {
			t.Fatal(err)
		}
		tie := res.Seats[0].Rounds[1].Tie
		if l := p.Candidates[tie.Loser]; l == "Carol" || tie.Method != "lot" || tie.Seed != seed {
			t.Errorf("seed %d: round 2 loser %s by %s; want Dave or Erin by lot", seed, l, tie.Method)
		}
	}
	// No fallback: the count stops with the tie named.
	r.TieBreak.Fallback = stv.FallbackNone
	if _, err := stv.Count(p, r); err == nil {
		t.Error("a tie with no fallback must stop the count")
	}
}

// Case 12 is an STV case; with one seat its Droop quota (8 of 14) is a
// majority, so instant-runoff gives the same result: the withdrawn
// candidate's preferences are skipped.
func TestCase12WithdrawnCandidate(t *testing.T) {
	path := datadir.Case(t, "12-blt-withdrawn-candidate/election.blt")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := blt.Read(f, path, blt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := stv.Count(p, plain())
	if err != nil {
		t.Fatal(err)
	}
	got := tallies(p, res.Seats[0])
	if want := []map[string]int64{{"Alice": 8, "Carol": 4, "Dave": 2}}; !reflect.DeepEqual(got, want) || winner(p, res) != "Alice" {
		t.Errorf("rounds %v, winner %s; want %v, Alice", got, winner(p, res), want)
	}
}
