package web

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/psephos/psephos/dataset"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/hexjson"
	"github.com/psephos/psephos/plurality"
	"github.com/psephos/psephos/report"
)

//go:embed static
var static embed.FS

// An Election is one counted election the server holds.
type Election struct {
	Election *election.Election
	Results  []plurality.Result // plurality.CountElection's, in contest order
	Title    string             // e.g. "UK general election, 4 July 2024"
	Source   string             // the dataset and publisher, or the uploaded file's name
	Format   string             // the reader used, e.g. "hoc-candidates"
	Noun     string             // one contest in prose: "constituency" or "contest"
}

// A Loader reads and counts a named dataset. The server calls it only with
// the name of one of Config.Datasets, at most once at a time per name, and
// keeps what it returns.
type Loader func(ctx context.Context, name string) (*Election, error)

// Defaults of Config. An upload of DefaultMaxCells holds at most that many
// contests and candidates while it is read; one kept within
// DefaultMaxContests and DefaultMaxCandidates costs at most about 40 MB
// (BENCHMARKS.md, "Web page and API": about 400 bytes a contest and 160
// a candidate), so DefaultUploadMemory holds several large uploads or
// hundreds of ordinary ones (the 2024 results by candidate: about 1.2 MB).
const (
	DefaultMaxUpload     = 8 << 20 // bytes; the largest official results file here is 2.7 MB
	DefaultMaxCells      = 400_000 // fields of a file: the 2019 notional results have 187,176
	DefaultMaxContests   = 20_000
	DefaultMaxCandidates = 100_000
	DefaultUploadMemory  = 256 << 20 // bytes, estimated (see Footprint)
	DefaultTimeout       = 30 * time.Second
	DefaultUploads       = 16
)

// Config is what a Server serves.
type Config struct {
	// Datasets are the named elections offered; a request may name only
	// these (Config.Load reads them).
	Datasets []dataset.Dataset
	// Default is the election the page opens with ("" for the first).
	Default string
	Load    Loader
	// HexMap is the constituency layout for maps (nil: no map), and
	// HexMapSource says where it came from.
	HexMap       *hexjson.Layout
	HexMapSource string
	// Colours override report.DefaultColours.
	Colours report.Colours
	// MaxUpload is the largest results file accepted, in bytes
	// (default DefaultMaxUpload).
	MaxUpload int64
	// MaxCells bounds the fields of an uploaded file (its delimiters and
	// line breaks, or XML tags, counted before it is read), and so the
	// memory that reading it takes (default DefaultMaxCells).
	MaxCells int
	// MaxContests and MaxCandidates bound the election read from an upload
	// (defaults DefaultMaxContests, DefaultMaxCandidates).
	MaxContests, MaxCandidates int
	// Timeout bounds each request, the page's included (default
	// DefaultTimeout): its work is stopped, not only its answer.
	Timeout time.Duration
	// Uploads is how many uploaded elections are kept in memory, and
	// UploadMemory the memory they may take together (bytes, estimated by
	// Footprint); the oldest are dropped first (defaults DefaultUploads,
	// DefaultUploadMemory).
	Uploads      int
	UploadMemory int64
	// Seed seeds the lot that compare uses after "most votes" for ties in
	// its hypothetical apportionments.
	Seed uint64
	// Log receives one line per failed request and per load (nil: none).
	Log *log.Logger
}

// A Server is the psephos HTTP handler.
type Server struct {
	cfg     Config
	handler http.Handler

	mu      sync.Mutex
	loaded  map[string]*loading
	uploads []*upload // oldest first
	memory  int64     // the uploads' footprint, bytes
	// reading admits this many uploads to be read at once, so that the
	// memory of reading is bounded too.
	reading chan struct{}
}

type loading struct {
	done chan struct{}
	e    *Election
	err  error
}

type upload struct {
	id   string
	e    *Election
	cost int64 // Footprint
}

// New returns a server for cfg. It is an error to offer no dataset without
// a Loader, or a Default that is not offered.
func New(cfg Config) (*Server, error) {
	if len(cfg.Datasets) > 0 && cfg.Load == nil {
		return nil, errors.New("web: datasets offered without a loader")
	}
	if cfg.Default == "" && len(cfg.Datasets) > 0 {
		cfg.Default = cfg.Datasets[0].Name
	}
	if cfg.Default != "" {
		if _, ok := lookup(cfg.Datasets, cfg.Default); !ok {
			return nil, fmt.Errorf("web: default election %q is not among the datasets offered", cfg.Default)
		}
	}
	positive(&cfg.MaxUpload, DefaultMaxUpload)
	positive(&cfg.Timeout, DefaultTimeout)
	positive(&cfg.Uploads, DefaultUploads)
	positive(&cfg.UploadMemory, DefaultUploadMemory)
	positive(&cfg.MaxCells, DefaultMaxCells)
	positive(&cfg.MaxContests, DefaultMaxContests)
	positive(&cfg.MaxCandidates, DefaultMaxCandidates)
	if cfg.Colours == nil {
		cfg.Colours = report.Colours{}
	}
	s := &Server{cfg: cfg, loaded: map[string]*loading{}, reading: make(chan struct{}, 2)}
	page, err := fs.Sub(static, "static")
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	api := func(pattern string, takes params, h func(http.ResponseWriter, *http.Request) error) {
		mux.Handle(pattern, s.apiHandler(takes, h))
	}
	api("GET /api/datasets", params{}, s.datasets)
	api("GET /api/report", reportParams, s.report)
	api("GET /api/count", electionParams, s.count)
	api("GET /api/explain", explainParams, s.explain)
	api("GET /api/compare", compareParams, s.compare)
	api("GET /api/project", projectParams, s.project)
	api("GET /api/view", viewParams, s.view)
	api("GET /api/svg/{chart}", viewParams, s.svg)
	api("POST /api/upload", uploadParams, s.upload)
	api("/api/", nil, s.notFound) // nil: not checked; the answer is 404 or 405
	// The page's script and style sheet, and nothing else: index.html is
	// served at / only, with its view.
	for _, name := range []string{"app.js", "style.css"} {
		mux.HandleFunc("GET /static/"+name, func(w http.ResponseWriter, r *http.Request) {
			http.ServeFileFS(w, r, page, name)
		})
	}
	mux.Handle("GET /static/", http.NotFoundHandler())
	index, err := fs.ReadFile(page, "index.html")
	if err != nil {
		return nil, err
	}
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { s.page(w, r, index) })
	s.handler = headers(mux)
	return s, nil
}

// positive sets *v to def unless it is above zero.
func positive[T int | int64 | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

// page serves the page with the view its URL asks for already in it (as
// JSON the script draws at once, saving a request), under the requests'
// time limit. Without it when the URL's parameters are wrong or the view
// takes too long: the script then asks /api/view and shows the error.
// party is the page's own parameter (the party explained).
func (s *Server) page(w http.ResponseWriter, r *http.Request, index []byte) {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
	defer cancel()
	body := index
	q := r.URL.Query()
	q.Del("party")
	v, err := func() (*ViewJSON, error) {
		if err := viewParams.check(q); err != nil {
			return nil, err
		}
		return s.buildView(ctx, q, true)
	}()
	if err == nil {
		if j, err := json.Marshal(v); err == nil { // escapes <, > and & in strings: safe in a script element
			body = bytes.Replace(index, []byte("<!--initial-view-->"), slices.Concat([]byte(`<script id="initial-view" type="application/json">`), j, []byte(`</script>`)), 1)
		}
	} else if s.cfg.Log != nil && ctx.Err() != nil {
		s.cfg.Log.Printf("%s %s: the page's view was left out: %v", r.Method, r.URL.RequestURI(), s.deadlineError(ctx, err))
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(body)
}

// ServeHTTP serves the API and the page.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// headers adds the headers every response carries: no sniffing, no
// framing, no referrer, and a content security policy that allows only
// this server's own scripts, styles and pictures.
func headers(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		h.ServeHTTP(w, r)
	})
}

// An Error is an API error: an HTTP status and a message.
type Error struct {
	Status  int
	Message string
}

func (e *Error) Error() string { return e.Message }

func httpError(status int, format string, args ...any) error {
	return &Error{status, fmt.Sprintf(format, args...)}
}

// apiHandler checks the request's parameters against takes, runs h under
// the request time limit and turns its error into a JSON error response. A
// handler writes its response only on success. The limit is a deadline on
// the request's context, which the work checks (per system, per contest
// batch, before an upload is kept): past it the work stops and the answer
// is a JSON 503 saying so, logged as the 503 it is.
func (s *Server) apiHandler(takes params, h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
		defer cancel()
		r = r.WithContext(ctx)
		err := takes.check(r.URL.Query())
		if err == nil {
			err = h(w, r)
		}
		if err != nil {
			s.writeError(w, r, s.deadlineError(ctx, err))
		}
	})
}

// deadlineError words an error caused by the end of the request's context.
func (s *Server) deadlineError(ctx context.Context, err error) error {
	var he *Error
	switch {
	case errors.As(err, &he):
		return err
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil:
		return httpError(http.StatusServiceUnavailable, "the request took longer than %s and was stopped", s.cfg.Timeout)
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		return httpError(http.StatusServiceUnavailable, "the request was cancelled before it was answered")
	}
	return err
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	var he *Error
	var mb *http.MaxBytesError
	switch {
	case errors.As(err, &he):
		status = he.Status
	case errors.As(err, &mb):
		status = http.StatusRequestEntityTooLarge
		err = fmt.Errorf("the file is larger than the limit of %d bytes", mb.Limit)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		status = http.StatusServiceUnavailable
	}
	if s.cfg.Log != nil {
		s.cfg.Log.Printf("%s %s: %d %v", r.Method, r.URL.RequestURI(), status, err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": oneLine(hidePaths(err.Error())), "status": status})
}

// absPath matches an absolute path of two or more elements in a message.
var absPath = regexp.MustCompile(`(^|[\s"'(\[=])((?:/[^/\s"':,()\[\]]+){2,})`)

// hidePaths writes each absolute path in a message as its last element, so
// that no answer tells where the server keeps its files. (Datasets' own
// positions name the dataset: see relabel.)
func hidePaths(msg string) string {
	return absPath.ReplaceAllStringFunc(msg, func(m string) string {
		i := strings.IndexByte(m, '/')
		return m[:i] + path.Base(m[i:])
	})
}

// relabel names a loaded dataset in the positions of its contests and
// candidates (which its errors quote) and hides paths in its notes: "name
// (file.csv):2", never the server's path to the file.
func relabel(e *election.Election, name string) {
	label := func(p *election.Pos) {
		if p.File != "" {
			p.File = name + " (" + path.Base(p.File) + ")"
		}
	}
	for i := range e.Contests {
		c := &e.Contests[i]
		label(&c.Pos)
		for k := range c.Candidates {
			label(&c.Candidates[k].Pos)
		}
	}
	for i, n := range e.Notes {
		e.Notes[i] = hidePaths(n)
	}
}

func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func lookup(ds []dataset.Dataset, name string) (dataset.Dataset, bool) {
	for _, d := range ds {
		if d.Name == name {
			return d, true
		}
	}
	return dataset.Dataset{}, false
}

// UploadPrefix starts the IDs of uploaded elections.
const UploadPrefix = "upload-"

// election returns the election a request names: a dataset offered (loaded
// once, then kept) or an uploaded file still held.
func (s *Server) election(ctx context.Context, name string) (*Election, error) {
	if name == "" {
		name = s.cfg.Default
	}
	if name == "" {
		return nil, httpError(http.StatusBadRequest, "no election given (parameter election)")
	}
	if strings.HasPrefix(name, UploadPrefix) {
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, u := range s.uploads {
			if u.id == name {
				return u.e, nil
			}
		}
		return nil, httpError(http.StatusNotFound, "election %q: no such upload on this server (uploads are kept in memory, the latest %d; upload the file again)", name, s.cfg.Uploads)
	}
	if _, ok := lookup(s.cfg.Datasets, name); !ok {
		var names []string
		for _, d := range s.cfg.Datasets {
			names = append(names, d.Name)
		}
		return nil, httpError(http.StatusNotFound, "election %q: unknown; expected one of: %s, or an uploaded file", name, strings.Join(names, ", "))
	}
	s.mu.Lock()
	l, ok := s.loaded[name]
	if !ok {
		l = &loading{done: make(chan struct{})}
		s.loaded[name] = l
		// The load is the server's, not this request's: it runs apart, is
		// not cut short when the request that started it goes away, and
		// the request waits for it only as long as its own time allows.
		go func() {
			start := time.Now()
			l.e, l.err = s.cfg.Load(context.WithoutCancel(ctx), name)
			if s.cfg.Log != nil {
				s.cfg.Log.Printf("loaded %s in %v (err: %v)", name, time.Since(start).Round(time.Millisecond), l.err)
			}
			if l.err == nil && l.e != nil && l.e.Election != nil {
				relabel(l.e.Election, name)
			}
			if l.err != nil {
				s.mu.Lock()
				delete(s.loaded, name) // try again next time
				s.mu.Unlock()
			}
			close(l.done)
		}()
	}
	s.mu.Unlock()
	select {
	case <-l.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if l.err != nil {
		return nil, httpError(http.StatusServiceUnavailable, "election %q could not be loaded: %v", name, hidePaths(l.err.Error()))
	}
	return l.e, nil
}

// Warm loads the default election, so that the first page is drawn
// without waiting for it. Errors are the loader's; a failed load is tried
// again by the next request.
func (s *Server) Warm(ctx context.Context) error {
	if s.cfg.Default == "" {
		return nil
	}
	_, err := s.election(ctx, s.cfg.Default)
	return err
}

// Serve serves h on addr until ctx is done, then shuts down gracefully:
// it stops listening and waits up to grace for requests in flight. ready,
// when not nil, is told the server's address (http://host:port) once it
// listens.
func Serve(ctx context.Context, addr string, h http.Handler, grace time.Duration, ready func(url string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // an upload over a slow line
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready("http://" + ln.Addr().String())
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
