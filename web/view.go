package web

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"sort"

	"github.com/psephos/psephos/compare"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/measure"
	"github.com/psephos/psephos/plurality"
	"github.com/psephos/psephos/report"
	"github.com/psephos/psephos/swing"
)

// Systems are the systems the page offers, in its order: the count as held,
// then those of package compare. Systems by region are offered only for an
// election whose every contest has a region.
var Systems = []string{"fptp", "dhondt@region", "sainte-lague@region", "sainte-lague", "hare", "ams@region", "parallel@region"}

// systemNames are the page's names for Systems (other systems keep
// compare's label).
var systemNames = map[string]string{
	"fptp":                "First past the post (as held)",
	"dhondt@region":       "D'Hondt, by region",
	"sainte-lague@region": "Sainte-Laguë, by region",
	"sainte-lague":        "Sainte-Laguë, nationwide",
	"hare":                "Hare quota, nationwide",
	"ams@region":          "Additional member system, by region",
	"parallel@region":     "Parallel voting, by region",
}

func systemName(o *compare.Outcome) string {
	if n, ok := systemNames[o.System.Spec]; ok {
		return n
	}
	return o.Label
}

// SliderMin is the share (percent, in the scope of the national shares)
// from which a party gets its own slider; MaxSliders caps their number.
// Parties below it, independents and the Speaker are in Others.
const (
	SliderMin  = 0.5
	MaxSliders = 8
)

// ViewJSON is what GET /api/view returns: everything the page draws for
// one state (an election, a system, and optionally new vote shares).
type ViewJSON struct {
	Election    string          `json:"election"` // the ID: a dataset name or an upload's
	Title       string          `json:"title"`
	Source      string          `json:"source"`
	InputFormat string          `json:"input_format"`
	Seats       int             `json:"seats"`
	Majority    int             `json:"majority"` // seats needed for an absolute majority
	System      ViewSystem      `json:"system"`
	Systems     []ViewSystem    `json:"systems"` // every system offered, with each party's seats under it
	Models      []ViewModel     `json:"models"`
	Projection  *ViewProjection `json:"projection"` // null for the votes as cast
	Parties     []ViewParty     `json:"parties"`
	// Pending are the seats of this view awaiting a lot (FPTP ties), and
	// Undecided says, one line a seat, which tie each is.
	Pending   int          `json:"pending"`
	Undecided []string     `json:"undecided"`
	Sliders   []ViewSlider `json:"sliders"`
	Scope     string       `json:"scope"` // what the sliders' shares cover
	Map       bool         `json:"map"`
	MapNote   string       `json:"map_note"`
	// MapLegend counts the hexes drawn, by party ("" for hexes whose seat
	// awaits a lot), most first.
	MapLegend []ViewLegend `json:"map_legend"`
	SVG       ViewSVG      `json:"svg"`
	Notes     []string     `json:"notes"`
}

// ViewSystem is one electoral system: its spec (as `psephos compare
// --systems` takes it), label and one-line description, and the seats of
// the parties in ViewJSON.Parties' order under it; or, when this
// election cannot be put through it, Error and no seats.
type ViewSystem struct {
	Spec        string `json:"spec"`
	Label       string `json:"label"`
	Description string `json:"description"`
	Seats       []int  `json:"seats,omitempty"`
	Error       string `json:"error,omitempty"`
}

// ViewLegend is one entry of the map's legend: a party and its hexes.
type ViewLegend struct {
	Party  string `json:"party"`
	Name   string `json:"name"`
	Colour string `json:"colour"`
	Hexes  int    `json:"hexes"`
}

// ViewModel is one swing model.
type ViewModel struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// ViewProjection says what was projected.
type ViewProjection struct {
	Model       string              `json:"model"`
	Description string              `json:"description"`
	Targets     []report.TargetJSON `json:"targets"`
	// Shares are the slider parties' projected shares in the scope of the
	// national target (percent, one decimal): the targets' own for the
	// parties they name, the model's result for the others (inside
	// "Oth"), so that sliders can show the projection as it is.
	Shares  []ViewShare `json:"shares"`
	Changes int         `json:"changes"` // seats changing hands under FPTP
	Ties    int         `json:"ties"`
	Notes   []string    `json:"notes"`
}

// ViewShare is a party's share, percent.
type ViewShare struct {
	Party string  `json:"party"`
	Share float64 `json:"share"`
}

// ViewParty is one party in the view. VoteShare is the share in this view
// (projected when projecting); ActualSeats are its seats in the count as
// held; Summary is the plain-language line about the count as held ("" for
// the Speaker and aggregates).
type ViewParty struct {
	Party       string  `json:"party"`
	Name        string  `json:"name"`
	Colour      string  `json:"colour"`
	Votes       int64   `json:"votes"`
	VoteShare   float64 `json:"vote_share"`
	Seats       int     `json:"seats"`
	SeatShare   float64 `json:"seat_share"`
	ActualSeats int     `json:"actual_seats"`
	Summary     string  `json:"summary"`
}

// ViewSlider is one party whose national share the page lets a reader
// move: its share of the votes as cast, in the scope (percent).
type ViewSlider struct {
	Party  string  `json:"party"`
	Name   string  `json:"name"`
	Colour string  `json:"colour"`
	Share  float64 `json:"share"`
}

// ViewSVG holds the charts, drawn by package report as for `psephos
// report --svg`. In /api/view (and the page) the parliament and the map are
// bare: the shapes with their <title>s, no title, caption or legend (the
// page writes those in HTML, from Parties, Pending and MapLegend, where
// they stay readable on a phone); /api/svg/{chart} gives them whole.
type ViewSVG struct {
	Parliament string `json:"parliament"`
	Map        string `json:"map"`
	Bars       string `json:"bars"`
}

func (s *Server) view(w http.ResponseWriter, r *http.Request) error {
	v, err := s.buildView(r.Context(), r.URL.Query(), true)
	if err != nil {
		return err
	}
	return writeJSON(w, v)
}

// buildView computes a view from the query's election, system (default
// fptp), and, when share is given, a projection (the parameters of
// /api/project, with the election itself as the baseline). It stops when
// ctx is done, checking between systems. Every system offered is tried for
// the side-by-side table; one the election cannot be put through gets its
// error there and a note, and fails the view only when it is the system
// asked for. bare draws the parliament and the map bare (see ViewSVG).
func (s *Server) buildView(ctx context.Context, q url.Values, bare bool) (*ViewJSON, error) {
	spec := q.Get("system")
	if spec == "" {
		spec = compare.FPTP
	}
	sys, err := compare.ParseSystem(spec)
	if err != nil {
		return nil, httpError(http.StatusBadRequest, "system: %v", err)
	}
	opt, err := s.compareOptions(q)
	if err != nil {
		return nil, err
	}
	el, err := s.election(ctx, q.Get("election"))
	if err != nil {
		return nil, err
	}
	e, results := el.Election, el.Results
	exclude, err := swing.ScopeExclude(e, swing.ScopeAuto)
	if err != nil {
		return nil, err
	}
	v := &ViewJSON{Election: q.Get("election"), Title: el.Title, Source: el.Source, InputFormat: el.Format,
		Notes: append([]string{}, e.Notes...), Parties: []ViewParty{}, Undecided: []string{}, MapLegend: []ViewLegend{}, Sliders: sliders(e, exclude, s.cfg.Colours)}
	if v.Election == "" {
		v.Election = s.cfg.Default
	}
	v.Scope = "all contests"
	if len(exclude) > 0 {
		v.Scope = "Great Britain; Northern Ireland keeps its result, as GB polls do not cover it"
	}
	for _, m := range swing.Models {
		v.Models = append(v.Models, ViewModel{string(m), m.Describe()})
	}
	summary := measure.Summarize(e, results)
	v.Seats, v.Majority = summary.Seats, summary.Seats/2+1

	// The votes of the view: as cast, or projected.
	var winners []report.HexWinner
	var pr *swing.Projection
	if len(q["share"]) > 0 {
		p, err := projector(q, e)
		if err != nil {
			return nil, err
		}
		pr = p.Project()
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e, results = projectedCount(pr)
		winners = report.ProjectedWinners(pr)
		v.Projection = &ViewProjection{Model: string(pr.Model), Description: pr.Model.Describe(), Targets: report.TargetsJSON(pr.Targets),
			Shares: projectedShares(pr, v.Sliders), Changes: len(pr.Changes()), Ties: len(pr.Ties), Notes: append([]string{}, pr.Notes...)}
	} else {
		winners = report.HexWinners(results)
	}

	// Every system offered, so that the page can show them side by side.
	var systems []compare.System
	chosen := -1
	for _, sp := range offered(e) {
		x, _ := compare.ParseSystem(sp)
		if x.Spec == sys.Spec {
			chosen = len(systems)
		}
		systems = append(systems, x)
	}
	if chosen < 0 {
		chosen = len(systems)
		systems = append(systems, sys)
	}
	if opt.Independents == nil {
		opt.Independents = compare.Individuals(e)
	}
	c, failed, err := runSystems(ctx, e, results, systems, opt)
	if err != nil {
		return nil, err
	}
	if failed[chosen] != nil {
		return nil, httpError(http.StatusUnprocessableEntity, "%v", failed[chosen])
	}
	out := &c.Outcomes[chosen]
	v.System = ViewSystem{Spec: sys.Spec, Label: systemName(out), Description: out.Description}
	if pr != nil && sys.Kind != compare.FPTP {
		v.Notes = append(v.Notes, "The projected votes of each seat, rounded to whole votes, are taken as votes for the party lists.")
	}
	v.Notes = append(v.Notes, out.Notes...)
	if sys.Kind != compare.FPTP {
		v.Notes = append(v.Notes, c.Notes...)
	}
	for i, f := range failed {
		if f != nil {
			v.Notes = append(v.Notes, fmt.Sprintf("%s is left out of the table of systems: %v", systemLabel(systems[i]), f))
		}
	}
	v.Pending = out.Pending
	if out.Pending > 0 {
		for _, w := range winners {
			if w.Party == "" {
				v.Undecided = append(v.Undecided, w.Label)
			}
		}
	}

	// Parties: the view's seats and shares, with the count as held beside.
	actual := map[string]*measure.PartyResult{}
	for i := range summary.Parties {
		actual[summary.Parties[i].Party.ID] = &summary.Parties[i]
	}
	rep := s.summary(el, "")
	rep.Whole = summary
	total := max(out.Total+out.Pending, 1)
	for i, p := range c.Parties {
		vp := ViewParty{Party: p.Party.ID, Name: p.Party.Name, Colour: s.cfg.Colours.Of(p.Party.ID), Votes: p.Votes,
			VoteShare: round1(p.VoteShare, 4), Seats: out.Seats[i], SeatShare: round1(100*float64(out.Seats[i])/float64(total), 4)}
		if a := actual[p.Party.ID]; a != nil {
			vp.ActualSeats = a.Seats
			vp.Summary = report.PartyLine(rep, &summary, a)
		}
		if vp.Seats == 0 && vp.ActualSeats == 0 && vp.VoteShare < SliderMin {
			continue
		}
		v.Parties = append(v.Parties, vp)
	}
	sort.SliceStable(v.Parties, func(i, j int) bool {
		a, b := v.Parties[i], v.Parties[j]
		return cmp.Or(cmp.Compare(b.Seats, a.Seats), cmp.Compare(b.Votes, a.Votes)) < 0
	})
	index := map[string]int{}
	for i, p := range c.Parties {
		index[p.Party.ID] = i
	}
	for i, o := range c.Outcomes {
		vs := ViewSystem{Spec: o.System.Spec, Label: systemName(&o), Description: o.Description}
		if failed[i] != nil {
			vs.Label, vs.Error = systemLabel(o.System), oneLine(failed[i].Error())
		} else {
			for _, p := range v.Parties {
				vs.Seats = append(vs.Seats, o.Seats[index[p.Party]])
			}
		}
		v.Systems = append(v.Systems, vs)
	}

	// The charts.
	what := v.Title + ": " + v.System.Label
	if pr != nil {
		what += ", projected"
	}
	var seats []report.PartySeats
	var bars []report.ShareBar
	for _, p := range v.Parties {
		if p.Seats > 0 {
			seats = append(seats, report.PartySeats{Party: p.Party, Name: p.Name, Seats: p.Seats})
		}
		if p.Seats > 0 || p.VoteShare >= 1 {
			bars = append(bars, report.ShareBar{Party: p.Party, Name: p.Name, VoteShare: p.VoteShare, SeatShare: p.SeatShare, Seats: p.Seats})
		}
	}
	var b bytes.Buffer
	if err := report.WriteParliamentWith(&b, what, seats, out.Total+out.Pending, s.cfg.Colours, report.ChartOptions{Bare: bare}); err != nil {
		return nil, err
	}
	v.SVG.Parliament = b.String()
	b.Reset()
	if err := report.WriteShareBars(&b, what+": share of votes and of seats", bars, s.cfg.Colours); err != nil {
		return nil, err
	}
	v.SVG.Bars = b.String()
	if err := s.drawMap(v, winners, sys, pr != nil, bare); err != nil {
		return nil, err
	}
	return v, nil
}

// systemLabel is the page's name for a system, or its spec.
func systemLabel(x compare.System) string {
	if n, ok := systemNames[x.Spec]; ok {
		return n
	}
	return x.Spec
}

// projectedShares gives each slider party's share in the projection: its
// national target where the targets name it, else the share the model gave
// it over the target's contests.
func projectedShares(pr *swing.Projection, sl []ViewSlider) []ViewShare {
	named := map[string]float64{}
	for _, t := range pr.Targets {
		if t.Area == "" {
			for _, sh := range t.Shares {
				named[sh.Party] = sh.Percent
			}
		}
	}
	scope := map[string]float64{}
	for _, p := range pr.Parties {
		scope[p.Party.ID] = p.ScopeShare
	}
	out := []ViewShare{}
	for _, x := range sl {
		share, ok := named[x.Party]
		if !ok {
			share = scope[x.Party]
		}
		out = append(out, ViewShare{Party: x.Party, Share: round1(share, 1)})
	}
	return out
}

// drawMap draws the hex map of FPTP winners, or says why there is none: no
// layout, or a layout that does not fit the election (fewer than half of
// its contests have a hex: another set of boundaries). The legend counts
// the hexes drawn.
func (s *Server) drawMap(v *ViewJSON, winners []report.HexWinner, sys compare.System, projected, bare bool) error {
	if s.cfg.HexMap == nil {
		v.MapNote = "No map: the server was started without a hex layout."
		return nil
	}
	on := map[string]bool{}
	for _, h := range s.cfg.HexMap.Hexes {
		on[h.ID] = true
	}
	matched := 0
	hexes := map[string]int{}
	for _, w := range winners {
		if on[w.ID] {
			matched++
			hexes[w.Party]++
		}
	}
	switch {
	case matched == 0:
		v.MapNote = fmt.Sprintf("No map: none of this election's %d contests is in the hex layout (%s), whose hexes are keyed by 2024 constituency codes.", len(winners), s.cfg.HexMapSource)
		return nil
	case 2*matched < len(winners):
		v.MapNote = fmt.Sprintf("No map: only %d of this election's %d contests are in the hex layout (%s), whose hexes are the constituencies of 2024 keyed by their codes; this election was fought on other boundaries.", matched, len(winners), s.cfg.HexMapSource)
		return nil
	}
	var legend []report.PartySeats
	for _, p := range v.Parties {
		if n := hexes[p.Party]; n > 0 {
			legend = append(legend, report.PartySeats{Party: p.Party, Name: p.Name, Seats: n})
			v.MapLegend = append(v.MapLegend, ViewLegend{Party: p.Party, Name: p.Name, Colour: s.cfg.Colours.Of(p.Party), Hexes: n})
			delete(hexes, p.Party)
		}
	}
	// Winners outside the view's parties (a party too small to list), then
	// seats awaiting a lot, in a fixed order.
	rest := make([]string, 0, len(hexes))
	for p := range hexes {
		rest = append(rest, p)
	}
	sort.Strings(rest)
	for _, p := range rest {
		if p != "" {
			legend = append(legend, report.PartySeats{Party: p, Name: p, Seats: hexes[p]})
			v.MapLegend = append(v.MapLegend, ViewLegend{Party: p, Name: p, Colour: s.cfg.Colours.Of(p), Hexes: hexes[p]})
		}
	}
	if n := hexes[""]; n > 0 {
		legend = append(legend, report.PartySeats{Name: report.Pending, Seats: n})
		v.MapLegend = append(v.MapLegend, ViewLegend{Name: report.Pending, Colour: "#ffffff", Hexes: n})
	}
	title := v.Title + ": winner in each constituency"
	if projected {
		title = v.Title + ": projected winner in each constituency"
	}
	var b bytes.Buffer
	if err := report.WriteWinnerMapWith(&b, title, s.cfg.HexMap, winners, legend, s.cfg.Colours, report.ChartOptions{Bare: bare}); err != nil {
		return err
	}
	v.SVG.Map, v.Map = b.String(), true
	switch {
	case sys.Kind != compare.FPTP:
		v.MapNote = "This system's seats are not won constituency by constituency: the map shows the first-past-the-post winners"
		if projected {
			v.MapNote += " of the projection"
		}
		v.MapNote += "."
	case matched < len(winners) || matched < len(s.cfg.HexMap.Hexes):
		v.MapNote = fmt.Sprintf("%d of this election's %d contests are on the map of %d hexes; the legend counts the hexes drawn.", matched, len(winners), len(s.cfg.HexMap.Hexes))
	}
	return nil
}

// offered lists the systems the page offers for e.
func offered(e *election.Election) []string {
	regions := len(e.Contests) > 0
	for i := range e.Contests {
		if e.Contests[i].Area(election.Region) == "" {
			regions = false
			break
		}
	}
	var out []string
	for _, s := range Systems {
		x, _ := compare.ParseSystem(s)
		if x.Scope == election.Region && !regions {
			continue
		}
		out = append(out, s)
	}
	return out
}

// sliders lists the parties with at least SliderMin percent of the votes
// in the scope of national shares (contests outside exclude), most votes
// first, at most MaxSliders.
func sliders(e *election.Election, exclude []string, colours report.Colours) []ViewSlider {
	votes := map[string]int64{}
	var total int64
	for i := range e.Contests {
		c := &e.Contests[i]
		if slices.Contains(exclude, c.Area(election.Nation)) {
			continue
		}
		for _, k := range c.Candidates {
			total += k.Votes
			if !k.Aggregate {
				votes[k.Party] += k.Votes
			}
		}
	}
	out := []ViewSlider{}
	if total == 0 {
		return out
	}
	for _, p := range e.Parties {
		share := 100 * float64(votes[p.ID]) / float64(total)
		if p.Kind != "" || share < SliderMin {
			continue // independents, the Speaker, aggregates
		}
		out = append(out, ViewSlider{Party: p.ID, Name: p.Name, Colour: colours.Of(p.ID), Share: round1(share, 1)})
	}
	sort.SliceStable(out, func(i, j int) bool { return votes[out[i].Party] > votes[out[j].Party] })
	if len(out) > MaxSliders {
		out = out[:MaxSliders]
	}
	return out
}

func round1(x float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(x*p) / p
}

// projectedCount turns a projection into an election with whole votes
// (each line's projected share of the seat's valid votes, rounded) and
// results whose winners are the projection's, for the other systems of
// compare. A tied seat has no winner.
func projectedCount(pr *swing.Projection) (*election.Election, []plurality.Result) {
	e := &election.Election{Name: pr.Baseline.Name, Notes: pr.Baseline.Notes}
	seen := map[string]bool{}
	for _, p := range pr.Parties {
		if !seen[p.Party.ID] {
			seen[p.Party.ID] = true
			e.Parties = append(e.Parties, p.Party)
		}
	}
	e.Contests = make([]election.Contest, len(pr.Seats))
	results := make([]plurality.Result, len(pr.Seats))
	for i := range pr.Seats {
		st := &pr.Seats[i]
		base := st.Contest
		valid := float64(base.ValidVotes())
		con := election.Contest{ID: base.ID, Name: base.Name, Areas: base.Areas, Seats: 1, Electorate: base.Electorate, Invalid: base.Invalid, Pos: base.Pos}
		won := -1
		for _, pc := range st.Candidates {
			if !seen[pc.Party] {
				seen[pc.Party] = true
				e.Parties = append(e.Parties, election.Party{ID: pc.Party, Name: pc.Party})
			}
			if won < 0 && st.Winner != "" && pc.Party == st.Winner && !pc.Aggregate {
				won = len(con.Candidates)
			}
			con.Candidates = append(con.Candidates, election.Candidate{Name: pc.Label(base), Party: pc.Party,
				Votes: int64(math.Round(pc.Share / 100 * valid)), Aggregate: pc.Aggregate})
		}
		e.Contests[i] = con
		results[i] = plurality.Result{Contest: &e.Contests[i], Valid: e.Contests[i].ValidVotes()}
		if won >= 0 {
			results[i].Elected = []int{won}
		}
	}
	return e, results
}
