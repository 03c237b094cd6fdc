package ukparl

import (
	"io"
	"strings"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/internal/csvio"
)

// Format is this reader's name, as shown to users and accepted by
// --input-format.
const Format = "ukparl-candidates"

var columns = []string{
	"Constituency geographic code", "Constituency name", "Country name", "English region name",
	"Electorate", "Election valid vote count", "Election invalid vote count",
	"Candidate given name", "Candidate family name", "Main party name", "Main party abbreviation",
	"Candidate is standing as Commons Speaker", "Candidate is standing as independent",
	"Candidate vote count",
}

// Is reports whether a header is this export's layout.
func Is(header []string) bool {
	return csvio.Index(header, "Constituency geographic code") >= 0 && csvio.Index(header, "Candidate vote count") >= 0
}

// Read reads the export. name is used in errors and positions.
func Read(r io.Reader, name string) (*election.Election, error) {
	t, err := csvio.New(r, name, ',')
	if err != nil {
		return nil, err
	}
	return read(t)
}

func read(t *csvio.Reader) (*election.Election, error) {
	col, err := t.Require(columns...)
	if err != nil {
		return nil, err
	}
	const (
		cID = iota
		cName
		cCountry
		cRegion
		cElectorate
		cValid
		cInvalid
		cGiven
		cFamily
		cPartyName
		cParty
		cSpeaker
		cInd
		cVotes
	)
	notional := csvio.Index(t.Header, "General election is notional")
	cAgg := csvio.Index(t.Header, "Candidate is notional political party aggregate")
	e := &election.Election{}
	var parties election.PartyNames
	index := map[string]int{}
	declared := []int64{}
	isNotional := false
	flag := func(rec []string, c int) (bool, error) {
		switch strings.TrimSpace(rec[c]) {
		case "true":
			return true, nil
		case "false", "":
			return false, nil
		}
		return false, t.Errorf("column %q: expected true or false, found %q", t.Header[c], rec[c])
	}
	for {
		rec, err := t.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		id := strings.TrimSpace(rec[col[cID]])
		if id == "" {
			return nil, t.Errorf("empty \"Constituency geographic code\"; expected a code such as E14001290")
		}
		c := election.Contest{ID: id, Name: strings.TrimSpace(rec[col[cName]]), Seats: 1, Pos: t.Pos(), Invalid: election.Unknown,
			Areas: election.NationRegion(strings.TrimSpace(rec[col[cCountry]]), strings.TrimSpace(rec[col[cRegion]]))}
		if c.Electorate, err = csvio.Votes(rec[col[cElectorate]]); err != nil {
			return nil, t.Errorf("column \"Electorate\": %v", err)
		}
		if s := strings.TrimSpace(rec[col[cInvalid]]); s != "" {
			if c.Invalid, err = csvio.Votes(s); err != nil {
				return nil, t.Errorf("column \"Election invalid vote count\": %v", err)
			}
		}
		valid, err := csvio.Votes(rec[col[cValid]])
		if err != nil {
			return nil, t.Errorf("column \"Election valid vote count\": %v", err)
		}
		ci, ok := index[id]
		if !ok {
			ci = len(e.Contests)
			index[id] = ci
			e.Contests = append(e.Contests, c)
			declared = append(declared, valid)
		} else if first := &e.Contests[ci]; c.Name != first.Name || c.Electorate != first.Electorate || c.Invalid != first.Invalid ||
			valid != declared[ci] || !sameAreas(c.Areas, first.Areas) {
			return nil, t.Errorf("constituency %s: its name, areas, electorate or vote counts differ from those at %s (%q, electorate %d, valid %d)", id, first.Pos, first.Name, first.Electorate, declared[ci])
		}
		party := strings.TrimSpace(rec[col[cParty]])
		partyName := strings.TrimSpace(rec[col[cPartyName]])
		spk, err := flag(rec, col[cSpeaker])
		if err != nil {
			return nil, err
		}
		ind, err := flag(rec, col[cInd])
		if err != nil {
			return nil, err
		}
		aggregate := false
		if cAgg >= 0 {
			if aggregate, err = flag(rec, cAgg); err != nil {
				return nil, err
			}
		}
		if party == "" {
			switch {
			case spk:
				party, partyName = "Spk", "Speaker"
			case ind:
				party, partyName = "Ind", "Independent"
			default:
				return nil, t.Errorf("empty \"Main party abbreviation\" for a candidate who is neither independent nor the Speaker")
			}
		}
		if notional >= 0 && strings.TrimSpace(rec[notional]) == "true" {
			isNotional = true
		}
		votes, err := csvio.Votes(rec[col[cVotes]])
		if err != nil {
			return nil, t.Errorf("column \"Candidate vote count\": %v", err)
		}
		parties.Add(party, partyName)
		name := strings.TrimSpace(strings.TrimSpace(rec[col[cGiven]]) + " " + strings.TrimSpace(rec[col[cFamily]]))
		e.Contests[ci].Candidates = append(e.Contests[ci].Candidates, election.Candidate{Name: name, Party: party, Votes: votes, Aggregate: aggregate, Pos: t.Pos()})
	}
	for i := range e.Contests {
		c := &e.Contests[i]
		if got := c.ValidVotes(); got != declared[i] {
			return nil, election.Errorf(c.Pos, "constituency %q: candidates' votes sum to %d; expected \"Election valid vote count\" %d", c.Name, got, declared[i])
		}
	}
	e.Parties = parties.Parties()
	note := "Parties are grouped by \"Main party abbreviation\"; candidates standing as independents form one group (Ind), the Speaker is Spk."
	if g := parties.Grouped(); len(g) > 0 {
		note += " Codes shared by several names: " + strings.Join(g, "; ") + "."
	}
	e.Notes = append(e.Notes, note)
	if isNotional {
		e.Notes = append(e.Notes, "These are notional results (an estimate of an earlier election on new boundaries), not votes cast in these constituencies; rows carry no candidate names.")
	}
	if err := t.Validate(e); err != nil {
		return nil, err
	}
	return e, nil
}

func sameAreas(a, b []election.Area) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
