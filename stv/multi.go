package stv

import (
	"fmt"

	"github.com/psephos/psephos/ballot"
)

// countMulti counts a multi-seat rule (Gregory, Meek, Warren, bottoms-up).
// The seats are r.Seats, or the profile's when r.Seats is 0.
func countMulti(pp *ballot.Prepared, r Rules) (*Result, error) {
	p := pp.Profile
	seats := r.Seats
	if seats == 0 {
		seats = p.Seats
	}
	if seats <= 0 && r.Method != BottomsUp {
		return nil, fmt.Errorf("the number of seats is not known: the file does not give it and the rule does not set it (give --seats)")
	}
	if r.Ballot.Overvote == ballot.OvervoteCountIfSingleContinuing || r.Ballot.Equal == ballot.OvervoteCountIfSingleContinuing {
		return nil, fmt.Errorf("%s STV: the overvote rule count-if-single-continuing is for instant-runoff only", r.Method)
	}
	avail := len(p.Candidates) - len(p.Withdrawn)
	if seats > avail {
		return nil, fmt.Errorf("%s but only %s take part", plural(seats, "seat"), plural(avail, "candidate"))
	}
	res := &Result{Rules: r, Title: p.Title, Candidates: p.Candidates, Withdrawn: p.Withdrawn,
		Ballots: p.Ballots(), Defects: pp.Defects, SeatsFilled: seats}
	var err error
	switch r.Method {
	case Gregory:
		res.Stages, res.Elected, res.Quota, err = countGregory(pp, &r, seats)
	case Meek, Warren:
		res.Stages, res.Elected, res.Quota, err = countMeek(pp, &r, seats)
	case BottomsUp:
		res.Stages, res.Elected, err = countBottomsUp(pp, &r)
	default:
		return nil, fmt.Errorf("unknown counting method %s", r.Method)
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}
