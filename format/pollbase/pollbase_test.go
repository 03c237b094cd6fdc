package pollbase

import (
	"strings"
	"testing"
	"time"

	"github.com/psephos/psephos/internal/datadir"
)

const header = "year,month,fieldwork,fieldwork_start,published_day,pollster,publisher,con,lab,ld,green,reform,ukip,mode,geography_note,mrp\n"

// The real file: ../shared/data/uk/polls/pollbase_2019-2024_voting_intention.csv
// (PollBase, Mark Pack, markpack.org.uk/opinion-polls). Expected values are
// read off the file's rows (line numbers as in the file); the data README
// says its last row is the GB result of 4 July 2024.
func TestRealFile(t *testing.T) {
	path := datadir.Path(t, "uk/polls/pollbase_2019-2024_voting_intention.csv")
	polls, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(polls) != 1570 {
		t.Fatalf("polls = %d, want 1570 (1571 lines less the header)", len(polls))
	}
	first := polls[0] // line 2: 2020,Jan,8-10,2020-01-08,13,BMG,Ind,44,29,11,5,4,2
	if first.Pollster != "BMG" || !first.Start.Equal(time.Date(2020, 1, 8, 0, 0, 0, 0, time.UTC)) || first.Pos.Line != 2 {
		t.Errorf("first poll = %+v", first)
	}
	want := map[string]float64{"Con": 44, "Lab": 29, "LD": 11, "Green": 5, "RUK": 4, "UKIP": 2}
	for p, v := range want {
		if got, ok := first.Share(p); !ok || got != v {
			t.Errorf("first poll %s = %v (%v), want %v", p, got, ok, v)
		}
	}
	last := polls[len(polls)-1] // line 1571: the GB result, 4 July 2024
	if !last.Result || last.Pos.Line != 1571 || !last.Start.IsZero() {
		t.Errorf("last row = %+v, want the result row with no date", last)
	}
	for p, v := range map[string]float64{"Con": 24.4, "Lab": 34.7, "LD": 12.6, "Green": 6.9, "RUK": 14.7} {
		if got, _ := last.Share(p); got != v {
			t.Errorf("result %s = %v, want %v", p, got, v)
		}
	}
	if _, ok := last.Share("UKIP"); ok {
		t.Errorf("result row reports UKIP; the cell is empty")
	}
	// Line 337: a Stonehaven MRP poll with "n/a" fieldwork, no start date,
	// filed under August 2021, decimal shares.
	p := polls[337-2]
	if p.Pollster != "Stonehaven" || !p.MRP || !p.Start.IsZero() || p.Month != time.Date(2021, 8, 1, 0, 0, 0, 0, time.UTC) {
		t.Errorf("line 337 = %+v", p)
	}
	if v, _ := p.Share("Con"); v != 38.3 {
		t.Errorf("line 337 Con = %v, want 38.3", v)
	}
	// Line 679 files its poll under "Sept".
	if m := polls[679-2].Month; m.Month() != time.September {
		t.Errorf("line 679 month = %v, want September", m)
	}
	// Line 637 reports only UKIP.
	if s := polls[637-2].Shares; len(s) != 1 || s[0].Party != "UKIP" {
		t.Errorf("line 637 shares = %v, want only UKIP", s)
	}
	noDate, results := 0, 0
	for _, p := range polls {
		if p.Start.IsZero() {
			noDate++
		}
		if p.Result {
			results++
		}
	}
	if noDate != 26 || results != 1 {
		t.Errorf("rows without a start date = %d (want 26), result rows = %d (want 1)", noDate, results)
	}
}

func TestBadInput(t *testing.T) {
	row := func(s string) string { return header + s + "\n" }
	cases := []struct{ in, want string }{
		{"", "empty file"},
		{header, "no polls"},
		{"year,month,pollster,con,lab\n2020,Jan,X,1,2\n", `missing column "fieldwork_start"`},
		{row("2020,Jan,8-10,2020-01-08,13,,Ind,44,29,11,5,4,2,Internet,,"), `t.csv:2: empty "pollster"`},
		{row("2020,Jan,8-10,2020-01-08,13,BMG,Ind,-4,29,11,5,4,2,Internet,,"), `t.csv:2: column "con": expected a share of 0 to 100 percent, found a negative "-4"`},
		{row("2020,Jan,8-10,2020-01-08,13,BMG,Ind,44,2x9,11,5,4,2,Internet,,"), `column "lab": expected a share in percent`},
		{row("2020,Jan,8-10,2020-01-08,13,BMG,Ind,44,101,11,5,4,2,Internet,,"), `column "lab": expected a share of 0 to 100 percent, found "101"`},
		{row("2020,Jan,8-10,2020-01-08,13,BMG,Ind,60,40,11,5,4,2,Internet,,"), "the party shares sum to 122%"},
		{row("2020,Jan,8-10,08/01/2020,13,BMG,Ind,44,29,11,5,4,2,Internet,,"), `column "fieldwork_start": expected a date YYYY-MM-DD, found "08/01/2020"`},
		{row("20,Jan,8-10,2020-01-08,13,BMG,Ind,44,29,11,5,4,2,Internet,,"), `column "year"`},
		{row("2020,Janvier,8-10,2020-01-08,13,BMG,Ind,44,29,11,5,4,2,Internet,,"), `column "month": expected an English month name`},
		{row("2020,Jan,8-10,2020-01-08,13,BMG,Ind,44,29,11,5,4,Internet,,"), "expected 16 fields"},
		{row("2020,Jan,8-10,2020-01-08,13,BMG,Ind,44,29,11,5,NaN,2,Internet,,"), `column "reform"`},
	}
	for _, c := range cases {
		_, err := Read(strings.NewReader(c.in), "t.csv")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Read(%q) error = %v, want it to contain %q", c.in, err, c.want)
		}
	}
}

func TestRounding(t *testing.T) {
	// Six shares rounded to whole numbers can sum to at most 103.
	in := header + "2020,Jan,8-10,2020-01-08,13,BMG,Ind,45,30,11,5,7,3,Internet,,\n"
	polls, err := Read(strings.NewReader(in), "t.csv")
	if err != nil || len(polls) != 1 || len(polls[0].Shares) != 6 {
		t.Fatalf("Read = %v, %v; want one poll with six shares summing to 101", polls, err)
	}
}

func FuzzRead(f *testing.F) {
	f.Add(header + "2020,Jan,8-10,2020-01-08,13,BMG,Ind,44,29,11,5,4,2,Internet,,\n")
	f.Add(header + "2021,Aug,n/a,,,Stonehaven,,38.3,33.3,8.9,6.6,2.9,,Internet,,MRP poll\n")
	f.Add(header + "2024,,,,4,Result,,24.4,34.7,12.6,6.9,14.7,,,\"GB, not UK\",\n")
	f.Add(header + "2022,Sept,8-14,2022-09-08,,Stack,,32,41,10,6,4,,Internet,,MRP poll\n")
	f.Add("\xef\xbb\xbf" + header + "2020,Jun ,1-2,2020-06-01,4,X,,1.5,2,3,,,,,,\r\n")
	f.Fuzz(func(t *testing.T, in string) {
		polls, err := Read(strings.NewReader(in), "f.csv")
		if err != nil {
			if polls != nil {
				t.Fatalf("polls returned with error %v", err)
			}
			if strings.ContainsAny(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
			return
		}
		for _, p := range polls {
			if p.Pollster == "" || p.Pos.Line < 2 {
				t.Fatalf("bad poll %+v", p)
			}
			sum := 0.0
			for _, s := range p.Shares {
				if s.Percent < 0 || s.Percent > 100 {
					t.Fatalf("share out of range: %+v", s)
				}
				sum += s.Percent
			}
			if sum > 100+0.5*float64(len(p.Shares))+1e-9 {
				t.Fatalf("sum %v accepted", sum)
			}
		}
	})
}
