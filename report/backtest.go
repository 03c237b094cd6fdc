package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/psephos/psephos/swing"
)

// A Backtest is what `psephos backtest` shows: each model's projection of a
// later election compared with its result.
type Backtest struct {
	Baseline, Actual string
	Targets          []swing.Target
	Notes            []string
	Results          []*swing.Backtest
}

// BacktestJSON is the JSON layout of `psephos backtest` (see README).
type BacktestJSON struct {
	Baseline string              `json:"baseline"`
	Actual   string              `json:"actual"`
	Targets  []TargetJSON        `json:"targets"`
	Notes    []string            `json:"notes"`
	Models   []BacktestModelJSON `json:"models"`
}

// BacktestModelJSON is one model's comparison.
type BacktestModelJSON struct {
	Model       string              `json:"model"`
	Seats       int                 `json:"seats"`
	TotalError  int                 `json:"total_seat_error"`
	CalledWrong int                 `json:"called_wrong"`
	Parties     []BacktestPartyJSON `json:"parties"`
	Wrong       []swing.WrongCall   `json:"wrong"`
}

// BacktestPartyJSON is one party's predicted and actual seats.
type BacktestPartyJSON struct {
	Party     string `json:"party"`
	Name      string `json:"name"`
	Predicted int    `json:"predicted"`
	Actual    int    `json:"actual"`
	Error     int    `json:"error"`
}

// WriteBacktest renders a backtest.
func WriteBacktest(w io.Writer, x *Backtest, format string) error {
	switch format {
	case JSON:
		out := BacktestJSON{Baseline: x.Baseline, Actual: x.Actual, Notes: nonNil(x.Notes), Targets: targetsJSON(x.Targets)}
		for _, b := range x.Results {
			m := BacktestModelJSON{Model: string(b.Model), Seats: b.Seats, TotalError: b.TotalError, CalledWrong: len(b.Wrong), Wrong: b.Wrong}
			if m.Wrong == nil {
				m.Wrong = []swing.WrongCall{}
			}
			for _, p := range b.Parties {
				m.Parties = append(m.Parties, BacktestPartyJSON{p.Party.ID, p.Party.Name, p.Predicted, p.Actual, p.Error()})
			}
			out.Models = append(out.Models, m)
		}
		return writeJSON(w, out)
	case CSV:
		cw := csv.NewWriter(w)
		cw.Write([]string{"model", "party", "name", "predicted", "actual", "error"})
		for _, b := range x.Results {
			for _, p := range b.Parties {
				cw.Write([]string{string(b.Model), p.Party.ID, p.Party.Name, strconv.Itoa(p.Predicted), strconv.Itoa(p.Actual), strconv.Itoa(p.Error())})
			}
			cw.Write([]string{string(b.Model), "", "total seat error / called wrong", "", strconv.Itoa(b.TotalError), strconv.Itoa(len(b.Wrong))})
		}
		cw.Flush()
		return cw.Error()
	case Table, Markdown:
		var b strings.Builder
		heading(&b, format, 1, "Backtest: "+x.Baseline+" projected to "+x.Actual)
		writeTargets(&b, x.Targets, 2)
		st := newTable(table.Row{"Model", "Total seat error", "Seats called wrong"})
		best := 0
		for i, r := range x.Results {
			st.AppendRow(table.Row{string(r.Model), r.TotalError, len(r.Wrong)})
			if r.TotalError < x.Results[best].TotalError {
				best = i
			}
		}
		rightAlign(st, 2, 3)
		b.WriteString(render(st, format) + "\n\n")
		if len(x.Results) > 0 {
			r := x.Results[best]
			fmt.Fprintf(&b, "Best model by total seat error: %s (%d; %d of %d seats called wrong). Total seat error is Σ|predicted − actual| over parties.\n\n", r.Model, r.TotalError, len(r.Wrong), r.Seats)
		}
		for _, r := range x.Results {
			heading(&b, format, 2, string(r.Model))
			t := newTable(table.Row{"Party", "Predicted", "Actual", "Error"})
			for _, p := range r.Parties {
				t.AppendRow(table.Row{partyLabel(p.Party), p.Predicted, p.Actual, signedInt(p.Error())})
			}
			rightAlign(t, 2, 3, 4)
			b.WriteString(render(t, format) + "\n\n")
			fmt.Fprintf(&b, "Total seat error %d; %d of %d seats called wrong.\n\n", r.TotalError, len(r.Wrong), r.Seats)
		}
		if len(x.Notes) > 0 {
			heading(&b, format, 2, "Notes")
			for _, n := range x.Notes {
				fmt.Fprintf(&b, "- %s\n", n)
			}
			b.WriteString("\n")
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	return CheckFormat(format)
}
