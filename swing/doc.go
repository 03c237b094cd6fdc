// Package swing projects seats from vote shares: given a baseline election
// (constituency results) and new vote shares for a whole country or for its
// nations and regions, it estimates every constituency's result and so the
// seats each party would win under first-past-the-post; a simulation layer
// adds national and local uncertainty and reports each party's seat
// distribution, the chance of a majority and each seat's win chances.
//
// # Notation
//
// Shares are fractions of a constituency's valid votes. For constituency k
// with valid votes vₖ, sₖ(g) is party g's baseline share and s′ₖ(g) its
// projected share; over an area A (the contests a set of target shares
// applies to) b(g) = Σₖ vₖ sₖ(g) / V(A) is the baseline share and t(g) the
// target share, V(A) = Σₖ vₖ. Turnout is held at the baseline: projected
// votes are s′ₖ(g)·vₖ. Parties not named in a target form one group, Others
// ("Oth"), projected as one party and split back among its candidates in
// proportion to their baseline votes in the seat.
//
// A named party that had no candidate in a seat of its territory is given
// one there ("(PARTY, projected)", baseline share 0): under uniform swing and
// the transition models it gains where it did not stand; proportional swing
// leaves it at 0. Others get no new candidates: their change applies only
// where other candidates stood.
//
// A party's territory T(g) within an area is the nations (election.Nation)
// where it had candidates in the baseline, or the whole area when it is
// named in Options.GBWide; a party standing in one nation (the SNP in
// Scotland, Plaid Cymru in Wales) gains or loses only there.
//
// # Models
//
//   - Uniform national swing ([Uniform], "uns"; D. E. Butler's additive
//     swing, as in the Nuffield election studies): s′ₖ(g) = sₖ(g) + δ(g),
//     δ(g) = (t(g) − b(g))·V(A)/V(T(g)), in every seat of the territory,
//     including seats the party did not fight in the baseline. A negative
//     share is set to 0 and each seat's shares are then rescaled to sum to 1
//     (the votes removed by the clip are taken from the other parties in
//     proportion to their shares), so national totals can then miss the
//     targets slightly; the projection reports the shares it reached.
//   - Proportional (ratio) swing ([Proportional], "proportional"):
//     s′ₖ(g) = sₖ(g)·t(g)/b(g), then each seat rescaled to sum to 1. A party
//     cannot gain where it had no votes, and a named party with no baseline
//     votes in an area is an error.
//   - Transition ([Transition], "transition"), written from the description
//     of Electoral Calculus's 2004 "transition model" (electoralcalculus.co.uk,
//     "Transition Model 2004"): a falling party (t < b) loses votes in
//     proportion to its local strength, s′ = s·t/b; the votes released in
//     seat k, Rₖ = Σ_falling (s − s′), go to the rising parties, each rising
//     party g gaining wₖ(g) = c(g)·Rₖ where c(g) = (t(g) − b(g))·V(A) /
//     Σ_{k∈T(g)} vₖRₖ, so a rising party gains most where the falling
//     parties were strong, and the national targets are met exactly. Shares
//     stay within [0, 1]; seats are rescaled only when territories make the
//     gains in a seat differ from its released votes. Where a rising party's
//     territory released no votes its gain is spread uniformly instead.
//   - Strong transition ([StrongTransition], "strong-transition"), written
//     from the description of Electoral Calculus's 2007 "strong transition
//     model": a party's support in a seat is weak up to a threshold θ of the
//     valid votes (default 20%) and strong beyond it. A falling party loses
//     weak supporters first: with W(g) and S(g) its weak and strong support
//     over the area and loss L = b − t, each seat's weak support is scaled by
//     1 − L/W when L ≤ W; otherwise all weak support goes and strong support
//     is scaled by 1 − (L − W)/S. Seats where a party is strong therefore
//     lose fewer votes than under the plain transition model. Rising parties
//     gain as in [Transition].
//
// Regional swings: a target may name an area (a nation or region, e.g.
// "Scotland"); its contests then use its shares. When a national target is
// given as well, it applies to the remaining contests after the regions'
// votes are taken out: t_rest(g) = (t(g)V(N) − Σᵣ tᵣ(g)V(r)) / V(rest), with
// a party not named in a region counted at its share of that region's
// Others. Contests outside every target (Options.Exclude, for example
// Northern Ireland under GB-wide shares) and seats held by a party in
// Options.Fixed (the Speaker) keep their baseline result.
//
// # Arithmetic and ties
//
// Projected shares are float64: they are statistical estimates, not counts
// of votes the law decides on. Within a seat the projected shares share one
// denominator, so the winner is the candidate with the largest projected
// share; two shares that are exactly equal are a tie, reported in
// Projection.Ties and never broken. The baseline's own winners are found by
// comparing integer votes. Aggregate candidate lines (several candidates
// reported together) are projected but never win.
//
// # Simulation
//
// [Simulate] runs the model many times with errors drawn from documented
// distributions (see [SimOptions]) from a seeded PCG-DXSM source, one
// independent stream per run, so a seed gives the same result whatever the
// number of workers.
//
// # What it does not do
//
// It does not model turnout changes, tactical voting, incumbency beyond the
// strong-transition threshold, new parties with no baseline votes (use a
// successor mapping where a party was renamed), or candidates standing down;
// it reads no files and prints nothing.
package swing
