package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/swing"
)

// A Projection is what `psephos project` shows: seats projected from new
// vote shares, with a simulation when one was run.
type Projection struct {
	Baseline, Source, InputFormat string
	Projection                    *swing.Projection
	Simulation                    *swing.Simulation // nil without --simulate
	// Polls states how a poll average was formed and which shares came
	// from it and which were given by hand, when polls were used.
	Polls string
	// Limit caps the rows of the changes and marginal-seat tables (0: all);
	// JSON lists every seat.
	Limit int
}

// ProjectionJSON is the JSON layout of `psephos project` (see README).
type ProjectionJSON struct {
	Baseline         string                 `json:"baseline"`
	Source           string                 `json:"source"`
	InputFormat      string                 `json:"input_format"`
	Model            string                 `json:"model"`
	ModelDescription string                 `json:"model_description"`
	Polls            string                 `json:"polls,omitempty"`
	Targets          []TargetJSON           `json:"targets"`
	Notes            []string               `json:"notes"`
	Seats            int                    `json:"seats"`
	Majority         int                    `json:"majority"`
	Parties          []ProjectedPartyJSON   `json:"parties"`
	Changes          []SeatChangeJSON       `json:"changes"`
	Marginals        []SeatChangeJSON       `json:"marginals"`
	Ties             []ProjectedTieJSON     `json:"ties"`
	Simulation       *SimulationJSON        `json:"simulation"`
	Constituencies   []ProjectedContestJSON `json:"constituencies"`
}

// TargetJSON is one area's target shares (percent).
type TargetJSON struct {
	Area   string      `json:"area"`
	Shares []ShareJSON `json:"shares"`
}

// ShareJSON is one party's share in percent.
type ShareJSON struct {
	Party   string  `json:"party"`
	Percent float64 `json:"percent"`
}

// ProjectedPartyJSON is one party's projected seats.
type ProjectedPartyJSON struct {
	Party         string   `json:"party"`
	Name          string   `json:"name"`
	BaselineSeats int      `json:"baseline_seats"`
	Seats         int      `json:"seats"`
	Change        int      `json:"change"`
	Gains         int      `json:"gains"`
	Losses        int      `json:"losses"`
	BaselineShare float64  `json:"baseline_share"`
	Share         float64  `json:"share"`
	Target        *float64 `json:"target"`
	ScopeShare    float64  `json:"target_scope_share"`
	// TargetGap is ScopeShare − Target, points (null without a target).
	TargetGap *float64 `json:"target_gap"`
	Mean      *float64 `json:"mean_seats,omitempty"`
	Median    *int     `json:"median_seats,omitempty"`
	Low       *int     `json:"low_seats,omitempty"`
	High      *int     `json:"high_seats,omitempty"`
	Majority  *float64 `json:"majority_chance,omitempty"`
}

// SeatChangeJSON is a seat changing hands, or a marginal seat.
type SeatChangeJSON struct {
	ContestID string  `json:"contest_id"`
	Contest   string  `json:"contest"`
	From      string  `json:"from"`
	To        string  `json:"to"`
	RunnerUp  string  `json:"runner_up"`
	Majority  float64 `json:"majority"`
}

// ProjectedTieJSON is a projected seat whose lead is tied.
type ProjectedTieJSON struct {
	ContestID string   `json:"contest_id"`
	Contest   string   `json:"contest"`
	Parties   []string `json:"parties"`
}

// SimulationJSON describes the simulation.
type SimulationJSON struct {
	Runs       int     `json:"runs"`
	Seed       uint64  `json:"seed"`
	NationalSD float64 `json:"national_sd"`
	SeatSD     float64 `json:"seat_sd"`
	Ties       int     `json:"ties"`
}

// ProjectedContestJSON is one contest's projection.
type ProjectedContestJSON struct {
	ContestID      string                   `json:"contest_id"`
	Contest        string                   `json:"contest"`
	Nation         string                   `json:"nation,omitempty"`
	Kept           bool                     `json:"kept"`
	BaselineWinner string                   `json:"baseline_winner"`
	Winner         string                   `json:"winner"`
	Tied           []string                 `json:"tied,omitempty"`
	Majority       float64                  `json:"majority"`
	Candidates     []ProjectedCandidateJSON `json:"candidates"`
	Chances        []ChanceJSON             `json:"chances,omitempty"`
}

// ProjectedCandidateJSON is one candidate line, shares in percent.
type ProjectedCandidateJSON struct {
	Name     string  `json:"name"`
	Party    string  `json:"party"`
	Baseline float64 `json:"baseline_share"`
	Share    float64 `json:"share"`
}

// ChanceJSON is a party's chance (0–1) of winning a seat.
type ChanceJSON struct {
	Party       string  `json:"party"`
	Probability float64 `json:"probability"`
}

// WriteProjection renders a projection in the given output format.
func WriteProjection(w io.Writer, x *Projection, format string) error {
	switch format {
	case JSON:
		return writeJSON(w, projectionJSON(x))
	case CSV:
		return projectionCSV(w, x)
	case Table, Markdown:
		return projectionText(w, x, format)
	}
	return CheckFormat(format)
}

func simOf(x *Projection) map[string]*swing.PartyDistribution {
	m := map[string]*swing.PartyDistribution{}
	if x.Simulation != nil {
		for i := range x.Simulation.Parties {
			m[x.Simulation.Parties[i].Party.ID] = &x.Simulation.Parties[i]
		}
	}
	return m
}

// shown are the parties worth a row: with seats in the baseline, the
// projection or any simulated run, or named in a national target.
func shown(x *Projection) []*swing.PartyResult {
	sim := simOf(x)
	var out []*swing.PartyResult
	for i := range x.Projection.Parties {
		p := &x.Projection.Parties[i]
		if p.Seats > 0 || p.BaselineSeats > 0 || p.Target != nil || sim[p.Party.ID] != nil {
			out = append(out, p)
		}
	}
	return out
}

func runnerUp(s *swing.SeatResult) string {
	for _, c := range s.Candidates {
		if c.Party != s.Winner && !c.Aggregate {
			return c.Party
		}
	}
	return ""
}

func seatChange(s *swing.SeatResult) SeatChangeJSON {
	return SeatChangeJSON{ContestID: s.Contest.ID, Contest: s.Contest.Name, From: s.BaselineWinner, To: s.Winner, RunnerUp: runnerUp(s), Majority: round(s.Majority, 4)}
}

func projectionJSON(x *Projection) ProjectionJSON {
	pr := x.Projection
	out := ProjectionJSON{Baseline: x.Baseline, Source: x.Source, InputFormat: x.InputFormat, Model: string(pr.Model),
		ModelDescription: pr.Model.Describe(), Polls: x.Polls, Notes: nonNil(pr.Notes), Seats: len(pr.Seats), Majority: pr.Majority,
		Parties: []ProjectedPartyJSON{}, Changes: []SeatChangeJSON{}, Marginals: []SeatChangeJSON{}, Ties: []ProjectedTieJSON{}}
	out.Targets = targetsJSON(pr.Targets)
	sim := simOf(x)
	for _, p := range shown(x) {
		pj := ProjectedPartyJSON{Party: p.Party.ID, Name: p.Party.Name, BaselineSeats: p.BaselineSeats, Seats: p.Seats, Change: p.Seats - p.BaselineSeats,
			Gains: p.Gains, Losses: p.Losses, BaselineShare: round(p.BaselineShare, 4), Share: round(p.Share, 4), ScopeShare: round(p.ScopeShare, 4)}
		if p.Target != nil {
			v, g := round(*p.Target, 4), round(p.ScopeShare-*p.Target, 4)
			pj.Target, pj.TargetGap = &v, &g
		}
		if d := sim[p.Party.ID]; d != nil {
			mean, maj := round(d.Mean, 2), round(d.MajorityChance, 4)
			med, lo, hi := d.Median, d.Low, d.High
			pj.Mean, pj.Median, pj.Low, pj.High, pj.Majority = &mean, &med, &lo, &hi, &maj
		}
		out.Parties = append(out.Parties, pj)
	}
	for _, s := range pr.Changes() {
		out.Changes = append(out.Changes, seatChange(s))
	}
	for _, s := range pr.Marginals(0) {
		out.Marginals = append(out.Marginals, seatChange(s))
	}
	for _, k := range pr.Ties {
		s := &pr.Seats[k]
		out.Ties = append(out.Ties, ProjectedTieJSON{s.Contest.ID, s.Contest.Name, s.Tied})
	}
	if s := x.Simulation; s != nil {
		out.Simulation = &SimulationJSON{Runs: s.Runs, Seed: s.Seed, NationalSD: s.NationalSD, SeatSD: s.SeatSD, Ties: s.Ties}
	}
	for i := range pr.Seats {
		s := &pr.Seats[i]
		cj := ProjectedContestJSON{ContestID: s.Contest.ID, Contest: s.Contest.Name, Nation: s.Contest.Area(election.Nation), Kept: s.Kept,
			BaselineWinner: s.BaselineWinner, Winner: s.Winner, Tied: s.Tied, Majority: round(s.Majority, 4)}
		for _, c := range s.Candidates {
			cj.Candidates = append(cj.Candidates, ProjectedCandidateJSON{c.Label(s.Contest), c.Party, round(c.Baseline, 4), round(c.Share, 4)})
		}
		if x.Simulation != nil {
			for _, ch := range x.Simulation.Seats[i].Chances {
				cj.Chances = append(cj.Chances, ChanceJSON{ch.Party, round(ch.Probability, 4)})
			}
		}
		out.Constituencies = append(out.Constituencies, cj)
	}
	return out
}

func projectionCSV(w io.Writer, x *Projection) error {
	cw := csv.NewWriter(w)
	head := []string{"party", "name", "baseline_seats", "seats", "change", "baseline_share", "share", "target", "target_scope_share"}
	if x.Simulation != nil {
		head = append(head, "mean_seats", "median_seats", "low_seats", "high_seats", "majority_chance")
	}
	cw.Write(head)
	f := func(v float64) string { return strconv.FormatFloat(round(v, 4), 'f', -1, 64) }
	sim := simOf(x)
	for _, p := range shown(x) {
		tg := ""
		if p.Target != nil {
			tg = f(*p.Target)
		}
		row := []string{p.Party.ID, p.Party.Name, strconv.Itoa(p.BaselineSeats), strconv.Itoa(p.Seats), strconv.Itoa(p.Seats - p.BaselineSeats),
			f(p.BaselineShare), f(p.Share), tg, f(p.ScopeShare)}
		if x.Simulation != nil {
			if d := sim[p.Party.ID]; d != nil {
				row = append(row, f(d.Mean), strconv.Itoa(d.Median), strconv.Itoa(d.Low), strconv.Itoa(d.High), f(d.MajorityChance))
			} else {
				row = append(row, "0", "0", "0", "0", "0")
			}
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// writeTargets lists each area's target shares, d decimals.
func writeTargets(b *strings.Builder, targets []swing.Target, d int) {
	for _, t := range targets {
		area := t.Area
		if area == "" {
			area = "National"
		}
		var parts []string
		for _, s := range t.Shares {
			parts = append(parts, s.Party+" "+dec(s.Percent, d))
		}
		fmt.Fprintf(b, "%s shares (%%): %s.\n", area, strings.Join(parts, ", "))
	}
	b.WriteString("\n")
}

func targetsJSON(targets []swing.Target) []TargetJSON {
	out := []TargetJSON{}
	for _, t := range targets {
		tj := TargetJSON{Area: t.Area}
		for _, s := range t.Shares {
			tj.Shares = append(tj.Shares, ShareJSON{s.Party, round(s.Percent, 4)})
		}
		out = append(out, tj)
	}
	return out
}

func signedInt(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func projectionText(w io.Writer, x *Projection, format string) error {
	pr := x.Projection
	var b strings.Builder
	heading(&b, format, 1, "Projection from "+x.Baseline)
	fmt.Fprintf(&b, "Baseline: %s (read as %s).\n\nModel: %s.\n\n", x.Source, x.InputFormat, pr.Model.Describe())
	if x.Polls != "" {
		fmt.Fprintf(&b, "Shares: %s\n\n", x.Polls)
	}
	writeTargets(&b, pr.Targets, 1)
	sim := simOf(x)
	head := table.Row{"Party", "Baseline seats", "Projected seats", "Change", "Baseline vote %", "Projected vote %", "Target %", "Achieved %"}
	if x.Simulation != nil {
		head = append(head, "Median", "90% interval", "P(majority)")
	}
	t := newTable(head)
	for _, p := range shown(x) {
		tg, got := "—", "—"
		if p.Target != nil {
			tg, got = dec(*p.Target, 2), dec(p.ScopeShare, 2)
		}
		row := table.Row{partyLabel(p.Party), p.BaselineSeats, p.Seats, signedInt(p.Seats - p.BaselineSeats), dec(p.BaselineShare, 1), dec(p.Share, 1), tg, got}
		if x.Simulation != nil {
			if d := sim[p.Party.ID]; d != nil {
				row = append(row, d.Median, fmt.Sprintf("%d–%d", d.Low, d.High), dec(100*d.MajorityChance, 1)+"%")
			} else {
				row = append(row, 0, "0–0", "0.0%")
			}
		}
		t.AppendRow(row)
	}
	rightAlign(t, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
	b.WriteString(render(t, format) + "\n\n")
	fmt.Fprintf(&b, "%d seats; %d needed for a majority. Vote shares are of all valid votes, turnout held at the baseline.", len(pr.Seats), pr.Majority)
	if gap, ok := pr.TargetGap(); ok {
		if gap <= swing.TargetTolerance {
			fmt.Fprintf(&b, " Achieved %% is each party's projected share over the contests the national target covers: every target is met there within %s points.", dec(swing.TargetTolerance, 2))
		} else {
			d := 2 // enough decimals to show the gap above the tolerance
			for d < 6 && dec(gap, d) == dec(swing.TargetTolerance, d) {
				d++
			}
			fmt.Fprintf(&b, " Achieved %% is each party's projected share over the contests the national target covers: it misses the target by up to %s points (more than %s), because the model clips negative shares to 0 and rescales each seat to 100%%.", dec(gap, d), dec(swing.TargetTolerance, 2))
		}
	}
	b.WriteString("\n\n")
	if s := x.Simulation; s != nil {
		fmt.Fprintf(&b, "Simulation: %s runs, seed %d; national error σ %s points and local error σ %s points for a party at 50%% (see the README); the interval holds 90%% of runs.\n\n",
			num(int64(s.Runs)), s.Seed, dec(s.NationalSD, 1), dec(s.SeatSD, 1))
	}

	changes := pr.Changes()
	heading(&b, format, 2, fmt.Sprintf("Seats changing hands: %d", len(changes)))
	if len(changes) > 0 {
		flows := map[[2]string]int{}
		for _, s := range changes {
			flows[[2]string{s.BaselineWinner, s.Winner}]++
		}
		keys := make([][2]string, 0, len(flows))
		for k := range flows {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if flows[keys[i]] != flows[keys[j]] {
				return flows[keys[i]] > flows[keys[j]]
			}
			return keys[i][0]+"\x00"+keys[i][1] < keys[j][0]+"\x00"+keys[j][1]
		})
		ft := newTable(table.Row{"From", "To", "Seats"})
		for _, k := range keys {
			ft.AppendRow(table.Row{k[0], k[1], flows[k]})
		}
		rightAlign(ft, 3)
		b.WriteString(render(ft, format) + "\n\n")
		b.WriteString(seatTable(x, changes, format, true))
	}
	marg := pr.Marginals(x.Limit)
	heading(&b, format, 2, "Most marginal seats")
	b.WriteString(seatTable(x, marg, format, false))
	if len(pr.Ties) > 0 {
		heading(&b, format, 2, "Tied projections")
		for _, k := range pr.Ties {
			s := &pr.Seats[k]
			fmt.Fprintf(&b, "- %s: %s have equal projected shares; the projection names no winner.\n", s.Contest.Name, strings.Join(s.Tied, " and "))
		}
		b.WriteString("\n")
	}
	if len(pr.Notes) > 0 {
		heading(&b, format, 2, "Notes")
		for _, n := range pr.Notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func seatTable(x *Projection, seats []*swing.SeatResult, format string, changes bool) string {
	head := table.Row{"Constituency", "Baseline winner", "Projected winner", "Runner-up", "Majority (points)"}
	if x.Simulation != nil {
		head = append(head, "Win chances")
	}
	t := newTable(head)
	idx := map[*election.Contest]int{}
	for i := range x.Projection.Seats {
		idx[x.Projection.Seats[i].Contest] = i
	}
	n := 0
	for _, s := range seats {
		if changes && x.Limit > 0 && n == x.Limit {
			break
		}
		n++
		row := table.Row{s.Contest.Name, s.BaselineWinner, s.Winner, runnerUp(s), dec(s.Majority, 1)}
		if x.Simulation != nil {
			var parts []string
			for i, ch := range x.Simulation.Seats[idx[s.Contest]].Chances {
				if i == 3 {
					break
				}
				parts = append(parts, fmt.Sprintf("%s %s%%", ch.Party, dec(100*ch.Probability, 0)))
			}
			row = append(row, strings.Join(parts, ", "))
		}
		t.AppendRow(row)
	}
	rightAlign(t, 5)
	out := render(t, format) + "\n"
	if changes && x.Limit > 0 && len(seats) > x.Limit {
		out += fmt.Sprintf("\n(%d more; --limit 0 lists all, JSON lists every seat.)\n", len(seats)-x.Limit)
	}
	return out + "\n"
}

// ProjectedWinners describes each projected seat for a map (WriteWinnerMap):
// the projected winner's party and a line with its projected share, the
// runner-up's, the majority in points and the baseline winner; a tied seat
// has no party and names the tied parties.
func ProjectedWinners(pr *swing.Projection) []HexWinner {
	out := make([]HexWinner, len(pr.Seats))
	for i := range pr.Seats {
		s := &pr.Seats[i]
		h := HexWinner{ID: s.Contest.ID, Party: s.Winner}
		switch {
		case s.Winner == "":
			h.Label = fmt.Sprintf("%s: projected tie between %s", s.Contest.Name, strings.Join(s.Tied, " and "))
		case s.Kept:
			h.Label = fmt.Sprintf("%s: %s, kept from the baseline (not projected)", s.Contest.Name, s.Winner)
		default:
			var win, ru *swing.ProjectedCandidate
			for k := range s.Candidates {
				c := &s.Candidates[k]
				switch {
				case win == nil && c.Party == s.Winner && !c.Aggregate:
					win = c
				case ru == nil && c.Party != s.Winner && !c.Aggregate:
					ru = c
				}
			}
			verb := "holds"
			if s.Changed() {
				verb = "gains (from " + s.BaselineWinner + ")"
			}
			h.Label = fmt.Sprintf("%s: %s %s with %s%% (was %s%%)", s.Contest.Name, s.Winner, verb, dec(win.Share, 1), dec(win.Baseline, 1))
			if ru != nil {
				h.Label += fmt.Sprintf(" over %s %s%%, majority %s points", ru.Party, dec(ru.Share, 1), dec(s.Majority, 1))
			}
		}
		out[i] = h
	}
	return out
}

// TargetsJSON gives targets in the layout of ProjectionJSON.Targets.
func TargetsJSON(targets []swing.Target) []TargetJSON { return targetsJSON(targets) }
