package apportion_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/psephos/psephos/apportion"
)

var divisors = []apportion.Divisor{apportion.DHondt, apportion.SainteLague, mustModified("1.4"), apportion.Danish,
	apportion.Imperiali, apportion.HuntingtonHill, apportion.Adams, apportion.Dean}

var remainders = []apportion.LargestRemainder{apportion.Hare, apportion.Droop, apportion.HagenbachBischoff, apportion.ImperialiQuota}

func mustModified(s string) apportion.Divisor {
	r, err := apportion.ParseRatio(s)
	if err != nil {
		panic(err)
	}
	d, err := apportion.ModifiedSainteLague(r)
	if err != nil {
		panic(err)
	}
	return d
}

func randomParties(rng *rand.Rand, n int, maxVotes int64) []apportion.Party {
	ps := make([]apportion.Party, n)
	for i := range ps {
		ps[i] = apportion.Party{ID: fmt.Sprintf("P%02d", i), Votes: rng.Int64N(maxVotes) + 1}
	}
	return ps
}

// quotientTable is the definition, computed naively with exact rationals:
// the seats are the S largest entries of v/d(0), v/d(1), ... Huntington–Hill
// is compared on squared quotients. It returns nil when the S-th and
// (S+1)-th entries are equal (a tie the method itself does not decide).
func quotientTable(d apportion.Divisor, ps []apportion.Party, seats int) map[string]int {
	type entry struct {
		id  string
		key *big.Rat // quotient (squared for Huntington–Hill); nil = infinite
	}
	var all []entry
	for _, p := range ps {
		for s := 0; s < seats; s++ {
			div := divisorOf(d, s)
			if div.Sign() == 0 {
				all = append(all, entry{p.ID, nil})
				continue
			}
			v := new(big.Rat).SetInt64(p.Votes)
			if d == apportion.HuntingtonHill {
				v.Mul(v, v)
			}
			all = append(all, entry{p.ID, new(big.Rat).Quo(v, div)})
		}
	}
	cmp := func(a, b entry) int {
		switch {
		case a.key == nil && b.key == nil:
			return 0
		case a.key == nil:
			return 1
		case b.key == nil:
			return -1
		}
		return a.key.Cmp(b.key)
	}
	sort.SliceStable(all, func(i, j int) bool { return cmp(all[i], all[j]) > 0 })
	if len(all) > seats && cmp(all[seats-1], all[seats]) == 0 {
		return nil
	}
	out := map[string]int{}
	for _, e := range all[:seats] {
		out[e.id]++
	}
	return out
}

// divisorOf is d(s) (squared for Huntington–Hill), written out from the
// methods' definitions independently of the package.
func divisorOf(d apportion.Divisor, s int) *big.Rat {
	x := int64(s)
	switch d {
	case apportion.DHondt:
		return big.NewRat(x+1, 1)
	case apportion.SainteLague:
		return big.NewRat(2*x+1, 1)
	case apportion.Danish:
		return big.NewRat(3*x+1, 1)
	case apportion.Imperiali:
		return big.NewRat(x+2, 1)
	case apportion.HuntingtonHill:
		return big.NewRat(x*(x+1), 1)
	case apportion.Adams:
		return big.NewRat(x, 1)
	case apportion.Dean:
		return big.NewRat(2*x*(x+1), 2*x+1)
	}
	if s == 0 {
		return big.NewRat(7, 5)
	}
	return big.NewRat(2*x+1, 1)
}

// The heap algorithm gives exactly the seats of the quotient table's
// definition, for every divisor method, on many random inputs, including
// votes near 2^50 and 2^60 where products need more than 64 and 128 bits.
func TestDivisorMatchesQuotientTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for k := 0; k < 300; k++ {
		n := 2 + rng.IntN(6)
		max := int64(1000)
		switch k % 3 {
		case 1:
			max = 1 << 50
		case 2:
			max = 1 << 60 // products beyond 128 bits (Huntington–Hill squares votes)
		}
		ps := randomParties(rng, n, max)
		seats := 1 + rng.IntN(30)
		for _, d := range divisors {
			want := quotientTable(d, ps, seats)
			r, err := apportion.Rule{Method: d}.Apportion(ps, seats)
			if err != nil {
				t.Fatal(err)
			}
			if want == nil {
				if r.Pending == 0 {
					t.Errorf("%s %v %d seats: the table has a tie for the last seat but none was reported", d.Name(), ps, seats)
				}
				continue
			}
			if r.Pending != 0 {
				t.Errorf("%s %v %d seats: %d pending but the table has no tie", d.Name(), ps, seats, r.Pending)
				continue
			}
			for _, p := range ps {
				if r.SeatsOf(p.ID) != want[p.ID] {
					t.Errorf("%s %v %d seats: %s has %d, the quotient table gives %d", d.Name(), ps, seats, p.ID, r.SeatsOf(p.ID), want[p.ID])
				}
			}
			// The order of award is the table's order: quotients never rise.
			for i := 1; i < len(r.Awards); i++ {
				_, a := r.Value(r.Awards[i-1])
				_, b := r.Value(r.Awards[i])
				if b > a*(1+1e-12) {
					t.Errorf("%s: award %d has quotient %g above the previous %g", d.Name(), i+1, b, a)
				}
			}
		}
	}
}

// Divisor methods are house-monotone (Balinski and Young 2001, ch. 6): with
// one more seat no party loses one.
func TestDivisorHouseMonotone(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for k := 0; k < 200; k++ {
		ps := randomParties(rng, 2+rng.IntN(8), 100000)
		for _, d := range divisors {
			var prev *apportion.Result
			for h := 1; h <= 60; h++ {
				r, err := apportion.Rule{Method: d}.Apportion(ps, h)
				if err != nil {
					t.Fatal(err)
				}
				if r.Pending > 0 {
					prev = nil
					continue
				}
				if prev != nil {
					for _, p := range ps {
						if r.SeatsOf(p.ID) < prev.SeatsOf(p.ID) {
							t.Errorf("%s %v: %s has %d seats of %d but %d of %d", d.Name(), ps, p.ID, r.SeatsOf(p.ID), h, prev.SeatsOf(p.ID), h-1)
						}
					}
				}
				prev = r
			}
		}
	}
}

// The quota rule (Balinski and Young 2001, ch. 4): under Hamilton (Hare
// quota) each party gets the floor or the ceiling of its exact quota
// v·S/V; D'Hondt never gives less than the floor (lower quota), Adams never
// more than the ceiling (upper quota).
func TestQuotaRule(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for k := 0; k < 500; k++ {
		ps := randomParties(rng, 2+rng.IntN(10), 1000000)
		var total int64
		for _, p := range ps {
			total += p.Votes
		}
		h := 1 + rng.IntN(200)
		tie := apportion.TieRule{Steps: []apportion.TieStep{apportion.ByLot}, Seed: uint64(k)}
		hare, err := apportion.Rule{Method: apportion.Hare, Ties: tie}.Apportion(ps, h)
		if err != nil {
			t.Fatal(err)
		}
		dh, _ := apportion.Rule{Method: apportion.DHondt, Ties: tie}.Apportion(ps, h)
		ad, _ := apportion.Rule{Method: apportion.Adams, Ties: tie}.Apportion(ps, h)
		for _, p := range ps {
			lo := p.Votes * int64(h) / total
			hi := lo
			if p.Votes*int64(h)%total != 0 {
				hi++
			}
			if s := int64(hare.SeatsOf(p.ID)); s < lo || s > hi {
				t.Errorf("Hamilton %v, %d seats: %s has %d, quota %d/%d outside [%d, %d]", ps, h, p.ID, s, p.Votes*int64(h), total, lo, hi)
			}
			if s := int64(dh.SeatsOf(p.ID)); s < lo {
				t.Errorf("D'Hondt %v, %d seats: %s has %d, below its lower quota %d", ps, h, p.ID, s, lo)
			}
			if s := int64(ad.SeatsOf(p.ID)); s > hi {
				t.Errorf("Adams %v, %d seats: %s has %d, above its upper quota %d", ps, h, p.ID, s, hi)
			}
		}
		if hare.Total() != h || dh.Total() != h || ad.Total() != h {
			t.Errorf("totals %d, %d, %d; expected %d", hare.Total(), dh.Total(), ad.Total(), h)
		}
	}
}

// Every method gives the same seats, ties and award order (by party)
// whatever the order the parties are listed in, including ties decided by
// lot and inputs built to tie.
func TestOrderIndependence(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	var methods []apportion.Method
	for _, d := range divisors {
		methods = append(methods, d)
	}
	for _, l := range remainders {
		methods = append(methods, l)
	}
	for k := 0; k < 200; k++ {
		ps := randomParties(rng, 2+rng.IntN(8), 30)
		ps = append(ps, apportion.Party{ID: "Z1", Votes: ps[0].Votes}, apportion.Party{ID: "Z2", Votes: ps[0].Votes}) // equal votes
		h := 1 + rng.IntN(25)
		for _, m := range methods {
			rule := apportion.Rule{Method: m, Ties: apportion.TieRule{Steps: []apportion.TieStep{apportion.MostVotes, apportion.ByLot}, Seed: 11}}
			base, err := rule.Apportion(ps, h)
			if err != nil && m == apportion.Droop {
				// With few votes per seat floor(V/(S+1))+1 can exceed V/S,
				// leaving more seats than parties: an error, not a guess.
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			for s := 0; s < 3; s++ {
				sh := slices.Clone(ps)
				rng.Shuffle(len(sh), func(i, j int) { sh[i], sh[j] = sh[j], sh[i] })
				r, err := rule.Apportion(sh, h)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range ps {
					if r.SeatsOf(p.ID) != base.SeatsOf(p.ID) {
						t.Fatalf("%s: %s has %d seats in one order and %d in another", m.Name(), p.ID, r.SeatsOf(p.ID), base.SeatsOf(p.ID))
					}
				}
				if order(r) != order(base) || len(r.Ties) != len(base.Ties) {
					t.Fatalf("%s: order of award %s differs from %s", m.Name(), order(r), order(base))
				}
			}
		}
	}
}

func order(r *apportion.Result) string {
	s := ""
	for _, a := range r.Awards {
		s += r.Parties[a.Party].ID + " "
	}
	return s
}

// Largest remainder is not house-monotone: case 20's Alabama paradox shows
// for Hamilton, while D'Hondt and Sainte-Laguë keep Cherry's seats (the
// published example, electowiki "Alabama paradox").
func TestAlabamaParadoxOnlyForLargestRemainder(t *testing.T) {
	ps := []apportion.Party{{ID: "Ash", Votes: 11000}, {ID: "Beech", Votes: 5000}, {ID: "Cherry", Votes: 3000}}
	for _, m := range []apportion.Method{apportion.Hare, apportion.DHondt, apportion.SainteLague} {
		a, _ := apportion.Rule{Method: m}.Apportion(ps, 9)
		b, _ := apportion.Rule{Method: m}.Apportion(ps, 10)
		paradox := b.SeatsOf("Cherry") < a.SeatsOf("Cherry")
		if _, lr := m.(apportion.LargestRemainder); paradox != lr {
			t.Errorf("%s: Cherry %d of 9, %d of 10; paradox=%v", m.Name(), a.SeatsOf("Cherry"), b.SeatsOf("Cherry"), paradox)
		}
	}
}

// Bad input is an error with a clear message, never a result.
func TestBadInput(t *testing.T) {
	ok := []apportion.Party{{ID: "A", Votes: 10}, {ID: "B", Votes: 5}}
	cases := []struct {
		name    string
		rule    apportion.Rule
		parties []apportion.Party
		seats   int
	}{
		{"zero seats", apportion.Rule{Method: apportion.DHondt}, ok, 0},
		{"negative seats", apportion.Rule{Method: apportion.DHondt}, ok, -3},
		{"more seats than MaxSeats", apportion.Rule{Method: apportion.DHondt}, ok, apportion.MaxSeats + 1},
		{"two billion seats", apportion.Rule{Method: apportion.Hare}, ok, 2_000_000_000},
		{"negative votes", apportion.Rule{Method: apportion.DHondt}, []apportion.Party{{ID: "A", Votes: -1}}, 5},
		{"duplicate party", apportion.Rule{Method: apportion.Hare}, []apportion.Party{{ID: "A", Votes: 1}, {ID: "A", Votes: 2}}, 5},
		{"empty ID", apportion.Rule{Method: apportion.Hare}, []apportion.Party{{ID: "", Votes: 1}}, 5},
		{"threshold over 100%", apportion.Rule{Method: apportion.DHondt, Threshold: apportion.Threshold{Share: apportion.Ratio{Num: 101, Den: 100}}}, ok, 5},
		{"no method", apportion.Rule{}, ok, 5},
		{"no parties", apportion.Rule{Method: apportion.DHondt}, nil, 5},
		{"nobody qualifies", apportion.Rule{Method: apportion.DHondt, Threshold: apportion.Threshold{Share: apportion.Ratio{Num: 9, Den: 10}}}, ok, 5},
		{"add one vote with LR", apportion.Rule{Method: apportion.Hare, Ties: apportion.TieRule{Steps: []apportion.TieStep{apportion.AddOneVote}}}, ok, 5},
		{"start with LR", apportion.Rule{Method: apportion.Hare}, []apportion.Party{{ID: "A", Votes: 1, Start: 2}}, 5},
	}
	for _, c := range cases {
		if r, err := c.rule.Apportion(c.parties, c.seats); err == nil {
			t.Errorf("%s: no error (result %+v)", c.name, r)
		} else {
			t.Logf("%s: %v", c.name, err)
		}
	}
	if _, err := apportion.ModifiedSainteLague(apportion.Ratio{Num: 0, Den: 1}); err == nil {
		t.Errorf("a first divisor of 0 was accepted")
	}
	for _, s := range []string{"", "-5", "1e3", "abc", "1/0", "5/-2"} {
		if r, err := apportion.ParseRatio(s); err == nil {
			t.Errorf("ParseRatio(%q) = %v, expected an error", s, r)
		}
	}
}

// Seats already held (the additional member system) count in the divisor;
// a list limit passes the seat to the next quotient.
func TestStartAndMax(t *testing.T) {
	// D'Hondt over 7 seats with A already holding 3: A's quotients are
	// 6000/4 = 1500, 6000/5 = 1200, ...; B 3000, 1500, 1000; C 2000, 1000.
	ps := []apportion.Party{{ID: "A", Votes: 6000, Start: 3}, {ID: "B", Votes: 3000}, {ID: "C", Votes: 2000, Max: 1}}
	r, err := apportion.Rule{Method: apportion.DHondt, Ties: apportion.TieRule{Steps: []apportion.TieStep{apportion.MostVotes}}}.Apportion(ps, 5)
	if err != nil {
		t.Fatal(err)
	}
	// 3000 B, 2000 C, 1500 A/B tie (A more votes? both fit: 2 seats left),
	// then 1200 A. C is capped at 1.
	want := map[string]int{"A": 2, "B": 2, "C": 1}
	for id, n := range want {
		if r.SeatsOf(id) != n {
			t.Errorf("%s: %d seats, expected %d (%s)", id, r.SeatsOf(id), n, order(r))
		}
	}
	if d := r.Divisor(r.Awards[len(r.Awards)-1]); d != "5" {
		t.Errorf("the last seat used divisor %s, expected A's 5 (3 held + 1 won + 1)", d)
	}
	// When every list is exhausted, the remaining seats are vacant.
	r, err = apportion.Rule{Method: apportion.DHondt}.Apportion([]apportion.Party{{ID: "A", Votes: 10, Max: 2}, {ID: "B", Votes: 5, Max: 1}}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if r.Vacant != 2 || r.Total() != 3 {
		t.Errorf("vacant %d, total %d; expected 2 vacant of 5", r.Vacant, r.Total())
	}
}

// ParseRatio reads exactly what it is given: a parsed value, written back
// and parsed again, is the same number; nothing is read through a float.
func FuzzParseRatio(f *testing.F) {
	for _, s := range []string{"5", "1.4", "0.6667", "1/150", "66.666666666667", "007", ".5", "1/0", "-1", "1e3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := apportion.ParseRatio(s)
		if err != nil {
			return
		}
		if r.Den <= 0 || r.Num < 0 {
			t.Fatalf("%q gave %d/%d", s, r.Num, r.Den)
		}
		back, err := apportion.ParseRatio(r.String())
		if err != nil || back.Rat().Cmp(r.Rat()) != 0 {
			t.Fatalf("%q → %s → %v (%v)", s, r, back, err)
		}
	})
}

func TestParseRatio(t *testing.T) {
	for in, want := range map[string]string{"5": "5", "1.4": "7/5", "0.5": "1/2", "1/150": "1/150", "2/4": "1/2", ".25": "1/4", "0": "0"} {
		r, err := apportion.ParseRatio(in)
		if err != nil || r.Rat().RatString() != want {
			t.Errorf("ParseRatio(%q) = %v, %v; expected %s", in, r.Rat().RatString(), err, want)
		}
	}
	if got := apportion.ShareString(apportion.Ratio{Num: 1, Den: 150}); got != "1/150 of the votes" {
		t.Errorf("ShareString(1/150) = %q", got)
	}
	if got := apportion.ShareString(apportion.Percent(apportion.Ratio{Num: 5, Den: 1})); got != "5%" {
		t.Errorf("ShareString(5%%) = %q", got)
	}
}

// With the Imperiali quota V/(S+2) the whole quotas can exceed the seats;
// the surplus is taken back from the smallest remainders. 300 votes, 10
// seats, quota 25: A 130 → 5.2, B 100 → 4.0, C 70 → 2.8; 11 whole seats,
// so B (remainder 0) gives one back: A 5, B 3, C 2.
func TestImperialiQuotaTakesBackSeats(t *testing.T) {
	ps := []apportion.Party{{ID: "A", Votes: 130}, {ID: "B", Votes: 100}, {ID: "C", Votes: 70}}
	r, err := apportion.Rule{Method: apportion.ImperialiQuota}.Apportion(ps, 10)
	if err != nil {
		t.Fatal(err)
	}
	if r.Quota.RatString() != "25" || r.SeatsOf("A") != 5 || r.SeatsOf("B") != 3 || r.SeatsOf("C") != 2 {
		t.Errorf("quota %s, seats A %d B %d C %d; expected 25, 5, 3, 2", r.Quota.RatString(), r.SeatsOf("A"), r.SeatsOf("B"), r.SeatsOf("C"))
	}
	if len(r.Removed) != 1 || r.Parties[r.Removed[0].Party].ID != "B" || r.Total() != 10 {
		t.Errorf("removed %+v, total %d", r.Removed, r.Total())
	}
	// Equal remainders at the cut for taking back: a tie, pending without a
	// rule, decided by most votes with one.
	eq := []apportion.Party{{ID: "A", Votes: 100}, {ID: "B", Votes: 100}, {ID: "C", Votes: 50}, {ID: "D", Votes: 50}}
	r, err = apportion.Rule{Method: apportion.ImperialiQuota}.Apportion(eq, 10) // quota 25: 4+4+2+2 = 12, two back among four zero remainders
	if err != nil {
		t.Fatal(err)
	}
	if r.Pending != 2 || r.Total() != 8 || len(r.Ties) != 1 || r.Ties[0].Seats != 2 {
		t.Errorf("pending %d, total %d, ties %+v; expected 2 seats pending among 4", r.Pending, r.Total(), r.Ties)
	}
	r, err = apportion.Rule{Method: apportion.ImperialiQuota, Ties: apportion.TieRule{Steps: []apportion.TieStep{apportion.MostVotes}}}.Apportion(eq, 10)
	if err != nil {
		t.Fatal(err)
	}
	if r.SeatsOf("A") != 4 || r.SeatsOf("B") != 4 || r.SeatsOf("C") != 1 || r.SeatsOf("D") != 1 || r.Pending != 0 {
		t.Errorf("most votes keep their seats: %d %d %d %d", r.SeatsOf("A"), r.SeatsOf("B"), r.SeatsOf("C"), r.SeatsOf("D"))
	}
}

// A share is a percent ("5", "5%", "0.5") or a fraction of the whole
// ("1/150": the Dutch quota threshold for 150 seats), never a fraction of a
// percent; it is exact and at most the whole.
func TestParseShare(t *testing.T) {
	for in, want := range map[string]apportion.Ratio{
		"5": {Num: 1, Den: 20}, "5%": {Num: 1, Den: 20}, " 0.5 ": {Num: 1, Den: 200}, "4.96%": {Num: 31, Den: 625},
		"1/150": {Num: 1, Den: 150}, "2/5": {Num: 2, Den: 5}, "100": {Num: 1, Den: 1}, "0": {Num: 0, Den: 1}, "1/1": {Num: 1, Den: 1},
	} {
		got, err := apportion.ParseShare(in)
		if err != nil || got != want {
			t.Errorf("ParseShare(%q) = %v, %v; expected %v", in, got, err, want)
		}
	}
	for in, msg := range map[string]string{
		"1/150%": "a fraction is a share of the whole, not of a percent", "101": "expected a percent from 0 to 100",
		"3/2": "more than the whole", "": "expected a percent such as 5", "%": "expected a percent such as 5",
		"five": "expected a percent such as 5", "1/0": "or a fraction such as 1/150", "-5": "expected a percent such as 5",
	} {
		if r, err := apportion.ParseShare(in); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseShare(%q) = %v, %v; expected an error saying %q", in, r, err, msg)
		}
	}
}

// Under largest remainder a list limit excludes the party once it would
// exceed it, and the other seats are apportioned again: Hare over 10 seats
// gives the individual I (3,000 of 10,000 votes) 3 seats, so I keeps 1 and
// is excluded; the 9 seats left go by the quota 7,000/9 to A 6 (6.43) and
// B 3 (2.57, the larger remainder). Every list limited leaves seats vacant.
func TestLargestRemainderLimit(t *testing.T) {
	ps := []apportion.Party{{ID: "A", Votes: 5000}, {ID: "B", Votes: 2000}, {ID: "I", Votes: 3000, Max: 1}}
	r, err := apportion.Rule{Method: apportion.Hare}.Apportion(ps, 10)
	if err != nil {
		t.Fatal(err)
	}
	for id, n := range map[string]int{"A": 6, "B": 3, "I": 1} {
		if r.SeatsOf(id) != n {
			t.Errorf("%s: %d seats, expected %d", id, r.SeatsOf(id), n)
		}
	}
	if !r.Parties[2].Limited || r.Parties[2].QuotaShare != nil || r.Parties[0].Limited {
		t.Errorf("I limited %v (quota share %v), A limited %v; expected only I excluded", r.Parties[2].Limited, r.Parties[2].QuotaShare, r.Parties[0].Limited)
	}
	if r.Quota.RatString() != "7000/9" || len(r.Awards) != 1 || r.Awards[0].Seat != 10 || r.Parties[r.Awards[0].Party].ID != "B" {
		t.Errorf("quota %s, remainder awards %+v; expected 7000/9 and seat 10 to B", r.Quota.RatString(), r.Awards)
	}
	r, err = apportion.Rule{Method: apportion.Droop}.Apportion([]apportion.Party{{ID: "I", Votes: 900, Max: 1}, {ID: "J", Votes: 100, Max: 1}}, 4)
	if err != nil {
		t.Fatal(err)
	}
	if r.Total() != 2 || r.Vacant != 2 {
		t.Errorf("two individuals, 4 seats: %d seats, %d vacant; expected 2 and 2", r.Total(), r.Vacant)
	}
}

// Quotient writes votes/d(s) exactly, in lowest terms, with the correctly
// rounded float, whether it takes the 64-bit path or math/big (huge votes).
func TestQuotientExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, d := range divisors {
		if d == apportion.HuntingtonHill {
			continue // irrational: written v/√n
		}
		for k := 0; k < 2000; k++ {
			votes := rng.Int64N(1 << uint(1+rng.IntN(62)))
			s := rng.IntN(1000)
			exact, approx := d.Quotient(votes, s)
			dv, ok := new(big.Rat).SetString(d.DivisorString(s))
			if !ok {
				t.Fatalf("divisor %q", d.DivisorString(s))
			}
			if dv.Sign() == 0 {
				if exact != "∞" {
					t.Errorf("%s: %d/0 = %s", d.Name(), votes, exact)
				}
				continue
			}
			want := new(big.Rat).Quo(new(big.Rat).SetInt64(votes), dv)
			f, _ := want.Float64()
			if exact != want.RatString() || approx != f {
				t.Errorf("%s: %d/d(%d) = %s (%v); expected %s (%v)", d.Name(), votes, s, exact, approx, want.RatString(), f)
			}
		}
	}
}
