package swing

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/psephos/psephos/election"
)

// A Model is a rule that turns national (or regional) shares into
// constituency shares. See the package documentation for the formulas.
type Model string

// The models.
const (
	Uniform          Model = "uns"
	Proportional     Model = "proportional"
	Transition       Model = "transition"
	StrongTransition Model = "strong-transition"
)

// Models lists the models in the order reports show them.
var Models = []Model{Uniform, Proportional, Transition, StrongTransition}

// Describe names the model in words.
func (m Model) Describe() string {
	switch m {
	case Uniform:
		return "uniform national swing (additive; negative shares set to 0 and seats rescaled)"
	case Proportional:
		return "proportional swing (each share scaled by the national ratio, seats rescaled)"
	case Transition:
		return "transition model (falling parties lose in proportion to local strength; rising parties gain in proportion to the votes released locally)"
	case StrongTransition:
		return "strong transition model (as transition, but a falling party loses its weak support, up to the threshold, before its strong support)"
	}
	return string(m)
}

// ParseModel returns the model named s.
func ParseModel(s string) (Model, error) {
	for _, m := range Models {
		if string(m) == s {
			return m, nil
		}
	}
	names := make([]string, len(Models))
	for i, m := range Models {
		names[i] = string(m)
	}
	return "", fmt.Errorf("unknown model %q; expected one of: %s", s, strings.Join(names, ", "))
}

// Options configure a projection.
type Options struct {
	// Model is the swing model; "" means Uniform.
	Model Model
	// Targets: at most one national target (Area "") and any number of
	// area targets whose contests do not overlap.
	Targets []Target
	// Exclude names nations or regions the national target does not cover
	// (their contests keep the baseline result unless an area target names
	// them), e.g. "Northern Ireland" for GB-wide shares.
	Exclude []string
	// GBWide names parties treated as standing in every contest of an area
	// even in nations where they had no baseline candidates. Other parties'
	// territory is the nations where they stood in the baseline.
	GBWide []string
	// Successors maps a baseline party ID to the party ID its votes count
	// for, e.g. "BRX" to "RUK" (the Brexit Party renamed Reform UK).
	Successors map[string]string
	// Names gives the display names of successor parties the baseline does
	// not have (ID → name, e.g. "RUK" → "Reform UK"); without one a
	// successor is named by its ID.
	Names map[string]string
	// Fixed names parties whose baseline seats keep their baseline result
	// (e.g. "Spk": the Speaker's seat is by convention not contested by the
	// main parties).
	Fixed []string
	// Threshold is the strong-transition threshold θ: support up to this
	// fraction of a seat's valid votes is weak. 0 means 0.20.
	Threshold float64
	// Tolerance is how far, in percentage points, a target's shares may sum
	// from 100 (they are then rescaled to 100). 0 means 0.5.
	Tolerance float64
}

// A Projector holds a baseline prepared for one model and set of targets.
// It is safe for concurrent use by several goroutines once built.
type Projector struct {
	e       *election.Election
	model   Model
	theta   float64
	parties []election.Party // party index → party (after successor mapping)
	index   map[string]int
	areas   []area
	seats   []seat
	// Cells are a party group's support in a seat: its group (index into
	// the area's groups), baseline share, and weak part min(share, θ).
	cellGroup []int32
	cellBase  []float64
	cellWeak  []float64
	lines     []line
	// Hot copies of lines' fields for the simulation's loops.
	lineCell []int32
	lineFrac []float64
	lineAgg  []bool
	targets  []Target // as applied, in percent, including a derived rest
	national int      // index of the national (or rest) area, or -1
	natSeats []bool   // contests the national target's scope covers
	natShare map[string]float64
	notes    []string
}

type area struct {
	name   string
	valid  float64 // V(A)
	groups []group
	seats  []int
}

type group struct {
	party  string // party ID or Others
	pidx   int    // party index, or len(parties) for Others
	base   float64
	target float64
	terrV  float64 // V(T(g))
	weak   float64 // W(g): weak support over the area (fraction of V(A))
}

type seat struct {
	contest    int
	valid      float64
	area       int // -1: kept at the baseline
	fixed      bool
	c0, c1     int // cells
	l0, l1     int // lines
	baseWinner string
}

type line struct {
	cell      int // -1 for a kept seat
	frac      float64
	cand      int // index into Contest.Candidates, -1 for a projected new candidate
	party     int
	aggregate bool
	base      float64
}

// New prepares e for projection. It returns an error, naming the problem,
// when a target's shares do not sum to 100 within the tolerance, a share is
// negative, a party is unknown or has no baseline votes in the target's
// area, an area matches no contest, areas overlap, or a successor mapping
// names a party the baseline does not have.
func New(e *election.Election, opt Options) (*Projector, error) {
	p := &Projector{e: e, model: opt.Model, theta: opt.Threshold, index: map[string]int{}, national: -1, natShare: map[string]float64{}}
	if p.model == "" {
		p.model = Uniform
	}
	if _, err := ParseModel(string(p.model)); err != nil {
		return nil, err
	}
	if p.theta == 0 {
		p.theta = 0.20
	}
	if p.theta <= 0 || p.theta >= 1 {
		return nil, fmt.Errorf("strong-transition threshold %v: expected a fraction between 0 and 1", opt.Threshold)
	}
	tol := opt.Tolerance
	if tol == 0 {
		tol = 0.5
	}
	for old, nw := range opt.Successors {
		if !hasParty(e, old) {
			return nil, fmt.Errorf("successor %s=%s: the baseline has no party %s", old, nw, old)
		}
	}
	mapID := func(id string) string {
		if s, ok := opt.Successors[id]; ok {
			return s
		}
		return id
	}
	for _, pt := range e.Parties {
		id := mapID(pt.ID)
		if _, ok := p.index[id]; ok {
			continue
		}
		if id != pt.ID {
			name := opt.Names[id]
			if name == "" {
				name = id
			}
			pt = election.Party{ID: id, Name: name}
		}
		p.index[id] = len(p.parties)
		p.parties = append(p.parties, election.Party{ID: id, Name: pt.Name})
	}
	fixed := set(opt.Fixed)
	gbWide := set(opt.GBWide)
	excluded := set(opt.Exclude)

	// Seats: baseline winners by integer votes; fixed seats.
	p.seats = make([]seat, len(e.Contests))
	for k := range e.Contests {
		c := &e.Contests[k]
		s := &p.seats[k]
		s.contest, s.area, s.valid = k, -1, float64(c.ValidVotes())
		if w := winnerByVotes(c); w >= 0 {
			s.baseWinner = mapID(c.Candidates[w].Party)
		}
		s.fixed = s.baseWinner != "" && fixed[s.baseWinner]
	}

	// Which contests each target covers.
	var national *Target
	var regional []Target
	for i := range opt.Targets {
		t := opt.Targets[i]
		if t.Area == "" {
			if national != nil {
				return nil, fmt.Errorf("two national targets (%s and %s); expected one, with other targets naming an area", national, t)
			}
			national = &opt.Targets[i]
			continue
		}
		regional = append(regional, t)
	}
	if national == nil && len(regional) == 0 {
		return nil, fmt.Errorf("no target shares: expected shares such as Lab=34.6,Con=24.4,...")
	}
	owner := make([]int, len(e.Contests)) // -1 none, i regional index, -2 national
	p.natSeats = make([]bool, len(e.Contests))
	for k := range owner {
		owner[k] = -1
		c := &e.Contests[k]
		if national != nil && !excluded[c.Area(election.Nation)] && !excluded[c.Area(election.Region)] {
			owner[k] = -2
			p.natSeats[k] = true
		}
	}
	for i, t := range regional {
		n := 0
		for k := range e.Contests {
			c := &e.Contests[k]
			if c.Area(election.Nation) != t.Area && c.Area(election.Region) != t.Area {
				continue
			}
			if owner[k] >= 0 {
				return nil, fmt.Errorf("targets for %s and %s overlap (both cover %s); expected areas that do not overlap", regional[owner[k]].Area, t.Area, c.Name)
			}
			owner[k] = i
			n++
		}
		if n == 0 {
			return nil, fmt.Errorf("target area %q matches no contest's nation or region; areas in the baseline: %s", t.Area, strings.Join(areaNames(e), ", "))
		}
	}

	// Validate and normalise each target against the baseline votes of its
	// own contests (fixed seats excluded).
	var areas []built
	for i, t := range regional {
		var ks []int
		for k := range owner {
			if owner[k] == i && !p.seats[k].fixed {
				ks = append(ks, k)
			}
		}
		nt, err := p.normalise(t, ks, tol, mapID)
		if err != nil {
			return nil, err
		}
		areas = append(areas, built{nt, ks})
	}
	if national != nil {
		var scope, rest []int
		for k := range owner {
			if !p.natSeats[k] || p.seats[k].fixed {
				continue
			}
			scope = append(scope, k)
			if owner[k] == -2 {
				rest = append(rest, k)
			}
		}
		nt, err := p.normalise(*national, scope, tol, mapID)
		if err != nil {
			return nil, err
		}
		for _, s := range nt.Shares {
			p.natShare[s.Party] = s.Percent
		}
		if len(rest) < len(scope) {
			// Take the regions inside the national scope out.
			nt, err = p.rest(nt, scope, rest, areas, tol, mapID)
			if err != nil {
				return nil, err
			}
		}
		if len(rest) > 0 {
			p.national = len(areas)
			areas = append(areas, built{nt, rest})
		}
	}

	// Build areas, cells and lines.
	for ai, b := range areas {
		a := area{name: b.t.Area, seats: b.seats}
		gi := map[string]int{}
		for _, s := range b.t.Shares {
			pidx := len(p.parties)
			if s.Party != Others {
				pidx = p.index[s.Party]
			}
			gi[s.Party] = len(a.groups)
			a.groups = append(a.groups, group{party: s.Party, pidx: pidx, target: s.Percent / 100})
		}
		oth, hasOth := gi[Others]
		groupOf := func(party string) int {
			if g, ok := gi[party]; ok {
				return g
			}
			if !hasOth {
				oth, hasOth = len(a.groups), true
				gi[Others] = oth
				a.groups = append(a.groups, group{party: Others, pidx: len(p.parties)})
			}
			return oth
		}
		// Territories: nations where the party stood in this area.
		nations := map[string]map[string]bool{}
		for _, k := range b.seats {
			c := &e.Contests[k]
			for _, cd := range c.Candidates {
				g := a.groups[groupOf(mapID(cd.Party))].party
				if nations[g] == nil {
					nations[g] = map[string]bool{}
				}
				nations[g][c.Area(election.Nation)] = true
			}
		}
		for _, k := range b.seats {
			c := &e.Contests[k]
			s := &p.seats[k]
			s.area = ai
			a.valid += s.valid
			s.c0, s.l0 = len(p.cellBase), len(p.lines)
			cellOf := map[int]int{}
			votes := map[int]int64{}
			for ci := range c.Candidates {
				cd := &c.Candidates[ci]
				g := groupOf(mapID(cd.Party))
				if _, ok := cellOf[g]; !ok {
					cellOf[g] = p.addCell(g)
				}
				votes[g] += cd.Votes
			}
			for ci := range c.Candidates {
				cd := &c.Candidates[ci]
				g := groupOf(mapID(cd.Party))
				l := line{cell: cellOf[g], cand: ci, party: p.index[mapID(cd.Party)], aggregate: cd.Aggregate}
				l.base = share(cd.Votes, s.valid)
				if votes[g] > 0 {
					l.frac = float64(cd.Votes) / float64(votes[g])
				} else {
					n := 0
					for cj := range c.Candidates {
						if groupOf(mapID(c.Candidates[cj].Party)) == g {
							n++
						}
					}
					l.frac = 1 / float64(n)
				}
				p.lines = append(p.lines, l)
			}
			// Named parties with no candidate here stand in their territory.
			nation := c.Area(election.Nation)
			for g := range a.groups {
				gr := &a.groups[g]
				if gr.party == Others {
					continue
				}
				if _, ok := cellOf[g]; ok || !(gbWide[gr.party] || nations[gr.party][nation]) {
					continue
				}
				cellOf[g] = p.addCell(g)
				p.lines = append(p.lines, line{cell: cellOf[g], frac: 1, cand: -1, party: gr.pidx})
			}
			for g, ci := range cellOf {
				p.cellBase[ci] = share(votes[g], s.valid)
				p.cellWeak[ci] = p.cellBase[ci]
				if p.model == StrongTransition {
					p.cellWeak[ci] = math.Min(p.cellBase[ci], p.theta)
				}
			}
			s.c1, s.l1 = len(p.cellBase), len(p.lines)
		}
		// Baseline shares, territories' votes and weak support.
		for _, k := range b.seats {
			s := &p.seats[k]
			for ci := s.c0; ci < s.c1; ci++ {
				gr := &a.groups[p.cellGroup[ci]]
				gr.base += s.valid * p.cellBase[ci]
				gr.terrV += s.valid
				gr.weak += s.valid * p.cellWeak[ci]
			}
		}
		for g := range a.groups {
			gr := &a.groups[g]
			if a.valid > 0 {
				gr.base /= a.valid
				gr.weak /= a.valid
			}
			if gr.party == Others && gr.base == 0 && gr.target > 0 {
				p.notes = append(p.notes, fmt.Sprintf("%s: no other parties stood in the baseline, so the %s%% given to others cannot be placed; shares were rescaled", areaLabel(a.name), fmtPct(100*gr.target)))
				gr.target = 0
			}
			if p.model == Proportional && gr.base == 0 && gr.target > 0 {
				return nil, fmt.Errorf("%s: %s has no baseline votes, so proportional swing cannot scale it; use another model or map it with a successor", areaLabel(a.name), gr.party)
			}
		}
		renorm(a.groups)
		shares := make([]Share, len(a.groups))
		for g, gr := range a.groups {
			shares[g] = Share{gr.party, 100 * gr.target}
		}
		p.targets = append(p.targets, Target{Area: a.name, Shares: shares})
		p.areas = append(p.areas, a)
	}
	// Kept seats: their candidates at baseline shares.
	for k := range p.seats {
		s := &p.seats[k]
		if s.area >= 0 {
			continue
		}
		c := &e.Contests[k]
		s.l0 = len(p.lines)
		for ci := range c.Candidates {
			cd := &c.Candidates[ci]
			p.lines = append(p.lines, line{cell: -1, cand: ci, party: p.index[mapID(cd.Party)], aggregate: cd.Aggregate, base: share(cd.Votes, s.valid)})
		}
		s.l1 = len(p.lines)
	}
	p.lineCell = make([]int32, len(p.lines))
	p.lineFrac = make([]float64, len(p.lines))
	p.lineAgg = make([]bool, len(p.lines))
	for l, ln := range p.lines {
		p.lineCell[l], p.lineFrac[l], p.lineAgg[l] = int32(max(ln.cell, 0)), ln.frac, ln.aggregate
	}
	nKept, nFixed := 0, 0
	for k := range p.seats {
		switch {
		case p.seats[k].fixed:
			nFixed++
		case p.seats[k].area < 0:
			nKept++
		}
	}
	if nFixed > 0 {
		p.notes = append(p.notes, fmt.Sprintf("%d seat(s) held by %s in the baseline keep their baseline result.", nFixed, strings.Join(opt.Fixed, ", ")))
	}
	if nKept > 0 {
		p.notes = append(p.notes, fmt.Sprintf("%d contest(s) outside every target keep their baseline result.", nKept))
	}
	olds := make([]string, 0, len(opt.Successors))
	for old := range opt.Successors {
		olds = append(olds, old)
	}
	sort.Strings(olds)
	for _, old := range olds {
		p.notes = append(p.notes, fmt.Sprintf("Baseline votes of %s are counted for its successor %s.", old, opt.Successors[old]))
	}
	return p, nil
}

func (p *Projector) addCell(g int) int {
	p.cellGroup = append(p.cellGroup, int32(g))
	p.cellBase = append(p.cellBase, 0)
	p.cellWeak = append(p.cellWeak, 0)
	return len(p.cellBase) - 1
}

// normalise checks a target against the baseline contests ks and returns it
// with mapped party IDs, Others added when absent, and shares rescaled to
// sum to 100.
func (p *Projector) normalise(t Target, ks []int, tol float64, mapID func(string) string) (Target, error) {
	where := areaLabel(t.Area)
	if len(ks) == 0 {
		return t, fmt.Errorf("%s: the target covers no contest that is not fixed", where)
	}
	votes := map[string]int64{}
	for _, k := range ks {
		for _, cd := range p.e.Contests[k].Candidates {
			votes[mapID(cd.Party)] += cd.Votes
		}
	}
	out := Target{Area: t.Area}
	sum, hasOth := 0.0, false
	seen := map[string]bool{}
	for _, s := range t.Shares {
		if s.Percent < 0 || math.IsNaN(s.Percent) || s.Percent > 100 {
			return t, fmt.Errorf("%s: %s=%v: expected a share of 0 to 100 percent", where, s.Party, s.Percent)
		}
		party := s.Party
		if party == Others {
			hasOth = true
		} else {
			if _, ok := p.index[party]; !ok {
				return t, fmt.Errorf("%s: unknown party %q: the baseline has no such party (its parties include %s; map a renamed party with a successor, e.g. BRX=RUK)", where, party, strings.Join(p.majorParties(8), ", "))
			}
			if votes[party] == 0 {
				return t, fmt.Errorf("%s: the baseline has no votes for %s in these contests; expected a party that stood there", where, party)
			}
		}
		if seen[party] {
			return t, fmt.Errorf("%s: party %s given twice", where, party)
		}
		seen[party] = true
		sum += s.Percent
		out.Shares = append(out.Shares, Share{party, s.Percent})
	}
	if math.Abs(sum-100) > tol {
		hint := ""
		if !hasOth && sum < 100 {
			hint = fmt.Sprintf(" (add %s=%s for all other parties)", Others, fmtPct(100-sum))
		}
		return t, fmt.Errorf("%s: shares sum to %s%%; expected 100%% ± %s%s", where, fmtPct(sum), fmtPct(tol), hint)
	}
	if !hasOth {
		out.Shares = append(out.Shares, Share{Others, math.Max(0, 100-sum)})
		sum += math.Max(0, 100-sum)
	}
	for i := range out.Shares {
		out.Shares[i].Percent *= 100 / sum
	}
	return out, nil
}

// built is a target with the contests it applies to.
type built struct {
	t     Target
	seats []int
}

// rest derives the target for the contests of the national scope that no
// area target covers: each region's votes, at its own target shares, are
// taken out of the national total (a party a region does not name counts
// at its baseline share of that region's others).
func (p *Projector) rest(nt Target, scope, rest []int, regions []built, tol float64, mapID func(string) string) (Target, error) {
	in := make(map[int]bool, len(scope))
	for _, k := range scope {
		in[k] = true
	}
	vScope, vRest := p.validOf(scope), p.validOf(rest)
	out := Target{Shares: make([]Share, len(nt.Shares))}
	copy(out.Shares, nt.Shares)
	for i := range out.Shares {
		out.Shares[i].Percent *= vScope
	}
	for _, r := range regions {
		var ks []int
		for _, k := range r.seats {
			if in[k] {
				ks = append(ks, k)
			}
		}
		if len(ks) == 0 {
			continue
		}
		votes := map[string]int64{}
		named := map[string]float64{}
		for _, s := range r.t.Shares {
			named[s.Party] = s.Percent
		}
		var othVotes int64
		for _, k := range r.seats {
			for _, cd := range p.e.Contests[k].Candidates {
				id := mapID(cd.Party)
				votes[id] += cd.Votes
				if _, ok := named[id]; !ok {
					othVotes += cd.Votes
				}
			}
		}
		w := p.validOf(ks)
		rest := 100.0
		for i, s := range out.Shares {
			if s.Party == Others {
				continue
			}
			c, ok := named[s.Party]
			if !ok && othVotes > 0 {
				c = named[Others] * float64(votes[s.Party]) / float64(othVotes)
			}
			rest -= c
			out.Shares[i].Percent -= c * w
		}
		for i, s := range out.Shares {
			if s.Party == Others {
				out.Shares[i].Percent -= rest * w
			}
		}
	}
	restVotes := map[string]int64{}
	for _, k := range rest {
		for _, cd := range p.e.Contests[k].Candidates {
			restVotes[mapID(cd.Party)] += cd.Votes
		}
	}
	kept := out.Shares[:0]
	sum := 0.0
	for _, s := range out.Shares {
		s.Percent /= vRest
		if s.Percent < -tol {
			return Target{}, fmt.Errorf("the area shares and the national shares disagree: %s would need %s%% in the contests outside the areas", s.Party, fmtPct(s.Percent))
		}
		s.Percent = math.Max(0, s.Percent)
		if s.Party != Others && restVotes[s.Party] == 0 {
			if s.Percent > tol {
				return Target{}, fmt.Errorf("national shares leave %s %s%% in contests outside the area targets, where it has no baseline votes", s.Party, fmtPct(s.Percent))
			}
			continue
		}
		sum += s.Percent
		kept = append(kept, s)
	}
	for i := range kept {
		kept[i].Percent *= 100 / sum
	}
	out.Shares = kept
	return out, nil
}

func (p *Projector) validOf(ks []int) float64 {
	var v int64
	for _, k := range ks {
		v += p.e.Contests[k].ValidVotes()
	}
	return float64(v)
}

func (p *Projector) majorParties(n int) []string {
	votes := map[string]int64{}
	for _, c := range p.e.Contests {
		for _, cd := range c.Candidates {
			votes[cd.Party] += cd.Votes
		}
	}
	ids := make([]string, 0, len(p.parties))
	for _, pt := range p.parties {
		ids = append(ids, pt.ID)
	}
	sort.SliceStable(ids, func(i, j int) bool { return votes[ids[i]] > votes[ids[j]] })
	if len(ids) > n {
		ids = ids[:n]
	}
	return ids
}

func renorm(gs []group) {
	s := 0.0
	for _, g := range gs {
		s += g.target
	}
	if s > 0 {
		for i := range gs {
			gs[i].target /= s
		}
	}
}

func share(votes int64, valid float64) float64 {
	if valid <= 0 {
		return 0
	}
	return float64(votes) / valid
}

// winnerByVotes returns the index of the non-aggregate candidate with the
// most votes, compared as integers, or -1 when the lead is tied or there is
// no candidate.
func winnerByVotes(c *election.Contest) int {
	best, tied := -1, false
	for i := range c.Candidates {
		cd := &c.Candidates[i]
		if cd.Aggregate {
			continue
		}
		switch {
		case best < 0 || cd.Votes > c.Candidates[best].Votes:
			best, tied = i, false
		case cd.Votes == c.Candidates[best].Votes:
			tied = true
		}
	}
	if tied {
		return -1
	}
	return best
}

func hasParty(e *election.Election, id string) bool {
	for _, p := range e.Parties {
		if p.ID == id {
			return true
		}
	}
	return false
}

func set(ss []string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}

func areaNames(e *election.Election) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range e.Contests {
		for _, a := range c.Areas {
			if (a.Kind == election.Nation || a.Kind == election.Region) && !seen[a.Name] {
				seen[a.Name] = true
				out = append(out, a.Name)
			}
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return []string{"(none: the baseline has no nations or regions)"}
	}
	return out
}

func areaLabel(a string) string {
	if a == "" {
		return "national shares"
	}
	return "shares for " + a
}

func fmtPct(x float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", x), "0"), ".")
}
