package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/report"
)

// runRoot executes psephos with args and returns standard output and the error.
func runRoot(t *testing.T, args ...string) (string, error) {
	t.Helper()
	root := newRoot()
	var out, errb bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetArgs(args)
	err := root.Execute()
	return out.String(), err
}

const gbShares = "Con=24.4,Lab=34.6,LD=12.6,RUK=14.7,Green=6.9,SNP=2.6,PC=0.7,Oth=3.5"

func TestProjectErrors(t *testing.T) {
	datadir.Path(t, "uk/ge2019-notional/candidate-level-results-notional-general-election-12-12-2019.csv")
	dd := "--data-dir=" + datadir.Dir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"project", "uk-ge-2019-notional", dd, "--no-download", "--successor", "BRX=RUK", "--share", "Con=24.4,Lab=34.6"}, "shares sum to 59%; expected 100% ± 0.5 (add Oth=41 for all other parties)"},
		{[]string{"project", "uk-ge-2019-notional", dd, "--no-download", "--share", gbShares}, `unknown party "RUK"`},
		{[]string{"project", "uk-ge-2019-notional", dd, "--no-download", "--share", "Con=-5,Lab=105"}, `"Con=-5": negative share`},
		{[]string{"project", "uk-ge-2019-notional", dd, "--no-download", "--share", "Wales: SNP=50,Oth=50"}, "shares for Wales: the baseline has no votes for SNP"},
		{[]string{"project", "uk-ge-2019-notional", dd, "--no-download"}, "give target shares"},
		{[]string{"project", "uk-ge-2019-notional", dd, "--no-download", "--share", "Con=100", "--model", "cube"}, `unknown model "cube"`},
		{[]string{"project", "uk-ge-2019-notional", dd, "--no-download", "--share", "Con=100", "--successor", "BRX"}, "expected OLD=NEW"},
	} {
		_, err := runRoot(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want %q", c.args[4:], err, c.want)
		}
	}
}

// The same seed gives the same output byte for byte; the JSON carries the
// simulation and every constituency.
func TestProjectSimulationJSON(t *testing.T) {
	datadir.Path(t, "uk/ge2019-notional/candidate-level-results-notional-general-election-12-12-2019.csv")
	args := []string{"project", "uk-ge-2019-notional", "--data-dir=" + datadir.Dir(), "--no-download", "--successor", "BRX=RUK",
		"--share", gbShares, "--model", "strong-transition", "--simulate", "300", "--seed", "11", "--format", "json"}
	a, err := runRoot(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := runRoot(t, append(args, "--workers", "1")...)
	if a != b {
		t.Fatal("two runs with seed 11 differ")
	}
	var out report.ProjectionJSON
	if err := json.Unmarshal([]byte(a), &out); err != nil {
		t.Fatal(err)
	}
	if out.Simulation == nil || out.Simulation.Runs != 300 || len(out.Constituencies) != 650 || out.Majority != 326 {
		t.Fatalf("simulation %+v, %d constituencies, majority %d", out.Simulation, len(out.Constituencies), out.Majority)
	}
	seats := 0
	for _, p := range out.Parties {
		seats += p.Seats
		if p.Median == nil || *p.Low > *p.Median || *p.Median > *p.High {
			t.Errorf("%s: interval %v %v %v", p.Party, p.Low, p.Median, p.High)
		}
	}
	if seats != 650-len(out.Ties) {
		t.Errorf("seats add to %d", seats)
	}
	for _, f := range []string{"table", "markdown", "csv"} {
		s, err := runRoot(t, append(args[:len(args)-2], "--format", f)...)
		if err != nil || !strings.Contains(s, "Lab") {
			t.Errorf("format %s: %v", f, err)
		}
	}
}

// The backtest command gives the same actual seats as the Library's file
// (Lab 411, Con 121, LD 72; ../shared/data/README.md) for every model.
func TestBacktestCommand(t *testing.T) {
	datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")
	s, err := runRoot(t, "backtest", "uk-ge-2019-notional", "uk-ge-2024", "--data-dir="+datadir.Dir(), "--no-download",
		"--share", "Con=24.4,Lab=34.6,LD=12.6,RUK=14.7,Green=6.9", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var out report.BacktestJSON
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Models) != 4 {
		t.Fatalf("%d models", len(out.Models))
	}
	for _, m := range out.Models {
		act := map[string]int{}
		for _, p := range m.Parties {
			act[p.Party] = p.Actual
		}
		if act["Lab"] != 411 || act["Con"] != 121 || act["LD"] != 72 || m.CalledWrong != len(m.Wrong) {
			t.Errorf("%s: actual %v", m.Model, act)
		}
	}
	if _, err := runRoot(t, "backtest", "uk-ge-2019-notional", "uk-ge-2024", "--data-dir="+datadir.Dir(), "--no-download", "--by-nation", "--model", "uns,transition"); err != nil {
		t.Errorf("by nation: %v", err)
	}
	// Shares that match no target are usage errors, not ignored.
	for _, c := range []struct{ args, want string }{
		{"--by-nation --share Con=50,Lab=10", `--share: national shares Con=50,Lab=10: the backtest takes each nation's own shares`},
		{"--share Narnia:_Con=50,Lab=50", "--share: shares for Narnia: the backtest takes national shares"},
		{"--by-nation --share Narnia:_Con=50,Lab=50", "--share: shares for Narnia: no such nation in the actual result"},
	} {
		args := []string{"backtest", "uk-ge-2019-notional", "uk-ge-2024", "--data-dir=" + datadir.Dir(), "--no-download"}
		for _, a := range strings.Fields(c.args) {
			args = append(args, strings.ReplaceAll(a, "_", " "))
		}
		_, errs, code := runArgs(t, args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d %s", c.args, code, errs)
		}
	}
}

func TestProjectPolls(t *testing.T) {
	polls := datadir.Path(t, "uk/polls/pollbase_2019-2024_voting_intention.csv")
	s, err := runRoot(t, "project", "uk-ge-2019-notional", "--data-dir="+datadir.Dir(), "--no-download", "--successor", "BRX=RUK",
		"--polls", polls, "--from", "2024-06-27", "--to", "2024-07-03", "--poll-average", "mean", "--share", "SNP=2.6,PC=0.7", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var out report.ProjectionJSON
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.Polls, "Average of 23 poll(s) by 19 pollster(s)") {
		t.Errorf("polls statement: %s", out.Polls)
	}
	// Lab 38.896% on average in the final week (see swing's poll test).
	for _, sh := range out.Targets[0].Shares {
		if sh.Party == "Lab" && (sh.Percent < 38.89 || sh.Percent > 38.90) {
			t.Errorf("Lab target %v", sh.Percent)
		}
	}
}

// The report claims a target met only when every named party's projected
// share over the target's contests is within swing.TargetTolerance of it:
// uniform swing clips and rescales (Lab 34.06 against 34.6), transition
// swing meets the 2024 shares. Achieved shares sit beside the targets, and
// the successor is named (Reform UK, not "RUK (RUK)").
func TestProjectTargetMet(t *testing.T) {
	datadir.Path(t, "uk/ge2019-notional/candidate-level-results-notional-general-election-12-12-2019.csv")
	base := []string{"project", "uk-ge-2019-notional", "--data-dir=" + datadir.Dir(), "--no-download", "--successor", "BRX=RUK", "--share", gbShares}
	uns, err := runRoot(t, base...)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(uns, "every target is met") || !strings.Contains(uns, "it misses the target by up to 0.54 points (more than 0.05)") ||
		!strings.Contains(uns, "Achieved %") || !strings.Contains(uns, "│ Reform UK (RUK) ") || strings.Contains(uns, "RUK (RUK)") {
		t.Errorf("uniform swing:\n%s", uns)
	}
	s, err := runRoot(t, append(base, "--format", "json")...)
	if err != nil {
		t.Fatal(err)
	}
	var out report.ProjectionJSON
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		t.Fatal(err)
	}
	for _, p := range out.Parties {
		if p.Party == "Lab" && (p.TargetGap == nil || *p.TargetGap > -0.53 || *p.TargetGap < -0.55 || p.ScopeShare < 34.05 || p.ScopeShare > 34.07) {
			t.Errorf("Lab: achieved %v, gap %v; expected 34.06, -0.54", p.ScopeShare, p.TargetGap)
		}
	}
	tr, err := runRoot(t, append(base, "--model", "transition")...)
	if err != nil || !strings.Contains(tr, "every target is met there within 0.05 points") {
		t.Errorf("transition: %v\n%s", err, tr)
	}
	for _, flag := range []string{"--national-sd", "--seat-sd"} {
		_, err := runRoot(t, append(base, "--simulate", "10", flag, "-1")...)
		if err == nil || !strings.Contains(err.Error(), flag+" -1: expected a standard deviation from 0 to 100 percentage points") {
			t.Errorf("%s -1: %v", flag, err)
		}
	}
}

// With --polls, the report says which shares are the polls' and which were
// given by hand; a --share naming every party the polls name leaves no poll
// average in use, and says so.
func TestProjectPollsAndShares(t *testing.T) {
	polls := datadir.Path(t, "uk/polls/pollbase_2019-2024_voting_intention.csv")
	base := []string{"project", "uk-ge-2019-notional", "--data-dir=" + datadir.Dir(), "--no-download", "--successor", "BRX=RUK",
		"--polls", polls, "--from", "2024-06-27", "--to", "2024-07-03", "--format", "json"}
	get := func(share string) string {
		s, err := runRoot(t, append(base, "--share", share)...)
		if err != nil {
			t.Fatal(err)
		}
		var out report.ProjectionJSON
		if err := json.Unmarshal([]byte(s), &out); err != nil {
			t.Fatal(err)
		}
		return out.Polls
	}
	some := get("SNP=2.6,PC=0.7")
	if !strings.Contains(some, "Shares from the polls: Con, Lab, LD, Green, RUK") || !strings.Contains(some, "given by hand and taken out of the polls' others: SNP 2.6, PC 0.7") {
		t.Errorf("SNP and PC given: %s", some)
	}
	all := get(gbShares)
	if !strings.Contains(all, "every party the polls name was given by hand, so no poll average is used") || !strings.Contains(all, "given by hand instead of the polls' average: Con 24.4 (polls: ") {
		t.Errorf("every share given: %s", all)
	}
}
