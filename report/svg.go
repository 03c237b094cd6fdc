package report

import (
	"fmt"
	"html"
	"io"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/psephos/psephos/format/hexjson"
	"github.com/psephos/psephos/measure"
	"github.com/psephos/psephos/plurality"
)

// Charts: the hemicycle (parliament), the hex map and the seats-against-votes
// bars, as standalone SVG documents. Each shape carries a <title> (read out
// by screen readers and shown on hover) and data- attributes (data-party,
// data-id) so that pages and tests can find it; every colour is paired with
// a text label in the legend.

// SVG chart kinds.
const (
	Parliament = "parliament"
	HexMap     = "map"
	Bars       = "bars"
)

// Charts lists the SVG chart kinds.
var Charts = []string{Parliament, HexMap, Bars}

// A PartySeats is one party's block of seats in a parliament chart.
type PartySeats struct {
	Party, Name string
	Seats       int
}

func esc(s string) string { return html.EscapeString(s) }

func f2(x float64) string { return fmt.Sprintf("%.2f", x) }

// ChartOptions change how a chart is drawn.
type ChartOptions struct {
	// Bare draws the shapes alone: no title, caption or legend, for a page
	// that writes those in HTML, where they stay readable however small the
	// chart is drawn (a phone). Shapes keep their <title> and data-
	// attributes.
	Bare bool
}

// Pending names the seats not yet decided (a tie awaiting a lot) in a
// parliament chart's legend.
const Pending = "Not yet decided (tie awaiting a lot)"

// WriteParliament draws a hemicycle of total seats: each party's seats as a
// wedge of dots, in the order given (left to right), then seats not yet
// decided (a tie awaiting a lot) as white dots, with their own legend
// entry. The dots are laid on concentric arcs with as many rows as the
// seats need and seats per row in proportion to its length.
func WriteParliament(w io.Writer, title string, parties []PartySeats, total int, colours Colours) error {
	return WriteParliamentWith(w, title, parties, total, colours, ChartOptions{})
}

// WriteParliamentWith is WriteParliament with options.
func WriteParliamentWith(w io.Writer, title string, parties []PartySeats, total int, colours Colours, opt ChartOptions) error {
	if total <= 0 {
		return fmt.Errorf("parliament chart: no seats")
	}
	seats := 0
	for _, p := range parties {
		seats += p.Seats
	}
	if seats > total {
		return fmt.Errorf("parliament chart: parties hold %d seats, more than the %d in the chamber", seats, total)
	}
	const inner = 0.4
	rows := 1
	var radii []float64
	var caps []int
	for ; ; rows++ {
		d := (1 - inner) / float64(rows)
		radii, caps = radii[:0], caps[:0]
		sum := 0
		for i := 0; i < rows; i++ {
			r := inner + (float64(i)+0.5)*d
			radii = append(radii, r)
			c := int(math.Pi*r/d) + 1
			caps = append(caps, c)
			sum += c
		}
		if sum >= total {
			break
		}
	}
	per := spread(total, radii, caps)
	d := (1 - inner) / float64(rows)
	type seat struct {
		theta, r float64
		row      int
	}
	all := make([]seat, 0, total)
	for i, n := range per {
		for k := 0; k < n; k++ {
			th := math.Pi / 2
			if n > 1 {
				th = math.Pi * (1 - float64(k)/float64(n-1))
			}
			all = append(all, seat{th, radii[i], i})
		}
	}
	sort.SliceStable(all, func(a, b int) bool {
		if all[a].theta != all[b].theta {
			return all[a].theta > all[b].theta
		}
		return all[a].row < all[b].row
	})
	const width, scale = 720.0, 330.0
	// A dot fills most of its row's depth, but no more than the gap to its
	// neighbours on the arc, and stays a dot in a small chamber.
	dot := scale * d * 0.42
	for i, n := range per {
		if n > 1 {
			dot = math.Min(dot, scale*0.42*math.Pi*radii[i]/float64(n-1))
		}
	}
	dot = math.Min(dot, 18)
	legendParties := parties
	if pending := total - seats; pending > 0 {
		legendParties = append(slices.Clip(parties), PartySeats{Name: Pending, Seats: pending})
	}
	cx, cy := width/2, 40+scale
	legendTop := cy + 30
	height := legendTop + legendHeight(len(legendParties), width-40) + 20
	top := 0.0
	if opt.Bare { // the dots and a margin: no room for text
		top = cy
		for _, st := range all {
			top = math.Min(top, cy-scale*st.r*math.Sin(st.theta))
		}
		top, height = top-dot-2, cy+dot+2
	}
	var b strings.Builder
	origin := "0 0"
	if top != 0 {
		origin = "0 " + f2(top)
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="%s %s %s" role="img" aria-labelledby="parl-title" font-family="sans-serif" class="psephos-parliament">`+"\n", origin, f2(width), f2(height-top))
	fmt.Fprintf(&b, `<title id="parl-title">%s</title>`+"\n", esc(title))
	if !opt.Bare {
		fmt.Fprintf(&b, `<text x="%s" y="24" text-anchor="middle" font-size="16" font-weight="bold">%s</text>`+"\n", f2(cx), esc(title))
	}
	i := 0
	group := func(party, name string, n int, paint string) {
		fmt.Fprintf(&b, `<g class="party" data-party="%s" data-seats="%d" %s><title>%s: %d %s</title>`+"\n", esc(party), n, paint, esc(name), n, plural(int64(n), "seat", "seats"))
		for k := 0; k < n; k++ {
			s := all[i]
			i++
			fmt.Fprintf(&b, `<circle class="seat" cx="%s" cy="%s" r="%s"/>`+"\n", f2(cx+scale*s.r*math.Cos(s.theta)), f2(cy-scale*s.r*math.Sin(s.theta)), f2(dot))
		}
		b.WriteString("</g>\n")
	}
	for _, p := range parties {
		if p.Seats > 0 {
			group(p.Party, p.Name, p.Seats, `fill="`+colours.Of(p.Party)+`"`)
		}
	}
	if pending := total - seats; pending > 0 {
		group("", Pending, pending, `fill="#ffffff" stroke="#000"`)
	}
	if !opt.Bare {
		majority := total/2 + 1
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle" font-size="14">%s · %d for a majority</text>`+"\n", f2(cx), f2(cy-8), plural(int64(total), "1 seat", fmt.Sprintf("%d seats", total)), majority)
		legend(&b, legendParties, 20, legendTop, width-40, colours)
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// legendColumns is how many legend entries fit side by side in width.
func legendColumns(width float64) int { return max(1, int(width/300)) }

// legendHeight is the height of a legend of n entries in width.
func legendHeight(n int, width float64) float64 {
	c := legendColumns(width)
	return 22 * float64((n+c-1)/c)
}

// legend writes a colour swatch with each party's name and seats, as many a
// row as fit.
func legend(b *strings.Builder, parties []PartySeats, x0, y0, width float64, colours Colours) {
	cols := legendColumns(width)
	k := 0
	for _, p := range parties {
		if p.Seats == 0 {
			continue
		}
		x := x0 + float64(k%cols)*width/float64(cols)
		y := y0 + 22*float64(k/cols)
		fill, label := colours.Of(p.Party), esc(p.Name)+" ("+esc(p.Party)+")"
		if p.Party == "" { // seats awaiting a lot
			fill, label = "#ffffff", esc(p.Name)
		}
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="14" height="14" fill="%s" stroke="#000" stroke-width="0.5"/><text x="%s" y="%s" font-size="13">%s %d</text>`+"\n",
			f2(x), f2(y), fill, f2(x+20), f2(y+12), label, p.Seats)
		k++
	}
}

// spread shares n seats among rows in proportion to their radii (largest
// remainders), never more than a row holds.
func spread(n int, radii []float64, caps []int) []int {
	var sum float64
	for _, r := range radii {
		sum += r
	}
	out := make([]int, len(radii))
	type rem struct {
		i int
		f float64
	}
	var rems []rem
	given := 0
	for i, r := range radii {
		q := float64(n) * r / sum
		out[i] = min(int(q), caps[i])
		given += out[i]
		rems = append(rems, rem{i, q - float64(out[i])})
	}
	sort.SliceStable(rems, func(a, b int) bool { return rems[a].f > rems[b].f })
	for given < n {
		moved := false
		for _, x := range rems {
			if given < n && out[x.i] < caps[x.i] {
				out[x.i]++
				given++
				moved = true
			}
		}
		if !moved {
			break
		}
	}
	return out
}

// ParliamentOf lists the parties of a summary with seats, most seats first.
func ParliamentOf(s *measure.Summary) []PartySeats {
	var out []PartySeats
	for _, p := range s.Parties {
		if p.Seats > 0 {
			out = append(out, PartySeats{Party: p.Party.ID, Name: p.Party.Name, Seats: p.Seats})
		}
	}
	return out
}

// A HexWinner is what one hex of a map shows: the contest's ID (the key
// of the layout's hexes), the winning party's code ("" when undecided: the
// hex is white) and a one-line description of the result (its <title>).
type HexWinner struct {
	ID, Party, Label string
}

// HexWinners describes each counted contest for a map: the winner's party
// and a line with the winner's votes, share and majority and the
// runner-up (or the tie awaiting a lot).
func HexWinners(results []plurality.Result) []HexWinner {
	out := make([]HexWinner, len(results))
	for i := range results {
		r := &results[i]
		out[i] = HexWinner{ID: r.Contest.ID, Label: hexLabel(r)}
		if r.Decided() {
			out[i].Party = r.Contest.Candidates[r.Elected[0]].Party
		}
	}
	return out
}

// SeatsOf counts the elected candidates of results by party, most seats
// first (equal seats in order of first appearance), for a legend or a
// parliament chart; name gives a party code's display name.
func SeatsOf(results []plurality.Result, name func(party string) string) []PartySeats {
	seats := map[string]int{}
	var order []string
	for i := range results {
		r := &results[i]
		for _, k := range r.Elected {
			c := &r.Contest.Candidates[k]
			if seats[c.Party] == 0 {
				order = append(order, c.Party)
			}
			seats[c.Party]++
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return seats[order[i]] > seats[order[j]] })
	var parties []PartySeats
	for _, p := range order {
		parties = append(parties, PartySeats{Party: p, Name: name(p), Seats: seats[p]})
	}
	return parties
}

// WriteHexMap draws each contest of results on its hex of layout, filled
// with the winner's colour; a hex whose contest is missing or undecided is
// white and says so. Each hex's <title> gives the constituency, winner,
// party and majority; the legend names each party (name gives a party
// code's display name) with its seats.
func WriteHexMap(w io.Writer, title string, layout *hexjson.Layout, results []plurality.Result, name func(party string) string, colours Colours) error {
	return WriteWinnerMap(w, title, layout, HexWinners(results), SeatsOf(results, name), colours)
}

// WriteWinnerMap draws a hex map of layout with each hex filled by its
// winner's colour (white, "no result", where winners has no entry for the
// hex's ID) and a legend of parties. Each hex is a <path class="hex"> with
// data-id, data-party, data-q and data-r (its cell in the layout), data-name
// and a <title> holding the winner's label. It serves the count
// (WriteHexMap) and projections (ProjectedWinners) alike.
func WriteWinnerMap(w io.Writer, title string, layout *hexjson.Layout, winners []HexWinner, parties []PartySeats, colours Colours) error {
	return WriteWinnerMapWith(w, title, layout, winners, parties, colours, ChartOptions{})
}

// WriteWinnerMapWith is WriteWinnerMap with options; a bare map is the
// hexes alone (parties is then not drawn).
func WriteWinnerMapWith(w io.Writer, title string, layout *hexjson.Layout, winners []HexWinner, parties []PartySeats, colours Colours, opt ChartOptions) error {
	byID := make(map[string]*HexWinner, len(winners))
	for i := range winners {
		byID[winners[i].ID] = &winners[i]
	}
	const size = 6.0
	pointy := strings.HasSuffix(layout.Kind, "-r")
	odd := strings.HasPrefix(layout.Kind, "odd")
	type cell struct {
		x, y float64
		h    hexjson.Hex
	}
	cells := make([]cell, len(layout.Hexes))
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i, h := range layout.Hexes {
		var x, y float64
		if pointy {
			shift := 0.0
			if (h.R&1 == 1) == odd {
				shift = 0.5
			}
			x = math.Sqrt(3) * size * (float64(h.Q) + shift)
			y = -1.5 * size * float64(h.R)
		} else {
			shift := 0.0
			if (h.Q&1 == 1) == odd {
				shift = 0.5
			}
			x = 1.5 * size * float64(h.Q)
			y = -math.Sqrt(3) * size * (float64(h.R) + shift)
		}
		cells[i] = cell{x, y, h}
		minX, minY = math.Min(minX, x), math.Min(minY, y)
		maxX, maxY = math.Max(maxX, x), math.Max(maxY, y)
	}
	pad := 2 * size
	top := 50.0
	if opt.Bare {
		top, parties = 0, nil
	}
	mapW, mapH := maxX-minX+2*pad, maxY-minY+2*pad
	// A tall map (Great Britain) gets its legend beside it, a wide one
	// below it.
	legendX, legendTop, legendW := pad, mapH+top+10, math.Max(mapW, 420)-2*pad
	width := math.Max(mapW, 420)
	height := legendTop + legendHeight(len(parties), legendW) + 10
	if opt.Bare {
		width, height = mapW, mapH
	} else if mapH > mapW {
		legendX, legendTop, legendW = mapW+pad, top+10, 300
		width = mapW + legendW + 2*pad
		height = math.Max(mapH+top, legendTop+legendHeight(len(parties), legendW)) + 10
	}
	var corners [6][2]float64
	for k := range corners {
		a := math.Pi / 3 * float64(k)
		if pointy {
			a += math.Pi / 6
		}
		corners[k] = [2]float64{size * math.Cos(a), size * math.Sin(a)}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" role="img" aria-labelledby="map-title" font-family="sans-serif" class="psephos-hexmap">`+"\n", f2(width), f2(height))
	fmt.Fprintf(&b, `<title id="map-title">%s</title>`+"\n", esc(title))
	if !opt.Bare {
		first, second, _ := strings.Cut(title, ": ")
		fmt.Fprintf(&b, `<text x="%s" y="20" font-size="16" font-weight="bold">%s</text><text x="%s" y="40" font-size="13">%s</text>`+"\n", f2(pad), esc(first), f2(pad), esc(second))
	}
	for _, c := range cells {
		x, y := c.x-minX+pad, c.y-minY+pad+top
		var d strings.Builder
		for k, p := range corners {
			if k == 0 {
				d.WriteString("M")
			} else {
				d.WriteString("L")
			}
			d.WriteString(f2(x+p[0]) + " " + f2(y+p[1]))
		}
		d.WriteString("Z")
		fill, party, label := "#ffffff", "", c.h.Name+": no result"
		if r, ok := byID[c.h.ID]; ok {
			label, party = r.Label, r.Party
			if party != "" {
				fill = colours.Of(party)
			}
		}
		fmt.Fprintf(&b, `<path class="hex" data-id="%s" data-party="%s" d="%s" fill="%s" stroke="#fff" stroke-width="0.6" tabindex="0" data-q="%d" data-r="%d" data-name="%s"><title>%s</title></path>`+"\n",
			esc(c.h.ID), esc(party), d.String(), fill, c.h.Q, c.h.R, esc(c.h.Name), esc(label))
	}
	legend(&b, parties, legendX, legendTop, legendW, colours)
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func hexLabel(r *plurality.Result) string {
	c := r.Contest
	if !r.Decided() {
		if r.Tie != nil {
			var n []string
			for _, k := range r.Tie.Candidates {
				n = append(n, c.Candidates[k].Label())
			}
			return fmt.Sprintf("%s: tie between %s, %s votes each, to be decided by lot", c.Name, strings.Join(n, " and "), num(r.Tie.Votes))
		}
		return c.Name + ": undecided"
	}
	k := &c.Candidates[r.Elected[0]]
	s := fmt.Sprintf("%s: %s (%s) won with %s votes (%s%%), majority %s", c.Name, k.Label(), k.Party, num(k.Votes), dec(100*float64(k.Votes)/float64(max(r.Valid, 1)), 1), num(r.Majority))
	for _, p := range r.Placings {
		if !p.Elected {
			s += fmt.Sprintf(" over %s (%s)", c.Candidates[p.Candidate].Label(), c.Candidates[p.Candidate].Party)
			break
		}
	}
	return s
}

// A ShareBar is one party's pair of bars: its share of the votes and of
// the seats (percent) and its seats.
type ShareBar struct {
	Party, Name          string
	VoteShare, SeatShare float64
	Seats                int
}

// WriteBars draws, for each party with seats or at least minShare percent
// of the votes, its vote share and its seat share as two bars, labelled
// with both numbers.
func WriteBars(w io.Writer, title string, s *measure.Summary, minShare float64, colours Colours) error {
	var rows []ShareBar
	for _, p := range s.Parties {
		if p.Seats > 0 || p.VoteShare >= minShare {
			rows = append(rows, ShareBar{p.Party.ID, p.Party.Name, p.VoteShare, p.SeatShare, p.Seats})
		}
	}
	return WriteShareBars(w, title, rows, colours)
}

// WriteShareBars draws the rows as WriteBars does, in the order given; it
// serves other systems' seats and projections.
func WriteShareBars(w io.Writer, title string, rows []ShareBar, colours Colours) error {
	top := 0.0
	for _, p := range rows {
		top = math.Max(top, math.Max(p.VoteShare, p.SeatShare))
	}
	const width, label, rowH = 760.0, 260.0, 34.0
	height := 60 + rowH*float64(len(rows)) + 10
	barW := width - label - 100
	scale := barW / math.Max(top, 1)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" role="img" aria-labelledby="bars-title" font-family="sans-serif" class="psephos-bars">`+"\n", f2(width), f2(height))
	fmt.Fprintf(&b, `<title id="bars-title">%s</title>`+"\n", esc(title))
	fmt.Fprintf(&b, `<text x="10" y="22" font-size="15" font-weight="bold">%s</text>`+"\n", esc(title))
	fmt.Fprintf(&b, `<rect x="%s" y="32" width="12" height="8" fill="#888"/><text x="%s" y="40" font-size="12">share of votes</text>`, f2(label), f2(label+16))
	fmt.Fprintf(&b, `<rect x="%s" y="32" width="12" height="8" fill="#888" fill-opacity="0.45" stroke="#000" stroke-width="0.5"/><text x="%s" y="40" font-size="12">share of seats</text>`+"\n", f2(label+130), f2(label+146))
	for i, p := range rows {
		y := 52 + rowH*float64(i)
		col := colours.Of(p.Party)
		fmt.Fprintf(&b, `<g class="party-bars" data-party="%s"><title>%s: %s%% of the votes, %s%% of the seats (%d)</title>`, esc(p.Party), esc(p.Name), dec(p.VoteShare, 1), dec(p.SeatShare, 1), p.Seats)
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="13" text-anchor="end">%s</text>`, f2(label-8), f2(y+17), esc(p.Name))
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="12" fill="%s"/><text x="%s" y="%s" font-size="11">%s%% votes</text>`,
			f2(label), f2(y), f2(p.VoteShare*scale), col, f2(label+p.VoteShare*scale+4), f2(y+10), dec(p.VoteShare, 1))
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="12" fill="%s" fill-opacity="0.45" stroke="%s" stroke-width="0.8"/><text x="%s" y="%s" font-size="11">%s%% seats</text></g>`+"\n",
			f2(label), f2(y+14), f2(p.SeatShare*scale), col, col, f2(label+p.SeatShare*scale+4), f2(y+24), dec(p.SeatShare, 1))
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
