package compare

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/psephos/psephos/apportion"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/measure"
	"github.com/psephos/psephos/mixed"
	"github.com/psephos/psephos/plurality"
)

// Kinds of system.
const (
	FPTP     = "fptp"     // the constituency count as held
	List     = "list"     // list PR: a divisor or largest-remainder method
	AMS      = "ams"      // additional member system
	Parallel = "parallel" // parallel voting
)

// Scopes of a list or mixed system.
const (
	National = "national" // one nationwide district
)

// A System is one electoral system to run an election's votes through.
type System struct {
	// Kind is FPTP, List, AMS or Parallel.
	Kind string
	// Method apportions the list seats (AMS: D'Hondt unless set).
	Method apportion.Method
	// Scope is National or an area kind (election.Nation, election.Region)
	// whose areas become the multi-member districts (list) or regions
	// (AMS, parallel), each keeping the seats its constituencies have.
	Scope string
	// Spec is the system as written, e.g. "dhondt@region".
	Spec string
}

// ParseSystem reads a system written KIND[:METHOD][@SCOPE]: "fptp",
// "dhondt@region", "sainte-lague" (nationwide), "hare@nation",
// "ams@region", "ams:sainte-lague@region", "parallel@region". A list
// system's KIND is its method's name (see apportion: dhondt, sainte-lague,
// modified-sainte-lague:1.4, danish, imperiali, huntington-hill, adams,
// dean, hare, droop, hagenbach-bischoff, imperiali-quota). AMS and parallel
// default to D'Hondt by region.
func ParseSystem(spec string) (System, error) {
	s := System{Spec: strings.TrimSpace(spec), Scope: National}
	body, scope, hasScope := strings.Cut(s.Spec, "@")
	if hasScope {
		if scope == "" {
			return s, fmt.Errorf("system %q: expected a scope after @ (national, nation or region)", spec)
		}
		s.Scope = scope
	}
	kind, method, hasMethod := strings.Cut(body, ":")
	switch strings.ToLower(kind) {
	case FPTP:
		if hasMethod || hasScope {
			return s, fmt.Errorf("system %q: fptp takes no method or scope", spec)
		}
		s.Kind = FPTP
		return s, nil
	case AMS, Parallel:
		s.Kind = strings.ToLower(kind)
		if !hasScope {
			s.Scope = election.Region
		}
		s.Method = apportion.DHondt
		if hasMethod {
			m, err := apportion.ParseMethod(method)
			if err != nil {
				return s, fmt.Errorf("system %q: %v", spec, err)
			}
			s.Method = m
		}
		if _, ok := s.Method.(apportion.Divisor); !ok && s.Kind == AMS {
			return s, fmt.Errorf("system %q: AMS needs a divisor method", spec)
		}
		return s, nil
	}
	m, err := apportion.ParseMethod(body)
	if err != nil {
		return s, fmt.Errorf("system %q: expected fptp, ams, parallel or a method: %v", spec, err)
	}
	s.Kind, s.Method = List, m
	return s, nil
}

// Options are the assumptions every system of a comparison shares.
type Options struct {
	// Threshold applies to the list tier of list, AMS and parallel systems
	// (nationally for a national scope, else in each district).
	Threshold apportion.Threshold
	// ListShare is the fraction of each region's seats that AMS and
	// parallel systems give to lists (e.g. 2/5); the rest are constituency
	// seats.
	ListShare apportion.Ratio
	// Independents are party IDs whose candidates stand as individuals
	// (the House of Commons Library's "Ind" and the Speaker, "Spk"): under
	// list systems each is a one-person list, able to win at most one seat
	// (see Individuals). Each must stand in the election.
	Independents []string
	// Seed is the seed of psephos's lot, used after "most votes" for ties
	// in these hypothetical apportionments.
	Seed uint64
}

// A Party is one party's votes in the election (parties grouped as the
// election groups them).
type Party struct {
	Party     election.Party
	Votes     int64
	VoteShare float64 // percent of the valid votes
}

// An Outcome is one system's result.
type Outcome struct {
	System System
	// Label is a short column heading, e.g. "D'Hondt by region".
	Label string
	// Description says in one line what the system is and what was
	// assumed.
	Description string
	// Seats per party, in the order of Comparison.Parties.
	Seats []int
	// Total seats filled; Pending seats await a lot (FPTP ties).
	Total, Pending int
	// Indices are measured on the party groups' votes and these seats.
	Indices measure.Indices
	// Largest are the parties with the most seats (several when tied).
	Largest []string
	// Notes: ties met and how they were decided, modelling details.
	Notes []string
}

// A Comparison is one election under several systems.
type Comparison struct {
	Election string
	Seats    int
	Valid    int64
	Parties  []Party
	Outcomes []Outcome
	Notes    []string
}

// DefaultIndependents are the party IDs that name individuals rather than
// parties in the House of Commons Library's files: independent candidates
// and the Speaker, who stands as "The Speaker seeking re-election" and is
// one person, not a list.
var DefaultIndependents = []string{"Ind", "Spk"}

// Individuals returns those of DefaultIndependents that have candidates in
// e: the default Options.Independents.
func Individuals(e *election.Election) []string {
	var out []string
	for _, id := range DefaultIndependents {
		found := false
		for i := range e.Contests {
			for _, c := range e.Contests[i].Candidates {
				found = found || c.Party == id
			}
		}
		if found {
			out = append(out, id)
		}
	}
	return out
}

// Run puts the election through each system. results are
// plurality.CountElection's for e. Errors: an independent that stands
// nowhere, an unknown scope, a district or region without seats, and those
// of the apportionments.
func Run(e *election.Election, results []plurality.Result, systems []System, opt Options) (*Comparison, error) {
	if err := opt.Threshold.Validate(); err != nil {
		return nil, err
	}
	c := &Comparison{Election: e.Name}
	idx := map[string]int{}
	for i := range results {
		con := results[i].Contest
		c.Seats += con.Seats
		for _, k := range con.Candidates {
			j, ok := idx[k.Party]
			if !ok {
				j = len(c.Parties)
				idx[k.Party] = j
				c.Parties = append(c.Parties, Party{Party: e.Party(k.Party)})
			}
			c.Parties[j].Votes += k.Votes
			c.Valid += k.Votes
		}
	}
	for i := range c.Parties {
		if c.Valid > 0 {
			c.Parties[i].VoteShare = 100 * float64(c.Parties[i].Votes) / float64(c.Valid)
		}
	}
	sort.SliceStable(c.Parties, func(i, j int) bool {
		if c.Parties[i].Votes != c.Parties[j].Votes {
			return c.Parties[i].Votes > c.Parties[j].Votes
		}
		return c.Parties[i].Party.ID < c.Parties[j].Party.ID
	})
	for i, p := range c.Parties {
		idx[p.Party.ID] = i
	}
	for _, id := range opt.Independents {
		if _, ok := idx[id]; !ok {
			ids := make([]string, len(c.Parties))
			for i, p := range c.Parties {
				ids[i] = p.Party.ID
			}
			return nil, fmt.Errorf("independent %q: no candidate of that party stands; expected party IDs such as %s", id, election.ListNames(ids, 20))
		}
	}
	c.Notes = append(c.Notes, "List, AMS and parallel systems are projections: they take each candidate's votes as votes for the party's list, as if people had voted the same way under another system.")
	if len(opt.Independents) > 0 {
		c.Notes = append(c.Notes, fmt.Sprintf("Candidates of %s stand under list systems as individuals (one-person lists, at most one seat each: under largest remainder an individual who would win more keeps one and is excluded, the other seats apportioned again); they are shown together.", strings.Join(opt.Independents, ", ")))
	}
	m := &model{e: e, results: results, opt: opt, c: c, idx: idx}
	for _, s := range systems {
		o, err := m.run(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.Spec, err)
		}
		votes := make([]int64, len(c.Parties))
		for i, p := range c.Parties {
			votes[i] = p.Votes
		}
		o.Indices = measure.ComputeIndices(votes, o.Seats)
		best := 0
		for i, n := range o.Seats {
			o.Total += n
			switch {
			case n > best:
				best, o.Largest = n, []string{c.Parties[i].Party.ID}
			case n == best && n > 0:
				o.Largest = append(o.Largest, c.Parties[i].Party.ID)
			}
		}
		c.Outcomes = append(c.Outcomes, *o)
	}
	return c, nil
}

type model struct {
	e       *election.Election
	results []plurality.Result
	opt     Options
	c       *Comparison
	idx     map[string]int // party ID → index in c.Parties
}

func (m *model) ties() apportion.TieRule {
	return apportion.TieRule{Steps: []apportion.TieStep{apportion.MostVotes, apportion.ByLot}, Seed: m.opt.Seed}
}

// group is one district or region: its contests.
type group struct {
	name     string
	contests []int
	seats    int
}

func (m *model) groups(scope string) ([]group, error) {
	if scope == National {
		g := group{name: "national"}
		for i := range m.results {
			g.contests = append(g.contests, i)
			g.seats += m.results[i].Contest.Seats
		}
		return []group{g}, nil
	}
	byName := map[string]int{}
	var out []group
	for i := range m.results {
		con := m.results[i].Contest
		a := con.Area(scope)
		if a == "" {
			return nil, election.Errorf(con.Pos, "constituency %q has no %s; expected every constituency to have one to use scope %q (the input gives: nation, region)", con.Name, scope, scope)
		}
		j, ok := byName[a]
		if !ok {
			j = len(out)
			byName[a] = j
			out = append(out, group{name: a})
		}
		out[j].contests = append(out[j].contests, i)
		out[j].seats += con.Seats
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// lists are the list votes of a group: one list per party, independents
// one each (keyed "party: candidate (constituency)").
type listEntry struct {
	id    string
	party string // the group the list's seats are shown under
	votes int64
	max   int
	wins  int // FPTP seats won in the group
}

func (m *model) lists(g group) []listEntry {
	var out []listEntry
	at := map[string]int{}
	for _, ci := range g.contests {
		r := &m.results[ci]
		elected := map[int]bool{}
		for _, k := range r.Elected {
			elected[k] = true
		}
		for k, cand := range r.Contest.Candidates {
			id, max := cand.Party, 0
			if slices.Contains(m.opt.Independents, cand.Party) {
				id, max = cand.Party+": "+cand.Label()+" ("+r.Contest.Name+")", 1
			}
			j, ok := at[id]
			if !ok {
				j = len(out)
				at[id] = j
				out = append(out, listEntry{id: id, party: cand.Party, max: max})
			}
			out[j].votes += cand.Votes
			if elected[k] {
				out[j].wins++
			}
		}
	}
	return out
}

func (m *model) run(s System) (*Outcome, error) {
	o := &Outcome{System: s, Seats: make([]int, len(m.c.Parties))}
	switch s.Kind {
	case FPTP:
		o.Label = "FPTP"
		for i := range m.results {
			r := &m.results[i]
			for _, k := range r.Elected {
				o.Seats[m.idx[r.Contest.Candidates[k].Party]]++
			}
			if !r.Decided() {
				o.Pending += r.Contest.Seats - len(r.Elected)
				o.Notes = append(o.Notes, fmt.Sprintf("%s: tie for the seat pending a lot", r.Contest.Name))
			}
		}
		o.Description = fmt.Sprintf("first past the post: %d single-member constituencies, each won by its candidate with the most votes (the count as held)", len(m.results))
		return o, nil
	case List:
		return o, m.list(s, o)
	case AMS, Parallel:
		return o, m.mixed(s, o)
	}
	return nil, fmt.Errorf("unknown system kind %q", s.Kind)
}

func scopeWords(scope string, n, seats int) string {
	if scope == National {
		return fmt.Sprintf("over all %d seats nationwide", seats)
	}
	return fmt.Sprintf("in %d multi-member districts, one per %s, each keeping its present seats", n, scope)
}

func (m *model) thresholdWords() string {
	t := m.opt.Threshold
	if t.IsZero() {
		return "no threshold"
	}
	return "threshold " + apportion.ShareString(t.Share) + " of the votes in scope"
}

func (m *model) list(s System, o *Outcome) error {
	gs, err := m.groups(s.Scope)
	if err != nil {
		return err
	}
	rule := apportion.Rule{Method: s.Method, Threshold: m.opt.Threshold, Ties: m.ties()}
	for _, g := range gs {
		ls := m.lists(g)
		ps := make([]apportion.Party, len(ls))
		for i, l := range ls {
			ps[i] = apportion.Party{ID: l.id, Votes: l.votes, Max: l.max}
		}
		r, err := rule.ApportionNamed(ps, g.seats, g.name)
		if err != nil {
			return fmt.Errorf("%s: %w", g.name, err)
		}
		for i, p := range r.Parties {
			o.Seats[m.idx[ls[i].party]] += p.Seats
		}
		m.noteTies(o, g.name, r)
		m.noteLimited(o, g.name, r)
		if r.Vacant > 0 {
			o.Notes = append(o.Notes, fmt.Sprintf("%s: %d seat(s) vacant: every list was exhausted", g.name, r.Vacant))
		}
	}
	o.Label = s.Method.Name()
	if s.Scope != National {
		o.Label += " by " + s.Scope
	}
	o.Description = fmt.Sprintf("%s %s; %s", s.Method.Title(), scopeWords(s.Scope, len(gs), m.c.Seats), m.thresholdWords())
	return nil
}

func (m *model) noteTies(o *Outcome, where string, r *apportion.Result) {
	for _, t := range r.Ties {
		if t.Resolution == apportion.AllSeated {
			continue
		}
		var names []string
		for _, p := range t.Parties {
			names = append(names, r.Parties[p].ID)
		}
		o.Notes = append(o.Notes, fmt.Sprintf("%s: %s tied at %s for %d seat(s), decided by %s", where, strings.Join(names, ", "), t.Value, t.Seats, t.Resolution))
	}
}

// noteLimited says which individuals a largest-remainder method would have
// given more than one seat: each keeps one and is excluded, and the other
// seats are apportioned again without them.
func (m *model) noteLimited(o *Outcome, where string, r *apportion.Result) {
	var names []string
	for _, p := range r.Parties {
		if p.Limited {
			names = append(names, p.ID)
		}
	}
	if len(names) > 0 {
		o.Notes = append(o.Notes, fmt.Sprintf("%s: %s would have won more than one seat by largest remainder; an individual holds one, so each keeps one seat and the other seats were apportioned again without them", where, strings.Join(names, "; ")))
	}
}

// listSeats is round(seats × share), halves up, in integers.
func listSeats(seats int, share apportion.Ratio) int {
	if share.Den == 0 {
		return 0
	}
	return int((2*int64(seats)*share.Num + share.Den) / (2 * share.Den))
}

// mixed models AMS or parallel voting on a single-vote constituency
// election: each region keeps its seats, split into constituency and list
// seats by ListShare; the constituency seats are the region's FPTP wins
// scaled to that number by largest remainder (Hamilton); the list seats
// are apportioned on the region's votes.
func (m *model) mixed(s System, o *Outcome) error {
	share := m.opt.ListShare
	if share.Den == 0 || share.Num <= 0 || share.Num >= share.Den {
		return fmt.Errorf("expected a list share between 0 and 100%% for %s, found %s", s.Kind, share)
	}
	gs, err := m.groups(s.Scope)
	if err != nil {
		return err
	}
	var regions []mixed.Region
	var owners [][]string
	nc, nl := 0, 0
	for _, g := range gs {
		ls := m.lists(g)
		list := listSeats(g.seats, share)
		cons := g.seats - list
		if list < 1 || cons < 1 {
			return fmt.Errorf("%s: %d seats split %d constituency / %d list; expected at least one of each (choose another list share or scope)", g.name, g.seats, cons, list)
		}
		nc, nl = nc+cons, nl+list
		// The constituency tier: FPTP wins scaled to cons seats.
		var winners []apportion.Party
		var at []int
		for i, l := range ls {
			if l.wins > 0 {
				winners = append(winners, apportion.Party{ID: l.id, Votes: int64(l.wins)})
				at = append(at, i)
			}
		}
		scale := apportion.Rule{Method: apportion.Hare, Ties: apportion.TieRule{Steps: []apportion.TieStep{apportion.ByOrder, apportion.ByLot}, Order: byVotes(ls, at), Seed: m.opt.Seed}}
		sr, err := scale.ApportionNamed(winners, cons, g.name+" constituencies")
		if err != nil {
			return fmt.Errorf("%s: scaling constituency seats: %w", g.name, err)
		}
		for _, t := range sr.Ties {
			if t.Resolution != apportion.AllSeated {
				var names []string
				for _, p := range t.Parties {
					names = append(names, sr.Parties[p].ID)
				}
				o.Notes = append(o.Notes, fmt.Sprintf("%s: scaling FPTP wins, %s tied at remainder %s for %d constituency seat(s), given to the one(s) with more votes in the area (%s)", g.name, strings.Join(names, ", "), t.Value, t.Seats, strings.Join(winnerIDs(sr, t), ", ")))
			}
		}
		reg := mixed.Region{Name: g.name, ListSeats: list}
		var own []string
		for i, l := range ls {
			cs := 0
			if k := slices.Index(at, i); k >= 0 {
				cs = sr.Parties[k].Seats
			}
			if l.max == 1 && cs > 0 {
				// An individual already elected in a constituency is not on
				// the list.
				o.Seats[m.idx[l.party]] += cs
				continue
			}
			reg.Parties = append(reg.Parties, mixed.Party{ID: l.id, Votes: l.votes, ConstituencySeats: cs, Max: l.max})
			own = append(own, l.party)
		}
		regions = append(regions, reg)
		owners = append(owners, own)
	}
	var res *mixed.Result
	if s.Kind == AMS {
		res, err = mixed.AMS{Method: s.Method.(apportion.Divisor), Threshold: m.opt.Threshold, Ties: m.ties()}.Allocate(regions)
	} else {
		res, err = mixed.Parallel{Rule: apportion.Rule{Method: s.Method, Threshold: m.opt.Threshold, Ties: m.ties()}}.Allocate(regions)
	}
	if err != nil {
		return err
	}
	for ri, reg := range res.Regions {
		for pi, p := range reg.Parties {
			o.Seats[m.idx[owners[ri][pi]]] += p.Total
		}
		m.noteTies(o, reg.Name, reg.List)
		m.noteLimited(o, reg.Name, reg.List)
	}
	pct := apportion.Ratio{Num: share.Num * 100, Den: share.Den}
	o.Label = s.Kind
	if s.Method != apportion.Method(apportion.DHondt) {
		o.Label += " (" + s.Method.Name() + ")"
	}
	if s.Scope != National {
		o.Label += " by " + s.Scope
	}
	how := "list seats by " + s.Method.Title() + " with each party's constituency seats counted in its divisors (the Scottish Parliament and Senedd rule); a party with more constituency seats than its share keeps them and takes no list seats"
	if s.Kind == Parallel {
		how = "list seats by " + s.Method.Title() + " on the votes alone, added to the constituency seats"
	}
	where := fmt.Sprintf("in %d regions, one per %s, each keeping its present seats", len(gs), s.Scope)
	if s.Scope == National {
		where = "with one national list tier"
	}
	o.Description = fmt.Sprintf("%s %s: %s%% of the seats are list seats (%d list, %d constituency in all); the constituency seats are the FPTP wins scaled down by largest remainder, as if constituencies were merged (equal remainders to the party with more votes in the area); %s; %s",
		map[string]string{AMS: "additional member system", Parallel: "parallel voting"}[s.Kind], where, pct.String(), nl, nc, how, m.thresholdWords())
	return nil
}

// byVotes orders the winning lists by their votes in the region, most
// first (ties in order of ID): the named order that settles equal
// remainders when FPTP wins are scaled.
func byVotes(ls []listEntry, at []int) []string {
	sorted := slices.Clone(at)
	sort.SliceStable(sorted, func(a, b int) bool {
		x, y := ls[sorted[a]], ls[sorted[b]]
		if x.votes != y.votes {
			return x.votes > y.votes
		}
		return x.id < y.id
	})
	out := make([]string, len(sorted))
	for i, k := range sorted {
		out[i] = ls[k].id
	}
	return out
}

func winnerIDs(r *apportion.Result, t apportion.Tie) []string {
	out := make([]string, len(t.Winners))
	for i, w := range t.Winners {
		out[i] = r.Parties[w].ID
	}
	return out
}
