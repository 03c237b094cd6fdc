// Package dataset resolves the names of official results files psephos has
// been tested on (uk-ge-2024, uk-ge-2019, uk-ge-2019-notional, ...) to a
// local file: first in a data folder (laid out as the project's shared data,
// e.g. uk/ge2024/HoC-GE2024-results-by-candidate.csv), else in the user's
// cache, else downloaded once from the publisher into the cache.
//
// Every file is checked against the SHA-256 of the release psephos was
// tested on. A file that differs is reported with both hashes and is not
// used under the dataset's name (it can still be read by its path). Names
// are looked up in a fixed table; they are never joined into paths.
package dataset
