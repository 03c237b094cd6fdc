package hoc

import (
	"fmt"
	"io"
	"strings"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/internal/csvio"
)

// Format names, as shown to users and accepted by --input-format.
const (
	CandidatesFormat     = "hoc-candidates"
	ConstituenciesFormat = "hoc-constituencies"
)

var candidateColumns = []string{"ONS ID", "Constituency name", "Region name", "Country name", "Party name", "Party abbreviation", "Candidate first name", "Candidate surname", "Votes"}

// IsCandidates reports whether a header (names with spaces trimmed) is the
// Library's results-by-candidate layout.
func IsCandidates(header []string) bool {
	return has(header, "ONS ID", "Candidate surname", "Party abbreviation", "Votes")
}

// IsConstituencies reports whether a header is the Library's
// results-by-constituency layout.
func IsConstituencies(header []string) bool {
	return has(header, "ONS ID", "First party", "Valid votes", "Majority", "All other candidates")
}

func has(header []string, names ...string) bool {
	for _, n := range names {
		if csvio.Index(header, n) < 0 {
			return false
		}
	}
	return true
}

// Candidates reads a results-by-candidate file. name is used in errors and
// positions. Electorate and rejected ballots are Unknown (this file does not
// give them). Errors are *election.Error with the line.
func Candidates(r io.Reader, name string) (*election.Election, error) {
	t, err := csvio.New(r, name, ',')
	if err != nil {
		return nil, err
	}
	return candidates(t)
}

func candidates(t *csvio.Reader) (*election.Election, error) {
	col, err := t.Require(candidateColumns...)
	if err != nil {
		return nil, err
	}
	county := csvio.Index(t.Header, "County name")
	e := &election.Election{}
	var parties election.PartyNames
	index := map[string]int{}
	for {
		rec, err := t.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		id := strings.TrimSpace(rec[col[0]])
		if id == "" {
			return nil, t.Errorf("empty \"ONS ID\"; expected a constituency code such as E14001290")
		}
		name := strings.TrimSpace(rec[col[1]])
		areas := election.NationRegion(strings.TrimSpace(rec[col[3]]), strings.TrimSpace(rec[col[2]]))
		if county >= 0 {
			if s := strings.TrimSpace(rec[county]); s != "" {
				areas = append(areas, election.Area{Kind: "county", Name: s})
			}
		}
		ci, ok := index[id]
		if !ok {
			ci = len(e.Contests)
			index[id] = ci
			e.Contests = append(e.Contests, election.Contest{
				ID: id, Name: name, Areas: areas, Seats: 1,
				Electorate: election.Unknown, Invalid: election.Unknown, Pos: t.Pos(),
			})
		} else if err := sameContest(t, &e.Contests[ci], name, areas); err != nil {
			return nil, err
		}
		party := strings.TrimSpace(rec[col[5]])
		if party == "" {
			return nil, t.Errorf("empty \"Party abbreviation\"; expected a party code such as Lab or Ind")
		}
		votes, err := csvio.Votes(rec[col[8]])
		if err != nil {
			return nil, t.Errorf("column \"Votes\": %v", err)
		}
		parties.Add(party, strings.TrimSpace(rec[col[4]]))
		e.Contests[ci].Candidates = append(e.Contests[ci].Candidates, election.Candidate{
			Name:  strings.TrimSpace(strings.TrimSpace(rec[col[6]]) + " " + strings.TrimSpace(rec[col[7]])),
			Party: party, Votes: votes, Pos: t.Pos(),
		})
	}
	e.Parties = parties.Parties()
	e.Notes = append(e.Notes, groupingNote(parties.Grouped()))
	if err := t.Validate(e); err != nil {
		return nil, err
	}
	return e, nil
}

func groupingNote(grouped []string) string {
	s := "Parties are grouped by the file's \"Party abbreviation\" column: all independents form one group (Ind)"
	if len(grouped) > 0 {
		s += "; codes shared by several party names: " + strings.Join(grouped, "; ")
	}
	return s + "."
}

// sameContest checks that a later row of a contest names it and places it
// as its first row did.
func sameContest(t *csvio.Reader, c *election.Contest, name string, areas []election.Area) error {
	if name != c.Name {
		return t.Errorf("constituency %s is named %q here but %q at %s", c.ID, name, c.Name, c.Pos)
	}
	if len(areas) != len(c.Areas) {
		return t.Errorf("constituency %s: its areas differ from those at %s", c.ID, c.Pos)
	}
	for i := range areas {
		if areas[i] != c.Areas[i] {
			return t.Errorf("constituency %s: %s %q here but %q at %s", c.ID, areas[i].Kind, areas[i].Name, c.Areas[i].Name, c.Pos)
		}
	}
	return nil
}

// Names are the parties the Library's files abbreviate, for display where a
// file gives only the code (results by constituency). Source: the party
// names used for these codes in the Library's results-by-candidate files
// for 2019 and 2024 (spelt as there, e.g. "Sinn Fein").
var Names = map[string]string{
	"Con":   "Conservative",
	"Lab":   "Labour",
	"LD":    "Liberal Democrat",
	"RUK":   "Reform UK",
	"BRX":   "The Brexit Party",
	"Green": "Green",
	"SNP":   "Scottish National Party",
	"PC":    "Plaid Cymru",
	"DUP":   "Democratic Unionist Party",
	"SF":    "Sinn Fein",
	"SDLP":  "Social Democratic and Labour Party",
	"UUP":   "Ulster Unionist Party",
	"APNI":  "Alliance",
	"Ind":   "Independent",
	"Spk":   "Speaker",
	"TUV":   "Traditional Unionist Voice",
	"WPB":   "Workers Party of Britain",
}

// Other is the party ID given to the aggregate "All other candidates" line
// of the results-by-constituency file.
const Other = "Other"

// Constituencies reads a results-by-constituency file. Each party column with
// votes > 0 becomes a candidate of that party (0 means the party did not
// stand); the member's name goes to the winning line. "All other candidates"
// is split using what the row states: the winner where "Of which other
// winner" > 0 (party from "First party"), the runner-up where "Second party"
// is not a party column (votes: winner's votes − "Majority"), and the rest as
// one aggregate line of party Other, which is never placed. The row's own
// totals are checked: the lines must sum to "Valid votes", the largest must be
// "First party" and lead by "Majority".
func Constituencies(r io.Reader, name string) (*election.Election, error) {
	t, err := csvio.New(r, name, ',')
	if err != nil {
		return nil, err
	}
	return constituencies(t)
}

func constituencies(t *csvio.Reader) (*election.Election, error) {
	col, err := t.Require("ONS ID", "Constituency name", "Region name", "Country name",
		"Member first name", "Member surname", "First party", "Second party",
		"Electorate", "Valid votes", "Invalid votes", "Majority", "All other candidates", "Of which other winner")
	if err != nil {
		return nil, err
	}
	const (
		cID = iota
		cName
		cRegion
		cCountry
		cFirst
		cSurname
		cFirstParty
		cSecondParty
		cElectorate
		cValid
		cInvalid
		cMajority
		cOther
		cOtherWinner
	)
	partyCols := make([]int, 0, 16)
	for i := col[cMajority] + 1; i < col[cOther]; i++ {
		partyCols = append(partyCols, i)
	}
	if len(partyCols) == 0 {
		return nil, &election.Error{Pos: election.Pos{File: t.File(), Line: 1}, Msg: "expected party columns between \"Majority\" and \"All other candidates\", found none"}
	}
	e := &election.Election{}
	var parties election.PartyNames
	isCol := map[string]bool{}
	for _, i := range partyCols {
		isCol[t.Header[i]] = true
	}
	num := func(rec []string, c int, what string) (int64, error) {
		n, err := csvio.Votes(rec[c])
		if err != nil {
			return 0, t.Errorf("column %q: %v", what, err)
		}
		return n, nil
	}
	for {
		rec, err := t.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		c := election.Contest{
			ID:    strings.TrimSpace(rec[col[cID]]),
			Name:  strings.TrimSpace(rec[col[cName]]),
			Seats: 1,
			Pos:   t.Pos(),
			Areas: election.NationRegion(strings.TrimSpace(rec[col[cCountry]]), strings.TrimSpace(rec[col[cRegion]])),
		}
		if c.ID == "" {
			return nil, t.Errorf("empty \"ONS ID\"; expected a constituency code such as E14001290")
		}
		var nums [5]int64
		for i, k := range []int{cElectorate, cValid, cInvalid, cMajority, cOther} {
			if nums[i], err = num(rec, col[k], t.Header[col[k]]); err != nil {
				return nil, err
			}
		}
		c.Electorate, c.Invalid = nums[0], nums[2]
		valid, majority, others := nums[1], nums[3], nums[4]
		otherWinner := int64(0)
		if s := strings.TrimSpace(rec[col[cOtherWinner]]); s != "" {
			if otherWinner, err = num(rec, col[cOtherWinner], "Of which other winner"); err != nil {
				return nil, err
			}
		}
		first := strings.TrimSpace(rec[col[cFirstParty]])
		second := strings.TrimSpace(rec[col[cSecondParty]])
		member := strings.TrimSpace(strings.TrimSpace(rec[col[cFirst]]) + " " + strings.TrimSpace(rec[col[cSurname]]))
		var sum, winnerVotes int64
		for _, i := range partyCols {
			v, err := num(rec, i, t.Header[i])
			if err != nil {
				return nil, err
			}
			if v == 0 {
				continue
			}
			sum += v
			k := election.Candidate{Party: t.Header[i], Votes: v, Pos: t.Pos()}
			if k.Party == first {
				k.Name = member
				winnerVotes = v
			}
			c.Candidates = append(c.Candidates, k)
		}
		rest := others
		if otherWinner > 0 {
			if isCol[first] {
				return nil, t.Errorf("\"Of which other winner\" is %d but \"First party\" %s is a party column", otherWinner, first)
			}
			c.Candidates = append(c.Candidates, election.Candidate{Name: member, Party: first, Votes: otherWinner, Pos: t.Pos()})
			winnerVotes = otherWinner
			rest -= otherWinner
		}
		if !isCol[first] && otherWinner == 0 {
			return nil, t.Errorf("\"First party\" %s is not a party column, so expected \"Of which other winner\" > 0, found 0", first)
		}
		if second != "" && !isCol[second] {
			sv := winnerVotes - majority
			if sv <= 0 || sv > rest {
				return nil, t.Errorf("\"Second party\" %s is among \"All other candidates\" (%d votes left) but the winner's votes less \"Majority\" give %d", second, rest, sv)
			}
			c.Candidates = append(c.Candidates, election.Candidate{Party: second, Votes: sv, Pos: t.Pos()})
			rest -= sv
		}
		if rest < 0 {
			return nil, t.Errorf("\"Of which other winner\" %d exceeds \"All other candidates\" %d", otherWinner, others)
		}
		if rest > 0 {
			// Each remaining candidate had no more votes than the runner-up
			// the row names (or than the winner, without a runner-up).
			bound := winnerVotes
			if second != "" {
				bound = winnerVotes - majority
			}
			c.Candidates = append(c.Candidates, election.Candidate{Name: "All other candidates", Party: Other, Votes: rest, Aggregate: true, AggregateMax: bound, Pos: t.Pos()})
		}
		if total := sum + others; total != valid {
			return nil, t.Errorf("party columns and \"All other candidates\" sum to %d votes; expected \"Valid votes\" %d", total, valid)
		}
		if winnerVotes == 0 {
			return nil, t.Errorf("\"First party\" %s has no votes in this row", first)
		}
		if err := checkDeclared(&c, first, winnerVotes, majority); err != nil {
			return nil, t.Errorf("%v", err)
		}
		for _, k := range c.Candidates {
			name := Names[k.Party]
			if k.Party == Other {
				name = "Other candidates (aggregated)"
			}
			parties.Add(k.Party, name)
		}
		e.Contests = append(e.Contests, c)
	}
	e.Parties = parties.Parties()
	for i := range e.Parties {
		p := &e.Parties[i]
		switch {
		case p.ID == Other:
			p.Kind, p.Partial = election.Others, true
		case !isCol[p.ID]:
			// Only its winners and runners-up are split out of "All other
			// candidates"; its other candidates' votes stay in the aggregate.
			p.Partial = true
		}
	}
	e.Notes = append(e.Notes,
		"Parties are the file's party columns; each winner or runner-up outside them is given the party the row names (\"First party\", \"Second party\"), with all independents as one group (Ind).",
		"The remaining \"All other candidates\" votes of each constituency are one aggregated line (party Other): counted in valid votes and as one party in the indices, never placed; a third or lower place that one of those candidates might have taken is counted as uncertain, and the vote totals of parties outside the columns are incomplete.")
	if err := t.Validate(e); err != nil {
		return nil, err
	}
	return e, nil
}

// checkDeclared checks that the row's named winner leads every other named
// line by the row's "Majority".
func checkDeclared(c *election.Contest, first string, winnerVotes, majority int64) error {
	var runner int64 = -1
	for _, k := range c.Candidates {
		if k.Aggregate {
			if k.Votes > winnerVotes {
				return fmt.Errorf("aggregated other candidates have %d votes, more than the winner's %d: the winner is not determined", k.Votes, winnerVotes)
			}
			continue
		}
		if k.Party == first && k.Votes == winnerVotes {
			continue
		}
		if k.Votes > winnerVotes {
			return fmt.Errorf("\"First party\" is %s with %d votes but %s has %d", first, winnerVotes, k.Party, k.Votes)
		}
		runner = max(runner, k.Votes)
	}
	if runner >= 0 && winnerVotes-runner != majority {
		return fmt.Errorf("winner %s leads the runner-up by %d votes; expected \"Majority\" %d", first, winnerVotes-runner, majority)
	}
	return nil
}
