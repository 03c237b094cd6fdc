package plurality_test

import (
	"fmt"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/plurality"
)

// A tie for the seat is reported, never broken by the order of the input;
// a lot recorded by the returning officer then decides it.
func ExampleCount() {
	c := &election.Contest{ID: "M", Name: "Millbrook", Seats: 1, Electorate: election.Unknown, Invalid: election.Unknown,
		Candidates: []election.Candidate{
			{Name: "Alice Archer", Party: "Red", Votes: 1234},
			{Name: "Bob Baker", Party: "Blue", Votes: 1234},
			{Name: "Carol Clark", Party: "Green", Votes: 900},
		}}
	r, _ := plurality.Count(c, plurality.TieBreak{})
	fmt.Println(r.Winner() == nil, r.Tie.Resolution, r.Tie.Votes)

	r, _ = plurality.Count(c, plurality.TieBreak{Drawn: map[string][]string{"M": {"Bob Baker"}}})
	fmt.Println(r.Winner().Name, r.Tie.Resolution, r.Majority)
	// Output:
	// true pending 1234
	// Bob Baker recorded lot 0
}
