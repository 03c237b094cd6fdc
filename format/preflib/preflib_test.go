package preflib

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/internal/ballottest"
)

const toc = `# FILE NAME: 00001-00000001.toc
# TITLE: Test
# DATA TYPE: toc
# NUMBER ALTERNATIVES: 3
# NUMBER VOTERS: 10
# NUMBER UNIQUE ORDERS: 3
# ALTERNATIVE NAME 1: Alice
# ALTERNATIVE NAME 2: Bob
# ALTERNATIVE NAME 3: Carol
5: 1,2,3
3: 2,{1,3}
2: {3,1,2}
`

func TestRead(t *testing.T) {
	p, err := Read(strings.NewReader(toc), "t.toc", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]ballot.Mark{{0, 1, 2}, {1, 0, ballot.Equal, 2}, {2, ballot.Equal, 0, ballot.Equal, 1}}
	for i, w := range want {
		if !reflect.DeepEqual(p.Ranking(i), w) {
			t.Errorf("order %d: %v, want %v", i+1, p.Ranking(i), w)
		}
	}
	if !p.EqualRanks || p.Ballots() != 10 || p.Title != "Test" || !reflect.DeepEqual(p.Candidates, []string{"Alice", "Bob", "Carol"}) {
		t.Errorf("%+v", p)
	}
	var b bytes.Buffer
	if err := Write(&b, p, "00001-00000001.toc"); err != nil {
		t.Fatal(err)
	}
	if b.String() != toc {
		t.Errorf("written:\n%s\nwant:\n%s", b.String(), toc)
	}
	for _, c := range []struct{ in, want string }{
		{strings.Replace(toc, "NUMBER VOTERS: 10", "NUMBER VOTERS: 11", 1), "t.toc:5: NUMBER VOTERS says 11"},
		{strings.Replace(toc, "5: 1,2,3", "5: 1,2", 1), "t.toc:10: a complete order (toc) must rank all 3"},
		{strings.Replace(toc, "5: 1,2,3", "5: 1,2,2", 1), "t.toc:10: alternative 2 appears twice"},
		{strings.Replace(toc, "DATA TYPE: toc", "DATA TYPE: soc", 1), "t.toc:11: unexpected '{'"},
		{strings.Replace(toc, "DATA TYPE: toc", "DATA TYPE: wmd", 1), "t.toc:3: data type \"wmd\""},
		{strings.Replace(toc, "5: 1,2,3", "5: 1,4,3", 1), "expected an alternative number from 1 to 3"},
	} {
		if _, err := Read(strings.NewReader(c.in), "t.toc", Options{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add(toc)
	f.Add(strings.Replace(strings.Replace(toc, "toc", "soi", -1), "3: 2,{1,3}\n2: {3,1,2}\n", "3: 2\n2: 3,1\n", 1))
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Read(strings.NewReader(s), "f.soi", Options{})
		if !ballottest.Read(t, p, err, "f.soi") {
			return
		}
		var b bytes.Buffer
		if err := Write(&b, p, "x"); err != nil {
			t.Fatal(err)
		}
		if q, err := Read(&b, "again", Options{}); err != nil || q.Ballots() != p.Ballots() {
			if !strings.ContainsAny(strings.Join(p.Candidates, ""), "\n\r") {
				t.Fatalf("round trip: %v\n%s", err, b.String())
			}
		}
	})
}
