package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/psephos/psephos/mixed"
)

// CoverageJSON is the German second-vote coverage (`psephos apportion
// --bundestag-2023`): each party's seats split into seated constituency
// winners and list seats, and the winners who are not seated.
type CoverageJSON struct {
	Law string `json:"law"`
	// Nominal and House are the house size asked and the one that results;
	// Independents the seats of winners without a list.
	Nominal      int `json:"nominal_seats"`
	House        int `json:"house"`
	Independents int `json:"independent_seats"`
	Pending      int `json:"pending"`
	// Winners is the number of constituency winners, seated or not.
	Winners   int                  `json:"constituency_winners"`
	Parties   []CoveragePartyJSON  `json:"parties"`
	NotSeated []CoverageWinnerJSON `json:"not_seated"`
	Ties      []CoverageTieJSON    `json:"ties"`
}

// CoveragePartyJSON is one party's seats under coverage.
type CoveragePartyJSON struct {
	Party          string `json:"party"`
	Seats          int    `json:"seats"`
	Constituencies int    `json:"constituencies_won"`
	Seated         int    `json:"seated_winners"`
	NotSeated      int    `json:"not_seated_winners"`
	List           int    `json:"list_seats"`
}

// CoverageWinnerJSON is a constituency winner who takes no seat.
type CoverageWinnerJSON struct {
	ContestID string  `json:"contest_id"`
	Contest   string  `json:"contest"`
	Land      string  `json:"land"`
	Party     string  `json:"party"`
	Candidate string  `json:"candidate"`
	Votes     int64   `json:"votes"`
	Valid     int64   `json:"valid_votes"`
	Share     float64 `json:"share"`
	Rank      int     `json:"rank"`
	Why       string  `json:"why"`
}

// CoverageTieJSON is a tie between winners with equal first-vote shares
// for a party's last covered seat in a Land.
type CoverageTieJSON struct {
	Contests   []string `json:"contests"`
	Seats      int      `json:"seats"`
	Value      string   `json:"value"`
	Resolution string   `json:"resolution"`
	Winners    []string `json:"winners"`
	Pending    int      `json:"pending"`
}

func coverageJSON(c *mixed.MMPResult) *CoverageJSON {
	if c == nil {
		return nil
	}
	out := &CoverageJSON{Law: "Bundeswahlgesetz as amended in 2023: second-vote coverage (Zweitstimmendeckung) by Land",
		Nominal: c.Nominal, House: c.House, Independents: c.Independents, Pending: c.Pending, Winners: len(c.Winners),
		Parties: []CoveragePartyJSON{}, NotSeated: []CoverageWinnerJSON{}, Ties: []CoverageTieJSON{}}
	notSeated := map[string]int{}
	for _, w := range c.Winners {
		if w.Seated {
			continue
		}
		notSeated[w.Party]++
		out.NotSeated = append(out.NotSeated, CoverageWinnerJSON{ContestID: w.ContestID, Contest: w.Contest, Land: w.Region, Party: w.Party,
			Candidate: w.Candidate, Votes: w.Votes, Valid: w.Valid, Share: round(share(w.Votes, w.Valid), 4), Rank: w.Rank, Why: w.Why})
	}
	// By party, most winners not seated first; each party's in the order of
	// the constituencies.
	sort.SliceStable(out.NotSeated, func(i, j int) bool {
		a, b := &out.NotSeated[i], &out.NotSeated[j]
		if notSeated[a.Party] != notSeated[b.Party] {
			return notSeated[a.Party] > notSeated[b.Party]
		}
		return a.Party < b.Party
	})
	for _, p := range c.Parties {
		if p.Total == 0 && p.Constituency == 0 {
			continue
		}
		out.Parties = append(out.Parties, CoveragePartyJSON{Party: p.Party, Seats: p.Total, Constituencies: p.Constituency, Seated: p.Seated,
			NotSeated: notSeated[p.Party], List: p.List})
	}
	for _, t := range c.Ties {
		tj := CoverageTieJSON{Seats: t.Seats, Value: t.Value, Resolution: t.Resolution, Pending: t.Pending, Contests: []string{}, Winners: []string{}}
		for _, k := range t.Parties {
			tj.Contests = append(tj.Contests, c.Winners[k].Contest)
		}
		for _, k := range t.Winners {
			tj.Winners = append(tj.Winners, c.Winners[k].Contest)
		}
		out.Ties = append(out.Ties, tj)
	}
	return out
}

// coverageText writes the coverage section of an apportionment.
func coverageText(b *strings.Builder, c *CoverageJSON, format string) {
	heading(b, format, 2, "Second-vote coverage (Bundestag, 2023 law)")
	fmt.Fprintf(b, "Each party's seats in a Land go first to its constituency winners there, strongest share of the first votes first; the rest are list seats. %s of %s constituency winners are not seated. House: %s seats.\n\n",
		num(int64(len(c.NotSeated))), num(int64(c.Winners)), num(int64(c.House)))
	t := newTable(table.Row{"Party", "Seats", "Constituencies won", "Seated winners", "Not seated", "List seats"})
	for _, p := range c.Parties {
		t.AppendRow(table.Row{p.Party, num(int64(p.Seats)), num(int64(p.Constituencies)), num(int64(p.Seated)), num(int64(p.NotSeated)), num(int64(p.List))})
	}
	rightAlign(t, 2, 3, 4, 5, 6)
	b.WriteString(render(t, format) + "\n\n")
	if len(c.NotSeated) > 0 {
		fmt.Fprintf(b, "Constituency winners not seated:\n\n")
		w := newTable(table.Row{"Constituency", "Land", "Party", "Winner", "First-vote %", "Rank in party and Land"})
		for _, x := range c.NotSeated {
			w.AppendRow(table.Row{x.Contest, x.Land, x.Party, x.Candidate, dec(x.Share, 2), x.Rank})
		}
		rightAlign(w, 5, 6)
		b.WriteString(render(w, format) + "\n\n")
	}
	for _, t := range c.Ties {
		fmt.Fprintf(b, "- TIE: %s have equal first-vote shares %s for %d seat(s); %s.\n", strings.Join(t.Contests, ", "), t.Value, t.Seats, t.Resolution)
	}
	if c.Independents > 0 {
		fmt.Fprintf(b, "- %s %s won by candidates without a list are taken from the house before the apportionment.\n", num(int64(c.Independents)), plural(int64(c.Independents), "seat", "seats"))
	}
	if len(c.Ties) > 0 || c.Independents > 0 {
		b.WriteString("\n")
	}
}
