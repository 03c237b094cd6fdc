package report

import (
	"bytes"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/format/hexjson"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/measure"
	"github.com/psephos/psephos/plurality"
)

// Every chamber size from 1 to 1,000 seats gets exactly one dot per seat.
func TestParliamentDotsForEverySize(t *testing.T) {
	for n := 1; n <= 1000; n++ {
		var b bytes.Buffer
		if err := WriteParliament(&b, "x", []PartySeats{{"A", "A", n / 2}, {"B", "B", n - n/2}}, n, Colours{}); err != nil {
			t.Fatal(n, err)
		}
		if got := strings.Count(b.String(), `class="seat"`); got != n {
			t.Fatalf("%d seats drawn as %d dots", n, got)
		}
	}
	if err := WriteParliament(&bytes.Buffer{}, "x", []PartySeats{{"A", "A", 5}}, 4, Colours{}); err == nil {
		t.Error("more seats than the chamber accepted")
	}
}

// The 2024 charts: 411 Labour dots in the hemicycle; 650 hexes, 411 of them
// Labour's (Library CBP-10009; hexes from the Open Innovations layout).
func TestCharts2024(t *testing.T) {
	e, rs, s := count(t, datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv"))
	var parl bytes.Buffer
	if err := WriteParliament(&parl, "UK 2024", ParliamentOf(&s), s.Seats, Colours{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(parl.String(), `data-party="Lab" data-seats="411"`) || strings.Count(parl.String(), `class="seat"`) != 650 {
		t.Error("hemicycle lacks 411 Labour seats of 650")
	}
	lab := regexp.MustCompile(`(?s)data-party="Lab" data-seats="411".*?</g>`).FindString(parl.String())
	if strings.Count(lab, `class="seat"`) != 411 {
		t.Errorf("Labour group has %d dots", strings.Count(lab, `class="seat"`))
	}
	f, err := os.Open(datadir.Path(t, "uk/maps/uk-constituencies-2024.hexjson"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	layout, err := hexjson.Read(f, "hex")
	if err != nil {
		t.Fatal(err)
	}
	var m1, m2 bytes.Buffer
	name := func(id string) string { return e.Party(id).Name }
	if err := WriteHexMap(&m1, "UK 2024: winners", layout, rs, name, Colours{"Lab": "#ff0000"}); err != nil {
		t.Fatal(err)
	}
	WriteHexMap(&m2, "UK 2024: winners", layout, rs, name, Colours{"Lab": "#ff0000"})
	out := m1.String()
	if out != m2.String() {
		t.Error("hex map not deterministic")
	}
	if strings.Count(out, `class="hex"`) != 650 || strings.Count(out, `data-party="Lab" d=`) != 411 || strings.Count(out, `fill="#ff0000"`) != 411+1 {
		t.Errorf("hexes %d, Labour %d, overridden colour %d", strings.Count(out, `class="hex"`), strings.Count(out, `data-party="Lab" d=`), strings.Count(out, `fill="#ff0000"`))
	}
	if !strings.Contains(out, "<title>Hendon: David Pinto-Duschinsky (Lab) won with 15,855 votes") {
		t.Error("Hendon's hex lacks its result")
	}
	var bars bytes.Buffer
	if err := WriteBars(&bars, "UK 2024", &s, 1, Colours{}); err != nil || !strings.Contains(bars.String(), "Reform UK: 14.3% of the votes, 0.8% of the seats (5)") {
		t.Errorf("bars: %v", err)
	}
}

func TestColoursSet(t *testing.T) {
	c := Colours{}
	if err := c.Set("Lab=#DC241F, Con=#0000ff"); err != nil || c.Of("Lab") != "#dc241f" || c.Of("Con") != "#0000ff" || c.Of("LD") != DefaultColours["LD"] {
		t.Errorf("%v %v", err, c)
	}
	for _, bad := range []string{"Lab", "Lab=red", "=#000000", "Lab=#12345"} {
		if err := c.Set(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if c.Of("Zzz") != c.Of("Zzz") || !strings.HasPrefix(c.Of("Zzz"), "#") {
		t.Error("fallback colour not stable")
	}
}

// Case 21 (a tie in Millbrook, Red and Blue on 1,234 votes each, pending a
// lot; Blue wins Hillcrest): the hemicycle's undecided seat has a legend
// entry as the parties' seats do, and a chamber of one seat reads "1 seat".
// A bare chart has the dots alone, within its picture.
func TestParliamentPendingAndBare(t *testing.T) {
	s := summarize(t, datadir.Case(t, "21-fptp-tie-decided-by-lot/results.csv"))
	var b bytes.Buffer
	if err := WriteParliament(&b, "case 21", ParliamentOf(&s), s.Seats, Colours{}); err != nil {
		t.Fatal(err)
	}
	svg := b.String()
	if !strings.Contains(svg, `<text x="40.00" y="412.00" font-size="13">Blue (Blue) 1</text>`) || !strings.Contains(svg, `fill="#ffffff" stroke="#000" stroke-width="0.5"/><text x="380.00" y="412.00" font-size="13">`+Pending+` 1</text>`) ||
		!strings.Contains(svg, ">2 seats · 2 for a majority<") {
		t.Errorf("legend of case 21:\n%s", svg)
	}
	b.Reset()
	if err := WriteParliament(&b, "one", []PartySeats{{"A", "A", 1}}, 1, Colours{}); err != nil || !strings.Contains(b.String(), ">1 seat · 1 for a majority<") {
		t.Errorf("one seat: %v\n%s", err, b.String())
	}
	b.Reset()
	if err := WriteParliamentWith(&b, "case 21", ParliamentOf(&s), s.Seats, Colours{}, ChartOptions{Bare: true}); err != nil {
		t.Fatal(err)
	}
	bare := b.String()
	vb := regexp.MustCompile(`viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"`).FindStringSubmatch(bare)
	if strings.Contains(bare, "<text") || strings.Count(bare, `class="seat"`) != 2 || vb == nil {
		t.Fatalf("bare chart:\n%s", bare)
	}
	// Every dot lies inside the picture.
	for _, c := range regexp.MustCompile(`cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"`).FindAllStringSubmatch(bare, -1) {
		x, y, r, x0, y0, w, h := atof(c[1]), atof(c[2]), atof(c[3]), atof(vb[1]), atof(vb[2]), atof(vb[3]), atof(vb[4])
		if x-r < x0 || y-r < y0 || x+r > x0+w || y+r > y0+h {
			t.Errorf("dot at %v,%v (r %v) outside the view box %v", x, y, r, vb[1:])
		}
	}
}

func atof(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(err)
	}
	return f
}

// A party whose candidate is tied for a seat awaiting a lot says so in its
// line (case 21: Red and Blue tied in Millbrook; Red second in Hillcrest).
func TestPartyLineTie(t *testing.T) {
	s := summarize(t, datadir.Case(t, "21-fptp-tie-decided-by-lot/results.csv"))
	r := &Report{Whole: s}
	lines := map[string]string{}
	for i := range s.Parties {
		lines[s.Parties[i].Party.ID] = PartyLine(r, &s, &s.Parties[i])
	}
	if lines["Red"] != "Red won 32.7% of the votes and no seats, tied for first in 1 contest (the seat awaits a lot), and came second in 1 contest." ||
		!strings.Contains(lines["Blue"], "1 seat (50.0%), tied for first in 1 contest (the seat awaits a lot), came second nowhere, and needed") ||
		strings.Contains(lines["Green"], "tied") {
		t.Errorf("lines: %q", lines)
	}
}

// count reads and counts a results file, and summarizes it.
func count(t *testing.T, path string) (*election.Election, []plurality.Result, measure.Summary) {
	t.Helper()
	e, _, err := format.ReadResultsFile(path, format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := plurality.CountElection(e, plurality.TieBreak{})
	if err != nil {
		t.Fatal(err)
	}
	return e, rs, measure.Summarize(e, rs)
}

func summarize(t *testing.T, path string) measure.Summary {
	t.Helper()
	_, _, s := count(t, path)
	return s
}
