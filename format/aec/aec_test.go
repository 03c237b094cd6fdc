package aec

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/internal/ballottest"
	"github.com/psephos/psephos/internal/datadir"
)

func first(p *ballot.Profile) map[string]int64 {
	m := map[string]int64{}
	for i := 0; i < p.Len(); i++ {
		if r := p.Ranking(i); len(r) > 0 {
			m[p.Candidates[r[0]]] += p.Weight(i)
		}
	}
	return m
}

const layout2019 = "State,Division,Vote Collection Point Name,Vote Collection Point ID,Batch No,Paper No,A:Red,B:Blue,A:RED Ann,A:RED Bob,B:BLUE Cat,B:BLUE Dan,UG:GREY Eve\n"

func TestLayout2019(t *testing.T) {
	in := layout2019 +
		"TAS,Bass,X,1,1,1,1,2\n" + // above the line: Red then Blue
		"TAS,Bass,X,1,1,2,2,1\n" +
		"TAS,Bass,X,1,1,3,1,,1,2,3,4\n" + // 4 of 5 squares below: informal there, so above the line counts
		"TAS,Bass,X,1,1,4,,,5,4,3,2,1\n" + // every square numbered (5 ≤ 6): below the line
		"TAS,Bass,X,1,1,5,*,,\n" + // a cross above: a 1
		"TAS,Bass,X,1,1,6,1,1\n" // two 1s above: informal
	p, err := Read(strings.NewReader(in), "t.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]ballot.Mark{{0, 1, 2, 3}, {2, 3, 0, 1}, {0, 1}, {4, 3, 2, 1, 0}, {}}
	var got [][]ballot.Mark
	for i := 0; i < p.Len(); i++ {
		got = append(got, append([]ballot.Mark{}, p.Ranking(i)...))
	}
	if !reflect.DeepEqual(got, want) || p.Ballots() != 6 || len(p.Notes) != 1 {
		t.Errorf("rankings %v, %d ballots, notes %q", got, p.Ballots(), p.Notes)
	}
	if !reflect.DeepEqual(p.Parties, []string{"Red", "Red", "Blue", "Blue", ""}) || p.Candidates[4] != "GREY Eve" {
		t.Errorf("parties %q candidates %q", p.Parties, p.Candidates)
	}
	if _, err := Read(strings.NewReader(layout2019+"TAS,Bass,X,1,1,1,1,x\n"), "t.csv", Options{}); err == nil || !strings.Contains(err.Error(), "t.csv:2: box 2: expected a preference number") {
		t.Errorf("bad box: %v", err)
	}
}

// sequence follows s.268A(2)(b): repeated numbers and all higher are
// disregarded; so are numbers after a missing one.
func TestSequence(t *testing.T) {
	for _, c := range []struct {
		in   []int
		want []int
	}{
		{[]int{1, 2, 3, 3, 4, 5, 6}, []int{0, 1}},
		{[]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14}, []int{0, 1, 2, 3, 4, 5, 6, 7, 8}},
		{[]int{2, 1, 0, 99}, []int{1, 0}},
	} {
		if got := sequence(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%v: %v, want %v", c.in, got, c.want)
		}
	}
}

// NT 2016 (data README: 102,027 formal ballots; McCarthy and Scullion
// elected at count 1): first preferences of all 19 candidates equal the
// verified first count in ranked/aus-senate/fed2016/nt/verified/round_1.json
// (checked against the AEC's distribution of preferences, count 1).
// Tasmania 2019: 351,988 formal ballots, 44 candidates (data README).
func TestReal(t *testing.T) {
	cands, err := os.Open(datadir.Path(t, "ranked/aus-senate/fed2016/common/2016federalelection-all-candidates-nat-30-06-924.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer cands.Close()
	f, err := os.Open(datadir.Path(t, "ranked/aus-senate/fed2016/nt/data/aec-senate-formalpreferences-20499-NT.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Read(f, f.Name(), Options{Candidates: cands, CandidatesName: cands.Name()})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(datadir.Path(t, "ranked/aus-senate/fed2016/nt/verified/round_1.json"))
	if err != nil {
		t.Fatal(err)
	}
	var verified [][2]any
	if err := json.Unmarshal(b, &verified); err != nil {
		t.Fatal(err)
	}
	got := first(p)
	if p.Ballots() != 102027 || len(verified) != 19 || len(p.Candidates) != 19 || len(p.Notes) != 0 {
		t.Errorf("NT 2016: %d ballots, %d candidates, notes %q", p.Ballots(), len(p.Candidates), p.Notes)
	}
	for _, v := range verified {
		name, n := v[0].(string), int64(v[1].(float64))
		if got[name] != n {
			t.Errorf("NT 2016 first preferences of %s: %d, verified %d", name, got[name], n)
		}
	}
	// ACT 2016: 254,767 formal ballots (data README); 22 Senate candidates for
	// the ACT in the AEC candidates file.
	cands.Seek(0, 0)
	f, err = os.Open(datadir.Path(t, "ranked/aus-senate/fed2016/act/data/aec-senate-formalpreferences-20499-ACT.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	p, err = Read(f, f.Name(), Options{Candidates: cands, CandidatesName: cands.Name()})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if p.Ballots() != 254767 || len(p.Candidates) != 22 || len(p.Notes) != 0 {
		t.Errorf("ACT 2016: %d ballots, %d candidates, notes %q", p.Ballots(), len(p.Candidates), p.Notes)
	}
	if testing.Short() {
		return
	}
	f, err = os.Open(datadir.Path(t, "ranked/aus-senate/fed2019/tas/data/aec-senate-formalpreferences-24310-TAS.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	p, err = Read(f, f.Name(), Options{})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if p.Ballots() != 351988 || len(p.Candidates) != 44 || len(p.Notes) != 0 {
		t.Errorf("Tasmania 2019: %d ballots, %d candidates, notes %q", p.Ballots(), len(p.Candidates), p.Notes)
	}
}

func FuzzRead(f *testing.F) {
	f.Add(layout2019 + "TAS,Bass,X,1,1,1,1,2\nTAS,Bass,X,1,1,4,,,5,4,3,2,1\n")
	f.Add(layout2019 + "TAS,Bass,X,1,1,5,*,/\n")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Read(strings.NewReader(s), "f.csv", Options{})
		if !ballottest.Read(t, p, err, "f.csv") {
			return
		}
	})
}

// Read in parallel (the default, for a file this size) gives the same
// profile, ranking for ranking, as read line by line (KeepOrder):
// Tasmania 2019.
func TestParallelSameAsSequential(t *testing.T) {
	if testing.Short() {
		t.Skip("reads Tasmania 2019 twice")
	}
	path := datadir.Path(t, "ranked/aus-senate/fed2019/tas/data/aec-senate-formalpreferences-24310-TAS.csv.gz")
	read := func(keep bool) *ballot.Profile {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		p, err := Read(f, path, Options{KeepOrder: keep})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	par, seq := read(false), read(true)
	if par.Len() != seq.Len() || par.Ballots() != seq.Ballots() || !slices.Equal(par.Notes, seq.Notes) {
		t.Fatalf("parallel %d rankings %d ballots %q; sequential %d, %d, %q", par.Len(), par.Ballots(), par.Notes, seq.Len(), seq.Ballots(), seq.Notes)
	}
	for i := 0; i < par.Len(); i++ {
		if !slices.Equal(par.Ranking(i), seq.Ranking(i)) || par.Weight(i) != seq.Weight(i) {
			t.Fatalf("ranking %d differs", i)
		}
	}
}

// The fast reading of a line's boxes agrees with the general one (CSV
// fields, then each box) whenever it accepts a line.
func FuzzFastBoxes(f *testing.F) {
	f.Add([]byte("TAS,Bass,Beaconsfield,1,1,1,,5,6,3,4,,,,1,,,2"))
	f.Add([]byte("TAS,Bass,B,1,1,2,, 2 ,/,*,0,1000001,\t3,x"))
	f.Add([]byte("TAS,Bass,B,1,1,2"))
	f.Add([]byte(`TAS,Bass,"B, C",1,1,2,1`))
	s := &sheet{groups: [][]int{{0, 1}, {2}}, names: []string{"a", "b", "c"}}
	f.Fuzz(func(t *testing.T, line []byte) {
		x := newPaperParser(s, 6)
		if !x.fastBoxes(line) {
			return
		}
		fields, _, err := splitRecord(line, nil, nil)
		if err != nil || len(fields) < 6 || len(fields)-6 > len(x.vals) {
			t.Fatalf("fast path accepted %q; general path: %d fields, %v", line, len(fields), err)
		}
		for i, b := range fields[6:] {
			v, err := box(b)
			if err != nil || v != x.vals[i] {
				t.Fatalf("%q box %d: fast %d, general %d (%v)", line, i+1, x.vals[i], v, err)
			}
		}
		for i := len(fields) - 6; i < len(x.vals); i++ {
			if x.vals[i] != 0 {
				t.Fatalf("%q: box %d beyond the line is %d", line, i+1, x.vals[i])
			}
		}
	})
}
