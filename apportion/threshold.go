package apportion

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A Threshold is a legal threshold: the share of the votes a party needs to
// take part in the apportionment, with the alternative routes the law may
// give. The zero Threshold lets every party with votes take part.
//
// A party qualifies when any of these holds:
//   - its ID is in Exempt (national minorities: Germany's SSW under
//     BWahlG §4(2); Poland's minority committees);
//   - votes ≥ Share × total, compared exactly as votes·Den ≥ Num·total, so
//     a party at exactly 5% qualifies and one at 4.96% does not, whatever
//     the rounding of a displayed percentage (New Zealand Electoral Act 1993
//     s 191(4): "not less than 5 percent");
//     a coalition list needs CoalitionShare instead when that is set
//     (Slovakia: 7% for coalitions of two or three parties);
//   - Wins > 0 and it won at least Wins constituency seats (Germany's
//     Grundmandatsklausel: 3; New Zealand: 1 electorate).
//
// total is the votes of every list in the apportionment's scope: the nation,
// or each district when District is set (Spain's 3% in each province, LOREG
// art. 163.1(a)).
type Threshold struct {
	Share          Ratio // fraction of the votes (5% is 5/100); zero: none
	CoalitionShare Ratio // for coalition lists; zero: Share applies
	Wins           int   // constituency seats that qualify a party; 0: no such route
	Exempt         []string
	District       bool
}

// IsZero reports whether the threshold lets every party through.
func (t Threshold) IsZero() bool {
	return t.Share.IsZero() && t.CoalitionShare.IsZero() && t.Wins == 0
}

// Validate checks that the shares are fractions of at most 1 (100%) and
// Wins is not negative.
func (t Threshold) Validate() error {
	for _, s := range []Ratio{t.Share, t.CoalitionShare} {
		if s.Den < 0 || s.Num < 0 || (s.Den > 0 && s.Num > s.Den) {
			return fmt.Errorf("threshold %s: expected a share of the votes from 0 to 100%%", ShareString(s))
		}
	}
	if t.Wins < 0 {
		return fmt.Errorf("threshold: expected a number of constituency seats ≥ 0, found %d", t.Wins)
	}
	return nil
}

// ShareString writes a share of the votes for people: as a percent when
// it has a short decimal form ("5%", "0.5%"), else as a fraction of the
// votes ("1/150 of the votes").
func ShareString(r Ratio) string {
	if r.Den == 0 {
		return "0%"
	}
	p := Ratio{r.Num * 100, r.Den}.String()
	if !strings.Contains(p, "/") {
		return p + "%"
	}
	return reduce(r.Num, r.Den).String() + " of the votes"
}

// atLeast reports votes·den ≥ num·total exactly.
func atLeast(votes, total int64, share Ratio) bool {
	if share.IsZero() {
		return true
	}
	return cmpProd([4]uint64{uint64(votes), uint64(share.Den), 1, 1}, [4]uint64{uint64(share.Num), uint64(total), 1, 1}) >= 0
}

// Qualify says whether the party qualifies when the lists in scope have
// total votes, and why (or why not) in words.
func (t Threshold) Qualify(p *Party, total int64) (bool, string) {
	return t.qualify(p, total, t.words())
}

// thresholdWords are a threshold's shares in words, worked out once per
// apportionment.
type thresholdWords struct{ share, coalition string }

func (t Threshold) words() thresholdWords {
	return thresholdWords{share: "the threshold of " + ShareString(t.Share), coalition: "the coalition threshold of " + ShareString(t.CoalitionShare)}
}

func (t Threshold) qualify(p *Party, total int64, w thresholdWords) (bool, string) {
	if t.IsZero() && len(t.Exempt) == 0 {
		return true, "no threshold"
	}
	if slices.Contains(t.Exempt, p.ID) {
		return true, "exempt from the threshold"
	}
	share, what := t.Share, w.share
	if p.Coalition && !t.CoalitionShare.IsZero() {
		share, what = t.CoalitionShare, w.coalition
	}
	if !share.IsZero() && atLeast(p.Votes, total, share) {
		return true, "reached " + what
	}
	if t.Wins > 0 && p.ConstituencySeats >= t.Wins {
		return true, "won " + strconv.Itoa(p.ConstituencySeats) + " constituency seat(s) (at least " + strconv.Itoa(t.Wins) + ")"
	}
	if share.IsZero() {
		return false, "won fewer than " + strconv.Itoa(t.Wins) + " constituency seat(s)"
	}
	why := "below " + what
	if t.Wins > 0 {
		why += " and won fewer than " + strconv.Itoa(t.Wins) + " constituency seat(s)"
	}
	return false, why
}
