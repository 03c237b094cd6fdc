package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/psephos/psephos/apportion"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/measure"
	"github.com/psephos/psephos/mixed"
)

// An Apportionment is what `psephos apportion` shows: a party-votes table
// apportioned under one rule.
type Apportionment struct {
	Election, Source, InputFormat string
	Notes                         []string
	Result                        *apportion.Apportionment
	// AwardLimit is how many seats of the order of award the table and
	// Markdown show per district (0: all). JSON lists all.
	AwardLimit int
	// Coverage is the German second-vote coverage of constituency winners
	// (mixed.Bundestag2023), shown when set; the CSV does not include it.
	Coverage *mixed.MMPResult
}

// ApportionJSON is the JSON layout of `psephos apportion` (see README).
// Quotients and remainders are exact strings ("4240/3"); *_value fields
// are the same numbers as floats for display.
type ApportionJSON struct {
	Election    string                  `json:"election"`
	Source      string                  `json:"source"`
	InputFormat string                  `json:"input_format"`
	Method      MethodJSON              `json:"method"`
	Threshold   ThresholdJSON           `json:"threshold"`
	TieRule     string                  `json:"tie_rule"`
	ByDistrict  bool                    `json:"by_district"`
	Seats       int                     `json:"seats"`
	Pending     int                     `json:"pending"`
	Vacant      int                     `json:"vacant"`
	ValidVotes  int64                   `json:"valid_votes"`
	Indices     IndicesJSON             `json:"indices"`
	Parties     []ApportionPartyJSON    `json:"parties"`
	Districts   []ApportionDistrictJSON `json:"districts"`
	Coverage    *CoverageJSON           `json:"coverage,omitempty"`
	Notes       []string                `json:"notes"`
}

// MethodJSON names the method and its parameters.
type MethodJSON struct {
	Name          string `json:"name"`
	Title         string `json:"title"`
	FirstDivisor  string `json:"first_divisor,omitempty"`
	QuotaRounding string `json:"quota_rounding,omitempty"`
}

// ThresholdJSON is the legal threshold as applied.
type ThresholdJSON struct {
	SharePercent          string   `json:"share_percent"`
	CoalitionSharePercent string   `json:"coalition_share_percent,omitempty"`
	ConstituencySeats     int      `json:"constituency_seats"`
	Exempt                []string `json:"exempt"`
	Scope                 string   `json:"scope"`
}

// ApportionPartyJSON is one party's national result.
type ApportionPartyJSON struct {
	Party         string  `json:"party"`
	Name          string  `json:"name"`
	Votes         int64   `json:"votes"`
	VoteShare     float64 `json:"vote_share"`
	Qualified     bool    `json:"qualified"`
	Qualification string  `json:"qualification"`
	Seats         int     `json:"seats"`
	SeatShare     float64 `json:"seat_share"`
	OfficialSeats *int    `json:"official_seats"`
}

// ApportionDistrictJSON is one district's apportionment.
type ApportionDistrictJSON struct {
	ID             string              `json:"id"`
	Name           string              `json:"name"`
	Seats          int                 `json:"seats"`
	Votes          int64               `json:"votes"`
	QualifiedVotes int64               `json:"qualified_votes"`
	Quota          string              `json:"quota,omitempty"`
	Parties        []DistrictPartyJSON `json:"parties"`
	Awards         []AwardJSON         `json:"awards"`
	Removed        []AwardJSON         `json:"removed,omitempty"`
	Next           []AwardJSON         `json:"next"`
	Ties           []ApportionTieJSON  `json:"ties"`
	SeatedTies     int                 `json:"seated_ties"`
	Pending        int                 `json:"pending"`
	Vacant         int                 `json:"vacant"`
}

// DistrictPartyJSON is one party in one district.
type DistrictPartyJSON struct {
	Party         string  `json:"party"`
	Votes         int64   `json:"votes"`
	Qualified     bool    `json:"qualified"`
	Start         int     `json:"seats_held_before,omitempty"`
	Seats         int     `json:"seats"`
	QuotaShare    string  `json:"quota_share,omitempty"`
	QuotaValue    float64 `json:"quota_share_value,omitempty"`
	Whole         *int    `json:"whole_quotas,omitempty"`
	Remainder     string  `json:"remainder,omitempty"`
	RemainderVal  float64 `json:"remainder_value,omitempty"`
	RemainderSeat int     `json:"remainder_seat,omitempty"`
	// Limited: under largest remainder the party would have won more than
	// its list limit; it keeps that many seats and was excluded before the
	// last round (which alone gives the quota and remainders).
	Limited bool `json:"list_limit_reached,omitempty"`
}

// AwardJSON is one seat in order of award (or a remainder seat, or the next
// quotient that missed). QuotientValue is null when the quotient is
// infinite (a zero divisor: the first seat under Adams, Dean and
// Huntington–Hill); Quotient then says "∞".
type AwardJSON struct {
	Seat          int      `json:"seat,omitempty"`
	Party         string   `json:"party"`
	Divisor       string   `json:"divisor,omitempty"`
	Quotient      string   `json:"quotient"`
	QuotientValue *float64 `json:"quotient_value"`
	// Tie indexes the district's ties (a tie that decided this seat);
	// SeatedTie marks a quotient equal to others that were all seated.
	Tie       *int `json:"tie"`
	SeatedTie bool `json:"seated_tie,omitempty"`
}

// ApportionTieJSON is one tie met in an apportionment.
type ApportionTieJSON struct {
	FirstSeat  int      `json:"first_seat"`
	Seats      int      `json:"seats"`
	Parties    []string `json:"parties"`
	Value      string   `json:"value"`
	Resolution string   `json:"resolution"`
	Winners    []string `json:"winners"`
	Pending    int      `json:"pending"`
	Seed       *uint64  `json:"seed"`
}

func thresholdJSON(t apportion.Threshold) ThresholdJSON {
	j := ThresholdJSON{SharePercent: pctString(t.Share), ConstituencySeats: t.Wins, Exempt: nonNil(t.Exempt), Scope: "national"}
	if !t.CoalitionShare.IsZero() {
		j.CoalitionSharePercent = pctString(t.CoalitionShare)
	}
	if t.District {
		j.Scope = "district"
	}
	return j
}

func pctString(r apportion.Ratio) string {
	if r.Den == 0 {
		return "0"
	}
	return apportion.Ratio{Num: r.Num * 100, Den: r.Den}.String()
}

func methodJSON(m apportion.Method) MethodJSON {
	j := MethodJSON{Name: m.Name(), Title: m.Title()}
	switch x := m.(type) {
	case apportion.Divisor:
		if f := x.FirstDivisor(); !f.IsZero() {
			j.FirstDivisor = f.String()
		}
	case apportion.LargestRemainder:
		j.QuotaRounding = [...]string{"exact", "down", "up", "nearest"}[x.Rounding()]
	}
	return j
}

func awardJSON(r *apportion.Result, a apportion.Award) AwardJSON {
	exact, v := r.Value(a)
	j := AwardJSON{Seat: int(a.Seat), Party: r.Parties[a.Party].ID, Divisor: r.Divisor(a), Quotient: exact, QuotientValue: defined(v, 6)}
	switch {
	case a.Tie >= 0:
		t := int(a.Tie)
		j.Tie = &t
	case a.Tie == apportion.SeatedTie:
		j.SeatedTie = true
	}
	return j
}

// apportionJSON lays out an apportionment; awards limits each district's
// order of award to its first awards seats (0: all; < 0: none), as the
// table shows only those and a house of millions would cost one exact
// quotient each.
func apportionJSON(a *Apportionment, awards int) ApportionJSON {
	res := a.Result
	out := ApportionJSON{Election: a.Election, Source: a.Source, InputFormat: a.InputFormat, Method: methodJSON(res.Rule.Method),
		Threshold: thresholdJSON(res.Rule.Threshold), TieRule: res.Rule.Ties.String(), ByDistrict: res.ByDistrict,
		Seats: res.Seats, Pending: res.Pending, Vacant: res.Vacant, Notes: nonNil(a.Notes), Parties: []ApportionPartyJSON{}, Districts: []ApportionDistrictJSON{},
		Coverage: coverageJSON(a.Coverage)}
	votes, seats := make([]int64, len(res.Parties)), make([]int, len(res.Parties))
	for i, p := range res.Parties {
		out.ValidVotes += p.Votes
		votes[i], seats[i] = p.Votes, p.Seats
	}
	ix := measure.ComputeIndices(votes, seats)
	out.Indices = indicesJSON(ix)
	for _, p := range res.Parties {
		pj := ApportionPartyJSON{Party: p.Party.ID, Name: p.Party.Name, Votes: p.Votes, VoteShare: round(share(p.Votes, out.ValidVotes), 4),
			Qualified: p.Qualified, Qualification: p.Qualification, Seats: p.Seats, SeatShare: round(share(int64(p.Seats), int64(res.Seats)), 4)}
		if p.OfficialSeats >= 0 {
			n := p.OfficialSeats
			pj.OfficialSeats = &n
		}
		out.Parties = append(out.Parties, pj)
	}
	election.SortByStanding(out.Parties, func(p *ApportionPartyJSON) (int, int64, string) { return p.Seats, p.Votes, p.Party })
	for _, d := range res.Districts {
		r := d.Result
		dj := ApportionDistrictJSON{ID: d.ID, Name: d.Name, Seats: r.Seats, Votes: r.Votes, QualifiedVotes: r.QualifiedVotes, Pending: r.Pending, Vacant: r.Vacant, SeatedTies: r.SeatedTies,
			Parties: []DistrictPartyJSON{}, Awards: make([]AwardJSON, 0, len(r.Awards)), Next: []AwardJSON{}, Ties: []ApportionTieJSON{}}
		if r.Quota != nil {
			dj.Quota = r.Quota.RatString()
		}
		for _, p := range r.Parties {
			pj := DistrictPartyJSON{Party: p.ID, Votes: p.Votes, Qualified: p.Qualified, Start: p.Start, Seats: p.Seats, RemainderSeat: p.Extra, Limited: p.Limited}
			if p.QuotaShare != nil {
				pj.QuotaShare = p.QuotaShare.RatString()
				pj.QuotaValue, _ = p.QuotaShare.Float64()
				pj.QuotaValue = round(pj.QuotaValue, 6)
				w := p.Whole
				pj.Whole = &w
				pj.Remainder = p.Remainder.RatString()
				pj.RemainderVal, _ = p.Remainder.Float64()
				pj.RemainderVal = round(pj.RemainderVal, 6)
			}
			dj.Parties = append(dj.Parties, pj)
		}
		shown := r.Awards
		switch {
		case awards < 0:
			shown = nil
		case awards > 0 && awards < len(shown):
			shown = shown[:awards]
		}
		for _, aw := range shown {
			dj.Awards = append(dj.Awards, awardJSON(r, aw))
		}
		for _, aw := range r.Removed {
			dj.Removed = append(dj.Removed, awardJSON(r, aw))
		}
		for _, aw := range r.Next {
			dj.Next = append(dj.Next, awardJSON(r, aw))
		}
		for _, t := range r.Ties {
			dj.Ties = append(dj.Ties, tieJSON(r, t))
		}
		out.Districts = append(out.Districts, dj)
	}
	return out
}

func tieJSON(r *apportion.Result, t apportion.Tie) ApportionTieJSON {
	tj := ApportionTieJSON{FirstSeat: t.FirstSeat, Seats: t.Seats, Value: t.Value, Resolution: t.Resolution, Pending: t.Pending, Parties: []string{}, Winners: []string{}}
	for _, p := range t.Parties {
		tj.Parties = append(tj.Parties, r.Parties[p].ID)
	}
	for _, p := range t.Winners {
		tj.Winners = append(tj.Winners, r.Parties[p].ID)
	}
	if t.Lot {
		s := t.Seed
		tj.Seed = &s
	}
	return tj
}

// WriteApportionment renders an apportionment.
func WriteApportionment(w io.Writer, a *Apportionment, format string) error {
	switch format {
	case JSON:
		return writeJSON(w, apportionJSON(a, 0))
	case CSV:
		return apportionCSV(w, a)
	case Table, Markdown:
		return apportionText(w, a, format)
	}
	return CheckFormat(format)
}

func apportionCSV(w io.Writer, a *Apportionment) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"district", "party", "name", "votes", "vote_share", "qualified", "seats", "seat_share", "official_seats"})
	j := apportionJSON(a, -1)
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	for _, p := range j.Parties {
		off := ""
		if p.OfficialSeats != nil {
			off = strconv.Itoa(*p.OfficialSeats)
		}
		cw.Write([]string{"all", p.Party, p.Name, strconv.FormatInt(p.Votes, 10), f(p.VoteShare), strconv.FormatBool(p.Qualified), strconv.Itoa(p.Seats), f(p.SeatShare), off})
	}
	if a.Result.ByDistrict {
		names := map[string]string{}
		for _, p := range j.Parties {
			names[p.Party] = p.Name
		}
		for _, d := range j.Districts {
			for _, p := range d.Parties {
				cw.Write([]string{d.Name, p.Party, names[p.Party], strconv.FormatInt(p.Votes, 10), f(round(share(p.Votes, d.Votes), 4)), strconv.FormatBool(p.Qualified),
					strconv.Itoa(p.Seats), f(round(share(int64(p.Seats), int64(d.Seats)), 4)), ""})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func apportionText(w io.Writer, a *Apportionment, format string) error {
	var b strings.Builder
	h := func(level int, s string) { heading(&b, format, level, s) }
	res := a.Result
	j := apportionJSON(a, a.AwardLimit)
	title := a.Election
	if title == "" {
		title = a.Source
	}
	h(1, title)
	fmt.Fprintf(&b, "Source: %s (read as %s)\n\n", a.Source, a.InputFormat)
	fmt.Fprintf(&b, "Method: %s. Threshold: %s. Ties: %s.\n\n", res.Rule.Method.Title(), thresholdWords(res.Rule.Threshold), res.Rule.Ties)
	scope := "nationwide"
	if res.ByDistrict {
		scope = fmt.Sprintf("in %s districts, each apportioned separately", num(int64(len(res.Districts))))
	}
	fmt.Fprintf(&b, "%s %s %s; %s valid votes for lists.\n\n", num(int64(res.Seats)), plural(int64(res.Seats), "seat", "seats"), scope, num(j.ValidVotes))
	official := false
	for _, p := range j.Parties {
		official = official || p.OfficialSeats != nil
	}
	hdr := table.Row{"Party", "Votes", "Vote %", "Seats", "Seat %"}
	if official {
		hdr = append(hdr, "Official")
	}
	hdr = append(hdr, "Qualification")
	t := newTable(hdr)
	for _, p := range j.Parties {
		name := partyLabel(election.Party{ID: p.Party, Name: p.Name})
		row := table.Row{name, num(p.Votes), dec(p.VoteShare, 2), num(int64(p.Seats)), dec(p.SeatShare, 1)}
		if official {
			o := "—"
			if p.OfficialSeats != nil {
				o = num(int64(*p.OfficialSeats))
			}
			row = append(row, o)
		}
		row = append(row, p.Qualification)
		t.AppendRow(row)
	}
	cols := []int{2, 3, 4, 5}
	if official {
		cols = append(cols, 6)
	}
	rightAlign(t, cols...)
	b.WriteString(render(t, format))
	b.WriteString("\n\n")
	ix := j.Indices
	fmt.Fprintf(&b, "Disproportionality: Gallagher index %s, Loosemore–Hanby %s. Effective number of parties: %s by votes, %s by seats.\n\n",
		decp(ix.Gallagher, 2), decp(ix.LoosemoreHanby, 2), decp(ix.ENPVotes, 2), decp(ix.ENPSeats, 2))
	if res.Pending > 0 {
		fmt.Fprintf(&b, "- %s %s pending: tied, to be decided by lot as the law requires (see the ties below).\n", num(int64(res.Pending)), plural(int64(res.Pending), "seat is", "seats are"))
	}
	if res.Vacant > 0 {
		fmt.Fprintf(&b, "- %s %s vacant: every qualifying list was exhausted.\n", num(int64(res.Vacant)), plural(int64(res.Vacant), "seat is", "seats are"))
	}
	if res.Pending > 0 || res.Vacant > 0 {
		b.WriteString("\n")
	}
	for di, d := range res.Districts {
		dj := j.Districts[di]
		if res.ByDistrict {
			h(2, fmt.Sprintf("%s (%s %s)", d.Name, num(int64(d.Seats)), plural(int64(d.Seats), "seat", "seats")))
			var parts []string
			for _, p := range dj.Parties {
				if p.Seats > 0 {
					parts = append(parts, fmt.Sprintf("%s %d", p.Party, p.Seats))
				}
			}
			fmt.Fprintf(&b, "Seats: %s.\n\n", strings.Join(parts, ", "))
		}
		districtText(&b, a, d.Result, dj, format)
	}
	if j.Coverage != nil {
		coverageText(&b, j.Coverage, format)
	}
	if len(a.Notes) > 0 {
		h(2, "Notes")
		for _, n := range a.Notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func thresholdWords(t apportion.Threshold) string {
	if t.IsZero() && len(t.Exempt) == 0 {
		return "none"
	}
	var parts []string
	if !t.Share.IsZero() {
		s := apportion.ShareString(t.Share)
		if t.District {
			s += " in each district"
		}
		parts = append(parts, s)
	}
	if !t.CoalitionShare.IsZero() {
		parts = append(parts, apportion.ShareString(t.CoalitionShare)+" for coalitions")
	}
	if t.Wins > 0 {
		parts = append(parts, fmt.Sprintf("or %d constituency seat(s)", t.Wins))
	}
	if len(t.Exempt) > 0 {
		parts = append(parts, "exempt: "+strings.Join(t.Exempt, ", "))
	}
	return strings.Join(parts, ", ")
}

func districtText(b *strings.Builder, a *Apportionment, r *apportion.Result, dj ApportionDistrictJSON, format string) {
	if r.Quota != nil {
		q, _ := r.Quota.Float64()
		fmt.Fprintf(b, "Quota: %s votes (%s). Whole quotas first, then the largest remainders.\n\n", dj.Quota, dec(q, 2))
		t := newTable(table.Row{"Party", "Votes", "Votes / quota", "Whole", "Remainder", "Remainder seat", "Seats"})
		for _, p := range dj.Parties {
			if p.QuotaShare == "" {
				continue
			}
			extra := ""
			switch p.RemainderSeat {
			case 1:
				extra = "+1"
			case -1:
				extra = "−1 (taken back)"
			}
			t.AppendRow(table.Row{p.Party, num(p.Votes), dec(p.QuotaValue, 4), num(int64(*p.Whole)), dec(p.RemainderVal, 4), extra, num(int64(p.Seats))})
		}
		rightAlign(t, 2, 3, 4, 5, 7)
		b.WriteString(render(t, format))
		b.WriteString("\n\n")
		for _, p := range dj.Parties {
			if p.Limited {
				fmt.Fprintf(b, "- %s would have won more than its list allows; it keeps %s %s and was excluded, and the other seats were apportioned again (the quota above).\n", p.Party, num(int64(p.Seats)), plural(int64(p.Seats), "seat", "seats"))
			}
		}
	} else if len(r.Awards) > 0 {
		limit := a.AwardLimit
		if limit <= 0 || limit > len(r.Awards) {
			limit = len(r.Awards)
		}
		fmt.Fprintf(b, "Order of award (the quotient table, highest first; %s of %s seats shown):\n\n", num(int64(limit)), num(int64(len(r.Awards))))
		t := newTable(table.Row{"Seat", "Party", "Votes", "Divisor", "Quotient", "Tie"})
		for _, aw := range dj.Awards[:limit] {
			tie := ""
			switch {
			case aw.Tie != nil:
				tie = dj.Ties[*aw.Tie].Resolution
			case aw.SeatedTie:
				tie = "equal, all seated"
			}
			t.AppendRow(table.Row{aw.Seat, aw.Party, num(r.Parties[partyIndex(r, aw.Party)].Votes), aw.Divisor, quotientText(aw.QuotientValue, 2), tie})
		}
		rightAlign(t, 1, 3, 4, 5)
		b.WriteString(render(t, format))
		b.WriteString("\n\n")
	}
	if len(dj.Next) > 0 && r.Pending == 0 {
		var parts []string
		for _, n := range dj.Next {
			if r.Quota != nil {
				parts = append(parts, fmt.Sprintf("%s, remainder %s", n.Party, quotientText(n.QuotientValue, 4)))
			} else {
				parts = append(parts, fmt.Sprintf("%s %s (votes / %s)", n.Party, quotientText(n.QuotientValue, 2), n.Divisor))
			}
		}
		what := "Next quotient, the first to miss a seat"
		if r.Quota != nil {
			what = "Largest remainder without a seat"
		}
		fmt.Fprintf(b, "- %s: %s.\n", what, strings.Join(parts, "; "))
	}
	if dj.SeatedTies > 0 {
		what := "quotients"
		if r.Quota != nil {
			what = "remainders"
		}
		fmt.Fprintf(b, "- Equal %s met %s %s with enough seats for every party: all seated, nothing decided (marked \"equal, all seated\" in the order of award).\n", what, num(int64(dj.SeatedTies)), plural(int64(dj.SeatedTies), "time", "times"))
	}
	for _, t := range dj.Ties {
		switch {
		case t.Pending > 0:
			fmt.Fprintf(b, "- TIE at seat %d: %s have equal values %s for %d seat(s); %s. No winner is computed for %d seat(s).\n", t.FirstSeat, strings.Join(t.Parties, ", "), t.Value, t.Seats, t.Resolution, t.Pending)
		default:
			lot := ""
			if t.Seed != nil {
				lot = fmt.Sprintf(" (seed %d; not an official result)", *t.Seed)
			}
			fmt.Fprintf(b, "- TIE at seat %d: %s have equal values %s for %d seat(s); decided by %s%s for %s.\n", t.FirstSeat, strings.Join(t.Parties, ", "), t.Value, t.Seats, t.Resolution, lot, strings.Join(t.Winners, ", "))
		}
	}
	b.WriteString("\n")
}

// quotientText writes a quotient's value with d decimals, or "∞" for an
// infinite one (nil).
func quotientText(v *float64, d int) string {
	if v == nil {
		return "∞"
	}
	return dec(*v, d)
}

func partyIndex(r *apportion.Result, id string) int {
	for i := range r.Parties {
		if r.Parties[i].ID == id {
			return i
		}
	}
	return 0
}
