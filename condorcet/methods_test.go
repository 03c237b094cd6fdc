package condorcet_test

import (
	"errors"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/condorcet"
)

// Debian A.6 worked by hand: A, B, C and the default N ("None of the
// above"), 8 A>B>C>N, 6 B>C>A>N, 4 C>A>B>N. A beats B 12–6, B beats C
// 14–4, C beats A 10–8: the Schwartz set is {A, B, C}; the weakest defeat
// (C over A, 10 votes) is dropped (A.6(7)); then A alone is the Schwartz
// set and wins.
func TestDebianDropping(t *testing.T) {
	p := profile(t, "ABCN", false, "8 ABCN", "6 BCAN", "4 CABN")
	p.Candidates[3] = "None of the above"
	m := condorcet.Tally(p, condorcet.Options{})
	debian := func(rule condorcet.DebianRule) *condorcet.Result {
		t.Helper()
		r, err := condorcet.Count(p, m, condorcet.Spec{Method: condorcet.Debian}, condorcet.TieBreak{}, rule)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := debian(condorcet.DebianRule{NoQuorum: true})
	d := r.Debian
	if winners(r) != "A" || d.Default != 3 || len(d.Rounds) != 2 || !reflect.DeepEqual(d.Rounds[0].Schwartz, []int{0, 1, 2}) ||
		len(d.Rounds[0].Dropped) != 1 || d.Rounds[0].Dropped[0] != (condorcet.Pair{Winner: 2, Loser: 0, For: 10, Against: 8}) ||
		!reflect.DeepEqual(d.Rounds[1].Schwartz, []int{0}) || r.Ranking != nil {
		t.Errorf("winners %s, detail %+v", winners(r), d)
	}
	// Quorum 3·√N/2 against V(A, default) = 18 for each option: met for
	// N = 144 (4·18² = 9·144), not for 145, when every option is dropped
	// and the default option wins.
	if r := debian(condorcet.DebianRule{Developers: 144}); winners(r) != "A" || len(r.Debian.DroppedQuorum) != 0 {
		t.Errorf("144 developers: %s, dropped %v", winners(r), r.Debian.DroppedQuorum)
	}
	if r := debian(condorcet.DebianRule{Developers: 145}); winners(r) != "None of the above" || len(r.Debian.DroppedQuorum) != 3 {
		t.Errorf("145 developers: %s, dropped %v", winners(r), r.Debian.DroppedQuorum)
	}
	// A 3:1 supermajority: A, B and C have 18 votes over the default to 0.
	if r := debian(condorcet.DebianRule{NoQuorum: true, Majority: big.NewRat(3, 1)}); winners(r) != "A" || r.Debian.Majority != "3:1" {
		t.Errorf("3:1: %s %s", winners(r), r.Debian.Majority)
	}
	// Two options tied with each other, both beating the default: the
	// casting vote decides (a tie, reported).
	q := profile(t, "ABN", false, "3 ABN", "3 BAN")
	q.Candidates[2] = "None Of The Above"
	r, err := condorcet.Count(q, condorcet.Tally(q, condorcet.Options{}), condorcet.Spec{Method: condorcet.Debian}, condorcet.TieBreak{}, condorcet.DebianRule{NoQuorum: true})
	if err != nil || winners(r) != "A,B" || r.Winner != -1 || !strings.Contains(strings.Join(r.Notes, " "), "casting vote") {
		t.Errorf("tie: %v %s %v", err, winners(r), r.Notes)
	}
	// Errors: no default option; the other reading of unranked options.
	if _, err := condorcet.Count(p, m, condorcet.Spec{Method: condorcet.Debian}, condorcet.TieBreak{}, condorcet.DebianRule{Default: "Further discussion"}); err == nil || !strings.Contains(err.Error(), `no option is named "Further discussion"`) {
		t.Errorf("missing default: %v", err)
	}
	// The default option given is found as auto-detection finds it, case
	// and spacing aside; a name that fits several options is refused.
	if r := debian(condorcet.DebianRule{NoQuorum: true, Default: "NONE  of the Above"}); r.Debian.Default != 3 || winners(r) != "A" {
		t.Errorf("default option given in other case: %d, %s", r.Debian.Default, winners(r))
	}
	twice := profile(t, "ABNn", false, "2 ABNn")
	twice.Candidates[2], twice.Candidates[3] = "None of the above", "none of the above"
	mt := condorcet.Tally(twice, condorcet.Options{})
	if r, err := condorcet.Count(twice, mt, condorcet.Spec{Method: condorcet.Debian}, condorcet.TieBreak{}, condorcet.DebianRule{NoQuorum: true, Default: "none of the above"}); err != nil || r.Debian.Default != 3 {
		t.Errorf("an exact name among several: %v", err)
	}
	if _, err := condorcet.Count(twice, mt, condorcet.Spec{Method: condorcet.Debian}, condorcet.TieBreak{}, condorcet.DebianRule{NoQuorum: true, Default: "NONE OF THE ABOVE"}); err == nil || !strings.Contains(err.Error(), "several options") {
		t.Errorf("an ambiguous default option: %v", err)
	}
	mi := condorcet.Tally(p, condorcet.Options{Unranked: condorcet.UnrankedIgnored})
	if _, err := condorcet.Count(p, mi, condorcet.Spec{Method: condorcet.Debian}, condorcet.TieBreak{}, condorcet.DebianRule{}); err == nil || !strings.Contains(err.Error(), "unranked") {
		t.Errorf("unranked ignored: %v", err)
	}
}

// Copeland's tie conventions and Minimax's three measures, on a profile
// with a pairwise tie: 2 A>B>C, 2 B>A>C, 1 C>A>B, 1 C>B>A — A and B tie
// 3–3, both beat C 4–2.
func TestCopelandMinimax(t *testing.T) {
	p := profile(t, "ABC", false, "2 ABC", "2 BAC", "1 CAB", "1 CBA")
	m := condorcet.Tally(p, condorcet.Options{})
	for spec, want := range map[string][]int64{"copeland": {3, 3, 0}, "copeland:zero": {2, 2, 0}, "copeland:one": {4, 4, 0}} {
		r := countMatrix(t, p, m, spec, condorcet.TieBreak{})
		for k, s := range r.Copeland.Scores {
			if s.Half != want[k] {
				t.Errorf("%s: %s %+v, want %d half points", spec, m.Names[k], s, want[k])
			}
		}
		if winners(r) != "A,B" || ranking(r) != "A=B>C" {
			t.Errorf("%s: winners %s ranking %s", spec, winners(r), ranking(r))
		}
	}
	for spec, want := range map[string][]int64{"minimax": {0, 0, 4}, "minimax:margins": {0, 0, 2}, "minimax:opposition": {3, 3, 4}} {
		r := countMatrix(t, p, m, spec, condorcet.TieBreak{})
		if !reflect.DeepEqual(r.Minimax.Scores, want) || winners(r) != "A,B" {
			t.Errorf("%s: scores %v winners %s, want %v", spec, r.Minimax.Scores, winners(r), want)
		}
	}
}

// Borda on truncated ballots and an equal ranking, 4 candidates (points 3,
// 2, 1, 0 by position), worked by hand in half points:
//
//	3 × A>B      averaged A 6, B 4, C 1, D 1; truncated A 6, B 4; modified (k=2) A 4, B 2
//	2 × B        averaged B 6, A 2, C 2, D 2; truncated B 6;      modified (k=1) B 2
//	1 × C=D>A    averaged C 5, D 5, A 2;      truncated the same; modified (k=3) C 5, D 5, A 2
func TestBordaVariants(t *testing.T) {
	p := profile(t, "ABCD", true, "3 A>B", "2 B", "1 C=D>A")
	m := condorcet.Tally(p, condorcet.Options{})
	want := map[string][]int64{
		"borda":           {18 + 4 + 2, 12 + 12, 3 + 4 + 5, 3 + 4 + 5},
		"borda:truncated": {18 + 2, 12 + 12, 5, 5},
		"borda:modified":  {12 + 2, 6 + 4, 5, 5},
	}
	for spec, w := range want {
		r := countMatrix(t, p, m, spec, condorcet.TieBreak{})
		if !reflect.DeepEqual(r.Borda.Half, w) {
			t.Errorf("%s: %v half points, want %v", spec, r.Borda.Half, w)
		}
	}
}

// Overvotes (BLT "a=b" in a format without equal rankings) read three
// ways; withdrawn candidates take no part.
func TestReadings(t *testing.T) {
	p := profile(t, "ABCD", false, "1 A=B>C", "1 D")
	for o, want := range map[condorcet.Overvote][][]int64{
		// equal: A and B each beat C and D; C beats D.
		condorcet.OvervoteEqual: {{0, 0, 1, 1}, {0, 0, 1, 1}, {0, 0, 0, 1}, {1, 1, 1, 0}},
		// exhaust: the first ballot states nothing.
		condorcet.OvervoteExhaust: {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {1, 1, 1, 0}},
		// skip: the first ballot is C alone.
		condorcet.OvervoteSkip: {{0, 0, 0, 0}, {0, 0, 0, 0}, {1, 1, 0, 1}, {1, 1, 1, 0}},
	} {
		m := condorcet.Tally(p, condorcet.Options{Overvote: o})
		if got := matrix(m); !reflect.DeepEqual(got, want) {
			t.Errorf("overvote=%s: %v, want %v", o, got, want)
		}
		if o != condorcet.OvervoteEqual && (m.Overvote != 1 || m.EqualRanking != 0) || o == condorcet.OvervoteEqual && (m.Overvote != 0 || m.EqualRanking != 1) {
			t.Errorf("overvote=%s: counted %d overvotes, %d equal rankings", o, m.Overvote, m.EqualRanking)
		}
		if o == condorcet.OvervoteExhaust && m.Empty != 1 || o != condorcet.OvervoteExhaust && m.Empty != 0 {
			t.Errorf("overvote=%s: %d ballots stating no preference", o, m.Empty)
		}
	}
	// Unranked ignored: the second ballot states nothing.
	m := condorcet.Tally(p, condorcet.Options{Unranked: condorcet.UnrankedIgnored})
	if got, want := matrix(m), [][]int64{{0, 0, 1, 0}, {0, 0, 1, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}; !reflect.DeepEqual(got, want) {
		t.Errorf("unranked=ignored: %v, want %v", got, want)
	}
	// Withdrawn C: the matrix has A, B, D; a repeat counts at its first mark.
	p.Withdrawn = []int{2}
	p.Add(nil, 1) // a blank ballot
	q := profile(t, "ABCD", false, "1 A>C>B>A")
	q.Withdrawn = []int{2}
	mq := condorcet.Tally(q, condorcet.Options{})
	if !reflect.DeepEqual(mq.Names, []string{"A", "B", "D"}) || !reflect.DeepEqual(mq.Source, []int{0, 1, 3}) || mq.Prefer(0, 1) != 1 || mq.Prefer(1, 0) != 0 || mq.Prefer(1, 2) != 1 {
		t.Errorf("withdrawn: %v %v %v", mq.Names, mq.Source, matrix(mq))
	}
	if mp := condorcet.Tally(p, condorcet.Options{}); mp.Empty != 1 || mp.Ballots != 3 {
		t.Errorf("empty %d of %d", mp.Empty, mp.Ballots)
	}
}

// What the fixed readings pass over is counted, never dropped silently:
// a mark naming no candidate (among them an overvote "-=-" whose
// candidates the file does not give), a candidate marked again, a blank
// rank before a later mark. Blank ranks after the last mark are not
// skipped ranks.
func TestReadingsCounted(t *testing.T) {
	const A, B, C = ballot.Mark(0), ballot.Mark(1), ballot.Mark(2)
	u, eq, skip := ballot.Unknown, ballot.Equal, ballot.Skip
	p := ballot.NewProfile([]string{"A", "B", "C"})
	p.Add([]ballot.Mark{A, A, B}, 3)                      // repeat
	p.Add([]ballot.Mark{A, skip, B}, 2)                   // skipped rank
	p.Add([]ballot.Mark{u, eq, u, C}, 5)                  // overvote naming no candidate, then C
	p.Add([]ballot.Mark{u, B}, 7)                         // an unknown mark
	p.Add([]ballot.Mark{C, skip, skip}, 11)               // trailing blanks: not skipped
	p.Add([]ballot.Mark{B, eq, B, A}, 13)                 // B twice at one rank
	for o, want := range map[condorcet.Overvote][5]int64{ // unknown, duplicate, skipped, overvote, empty
		condorcet.OvervoteEqual:   {5 + 7, 3 + 13, 2, 0, 0},
		condorcet.OvervoteSkip:    {7, 3 + 13, 2, 5, 0},
		condorcet.OvervoteExhaust: {7, 3 + 13, 2, 5, 5},
	} {
		m := condorcet.Tally(p, condorcet.Options{Overvote: o})
		if got := [5]int64{m.Unknown, m.Duplicate, m.SkippedRank, m.Overvote, m.Empty}; got != want {
			t.Errorf("overvote=%s: unknown, duplicate, skipped, overvote, empty = %v, want %v", o, got, want)
		}
	}
}

// Kemeny–Young past its limit: a Smith level of more than MaxKemeny
// candidates in a cycle is an error saying so, not an approximation.
func TestKemenyLimit(t *testing.T) {
	n := condorcet.MaxKemeny + 1
	names := make([]string, n)
	d := make([][]int64, n)
	for a := range d {
		names[a] = string(rune('a' + a))
		d[a] = make([]int64, n)
	}
	for a := range d {
		for k := 1; k <= n/2; k++ { // a beats the next n/2: one big cycle
			d[a][(a+k)%n] = 2
			d[(a+k)%n][a] = 1
		}
	}
	m, err := condorcet.NewMatrix(names, d)
	if err != nil {
		t.Fatal(err)
	}
	_, err = condorcet.Count(nil, m, condorcet.Spec{Method: condorcet.Kemeny}, condorcet.TieBreak{}, condorcet.DebianRule{})
	var le *condorcet.KemenyLimitError
	if !errors.As(err, &le) || le.Size != n || !strings.Contains(err.Error(), "limited to 20 candidates per level") {
		t.Errorf("error %v", err)
	}
	if _, err := condorcet.Count(nil, m, condorcet.Spec{Method: condorcet.Borda}, condorcet.TieBreak{}, condorcet.DebianRule{}); err == nil {
		t.Error("Borda from a matrix alone: no error")
	}
}

func TestSpecsAndMatrixErrors(t *testing.T) {
	for in, want := range map[string]string{"schulze": "schulze:winning-votes", "minimax:opposition": "minimax:opposition", " borda:modified": "borda:modified"} {
		if s, err := condorcet.ParseSpec(in); err != nil || s.String() != want {
			t.Errorf("%q: %v %v", in, s, err)
		}
	}
	for _, bad := range []string{"irv", "schulze:ratio", ""} {
		if _, err := condorcet.ParseSpec(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if _, err := condorcet.NewMatrix([]string{"a", "b"}, [][]int64{{0, 1}, {-1, 0}}); err == nil {
		t.Error("negative count accepted")
	}
	if _, err := condorcet.NewMatrix([]string{"a", "b"}, [][]int64{{0, 1}}); err == nil {
		t.Error("short matrix accepted")
	}
}
