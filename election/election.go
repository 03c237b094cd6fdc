package election

import (
	"fmt"
	"sort"
)

// Unknown marks a count that the source does not give (for example the
// electorate of a contest in a file that lists only candidates' votes).
const Unknown int64 = -1

// Area kinds used by the readers. A contest may carry other kinds too
// (for example "county"); these two are the ones reports group by.
const (
	Nation = "nation" // a UK nation (England, Scotland, Wales, Northern Ireland), or a country
	Region = "region" // an English region, or the nation itself where it has no regions
)

// A Party is a group of candidates counted together in seats-against-votes
// measures.
type Party struct {
	// ID is the key that groups candidates, for example the House of
	// Commons Library's party abbreviation "Lab". Never empty.
	ID string
	// Name is the name shown to people, for example "Labour".
	Name string
	// Kind says what the group is: a party (""), or one of Independents,
	// Speaker or Others.
	Kind string
	// Partial is true when the source reports some of this group's votes
	// inside an aggregate line, so its vote total is incomplete (for
	// example small parties in the Library's results by constituency).
	Partial bool
}

// Kinds of party group other than a party.
const (
	Independents = "independents" // candidates without a party, counted as one group
	Speaker      = "speaker"      // the Speaker seeking re-election, who stands without a party
	Others       = "others"       // an aggregate of several parties' candidates
)

// KindOf is the usual kind for a UK party code: Ind for independents, Spk
// for the Speaker; any other code is a party.
func KindOf(id string) string {
	switch id {
	case "Ind":
		return Independents
	case "Spk":
		return Speaker
	}
	return ""
}

// A Candidate is one line of a contest's result.
type Candidate struct {
	// Name of the candidate as the source gives it. It may be empty where
	// the source names only the party (the 2019 notional results).
	Name string
	// Party is the ID of the candidate's party; independents share one ID
	// as the source groups them (for example "Ind").
	Party string
	// Votes is the number of valid votes for the candidate (votes ≥ 0).
	Votes int64
	// Aggregate is true when Votes is the total of several candidates that
	// the source reports together (for example the House of Commons
	// Library's "All other candidates" column). An aggregate is counted in
	// the valid votes but is never elected and never given a placing.
	Aggregate bool
	// AggregateMax is, for an aggregate, the most votes any one of its
	// candidates can have had, where the source says (the Library's runner-up
	// bounds the others); 0 means only Votes bounds it.
	AggregateMax int64
	// Pos is where the candidate was read from.
	Pos Pos
}

// Label is the candidate's name, or a description of the line where the
// source gives no name (for example "(Lab, unnamed)").
func (c *Candidate) Label() string {
	switch {
	case c.Name != "":
		return c.Name
	case c.Aggregate:
		return "(" + c.Party + ", several candidates)"
	default:
		return "(" + c.Party + ", unnamed)"
	}
}

// An Area is a named place a contest belongs to, of some kind (Nation,
// Region, or another kind a reader was told about).
type Area struct {
	Kind string
	Name string
}

// A Contest is one election to fill Seats seats, such as a House of Commons
// constituency (Seats = 1).
type Contest struct {
	// ID identifies the contest within the election, for example the ONS
	// code "E14001290"; where the source has no ID it is the name.
	ID string
	// Name is the contest's name, for example "Hendon".
	Name string
	// Areas the contest belongs to, at most one of each kind.
	Areas []Area
	// Seats to fill; 1 in a single-member constituency.
	Seats int
	// Electorate is the number of registered electors, or Unknown.
	Electorate int64
	// Invalid is the number of rejected (invalid) ballot papers, or Unknown.
	Invalid int64
	// Candidates in the order of the source.
	Candidates []Candidate
	// Pos is where the contest was first read from.
	Pos Pos
}

// Area returns the name of the contest's area of the given kind, or "" when
// it has none.
func (c *Contest) Area(kind string) string {
	for _, a := range c.Areas {
		if a.Kind == kind {
			return a.Name
		}
	}
	return ""
}

// MostForOne is the most votes one candidate of the line can have had: its
// votes, or an aggregate's AggregateMax when that is smaller.
func (c *Candidate) MostForOne() int64 {
	if c.Aggregate && c.AggregateMax > 0 && c.AggregateMax < c.Votes {
		return c.AggregateMax
	}
	return c.Votes
}

// MaxVotes is the most votes one line may have: a trillion, far more than
// any electorate, so that sums of votes can never overflow an int64.
const MaxVotes int64 = 1_000_000_000_000

// NationRegion gives the areas of a UK contest: its nation and its region
// (the nation itself where it has no regions). Empty names are left out.
func NationRegion(nation, region string) []Area {
	var a []Area
	if nation != "" {
		a = append(a, Area{Kind: Nation, Name: nation})
	}
	if region == "" {
		region = nation
	}
	if region != "" {
		a = append(a, Area{Kind: Region, Name: region})
	}
	return a
}

// ValidVotes is the sum of the candidates' votes (votes).
func (c *Contest) ValidVotes() int64 {
	var n int64
	for i := range c.Candidates {
		n += c.Candidates[i].Votes
	}
	return n
}

// An Election is a set of contests held together, such as a general
// election.
type Election struct {
	// Name describes the election, for example "UK general election 2024".
	Name string
	// Contests in the order of the source.
	Contests []Contest
	// Parties lists every party ID used by a candidate, in order of first
	// appearance, with its display name.
	Parties []Party
	// Notes are facts about the source that a reader of any report must be
	// told: how parties were grouped, what the format leaves out.
	Notes []string
}

// Party returns the party with the given ID, or a party whose name is the ID
// when the election does not list it.
func (e *Election) Party(id string) Party {
	for _, p := range e.Parties {
		if p.ID == id {
			return p
		}
	}
	return Party{ID: id, Name: id}
}

// Validate checks the election's values and returns the first problem found,
// as an *[Error] with the source position where one is known:
// no contests; a contest with an empty or repeated ID, no name, fewer than one
// seat, fewer named candidates than seats, or an electorate smaller than its
// valid and rejected ballots; a candidate with no party, negative votes or more
// than MaxVotes, or the same name and party as another candidate of the same
// contest; more than 2^62 votes in all.
func (e *Election) Validate() error {
	if len(e.Contests) == 0 {
		return &Error{Msg: "no contests: expected at least one contest with candidates"}
	}
	ids := make(map[string]Pos, len(e.Contests))
	var total int64
	for i := range e.Contests {
		c := &e.Contests[i]
		if c.ID == "" {
			return &Error{Pos: c.Pos, Msg: "contest with an empty ID"}
		}
		if c.Name == "" {
			return &Error{Pos: c.Pos, Msg: fmt.Sprintf("contest %q has an empty name", c.ID)}
		}
		if p, dup := ids[c.ID]; dup {
			return &Error{Pos: c.Pos, Msg: fmt.Sprintf("contest %q appears twice (first at %s); expected its rows to be together", c.ID, p)}
		}
		ids[c.ID] = c.Pos
		if c.Seats < 1 {
			return &Error{Pos: c.Pos, Msg: fmt.Sprintf("contest %q: expected at least 1 seat, found %d", c.Name, c.Seats)}
		}
		if err := validateCandidates(c); err != nil {
			return err
		}
		valid := c.ValidVotes() // cannot overflow: each line is at most MaxVotes
		if c.Electorate >= 0 && c.Electorate < valid+max(c.Invalid, 0) {
			return &Error{Pos: c.Pos, Msg: fmt.Sprintf("contest %q: electorate %d is smaller than its %d valid and %d rejected ballots", c.Name, c.Electorate, valid, max(c.Invalid, 0))}
		}
		if total += valid; total > 1<<62 {
			return &Error{Pos: c.Pos, Msg: "more than 2^62 votes in all: expected real counts"}
		}
	}
	return nil
}

func validateCandidates(c *Contest) error {
	if len(c.Candidates) > 1_000_000 {
		return &Error{Pos: c.Pos, Msg: fmt.Sprintf("contest %q has %d candidates: expected at most a million", c.Name, len(c.Candidates))}
	}
	named := 0
	type key struct{ name, party string }
	seen := make(map[key]Pos, len(c.Candidates))
	for i := range c.Candidates {
		k := &c.Candidates[i]
		if k.Party == "" {
			return &Error{Pos: k.Pos, Msg: fmt.Sprintf("contest %q: candidate %q has no party (independents need a party ID such as \"Ind\")", c.Name, k.Name)}
		}
		if k.Votes < 0 || k.Votes > MaxVotes {
			return &Error{Pos: k.Pos, Msg: fmt.Sprintf("contest %q: candidate %q has %d votes; expected a count from 0 to %d", c.Name, k.Label(), k.Votes, MaxVotes)}
		}
		if k.Aggregate {
			continue
		}
		named++
		if k.Name == "" {
			continue
		}
		kk := key{k.Name, k.Party}
		if p, dup := seen[kk]; dup {
			return &Error{Pos: k.Pos, Msg: fmt.Sprintf("contest %q: duplicate candidate %q (%q), first at %s", c.Name, k.Name, k.Party, p)}
		}
		seen[kk] = k.Pos
	}
	if named < c.Seats {
		return &Error{Pos: c.Pos, Msg: fmt.Sprintf("contest %q: expected at least %d candidate(s) for %d seat(s), found %d", c.Name, c.Seats, c.Seats, named)}
	}
	return nil
}

// PartyNames collects the display names seen for each party ID and picks,
// for each ID, the name seen most often (ties: the name first in byte
// order). The Library's files, for example, label "Lab" both "Labour" and
// "Labour and Co-operative"; the party is shown as "Labour".
type PartyNames struct {
	order []string
	seen  map[string]map[string]int
}

// Add records one use of name for the party id. An empty name counts as the ID.
func (p *PartyNames) Add(id, name string) {
	if p.seen == nil {
		p.seen = make(map[string]map[string]int)
	}
	m, ok := p.seen[id]
	if !ok {
		m = make(map[string]int, 1)
		p.seen[id] = m
		p.order = append(p.order, id)
	}
	if name == "" {
		name = id
	}
	m[name]++
}

// Parties returns the parties in order of first appearance, each with the
// usual kind of its code (KindOf).
func (p *PartyNames) Parties() []Party {
	out := make([]Party, 0, len(p.order))
	for _, id := range p.order {
		names := make([]string, 0, len(p.seen[id]))
		for n := range p.seen[id] {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool {
			a, b := p.seen[id][names[i]], p.seen[id][names[j]]
			if a != b {
				return a > b
			}
			return names[i] < names[j]
		})
		out = append(out, Party{ID: id, Name: names[0], Kind: KindOf(id)})
	}
	return out
}

// Grouped describes the IDs that were given more than one name, as
// "Green: Green, Scottish Green Party, Green Party Northern Ireland"; nil
// when every ID had one name.
func (p *PartyNames) Grouped() []string {
	var out []string
	for _, id := range p.order {
		if len(p.seen[id]) < 2 {
			continue
		}
		names := make([]string, 0, len(p.seen[id]))
		for n := range p.seen[id] {
			names = append(names, n)
		}
		sort.Strings(names)
		s := id + ": "
		for i, n := range names {
			if i > 0 {
				s += ", "
			}
			s += n
		}
		out = append(out, s)
	}
	return out
}

// AddTotals copies each contest's electorate and rejected ballots from
// another reading of the same election (for example the House of Commons
// Library's results by constituency, which gives them, into its results by
// candidate, which does not). Contests are matched by ID. It fails, changing
// nothing, when a contest is missing from the other reading or the two
// disagree on its valid votes.
func (e *Election) AddTotals(from *Election) error {
	byID := make(map[string]*Contest, len(from.Contests))
	for i := range from.Contests {
		byID[from.Contests[i].ID] = &from.Contests[i]
	}
	for i := range e.Contests {
		c := &e.Contests[i]
		o, ok := byID[c.ID]
		if !ok {
			return &Error{Pos: c.Pos, Msg: fmt.Sprintf("contest %q (%s) is not in the file giving electorates and rejected ballots", c.Name, c.ID)}
		}
		if a, b := c.ValidVotes(), o.ValidVotes(); a != b {
			return &Error{Pos: c.Pos, Msg: fmt.Sprintf("contest %q: %d valid votes here but %d at %s", c.Name, a, b, o.Pos)}
		}
	}
	for i := range e.Contests {
		c := &e.Contests[i]
		o := byID[c.ID]
		c.Electorate, c.Invalid = o.Electorate, o.Invalid
	}
	return nil
}
