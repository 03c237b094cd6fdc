package hoc_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/hoc"
	"github.com/psephos/psephos/internal/datadir"
)

const (
	ge2024Candidates     = "uk/ge2024/HoC-GE2024-results-by-candidate.csv"
	ge2024Constituencies = "uk/ge2024/HoC-GE2024-results-by-constituency.csv"
)

func read(t *testing.T, rel string, fn func(*os.File, string) (*election.Election, error)) *election.Election {
	t.Helper()
	p := datadir.Path(t, rel)
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e, err := fn(f, p)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func candidates(f *os.File, n string) (*election.Election, error) { return hoc.Candidates(f, n) }
func constituencies(f *os.File, n string) (*election.Election, error) {
	return hoc.Constituencies(f, n)
}

// Source: House of Commons Library CBP-10009, HoC-GE2024-results-by-candidate.csv;
// facts from ../shared/data/README.md (650 constituencies: England 543,
// Scotland 57, Wales 32, NI 18; valid votes 28,809,340; 4,515 candidates).
func TestCandidates2024(t *testing.T) {
	e := read(t, ge2024Candidates, candidates)
	if len(e.Contests) != 650 {
		t.Fatalf("contests = %d, want 650", len(e.Contests))
	}
	nations := map[string]int{}
	var valid int64
	rows := 0
	for i := range e.Contests {
		c := &e.Contests[i]
		nations[c.Area(election.Nation)]++
		valid += c.ValidVotes()
		rows += len(c.Candidates)
		if c.Electorate != election.Unknown || c.Invalid != election.Unknown {
			t.Errorf("%s: electorate/invalid should be unknown in the candidate file", c.Name)
		}
	}
	want := map[string]int{"England": 543, "Scotland": 57, "Wales": 32, "Northern Ireland": 18}
	for k, v := range want {
		if nations[k] != v {
			t.Errorf("%s: %d constituencies, want %d", k, nations[k], v)
		}
	}
	if valid != 28809340 {
		t.Errorf("valid votes = %d, want 28,809,340", valid)
	}
	if rows != 4515 {
		t.Errorf("candidates = %d, want 4,515", rows)
	}
	// Hendon (E14001279): Labour's David Pinto-Duschinsky won by 15 votes
	// (README: smallest majority Hendon, 15).
	for i := range e.Contests {
		c := &e.Contests[i]
		if c.ID != "E14001279" {
			continue
		}
		if c.Name != "Hendon" || c.Area(election.Region) != "London" {
			t.Errorf("E14001279 = %q in %q", c.Name, c.Area(election.Region))
		}
		var lab, con int64
		for _, k := range c.Candidates {
			switch k.Party {
			case "Lab":
				lab = k.Votes
			case "Con":
				con = k.Votes
			}
		}
		if lab-con != 15 {
			t.Errorf("Hendon Lab−Con = %d, want 15", lab-con)
		}
	}
	// The original's double-encoded name is kept byte for byte (README).
	found := false
	for i := range e.Contests {
		for _, k := range e.Contests[i].Candidates {
			if strings.Contains(k.Name, "\u00c3\u0081ine") {
				found = true
			}
		}
	}
	if !found {
		t.Error(`the double-encoded name "\u00c3\u0081ine" was not kept as given`)
	}
	// Greens of three nations share the code "Green"; Labour and Co-operative is "Lab".
	if p := e.Party("Lab"); p.Name != "Labour" {
		t.Errorf("Lab name = %q", p.Name)
	}
	if !strings.Contains(strings.Join(e.Notes, " "), "Scottish Green Party") {
		t.Errorf("grouping note does not list the Green names: %q", e.Notes)
	}
}

// Source: CBP-10009 results by constituency; README: invalid 116,253;
// valid 28,809,340.
func TestConstituencies2024(t *testing.T) {
	e := read(t, ge2024Constituencies, constituencies)
	if len(e.Contests) != 650 {
		t.Fatalf("contests = %d", len(e.Contests))
	}
	var valid, invalid int64
	for i := range e.Contests {
		valid += e.Contests[i].ValidVotes()
		invalid += e.Contests[i].Invalid
	}
	if valid != 28809340 || invalid != 116253 {
		t.Errorf("valid %d invalid %d, want 28,809,340 and 116,253", valid, invalid)
	}
}

func TestCandidates2019(t *testing.T) {
	// Source: CBP-8749; README: valid 32,014,110.
	e := read(t, "uk/ge2019/HoC-GE2019-results-by-candidate.csv", candidates)
	var valid int64
	for i := range e.Contests {
		valid += e.Contests[i].ValidVotes()
	}
	if len(e.Contests) != 650 || valid != 32014110 {
		t.Errorf("%d contests, %d valid; want 650 and 32,014,110", len(e.Contests), valid)
	}
}

const candHeader = "ONS ID,ONS region ID,Constituency name,County name,Region name,Country name,Constituency type,Party name,Party abbreviation,Electoral Commission party ID,MNIS party ID,Electoral Commission adjunct party ID,Candidate first name,Candidate surname,Candidate gender,Sitting MP,Former MP,Member MNIS ID,Votes,Share,Change,Democracy Club person ID\r\n"

func row(id, name, party, first, last, votes string) string {
	return id + ",X,\"" + name + "\",,Wales,Wales,County,Party," + party + ",,,," + first + "," + last + ",,No,No,," + votes + ",0.1,,1\r\n"
}

// Bad input: each defect gives one error naming file:line; nothing is read.
func TestCandidatesBadInput(t *testing.T) {
	good := row("W1", "A", "Lab", "Ann", "Jones", "\"1,200\"") + row("W1", "A", "Con", "Bob", "Smith", "900")
	cases := []struct {
		name, input, want string
	}{
		{"empty", "", "in.csv: empty file"},
		{"missing column", strings.Replace(candHeader, "Votes,", "Vote,", 1) + good, `in.csv:1: missing column "Votes"`},
		{"non-numeric", candHeader + good + row("W1", "A", "LD", "Cy", "Lee", "twelve"), `in.csv:4: column "Votes": expected a whole number of votes`},
		{"negative", candHeader + good + row("W1", "A", "LD", "Cy", "Lee", "-5"), `in.csv:4: column "Votes": expected a count of votes ≥ 0, found "-5"`},
		{"unquoted thousands", candHeader + strings.Replace(good, `"1,200"`, "1,200", 1), "in.csv:2: expected 22 fields as in the header, found 23"},
		{"duplicate", candHeader + good + row("W1", "A", "Con", "Bob", "Smith", "5"), `in.csv:4: contest "A": duplicate candidate "Bob Smith" ("Con"), first at in.csv:3`},
		{"invalid utf-8", candHeader + row("W1", "A", "Lab", "Ann\xff", "Jones", "3"), "in.csv:2:"},
		{"no party", candHeader + row("W1", "A", "", "Ann", "Jones", "3"), `in.csv:2: empty "Party abbreviation"`},
		{"no id", candHeader + row("", "A", "Lab", "Ann", "Jones", "3"), `in.csv:2: empty "ONS ID"`},
		{"header only", candHeader, "in.csv: no contests"},
		{"conflicting name", candHeader + good + row("W1", "B", "LD", "Cy", "Lee", "5"), `in.csv:4: constituency W1 is named "B" here but "A" at in.csv:2`},
		{"quoted line break", candHeader + row("W1", "A\nB", "Lab", "Ann", "Jones", "3"), "in.csv:2:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := hoc.Candidates(strings.NewReader(c.input), "in.csv")
			if err == nil {
				t.Fatalf("no error; read %d contests", len(e.Contests))
			}
			if !strings.HasPrefix(err.Error(), c.want) && !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want it to start with %q", err, c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
			var pe *election.Error
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not an *election.Error", err)
			}
		})
	}
}

const consHeader = "ONS ID,ONS region ID,Constituency name,County name,Region name,Country name,Constituency type,Declaration time,Member first name,Member surname,Member gender,Result,First party,Second party,Electorate,Valid votes,Invalid votes,Majority,Con,Lab,LD,All other candidates,Of which other winner\r\n"

func TestConstituenciesSplitsOthers(t *testing.T) {
	// W1: an independent wins from "All other candidates" (2,000 of 2,600)
	// with Labour second (1,500, majority 500): the winner's line is split
	// out exactly; the remaining 600 stay one aggregate line.
	// W2: Labour (3,000) wins and "Second party" is Ind, outside the party
	// columns; the Majority 500 would give the independent 2,500 votes, more
	// than the 2,000 other votes: an error at line 3.
	w1 := `W1,X,Town,,Wales,Wales,County,,Ann,Jones,F,Ind gain,Ind,Lab,9000,5100,10,500,"1,000","1,500",0,"2,600","2,000"` + "\r\n"
	w2 := `W2,X,Village,,Wales,Wales,County,,Bob,Smith,M,Lab hold,Lab,Ind,9000,6000,0,500,1000,3000,0,2000,0` + "\r\n"
	_, err := hoc.Constituencies(strings.NewReader(consHeader+w1+w2), "c.csv")
	if err == nil || !strings.HasPrefix(err.Error(), "c.csv:3: ") {
		t.Fatalf("err = %v, want an error at c.csv:3", err)
	}
	// With Majority 1,000 the independent has 3,000 − 1,000 = 2,000 votes.
	w2 = strings.Replace(w2, "6000,0,500,", "6000,0,1000,", 1)
	e, err := hoc.Constituencies(strings.NewReader(consHeader+w1+w2), "c.csv")
	if err != nil {
		t.Fatal(err)
	}
	l1 := e.Contests[0].Candidates
	if len(l1) != 4 || l1[2].Party != "Ind" || l1[2].Votes != 2000 || l1[2].Name != "Ann Jones" || !l1[3].Aggregate || l1[3].Votes != 600 {
		t.Errorf("W1 lines = %+v", l1)
	}
	l2 := e.Contests[1].Candidates
	if len(l2) != 3 || l2[2].Party != "Ind" || l2[2].Votes != 2000 || l2[2].Aggregate {
		t.Errorf("W2 lines = %+v", l2)
	}
}

func TestConstituenciesChecksDeclaredTotals(t *testing.T) {
	bad := consHeader + `W1,X,Town,,Wales,Wales,County,,Ann,Jones,F,Lab hold,Lab,Con,9000,5000,10,2000,1000,3000,0,0,0` + "\r\n"
	_, err := hoc.Constituencies(strings.NewReader(bad), "c.csv")
	if err == nil || !strings.Contains(err.Error(), `c.csv:2: party columns and "All other candidates" sum to 4000 votes; expected "Valid votes" 5000`) {
		t.Errorf("err = %v", err)
	}
	wrongFirst := consHeader + `W1,X,Town,,Wales,Wales,County,,Ann,Jones,F,Con hold,Con,Lab,9000,4000,10,2000,1000,3000,0,0,0` + "\r\n"
	if _, err := hoc.Constituencies(strings.NewReader(wrongFirst), "c.csv"); err == nil || !strings.Contains(err.Error(), `"First party" is Con with 1000 votes but Lab has 3000`) {
		t.Errorf("err = %v", err)
	}
}

func FuzzCandidates(f *testing.F) {
	f.Add(candHeader + row("W1", "A", "Lab", "Ann", "Jones", "\"1,200\"") + row("W1", "A", "Con", "Bob", "Smith", "900"))
	f.Add(candHeader)
	f.Add("\xef\xbb\xbf" + candHeader + row("W1", "A, B", "Lab", "Ann", "Jones", "0"))
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		e, err := hoc.Candidates(strings.NewReader(in), "f.csv")
		checkFuzz(t, e, err)
	})
}

func FuzzConstituencies(f *testing.F) {
	f.Add(consHeader + `W1,X,Town,,Wales,Wales,County,,Ann,Jones,F,Ind gain,Ind,Lab,9000,5100,10,500,"1,000","1,500",0,"2,600","2,000"` + "\r\n")
	f.Add(consHeader)
	f.Fuzz(func(t *testing.T, in string) {
		e, err := hoc.Constituencies(strings.NewReader(in), "f.csv")
		checkFuzz(t, e, err)
	})
}

// checkFuzz: a reader either fails with a one-line positioned error and no
// election, or returns an election that validates.
func checkFuzz(t *testing.T, e *election.Election, err error) {
	t.Helper()
	if err != nil {
		if e != nil {
			t.Fatal("an error and an election")
		}
		if strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "f.csv") {
			t.Fatalf("error not one positioned line: %q", err)
		}
		return
	}
	if verr := e.Validate(); verr != nil {
		t.Fatalf("returned an invalid election: %v", verr)
	}
}
