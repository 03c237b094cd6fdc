package csv_test

import (
	"os"
	"strings"
	"testing"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/csv"
	"github.com/psephos/psephos/internal/datadir"
)

func readCase(t *testing.T, rel string) (*election.Election, error) {
	t.Helper()
	p := datadir.Case(t, rel)
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return csv.Read(f, "results.csv", csv.Options{})
}

// Case 23 (../shared/cases/23-fptp-csv-bom-crlf-quoted, after RCTab issues
// #793 and #880 and arlo #698): BOM, CRLF, quoted commas in names and
// numbers, a doubled quote, and "Blue " with a trailing space.
func TestCase23AwkwardButValidCSV(t *testing.T) {
	e, err := readCase(t, "23-fptp-csv-bom-crlf-quoted/results.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Contests) != 2 {
		t.Fatalf("contests = %d, want 2", len(e.Contests))
	}
	rows := 0
	party := map[string]int64{}
	var total int64
	for _, c := range e.Contests {
		rows += len(c.Candidates)
		for _, k := range c.Candidates {
			party[k.Party] += k.Votes
			total += k.Votes
		}
	}
	if rows != 6 || total != 39768 {
		t.Errorf("rows %d total %d, want 6 and 39,768", rows, total)
	}
	want := map[string]int64{"Blue": 22222, "Red": 13332, "Green": 3210, "Yellow": 1004}
	if len(party) != len(want) {
		t.Errorf("parties %v, want %v (\"Blue \" must be Blue)", party, want)
	}
	for k, v := range want {
		if party[k] != v {
			t.Errorf("%s = %d, want %d", k, party[k], v)
		}
	}
	if c := e.Contests[0]; c.Name != "Northshire, East and Dale" || c.ValidVotes() != 27901 {
		t.Errorf("first contest %q with %d votes", c.Name, c.ValidVotes())
	}
	if k := e.Contests[1].Candidates[2]; k.Name != `Frank "Frankie" Ford` || k.Votes != 1004 {
		t.Errorf("candidate %q %d", k.Name, k.Votes)
	}
}

// Case 24 (../shared/cases/24-fptp-csv-unquoted-thousands, after
// openelections-data-ca PR #206): an unquoted 1,004 makes line 3 five
// fields against a four-field header; the file is rejected, not guessed.
func TestCase24UnquotedThousandsRejected(t *testing.T) {
	e, err := readCase(t, "24-fptp-csv-unquoted-thousands/results.csv")
	if err == nil {
		t.Fatalf("read %d contests; want an error", len(e.Contests))
	}
	if !strings.HasPrefix(err.Error(), "results.csv:3: expected 4 fields as in the header, found 5") {
		t.Errorf("error = %q", err)
	}
}

func TestColumnMapping(t *testing.T) {
	in := "Seat;Code;Region;Name;Party;Total\nNorth;N1;Upland;Ann;Red;\"1.000\"\n"
	cols := csv.DefaultColumns()
	for f, c := range map[string]string{"contest": "Seat", "contest_id": "Code", "candidate": "Name", "votes": "Total", "region": "Region"} {
		if err := cols.Set(f, c); err != nil {
			t.Fatal(err)
		}
	}
	_, err := csv.Read(strings.NewReader(in), "m.csv", csv.Options{Columns: cols, Comma: ';'})
	if err == nil || !strings.Contains(err.Error(), `m.csv:2: column "Total": expected a whole number of votes (digits, optionally grouped as 12,345), found "1.000"`) {
		t.Fatalf("err = %v", err)
	}
	in = strings.Replace(in, `"1.000"`, "1000", 1) + "North;N1;Upland;Bo;Blue;900\n"
	e, err := csv.Read(strings.NewReader(in), "m.csv", csv.Options{Columns: cols, Comma: ';'})
	if err != nil {
		t.Fatal(err)
	}
	c := e.Contests[0]
	if c.ID != "N1" || c.Name != "North" || c.Area(election.Region) != "Upland" || len(c.Candidates) != 2 || c.Candidates[0].Votes != 1000 {
		t.Errorf("contest = %+v", c)
	}
	if err := cols.Set("colour", "X"); err == nil {
		t.Error("unknown field accepted")
	}
	// A mapped column that is not there is an error, not ignored.
	cols.Set("seats", "Sitze")
	if _, err := csv.Read(strings.NewReader(in), "m.csv", csv.Options{Columns: cols, Comma: ';'}); err == nil || !strings.HasPrefix(err.Error(), `m.csv:1: column "Sitze" (mapped with --column seats=Sitze) is not in the header`) {
		t.Errorf("err = %v", err)
	}
}

func TestPerContestValues(t *testing.T) {
	in := "contest,party,votes,seats,electorate,invalid_votes\nA,Red,10,2,100,\nA,Blue,8,,100,3\nA,Green,5,2,,\n"
	e, err := csv.Read(strings.NewReader(in), "p.csv", csv.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := e.Contests[0]
	if c.Seats != 2 || c.Electorate != 100 || c.Invalid != 3 || c.Candidates[0].Name != "" {
		t.Errorf("contest = %+v", c)
	}
	bad := strings.Replace(in, "A,Green,5,2,,", "A,Green,5,3,,", 1)
	if _, err := csv.Read(strings.NewReader(bad), "p.csv", csv.Options{}); err == nil || !strings.HasPrefix(err.Error(), `p.csv:4: contest "A": seats 3 here but 2 on an earlier row`) {
		t.Errorf("err = %v", err)
	}
	dup := in + "A,Red,1,,,\n"
	if _, err := csv.Read(strings.NewReader(dup), "p.csv", csv.Options{}); err == nil || !strings.HasPrefix(err.Error(), `p.csv:5: contest "A": party "Red" appears twice (first at p.csv:2)`) {
		t.Errorf("err = %v", err)
	}
}

func TestBadInput(t *testing.T) {
	h := "contest,candidate,party,votes\n"
	cases := []struct{ name, in, want string }{
		{"empty", "", "x.csv: empty file: expected a header line"},
		{"missing votes column", "contest,candidate,party\nA,Ann,Red\n", `x.csv:1: missing column "votes"`},
		{"negative", h + "A,Ann,Red,-3\n", `x.csv:2: column "votes": expected a count of votes ≥ 0, found "-3"`},
		{"decimal", h + "A,Ann,Red,3.5\n", `x.csv:2: column "votes": expected a whole number of votes`},
		{"empty votes", h + "A,Ann,Red,\n", `x.csv:2: column "votes": expected a whole number of votes, found an empty field`},
		{"bad grouping", h + "A,Ann,Red,\"12,34\"\n", `x.csv:2: column "votes": expected a whole number of votes`},
		{"duplicate", h + "A,Ann,Red,3\nA,Bo,Blue,2\nA,Ann,Red,4\n", `x.csv:4: contest "A": duplicate candidate "Ann" ("Red"), first at x.csv:2`},
		{"no candidates", h, "x.csv: no contests"},
		{"empty contest", h + ",Ann,Red,3\n", `x.csv:2: empty "contest"`},
		{"empty party", h + "A,Ann,,3\n", `x.csv:2: empty "party"`},
		{"invalid utf-8", h + "A,\xc3\x28,Red,3\n", "x.csv:2:3: invalid UTF-8 in field 2 (byte 0xC3)"},
		{"bare quote", h + "A,An\"n,Red,3\n", "x.csv:2:5: malformed CSV"},
		{"fewer fields", h + "A,Ann,3\n", "x.csv:2: expected 4 fields as in the header, found 3"},
		{"line break in a name", h + "A,\"An\nn\",Red,3\n", "x.csv:2:3: control character 0x0A in field 2"},
		{"repeated column", "contest,candidate,party,votes,Votes\n", `x.csv:1: column "Votes" appears twice in the header (columns 4 and 5)`},
		{"huge", h + "A,Ann,Red,4000000000000000000\n", `x.csv:2: column "votes": expected a whole number of votes up to 1000000000000`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := csv.Read(strings.NewReader(c.in), "x.csv", csv.Options{})
			if err == nil {
				t.Fatalf("no error, %d contests", len(e.Contests))
			}
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error %q\nwant prefix %q", err, c.want)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add("contest,candidate,party,votes\nA,Ann,Red,\"1,234\"\nA,Bo,Blue,99\n")
	f.Add("\xef\xbb\xbfcontest,party,votes,seats,electorate\r\nA,Red,1,2,3\r\nA,Blue,1,2,3\r\nA,Green,0,,\r\n")
	f.Add("contest,candidate,party,votes\nA,\"x\ny\",Red,0\n")
	f.Add("contest,candidate,party,votes\n")
	f.Fuzz(func(t *testing.T, in string) {
		e, err := csv.Read(strings.NewReader(in), "f.csv", csv.Options{})
		if err != nil {
			if e != nil || strings.Contains(err.Error(), "\n") {
				t.Fatalf("bad failure: %v", err)
			}
			if !strings.HasPrefix(err.Error(), "f.csv") {
				t.Fatalf("error without position: %q", err)
			}
			return
		}
		if err := e.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}
