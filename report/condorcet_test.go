package report

import (
	"strings"
	"testing"

	"github.com/psephos/psephos/condorcet"
)

func TestHalves(t *testing.T) {
	for h, want := range map[int64]string{0: "0", 1: "0.5", 30: "15", 31: "15.5", -3: "-1.5", -1: "-0.5"} {
		if got := halves(h); got != want {
			t.Errorf("halves(%d) = %q, want %q", h, got, want)
		}
	}
}

// A three-candidate matrix renders in every format; the table names the
// Condorcet winner and the Smith set, and a bad format is an error.
func TestWritePairwise(t *testing.T) {
	m, err := condorcet.NewMatrix([]string{"Ann", "Bo", "Cy"}, [][]int64{{0, 6, 7}, {4, 0, 5}, {3, 5, 0}})
	if err != nil {
		t.Fatal(err)
	}
	x := &Pairwise{Election: "Test", Source: "t.csv", InputFormat: "rankings-csv", Matrix: m}
	var b strings.Builder
	if err := WritePairwise(&b, x, Markdown); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"| 1 | Ann | — | 6 | 7 | 2 | 0 | 0 |", "Condorcet winner: Ann", "Condorcet loser: none.", "Smith set: Ann.", "| 2 | Bo | 4 | — | 5 | 0 | 1 | 1 |"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	b.Reset()
	if err := WritePairwise(&b, x, CSV); err != nil || !strings.Contains(b.String(), "Bo,Cy,5,5,tie\n") {
		t.Errorf("CSV: %v\n%s", err, b.String())
	}
	if err := WritePairwise(&b, x, "xml"); err == nil {
		t.Error("xml: no error")
	}
	// A cycle is named as one.
	c, _ := condorcet.NewMatrix([]string{"A", "B", "C"}, [][]int64{{0, 2, 1}, {1, 0, 2}, {2, 1, 0}})
	b.Reset()
	if err := WritePairwise(&b, &Pairwise{Matrix: c}, Table); err != nil || !strings.Contains(b.String(), "beat one another in a cycle") || !strings.Contains(b.String(), "Smith set: A, B, C.") {
		t.Errorf("cycle: %v\n%s", err, b.String())
	}
}
