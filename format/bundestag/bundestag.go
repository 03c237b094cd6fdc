package bundestag

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/psephos/psephos/election"
)

// Format is this reader's name, as shown to users and accepted by
// --input-format.
const Format = "bundestag-xml"

// Is reports whether the start of a file (its first bytes) is this format's:
// an XML document whose root element is Gesamtergebnis.
func Is(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	return bytes.HasPrefix(bytes.TrimSpace(head), []byte("<?xml")) && bytes.Contains(head, []byte("<Gesamtergebnis"))
}

// A Direct is a constituency's published first-vote result.
type Direct struct {
	// WinnerParty is the party ID of the elected first-vote winner.
	WinnerParty string
	// WinnerName is the winner's name as published; "–" where the winner
	// was not seated for want of second-vote coverage.
	WinnerName string
	// Covered is the published Zweitstimmendeckung: whether the winner's
	// seat is covered by the party's second-vote seats in the Land.
	Covered bool
	Pos     election.Pos
}

// A Result is one federal election read from the file.
type Result struct {
	// Name is the election, e.g. "Bundestagswahl 23.02.2025".
	Name string
	// Constituencies holds the first votes.
	Constituencies *election.Election
	// SecondVotes holds the second votes by Land.
	SecondVotes *election.PartyVotes
	// Direct maps a constituency's ID (its number) to the published result.
	Direct map[string]Direct
	// ValidSecondVotes is the federal number of valid second votes.
	ValidSecondVotes int64
}

type xGebiet struct {
	Nummer string `xml:"Gebietsnummer,attr"`
	// Gesamt is the number of constituencies the area has
	// (AuswertungseinheitenGesamt); "" when the file does not say.
	Gesamt    string    `xml:"AuswertungseinheitenGesamt,attr"`
	Art       string    `xml:"Gebietsart,attr"`
	UegNummer string    `xml:"UegGebietsnummer,attr"`
	UegArt    string    `xml:"UegGebietsart,attr"`
	Text      string    `xml:"GebietText"`
	Direkt    *xDirekt  `xml:"Direktergebnis"`
	Gruppen   []xGruppe `xml:"Gruppenergebnis"`
}

type xDirekt struct {
	Deckung  string      `xml:"Zweitstimmendeckung,attr"`
	Gewinner []xGewinner `xml:"Gewinner"`
}

type xGewinner struct {
	Name   string `xml:"Name,attr"`
	Gruppe string `xml:"Gruppe,attr"`
	Art    string `xml:"Wahlergebnisart,attr"`
}

type xGruppe struct {
	Gruppe   string    `xml:"Gruppe,attr"`
	Art      string    `xml:"Gruppenart,attr"`
	Name     string    `xml:"Name,attr"`
	Kandidat string    `xml:"Direktkandidat,attr"`
	Stimmen  []xStimme `xml:"Stimmergebnis"`
}

type xStimme struct {
	Art    string `xml:"Stimmart,attr"`
	Anzahl string `xml:"Anzahl,attr"`
}

type xWahl struct {
	Wahlart string `xml:"Wahlart,attr"`
	Termin  string `xml:"Wahltermin,attr"`
}

// count is one group's votes of one kind; ok is false for "n/a".
func (g *xGruppe) count(art string, pos election.Pos) (n int64, ok bool, err error) {
	for _, s := range g.Stimmen {
		if s.Art != art {
			continue
		}
		a := strings.TrimSpace(s.Anzahl)
		if a == "n/a" {
			return 0, false, nil
		}
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil || n < 0 {
			return 0, false, election.Errorf(pos, "group %q, Stimmart %s: expected Anzahl to be a whole number ≥ 0 or n/a, found %q", g.Name, art, s.Anzahl)
		}
		return n, true, nil
	}
	return 0, false, nil
}

type reader struct {
	name    string
	parties map[string]string // group number → party ID (federal name)
	names   election.PartyNames
}

func (rd *reader) partyID(g *xGruppe) string {
	if id, ok := rd.parties[g.Gruppe]; ok {
		return id
	}
	rd.parties[g.Gruppe] = g.Name
	return g.Name
}

// checkSums verifies that the groups' counts of each vote sum to the valid
// votes (Gültige) of the area.
func checkSums(g *xGebiet, pos election.Pos) error {
	for _, art := range []string{"DIREKT", "LISTE"} {
		var sum, valid int64 = 0, -1
		for i := range g.Gruppen {
			gr := &g.Gruppen[i]
			n, ok, err := gr.count(art, pos)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			switch {
			case gr.Art == "ALLGEMEIN" && gr.Name == "Gültige":
				valid = n
			case gr.Art != "ALLGEMEIN":
				sum += n
			}
		}
		if valid < 0 {
			return election.Errorf(pos, "%s %q: no valid %s votes (Gültige); expected a Gruppenergebnis Name=\"Gültige\"", g.Art, g.Text, art)
		}
		if sum != valid {
			return election.Errorf(pos, "%s %q: the groups' %s votes sum to %d but Gültige is %d; expected them to agree", g.Art, g.Text, art, sum, valid)
		}
	}
	return nil
}

// Read reads the file; name names it in errors.
func Read(r io.Reader, name string) (*Result, error) {
	dec := xml.NewDecoder(bufio.NewReaderSize(r, 64<<10))
	rd := &reader{name: name, parties: map[string]string{}}
	res := &Result{Direct: map[string]Direct{}}
	e := &election.Election{}
	pv := &election.PartyVotes{}
	var federal *xGebiet
	var federalPos election.Pos
	lands := map[string]int{} // Land number → index in pv.Districts
	var landNames = map[string]string{}
	var landAreas []*xGebiet
	var constituencies []*xGebiet
	var constPos []election.Pos
	root := false
	for {
		line, col := dec.InputPos()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, election.Errorf(election.Pos{File: name, Line: line, Col: col}, "malformed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		pos := election.Pos{File: name, Line: line}
		switch se.Name.Local {
		case "Gesamtergebnis":
			root = true
		case "Wahl":
			var w xWahl
			if err := dec.DecodeElement(&w, &se); err != nil {
				return nil, election.Errorf(pos, "malformed Wahl element: %v", err)
			}
			if !strings.HasPrefix(w.Wahlart, "BUNDESTAGSWAHL") {
				return nil, election.Errorf(pos, "Wahlart %q; expected a Bundestag election (BUNDESTAGSWAHL_...)", w.Wahlart)
			}
			res.Name = "Bundestagswahl " + strings.SplitN(w.Termin, "+", 2)[0]
		case "Gebietsergebnis":
			if !root {
				return nil, election.Errorf(pos, "expected the root element Gesamtergebnis before Gebietsergebnis")
			}
			g := new(xGebiet)
			if err := dec.DecodeElement(g, &se); err != nil {
				return nil, election.Errorf(pos, "malformed Gebietsergebnis: %v", err)
			}
			if err := checkSums(g, pos); err != nil {
				return nil, err
			}
			switch g.Art {
			case "BUND":
				if federal != nil {
					return nil, election.Errorf(pos, "a second federal (BUND) result; expected one")
				}
				federal, federalPos = g, pos
				// The federal names key the parties.
				for i := range g.Gruppen {
					if gr := &g.Gruppen[i]; gr.Art == "PARTEI" {
						rd.parties[gr.Gruppe] = gr.Name
					}
				}
				for i := range g.Gruppen {
					if gr := &g.Gruppen[i]; gr.Art == "ALLGEMEIN" && gr.Name == "Gültige" {
						res.ValidSecondVotes, _, _ = gr.count("LISTE", pos)
					}
				}
			case "LAND":
				if federal == nil {
					return nil, election.Errorf(pos, "Land %q before the federal (BUND) result; expected the federation first", g.Text)
				}
				if _, dup := lands[g.Nummer]; dup {
					return nil, election.Errorf(pos, "Land %s (%q) appears twice", g.Nummer, g.Text)
				}
				d := election.District{ID: g.Nummer, Name: g.Text, Pos: pos}
				for i := range g.Gruppen {
					gr := &g.Gruppen[i]
					if gr.Art != "PARTEI" {
						continue
					}
					n, ok, err := gr.count("LISTE", pos)
					if err != nil {
						return nil, err
					}
					if !ok {
						continue
					}
					id := rd.partyID(gr)
					rd.names.Add(id, gr.Name)
					d.Lists = append(d.Lists, election.List{Party: id, Votes: n, OfficialSeats: -1, Pos: pos})
				}
				lands[g.Nummer] = len(pv.Districts)
				landNames[g.Nummer] = g.Text
				landAreas = append(landAreas, g)
				pv.Districts = append(pv.Districts, d)
			case "WAHLKREIS":
				constituencies = append(constituencies, g)
				constPos = append(constPos, pos)
			default:
				return nil, election.Errorf(pos, "Gebietsart %q; expected BUND, LAND or WAHLKREIS", g.Art)
			}
		}
	}
	if federal == nil || len(pv.Districts) == 0 || len(constituencies) == 0 {
		return nil, election.Errorf(election.Pos{File: name}, "expected a federal result, the Länder and the constituencies; found %d Länder and %d constituencies", len(pv.Districts), len(constituencies))
	}
	if err := rd.checkFederal(federal, federalPos, pv); err != nil {
		return nil, err
	}
	// Constituencies.
	wins := map[[2]string]int{} // (Land, party) → constituencies won
	ids := map[string]bool{}
	for k, g := range constituencies {
		pos := constPos[k]
		if g.UegArt != "LAND" || landNames[g.UegNummer] == "" {
			return nil, election.Errorf(pos, "constituency %s (%q) belongs to %s %q; expected one of the Länder in the file", g.Nummer, g.Text, g.UegArt, g.UegNummer)
		}
		if ids[g.Nummer] {
			return nil, election.Errorf(pos, "constituency %s (%q) appears twice", g.Nummer, g.Text)
		}
		ids[g.Nummer] = true
		c := election.Contest{ID: g.Nummer, Name: g.Text, Seats: 1, Electorate: election.Unknown, Invalid: election.Unknown, Pos: pos,
			Areas: []election.Area{{Kind: election.Nation, Name: "Deutschland"}, {Kind: election.Region, Name: landNames[g.UegNummer]}}}
		for i := range g.Gruppen {
			gr := &g.Gruppen[i]
			n, ok, err := gr.count("DIREKT", pos)
			if err != nil {
				return nil, err
			}
			if !ok {
				n, ok, err = gr.count("KEINE", pos)
				if err != nil {
					return nil, err
				}
			}
			switch {
			case gr.Art == "ALLGEMEIN" && gr.Name == "Wahlberechtigte" && ok:
				c.Electorate = n
			case gr.Art == "ALLGEMEIN" && gr.Name == "Ungültige" && ok:
				c.Invalid = n
			case gr.Art == "PARTEI" || gr.Art == "EINZELKANDIDAT":
				if v, has, _ := gr.count("DIREKT", pos); has {
					id := rd.partyID(gr)
					rd.names.Add(id, gr.Name)
					c.Candidates = append(c.Candidates, election.Candidate{Name: gr.Kandidat, Party: id, Votes: v, Pos: pos})
				}
			case gr.Art == "UEBRIGE":
				if v, has, _ := gr.count("DIREKT", pos); has {
					return nil, election.Errorf(pos, "constituency %q: %d first votes for the remaining candidates (Übrige) together; expected each candidate on its own", g.Text, v)
				}
			}
		}
		if g.Direkt == nil {
			return nil, election.Errorf(pos, "constituency %q has no Direktergebnis; expected its first-vote winner", g.Text)
		}
		d := Direct{Pos: pos}
		switch g.Direkt.Deckung {
		case "true":
			d.Covered = true
		case "false":
		default:
			return nil, election.Errorf(pos, "constituency %q: Zweitstimmendeckung %q; expected true or false", g.Text, g.Direkt.Deckung)
		}
		found := false
		for _, w := range g.Direkt.Gewinner {
			if w.Art != "ENDGUELTIG" {
				continue
			}
			for i := range g.Gruppen {
				if g.Gruppen[i].Gruppe == w.Gruppe {
					d.WinnerParty = rd.partyID(&g.Gruppen[i])
				}
			}
			d.WinnerName = w.Name
			found = d.WinnerParty != ""
		}
		if !found {
			return nil, election.Errorf(pos, "constituency %q: no final (ENDGUELTIG) winner among its candidates", g.Text)
		}
		res.Direct[g.Nummer] = d
		wins[[2]string{landNames[g.UegNummer], d.WinnerParty}]++
		e.Contests = append(e.Contests, c)
	}
	if err := rd.checkConstituencies(federal, federalPos, landAreas, pv, constituencies); err != nil {
		return nil, err
	}
	listed := map[string]bool{}
	for i := range pv.Districts {
		d := &pv.Districts[i]
		for j := range d.Lists {
			d.Lists[j].ConstituencySeats = wins[[2]string{d.Name, d.Lists[j].Party}]
			listed[d.Lists[j].Party] = true
		}
	}
	parties := rd.names.Parties()
	e.Name, pv.Name = res.Name, res.Name
	e.Parties = parties
	// The second votes name only the groups with a Land list: individual
	// constituency candidates (EB:…) have first votes only.
	for _, p := range parties {
		if listed[p.ID] {
			pv.Parties = append(pv.Parties, p)
		}
	}
	uncovered := 0
	for _, d := range res.Direct {
		if !d.Covered {
			uncovered++
		}
	}
	e.Notes = append(e.Notes, fmt.Sprintf("The seats counted here are the %d constituencies, each won by its candidate with the most first votes (Erststimmen): constituency winners, not seats in the Bundestag. The Bundestag's seats are apportioned by second votes (Zweitstimmen), and under the 2023 law a winner is seated only when the party's second-vote seats in the Land cover it; the file marks %d of these winners as not covered (Zweitstimmendeckung). psephos apportion FILE --bundestag-2023 shows the seats.", len(e.Contests), uncovered))
	note := "First votes by constituency (Erststimmen) and second votes by Land (Zweitstimmen); parties keyed by the file's group number and named by their federal name."
	e.Notes = append(e.Notes, note)
	pv.Notes = append(pv.Notes, note)
	for _, g := range rd.names.Grouped() {
		s := "Lists named differently in some Länder, counted as one party: " + g
		e.Notes = append(e.Notes, s)
		pv.Notes = append(pv.Notes, s)
	}
	if err := e.Validate(); err != nil {
		return nil, err
	}
	if err := pv.Validate(); err != nil {
		return nil, err
	}
	res.Constituencies, res.SecondVotes = e, pv
	return res, nil
}

// checkFederal verifies that the Länder second votes of each party sum to
// its federal second votes; pos is the federal result's.
func (rd *reader) checkFederal(federal *xGebiet, pos election.Pos, pv *election.PartyVotes) error {
	sums := map[string]int64{}
	for _, d := range pv.Districts {
		for _, l := range d.Lists {
			sums[l.Party] += l.Votes
		}
	}
	seen := map[string]bool{}
	for i := range federal.Gruppen {
		gr := &federal.Gruppen[i]
		if gr.Art != "PARTEI" {
			continue
		}
		n, ok, err := gr.count("LISTE", pos)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		id := rd.parties[gr.Gruppe]
		seen[id] = true
		if sums[id] != n {
			return election.Errorf(pos, "party %q: the Länder second votes sum to %d but the federal result gives %d; expected them to agree", id, sums[id], n)
		}
	}
	var extra []string
	for id := range sums {
		if !seen[id] {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		return election.Errorf(pos, "second votes in the Länder for %s, who have none in the federal result", strings.Join(extra, ", "))
	}
	return nil
}

// A countKey names one count of an area: a party (by group number), a
// general count (Gültige, Wahlberechtigte, ...), or all individual and
// remaining candidates together, for one Stimmart.
type countKey struct{ group, art string }

// tally returns an area's counts by countKey. Individual candidates
// (EINZELKANDIDAT) are counted with the remaining ones (UEBRIGE), as a
// Land's result gives them together.
func tally(g *xGebiet, pos election.Pos) (map[countKey]int64, error) {
	out := map[countKey]int64{}
	for i := range g.Gruppen {
		gr := &g.Gruppen[i]
		key := "others"
		switch gr.Art {
		case "PARTEI":
			key = "party " + gr.Gruppe
		case "ALLGEMEIN":
			key = gr.Name
		}
		for _, st := range gr.Stimmen {
			n, ok, err := gr.count(st.Art, pos)
			if err != nil {
				return nil, err
			}
			if ok {
				out[countKey{key, st.Art}] += n
			}
		}
	}
	return out, nil
}

// checkConstituencies verifies that no constituency is missing or extra:
// each Land's count of constituencies (AuswertungseinheitenGesamt) and the
// federation's, where the file gives them, equal the constituencies read,
// and each Land's every count (first and second votes of each party,
// electorate, valid and invalid votes) equals the sum over its
// constituencies.
func (rd *reader) checkConstituencies(federal *xGebiet, federalPos election.Pos, lands []*xGebiet, pv *election.PartyVotes, constituencies []*xGebiet) error {
	given := func(g *xGebiet, pos election.Pos, n int) error {
		if g.Gesamt == "" {
			return nil
		}
		want, err := strconv.Atoi(strings.TrimSpace(g.Gesamt))
		if err != nil || want < 0 {
			return election.Errorf(pos, "%s %q: AuswertungseinheitenGesamt %q; expected a number of constituencies", g.Art, g.Text, g.Gesamt)
		}
		if want != n {
			return election.Errorf(pos, "%s %q has %d constituencies (AuswertungseinheitenGesamt) but the file gives %d; expected every constituency's result", g.Art, g.Text, want, n)
		}
		return nil
	}
	if err := given(federal, federalPos, len(constituencies)); err != nil {
		return err
	}
	all := map[countKey]int64{}
	byLand := map[string][]*xGebiet{}
	for _, c := range constituencies {
		byLand[c.UegNummer] = append(byLand[c.UegNummer], c)
	}
	for i, land := range lands {
		pos := pv.Districts[i].Pos
		if err := given(land, pos, len(byLand[land.Nummer])); err != nil {
			return err
		}
		want, err := tally(land, pos)
		if err != nil {
			return err
		}
		sum := map[countKey]int64{}
		for _, c := range byLand[land.Nummer] {
			t, err := tally(c, pos)
			if err != nil {
				return err
			}
			for k, n := range t {
				sum[k] += n
			}
		}
		if k, ok := rd.differ(want, sum); !ok {
			return election.Errorf(pos, "Land %q: its %d constituencies' %s count (%s) sums to %d but the Land gives %d; expected them to agree (is a constituency missing?)", land.Text, len(byLand[land.Nummer]), k.art, rd.countName(k), sum[k], want[k])
		}
		for k, n := range want {
			all[k] += n
		}
	}
	want, err := tally(federal, federalPos)
	if err != nil {
		return err
	}
	if k, ok := rd.differ(want, all); !ok {
		return election.Errorf(federalPos, "the %d Länder's %s count (%s) sums to %d but the federal result gives %d; expected them to agree (is a Land missing?)", len(lands), k.art, rd.countName(k), all[k], want[k])
	}
	return nil
}

// differ returns the first count (in order of key) that differs between
// want and got, and false; or true when they agree.
func (rd *reader) differ(want, got map[countKey]int64) (countKey, bool) {
	keys := make([]countKey, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a].group != keys[b].group {
			return keys[a].group < keys[b].group
		}
		return keys[a].art < keys[b].art
	})
	for _, k := range keys {
		if want[k] != got[k] {
			return k, false
		}
	}
	return countKey{}, true
}

// countName names a count for a message: the party's federal name, or the
// general count's (Gültige, ...).
func (rd *reader) countName(k countKey) string {
	if g, ok := strings.CutPrefix(k.group, "party "); ok {
		if id, ok := rd.parties[g]; ok {
			return id
		}
	}
	return k.group
}
