package apportion_test

// Apportionments checked against official results in ../shared/data (see its
// README for each source).

import (
	"testing"

	"github.com/psephos/psephos/apportion"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
)

func readTable(t testing.TB, rel string) *election.PartyVotes {
	t.Helper()
	p := datadir.Path(t, rel)
	tab, _, err := format.ReadPartyVotesFile(p, format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// Kieswet P 5–P 9: lists below the electoral quota (votes/150) take no seat;
// full quotas then highest averages, i.e. D'Hondt among the lists at or
// above the quota.
var dutchRule = apportion.Rule{Method: apportion.DHondt, Threshold: apportion.Threshold{Share: apportion.Ratio{Num: 1, Den: 150}}}

// Every list's seats equal the Kiesraad's published seats (the file's
// AantalZetels column; official results of 22 November 2023 and 17 March
// 2021, 150 seats; README: PVV 37, GL/PvdA 25, VVD 24, NSC 20, ... JA21 1).
// The file leaves AantalZetels empty for some lists (read as unknown); the
// seats it does give sum to all 150, so those lists won none.
func TestNetherlands(t *testing.T) {
	for _, f := range []string{"nl/uitslag_TK20231122_Nederland.csv", "nl/uitslag_TK20210317_Nederland.csv"} {
		tab := readTable(t, f)
		a, err := dutchRule.ApportionTable(tab, 150, false)
		if err != nil {
			t.Fatal(err)
		}
		if a.Pending != 0 || a.Vacant != 0 {
			t.Errorf("%s: %d pending, %d vacant seats", f, a.Pending, a.Vacant)
		}
		total, published := 0, 0
		for _, p := range a.Parties {
			total += p.Seats
			if p.OfficialSeats >= 0 {
				published += p.OfficialSeats
			}
		}
		if total != 150 || published != 150 {
			t.Errorf("%s: %d seats, %d published; expected 150", f, total, published)
		}
		for _, p := range a.Parties {
			if want := max(p.OfficialSeats, 0); p.Seats != want {
				t.Errorf("%s: %s has %d seats, officially %d (AantalZetels %d)", f, p.Party.ID, p.Seats, want, p.OfficialSeats)
			}
		}
	}
	// Spot checks against the README's official figures.
	a, _ := dutchRule.ApportionTable(readTable(t, "nl/uitslag_TK20231122_Nederland.csv"), 150, false)
	for id, want := range map[string]int{"PVV (Partij voor de Vrijheid)": 37, "VVD": 24, "Nieuw Sociaal Contract": 20, "JA21": 1, "BVNL / Groep Van Haga": 0} {
		if got := a.Districts[0].SeatsOf(id); got != want {
			t.Errorf("2023: %s %d seats, expected %d", id, got, want)
		}
	}
}

// Slovakia 2020 (Act 180/2014 §§ 63–68; README: OĽaNO 53, Smer 38, Sme
// rodina 17, ĽSNS 17, SaS 13, Za ľudí 12): 5% threshold, 7% for the
// coalition PS–SPOLU (6.96%, out), Hagenbach-Bischoff quota over the
// qualifying votes with largest remainders. The quota is a whole number of
// votes; rounded down or up, the seats are the official ones.
func TestSlovakia2020(t *testing.T) {
	tab := readTable(t, "list/sk_nr_2020.csv")
	for _, rounding := range []apportion.Rounding{apportion.Up, apportion.Down, apportion.Exact} {
		rule := apportion.Rule{
			Method:    apportion.HagenbachBischoff.WithRounding(rounding),
			Threshold: apportion.Threshold{Share: apportion.Ratio{Num: 5, Den: 100}, CoalitionShare: apportion.Ratio{Num: 7, Den: 100}},
			Ties:      apportion.TieRule{Steps: []apportion.TieStep{apportion.MostVotes}},
		}
		a, err := rule.ApportionTable(tab, 0, false)
		if err != nil {
			t.Fatal(err)
		}
		if a.Seats != 150 {
			t.Errorf("%d seats, expected 150 from the file", a.Seats)
		}
		for _, p := range a.Parties {
			if p.Seats != p.OfficialSeats {
				t.Errorf("rounding %d: %s has %d seats, officially %d", rounding, p.Party.ID, p.Seats, p.OfficialSeats)
			}
		}
		r := a.Districts[0].Result
		if q := r.Quota.RatString(); rounding == apportion.Up && q != "13650" {
			t.Errorf("quota %s votes, expected 2,061,100/151 rounded up = 13,650", q)
		}
		for _, p := range r.Parties {
			if p.ID == "Progresívne Slovensko-SPOLU" && p.Qualified {
				t.Errorf("PS–SPOLU (coalition, 6.96%%) qualified: %s", p.Qualification)
			}
		}
	}
}

// Germany 2025, federal distribution (Oberverteilung, BWahlG §4 as amended
// in 2023; README and Die Bundeswahlleiterin's final result): 630 seats by
// Sainte-Laguë among parties with 5% of the valid second votes or 3
// constituency seats, the SSW exempt as a national-minority party. BSW
// (4.981%) and FDP (4.33%) fall under the threshold.
func TestBundestag2025Federal(t *testing.T) {
	tab := readTable(t, "de/bundestag-2025/2025-02_gesamtergebnis.xml")
	rule := apportion.Rule{Method: apportion.SainteLague, Threshold: apportion.Threshold{
		Share: apportion.Ratio{Num: 5, Den: 100}, Wins: 3, Exempt: []string{"SSW"}}}
	a, err := rule.ApportionTable(tab, 630, false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"CDU": 164, "AfD": 152, "SPD": 120, "GRÜNE": 85, "Die Linke": 64, "CSU": 44, "SSW": 1}
	for _, p := range a.Parties {
		if p.Seats != want[p.Party.ID] {
			t.Errorf("%s: %d seats, officially %d", p.Party.ID, p.Seats, want[p.Party.ID])
		}
		if (p.Party.ID == "BSW" || p.Party.ID == "FDP") && p.Qualified {
			t.Errorf("%s qualified: %s", p.Party.ID, p.Qualification)
		}
	}
	if a.Districts[0].QualifiedVotes >= a.Districts[0].Votes {
		t.Errorf("qualified votes %d not below all votes %d", a.Districts[0].QualifiedVotes, a.Districts[0].Votes)
	}
}
