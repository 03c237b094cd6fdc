package mixed

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strings"

	"github.com/psephos/psephos/apportion"
	"github.com/psephos/psephos/election"
)

// Overhang is what a mixed-member proportional system does when a party
// wins more constituency seats than its proportional share.
type Overhang uint8

// The overhang rules.
const (
	// Kept: the party keeps every constituency seat and the house grows by
	// the overhang; no other party loses a seat (New Zealand, Electoral Act
	// 1993 s 191(7)–(8); Germany before 2013, by Land).
	Kept Overhang = iota + 1
	// Levelling: the house grows until every party's proportional share
	// covers its constituency seats, so the overhang party's rivals gain
	// levelling seats (the principle of Germany's 2013–2020 law, applied
	// here nationally, with one tier).
	Levelling
	// Coverage: the house stays at its nominal size; constituency winners
	// beyond their party's second-vote seats in the region are not seated,
	// the weakest first by share of the constituency vote (Germany since
	// 2023, Bundeswahlgesetz §6(1): Zweitstimmendeckung).
	Coverage
)

// String is the rule's name.
func (o Overhang) String() string {
	switch o {
	case Kept:
		return "kept"
	case Levelling:
		return "levelling"
	case Coverage:
		return "coverage"
	}
	return "invalid"
}

// MMP is mixed-member proportional representation: the list (party, second)
// votes decide each qualifying party's total seats in a house of Seats
// (upper apportionment); its constituency seats count towards that total and
// list seats make up the rest. With Regional, each party's seats are then
// distributed among the regions (Länder) in proportion to its regional list
// votes by the same method (lower apportionment), and overhang is decided
// region by region.
//
// Constituency winners whose party has no list (independents) keep their
// seats, which are taken from the house before the list apportionment (NZ
// s 191(3)–(5); BWahlG §4(2)). So are winners of a party that failed the
// threshold, except under Coverage, where they are not seated.
type MMP struct {
	// Method apportions the seats (Sainte-Laguë in New Zealand and
	// Germany).
	Method apportion.Method
	// Seats is the nominal house size.
	Seats int
	// Threshold is decided on the national list votes; its Wins route
	// counts constituency seats won.
	Threshold apportion.Threshold
	Overhang  Overhang
	// Regional distributes each party's seats among the regions.
	Regional bool
	// Ties decides equal quotients and, under Coverage, winners with equal
	// shares (BWahlG §6(1): by lot).
	Ties apportion.TieRule
}

// Bundestag2023 is the German Bundestag's seat allocation under the
// Bundeswahlgesetz as amended in 2023 and applied in 2025 (§§ 4–6): 630
// seats by Sainte-Laguë among the parties with at least 5% of the valid
// second votes or at least three constituencies won (the alternative route
// as restored by the Federal Constitutional Court, 2 BvF 1/23, 30 July
// 2024); lists of national minorities exempt from both (§ 4(2): the Danish
// minority's SSW, the only such list in 2025); each party's seats then
// distributed among its Land lists by Sainte-Laguë; in each Land its
// constituency winners seated, strongest first by share of the first votes,
// up to the party's seats there (Zweitstimmendeckung, §§ 1(3), 6(1), 6(4));
// the rest are list seats. A tie between winners with equal shares is
// decided by lot under the law; the TieRule returned leaves it pending (set
// Ties to draw psephos's lot or record the official one). Checked against
// the 2025 result: every party's total and every constituency's published
// coverage.
func Bundestag2023() MMP {
	return MMP{Method: apportion.SainteLague, Seats: 630, Overhang: Coverage, Regional: true,
		Threshold: apportion.Threshold{Share: apportion.Ratio{Num: 5, Den: 100}, Wins: 3, Exempt: []string{"SSW"}}}
}

// An MMPParty is one party's seats.
type MMPParty struct {
	Party         string
	Votes         int64 // national list votes
	Qualified     bool
	Qualification string
	// Entitlement is its proportional seats in the nominal house (less
	// independents' seats).
	Entitlement int
	// Constituency is the constituency seats it won; Seated those whose
	// winners take a seat (fewer under Coverage).
	Constituency, Seated int
	// List is its list seats.
	List int
	// Overhang is the seats beyond its entitlement it keeps (Kept);
	// Levelling the seats it gains as the house grows (Levelling).
	Overhang, Levelling int
	// Total is Seated + List.
	Total int
}

// An MMPRegion is one region's share of each party's seats (Regional).
type MMPRegion struct {
	Name    string
	Parties []MMPRegionParty
}

// An MMPRegionParty is one party's seats in one region.
type MMPRegionParty struct {
	Party string
	Votes int64
	// Seats is its share of the party's seats (lower apportionment); under
	// Kept at least its constituency seats.
	Seats                      int
	Constituency, Seated, List int
	Overhang                   int
	lower                      int
	winners                    []int
}

// A SeatedWinner is a constituency winner and whether the winner takes a
// seat.
type SeatedWinner struct {
	Winner
	Seated bool
	// Rank is the winner's place among the party's winners in the region
	// by share of the vote (1 = strongest); 0 outside Coverage.
	Rank int
	// Why the winner is not seated, in words ("" when seated).
	Why string
}

// An MMPResult is an MMP allocation.
type MMPResult struct {
	// Nominal is the house size asked; House the size that results (larger
	// with overhang or levelling seats).
	Nominal, House int
	// Independents is the seats of winners outside the list apportionment.
	Independents int
	Parties      []MMPParty
	// Upper is the national apportionment (at the final house size under
	// Levelling).
	Upper *apportion.Result
	// Lower maps a party to the apportionment of its seats among the
	// regions (Regional).
	Lower   map[string]*apportion.Result
	Regions []MMPRegion
	// Winners are every constituency winner, in the order given.
	Winners []SeatedWinner
	// Ties among winners with equal shares at the edge of coverage.
	Ties []apportion.Tie
	// Pending seats await a lot.
	Pending int
}

// Party returns the party's seats, or nil.
func (r *MMPResult) Party(id string) *MMPParty {
	for i := range r.Parties {
		if r.Parties[i].Party == id {
			return &r.Parties[i]
		}
	}
	return nil
}

// Allocate allocates the seats. lists are the list votes: one district for a
// national list, or one per region (their Seats are ignored). winners are
// the constituency winners; when nil, each list's ConstituencySeats is used
// (Coverage and Regional then need winners). Errors: an invalid rule or
// table; an exempt party not among the lists; a winner's region missing from
// the lists; a house left with no seat for the lists; levelling with a
// largest-remainder method or regions.
func (m MMP) Allocate(lists *election.PartyVotes, winners []Winner) (*MMPResult, error) {
	if m.Seats < 1 {
		return nil, fmt.Errorf("MMP: expected a house of at least 1 seat, found %d", m.Seats)
	}
	if m.Overhang < Kept || m.Overhang > Coverage {
		return nil, fmt.Errorf("MMP: expected an overhang rule (kept, levelling or coverage)")
	}
	if err := lists.Validate(); err != nil {
		return nil, err
	}
	if err := m.Threshold.Validate(); err != nil {
		return nil, err
	}
	_, divisor := m.Method.(apportion.Divisor)
	if m.Overhang == Levelling && (!divisor || m.Regional) {
		return nil, fmt.Errorf("MMP: levelling needs a divisor method (house-monotone) and one national tier")
	}
	if winners == nil && (m.Overhang == Coverage || m.Regional) {
		return nil, fmt.Errorf("MMP: %s overhang and regional lists need the constituency winners", m.Overhang)
	}
	res := &MMPResult{Nominal: m.Seats, Lower: map[string]*apportion.Result{}}
	totals := lists.Totals()
	ids := make([]string, len(totals))
	for i, l := range totals {
		ids[i] = l.Party
	}
	if err := (apportion.Rule{Threshold: m.Threshold}).CheckNames(ids); err != nil {
		return nil, fmt.Errorf("MMP: %w", err)
	}
	index := map[string]int{}
	var all int64
	for i, l := range totals {
		index[l.Party] = i
		all += l.Votes
		res.Parties = append(res.Parties, MMPParty{Party: l.Party, Votes: l.Votes})
	}
	// Constituency seats.
	regions := map[string]int{}
	for i, d := range lists.Districts {
		regions[d.Name] = i
	}
	indep := map[string]int{}
	if winners != nil {
		for _, w := range winners {
			if m.Regional {
				if _, ok := regions[w.Region]; !ok {
					return nil, fmt.Errorf("MMP: constituency %q is in region %q, which has no list votes", w.Contest, w.Region)
				}
			}
			if i, ok := index[w.Party]; ok {
				res.Parties[i].Constituency++
			} else {
				indep[w.Party]++
			}
			res.Winners = append(res.Winners, SeatedWinner{Winner: w, Seated: true})
		}
	} else {
		for i, l := range totals {
			res.Parties[i].Constituency = l.ConstituencySeats
		}
	}
	// Qualification, and the seats outside the list apportionment.
	var upper []apportion.Party
	for i := range res.Parties {
		p := &res.Parties[i]
		ap := apportion.Party{ID: p.Party, Votes: p.Votes, ConstituencySeats: p.Constituency, Coalition: totals[i].Coalition}
		p.Qualified, p.Qualification = m.Threshold.Qualify(&ap, all)
		switch {
		case p.Qualified:
			upper = append(upper, apportion.Party{ID: p.Party, Votes: p.Votes})
		case m.Overhang == Coverage:
			p.Seated = 0
		default:
			p.Seated = p.Constituency
			res.Independents += p.Constituency
		}
	}
	for _, n := range indep {
		res.Independents += n
	}
	house := m.Seats - res.Independents
	if house < 1 {
		return nil, fmt.Errorf("MMP: independents and unqualified parties hold %d of the %d seats; no seat is left for the lists", res.Independents, m.Seats)
	}
	rule := apportion.Rule{Method: m.Method, Ties: m.Ties}
	up, err := rule.Apportion(upper, house)
	if err != nil {
		return nil, err
	}
	res.Upper = up
	res.Pending += up.Pending
	ent := map[string]int{}
	for _, p := range up.Parties {
		ent[p.ID] = p.Seats
	}
	for i := range res.Parties {
		res.Parties[i].Entitlement = ent[res.Parties[i].Party]
	}
	switch {
	case m.Overhang == Levelling:
		err = m.level(res, upper, house, rule)
	case m.Regional:
		err = m.regional(res, lists)
	default:
		m.national(res)
	}
	if err != nil {
		return nil, err
	}
	// The house: every seated winner without a list, and every party's
	// total (an unqualified party's seated winners only).
	for _, n := range indep {
		res.House += n
	}
	for i := range res.Parties {
		p := &res.Parties[i]
		p.Total = p.Seated
		if p.Qualified {
			p.Total += p.List
		}
		res.House += p.Total
	}
	election.SortByStanding(res.Parties, func(p *MMPParty) (int, int64, string) { return p.Total, p.Votes, p.Party })
	return res, nil
}

// national settles overhang with one tier.
func (m MMP) national(res *MMPResult) {
	if m.Overhang == Coverage {
		m.cover(res, func(w *Winner) string { return w.Party }, func(p string, _ string) int { return res.Party(p).Entitlement })
	}
	for i := range res.Parties {
		p := &res.Parties[i]
		if !p.Qualified {
			continue
		}
		switch m.Overhang {
		case Kept:
			p.Seated = p.Constituency
			p.List = max(0, p.Entitlement-p.Constituency)
			p.Overhang = max(0, p.Constituency-p.Entitlement)
		case Coverage:
			p.Seated = 0
			for _, w := range res.Winners {
				if w.Seated && w.Party == p.Party {
					p.Seated++
				}
			}
			// A seat whose winner awaits a lot is the party's, not a list seat.
			p.List = p.Entitlement - p.Seated - res.pendingWinners(func(w *Winner) bool { return w.Party == p.Party })
		}
	}
}

// pendingWinners is the number of seats awaiting a lot between tied
// winners that match.
func (r *MMPResult) pendingWinners(match func(*Winner) bool) int {
	n := 0
	for _, t := range r.Ties {
		if t.Pending > 0 && len(t.Parties) > 0 && match(&r.Winners[t.Parties[0]].Winner) {
			n += t.Pending
		}
	}
	return n
}

// level grows the house until each qualifying party's proportional share
// covers its constituency seats. Divisor methods are house-monotone, so the
// smallest such house is found by doubling and then bisection.
func (m MMP) level(res *MMPResult, upper []apportion.Party, house int, rule apportion.Rule) error {
	covers := func(r *apportion.Result) bool {
		for _, p := range r.Parties {
			if q := res.Party(p.ID); p.Seats < q.Constituency {
				return false
			}
		}
		return true
	}
	at := func(h int) (*apportion.Result, error) { return rule.Apportion(upper, h) }
	best := res.Upper
	if !covers(best) {
		lo, hi := house, min(house*2, apportion.MaxSeats)
		for {
			r, err := at(hi)
			if err != nil {
				return err
			}
			if covers(r) {
				best = r
				break
			}
			if hi == apportion.MaxSeats {
				return fmt.Errorf("MMP levelling: no house up to %d seats covers every party's constituency seats", hi)
			}
			lo, hi = hi, min(hi*2, apportion.MaxSeats)
		}
		for lo+1 < hi {
			mid := lo + (hi-lo)/2
			r, err := at(mid)
			if err != nil {
				return err
			}
			if covers(r) {
				hi, best = mid, r
			} else {
				lo = mid
			}
		}
	}
	res.Upper = best
	for _, p := range best.Parties {
		q := res.Party(p.ID)
		q.Levelling = p.Seats - q.Entitlement
		q.Seated = q.Constituency
		q.List = p.Seats - q.Constituency
	}
	return nil
}

// regional distributes each qualifying party's seats among the regions and
// settles overhang region by region.
func (m MMP) regional(res *MMPResult, lists *election.PartyVotes) error {
	res.Regions = make([]MMPRegion, len(lists.Districts))
	cell := map[[2]string]*MMPRegionParty{}
	for i, d := range lists.Districts {
		res.Regions[i].Name = d.Name
		for _, l := range d.Lists {
			res.Regions[i].Parties = append(res.Regions[i].Parties, MMPRegionParty{Party: l.Party, Votes: l.Votes})
		}
	}
	for i := range res.Regions {
		for j := range res.Regions[i].Parties {
			c := &res.Regions[i].Parties[j]
			cell[[2]string{res.Regions[i].Name, c.Party}] = c
		}
	}
	for k, w := range res.Winners {
		if c := cell[[2]string{w.Region, w.Party}]; c != nil {
			c.Constituency++
			c.winners = append(c.winners, k)
		} else if _, listed := res.partyIndex(w.Party); listed {
			return fmt.Errorf("MMP: %s won %q in %s, where it has no list", w.Party, w.Contest, w.Region)
		}
	}
	for i := range res.Parties {
		p := &res.Parties[i]
		if !p.Qualified || p.Entitlement == 0 {
			if p.Qualified && p.Constituency > 0 && m.Overhang == Kept {
				// Overhang with no proportional seat at all.
				m.keepRegional(p, res, cell)
			}
			continue
		}
		var ps []apportion.Party
		for _, reg := range res.Regions {
			if c := cell[[2]string{reg.Name, p.Party}]; c != nil && c.Votes > 0 {
				ps = append(ps, apportion.Party{ID: reg.Name, Votes: c.Votes})
			}
		}
		low, err := apportion.Rule{Method: m.Method, Ties: m.Ties}.ApportionNamed(ps, p.Entitlement, p.Party)
		if err != nil {
			return fmt.Errorf("MMP: distributing %s's %d seats among the regions: %w", p.Party, p.Entitlement, err)
		}
		res.Lower[p.Party] = low
		res.Pending += low.Pending
		for _, q := range low.Parties {
			c := cell[[2]string{q.ID, p.Party}]
			c.lower = q.Seats
			c.Seats = q.Seats
		}
		m.keepRegional(p, res, cell)
	}
	if m.Overhang == Coverage {
		m.cover(res, func(w *Winner) string { return w.Region + "\x00" + w.Party }, func(party, key string) int {
			region, _, _ := strings.Cut(key, "\x00")
			if c := cell[[2]string{region, party}]; c != nil {
				return c.lower
			}
			return 0
		})
		for i := range res.Regions {
			for j := range res.Regions[i].Parties {
				c := &res.Regions[i].Parties[j]
				for _, k := range c.winners {
					if res.Winners[k].Seated {
						c.Seated++
					}
				}
				c.List = c.Seats - c.Seated - res.pendingWinners(func(w *Winner) bool { return w.Party == c.Party && w.Region == res.Regions[i].Name })
			}
		}
		for i := range res.Parties {
			p := &res.Parties[i]
			p.Seated, p.List = 0, 0
			if !p.Qualified {
				continue
			}
			for _, reg := range res.Regions {
				if c := cell[[2]string{reg.Name, p.Party}]; c != nil {
					p.Seated += c.Seated
					p.List += c.List
				}
			}
		}
	}
	return nil
}

// keepRegional applies Kept region by region: a party's seats in a region
// are at least its constituency seats there.
func (m MMP) keepRegional(p *MMPParty, res *MMPResult, cell map[[2]string]*MMPRegionParty) {
	if m.Overhang != Kept {
		return
	}
	p.Seated, p.List, p.Overhang = 0, 0, 0
	for _, reg := range res.Regions {
		c := cell[[2]string{reg.Name, p.Party}]
		if c == nil {
			continue
		}
		c.Seats = max(c.lower, c.Constituency)
		c.Seated = c.Constituency
		c.List = c.Seats - c.Constituency
		c.Overhang = max(0, c.Constituency-c.lower)
		p.Seated += c.Seated
		p.List += c.List
		p.Overhang += c.Overhang
	}
}

func (r *MMPResult) partyIndex(id string) (int, bool) {
	for i := range r.Parties {
		if r.Parties[i].Party == id {
			return i, true
		}
	}
	return 0, false
}

// cover seats, in each group of a party's winners (the party nationally, or
// the party in one region), the strongest by share of the constituency's
// valid votes, as many as the group's seats. Shares are compared exactly
// (votes_a·valid_b against votes_b·valid_a); equal shares at the edge are a
// tie for the rule to decide.
func (m MMP) cover(res *MMPResult, group func(*Winner) string, seats func(party, key string) int) {
	groups := map[string][]int{}
	var keys []string
	for k := range res.Winners {
		w := &res.Winners[k].Winner
		p, ok := res.partyIndex(w.Party)
		if !ok {
			continue // an independent: seated
		}
		if !res.Parties[p].Qualified {
			res.Winners[k].Seated = false
			res.Winners[k].Why = "the party did not qualify for seats (" + res.Parties[p].Qualification + ")"
			continue
		}
		key := group(w)
		if _, seen := groups[key]; !seen {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], k)
	}
	sort.Strings(keys)
	share := func(a, b int) int { // > 0 when a's share is larger
		x, y := &res.Winners[a], &res.Winners[b]
		h1, l1 := bits.Mul64(uint64(x.Votes), uint64(y.Valid))
		h2, l2 := bits.Mul64(uint64(y.Votes), uint64(x.Valid))
		if h1 != h2 {
			return cmp.Compare(h1, h2)
		}
		return cmp.Compare(l1, l2)
	}
	for _, key := range keys {
		ws := groups[key]
		party := res.Winners[ws[0]].Party
		n := seats(party, key)
		sort.SliceStable(ws, func(i, j int) bool {
			if c := share(ws[i], ws[j]); c != 0 {
				return c > 0
			}
			return res.Winners[ws[i]].ContestID < res.Winners[ws[j]].ContestID
		})
		for r, k := range ws {
			res.Winners[k].Rank = r + 1
			res.Winners[k].Seated = r < n
			if r >= n {
				res.Winners[k].Why = fmt.Sprintf("not covered by the party's second-vote seats: %d seat(s) for %d winner(s), and %d stronger", n, len(ws), n)
			}
		}
		if n <= 0 || n >= len(ws) || share(ws[n-1], ws[n]) != 0 {
			continue
		}
		// Equal shares straddle the last covered place.
		lo, hi := n-1, n
		for lo > 0 && share(ws[lo-1], ws[n-1]) == 0 {
			lo--
		}
		for hi < len(ws) && share(ws[hi], ws[n-1]) == 0 {
			hi++
		}
		tied := slices.Clone(ws[lo:hi])
		sort.Slice(tied, func(i, j int) bool { return res.Winners[tied[i]].ContestID < res.Winners[tied[j]].ContestID })
		t := apportion.Tie{FirstSeat: lo + 1, Seats: n - lo, Parties: tied, Value: fmt.Sprintf("%d/%d", res.Winners[tied[0]].Votes, res.Winners[tied[0]].Valid)}
		m.Ties.Decide(&t, func(i int) string { return res.Winners[i].ContestID }, func(i int) int64 { return res.Winners[i].Votes }, "coverage:"+key)
		for _, k := range tied {
			res.Winners[k].Seated = slices.Contains(t.Winners, k)
			if !res.Winners[k].Seated {
				res.Winners[k].Why = "tied for the party's last covered seat: " + t.Resolution
			}
		}
		res.Ties = append(res.Ties, t)
		res.Pending += t.Pending
	}
}
