package report

import (
	"encoding/csv"
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
	Nation           string          `json:"nation,omitempty"`
	Region           string          `json:"region,omitempty"`
	Seats            int             `json:"seats"`
	ValidVotes       int64           `json:"valid_votes"`
	InvalidVotes     *int64          `json:"invalid_votes"`
	Electorate       *int64          `json:"electorate"`
	Elected          []string        `json:"elected"`
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
	Aggregate bool    `json:"aggregate,omitempty"`
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
			r := &c.Results[i]
			cc := r.Contest
			var win, wparty, votes, share, ru, rparty string
			switch {
			case r.Tie != nil && r.Tie.Resolution == plurality.Pending:
				var n []string
				for _, k := range r.Tie.Candidates {
					n = append(n, cc.Candidates[k].Label())
				}
				win = "TIE, decide by lot: " + strings.Join(n, " / ")
			default:
				var n, p []string
				for _, k := range r.Elected {
					n = append(n, cc.Candidates[k].Label())
					p = append(p, cc.Candidates[k].Party)
				}
				win, wparty = strings.Join(n, ", "), strings.Join(p, ", ")
				if len(r.Elected) == 1 {
					k := &cc.Candidates[r.Elected[0]]
					votes, share = num(k.Votes), dec(100*float64(k.Votes)/float64(max(r.Valid, 1)), 1)
				}
				if r.Tie != nil {
					win += " (by " + r.Tie.Resolution + ")"
				}
			}
			for _, p := range r.Placings {
				if !p.Elected && (r.Tie == nil || r.Tie.Resolution != plurality.Pending) {
					ru, rparty = cc.Candidates[p.Candidate].Label(), cc.Candidates[p.Candidate].Party
					break
				}
			}
			maj := num(r.Majority)
			if r.Unopposed {
				maj = "unopposed"
			}
			t.AppendRow(table.Row{cc.Name, win, wparty, votes, share, maj, dec(r.MajorityPercent(), 1), ru, rparty})
		}
		rightAlign(t, 4, 5, 6, 7)
		_, err := io.WriteString(w, render(t, format)+"\n")
		return err
	}
	return CheckFormat(format)
}

func contestJSON(r *plurality.Result) ContestJSON {
	c := r.Contest
	out := ContestJSON{
		ContestID: c.ID, Contest: c.Name, Nation: c.Area("nation"), Region: c.Area("region"), Seats: c.Seats,
		ValidVotes: r.Valid, InvalidVotes: known(c.Invalid), Electorate: known(c.Electorate),
		Majority: r.Majority, MajorityPercent: round(r.MajorityPercent(), 4), Unopposed: r.Unopposed, Uncertain: r.Uncertain,
		Elected: []string{},
	}
	for _, k := range r.Elected {
		out.Elected = append(out.Elected, c.Candidates[k].Label())
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
	for _, i := range order {
		k := &c.Candidates[i]
		out.Candidates = append(out.Candidates, CandidateJSON{
			Name: k.Label(), Party: k.Party, Votes: k.Votes, Share: round(100*float64(k.Votes)/float64(max(r.Valid, 1)), 4),
			Position: r.Position(i), Elected: elected[i], Aggregate: k.Aggregate,
		})
	}
	return out
}
