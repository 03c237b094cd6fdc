package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/stv"
)

// A three-seat count whose exclusion of the last two (one vote each, tied
// at every stage) is decided by psephos's seeded lot: the JSON records the
// tie's seed, stream and draw, the table says the result is not official,
// and a Meek count records keep factors and iterations.
func TestSTVOutputs(t *testing.T) {
	p := ballot.NewProfile([]string{"Ann", "Bea", "Cid", "Dan", "Eve"})
	for _, r := range []struct {
		m []ballot.Mark
		w int64
	}{{[]ballot.Mark{0, 1}, 9}, {[]ballot.Mark{1, 0}, 5}, {[]ballot.Mark{2, 1}, 4}, {[]ballot.Mark{3}, 1}, {[]ballot.Mark{4}, 1}} {
		p.Add(r.m, r.w)
	}
	r, _ := stv.Preset("scotland")
	r.Seats = 2
	r.TieBreak.Seed = 7
	res, err := stv.Count(p, r)
	if err != nil {
		t.Fatal(err)
	}
	x := &Runoff{Election: "Lot", Source: "t", InputFormat: "blt", Result: res}
	var b bytes.Buffer
	if err := WriteRunoff(&b, x, JSON); err != nil {
		t.Fatal(err)
	}
	var js STVJSON
	if err := json.Unmarshal(b.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	var tie *RoundTieJSON
	for _, st := range js.Stages {
		for i := range st.Ties {
			tie = &st.Ties[i]
		}
	}
	if js.Quota != "7.00000" || tie == nil || tie.Method != "lot" || tie.Seed == nil || *tie.Seed != "7" || tie.Stream == "" || tie.Draw == nil ||
		strings.Join(tie.Candidates, ",") != "Dan,Eve" || tie.Loser != tie.Chosen {
		t.Fatalf("quota %s, tie %+v", js.Quota, tie)
	}
	b.Reset()
	if err := WriteRunoff(&b, x, Table); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "decided by lot for") || !strings.Contains(b.String(), "not official") {
		t.Errorf("table:\n%s", b.String())
	}
	// Meek: keep factors and iterations.
	r, _ = stv.Preset("meek")
	r.Seats = 2
	res, err = stv.Count(p, r)
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := WriteRunoff(&b, &Runoff{Election: "Meek", Result: res}, JSON); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	if js.Method != "meek" || len(js.Stages) < 2 || js.Stages[1].Kind != "iteration" || js.Stages[1].Iterations == 0 || js.Stages[1].Tally[0].KeepFactor == "" {
		t.Errorf("Meek JSON: %.500s", b.String())
	}
}
