package swing

import (
	"strings"
	"testing"
	"time"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/pollbase"
	"github.com/psephos/psephos/internal/datadir"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func poll(pollster, start string, shares ...election.PollShare) election.Poll {
	p := election.Poll{Pollster: pollster, Shares: shares}
	if start != "" {
		p.Start = day(start)
	}
	return p
}

// Worked by hand: X polls twice (Lab 40, 42; Con 20, 22), Y once (Lab 34,
// Con 24, no Green); Z is outside the window, U has no date, R is a result.
// Mean: Lab (40+42+34)/3 = 38.67, Con 22, Green (6+8)/2 = 7 over X's polls.
// By pollster: Lab (41+34)/2 = 37.5, Con (21+24)/2 = 22.5, Green 7 (X only).
func TestAveragePollsByHand(t *testing.T) {
	s := func(p string, v float64) election.PollShare { return election.PollShare{Party: p, Percent: v} }
	polls := []election.Poll{
		poll("X", "2024-06-01", s("Lab", 40), s("Con", 20), s("Green", 6)),
		poll("X", "2024-06-05", s("Lab", 42), s("Con", 22), s("Green", 8)),
		poll("Y", "2024-06-07", s("Lab", 34), s("Con", 24)),
		poll("Z", "2024-05-01", s("Lab", 10), s("Con", 10)),
		poll("U", "", s("Lab", 10), s("Con", 10)),
		{Pollster: "Result", Result: true, Start: day("2024-06-03"), Shares: []election.PollShare{s("Lab", 1)}},
	}
	for method, want := range map[string][]Share{
		PollMean:     {{"Lab", 116.0 / 3}, {"Con", 22}, {"Green", 7}, {"Oth", 100 - 116.0/3 - 29}},
		PollPollster: {{"Lab", 37.5}, {"Con", 22.5}, {"Green", 7}, {"Oth", 33}},
	} {
		a, err := AveragePolls(polls, day("2024-06-01"), day("2024-06-07"), method, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Shares) != len(want) || len(a.Polls) != 3 || a.Pollsters != 2 || a.Undated != 1 || a.ResultRows != 1 {
			t.Fatalf("%s: %+v", method, a)
		}
		for i, w := range want {
			if a.Shares[i].Party != w.Party {
				t.Errorf("%s: share %d is %s, want %s", method, i, a.Shares[i].Party, w.Party)
			}
			near(t, method+" "+w.Party, a.Shares[i].Percent, w.Percent)
		}
		if !strings.Contains(a.Describe(), "3 poll(s) by 2 pollster(s)") {
			t.Errorf("describe: %s", a.Describe())
		}
	}
	if _, err := AveragePolls(polls, day("2023-01-01"), day("2023-02-01"), PollMean, false); err == nil || !strings.Contains(err.Error(), "no polls with fieldwork starting 2023-01-01 to 2023-02-01") {
		t.Errorf("empty window: %v", err)
	}
	if _, err := AveragePolls(polls, day("2024-06-07"), day("2024-06-01"), PollMean, false); err == nil {
		t.Error("reversed window accepted")
	}
	if _, err := AveragePolls(polls, day("2024-06-01"), day("2024-06-07"), "median", false); err == nil {
		t.Error("unknown method accepted")
	}
}

// The real PollBase file, final week of the 2024 campaign (fieldwork
// starting 27 June to 3 July 2024): 25 polls, of which 2 are MRP; the 23
// others are by 19 pollsters. Expected means were computed from the file's
// rows independently of psephos (a short Python script over the CSV):
// Con 21.513, Lab 38.896, LD 10.822, Green 6.491, Reform 16.217 (every poll
// equal); Con 21.384, Lab 38.689 by pollster. The polls overstated Labour:
// the GB result was 34.6 (the file's last row, and the Library's count).
func TestAveragePollsRealFile(t *testing.T) {
	polls, err := pollbase.ReadFile(datadir.Path(t, "uk/polls/pollbase_2019-2024_voting_intention.csv"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := AveragePolls(polls, day("2024-06-27"), day("2024-07-03"), PollMean, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Polls) != 23 || a.MRP != 2 || a.Pollsters != 19 {
		t.Errorf("polls %d, MRP left out %d, pollsters %d; want 23, 2, 19", len(a.Polls), a.MRP, a.Pollsters)
	}
	want := map[string]float64{"Con": 21.513, "Lab": 38.896, "LD": 10.822, "Green": 6.491, "RUK": 16.217}
	for _, s := range a.Shares {
		if w, ok := want[s.Party]; ok && (s.Percent-w > 0.0005 || w-s.Percent > 0.0005) {
			t.Errorf("mean %s = %.4f, want %.3f", s.Party, s.Percent, w)
		}
	}
	b, _ := AveragePolls(polls, day("2024-06-27"), day("2024-07-03"), PollPollster, false)
	for _, s := range b.Shares {
		if w, ok := map[string]float64{"Con": 21.384, "Lab": 38.689}[s.Party]; ok && (s.Percent-w > 0.0005 || w-s.Percent > 0.0005) {
			t.Errorf("by pollster %s = %.4f, want %.3f", s.Party, s.Percent, w)
		}
	}
	// Adding SNP and Plaid Cymru takes them out of others.
	m, err := Merge(a.Target(), Target{Shares: []Share{{"SNP", 2.59}, {"PC", 0.69}}}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.sum(); got < 100-1e-9 || got > 100+1e-9 {
		t.Errorf("merged shares sum to %v", got)
	}
	if _, err := Merge(a.Target(), Target{Shares: []Share{{"SNP", 40}}}, 0.5); err == nil {
		t.Error("a merge beyond others was accepted")
	}
}
