package election

import "fmt"

// PartyVotes is the result of a party-list vote: each party's (list's) votes,
// nationwide or in districts (multi-member constituencies, regions, German
// Länder). It is what list proportional representation apportions and what
// the list tier of a mixed system (AMS, MMP) uses. A nationwide result is one
// district.
type PartyVotes struct {
	// Name describes the election, for example "Tweede Kamer 2023".
	Name string
	// Parties lists every party ID used in a district, in order of first
	// appearance, with its display name.
	Parties []Party
	// Districts in the order of the source; at least one.
	Districts []District
	// Notes are facts about the source a reader of any report must be told.
	Notes []string
}

// A District is one area whose seats are apportioned among lists: the whole
// country in a nationwide vote, or a multi-member constituency.
type District struct {
	// ID identifies the district; where the source has no ID it is the name.
	ID string
	// Name is the district's name, for example "Nederland" or "Bayern".
	Name string
	// Seats to fill in the district (seats); 0 when the source does not say,
	// so that the caller must give the house size.
	Seats int
	// Lists are the parties' results in the order of the source, at most one
	// per party.
	Lists []List
	// Pos is where the district was first read from.
	Pos Pos
}

// A List is one party's result in a district.
type List struct {
	// Party is the party's ID (see PartyVotes.Parties).
	Party string
	// Votes is the number of valid votes for the list (votes ≥ 0).
	Votes int64
	// ConstituencySeats is the number of single-member constituencies (New
	// Zealand: electorates) the party won in the district: the seats a
	// mixed-member system tops up, and an alternative route past a legal
	// threshold. 0 where the source does not give it.
	ConstituencySeats int
	// Coalition is true when the list is an electoral coalition of several
	// parties, which some laws hold to a higher threshold (Slovakia: 7%).
	Coalition bool
	// OfficialSeats is the number of seats the source says the list won, or
	// -1 when it does not say. It is kept to be shown beside psephos's own
	// apportionment; it is never used to compute one.
	OfficialSeats int
	// Pos is where the list was read from.
	Pos Pos
}

// Party returns the party with the given ID, or a party whose name is the ID
// when the result does not list it.
func (t *PartyVotes) Party(id string) Party {
	for _, p := range t.Parties {
		if p.ID == id {
			return p
		}
	}
	return Party{ID: id, Name: id}
}

// Validate checks the values and returns the first problem, as an *[Error]
// with the source position where known: no districts; a district with an
// empty or repeated ID, negative seats, or no lists; a list with no party,
// negative votes or negative constituency seats; a party listed twice in a
// district; districts that give seats for some and not others; a party in
// Parties with no list in any district (a candidate who stood only in
// constituencies has no list votes and belongs elsewhere).
func (t *PartyVotes) Validate() error {
	if len(t.Districts) == 0 {
		return &Error{Msg: "no districts: expected at least one party's votes"}
	}
	ids := make(map[string]Pos, len(t.Districts))
	withSeats := 0
	for i := range t.Districts {
		d := &t.Districts[i]
		if d.ID == "" {
			return &Error{Pos: d.Pos, Msg: "district with an empty ID"}
		}
		if p, dup := ids[d.ID]; dup {
			return &Error{Pos: d.Pos, Msg: fmt.Sprintf("district %q appears twice (first at %s)", d.ID, p)}
		}
		ids[d.ID] = d.Pos
		if d.Seats < 0 {
			return &Error{Pos: d.Pos, Msg: fmt.Sprintf("district %q: expected seats ≥ 1, found %d", d.Name, d.Seats)}
		}
		if d.Seats > 0 {
			withSeats++
		}
		if len(d.Lists) == 0 {
			return &Error{Pos: d.Pos, Msg: fmt.Sprintf("district %q has no lists: expected at least one party's votes", d.Name)}
		}
		seen := make(map[string]Pos, len(d.Lists))
		for j := range d.Lists {
			l := &d.Lists[j]
			if l.Party == "" {
				return &Error{Pos: l.Pos, Msg: fmt.Sprintf("district %q: a list with no party", d.Name)}
			}
			if l.Votes < 0 {
				return &Error{Pos: l.Pos, Msg: fmt.Sprintf("district %q: party %q has %d votes; expected a count ≥ 0", d.Name, l.Party, l.Votes)}
			}
			if l.ConstituencySeats < 0 {
				return &Error{Pos: l.Pos, Msg: fmt.Sprintf("district %q: party %q has %d constituency seats; expected a count ≥ 0", d.Name, l.Party, l.ConstituencySeats)}
			}
			if p, dup := seen[l.Party]; dup {
				return &Error{Pos: l.Pos, Msg: fmt.Sprintf("district %q: party %q appears twice (first at %s); expected one row per party", d.Name, l.Party, p)}
			}
			seen[l.Party] = l.Pos
		}
	}
	if len(t.Parties) > 0 {
		listed := make(map[string]bool, len(t.Parties))
		for i := range t.Districts {
			for _, l := range t.Districts[i].Lists {
				listed[l.Party] = true
			}
		}
		for _, p := range t.Parties {
			if !listed[p.ID] {
				return &Error{Msg: fmt.Sprintf("party %q is in the table's parties but has no list in any district; expected only parties with list votes", p.ID)}
			}
		}
	}
	if withSeats > 0 && withSeats < len(t.Districts) {
		for i := range t.Districts {
			if d := &t.Districts[i]; d.Seats == 0 {
				return &Error{Pos: d.Pos, Msg: fmt.Sprintf("district %q has no seats, but other districts give theirs: expected seats ≥ 1 for every district", d.Name)}
			}
		}
	}
	return nil
}

// Totals sums each party's lists over all districts, in the order of
// Parties (parties found only in districts are added after, in order of
// first appearance). OfficialSeats is the sum where every district gives it,
// else -1; Coalition is true if any of the party's lists is a coalition.
func (t *PartyVotes) Totals() []List {
	idx := make(map[string]int, len(t.Parties))
	out := make([]List, 0, len(t.Parties))
	add := func(id string) int {
		if i, ok := idx[id]; ok {
			return i
		}
		idx[id] = len(out)
		out = append(out, List{Party: id})
		return len(out) - 1
	}
	for _, p := range t.Parties {
		add(p.ID)
	}
	seen := make([]int, 0, len(t.Parties))
	for di := range t.Districts {
		for _, l := range t.Districts[di].Lists {
			i := add(l.Party)
			for len(seen) < len(out) {
				seen = append(seen, 0)
			}
			o := &out[i]
			if seen[i] == 0 {
				o.Pos = l.Pos
				o.OfficialSeats = 0
			}
			seen[i]++
			o.Votes += l.Votes
			o.ConstituencySeats += l.ConstituencySeats
			o.Coalition = o.Coalition || l.Coalition
			if l.OfficialSeats < 0 || o.OfficialSeats < 0 {
				o.OfficialSeats = -1
			} else {
				o.OfficialSeats += l.OfficialSeats
			}
		}
	}
	for i := range out {
		if i >= len(seen) || seen[i] == 0 {
			out[i].OfficialSeats = -1
		}
	}
	return out
}

// Seats is the sum of the districts' seats (0 when they do not give them).
func (t *PartyVotes) Seats() int {
	n := 0
	for i := range t.Districts {
		n += t.Districts[i].Seats
	}
	return n
}
