package stv

import (
	"fmt"
	"sort"
)

// aspen counts two seats by Aspen's 2009 two-vote method (AspenTwoVote).
func (c *counter) aspen(res *Result, withdrawn []bool) error {
	pp := c.pp
	n := c.n
	// Initial count: each ballot's first two rankings (of candidates
	// taking part), one vote each.
	for k := range c.cont {
		c.cont[k] = !withdrawn[k]
	}
	v := c.topTwo(c.cont)
	init := Round{Number: 1, Votes: v, Elected: -1}
	for k := 0; k < n; k++ {
		if c.cont[k] {
			init.Continuing = append(init.Continuing, k)
		}
	}
	init.Threshold = pp.Ballots/2 + 1
	init.ContinuingBallots = pp.Ballots
	order := append([]int(nil), init.Continuing...)
	sort.SliceStable(order, func(i, j int) bool { return v[order[i]] > v[order[j]] })
	if len(order) < 4 {
		return fmt.Errorf("the Aspen two-vote method needs at least 4 candidates, found %d", len(order))
	}
	over := 0
	for _, k := range order {
		if v[k] >= init.Threshold {
			over++
		}
	}
	// The cut that matters: two elected (over ≥ 2) between the 2nd and 3rd;
	// one elected, the runoff's pair between the 3rd and 4th; none, the
	// top four between the 4th and 5th. Equal votes across it are a tie,
	// never settled by the order of the candidates.
	cut := 3
	switch {
	case over >= 2:
		cut = 1
	case over == 1:
		cut = 2
	}
	if cut+1 < len(order) && v[order[cut]] == v[order[cut+1]] {
		return &TieError{Round: 1, Candidates: []string{c.pp.Profile.Candidates[order[cut]], c.pp.Profile.Candidates[order[cut+1]]}, Msg: "tie in the initial two-vote count; the Aspen method's tie rule is not implemented"}
	}
	first := Seat{Note: "initial count: first and second rankings, one vote each; threshold more than half the voters", Winner: -1}
	switch {
	case over >= 2:
		init.Elected = order[0]
		first.Rounds = []Round{init}
		first.Winner = order[0]
		second := Seat{Note: "elected in the initial count", Winner: order[1], Rounds: []Round{init}}
		second.Rounds[0].Elected = order[1]
		res.Seats = []Seat{first, second}
		res.Elected = []int{order[0], order[1]}
		return nil
	case over == 1:
		init.Elected = order[0]
		first.Rounds = []Round{init}
		first.Winner = order[0]
		out := c.allBut(withdrawn, order[1], order[2])
		second, err := c.run(out, []int{order[0]})
		if err != nil {
			return err
		}
		second.Note = "runoff between the second and third of the initial count"
		res.Seats = []Seat{first, *second}
		res.Elected = []int{order[0], second.Winner}
		return nil
	}
	init.Excluded = order[4:]
	first.Rounds = []Round{init}
	four := order[:4]
	s1, err := c.run(c.allBut(withdrawn, four...), nil)
	if err != nil {
		return err
	}
	s1.Rounds = append([]Round{init}, s1.Rounds...)
	for i := range s1.Rounds[1:] {
		s1.Rounds[i+1].Number = i + 2
	}
	s1.Note = "no one over the threshold: all but the top four excluded; seat 1 by instant runoff among the four"
	// Seat 2: the other three, first-and-second rankings among them.
	var three []int
	for _, k := range four {
		if k != s1.Winner {
			three = append(three, k)
		}
	}
	for k := range c.cont {
		c.cont[k] = false
	}
	for _, k := range three {
		c.cont[k] = true
	}
	v2 := c.topTwo(c.cont)
	r2 := Round{Number: 1, Votes: v2, Continuing: append([]int(nil), three...), Elected: -1, Threshold: init.Threshold, ContinuingBallots: pp.Ballots}
	sort.SliceStable(three, func(i, j int) bool { return v2[three[i]] > v2[three[j]] })
	if v2[three[1]] == v2[three[2]] {
		return &TieError{Round: 1, Candidates: []string{c.pp.Profile.Candidates[three[1]], c.pp.Profile.Candidates[three[2]]}, Msg: "tie for the second-seat runoff; the Aspen method's tie rule is not implemented"}
	}
	r2.Excluded = []int{three[2]}
	s2, err := c.run(c.allBut(withdrawn, three[0], three[1]), []int{s1.Winner})
	if err != nil {
		return err
	}
	s2.Rounds = append([]Round{r2}, s2.Rounds...)
	for i := range s2.Rounds[1:] {
		s2.Rounds[i+1].Number = i + 2
	}
	s2.Note = "seat 2: first and second rankings among the other three; runoff between the top two"
	res.Seats = []Seat{*s1, *s2}
	res.Elected = []int{s1.Winner, s2.Winner}
	return nil
}

// topTwo counts, for each candidate with in[k], the ballots ranking it
// first or second among those candidates (overvoted ranks and repeats as
// the ballot rules prepared them; an overvote group counts for no one).
func (c *counter) topTwo(in []bool) []int64 {
	v := make([]int64, c.n)
	for i := 0; i < c.pp.Len(); i++ {
		got := 0
		e := c.pp.Entries(i)
		for pos := int32(0); int(pos) < len(e) && got < 2; pos = c.pp.After(i, pos) {
			if k := e[pos]; k >= 0 && in[k] {
				v[k] += c.pp.Weight(i)
				got++
			}
		}
	}
	return v
}

// allBut returns an exclusion mask leaving only keep (and never the
// withdrawn).
func (c *counter) allBut(withdrawn []bool, keep ...int) []bool {
	out := make([]bool, c.n)
	for k := range out {
		out[k] = true
	}
	for _, k := range keep {
		out[k] = withdrawn[k]
	}
	return out
}
