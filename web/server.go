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

// Defaults of Config.
const (
	DefaultMaxUpload = 32 << 20 // bytes
	DefaultTimeout   = 30 * time.Second
	DefaultUploads   = 16
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
	// Timeout bounds each API request (default DefaultTimeout).
	Timeout time.Duration
	// Uploads is how many uploaded elections are kept in memory, the oldest
	// dropped first (default DefaultUploads).
	Uploads int
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
}

type loading struct {
	done chan struct{}
	e    *Election
	err  error
}

type upload struct {
	id string
	e  *Election
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
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = DefaultMaxUpload
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Uploads <= 0 {
		cfg.Uploads = DefaultUploads
	}
	if cfg.Colours == nil {
		cfg.Colours = report.Colours{}
	}
	s := &Server{cfg: cfg, loaded: map[string]*loading{}}
	page, err := fs.Sub(static, "static")
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	api := func(pattern string, h func(http.ResponseWriter, *http.Request) error) {
		mux.Handle(pattern, s.apiHandler(h))
	}
	api("GET /api/datasets", s.datasets)
	api("GET /api/report", s.report)
	api("GET /api/count", s.count)
	api("GET /api/explain", s.explain)
	api("GET /api/compare", s.compare)
	api("GET /api/project", s.project)
	api("GET /api/view", s.view)
	api("GET /api/svg/{chart}", s.svg)
	api("POST /api/upload", s.upload)
	api("/api/", s.notFound)
	files := http.FileServerFS(page) // the embedded files only
	mux.Handle("GET /static/", http.StripPrefix("/static/", files))
	index, err := fs.ReadFile(page, "index.html")
	if err != nil {
		return nil, err
	}
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { s.page(w, r, index) })
	s.handler = headers(mux)
	return s, nil
}

// page serves the page with the view its URL asks for already in it (as
// JSON the script draws at once, saving a request), or without it when
// the URL's parameters are wrong (the script then asks /api/view and shows
// the error).
func (s *Server) page(w http.ResponseWriter, r *http.Request, index []byte) {
	body := index
	if v, err := s.buildView(r); err == nil {
		if j, err := json.Marshal(v); err == nil { // escapes <, > and & in strings: safe in a script element
			body = bytes.Replace(index, []byte("<!--initial-view-->"), slices.Concat([]byte(`<script id="initial-view" type="application/json">`), j, []byte(`</script>`)), 1)
		}
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

// apiHandler runs h under the request time limit and turns its error into
// a JSON error response. A handler writes its response only on success.
func (s *Server) apiHandler(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
	body, _ := json.Marshal(map[string]any{"error": "the request took longer than " + s.cfg.Timeout.String() + " and was stopped", "status": http.StatusServiceUnavailable})
	timed := http.TimeoutHandler(inner, s.cfg.Timeout, string(body))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Set before the time limit so that its 503 is JSON too; a
		// handler's own Content-Type replaces it.
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		timed.ServeHTTP(w, r)
	})
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
	json.NewEncoder(w).Encode(map[string]any{"error": oneLine(err.Error()), "status": status})
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
		s.mu.Unlock()
		// The load is the server's, not this request's: it is not cut short
		// when the request that started it goes away.
		start := time.Now()
		l.e, l.err = s.cfg.Load(context.WithoutCancel(ctx), name)
		if s.cfg.Log != nil {
			s.cfg.Log.Printf("loaded %s in %v (err: %v)", name, time.Since(start).Round(time.Millisecond), l.err)
		}
		if l.err != nil {
			s.mu.Lock()
			delete(s.loaded, name) // try again next time
			s.mu.Unlock()
		}
		close(l.done)
	} else {
		s.mu.Unlock()
	}
	select {
	case <-l.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if l.err != nil {
		return nil, httpError(http.StatusServiceUnavailable, "election %q could not be loaded: %v", name, l.err)
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
