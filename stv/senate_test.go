package stv_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/stv"
)

// dopKey names an AEC candidate ("STRINGER Justin") as the distribution of
// preferences does: surname and first initial ("STRINGER J").
func dopKey(name string) string {
	// The 2016 candidates file writes "DONNELLY, Matt".
	f := strings.Fields(strings.Replace(name, ",", "", 1))
	var sur []string
	i := 0
	for ; i < len(f); i++ {
		if strings.ToUpper(f[i]) != f[i] && !strings.HasPrefix(f[i], "Mc") && !strings.HasPrefix(f[i], "Mac") {
			break
		}
		sur = append(sur, f[i])
	}
	if i == len(f) {
		return strings.ToUpper(name)
	}
	return strings.ToUpper(strings.Join(sur, " ")) + " " + f[i][:1]
}

// checkDOP compares a count with the AEC's published columns: every
// candidate's total, the exhausted votes and the loss by fraction after
// the last count of each column.
func checkDOP(t *testing.T, p *ballot.Profile, res *stv.Result, d dop) {
	t.Helper()
	idx := map[string]int{}
	for k, n := range p.Candidates {
		idx[dopKey(n)] = k
	}
	for _, n := range d.names {
		if _, ok := idx[n]; !ok {
			t.Fatalf("DOP candidate %q not in the ballot file (%v)", n, idx)
		}
	}
	last := d.columns[len(d.columns)-1].count
	if len(res.Stages) != last {
		t.Errorf("%d counts, the AEC's %d", len(res.Stages), last)
	}
	for _, col := range d.columns {
		if col.count > len(res.Stages) {
			break
		}
		st := res.Stages[col.count-1]
		for i, n := range d.names {
			if got := st.Votes[idx[n]].String(); got != itoa(col.totals[i]) {
				t.Errorf("%s (count %d): %s %s, AEC %d", col.label, col.count, n, got, col.totals[i])
			}
		}
		if got := st.Exhausted.String(); got != itoa(col.exhausted) {
			t.Errorf("%s: exhausted %s, AEC %d", col.label, got, col.exhausted)
		}
		if got := st.LossByFraction.String(); got != itoa(col.loss) {
			t.Errorf("%s: loss by fraction %s, AEC %d", col.label, got, col.loss)
		}
	}
}

func itoa(n int64) string { return stv.Whole(n).String() }

// electedAt lists "NAME@count" in order of election.
func electedAt(p *ballot.Profile, res *stv.Result) []string {
	var out []string
	for _, st := range res.Stages {
		for _, e := range st.Elected {
			out = append(out, dopKey(p.Candidates[e.Candidate])+"@"+itoa(int64(st.Number)))
		}
	}
	return out
}

// Tasmania, 2019 half-Senate election (official: the AEC's formal
// preferences and its distribution of preferences, SenateStateDop-24310-
// TAS.pdf; data README): 351,988 formal papers, 6 vacancies, quota
// 50,285, 139 counts; Colbeck and Brown elected at count 1, Chandler at 2,
// McKim at 124, Bilyk and Lambie at 139. Every column the AEC publishes
// (42 of them, covering all 139 counts) is checked: each candidate's
// total, exhausted votes and loss by fraction.
func TestSenateTasmania2019(t *testing.T) {
	p := read(t, "ranked/aus-senate/fed2019/tas/data/aec-senate-formalpreferences-24310-TAS.csv.gz", format.BallotOptions{})
	r := preset(t, "australian-senate")
	r.Seats = 6
	res := countRule(t, p, r)
	if res.Quota.String() != "50285" {
		t.Errorf("quota %s, want 50285", res.Quota)
	}
	want := []string{"COLBECK R@1", "BROWN C@1", "CHANDLER C@2", "MCKIM N@124", "BILYK C@139", "LAMBIE J@139"}
	if got := electedAt(p, res); !reflect.DeepEqual(got, want) {
		t.Errorf("elected %v, want %v", got, want)
	}
	checkDOP(t, p, res, tas2019DOP)
}

// Australian Capital Territory, 2016 Senate election (official: the AEC's
// formal preferences, candidates file and SenateStateDop-20499-ACT.pdf;
// data README): 254,767 papers, 2 vacancies, quota 84,923; Gallagher
// elected at count 1, Seselja at count 29; every published column checked.
func TestSenateACT2016(t *testing.T) {
	p := read(t, "ranked/aus-senate/fed2016/act/data/aec-senate-formalpreferences-20499-ACT.csv.gz",
		format.BallotOptions{Candidates: datadir.Path(t, "ranked/aus-senate/fed2016/common/2016federalelection-all-candidates-nat-30-06-924.csv")})
	r := preset(t, "australian-senate")
	r.Seats = 2
	res := countRule(t, p, r)
	if res.Quota.String() != "84923" {
		t.Errorf("quota %s, want 84923", res.Quota)
	}
	want := []string{"GALLAGHER K@1", "SESELJA Z@29"}
	if got := electedAt(p, res); !reflect.DeepEqual(got, want) {
		t.Errorf("elected %v, want %v", got, want)
	}
	checkDOP(t, p, res, act2016DOP)
}

// Northern Territory, 2016 Senate election (official: SenateStateDop-
// 20499-NT.pdf; data README): 102,027 papers, quota 34,010; McCarthy
// (37,869) and Scullion (36,905) elected at count 1, the only count.
func TestSenateNT2016(t *testing.T) {
	p := read(t, "ranked/aus-senate/fed2016/nt/data/aec-senate-formalpreferences-20499-NT.csv.gz",
		format.BallotOptions{Candidates: datadir.Path(t, "ranked/aus-senate/fed2016/common/2016federalelection-all-candidates-nat-30-06-924.csv")})
	r := preset(t, "australian-senate")
	r.Seats = 2
	res := countRule(t, p, r)
	if res.Quota.String() != "34010" || len(res.Stages) != 1 {
		t.Errorf("quota %s, %d counts; want 34010, 1", res.Quota, len(res.Stages))
	}
	want := []string{"MCCARTHY M@1", "SCULLION N@1"}
	if got := electedAt(p, res); !reflect.DeepEqual(got, want) {
		t.Errorf("elected %v, want %v", got, want)
	}
	st := res.Stages[0]
	for name, v := range map[string]int64{"MCCARTHY M": 37869, "SCULLION N": 36905, "CONNARD M": 10637, "PILE J": 6629} {
		for k, n := range p.Candidates {
			if dopKey(n) == name && st.Votes[k].String() != itoa(v) {
				t.Errorf("%s %s, AEC %d", name, st.Votes[k], v)
			}
		}
	}
}
