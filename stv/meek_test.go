package stv_test

import (
	"testing"

	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/stv"
)

// Meek's method at a realistic size: Tasmania's 2019 Senate ballots
// (351,988 papers, quota above 50,000) counted by the New Zealand rule in
// fixed-point arithmetic to 9 decimal places. One existing counter's
// fixed-point Meek overflows 64-bit integers at such quotas; psephos
// multiplies through 128 bits. The check: the count ends, elects six, the
// quota is in the tens of thousands, and at every stage the elected
// candidates hold at least a quota and the votes add up (with what no
// one keeps) to the papers within the rounding.
func TestMeekLargeQuota(t *testing.T) {
	if testing.Short() {
		t.Skip("a Meek count of 351,988 papers")
	}
	p := read(t, "ranked/aus-senate/fed2019/tas/data/aec-senate-formalpreferences-24310-TAS.csv.gz", format.BallotOptions{})
	r := preset(t, "meek-nz")
	r.Seats = 6
	res := countRule(t, p, r)
	if q := res.Quota.String(); q != "50284.000000001" {
		t.Errorf("quota %s, want 351,988/7 + 0.000000001 = 50284.000000001", q)
	}
	// Here Meek elects the same six as the Senate's own count (the AEC's
	// distribution of preferences: Colbeck, Brown, Chandler, McKim, Bilyk,
	// Lambie), though the law does not make it so.
	got := map[string]bool{}
	for _, n := range surnames(p, res.Elected) {
		got[n] = true
	}
	for _, w := range []string{"Richard", "Carol", "Claire", "Nick", "Catryna", "Jacqui"} {
		if !got[w] {
			t.Errorf("elected %v; want %s among them", names(p, res.Elected), w)
		}
	}
	papers := stv.Whole(p.Ballots())
	slack := stv.Fixed(int64(len(p.Candidates))*p.Ballots(), 9) // one unit per share rounded
	for _, st := range res.Stages {
		sum := st.Exhausted
		for _, v := range st.Votes {
			sum = sum.Add(v)
		}
		if d := sum.Sub(papers); d.Sign() < 0 && d.Cmp(stv.Whole(0).Sub(slack)) < 0 || d.Cmp(slack) > 0 {
			t.Errorf("stage %d: votes and exhausted add to %s, %s from the papers", st.Number, sum, d)
		}
		if st.Kind == stv.IterationStage && st.Iterations == 0 {
			t.Errorf("stage %d: no iteration recorded", st.Number)
		}
	}
	t.Logf("quota %s, %d stages", res.Quota, len(res.Stages))
}
