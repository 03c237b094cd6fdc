package debian_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/format/debian"
	"github.com/psephos/psephos/internal/ballottest"
	"github.com/psephos/psephos/internal/datadir"
)

const sheet = `
		       Tally Sheet for the votes cast.
   The format is:
       "V: vote 		MD5SUM"
 -=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=

     Option 1----->: Alice
   /  Option 2---->: Bob
   |/  Option 3--->: None Of The Above
   ||/
V: 21- 		1d7ba886e62a2cf64379a5c8f8032cc2
V: 113 		5983810b34693310479f3b26eda85177
V: --1 		1ccb15e79dc5734b217fb8e3fb296b9d
V: 817 		52b444e0fb8778d31d52efb6b6e88401
V: --- 		b2c77c75a0747fc1b6019ca54d76aa42
`

func TestRead(t *testing.T) {
	p, err := debian.Read(strings.NewReader(sheet), "t.txt", debian.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p.Candidates, []string{"Alice", "Bob", "None Of The Above"}) || !p.EqualRanks || p.Ballots() != 5 || p.Len() != 5 {
		t.Fatalf("candidates %q, equal %v, %d ballots, %d distinct", p.Candidates, p.EqualRanks, p.Ballots(), p.Len())
	}
	want := [][]ballot.Mark{
		{1, 0},                  // 21-: Bob 1, Alice 2
		{0, ballot.Equal, 1, 2}, // 113: Alice = Bob, then the default
		{2},                     // --1
		{1, 2, 0},               // 817: ranks 1, 7, 8 in that order
		{},                      // ---: nothing ranked
	}
	for i, w := range want {
		if got := p.Ranking(i); !reflect.DeepEqual(got, w) && !(len(got) == 0 && len(w) == 0) {
			t.Errorf("ballot %d: %v, want %v", i+1, got, w)
		}
	}
}

func TestErrors(t *testing.T) {
	head := "Option 1-->: A\nOption 2->: B\n"
	for in, want := range map[string]string{
		head + "V: 1 h\n":                 "t.txt:3: expected 2 ranks (one per option), found 1",
		head + "V: 1x h\n":                `t.txt:3: option 2: expected a rank 1-9 or "-" (unranked), found 'x'`,
		head + "V: 10 h\n":                `t.txt:3: option 2: expected a rank 1-9 or "-" (unranked), found '0'`,
		head + "V: 12 h x\n":              `t.txt:3: expected "V: " then the ranks and a hash`,
		head + "V: 12 h\nOption 3>: C\n":  "t.txt:4: expected a ballot line",
		head + "hello\n":                  `t.txt:3: expected a ballot line "V: ranks hash", found "hello"`,
		"Option 1-->: A\nOption 3->: B\n": "t.txt:2: expected Option 2, found Option 3",
		"Option 1-->: \n":                 "t.txt:1: expected the name of option 1",
		"V: 12 h\n":                       "t.txt:1: expected the option lines",
		"just text\n":                     "t.txt:1: expected a Debian tally sheet",
	} {
		_, err := debian.Read(strings.NewReader(in), "t.txt", debian.Options{})
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
	var ten strings.Builder
	for i := 1; i <= 10; i++ {
		ten.WriteString("Option " + string(rune('0'+i%10)) + "->: X\n")
	}
	if _, err := debian.Read(strings.NewReader(strings.Replace(ten.String(), "Option 0", "Option 10", 1)), "t.txt", debian.Options{}); err == nil || !strings.Contains(err.Error(), "at most 9 options") {
		t.Errorf("ten options: %v", err)
	}
}

// Option names in ISO 8859-1 (the 2007 sheet's "Rapha\xebl") are decoded,
// and a note says so.
func TestLatin1(t *testing.T) {
	p, err := debian.Read(strings.NewReader("Option 1->: Rapha\xebl Hertzog\nV: 1 h\n"), "t.txt", debian.Options{})
	if err != nil || p.Candidates[0] != "Raphaël Hertzog" || len(p.Notes) != 1 {
		t.Errorf("%v %q %v", err, p.Candidates, p.Notes)
	}
}

// The Debian Project Leader tally sheets of 2006 and 2007
// (ranked/debian-leader; data README): detected by content, 8 and 9
// options, one ballot per "V:" line (421 and 482), the default option last.
func TestReal(t *testing.T) {
	for _, c := range []struct {
		rel     string
		options int
		ballots int64
		last    string
	}{
		{"ranked/debian-leader/leader2006_tally.txt", 8, 421, "None of the Above"},
		{"ranked/debian-leader/leader2007_tally.txt", 9, 482, "None Of The Above"},
	} {
		p, fm, err := format.ReadBallotsFile(datadir.Path(t, c.rel), format.BallotOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if fm != debian.Format || len(p.Candidates) != c.options || p.Ballots() != c.ballots || p.Candidates[c.options-1] != c.last {
			t.Errorf("%s: %s, %d options (%q), %d ballots", c.rel, fm, len(p.Candidates), p.Candidates, p.Ballots())
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add(sheet)
	f.Add("Option 1-->: A\nOption 2->: B\nV: 1- h\nV: 22 h\n")
	f.Add("Option 1-->: A\r\n   |/\r\nV: 1 h\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := debian.Read(strings.NewReader(s), "f.txt", debian.Options{})
		if !ballottest.Read(t, p, err, "f.txt") {
			return
		}
		if len(p.Candidates) == 0 || len(p.Candidates) > 9 {
			t.Fatalf("%d options", len(p.Candidates))
		}
	})
}
