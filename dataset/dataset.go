package dataset

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// A Dataset is one official results file (or a map layout for them).
type Dataset struct {
	Name   string // e.g. "uk-ge-2024"
	Title  string // e.g. "UK general election, 4 July 2024"
	Source string // the publisher and publication
	Path   string // path inside a data folder, slash-separated
	URL    string // where the publisher serves it
	SHA256 string // hex digest of the tested release
	Noun   string // what one contest is called, e.g. "constituency"
	// Totals names a dataset of the same election that gives each contest's
	// electorate and rejected ballots, merged in when available; "" for none.
	Totals string
}

// All are the known datasets.
var All = []Dataset{
	{"uk-ge-2024", "UK general election, 4 July 2024", "House of Commons Library, briefing CBP-10009, results by candidate (Open Parliament Licence v3.0)",
		"uk/ge2024/HoC-GE2024-results-by-candidate.csv",
		"https://researchbriefings.files.parliament.uk/documents/CBP-10009/HoC-GE2024-results-by-candidate.csv",
		"040939fc0e96bde91b7b534db43b7c90e35ec2207b6ab3fdb2456d0acb43bb08", "constituency", "uk-ge-2024-constituencies"},
	{"uk-ge-2024-constituencies", "UK general election, 4 July 2024 (results by constituency)", "House of Commons Library, briefing CBP-10009, results by constituency (Open Parliament Licence v3.0)",
		"uk/ge2024/HoC-GE2024-results-by-constituency.csv",
		"https://researchbriefings.files.parliament.uk/documents/CBP-10009/HoC-GE2024-results-by-constituency.csv",
		"71533da2e4746c996350211c280be8b934d16485d33e5996271512f676b19590", "constituency", ""},
	{"uk-ge-2019", "UK general election, 12 December 2019", "House of Commons Library, briefing CBP-8749, results by candidate (Open Parliament Licence v3.0)",
		"uk/ge2019/HoC-GE2019-results-by-candidate.csv",
		"https://researchbriefings.files.parliament.uk/documents/CBP-8749/HoC-GE2019-results-by-candidate.csv",
		"2197d779b58c234640537bc4a95751234378acc841a4d415d41f5de8b387e662", "constituency", "uk-ge-2019-constituencies"},
	{"uk-ge-2019-constituencies", "UK general election, 12 December 2019 (results by constituency)", "House of Commons Library, briefing CBP-8749, results by constituency (Open Parliament Licence v3.0)",
		"uk/ge2019/HoC-GE2019-results-by-constituency.csv",
		"https://researchbriefings.files.parliament.uk/documents/CBP-8749/HoC-GE2019-results-by-constituency.csv",
		"ce7dad684861742ef85440d926c0df558d67da60dc7a2de94bfe8853c16cd1f2", "constituency", ""},
	{"uk-ge-2019-notional", "UK general election, 12 December 2019, notional results on the 2024 boundaries", "Rallings and Thrasher, published by the UK Parliament election results website (Open Parliament Licence v3.0)",
		"uk/ge2019-notional/candidate-level-results-notional-general-election-12-12-2019.csv",
		"https://electionresults.parliament.uk/general-elections/5/candidacies.csv",
		"e8fae90cce001392388c0192446c8a2c2cd55ecabf10303354f518faca38b5de", "constituency", ""},
	{"uk-2024-hexmap", "UK Parliament constituencies 2024, hex cartogram", "Open Innovations, HexJSON v1.2 (MIT licence)",
		"uk/maps/uk-constituencies-2024.hexjson",
		"https://github.com/open-innovations/constituencies/raw/refs/heads/main/src/_data/hexjson/uk-constituencies-2024.hexjson",
		"7a99cbd2f9574ee7e3fcb55a106189b7342d35c899e96554f51c06b6c73469d0", "", ""},
}

// Lookup returns the dataset with the given name.
func Lookup(name string) (Dataset, bool) {
	for _, d := range All {
		if d.Name == name {
			return d, true
		}
	}
	return Dataset{}, false
}

// Names lists the dataset names in order.
func Names() []string {
	out := make([]string, len(All))
	for i, d := range All {
		out[i] = d.Name
	}
	sort.Strings(out)
	return out
}

// UserAgent is sent with downloads. The Library's server has been seen to
// refuse clients without a browser-like User-Agent.
const UserAgent = "Mozilla/5.0 (compatible; psephos/1; +https://github.com/psephos/psephos)"

// A Resolver finds datasets' files.
type Resolver struct {
	// DataDir is a data folder to look in first ("" to skip).
	DataDir string
	// CacheDir holds downloaded files ("" to never download).
	CacheDir string
	// Client makes the download (http.DefaultClient when nil).
	Client *http.Client
	// Log, when set, is told about downloads.
	Log io.Writer
}

// ErrChanged is wrapped by errors about a file that is not the tested release.
var ErrChanged = errors.New("file differs from the tested release")

// Resolve returns the path of the dataset's file, downloading it into the
// cache when no data folder holds it. Errors say what to do: where to put a
// file downloaded by hand, or how to read a changed file by its path.
func (r *Resolver) Resolve(ctx context.Context, d Dataset) (string, error) {
	rel := filepath.FromSlash(d.Path)
	if r.DataDir != "" {
		p := filepath.Join(r.DataDir, rel)
		if _, err := os.Stat(p); err == nil {
			return p, check(p, d)
		}
	}
	if r.CacheDir == "" {
		return "", fmt.Errorf("dataset %s: not found in the data folder %q; download %s and put it at %s, or set --data-dir", d.Name, r.DataDir, d.URL, filepath.Join(r.DataDir, rel))
	}
	cached := filepath.Join(r.CacheDir, rel)
	if _, err := os.Stat(cached); err == nil {
		return cached, check(cached, d)
	}
	if err := r.download(ctx, d, cached); err != nil {
		return "", err
	}
	return cached, nil
}

func check(path string, d Dataset) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != d.SHA256 {
		return fmt.Errorf("dataset %s: %s has SHA-256 %s, but the tested release has %s: %w; it is not used under this name (read it by its path if you trust it)", d.Name, path, got, d.SHA256, ErrChanged)
	}
	return nil
}

func (r *Resolver) download(ctx context.Context, d Dataset, dst string) error {
	byHand := fmt.Sprintf("download it by hand from %s (a browser works) and either pass the file's path, or put it at %s", d.URL, dst)
	if r.DataDir != "" {
		byHand = fmt.Sprintf("download it by hand from %s (a browser works) and put it at %s", d.URL, filepath.Join(r.DataDir, filepath.FromSlash(d.Path)))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, d.URL, nil)
	if err != nil {
		return err
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/csv,*/*")
	client := r.Client
	if client == nil {
		client = http.DefaultClient
	}
	if r.Log != nil {
		fmt.Fprintf(r.Log, "psephos: downloading %s from %s\n", d.Name, d.URL)
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("dataset %s: download failed (%v); %s", d.Name, err, byHand)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		why := "the server refused the download"
		if resp.StatusCode == http.StatusForbidden {
			why += " (it has been seen to refuse programs that are not browsers)"
		}
		return fmt.Errorf("dataset %s: %s: HTTP %s; %s", d.Name, why, resp.Status, byHand)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".download-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(tmp, h), resp.Body); err != nil {
		tmp.Close()
		return fmt.Errorf("dataset %s: download interrupted (%v); %s", d.Name, err, byHand)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != d.SHA256 {
		kept := dst + ".unverified"
		os.Rename(tmp.Name(), kept)
		return fmt.Errorf("dataset %s: the publisher's file has SHA-256 %s, but the tested release has %s: %w; saved at %s and not used under this name (the publisher may have revised it; read it by its path if you trust it)",
			d.Name, got, d.SHA256, ErrChanged, kept)
	}
	return os.Rename(tmp.Name(), dst)
}

// IsName reports whether s looks like a dataset name rather than a path:
// it has no path separator and no dot.
func IsName(s string) bool {
	return !strings.ContainsAny(s, `/\.`)
}
