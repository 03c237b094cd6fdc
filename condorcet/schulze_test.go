package condorcet_test

import (
	"reflect"
	"testing"

	"github.com/psephos/psephos/condorcet"
)

// Schulze's worked examples. Source: M. Schulze, "A New Monotonic,
// Clone-Independent, Reversal Symmetric, and Condorcet-Consistent
// Single-Winner Election Method", draft of 23 December 2016
// (schulze1.pdf), section 3 "Examples"; the published version is Social
// Choice and Welfare 36 (2011) 267–303. The ballot counts, the matrices
// d[·,·] and the strongest paths p[·,·] (as pairs: winning votes, losing
// votes) of Examples 1, 2 and 5 are typed in from that section as quoted,
// with the section and example numbers, in the test suite of
// github.com/ddouglascarr/rooset (VoteUtils_SchulzeExamples); the winners
// of Examples 1–6 also match github.com/julien-boudry/Condorcet's
// "SchulzeOfficialExample" tests, which follow the same numbering.

// §3.1, Example 1: 21 voters, 4 candidates; D wins, ranking D > A > C > B.
func TestSchulzeExample1(t *testing.T) {
	p := profile(t, "ABCD", false, "8 ACDB", "2 BADC", "4 CDBA", "4 DBAC", "3 DCBA")
	m, r := count(t, p, "schulze")
	want := [][]int64{{0, 8, 14, 10}, {13, 0, 6, 2}, {7, 15, 0, 12}, {11, 19, 9, 0}}
	if got := matrix(m); !reflect.DeepEqual(got, want) {
		t.Errorf("d = %v, want %v", got, want)
	}
	N := condorcet.None
	paths := [][]condorcet.Strength{
		{N, {14, 7}, {14, 7}, {12, 9}},
		{{13, 8}, N, {13, 8}, {12, 9}},
		{{13, 8}, {15, 6}, N, {12, 9}},
		{{13, 8}, {19, 2}, {13, 8}, N},
	}
	if !reflect.DeepEqual(r.Schulze.Paths, paths) {
		t.Errorf("p = %v, want %v", r.Schulze.Paths, paths)
	}
	if winners(r) != "D" || ranking(r) != "D>A>C>B" || r.Tie != nil {
		t.Errorf("winners %s, ranking %s, tie %v", winners(r), ranking(r), r.Tie)
	}
	if m.CondorcetWinner() != -1 {
		t.Errorf("Condorcet winner %d; the example has a cycle", m.CondorcetWinner())
	}
}

// §3.2, Example 2: 9 voters; B and D are both potential winners — a tie,
// reported, with nobody elected without a tie-break.
func TestSchulzeExample2(t *testing.T) {
	p := profile(t, "ABCD", false, "3 ABCD", "2 DABC", "2 DBCA", "2 CBDA")
	m, r := count(t, p, "schulze")
	want := [][]int64{{0, 5, 5, 3}, {4, 0, 7, 5}, {4, 2, 0, 5}, {6, 4, 4, 0}}
	if got := matrix(m); !reflect.DeepEqual(got, want) {
		t.Errorf("d = %v, want %v", got, want)
	}
	N := condorcet.None
	paths := [][]condorcet.Strength{
		{N, {5, 4}, {5, 4}, {5, 4}},
		{{5, 4}, N, {7, 2}, {5, 4}},
		{{5, 4}, {5, 4}, N, {5, 4}},
		{{6, 3}, {5, 4}, {5, 4}, N},
	}
	if !reflect.DeepEqual(r.Schulze.Paths, paths) {
		t.Errorf("p = %v, want %v", r.Schulze.Paths, paths)
	}
	if winners(r) != "B,D" || r.Winner != -1 || r.Tie == nil || r.Tie.Method != "" || ranking(r) != "B=D>A=C" {
		t.Errorf("winners %s, elected %d, tie %+v, ranking %s", winners(r), r.Winner, r.Tie, ranking(r))
	}
	// A named order breaks it and is recorded.
	r = countMatrix(t, p, m, "schulze", condorcet.TieBreak{Fallback: condorcet.FallbackOrder, Order: []string{"D", "B"}})
	if r.Winner != 3 || r.Tie.Method != "order" {
		t.Errorf("by order D>B: elected %d, tie %+v", r.Winner, r.Tie)
	}
}

// §3.5, Example 5: situation #1 (19 voters) elects A; in situation #2 two
// more voters rank A first (A > E > F > C > B > D) and D wins — Schulze is
// not immune to this (the example illustrates the participation failure).
func TestSchulzeExample5(t *testing.T) {
	lines := []string{"3 ADEBCF", "3 BFECDA", "4 CABFDE", "1 DBCEFA", "4 DEFABC", "2 ECBDFA", "2 FACDBE"}
	m, r := count(t, profile(t, "ABCDEF", false, lines...), "schulze")
	want := [][]int64{{0, 13, 9, 9, 9, 7}, {6, 0, 11, 9, 10, 13}, {10, 8, 0, 11, 7, 10}, {10, 10, 8, 0, 14, 10}, {10, 9, 12, 5, 0, 10}, {12, 6, 9, 9, 9, 0}}
	if got := matrix(m); !reflect.DeepEqual(got, want) {
		t.Errorf("situation 1: d = %v, want %v", got, want)
	}
	if winners(r) != "A" {
		t.Errorf("situation 1: winners %s, want A", winners(r))
	}
	if p := r.Schulze.Paths; p[0][1] != (condorcet.Strength{For: 13, Against: 6}) || p[1][0] != (condorcet.Strength{For: 12, Against: 7}) {
		t.Errorf("situation 1: p[A,B] %v, p[B,A] %v; want (13,6), (12,7)", p[0][1], p[1][0])
	}
	m, r = count(t, profile(t, "ABCDEF", false, append(lines, "2 AEFCBD")...), "schulze")
	want = [][]int64{{0, 15, 11, 11, 11, 9}, {6, 0, 11, 11, 10, 13}, {10, 10, 0, 13, 7, 10}, {10, 10, 8, 0, 14, 10}, {10, 11, 14, 7, 0, 12}, {12, 8, 11, 11, 9, 0}}
	if got := matrix(m); !reflect.DeepEqual(got, want) {
		t.Errorf("situation 2: d = %v, want %v", got, want)
	}
	if winners(r) != "D" {
		t.Errorf("situation 2: winners %s, want D", winners(r))
	}
}

// Examples 3, 4 and 6 of the same section, as typed in julien-boudry/
// Condorcet's tests (SchulzeOfficialExampleResult_3, _4, _6; ballots
// truncated where the last candidate is implied): Example 3 elects D;
// Example 4 ties A and D; Example 6 elects A, and B once a clone E of D
// is added (situation #2).
func TestSchulzeExamples346(t *testing.T) {
	cases := []struct {
		name, cands string
		lines       []string
		want        string
	}{
		{"example 3", "ABCD", []string{"12 ABC", "6 ADB", "9 BCD", "15 CDA", "21 DBA"}, "D"},
		{"example 4", "ABCD", []string{"6 ACD", "1 BAD", "3 CBD", "3 DBA", "2 DCB"}, "A,D"},
		{"example 6, situation 1", "ABCD", []string{"3 ABD", "5 ADB", "1 ADC", "2 BAD", "2 BDC", "4 CAB", "6 CBA", "2 DBC", "5 DCA"}, "A"},
		{"example 6, situation 2", "ABCDE", []string{"3 ABDE", "5 ADEB", "1 ADEC", "2 BADE", "2 BDEC", "4 CABD", "6 CBAD", "2 DBEC", "5 DECA"}, "B"},
	}
	for _, c := range cases {
		_, r := count(t, profile(t, c.cands, false, c.lines...), "schulze")
		if winners(r) != c.want {
			t.Errorf("%s: winners %s, want %s", c.name, winners(r), c.want)
		}
	}
}

// Winning votes and margins disagree (julien-boudry/Condorcet's
// SchulzeOfficialExampleResult_7, with equal rankings): D wins by winning
// votes, A by margins.
func TestSchulzeWinningVotesMargins(t *testing.T) {
	p := profile(t, "ABCD", true, "6 A>B>C>D", "8 A=B", "8 A=C", "18 A=C>D", "8 A=C=D", "40 B",
		"4 C>B>D", "9 C>D>A", "8 C=D", "14 D>A>B", "11 D>B>C", "4 D>C>A")
	m, r := count(t, p, "schulze")
	if winners(r) != "D" {
		t.Errorf("winning votes: %s, want D", winners(r))
	}
	if r := countMatrix(t, p, m, "schulze:margins", condorcet.TieBreak{}); winners(r) != "A" {
		t.Errorf("margins: %s, want A", winners(r))
	}
}

// The example of the Schulze method's Wikipedia article (written by
// Schulze; en.wikipedia.org/wiki/Schulze_method, "Example"): 45 voters,
// d[A,B] = 20 ..., strongest paths p[E,A] = 25 ..., ranking E > A > C > B > D.
func TestSchulzeWikipedia(t *testing.T) {
	p := profile(t, "ABCDE", false, "5 ACBED", "5 ADECB", "8 BEDAC", "3 CABED", "7 CAEBD", "2 CBADE", "7 DCEBA", "8 EBADC")
	m, r := count(t, p, "schulze")
	d := [][]int64{{0, 20, 26, 30, 22}, {25, 0, 16, 33, 18}, {19, 29, 0, 17, 24}, {15, 12, 28, 0, 14}, {23, 27, 21, 31, 0}}
	if got := matrix(m); !reflect.DeepEqual(got, d) {
		t.Errorf("d = %v, want %v", got, d)
	}
	paths := [][]int64{{0, 28, 28, 30, 24}, {25, 0, 28, 33, 24}, {25, 29, 0, 29, 24}, {25, 28, 28, 0, 24}, {25, 28, 28, 31, 0}}
	for a := range paths {
		for b := range paths {
			if a != b && r.Schulze.Paths[a][b].For != paths[a][b] {
				t.Errorf("p[%s,%s] = %d, want %d", m.Names[a], m.Names[b], r.Schulze.Paths[a][b].For, paths[a][b])
			}
		}
	}
	if ranking(r) != "E>A>C>B>D" {
		t.Errorf("ranking %s, want E>A>C>B>D", ranking(r))
	}
}
