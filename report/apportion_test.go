package report_test

import (
	"bytes"
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"github.com/psephos/psephos/apportion"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/report"
)

// Every method renders in every output format; in JSON an infinite quotient
// (a zero divisor: the first seat of each party under Adams, Dean and
// Huntington–Hill) is "∞" with a null value, and every finite value is the
// exact quotient's.
func TestApportionRendersEveryMethod(t *testing.T) {
	names := []string{"dhondt", "sainte-lague", "modified-sainte-lague", "danish", "imperiali", "huntington-hill", "adams", "dean",
		"hare", "droop", "hagenbach-bischoff", "imperiali-quota"}
	tab := &election.PartyVotes{Name: "test", Districts: []election.District{{ID: "all", Name: "all", Seats: 6, Lists: []election.List{
		{Party: "A", Votes: 6000, OfficialSeats: -1}, {Party: "B", Votes: 3000, OfficialSeats: -1}, {Party: "C", Votes: 1000, OfficialSeats: -1}}}}}
	for _, name := range names {
		m, err := apportion.ParseMethod(name)
		if err != nil {
			t.Fatal(err)
		}
		a, err := apportion.Rule{Method: m}.ApportionTable(tab, 0, false)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		x := &report.Apportionment{Election: "test", Source: "test", InputFormat: "partyvotes", Result: a}
		for _, f := range report.Formats {
			var b bytes.Buffer
			if err := report.WriteApportionment(&b, x, f); err != nil || b.Len() == 0 {
				t.Errorf("%s, %s: %v (%d bytes)", name, f, err, b.Len())
			}
		}
		var b bytes.Buffer
		if err := report.WriteApportionment(&b, x, report.JSON); err != nil {
			continue
		}
		var j report.ApportionJSON
		if err := json.Unmarshal(b.Bytes(), &j); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		total := 0
		for _, p := range j.Parties {
			total += p.Seats
		}
		if total+j.Pending != 6 {
			t.Errorf("%s: %d seats and %d pending in JSON, expected 6", name, total, j.Pending)
		}
		infinite := 0
		for _, aw := range append(j.Districts[0].Awards, j.Districts[0].Next...) {
			if aw.Quotient == "∞" {
				infinite++
				if aw.QuotientValue != nil {
					t.Errorf("%s: infinite quotient with value %v", name, *aw.QuotientValue)
				}
				continue
			}
			if aw.QuotientValue == nil {
				t.Errorf("%s: seat %d: quotient %s with a null value", name, aw.Seat, aw.Quotient)
				continue
			}
			if _, isDivisor := m.(apportion.Divisor); isDivisor && !strings.Contains(aw.Quotient, "√") {
				q, ok := new(big.Rat).SetString(aw.Quotient)
				if f, _ := q.Float64(); !ok || abs(f-*aw.QuotientValue) > 1e-6 {
					t.Errorf("%s: quotient %s has value %v", name, aw.Quotient, *aw.QuotientValue)
				}
			}
		}
		zero := name == "adams" || name == "dean" || name == "huntington-hill"
		if zero && infinite != 3 || !zero && infinite != 0 {
			t.Errorf("%s: %d infinite quotients, expected %d (one first seat per party with a zero divisor)", name, infinite, map[bool]int{true: 3}[zero])
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
