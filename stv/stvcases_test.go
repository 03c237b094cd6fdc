package stv_test

import (
	"os"
	"reflect"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/format/blt"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/stv"
)

// The shared edge cases for multi-seat STV (../shared/cases 08, 10, 11,
// 12). Every expected value is the case's expected.json, worked by hand in
// its case.md.

func readBLTCase(t *testing.T, rel string) *ballot.Profile {
	t.Helper()
	path := datadir.Case(t, rel)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := blt.Read(f, path, blt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// stageTallies returns each stage's votes (as exact strings) of the
// candidates still continuing or just decided at that stage, by name.
func stageTallies(p *ballot.Profile, res *stv.Result, decided func(st stv.Stage, k int) bool) []map[string]string {
	var out []map[string]string
	for _, st := range res.Stages {
		m := map[string]string{}
		for k, v := range st.Votes {
			if decided(st, k) {
				m[p.Candidates[k]] = v.String()
			}
		}
		out = append(out, m)
	}
	return out
}

func names(p *ballot.Profile, ks []int) []string {
	out := []string{}
	for _, k := range ks {
		out = append(out, p.Candidates[k])
	}
	return out
}

func countRule(t testing.TB, p *ballot.Profile, r stv.Rules) *stv.Result {
	t.Helper()
	res, err := stv.Count(p, r)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func preset(t testing.TB, name string) stv.Rules {
	t.Helper()
	r, err := stv.Preset(name)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Case 08: a candidate with no first preferences stays in the count and is
// elected on a surplus. 30 ballots, 2 seats, quota 11; Alice's surplus 9
// moves at 9/20 to Carol (9 exactly); Dave then Bob excluded; Alice and
// Carol elected.
func TestCase08ZeroFirstPreferenceCandidate(t *testing.T) {
	p := readBLTCase(t, "08-stv-zero-first-preference-candidate/election.blt")
	for _, rule := range []string{"gregory", "scotland"} {
		res := countRule(t, p, preset(t, rule))
		if got := names(p, res.Elected); !reflect.DeepEqual(got, []string{"Alice", "Carol"}) {
			t.Fatalf("%s: elected %v, want [Alice Carol]", rule, got)
		}
		if res.Quota.String() != map[string]string{"gregory": "11", "scotland": "11.00000"}[rule] {
			t.Errorf("%s: quota %s, want 11", rule, res.Quota)
		}
		if rule != "gregory" {
			continue
		}
		st := res.Stages
		// The case's stage 3 ("Bob excluded, Carol elected") is stage 3
		// (Dave's papers) and a last stage (Bob's) here: the count shows
		// Bob's papers moving before Carol is elected as the one continuing
		// candidate left (Scotland r.52).
		if len(st) != 4 {
			t.Fatalf("%d stages, want 4", len(st))
		}
		last := st[3]
		if got := names(p, last.Excluded); !reflect.DeepEqual(got, []string{"Bob"}) || len(last.Elected) != 1 || p.Candidates[last.Elected[0].Candidate] != "Carol" {
			t.Errorf("last stage: excluded %v, elected %v; want Bob excluded, Carol elected", got, last.Elected)
		}
		first := map[string]string{"Alice": "20", "Bob": "6", "Carol": "0", "Dave": "4"}
		for name, v := range first {
			if got := st[0].Votes[p.CandidateIndex(name)].String(); got != v {
				t.Errorf("stage 1 %s = %s, want %s", name, got, v)
			}
		}
		if st[1].Kind != stv.SurplusStage || len(st[1].TransferValues) != 1 || st[1].TransferValues[0].String() != "9/20" || st[1].Transferred.String() != "9" {
			t.Errorf("stage 2: %s of %v at %v, want the surplus 9 at 9/20", st[1].Kind, st[1].Transferred, st[1].TransferValues)
		}
		if got := st[1].Votes[p.CandidateIndex("Carol")].String(); got != "9" {
			t.Errorf("stage 2 Carol = %s, want 9", got)
		}
		if got := names(p, st[2].Excluded); !reflect.DeepEqual(got, []string{"Dave"}) {
			t.Errorf("stage 3 excluded %v, want Dave", got)
		}
		if st[2].Exhausted.String() != "4" {
			t.Errorf("exhausted after Dave %s, want 4", st[2].Exhausted)
		}
	}
}

// Case 10: a candidate exactly at the Droop quota is elected (reach, not
// exceed). 27 ballots, 2 seats, quota 10: Alice elected at stage 1 with
// 10; Erin excluded, her 4 ballots pass Alice to Dave (9); Carol 8
// excluded; Alice and Dave elected. The fractional Hagenbach-Bischoff
// quota 9 with ExceedQuota elects Alice at once as well.
func TestCase10QuotaReachedExactly(t *testing.T) {
	p := readBLTCase(t, "10-stv-quota-reached-exactly/election.blt")
	res := countRule(t, p, preset(t, "gregory"))
	if got := names(p, res.Elected); !reflect.DeepEqual(got, []string{"Alice", "Dave"}) {
		t.Fatalf("elected %v, want [Alice Dave]", got)
	}
	st := res.Stages
	if len(st[0].Elected) != 1 || p.Candidates[st[0].Elected[0].Candidate] != "Alice" {
		t.Fatalf("stage 1 elected %v, want Alice", st[0].Elected)
	}
	// No stage for a surplus of zero: stage 2 excludes Erin.
	if st[1].Kind != stv.ExclusionStage || names(p, st[1].Excluded)[0] != "Erin" {
		t.Fatalf("stage 2: %s %v, want Erin's exclusion", st[1].Kind, names(p, st[1].Excluded))
	}
	want := map[string]string{"Carol": "8", "Dave": "9"}
	for n, v := range want {
		if got := st[1].Votes[p.CandidateIndex(n)].String(); got != v {
			t.Errorf("stage 2 %s = %s, want %s", n, got, v)
		}
	}
	// Exceeding a whole quota instead (the fault in RCTab #147) gives
	// Alice and Carol: the option is honoured.
	r := preset(t, "gregory")
	r.Quota.Criterion = stv.ExceedQuota
	res = countRule(t, p, r)
	if got := names(p, res.Elected); !reflect.DeepEqual(got, []string{"Alice", "Carol"}) {
		t.Errorf("with exceed: elected %v, want the case's known_wrong [Alice Carol]", got)
	}
}

// Case 11: bottoms-up to 15% of the active ballots, recomputed each round,
// equality passing: Erin then Dave excluded; Alice, Bob and Carol elected
// with thresholds 150, 141, 141.
func TestCase11BottomsUpDynamicThreshold(t *testing.T) {
	p := readCase(t, "11-bottoms-up-dynamic-threshold/ballots.csv", true)
	res := countRule(t, p, preset(t, "bottoms-up-15"))
	if got := names(p, res.Elected); !reflect.DeepEqual(got, []string{"Alice", "Bob", "Carol"}) {
		t.Fatalf("elected %v, want Alice, Bob, Carol", got)
	}
	var thr []string
	for _, st := range res.Stages {
		thr = append(thr, st.Quota.String())
	}
	if !reflect.DeepEqual(thr, []string{"150", "141", "141"}) {
		t.Errorf("thresholds %v, want [150 141 141]", thr)
	}
	if got := names(p, res.Stages[1].Excluded); !reflect.DeepEqual(got, []string{"Erin"}) {
		t.Errorf("round 2 excluded %v, want Erin", got)
	}
	if got := res.Stages[2].Votes[p.CandidateIndex("Bob")].String(); got != "399" {
		t.Errorf("round 3 Bob %s, want 399", got)
	}
	if res.Stages[2].Exhausted.String() != "60" {
		t.Errorf("round 3 exhausted %s, want 60", res.Stages[2].Exhausted)
	}
}

// Case 12: a withdrawn candidate takes no part in an STV count either:
// 1 seat, quota 8, Alice 8 at stage 1.
func TestCase12WithdrawnCandidateSTV(t *testing.T) {
	p := readBLTCase(t, "12-blt-withdrawn-candidate/election.blt")
	for _, rule := range []string{"scotland", "gregory", "meek", "australian-senate"} {
		r := preset(t, rule)
		r.Seats = 1
		res := countRule(t, p, r)
		if got := names(p, res.Elected); !reflect.DeepEqual(got, []string{"Alice"}) {
			t.Errorf("%s: elected %v, want Alice", rule, got)
		}
		if rule == "meek" {
			continue
		}
		if q := res.Quota.Decimal(0); q != "8" {
			t.Errorf("%s: quota %s, want 8", rule, q)
		}
		if v := res.Stages[0].Votes[p.CandidateIndex("Bob")]; v.Sign() != 0 {
			t.Errorf("%s: withdrawn Bob has %s votes", rule, v)
		}
		if v := res.Stages[0].Votes[p.CandidateIndex("Alice")].Decimal(0); v != "8" || len(res.Stages[0].Elected) != 1 {
			t.Errorf("%s: stage 1 Alice %s elected %v, want 8, elected", rule, v, res.Stages[0].Elected)
		}
	}
}
