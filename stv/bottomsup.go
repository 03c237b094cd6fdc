package stv

import (
	"github.com/psephos/psephos/ballot"
)

// countBottomsUp excludes the lowest continuing candidate, one at a time,
// until every continuing candidate holds at least ThresholdPercent of the
// active ballots of the round (the share recomputed each round, equality
// passing), then elects them all (RCTab's bottoms-up rule with a
// percentage threshold). Votes are whole ballots.
func countBottomsUp(pp *ballot.Prepared, r *Rules) ([]Stage, []int, error) {
	g := newGCount[int64](newFixed(0), pp, r, len(pp.Profile.Candidates))
	g.first()
	pct := int64(r.ThresholdPercent)
	threshold := func() {
		active := g.ar.whole(0)
		for _, k := range g.hopefuls() {
			active += g.vote[k]
		}
		g.quota = muldiv(active, pct, 100, true)
	}
	passes := func(k int, active int64) bool { return g.vote[k]*100 >= active*pct }
	threshold()
	st := g.record(Stage{Kind: FirstStage})
	for {
		hs := g.hopefuls()
		var active int64
		for _, k := range hs {
			active += g.vote[k]
		}
		all := true
		for _, k := range hs {
			if !passes(k, active) {
				all = false
			}
		}
		if all || len(hs) <= 1 {
			ordered, err := g.byVotes(hs, false, st, "order of election")
			if err != nil {
				return nil, nil, err
			}
			for _, k := range ordered {
				g.elect(st, k, "threshold")
			}
			return g.stages, g.electedOrder(), nil
		}
		var next Stage
		out, err := g.chooseExclusion(&next)
		if err != nil {
			return nil, nil, err
		}
		for _, k := range out {
			g.state[k] = excluded
			g.cont[k] = false
		}
		next.Excluded, next.ExclusionReason = out, "below threshold"
		for _, gr := range g.exclusionGroups(out) {
			g.moveGroup(gr, &next)
		}
		threshold()
		st = g.record(next)
	}
}
