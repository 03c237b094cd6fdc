package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/psephos/psephos/compare"
)

// A RankedComparison is what `psephos compare BALLOTS --methods ...` shows:
// one ranked-ballot election under several methods, and where they
// disagree.
type RankedComparison struct {
	Pairwise
	Result *compare.RankedComparison
}

// RankedCompareJSON is its JSON layout (see README).
type RankedCompareJSON struct {
	PairwiseJSON
	Methods []RankedMethodJSON `json:"methods"`
	// Elected maps each candidate elected by some method to the methods
	// electing them; "" collects the methods ending in a tie that stands.
	Elected  map[string][]string `json:"elected"`
	Disagree bool                `json:"disagree"`
}

// agreement groups methods by the candidate they elect ("" for none), in
// order of first appearance.
func agreement(x *RankedComparison) (names []string, by map[string][]string) {
	by = map[string][]string{}
	for _, o := range x.Result.Outcomes {
		who := ""
		if o.Elected >= 0 {
			who = x.Matrix.Names[o.Elected]
		}
		if _, ok := by[who]; !ok {
			names = append(names, who)
		}
		by[who] = append(by[who], o.Method)
	}
	return names, by
}

// WriteRankedComparison renders the comparison: JSON, CSV (one row per
// method: method, elected, winners, ranking) or a table / Markdown with a
// line per method and a sentence on where they disagree.
func WriteRankedComparison(w io.Writer, x *RankedComparison, format string) error {
	m, c := x.Matrix, x.Result
	elected := func(k int) string {
		if k < 0 {
			return ""
		}
		return m.Names[k]
	}
	rankText := func(tiers [][]int) string {
		var out []string
		for _, t := range tiers {
			out = append(out, strings.Join(cnames(m, t), " = "))
		}
		return strings.Join(out, " > ")
	}
	switch format {
	case JSON:
		out := RankedCompareJSON{PairwiseJSON: PairwiseToJSON(&x.Pairwise), Methods: []RankedMethodJSON{}}
		for _, o := range c.Outcomes {
			if o.Condorcet != nil {
				out.Methods = append(out.Methods, MethodToJSON(m, o.Condorcet))
				continue
			}
			mj := RankedMethodJSON{Method: o.Method, Winners: cnames(m, o.Winners), Elected: optName(m, o.Elected), Notes: nonNil(o.Notes)}
			out.Methods = append(out.Methods, mj)
		}
		names, by := agreement(x)
		out.Elected, out.Disagree = by, len(names) > 1
		return writeJSON(w, out)
	case CSV:
		cw := csv.NewWriter(w)
		cw.Write([]string{"method", "elected", "winners", "ranking"})
		for _, o := range c.Outcomes {
			cw.Write([]string{o.Method, elected(o.Elected), strings.Join(cnames(m, o.Winners), "; "), rankText(o.Ranking)})
		}
		cw.Flush()
		return cw.Error()
	case Table, Markdown:
		var b strings.Builder
		pairwiseHeader(&b, &x.Pairwise, "methods compared", format)
		if cw := c.CondorcetWinner; cw >= 0 {
			fmt.Fprintf(&b, "Condorcet winner: %s. Smith set: %s.\n", m.Names[cw], strings.Join(cnames(m, c.Smith), ", "))
		} else {
			fmt.Fprintf(&b, "Condorcet winner: none. Smith set: %s.\n", strings.Join(cnames(m, c.Smith), ", "))
		}
		if format == Markdown {
			b.WriteString("\n")
		}
		t := newTable(table.Row{"Method", "Elected", "Ranking (as the method defines it)"})
		for _, o := range c.Outcomes {
			who := elected(o.Elected)
			if o.ByLot || o.Condorcet != nil && o.Condorcet.Tie != nil && o.Condorcet.Tie.Method == "lot" {
				who += " (by lot)"
			}
			if o.Elected < 0 {
				who = "tie: " + strings.Join(cnames(m, o.Winners), ", ")
				if len(o.Winners) == 0 {
					who = "none"
				}
			}
			rk := rankText(o.Ranking)
			if o.Ranking == nil {
				rk = "—"
			}
			t.AppendRow(table.Row{o.Method, who, rk})
		}
		b.WriteString(render(t, format) + "\n")
		if format == Markdown {
			b.WriteString("\n")
		}
		names, by := agreement(x)
		if len(names) == 1 {
			if names[0] == "" {
				b.WriteString("No method elects anyone: every one ends in a tie that stands.\n")
			} else {
				fmt.Fprintf(&b, "Every method elects %s.\n", names[0])
			}
		} else {
			var parts []string
			for _, n := range names {
				who := n
				if n == "" {
					who = "nobody (a tie stands)"
				}
				if k := m.Index(n); n != "" && k == c.CondorcetWinner {
					who += " (the Condorcet winner)"
				}
				parts = append(parts, fmt.Sprintf("%s: %s", strings.Join(by[n], ", "), who))
			}
			fmt.Fprintf(&b, "The methods disagree. %s.\n", strings.Join(parts, "; "))
		}
		for _, o := range c.Outcomes {
			for _, n := range o.Notes {
				fmt.Fprintf(&b, "Note (%s): %s\n", o.Method, n)
			}
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	return CheckFormat(format)
}
