package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/report"
)

// runArgs executes psephos with args as main does: the exit status is 0, 1
// for bad input, or 2 for bad usage.
func runArgs(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), code
}

// The bad inputs: each is a one-line error, a non-zero exit, and
// nothing on standard output.
func TestApportionBadInput(t *testing.T) {
	good := write(t, "good.csv", "party,votes\nA,600\nB,300\n")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"negative votes", []string{"apportion", write(t, "neg.csv", "party,votes\nA,600\nB,-3\n"), "-m", "dhondt", "-n", "5"}, 1, "neg.csv:3: column \"votes\": expected a count of votes ≥ 0, found \"-3\""},
		{"zero seats", []string{"apportion", good, "-m", "dhondt", "-n", "0"}, 2, "--seats 0: expected from 1 to 10,000,000 seats"},
		{"negative seats", []string{"apportion", good, "-m", "dhondt", "--seats", "-4"}, 2, "--seats -4: expected from 1 to 10,000,000 seats"},
		{"no seats at all", []string{"apportion", good, "-m", "dhondt"}, 2, "--seats is required: " + good + " gives no number of seats"},
		{"huge seats", []string{"apportion", good, "-m", "dhondt", "-n", "2000000000"}, 2, "--seats 2000000000: expected from 1 to 10,000,000 seats"},
		{"huge seats in the file", []string{"apportion", write(t, "big.csv", "party,votes,district,district_seats\nA,600,North,2000000000\nB,300,North,2000000000\n"), "-m", "dhondt"}, 1, "big.csv:2: district \"North\" has 2000000000 seats; expected at most 10000000"},
		{"threshold over 100%", []string{"apportion", good, "-m", "dhondt", "-n", "5", "--threshold", "101"}, 2, "--threshold: 101%: expected a percent from 0 to 100"},
		{"duplicate party", []string{"apportion", write(t, "dup.csv", "party,votes\nA,600\nA,300\n"), "-m", "hare", "-n", "5"}, 1, "dup.csv:3: district \"national\": party \"A\" appears twice (first at"},
		{"district with no seats", []string{"apportion", write(t, "d.csv", "party,votes,district,district_seats\nA,600,North,0\n"), "-m", "dhondt", "--by", "district"}, 1, "d.csv:2: district \"North\": expected at least 1 seat"},
		{"district seats missing", []string{"apportion", write(t, "d2.csv", "party,votes,district\nA,600,North\n"), "-m", "dhondt", "--by", "district"}, 1, "district \"North\" has no seats"},
		{"unknown method", []string{"apportion", good, "-m", "borda", "-n", "5"}, 2, "unknown method \"borda\""},
		{"no method", []string{"apportion", good, "-n", "5"}, 2, "--method is required"},
		{"bad tie step", []string{"apportion", good, "-m", "dhondt", "-n", "5", "--tie", "coin"}, 2, "unknown tie-break step \"coin\""},
		{"bad format", []string{"apportion", good, "-m", "dhondt", "-n", "5", "-f", "xml"}, 2, "unknown output format \"xml\""},
		{"misspelt exempt party", []string{"apportion", good, "-m", "dhondt", "-n", "5", "--threshold", "5", "--exempt", "C"}, 1, "party \"C\", exempt from the threshold, is not among the parties; expected one of: A, B"},
		{"misspelt tie order", []string{"apportion", good, "-m", "dhondt", "-n", "5", "--tie", "order", "--tie-order", "X,A"}, 1, "party \"X\", in the tie-break order, is not among the parties; expected one of: A, B"},
		{"tie order without order", []string{"apportion", good, "-m", "dhondt", "-n", "5", "--tie-order", "A,B"}, 2, "--tie-order applies to --tie order"},
		{"wins without constituency seats", []string{"apportion", good, "-m", "dhondt", "-n", "5", "--threshold", "5", "--wins", "3"}, 1, "the threshold's route by 3 constituency seat(s) needs each party's constituency seats, and the input gives none"},
		{"missing file", []string{"apportion", "/nonexistent.csv", "-m", "dhondt", "-n", "5"}, 1, "no such file"},
	}
	for _, c := range cases {
		out, errs, code := runArgs(t, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) || out != "" || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q, stdout %q; expected exit %d and %q", c.name, code, errs, out, c.code, c.want)
		}
	}
}

// Case 14 through the command: the JSON gives the seats, the order of award
// with exact quotients, and the next quotient.
func TestApportionJSON(t *testing.T) {
	p := datadir.Case(t, "14-dhondt-recompute-quotients/party_votes.csv")
	out, errs, code := runArgs(t, "apportion", p, "--method", "dhondt", "--seats", "7", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var j report.ApportionJSON
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	seats := map[string]int{}
	for _, p := range j.Parties {
		seats[p.Party] = p.Seats
	}
	if seats["Amber"] != 4 || seats["Blue"] != 1 || seats["Cyan"] != 1 || seats["Dune"] != 1 || seats["Ember"] != 0 {
		t.Errorf("seats %v; expected case 14's Amber 4, Blue 1, Cyan 1, Dune 1", seats)
	}
	d := j.Districts[0]
	if len(d.Awards) != 7 || d.Awards[5].Quotient != "4240/3" || d.Awards[6].Quotient != "1060" || d.Awards[6].Divisor != "4" {
		t.Errorf("awards %+v", d.Awards)
	}
	if len(d.Next) != 1 || d.Next[0].Party != "Blue" || d.Next[0].Quotient != "945" {
		t.Errorf("next %+v", d.Next)
	}
	// The other formats render the same apportionment.
	for _, f := range []string{"table", "markdown", "csv"} {
		out, errs, code := runArgs(t, "apportion", p, "--method", "dhondt", "--seats", "7", "--format", f)
		if code != 0 || !strings.Contains(out, "Amber") {
			t.Errorf("%s: exit %d %s", f, code, errs)
		}
		if f == "csv" {
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil || len(rows) != 6 || rows[1][1] != "Amber" || rows[1][6] != "4" {
				t.Errorf("csv: %v %v", rows, err)
			}
		}
	}
	// By district, with the same parties in two districts.
	two := write(t, "two.csv", "party,votes,district,district_seats\nA,600,N,3\nB,300,N,3\nA,500,S,2\nB,300,S,2\n")
	out, errs, code = runArgs(t, "apportion", two, "-m", "sainte-lague", "--by", "district", "-f", "json")
	if code != 0 {
		t.Fatalf("by district: exit %d %s", code, errs)
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if j.Seats != 5 || len(j.Districts) != 2 || j.Parties[0].Party != "A" || j.Parties[0].Seats != 3 {
		t.Errorf("by district: %+v", j)
	}
}

// UK 2024 compare through the command (House of Commons Library
// CBP-10009): every system fills the 650 seats, and each is explained in a
// line.
func TestCompareUK2024(t *testing.T) {
	datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")
	out, errs, code := runArgs(t, "compare", "uk-ge-2024", "--data-dir", datadir.Dir(), "--no-download", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var j report.CompareJSON
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Systems) != 4 {
		t.Fatalf("%d systems, expected the 4 defaults", len(j.Systems))
	}
	for _, s := range j.Systems {
		sum := 0
		for _, p := range s.Parties {
			sum += p.Seats
		}
		if sum != 650 || s.Seats != 650 || s.Description == "" {
			t.Errorf("%s: %d seats (parties sum to %d); expected 650 and a description", s.System, s.Seats, sum)
		}
	}
	if g := j.Systems[0].Indices.Gallagher; g == nil || *g < 23.695 || *g >= 23.705 {
		t.Errorf("FPTP Gallagher %v, expected 23.70 (data README)", g)
	}
	table, _, code := runArgs(t, "compare", "uk-ge-2024", "--data-dir", datadir.Dir(), "--no-download")
	if code != 0 || !strings.Contains(table, "What each column is") || !strings.Contains(table, "- ams by region (ams@region): additional member system") {
		t.Errorf("table output lacks the column explanations:\n%s", table)
	}
	_, errs, code = runArgs(t, "compare", "uk-ge-2024", "--data-dir", datadir.Dir(), "--no-download", "--systems", "fptp,borda")
	if code != 2 || !strings.Contains(errs, "unknown method \"borda\"") {
		t.Errorf("bad system: exit %d %s", code, errs)
	}
	_, errs, code = runArgs(t, "compare", "uk-ge-2024", "--data-dir", datadir.Dir(), "--no-download", "--independent", "Foo")
	if code != 1 || !strings.Contains(errs, `independent "Foo": no candidate of that party stands; expected party IDs such as Lab, Con, RUK,`) {
		t.Errorf("unknown independent: exit %d %s", code, errs)
	}
	_, errs, code = runArgs(t, "compare", "uk-ge-2024", "--data-dir", datadir.Dir(), "--no-download", "--list-share", "100")
	if code != 2 || !strings.Contains(errs, "--list-share 100") {
		t.Errorf("bad list share: exit %d %s", code, errs)
	}
}

// --threshold 1/150 is 1/150 of the votes (the Dutch electoral quota for 150
// seats, Kieswet P 7), the same rule as --threshold quota: both give the
// Kiesraad's published seats for 2023 (PVV 37, ..., JA21 1; AantalZetels).
// A fraction with a percent sign is a usage error.
func TestApportionThresholdFraction(t *testing.T) {
	nl := datadir.Path(t, "nl/uitslag_TK20231122_Nederland.csv")
	var outs []string
	for _, th := range []string{"1/150", "quota"} {
		out, errs, code := runArgs(t, "apportion", nl, "-m", "dhondt", "-n", "150", "--threshold", th, "-f", "json")
		if code != 0 {
			t.Fatalf("--threshold %s: exit %d %s", th, code, errs)
		}
		var j report.ApportionJSON
		if err := json.Unmarshal([]byte(out), &j); err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, p := range j.Parties {
			total += p.Seats
			want := 0 // an empty AantalZetels: the published seats (150) are all on other lists
			if p.OfficialSeats != nil {
				want = *p.OfficialSeats
			}
			if p.Seats != want {
				t.Errorf("--threshold %s: %s %d seats, officially %v", th, p.Party, p.Seats, p.OfficialSeats)
			}
		}
		if total != 150 || j.Threshold.SharePercent != "2/3" {
			t.Errorf("--threshold %s: %d seats, threshold %s%%; expected 150 seats and 2/3%%", th, total, j.Threshold.SharePercent)
		}
		outs = append(outs, out)
	}
	if outs[0] != outs[1] {
		t.Errorf("--threshold 1/150 and --threshold quota differ")
	}
	_, errs, code := runArgs(t, "apportion", nl, "-m", "dhondt", "-n", "150", "--threshold", "1/150%")
	if code != 2 || !strings.Contains(errs, "--threshold: \"1/150%\": a fraction is a share of the whole, not of a percent") {
		t.Errorf("--threshold 1/150%%: exit %d %s", code, errs)
	}
}

// --bundestag-2023 on the 2025 result (Die Bundeswahlleiterin; data
// README): the official totals (CDU 164, AfD 152, SPD 120, GRÜNE 85, Die
// Linke 64, CSU 44, SSW 1) and the 23 constituency winners the file marks as
// not covered by second votes (CDU 15, AfD 4, CSU 3, SPD 1; Bremen I among
// them), each named. A misspelt exempt party is an error naming it.
func TestApportionBundestag2023(t *testing.T) {
	de := datadir.Path(t, "de/bundestag-2025/2025-02_gesamtergebnis.xml")
	out, errs, code := runArgs(t, "apportion", de, "--bundestag-2023", "-f", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var j report.ApportionJSON
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"CDU": 164, "AfD": 152, "SPD": 120, "GRÜNE": 85, "Die Linke": 64, "CSU": 44, "SSW": 1}
	for _, p := range j.Parties {
		if p.Seats != want[p.Party] {
			t.Errorf("%s: %d seats, officially %d", p.Party, p.Seats, want[p.Party])
		}
	}
	c := j.Coverage
	if c == nil || c.House != 630 || c.Winners != 299 || len(c.NotSeated) != 23 {
		t.Fatalf("coverage %+v; expected a house of 630 and 23 of 299 winners not seated", c)
	}
	notSeated := map[string]int{}
	bremen := false
	for _, w := range c.NotSeated {
		notSeated[w.Party]++
		bremen = bremen || w.Contest == "Bremen I"
		if w.Why == "" || w.Candidate == "" || w.Land == "" {
			t.Errorf("%+v: expected the winner, the Land and why", w)
		}
	}
	if !maps.Equal(notSeated, map[string]int{"CDU": 15, "AfD": 4, "CSU": 3, "SPD": 1}) || !bremen {
		t.Errorf("not seated by party %v (Bremen I: %v)", notSeated, bremen)
	}
	seats := 0
	for _, p := range c.Parties {
		seats += p.Seats
		if p.Seats != p.Seated+p.List || p.Constituencies != p.Seated+p.NotSeated || p.Seats != want[p.Party] {
			t.Errorf("coverage %+v does not add up", p)
		}
	}
	if seats != 630 {
		t.Errorf("coverage seats %d, expected 630", seats)
	}
	table, _, code := runArgs(t, "apportion", de, "--bundestag-2023")
	if code != 0 || !strings.Contains(table, "23 of 299 constituency winners are not seated") || !strings.Contains(table, "│ Bremen I ") {
		t.Errorf("table: exit %d\n%s", code, table)
	}
	_, errs, code = runArgs(t, "apportion", de, "--bundestag-2023", "--exempt", "SWW")
	if code != 1 || !strings.Contains(errs, `party "SWW", exempt from the threshold, is not among the parties; expected one of: SPD, CDU,`) || !strings.Contains(errs, "SSW") {
		t.Errorf("--exempt SWW: exit %d %s", code, errs)
	}
	_, errs, code = runArgs(t, "apportion", write(t, "pv.csv", "party,votes\nA,6\nB,3\n"), "--bundestag-2023")
	if code != 2 || !strings.Contains(errs, "--bundestag-2023 needs the Bundestag result XML") {
		t.Errorf("--bundestag-2023 on a CSV: exit %d %s", code, errs)
	}
	// The first-vote report says its seats are constituency winners.
	out, _, code = runArgs(t, "report", de)
	if code != 0 || !strings.Contains(out, "constituency winners, not seats in the Bundestag") || !strings.Contains(out, "the file marks 23 of these winners as not covered") {
		t.Errorf("report: exit %d, no note on what its seats are", code)
	}
}
