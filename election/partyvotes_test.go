package election

import (
	"strings"
	"testing"
)

func TestPartyVotesValidate(t *testing.T) {
	ok := func() *PartyVotes {
		return &PartyVotes{Districts: []District{
			{ID: "N", Name: "N", Seats: 3, Lists: []List{{Party: "A", Votes: 5, OfficialSeats: 2}, {Party: "B", Votes: 3, OfficialSeats: 1}}},
			{ID: "S", Name: "S", Seats: 2, Lists: []List{{Party: "A", Votes: 1, ConstituencySeats: 1, OfficialSeats: -1}, {Party: "C", Votes: 4, Coalition: true, OfficialSeats: 2}}},
		}}
	}
	if err := ok().Validate(); err != nil {
		t.Fatal(err)
	}
	tot := ok().Totals()
	if len(tot) != 3 || tot[0].Votes != 6 || tot[0].ConstituencySeats != 1 || tot[0].OfficialSeats != -1 || tot[1].OfficialSeats != 1 || !tot[2].Coalition {
		t.Errorf("totals %+v", tot)
	}
	if ok().Seats() != 5 {
		t.Errorf("seats %d", ok().Seats())
	}
	cases := map[string]func(*PartyVotes){
		"no districts":                           func(p *PartyVotes) { p.Districts = nil },
		"district \"N\" appears twice":           func(p *PartyVotes) { p.Districts[1].ID = "N" },
		"expected seats ≥ 1, found -1":           func(p *PartyVotes) { p.Districts[0].Seats = -1 },
		"has no lists":                           func(p *PartyVotes) { p.Districts[0].Lists = nil },
		"has -5 votes":                           func(p *PartyVotes) { p.Districts[0].Lists[0].Votes = -5 },
		"party \"A\" appears twice":              func(p *PartyVotes) { p.Districts[0].Lists[1].Party = "A" },
		"a list with no party":                   func(p *PartyVotes) { p.Districts[0].Lists[1].Party = "" },
		"district \"S\" has no seats, but other": func(p *PartyVotes) { p.Districts[1].Seats = 0 },
		"-2 constituency seats":                  func(p *PartyVotes) { p.Districts[0].Lists[0].ConstituencySeats = -2 },
		"party \"EB:X\" is in the table's parties but has no list": func(p *PartyVotes) {
			p.Parties = []Party{{ID: "A", Name: "A"}, {ID: "EB:X", Name: "X"}}
		},
	}
	for want, spoil := range cases {
		p := ok()
		spoil(p)
		if err := p.Validate(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v", want, err)
		}
	}
}
