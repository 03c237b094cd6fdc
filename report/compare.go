package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/psephos/psephos/compare"
)

// A Comparison is what `psephos compare` shows: one election under several
// systems side by side.
type Comparison struct {
	Source, InputFormat string
	Notes               []string
	Result              *compare.Comparison
	// MinShare: table and Markdown sum parties with no seats under any
	// system and less than this percent of the votes into one row.
	MinShare float64
}

// CompareJSON is the JSON layout of `psephos compare` (see README).
type CompareJSON struct {
	Election    string             `json:"election"`
	Source      string             `json:"source"`
	InputFormat string             `json:"input_format"`
	Seats       int                `json:"seats"`
	ValidVotes  int64              `json:"valid_votes"`
	Parties     []ComparePartyJSON `json:"parties"`
	Systems     []SystemJSON       `json:"systems"`
	Notes       []string           `json:"notes"`
}

// ComparePartyJSON is one party's votes.
type ComparePartyJSON struct {
	Party     string  `json:"party"`
	Name      string  `json:"name"`
	Votes     int64   `json:"votes"`
	VoteShare float64 `json:"vote_share"`
}

// SystemJSON is one system's outcome.
type SystemJSON struct {
	System       string           `json:"system"`
	Label        string           `json:"label"`
	Kind         string           `json:"kind"`
	Method       string           `json:"method,omitempty"`
	Scope        string           `json:"scope,omitempty"`
	Description  string           `json:"description"`
	Seats        int              `json:"seats"`
	Pending      int              `json:"pending"`
	Indices      IndicesJSON      `json:"indices"`
	LargestParty []string         `json:"largest_party"`
	Parties      []SystemSeatJSON `json:"parties"`
	Notes        []string         `json:"notes"`
}

// SystemSeatJSON is one party's seats under one system.
type SystemSeatJSON struct {
	Party     string  `json:"party"`
	Seats     int     `json:"seats"`
	SeatShare float64 `json:"seat_share"`
}

func compareJSON(c *Comparison) CompareJSON {
	r := c.Result
	out := CompareJSON{Election: r.Election, Source: c.Source, InputFormat: c.InputFormat, Seats: r.Seats, ValidVotes: r.Valid,
		Parties: []ComparePartyJSON{}, Systems: []SystemJSON{}, Notes: nonNil(append(append([]string{}, r.Notes...), c.Notes...))}
	for _, p := range r.Parties {
		out.Parties = append(out.Parties, ComparePartyJSON{Party: p.Party.ID, Name: p.Party.Name, Votes: p.Votes, VoteShare: round(p.VoteShare, 4)})
	}
	for _, o := range r.Outcomes {
		ix := o.Indices
		s := SystemJSON{System: o.System.Spec, Label: o.Label, Kind: o.System.Kind, Description: o.Description, Seats: o.Total, Pending: o.Pending,
			Indices:      indicesJSON(ix),
			LargestParty: nonNil(o.Largest), Parties: []SystemSeatJSON{}, Notes: nonNil(o.Notes)}
		if o.System.Method != nil {
			s.Method = o.System.Method.Name()
		}
		if o.System.Kind != compare.FPTP {
			s.Scope = o.System.Scope
		}
		for i, p := range r.Parties {
			s.Parties = append(s.Parties, SystemSeatJSON{Party: p.Party.ID, Seats: o.Seats[i], SeatShare: round(share(int64(o.Seats[i]), int64(o.Total)), 4)})
		}
		out.Systems = append(out.Systems, s)
	}
	return out
}

// WriteComparison renders a comparison.
func WriteComparison(w io.Writer, c *Comparison, format string) error {
	switch format {
	case JSON:
		return writeJSON(w, compareJSON(c))
	case CSV:
		cw := csv.NewWriter(w)
		cw.Write([]string{"system", "label", "party", "name", "votes", "vote_share", "seats", "seat_share"})
		j := compareJSON(c)
		f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
		for _, s := range j.Systems {
			for i, p := range s.Parties {
				v := j.Parties[i]
				cw.Write([]string{s.System, s.Label, p.Party, v.Name, strconv.FormatInt(v.Votes, 10), f(v.VoteShare), strconv.Itoa(p.Seats), f(p.SeatShare)})
			}
		}
		cw.Flush()
		return cw.Error()
	case Table, Markdown:
		return compareText(w, c, format)
	}
	return CheckFormat(format)
}

func compareText(w io.Writer, c *Comparison, format string) error {
	var b strings.Builder
	h := func(level int, s string) { heading(&b, format, level, s) }
	r := c.Result
	title := r.Election
	if title == "" {
		title = c.Source
	}
	h(1, title+": seats under other electoral systems")
	fmt.Fprintf(&b, "Source: %s (read as %s). %s seats; %s valid votes.\n\n", c.Source, c.InputFormat, num(int64(r.Seats)), num(r.Valid))
	hdr := table.Row{"Party", "Votes", "Vote %"}
	for _, o := range r.Outcomes {
		hdr = append(hdr, o.Label)
	}
	t := newTable(hdr)
	others := make([]int, len(r.Outcomes))
	var otherVotes int64
	var otherShare float64
	nOthers := 0
	for i, p := range r.Parties {
		any := false
		for _, o := range r.Outcomes {
			any = any || o.Seats[i] > 0
		}
		if !any && p.VoteShare < c.MinShare {
			nOthers++
			otherVotes += p.Votes
			otherShare += p.VoteShare
			continue
		}
		row := table.Row{partyLabel(p.Party), num(p.Votes), dec(p.VoteShare, 1)}
		for _, o := range r.Outcomes {
			row = append(row, num(int64(o.Seats[i])))
		}
		t.AppendRow(row)
	}
	if nOthers > 0 {
		row := table.Row{fmt.Sprintf("%d others below %s%% without seats", nOthers, dec(c.MinShare, 1)), num(otherVotes), dec(otherShare, 1)}
		for k := range r.Outcomes {
			row = append(row, num(int64(others[k])))
		}
		t.AppendRow(row)
	}
	t.AppendSeparator()
	total := table.Row{"Seats", "", ""}
	gal := table.Row{"Gallagher index", "", ""}
	largest := table.Row{"Largest party", "", ""}
	for _, o := range r.Outcomes {
		s := num(int64(o.Total))
		if o.Pending > 0 {
			s += fmt.Sprintf(" (+%d pending)", o.Pending)
		}
		total = append(total, s)
		gal = append(gal, dec(o.Indices.Gallagher, 2))
		largest = append(largest, strings.Join(o.Largest, ", "))
	}
	t.AppendRow(total)
	t.AppendRow(gal)
	t.AppendRow(largest)
	cols := []int{2, 3}
	for k := range r.Outcomes {
		cols = append(cols, 4+k)
	}
	rightAlign(t, cols...)
	b.WriteString(render(t, format))
	b.WriteString("\n\n")
	h(2, "What each column is")
	for _, o := range r.Outcomes {
		fmt.Fprintf(&b, "- %s (%s): %s. Gallagher index %s; largest party %s", o.Label, o.System.Spec, o.Description, dec(o.Indices.Gallagher, 2), strings.Join(o.Largest, ", "))
		if maj := (r.Seats / 2) + 1; len(o.Largest) == 1 {
			for i, p := range r.Parties {
				if p.Party.ID == o.Largest[0] {
					if o.Seats[i] >= maj {
						fmt.Fprintf(&b, " with a majority (%s of %s)", num(int64(o.Seats[i])), num(int64(o.Total)))
					} else {
						fmt.Fprintf(&b, " with %s seats, %s short of a majority", num(int64(o.Seats[i])), num(int64(maj-o.Seats[i])))
					}
				}
			}
		}
		b.WriteString(".\n")
	}
	b.WriteString("\n")
	var notes []string
	for _, o := range r.Outcomes {
		for _, n := range o.Notes {
			notes = append(notes, o.Label+": "+n)
		}
	}
	notes = append(notes, r.Notes...)
	notes = append(notes, c.Notes...)
	if len(notes) > 0 {
		h(2, "Notes")
		for _, n := range notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
