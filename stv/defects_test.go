package stv_test

import (
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/format/blt"
	"github.com/psephos/psephos/format/preflib"
	"github.com/psephos/psephos/stv"
)

// defectsBLT has every defect kind BLT can hold, with distinct weights so
// that each count says which ballots it is. D is excluded first; its
// ballots then meet their defects. Worked by hand:
//
//	round 1: A 30, B 29, C 28, D 26 (3+4+5+6+7+1); blank 2 set aside
//	D out:   overvote 3, skipped ranks 4, duplicate 5, unknown 6 and
//	         no further preference 1 exhaust; 7 go to C (rank 5, A, is
//	         beyond the 4 ranks counted)
//	round 2: A 30, B 29, C 35; B out: 29 exhaust (no preference)
//	round 3: A 30, C 35: C elected.
const defectsBLT = `4 1
30 1 2 0
29 2 0
28 3 0
2 - - 0
3 4 1=2 0
4 4 - - 1 0
5 4 4 1 0
6 4 5 1 0
7 4 3 2 - 1 0
1 4 0
0
"A"
"B"
"C"
"D"
"Every defect"
`

func TestDefectCounts(t *testing.T) {
	p, err := blt.Read(strings.NewReader(defectsBLT), "defects.blt", blt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	strict := stv.Rules{Seats: 1, Ballot: ballot.Rules{Overvote: ballot.OvervoteExhaust, Duplicate: ballot.DuplicateExhaust,
		Unknown: ballot.UnknownExhaust, ExhaustOnSkipped: 2, MaxRanks: 4}}
	res, err := stv.Count(p, strict)
	if err != nil {
		t.Fatal(err)
	}
	wantDefects := ballot.Defects{Blank: 2, Overvote: 3, SkippedRank: 4, Duplicate: 5, Unknown: 6, BeyondMaxRanks: 7}
	if res.Defects != wantDefects || res.Ballots != 115 {
		t.Errorf("defects %+v of %d ballots, want %+v of 115", res.Defects, res.Ballots, wantDefects)
	}
	rs := res.Seats[0].Rounds
	if len(rs) != 3 {
		t.Fatalf("%d rounds, want 3", len(rs))
	}
	want := [3][ballot.NumReasons]int64{
		{},
		{ballot.NoPreferences: 1, ballot.Overvote: 3, ballot.SkippedRanks: 4, ballot.Duplicate: 5, ballot.UnknownCandidate: 6},
		{ballot.NoPreferences: 30, ballot.Overvote: 3, ballot.SkippedRanks: 4, ballot.Duplicate: 5, ballot.UnknownCandidate: 6},
	}
	votes := [3][4]int64{{30, 29, 28, 26}, {30, 29, 35, 0}, {30, 0, 35, 0}}
	for i, rd := range rs {
		if rd.Exhausted != want[i] {
			t.Errorf("round %d: exhausted %v, want %v", i+1, rd.Exhausted, want[i])
		}
		if [4]int64(rd.Votes) != votes[i] {
			t.Errorf("round %d: votes %v, want %v", i+1, rd.Votes, votes[i])
		}
	}
	tr := rs[0].Transfers[0]
	if tr.From != 3 || tr.Ballots != 26 || tr.To[2] != 7 || tr.Exhausted != want[1] {
		t.Errorf("transfer from D: %+v", tr)
	}
	if p.Candidates[res.Elected[0]] != "C" {
		t.Errorf("elected %s, want C", p.Candidates[res.Elected[0]])
	}

	// The lenient options: overvoted rank, repeats, unknown marks and any
	// number of skipped ranks passed over, every rank counted.
	lenient := stv.Rules{Seats: 1, Ballot: ballot.Rules{Overvote: ballot.OvervoteSkip}}
	if res, err = stv.Count(p, lenient); err != nil {
		t.Fatal(err)
	}
	rs = res.Seats[0].Rounds
	last := rs[len(rs)-1]
	if v := [4]int64(rs[1].Votes); v != [4]int64{45, 29, 35, 0} || last.Exhausted != [ballot.NumReasons]int64{ballot.NoPreferences: 33} || p.Candidates[res.Elected[0]] != "A" {
		t.Errorf("lenient: round 2 %v, final exhausted %v, elected %s; want A 45 B 29 C 35, 33 exhausted, A", rs[1].Votes, last.Exhausted, p.Candidates[res.Elected[0]])
	}
}

// Equal rankings come from formats that allow them (PrefLib .toc); the
// Equal rule decides them, and they are counted under their own reason.
func TestEqualRankingCounts(t *testing.T) {
	in := "# DATA TYPE: toc\n# NUMBER ALTERNATIVES: 3\n# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\n# ALTERNATIVE NAME 3: C\n" +
		"5: 1,2,3\n4: 2,1,3\n3: 3,{1,2}\n"
	p, err := preflib.Read(strings.NewReader(in), "t.toc", preflib.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		rule     ballot.OvervoteRule
		a, b     int64
		exhausts int64
	}{
		{ballot.OvervoteExhaust, 5, 4, 3},
		{ballot.OvervoteExhaustIfMultipleContinuing, 5, 4, 3},
		{ballot.OvervoteSkip, 5, 4, 3},
	} {
		res, err := stv.Count(p, stv.Rules{Seats: 1, Ballot: ballot.Rules{Equal: c.rule}})
		if err != nil {
			t.Fatal(err)
		}
		rs := res.Seats[0].Rounds
		last := rs[len(rs)-1]
		reason := ballot.EqualRanking
		if c.rule == ballot.OvervoteSkip {
			reason = ballot.NoPreferences
		}
		if res.Defects.EqualRanking != 3 || res.Defects.Overvote != 0 || last.Votes[0] != c.a || last.Votes[1] != c.b || last.Exhausted[reason] != c.exhausts {
			t.Errorf("%s: defects %+v, final %v, exhausted %v", c.rule, res.Defects, last.Votes, last.Exhausted)
		}
	}
}
