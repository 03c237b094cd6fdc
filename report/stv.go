package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/psephos/psephos/stv"
)

// STVJSON is the JSON layout of a multi-seat STV count (see README). Every
// number of votes is an exact string: a fixed-point count prints all its
// decimals ("1914.00000"), an exact count an integer or a fraction
// ("9/20"); papers are strings of digits.
type STVJSON struct {
	CountHeaderJSON
	Seats   int            `json:"seats"`
	Quota   string         `json:"quota"`
	Elected []string       `json:"elected"`
	Stages  []STVStageJSON `json:"stages"`
}

// STVStageJSON is one stage (count).
type STVStageJSON struct {
	Stage           int               `json:"stage"`
	Kind            string            `json:"kind"`
	From            []string          `json:"from"`
	Transferred     string            `json:"transferred"`
	TransferValues  []string          `json:"transfer_values"`
	Tally           []STVTallyJSON    `json:"tally"`
	Exhausted       string            `json:"exhausted"`
	ExhaustedPapers map[string]string `json:"exhausted_papers"`
	LossByFraction  string            `json:"loss_by_fraction"`
	Quota           string            `json:"quota"`
	Elected         []STVElectedJSON  `json:"elected"`
	Excluded        []string          `json:"excluded"`
	ExclusionReason string            `json:"exclusion_reason,omitempty"`
	Deferred        []string          `json:"deferred"`
	Ties            []RoundTieJSON    `json:"ties"`
	Iterations      int               `json:"iterations,omitempty"`
	Note            string            `json:"note,omitempty"`
}

// STVTallyJSON is a candidate's votes after a stage, the change at the
// stage, the papers held, and the keep factor (Meek, Warren).
type STVTallyJSON struct {
	Candidate  string `json:"candidate"`
	Votes      string `json:"votes"`
	Change     string `json:"change"`
	Papers     string `json:"papers,omitempty"`
	KeepFactor string `json:"keep_factor,omitempty"`
	State      string `json:"state"`
}

// STVElectedJSON is a candidate elected at a stage and why.
type STVElectedJSON struct {
	Candidate string `json:"candidate"`
	Reason    string `json:"reason"`
}

func ruleOptions(r stv.Rules) map[string]string {
	o := map[string]string{
		"overvote": r.Ballot.Overvote.String(), "equal_ranking": r.Ballot.Equal.String(),
		"duplicate": r.Ballot.Duplicate.String(), "unknown_candidate": r.Ballot.Unknown.String(),
		"exhaust_on_skipped": strconv.Itoa(r.Ballot.ExhaustOnSkipped), "max_ranks": strconv.Itoa(r.Ballot.MaxRanks),
		"method": r.Method.String(), "quota": r.Quota.Formula.String(), "quota_criterion": r.Quota.Criterion.String(),
		"quota_base": r.Quota.Base.String(), "arithmetic": r.Arithmetic.String(),
		"surplus_papers": r.Surplus.Papers.String(), "surplus_weighting": r.Surplus.Weighting.String(),
		"surplus_rounding": r.Surplus.Rounding.String(), "surplus_transferable_only": strconv.FormatBool(r.Surplus.TransferableOnly),
		"surplus_order": r.Surplus.Order.String(), "surplus_deferral": r.Surplus.Defer.String(),
		"surplus_zero_stage": strconv.FormatBool(r.Surplus.ZeroStage),
		"exclusion":          r.Exclusion.String(), "exclusion_transfer": r.ExclusionTransfer.String(),
		"last_vacancy": r.LastVacancy.String(), "exclude_write_ins_first": strconv.FormatBool(r.ExcludeWriteInsFirst),
		"tie_countback": r.TieBreak.Countback.String(), "tie_fallback": r.TieBreak.Fallback.String(),
		"tie_seed": strconv.FormatUint(r.TieBreak.Seed, 10), "tie_order": strings.Join(r.TieBreak.Order, ">"),
	}
	if r.Method == stv.Meek || r.Method == stv.Warren {
		o["meek_omega"] = strconv.Itoa(r.Meek.Omega)
		o["meek_round_up"] = strconv.FormatBool(r.Meek.RoundUp)
	}
	if r.Method == stv.BottomsUp {
		o["threshold_percent"] = strconv.Itoa(r.ThresholdPercent)
	}
	return o
}

// states gives each candidate's state after stage i: "continuing",
// "elected", "excluded" or "withdrawn".
func states(res *stv.Result, upto int) []string {
	s := make([]string, len(res.Candidates))
	for k := range s {
		s[k] = "continuing"
	}
	for _, k := range res.Withdrawn {
		s[k] = "withdrawn"
	}
	for i := 0; i <= upto && i < len(res.Stages); i++ {
		for _, e := range res.Stages[i].Elected {
			s[e.Candidate] = "elected"
		}
		for _, k := range res.Stages[i].Excluded {
			s[k] = "excluded"
		}
	}
	return s
}

// STVToJSON builds the JSON layout of a multi-seat count.
func STVToJSON(x *Runoff) STVJSON {
	res := x.Result
	name := func(k int) string { return res.Candidates[k] }
	names := func(ks []int) []string {
		out := make([]string, 0, len(ks))
		for _, k := range ks {
			out = append(out, name(k))
		}
		return out
	}
	r := res.Rules
	out := STVJSON{CountHeaderJSON: countHeader(x, r.Method.String(), ruleOptions(r)),
		Seats: res.SeatsFilled, Quota: res.Quota.String(), Elected: names(res.Elected), Stages: []STVStageJSON{}}
	for i, st := range res.Stages {
		sj := STVStageJSON{Stage: st.Number, Kind: st.Kind.String(), From: names(st.From), Transferred: st.Transferred.String(),
			TransferValues: []string{}, Exhausted: st.Exhausted.String(), LossByFraction: st.LossByFraction.String(),
			Quota: st.Quota.String(), Elected: []STVElectedJSON{}, Excluded: names(st.Excluded), ExclusionReason: st.ExclusionReason, Deferred: names(st.Deferred),
			Ties: []RoundTieJSON{}, Iterations: st.Iterations, Note: st.Note}
		sj.ExhaustedPapers, _ = reasons(st.ExhaustedPapers)
		for _, v := range st.TransferValues {
			sj.TransferValues = append(sj.TransferValues, v.String())
		}
		sj.Tally = stageTally(res, i)
		for _, e := range st.Elected {
			sj.Elected = append(sj.Elected, STVElectedJSON{Candidate: name(e.Candidate), Reason: e.Reason})
		}
		for _, t := range st.Ties {
			sj.Ties = append(sj.Ties, stvTieJSON(res, t))
		}
		out.Stages = append(out.Stages, sj)
	}
	return out
}

// stageTally is each candidate's line at stage i (withdrawn candidates
// left out): votes, the change at the stage, papers, keep factor, state.
func stageTally(res *stv.Result, i int) []STVTallyJSON {
	st := res.Stages[i]
	state := states(res, i)
	var out []STVTallyJSON
	for k, v := range st.Votes {
		if state[k] == "withdrawn" {
			continue
		}
		change := v
		if i > 0 {
			change = v.Sub(res.Stages[i-1].Votes[k])
		}
		tj := STVTallyJSON{Candidate: res.Candidates[k], Votes: v.String(), Change: change.String(), State: state[k]}
		if st.Papers != nil {
			tj.Papers = s64(st.Papers[k])
		}
		if st.KeepFactors != nil {
			tj.KeepFactor = st.KeepFactors[k].String()
		}
		out = append(out, tj)
	}
	return out
}

func stvTieJSON(res *stv.Result, t stv.Tie) RoundTieJSON {
	names := func(ks []int) []string {
		out := []string{}
		for _, k := range ks {
			out = append(out, res.Candidates[k])
		}
		return out
	}
	tj := RoundTieJSON{For: t.For, Candidates: names(t.Candidates), AfterCountback: names(t.AfterCountback), Method: t.Method}
	if t.Loser >= 0 {
		tj.Loser = res.Candidates[t.Loser]
	}
	if t.Chosen >= 0 {
		tj.Chosen = res.Candidates[t.Chosen]
	}
	if t.Method == "lot" {
		seed, draw := strconv.FormatUint(t.Seed, 10), t.Draw
		tj.Seed, tj.Draw, tj.Stream = &seed, &draw, t.Stream
	}
	return tj
}

// vnum writes a value for people: thousands separated, a fixed-point
// value with its decimals, an exact fraction to six decimals (rounded
// down, marked "…").
func vnum(v stv.Value) string {
	s := v.String()
	if strings.Contains(s, "/") {
		s = v.Decimal(6) + "…"
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if n, err := strconv.ParseInt(intPart, 10, 64); err == nil {
		intPart = num(n)
	}
	if hasFrac {
		intPart += "." + frac
	}
	if neg {
		intPart = "-" + intPart
	}
	return intPart
}

// vsigned writes a change with its sign.
func vsigned(v stv.Value) string {
	if v.Sign() > 0 {
		return "+" + vnum(v)
	}
	if v.Sign() == 0 {
		return ""
	}
	return vnum(v)
}

// stagesPerTable is how many stages one block of the stage table shows.
const stagesPerTable = 6

// stageTable renders stages [from, to) as official result sheets lay them
// out: a row per candidate in ballot-paper order, for each stage the
// votes transferred and the progressive total, then the non-transferable
// votes, the loss by fraction, the total and the quota.
func stageTable(res *stv.Result, from, to int) table.Writer {
	hdr := table.Row{"Candidate"}
	for i := from; i < to; i++ {
		st := res.Stages[i]
		if i > 0 {
			hdr = append(hdr, fmt.Sprintf("%d: transfer", st.Number))
		}
		hdr = append(hdr, fmt.Sprintf("%d: total", st.Number))
	}
	t := newTable(hdr)
	withdrawn := map[int]bool{}
	for _, k := range res.Withdrawn {
		withdrawn[k] = true
	}
	cell := func(i, k int, v stv.Value) string {
		s := vnum(v)
		for _, e := range res.Stages[i].Elected {
			if e.Candidate == k {
				s += " elected"
			}
		}
		for _, e := range res.Stages[i].Excluded {
			if e == k {
				s += " excluded"
			}
		}
		return s
	}
	for k, c := range res.Candidates {
		if withdrawn[k] {
			continue
		}
		row := table.Row{c}
		for i := from; i < to; i++ {
			v := res.Stages[i].Votes[k]
			if i > 0 {
				row = append(row, vsigned(v.Sub(res.Stages[i-1].Votes[k])))
			}
			row = append(row, cell(i, k, v))
		}
		t.AppendRow(row)
	}
	t.AppendSeparator()
	line := func(label string, f func(st stv.Stage) stv.Value) {
		row := table.Row{label}
		var prev stv.Value
		if from > 0 {
			prev = f(res.Stages[from-1])
		}
		for i := from; i < to; i++ {
			v := f(res.Stages[i])
			if i > 0 {
				row = append(row, vsigned(v.Sub(prev)))
			}
			row = append(row, vnum(v))
			prev = v
		}
		t.AppendRow(row)
	}
	line("Non-transferable", func(st stv.Stage) stv.Value { return st.Exhausted })
	line("Loss by fraction", func(st stv.Stage) stv.Value { return st.LossByFraction })
	line("Total", func(st stv.Stage) stv.Value {
		s := st.Exhausted.Add(st.LossByFraction)
		for _, v := range st.Votes {
			s = s.Add(v)
		}
		return s
	})
	q := table.Row{"Quota"}
	for i := from; i < to; i++ {
		if i > 0 {
			q = append(q, "")
		}
		q = append(q, vnum(res.Stages[i].Quota))
	}
	t.AppendRow(q)
	var cols []int
	for i := 2; i <= len(hdr); i++ {
		cols = append(cols, i)
	}
	rightAlign(t, cols...)
	return t
}

// stageLine says what a stage did, in one line.
func stageLine(res *stv.Result, st *stv.Stage) string {
	names := func(ks []int) string {
		var out []string
		for _, k := range ks {
			out = append(out, res.Candidates[k])
		}
		return strings.Join(out, ", ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Stage %d: ", st.Number)
	var tvs []string
	for _, v := range st.TransferValues {
		tvs = append(tvs, v.String())
	}
	switch st.Kind {
	case stv.FirstStage:
		fmt.Fprintf(&b, "first preferences; quota %s", vnum(st.Quota))
	case stv.SurplusStage:
		fmt.Fprintf(&b, "surplus of %s (%s) transferred at %s", names(st.From), vnum(st.Transferred), strings.Join(tvs, ", "))
	case stv.ExclusionStage:
		fmt.Fprintf(&b, "exclusion of %s", names(st.From))
		if why := map[string]string{"lowest": "the fewest votes", "bulk": "together fewer votes than the next candidate",
			"write-ins": "undeclared write-ins", "below threshold": "below the threshold"}[st.ExclusionReason]; why != "" {
			fmt.Fprintf(&b, " (%s)", why)
		}
		fmt.Fprintf(&b, ": %s votes transferred", vnum(st.Transferred))
		if len(tvs) > 0 {
			fmt.Fprintf(&b, " at %s", strings.Join(tvs, ", "))
		}
	case stv.IterationStage:
		fmt.Fprintf(&b, "%d iterations; quota %s", st.Iterations, vnum(st.Quota))
		if len(st.Excluded) > 0 {
			fmt.Fprintf(&b, "; excluded %s (%s)", names(st.Excluded), st.ExclusionReason)
		}
	}
	if len(st.Deferred) > 0 {
		fmt.Fprintf(&b, "; surplus of %s deferred", names(st.Deferred))
	}
	for _, t := range st.Ties {
		var tied []string
		for _, k := range t.Candidates {
			tied = append(tied, res.Candidates[k])
		}
		fmt.Fprintf(&b, "; tie for %s between %s decided by %s for %s", t.For, strings.Join(tied, ", "), t.Method, res.Candidates[t.Chosen])
		if t.Method == "lot" {
			fmt.Fprintf(&b, " (seed %d, stream %q, draw %d)", t.Seed, t.Stream, t.Draw)
		}
	}
	for _, e := range st.Elected {
		why := map[string]string{"quota": "reached the quota", "remaining": "continuing candidates equal the vacancies",
			"higher of the last two": "the higher of the last two", "unbeatable": "more votes than all others and the surpluses",
			"threshold": "at or above the threshold"}[e.Reason]
		if why == "" {
			why = e.Reason
		}
		fmt.Fprintf(&b, "; %s elected (%s)", res.Candidates[e.Candidate], why)
	}
	if st.Note != "" {
		fmt.Fprintf(&b, "; %s", st.Note)
	}
	return b.String()
}

// writeSTV renders a multi-seat count: JSON (the transcript), CSV (one
// row per stage and candidate), or the stage table in blocks of stages
// with a line per stage.
func writeSTV(w io.Writer, x *Runoff, format string) error {
	res := x.Result
	switch format {
	case JSON:
		return writeJSON(w, STVToJSON(x))
	case CSV:
		cw := csv.NewWriter(w)
		cw.Write([]string{"stage", "kind", "candidate", "votes", "change", "papers", "state", "quota", "exhausted", "loss_by_fraction"})
		for i, st := range res.Stages {
			for _, t := range stageTally(res, i) {
				cw.Write([]string{strconv.Itoa(st.Number), st.Kind.String(), t.Candidate, t.Votes, t.Change, t.Papers,
					t.State, st.Quota.String(), st.Exhausted.String(), st.LossByFraction.String()})
			}
		}
		cw.Flush()
		return cw.Error()
	case Table, Markdown:
		var b strings.Builder
		title := x.Election
		if title == "" {
			title = x.Source
		}
		fmt.Fprintf(&b, "%s: %s STV count for %d seats (%s)\n", title, res.Rules.Method, res.SeatsFilled, x.InputFormat)
		if res.Rules.Name != "" {
			fmt.Fprintf(&b, "Rule: %s. %s\n", res.Rules.Name, res.Rules.Description)
		}
		d := res.Defects
		fmt.Fprintf(&b, "Ballots: %s; blank %s. Ballots with an overvote %s, skipped rank %s, repeated candidate %s, unknown candidate %s.\n",
			num(res.Ballots), num(d.Blank), num(d.Overvote), num(d.SkippedRank), num(d.Duplicate), num(d.Unknown))
		fmt.Fprintf(&b, "Quota: %s\n", vnum(res.Quota))
		for _, n := range x.Notes {
			fmt.Fprintf(&b, "Note: %s\n", n)
		}
		for from := 0; from < len(res.Stages); from += stagesPerTable {
			to := min(from+stagesPerTable, len(res.Stages))
			b.WriteString("\n")
			b.WriteString(render(stageTable(res, from, to), format) + "\n")
		}
		b.WriteString("\n")
		item := ""
		if format == Markdown {
			item = "- "
		}
		for i := range res.Stages {
			b.WriteString(item + stageLine(res, &res.Stages[i]) + "\n")
		}
		var el []string
		for _, k := range res.Elected {
			el = append(el, res.Candidates[k])
		}
		fmt.Fprintf(&b, "\nElected: %s\n", strings.Join(el, ", "))
		for _, st := range res.Stages {
			for _, t := range st.Ties {
				if t.Method == "lot" {
					b.WriteString("A tie was decided by psephos's seeded lot, not by the returning officer: the result is not official.\n")
					_, err := io.WriteString(w, b.String())
					return err
				}
			}
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	return CheckFormat(format)
}
