package stv_test

import (
	"bufio"
	"math/big"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/stv"
)

// refElect is an election in a reference report: who, and every elected
// or hopeful candidate's votes as printed at that moment.
type refElect struct {
	name  string
	votes map[string]string
}

var (
	electRe = regexp.MustCompile(`^Action: (?:Elect: |Elect, transfer pending: |Elect remaining candidates: |Elect remaining: )(.+)$`)
	voteRe  = regexp.MustCompile(`^\t(?:Elected|Hopeful|Pending): +(.+) \(([-0-9.]+)\)$`)
)

// readReport reads a Droop report (ranked/droop-rule-refs/ref-report, a
// tool reference): each election with the votes printed under it, and
// the candidates elected at the end.
func readReport(t *testing.T, path string) ([]refElect, []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []refElect
	var cur *refElect
	var final []string
	inFinal := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "Action:") || strings.HasPrefix(line, "Round") {
			cur = nil
			inFinal = line == "Action: Count Complete"
			if m := electRe.FindStringSubmatch(line); m != nil {
				out = append(out, refElect{name: m[1], votes: map[string]string{}})
				cur = &out[len(out)-1]
			}
			continue
		}
		if m := voteRe.FindStringSubmatch(line); m != nil {
			if cur != nil {
				cur.votes[m[1]] = m[2]
			}
			if inFinal && strings.HasPrefix(line, "\tElected:") {
				final = append(final, m[1])
			}
		}
	}
	return out, final
}

// roundHalfUp writes v to d decimals, rounded half up, as the reports
// display exact values.
func roundHalfUp(v stv.Value, d int) string {
	r := v.Rat()
	half := new(big.Rat).SetFrac64(1, 2)
	scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d)), nil))
	r.Mul(r, scale)
	r.Add(r, half)
	q := new(big.Int).Div(r.Num(), r.Denom())
	return stv.Rational(new(big.Rat).SetFrac(q, scale.Num())).Decimal(d)
}

// The rules matter: SC.blt (a real 2005 committee election, 94 ballots,
// 13 candidates, 4 seats) elects Olsen under Meek and Warren and Sevigny
// under the Scottish rule (data README). For these 24 reports (under
// ranked/droop-rule-refs/ref-report, made by the Droop package), the
// votes of every elected and hopeful candidate at each election equal the
// reference at its display precision, and the same candidates are
// elected. Ties are broken as the reference program breaks them: by
// ballot order, the first-listed candidate losing.
func TestDroopReferenceReports(t *testing.T) {
	cases := []struct {
		blt, report, rule string
		display           int
	}{
		{"SC", "SC-scotland-fixed-p5-d5", "scotland", 5},
		{"SC", "SC-meek-o10-rational-d12", "meek", 12},
		{"SC", "SC-warren-o10-rational-d12", "warren", 12},
		{"42", "42-scotland-fixed-p5-d5", "scotland", 5},
		{"42", "42-meek-o10-rational-d12", "meek", 12},
		{"513", "513-scotland-fixed-p5-d5", "scotland", 5},
		{"513", "513-meek-o10-rational-d12", "meek", 12},
		{"513", "513-warren-o10-rational-d12", "warren", 12},
		{"M135", "M135-scotland-fixed-p5-d5", "scotland", 5},
		{"SC-Vm-12", "SC-Vm-12-meek-o10-rational-d12", "meek", 12},
		// The Scottish rule on the other files; Minneapolis STV (4
		// places) and the New Zealand Meek rule (9 places, omega 1e-6:
		// the reference's "meek-prf-o6-fixed-p9") where the reference's
		// elections come one at a time, so that the votes it shows at an
		// election are those of psephos's stage.
		{"42t", "42t-scotland-fixed-p5-d5", "scotland", 5},
		{"42u", "42u-scotland-fixed-p5-d5", "scotland", 5},
		{"SC-Vm-12", "SC-Vm-12-scotland-fixed-p5-d5", "scotland", 5},
		{"SCw", "SCw-scotland-fixed-p5-d5", "scotland", 5},
		{"SCwopt", "SCwopt-scotland-fixed-p5-d5", "scotland", 5},
		{"42", "42-mpls-fixed-p4-d4", "minneapolis-stv", 4},
		{"42t", "42t-mpls-fixed-p4-d4", "minneapolis-stv", 4},
		{"42u", "42u-mpls-fixed-p4-d4", "minneapolis-stv", 4},
		{"513", "513-mpls-fixed-p4-d4", "minneapolis-stv", 4},
		{"SC-Vm-12", "SC-Vm-12-mpls-fixed-p4-d4", "minneapolis-stv", 4},
		{"42", "42-meek-prf-o6-fixed-p9-d9", "meek-nz", 9},
		{"42t", "42t-meek-prf-o6-fixed-p9-d9", "meek-nz", 9},
		{"42u", "42u-meek-prf-o6-fixed-p9-d9", "meek-nz", 9},
		{"513", "513-meek-prf-o6-fixed-p9-d9", "meek-nz", 9},
	}
	for _, c := range cases {
		t.Run(c.report, func(t *testing.T) {
			p, _, err := format.ReadBallotsFile(datadir.Path(t, "ranked/droop-rule-refs/blt/"+c.blt+".blt"), format.BallotOptions{})
			if err != nil {
				t.Fatal(err)
			}
			r := preset(t, c.rule)
			// The reference program reads every rank of every ballot (no
			// limit of ranks, as Minneapolis's ballot paper has).
			r.Ballot = ballot.Rules{}
			r.TieBreak.Fallback = stv.FallbackOrder
			r.TieBreak.Order = nil
			for k := len(p.Candidates) - 1; k >= 0; k-- {
				r.TieBreak.Order = append(r.TieBreak.Order, p.Candidates[k])
			}
			res := countRule(t, p, r)
			ref, final := readReport(t, datadir.Path(t, "ranked/droop-rule-refs/ref-report/"+c.report+".txt"))
			stageOf := map[string]stv.Stage{}
			for _, st := range res.Stages {
				for _, e := range st.Elected {
					stageOf[p.Candidates[e.Candidate]] = st
				}
			}
			for _, e := range ref {
				st, ok := stageOf[e.name]
				if !ok {
					t.Errorf("reference elects %s; psephos does not", e.name)
					continue
				}
				for name, want := range e.votes {
					k := p.CandidateIndex(name)
					if got := roundHalfUp(st.Votes[k], c.display); got != want {
						t.Errorf("at %s's election (stage %d): %s %s, reference %s", e.name, st.Number, name, got, want)
					}
				}
			}
			compared := 0
			for _, e := range ref {
				compared += len(e.votes)
			}
			if len(ref) != len(res.Elected) || compared < 2*len(ref) || len(final) != r.Seats && len(final) != p.Seats {
				t.Errorf("the reference has %d elections with %d votes and %d elected at the end; psephos %d elected", len(ref), compared, len(final), len(res.Elected))
			}
			got := names(p, res.Elected)
			sort.Strings(got)
			sort.Strings(final)
			if !reflect.DeepEqual(got, final) {
				t.Errorf("elected %v, reference %v", got, final)
			}
		})
	}
	// Minneapolis STV where the reference elects several candidates in one
	// round and shows their votes after the round's transfers: the same
	// candidates are elected.
	for _, blt := range []string{"SC", "SCw", "SCwopt", "M135"} {
		p, _, err := format.ReadBallotsFile(datadir.Path(t, "ranked/droop-rule-refs/blt/"+blt+".blt"), format.BallotOptions{})
		if err != nil {
			t.Fatal(err)
		}
		r := preset(t, "minneapolis-stv")
		r.Ballot = ballot.Rules{}
		res := countRule(t, p, r)
		_, final := readReport(t, datadir.Path(t, "ranked/droop-rule-refs/ref-report/"+blt+"-mpls-fixed-p4-d4.txt"))
		got := names(p, res.Elected)
		sort.Strings(got)
		sort.Strings(final)
		if len(final) == 0 || !reflect.DeepEqual(got, final) {
			t.Errorf("%s under minneapolis-stv: elected %v, reference %v", blt, got, final)
		}
	}
	// The data README's facts.
	p, _, err := format.ReadBallotsFile(datadir.Path(t, "ranked/droop-rule-refs/blt/SC.blt"), format.BallotOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for rule, who := range map[string]string{"meek": "Kristen Olsen", "warren": "Kristen Olsen", "meek-nz": "Kristen Olsen", "scotland": "Tom Sevigny", "minneapolis-stv": "Tom Sevigny"} {
		r := preset(t, rule)
		r.Ballot = ballot.Rules{}
		res := countRule(t, p, r)
		el := names(p, res.Elected)
		found := false
		for _, n := range el {
			found = found || n == who
		}
		if !found {
			t.Errorf("%s elects %v, want %s among them", rule, el, who)
		}
	}
}
