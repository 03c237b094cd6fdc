package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

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

// num formats a whole number with thousands separators: 28,809,340.
func num(n int64) string { return group(strconv.FormatInt(n, 10)) }

// dec formats a float with d decimals and thousands separators: 1,234.57.
// The digits are strconv's, rounded from the float's exact value.
func dec(x float64, d int) string { return group(strconv.FormatFloat(x, 'f', d, 64)) }

// group puts a comma between each three digits of a formatted number's
// whole part. (x/text's message.Printer did this for num and dec until it
// was measured at a tenth of the time of writing a large stage table, and
// a part of every command's start-up.)
func group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if len(whole) <= 3 || strings.ContainsAny(whole, "IN") { // Inf, NaN
		return sign + s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/3 + 1)
	b.WriteString(sign)
	lead := len(whole) % 3
	if lead == 0 {
		lead = 3
	}
	b.WriteString(whole[:lead])
	for i := lead; i < len(whole); i += 3 {
		b.WriteByte(',')
		b.WriteString(whole[i : i+3])
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

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
