package swing

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
)

const (
	notionalFile = "uk/ge2019-notional/candidate-level-results-notional-general-election-12-12-2019.csv"
	ge2024File   = "uk/ge2024/HoC-GE2024-results-by-candidate.csv"
)

// backtestTarget: the 2024 GB shares the issue gives (Con 24.4, Lab 34.6, LD
// 12.6, RUK 14.7, Green 6.9), with SNP and PC as computed from the House of
// Commons Library's 2024 file over GB (724,758 and 194,811 of 28,029,500
// valid votes: 2.59% and 0.69%), others the rest.
var backtestTarget = Target{Shares: []Share{{"Con", 24.4}, {"Lab", 34.6}, {"LD", 12.6}, {"RUK", 14.7}, {"Green", 6.9}, {"SNP", 2.59}, {"PC", 0.69}, {"Oth", 3.52}}}

// ukOptions are the options the backtest uses: GB-wide shares, Northern
// Ireland kept, the Speaker's seat fixed, Brexit Party counted for Reform UK.
func ukOptions(m Model, t ...Target) Options {
	return Options{Model: m, Targets: t, Exclude: []string{"Northern Ireland"}, Successors: map[string]string{"BRX": "RUK"}, Fixed: []string{"Spk"}}
}

func read(t testing.TB, rel string) *election.Election {
	t.Helper()
	e, _, err := format.ReadResultsFile(datadir.Path(t, rel), format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// tiny builds an election of single-seat contests from "nation:party=votes,..."
// descriptions.
func tiny(t *testing.T, seats ...string) *election.Election {
	t.Helper()
	e := &election.Election{Name: "tiny"}
	var names election.PartyNames
	for i, s := range seats {
		nation, body, _ := strings.Cut(s, ":")
		c := election.Contest{ID: string(rune('a' + i)), Name: "Seat " + string(rune('A'+i)), Seats: 1, Electorate: -1, Invalid: -1,
			Areas: []election.Area{{Kind: election.Nation, Name: nation}}}
		for _, item := range strings.Split(body, ",") {
			party, v, _ := strings.Cut(item, "=")
			var n int64
			for _, ch := range v {
				n = n*10 + int64(ch-'0')
			}
			names.Add(party, party)
			c.Candidates = append(c.Candidates, election.Candidate{Name: "Cand " + party, Party: party, Votes: n})
		}
		e.Contests = append(e.Contests, c)
	}
	e.Parties = names.Parties()
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	return e
}

func target(t *testing.T, s string) Target {
	t.Helper()
	tg, err := ParseTarget(s)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// shares returns the projected shares (percent) of seat k by party.
func shares(pr *Projection, k int) map[string]float64 {
	m := map[string]float64{}
	for _, c := range pr.Seats[k].Candidates {
		m[c.Party] += c.Share
	}
	return m
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %.12f, want %.12f", what, got, want)
	}
}

// Two seats worked by hand (see each model's formula in doc.go).
// Seat A: A 600, B 300, C 100; seat B: A 200, B 500, C 300 (1,000 valid
// votes each). National: A 40%, B 40%, C 20%. Target: A 30, B 45, C 25.
func TestModelsByHand(t *testing.T) {
	e := tiny(t, "E:A=600,B=300,C=100", "E:A=200,B=500,C=300")
	tg := target(t, "A=30,B=45,C=25")
	want := map[Model][2]map[string]float64{
		// δ = −10, +5, +5 points in both seats.
		Uniform: {{"A": 50, "B": 35, "C": 15}, {"A": 10, "B": 55, "C": 35}},
		// ratios 0.75, 1.125, 1.25; seat sums 0.9125 and 1.0875.
		Proportional: {{"A": 45 / 0.9125, "B": 33.75 / 0.9125, "C": 12.5 / 0.9125}, {"A": 15 / 1.0875, "B": 56.25 / 1.0875, "C": 37.5 / 1.0875}},
		// A keeps 0.75: releases 15 and 5 points; B and C each gain half of
		// the released votes (c = 0.05·2000/200 = 0.5).
		Transition: {{"A": 45, "B": 37.5, "C": 17.5}, {"A": 15, "B": 52.5, "C": 32.5}},
		// θ = 20%: A's weak support is 20% in each seat, W = 20%, loss 10
		// points ≤ W, so weak support halves: A 10+40 = 50 and 10; each seat
		// releases 10 points, split equally between B and C.
		StrongTransition: {{"A": 50, "B": 35, "C": 15}, {"A": 10, "B": 55, "C": 35}},
	}
	for _, m := range Models {
		p, err := New(e, Options{Model: m, Targets: []Target{tg}})
		if err != nil {
			t.Fatal(err)
		}
		pr := p.Project()
		for k := 0; k < 2; k++ {
			got := shares(pr, k)
			for party, w := range want[m][k] {
				near(t, string(m)+" seat "+pr.Seats[k].Contest.Name+" "+party, got[party], w)
			}
		}
		if pr.Seats[0].Winner != "A" || pr.Seats[1].Winner != "B" || len(pr.Changes()) != 0 {
			t.Errorf("%s: winners %q %q, changes %d; want A, B, none", m, pr.Seats[0].Winner, pr.Seats[1].Winner, len(pr.Changes()))
		}
		if m != Proportional { // the others meet the targets exactly here
			for _, pt := range pr.Parties {
				near(t, string(m)+" national "+pt.Party.ID, pt.ScopeShare, map[string]float64{"A": 30, "B": 45, "C": 25}[pt.Party.ID])
			}
		}
	}
}

// Strong transition when the loss exceeds the weak support: A falls to 15%
// (loss 25 > W 20): weak support goes, strong support (40 and 0 points) is
// scaled by 1 − 5/20 = 0.75: seat A keeps 30%, seat B 0%.
func TestStrongTransitionDeepLoss(t *testing.T) {
	e := tiny(t, "E:A=600,B=300,C=100", "E:A=200,B=500,C=300")
	p, err := New(e, Options{Model: StrongTransition, Targets: []Target{target(t, "A=15,B=55,C=30")}})
	if err != nil {
		t.Fatal(err)
	}
	pr := p.Project()
	near(t, "seat A, A", shares(pr, 0)["A"], 30)
	near(t, "seat B, A", shares(pr, 1)["A"], 0)
	for _, pt := range pr.Parties {
		if pt.Party.ID == "A" {
			near(t, "national A", pt.ScopeShare, 15)
		}
	}
}

// Uniform swing clips at zero and rescales: A 40% → 5% (δ = −35): seat B
// would give A −15%, set to 0, so B 70 and C 45 are rescaled by 1/1.15.
func TestUniformClip(t *testing.T) {
	e := tiny(t, "E:A=600,B=300,C=100", "E:A=200,B=500,C=300")
	p, err := New(e, Options{Model: Uniform, Targets: []Target{target(t, "A=5,B=60,C=35")}})
	if err != nil {
		t.Fatal(err)
	}
	got := shares(p.Project(), 1)
	near(t, "A", got["A"], 0)
	near(t, "B", got["B"], 70/1.15)
	near(t, "C", got["C"], 45/1.15)
}

// An exact tie in a projected seat is reported, not broken: seat A is
// A 500, B 250, C 250; seat B A 300, B 500, C 200. National A 40%, B 37.5%;
// target A 27.5, B 50 moves A by −12.5 and B by +12.5 points, so seat A has
// A and B at exactly 37.5% (binary-exact values).
func TestTieReported(t *testing.T) {
	e := tiny(t, "E:A=500,B=250,C=250", "E:A=300,B=500,C=200")
	p, err := New(e, Options{Model: Uniform, Targets: []Target{target(t, "A=27.5,B=50,C=22.5")}})
	if err != nil {
		t.Fatal(err)
	}
	pr := p.Project()
	if !reflect.DeepEqual(pr.Ties, []int{0}) || pr.Seats[0].Winner != "" || !reflect.DeepEqual(pr.Seats[0].Tied, []string{"A", "B"}) {
		t.Fatalf("ties %v, seat A winner %q tied %v; want a reported tie between A and B", pr.Ties, pr.Seats[0].Winner, pr.Seats[0].Tied)
	}
	if pr.SeatsOf("A")+pr.SeatsOf("B") != 1 {
		t.Errorf("the tied seat was given to a party")
	}
}

// A party standing in one nation swings only there, scaled to its
// territory: N has 500 of 3,000 votes, all in S; GB share 16.67% → 20%
// is +3.33 points over GB, +10 points in S.
func TestTerritory(t *testing.T) {
	e := tiny(t, "E:A=600,B=400", "E:A=400,B=600", "S:A=300,B=200,N=500")
	p, err := New(e, Options{Model: Uniform, Targets: []Target{target(t, "A=40,B=40,N=20")}})
	if err != nil {
		t.Fatal(err)
	}
	pr := p.Project()
	// A: 43.33 → 40 (δ −3.33 in every seat); B unchanged; N +10 in S:
	// S is A 26.67, B 20, N 60, summing to 106.67, rescaled to A 25,
	// B 18.75, N 56.25.
	near(t, "S N", shares(pr, 2)["N"], 56.25)
	near(t, "S A", shares(pr, 2)["A"], 25)
	if _, ok := shares(pr, 0)["N"]; ok {
		t.Errorf("N was projected in E, where it did not stand")
	}
	// Named GB-wide, N stands everywhere and gains 3.33 points in each seat.
	p, err = New(e, Options{Model: Uniform, Targets: []Target{target(t, "A=40,B=40,N=20")}, GBWide: []string{"N"}})
	if err != nil {
		t.Fatal(err)
	}
	pr = p.Project()
	near(t, "E N", shares(pr, 0)["N"], 10.0/3)
	if pr.Seats[0].Candidates[2].Candidate != -1 || pr.Seats[0].Candidates[2].Label(pr.Seats[0].Contest) != "(N, projected)" {
		t.Errorf("the new line is %+v", pr.Seats[0].Candidates[2])
	}
}

// National and regional targets together: the region's votes are taken out
// of the national shares. National A 40, B 40, N 20 over 3,000 votes; S
// (1,000 votes) A 20, B 20, N 60; the rest (E, 2,000 votes) gets
// A (40·3000 − 20·1000)/2000 = 50, B 50, N 0 (N has no votes in E).
func TestRegionalTargets(t *testing.T) {
	e := tiny(t, "E:A=600,B=400", "E:A=400,B=600", "S:A=300,B=200,N=500")
	p, err := New(e, Options{Model: Uniform, Targets: []Target{target(t, "A=40,B=40,N=20"), target(t, "S: A=20,B=20,N=60")}})
	if err != nil {
		t.Fatal(err)
	}
	pr := p.Project()
	var rest *Target
	for i := range pr.Targets {
		if pr.Targets[i].Area == "" {
			rest = &pr.Targets[i]
		}
	}
	if rest == nil {
		t.Fatal("no derived national target")
	}
	want := map[string]float64{"A": 50, "B": 50, "Oth": 0}
	if len(rest.Shares) != 3 {
		t.Fatalf("rest target %v, want A=50,B=50,Oth=0", rest)
	}
	for _, s := range rest.Shares {
		near(t, "rest "+s.Party, s.Percent, want[s.Party])
	}
	near(t, "E seat A", shares(pr, 0)["A"], 60) // E at its baseline: no swing
	near(t, "S seat N", shares(pr, 2)["N"], 60)
	// S: A 30 → 20 (−10), B 20 → 20, N 50 → 60.
	near(t, "S seat A", shares(pr, 2)["A"], 20)
}

func TestBadInput(t *testing.T) {
	e := tiny(t, "E:A=600,B=300,C=100", "S:A=200,B=500,N=300")
	cases := []struct {
		opt  Options
		want string
	}{
		{Options{Targets: []Target{{Shares: []Share{{"A", 50}, {"B", 30}}}}}, "national shares: shares sum to 80%; expected 100% ± 0.5 (add Oth=20 for all other parties)"},
		{Options{Targets: []Target{{Shares: []Share{{"A", 60}, {"B", 50}, {"Oth", 0}}}}}, "shares sum to 110%"},
		{Options{Targets: []Target{{Shares: []Share{{"A", 50}, {"X", 50}}}}}, `unknown party "X"`},
		{Options{Targets: []Target{{Shares: []Share{{"A", 110}, {"B", -10}}}}}, "A=110: expected a share of 0 to 100 percent"},
		{Options{Targets: []Target{{Shares: []Share{{"A", 50}, {"B", 60}, {"B", -10}}}}}, "B=-10: expected a share of 0 to 100 percent"},
		{Options{Targets: []Target{{Area: "E", Shares: []Share{{"A", 50}, {"N", 50}}}}}, "shares for E: the baseline has no votes for N in these contests"},
		{Options{Targets: []Target{{Area: "Wales", Shares: []Share{{"A", 100}}}}}, `target area "Wales" matches no contest's nation or region; areas in the baseline: E, S`},
		{Options{Targets: []Target{{Shares: []Share{{"A", 100}}}}, Successors: map[string]string{"BRX": "RUK"}}, "successor BRX=RUK: the baseline has no party BRX"},
		{Options{}, "no target shares"},
		{Options{Model: "cube", Targets: []Target{{Shares: []Share{{"A", 100}}}}}, `unknown model "cube"`},
		{Options{Targets: []Target{{Area: "E", Shares: []Share{{"A", 100}}}, {Area: "E", Shares: []Share{{"A", 100}}}}}, "targets for E and E overlap"},
		{Options{Targets: []Target{{Shares: []Share{{"A", 50}, {"Oth", 50}}}, {Shares: []Share{{"A", 100}}}}}, "two national targets"},
	}
	for _, c := range cases {
		_, err := New(e, c.opt)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("New(%+v) error = %v, want it to contain %q", c.opt, err, c.want)
		}
	}
	for in, want := range map[string]string{
		"Lab=-3,Con=50":       `"Lab=-3": negative share`,
		"Lab=abc":             `"Lab=abc": expected a share in percent`,
		"Lab34":               `"Lab34": expected PARTY=PERCENT`,
		"Lab=30,Lab=40":       "party Lab given twice",
		"Lab=130":             "share above 100 percent",
		": Lab=30":            "expected an area name",
		"":                    "expected shares as PARTY=PERCENT",
		"Scotland: SNP=x":     `"SNP=x": expected a share in percent`,
		"Lab=NaN,Con=50,LD=3": `"Lab=NaN": expected a share in percent`,
	} {
		if _, err := ParseTarget(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseTarget(%q) error = %v, want %q", in, err, want)
		}
	}
	tg, err := ParseTarget("Scotland: SNP=30, Lab=35.3 ,Oth=34.7%")
	if err != nil || tg.Area != "Scotland" || len(tg.Shares) != 3 || tg.Shares[1] != (Share{"Lab", 35.3}) {
		t.Errorf("ParseTarget = %+v, %v", tg, err)
	}
}

// Zero swing: with target shares equal to the baseline's own GB shares,
// every model reproduces the notional 2019 seats on the 2024 boundaries:
// Con 372, Lab 200, SNP 48, LD 8, DUP 8, SF 7, SDLP 2, PC 2, Green 1,
// APNI 1, Speaker 1 (Rallings and Thrasher; ../shared/data/README.md,
// uk/ge2019-notional).
func TestZeroSwingReproducesNotional(t *testing.T) {
	e := read(t, notionalFile)
	tg, err := Observed(e, "", []string{"Northern Ireland"}, []string{"Con", "Lab", "LD", "BRX", "Green", "SNP", "PC"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"Con": 372, "Lab": 200, "SNP": 48, "LD": 8, "DUP": 8, "SF": 7, "SDLP": 2, "PC": 2, "Green": 1, "APNI": 1, "Spk": 1}
	for _, m := range Models {
		p, err := New(e, Options{Model: m, Targets: []Target{tg}, Exclude: []string{"Northern Ireland"}, Fixed: []string{"Spk"}})
		if err != nil {
			t.Fatal(err)
		}
		pr := p.Project()
		got := map[string]int{}
		for _, pt := range pr.Parties {
			if pt.Seats > 0 {
				got[pt.Party.ID] = pt.Seats
			}
			if pt.Seats != pt.BaselineSeats {
				t.Errorf("%s: %s baseline %d, projected %d", m, pt.Party.ID, pt.BaselineSeats, pt.Seats)
			}
		}
		if !reflect.DeepEqual(got, want) || len(pr.Changes()) != 0 || len(pr.Ties) != 0 {
			t.Errorf("%s zero swing: seats %v (changes %d, ties %d), want %v", m, got, len(pr.Changes()), len(pr.Ties), want)
		}
	}
}

// The backtest reads the 2024 result as the House of Commons Library
// publishes it: Lab 411, Con 121, LD 72, SNP 9, SF 7, Ind 6, RUK 5, DUP 5,
// Green 4, PC 4, SDLP 2, Speaker 1, APNI 1, TUV 1, UUP 1 (official;
// ../shared/data/README.md, uk/ge2024), and its totals add up. The
// projected seats and errors are pinned by TestBacktestTables.
func TestBacktest2024(t *testing.T) {
	base, actual := read(t, notionalFile), read(t, ge2024File)
	wantActual := map[string]int{"Lab": 411, "Con": 121, "LD": 72, "SNP": 9, "SF": 7, "Ind": 6, "RUK": 5, "DUP": 5, "Green": 4, "PC": 4, "SDLP": 2, "Spk": 1, "APNI": 1, "TUV": 1, "UUP": 1}
	for _, m := range Models {
		p, err := New(base, ukOptions(m, backtestTarget))
		if err != nil {
			t.Fatal(err)
		}
		pr := p.Project()
		bt, err := Compare(pr, actual)
		if err != nil {
			t.Fatal(err)
		}
		gotActual := map[string]int{}
		sumErr, predicted := 0, 0
		for _, bp := range bt.Parties {
			if bp.Actual > 0 {
				gotActual[bp.Party.ID] = bp.Actual
			}
			sumErr += abs(bp.Error())
			predicted += bp.Predicted
			if bp.Predicted != pr.SeatsOf(bp.Party.ID) {
				t.Errorf("%s: %s predicted %d, projection has %d", m, bp.Party.ID, bp.Predicted, pr.SeatsOf(bp.Party.ID))
			}
		}
		if !reflect.DeepEqual(gotActual, wantActual) {
			t.Errorf("%s: actual seats %v, want %v", m, gotActual, wantActual)
		}
		if bt.Seats != 650 || predicted != 650-len(pr.Ties) || sumErr != bt.TotalError {
			t.Errorf("%s: seats %d, predicted %d, error %d (sum %d)", m, bt.Seats, predicted, bt.TotalError, sumErr)
		}
		// Seats called wrong: recount from the projection and the file.
		wrong := 0
		winners := map[string]string{}
		for i := range actual.Contests {
			c := &actual.Contests[i]
			winners[c.ID] = c.Candidates[winnerByVotes(c)].Party
		}
		for _, s := range pr.Seats {
			if s.Winner != winners[s.Contest.ID] {
				wrong++
			}
		}
		if wrong != len(bt.Wrong) || wrong == 0 {
			t.Errorf("%s: %d called wrong, recount %d", m, len(bt.Wrong), wrong)
		}
	}
	// Without the successor mapping, RUK is not a baseline party.
	_, err := New(base, Options{Targets: []Target{backtestTarget}, Exclude: []string{"Northern Ireland"}})
	if err == nil || !strings.Contains(err.Error(), `unknown party "RUK"`) || !strings.Contains(err.Error(), "successor") {
		t.Errorf("RUK without a successor: %v", err)
	}
	// Transition and strong transition meet the GB targets within 0.1 point
	// (seats are rescaled only where territories or others' absence bite).
	for _, m := range []Model{Transition, StrongTransition} {
		p, _ := New(base, ukOptions(m, backtestTarget))
		for _, pt := range p.Project().Parties {
			if pt.Target != nil && math.Abs(pt.ScopeShare-*pt.Target) > 0.1 {
				t.Errorf("%s: %s GB share %.3f, target %.3f", m, pt.Party.ID, pt.ScopeShare, *pt.Target)
			}
		}
	}
}

func TestSimulationDeterministic(t *testing.T) {
	base := read(t, notionalFile)
	p, err := New(base, ukOptions(Transition, backtestTarget))
	if err != nil {
		t.Fatal(err)
	}
	a, err := p.Simulate(SimOptions{Runs: 400, Seed: 7, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := p.Simulate(SimOptions{Runs: 400, Seed: 7, Workers: 3})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different results with 1 and 3 workers")
	}
	c, _ := p.Simulate(SimOptions{Runs: 400, Seed: 8})
	if reflect.DeepEqual(a.Parties, c.Parties) {
		t.Error("seeds 7 and 8 gave identical distributions")
	}
	total := 0
	for _, d := range a.Parties {
		n := 0
		for _, h := range d.Histogram {
			n += h
		}
		if n != 400 || d.Low > d.Median || d.Median > d.High {
			t.Errorf("%s: histogram of %d runs, interval %d ≤ %d ≤ %d", d.Party.ID, n, d.Low, d.Median, d.High)
		}
		total += int(math.Round(d.Mean * 400))
	}
	if total != 400*650-a.Ties {
		t.Errorf("seats over all runs %d, want %d", total, 400*650-a.Ties)
	}
	for _, s := range a.Seats {
		sum := 0.0
		for _, ch := range s.Chances {
			sum += ch.Probability
		}
		if math.Abs(sum+float64(s.Ties)/400-1) > 1e-9 {
			t.Errorf("%s: chances sum to %v", s.Contest.Name, sum)
		}
	}
	// With both errors off every run is the central projection.
	z, _ := p.Simulate(SimOptions{Runs: 20, Seed: 1, NoNational: true, NoSeat: true})
	pr := p.Project()
	for _, d := range z.Parties {
		if d.Low != pr.SeatsOf(d.Party.ID) || d.High != d.Low || d.Mean != float64(d.Low) {
			t.Errorf("%s: no-error simulation %d–%d, projection %d", d.Party.ID, d.Low, d.High, pr.SeatsOf(d.Party.ID))
		}
		if want := 0.0; d.Low >= z.Majority {
			want = 1
			if d.MajorityChance != want {
				t.Errorf("%s: majority chance %v", d.Party.ID, d.MajorityChance)
			}
		}
	}
	if _, err := p.Simulate(SimOptions{Runs: 0}); err == nil {
		t.Error("0 runs accepted")
	}
}

func TestPercentile(t *testing.T) {
	// 10 runs: seats 3 (×2), 4 (×5), 6 (×3). Nearest rank: 5th → 1st run
	// (3), 50th → 5th run (4), 95th → 10th run (6).
	h := []int{0, 0, 0, 2, 5, 0, 3}
	if a, b, c := percentile(h, 10, 5), percentile(h, 10, 50), percentile(h, 10, 95); a != 3 || b != 4 || c != 6 {
		t.Errorf("percentiles %d %d %d, want 3 4 6", a, b, c)
	}
}

// The backtest tables of BENCHMARKS.md, pinned: 2024 projected from the
// 2019 notional result with the shares 2024 gave (the Library's file), GB
// shares Con 24.4, Lab 34.6, LD 12.6, RUK 14.7, Green 6.9 as given, and
// with each nation's own shares. Per model: seats of Lab, Con, LD, RUK,
// SNP, PC, Green, Ind, DUP, SF; total seat error; seats called wrong.
func TestBacktestTables(t *testing.T) {
	base, actual := read(t, notionalFile), read(t, ge2024File)
	parties := strings.Split("Con,Lab,LD,RUK,Green,SNP,PC,DUP,SF,SDLP,APNI,UUP", ",")
	given, err := ParseTarget("Con=24.4,Lab=34.6,LD=12.6,RUK=14.7,Green=6.9")
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{"Lab", "Con", "LD", "RUK", "SNP", "PC", "Green", "Ind", "DUP", "SF"}
	tables := []struct {
		name   string
		shares BacktestShares
		want   map[Model][12]int
	}{
		{"GB shares", BacktestShares{Parties: parties, Exclude: []string{NorthernIreland}, Given: []Target{given}, Successors: map[string]string{"BRX": "RUK"}},
			map[Model][12]int{
				Uniform:          {310, 244, 34, 1, 35, 4, 1, 1, 8, 7, 306, 177},
				Proportional:     {272, 193, 50, 66, 37, 3, 4, 5, 8, 7, 330, 205},
				Transition:       {341, 199, 46, 0, 37, 4, 1, 2, 8, 7, 220, 141},
				StrongTransition: {317, 236, 35, 1, 35, 4, 1, 1, 8, 7, 290, 170},
			}},
		{"each nation's shares", BacktestShares{Parties: parties, ByNation: true, Exclude: []string{NorthernIreland}, Successors: map[string]string{"BRX": "RUK"}},
			map[Model][12]int{
				Uniform:          {321, 247, 36, 3, 17, 4, 1, 1, 6, 7, 274, 162},
				Proportional:     {285, 200, 48, 62, 22, 4, 4, 5, 6, 6, 306, 198},
				Transition:       {354, 209, 45, 0, 15, 4, 1, 2, 6, 7, 194, 134},
				StrongTransition: {332, 237, 38, 2, 14, 4, 1, 2, 6, 7, 248, 152},
			}},
	}
	for _, tb := range tables {
		targets, _, err := BacktestTargets(base, actual, tb.shares)
		if err != nil {
			t.Fatal(err)
		}
		opt := Options{Targets: targets, Exclude: tb.shares.Exclude, Successors: tb.shares.Successors, Fixed: []string{"Spk"}}
		if tb.shares.ByNation {
			opt.Exclude = nil
		}
		for _, m := range Models {
			opt.Model = m
			p, err := New(base, opt)
			if err != nil {
				t.Fatal(err)
			}
			bt, err := Compare(p.Project(), actual)
			if err != nil {
				t.Fatal(err)
			}
			var got [12]int
			for i, id := range ids {
				for _, bp := range bt.Parties {
					if bp.Party.ID == id {
						got[i] = bp.Predicted
					}
				}
			}
			got[10], got[11] = bt.TotalError, len(bt.Wrong)
			if got != tb.want[m] {
				t.Errorf("%s, %s: %v; BENCHMARKS.md has %v (%v, total error, called wrong)", tb.name, m, got, tb.want[m], ids)
			}
		}
	}
}

// Given shares that match no target are errors, not ignored: national
// shares with each nation's own, an area with national shares, an area
// that is no nation.
func TestBacktestGivenShares(t *testing.T) {
	base, actual := read(t, notionalFile), read(t, ge2024File)
	parties := []string{"Con", "Lab", "LD", "RUK", "Green", "SNP", "PC"}
	for _, c := range []struct {
		byNation bool
		share    string
		want     string
	}{
		{true, "Con=50,Lab=10", `national shares Con=50,Lab=10: the backtest takes each nation's own shares; name the nation, as in "Wales: ..."`},
		{false, "Narnia: Con=50,Lab=50", "shares for Narnia: the backtest takes national shares"},
		{true, "Narnia: Con=50,Lab=50", "shares for Narnia: no such nation in the actual result; its nations are Wales, Scotland, England, Northern Ireland"},
		{false, "Con=24.4,Lab=34.6,SNP=50", "national shares: the added shares exceed what is left to others by 43.85 points"},
	} {
		g, err := ParseTarget(c.share)
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = BacktestTargets(base, actual, BacktestShares{Parties: parties, ByNation: c.byNation, Exclude: []string{NorthernIreland}, Given: []Target{g}, Successors: map[string]string{"BRX": "RUK"}})
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, ErrGivenShares) {
			t.Errorf("%q (by nation %v): %v; expected %q", c.share, c.byNation, err, c.want)
		}
	}
	// Scotland's own shares may be given with each nation's.
	g, _ := ParseTarget("Scotland: SNP=30,Lab=35.3")
	ts, _, err := BacktestTargets(base, actual, BacktestShares{Parties: parties, ByNation: true, Given: []Target{g}, Successors: map[string]string{"BRX": "RUK"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range ts {
		for _, s := range tg.Shares {
			if tg.Area == "Scotland" && s.Party == "SNP" && s.Percent != 30 {
				t.Errorf("Scotland SNP %v, given 30", s.Percent)
			}
		}
	}
}
