package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/psephos/psephos/internal/datadir"
)

// `count` with a multi-seat rule: Linn (Glasgow 2007) under the Scottish
// rule, quota 1,914 and the four councillors (data README), in every
// output format; the JSON transcript's numbers are exact strings.
func TestCountSTV(t *testing.T) {
	path := datadir.Path(t, "ranked/glasgow-2007/blt/Linn-2007.blt")
	code, out, errs := runCLI(t, "count", path, "--rule", "scotland")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Quota: 1,914.00000", "Stage 2: surplus of David Ritchie (129.00000) transferred at 0.06314", "Elected: David Ritchie, Sadie Docherty, John McKenzie, Margot Clark"} {
		if !strings.Contains(out, want) {
			t.Errorf("table output lacks %q", want)
		}
	}
	code, out, errs = runCLI(t, "count", path, "--rule", "scotland", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var js struct {
		Quota   string   `json:"quota"`
		Seats   int      `json:"seats"`
		Elected []string `json:"elected"`
		Stages  []struct {
			Stage          int      `json:"stage"`
			Kind           string   `json:"kind"`
			TransferValues []string `json:"transfer_values"`
			Exhausted      string   `json:"exhausted"`
			Tally          []struct {
				Candidate, Votes, Change, State string
			} `json:"tally"`
		} `json:"stages"`
	}
	if err := json.Unmarshal([]byte(out), &js); err != nil {
		t.Fatal(err)
	}
	if js.Quota != "1914.00000" || js.Seats != 4 || len(js.Elected) != 4 || len(js.Stages) != 10 {
		t.Errorf("quota %s seats %d elected %v stages %d", js.Quota, js.Seats, js.Elected, len(js.Stages))
	}
	if s := js.Stages[1]; s.Kind != "surplus" || len(s.TransferValues) != 1 || s.TransferValues[0] != "0.06314" || s.Exhausted != "36.17922" {
		t.Errorf("stage 2: %+v", s)
	}
	code, out, _ = runCLI(t, "count", path, "--rule", "scotland", "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "stage,kind,candidate,votes,change,papers,state,quota,exhausted,loss_by_fraction\n") ||
		!strings.Contains(out, "2,surplus,David Ritchie,1914.00000,-129.00000,0,elected,1914.00000,36.17922,0.00498") {
		t.Errorf("CSV output:\n%.600s", out)
	}
	// An option changes the count: the same ward in exact arithmetic.
	code, out, _ = runCLI(t, "count", path, "--rule", "scotland", "--arithmetic", "exact", "--format", "json")
	if code != 0 || !strings.Contains(out, `"arithmetic": "exact"`) || !strings.Contains(out, `"name": "scotland (modified)"`) {
		t.Errorf("exit %d; --arithmetic exact not applied", code)
	}
	// Bad option values are usage errors.
	if code, _, errs := runCLI(t, "count", path, "--rule", "scotland", "--arithmetic", "fixed-12"); code != 2 || !strings.Contains(errs, "--arithmetic") {
		t.Errorf("exit %d, %s; want a usage error", code, errs)
	}
}

// `count` over a folder counts every file, one row each, and reports a
// file it cannot read with its file:line (here the one invalid scot-elex
// file among its 5-candidate wards).
func TestCountBatch(t *testing.T) {
	dir := datadir.Path(t, "ranked/scot-elex/blt_files/5_cands")
	code, out, errs := runCLI(t, "count", dir, "--rule", "scotland", "--format", "csv")
	if code != 1 || !strings.Contains(errs, "perth_kinross_2016_by_election_ward9.blt:1: expected a BLT header line") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "file,title,seats,ballots,quota,stages,elected" || len(lines) < 20 {
		t.Errorf("%d lines, first %q", len(lines), lines[0])
	}
}

// Several inputs are counted together only when they are ballot files.
func TestCountBatchRefusesResults(t *testing.T) {
	a := write(t, "a.csv", "contest,candidate,party,votes\nX,A,P,1\n")
	code, _, errs := runCLI(t, "count", a, a)
	if code != 2 || !strings.Contains(errs, "not a ranked-ballot file") {
		t.Errorf("exit %d, %q; want a usage error", code, errs)
	}
}

func BenchmarkCountScotElex(b *testing.B) {
	dir := datadir.Path(b, "ranked/scot-elex/blt_files")
	for b.Loop() {
		var out, errb bytes.Buffer
		run(context.Background(), []string{"count", dir, "--rule", "scotland", "--format", "csv"}, &out, &errb)
	}
}
