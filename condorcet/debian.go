package condorcet

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"
)

// DebianRule holds the options of the Debian Constitution's vote counting
// (Appendix A.6, versions 1.2 to 1.4, in force 2003–2008, which counted the
// 2006 and 2007 Project Leader elections).
type DebianRule struct {
	// Default is the default option's name ("None Of The Above" for
	// leader elections, "Further Discussion" for general resolutions). ""
	// finds it by those names, case and spacing aside.
	Default string
	// Developers is the number of current Developers, which sets the
	// quorum R = 3Q with Q = √Developers / 2 (Constitution §4.2(7)). 0 and
	// NoQuorum: no quorum is applied (the result says so).
	Developers int
	NoQuorum   bool
	// Majority is the majority ratio S:1 an option must beat the default
	// option by (A.6(3)); zero means 1 (a simple majority, as for leader
	// elections).
	Majority *big.Rat
}

// DebianDetail is the transcript of the Debian count.
type DebianDetail struct {
	// Default is the default option's index.
	Default int
	// Quorum: the developers, and whether a quorum was applied.
	Developers int
	Quorum     bool
	// QuorumText is the quorum as the secretary prints it, 3·√N/2 to
	// four decimals (display only; the test is exact).
	QuorumText string
	// Majority ratio used, as a fraction.
	Majority string
	// Options dropped for want of quorum (A.6(2)) and of majority
	// (A.6(3)), with V(option, default) and V(default, option).
	DroppedQuorum, DroppedMajority []DebianDrop
	// Rounds of Schwartz sequential dropping (A.6(4)–(7)).
	Rounds []DebianRound
}

// A DebianDrop is an option dropped before the Schwartz stage.
type DebianDrop struct {
	Option       int
	For, Against int64
}

// A DebianRound is one pass of steps 5–7: the Schwartz set of the undropped
// options under the defeats not yet dropped, and the weakest defeats within
// it that were dropped (none in the last round).
type DebianRound struct {
	Schwartz []int
	Dropped  []Pair
}

// defaultNames are the default options' usual names, compared lower case
// with spaces collapsed.
var defaultNames = []string{"none of the above", "further discussion"}

// debian counts by the Debian Constitution, Appendix A.6:
//
//  1. Unranked options rank equally, below the ranked ones (the matrix must
//     be tallied with UnrankedBelow).
//  2. An option other than the default that fewer than R voters rank above
//     the default option is dropped (quorum R = 3·√N/2 for N developers;
//     the test V ≥ R is made exactly as 4·V² ≥ 9·N).
//  3. An option that does not defeat the default option by its majority
//     ratio S (V(A,D) > S·V(D,A)) is dropped.
//  4. A defeats B when V(A,B) > V(B,A), among undropped options.
//     5–6. The Schwartz set of the transitive defeats is formed.
//  7. If defeats remain between members of the Schwartz set, the weakest
//     are dropped — (A,X) is weaker than (B,Y) if V(A,X) < V(B,Y), or equal
//     and V(X,A) > V(Y,B) — all of equal weakness at once, and step 5 is
//     repeated.
//  8. Otherwise the winner is chosen from the Schwartz set; several members
//     are a tie that the elector with the casting vote decides (reported as
//     a tie; the tie-break policy stands in for the casting vote).
func debian(m *Matrix, rule DebianRule) (*Result, error) {
	if m.Options.Unranked != UnrankedBelow {
		return nil, fmt.Errorf("debian: the constitution ranks unranked options below ranked ones (A.6(1)); the matrix was tallied with unranked=%s", m.Options.Unranked)
	}
	// The default option is found by name, case and spacing aside (as
	// auto-detection finds it); an exact match wins over others.
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	def := -1
	var matches []string
	for k, name := range m.Names {
		n := norm(name)
		switch {
		case rule.Default != "" && name == rule.Default:
			def, matches = k, nil
		case def >= 0 && rule.Default != "" && m.Names[def] == rule.Default:
		case rule.Default != "" && n == norm(rule.Default), rule.Default == "" && slices.Contains(defaultNames, n):
			if def < 0 {
				def = k
			}
			matches = append(matches, name)
		}
	}
	if len(matches) > 1 {
		return nil, fmt.Errorf("debian: several options could be the default option (%s); name it exactly", strings.Join(matches, ", "))
	}
	if def < 0 {
		if rule.Default != "" {
			return nil, fmt.Errorf("debian: no option is named %q (the default option)", rule.Default)
		}
		return nil, fmt.Errorf("debian: no option is named \"None of the above\" or \"Further discussion\"; name the default option")
	}
	ratio := rule.Majority
	if ratio == nil || ratio.Sign() == 0 {
		ratio = big.NewRat(1, 1)
	}
	if ratio.Sign() < 0 {
		return nil, fmt.Errorf("debian: majority ratio %s is negative", ratio.RatString())
	}
	if rule.Developers < 0 {
		return nil, fmt.Errorf("debian: the number of developers must not be negative; found %d", rule.Developers)
	}
	d := &DebianDetail{Default: def, Developers: rule.Developers, Quorum: rule.Developers > 0 && !rule.NoQuorum, Majority: ratio.RatString() + ":1"}
	r := &Result{Debian: d}
	if d.Quorum {
		d.QuorumText = fmt.Sprintf("%.4f", 1.5*math.Sqrt(float64(rule.Developers)))
	} else {
		r.Notes = append(r.Notes, "No quorum was applied (the number of developers was not given).")
	}
	in := []int{}
	for k := 0; k < m.n; k++ {
		if k == def {
			in = append(in, k)
			continue
		}
		v, against := m.Prefer(k, def), m.Prefer(def, k)
		// 4·V² ≥ 9·N  ⟺  V ≥ 3·√N/2, in exact integers (big for safety).
		if d.Quorum {
			lhs := new(big.Int).Mul(big.NewInt(v), big.NewInt(v))
			lhs.Mul(lhs, big.NewInt(4))
			rhs := new(big.Int).Mul(big.NewInt(int64(rule.Developers)), big.NewInt(9))
			if lhs.Cmp(rhs) < 0 {
				d.DroppedQuorum = append(d.DroppedQuorum, DebianDrop{k, v, against})
				continue
			}
		}
		// V(A,D) > S·V(D,A): V·den > num·V(D,A).
		l := new(big.Int).Mul(big.NewInt(v), ratio.Denom())
		rt := new(big.Int).Mul(big.NewInt(against), ratio.Num())
		if l.Cmp(rt) <= 0 {
			d.DroppedMajority = append(d.DroppedMajority, DebianDrop{k, v, against})
			continue
		}
		in = append(in, k)
	}
	// Defeats among the undropped options.
	defeat := make([]bool, m.n*m.n)
	for _, a := range in {
		for _, b := range in {
			if a != b && m.Beats(a, b) {
				defeat[a*m.n+b] = true
			}
		}
	}
	for {
		s := schwartzOf(m.n, in, func(a, b int) bool { return defeat[a*m.n+b] })
		rd := DebianRound{Schwartz: s}
		var weakest []Pair
		for _, a := range s {
			for _, b := range s {
				if !defeat[a*m.n+b] {
					continue
				}
				p := Pair{Winner: a, Loser: b, For: m.Prefer(a, b), Against: m.Prefer(b, a)}
				switch {
				case len(weakest) == 0:
					weakest = []Pair{p}
				case p.For < weakest[0].For || p.For == weakest[0].For && p.Against > weakest[0].Against:
					weakest = []Pair{p}
				case p.For == weakest[0].For && p.Against == weakest[0].Against:
					weakest = append(weakest, p)
				}
			}
		}
		if len(weakest) == 0 {
			d.Rounds = append(d.Rounds, rd)
			r.Winners = s
			break
		}
		for _, p := range weakest {
			defeat[p.Winner*m.n+p.Loser] = false
		}
		rd.Dropped = weakest
		d.Rounds = append(d.Rounds, rd)
	}
	if len(r.Winners) > 1 {
		r.Notes = append(r.Notes, "The Schwartz set has several options and no defeats among them: the constitution gives the casting vote to the elector who has it (A.6(8)).")
	}
	return r, nil
}
