// Package hexjson reads HexJSON hex-cartogram layouts (Open Innovations'
// format, https://open-innovations.org/projects/hexmaps/hexjson): a
// "layout" (odd-r, even-r, odd-q or even-q offset coordinates) and "hexes",
// an object from area code to {"n": name, "q": column, "r": row, ...}. The
// UK's 650 constituencies of 2024 are laid out this way in
// uk-constituencies-2024.hexjson, keyed by PCON24CD like the results files.
//
// Errors name the file, the line, and what was wrong: an unknown layout, a
// hex without integer q and r, two hexes in one cell. Only n, q, r and
// region are read; other properties (such as a colour) are ignored.
package hexjson
