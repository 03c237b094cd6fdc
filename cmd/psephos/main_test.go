package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/psephos/psephos/internal/datadir"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func write(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The main job: the 2024 report from the named dataset, in JSON, with the
// official figures (README: valid 28,809,340; RUK 5 seats, 98 second
// places; 554 minority winners; Hendon 15).
func TestReportDataset2024(t *testing.T) {
	dir := filepath.Dir(filepath.Dir(datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")))
	code, out, errs := runCLI(t, "report", "uk-ge-2024", "--data-dir", filepath.Dir(dir), "--no-download", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v["valid_votes"].(float64) != 28809340 || v["minority_winners"].(float64) != 554 || v["input_format"] != "hoc-candidates" {
		t.Errorf("valid %v minority %v format %v", v["valid_votes"], v["minority_winners"], v["input_format"])
	}
	// Rejected ballots come from the results by constituency (README:
	// invalid 116,253), merged after checking valid votes per constituency.
	if v["invalid_votes"] != 116253.0 || v["electorate"] != 48224212.0 {
		t.Errorf("invalid %v electorate %v", v["invalid_votes"], v["electorate"])
	}
	// Same input, same output, byte for byte.
	_, again, _ := runCLI(t, "report", "uk-ge-2024", "--data-dir", filepath.Dir(dir), "--no-download", "--format", "json")
	if again != out {
		t.Error("two runs differ")
	}
}

func TestExplainAndCount(t *testing.T) {
	p := datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")
	code, out, errs := runCLI(t, "explain", p, "--party", "RUK")
	if code != 0 || !strings.Contains(out, "Reform UK won 14.3% of the votes and 5 seats (0.8%), came second in 98 constituencies") || !strings.Contains(out, "Nearest misses") {
		t.Errorf("exit %d %s\n%s", code, errs, out)
	}
	code, out, _ = runCLI(t, "count", p, "--format", "csv")
	if code != 0 || strings.Count(out, "\n") != 4516 {
		t.Errorf("count csv: exit %d, %d lines", code, strings.Count(out, "\n"))
	}
	code, _, errs = runCLI(t, "explain", p, "--party", "Nobody")
	if code != 2 || !strings.Contains(errs, `no party "Nobody"`) {
		t.Errorf("exit %d %s", code, errs)
	}
}

// Case 21 through the CLI: the tie is shown as a tie to be decided by lot.
func TestCountTieCase21(t *testing.T) {
	p := datadir.Case(t, "21-fptp-tie-decided-by-lot/results.csv")
	code, out, _ := runCLI(t, "count", p)
	if code != 0 || !strings.Contains(out, "TIE, decide by lot: Alice Archer / Bob Baker") || strings.Contains(out, "Alice Archer (") {
		t.Errorf("exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "count", p, "--lot", "Millbrook=Bob Baker")
	if code != 0 || !strings.Contains(out, "Bob Baker (by recorded lot)") {
		t.Errorf("exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "report", p)
	if code != 0 || !strings.Contains(out, "TIE in Millbrook: Alice Archer and Bob Baker have 1,234 votes each; no winner is computed") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// Bad input: a one-line error naming file:line, nothing on stdout, exit 1.
func TestBadInputCLI(t *testing.T) {
	h := "contest,candidate,party,votes\n"
	cons := "ONS ID,ONS region ID,Constituency name,County name,Region name,Country name,Constituency type,Declaration time,Member first name,Member surname,Member gender,Result,First party,Second party,Electorate,Valid votes,Invalid votes,Majority,Con,Lab,All other candidates,Of which other winner\n"
	cases := []struct{ name, content, want string }{
		{"empty", "", "empty.csv:1: empty file"},
		{"missing column", "contest,candidate,votes\nA,B,1\n", `missing column.csv:1: unknown results format`},
		{"non-numeric", h + "A,Ann,Red,lots\n", `non-numeric.csv:2: column "votes": expected a whole number of votes`},
		{"negative", h + "A,Ann,Red,-1\n", `negative.csv:2: column "votes": expected a count of votes ≥ 0`},
		{"duplicate", h + "A,Ann,Red,1\nA,Ann,Red,2\n", `duplicate.csv:3: contest "A": duplicate candidate "Ann"`},
		{"no candidates", cons + "W1,X,Town,,Wales,Wales,County,,,,,,Con,,100,0,0,0,0,0,0,0\n", `no candidates.csv:2: "First party" Con has no votes in this row`},
		{"invalid utf-8", h + "A,Ann\xff,Red,1\n", `invalid utf-8.csv:2:`},
		{"unknown format", "colour,size\nred,3\n", `unknown format.csv:1: unknown results format`},
		{"unquoted thousands", h + "A,Ann,Red,1,004\n", `unquoted thousands.csv:2: expected 4 fields as in the header, found 5`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := write(t, c.name+".csv", c.content)
			for _, cmd := range []string{"report", "count"} {
				code, out, errs := runCLI(t, cmd, p, "--format", "json")
				if code != 1 || out != "" {
					t.Errorf("%s: exit %d, stdout %q", cmd, code, out)
				}
				line := strings.TrimSuffix(errs, "\n")
				if strings.Contains(line, "\n") || !strings.HasPrefix(line, "psephos: "+filepath.Dir(p)+"/"+c.want) {
					t.Errorf("%s: stderr %q\nwant prefix %q", cmd, errs, c.want)
				}
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"report"},
		{"report", "x.csv", "--format", "yaml"},
		{"report", "x.csv", "--by", "county"},
		{"report", "x.csv", "--bogus"},
		{"explain", "x.csv"},
		{"frobnicate"},
		{"count", "x.csv", "--tie-break", "coin"},
		{"count", "x.csv", "--column", "votes"},
		{"report", "x.csv", "--min-share", "-5"},
		{"report", "x.csv", "--min-share", "NaN"},
		{"explain", "x.csv", "--party", "Lab", "--limit", "-3"},
		{"explain", "x.csv", "--party", "Lab", "-f", "csv"},
	} {
		code, out, errs := runCLI(t, args...)
		if code != 2 || out != "" || !strings.HasPrefix(errs, "psephos: ") || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d stdout %q stderr %q", args, code, out, errs)
		}
	}
	code, _, errs := runCLI(t, "report", "no-such-dataset", "--no-download")
	if code != 1 || !strings.Contains(errs, "no dataset of that name") {
		t.Errorf("exit %d %s", code, errs)
	}
}

func TestGenericCSVWithMapping(t *testing.T) {
	p := write(t, "m.csv", "Seat;Who;Party;Total\nNorth;Ann;Red;10\nNorth;Bo;Blue;7\nSouth;Cy;Blue;5\nSouth;Di;Red;4\n")
	code, out, errs := runCLI(t, "report", p, "--delimiter", ";", "--column", "contest=Seat", "--column", "candidate=Who", "--column", "votes=Total", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	if !strings.Contains(out, "all,m.csv,Blue,Blue,2,1,12,46.1538,50,3.8462,1,1,0,12,7,0,0\n") {
		t.Errorf("csv:\n%s", out)
	}
}

func TestSVGCharts(t *testing.T) {
	p := datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")
	datadir.Path(t, "uk/maps/uk-constituencies-2024.hexjson")
	code, out, errs := runCLI(t, "report", p, "--svg", "map", "--data-dir", datadir.Dir(), "--no-download")
	if code != 0 || strings.Count(out, `class="hex"`) != 650 || !strings.HasPrefix(out, "<svg") {
		t.Errorf("exit %d %s", code, errs)
	}
	code, out, _ = runCLI(t, "report", p, "--svg", "parliament", "--colours", "Lab=#000000")
	if code != 0 || !strings.Contains(out, `data-party="Lab" data-seats="411" fill="#000000"`) {
		t.Errorf("exit %d", code)
	}
	for _, bad := range [][]string{{"--svg", "pie"}, {"--svg", "bars", "--colours", "Lab=red"}} {
		code, out, _ = runCLI(t, append([]string{"report", p}, bad...)...)
		if code != 2 || out != "" {
			t.Errorf("%v: exit %d", bad, code)
		}
	}
}

func TestLotsAndMappingsMustApply(t *testing.T) {
	p := datadir.Case(t, "21-fptp-tie-decided-by-lot/results.csv")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--lot", "Nowhere=X"}, 1, `recorded lot for "Nowhere": no contest of this election has that ID or name`},
		{[]string{"--lot", "Hillcrest=Erin Ellis"}, 1, `contest "Hillcrest" has no tie for its last seat`},
		{[]string{"--lot", "Millbrook=Carol Clark"}, 1, `the recorded lot names "Carol Clark", who is not among the tied candidates`},
		{[]string{"--column", "seats=Sitze"}, 1, `column "Sitze" (mapped with --column seats=Sitze) is not in the header`},
		{[]string{"--input-format", "xml"}, 2, `unknown input format "xml"`},
	} {
		code, out, errs := runCLI(t, append([]string{"count", p}, c.args...)...)
		if code != c.code || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q", c.args, code, errs)
		}
	}
	hoc := datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")
	code, _, errs := runCLI(t, "report", hoc, "--column", "votes=Votes")
	if code != 2 || !strings.Contains(errs, "--column and --delimiter apply to the generic CSV only") {
		t.Errorf("exit %d %s", code, errs)
	}
}

// A dataset name means the checked dataset, even if a file of that name is
// in the current folder; a changed copy of its companion file is an error.
func TestDatasetNamesAreChecked(t *testing.T) {
	src := datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")
	cons := datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-constituency.csv")
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "uk", "ge2024"), 0o755)
	data, _ := os.ReadFile(src)
	os.WriteFile(filepath.Join(dir, "uk", "ge2024", filepath.Base(src)), data, 0o644)
	c, _ := os.ReadFile(cons)
	c = append(c, '\n')
	os.WriteFile(filepath.Join(dir, "uk", "ge2024", filepath.Base(cons)), c, 0o644)
	code, out, errs := runCLI(t, "report", "uk-ge-2024", "--data-dir", dir, "--no-download")
	if code != 1 || out != "" || !strings.Contains(errs, "differs from the tested release") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(t.TempDir())
	os.WriteFile("uk-ge-2024", []byte("contest,party,votes\nA,Red,1\n"), 0o644)
	code, out, errs = runCLI(t, "report", "uk-ge-2024", "--data-dir", datadir.Dir(), "--no-download", "-f", "json")
	if code != 0 || !strings.Contains(out, `"valid_votes": 28809340`) {
		t.Errorf("a local file shadowed the dataset: exit %d %s", code, errs)
	}
	code, out, _ = runCLI(t, "report", "./uk-ge-2024", "-f", "json")
	if code != 0 || !strings.Contains(out, `"valid_votes": 1,`) {
		t.Errorf("./name should read the file: exit %d", code)
	}
}
