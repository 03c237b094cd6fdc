package stv_test

import (
	"bufio"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/stv"
)

// refStage is one stage of a reference dump: the quota, the
// non-transferable votes and each candidate's votes, as printed.
type refStage struct {
	quota, ntv string
	votes      map[string]string
}

// readDump reads a Droop tab-separated dump (ranked/glasgow-2007/ref-dump,
// data README: "another counter's stage-by-stage outputs at that
// precision"): the "begin" line is stage 1, each round's "transfer" line
// the next stage; "elect" lines name the elected.
func readDump(t *testing.T, path string) ([]refStage, []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var stages []refStage
	var elected []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 4 {
			continue
		}
		action := f[1]
		if action != "begin" && action != "transfer" && action != "elect" && action != "end" {
			continue
		}
		st := refStage{quota: f[2], ntv: f[3], votes: map[string]string{}}
		for i := 4; i+2 < len(f)+0 && i+2 <= len(f)-1; i += 3 {
			st.votes[f[i]] = f[i+2]
			if (f[i+1] == "E" || f[i+1] == "e") && !seen[f[i]] {
				seen[f[i]] = true
				elected = append(elected, f[i])
			}
		}
		if action == "begin" || action == "transfer" {
			stages = append(stages, st)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return stages, elected
}

// Glasgow City Council 2007, 15 wards (ranked/glasgow-2007). Rule:
// Scottish Local Government Elections Order 2007, Sch. 1 rr.45–52. Every
// stage's votes for every candidate, the quota and the non-transferable
// votes equal the reference dumps at five decimal places (a tool
// reference, whose ward winners match the council's published results;
// data README: "Linn: quota 1,914; elected Ritchie, Docherty, Clark,
// McKenzie").
func TestGlasgow2007(t *testing.T) {
	blts, err := filepath.Glob(filepath.Join(datadir.Path(t, "ranked/glasgow-2007/blt"), "*.blt"))
	if err != nil || len(blts) != 15 {
		t.Fatalf("found %d Glasgow wards (%v), want 15", len(blts), err)
	}
	for _, path := range blts {
		ward := strings.TrimSuffix(filepath.Base(path), ".blt")
		t.Run(ward, func(t *testing.T) {
			p, _, err := format.ReadBallotsFile(path, format.BallotOptions{})
			if err != nil {
				t.Fatal(err)
			}
			res := countRule(t, p, preset(t, "scotland"))
			byName := map[string]int{}
			for k, n := range p.Candidates {
				byName[norm(n)] = k
			}
			ref, refElected := readDump(t, datadir.Path(t, "ranked/glasgow-2007/ref-dump/"+ward+"-scotland-fixed-p5-d5.txt"))
			if len(res.Stages) != len(ref) {
				t.Errorf("%d stages, reference %d", len(res.Stages), len(ref))
			}
			for i := 0; i < len(ref) && i < len(res.Stages); i++ {
				st := res.Stages[i]
				if got := st.Quota.String(); got != ref[i].quota {
					t.Errorf("stage %d: quota %s, reference %s", i+1, got, ref[i].quota)
				}
				if got := st.Exhausted.String(); got != ref[i].ntv {
					t.Errorf("stage %d: non-transferable %s, reference %s", i+1, got, ref[i].ntv)
				}
				for name, want := range ref[i].votes {
					// The reference collapses runs of spaces in names
					// ("Ellen   Hurcombe" in Canal's ballot file).
					k := byName[norm(name)]
					if _, ok := byName[norm(name)]; !ok {
						t.Fatalf("reference candidate %q not in the ballot file", name)
					}
					if got := st.Votes[k].String(); got != want {
						t.Errorf("stage %d: %s %s, reference %s", i+1, name, got, want)
					}
				}
			}
			var got []string
			for _, k := range res.Elected {
				got = append(got, norm(p.Candidates[k]))
			}
			sort.Strings(got)
			for i := range refElected {
				refElected[i] = norm(refElected[i])
			}
			sort.Strings(refElected)
			if !reflect.DeepEqual(got, refElected) {
				t.Errorf("elected %v, reference %v", got, refElected)
			}
		})
	}
	// The data README's facts for Linn.
	p, _, err := format.ReadBallotsFile(datadir.Path(t, "ranked/glasgow-2007/blt/Linn-2007.blt"), format.BallotOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res := countRule(t, p, preset(t, "scotland"))
	if res.Quota.String() != "1914.00000" {
		t.Errorf("Linn quota %s, want 1914", res.Quota)
	}
	var last []string
	for _, k := range res.Elected {
		f := strings.Fields(p.Candidates[k])
		last = append(last, f[len(f)-1])
	}
	sort.Strings(last)
	if want := []string{"Clark", "Docherty", "McKenzie", "Ritchie"}; !reflect.DeepEqual(last, want) {
		t.Errorf("Linn elected %v, want %v", last, want)
	}
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// conserved checks that at every stage the candidates' votes, the
// non-transferable votes and the loss by fraction add up to the valid
// ballots: no vote is created or lost unrecorded.
func conserved(t *testing.T, what string, res *stv.Result, valid int64) {
	t.Helper()
	for _, st := range res.Stages {
		sum := st.Exhausted.Add(st.LossByFraction)
		for _, v := range st.Votes {
			sum = sum.Add(v)
		}
		if sum.Cmp(stv.Whole(valid)) != 0 {
			t.Errorf("%s stage %d: votes, exhausted and loss add to %s, not %d", what, st.Number, sum, valid)
			return
		}
	}
}

// Every ward in ranked/scot-elex (1,100 BLT files of Scottish council
// elections 2007–2022, about 5.6 million ballots; data README: no
// outcomes, a robustness corpus) counts under the Scottish rule: each
// fills its seats, and at every stage the votes are conserved. The one
// file that is not valid BLT (commas) is refused with its file:line.
func TestScotElexCorpus(t *testing.T) {
	root := datadir.Path(t, "ranked/scot-elex/blt_files")
	files, err := filepath.Glob(filepath.Join(root, "*", "*.blt"))
	if err != nil || len(files) != 1100 {
		t.Fatalf("found %d files (%v), want 1100", len(files), err)
	}
	var ballots int64
	counted, multi := 0, 0
	for _, path := range files {
		p, _, err := format.ReadBallotsFile(path, format.BallotOptions{})
		if strings.HasSuffix(path, "perth_kinross_2016_by_election_ward9.blt") {
			if err == nil || !strings.Contains(err.Error(), "perth_kinross_2016_by_election_ward9.blt:1:") {
				t.Errorf("the invalid file gave %v, want a file:1 error", err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		res := countRule(t, p, preset(t, "scotland"))
		if len(res.Elected) != p.Seats {
			t.Errorf("%s: %d elected for %d seats", path, len(res.Elected), p.Seats)
		}
		conserved(t, filepath.Base(path), res, p.Ballots()-res.Defects.Blank)
		ballots += p.Ballots()
		counted++
		if p.Seats > 1 {
			multi++
		}
	}
	if counted != 1099 || multi < 1060 || ballots < 5_500_000 {
		t.Errorf("counted %d wards (%d multi-seat), %d ballots", counted, multi, ballots)
	}
	t.Logf("%d wards counted, %d with several seats, %d ballots", counted, multi, ballots)
}
