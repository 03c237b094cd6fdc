package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/psephos/psephos/plurality"
)

// CountJSON is the JSON layout of `psephos count` (see README).
type CountJSON struct {
	Election    string        `json:"election"`
	Source      string        `json:"source"`
	InputFormat string        `json:"input_format"`
	Contests    []ContestJSON `json:"contests"`
}

// ContestJSON is one contest's count.
type ContestJSON struct {
	ContestID        string          `json:"contest_id"`
	Contest          string          `json:"contest"`
	Nation           *string         `json:"nation"`
	Region           *string         `json:"region"`
	Seats            int             `json:"seats"`
	ValidVotes       int64           `json:"valid_votes"`
	InvalidVotes     *int64          `json:"invalid_votes"`
	Electorate       *int64          `json:"electorate"`
	Elected          []string        `json:"elected"`
	RunnerUp         []string        `json:"runner_up"`
	Majority         int64           `json:"majority"`
	MajorityPercent  float64         `json:"majority_percent"`
	AbsoluteMajority bool            `json:"absolute_majority"`
	Unopposed        bool            `json:"unopposed"`
	Uncertain        bool            `json:"runner_up_uncertain"`
	Tie              *TieJSON        `json:"tie"`
	Candidates       []CandidateJSON `json:"candidates"`
}

// CandidateJSON is one line of a contest.
type CandidateJSON struct {
	Name      string  `json:"name"`
	Party     string  `json:"party"`
	Votes     int64   `json:"votes"`
	Share     float64 `json:"share"`
	Position  int     `json:"position"`
	Elected   bool    `json:"elected"`
	Aggregate bool    `json:"aggregate"`
	Uncertain bool    `json:"position_uncertain"`
}

// A Count is what `psephos count` shows: every contest's result.
type Count struct {
	Election, Source, InputFormat string
	Results                       []plurality.Result
}

// WriteCount renders every contest's result.
func WriteCount(w io.Writer, c *Count, format string) error {
	switch format {
	case JSON:
		out := CountJSON{Election: c.Election, Source: c.Source, InputFormat: c.InputFormat, Contests: make([]ContestJSON, 0, len(c.Results))}
		for i := range c.Results {
			out.Contests = append(out.Contests, contestJSON(&c.Results[i]))
		}
		return writeJSON(w, out)
	case CSV:
		cw := csv.NewWriter(w)
		cw.Write([]string{"contest_id", "contest", "candidate", "party", "votes", "share", "position", "elected", "majority", "tie"})
		for i := range c.Results {
			cj := contestJSON(&c.Results[i])
			tie := ""
			if cj.Tie != nil {
				tie = cj.Tie.Resolution
			}
			for _, k := range cj.Candidates {
				pos := ""
				if k.Position > 0 {
					pos = strconv.Itoa(k.Position)
				}
				cw.Write([]string{cj.ContestID, cj.Contest, k.Name, k.Party, strconv.FormatInt(k.Votes, 10),
					strconv.FormatFloat(k.Share, 'f', -1, 64), pos, strconv.FormatBool(k.Elected), strconv.FormatInt(cj.Majority, 10), tie})
			}
		}
		cw.Flush()
		return cw.Error()
	case Table, Markdown:
		t := newTable(table.Row{"Contest", "Elected", "Party", "Votes", "Share %", "Majority", "Maj. %", "Runner-up", "Party"})
		for i := range c.Results {
			t.AppendRow(contestRow(&c.Results[i]))
		}
		rightAlign(t, 4, 5, 6, 7)
		head := fmt.Sprintf("%s. Source: %s; read as %s.", c.Election, c.Source, c.InputFormat)
		if format == Markdown {
			head = "# " + c.Election + "\n\nSource: " + c.Source + "; read as " + c.InputFormat + "."
		}
		_, err := io.WriteString(w, head+"\n\n"+render(t, format)+"\n")
		return err
	}
	return CheckFormat(format)
}

func contestJSON(r *plurality.Result) ContestJSON {
	c := r.Contest
	out := ContestJSON{
		ContestID: c.ID, Contest: c.Name, Nation: area(c.Area("nation")), Region: area(c.Area("region")), Seats: c.Seats,
		ValidVotes: r.Valid, InvalidVotes: known(c.Invalid), Electorate: known(c.Electorate),
		Majority: r.Majority, MajorityPercent: round(r.MajorityPercent(), 4), Unopposed: r.Unopposed, Uncertain: r.Uncertain,
		Elected: []string{},
	}
	for _, k := range r.Elected {
		out.Elected = append(out.Elected, c.Candidates[k].Label())
	}
	out.RunnerUp = []string{}
	for _, k := range r.RunnerUp {
		out.RunnerUp = append(out.RunnerUp, c.Candidates[k].Label())
	}
	if len(r.Elected) == 1 && c.Seats == 1 {
		out.AbsoluteMajority = r.AbsoluteMajority(r.Elected[0])
	}
	if t := r.Tie; t != nil {
		tj := &TieJSON{Contest: c.Name, ContestID: c.ID, Votes: t.Votes, Resolution: t.Resolution, Candidates: []string{}, Parties: []string{}, Winners: []string{}}
		for _, k := range t.Candidates {
			tj.Candidates = append(tj.Candidates, c.Candidates[k].Label())
			tj.Parties = append(tj.Parties, c.Candidates[k].Party)
		}
		for _, k := range t.Winners {
			tj.Winners = append(tj.Winners, c.Candidates[k].Label())
		}
		out.Tie = tj
	}
	elected := map[int]bool{}
	for _, k := range r.Elected {
		elected[k] = true
	}
	// Candidates in order of placing, then aggregate lines.
	order := make([]int, 0, len(c.Candidates))
	for _, p := range r.Placings {
		order = append(order, p.Candidate)
	}
	for i := range c.Candidates {
		if c.Candidates[i].Aggregate {
			order = append(order, i)
		}
	}
	uncertain := map[int]bool{}
	for _, p := range r.Placings {
		uncertain[p.Candidate] = p.Uncertain
	}
	for _, i := range order {
		k := &c.Candidates[i]
		out.Candidates = append(out.Candidates, CandidateJSON{
			Name: k.Label(), Party: k.Party, Votes: k.Votes, Share: round(share(k.Votes, r.Valid), 4),
			Position: r.Position(i), Elected: elected[i], Aggregate: k.Aggregate, Uncertain: uncertain[i],
		})
	}
	return out
}

func area(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// contestRow is one contest's line in the count table: winners (and any
// tie still to be decided by lot), majority and runner-up (all of them when
// they tie).
func contestRow(r *plurality.Result) table.Row {
	cc := r.Contest
	labels := func(idx []int) (names, parties string) {
		var n, p []string
		for _, k := range idx {
			n = append(n, cc.Candidates[k].Label())
			p = append(p, cc.Candidates[k].Party)
		}
		return strings.Join(n, ", "), strings.Join(p, ", ")
	}
	win, wparty := labels(r.Elected)
	var votes, pct string
	if len(r.Elected) == 1 && cc.Seats == 1 {
		k := &cc.Candidates[r.Elected[0]]
		votes, pct = num(k.Votes), dec(share(k.Votes, r.Valid), 1)
	}
	maj, majPct := num(r.Majority), dec(r.MajorityPercent(), 2)
	if t := r.Tie; t != nil {
		switch t.Resolution {
		case plurality.Pending:
			tied, _ := labels(t.Candidates)
			note := fmt.Sprintf("TIE for %d %s, decide by lot: %s", t.Seats, plural(int64(t.Seats), "seat", "seats"), strings.ReplaceAll(tied, ", ", " / "))
			if cc.Seats == 1 {
				note = "TIE, decide by lot: " + strings.ReplaceAll(tied, ", ", " / ")
			}
			if win != "" {
				win += "; "
			}
			win += note
			maj, majPct = "—", "—"
		case plurality.Lot:
			win += " (by psephos's seeded lot, not an official result)"
		default:
			win += " (by " + t.Resolution + ")"
		}
	}
	if r.Unopposed {
		maj, majPct = "unopposed", "—"
	}
	ru, rparty := labels(r.RunnerUp)
	if len(r.RunnerUp) > 1 {
		ru = strings.ReplaceAll(ru, ", ", " / ") + " (tied)"
		rparty = strings.ReplaceAll(rparty, ", ", " / ")
	}
	if r.Uncertain {
		ru += " (a candidate in an aggregate may be ahead)"
	}
	return table.Row{cc.Name, win, wparty, votes, pct, maj, majPct, ru, rparty}
}
