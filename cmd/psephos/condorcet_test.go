package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/report"
)

// Burlington 2009 through the command line: Schulze elects Montroll, the
// Condorcet winner (electowiki's published pairwise counts: Montroll over
// Kiss 4,067 to 3,477; see condorcet's tests for the sources).
func TestCountMethodJSON(t *testing.T) {
	path := datadir.Path(t, "ranked/us-rcv-blt/data/2009-Burlington-Mayor.blt")
	out, err := runRanked(t, "count", path, "--method", "schulze", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var j report.CondorcetJSON
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	k, m := index(j.Candidates, "Andy Montroll"), index(j.Candidates, "Bob Kiss")
	if j.Method != "schulze" || j.Variant != "winning-votes" || j.Result.Elected == nil || *j.Result.Elected != "Andy Montroll" ||
		j.CondorcetWinner == nil || *j.CondorcetWinner != "Andy Montroll" || j.Matrix[k][m] != "4067" || j.Matrix[m][k] != "3477" ||
		j.Ballots != "8984" || j.Options["overvote"] != "equal" || j.Result.Tie != nil || len(j.Result.Ranking) != 6 {
		t.Errorf("elected %v, winner %v, matrix %v, ballots %s\n%s", j.Result.Elected, j.CondorcetWinner, j.Matrix, j.Ballots, out)
	}
	// The pairwise table alone, as CSV: one row per ordered pair.
	out, err = runRanked(t, "count", path, "--pairwise", "--format", "csv")
	if err != nil || !strings.Contains(out, "Andy Montroll,Bob Kiss,4067,3477,win\n") || strings.Count(out, "\n") != 1+6*5 {
		t.Errorf("pairwise CSV: %v\n%s", err, out)
	}
	// Every method and output format renders.
	for _, method := range []string{"schulze:margins", "ranked-pairs", "copeland:zero", "minimax:opposition", "borda:modified", "kemeny"} {
		for _, f := range report.Formats {
			if out, err := runRanked(t, "count", path, "--method", method, "--format", f, "--pairwise"); err != nil || !strings.Contains(out, "Montroll") {
				t.Errorf("%s, %s: %v\n%s", method, f, err, out)
			}
		}
	}
}

func index(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}

// A Debian tally sheet is counted by the Debian rule by default, once the
// number of developers (the quorum) is given: 2006 elected Anthony Towns
// (data README), with 972 developers (the Secretary's mail, April 2006).
func TestCountDebian(t *testing.T) {
	path := datadir.Path(t, "ranked/debian-leader/leader2006_tally.txt")
	if _, err := runRanked(t, "count", path); !isUsage(err) || !strings.Contains(err.Error(), "--developers") {
		t.Errorf("without --developers: %v", err)
	}
	out, err := runRanked(t, "count", path, "--developers", "972", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var j report.CondorcetJSON
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	d, _ := j.Result.Detail.(map[string]any)
	if j.InputFormat != "debian-tally" || j.Method != "debian" || *j.Result.Elected != "Anthony Towns" || d["default_option"] != "None of the Above" || j.Result.Ranking != nil {
		t.Errorf("%s %s %v %v\n%s", j.InputFormat, j.Method, j.Result.Elected, d, out)
	}
	out, err = runRanked(t, "count", path, "--developers", "972")
	if err != nil || !strings.Contains(out, "Elected: Anthony Towns.") || !strings.Contains(out, "Quorum: 3·√972/2 = 46.7654") || !strings.Contains(out, "Ari Pollak (158 to 202)") {
		t.Errorf("table: %v\n%s", err, out)
	}
	// --rule counts it by instant-runoff instead.
	if out, err := runRanked(t, "count", path, "--rule", "rctab"); err != nil || !strings.Contains(out, "instant-runoff count (debian-tally)") {
		t.Errorf("--rule: %v\n%s", err, out)
	}
}

// Case 26: a symmetric cycle is a three-way tie on the command line too,
// nobody elected until a policy is given; a lot is recorded.
func TestCountTieCase26(t *testing.T) {
	path := datadir.Case(t, "26-condorcet-symmetric-cycle/ballots.csv")
	out, err := runRanked(t, "count", path, "--method", "schulze")
	if err != nil || !strings.Contains(out, "Tie between Alice, Bob, Carol: nobody is elected") {
		t.Errorf("%v\n%s", err, out)
	}
	out, err = runRanked(t, "count", path, "--method", "copeland", "--tie-break", "lot", "--seed", "5", "--format", "json")
	var j report.CondorcetJSON
	if err != nil || json.Unmarshal([]byte(out), &j) != nil || j.Result.Tie == nil || j.Result.Tie.Method != "lot" || *j.Result.Tie.Seed != "5" || j.Result.Elected == nil {
		t.Errorf("lot: %v\n%s", err, out)
	}
	out, err = runRanked(t, "count", path, "--method", "borda", "--tie-order", "Carol>Alice>Bob")
	if err != nil || !strings.Contains(out, "broken by the given order Carol > Alice > Bob: elected Carol") {
		t.Errorf("order: %v\n%s", err, out)
	}
}

// compare on ranked ballots: Burlington 2009, instant-runoff (the city's
// rule) elects Kiss and every pairwise method Montroll.
func TestCompareRanked(t *testing.T) {
	path := datadir.Path(t, "ranked/us-rcv-blt/data/2009-Burlington-Mayor.blt")
	out, err := runRanked(t, "compare", path, "--rule", "burlington-2009", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var j report.RankedCompareJSON
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if !j.Disagree || len(j.Elected["Bob Kiss"]) != 1 || j.Elected["Bob Kiss"][0] != "irv" || len(j.Elected["Andy Montroll"]) != 6 || len(j.Methods) != 7 {
		t.Errorf("elected %v, disagree %v\n%s", j.Elected, j.Disagree, out)
	}
	out, err = runRanked(t, "compare", path, "--methods", "irv,schulze,debian", "--developers", "0", "--default-option", "Write-in")
	if err != nil || !strings.Contains(out, "The methods disagree. irv: Bob Kiss; schulze:winning-votes, debian: Andy Montroll (the Condorcet winner).") {
		t.Errorf("table: %v\n%s", err, out)
	}
}

func TestCondorcetUsageErrors(t *testing.T) {
	blt := datadir.Path(t, "ranked/us-rcv-blt/data/2009-Burlington-Mayor.blt")
	cycle := datadir.Case(t, "26-condorcet-symmetric-cycle/ballots.csv")
	sheet := datadir.Path(t, "ranked/debian-leader/leader2006_tally.txt")
	// Each usage error says what was wrong with the command line.
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"count", blt, "--method", ""}, "--method: expected a method"},
		{[]string{"count", sheet, "--developers", "-5"}, "--developers -5: expected the number of developers, 0 or more"},
		{[]string{"compare", blt, "--methods", "irv,irv"}, "irv is given twice"},
		{[]string{"compare", blt, "--methods", "schulze,schulze:winning-votes"}, "the same method"},
		{[]string{"count", cycle, "--method", "schulze", "--tie-order", "Xavier>Yolanda"}, `no candidate named "Xavier" or "Yolanda"`},
		{[]string{"count", cycle, "--tie-order", "Alice>Bobby", "--tie-fallback", "order"}, `no candidate named "Bobby"`},
		{[]string{"compare", cycle, "--tie-order", "Bob>Nobody"}, `no candidate named "Nobody"`},
		{[]string{"count", "uk-ge-2024", "--method", "schulze"}, "uk-ge-2024 is a dataset of election results"},
		{[]string{"compare", "uk-ge-2024", "--methods", "irv"}, "not of ranked ballots"},
	} {
		if _, err := runRanked(t, c.args...); !isUsage(err) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want a usage error saying %q", c.args, err, c.want)
		}
	}
	for _, args := range [][]string{
		{"count", blt, "--method", "irv"},
		{"count", blt, "--method", "schulze:ratio"},
		{"count", blt, "--method", "schulze", "--overvote", "skip"},
		{"count", blt, "--method", "schulze", "--rule", "rctab"},
		{"count", blt, "--pairwise", "--unranked", "above"},
		{"count", blt, "--pairwise", "--pairwise-overvote", "drop"},
		{"count", blt, "--method", "debian"},
		{"count", blt, "--method", "schulze", "--tie-fallback", "order"},
		{"compare", blt, "--methods", "irv,stv"},
		{"compare", blt, "--systems", "fptp"},
	} {
		if _, err := runRanked(t, args...); !isUsage(err) {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}

// What the pairwise reading passes over is counted on the command line
// (3 ballots A>A>B repeat A; 2 ballots A>>B skip a rank), and a file with
// no candidates is refused in words, not as "1 seats but only 0
// candidates".
func TestPairwiseDefectsShown(t *testing.T) {
	path := write(t, "defects.csv", "count,ranking\n3,A>A>B\n2,A>>B\n4,B>C\n")
	out, err := runRanked(t, "count", path, "--method", "schulze")
	if err != nil || !strings.Contains(out, "with a candidate marked again (counted at the first mark) 3; with a skipped rank 2.") {
		t.Errorf("%v\n%s", err, out)
	}
	out, err = runRanked(t, "compare", path, "--format", "json")
	var j report.RankedCompareJSON
	if err != nil || json.Unmarshal([]byte(out), &j) != nil || j.Duplicate != "3" || j.SkippedRank != "2" || j.Unknown != "0" {
		t.Errorf("JSON: %v\n%s", err, out)
	}
	empty := write(t, "empty.csv", "count,ranking\n")
	for _, cmd := range []string{"compare", "count"} {
		if _, err := runRanked(t, cmd, empty); err == nil || !strings.Contains(err.Error(), "no candidates and no ballots: nothing to count") {
			t.Errorf("%s of an empty file: %v", cmd, err)
		}
	}
}

// One seed for every lot: instant-runoff draws from --seed's default (1)
// as the pairwise methods do, and giving that default changes nothing, so
// the rule is not "modified". On case 26 the methods' own results are a
// tie that stands; what each lot drew is said apart, marked, and left out
// of the disagreement (with --seed 9 the pairwise methods' lot draws Alice
// and Ranked Pairs' tie-breaking ranking elects Carol).
func TestSeedsAndLots(t *testing.T) {
	path := datadir.Case(t, "26-condorcet-symmetric-cycle/ballots.csv")
	plain, err := runRanked(t, "count", path)
	if err != nil || !strings.Contains(plain, "seed=1") || strings.Contains(plain, "modified") {
		t.Errorf("instant-runoff's default seed: %v\n%s", err, plain)
	}
	if again, err := runRanked(t, "count", path, "--seed", "1"); err != nil || again != plain {
		t.Errorf("--seed 1 differs from the default: %v\n%s", err, again)
	}
	out, err := runRanked(t, "count", path, "--method", "borda", "--tie-break", "lot", "--format", "json")
	var cj report.CondorcetJSON
	if err != nil || json.Unmarshal([]byte(out), &cj) != nil || cj.Result.Tie == nil || *cj.Result.Tie.Seed != "1" {
		t.Errorf("the pairwise lot's default seed: %v\n%s", err, out)
	}
	out, err = runRanked(t, "compare", path)
	if err != nil || strings.Contains(out, "disagree") || !strings.Contains(out, "No method elects anyone by its own rule") ||
		!strings.Contains(out, "Decided by lot, not by the method") || !strings.Contains(out, "irv: Carol (by lot).") {
		t.Errorf("compare, no policy: %v\n%s", err, out)
	}
	out, err = runRanked(t, "compare", path, "--tie-break", "lot", "--seed", "9")
	if err != nil || strings.Contains(out, "disagree") || !strings.Contains(out, "No method decides by its own rule alone") ||
		!strings.Contains(out, "ranked-pairs:winning-votes: Carol (by lot)") || !strings.Contains(out, "kemeny: Alice (by lot)") {
		t.Errorf("compare, lot: %v\n%s", err, out)
	}
	out, err = runRanked(t, "compare", path, "--tie-break", "lot", "--seed", "9", "--format", "json")
	var j report.RankedCompareJSON
	if err != nil || json.Unmarshal([]byte(out), &j) != nil || j.Disagree || len(j.Elected) != 0 || len(j.ByLot["Alice"]) != 6 || len(j.ByLot["Carol"]) != 1 {
		t.Errorf("compare JSON, lot: %v\n%s", err, out)
	}
}
