package condorcet_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/condorcet"
)

// profile builds a profile of the candidates named by the letters of
// cands from lines "COUNT RANKING": a ranking is letters, best first, with
// ">" between ranks optional and "=" joining equal ranks ("5 ACBED",
// "8 A=C>D"). equal says the format allows equal rankings.
func profile(t testing.TB, cands string, equal bool, lines ...string) *ballot.Profile {
	t.Helper()
	var names []string
	for _, c := range cands {
		names = append(names, string(c))
	}
	p := ballot.NewProfile(names)
	p.EqualRanks = equal
	for _, l := range lines {
		f := strings.Fields(l)
		w, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil || len(f) > 2 {
			t.Fatalf("bad line %q", l)
		}
		var marks []ballot.Mark
		if len(f) == 2 {
			for _, c := range f[1] {
				switch c {
				case '>':
				case '=':
					marks = append(marks, ballot.Equal)
				default:
					k := strings.IndexRune(cands, c)
					if k < 0 {
						t.Fatalf("unknown candidate %c in %q", c, l)
					}
					marks = append(marks, ballot.Mark(k))
				}
			}
		}
		p.Add(marks, w)
	}
	return p
}

// count runs one method with no tie-break.
func count(t testing.TB, p *ballot.Profile, spec string) (*condorcet.Matrix, *condorcet.Result) {
	t.Helper()
	m := condorcet.Tally(p, condorcet.Options{})
	return m, countMatrix(t, p, m, spec, condorcet.TieBreak{})
}

func countMatrix(t testing.TB, p *ballot.Profile, m *condorcet.Matrix, spec string, tb condorcet.TieBreak) *condorcet.Result {
	t.Helper()
	s, err := condorcet.ParseSpec(spec)
	if err != nil {
		t.Fatal(err)
	}
	r, err := condorcet.Count(p, m, s, tb, condorcet.DebianRule{NoQuorum: true})
	if err != nil {
		t.Fatalf("%s: %v", spec, err)
	}
	return r
}

// winners names the result's winners, sorted.
func winners(r *condorcet.Result) string {
	var out []string
	for _, k := range r.Winners {
		out = append(out, r.Names[k])
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

// ranking writes the result's ranking as "A>B=C>D" (names sorted within a
// rank), or "" when there is none.
func ranking(r *condorcet.Result) string {
	var ranks []string
	for _, tier := range r.Ranking {
		var ns []string
		for _, k := range tier {
			ns = append(ns, r.Names[k])
		}
		slices.Sort(ns)
		ranks = append(ranks, strings.Join(ns, "="))
	}
	return strings.Join(ranks, ">")
}

// matrix reads d as rows of the matrix, in candidate order.
func matrix(m *condorcet.Matrix) [][]int64 {
	out := make([][]int64, m.N())
	for a := range out {
		out[a] = make([]int64, m.N())
		for b := range out[a] {
			out[a][b] = m.Prefer(a, b)
		}
	}
	return out
}
