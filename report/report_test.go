package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/measure"
	"github.com/psephos/psephos/plurality"
	"github.com/psephos/psephos/report"
)

func load2024(t *testing.T) (*report.Report, []plurality.Result) {
	t.Helper()
	e, f, err := format.ReadResultsFile(datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv"), format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := plurality.CountElection(e, plurality.TieBreak{})
	if err != nil {
		t.Fatal(err)
	}
	return &report.Report{Election: "UK 2024", Source: "test", InputFormat: f, Notes: e.Notes, Noun: "constituency",
		Whole: measure.Summarize(e, rs), Areas: nil, MinShare: 0.5}, rs
}

// The example sentence, with figures from the Library's 2024 file:
// RUK 4,117,610 of 28,809,340 votes (14.3%), 5 of 650 seats (0.8%), second
// in 98 (README), 823,522 votes per seat against Labour's 23,622.
func TestPartyLineReform(t *testing.T) {
	r, _ := load2024(t)
	got := report.PartyLine(r, &r.Whole, r.Whole.Party("RUK"))
	want := "Reform UK won 14.3% of the votes and 5 seats (0.8%), came second in 98 constituencies, and needed 823,522 votes per seat won against Labour's 23,622."
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestJSONLayout(t *testing.T) {
	r, _ := load2024(t)
	var buf bytes.Buffer
	if err := report.WriteSummary(&buf, r, report.JSON); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Contests   int   `json:"contests"`
		ValidVotes int64 `json:"valid_votes"`
		Parties    []struct {
			Party        string   `json:"party"`
			Seats        int      `json:"seats"`
			Votes        int64    `json:"votes"`
			VoteShare    float64  `json:"vote_share"`
			SeatShare    float64  `json:"seat_share"`
			SecondPlaces int      `json:"second_places"`
			VotesPerSeat *float64 `json:"votes_per_seat"`
		} `json:"parties"`
		Indices struct {
			Gallagher      float64 `json:"gallagher"`
			LoosemoreHanby float64 `json:"loosemore_hanby"`
			ENPVotes       float64 `json:"enp_votes"`
			ENPSeats       float64 `json:"enp_seats"`
		} `json:"indices"`
		MinorityWinners    int     `json:"minority_winners"`
		UnelectedVoteShare float64 `json:"unelected_vote_share"`
		SmallestMajority   struct {
			Contest string `json:"contest"`
			Votes   int64  `json:"votes"`
		} `json:"smallest_majority"`
	}
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if v.Contests != 650 || v.ValidVotes != 28809340 || v.MinorityWinners != 554 || v.SmallestMajority.Contest != "Hendon" || v.SmallestMajority.Votes != 15 {
		t.Errorf("%+v", v)
	}
	if v.Indices.Gallagher != 23.6953 || v.UnelectedVoteShare != 57.7781 {
		t.Errorf("gallagher %v unelected %v", v.Indices.Gallagher, v.UnelectedVoteShare)
	}
	found := false
	for _, p := range v.Parties {
		if p.Party == "RUK" {
			found = true
			if p.Seats != 5 || p.Votes != 4117610 || p.SecondPlaces != 98 || p.VotesPerSeat == nil || *p.VotesPerSeat != 823522 {
				t.Errorf("RUK %+v", p)
			}
		}
		if p.Seats == 0 && p.VotesPerSeat != nil {
			t.Errorf("%s: votes_per_seat should be null without seats", p.Party)
		}
	}
	if !found || len(v.Parties) != 97 {
		t.Errorf("%d parties (97 codes in the file)", len(v.Parties))
	}
}

func TestAllFormatsRender(t *testing.T) {
	r, rs := load2024(t)
	for _, f := range report.Formats {
		var a, b bytes.Buffer
		if err := report.WriteSummary(&a, r, f); err != nil {
			t.Fatal(f, err)
		}
		report.WriteSummary(&b, r, f)
		if !bytes.Equal(a.Bytes(), b.Bytes()) || a.Len() == 0 {
			t.Errorf("%s: output not deterministic or empty", f)
		}
		c := &report.Count{Election: "x", Results: rs}
		a.Reset()
		if err := report.WriteCount(&a, c, f); err != nil {
			t.Fatal(f, err)
		}
		if f == report.CSV && strings.Count(a.String(), "\n") != 4516 {
			t.Errorf("count CSV has %d lines, want 4,515 candidates + header", strings.Count(a.String(), "\n"))
		}
	}
	if err := report.WriteSummary(&bytes.Buffer{}, r, "yaml"); err == nil {
		t.Error("unknown output format accepted")
	}
	var md bytes.Buffer
	report.WriteSummary(&md, r, report.Markdown)
	if !strings.Contains(md.String(), "| Reform UK (RUK) |") {
		t.Errorf("markdown table lacks the RUK row:\n%s", md.String()[:400])
	}
}
