package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/psephos/psephos/compare"
	"github.com/psephos/psephos/condorcet"
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
	// Elected maps each candidate elected by some method by its own rule
	// to the methods electing them; "" collects the methods ending in a
	// tie that stands. ByLot maps the candidates a lot elected to the
	// methods whose tie it broke; NotComputed lists the methods that gave
	// no result (a size limit). Disagree: the methods' own results differ
	// (lots left out: a lot is not the method's result).
	Elected     map[string][]string `json:"elected"`
	ByLot       map[string][]string `json:"by_lot"`
	NotComputed []string            `json:"not_computed"`
	Disagree    bool                `json:"disagree"`
}

// agreements sorts the outcomes: own groups the methods counted without a
// lot by the candidate they elect ("" for none: a tie stands), lot those
// whose tie a lot decided, each in order of first appearance (names, lotNames);
// skipped lists the methods not computed.
type agreements struct {
	names, lotNames []string
	own, lot        map[string][]string
	skipped         []string
}

func agreement(x *RankedComparison) agreements {
	a := agreements{own: map[string][]string{}, lot: map[string][]string{}, skipped: []string{}}
	for _, o := range x.Result.Outcomes {
		if o.NotComputed {
			a.skipped = append(a.skipped, o.Method)
			continue
		}
		who := ""
		if o.Elected >= 0 {
			who = x.Matrix.Names[o.Elected]
		}
		names, by := &a.names, a.own
		if o.ByLot {
			names, by = &a.lotNames, a.lot
		}
		if _, ok := by[who]; !ok {
			*names = append(*names, who)
		}
		by[who] = append(by[who], o.Method)
	}
	return a
}

// text says where the methods agree and disagree, lots and methods not
// computed apart.
func (a agreements) text(b *strings.Builder, m *condorcet.Matrix, condorcetWinner int) {
	qualified := len(a.lotNames) > 0 || len(a.skipped) > 0
	switch {
	case len(a.names) == 0 && len(a.lotNames) > 0:
		b.WriteString("No method decides by its own rule alone: every one needed a lot.\n")
	case len(a.names) == 0:
	case len(a.names) == 1 && a.names[0] == "" && !qualified:
		b.WriteString("No method elects anyone: every one ends in a tie that stands.\n")
	case len(a.names) == 1 && a.names[0] == "":
		b.WriteString("No method elects anyone by its own rule: every one counted without a lot ends in a tie that stands.\n")
	case len(a.names) == 1 && !qualified:
		fmt.Fprintf(b, "Every method elects %s.\n", a.names[0])
	case len(a.names) == 1:
		fmt.Fprintf(b, "Every method counted without a lot elects %s.\n", a.names[0])
	default:
		var parts []string
		for _, n := range a.names {
			who := n
			if n == "" {
				who = "nobody (a tie stands)"
			}
			if k := m.Index(n); n != "" && k == condorcetWinner {
				who += " (the Condorcet winner)"
			}
			parts = append(parts, fmt.Sprintf("%s: %s", strings.Join(a.own[n], ", "), who))
		}
		fmt.Fprintf(b, "The methods disagree. %s.\n", strings.Join(parts, "; "))
	}
	if len(a.lotNames) > 0 {
		var parts []string
		for _, n := range a.lotNames {
			parts = append(parts, fmt.Sprintf("%s: %s (by lot)", strings.Join(a.lot[n], ", "), n))
		}
		fmt.Fprintf(b, "Decided by lot, not by the method (a lot is not an official result, and different methods' lots may draw differently): %s.\n", strings.Join(parts, "; "))
	}
	if len(a.skipped) > 0 {
		fmt.Fprintf(b, "Not computed: %s (see the notes).\n", strings.Join(a.skipped, ", "))
	}
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
		a := agreement(x)
		out.Elected, out.ByLot, out.NotComputed, out.Disagree = a.own, a.lot, a.skipped, len(a.names) > 1
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
			if o.ByLot {
				who += " (by lot)"
			}
			if o.Elected < 0 {
				who = "tie: " + strings.Join(cnames(m, o.Winners), ", ")
				if len(o.Winners) == 0 {
					who = "none"
				}
				if o.NotComputed {
					who = "not computed"
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
		agreement(x).text(&b, m, c.CondorcetWinner)
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
