package bundestag

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/plurality"
)

const file = "de/bundestag-2025/2025-02_gesamtergebnis.xml"

func read(t *testing.T) *Result {
	t.Helper()
	p := datadir.Path(t, file)
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := Read(f, p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Official facts from ../shared/data/README.md (Die Bundeswahlleiterin,
// final result of 23 February 2025): 299 constituencies, 16 Länder, valid
// second votes 49,649,512; 23 constituency winners without second-vote
// coverage (CDU 15, AfD 4, CSU 3, SPD 1).
func TestRead2025(t *testing.T) {
	r := read(t)
	if n := len(r.Constituencies.Contests); n != 299 {
		t.Errorf("%d constituencies, expected 299", n)
	}
	if n := len(r.SecondVotes.Districts); n != 16 {
		t.Errorf("%d Länder, expected 16", n)
	}
	if r.ValidSecondVotes != 49649512 {
		t.Errorf("valid second votes %d, expected 49,649,512", r.ValidSecondVotes)
	}
	var sum int64
	for _, l := range r.SecondVotes.Totals() {
		sum += l.Votes
	}
	if sum != 49649512 {
		t.Errorf("parties' second votes sum to %d, expected 49,649,512", sum)
	}
	uncovered := map[string]int{}
	for _, d := range r.Direct {
		if !d.Covered {
			uncovered[d.WinnerParty]++
		}
	}
	want := map[string]int{"CDU": 15, "AfD": 4, "CSU": 3, "SPD": 1}
	for p, n := range want {
		if uncovered[p] != n {
			t.Errorf("uncovered %s winners: %d, expected %d (all: %v)", p, uncovered[p], n, uncovered)
		}
	}
	if len(uncovered) != len(want) {
		t.Errorf("uncovered winners by party %v, expected %v", uncovered, want)
	}
	// The second votes name only groups with a list: none of the
	// individual constituency candidates (EB:…), who have first votes only,
	// and every party of the table has votes.
	eb := 0
	for _, p := range r.Constituencies.Parties {
		if strings.HasPrefix(p.ID, "EB:") {
			eb++
		}
	}
	if eb == 0 {
		t.Errorf("no individual candidates (EB:…) among the constituencies' parties")
	}
	for _, l := range r.SecondVotes.Totals() {
		if strings.HasPrefix(l.Party, "EB:") || l.Votes == 0 {
			t.Errorf("second votes: %s with %d votes", l.Party, l.Votes)
		}
	}
	// The Brandenburg list "GRÜNE/B 90" is the federal party GRÜNE.
	grouped := strings.Join(r.SecondVotes.Notes, "\n")
	if !strings.Contains(grouped, "GRÜNE: GRÜNE, GRÜNE/B 90") {
		t.Errorf("notes do not state the Greens' grouping: %s", grouped)
	}
	// The plurality count of every constituency's first votes elects the
	// published winner's party.
	results, err := plurality.CountElection(r.Constituencies, plurality.TieBreak{})
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range results {
		w := res.Winner()
		if w == nil || w.Party != r.Direct[res.Contest.ID].WinnerParty {
			t.Errorf("constituency %s: counted winner %v, published %s", res.Contest.Name, w, r.Direct[res.Contest.ID].WinnerParty)
		}
	}
}

const small = `<?xml version="1.0" encoding="UTF-8"?>
<Gesamtergebnis>
<WahlMetadaten><Wahl Wahlart="BUNDESTAGSWAHL_BUND" Wahltermin="2025-02-23+01:00"/></WahlMetadaten>
<Gebietsergebnis Gebietsnummer="99" Gebietsart="BUND"><GebietText>Bund</GebietText>
<Gruppenergebnis Gruppe="400" Gruppenart="ALLGEMEIN" Name="Gültige"><Stimmergebnis Stimmart="DIREKT" Anzahl="30"/><Stimmergebnis Stimmart="LISTE" Anzahl="30"/></Gruppenergebnis>
<Gruppenergebnis Gruppe="1" Gruppenart="PARTEI" Name="A"><Stimmergebnis Stimmart="DIREKT" Anzahl="20"/><Stimmergebnis Stimmart="LISTE" Anzahl="18"/></Gruppenergebnis>
<Gruppenergebnis Gruppe="2" Gruppenart="PARTEI" Name="B"><Stimmergebnis Stimmart="DIREKT" Anzahl="10"/><Stimmergebnis Stimmart="LISTE" Anzahl="12"/></Gruppenergebnis>
</Gebietsergebnis>
<Gebietsergebnis Gebietsnummer="1" Gebietsart="LAND" UegGebietsnummer="99" UegGebietsart="BUND"><GebietText>Land</GebietText>
<Gruppenergebnis Gruppe="400" Gruppenart="ALLGEMEIN" Name="Gültige"><Stimmergebnis Stimmart="DIREKT" Anzahl="30"/><Stimmergebnis Stimmart="LISTE" Anzahl="30"/></Gruppenergebnis>
<Gruppenergebnis Gruppe="1" Gruppenart="PARTEI" Name="A"><Stimmergebnis Stimmart="DIREKT" Anzahl="20"/><Stimmergebnis Stimmart="LISTE" Anzahl="18"/></Gruppenergebnis>
<Gruppenergebnis Gruppe="2" Gruppenart="PARTEI" Name="B-Land"><Stimmergebnis Stimmart="DIREKT" Anzahl="10"/><Stimmergebnis Stimmart="LISTE" Anzahl="12"/></Gruppenergebnis>
</Gebietsergebnis>
<Gebietsergebnis Gebietsnummer="7" Gebietsart="WAHLKREIS" UegGebietsnummer="1" UegGebietsart="LAND"><GebietText>Wahlkreis</GebietText>
<Direktergebnis Zweitstimmendeckung="true"><Gewinner Name="X" Gruppe="1" Wahlergebnisart="ENDGUELTIG"/></Direktergebnis>
<Gruppenergebnis Gruppe="400" Gruppenart="ALLGEMEIN" Name="Gültige"><Stimmergebnis Stimmart="DIREKT" Anzahl="30"/><Stimmergebnis Stimmart="LISTE" Anzahl="30"/></Gruppenergebnis>
<Gruppenergebnis Gruppe="1" Gruppenart="PARTEI" Name="A" Direktkandidat="X"><Stimmergebnis Stimmart="DIREKT" Anzahl="20"/><Stimmergebnis Stimmart="LISTE" Anzahl="18"/></Gruppenergebnis>
<Gruppenergebnis Gruppe="2" Gruppenart="PARTEI" Name="B" Direktkandidat="Y"><Stimmergebnis Stimmart="DIREKT" Anzahl="10"/><Stimmergebnis Stimmart="LISTE" Anzahl="12"/></Gruppenergebnis>
</Gebietsergebnis>
</Gesamtergebnis>
`

func TestReadSmall(t *testing.T) {
	r, err := Read(strings.NewReader(small), "s.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Constituencies.Contests) != 1 || r.SecondVotes.Districts[0].Lists[1].Party != "B" || r.SecondVotes.Districts[0].Lists[0].ConstituencySeats != 1 {
		t.Errorf("%+v %+v", r.Constituencies.Contests, r.SecondVotes.Districts)
	}
}

// Counts that do not add up, or values that are not counts, are errors
// with the line of the area.
func TestReadErrors(t *testing.T) {
	cases := map[string]string{
		strings.Replace(small, `Name="B"><Stimmergebnis Stimmart="DIREKT" Anzahl="10"/>`, `Name="B"><Stimmergebnis Stimmart="DIREKT" Anzahl="11"/>`, 1):                       "s.xml:4: BUND \"Bund\": the groups' DIREKT votes sum to 31 but Gültige is 30",
		strings.Replace(small, `Direktkandidat="Y"><Stimmergebnis Stimmart="DIREKT" Anzahl="10"/>`, `Direktkandidat="Y"><Stimmergebnis Stimmart="DIREKT" Anzahl="zehn"/>`, 1): "s.xml:14: group \"B\", Stimmart DIREKT: expected Anzahl to be a whole number ≥ 0 or n/a, found \"zehn\"",
		strings.Replace(small, `Zweitstimmendeckung="true"`, `Zweitstimmendeckung="ja"`, 1):                                                                                   "Zweitstimmendeckung \"ja\"",
		strings.Replace(small, `UegGebietsnummer="1" UegGebietsart="LAND"`, `UegGebietsnummer="5" UegGebietsart="LAND"`, 1):                                                   "belongs to LAND \"5\"",
		strings.Replace(small, `</Gesamtergebnis>`, ``, 1):                                                                                                                    "malformed XML",
		strings.Replace(small, `BUNDESTAGSWAHL_BUND`, `LANDTAGSWAHL`, 1):                                                                                                      "expected a Bundestag election",
		// The Land's lists no longer sum to the federal ones (the Land's own
		// sums still agree): the federal result's line.
		strings.Replace(small, `Name="A"><Stimmergebnis Stimmart="DIREKT" Anzahl="20"/><Stimmergebnis Stimmart="LISTE" Anzahl="18"/></Gruppenergebnis>
<Gruppenergebnis Gruppe="2" Gruppenart="PARTEI" Name="B-Land"><Stimmergebnis Stimmart="DIREKT" Anzahl="10"/><Stimmergebnis Stimmart="LISTE" Anzahl="12"/>`, `Name="A"><Stimmergebnis Stimmart="DIREKT" Anzahl="20"/><Stimmergebnis Stimmart="LISTE" Anzahl="17"/></Gruppenergebnis>
<Gruppenergebnis Gruppe="2" Gruppenart="PARTEI" Name="B-Land"><Stimmergebnis Stimmart="DIREKT" Anzahl="10"/><Stimmergebnis Stimmart="LISTE" Anzahl="13"/>`, 1): "s.xml:4: party \"A\": the Länder second votes sum to 17 but the federal result gives 18",
		// The constituency's first votes (still summing to its Gültige) no
		// longer sum to its Land's: the Land's line.
		strings.Replace(strings.Replace(small, `Direktkandidat="X"><Stimmergebnis Stimmart="DIREKT" Anzahl="20"/>`, `Direktkandidat="X"><Stimmergebnis Stimmart="DIREKT" Anzahl="19"/>`, 1),
			`Direktkandidat="Y"><Stimmergebnis Stimmart="DIREKT" Anzahl="10"/>`, `Direktkandidat="Y"><Stimmergebnis Stimmart="DIREKT" Anzahl="11"/>`, 1): "s.xml:9: Land \"Land\": its 1 constituencies' DIREKT count (A) sums to 19 but the Land gives 20",
		strings.Replace(small, `Gebietsart="BUND">`, `Gebietsart="BUND" AuswertungseinheitenGesamt="2">`, 1): "s.xml:4: BUND \"Bund\" has 2 constituencies (AuswertungseinheitenGesamt) but the file gives 1",
	}
	for in, want := range cases {
		_, err := Read(strings.NewReader(in), "s.xml")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, expected %q", err, want)
		}
	}
}

// A constituency missing from the official file is an error at its Land's
// line, whether the file's own count of constituencies
// (AuswertungseinheitenGesamt) says so or, without it, the Land's counts no
// longer equal the sum of its constituencies'.
func TestMissingConstituency(t *testing.T) {
	data, err := os.ReadFile(datadir.Path(t, file))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	start := strings.Index(doc, `Gebietsnummer="1" Gebietsart="WAHLKREIS"`)
	start = strings.LastIndex(doc[:start], "<Gebietsergebnis")
	end := start + strings.Index(doc[start:], "</Gebietsergebnis>") + len("</Gebietsergebnis>")
	cut := doc[:start] + doc[end:]
	// Schleswig-Holstein (Land 1) starts at line 150 of the file.
	_, err = Read(strings.NewReader(cut), "de.xml")
	if err == nil || !strings.Contains(err.Error(), "de.xml:13: BUND \"Bundesgebiet\" has 299 constituencies (AuswertungseinheitenGesamt) but the file gives 298") {
		t.Errorf("one constituency removed: %v", err)
	}
	cut = strings.ReplaceAll(cut, `AuswertungseinheitenGesamt=`, `X=`)
	_, err = Read(strings.NewReader(cut), "de.xml")
	if err == nil || !strings.Contains(err.Error(), "de.xml:150: Land \"Schleswig-Holstein\": its 10 constituencies'") || !strings.Contains(err.Error(), "is a constituency missing?") {
		t.Errorf("one constituency removed, no counts given: %v", err)
	}
}

func FuzzRead(f *testing.F) {
	f.Add(small)
	f.Add(strings.Replace(small, `Zweitstimmendeckung="true"`, `Zweitstimmendeckung="false"`, 1))
	f.Fuzz(func(t *testing.T, in string) {
		r, err := Read(strings.NewReader(in), "f.xml")
		if err != nil {
			return
		}
		if err := r.Constituencies.Validate(); err != nil {
			t.Fatalf("accepted constituencies that fail Validate: %v", err)
		}
		if err := r.SecondVotes.Validate(); err != nil {
			t.Fatalf("accepted second votes that fail Validate: %v", err)
		}
	})
}

// Reading the 3.3 MB federal result file.
func BenchmarkRead2025(b *testing.B) {
	data, err := os.ReadFile(datadir.Path(b, file))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), file); err != nil {
			b.Fatal(err)
		}
	}
}
