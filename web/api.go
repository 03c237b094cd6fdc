package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/psephos/psephos/apportion"
	"github.com/psephos/psephos/compare"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/measure"
	"github.com/psephos/psephos/plurality"
	"github.com/psephos/psephos/report"
	"github.com/psephos/psephos/swing"
)

// params are the query parameters an endpoint takes, each with whether it
// may be repeated. A request with another parameter, or a single one given
// twice, is refused (400): a mistyped name must not be ignored.
type params map[string]bool

func join(ps ...params) params {
	out := params{}
	for _, p := range ps {
		for k, v := range p {
			out[k] = v
		}
	}
	return out
}

var (
	electionParams = params{"election": false}
	reportParams   = join(electionParams, params{"by": false})
	explainParams  = join(electionParams, params{"party": false})
	optionParams   = params{"list_share": false, "threshold": false, "independent": true}
	compareParams  = join(electionParams, optionParams, params{"systems": true})
	shareParams    = params{"share": true, "model": false, "successor": true, "fixed": true, "gb_wide": true, "scope": false, "strong_threshold": false}
	projectParams  = join(electionParams, shareParams)
	viewParams     = join(electionParams, optionParams, shareParams, params{"system": false})
	uploadParams   = params{"name": false, "input_format": false}
)

func (p params) check(q url.Values) error {
	if p == nil {
		return nil
	}
	names := make([]string, 0, len(q))
	for k := range q {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		repeat, ok := p[k]
		switch {
		case !ok:
			known := make([]string, 0, len(p))
			for n := range p {
				known = append(known, n)
			}
			slices.Sort(known)
			msg := fmt.Sprintf("unknown parameter %q", k)
			for _, n := range known {
				if strings.TrimSuffix(k, "s") == strings.TrimSuffix(n, "s") || strings.EqualFold(k, n) || strings.ReplaceAll(k, "-", "_") == n {
					msg += fmt.Sprintf(" (did you mean %q?)", n)
					break
				}
			}
			if len(known) == 0 {
				return httpError(http.StatusBadRequest, "%s: this endpoint takes no parameters", msg)
			}
			return httpError(http.StatusBadRequest, "%s: this endpoint takes %s", msg, strings.Join(known, ", "))
		case !repeat && len(q[k]) > 1:
			return httpError(http.StatusBadRequest, "parameter %q is given %d times; expected it once", k, len(q[k]))
		}
	}
	return nil
}

// endpoints are the API's paths and methods, for 405 answers.
var endpoints = map[string]string{
	"/api/datasets": http.MethodGet, "/api/report": http.MethodGet, "/api/count": http.MethodGet,
	"/api/explain": http.MethodGet, "/api/compare": http.MethodGet, "/api/project": http.MethodGet,
	"/api/view": http.MethodGet, "/api/upload": http.MethodPost,
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) error {
	if m, ok := endpoints[r.URL.Path]; ok || strings.HasPrefix(r.URL.Path, "/api/svg/") {
		if !ok {
			m = http.MethodGet
		}
		w.Header().Set("Allow", m)
		return httpError(http.StatusMethodNotAllowed, "%s %s: expected %s", r.Method, r.URL.Path, m)
	}
	return httpError(http.StatusNotFound, "no such API endpoint: %s %s", r.Method, r.URL.Path)
}

// writeJSONBody writes v (or the output of a report writer) with status 200.
func writeBody(w http.ResponseWriter, contentType string, render func(*bytes.Buffer) error) error {
	var b bytes.Buffer
	if err := render(&b); err != nil {
		return err
	}
	w.Header().Set("Content-Type", contentType)
	_, err := w.Write(b.Bytes())
	return err
}

func writeJSON(w http.ResponseWriter, v any) error {
	return writeBody(w, "application/json; charset=utf-8", func(b *bytes.Buffer) error {
		enc := json.NewEncoder(b)
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	})
}

// DatasetJSON is one election offered by GET /api/datasets.
type DatasetJSON struct {
	Name    string `json:"name"`
	Title   string `json:"title"`
	Source  string `json:"source"`
	Default bool   `json:"default"`
}

func (s *Server) datasets(w http.ResponseWriter, r *http.Request) error {
	out := struct {
		Datasets  []DatasetJSON `json:"datasets"`
		Formats   []string      `json:"input_formats"`
		MaxUpload int64         `json:"max_upload"`
		HexMap    string        `json:"hexmap"`
	}{Datasets: []DatasetJSON{}, Formats: format.Names(), MaxUpload: s.cfg.MaxUpload, HexMap: s.cfg.HexMapSource}
	for _, d := range s.cfg.Datasets {
		out.Datasets = append(out.Datasets, DatasetJSON{d.Name, d.Title, d.Source, d.Name == s.cfg.Default})
	}
	return writeJSON(w, out)
}

func (s *Server) summary(el *Election, by string) *report.Report {
	rep := &report.Report{Election: el.Title, Source: el.Source, InputFormat: el.Format, Notes: el.Election.Notes, Noun: el.Noun,
		Whole: measure.Summarize(el.Election, el.Results)}
	if by != "" {
		rep.Areas = measure.ByArea(el.Election, el.Results, by)
	}
	return rep
}

func (s *Server) report(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	by := q.Get("by")
	if by != "" && by != election.Nation && by != election.Region {
		return httpError(http.StatusBadRequest, "by=%q: expected nation or region", by)
	}
	el, err := s.election(r.Context(), q.Get("election"))
	if err != nil {
		return err
	}
	rep := s.summary(el, by)
	return writeBody(w, "application/json; charset=utf-8", func(b *bytes.Buffer) error { return report.WriteSummary(b, rep, report.JSON) })
}

func (s *Server) count(w http.ResponseWriter, r *http.Request) error {
	el, err := s.election(r.Context(), r.URL.Query().Get("election"))
	if err != nil {
		return err
	}
	c := &report.Count{Election: el.Title, Source: el.Source, InputFormat: el.Format, Results: el.Results}
	return writeBody(w, "application/json; charset=utf-8", func(b *bytes.Buffer) error { return report.WriteCount(b, c, report.JSON) })
}

func (s *Server) explain(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	party := q.Get("party")
	if party == "" {
		return httpError(http.StatusBadRequest, "party: required (a party code such as RUK, or its name)")
	}
	el, err := s.election(r.Context(), q.Get("election"))
	if err != nil {
		return err
	}
	d, err := measure.Explain(el.Election, el.Results, party)
	if err != nil {
		return httpError(http.StatusBadRequest, "party: %v", err)
	}
	x := &report.Explanation{Report: s.summary(el, ""), Detail: d}
	return writeBody(w, "application/json; charset=utf-8", func(b *bytes.Buffer) error { return report.WriteExplanation(b, x, report.JSON) })
}

// percent reads a share parameter exactly: a percent such as "40" or "5%",
// or a fraction such as "2/5" (apportion.ParseShare).
func percent(q url.Values, name, def string) (apportion.Ratio, bool, error) {
	v := q.Get(name)
	if v == "" {
		v = def
	}
	if v == "" {
		return apportion.Ratio{}, false, nil
	}
	p, err := apportion.ParseShare(v)
	if err != nil {
		return p, false, httpError(http.StatusBadRequest, "%s=%q: %v", name, v, err)
	}
	return p, true, nil
}

// compareOptions reads list_share (default 40), threshold and independent,
// as `psephos compare` reads its flags. Without independent, Independents
// is nil: the caller sets compare.Individuals of the election.
func (s *Server) compareOptions(q url.Values) (compare.Options, error) {
	opt := compare.Options{Seed: s.cfg.Seed}
	if v, ok := q["independent"]; ok {
		opt.Independents = splitList(v)
	}
	share, _, err := percent(q, "list_share", "40")
	if err != nil {
		return opt, err
	}
	if share.Num <= 0 || share.Num >= share.Den {
		return opt, httpError(http.StatusBadRequest, "list_share=%q: expected a percent above 0 and below 100", q.Get("list_share"))
	}
	opt.ListShare = share
	t, ok, err := percent(q, "threshold", "")
	if err != nil {
		return opt, err
	}
	if ok {
		opt.Threshold.Share = t
		if err := opt.Threshold.Validate(); err != nil {
			return opt, httpError(http.StatusBadRequest, "threshold: %v", err)
		}
	}
	return opt, nil
}

// splitList reads a parameter given as several values, or as one value
// with commas.
func splitList(vs []string) []string {
	var out []string
	for _, v := range vs {
		for _, x := range strings.Split(v, ",") {
			if x = strings.TrimSpace(x); x != "" {
				out = append(out, x)
			}
		}
	}
	return out
}

func parseSystems(specs []string) ([]compare.System, error) {
	var out []compare.System
	for _, spec := range specs {
		x, err := compare.ParseSystem(spec)
		if err != nil {
			return nil, httpError(http.StatusBadRequest, "systems: %v", err)
		}
		out = append(out, x)
	}
	return out, nil
}

func (s *Server) compare(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	specs := splitList(q["systems"])
	if len(specs) == 0 {
		specs = []string{"fptp", "dhondt@region", "sainte-lague", "ams@region"}
	}
	systems, err := parseSystems(specs)
	if err != nil {
		return err
	}
	opt, err := s.compareOptions(q)
	if err != nil {
		return err
	}
	el, err := s.election(r.Context(), q.Get("election"))
	if err != nil {
		return err
	}
	if opt.Independents == nil {
		opt.Independents = compare.Individuals(el.Election)
	}
	c, failed, err := runSystems(r.Context(), el.Election, el.Results, systems, opt)
	if err != nil {
		return err
	}
	for _, f := range failed {
		if f != nil {
			return httpError(http.StatusUnprocessableEntity, "%v", f)
		}
	}
	if c.Election == "" {
		c.Election = el.Title
	}
	x := &report.Comparison{Source: el.Source, InputFormat: el.Format, Notes: el.Election.Notes, Result: c}
	return writeBody(w, "application/json; charset=utf-8", func(b *bytes.Buffer) error { return report.WriteComparison(b, x, report.JSON) })
}

// runSystems runs compare on each system in turn, checking ctx between
// them, so that the request's time limit stops the work. A system that
// fails gets its error in failed (at its index) and a placeholder outcome
// (its spec, no seats) in the comparison; the others are still run. The
// error is ctx's, or one that fails every system (the options).
func runSystems(ctx context.Context, e *election.Election, results []plurality.Result, systems []compare.System, opt compare.Options) (*compare.Comparison, []error, error) {
	var c *compare.Comparison
	failed := make([]error, len(systems))
	var outcomes []compare.Outcome
	for i, x := range systems {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		one, err := compare.Run(e, results, []compare.System{x}, opt)
		if err != nil {
			failed[i] = err
			outcomes = append(outcomes, compare.Outcome{System: x, Label: x.Spec})
			continue
		}
		if c == nil {
			c = one
		}
		outcomes = append(outcomes, one.Outcomes[0])
	}
	if c == nil { // every system failed: the parties from none
		one, err := compare.Run(e, results, nil, opt)
		if err != nil {
			return nil, nil, httpError(http.StatusUnprocessableEntity, "%v", err)
		}
		c = one
	}
	for i := range outcomes {
		if outcomes[i].Seats == nil {
			outcomes[i].Seats = make([]int, len(c.Parties))
		}
	}
	c.Outcomes = outcomes
	return c, failed, nil
}

// projector reads the projection parameters, as `psephos project` reads
// its flags: share (repeatable, PARTY=PCT,...; "AREA: ..." for a nation or
// region), model (default uns), successor (OLD=NEW, repeatable), scope
// (auto, gb, all), fixed (default Spk), strong_threshold (percent, default
// 20).
func projector(q url.Values, e *election.Election) (*swing.Projector, error) {
	model := swing.Uniform
	if v := q.Get("model"); v != "" {
		m, err := swing.ParseModel(v)
		if err != nil {
			return nil, httpError(http.StatusBadRequest, "model: %v", err)
		}
		model = m
	}
	opt := swing.Options{Model: model, Fixed: []string{"Spk"}, Successors: map[string]string{}}
	for _, spec := range q["share"] {
		t, err := swing.ParseTarget(spec)
		if err != nil {
			return nil, httpError(http.StatusBadRequest, "share: %v", err)
		}
		opt.Targets = append(opt.Targets, t)
	}
	if len(opt.Targets) == 0 {
		return nil, httpError(http.StatusBadRequest, "share: required, e.g. share=Lab=30,Con=25,RUK=20,Oth=25 (percent)")
	}
	for _, x := range splitList(q["successor"]) {
		old, nw, ok := strings.Cut(x, "=")
		if !ok || old == "" || nw == "" {
			return nil, httpError(http.StatusBadRequest, "successor=%q: expected OLD=NEW, e.g. BRX=RUK", x)
		}
		opt.Successors[strings.TrimSpace(old)] = strings.TrimSpace(nw)
	}
	if v, ok := q["fixed"]; ok {
		opt.Fixed = splitList(v)
	}
	opt.GBWide = splitList(q["gb_wide"])
	scope := q.Get("scope")
	if scope == "" {
		scope = swing.ScopeAuto
	}
	var err error
	if opt.Exclude, err = swing.ScopeExclude(e, scope); err != nil {
		return nil, httpError(http.StatusBadRequest, "%v", err)
	}
	if v := q.Get("strong_threshold"); v != "" {
		th, err := strconv.ParseFloat(v, 64)
		if err != nil || !(th > 0 && th < 100) {
			return nil, httpError(http.StatusBadRequest, "strong_threshold=%q: expected a percentage between 0 and 100", v)
		}
		opt.Threshold = th / 100
	}
	p, err := swing.New(e, opt)
	if err != nil {
		return nil, httpError(http.StatusBadRequest, "%v", err)
	}
	return p, nil
}

func (s *Server) project(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	el, err := s.election(r.Context(), q.Get("election"))
	if err != nil {
		return err
	}
	p, err := projector(q, el.Election)
	if err != nil {
		return err
	}
	pr := p.Project()
	if err := r.Context().Err(); err != nil {
		return err
	}
	x := &report.Projection{Baseline: el.Title, Source: el.Source, InputFormat: el.Format, Projection: pr}
	return writeBody(w, "application/json; charset=utf-8", func(b *bytes.Buffer) error { return report.WriteProjection(b, x, report.JSON) })
}

func (s *Server) svg(w http.ResponseWriter, r *http.Request) error {
	chart := r.PathValue("chart")
	if !slices.Contains(report.Charts, chart) {
		return httpError(http.StatusNotFound, "chart %q: expected one of %s", chart, strings.Join(report.Charts, ", "))
	}
	v, err := s.buildView(r.Context(), r.URL.Query(), false)
	if err != nil {
		return err
	}
	var out string
	switch chart {
	case report.Parliament:
		out = v.SVG.Parliament
	case report.Bars:
		out = v.SVG.Bars
	case report.HexMap:
		if v.SVG.Map == "" {
			return httpError(http.StatusNotFound, "no map: %s", v.MapNote)
		}
		out = v.SVG.Map
	default:
		return httpError(http.StatusNotFound, "chart %q: expected one of %s", chart, strings.Join(report.Charts, ", "))
	}
	return writeBody(w, "image/svg+xml; charset=utf-8", func(b *bytes.Buffer) error { _, err := b.WriteString(out); return err })
}
