package ballot

import (
	"fmt"

	"github.com/psephos/psephos/internal/enum"
)

// OvervoteRule says what a rank holding several candidates does to a ballot.
type OvervoteRule uint8

const (
	// OvervoteExhaust: the ballot exhausts when the count reaches the
	// overvoted rank (San Francisco, Alameda County, Pierce County,
	// Minneapolis, Alaska, Maine; RCTab "exhaust immediately").
	OvervoteExhaust OvervoteRule = iota
	// OvervoteSkip: the overvoted rank is passed over and the count goes on
	// to the next rank (RCTab "always skip to next rank").
	OvervoteSkip
	// OvervoteExhaustIfMultipleContinuing: when the count reaches the rank,
	// the ballot counts for the one overvoted candidate still continuing;
	// if two or more are continuing it exhausts (and stays exhausted); if
	// none is, the rank is passed over (RCTab "exhaust if multiple
	// continuing", New York).
	OvervoteExhaustIfMultipleContinuing
	// OvervoteCountIfSingleContinuing: as above, but while two or more
	// overvoted candidates are continuing the ballot is inactive, not
	// exhausted, and is looked at again in each later round (RCTab "count
	// when single continuing").
	OvervoteCountIfSingleContinuing
)

var overvoteNames = []string{"exhaust", "skip", "exhaust-if-multiple-continuing", "count-if-single-continuing"}

func (o OvervoteRule) String() string { return enum.Name(overvoteNames, o, "OvervoteRule") }

// ParseOvervoteRule reads an OvervoteRule by its String name.
func ParseOvervoteRule(s string) (OvervoteRule, error) {
	return enum.Parse[OvervoteRule](overvoteNames, s, "overvote rule")
}

// DuplicateRule says what a second mark for a candidate already ranked does.
type DuplicateRule uint8

const (
	// DuplicateSkip passes over the repeat (RCTab's default; the usual
	// reading of "the next-ranked continuing candidate").
	DuplicateSkip DuplicateRule = iota
	// DuplicateExhaust exhausts the ballot when the count reaches the
	// repeat (RCTab "exhaust on duplicate candidate").
	DuplicateExhaust
)

var duplicateNames = []string{"skip", "exhaust"}

func (d DuplicateRule) String() string { return enum.Name(duplicateNames, d, "DuplicateRule") }

// ParseDuplicateRule reads a DuplicateRule by its String name.
func ParseDuplicateRule(s string) (DuplicateRule, error) {
	return enum.Parse[DuplicateRule](duplicateNames, s, "duplicate rule")
}

// UnknownRule says what a mark naming no candidate does ([Unknown]).
type UnknownRule uint8

const (
	// UnknownSkip passes over the mark, like a blank rank.
	UnknownSkip UnknownRule = iota
	// UnknownExhaust exhausts the ballot when the count reaches the mark.
	UnknownExhaust
)

var unknownNames = []string{"skip", "exhaust"}

func (u UnknownRule) String() string { return enum.Name(unknownNames, u, "UnknownRule") }

// ParseUnknownRule reads an UnknownRule by its String name.
func ParseUnknownRule(s string) (UnknownRule, error) {
	return enum.Parse[UnknownRule](unknownNames, s, "unknown-candidate rule")
}

// Rules are the ballot validity rules: what each kind of defect does to a
// ballot. The zero value exhausts on overvotes, skips repeated candidates
// and unknown marks, passes over any number of skipped ranks and counts
// every rank.
type Rules struct {
	// Overvote applies to a rank holding several candidates.
	Overvote OvervoteRule
	// Equal applies instead to equal rankings in formats that allow them
	// ([Profile.EqualRanks]).
	Equal OvervoteRule
	// Duplicate applies to a later mark for a candidate already ranked.
	Duplicate DuplicateRule
	// Unknown applies to a mark naming no candidate.
	Unknown UnknownRule
	// ExhaustOnSkipped: a run of this many consecutive skipped ranks (or
	// more) before a later mark exhausts the ballot when the count reaches
	// it; 0 never does. Maine, Minneapolis and Alaska use 2 ("two or more
	// consecutive skipped rankings"); RCTab's maxSkippedRanksAllowed n is
	// n+1 here. Blank ranks after the last mark are not skipped ranks.
	ExhaustOnSkipped int
	// MaxRanks is the number of ranks counted; marks at later ranks are
	// ignored (and counted in [Defects.BeyondMaxRanks]). 0 counts all.
	MaxRanks int
}

// String describes the rules in one line, e.g. "overvote=exhaust
// duplicate=skip unknown=skip skipped=any ranks=all".
func (r Rules) String() string {
	skipped, ranks := "any", "all"
	if r.ExhaustOnSkipped > 0 {
		skipped = fmt.Sprintf("exhaust-after-%d", r.ExhaustOnSkipped)
	}
	if r.MaxRanks > 0 {
		ranks = fmt.Sprint(r.MaxRanks)
	}
	return fmt.Sprintf("overvote=%s equal=%s duplicate=%s unknown=%s skipped=%s ranks=%s", r.Overvote, r.Equal, r.Duplicate, r.Unknown, skipped, ranks)
}

// A Reason is why a ballot stopped counting (exhausted) or, at load, the
// kind of a defect.
type Reason uint8

const (
	// NoPreferences: the ballot ranks no further continuing candidate
	// ("exhausted choices").
	NoPreferences Reason = iota
	// Overvote: the count reached an overvoted rank.
	Overvote
	// SkippedRanks: the count reached too long a run of skipped ranks.
	SkippedRanks
	// Duplicate: the count reached a repeat of a candidate.
	Duplicate
	// UnknownCandidate: the count reached a mark naming no candidate.
	UnknownCandidate
	// EqualRanking: the count reached an equal ranking.
	EqualRanking
	// NumReasons is the number of reasons.
	NumReasons
)

var reasonNames = [NumReasons]string{"no_preferences", "overvote", "skipped_ranks", "duplicate", "unknown_candidate", "equal_ranking"}

// String is the reason's name as used in JSON, e.g. "skipped_ranks".
func (r Reason) String() string { return enum.Name(reasonNames[:], r, "Reason") }

// Defects count the ballots with each kind of defect anywhere in their
// ranking (a ballot with two kinds counts under both, once each), whether
// or not the count ever reaches it. Units: ballots.
type Defects struct {
	Blank          int64 // no mark at all: set aside, not counted
	Overvote       int64 // a rank with several candidates (not an equal ranking)
	EqualRanking   int64 // a rank with several candidates where the format allows it
	SkippedRank    int64 // a blank rank before a later mark
	Duplicate      int64 // a candidate marked at two ranks
	Unknown        int64 // a mark naming no candidate
	BeyondMaxRanks int64 // marks after Rules.MaxRanks, ignored
}

// A Prepared profile is a profile with the validity rules applied, ready to
// be counted: the blank ballots set aside, and each other distinct ranking
// turned into a list of entries (a candidate, or an overvote group kept for
// the rules that depend on which candidates are continuing) and the reason
// it exhausts when the count runs past its last entry.
type Prepared struct {
	Profile *Profile
	Rules   Rules
	// Ballots counted: the profile's ballots less the blank ones.
	Ballots int64
	Defects Defects

	// Entries of ranking i: a plain ranking's are its marks in the profile
	// (shared, not copied: the Senate's millions of marks would otherwise
	// be held twice); another's are tok[start[i]:start[i+1]], each a
	// candidate c ≥ 0 or a group header (see groupHeader).
	plain  []bool
	tok    []Mark
	start  []int32
	weight []int64
	end    []Reason
	source []int32 // profile ranking index
	slot   []int32 // profile ranking index → prepared index, -1 for blank
}

// group header: -1 - (k<<3 | rule<<1 | equal), followed by k candidates.
func groupHeader(k int, rule OvervoteRule, equal bool) int32 {
	h := int32(k)<<3 | int32(rule)<<1
	if equal {
		h |= 1
	}
	return -1 - h
}

func decodeGroup(t int32) (k int, rule OvervoteRule, equal bool) {
	h := -1 - t
	return int(h >> 3), OvervoteRule((h >> 1) & 3), h&1 == 1
}

// Prepare applies the rules to every distinct ranking of p.
func (r Rules) Prepare(p *Profile) *Prepared {
	pp := &Prepared{Profile: p, Rules: r, start: make([]int32, 1, p.Len()+1), slot: make([]int32, p.Len()),
		plain: make([]bool, 0, p.Len()), weight: make([]int64, 0, p.Len()), end: make([]Reason, 0, p.Len()), source: make([]int32, 0, p.Len())}
	n := len(p.Candidates)
	seen := make([]int32, n) // generation stamps
	gen := int32(0)
	var group []int32
	for i := 0; i < p.Len(); i++ {
		gen++
		marks := p.Ranking(i)
		w := p.weight[i]
		if isBlank(marks) {
			pp.Defects.Blank += w
			pp.slot[i] = -1
			continue
		}
		pp.slot[i] = int32(len(pp.weight))
		if plainRanking(marks, seen, gen, r.MaxRanks) {
			// Every mark a candidate, none repeated, none beyond the
			// ranks counted: the entries are the marks.
			pp.plain = append(pp.plain, true)
			pp.start = append(pp.start, int32(len(pp.tok)))
			pp.weight = append(pp.weight, w)
			pp.end = append(pp.end, NoPreferences)
			pp.source = append(pp.source, int32(i))
			pp.Ballots += w
			continue
		}
		gen++           // plainRanking stamped seen
		var has [6]bool // overvote, equal, skipped, duplicate, unknown, beyond
		end := NoPreferences
		stopped := false
		gap := 0
		rankNo := 0
		Ranks(marks, func(rank []Mark) bool {
			rankNo++
			if r.MaxRanks > 0 && rankNo > r.MaxRanks {
				if len(rank) > 0 {
					has[5] = true
				}
				return true
			}
			if len(rank) == 0 {
				gap++
				return true
			}
			if gap > 0 {
				has[2] = true
			}
			if !stopped && r.ExhaustOnSkipped > 0 && gap >= r.ExhaustOnSkipped {
				end, stopped = SkippedRanks, true
			}
			gap = 0
			// Collect the rank's candidates, without repeats inside it.
			group = group[:0]
			unknowns := 0
			for _, m := range rank {
				switch {
				case m == Unknown:
					unknowns++
				case m >= 0:
					dup := false
					for _, g := range group {
						if g == int32(m) {
							dup = true
						}
					}
					if !dup {
						group = append(group, int32(m))
					}
				}
			}
			unknown := unknowns > 0
			multi := len(group)+unknowns > 1
			if multi {
				if p.EqualRanks {
					has[1] = true
				} else {
					has[0] = true
				}
			} else if unknown {
				has[4] = true
			}
			// Repeats of candidates ranked earlier.
			k := 0
			for _, c := range group {
				if seen[c] == gen {
					has[3] = true
					continue
				}
				group[k] = c
				k++
			}
			repeated := k < len(group)
			group = group[:k]
			if stopped {
				for _, c := range group {
					seen[c] = gen
				}
				return true
			}
			if multi {
				rule, reason := r.Overvote, Overvote
				if p.EqualRanks {
					rule, reason = r.Equal, EqualRanking
				}
				if repeated && r.Duplicate == DuplicateExhaust {
					end, stopped = Duplicate, true
					return true
				}
				switch rule {
				case OvervoteExhaust:
					end, stopped = reason, true
				case OvervoteSkip:
				default:
					if unknown {
						// The source does not say which candidates were
						// marked: no continuing test is possible.
						end, stopped = reason, true
						break
					}
					switch len(group) {
					case 0:
					case 1:
						pp.tok = append(pp.tok, Mark(group[0]))
					default:
						pp.tok = append(pp.tok, Mark(groupHeader(len(group), rule, p.EqualRanks)))
						for _, c := range group {
							pp.tok = append(pp.tok, Mark(c))
						}
					}
				}
				for _, c := range group {
					seen[c] = gen
				}
				return true
			}
			if unknown {
				if r.Unknown == UnknownExhaust {
					end, stopped = UnknownCandidate, true
				}
				return true
			}
			if repeated {
				if r.Duplicate == DuplicateExhaust {
					end, stopped = Duplicate, true
				}
				return true
			}
			c := group[0]
			seen[c] = gen
			pp.tok = append(pp.tok, Mark(c))
			return true
		})
		pp.plain = append(pp.plain, false)
		pp.start = append(pp.start, int32(len(pp.tok)))
		pp.weight = append(pp.weight, w)
		pp.end = append(pp.end, end)
		pp.source = append(pp.source, int32(i))
		pp.Ballots += w
		for k, d := range []*int64{&pp.Defects.Overvote, &pp.Defects.EqualRanking, &pp.Defects.SkippedRank, &pp.Defects.Duplicate, &pp.Defects.Unknown, &pp.Defects.BeyondMaxRanks} {
			if has[k] {
				*d += w
			}
		}
	}
	return pp
}

// plainRanking reports whether marks are all candidates, none repeated
// (stamping seen with gen), and no more than maxRanks (0: any).
func plainRanking(marks []Mark, seen []int32, gen int32, maxRanks int) bool {
	if maxRanks > 0 && len(marks) > maxRanks {
		return false
	}
	for _, m := range marks {
		if m < 0 || seen[m] == gen {
			return false
		}
		seen[m] = gen
	}
	return true
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isBlank(marks []Mark) bool {
	for _, m := range marks {
		if m != Skip {
			return false
		}
	}
	return true
}

// Len is the number of distinct (non-blank) rankings.
func (pp *Prepared) Len() int { return len(pp.weight) }

// Weight is the number of ballots with prepared ranking i.
func (pp *Prepared) Weight(i int) int64 { return pp.weight[i] }

// End is the reason prepared ranking i exhausts when the count runs past
// its last entry.
func (pp *Prepared) End(i int) Reason { return pp.end[i] }

// Source is the index in the profile of prepared ranking i.
func (pp *Prepared) Source(i int) int { return int(pp.source[i]) }

// Slot is the prepared index of the profile's ranking i, or -1 when it is
// blank.
func (pp *Prepared) Slot(i int) int { return int(pp.slot[i]) }

// Entries returns prepared ranking i's entries, for [Prepared.Next]'s pos.
// A candidate entry is a Mark c ≥ 0; a negative one heads a group of
// candidates at one rank (an overvote or equal ranking) and is passed over
// by [Prepared.After]. The slice belongs to the prepared profile.
func (pp *Prepared) Entries(i int) []Mark {
	if pp.plain[i] {
		return pp.Profile.Ranking(int(pp.source[i]))
	}
	return pp.tok[pp.start[i]:pp.start[i+1]]
}

// State is where a ballot stands in a count.
type State uint8

const (
	// Counts: the ballot counts for a continuing candidate.
	Counts State = iota
	// Exhausted: the ballot counts for no one from now on.
	Exhausted
	// Inactive: the ballot counts for no one this round but may later (an
	// overvote under OvervoteCountIfSingleContinuing).
	Inactive
)

// Next finds where prepared ranking i stands, looking from entry pos on, when
// continuing[c] says which candidates are continuing. It returns the state;
// for Counts the candidate and the position of its entry (pass pos+1... to
// look further: see [Prepared.After]); for Inactive the position to look
// from again; for Exhausted the reason.
func (pp *Prepared) Next(i int, pos int32, continuing []bool) (State, int32, int32, Reason) {
	e := pp.Entries(i)
	for int(pos) < len(e) {
		t := e[pos]
		if t >= 0 {
			if continuing[t] {
				return Counts, int32(t), pos, 0
			}
			pos++
			continue
		}
		k, rule, equal := decodeGroup(int32(t))
		live, who := 0, int32(-1)
		for _, c := range e[pos+1 : int(pos)+1+k] {
			if continuing[c] {
				live++
				who = int32(c)
			}
		}
		switch {
		case live == 1:
			return Counts, who, pos, 0
		case live == 0:
			pos += int32(k) + 1
		case rule == OvervoteCountIfSingleContinuing:
			return Inactive, -1, pos, 0
		default:
			if equal {
				return Exhausted, -1, pos, EqualRanking
			}
			return Exhausted, -1, pos, Overvote
		}
	}
	return Exhausted, -1, pos, pp.end[i]
}

// After returns the position just after the entry at pos (a candidate or a
// whole group).
func (pp *Prepared) After(i int, pos int32) int32 {
	if pp.plain[i] {
		return pos + 1
	}
	t := pp.tok[pp.start[i]+pos]
	if t >= 0 {
		return pos + 1
	}
	k, _, _ := decodeGroup(int32(t))
	return pos + int32(k) + 1
}
