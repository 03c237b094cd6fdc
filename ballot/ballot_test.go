package ballot_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/psephos/psephos/ballot"
)

const (
	A ballot.Mark = iota
	B
	C
	D
)

func TestProfileDistinct(t *testing.T) {
	p := ballot.NewProfile([]string{"A", "B", "C"})
	p.KeepOrder()
	p.Add([]ballot.Mark{A, B}, 1)
	p.Add([]ballot.Mark{A, B}, 2)
	p.Add([]ballot.Mark{C}, 1)
	p.AddWeight(p.Add([]ballot.Mark{A, B}, 1), 1)
	if p.Len() != 2 || p.Ballots() != 6 || p.Weight(0) != 5 {
		t.Errorf("len %d ballots %d weight %d", p.Len(), p.Ballots(), p.Weight(0))
	}
	want := []ballot.Run{{Ranking: 0, Count: 3}, {Ranking: 1, Count: 1}, {Ranking: 0, Count: 2}}
	if !reflect.DeepEqual(p.Order(), want) {
		t.Errorf("order %v, want %v", p.Order(), want)
	}
}

func TestCheckRanking(t *testing.T) {
	for _, c := range []struct {
		marks []ballot.Mark
		ok    bool
	}{
		{[]ballot.Mark{A, ballot.Equal, B, ballot.Skip, C}, true},
		{[]ballot.Mark{ballot.Unknown, ballot.Equal, ballot.Unknown}, true},
		{[]ballot.Mark{ballot.Equal, A}, false},
		{[]ballot.Mark{A, ballot.Equal, ballot.Skip}, false},
		{[]ballot.Mark{3}, false},
		{[]ballot.Mark{-9}, false},
	} {
		if err := ballot.CheckRanking(c.marks, 3); (err == nil) != c.ok {
			t.Errorf("%v: %v", c.marks, err)
		}
	}
}

// next walks a prepared ranking with the given continuing candidates.
func walk(pp *ballot.Prepared, cont []bool) (ballot.State, int32, ballot.Reason) {
	st, c, _, why := pp.Next(0, 0, cont)
	return st, c, why
}

func TestPrepareRules(t *testing.T) {
	all := []bool{true, true, true, true}
	aOut := []bool{false, true, true, true}
	cdOnly := []bool{false, false, true, true}
	for _, c := range []struct {
		name  string
		marks []ballot.Mark
		rules ballot.Rules
		cont  []bool
		st    ballot.State
		cand  int32
		why   ballot.Reason
	}{
		{"overvote exhausts", []ballot.Mark{A, B, ballot.Equal, C, D}, ballot.Rules{}, aOut, ballot.Exhausted, -1, ballot.Overvote},
		{"overvote skipped", []ballot.Mark{A, B, ballot.Equal, C, D}, ballot.Rules{Overvote: ballot.OvervoteSkip}, aOut, ballot.Counts, int32(D), 0},
		{"overvote, one continuing", []ballot.Mark{A, B, ballot.Equal, C, D}, ballot.Rules{Overvote: ballot.OvervoteExhaustIfMultipleContinuing}, []bool{false, false, true, true}, ballot.Counts, int32(C), 0},
		{"overvote, two continuing", []ballot.Mark{A, B, ballot.Equal, C, D}, ballot.Rules{Overvote: ballot.OvervoteExhaustIfMultipleContinuing}, aOut, ballot.Exhausted, -1, ballot.Overvote},
		{"overvote, two continuing: inactive", []ballot.Mark{A, B, ballot.Equal, C, D}, ballot.Rules{Overvote: ballot.OvervoteCountIfSingleContinuing}, aOut, ballot.Inactive, -1, 0},
		{"overvote, none continuing", []ballot.Mark{B, ballot.Equal, A, C}, ballot.Rules{Overvote: ballot.OvervoteExhaustIfMultipleContinuing}, cdOnly, ballot.Counts, int32(C), 0},
		{"unknown overvote cannot be resolved", []ballot.Mark{ballot.Unknown, ballot.Equal, ballot.Unknown, C}, ballot.Rules{Overvote: ballot.OvervoteExhaustIfMultipleContinuing}, all, ballot.Exhausted, -1, ballot.Overvote},
		{"one skipped rank allowed", []ballot.Mark{A, ballot.Skip, B}, ballot.Rules{ExhaustOnSkipped: 2}, aOut, ballot.Counts, int32(B), 0},
		{"two skipped ranks exhaust", []ballot.Mark{A, ballot.Skip, ballot.Skip, B}, ballot.Rules{ExhaustOnSkipped: 2}, aOut, ballot.Exhausted, -1, ballot.SkippedRanks},
		{"leading skipped ranks exhaust at once", []ballot.Mark{ballot.Skip, ballot.Skip, B}, ballot.Rules{ExhaustOnSkipped: 2}, all, ballot.Exhausted, -1, ballot.SkippedRanks},
		{"any skipped ranks passed over", []ballot.Mark{ballot.Skip, ballot.Skip, ballot.Skip, B}, ballot.Rules{}, all, ballot.Counts, int32(B), 0},
		{"repeat skipped", []ballot.Mark{A, A, B}, ballot.Rules{}, aOut, ballot.Counts, int32(B), 0},
		{"repeat exhausts", []ballot.Mark{A, A, B}, ballot.Rules{Duplicate: ballot.DuplicateExhaust}, aOut, ballot.Exhausted, -1, ballot.Duplicate},
		{"unknown skipped", []ballot.Mark{A, ballot.Unknown, B}, ballot.Rules{}, aOut, ballot.Counts, int32(B), 0},
		{"unknown exhausts", []ballot.Mark{A, ballot.Unknown, B}, ballot.Rules{Unknown: ballot.UnknownExhaust}, aOut, ballot.Exhausted, -1, ballot.UnknownCandidate},
		{"max ranks", []ballot.Mark{A, B, C}, ballot.Rules{MaxRanks: 2}, []bool{false, false, true, true}, ballot.Exhausted, -1, ballot.NoPreferences},
		{"no more preferences", []ballot.Mark{A}, ballot.Rules{}, aOut, ballot.Exhausted, -1, ballot.NoPreferences},
	} {
		p := ballot.NewProfile([]string{"A", "B", "C", "D"})
		p.Add(c.marks, 1)
		pp := c.rules.Prepare(p)
		st, cand, why := walk(pp, c.cont)
		if st != c.st || cand != c.cand || why != c.why {
			t.Errorf("%s: %v %v %v, want %v %v %v", c.name, st, cand, why, c.st, c.cand, c.why)
		}
	}
}

func TestBlankAndDefects(t *testing.T) {
	p := ballot.NewProfile([]string{"A", "B"})
	p.Add(nil, 2)
	p.Add([]ballot.Mark{ballot.Skip, ballot.Skip}, 3)
	p.Add([]ballot.Mark{ballot.Skip, A, A, ballot.Unknown, A, ballot.Equal, B}, 5)
	pp := ballot.Rules{MaxRanks: 3}.Prepare(p)
	want := ballot.Defects{Blank: 5, SkippedRank: 5, Duplicate: 5, BeyondMaxRanks: 5}
	if pp.Defects != want || pp.Ballots != 5 || pp.Len() != 1 || pp.Slot(0) != -1 || pp.Source(0) != 2 {
		t.Errorf("defects %+v, ballots %d, len %d", pp.Defects, pp.Ballots, pp.Len())
	}
	if pp = (ballot.Rules{}).Prepare(p); pp.Defects.Overvote != 5 || pp.Defects.Unknown != 5 {
		t.Errorf("all ranks: %+v", pp.Defects)
	}
}

func Example() {
	p := ballot.NewProfile([]string{"Alice", "Bob", "Carol"})
	p.Add([]ballot.Mark{0, 1}, 40)                           // Alice > Bob
	p.Add([]ballot.Mark{1, ballot.Equal, 2, 0}, 3)           // Bob = Carol (an overvote) > Alice
	p.Add([]ballot.Mark{2, ballot.Skip, ballot.Skip, 1}, 10) // Carol, two blank ranks, Bob
	p.Add([]ballot.Mark{0, 1}, 20)
	pp := ballot.Rules{Overvote: ballot.OvervoteExhaust, ExhaustOnSkipped: 2}.Prepare(p)
	fmt.Println(p.Ballots(), "ballots,", p.Len(), "distinct rankings")
	fmt.Printf("%+v\n", pp.Defects)
	// Output:
	// 73 ballots, 3 distinct rankings
	// {Blank:0 Overvote:3 EqualRanking:0 SkippedRank:10 Duplicate:0 Unknown:0 BeyondMaxRanks:0}
}
