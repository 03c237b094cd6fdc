package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/report"
)

// runRanked runs the command line (runCLI) and returns standard output,
// and the exit code with standard error as an error when it is not 0.
func runRanked(t *testing.T, args ...string) (string, error) {
	t.Helper()
	code, out, errs := runCLI(t, args...)
	if code != 0 {
		return out, &exitError{code, errs}
	}
	return out, nil
}

type exitError struct {
	code   int
	stderr string
}

func (e *exitError) Error() string { return fmt.Sprintf("exit %d: %s", e.code, e.stderr) }

func isUsage(err error) bool {
	var e *exitError
	return errors.As(err, &e) && e.code == 2
}

// San Francisco 2011 (official final round Lee 84,457 v Avalos 57,160; see
// stv's tests for the sources) through the command line, as JSON.
func TestCountRankedJSON(t *testing.T) {
	path := datadir.Path(t, "ranked/us-rcv-blt/data/2011-San_Francisco-Mayor.blt")
	out, err := runRanked(t, "count", path, "--rule", "san-francisco", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var j report.RunoffJSON
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	rs := j.Seats[0].Rounds
	last := rs[len(rs)-1]
	if j.Elected[0] != "ED LEE" || j.InputFormat != "blt" || last.Tally[0] != (report.TallyJSON{Candidate: "ED LEE", Votes: "84457"}) ||
		last.Tally[1] != (report.TallyJSON{Candidate: "JOHN AVALOS", Votes: "57160"}) || rs[0].Exhausted["overvote"] != "820" || j.Defects.Blank != "2004" {
		t.Errorf("elected %v, final %v, round 1 exhausted %v, defects %+v", j.Elected, last.Tally, rs[0].Exhausted, j.Defects)
	}
}

// A ranked file is detected without --rule; a results file keeps the
// first-past-the-post count; --input-format forces a ballot reader.
func TestCountDetection(t *testing.T) {
	dir := t.TempDir()
	ranked := filepath.Join(dir, "r.csv")
	os.WriteFile(ranked, []byte("count,ranking\n4,Alice\n3,Bob\n2,Carol>Bob\n"), 0o644)
	out, err := runRanked(t, "count", ranked)
	if err != nil || !strings.Contains(out, "instant-runoff count (rankings-csv)") || !strings.Contains(out, "Elected: Bob") {
		t.Errorf("ranked, detected: %v\n%s", err, out)
	}
	results := filepath.Join(dir, "fptp.csv")
	os.WriteFile(results, []byte("contest,party,votes\nA,Red,10\nA,Blue,7\n"), 0o644)
	out, err = runRanked(t, "count", results, "--format", "json")
	var c report.CountJSON
	if err != nil || json.Unmarshal([]byte(out), &c) != nil || len(c.Contests) != 1 || len(c.Contests[0].Elected) != 1 || c.Contests[0].Candidates[0].Party != "Red" || !c.Contests[0].Candidates[0].Elected {
		t.Errorf("FPTP: %v\n%s", err, out)
	}
	blt := filepath.Join(dir, "x.txt")
	os.WriteFile(blt, []byte("2 1\n3 1 0\n2 2 0\n0\n\"A\"\n\"B\"\n\"t\"\n"), 0o644)
	if out, err = runRanked(t, "count", blt, "--input-format", "blt", "--format", "csv"); err != nil || !strings.Contains(out, "1,1,A,3,elected") {
		t.Errorf("forced blt: %v\n%s", err, out)
	}
	if _, err = runRanked(t, "count", blt, "--rule", "nowhere"); !isUsage(err) {
		t.Errorf("unknown rule: %v, want a usage error", err)
	}
	if _, err = runRanked(t, "count", blt, "--overvote", "sometimes", "--rule", "rctab"); !isUsage(err) {
		t.Errorf("bad option: %v, want a usage error", err)
	}
}

// convert: the Burlington CSV to BLT and back counts the same.
func TestConvert(t *testing.T) {
	in := datadir.Path(t, "ranked/burlington-2009/us_vt_btv_2009_03_mayor.normalized.csv")
	dir := t.TempDir()
	b := filepath.Join(dir, "b.blt")
	if _, err := runRanked(t, "convert", in, b); err != nil {
		t.Fatal(err)
	}
	a, err := runRanked(t, "count", in, "--rule", "burlington-2009", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	c, err := runRanked(t, "count", b, "--rule", "burlington-2009", "--format", "csv")
	if err != nil || a != c || !strings.Contains(a, "1,3,Bob Kiss,4313,elected") {
		t.Errorf("%v: counts differ or wrong:\n%s\n---\n%s", err, a, c)
	}
	if _, err := runRanked(t, "convert", in, filepath.Join(dir, "x.unknown")); err == nil {
		t.Error("an unknown output extension must be an error")
	}
}
