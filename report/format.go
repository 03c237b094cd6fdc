package report

import (
	"fmt"
	"github.com/dustin/go-humanize"
	"math"
	"strings"
	"sync"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/psephos/psephos/election"
)

// Output formats.
const (
	Table    = "table"
	JSON     = "json"
	CSV      = "csv"
	Markdown = "markdown"
)

// Formats lists the output formats.
var Formats = []string{Table, JSON, CSV, Markdown}

// CheckFormat returns an error unless f is one of Formats.
func CheckFormat(f string) error {
	for _, g := range Formats {
		if f == g {
			return nil
		}
	}
	return fmt.Errorf("unknown output format %q; expected one of: %s", f, strings.Join(Formats, ", "))
}

// en formats numbers the English way; made on first use, so commands that
// print no table do not pay for it at start-up.
var en = sync.OnceValue(func() *message.Printer { return message.NewPrinter(language.English) })

// num formats a whole number with thousands separators: 28,809,340.
// (go-humanize's Comma: x/text's Printer took a tenth of writing a large
// stage table.)
func num(n int64) string { return humanize.Comma(n) }

// dec formats a float with d decimals and thousands separators.
func dec(x float64, d int) string { return en().Sprintf("%.*f", d, x) }

// round keeps d decimals, for stable JSON.
func round(x float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(x*p) / p
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// newTable returns a table styled for the terminal or Markdown.
func newTable(header table.Row) table.Writer {
	t := table.NewWriter()
	t.AppendHeader(header)
	t.SetStyle(table.StyleLight)
	t.Style().Format.Header = text.FormatDefault // keep header case as written
	return t
}

func render(t table.Writer, format string) string {
	if format == Markdown {
		return t.RenderMarkdown()
	}
	return t.Render()
}

func rightAlign(t table.Writer, cols ...int) {
	cfg := make([]table.ColumnConfig, 0, len(cols))
	for _, c := range cols {
		cfg = append(cfg, table.ColumnConfig{Number: c, Align: text.AlignRight, AlignHeader: text.AlignRight})
	}
	t.SetColumnConfigs(cfg)
}

// share is a as a percentage of b (0 when b is 0).
func share(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// heading writes a title: a Markdown heading, or the text underlined with
// = (level 1) or - (level 2) for the terminal.
func heading(b *strings.Builder, format string, level int, s string) {
	if format == Markdown {
		fmt.Fprintf(b, "%s %s\n\n", strings.Repeat("#", level), s)
		return
	}
	fmt.Fprintf(b, "%s\n%s\n\n", s, strings.Repeat("=-"[level-1:level], len([]rune(s))))
}

// partyLabel names a party in a table row: "Reform UK (RUK)", or only the
// ID when the name is the ID ("CDU", not "CDU (CDU)").
func partyLabel(p election.Party) string {
	if p.Name == "" || p.Name == p.ID {
		return p.ID
	}
	return p.Name + " (" + p.ID + ")"
}
