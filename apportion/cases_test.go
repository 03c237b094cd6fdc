package apportion_test

// The allocation edge cases of ../shared/cases (14, 15, 17, 18, 20): each
// case's expected.json, worked by hand from the rule its case.md cites, is
// the expected result.

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/psephos/psephos/apportion"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/partyvotes"
	"github.com/psephos/psephos/internal/datadir"
)

// readCase reads a case's input (the documented party-votes CSV) and its
// expected.json into exp.
func readCase(t *testing.T, dir, input string, exp any) []apportion.Party {
	t.Helper()
	p := datadir.Case(t, filepath.Join(dir, input))
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := partyvotes.Read(f, p, 0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(datadir.Case(t, filepath.Join(dir, "expected.json")))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, exp); err != nil {
		t.Fatal(err)
	}
	return parties(tab)
}

func parties(tab *election.PartyVotes) []apportion.Party {
	var out []apportion.Party
	for _, l := range tab.Totals() {
		out = append(out, apportion.Party{ID: l.Party, Votes: l.Votes, ConstituencySeats: l.ConstituencySeats, Coalition: l.Coalition})
	}
	return out
}

func seats(r *apportion.Result) map[string]int {
	m := map[string]int{}
	for _, p := range r.Parties {
		m[p.ID] = p.Seats
	}
	return m
}

func sameSeats(t *testing.T, what string, got map[string]int, want map[string]int) {
	t.Helper()
	for id, n := range want {
		if got[id] != n {
			t.Errorf("%s: %s has %d seats, expected %d (all: %v)", what, id, got[id], n, got)
		}
	}
	for id, n := range got {
		if _, ok := want[id]; !ok && n != 0 {
			t.Errorf("%s: %s has %d seats, expected none", what, id, n)
		}
	}
}

// Case 14 (crflynn/voting #1; 2014 EP East of England shape): D'Hondt must
// recompute v/(s+1) after every seat, so Amber's 4th quotient (1060) beats
// Blue's 2nd (945).
func TestCase14DHondtRecomputesQuotients(t *testing.T) {
	var exp struct {
		Seats      int            `json:"seats"`
		Allocation map[string]int `json:"allocation"`
		Last       struct {
			Party   string `json:"party"`
			Divisor int    `json:"divisor"`
			Value   int    `json:"value"`
		} `json:"last_quotient_awarded"`
		Next struct {
			Party   string `json:"party"`
			Divisor int    `json:"divisor"`
			Value   int    `json:"value"`
		} `json:"next_quotient"`
		KnownWrong []struct {
			Allocation map[string]int `json:"allocation"`
		} `json:"known_wrong"`
	}
	ps := readCase(t, "14-dhondt-recompute-quotients", "party_votes.csv", &exp)
	r, err := apportion.Rule{Method: apportion.DHondt}.Apportion(ps, exp.Seats)
	if err != nil {
		t.Fatal(err)
	}
	sameSeats(t, "D'Hondt", seats(r), exp.Allocation)
	last := r.Awards[len(r.Awards)-1]
	if id := r.Parties[last.Party].ID; id != exp.Last.Party || r.Divisor(last) != "4" {
		t.Errorf("last seat: %s with divisor %s; expected %s with divisor %d", id, r.Divisor(last), exp.Last.Party, exp.Last.Divisor)
	}
	if q, _ := r.Value(last); q != "1060" {
		t.Errorf("last quotient %s, expected %d", q, exp.Last.Value)
	}
	if len(r.Next) != 1 || r.Parties[r.Next[0].Party].ID != exp.Next.Party {
		t.Fatalf("next quotient: %+v; expected %s", r.Next, exp.Next.Party)
	}
	if q, _ := r.Value(r.Next[0]); q != "945" || r.Divisor(r.Next[0]) != "2" {
		t.Errorf("next quotient %s (divisor %s), expected %d (divisor %d)", q, r.Divisor(r.Next[0]), exp.Next.Value, exp.Next.Divisor)
	}
	for _, w := range exp.KnownWrong {
		if w.Allocation["Amber"] == r.SeatsOf("Amber") && w.Allocation["Blue"] == r.SeatsOf("Blue") {
			t.Errorf("result equals the known wrong allocation %v", w.Allocation)
		}
	}
	if len(r.Ties) != 0 {
		t.Errorf("no ties expected, found %+v", r.Ties)
	}
}

// Case 15 (juliuste/hare-niemeyer #8, #9): four equal remainders for two
// seats. Without a lot the tie is reported with the seats at stake; with
// psephos's seeded lot each party gets floor or floor+1 and the total is the
// house, whatever the input order.
func TestCase15LargestRemainderTieIsReported(t *testing.T) {
	var exp struct {
		Seats int                `json:"seats"`
		Quota map[string]float64 `json:"quotas"`
		Fixed map[string]int     `json:"allocation_fixed"`
		Tie   struct {
			Parties []string `json:"parties"`
			Seats   int      `json:"seats_to_assign"`
		} `json:"tie"`
	}
	ps := readCase(t, "15-largest-remainder-tie-lot", "party_votes.csv", &exp)
	r, err := apportion.Rule{Method: apportion.Hare}.Apportion(ps, exp.Seats)
	if err != nil {
		t.Fatal(err)
	}
	sameSeats(t, "fixed part", seats(r), exp.Fixed)
	if r.Pending != exp.Tie.Seats || r.Total()+r.Pending != exp.Seats {
		t.Errorf("pending %d, awarded %d; expected %d pending and %d in all", r.Pending, r.Total(), exp.Tie.Seats, exp.Seats)
	}
	if len(r.Ties) != 1 {
		t.Fatalf("expected one tie, found %+v", r.Ties)
	}
	tie := r.Ties[0]
	var tied []string
	for _, p := range tie.Parties {
		tied = append(tied, r.Parties[p].ID)
	}
	if !slices.Equal(tied, exp.Tie.Parties) || tie.Seats != exp.Tie.Seats || tie.Resolution != apportion.Pending || tie.Value != "1/2" {
		t.Errorf("tie %+v (parties %v); expected %v for %d seats, pending, remainder 1/2", tie, tied, exp.Tie.Parties, exp.Tie.Seats)
	}
	for _, p := range r.Parties {
		if f, _ := p.QuotaShare.Float64(); f != exp.Quota[p.ID] {
			t.Errorf("%s: quota %s, expected %v", p.ID, p.QuotaShare.RatString(), exp.Quota[p.ID])
		}
	}
	// A seeded lot decides it; the draw does not depend on input order.
	rule := apportion.Rule{Method: apportion.Hare, Ties: apportion.TieRule{Steps: []apportion.TieStep{apportion.ByLot}, Seed: 42}}
	first, err := rule.Apportion(ps, exp.Seats)
	if err != nil {
		t.Fatal(err)
	}
	if first.Total() != exp.Seats || first.Pending != 0 || !first.Ties[0].Lot {
		t.Fatalf("with a lot: %d seats, %d pending; expected %d decided by lot", first.Total(), first.Pending, exp.Seats)
	}
	for _, p := range first.Parties {
		if p.Seats < exp.Fixed[p.ID] || p.Seats > exp.Fixed[p.ID]+1 {
			t.Errorf("with a lot: %s has %d seats, outside [%d, %d]", p.ID, p.Seats, exp.Fixed[p.ID], exp.Fixed[p.ID]+1)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < 10; k++ {
		shuffled := slices.Clone(ps)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := rule.Apportion(shuffled, exp.Seats)
		if err != nil {
			t.Fatal(err)
		}
		sameSeats(t, "lot with shuffled input", seats(again), seats(first))
	}
}

// Case 17 (Electoral Commission, Senedd guidance "Equality of votes"): a
// tie with enough seats for all is no tie; a tie for the last seat is
// redone with one vote added to each tied party, then by lot.
func TestCase17DHondtAddOneVote(t *testing.T) {
	var exp struct {
		Seats      int            `json:"seats"`
		Allocation map[string]int `json:"allocation"`
		KnownWrong []struct {
			Allocation map[string]int `json:"allocation"`
		} `json:"known_wrong"`
	}
	ps := readCase(t, "17-dhondt-last-seat-tie-plus-one-vote", "party_votes.csv", &exp)
	rule := apportion.Rule{Method: apportion.DHondt, Ties: apportion.TieRule{Steps: []apportion.TieStep{apportion.AddOneVote, apportion.ByLot}, Seed: 1}}
	r, err := rule.Apportion(ps, exp.Seats)
	if err != nil {
		t.Fatal(err)
	}
	sameSeats(t, "Senedd rule", seats(r), exp.Allocation)
	// Seats 2–3: Alder and Birch at 300, both seated (the case's "both
	// seated (enough seats)"): counted and marked on the awards, not a
	// decision.
	if r.SeatedTies != 1 || len(r.Awards) != 4 {
		t.Fatalf("%d seated ties, %d awards; expected 1 and 4", r.SeatedTies, len(r.Awards))
	}
	for _, a := range r.Awards[1:3] {
		if exact, _ := r.Value(a); a.Tie != apportion.SeatedTie || exact != "300" {
			t.Errorf("seat %d: %s at %s, tie %d; expected a seated tie at 300", a.Seat, r.Parties[a.Party].ID, exact, a.Tie)
		}
	}
	if len(r.Ties) != 1 {
		t.Fatalf("expected one tie that decided a seat (seat 4), found %+v", r.Ties)
	}
	tie := r.Ties[0]
	if tie.FirstSeat != 4 || tie.Value != "200" || tie.Resolution != "one vote added" || len(tie.Winners) != 1 || r.Parties[tie.Winners[0]].ID != "Cedar" || tie.Lot {
		t.Errorf("seat 4: %+v; expected Alder/Cedar at 200, Cedar by one vote added", tie)
	}
	// Without a rule the seat-4 tie is reported, not broken.
	p, err := apportion.Rule{Method: apportion.DHondt}.Apportion(ps, exp.Seats)
	if err != nil {
		t.Fatal(err)
	}
	if p.Pending != 1 || p.SeatsOf("Alder") != 2 || p.SeatsOf("Birch") != 1 || p.SeatsOf("Cedar") != 0 {
		t.Errorf("pending: %v with %d pending; expected Alder 2, Birch 1 and seat 4 pending", seats(p), p.Pending)
	}
	for _, w := range exp.KnownWrong {
		if w.Allocation["Alder"] == r.SeatsOf("Alder") && w.Allocation["Cedar"] == r.SeatsOf("Cedar") {
			t.Errorf("result equals the known wrong allocation %v", w.Allocation)
		}
	}
}

// Case 18 (NZ Electoral Act 1993 s 191(4); BrightSpots/rcv #954): exactly
// 5% qualifies, 4.96% does not.
func TestCase18ThresholdExactlyFivePercent(t *testing.T) {
	var exp struct {
		Seats      int            `json:"seats"`
		Qualified  []string       `json:"qualified"`
		Excluded   []string       `json:"excluded"`
		Allocation map[string]int `json:"allocation"`
	}
	ps := readCase(t, "18-threshold-exactly-5-percent", "party_votes.csv", &exp)
	rule := apportion.Rule{Method: apportion.SainteLague, Threshold: apportion.Threshold{Share: apportion.Ratio{Num: 5, Den: 100}}}
	r, err := rule.Apportion(ps, exp.Seats)
	if err != nil {
		t.Fatal(err)
	}
	sameSeats(t, "Sainte-Laguë with 5%", seats(r), exp.Allocation)
	for _, p := range r.Parties {
		if want := slices.Contains(exp.Qualified, p.ID); p.Qualified != want {
			t.Errorf("%s qualified=%v (%s); expected %v", p.ID, p.Qualified, p.Qualification, want)
		}
	}
}

// Case 20 (electowiki "Alabama paradox"): Hamilton gives Cherry 2 seats of
// 9 and 1 of 10. Both are correct output.
func TestCase20AlabamaParadox(t *testing.T) {
	var exp struct {
		Runs []struct {
			Seats      int               `json:"seats"`
			Quotas     map[string]string `json:"quotas"`
			Allocation map[string]int    `json:"allocation"`
		} `json:"runs"`
	}
	ps := readCase(t, "20-hamilton-alabama-paradox", "party_votes.csv", &exp)
	for _, run := range exp.Runs {
		r, err := apportion.Rule{Method: apportion.Hare}.Apportion(ps, run.Seats)
		if err != nil {
			t.Fatal(err)
		}
		sameSeats(t, "Hamilton", seats(r), run.Allocation)
		for _, p := range r.Parties {
			if got := p.QuotaShare.RatString(); got != run.Quotas[p.ID] {
				t.Errorf("%d seats: %s quota %s, expected %s", run.Seats, p.ID, got, run.Quotas[p.ID])
			}
		}
	}
	if exp.Runs[0].Allocation["Cherry"] <= exp.Runs[1].Allocation["Cherry"] {
		t.Fatalf("the case no longer shows the paradox")
	}
}
