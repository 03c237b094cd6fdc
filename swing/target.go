package swing

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Others is the party ID that stands for every party a target does not name.
const Others = "Oth"

// A Share is one party's target vote share.
type Share struct {
	// Party is a party ID of the baseline (after successor mapping), or
	// Others.
	Party string
	// Percent is the share of the valid votes, 0–100.
	Percent float64
}

// A Target is the vote shares of one area.
type Target struct {
	// Area is "" for the national target (every contest not excluded), or
	// the name of a nation or region of the baseline, e.g. "Scotland".
	Area string
	// Shares in the order given. They must sum to 100 within the tolerance
	// (Options.Tolerance); Others may stand for every party not named.
	Shares []Share
}

// ParseTarget reads a target written as "Lab=34.6,Con=24.4,Oth=5" or, for
// an area, "Scotland: SNP=30,Lab=35.3,Oth=34.7". Shares are percentages.
// Errors say which item is wrong and why; the shares' sum is checked by
// [New], which knows the tolerance.
func ParseTarget(s string) (Target, error) {
	var t Target
	body := s
	if area, rest, ok := strings.Cut(s, ":"); ok {
		t.Area = strings.TrimSpace(area)
		body = rest
		if t.Area == "" {
			return t, fmt.Errorf("%q: expected an area name before ':'", s)
		}
	}
	seen := map[string]bool{}
	for _, item := range strings.Split(body, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		party, val, ok := strings.Cut(item, "=")
		party = strings.TrimSpace(party)
		if !ok || party == "" {
			return t, fmt.Errorf("%q: expected PARTY=PERCENT, e.g. Lab=34.6", item)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(val), "%")), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return t, fmt.Errorf("%q: expected a share in percent after '=', found %q", item, val)
		}
		if v < 0 {
			return t, fmt.Errorf("%q: negative share; expected 0 to 100 percent", item)
		}
		if v > 100 {
			return t, fmt.Errorf("%q: share above 100 percent", item)
		}
		if seen[party] {
			return t, fmt.Errorf("%q: party %s given twice", item, party)
		}
		seen[party] = true
		t.Shares = append(t.Shares, Share{Party: party, Percent: v})
	}
	if len(t.Shares) == 0 {
		return t, fmt.Errorf("%q: expected shares as PARTY=PERCENT,PARTY=PERCENT,...", s)
	}
	return t, nil
}

// String writes the target in the form ParseTarget reads.
func (t Target) String() string {
	var b strings.Builder
	if t.Area != "" {
		b.WriteString(t.Area + ": ")
	}
	for i, s := range t.Shares {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s.Party + "=" + strconv.FormatFloat(s.Percent, 'f', -1, 64))
	}
	return b.String()
}

// sum of the shares in percent.
func (t Target) sum() float64 {
	s := 0.0
	for _, x := range t.Shares {
		s += x.Percent
	}
	return s
}

// Merge returns base with the shares of extra added: a party named in both
// takes extra's share, and a party only in extra takes its share out of
// base's Others (base must then name Others). It is an error when Others
// would fall below 0 by more than tol percentage points (it is then set to
// 0 and the sum checked later). Used to add SNP and Plaid Cymru, which GB
// polls leave in others, to a poll average.
func Merge(base, extra Target, tol float64) (Target, error) {
	out := Target{Area: base.Area, Shares: append([]Share(nil), base.Shares...)}
	oth := -1
	for i, s := range out.Shares {
		if s.Party == Others {
			oth = i
		}
	}
	for _, e := range extra.Shares {
		found := false
		for i := range out.Shares {
			if out.Shares[i].Party == e.Party {
				if oth >= 0 && e.Party != Others {
					out.Shares[oth].Percent -= e.Percent - out.Shares[i].Percent
				}
				out.Shares[i].Percent = e.Percent
				found = true
			}
		}
		if found {
			continue
		}
		if oth < 0 {
			return out, fmt.Errorf("%s=%v: cannot take it out of others, which the shares do not name", e.Party, e.Percent)
		}
		out.Shares = append(out.Shares[:oth], append([]Share{e}, out.Shares[oth:]...)...)
		oth++
		out.Shares[oth].Percent -= e.Percent
	}
	if oth >= 0 && out.Shares[oth].Percent < 0 {
		if out.Shares[oth].Percent < -tol {
			return out, fmt.Errorf("the added shares exceed what is left to others by %s points", fmtPct(-out.Shares[oth].Percent))
		}
		out.Shares[oth].Percent = 0
	}
	return out, nil
}

// DescribeMerge says, for a report, where the shares of Merge(base, extra)
// came from when base is a poll average and extra the shares given by hand:
// which given shares replaced a poll average, which were taken out of its
// others, and whether any poll average is left in use at all.
func DescribeMerge(base, extra Target) string {
	inBase := map[string]float64{}
	for _, s := range base.Shares {
		inBase[s.Party] = s.Percent
	}
	given := map[string]bool{}
	var replaced, added []string
	for _, e := range extra.Shares {
		given[e.Party] = true
		if v, ok := inBase[e.Party]; ok && e.Party != Others {
			replaced = append(replaced, fmt.Sprintf("%s %s (polls: %s)", e.Party, fmtPct(e.Percent), fmtPct(v)))
		} else if e.Party != Others {
			added = append(added, fmt.Sprintf("%s %s", e.Party, fmtPct(e.Percent)))
		}
	}
	var fromPolls []string
	for _, s := range base.Shares {
		if s.Party != Others && !given[s.Party] {
			fromPolls = append(fromPolls, s.Party)
		}
	}
	var parts []string
	if len(fromPolls) == 0 {
		parts = append(parts, "every party the polls name was given by hand, so no poll average is used except what the polls leave to others")
	} else {
		parts = append(parts, "from the polls: "+strings.Join(fromPolls, ", "))
	}
	if len(replaced) > 0 {
		parts = append(parts, "given by hand instead of the polls' average: "+strings.Join(replaced, ", "))
	}
	if len(added) > 0 {
		parts = append(parts, "given by hand and taken out of the polls' others: "+strings.Join(added, ", "))
	}
	return strings.Join(parts, "; ") + "."
}
