package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/measure"
	"github.com/psephos/psephos/plurality"
)

// A Report is what `psephos report` shows: one election measured as a whole
// and, optionally, by area.
type Report struct {
	Election    string // the election's name
	Source      string // the file or dataset it was read from
	InputFormat string // the reader used
	Notes       []string
	// Noun names one contest in prose, e.g. "constituency"; default "contest".
	Noun  string
	Whole measure.Summary
	Areas []measure.Summary // by nation or region, when asked
	// MinShare hides parties below this vote share (percent) without seats
	// from the table and Markdown (they are summed in one "Others" row);
	// JSON and CSV list every party.
	MinShare float64
}

// WriteSummary renders r in the given output format.
func WriteSummary(w io.Writer, r *Report, format string) error {
	switch format {
	case JSON:
		return writeJSON(w, summaryJSON(r))
	case CSV:
		return summaryCSV(w, r)
	case Table, Markdown:
		return summaryText(w, r, format)
	}
	return CheckFormat(format)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// ---- JSON ----

// SummaryJSON is the JSON layout of `psephos report` (see README).
type SummaryJSON struct {
	Election    string   `json:"election"`
	Source      string   `json:"source"`
	InputFormat string   `json:"input_format"`
	Notes       []string `json:"notes"`
	AreaJSON
	Areas []AreaJSON `json:"areas,omitempty"`
}

// AreaJSON is seats against votes for the whole election or one area.
type AreaJSON struct {
	Area               string        `json:"area,omitempty"`
	AreaKind           string        `json:"area_kind,omitempty"`
	Contests           int           `json:"contests"`
	Seats              int           `json:"seats"`
	SeatsDecided       int           `json:"seats_decided"`
	ValidVotes         int64         `json:"valid_votes"`
	InvalidVotes       *int64        `json:"invalid_votes"`
	Electorate         *int64        `json:"electorate"`
	Turnout            *float64      `json:"turnout"`
	Parties            []PartyJSON   `json:"parties"`
	Indices            IndicesJSON   `json:"indices"`
	MinorityWinners    int           `json:"minority_winners"`
	UnelectedVotes     int64         `json:"unelected_votes"`
	UnelectedVoteShare float64       `json:"unelected_vote_share"`
	SurplusVotes       int64         `json:"surplus_votes"`
	ExcessOverHalf     int64         `json:"excess_over_half"`
	WastedVotes        int64         `json:"wasted_votes"`
	WastedVoteShare    float64       `json:"wasted_vote_share"`
	PendingVotes       int64         `json:"pending_votes"`
	SmallestMajority   *MajorityJSON `json:"smallest_majority"`
	LargestMajority    *MajorityJSON `json:"largest_majority"`
	Ties               []TieJSON     `json:"ties"`
}

// PartyJSON is one party's seats against votes.
type PartyJSON struct {
	Party            string        `json:"party"`
	Name             string        `json:"name"`
	Candidates       int           `json:"candidates"`
	Seats            int           `json:"seats"`
	Votes            int64         `json:"votes"`
	VoteShare        float64       `json:"vote_share"`
	SeatShare        float64       `json:"seat_share"`
	ShareDifference  float64       `json:"share_difference"`
	Kind             string        `json:"kind"`
	VotesComplete    bool          `json:"votes_complete"`
	FirstPlaces      int           `json:"first_places"`
	SecondPlaces     int           `json:"second_places"`
	ThirdPlaces      int           `json:"third_places"`
	PlacesUncertain  int           `json:"places_uncertain"`
	VotesPerSeat     *float64      `json:"votes_per_seat"`
	UnelectedVotes   int64         `json:"unelected_votes"`
	SurplusVotes     int64         `json:"surplus_votes"`
	ExcessOverHalf   int64         `json:"excess_over_half"`
	MinorityWinners  int           `json:"minority_winners"`
	SmallestMajority *MajorityJSON `json:"smallest_majority"`
	LargestMajority  *MajorityJSON `json:"largest_majority"`
	Summary          string        `json:"summary"`
}

// IndicesJSON are the disproportionality and party-system indices; null
// where they are undefined (no seats decided, no votes).
type IndicesJSON struct {
	Gallagher      *float64 `json:"gallagher"`
	LoosemoreHanby *float64 `json:"loosemore_hanby"`
	SainteLague    *float64 `json:"sainte_lague"`
	ENPVotes       *float64 `json:"enp_votes"`
	ENPSeats       *float64 `json:"enp_seats"`
}

// defined is x rounded to d decimals, or nil for NaN or infinity.
func defined(x float64, d int) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	v := round(x, d)
	return &v
}

func indicesJSON(ix measure.Indices) IndicesJSON {
	return IndicesJSON{Gallagher: defined(ix.Gallagher, 4), LoosemoreHanby: defined(ix.LoosemoreHanby, 4),
		SainteLague: defined(ix.SainteLague, 4), ENPVotes: defined(ix.ENPVotes, 4), ENPSeats: defined(ix.ENPSeats, 4)}
}

// MajorityJSON names a contest's majority.
type MajorityJSON struct {
	Contest   string  `json:"contest"`
	ContestID string  `json:"contest_id"`
	Winner    string  `json:"winner"`
	Party     string  `json:"party"`
	Votes     int64   `json:"votes"`
	Percent   float64 `json:"percent"`
}

// TieJSON is a tie for a contest's last seat.
type TieJSON struct {
	Contest    string   `json:"contest"`
	ContestID  string   `json:"contest_id"`
	Candidates []string `json:"candidates"`
	Parties    []string `json:"parties"`
	Votes      int64    `json:"votes"`
	Resolution string   `json:"resolution"`
	Winners    []string `json:"winners"`
}

func known(n int64) *int64 {
	if n < 0 {
		return nil
	}
	return &n
}

func majorityJSON(m *measure.MajorityRef) *MajorityJSON {
	if m == nil {
		return nil
	}
	return &MajorityJSON{Contest: m.Contest, ContestID: m.ContestID, Winner: m.Winner, Party: m.Party, Votes: m.Votes, Percent: round(m.Percent, 4)}
}

func summaryJSON(r *Report) SummaryJSON {
	out := SummaryJSON{Election: r.Election, Source: r.Source, InputFormat: r.InputFormat, Notes: r.Notes, AreaJSON: areaJSON(r, &r.Whole)}
	if out.Notes == nil {
		out.Notes = []string{}
	}
	for i := range r.Areas {
		out.Areas = append(out.Areas, areaJSON(r, &r.Areas[i]))
	}
	return out
}

func areaJSON(r *Report, s *measure.Summary) AreaJSON {
	a := AreaJSON{
		Area: s.Area, AreaKind: s.Kind, Contests: s.Contests, Seats: s.Seats, SeatsDecided: s.SeatsDecided,
		ValidVotes: s.ValidVotes, InvalidVotes: known(s.InvalidVotes), Electorate: known(s.Electorate),
		Indices:         indicesJSON(s.Indices),
		MinorityWinners: s.MinorityWinners, UnelectedVotes: s.UnelectedVotes, UnelectedVoteShare: round(s.UnelectedShare(), 4),
		SurplusVotes: s.SurplusVotes, ExcessOverHalf: s.ExcessOverHalf, WastedVotes: s.WastedVotes(),
		WastedVoteShare: round(share(s.WastedVotes(), s.ValidVotes), 4), PendingVotes: s.PendingVotes,
		SmallestMajority: majorityJSON(s.SmallestMajority), LargestMajority: majorityJSON(s.LargestMajority),
		Ties: []TieJSON{}, Parties: []PartyJSON{},
	}
	if t := s.Turnout(); t >= 0 {
		t = round(t, 4)
		a.Turnout = &t
	}
	for _, t := range s.Ties {
		a.Ties = append(a.Ties, TieJSON{Contest: t.Contest, ContestID: t.ContestID, Candidates: t.Candidates, Parties: t.Parties, Votes: t.Votes, Resolution: t.Resolution, Winners: nonNil(t.Winners)})
	}
	for i := range s.Parties {
		p := &s.Parties[i]
		pj := PartyJSON{
			Party: p.Party.ID, Name: p.Party.Name, Candidates: p.Candidates, Seats: p.Seats, Votes: p.Votes,
			VoteShare: round(p.VoteShare, 4), SeatShare: round(p.SeatShare, 4), ShareDifference: round(p.Difference, 4),
			Kind: kindName(p.Party.Kind), VotesComplete: !p.Party.Partial,
			FirstPlaces: p.Places[0], SecondPlaces: p.Places[1], ThirdPlaces: p.Places[2], PlacesUncertain: p.PlacesUncertain,
			UnelectedVotes: p.UnelectedVotes, SurplusVotes: p.SurplusVotes, ExcessOverHalf: p.ExcessOverHalf,
			MinorityWinners: p.MinorityWinners, SmallestMajority: majorityJSON(p.SmallestMajority), LargestMajority: majorityJSON(p.LargestMajority),
			Summary: PartyLine(r, s, p),
		}
		if p.Seats > 0 {
			v := round(p.VotesPerSeat, 2)
			pj.VotesPerSeat = &v
		}
		a.Parties = append(a.Parties, pj)
	}
	return a
}

// kindName is a party kind for JSON: "party", "independents", "speaker" or
// "others".
func kindName(k string) string {
	if k == "" {
		return "party"
	}
	return k
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// ---- CSV: one row per party and area, raw numbers ----

func summaryCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"area_kind", "area", "party", "name", "candidates", "seats", "votes", "vote_share", "seat_share", "share_difference",
		"first_places", "second_places", "third_places", "votes_per_seat", "unelected_votes", "surplus_votes", "minority_winners"})
	f := func(x float64) string { return strconv.FormatFloat(round(x, 4), 'f', -1, 64) }
	areas := append([]measure.Summary{r.Whole}, r.Areas...)
	for _, s := range areas {
		kind, area := s.Kind, s.Area
		if kind == "" {
			kind, area = "all", r.Election
		}
		for _, p := range s.Parties {
			vps := ""
			if p.Seats > 0 {
				vps = f(p.VotesPerSeat)
			}
			cw.Write([]string{kind, area, p.Party.ID, p.Party.Name, strconv.Itoa(p.Candidates), strconv.Itoa(p.Seats),
				strconv.FormatInt(p.Votes, 10), f(p.VoteShare), f(p.SeatShare), f(p.Difference),
				strconv.Itoa(p.Places[0]), strconv.Itoa(p.Places[1]), strconv.Itoa(p.Places[2]), vps,
				strconv.FormatInt(p.UnelectedVotes, 10), strconv.FormatInt(p.SurplusVotes, 10), strconv.Itoa(p.MinorityWinners)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// ---- table and Markdown ----

func (r *Report) noun(n int64) string {
	one := r.Noun
	if one == "" {
		one = "contest"
	}
	if n == 1 {
		return one
	}
	if strings.HasSuffix(one, "y") {
		return strings.TrimSuffix(one, "y") + "ies"
	}
	return one + "s"
}

// PartyLine is a plain-language sentence about one party in an area, e.g.
// "Reform UK won 14.3% of the votes and 5 seats (0.8%), came second in 98
// constituencies, and needed 823,522 votes per seat won against Labour's
// 23,622." Independents are described as a group; the Speaker and aggregate
// lines get no sentence (""); a party whose votes the source reports only
// in part is said to have won "at least" its share.
func PartyLine(r *Report, s *measure.Summary, p *measure.PartyResult) string {
	var b strings.Builder
	name := p.Party.Name
	switch p.Party.Kind {
	case election.Speaker, election.Others:
		return ""
	case election.Independents:
		name = "Independent candidates (counted as one group)"
	}
	atLeast := ""
	if p.Party.Partial {
		atLeast = "at least "
	}
	fmt.Fprintf(&b, "%s won %s%s%% of the votes and ", name, atLeast, dec(p.VoteShare, 1))
	if p.Seats == 0 {
		b.WriteString("no seats")
	} else {
		fmt.Fprintf(&b, "%s %s (%s%%)", num(int64(p.Seats)), plural(int64(p.Seats), "seat", "seats"), dec(p.SeatShare, 1))
	}
	second := int64(p.Places[1])
	where := "came second in " + num(second) + " " + r.noun(second)
	if second == 0 {
		where = "came second nowhere"
	}
	// A seat awaiting a lot is not yet the party's, but its candidate is
	// tied for first there: say so, or the line reads as if it lost.
	tied := int64(0)
	for _, t := range s.Ties {
		if t.Resolution == plurality.Pending && slices.Contains(t.Parties, p.Party.ID) {
			tied++
		}
	}
	if p.Seats == 0 || p.Party.Kind == election.Independents || p.Party.Partial {
		where = "and " + where
	}
	if tied > 0 {
		where = fmt.Sprintf("tied for first in %s %s (%s a lot), %s", num(tied), r.noun(tied), plural(tied, "the seat awaits", "the seats await"), where)
	}
	if p.Seats == 0 || p.Party.Kind == election.Independents || p.Party.Partial {
		fmt.Fprintf(&b, ", %s.", where)
		return b.String()
	}
	fmt.Fprintf(&b, ", %s, and needed %s votes per seat won", where, num(int64(p.VotesPerSeat+0.5)))
	if top := &s.Parties[0]; top.Party.ID != p.Party.ID && top.Seats > 0 && top.Party.Kind == "" {
		fmt.Fprintf(&b, " against %s's %s", top.Party.Name, num(int64(top.VotesPerSeat+0.5)))
	}
	b.WriteString(".")
	return b.String()
}

func summaryText(w io.Writer, r *Report, format string) error {
	var b strings.Builder
	h := func(level int, s string) { heading(&b, format, level, s) }
	title := r.Election
	if title == "" {
		title = r.Source
	}
	h(1, title)
	fmt.Fprintf(&b, "Source: %s; read as %s.\n\n", r.Source, r.InputFormat)
	areaText(&b, r, &r.Whole, format)
	for i := range r.Areas {
		h(2, r.Areas[i].Area)
		areaText(&b, r, &r.Areas[i], format)
	}
	if len(r.Notes) > 0 {
		h(2, "How parties were grouped, and other notes")
		for _, n := range r.Notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func areaText(b *strings.Builder, r *Report, s *measure.Summary, format string) {
	fmt.Fprintf(b, "%s %s, %s %s; %s valid votes", num(int64(s.Contests)), r.noun(int64(s.Contests)),
		num(int64(s.Seats)), plural(int64(s.Seats), "seat", "seats"), num(s.ValidVotes))
	if s.InvalidVotes >= 0 {
		fmt.Fprintf(b, ", %s rejected", num(s.InvalidVotes))
	}
	b.WriteString(".")
	if t := s.Turnout(); t >= 0 {
		fmt.Fprintf(b, " Turnout %s%% (valid votes as a share of the %s electors", dec(t, 1), num(s.Electorate))
		if bt := s.BallotTurnout(); bt >= 0 {
			fmt.Fprintf(b, "; %s%% counting rejected ballots", dec(bt, 1))
		}
		b.WriteString(").")
	}
	b.WriteString("\n\n")

	t := newTable(table.Row{"Party", "Seats", "Seats %", "Votes", "Votes %", "Seats − votes (pts)", "1st", "2nd", "3rd", "Votes/seat", "Won ≤50%"})
	var others measure.PartyResult
	nOthers := 0
	partial := false
	for i := range s.Parties {
		p := &s.Parties[i]
		if p.Seats == 0 && p.VoteShare < r.MinShare {
			nOthers++
			others.Votes += p.Votes
			others.VoteShare += p.VoteShare
			others.SeatShare += p.SeatShare
			for k := range p.Places {
				others.Places[k] += p.Places[k]
			}
			continue
		}
		vps := "—"
		if p.Seats > 0 {
			vps = num(int64(p.VotesPerSeat + 0.5))
		}
		label := partyLabel(p.Party)
		if p.Party.Partial {
			label += " *"
			partial = true
		}
		t.AppendRow(table.Row{label, num(int64(p.Seats)), dec(p.SeatShare, 1), num(p.Votes), dec(p.VoteShare, 1),
			signed(p.Difference), p.Places[0], p.Places[1], p.Places[2], vps, p.MinorityWinners})
	}
	if nOthers > 0 {
		t.AppendRow(table.Row{fmt.Sprintf("%d others below %s%% without seats", nOthers, dec(r.MinShare, 1)), "0", "0.0", num(others.Votes), dec(others.VoteShare, 1),
			signed(-others.VoteShare), others.Places[0], others.Places[1], others.Places[2], "—", 0})
	}
	rightAlign(t, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
	b.WriteString(render(t, format))
	b.WriteString("\n\n")

	b.WriteString("Seats % and votes % are shares of all seats and valid votes; seats − votes is their difference in percentage points; Won ≤50% counts winners with no more than half of the valid votes.\n")
	if partial {
		b.WriteString("* Votes incomplete in this source: some of its candidates' votes are inside an aggregated line.\n")
	}
	uncertain := 0
	for _, p := range s.Parties {
		uncertain += p.PlacesUncertain
	}
	if uncertain > 0 {
		fmt.Fprintf(b, "%s placings in the top three are left out of 1st/2nd/3rd: a candidate inside an aggregated line may have been ahead.\n", num(int64(uncertain)))
	}
	b.WriteString("\n")
	ix := s.Indices
	fmt.Fprintf(b, "Disproportionality: Gallagher index %s, Loosemore–Hanby %s, Sainte-Laguë index %s. Effective number of parties: %s by votes, %s by seats.",
		decOrNA(ix.Gallagher, 2), decOrNA(ix.LoosemoreHanby, 2), decOrNA(ix.SainteLague, 2), decOrNA(ix.ENPVotes, 2), decOrNA(ix.ENPSeats, 2))
	if s.SeatsDecided < s.Seats {
		fmt.Fprintf(b, " (Over the %s decided seats.)", num(int64(s.SeatsDecided)))
	}
	b.WriteString("\n\n")
	switch {
	case s.SingleSeat == 1 && s.MinorityWinners == 1:
		fmt.Fprintf(b, "- The winner had no more than half of the valid votes.\n")
	case s.SingleSeat == 1:
		fmt.Fprintf(b, "- The winner had more than half of the valid votes.\n")
	case s.SingleSeat > 1:
		fmt.Fprintf(b, "- %s of %s winners had no more than half of the valid votes in their %s.\n", num(int64(s.MinorityWinners)), num(int64(s.SingleSeat)), r.noun(1))
	}
	fmt.Fprintf(b, "- %s%% of valid votes (%s) went to candidates who were not elected; with winners' votes beyond what they needed to win (%s), %s%% of votes elected nobody or were surplus to a win.\n",
		dec(s.UnelectedShare(), 1), num(s.UnelectedVotes), num(s.SurplusVotes), dec(share(s.WastedVotes(), s.ValidVotes), 1))
	if m := s.SmallestMajority; m != nil {
		fmt.Fprintf(b, "- Smallest majority: %s (%s), %s %s (%s%%).", m.Contest, m.Party, num(m.Votes), plural(m.Votes, "vote", "votes"), dec(m.Percent, 2))
		if l := s.LargestMajority; l != nil {
			fmt.Fprintf(b, " Largest: %s (%s), %s votes (%s%%).", l.Contest, l.Party, num(l.Votes), dec(l.Percent, 2))
		}
		b.WriteString("\n")
	}
	for _, tie := range s.Ties {
		fmt.Fprintf(b, "- TIE in %s: %s have %s votes each; %s.\n", tie.Contest, strings.Join(tie.Candidates, " and "), num(tie.Votes), tieWords(tie))
	}
	b.WriteString("\n")
	for i := range s.Parties {
		p := &s.Parties[i]
		if p.Seats == 0 && p.VoteShare < 1 {
			continue
		}
		if line := PartyLine(r, s, p); line != "" {
			fmt.Fprintf(b, "- %s\n", line)
		}
	}
	b.WriteString("\n")
}

func tieWords(t measure.TieRef) string {
	switch t.Resolution {
	case "pending":
		return "no winner is computed: the returning officer must decide by lot"
	case "recorded lot":
		return "decided by the recorded lot for " + strings.Join(t.Winners, ", ")
	default:
		return "decided by psephos's seeded lot for " + strings.Join(t.Winners, ", ") + " (not an official result)"
	}
}

// signed formats a difference with its sign, "−" for minus, and no
// signed zero.
func signed(x float64) string {
	switch {
	case math.Abs(x) < 0.05:
		return "0.0"
	case x > 0:
		return "+" + dec(x, 1)
	}
	return "−" + dec(-x, 1)
}

// decp is dec of a JSON value, or "n/a" for null.
func decp(x *float64, d int) string {
	if x == nil {
		return "n/a"
	}
	return dec(*x, d)
}

// decOrNA is dec, or "n/a" for an undefined value.
func decOrNA(x float64, d int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "n/a"
	}
	return dec(x, d)
}
