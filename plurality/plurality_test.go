package plurality_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/plurality"
)

func contest(seats int, lines ...any) *election.Contest {
	c := &election.Contest{ID: "C", Name: "C", Seats: seats, Electorate: election.Unknown, Invalid: election.Unknown}
	for i := 0; i < len(lines); i += 3 {
		c.Candidates = append(c.Candidates, election.Candidate{Name: lines[i].(string), Party: lines[i+1].(string), Votes: int64(lines[i+2].(int))})
	}
	return c
}

func winners(r plurality.Result) []string {
	var out []string
	for _, k := range r.Elected {
		out = append(out, r.Contest.Candidates[k].Name)
	}
	return out
}

// Case 21 (../shared/cases/21-fptp-tie-decided-by-lot; Parliamentary
// Elections Rules r.49, Sch. 1 RPA 1983): a tie for the seat is a tie to be
// decided by lot, never a winner by file order; a tie for second is not.
func TestCase21TieForTheSeatIsReported(t *testing.T) {
	e, _, err := format.ReadResultsFile(datadir.Case(t, "21-fptp-tie-decided-by-lot/results.csv"), format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := plurality.CountElection(e, plurality.TieBreak{})
	if err != nil {
		t.Fatal(err)
	}
	mill, hill := rs[0], rs[1]
	if mill.Contest.Name != "Millbrook" || mill.Winner() != nil || mill.Decided() || mill.Majority != 0 {
		t.Fatalf("Millbrook: winner %v decided %v majority %d; want no winner, majority 0", mill.Winner(), mill.Decided(), mill.Majority)
	}
	tie := mill.Tie
	if tie == nil || tie.Resolution != plurality.Pending || tie.Votes != 1234 || tie.Seats != 1 || len(tie.Winners) != 0 {
		t.Fatalf("Millbrook tie = %+v", tie)
	}
	var tied []string
	for _, k := range tie.Candidates {
		tied = append(tied, mill.Contest.Candidates[k].Name)
	}
	if !reflect.DeepEqual(tied, []string{"Alice Archer", "Bob Baker"}) {
		t.Errorf("tied = %v", tied)
	}
	if w := hill.Winner(); w == nil || w.Name != "Dan Dyer" || w.Party != "Blue" || hill.Majority != 500 || hill.Tie != nil {
		t.Errorf("Hillcrest: %v majority %d tie %v; want Dan Dyer (Blue) by 500, no lot", w, hill.Majority, hill.Tie)
	}
	// Erin Ellis and Frank Ford share second place.
	if hill.Placings[1].Position != 2 || hill.Placings[2].Position != 2 {
		t.Errorf("Hillcrest placings %+v", hill.Placings)
	}
}

func TestRecordedLot(t *testing.T) {
	c := contest(1, "Alice Archer", "Red", 1234, "Bob Baker", "Blue", 1234, "Carol Clark", "Green", 900)
	r, err := plurality.Count(c, plurality.TieBreak{Drawn: map[string][]string{"C": {"Bob Baker"}}})
	if err != nil {
		t.Fatal(err)
	}
	if w := r.Winner(); w == nil || w.Name != "Bob Baker" || r.Tie.Resolution != plurality.RecordedLot || r.Majority != 0 {
		t.Errorf("winner %v, tie %+v", w, r.Tie)
	}
	_, err = plurality.Count(c, plurality.TieBreak{Drawn: map[string][]string{"C": {"Carol Clark"}}})
	if err == nil || !strings.Contains(err.Error(), `the recorded lot names "Carol Clark", who is not among the tied candidates "Alice Archer", "Bob Baker"`) {
		t.Errorf("err = %v", err)
	}
}

// The seeded lot is reproducible, independent of the order of the input,
// and over many seeds picks each tied candidate.
func TestSeededLot(t *testing.T) {
	a := contest(1, "Alice", "Red", 10, "Bob", "Blue", 10, "Cy", "Green", 10, "Di", "Gold", 3)
	b := contest(1, "Cy", "Green", 10, "Di", "Gold", 3, "Bob", "Blue", 10, "Alice", "Red", 10)
	seen := map[string]int{}
	for seed := uint64(0); seed < 300; seed++ {
		tb := plurality.TieBreak{Lot: true, Seed: seed}
		ra, err := plurality.Count(a, tb)
		if err != nil {
			t.Fatal(err)
		}
		rb, _ := plurality.Count(b, tb)
		again, _ := plurality.Count(a, tb)
		wa, wb := ra.Winner().Name, rb.Winner().Name
		if wa != wb || again.Winner().Name != wa {
			t.Fatalf("seed %d: %s / %s / %s: the lot depends on input order or is not reproducible", seed, wa, wb, again.Winner().Name)
		}
		if ra.Tie.Resolution != plurality.Lot || ra.Tie.Seed != seed {
			t.Fatalf("tie not recorded: %+v", ra.Tie)
		}
		seen[wa]++
	}
	for _, n := range []string{"Alice", "Bob", "Cy"} {
		// Each should win about 100 of 300; a fair lot gives far more than 60.
		if seen[n] < 60 {
			t.Errorf("%s won %d of 300 lots: %v", n, seen[n], seen)
		}
	}
	if seen["Di"] != 0 {
		t.Error("a candidate outside the tie won the lot")
	}
}

func TestMultiSeat(t *testing.T) {
	// Block vote, 2 seats: Ann and Bo elected; majority is Bo − Cy.
	c := contest(2, "Ann", "Red", 50, "Bo", "Blue", 40, "Cy", "Red", 30, "Di", "Blue", 30)
	r, err := plurality.Count(c, plurality.TieBreak{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(winners(r), []string{"Ann", "Bo"}) || r.Majority != 10 || r.Tie != nil {
		t.Errorf("winners %v majority %d", winners(r), r.Majority)
	}
	// 3 seats: Ann, Bo elected; Cy and Di tie for the third seat.
	c.Seats = 3
	r, _ = plurality.Count(c, plurality.TieBreak{})
	if !reflect.DeepEqual(winners(r), []string{"Ann", "Bo"}) || r.Tie == nil || r.Tie.Seats != 1 || len(r.Tie.Candidates) != 2 || r.Decided() {
		t.Errorf("winners %v tie %+v", winners(r), r.Tie)
	}
	// 4 seats, 4 candidates: all elected unopposed.
	c.Seats = 4
	r, _ = plurality.Count(c, plurality.TieBreak{})
	if len(r.Elected) != 4 || !r.Unopposed || r.Tie != nil {
		t.Errorf("unopposed: %+v", r)
	}
}

func TestAggregate(t *testing.T) {
	c := contest(1, "Ann", "Red", 100, "Bo", "Blue", 40)
	c.Candidates = append(c.Candidates, election.Candidate{Name: "All other candidates", Party: "Other", Votes: 60, Aggregate: true})
	r, err := plurality.Count(c, plurality.TieBreak{})
	if err != nil {
		t.Fatal(err)
	}
	// Someone in the 60 aggregated votes might have beaten Bo's 40.
	if r.Winner().Name != "Ann" || r.Majority != 60 || !r.Uncertain || r.Valid != 200 || r.Position(2) != 0 {
		t.Errorf("%+v", r)
	}
	c.Candidates[2].Votes = 120
	if _, err := plurality.Count(c, plurality.TieBreak{}); err == nil {
		t.Error("an aggregate larger than the winner must stop the count")
	}
}

// The result does not depend on the order of the candidates.
func TestOrderIndependence(t *testing.T) {
	lines := []any{"A", "P", 5, "B", "Q", 9, "C", "R", 9, "D", "S", 1, "E", "T", 7}
	base, _ := plurality.Count(contest(2, lines...), plurality.TieBreak{})
	rev := []any{}
	for i := len(lines) - 3; i >= 0; i -= 3 {
		rev = append(rev, lines[i], lines[i+1], lines[i+2])
	}
	other, _ := plurality.Count(contest(2, rev...), plurality.TieBreak{})
	got := map[string]bool{}
	for _, n := range winners(other) {
		got[n] = true
	}
	if !got["B"] || !got["C"] || len(got) != 2 || len(winners(base)) != 2 || base.Majority != other.Majority {
		t.Errorf("base %v (%d), reversed %v (%d)", winners(base), base.Majority, winners(other), other.Majority)
	}
}

// Case 21's Hillcrest: a tie for second is reported as such, in either input
// order, with no lot.
func TestRunnerUpTie(t *testing.T) {
	for _, c := range []*election.Contest{
		contest(1, "Dan Dyer", "Blue", 2000, "Erin Ellis", "Red", 1500, "Frank Ford", "Green", 1500),
		contest(1, "Frank Ford", "Green", 1500, "Erin Ellis", "Red", 1500, "Dan Dyer", "Blue", 2000),
	} {
		r, err := plurality.Count(c, plurality.TieBreak{})
		if err != nil {
			t.Fatal(err)
		}
		var ru []string
		for _, k := range r.RunnerUp {
			ru = append(ru, c.Candidates[k].Name)
		}
		if len(ru) != 2 || r.Majority != 500 || r.Tie != nil || r.Winner().Name != "Dan Dyer" {
			t.Errorf("runner-up %v majority %d", ru, r.Majority)
		}
	}
}

func TestRecordedLotsMustDecideSomething(t *testing.T) {
	e := &election.Election{Contests: []election.Contest{
		*contest(1, "Alice", "Red", 10, "Bob", "Blue", 10),
		*contest(1, "Cy", "Red", 10, "Di", "Blue", 5),
	}}
	e.Contests[1].ID, e.Contests[1].Name = "D", "Dale"
	for key, want := range map[string]string{
		"Nowhere": `recorded lot for "Nowhere": no contest of this election has that ID or name`,
		"Dale":    `recorded lot for "Dale": contest "Dale" has no tie for its last seat`,
	} {
		_, err := plurality.CountElection(e, plurality.TieBreak{Drawn: map[string][]string{key: {"Cy"}}})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v", key, err)
		}
	}
	rs, err := plurality.CountElection(e, plurality.TieBreak{Drawn: map[string][]string{"C": {"Bob"}}})
	if err != nil || rs[0].Winner().Name != "Bob" || rs[0].Tie.Resolution != plurality.RecordedLot {
		t.Errorf("%v", err)
	}
	e.Contests[1].Name = "C"
	if _, err := plurality.CountElection(e, plurality.TieBreak{Drawn: map[string][]string{"C": {"Bob"}}}); err != nil {
		t.Errorf("an ID match must win over a name: %v", err)
	}
}

// An aggregate's bound decides what is uncertain: with each aggregated
// candidate at most 40 (the runner-up's votes, as the Library's row says),
// the runner-up is certain but third place is not.
func TestAggregateBound(t *testing.T) {
	c := contest(1, "Ann", "Red", 100, "Bo", "Blue", 40, "Cy", "Green", 10)
	c.Candidates = append(c.Candidates, election.Candidate{Name: "others", Party: "Other", Votes: 60, Aggregate: true, AggregateMax: 40})
	r, err := plurality.Count(c, plurality.TieBreak{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Uncertain || r.Placings[1].Uncertain || !r.Placings[2].Uncertain {
		t.Errorf("%+v", r)
	}
}
