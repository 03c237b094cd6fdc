package report

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/psephos/psephos/measure"
)

// An Explanation is what `psephos explain` shows: one party in depth.
type Explanation struct {
	Report *Report // the election-wide report, for the party's line
	Detail measure.PartyDetail
	// Limit is how many rows each table shows (0: all). JSON lists all.
	Limit int
}

// ExplainJSON is the JSON layout of `psephos explain`.
type ExplainJSON struct {
	Election    string         `json:"election"`
	Source      string         `json:"source"`
	InputFormat string         `json:"input_format"`
	Party       PartyJSON      `json:"party"`
	Won         []StandingJSON `json:"won"`
	Second      []StandingJSON `json:"second"`
	Lost        []StandingJSON `json:"lost"`
	Tied        []StandingJSON `json:"tied"`
	Notes       []string       `json:"notes"`
}

// StandingJSON is one contest seen from the party.
type StandingJSON struct {
	Contest       string  `json:"contest"`
	ContestID     string  `json:"contest_id"`
	Candidate     string  `json:"candidate"`
	Votes         int64   `json:"votes"`
	Share         float64 `json:"share"`
	Position      int     `json:"position"`
	Elected       bool    `json:"elected"`
	Opponent      string  `json:"opponent"`
	OpponentVotes int64   `json:"opponent_votes"`
	Gap           int64   `json:"gap"`
	GapPercent    float64 `json:"gap_percent"`
	Swing         float64 `json:"swing_needed"`
	Switchers     int64   `json:"switchers_needed"`
}

func standings(list []measure.Standing) []StandingJSON {
	out := make([]StandingJSON, 0, len(list))
	for _, s := range list {
		out = append(out, StandingJSON{Contest: s.Contest, ContestID: s.ContestID, Candidate: s.Candidate, Votes: s.Votes, Share: round(s.Share, 4),
			Position: s.Position, Elected: s.Elected, Opponent: s.Opponent, OpponentVotes: s.OpponentVotes, Gap: s.Gap,
			GapPercent: round(s.GapPercent, 4), Swing: round(s.Swing, 4), Switchers: s.Switchers})
	}
	return out
}

// WriteExplanation renders one party's detail.
func WriteExplanation(w io.Writer, x *Explanation, format string) error {
	r := x.Report
	d := &x.Detail
	p := r.Whole.Party(d.Summary.Party.ID)
	switch format {
	case JSON:
		a := areaJSON(r, &r.Whole)
		var pj PartyJSON
		for _, q := range a.Parties {
			if q.Party == d.Summary.Party.ID {
				pj = q
			}
		}
		return writeJSON(w, ExplainJSON{Election: r.Election, Source: r.Source, InputFormat: r.InputFormat, Party: pj,
			Won: standings(d.Won), Second: standings(d.Second), Lost: standings(d.Lost), Tied: standings(d.Tied), Notes: nonNil(r.Notes)})
	case CSV:
		return ErrNoCSV
	case Table, Markdown:
	default:
		return CheckFormat(format)
	}
	var b strings.Builder
	title := fmt.Sprintf("%s (%s) in %s", d.Summary.Party.Name, d.Summary.Party.ID, r.Election)
	if format == Markdown {
		fmt.Fprintf(&b, "# %s\n\n", title)
	} else {
		fmt.Fprintf(&b, "%s\n%s\n\n", title, strings.Repeat("=", len([]rune(title))))
	}
	fmt.Fprintf(&b, "Source: %s; read as %s.\n\n", r.Source, r.InputFormat)
	if line := PartyLine(r, &r.Whole, p); line != "" {
		fmt.Fprintf(&b, "%s\n\n", line)
	}
	fmt.Fprintf(&b, "It stood %s %s: first in %d, second in %d, third in %d. %s of its votes (%s%%) went to candidates who were not elected.\n\n",
		num(int64(p.Candidates)), plural(int64(p.Candidates), "candidate", "candidates"), p.Places[0], p.Places[1], p.Places[2],
		num(p.UnelectedVotes), dec(share(p.UnelectedVotes, p.Votes), 1))
	section := func(name string, list []measure.Standing, won bool) {
		if len(list) == 0 {
			return
		}
		shown := list
		if x.Limit > 0 && len(shown) > x.Limit {
			shown = shown[:x.Limit]
		}
		head := fmt.Sprintf("%s (%d, %d shown)", name, len(list), len(shown))
		if format == Markdown {
			fmt.Fprintf(&b, "## %s\n\n", head)
		} else {
			fmt.Fprintf(&b, "%s\n%s\n", head, strings.Repeat("-", len([]rune(head))))
		}
		row := table.Row{"Contest", "Place", "Votes", "Share %", "Winner", "Behind by", "Gap %", "Switchers to win", "Swing to win %"}
		if won {
			row = table.Row{"Contest", "Place", "Votes", "Share %", "Runner-up", "Majority", "Gap %", "Switchers to lose", "Swing to lose %"}
		}
		t := newTable(row)
		for _, s := range shown {
			t.AppendRow(table.Row{s.Contest, s.Position, num(s.Votes), dec(s.Share, 1), s.Opponent, num(s.Gap), dec(s.GapPercent, 2), num(s.Switchers), dec(s.Swing, 2)})
		}
		rightAlign(t, 2, 3, 4, 6, 7, 8, 9)
		b.WriteString(render(t, format))
		b.WriteString("\n\n")
	}
	section("Tied for a seat, awaiting a lot", d.Tied, false)
	section("Won, narrowest first", d.Won, true)
	section("Second places, nearest first", d.Second, false)
	section("Nearest misses (every seat lost), nearest first", d.Lost, false)
	b.WriteString("Switchers: the fewest voters who, by voting for another candidate instead, would reverse the result: to win, voters of the candidates ahead switching to this party; to lose, its voters switching to the runner-up. Swing: switchers as a percentage of the valid votes (for a second place, the two-party swing: half the gap).\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// ErrNoCSV is returned for a CSV request to a view that has no table shape.
var ErrNoCSV = errors.New("explain has no CSV output; use --format json, table or markdown (count --format csv lists every candidate)")
