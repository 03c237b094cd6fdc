// Package lot draws psephos's seeded lots: the documented, reproducible
// stand-in for the lot a returning officer draws when the law says a tie is
// decided by lot. It is used by every counting package that breaks ties by
// lot, so that one seed means one documented procedure everywhere.
//
// A draw is a permutation of n items, made by a Fisher–Yates shuffle whose
// indices come from a PCG-DXSM generator (math/rand/v2) seeded with
// (seed, FNV-1a-64 of a stream name), each index drawn by rejection so that
// it is unbiased. The caller puts the items in a documented canonical order
// (for example by name) before applying the permutation, so that the draw
// never depends on the order of the input.
//
// A seeded lot is not an official result; reports say so.
package lot
