package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/psephos/psephos/dataset"
	"github.com/psephos/psephos/format/hexjson"
	"github.com/psephos/psephos/report"
	"github.com/psephos/psephos/web"
)

func newServe() *cobra.Command {
	var f inputFlags
	var addr, hexmap, colours, open string
	var maxUpload, uploadMemory int64
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080]",
		Short: "Serve the web page and the JSON API: parliament, map, seats against votes, other systems, projections",
		Long: `serve runs an HTTP server with psephos's page (an election at a glance: the
parliament, the hex map, seats against votes, the systems of "compare" and
vote-share sliders that run "project") and a JSON API over the same packages
as the command line (see the README, "Web page and API").

Elections are the named datasets (read from --data-dir, else the cache, else
downloaded once) and files uploaded to the page, kept in memory. Stop it with
Ctrl-C: it finishes the requests in flight, then exits.`,
		Example: `  PSEPHOS_DATA=../shared/data psephos serve
  psephos serve --addr 127.0.0.1:9000 --hexmap uk-constituencies-2024.hexjson --colours Lab=#dc241f`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			pal := report.Colours{}
			if err := pal.Set(colours); err != nil {
				return usageError{fmt.Errorf("--colours: %v", err)}
			}
			if timeout <= 0 || maxUpload <= 0 || uploadMemory <= 0 {
				return usageError{fmt.Errorf("--timeout, --max-upload and --upload-memory must be above 0")}
			}
			stderr := cmd.ErrOrStderr()
			logger := log.New(stderr, "psephos serve: ", log.LstdFlags)
			cfg := web.Config{Default: open, Colours: pal, MaxUpload: maxUpload, UploadMemory: uploadMemory, Timeout: timeout, Seed: f.seed, Log: logger}
			for _, d := range dataset.All {
				if d.Noun != "" { // results, not map layouts
					cfg.Datasets = append(cfg.Datasets, d)
				}
			}
			// Datasets are read exactly as the other commands read them.
			cfg.Load = func(ctx context.Context, name string) (*web.Election, error) {
				l, err := f.load(ctx, name, io.Discard)
				if err != nil {
					return nil, err
				}
				return &web.Election{Election: l.e, Results: l.results, Title: l.name, Source: l.source, Format: l.format, Noun: l.noun}, nil
			}
			if hexmap != "" {
				layout, err := f.readHexMap(cmd, hexmap)
				if err != nil {
					if cmd.Flags().Changed("hexmap") {
						return err
					}
					logger.Printf("no map: %v", err)
				} else {
					cfg.HexMap, cfg.HexMapSource = layout, hexmap
				}
			}
			srv, err := web.New(cfg)
			if err != nil {
				return usageError{err}
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			go srv.Warm(ctx) // read the first election while the browser starts
			return web.Serve(ctx, addr, srv, 10*time.Second, func(url string) {
				fmt.Fprintf(stderr, "psephos: serving on %s (Ctrl-C to stop)\n", url)
			})
		},
	}
	f.register(cmd)
	fl := cmd.Flags()
	for _, name := range []string{"format", "input-format", "column", "delimiter"} {
		fl.MarkHidden(name) // datasets are read as named; uploads are detected
	}
	fl.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on, host:port (port 0 picks a free one)")
	fl.StringVar(&open, "open", "uk-ge-2024", "the election the page opens with (a dataset name)")
	fl.StringVar(&hexmap, "hexmap", "uk-2024-hexmap", "the HexJSON layout of the map: a file or a dataset name (\"\" for no map)")
	fl.StringVar(&colours, "colours", "", "party colours, as PARTY=#rrggbb,... (default: the documented table in report/colours.go)")
	fl.Int64Var(&maxUpload, "max-upload", web.DefaultMaxUpload, "largest results file accepted for upload, in bytes")
	fl.Int64Var(&uploadMemory, "upload-memory", web.DefaultUploadMemory, "memory the uploads kept may take together, in bytes (estimated; the oldest are dropped first)")
	fl.DurationVar(&timeout, "timeout", web.DefaultTimeout, "time limit of each request (the page's and the API's): past it the work stops and the answer is 503")
	return cmd
}

// readHexMap reads a HexJSON layout given as a file or a dataset name.
func (f *inputFlags) readHexMap(cmd *cobra.Command, arg string) (*hexjson.Layout, error) {
	path, _, _, err := f.resolve(cmd.Context(), arg, cmd.ErrOrStderr())
	if err != nil {
		return nil, err
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return hexjson.Read(file, path)
}
